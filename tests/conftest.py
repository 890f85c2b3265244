"""Shared fixtures: a template corpus with the seeds ingested once per test run (through the same
``open_db`` and ingest as production), copied per test.

The suite runs in parallel (pytest-xdist, ``-n auto`` in pyproject's addopts): each worker is a
session of its own with its own PostgreSQL cluster; the file templates are built once per run,
by the first worker that needs one, and the others wait for it (see :func:`_run_wide`)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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

# The recogniser's compiled dictionaries (reader/text/ner/lexicon.py, ~5 s to build) are cached in
# one folder per checkout for the whole run and its subprocesses, also for the tests that point
# HOME or XDG_CACHE_HOME elsewhere (a cold cache in each of those was a rebuild per test or
# subprocess), and apart from other checkouts' caches (the cache is keyed by the files' times:
# two checkouts sharing ~/.cache/pizhu rebuilt it in turn).  The tests of the cache itself set
# their own PIZHU_CACHE_DIR.
os.environ.setdefault("PIZHU_CACHE_DIR", str(
    Path(tempfile.gettempdir()) / f"pizhu-test-cache-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]}"))


@contextmanager
def _run_wide(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder ``name`` shared by the whole test run, held under a lock: under pytest-xdist the
    workers' base folders sit in one folder of the run, so the first worker to need a template
    builds it there and the others wait, then copy it (without xdist: this session's folder)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / f"run-{name}"
    folder.mkdir(exist_ok=True)
    try:
        import fcntl
    except ImportError:  # no flock (Windows): each worker builds its own
        folder = tmp_path_factory.mktemp(name)
        yield folder
        return
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


def build_template(tmp_path_factory: pytest.TempPathFactory, name: str, pages: list[Path]) -> Path:
    """A corpus of ``pages`` ingested once per run (a file named ``name``; copy it, never open it)."""
    with _run_wide(tmp_path_factory, name) as folder:
        path = folder / name
        if not path.exists():
            from reader.corpus import Corpus

            building = folder / f"building-{name}"
            corpus = Corpus(building)
            report = corpus.ingest(pages)
            assert not report.failed, report.failed
            corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            corpus.close()
            os.replace(building, path)
        return path


@pytest.fixture(scope="session")
def template_of(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``template_of(name, pages)``: :func:`build_template` for conftests further down."""
    return lambda name, pages: build_template(tmp_path_factory, name, pages)


@pytest.fixture(scope="session")
def seeded_template(template_of) -> Path:  # type: ignore[no-untyped-def]
    return template_of("seeded.sqlite3", [SEEDS])


# -- the backend a test runs on ---------------------------------------------------------------
# The store and corpus test modules of tests/reader/backends.py run twice: on a file corpus and
# on a corpus of the throw-away PostgreSQL cluster (the ``server`` parameter, marked ``server``:
# ``-m "not server"`` leaves them out, ``--backends file`` too).  A test that exercises what only
# a file corpus has is marked ``file_only("why")`` and runs once.
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backends", default="file,server",
                     help="backends the both-backend tests run on (file,server)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run on a file corpus and on a server corpus")
    config.addinivalue_line("markers", "file_only(reason): a file-corpus feature; not run on a server")
    config.addinivalue_line("markers", "server: runs on the throw-away PostgreSQL cluster")


BOTH_BACKENDS = frozenset(f"tests/reader/{name}.py" for name in (
    "test_annotations", "test_annotations_cli", "test_annotation_conflicts", "test_annotation_versions", "test_backup", "test_coders", "test_merge", "test_curation",
    "test_agreement", "test_corrections", "test_corrections_longer", "test_occurrence_fixes", "test_page_fixes",
    "test_search", "test_cli_search", "test_stats", "test_entity_index", "test_paged_lists", "test_ingest_progress",
    "test_reanchor_corpus", "test_ids_never_reused", "test_cli", "test_cli_entities", "test_export_jsonl_bio",
    "test_export_offsets", "test_export_refi", "test_export_streaming", "test_export_tables_reports",
    "test_export_variables", "test_export_w3c", "test_export_brat", "test_export_samples", "test_import_roundtrip",
    "test_import_pure_roundtrip", "test_import_foreign", "test_exchange_standalone", "test_nvivo_offsets",
    "analysis/test_an_cli", "analysis/test_an_phrases_autocode", "analysis/test_an_reprints_timeline",
    "analysis/test_an_variables", "analysis/test_an_words",
))


