"""The small interface between Pizhu's store and the database engine behind it.

Everything engine-specific (the full-text index, triggers, size statistics) sits behind
:class:`StoreBackend`; the rest of ``reader.store`` uses peewee models and portable SQL.  SQLite
has two implementations: :class:`reader.store.sqlite.SqliteStore` (FTS5) and, for a corpus on
a server, :class:`reader.store.postgres.PostgresStore` (a per-character ``tsvector`` with GIN,
``ts_rank``); :func:`current` picks one by the type of the bound database.  Contract details are on :class:`reader.store.sqlite.SqliteStore`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from peewee import Database, SqliteDatabase


class StoreBackend(Protocol):
    db: Database

    def flush_index(self, batch: int = 500, progress: Callable[[int, int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> int: ...
    def index_tokens_now(self, article_id: int, tokens: str) -> None: ...
    def pending_ids(self) -> list[int]: ...
    def rebuild_index(self, progress: Callable[[int, int, str], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> int: ...
    def match_sql(self, expr: str) -> tuple[str, list[object]]: ...
    def match(self, expr: str, where: str = "", params: Sequence[object] = (), limit: int = 50,
              offset: int = 0, min_rowid: int | None = None) -> list[tuple[int, float]]: ...
    def window_start(self, expr: str, where: str = "", params: Sequence[object] = (),
                     size: int = 1000) -> int | None: ...
    def matching_in_range(self, expr: str, low: int, high: int) -> set[int]: ...
    def count(self, expr: str, where: str = "", params: Sequence[object] = ()) -> int: ...
    def check_schema(self) -> bool: ...
    def size_by_table(self) -> dict[str, int]: ...
    def compact(self) -> None: ...


def current(db: Database | None = None) -> StoreBackend:
    """The backend of ``db`` (default: the database the models are bound to)."""
    if db is None:
        from reader.store.models import database

        db = database.obj
    if isinstance(db, SqliteDatabase):
        from reader.store.sqlite import SqliteStore

        return SqliteStore(db)
    from reader.store.postgres import PostgresStore, ServerDatabase

    if isinstance(db, ServerDatabase):
        return PostgresStore(db)
    raise TypeError(f"no store backend for {type(db).__name__}")
