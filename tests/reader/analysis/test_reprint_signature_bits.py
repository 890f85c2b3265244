"""Reprint signatures keep the low 16 bits of each MinHash value (step ``_short_signatures``),
then the low 12 bits, two in three bytes (step ``_twelve_bit_signatures``): the same clusters
and similarities as the full 32-bit values, on real People's Daily pages with known reprints;
a database from the step before either is rewritten in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reader.analysis import reprints
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

RMRB = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
DAYS = ("20190201", "20190202", "20200123")  # as the analysis tests' corpus (conftest.py)


def test_stored_form_is_the_low_bits_and_reads_both_forms() -> None:
    text = "新华社北京2月1日电 中共中央政治局常委、全国政协主席汪洋在京看望文化界知名人士。" * 3
    full = reprints.signature(text)
    assert full is not None and full.dtype == np.uint32 and len(full) == reprints.PERMUTATIONS
    short = reprints.stored_form(full.tobytes())
    assert len(short) == reprints.STORED_BYTES == reprints.PERMUTATIONS * 3 // 2
    assert np.array_equal(reprints._low_bits(short), (full & 0xFFF).astype(np.uint16))
    assert reprints.stored_form(short) == short and reprints.stored_form(b"") == b""
    assert np.array_equal(reprints._low_bits(full.tobytes()), reprints._low_bits(short))
    sixteen = (full & 0xFFFF).astype("<u2").tobytes()  # the format of step _short_signatures
    assert reprints.stored_form(sixteen) == short
    assert np.array_equal(reprints._low_bits(sixteen), reprints._low_bits(short))
    every = np.arange(4096, dtype=np.uint16)[:128] * 32 + np.arange(128, dtype=np.uint16) % 32  # every bit used
    assert np.array_equal(reprints._unpack12(reprints._pack12(every)), every)


def test_a_database_from_before_gets_short_signatures_and_the_same_clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not all((RMRB / day).is_dir() for day in DAYS):
        pytest.skip(f"shared People's Daily corpus not found at {RMRB}")
    step = migmod.MIGRATIONS.index(migmod._short_signatures) + 1
    _migrated_signatures_cluster_the_same(tmp_path, monkeypatch, step, lambda full: full.tobytes())


def test_sixteen_bit_signatures_become_twelve_bit_with_the_same_clusters(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if not all((RMRB / day).is_dir() for day in DAYS):
        pytest.skip(f"shared People's Daily corpus not found at {RMRB}")
    step = migmod.MIGRATIONS.index(migmod._twelve_bit_signatures) + 1
    _migrated_signatures_cluster_the_same(tmp_path, monkeypatch, step,
                                          lambda full: (full & 0xFFFF).astype("<u2").tobytes())


def _migrated_signatures_cluster_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int, old_form) -> None:  # type: ignore[no-untyped-def]
    """Signatures stored as ``old_form`` at ``step - 1``; after the migration every one is
    12-bit and the clusters and similarities at 0.8 and 0.5 are those of the full values."""
    from reader.corpus import Corpus
    from reader.ingest import ingest
    from reader.store.models import database
    from reader.store.packed_text import unpack

    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    ingest([str(p) for day in DAYS for p in sorted((RMRB / day).glob("*.txt"))])
    for article_id, text in database.execute_sql("SELECT id, text FROM article").fetchall():  # as the program before stored them
        sig = reprints.signature(unpack(text))
        database.execute_sql("UPDATE reprint_signature SET signature = ? WHERE article_id = ?",
                             (b"" if sig is None else old_form(sig), article_id))
    with monkeypatch.context() as patched:  # the clustering of the full 32-bit values
        fulls = {article_id: reprints.signature(unpack(text)) for article_id, text in
                 database.execute_sql("SELECT id, text FROM article").fetchall()}
        by_blob = {old_form(sig): sig for sig in fulls.values() if sig is not None}
        patched.setattr(reprints, "_low_bits", lambda blob: by_blob[bytes(blob)])
        full = {t: [c.to_json() for c in reprints.cluster(t, store=False)] for t in (0.8, 0.5)}
    full_sizes = database.execute_sql("SELECT length(signature), count(*) FROM reprint_signature GROUP BY 1").fetchall()
    old_length = len(old_form(next(iter(by_blob.values()))))
    assert dict(full_sizes).get(old_length, 0) > 100
    db.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    sizes = dict(corpus.db.execute_sql("SELECT length(signature), count(*) FROM reprint_signature GROUP BY 1").fetchall())
    assert set(sizes) <= {0, reprints.STORED_BYTES} and sizes[reprints.STORED_BYTES] == dict(full_sizes)[old_length]
    assert reprints.update_signatures() == 0  # nothing recomputed
    for threshold, expected in full.items():
        assert expected and [c.to_json() for c in reprints.cluster(threshold, store=False)] == expected
    corpus.close()


def test_a_server_stores_twelve_bit_signatures_and_reads_its_older_ones(server_corpus) -> None:  # type: ignore[no-untyped-def]
    """No server step: a server's 16-bit (and full) signatures are read by their low 12 bits,
    so a server holding both forms clusters as with 12-bit ones only."""
    from reader.store.models import database
    from reader.store.packed_text import unpack

    database.initialize(server_corpus.db)
    ids = [a.id for a in server_corpus.articles()]
    first, second = ids[0], ids[1]
    text = unpack(database.execute_sql("SELECT text FROM article WHERE id = ?", (first,)).fetchone()[0])
    database.execute_sql("UPDATE article SET text = ?, chars = ? WHERE id = ?", (text, len(text), second))  # a reprint
    reprints.update_signatures()
    lengths = {bytes(r[0]).__len__() for r in database.execute_sql("SELECT signature FROM reprint_signature").fetchall()}
    assert lengths <= {0, reprints.STORED_BYTES}
    expected = [c.to_json() for c in reprints.cluster(0.8, store=False)]
    assert any({first, second} <= set(c["articles"]) for c in expected)
    full = reprints.signature(text)
    assert full is not None
    database.execute_sql("UPDATE reprint_signature SET signature = ? WHERE article_id = ?",
                         ((full & 0xFFFF).astype("<u2").tobytes(), first))  # written before the step
    database.execute_sql("UPDATE reprint_signature SET signature = ? WHERE article_id = ?", (full.tobytes(), second))
    assert [c.to_json() for c in reprints.cluster(0.8, store=False)] == expected
