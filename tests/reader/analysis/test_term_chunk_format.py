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


def _full(bags: bytes, seqs: bytes, totals: bytes) -> list[np.ndarray]:
    """A stored chunk's 15 arrays, the word bags counted from the sequences and the totals read
    from ``totals`` when the blob has neither (format ``W``, since step ``_derived_word_bags``)."""
    chunk = termstats._read_chunk(bags, seqs, totals)[0]
    return [getattr(chunk, f) for f in termstats.Chunk.__dataclass_fields__]


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
    rows = database.execute_sql("SELECT id, bags, totals, seqs FROM term_chunk").fetchall()
    assert rows
    old = {cid: (_full(b, s, t), termstats._unpack(t, 7)) for cid, b, t, s in rows}
    for cid, (bags, totals) in old.items():  # as the program before the step wrote them
        database.execute_sql("UPDATE term_chunk SET bags = ?, totals = ? WHERE id = ?",
                             (_old_pack(bags), _old_pack(totals), cid))
    before = sum(len(b) + len(t) for _c, b, t in database.execute_sql("SELECT id, bags, totals FROM term_chunk").fetchall())
    db.close()

    db = open_db(path, migrate_to=step)
    db.close()
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, bags, totals FROM term_chunk").fetchall()
    con.close()
    assert all(b[:1] == b"S" and t[:1] == b"S" for _c, b, t in rows)
    assert sum(len(b) + len(t) for _c, b, t in rows) < before
    for cid, bags, totals in rows:
        assert all(np.array_equal(x, y) for x, y in zip(termstats._unpack(bags, termstats.CHUNK_ARRAYS), old[cid][0]))
        assert all(np.array_equal(x, y) for x, y in zip(termstats._unpack(totals, 7), old[cid][1]))
    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    assert termstats.ensure_current()  # nothing to rebuild: the fingerprints still hold
    corpus.close()


