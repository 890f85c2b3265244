"""Term statistics' chunks without their word bags and totals (format ``W``, step
``_derived_word_bags``): the bags are counted from the word sequences and the totals read from
the ``totals`` column when a chunk is read, the same arrays as stored before; a database from
before is rewritten in place, smaller, with the same statistics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reader.analysis import termstats
from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

SEEDS = Path(__file__).parents[3] / "seeds"
BAGS = ("bag_off", "bag_terms", "bag_counts")


def _per_article_unique(off: np.ndarray, local: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What :func:`termstats._build_chunk` stores: ``np.unique`` of each article's sequence."""
    terms, counts, bag_off = [], [], [0]
    for i in range(len(off) - 1):
        t, c = np.unique(local[off[i]:off[i + 1]], return_counts=True)
        terms.append(t)
        counts.append(c)
        bag_off.append(bag_off[-1] + len(t))
    cat = (lambda parts: np.concatenate(parts) if parts else np.zeros(0, np.int64))
    return np.array(bag_off), cat(terms), cat(counts)


@pytest.mark.parametrize("size", [1, 7, 300, 70000, 2 ** 21 + 5])
def test_word_bags_are_each_articles_distinct_words_with_counts(size: int) -> None:
    rng = np.random.default_rng(size)
    n = 1024  # with 2**21 + 5 words the packed keys need 64 bits
    lengths = rng.integers(0, 60, n) * (np.arange(n) % 9 != 4)  # some articles without words
    off = np.r_[0, np.cumsum(lengths)]
    local = rng.integers(0, size, int(off[-1]))
    bag_off, indexes, counts = termstats._word_bags(off, local, size)
    expected = _per_article_unique(off, local)
    assert np.array_equal(bag_off, expected[0])
    assert np.array_equal(indexes, expected[1]) and np.array_equal(counts, expected[2])
    empty = termstats._word_bags(np.zeros(4, np.int64), np.zeros(0, np.int64), size)
    assert np.array_equal(empty[0], np.zeros(4)) and len(empty[1]) == len(empty[2]) == 0


def test_a_chunk_without_its_bags_reads_as_the_full_chunk(tmp_path: Path) -> None:
    """What the program writes now: a ``W`` blob (no word bags) that reads as the chunk built."""
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    assert termstats.ensure_current()
    rows = corpus.db.execute_sql("SELECT id, bags, seqs, totals FROM term_chunk").fetchall()
    assert rows and all(bytes(b[:1]) == termstats._DERIVED for _c, b, _s, _t in rows)
    for cid, bags, seqs, totals in rows:
        chunk, (off, words) = termstats._read_chunk(bags, seqs, totals)
        summary = termstats.Summary(*termstats._unpack(totals, 7))
        assert all(np.array_equal(getattr(summary, f), getattr(termstats.Summary.of(chunk), f))
                   for f in termstats.Summary.__dataclass_fields__)
        assert len(chunk.bag_terms) > 0 and int(chunk.bag_counts.sum()) == len(words)
        for i in range(len(chunk.articles)):  # each article's bag: its words counted
            b = slice(chunk.bag_off[i], chunk.bag_off[i + 1])
            t, c = np.unique(words[off[i]:off[i + 1]], return_counts=True)
            assert np.array_equal(chunk.bag_terms[b], t) and np.array_equal(chunk.bag_counts[b], c)
        assert termstats.detail(cid).bag_terms.tolist() == chunk.bag_terms.tolist()
    corpus.close()


