"""``copy SRC DST`` (issue 17): a corpus goes file -> server -> file and comes back with every
table equal, row for row, ids included."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import entity_pack

ROOT = Path(__file__).resolve().parents[2]


def _enrich(path: Path) -> int:
    """Give the seeded corpus at ``path`` one of everything a copy must carry; returns the id
    of a deleted annotation (the highest one ever handed out)."""
    from reader.coding import corrections
    from reader.corpus import Corpus
    from reader.store.models import EntityAlias

    c = Corpus(path, coder="ann")
    ids = [a.id for a in c.articles()]
    c.annotate(ids[0], 0, 4, tags=["政策"], note="甲")
    c.annotate(ids[1], 2, 9, tags=["人物", "政策"], author="bo")
    child = c.create_tag("子码")
    parent = c.create_tag("父码")  # made after its child: its id is higher
    c.move_tag(c.tag_by_name("子码").id, c.tag_by_name("父码").id)
    c.annotate(ids[2], 1, 3, tags=["子码"], note="𠮷 non-BMP")
    c.set_article_note(ids[0], "check the byline")
    c.set_article_tags(ids[0], ["to check", "front page"])
    c.set_article_state(ids[3], "starred")
    corrections.add_entity(c, c.article(ids[0]).text[5:8], "ORG")
    EntityAlias.create(alias="娄星区", canonical="娄底市娄星区", type="LOC")
    c.set_meta("custom", "值")
    gone = c.annotate(ids[4], 0, 2, tags=["删"])
    c.delete_annotation(gone.id)
    del child, parent
    c.close()
    return gone.id


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'article_index_%' ORDER BY name")]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def test_file_to_server_to_file_keeps_every_table(seeded_path: Path, pg_uri: str, tmp_path: Path) -> None:
    from reader.corpus import Corpus

    deleted = _enrich(seeded_path)
    before = _tables(seeded_path)
    spans = sum(len(entity_pack.decode(blob)) for _article, blob in before["entity_pack"])
    assert before["annotation"] and before["article_tag"] and before["entity_alias"] and before["entity_pack"]
    run = [sys.executable, "-m", "reader", "copy"]
    out = subprocess.run([*run, str(seeded_path), pg_uri, "--json", "-q"], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert json.loads(out.stdout) == {"articles": len(before["article"]), "annotations": len(before["annotation"]),
                                      "entities": spans, "model": None}
    back = tmp_path / "back.sqlite3"
    out = subprocess.run([*run, pg_uri, str(back), "--json", "-q"], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert json.loads(out.stdout)["annotations"] == len(before["annotation"])
    after = _tables(back)
    assert sorted(after) == sorted(before)
    for name in before:
        assert after[name] == before[name], name
    # the id high-water mark travels: a file corpus that never reuses ids (AUTOINCREMENT keeps it
    # in sqlite_sequence) hands out ids past the deleted one on the server too
    never_reused = any(r[0] == "annotation" for r in before.get("sqlite_sequence", []))
    expected = deleted + 1 if never_reused else max(r[0] for r in before["annotation"]) + 1
    server = Corpus(pg_uri)
    assert server.annotate(server.articles()[0].id, 0, 1).id == expected
    server.close()
    copied, original = Corpus(back), None
    hits = [h.article_id for h in _search(copied, "政策 OR 娄底")]
    copied.close()
    original = Corpus(seeded_path)
    assert hits and hits == [h.article_id for h in _search(original, "政策 OR 娄底")]
    original.close()


def _search(corpus, query: str) -> list:  # type: ignore[no-untyped-def]
    from reader.store import search as S
    from reader.store.models import database

    database.initialize(corpus.db)
    return S.search(query, limit=None)


def test_copy_needs_an_empty_destination_and_leaves_it_alone_when_cancelled(
        seeded_path: Path, pg_uri: str, tmp_path: Path) -> None:
    from reader.store.copying import CopyError, copy_corpus
    from reader.store.postgres import connect

    calls: list[str] = []
    report = copy_corpus(seeded_path, pg_uri, progress=lambda d, t, label: calls.append(label),
                         cancelled=lambda: len(calls) > 2)
    assert report.articles == 0 and len(calls) == 3
    db = connect(pg_uri)
    assert db.execute_sql('SELECT COUNT(*) FROM "entity_type"').fetchone()[0] == 5  # untouched
    assert db.execute_sql('SELECT COUNT(*) FROM "article"').fetchone()[0] == 0
    db.close()
    full = copy_corpus(seeded_path, pg_uri)
    assert full.articles == 40 and full.entities > 0
    with pytest.raises(CopyError, match="already holds articles"):
        copy_corpus(seeded_path, pg_uri)
    with pytest.raises(CopyError, match="already holds articles"):
        copy_corpus(pg_uri, seeded_path)


def test_a_backup_of_a_server_corpus_into_a_sqlite3_file_is_a_file_corpus(server_corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    c = server_corpus
    c.annotate(c.articles()[0].id, 0, 3, tags=["备份"])
    assert c.backup("reingest") is None  # automatic backups are the server's business
    path = c.backup("manual", tmp_path / "mine.sqlite3")  # asked for as a file corpus
    assert path == tmp_path / "mine.sqlite3"
    assert c.annotations()[0].tags == ("备份",)  # the open server corpus is still the one bound
    copy = Corpus(path)
    assert [a.tags for a in copy.annotations()] == [("备份",)] and len(copy.articles()) == 40
    copy.close()
