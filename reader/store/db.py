"""Opening a corpus database: pragmas and numbered migrations keyed on ``PRAGMA user_version``.

The steps themselves live in :mod:`reader.store.migrations`; each runs inside a transaction and
bumps ``user_version`` to its position in ``MIGRATIONS`` (1-based).
"""

from __future__ import annotations

import os
from pathlib import Path

from peewee import SqliteDatabase

from reader.store import migrations
from reader.store.models import database

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -16000,
    "busy_timeout": 5000,
}


class DatabaseError(Exception):
    """The database file cannot be used (not SQLite, newer schema than this program, ...)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: SqliteDatabase, target: int | None = None) -> int:
    """Run the pending migrations up to ``target`` (default: all); returns the new version."""
    from reader.store.safety import migrate_locked  # each step under BEGIN IMMEDIATE

    return migrate_locked(db, target)


def default_db_path() -> Path:
    """``PIZHU_DB`` if set, else ``data/pizhu.sqlite3`` in the checkout."""
    env = os.environ.get("PIZHU_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data" / "pizhu.sqlite3"


def open_db(path: str | os.PathLike[str] | None = None, *, migrate_to: int | None = None) -> SqliteDatabase:
    """Open (creating if needed) the corpus at ``path``, bind the models to it and migrate.
    A ``postgresql://`` URI (as ``path`` or in ``PIZHU_DB``) opens a server corpus instead
    (:func:`reader.store.postgres.open_server`; the server counts its own steps)."""
    from reader.store.postgres import is_server_uri, open_server

    uri = os.environ.get("PIZHU_DB") if path is None else os.fspath(path)
    if is_server_uri(uri):
        return open_server(str(uri), migrate_to)  # type: ignore[return-value]
    from reader.store.safety import open_checked  # looks at the file through SQLite only

    target = Path(path) if path is not None else default_db_path()
    db = open_checked(target, PRAGMAS)
    database.initialize(db)
    migrate(db, migrate_to)
    from reader.store.sqlite import SqliteStore

    SqliteStore(db).check_schema()
    return db