def _chunk_like(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    """A chunk's 15 arrays as :func:`termstats._build_chunk` makes them (some articles empty)."""
    articles = np.sort(rng.choice(5000, n, replace=False)).astype(np.int32)
    words, ents = rng.integers(0, 2 ** 20, 3000), rng.integers(0, 2 ** 20, 400)
    parts: dict[str, list[np.ndarray]] = {"bt": [], "bc": [], "et": [], "ec": []}
    for i in range(n):
        k, j = (0, 0) if i % 7 == 3 else (int(rng.integers(1, 200)), int(rng.integers(0, 20)))
        parts["bt"].append(np.unique(rng.choice(words, k)))
        parts["et"].append(np.unique(rng.choice(ents, j)))
        parts["bc"].append(rng.integers(1, 40, len(parts["bt"][-1])))
        parts["ec"].append(rng.integers(1, 5, len(parts["et"][-1])))
    cat = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in parts.items()}
    off = {k: np.r_[0, np.cumsum([len(a) for a in parts[k]])] for k in ("bt", "et")}

    def totals(terms: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
        distinct, inverse = np.unique(terms, return_inverse=True)
        return [distinct, np.bincount(inverse, weights=counts, minlength=len(distinct)).astype(np.int64),
                np.bincount(inverse, minlength=len(distinct))]

    return [np.asarray(a, dtype=np.int32) for a in (
        articles, rng.integers(0, 30000, n), rng.integers(0, 2 ** 31 - 1, n), off["bt"], cat["bt"], cat["bc"],
        off["et"], cat["et"], cat["ec"], *totals(cat["bt"], cat["bc"]), *totals(cat["et"], cat["ec"]))]


def test_the_coded_format_round_trips_chunks_summaries_and_sequences() -> None:
    rng = np.random.default_rng(7)
    for n in (0, 1, 50, 300):
        arrays = _chunk_like(rng, n)
        blob = termstats._pack_coded(arrays, termstats._CHUNK_CODES)
        assert blob[:1] == b"V"
        back = termstats._unpack(blob, termstats.CHUNK_ARRAYS)
        assert all(np.array_equal(a, b) and b.dtype == np.int32 and not b.flags.writeable for a, b in zip(arrays, back))
        summary = termstats.Summary.of(termstats.Chunk(*back))
        again = termstats._unpack(summary.pack(), 7)
        assert all(np.array_equal(a, b) for a, b in zip((arrays[0], *arrays[9:]), again))
        if n >= 50:  # random ids: a real chunk's coded bags are 0.75 of the planes
            assert len(blob) < 0.9 * len(termstats._pack(arrays))
        # word sequences: every token a word of the chunk's totals, some articles empty
        lengths = rng.integers(0, 400, n) * (np.arange(n) % 5 != 2)
        off = np.r_[0, np.cumsum(lengths)].astype(np.int32)
        pool = summary.word_terms
        words = rng.choice(pool, int(off[-1])) if len(pool) else np.zeros(0, np.int32)
        local = np.searchsorted(pool, words)
        new = termstats._pack_sequences(off, local, summary)
        old = termstats._pack_sequences(off, local)
        for blob in (new, old):
            got_off, got_words = termstats._sequences(summary, blob)
            assert np.array_equal(got_off, off) and np.array_equal(got_words, words)
        if len(words) > 1000:
            assert len(new) < len(old)


def test_the_coded_step_rewrites_a_database_from_before_with_the_same_statistics(tmp_path: Path) -> None:
    """Step ``_coded_term_chunks`` from the step before: chunks as that program wrote them
    (byte-plane bags and totals, plain two-byte sequences) become the coded format, every array
    and sequence the same, nothing rebuilt, word counts and collocations unchanged."""
    from reader.analysis import wordstats
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._coded_term_chunks) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    from reader.ingest import ingest

    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    assert termstats.ensure_current()
    expected_counts = termstats.counts().counts.copy()
    expected_coll = [(c.item, c.count, c.ll) for c in wordstats.collocations("发展")]
    assert expected_coll
    old = {}
    for cid, bags, seqs, totals in database.execute_sql("SELECT id, bags, seqs, totals FROM term_chunk").fetchall():
        chunk = _full(bags, seqs, totals)
        summary = termstats.Summary(*termstats._unpack(totals, 7))
        off, words = termstats._sequences(summary, seqs)
        old[cid] = (chunk, summary, off.copy(), words.copy())
        database.execute_sql("UPDATE term_chunk SET bags = ?, seqs = ?, totals = ? WHERE id = ?", (
            termstats._pack(chunk), termstats._pack_sequences(off, np.searchsorted(summary.word_terms, words)),
            termstats._pack([summary.articles, summary.word_terms, summary.word_counts, summary.word_docs,
                             summary.ent_terms, summary.ent_counts, summary.ent_docs]), cid))
    before = database.execute_sql("SELECT total(length(bags) + length(seqs) + length(totals)) FROM term_chunk").fetchone()[0]
    versions = database.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall()
    db.close()

    db = open_db(path, migrate_to=step)
    rows = db.execute_sql("SELECT id, bags, seqs, totals FROM term_chunk").fetchall()
    db.close()
    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    assert rows and all(b[:1] == b"V" and t[:1] == b"V" and s[:4] == termstats._SEQ_MAGIC for _c, b, s, t in rows)
    after = sum(len(b) + len(s) + len(t) for _c, b, s, t in rows)
    assert after < before
    for cid, bags, seqs, totals in rows:
        chunk, summary, off, words = old[cid]
        assert all(np.array_equal(x, y) for x, y in zip(termstats._unpack(bags, termstats.CHUNK_ARRAYS), chunk))
        got = termstats.Summary(*termstats._unpack(totals, 7))
        assert all(np.array_equal(getattr(got, f), getattr(summary, f)) for f in termstats.Summary.__dataclass_fields__)
        got_off, got_words = termstats._sequences(got, seqs)
        assert np.array_equal(got_off, off) and np.array_equal(got_words, words)
    assert corpus.db.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall() == versions
    assert termstats.ensure_current()
    assert corpus.db.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall() == versions
    assert np.array_equal(termstats.counts().counts[:len(expected_counts)], expected_counts)
    assert [(c.item, c.count, c.ll) for c in wordstats.collocations("发展")] == expected_coll
    corpus.close()


def test_lean_terms_drops_the_text_index_and_terms_stay_unique(tmp_path: Path) -> None:
    """Step ``_lean_terms``: a database from before loses the unique index of the term texts
    (its terms and ids unchanged); two vocabularies adding overlapping terms, as two processes
    would, still give each term one id (in the blocks of the latest step)."""
    from reader.analysis.terms import Vocabulary
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._lean_terms) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    first = Vocabulary()  # the one-row-a-term table of that version
    first.add_all([("中国", ""), ("人民", ""), ("湖南", "LOC")])
    terms = database.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall()
    assert database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'term_text_kind'").fetchone()
    db.close()

    db = open_db(path, migrate_to=step)
    assert db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'term_text_kind'").fetchone() is None
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # the file rewritten without it
    assert db.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall() == terms
    db.close()
    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    one, two = Vocabulary(), Vocabulary()
    assert all(one.lookup(t, k) == i for i, t, k in terms)
    one.add_all([("发展", ""), ("湖南", "LOC")])
    two.add_all([("发展", ""), ("湖南", "PER"), ("中国", "")])  # "发展" was added by the other one meanwhile
    fresh = Vocabulary()
    assert len(fresh.ids) == 5 and len(set(fresh.ids.values())) == 5
    assert one.lookup("发展") == two.lookup("发展") == fresh.lookup("发展")
    assert two.lookup("湖南", "PER") not in (None, two.lookup("湖南", "LOC"))
    corpus.close()
