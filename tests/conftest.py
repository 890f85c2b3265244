"""Shared fixtures: a template corpus with the seeds ingested once per session (through the same
``open_db`` and ingest as production), copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs property tests on a fixed seed so that a run is reproducible; locally they explore.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PIZHU_AUTHOR", "tester")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reader.corpus import Corpus

    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    corpus = Corpus(path)
    report = corpus.ingest([SEEDS])
    assert not report.failed, report.failed
    corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return path


@pytest.fixture
def seeded_path(seeded_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corpus.sqlite3"
    shutil.copyfile(seeded_template, target)
    return target


@pytest.fixture
def corpus(seeded_path: Path) -> Iterator["object"]:
    from reader.corpus import Corpus

    c = Corpus(seeded_path)
    yield c
    c.close()


@pytest.fixture
def empty_corpus(tmp_path: Path) -> Iterator["object"]:
    from reader.corpus import Corpus

    c = Corpus(tmp_path / "empty.sqlite3")
    yield c
    c.close()


# -- server corpora (PostgreSQL): a throw-away cluster per session, see tests/pg_cluster.py ----
@pytest.fixture(scope="session")
def pg_cluster() -> Iterator["object"]:
    import pg_cluster as pgc

    try:
        import psycopg2  # noqa: F401
    except ImportError:
        pytest.skip("psycopg2 is not installed")
    external = os.environ.get("PIZHU_TEST_PG")
    if external:
        cluster: object = pgc.External(external)
    else:
        bindir = pgc.find_bindir()
        if bindir is None:
            pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
        cluster = pgc.Cluster(bindir)
    yield cluster
    cluster.stop()  # type: ignore[attr-defined]


@pytest.fixture
def pg_uri(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """The URI of a new, empty database on the test server."""
    return pg_cluster.new_database()


@pytest.fixture(scope="session")
def seeded_server_template(pg_cluster, seeded_template: Path) -> str:  # type: ignore[no-untyped-def]
    """The name of a server database holding the seeded corpus (copied from the file template)."""
    from reader.store.copying import copy_corpus

    uri = pg_cluster.new_database()
    copy_corpus(seeded_template, uri)
    return uri.rsplit("/", 1)[1]


@pytest.fixture
def server_corpus(pg_cluster, seeded_server_template: str) -> Iterator["object"]:  # type: ignore[no-untyped-def]
    """A seeded corpus on the test server, fresh for each test."""
    from reader.corpus import Corpus

    c = Corpus(pg_cluster.new_database(template=seeded_server_template))
    yield c
    c.close()


@pytest.fixture(scope="session")
def pg_password_role(pg_cluster):  # type: ignore[no-untyped-def]
    """``(user, password)`` of a role the test server signs in by password only (scram), for
    the sign-in tests; skipped on an external server (its access rules are not ours)."""
    data = getattr(pg_cluster, "data", None)
    if data is None:
        pytest.skip("needs the throw-away cluster (its pg_hba.conf is changed)")
    user, password = "coder_pw", "s3cret:密码"
    hba = data / "pg_hba.conf"
    rules = hba.read_text(encoding="utf-8")
    lines = f"host all {user} 127.0.0.1/32 scram-sha-256\nlocal all {user} scram-sha-256\n"
    hba.write_text(lines + rules, encoding="utf-8")
    pg_cluster.admin(f"CREATE ROLE {user} LOGIN SUPERUSER PASSWORD '{password}'")
    pg_cluster.admin("SELECT pg_reload_conf()")
    return user, password


@pytest.fixture
def no_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No desktop keyring (keyring's "fail" backend); libpq's password file in ``tmp_path``,
    returned (it may not exist yet)."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield tmp_path / "pgpass"
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:  # type: ignore[type-arg]
    """A keyring backend kept in memory (the tests' stand-in for a desktop's); yields what it
    holds, ``{(service, name): password}``.  libpq's password file points into ``tmp_path``."""
    import keyring
    from keyring.backend import KeyringBackend

    kept: dict[tuple[str, str], str] = {}

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            kept.pop((service, username), None)

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    yield kept
    keyring.set_keyring(previous)