def _both(metafunc: pytest.Metafunc) -> bool:
    path = Path(str(metafunc.definition.fspath)).resolve().relative_to(ROOT).as_posix()
    return path in BOTH_BACKENDS or metafunc.definition.get_closest_marker("both_backends") is not None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames or not _both(metafunc):
        return
    wanted = metafunc.config.getoption("--backends").split(",")
    if metafunc.definition.get_closest_marker("file_only") is not None:
        wanted = [b for b in wanted if b == "file"]
    params = [pytest.param(b, marks=pytest.mark.server) if b == "server" else b for b in ("file", "server")
              if b in wanted]
    metafunc.parametrize("backend", params, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``file`` or ``server``: where this test's corpora are (``file`` unless parametrised)."""
    return str(getattr(request, "param", "file"))


@pytest.fixture
def corpus_at(backend: str, tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``corpus_at(name)``: where to make a new, empty corpus on this test's backend (a path
    under ``tmp_path``, or the URI of a fresh database holding the server schema)."""
    if backend == "file":
        return lambda name: tmp_path / name
    cluster = request.getfixturevalue("pg_cluster")
    template = request.getfixturevalue("empty_server_template")
    made: list[str] = []

    def make(name: str) -> str:
        made.append(cluster.new_database(template=template))
        return made[-1]

    request.addfinalizer(lambda: [cluster.drop(uri) for uri in made])
    return make


@pytest.fixture
def seeded_path(backend: str, seeded_template: Path, tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A fresh seeded corpus: a file (Path) or, on the server backend, a database (its URI)."""
    if backend == "server":
        cluster = request.getfixturevalue("pg_cluster")
        uri = cluster.new_database(template=request.getfixturevalue("seeded_server_template"))
        yield uri
        cluster.drop(uri)
        return
    target = tmp_path / "corpus.sqlite3"
    shutil.copyfile(seeded_template, target)
    yield target


@pytest.fixture
def duplicate(backend: str, corpus_at, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``duplicate(location, name, as_file=False)``: a copy of the (closed) corpus at
    ``location`` on this test's backend (a file copied, or the server corpus copied into a
    fresh database), or always a file with ``as_file``."""
    def make(location: "Path | str", name: str, as_file: bool = False) -> "Path | str":
        target = tmp_path / name if as_file else corpus_at(name)
        if backend == "file":
            shutil.copyfile(location, target)
        else:
            from reader.store.copying import copy_corpus

            copy_corpus(location, target)
        return target

    return make


@pytest.fixture
def other_writer():  # type: ignore[no-untyped-def]
    """``other_writer(location, sql, params)``: another connection (sqlite3 or psycopg2, not
    Pizhu) runs one statement (``?`` placeholders) on the corpus at ``location`` and commits."""
    def write(location: "Path | str", sql: str, params: tuple = ()) -> None:  # type: ignore[type-arg]
        if isinstance(location, str) and location.startswith("postgresql://"):
            import psycopg2

            con = psycopg2.connect(location)
            sql = sql.replace("?", "%s")
        else:
            import sqlite3

            con = sqlite3.connect(location)  # type: ignore[assignment]
        try:
            con.cursor().execute(sql, params)
            con.commit()
        finally:
            con.close()

    return write


@pytest.fixture
def corpus(seeded_path: Path) -> Iterator["object"]:
    from reader.corpus import Corpus

    c = Corpus(seeded_path)
    yield c
    c.close()


@pytest.fixture
def empty_corpus(corpus_at) -> Iterator["object"]:  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    c = Corpus(corpus_at("empty.sqlite3"))
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
    _CLUSTERS.append(cluster)
    yield cluster
    _CLUSTERS.remove(cluster)
    cluster.stop()  # type: ignore[attr-defined]


_CLUSTERS: list[object] = []


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """After each test, the databases it made on the test server are dropped (the session's
    templates are kept)."""
    yield
    for cluster in _CLUSTERS:
        cluster.drop_made()  # type: ignore[attr-defined]


@pytest.fixture
def pg_uri(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """The URI of a new, empty database on the test server."""
    return pg_cluster.new_database()


@pytest.fixture(scope="session")
def seeded_server_template(pg_cluster, seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    """The name of a server database holding the seeded corpus (copied from the file template)."""
    from reader.store.copying import copy_corpus

    uri = pg_cluster.new_database(keep=True)
    own = tmp_path_factory.mktemp("server-template") / "seeded.sqlite3"
    shutil.copyfile(seeded_template, own)  # the run's template is shared: copied, never opened
    copy_corpus(own, uri)
    return uri.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def empty_server_template(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """The name of a server database holding the schema and nothing else."""
    from reader.store.postgres import init_server

    uri = pg_cluster.new_database(keep=True)
    init_server(uri)
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
