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


def _retrained_server(corpus: Corpus, content: bytes) -> None:
    """Give the server ``corpus`` a retrained model (as ``entity retrain`` leaves it) holding ``content``."""
    from reader.store import server_model

    server_model.put(corpus.db, content, "ann", {"file": "m.crfsuite", "user_sentences": 1})


def _stored(corpus: Corpus) -> bytes | None:
    from reader.store import server_model

    return server_model.model_bytes(corpus.db)


def test_a_server_corpus_keeps_its_retrained_model_in_the_database_and_a_copy_here_by_its_hash(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from reader.coding import retrain

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = Corpus(server)
    with pytest.raises(Exception, match="server database"):
        retrain.model_file(corpus)  # no file of its own
    _retrained_server(corpus, b"model")
    sha = hashlib.sha256(b"model").hexdigest()
    local = retrain.corpus_model(corpus)
    assert local == tmp_path / "cache" / "pizhu" / "server-models" / local.parent.name / f"{sha}.crfsuite"
    assert local.read_bytes() == b"model"
    local.unlink()  # a lost copy is fetched again
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # started from another folder: the same model is found
    assert retrain.corpus_model(corpus) == local and local.read_bytes() == b"model"
    _retrained_server(corpus, b"model two")  # a new model: a new copy, the old one goes
    again = retrain.corpus_model(corpus)
    assert again != local and again.read_bytes() == b"model two" and not local.exists()
    assert not (tmp_path / "data" / "pizhu" / "server-models").exists()  # nothing kept in the data folder
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
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = Corpus(server)
    plain = corpus.backup()  # made with the shipped model: no model with it
    assert not list(plain.parent.glob("*.ner-model*"))
    _retrained_server(corpus, b"model one")
    made = corpus.backup()
    if kind == "file":  # a file corpus with its own model beside it, as any copy to a file
        assert backup_model.backup_model_file(made).read_bytes() == b"model one"
    _retrained_server(corpus, b"model two")  # retrained again after the backup
    before = corpus.restore(made)
    assert _stored(corpus) == b"model one" and retrain.corpus_model(corpus).read_bytes() == b"model one"
    corpus.restore(plain)  # back to a state with the shipped model: the retrained one goes, for everyone
    assert retrain.model_facts(corpus) is None and retrain.corpus_model(corpus) is True and _stored(corpus) is None
    corpus.restore(before)  # the state before the first restore, with its model
    assert _stored(corpus) == b"model two" and retrain.corpus_model(corpus).read_bytes() == b"model two"
    corpus.close()


def test_a_file_backup_made_before_the_model_moved_into_the_database_restores_with_its_model(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from reader.store import backup_model

    _no_pg_dump(tmp_path, monkeypatch)
    corpus = Corpus(server)
    old = corpus.backup()  # then made as before: the meta row names the model, a .ner-model copy beside
    con = sqlite3.connect(old)
    with con:
        con.execute('INSERT INTO "meta" ("key", "value") VALUES (?, ?)',
                    ("ner.model", json.dumps({"file": "t.ner-model.crfsuite", "user_sentences": 5})))
    con.close()
    backup_model.sidecar(old).write_bytes(b"old model")
    corpus.restore(old)
    assert _stored(corpus) == b"old model"
    corpus.close()
