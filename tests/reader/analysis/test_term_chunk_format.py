"""Term statistics' chunk blobs in the byte-plane format (step ``_packed_term_chunks``): the same
arrays, smaller, the old format still read, and a database from before rewritten in place."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import numpy as np

from reader.analysis import termstats
from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

SEEDS = Path(__file__).parents[3] / "seeds"


def _old_pack(arrays: list[np.ndarray]) -> bytes:
    """The format before the step (frozen here): sizes, then plain int32 bytes, deflated."""
    head = np.array([len(a) for a in arrays], dtype=np.int64).tobytes()
    return zlib.compress(head + b"".join(np.ascontiguousarray(a, dtype=np.int32).tobytes() for a in arrays), 1)


def test_pack_round_trips_and_reads_the_old_format() -> None:
    rng = np.random.default_rng(3)
    arrays = [rng.integers(0, 60000, n).astype(np.int32) for n in (0, 5, 1000, 0, 77)] + \
        [np.array([-1, 2 ** 31 - 1, -2 ** 31], dtype=np.int32)]
    for blob in (termstats._pack(arrays), _old_pack(arrays)):
        back = termstats._unpack(blob, len(arrays))
        assert len(back) == len(arrays) and all(np.array_equal(a, b) for a, b in zip(arrays, back))
        assert all(b.dtype == np.int32 and not b.flags.writeable for b in back)
    sizes = rng.integers(0, 3000, 40000).astype(np.int32)
    assert len(termstats._pack([sizes])) < 0.8 * len(_old_pack([sizes]))
    assert termstats._unpack(termstats._pack([]), 0) == []


def test_a_database_from_before_has_its_chunks_rewritten_with_the_same_statistics(tmp_path: Path) -> None:
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._packed_term_chunks) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    from reader.ingest import ingest

    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]])
    assert termstats.ensure_current()
    rows = database.execute_sql("SELECT id, bags, totals FROM term_chunk").fetchall()
    assert rows
    old = {cid: (termstats._unpack(b, termstats.CHUNK_ARRAYS), termstats._unpack(t, 7)) for cid, b, t in rows}
    for cid, (bags, totals) in old.items():  # as the program before the step wrote them
        database.execute_sql("UPDATE term_chunk SET bags = ?, totals = ? WHERE id = ?",
                             (_old_pack(bags), _old_pack(totals), cid))
    before = sum(len(b) + len(t) for _c, b, t in database.execute_sql("SELECT id, bags, totals FROM term_chunk").fetchall())
    db.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, bags, totals FROM term_chunk").fetchall()
    con.close()
    assert all(b[:1] == b"S" and t[:1] == b"S" for _c, b, t in rows)
    assert sum(len(b) + len(t) for _c, b, t in rows) < before
    for cid, bags, totals in rows:
        assert all(np.array_equal(x, y) for x, y in zip(termstats._unpack(bags, termstats.CHUNK_ARRAYS), old[cid][0]))
        assert all(np.array_equal(x, y) for x, y in zip(termstats._unpack(totals, 7), old[cid][1]))
    assert termstats.ensure_current()  # nothing to rebuild: the fingerprints still hold
    corpus.close()


def test_lean_terms_drops_the_text_index_and_terms_stay_unique(tmp_path: Path) -> None:
    """Step ``_lean_terms``: a database from before loses the unique index of the term texts
    (its terms and ids unchanged); two vocabularies adding overlapping terms, as two processes
    would, still give each term one row and one id."""
    from reader.analysis.terms import Vocabulary
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._lean_terms) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    first = Vocabulary()
    first.add_all([("中国", ""), ("人民", ""), ("湖南", "LOC")])
    terms = database.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall()
    assert database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'term_text_kind'").fetchone()
    db.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    assert corpus.db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'term_text_kind'").fetchone() is None
    assert corpus.db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # the file rewritten without it
    assert corpus.db.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall() == terms
    one, two = Vocabulary(), Vocabulary()
    one.add_all([("发展", ""), ("湖南", "LOC")])
    two.add_all([("发展", ""), ("湖南", "PER"), ("中国", "")])  # "发展" was added by the other one meanwhile
    rows = corpus.db.execute_sql("SELECT text, kind, count(*) FROM term GROUP BY text, kind").fetchall()
    assert all(n == 1 for _t, _k, n in rows) and len(rows) == 5
    assert one.lookup("发展") == two.lookup("发展") and two.lookup("湖南", "PER") not in (None, two.lookup("湖南", "LOC"))
    corpus.close()
