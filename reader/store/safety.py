"""Opening a corpus file safely: what the file is before anything writes to it, SQLite errors
turned into :class:`StorageError` with a message a user can act on, and migrations that are safe
against a second process opening (or creating) the same file at the same moment.

Contract:

* :func:`check_file` looks at a path *through SQLite only* (a read-only connection): it never
  opens and closes a plain file handle on a database file, because closing any descriptor of a
  file drops every POSIX advisory lock this process holds on it, and with them SQLite's
  protection of a connection that is already open on the file.  It refuses a folder, a file that
  is not SQLite or is damaged, a read-only file or folder, and a *foreign* SQLite file (other
  tables, no Pizhu tables): nothing is written to a file it refuses, not even the WAL switch.
* :class:`SafeDatabase` is the peewee database of every corpus; its transactions begin
  ``IMMEDIATE`` so concurrent writers queue instead of failing.  SQLite errors that mean the
  disk is full, the file is locked for long, read-only or damaged come out as
  :class:`StorageError`; a rollback after SQLite already rolled back (disk full, I/O error) is not
  attempted again, so the real error is the one reported.
* :func:`migrate_locked` runs each pending step of :mod:`reader.store.migrations` inside
  ``BEGIN IMMEDIATE`` and re-reads ``user_version`` inside that lock, so two processes that open
  a new or old database at once migrate it exactly once.  A step marked with
  :func:`foreign_keys_off` runs with foreign keys off (table rebuilds) and is checked with
  ``PRAGMA foreign_key_check`` before it commits.  An existing corpus is backed up before it is
  migrated.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee
from peewee import SqliteDatabase

from reader.store.db import DatabaseError

PIZHU_TABLES = ("source_file", "article", "annotation")
PROBE_TIMEOUT = 10.0  # seconds a read-only look at the file waits for another writer


class StorageError(DatabaseError, peewee.OperationalError):
    """A database operation failed for a reason outside the program: ``code`` is ``disk-full``,
    ``locked``, ``read-only``, ``damaged``, ``io-error`` or ``not-sqlite``.  Nothing of the
    failed transaction was stored."""

    def __init__(self, path: str, problem: str, code: str) -> None:
        DatabaseError.__init__(self, path, problem)
        self.code = code


@dataclass(frozen=True)
class FileFacts:
    """What a path holds: ``kind`` is ``new`` (missing or empty), ``pizhu`` or ``foreign``."""

    kind: str
    version: int = 0
    tables: tuple[str, ...] = ()


_ERRORS: tuple[tuple[str, str, str], ...] = (
    # (text in SQLite's message, code, what the user is told)
    ("database or disk is full", "disk-full",
     "the disk is full (or the file reached its size limit); the change was not stored, nothing "
     "already stored is lost. Free some space and try again"),
    ("database is locked", "locked",
     "is locked by another program (another Pizhu window or command, a backup or sync tool) and "
     "stayed locked too long; nothing was changed. Try again when it has finished"),
    ("database table is locked", "locked",
     "is locked by another program and stayed locked too long; nothing was changed"),
    ("attempt to write a readonly database", "read-only",
     "is read-only (the file, its folder or the disk cannot be written); Pizhu cannot store "
     "changes here. Copy the corpus to a writable folder or fix the permissions"),
    ("readonly database", "read-only", "is read-only; Pizhu cannot store changes here"),
    ("database disk image is malformed", "damaged",
     "is damaged (its pages are inconsistent, e.g. the file was truncated or overwritten). "
     "Restore a backup: `pizhu restore BACKUP` (automatic backups are in the .backups folder "
     "beside it)"),
    ("malformed", "damaged",
     "is damaged (its structure is inconsistent). Restore a backup: `pizhu restore BACKUP` "
     "(automatic backups are in the .backups folder beside it)"),
    ("could not decode to utf-8", "damaged",
     "is damaged (a stored text is not valid UTF-8). Restore a backup: `pizhu restore BACKUP`"),
    ("file is not a database", "not-sqlite", "is not a SQLite database (or it is encrypted)"),
    ("disk i/o error", "io-error",
     "could not be read or written (disk I/O error: a failing disk, a removed drive or a lost "
     "network share); the change was not stored"),
    ("unable to open database file", "io-error",
     "cannot be opened (missing folder, no permission, or not a file)"),
)


def storage_error(exc: BaseException, path: str) -> StorageError | None:
    """The :class:`StorageError` a SQLite error means, or ``None`` when it is not one of those
    (a constraint, a programming error ...)."""
    text = str(exc).lower()
    for needle, code, problem in _ERRORS:
        if needle in text:
            return StorageError(path, problem, code)
    return None


# -- looking at a file before opening it ----------------------------------------------------
def _refuse(path: Path, problem: str) -> DatabaseError:
    return DatabaseError(str(path), problem)


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK)


def check_file(path: Path) -> FileFacts:
    """Say what ``path`` holds, or raise :class:`DatabaseError` naming the problem (see the
    module docstring).  Creates the parent folder of a new database."""
    if path.is_dir():
        raise _refuse(path, "is a folder, not a database file (give the path of a .sqlite3 file, "
                            "e.g. FOLDER/pizhu.sqlite3)")
    parent = path.parent
    if not path.exists():
        if parent.exists() and not parent.is_dir():
            raise _refuse(path, f"cannot be created: {parent} is a file, not a folder")
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _refuse(path, f"cannot be created: cannot make the folder {parent} ({exc.strerror})") from exc
        if not _writable(parent):
            raise _refuse(path, f"cannot be created: the folder {parent} is read-only")
        return FileFacts("new")
    if not path.is_file():
        raise _refuse(path, "is not a regular file (a device, pipe or socket)")
    import os

    if not os.access(path, os.R_OK):
        raise _refuse(path, "cannot be read (permission denied)")
    if not _writable(path):
        raise _refuse(path, "is read-only (file permissions or a read-only disk); Pizhu needs to "
                            "write the corpus. Copy it to a writable folder or fix the permissions")
    if not _writable(parent):
        raise _refuse(path, f"is in a read-only folder ({parent}); Pizhu needs to write its journal "
                            "files (-wal, -shm) beside the corpus. Move it or fix the permissions")
    if path.stat().st_size == 0:
        return FileFacts("new")
    return _probe(path)


def _probe(path: Path) -> FileFacts:
    """Read the schema version and table names through a read-only SQLite connection."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=PROBE_TIMEOUT)
    except sqlite3.Error as exc:
        raise _translated(exc, path) from exc
    try:
        con.execute("BEGIN")  # one snapshot for both reads: another process may be making the corpus
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        tables = tuple(sorted(r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")))
    except sqlite3.Error as exc:
        raise _translated(exc, path) from exc
    except UnicodeDecodeError as exc:  # a schema name with broken bytes
        raise StorageError(str(path), "is damaged (its schema is not readable). Restore a backup: "
                                      "`pizhu restore BACKUP`", "damaged") from exc
    finally:
        con.close()
    if not tables and version == 0:
        return FileFacts("new")
    if version == 0 or not all(t in tables for t in PIZHU_TABLES):
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        raise _refuse(path, f"is a SQLite database of another program (tables: {shown or 'none'}; "
                            f"schema version {version}), not a Pizhu corpus; it was not changed")
    return FileFacts("pizhu", version, tables)


def _translated(exc: BaseException, path: Path) -> DatabaseError:
    known = storage_error(exc, str(path))
    if known is not None:
        return known
    return _refuse(path, f"cannot be opened ({exc})")


# -- the database class --------------------------------------------------------------------
class SafeDatabase(SqliteDatabase):
    """:class:`peewee.SqliteDatabase` whose SQLite failures name their cause (see the module
    docstring)."""

    def _wrap(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except (peewee.OperationalError, peewee.DatabaseError, sqlite3.Error) as exc:
            if isinstance(exc, StorageError):
                raise
            known = storage_error(exc, str(self.database))
            if known is None:
                raise
            raise known from exc

    def _in_transaction(self) -> bool:
        conn = self._state.conn
        return conn is not None and conn.in_transaction

    def connect(self, reuse_if_open: bool = False) -> bool:
        return bool(self._wrap(lambda: super(SafeDatabase, self).connect(reuse_if_open)))

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self._in_transaction():
            return None  # SQLite already rolled the whole transaction back (disk full, I/O)
        cursor = self._wrap(lambda: super(SafeDatabase, self).execute_sql(sql, params))
        return _Cursor(cursor, self) if cursor is not None else None

    def begin(self, lock_type: str | None = None) -> None:
        self._wrap(lambda: super(SafeDatabase, self).begin(lock_type))

    def commit(self) -> None:
        self._wrap(lambda: super(SafeDatabase, self).commit())

    def rollback(self) -> None:
        if not self.is_closed() and not self._in_transaction():
            return  # nothing to roll back: keep the error that caused the rollback visible
        self._wrap(lambda: super(SafeDatabase, self).rollback())


class _Cursor:
    """A cursor whose row fetching reports SQLite failures like :class:`SafeDatabase` (rows
    are read lazily, after ``execute_sql`` returned)."""

    def __init__(self, cursor: sqlite3.Cursor, db: SafeDatabase) -> None:
        self._cursor, self._db = cursor, db

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def fetchone(self) -> Any:
        return self._db._wrap(self._cursor.fetchone)

    def fetchmany(self, size: int = 1) -> Any:
        return self._db._wrap(lambda: self._cursor.fetchmany(size))

    def fetchall(self) -> Any:
        return self._db._wrap(self._cursor.fetchall)

    def __iter__(self) -> _Cursor:
        return self

    def __next__(self) -> Any:
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row


# -- migrations ----------------------------------------------------------------------------
def foreign_keys_off(step: Callable[[SqliteDatabase], None]) -> Callable[[SqliteDatabase], None]:
    """Mark a migration step that rebuilds tables: it runs with ``PRAGMA foreign_keys=OFF`` (a
    dropped parent table must not cascade into its children) and the foreign keys of the tables
    it names in ``step.checked_tables`` are verified before it commits."""
    step.foreign_keys_off = True  # type: ignore[attr-defined]
    return step


def migrate_locked(db: SqliteDatabase, target: int | None = None) -> int:
    """Run pending migrations up to ``target`` (default: all), each in its own
    ``BEGIN IMMEDIATE`` transaction that re-reads ``user_version``; returns the new version."""
    from reader.store import migrations

    steps = migrations.MIGRATIONS
    target = len(steps) if target is None else target
    current = _version(db)
    if current < 0:  # user_version is a signed 32-bit header field: a negative one is damage
        raise DatabaseError(str(db.database), f"the file header is damaged (schema version {current})")
    if current > len(steps):
        raise DatabaseError(str(db.database), f"schema version {current} is newer than this program "
                                              f"({len(steps)}); use a newer Pizhu")
    if 0 < current < target and str(db.database) != ":memory:" and _has_content(db):
        from reader.store.backup import backup_database

        backup_database(db, "migration")
    while True:
        current = _version(db)
        if current >= target:
            return current
        step = steps[current]
        keys_off = bool(getattr(step, "foreign_keys_off", False))
        if keys_off:
            db.execute_sql("PRAGMA foreign_keys = OFF")
        try:
            with db.atomic("IMMEDIATE"):
                now = _version(db)  # another process may have migrated while we waited
                if now != current:
                    continue
                step(db)
                if keys_off:
                    _check_foreign_keys(db, getattr(step, "checked_tables", ()))
                db.execute_sql(f"PRAGMA user_version = {current + 1}")
        finally:
            if keys_off:
                db.execute_sql("PRAGMA foreign_keys = ON")


def _has_content(db: SqliteDatabase) -> bool:
    """Anything to lose (a corpus another process is creating right now has nothing yet)."""
    for table in ("article", "tag", "annotation"):
        try:
            if db.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
                return True
        except peewee.OperationalError:  # no such table at this version
            continue
    return False


def _version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def _check_foreign_keys(db: SqliteDatabase, tables: tuple[str, ...]) -> None:
    """``PRAGMA foreign_key_check`` of ``tables`` and of every table that references them."""
    names = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    checked = set(tables)
    for name in names:
        if any(ref[2] in tables for ref in db.execute_sql(f'PRAGMA foreign_key_list("{name}")').fetchall()):
            checked.add(name)
    for table in sorted(checked & set(names)):
        bad = db.execute_sql(f'PRAGMA foreign_key_check("{table}")').fetchall()
        if bad:
            raise DatabaseError(str(db.database), f"migration left {len(bad)} broken reference(s) in {table}")


def open_checked(path: Path, pragmas: dict[str, Any]) -> SafeDatabase:
    """Check ``path`` (:func:`check_file`) and connect a :class:`SafeDatabase` to it."""
    if str(path) != ":memory:":
        check_file(path)
    import os

    if os.environ.get("PIZHU_BUSY_TIMEOUT_MS", "").isdigit():  # slow network shares, tests
        pragmas = {**pragmas, "busy_timeout": int(os.environ["PIZHU_BUSY_TIMEOUT_MS"])}
    timeout = max(1.0, float(pragmas.get("busy_timeout", 5000)) / 1000)
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE): a deferred one that
    # read first cannot take it later once another process committed (SQLITE_BUSY_SNAPSHOT, reported
    # at once as "locked"), while an immediate one waits its turn for up to busy_timeout.
    db = SafeDatabase(str(path), pragmas=pragmas, check_same_thread=False, timeout=timeout,
                      lock_type="IMMEDIATE")
    db.connect(reuse_if_open=True)
    return db
