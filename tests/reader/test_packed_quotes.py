"""Step ``_packed_quotes``: annotations' quote, prefix and suffix are stored packed in a file
corpus (each on its own, only when that saves bytes), and every reader sees the same strings: a
database of the step before is packed in place (versions kept), new annotations are written
packed, the annotation list filters and sorts by the text, reanchoring after a text edit, the
annotation records, exports, merging from a file and copying to a server and back see the
strings as they were."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version
from reader.store.packed_text import GB18030, pack_short, unpack

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STEP = migmod.MIGRATIONS.index(migmod._packed_quotes) + 1


def _rows(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute('SELECT * FROM "annotation" ORDER BY "id"').fetchall()
    finally:
        con.close()


def _old_corpus(tmp_path: Path) -> tuple[Path, list[int]]:
    """A corpus at the step before with annotations of every shape: long and short quotes, an
    empty suffix, a character beyond the BMP; one edited once (its version is 2)."""
    from reader.ingest import ingest
    from reader.store.models import Annotation

    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=STEP - 1)
    ingest([str(SEEDS[0])])
    article = db.execute_sql('SELECT "id", "text" FROM "article" ORDER BY "id" LIMIT 1').fetchone()
    aid, text = article[0], unpack(article[1])
    anns = [(0, 60), (10, 12), (len(text) - 20, len(text)), (30, 31)]
    ids = []
    for start, end in anns:
        ann = Annotation.create(article=aid, start=start, end=end, quote=text[start:end],
                                prefix=text[max(0, start - 32):start], suffix=text[end:end + 32], author="甲")
        ids.append(ann.id)
    Annotation.create(article=aid, start=0, end=3, quote="𠮷野家", prefix="", suffix="", author="乙", status="orphan")
    Annotation.update(note="改过").where(Annotation.id == ids[0]).execute()
    assert all(isinstance(v, str) for r in _rows(path) for v in r[4:7])  # plain before the step
    db.close()
    return path, ids


def test_the_step_packs_quotes_in_place_and_keeps_every_value(tmp_path: Path) -> None:
    path, _ids = _old_corpus(tmp_path)
    before = _rows(path)
    db = open_db(path, migrate_to=STEP)
    assert schema_version(db) == STEP
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # rewritten compactly
    db.close()
    after = _rows(path)
    assert [tuple(unpack(v) for v in r) for r in after] == before  # versions and every column kept
    packed = [v for r in after for v in r[4:7] if isinstance(v, bytes)]
    assert packed and all(v[:1] == bytes((GB18030,)) for v in packed)
    for r_old, r_new in zip(before, after):
        for old, new in zip(r_old[4:7], r_new[4:7]):
            assert len(new.encode() if isinstance(new, str) else new) <= len(old.encode())
            assert isinstance(new, bytes) == isinstance(pack_short(old), bytes)


def test_pack_short_only_when_it_saves() -> None:
    assert pack_short("") == ""
    assert pack_short("ab") == "ab"  # a packed value would be larger
    text = "中国企业在非洲生产经营，帮助非洲创造了大量的就业岗位。"
    assert isinstance(pack_short(text), bytes) and unpack(pack_short(text)) == text
    assert pack_short("\ud800孤") == "\ud800孤"  # a lone surrogate stays text
    assert unpack(pack_short("𠮷" * 40)) == "𠮷" * 40


def test_readers_see_the_same_strings_after_the_step(tmp_path: Path) -> None:
    path, ids = _old_corpus(tmp_path)
    con = sqlite3.connect(path)
    expected = {r[0]: r[4:7] for r in con.execute('SELECT * FROM "annotation"')}
    con.close()
    corpus = Corpus(path)
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        records = {a.id: (a.quote, a.prefix, a.suffix) for a in corpus.annotations()}
        assert records == expected
        assert (corpus.annotation(ids[0]).quote, corpus.annotation(ids[0]).prefix) == expected[ids[0]][:2]
        # the list filters by the quote's text and sorts by it
        from reader.coding.annotations import AnnotationQuery

        word = expected[ids[0]][0][3:7]
        hits = corpus.annotation_ids(AnnotationQuery(text=word))
        assert ids[0] in hits and set(hits) == {i for i, q in expected.items() if word in q[0]}
        by_quote = corpus.annotation_ids(AnnotationQuery(), sort="quote")
        assert by_quote == [i for i, _q in sorted(expected.items(), key=lambda kv: (kv[1][0].encode(), kv[0]))]
        assert [r.record.quote for r in corpus.annotation_rows(by_quote)] == [expected[i][0] for i in by_quote]
        # new annotations are written packed and read back the same
        aid = corpus.annotations()[0].article_id
        new = corpus.annotate(aid, 100, 160, tags=["码"])
        con = sqlite3.connect(path)
        stored = con.execute('SELECT "quote", "prefix", "suffix" FROM "annotation" WHERE "id" = ?', (new.id,)).fetchone()
        con.close()
        assert all(isinstance(v, bytes) for v in stored)
        text = corpus.article(aid).text
        assert (new.quote, new.prefix, new.suffix) == (text[100:160], text[68:100], text[160:192])
    finally:
        corpus.close()


def test_reanchoring_after_a_text_edit_reads_the_packed_anchor(tmp_path: Path) -> None:
    from reader.coding.annotations import _reanchor_one
    from reader.store.models import Annotation, Article, database

    path, ids = _old_corpus(tmp_path)
    corpus = Corpus(path)
    try:
        first = corpus.annotation(ids[0])
        row = Article.get_by_id(first.article_id)
        database.execute_sql('UPDATE "article" SET "text" = ? WHERE "id" = ?', ("插入的话。" + row.text, row.id))
        outcome = _reanchor_one(Annotation.get_by_id(ids[0]), "插入的话。" + row.text)
        assert outcome.new == (first.start + 5, first.end + 5)
        moved = corpus.annotation(ids[0])
        new_text = "插入的话。" + row.text
        assert (moved.quote, moved.prefix, moved.suffix) == (
            first.quote, new_text[max(0, moved.start - 32):moved.start], new_text[moved.end:moved.end + 32])
    finally:
        corpus.close()


def test_exports_merge_and_server_copy_see_the_strings(tmp_path: Path, pg_uri: str) -> None:
    path, _ids = _old_corpus(tmp_path)
    corpus = Corpus(path)
    expected = {a.id: (a.quote, a.prefix, a.suffix) for a in corpus.annotations()}
    out = tmp_path / "w3c.jsonld"
    from reader.exchange.exporting import ExportFilters, export

    export(corpus, "w3c", str(out), ExportFilters())
    corpus.close()
    exported = json.loads(out.read_text(encoding="utf-8"))
    items = exported.get("items", exported.get("first", {}).get("items", [])) if isinstance(exported, dict) else exported
    quotes = sorted(s["exact"] for item in items for t in ([item["target"]] if isinstance(item["target"], dict)
                                                           else item["target"])
                    for s in ([t.get("selector")] if isinstance(t.get("selector"), dict) else t.get("selector") or [])
                    if s and s.get("type") == "TextQuoteSelector")
    assert quotes and set(quotes) <= {q[0] for q in expected.values()}
    # a merge reads the annotations of a corpus file by raw SQL
    from reader.coding.merge_read import read_corpus

    merged = read_corpus(path)
    assert sorted((a.quote, a.prefix, a.suffix) for a in merged.annotations) == sorted(expected.values())
    # a server keeps plain text; copied back to a file the values are packed again, the same bytes
    run = [sys.executable, "-m", "reader", "copy"]
    subprocess.run([*run, str(path), pg_uri, "--json", "-q"], capture_output=True, text=True, check=True, cwd=ROOT)
    server = Corpus(pg_uri)
    try:
        rows = server.db.execute_sql('SELECT "id", "quote", "prefix", "suffix" FROM "annotation"').fetchall()
    finally:
        server.close()
    assert {r[0]: tuple(r[1:]) for r in rows} == expected and all(isinstance(v, str) for r in rows for v in r[1:])
    back = tmp_path / "back.sqlite3"
    subprocess.run([*run, pg_uri, str(back), "--json", "-q"], capture_output=True, text=True, check=True, cwd=ROOT)
    assert _rows(back) == _rows(path)


def test_the_quote_filter_finds_packed_and_plain_values_as_like_does(tmp_path: Path) -> None:
    from reader.coding.annotations import AnnotationQuery

    path, ids = _old_corpus(tmp_path)
    corpus = Corpus(path)
    try:
        aid = corpus.annotations()[0].article_id
        corpus.db.execute_sql(  # a plain TEXT value, as another tool may write one
            'INSERT INTO "annotation" ("article_id", "start", "end", "quote", "prefix", "suffix", "note", "author", '
            '"status", "created", "updated") VALUES (?, 0, 1, ?, \'\', \'\', \'\', \'甲\', \'orphan\', '
            'CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)', (aid, "外来的Pizhu引文"))
        plain = corpus.db.execute_sql('SELECT max("id") FROM "annotation"').fetchone()[0]
        quotes = {a.id: a.quote for a in corpus.annotations()}
        assert quotes[plain] == "外来的Pizhu引文"
        fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # LIKE folds ASCII only
        for part in ("引文", "pizhu", "PIZHU引", "的P", quotes[ids[0]][2:9], "z_u", "z%u", "不在其中的词"):
            like = {i for i, q in quotes.items() if part.translate(fold) in q.translate(fold)}  # wildcards literal
            assert set(corpus.annotation_ids(AnnotationQuery(text=part))) == like, part
        assert set(corpus.annotation_ids(AnnotationQuery(text="z_u"))) == set()
    finally:
        corpus.close()
