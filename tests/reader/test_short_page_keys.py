"""Step ``_short_page_keys``: a file corpus finds its pages by the last 40 characters of the
path and the first 16 digits of the hash (indexes), then compares the whole value: a database of
the step before gets the short indexes; re-ingesting finds every page; two paths with the same
last 40 characters, and two files with the same content, stay apart; a moved file is found by
its hash."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store import sources
from reader.store.db import open_db, schema_version

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))
STEP = migmod.MIGRATIONS.index(migmod._short_page_keys) + 1
TAIL = "同一个很长的文件夹名字" * 3 + "/2019/page.txt"  # longer than the 40 characters of the key


def _indexes(db: object) -> set[str]:
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}  # type: ignore[attr-defined]


def _put(target: Path, seed: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, target)
    return target


def test_the_step_replaces_the_page_indexes_and_pages_are_found_as_before(tmp_path: Path) -> None:
    from reader.ingest import ingest

    a = _put(tmp_path / "a" / TAIL, SEEDS[0])
    b = _put(tmp_path / "b" / TAIL, SEEDS[1])  # the same last 40 characters, another page
    twin = _put(tmp_path / "twin" / "copy.txt", SEEDS[0])  # the same content as a, another page
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=STEP - 1)
    ingest([str(tmp_path / "a"), str(tmp_path / "b")])
    assert {"source_file_path", "source_file_sha256"} <= _indexes(db)
    pages = db.execute_sql("SELECT id, name, path, sha256 FROM source_file ORDER BY id").fetchall()
    assert len(pages) == 2 and pages[0][2][-40:] == pages[1][2][-40:]
    db.close()

    db = open_db(path, migrate_to=STEP)
    names = _indexes(db)
    assert {"source_file_path_tail", "source_file_sha256_head"} <= names
    assert not {"source_file_path", "source_file_sha256"} & names
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0
    for column, index in (("path", "source_file_path_tail"), ("sha256", "source_file_sha256_head")):
        where, params = sources._equal(column, pages[0][2 if column == "path" else 3])
        plan = " ".join(str(r[-1]) for r in db.execute_sql(
            f'EXPLAIN QUERY PLAN SELECT "id" FROM "source_file" WHERE {where}', params).fetchall())
        assert index in plan, plan
        assert [r[0] for r in db.execute_sql(f'SELECT "id" FROM "source_file" WHERE {where}', params)] == [pages[0][0]]
    db.close()

    corpus = Corpus(path)
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        again = corpus.ingest([tmp_path / "a", tmp_path / "b"])
        assert not again.added and len(again.unchanged) == 2  # each found by its whole path
        report = corpus.ingest([twin])  # same hash as a page whose file is still there: a new page
        assert report.added == ["copy.txt"]
        moved = tmp_path / "elsewhere" / "moved.txt"
        moved.parent.mkdir()
        b.rename(moved)  # b's file is gone: the same content elsewhere is b, moved
        report = corpus.ingest([moved])
        assert not report.added
        rows = corpus.db.execute_sql("SELECT id, name, path FROM source_file ORDER BY id").fetchall()
        assert len(rows) == 3 and rows[1][0] == pages[1][0] and rows[1][2] == str(moved.resolve())
        assert rows[0][2] == str(a.resolve())
    finally:
        corpus.close()
