"""Step ``_covered_indexes``: three one-column indexes that another index of their table starts
with are dropped from a database of the step before; look-ups and the foreign keys' cascades
use the covering index; an index whose covering index is missing stays."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

SEEDS = Path(__file__).parents[2] / "seeds"
STEP = migmod.MIGRATIONS.index(migmod._covered_indexes) + 1


def _indexes(db: object) -> set[str]:
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}  # type: ignore[attr-defined]


def _old_database(path: Path, drop: str | None = None) -> None:
    """A corpus as the program before the step wrote it: pages, annotations with tags, an
    article tag (``drop``: an index removed first, as another tool might have)."""
    from reader.ingest import ingest

    db = open_db(path, migrate_to=STEP - 1)
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    run = db.execute_sql
    run("INSERT INTO tag (id, name, parent_id, color, description, created) VALUES "
        "(1, '治理', NULL, '#4e79a7', '', '2024-01-01'), (2, '巡察', 1, '#f28e2b', '', '2024-01-01')")
    run("INSERT INTO article_label (id, name, color, created) VALUES (1, '重点', '#4e79a7', '2024-01-01')")
    articles = [r[0] for r in run("SELECT id FROM article ORDER BY id").fetchall()]
    for ann_id, article_id in ((1, articles[0]), (2, articles[0]), (3, articles[-1])):
        run("INSERT INTO annotation (id, article_id, start, \"end\", quote, prefix, suffix, note, author, status, "
            "created, updated) VALUES (?, ?, 0, 2, '', '', '', '', 'me', 'anchored', '2024-01-01', '2024-01-01')",
            (ann_id, article_id))
    run("INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (1, 2), (2, 2), (2, 1), (3, 1)")
    run("INSERT INTO article_tag (article_id, tag_id) VALUES (?, 1)", (articles[0],))
    if drop:
        run(f'DROP INDEX "{drop}"')
    assert {i for i, _c in migmod.COVERED_INDEXES} <= _indexes(db)
    db.close()


def _plan(db: object, sql: str, *params: object) -> str:
    return " ".join(str(r[-1]) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())  # type: ignore[attr-defined]


def test_the_step_drops_the_covered_indexes_and_look_ups_use_the_covering_ones(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    db = open_db(path, migrate_to=STEP)
    names = _indexes(db)
    for index, covering in migmod.COVERED_INDEXES:
        assert index not in names and covering in names
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # the file rewritten compactly
    assert "article_source_id_position" in _plan(db, 'SELECT "id" FROM "article" WHERE "source_id" = ?', 1)
    assert "annotation_tag_annotation_id_tag_id" in _plan(
        db, 'SELECT "tag_id" FROM "annotation_tag" WHERE "annotation_id" = ?', 2)
    assert "article_tag_article_id_tag_id" in _plan(db, 'SELECT "tag_id" FROM "article_tag" WHERE "article_id" = ?', 1)
    db.close()

    corpus = Corpus(path)
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        assert corpus.tag_counts() == {1: 2, 2: 2}
        corpus.delete_annotation(2)  # its two tag links go with it (the cascade finds them by the covering index)
        assert corpus.tag_counts() == {1: 1, 2: 1}
        assert corpus.db.execute_sql("SELECT annotation_id, tag_id FROM annotation_tag ORDER BY 1").fetchall() == [
            (1, 2), (3, 1)]
        first = corpus.db.execute_sql("SELECT source_id FROM article ORDER BY id LIMIT 1").fetchone()[0]
        pages = corpus.db.execute_sql("SELECT COUNT(*) FROM source_file").fetchone()[0]
        corpus.db.execute_sql("DELETE FROM source_file WHERE id = ?", (first,))  # its articles go along
        assert not corpus.db.execute_sql("SELECT 1 FROM article WHERE source_id = ?", (first,)).fetchall()
        assert corpus.db.execute_sql("SELECT COUNT(*) FROM source_file").fetchone()[0] == pages - 1
        assert not corpus.db.execute_sql("SELECT 1 FROM article_tag").fetchall()  # the first article's tag too
        assert corpus.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        corpus.close()


def test_an_index_without_its_covering_index_stays(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_database(path, drop="article_source_id_position")
    db = open_db(path, migrate_to=STEP)
    names = _indexes(db)
    assert "article_source_id" in names and "article_source_id_position" not in names
    assert "annotation_tag_annotation_id" not in names and "article_tag_article_id" not in names
    db.close()
