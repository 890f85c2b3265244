"""Database opening and migrations keyed on PRAGMA user_version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store import migrations as migmod
from reader.store.db import DatabaseError, open_db, schema_version


def test_new_database_is_fully_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = open_db(tmp_path / "new.sqlite3")
    assert schema_version(database) == len(migmod.MIGRATIONS)
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in database.execute_sql("select name from sqlite_master where type in ('table', 'view')")}
    assert {"source_file", "article", "entity_pack", "tag", "annotation", "annotation_tag", "article_tag"} <= tables
    database.close()


def test_old_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    database = open_db(path, migrate_to=1)
    database.execute_sql("INSERT INTO tag (name, color, description, created) VALUES ('问责', '#ff0000', '', '2024-01-01')")
    database.close()
    database = open_db(path)
    assert schema_version(database) == len(migmod.MIGRATIONS)
    assert database.execute_sql("SELECT name FROM tag").fetchall() == [("问责",)]
    database.close()


def test_each_migration_step_runs_in_order_from_zero(tmp_path: Path) -> None:
    path = tmp_path / "stepwise.sqlite3"
    for version in range(1, len(migmod.MIGRATIONS) + 1):
        database = open_db(path, migrate_to=version)
        assert schema_version(database) == version
        database.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(migmod.MIGRATIONS) + 5}")
    con.close()
    with pytest.raises(DatabaseError, match="newer"):
        open_db(path)


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_db(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rollback.sqlite3"
    open_db(path).close()
    version = len(migmod.MIGRATIONS)

    def broken(database):  # type: ignore[no-untyped-def]
        database.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migmod, "MIGRATIONS", [*migmod.MIGRATIONS, broken])
    with pytest.raises(RuntimeError):
        open_db(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == version
    assert not con.execute("select 1 from sqlite_master where name='half_done'").fetchall()
    con.close()
