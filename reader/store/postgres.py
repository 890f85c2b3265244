"""A corpus on a PostgreSQL server: opening by libpq URI, the server schema's steps, and the
:class:`~reader.store.backend.StoreBackend` of a server.

**Opening.**  ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME`` (or ``postgres://``) is taken
wherever a corpus path is; libpq reads a password left out of the URI from ``~/.pgpass`` or
``PGPASSWORD`` as usual.  :func:`init_server` makes the schema in an empty database;
:func:`open_server` refuses a database without it and applies pending steps of
:data:`reader.store.pg_schema.SERVER_MIGRATIONS` (under an advisory lock, so two coders opening
the same server at once do not both migrate).

**One SQL dialect for the core.**  ``reader`` writes its hand-made SQL in SQLite's dialect with
``?`` placeholders; :class:`ServerCursor` rewrites the few SQLite-only forms it uses (``?``,
``INSERT OR IGNORE``, index hints, ``IN (SELECT value FROM json_each(?))``, ``json_each(column)``) and keeps
the ``%s`` placeholders of SQL (or pieces of it) that peewee made for PostgreSQL.  Anything else SQLite-specific
fails loudly on the server; it is not guessed at.

**Search.**  The index of a server corpus and the rest of its backend are in
:mod:`reader.store.pg_index`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from peewee import Database, PostgresqlDatabase

from reader.store import pg_schema
from reader.store.db import DatabaseError

SCHEMES = ("postgresql://", "postgres://")
_LOCK_KEY = 0x70697A68  # "pizh": the advisory lock taken while the schema is migrated
_WRITE_KEY = 0x70697A77  # "pizw": the write lock every transaction takes (see ServerDatabase.begin)


def is_server_uri(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SCHEMES)


def redacted(uri: str) -> str:
    """``uri`` with any password replaced by ``***`` (for messages and window titles)."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


# -- SQLite dialect -> PostgreSQL ------------------------------------------------------------
_JSON_IN = re.compile(r"IN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(\?\)\s*\)", re.IGNORECASE)
_JSON_EACH = re.compile(r"json_each\(([^()?]+)\)\s+AS\s+(\w+)", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO", re.IGNORECASE)
_OR_REPLACE = re.compile(r'^\s*INSERT\s+OR\s+REPLACE\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)', re.IGNORECASE)
_INDEX_HINT = re.compile(r'\s+(?:NOT\s+INDEXED|INDEXED\s+BY\s+"?\w+"?)(?=[\s)]|$)')
_LIST_MARK = "\x00"


def to_server_sql(sql: str, params: Sequence[Any] | None) -> tuple[str, list[Any]]:
    """``sql`` (SQLite dialect with ``?`` placeholders, possibly holding pieces peewee made for
    PostgreSQL with ``%s``) as psycopg2 runs it on PostgreSQL."""
    values = list(params or ())
    sql = _JSON_IN.sub("= ANY(" + _LIST_MARK + ")", sql)
    sql = _INDEX_HINT.sub("", sql)  # SQLite's index hints: the planner here chooses alone
    sql = _JSON_EACH.sub(r"json_array_elements_text((\1)::json) AS \2(value)", sql)
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("INSERT INTO", sql, count=1) + " ON CONFLICT DO NOTHING"
    out: list[str] = []
    quote: str | None = None
    index = 0
    pos = 0
    while pos < len(sql):
        ch = sql[pos]
        pos += 1
        if ch == "%":
            if quote is None and sql.startswith("s", pos):  # a placeholder peewee made
                out.append("%s")
                index += 1
                pos += 1
            else:
                out.append("%%")
        elif quote is not None:
            quote = None if ch == quote else quote
            out.append(ch)
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch in ("?", _LIST_MARK):
            if ch == _LIST_MARK and index < len(values):
                raw = values[index]
                values[index] = list(json.loads(raw) if isinstance(raw, str) else raw)
            index += 1
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out), values


_KEYS: dict[str, list[str]] = {}  # table -> its primary-key columns (for INSERT OR REPLACE)


