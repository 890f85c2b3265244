"""Article text stored deflated (step ``_packed_text``): migrated with data, read the same everywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import PAGE_SIZE, open_db, schema_version
from reader.store.packed_text import pack, unpack

SEEDS = Path(__file__).parents[2] / "seeds"
LONG = "区委书记李彦文主持会议，强调巡察整改要见实效。𠮷" * 6


def _step() -> int:
    return migmod.MIGRATIONS.index(migmod._packed_text) + 1


def _stored(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute('SELECT typeof("text"), typeof("segments") FROM "article" ORDER BY "id"').fetchall()
    finally:
        con.close()


def test_pack_round_trips_and_leaves_short_text_plain() -> None:
    for text in ("", "短", LONG, "\ud800孤" * 40, "a\r\n\tb" * 30):
        assert unpack(pack(text)) == text
    assert isinstance(pack(LONG), bytes) and len(pack(LONG)) < len(LONG.encode()) / 2
    assert pack("短") == "短" and unpack(None) is None and unpack("plain") == "plain"


def _ids_and_total(query: str) -> tuple[set[int], int]:
    from reader.store.search import search_page

    page = search_page(query, limit=1000)
    return {h.article_id for h in page.hits}, page.total


def test_a_database_from_before_is_packed_and_reads_the_same(tmp_path: Path) -> None:
    from reader.ingest import ingest

    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=_step() - 1)
    assert schema_version(db) == _step() - 1
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]])
    from reader.store.models import Article

    before = {a.id: a.text for a in Article.select()}
    found_before = _ids_and_total("湖南")
    db.close()
    assert before and all(kinds == ("text", "text") for kinds in _stored(path))

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    kinds = [kind for kind, _s in _stored(path)]
    assert "blob" in kinds and set(kinds) <= {"blob", "text"}
    assert "blob" in {s for _k, s in _stored(path)}
    assert corpus.db.execute_sql("PRAGMA page_size").fetchone()[0] == PAGE_SIZE  # repacked
    assert corpus.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [s for a in before for s in [corpus.article(a).segments]] and all(
        corpus.article(a).segments for a in before)
    assert {i: corpus.article(i).text for i in before} == before
    assert corpus.db.execute_sql('SELECT COUNT(*) FROM "article_index_queue"').fetchone()[0] == 0  # not re-indexed
    assert found_before[1] > 0 and _ids_and_total("湖南") == found_before
    first = next(iter(before))
    sql = 'SELECT pizhu_text("text") FROM "article" WHERE "id" = ?'
    assert corpus.db.execute_sql(sql, (first,)).fetchone()[0] == before[first]
    corpus.close()


def test_new_text_is_written_packed_edited_and_searched(tmp_path: Path) -> None:
    from reader.store.models import Article

    corpus = Corpus(tmp_path / "new.sqlite3")
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:1]])
    longest = max(Article.select(), key=lambda a: len(a.text))
    text = longest.text
    raw = corpus.db.execute_sql('SELECT "text", typeof("text") FROM "article" WHERE "id" = ?', (longest.id,)).fetchone()
    assert raw[1] == "blob" and unpack(raw[0]) == text
    assert longest.id in _ids_and_total(text[10:14])[0]
    longest.text = text + "独一无二的补记"
    longest.save()
    corpus.db.execute_sql("SELECT 1")
    from reader.store.sqlite import SqliteStore

    SqliteStore(corpus.db).flush_index()
    assert _ids_and_total("独一无二的补记")[0] == {longest.id}
    corpus.close()


def test_the_shipped_dictionary_is_the_frozen_one() -> None:
    import hashlib

    from reader.store.packed_text import DICTIONARY_SHA256, dictionary

    assert hashlib.sha256(dictionary()).hexdigest() == DICTIONARY_SHA256
    assert len(dictionary()) == 32768  # deflate's window


def test_a_damaged_packed_text_is_refused_as_a_damaged_corpus_naming_the_file(tmp_path: Path) -> None:
    from reader.store.models import Article
    from reader.store.safety import StorageError

    path = tmp_path / "damaged.sqlite3"
    corpus = Corpus(path)
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:1]])
    longest = max(Article.select(), key=lambda a: len(a.text))
    stored = corpus.db.execute_sql('SELECT "text" FROM "article" WHERE "id" = ?', (longest.id,)).fetchone()[0]
    broken = bytearray(stored)
    broken[len(broken) // 2] ^= 0xFF  # one flipped byte inside the deflated text
    corpus.db.execute_sql('UPDATE "article" SET "text" = ? WHERE "id" = ?', (bytes(broken), longest.id))
    with pytest.raises(StorageError) as caught:
        corpus.article(longest.id)
    assert caught.value.code == "damaged" and str(path) in str(caught.value)
    corpus.close()


def test_unpack_many_reads_what_unpack_reads_and_refuses_damage(tmp_path: Path) -> None:
    """The batch reader (ISA-L's inflate when installed) gives each value as :func:`unpack` does,
    TEXT and short values included, and a damaged stream is the same storage error."""
    import zlib

    from reader.store.packed_text import dictionary, unpack_many
    from reader.store.safety import StorageError

    values = [pack(LONG), pack("短"), LONG, pack(LONG * 40), pack(LONG[::-1]), b"\x01" + zlib.compress(b"x" * 80)[2:-4],
              pack('[["title", 0, 17]]', segments=True), None]
    assert unpack_many(values) == [unpack(v) for v in values]
    assert unpack_many(values)[0] == LONG and len(dictionary()) == 32768
    broken = bytearray(pack(LONG * 40))
    broken[len(broken) // 2] ^= 0xFF
    broken[len(broken) // 3] ^= 0xFF
    path = tmp_path / "c.sqlite3"
    corpus = Corpus(path)
    try:
        with pytest.raises(StorageError) as caught:
            unpack_many([pack(LONG), bytes(broken)])
        assert caught.value.code == "damaged"
    finally:
        corpus.close()


def _structure_step() -> int:
    return migmod.MIGRATIONS.index(migmod._packed_structure) + 1


def test_structure_from_before_is_packed_reads_the_same_and_new_structure_is_written_packed(tmp_path: Path) -> None:
    """Step ``_packed_structure``: a database from the step before has its structure JSON
    deflated in place (the file rewritten compactly) and every reader sees the same values;
    a page ingested afterwards is stored packed too, and a file corpus copied to and from
    the plain form keeps them."""
    from reader.ingest import ingest
    from reader.store.export_rows import article_records
    from reader.store.models import Article
    from reader.store.packed_text import STRUCTURE_DICTIONARY

    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=_structure_step() - 1)
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]])
    before = {a.id: a.structure for a in Article.select()}
    records = article_records(sorted(before))
    db.close()
    con = sqlite3.connect(path)
    kinds = {k for (k,) in con.execute('SELECT typeof("structure") FROM "article"')}
    raw = sum(n for (n,) in con.execute('SELECT length("structure") FROM "article"'))
    con.close()
    assert kinds == {"text"} and any(s.get("parts") for s in before.values())

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    stored = corpus.db.execute_sql('SELECT typeof("structure"), length("structure") FROM "article"').fetchall()
    assert {k for k, _n in stored} <= {"blob", "text"} and "blob" in {k for k, _n in stored}
    assert sum(n for _k, n in stored) < raw / 3
    assert {a.id: a.structure for a in Article.select()} == before
    assert article_records(sorted(before)) == records
    assert corpus.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[2:3]])
    new = [a for a in Article.select() if a.id not in before]
    assert new and all(corpus.db.execute_sql('SELECT typeof("structure") FROM "article" WHERE "id" = ?', (a.id,))
                       .fetchone()[0] == ("blob" if len(__import__("json").dumps(a.structure)) >= 48 else "text")
                       for a in new)
    corpus.close()
    assert unpack(pack('{"parts": []}' * 10, structure=True)) == '{"parts": []}' * 10
    assert len(STRUCTURE_DICTIONARY) < 32768


def test_a_first_ingest_leaves_the_store_compact(tmp_path: Path) -> None:
    """After an ingest into an empty corpus the full-text index is one merged segment and the
    file has no slack a ``VACUUM`` would remove; a later ingest does not rewrite the file."""
    path = tmp_path / "c.sqlite3"
    corpus = Corpus(path)
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    pages = corpus.db.execute_sql("PRAGMA page_count").fetchone()[0]
    structure = corpus.db.execute_sql('SELECT block FROM "article_index_data" WHERE id = 10').fetchone()[0]
    assert corpus.db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0
    corpus.db.execute_sql("INSERT INTO article_index(article_index) VALUES ('optimize')")
    corpus.db.execute_sql("VACUUM")
    assert corpus.db.execute_sql("PRAGMA page_count").fetchone()[0] == pages
    assert corpus.db.execute_sql('SELECT block FROM "article_index_data" WHERE id = 10').fetchone()[0] == structure
    assert corpus.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _ids_and_total("湖南")[1] > 0
    corpus.close()


def _format2(text: str) -> bytes:
    """``pack`` as the program before step ``_ranked_text`` wrote text (frozen here)."""
    import zlib

    from reader.store.packed_text import dictionary

    packer = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=dictionary())
    return b"\x02" + packer.compress(text.encode("utf-8", "surrogatepass")) + packer.flush()


def test_ranked_text_round_trips_every_character_and_is_smaller() -> None:
    from reader.store.packed_text import RANKED, unpack_many

    odd = "".join(chr(c) for c in (0, 9, 10, 127, 128, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF)) * 5
    for text in (LONG, odd, "ASCII only, with digits 0123456789 and more." * 3, "𠮷" * 60):
        packed = pack(text)
        assert isinstance(packed, bytes) and packed[0] == RANKED and unpack(packed) == text
        assert unpack_many([packed, _format2(text)]) == [text, text]
    for text in ("\ud800孤\udfff" * 30, "\ud800\udc00" * 30):  # lone surrogates: UTF-16 would pair them
        packed = pack(text)
        assert isinstance(packed, bytes) and packed[0] == 2 and unpack(packed) == text and unpack_many([packed]) == [text]
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    assert len(pack(pages[:3000])) < 0.92 * len(_format2(pages[:3000]))


def test_the_shipped_character_ranks_are_the_frozen_ones() -> None:
    import hashlib

    from reader.store.packed_text import RANKS_SHA256

    data = (Path(__file__).parents[2] / "reader" / "store" / "text.ranks").read_bytes()
    assert hashlib.sha256(data).hexdigest() == RANKS_SHA256
    chars = data.decode("utf-8")
    assert len(set(chars)) == len(chars) == 8192 and not any(0xD800 <= ord(c) < 0xE000 for c in chars)


def test_a_database_from_before_the_ranked_format_is_repacked_and_reads_the_same(tmp_path: Path) -> None:
    from reader.ingest import ingest
    from reader.store.models import Article, database
    from reader.store.packed_text import RANKED

    step = migmod.MIGRATIONS.index(migmod._ranked_text) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    before = {a.id: a.text for a in Article.select()}
    for article_id, text in before.items():  # as the program before wrote them
        if len(text) >= 48:
            database.execute_sql('UPDATE "article" SET "text" = ? WHERE "id" = ?', (_format2(text), article_id))
    database.execute_sql('DELETE FROM "article_index_queue"')  # the rewrite above is no text change
    found_before = _ids_and_total("湖南")
    bytes_before = database.execute_sql('SELECT total(length("text")) FROM "article"').fetchone()[0]
    db.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    kinds = {r[0] for r in corpus.db.execute_sql(
        'SELECT substr("text", 1, 1) FROM "article" WHERE typeof("text") = \'blob\'').fetchall()}
    assert kinds == {bytes((RANKED,))}
    assert corpus.db.execute_sql('SELECT total(length("text")) FROM "article"').fetchone()[0] < 0.9 * bytes_before
    assert {i: corpus.article(i).text for i in before} == before
    assert corpus.db.execute_sql('SELECT COUNT(*) FROM "article_index_queue"').fetchone()[0] == 0  # not re-indexed
    assert corpus.db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'article_on_text'").fetchone()
    assert found_before[1] > 0 and _ids_and_total("湖南") == found_before
    corpus.close()


def test_unpack_many_units_gives_the_code_units_of_the_texts_or_none_beyond_the_bmp(tmp_path: Path) -> None:
    """The batch read as UTF-16 units (each text after the separator) holds what
    :func:`unpack_many` reads, format 5, format 2 and TEXT values alike; a batch with a
    character beyond the BMP (a surrogate pair: units are no longer positions) gives ``None``,
    and a damaged value is the same storage error."""
    import zlib

    import numpy as np

    from reader.store.packed_text import dictionary, unpack_many, unpack_many_units
    from reader.store.safety import StorageError

    bmp = LONG.replace("𠮷", "")
    legacy = bytes((2,)) + (lambda p: p.compress(bmp.encode()) + p.flush())(zlib.compressobj(6, zlib.DEFLATED, -15,
                                                                                            zdict=dictionary()))
    values = [pack(bmp), "短", pack(bmp * 30), legacy, pack(bmp[::-1]), ""]
    assert pack(bmp)[:1] == b"\x05" and unpack(legacy) == bmp
    units, lengths = unpack_many_units(values, "\n\n")
    texts = unpack_many(values)
    assert units.dtype == np.uint16 and lengths.tolist() == [len(t) for t in texts]
    assert units.tobytes().decode("utf-16-le") == "".join("\n\n" + t for t in texts)
    assert unpack_many_units(values)[0].tobytes().decode("utf-16-le") == "".join(texts)
    assert unpack_many_units([pack(bmp), pack(LONG)]) is None
    assert unpack_many_units([pack(bmp), None]) is None
    broken = bytearray(pack(bmp * 40))
    broken[len(broken) // 2] ^= 0xFF
    corpus = Corpus(tmp_path / "c.sqlite3")
    try:
        with pytest.raises(StorageError) as caught:
            unpack_many_units([pack(bmp), bytes(broken)])
        assert caught.value.code == "damaged"
    finally:
        corpus.close()


def test_unpack_many_unmaps_a_batch_with_pairs_and_without_as_unpack_does() -> None:
    """Format-5 values unmapped together: slices of one decode, or one decode each when a
    surrogate pair is in the batch (a text may end in one)."""
    from reader.store.packed_text import unpack_many

    plain = LONG.replace("𠮷", "")
    for values in ([pack(plain), pack(plain[::-1]), "短", pack(plain * 3)],
                   [pack(plain), pack(plain + "𠮷"), pack("𠮷" + plain), pack(plain[::-1])]):
        assert unpack_many(values) == [unpack(v) for v in values]
