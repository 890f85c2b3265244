"""Step ``_binary_page_hashes``: a file corpus stores each page's content hash as its 32 bytes,
keyed by the first 8; the model (and so every reader) still sees 64 hex digits: a database of
the step before is rewritten in place, re-ingesting finds every page unchanged, a moved file is
found by its hash through the new index, and a copy to a server keeps hex text."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store import sources
from reader.store.db import open_db, schema_version
from reader.store.models import SourceFile

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STEP = migmod.MIGRATIONS.index(migmod._binary_page_hashes) + 1


def _pages(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute('SELECT "id", "name", "sha256" FROM "source_file" ORDER BY "id"').fetchall()
    finally:
        con.close()


def test_the_step_stores_hashes_as_bytes_and_pages_are_found_as_before(tmp_path: Path, pg_uri: str) -> None:
    from reader.ingest import ingest

    folder = tmp_path / "pages"
    folder.mkdir()
    files = [Path(shutil.copyfile(seed, folder / seed.name)) for seed in SEEDS[:3]]
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=STEP - 1)
    ingest([str(folder)])
    before = _pages(path)
    assert len(before) == 3 and all(isinstance(h, str) and len(h) == 64 for _i, _n, h in before)
    db.close()

    db = open_db(path, migrate_to=STEP)
    assert schema_version(db) == STEP
    names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    assert "source_file_sha256_key" in names and "source_file_sha256_head" not in names
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0
    assert [SourceFile.get_by_id(i).sha256 for i, _n, _h in before] == [h for _i, _n, h in before]
    where, params = sources._equal("sha256", before[0][2])
    plan = " ".join(str(r[-1]) for r in db.execute_sql(
        f'EXPLAIN QUERY PLAN SELECT "id" FROM "source_file" WHERE {where}', params).fetchall())
    assert "source_file_sha256_key" in plan, plan
    assert [r[0] for r in db.execute_sql(f'SELECT "id" FROM "source_file" WHERE {where}', params)] == [before[0][0]]
    db.close()
    after = _pages(path)
    assert [(i, n, bytes(h).hex()) for i, n, h in after] == before
    assert all(isinstance(h, bytes) and len(h) == 32 for _i, _n, h in after)

    corpus = Corpus(path)
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        again = corpus.ingest([folder])
        assert not again.added and len(again.unchanged) == 3
        moved = tmp_path / "elsewhere" / "moved.txt"
        moved.parent.mkdir()
        files[1].rename(moved)  # gone from its place: the same content elsewhere is that page, moved
        report = corpus.ingest([moved])
        assert not report.added
        row = SourceFile.get_by_id(before[1][0])
        assert row.path == str(moved.resolve()) and row.sha256 == hashlib.sha256(moved.read_bytes()).hexdigest()
        assert SourceFile.get(SourceFile.sha256 == before[2][2]).id == before[2][0]  # a model query by hex
        fresh = tmp_path / "fresh.txt"
        fresh.write_text(SEEDS[3].read_text(encoding="utf-8") + "\n补一行。\n", encoding="utf-8")
        assert corpus.ingest([fresh]).added == ["fresh.txt"]
    finally:
        corpus.close()
    stored = _pages(path)
    assert all(isinstance(h, bytes) and len(h) == 32 for _i, _n, h in stored)

    run = [sys.executable, "-m", "reader", "copy"]
    subprocess.run([*run, str(path), pg_uri, "--json", "-q"], capture_output=True, text=True, check=True, cwd=ROOT)
    server = Corpus(pg_uri)
    try:
        rows = server.db.execute_sql('SELECT "id", "name", "sha256" FROM "source_file" ORDER BY "id"').fetchall()
    finally:
        server.close()
    assert [(i, n, h) for i, n, h in rows] == [(i, n, bytes(h).hex()) for i, n, h in stored]
    back = tmp_path / "back.sqlite3"
    subprocess.run([*run, pg_uri, str(back), "--json", "-q"], capture_output=True, text=True, check=True, cwd=ROOT)
    assert _pages(back) == stored
