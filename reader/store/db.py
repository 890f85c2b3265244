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

PAGE_SIZE = 16384  # packed articles (1-3 KB) fill 16 KiB pages with less left over than 4 KiB ones
PRAGMAS = {
    "page_size": PAGE_SIZE,  # a new file only (before its first table); an old one at its repack
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


def repack(db: SqliteDatabase) -> None:
    """Rewrite the file compactly (``VACUUM``) at :data:`PAGE_SIZE`: after the text was packed
    its pages were part empty.  The page size can only change outside WAL mode, so the journal
    leaves WAL for the rewrite when no other connection holds the file, and comes back."""
    try:
        left_wal = db.execute_sql("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    except Exception:  # another connection holds the file: rewrite at the page size it has
        left_wal = False
    try:
        if left_wal:
            db.execute_sql(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute_sql("VACUUM")
    finally:
        if left_wal:
            db.execute_sql("PRAGMA journal_mode = WAL")


# Steps that leave part of the file free (values packed in place, an index dropped): a file
# migrated through any of them is rewritten compactly (repack) once its steps are done.
_SHRINKING = (migrations._packed_text, migrations._packed_structure, migrations._packed_term_chunks,
              migrations._lean_terms, migrations._coded_term_chunks,
              migrations._short_signatures, migrations._ranked_text,
              migrations._term_blocks, migrations._derived_word_bags,
              migrations._covered_indexes, migrations._short_page_keys,
              migrations._packed_quotes, migrations._twelve_bit_signatures,
              migrations._binary_page_hashes, migrations._entity_packs)


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
    from reader.store.packed_text import enable, enable_quotes, enable_structure, register_on

    register_on(db)  # pizhu_text(): the packed article text, for SQL that reads it
    database.initialize(db)
    packed_at = migrations.MIGRATIONS.index(migrations._packed_text) + 1
    structure_at = migrations.MIGRATIONS.index(migrations._packed_structure) + 1
    quotes_at = migrations.MIGRATIONS.index(migrations._packed_quotes) + 1
    before = schema_version(db)
    after = migrate(db, migrate_to)
    if after >= packed_at:
        enable(db)
    if after >= structure_at:
        enable_structure(db)
    if after >= quotes_at:
        enable_quotes(db)
    if after >= migrations.MIGRATIONS.index(migrations._binary_page_hashes) + 1:
        from reader.store.models import enable_binary_digests

        enable_binary_digests(db)
    shrunk = any(0 < before < migrations.MIGRATIONS.index(step) + 1 <= after for step in _SHRINKING)
    if shrunk and str(target) != ":memory:":
        repack(db)  # values were packed or an index dropped: rewrite the file compactly
    from reader.store.sqlite import SqliteStore

    SqliteStore(db).check_schema()
    return db
