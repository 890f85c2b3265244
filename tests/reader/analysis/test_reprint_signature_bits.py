"""Reprint signatures keep the low 16 bits of each MinHash value (step ``_short_signatures``):
half the bytes, the same clusters and similarities as the full 32-bit values, on real People's
Daily pages with known reprints; a database from the step before is rewritten in place."""

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
    assert len(short) == reprints.PERMUTATIONS * 2
    assert np.array_equal(np.frombuffer(short, "<u2"), (full & 0xFFFF).astype(np.uint16))
    assert reprints.stored_form(short) == short and reprints.stored_form(b"") == b""
    assert np.array_equal(reprints._low_bits(full.tobytes()), reprints._low_bits(short))


def test_a_database_from_before_gets_short_signatures_and_the_same_clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not all((RMRB / day).is_dir() for day in DAYS):
        pytest.skip(f"shared People's Daily corpus not found at {RMRB}")
    from reader.corpus import Corpus
    from reader.ingest import ingest
    from reader.store.models import database
    from reader.store.packed_text import unpack

    step = migmod.MIGRATIONS.index(migmod._short_signatures) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    ingest([str(p) for day in DAYS for p in sorted((RMRB / day).glob("*.txt"))])
    for article_id, text in database.execute_sql("SELECT id, text FROM article").fetchall():  # as the program before stored them
        sig = reprints.signature(unpack(text))
        database.execute_sql("UPDATE reprint_signature SET signature = ? WHERE article_id = ?",
                             (b"" if sig is None else sig.tobytes(), article_id))
    with monkeypatch.context() as patched:  # the clustering of the full 32-bit values
        patched.setattr(reprints, "_low_bits", lambda blob: np.frombuffer(blob, dtype="<u4"))
        full = {t: [c.to_json() for c in reprints.cluster(t, store=False)] for t in (0.8, 0.5)}
    full_sizes = database.execute_sql("SELECT length(signature), count(*) FROM reprint_signature GROUP BY 1").fetchall()
    assert dict(full_sizes).get(reprints.PERMUTATIONS * 4, 0) > 100
    db.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    sizes = dict(corpus.db.execute_sql("SELECT length(signature), count(*) FROM reprint_signature GROUP BY 1").fetchall())
    assert set(sizes) <= {0, reprints.PERMUTATIONS * 2} and sizes[reprints.PERMUTATIONS * 2] == dict(full_sizes)[reprints.PERMUTATIONS * 4]
    assert reprints.update_signatures() == 0  # nothing recomputed
    for threshold, expected in full.items():
        assert expected and [c.to_json() for c in reprints.cluster(threshold, store=False)] == expected
    corpus.close()