class ServerCursor:
    """A psycopg2 cursor that takes Pizhu's SQLite-dialect SQL (see :func:`to_server_sql`);
    ``INSERT OR REPLACE INTO t (cols)`` becomes an upsert on ``t``'s primary key."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def _replace(self, sql: str) -> str:
        m = _OR_REPLACE.match(sql)
        if m is None:
            return sql
        table, cols = m.group(1), [c.strip().strip('"') for c in m.group(2).split(",")]
        if table not in _KEYS:
            self._cursor.execute(
                "SELECT a.attname FROM pg_index AS i JOIN pg_attribute AS a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(%s) AND i.indisprimary", (f'"{table}"',))
            _KEYS[table] = [r[0] for r in self._cursor.fetchall()]
        keys = _KEYS[table]
        rest = [c for c in cols if c not in keys]
        action = ("DO UPDATE SET " + ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in rest)) if rest else "DO NOTHING"
        target = "(" + ", ".join(f'"{k}"' for k in keys) + ")"
        plain = re.sub(r"^\s*INSERT\s+OR\s+REPLACE\s+INTO", "INSERT INTO", sql, count=1, flags=re.IGNORECASE)
        return f"{plain.rstrip().rstrip(';')} ON CONFLICT {target} {action}"

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        return self._cursor.execute(*to_server_sql(self._replace(sql), params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        rows = list(rows)
        if not rows:
            return None
        sql = self._replace(sql)
        server_sql = to_server_sql(sql, rows[0])[0]
        return self._cursor.executemany(server_sql, [to_server_sql(sql, r)[1] for r in rows])

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class ServerDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database for a corpus opened by URI (``uri`` kept, password too)."""

    def __init__(self, uri: str) -> None:
        name = urlsplit(uri).path.lstrip("/") or None
        super().__init__(name, dsn=uri)
        self.uri = uri
        self.backend_pids: set[int] = set()  # this process's sessions: their notices are its own

    def cursor(self, named_cursor: Any = None) -> ServerCursor:  # type: ignore[override]
        return ServerCursor(super().cursor())

    def _connect(self) -> Any:
        """A connection whose dates and timestamps come back as SQLite stores them (ISO text):
        the core's hand-made SQL reads them as text on both backends; peewee's date fields
        parse text as they do on SQLite."""
        import psycopg2.extensions as ext

        conn = super()._connect()
        for oid, name in ((1082, "PIZHU_DATE"), (1114, "PIZHU_TIMESTAMP")):
            ext.register_type(ext.new_type((oid,), name, lambda value, cursor: value), conn)
        self.backend_pids.add(conn.info.backend_pid)
        return conn

    def begin(self, isolation_level: Any = None) -> None:
        """Every transaction takes the corpus's write lock (a transaction-level advisory lock)
        when it begins, as a file corpus's ``BEGIN IMMEDIATE`` does: writers queue, and a
        check-then-write (an undo's comparison with the stored state, a row-version claim) sees
        no other writer between its check and its write.  Reads outside a transaction never
        wait.  SQLite's lock types (``atomic("IMMEDIATE")``) mean just that here."""
        if isinstance(isolation_level, str) and isolation_level.upper() in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
            isolation_level = None
        super().begin(isolation_level)
        self.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_KEY,))


class ServerError(DatabaseError):
    """A server corpus cannot be used (unreachable, no Pizhu schema, newer schema, ...); the
    message names the server by its URI without the password."""

    def __init__(self, uri: str, problem: str) -> None:
        super().__init__(redacted(uri), problem)
        self.uri = redacted(uri)


def connect(uri: str) -> ServerDatabase:
    import psycopg2

    db = ServerDatabase(uri)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # peewee wraps psycopg2's OperationalError
        cause = exc.__cause__ if isinstance(exc.__cause__, psycopg2.Error) else exc
        raise ServerError(uri, f"cannot connect ({str(cause).strip().splitlines()[0]})") from exc
    return db


def server_version(db: Database) -> int | None:
    """The highest step applied, or None when the database has no Pizhu schema."""
    row = db.execute_sql("SELECT to_regclass('pizhu_schema') IS NOT NULL").fetchone()
    if not row[0]:
        return None
    return int(db.execute_sql('SELECT COALESCE(MAX("step"), 0) FROM "pizhu_schema"').fetchone()[0])


def migrate_server(db: Database, target: int | None = None) -> int:
    """Apply pending server steps up to ``target`` (default: all), each in a transaction."""
    steps = pg_schema.SERVER_MIGRATIONS
    target = len(steps) if target is None else target
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEY,))
        db.execute_sql(pg_schema.VERSION_TABLE)
        current = server_version(db) or 0
        if current > len(steps):
            raise ServerError(getattr(db, "uri", ""), f"schema version {current} is newer than this program ({len(steps)})")
        for number in range(current + 1, target + 1):
            with db.atomic():
                steps[number - 1](db)
                db.execute_sql('INSERT INTO "pizhu_schema" ("step", "name") VALUES (?, ?)',
                               (number, steps[number - 1].__name__))
    return server_version(db) or 0


def init_server(uri: str) -> int:
    """Make the Pizhu schema in the empty database at ``uri``; returns the schema version."""
    db = connect(uri)
    try:
        if server_version(db) is not None:
            raise ServerError(uri, "already holds a Pizhu corpus")
        tables = db.execute_sql("SELECT COUNT(*) FROM information_schema.tables "
                                "WHERE table_schema = current_schema()").fetchone()[0]
        if tables:
            raise ServerError(uri, f"is not empty ({tables} table(s)); init-server needs an empty database")
        return migrate_server(db)
    finally:
        db.close()


def open_server(uri: str, migrate_to: int | None = None) -> ServerDatabase:
    """Connect to the corpus at ``uri``, bind the models to it and apply pending steps."""
    from reader.store.models import database

    db = connect(uri)
    if server_version(db) is None:
        db.close()
        raise ServerError(uri, "holds no Pizhu corpus (make one with: pizhu init-server URI)")
    migrate_server(db, migrate_to)
    database.initialize(db)
    return db


# -- the backend (reader.store.pg_index; names kept here for callers) ----------------------
from reader.store.pg_index import (  # noqa: E402
    MAX_PER_LEXEME,
    MAX_POSITION,
    PostgresStore,
    to_tsquery,
    tsvector_literal,
)

__all__ = ["MAX_PER_LEXEME", "MAX_POSITION", "PostgresStore", "to_tsquery", "tsvector_literal"]