def test_the_step_rewrites_a_database_from_before_with_the_same_statistics(tmp_path: Path) -> None:
    """Step ``_derived_word_bags`` from the step before: chunks as that program wrote them
    (coded ``V`` blobs with the word bags) lose their bags, every array read back the same,
    nothing rebuilt, word counts over part of the corpus (which read the bags), entity counts and
    collocations unchanged; a chunk whose sequences do not give its bags keeps them."""
    from reader.analysis import wordstats
    from reader.ingest import ingest
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._derived_word_bags) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:4]]
    ingest(seeds[:2])
    database.execute_sql("UPDATE sqlite_sequence SET seq = 1100 WHERE name = 'article'")  # the next in chunk 1
    ingest(seeds[2:])
    assert termstats.ensure_current()
    rows = database.execute_sql("SELECT id, bags, seqs, totals FROM term_chunk ORDER BY id").fetchall()
    assert len(rows) == 2  # two chunks: one to rewrite, one made unfit for it below
    old = {}
    for cid, bags, seqs, totals in rows:  # as the program before the step wrote them
        chunk = termstats._read_chunk(bags, seqs, totals)[0]
        old[cid] = chunk
        database.execute_sql("UPDATE term_chunk SET bags = ? WHERE id = ?", (
            termstats._pack_coded([getattr(chunk, f) for f in termstats.Chunk.__dataclass_fields__],
                                  termstats._CHUNK_CODES), cid))
    odd = rows[1][0]  # its stored bags say one word once more than its sequences
    arrays = [np.array(getattr(old[odd], f)) for f in termstats.Chunk.__dataclass_fields__]
    arrays[5][0] += 1
    odd_blob = termstats._pack_coded(arrays, termstats._CHUNK_CODES)
    database.execute_sql("UPDATE term_chunk SET bags = ? WHERE id = ?", (odd_blob, odd))
    ids = [i for (i,) in database.execute_sql("SELECT id FROM article ORDER BY id").fetchall()]
    part = ids[::2]
    termstats._STATES.clear()
    assert termstats.ensure_current()
    expected = (termstats.counts(part).counts.copy(), termstats.counts(part, entities=True).counts.copy(),
                [(c.item, c.count, c.ll) for c in wordstats.collocations("发展")])
    assert expected[2] and int(expected[0].sum()) > 0
    before = database.execute_sql("SELECT total(length(bags)) FROM term_chunk").fetchone()[0]
    versions = database.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall()
    db.close()

    db = open_db(path, migrate_to=step)
    rows = db.execute_sql("SELECT id, bags, seqs, totals FROM term_chunk ORDER BY id").fetchall()
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # the file rewritten compactly
    db.close()
    fine = rows[0]
    assert bytes(fine[1][:1]) == termstats._DERIVED
    assert bytes(rows[1][1]) == odd_blob  # left as it was
    assert sum(len(b) for _c, b, _s, _t in rows) < before
    got = termstats._read_chunk(fine[1], fine[2], fine[3])[0]
    for f in termstats.Chunk.__dataclass_fields__:
        assert np.array_equal(getattr(got, f), getattr(old[fine[0]], f)), f

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    termstats._STATES.clear()
    assert termstats.ensure_current()
    assert corpus.db.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall() == versions
    assert np.array_equal(termstats.counts(part).counts[:len(expected[0])], expected[0])
    assert np.array_equal(termstats.counts(part, entities=True).counts[:len(expected[1])], expected[1])
    assert [(c.item, c.count, c.ll) for c in wordstats.collocations("发展")] == expected[2]
    corpus.close()


def test_an_edited_article_rebuilds_its_chunk_from_the_derived_bags(tmp_path: Path) -> None:
    """Re-segmenting one changed article reuses the others' bags counted from the sequences:
    the rebuilt chunk equals one built from scratch."""
    path = tmp_path / "c.sqlite3"
    corpus = Corpus(path)
    corpus.ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    assert termstats.ensure_current()
    article_id = corpus.db.execute_sql("SELECT id FROM article ORDER BY chars DESC LIMIT 1").fetchone()[0]
    corpus.db.execute_sql("UPDATE article SET updated = '2031-01-01 00:00:00' WHERE id = ?", (article_id,))
    assert termstats.ensure_current()
    incremental = termstats._read_chunk(*corpus.db.execute_sql(
        "SELECT bags, seqs, totals FROM term_chunk WHERE id = ?", (article_id // termstats.CHUNK,)).fetchone())[0]
    corpus.db.execute_sql("DELETE FROM term_chunk")
    termstats._STATES.clear()
    assert termstats.ensure_current()
    scratch = termstats._read_chunk(*corpus.db.execute_sql(
        "SELECT bags, seqs, totals FROM term_chunk WHERE id = ?", (article_id // termstats.CHUNK,)).fetchone())[0]
    for f in termstats.Chunk.__dataclass_fields__:
        assert np.array_equal(getattr(incremental, f), getattr(scratch, f)), f
    corpus.close()


def test_a_server_corpus_stores_and_reads_chunks_without_word_bags(pg_cluster, seeded_server_template: str) -> None:  # type: ignore[no-untyped-def]
    """On a server the same code writes ``W`` chunks (bytea) and reads them back whole: the
    counts over part of the corpus (which read the bags) equal the articles' words counted."""
    uri = pg_cluster.new_database(template=seeded_server_template)
    corpus = Corpus(uri)
    try:
        termstats._STATES.clear()
        assert termstats.ensure_current()
        rows = corpus.db.execute_sql("SELECT id, bags, seqs FROM term_chunk").fetchall()
        assert rows and all(bytes(b[:1]) == termstats._DERIVED for _c, b, _s in rows)
        part = [int(a) for _cid, s in termstats.chunks() for a in s.articles[::3]]
        expected = np.zeros(len(termstats.vocabulary()) + 1, np.int64)
        for cid, _summary in termstats.chunks():
            chunk = termstats.detail(cid)
            off, words = termstats.load_sequences(cid)
            for i, article in enumerate(chunk.articles.tolist()):
                if article in part:
                    np.add.at(expected, words[off[i]:off[i + 1]], 1)
        got = termstats.counts(part).counts
        assert int(expected.sum()) > 0 and np.array_equal(got[:len(expected)], expected[:len(got)])
    finally:
        corpus.close()
        termstats._STATES.clear()
        pg_cluster.drop(uri)
