"""Backups of a server corpus on the throw-away cluster: ``pg_dump`` archives when a ``pg_dump``
can dump the server, a file corpus otherwise; restore in place from either, ids never reused,
the state before a restore kept; the CLI's ``backup``/``backups``/``restore`` on a server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus import Corpus
from reader.store.db import DatabaseError

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.server


@pytest.fixture
def server(pg_cluster, seeded_server_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    uri = pg_cluster.new_database(template=seeded_server_template)
    yield uri
    pg_cluster.drop(uri)


def _no_pg_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PIZHU_PG_BINDIR", str(empty))


@pytest.mark.parametrize("kind", ["dump", "file"])
def test_restore_in_place_brings_the_backup_back_and_never_reuses_ids(server: str, tmp_path: Path, kind: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.store.server_backup import tool

    if kind == "dump" and tool("pg_dump") is None:
        pytest.skip("no pg_dump installed")
    if kind == "file":
        _no_pg_dump(tmp_path, monkeypatch)
    corpus = Corpus(server)
    kept = corpus.annotate(1, 0, 4, tags=["留"], note="before")
    backup = corpus.backup()
    assert backup.suffix == (".dump" if kind == "dump" else ".sqlite3")
    listed = corpus.backups()
    assert [b.path for b in listed] == [backup] and listed[0].annotations == 1 and listed[0].reason == "manual"
    later = corpus.annotate(1, 5, 9, tags=["后来"], note="after")
    corpus.update_annotation(kept.id, note="changed")
    before = corpus.restore(backup)
    assert [(a.id, a.note, a.tags) for a in corpus.annotations()] == [(kept.id, "before", ("留",))]
    again = corpus.annotate(1, 10, 12, tags=["再"])
    assert again.id > later.id  # an id handed out after the backup is not handed out again
    states = {b.reason: b for b in corpus.backups()}
    assert states["restore"].path == before and states["restore"].annotations == 2
    corpus.restore(before)  # and the state before can be brought back
    assert sorted(a.note for a in corpus.annotations()) == ["after", "changed"]
    from reader.store import search as S

    assert S.search("巡察")  # the index came back too
    corpus.close()


def test_a_restore_refuses_what_is_not_a_backup_and_changes_nothing(server: str, tmp_path: Path) -> None:
    corpus = Corpus(server)
    corpus.annotate(1, 0, 2, tags=["留着"])
    fake = tmp_path / "fake.dump"
    fake.write_bytes(b"PGDMP not really")
    text = tmp_path / "notes.sqlite3"
    text.write_text("不是数据库" * 100, encoding="utf-8")
    for bad in (fake, text, tmp_path / "missing.sqlite3"):
        with pytest.raises(DatabaseError, match="restore|backup"):
            corpus.restore(bad)
    assert [a.tags for a in corpus.annotations()] == [("留着",)]
    assert corpus.backups() == []  # nothing was backed up for a restore that never started
    corpus.close()


def test_cli_backup_backups_restore_on_a_server(server: str, tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--db", server, *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=300)

    assert cli("annotate", "1", "--start", "0", "--end", "2", "--tag", "先").returncode == 0
    made = cli("backup")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.exists()
    mine = cli("backup", str(tmp_path / "mine.sqlite3"))  # a file corpus asked for by name
    assert mine.returncode == 0 and Corpus(str(tmp_path / "mine.sqlite3")).annotations()[0].tags == ("先",)
    assert cli("annotate", "1", "--start", "3", "--end", "5", "--tag", "后").returncode == 0
    listing = json.loads(cli("backups", "--json").stdout)
    assert [r["annotations"] for r in listing if r["reason"] == "manual"] == [1]
    restored = cli("restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert "1 annotation(s)" in restored.stdout


def _retrained_server(corpus: Corpus, content: bytes) -> Path:
    """Give the server ``corpus`` a retrained model (as ``entity retrain`` leaves it) holding ``content``."""
    from reader.coding import retrain

    target = retrain.model_file(corpus)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": target.name, "user_sentences": 1}))
    return target


def test_a_server_corpus_keeps_its_retrained_model_in_this_machines_folder_not_the_working_one(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.coding import retrain

    corpus = Corpus(server)
    home = retrain.model_file(corpus)
    assert home.is_absolute() and home.is_relative_to(tmp_path / "data" / "pizhu" / "server-models")
    _retrained_server(corpus, b"model")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # started from another folder: the same model is found
    assert retrain.corpus_model(corpus) == home
    corpus.close()


@pytest.mark.parametrize("kind", ["dump", "file"])
def test_a_server_backup_carries_the_retrained_model_and_restore_puts_it_back(
        server: str, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.coding import retrain
    from reader.store import backup_model
    from reader.store.server_backup import tool

    if kind == "dump" and tool("pg_dump") is None:
        pytest.skip("no pg_dump installed")
    if kind == "file":
        _no_pg_dump(tmp_path, monkeypatch)
    corpus = Corpus(server)
    plain = corpus.backup()  # made with the shipped model: no copy beside it
    assert not backup_model.sidecar(plain).exists()
    model = _retrained_server(corpus, b"model one")
    made = corpus.backup()
    assert backup_model.sidecar(made).read_bytes() == b"model one"
    model.write_bytes(b"model two")  # retrained again after the backup
    before = corpus.restore(made)
    assert model.read_bytes() == b"model one" and retrain.corpus_model(corpus) == model
    assert backup_model.sidecar(before).read_bytes() == b"model two"  # the state before, with its model
    corpus.restore(plain)  # back to a state with the shipped model: the retrained file goes
    assert retrain.model_facts(corpus) is None and retrain.corpus_model(corpus) is True and not model.exists()
    corpus.restore(before)
    assert model.read_bytes() == b"model two" and retrain.corpus_model(corpus) == model
    corpus.close()
