"""Backups of a corpus with SQLite's online backup API, kept beside it and rotated, and restoring
one safely.

Where and how many: backups of ``DIR/pizhu.sqlite3`` live in ``DIR/pizhu.sqlite3.backups/`` as
``pizhu-YYYYMMDD-HHMMSS-REASON.sqlite3`` (UTC time; plain SQLite files in rollback-journal mode,
openable by any SQLite tool).  Reasons: ``migration``, ``import``, ``merge``, ``reingest``,
``restore`` (the state just before a restore), ``daily`` and ``manual``.  Rotation keeps the
:data:`KEEP_RECENT` newest event backups (every reason except ``daily`` and ``manual``), the
:data:`KEEP_DAILY` newest daily ones, and every manual one (``pizhu backup``, File → Back up
now): those are the user's to delete.

A backup is a consistent snapshot even while other processes write (the copy is made in one
step of the backup API, under one read transaction), written to a ``.partial`` file first and
renamed only when complete, so a crash never leaves a half backup that looks whole; an
automatic backup that fails SQLite's ``quick_check`` (the corpus is damaged) is not kept, so a
damaged corpus never rotates the good backups away.  A daily
backup is made when a corpus is opened, at most once a day and only when the file changed since
the newest backup.  :func:`restore_database` backs up the current state first, checks the backup
(SQLite, a Pizhu corpus, not newer than this program, ``quick_check``) and copies it into the
live file through the same API, so connections open elsewhere see the restored data and nothing
is replaced under their feet.  A corpus's retrained model file is copied beside each backup and
put back by a restore (:mod:`reader.store.backup_model`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from reader.store import backup_model
from reader.store.db import DatabaseError

KEEP_RECENT = 10
KEEP_DAILY = 7
REASONS = ("migration", "import", "merge", "reingest", "restore", "daily", "manual")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z]+)\.sqlite3$")


class BackupWarning(UserWarning):
    """An automatic backup could not be made (the work goes on; the reason is in the message)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds (counts are ``None`` when it cannot be read)."""

    path: Path
    created: dt.datetime  # UTC, naive
    reason: str
    size: int
    version: int | None = None
    pages: int | None = None
    articles: int | None = None
    annotations: int | None = None
    tags: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path), "created": self.created.isoformat() + "Z", "reason": self.reason,
            "size": self.size, "version": self.version, "pages": self.pages, "articles": self.articles,
            "annotations": self.annotations, "tags": self.tags,
        }


def backups_dir(db_path: str | os.PathLike[str]) -> Path:
    """The folder of a corpus's automatic backups: ``FILE.backups`` beside it."""
    return Path(str(db_path) + ".backups")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _target(folder: Path, db_path: Path, reason: str) -> Path:
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    stem = db_path.stem or "corpus"
    name = f"{stem}-{stamp}-{reason}.sqlite3"
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"{stem}-{stamp}-{n}-{reason}.sqlite3"
    return folder / name


def copy_to(con: sqlite3.Connection, dest: Path, replace: bool = True) -> Path:
    """Copy the database of ``con`` to ``dest`` (atomically: written aside, then renamed).  With
    ``replace`` False an existing ``dest`` is kept and the copy gets the next free name
    (``…-2-reason.sqlite3``), so two processes backing up in the same second keep both."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.{id(con)}.partial")
    partial.unlink(missing_ok=True)
    out = sqlite3.connect(partial)
    try:
        con.backup(out)
        out.execute("PRAGMA journal_mode = DELETE")
        out.commit()
    except BaseException:
        out.close()
        partial.unlink(missing_ok=True)
        raise
    out.close()
    if replace:
        os.replace(partial, dest)
        return dest
    n = 1
    while True:
        try:
            os.link(partial, dest)  # fails if the name is taken: never overwrites a backup
            break
        except FileExistsError:
            n += 1
            match = _NAME.match(dest.name)
            if match is None:
                raise
            dest = dest.with_name(f"{match['stem']}-{match['stamp']}-{n}-{match['reason']}.sqlite3")
    partial.unlink()
    return dest


def backup_database(db: SqliteDatabase, reason: str, dest: str | os.PathLike[str] | None = None) -> Path:
    """Back up the open corpus ``db`` now; ``dest`` (a file) or into its backups folder, rotated.
    Raises :class:`DatabaseError` naming the problem when the copy cannot be written.  A corpus
    on a server: see :mod:`reader.store.server_backup` (automatic reasons give None there)."""
    from reader.store.postgres import ServerDatabase

    if isinstance(db, ServerDatabase):
        from reader.store.server_backup import backup_server

        return backup_server(db, reason, dest)  # type: ignore[return-value]
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    db_path = Path(str(db.database))
    if dest is None:
        target = _target(backups_dir(db_path), db_path, reason)
    else:
        target = Path(dest)
        if target.is_dir():
            target = _target(target, db_path, reason)
    if target.resolve() == db_path.resolve():
        raise DatabaseError(str(target), "is the corpus itself; choose another file for the backup")
    try:
        target = copy_to(db.connection(), target, replace=dest is not None)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(str(target), f"backup could not be written ({exc})") from exc
    if reason != "manual" and not _sound(target):
        # a damaged corpus must not rotate the good backups away: refuse the automatic one
        target.unlink(missing_ok=True)
        raise DatabaseError(str(db_path), "is damaged (the copy fails SQLite's quick_check), so no automatic "
                                          "backup was made and the existing ones were kept")
    try:  # a retrained model goes with the backup (reader.store.backup_model)
        backup_model.save_model(db.connection(), db_path, target)
    except OSError as exc:
        raise DatabaseError(str(target), f"backup made, but the corpus's retrained model could not be copied "
                                         f"beside it ({exc})") from exc
    if dest is None:
        rotate(backups_dir(db_path))
    return target


def _sound(path: Path) -> bool:
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.Error:
        return False


def _parse(path: Path) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), match["reason"]


def _files(folder: Path) -> list[tuple[dt.datetime, str, Path]]:
    if not folder.is_dir():
        return []
    out = []
    for path in folder.iterdir():
        parsed = _parse(path) if path.is_file() else None
        if parsed is not None:
            out.append((parsed[0], parsed[1], path))
    out.sort(key=lambda x: (x[0], x[2].name), reverse=True)
    return out


def rotate(folder: Path) -> list[Path]:
    """Delete the backups past the rotation limits (see the module docstring); returns them."""
    recent = [p for _, reason, p in _files(folder) if reason not in ("daily", "manual")]
    daily = [p for _, reason, p in _files(folder) if reason == "daily"]
    gone = recent[KEEP_RECENT:] + daily[KEEP_DAILY:]
    for path in gone:
        path.unlink(missing_ok=True)
    backup_model.drop(gone)
    return gone


def read_info(path: Path, created: dt.datetime | None = None, reason: str = "") -> BackupInfo:
    """What the backup (or any corpus file) at ``path`` holds."""
    size = path.stat().st_size
    if created is None:
        created = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    counts: dict[str, int | None] = {}
    version = None
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            for table in ("source_file", "article", "annotation", "tag"):
                try:
                    counts[table] = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                except sqlite3.Error:
                    counts[table] = None
        finally:
            con.close()
    except sqlite3.Error:
        pass
    return BackupInfo(path, created, reason, size, version, counts.get("source_file"), counts.get("article"),
                      counts.get("annotation"), counts.get("tag"))


def list_backups(db_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """The corpus's backups, newest first, with what each holds."""
    return [read_info(p, created, reason) for created, reason, p in _files(backups_dir(db_path))]


# -- daily ----------------------------------------------------------------------------------
def _changed_at(db_path: Path) -> float:
    times = [Path(str(db_path) + s).stat().st_mtime for s in ("", "-wal") if Path(str(db_path) + s).exists()]
    return max(times, default=0.0)


def daily_due(db_path: Path, today: dt.date | None = None) -> bool:
    """No daily backup made today (UTC) and the file changed since the newest backup."""
    today = today or _now().date()
    files = _files(backups_dir(db_path))
    if any(reason == "daily" and created.date() == today for created, reason, _ in files):
        return False
    if files and files[0][2].stat().st_mtime >= _changed_at(db_path):
        return False
    return True


def daily_backup(db: SqliteDatabase, has_content: Callable[[], bool]) -> Path | None:
    """Make today's daily backup when due and the corpus has content; a failure is a
    :class:`BackupWarning`, never an error (opening the corpus must go on)."""
    db_path = Path(str(db.database))
    if str(db.database) == ":memory:" or not db_path.exists():
        return None
    try:
        if not daily_due(db_path) or not has_content():
            return None
        return backup_database(db, "daily")
    except (DatabaseError, OSError) as exc:
        warnings.warn(f"daily backup of {db_path} failed: {exc}", BackupWarning, stacklevel=2)
        return None


# -- restore --------------------------------------------------------------------------------
def check_backup(path: Path) -> BackupInfo:
    """Refuse (``DatabaseError``) a file that cannot be restored: missing, not SQLite, damaged,
    not a Pizhu corpus, or from a newer Pizhu."""
    from reader.store import migrations

    if not path.is_file():
        raise DatabaseError(str(path), "no such backup file")
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check(1)").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatabaseError(str(path), f"cannot be restored: not a readable SQLite database ({exc})") from exc
    if ok != "ok":
        raise DatabaseError(str(path), f"cannot be restored: the backup is damaged ({ok})")
    if version == 0 or not {"source_file", "article", "annotation"} <= tables:
        raise DatabaseError(str(path), "cannot be restored: it is not a Pizhu corpus")
    if version > len(migrations.MIGRATIONS):
        raise DatabaseError(str(path), f"cannot be restored: it was made by a newer Pizhu (schema {version})")
    parsed = _parse(path)
    return read_info(path, *(parsed or (None, "")))


def restore_database(db: SqliteDatabase, source: str | os.PathLike[str]) -> Path:
    """Replace the corpus's content with the backup ``source``; the current state is backed up
    first (reason ``restore``) and that backup's path returned.  The result is migrated to this
    program's schema."""
    from reader.store.postgres import ServerDatabase

    if isinstance(db, ServerDatabase):
        from reader.store.server_backup import restore_server

        return restore_server(db, source)
    source = Path(source)
    check_backup(source)
    if source.resolve() == Path(str(db.database)).resolve():
        raise DatabaseError(str(source), "is the corpus itself")
    before = backup_database(db, "restore")
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        src.backup(db.connection())
    except sqlite3.Error as exc:
        raise DatabaseError(str(source), f"restore failed, the corpus is unchanged ({exc}); "
                                         f"its state before is also in {before}") from exc
    finally:
        src.close()
    from reader.store.safety import migrate_locked

    migrate_locked(db)
    backup_model.restore_model(Path(str(db.database)), source)
    return before


def backup(reason: str, dest: str | os.PathLike[str] | None = None) -> Path:
    """Back up the corpus the models are bound to (the one :func:`reader.store.db.open_db`
    opened last) — for long jobs below the facade, e.g. ``backup("import")`` before an import."""
    from reader.store.models import database

    return backup_database(database.obj, reason, dest)


class BackupOps:
    """Backups of :class:`reader.corpus.Corpus` (see the module docstring)."""

    db: SqliteDatabase
    _recognizer: object

    def backup(self, reason: str = "manual", dest: str | os.PathLike[str] | None = None) -> Path:
        """Back up now; ``reason`` is one of :data:`REASONS`; returns the backup's path."""
        return backup_database(self.db, reason, dest)

    def make_daily_backup(self) -> Path | None:
        """Today's daily backup of a file corpus, when due and the corpus has content (see
        :func:`daily_backup`); None when none was due.  A corpus opened with ``backup=False``
        (the window) calls this off its GUI thread, on that thread's own connection."""
        return daily_backup(self.db, lambda: not self.is_empty())  # type: ignore[attr-defined]

    def backups(self) -> list[BackupInfo]:
        """This corpus's backups, newest first."""
        from reader.store.postgres import ServerDatabase

        if isinstance(self.db, ServerDatabase):
            from reader.store.server_backup import list_server_backups

            return list_server_backups(self.db)
        return list_backups(self.db.database)

    def restore(self, source: str | os.PathLike[str]) -> Path:
        """Replace the corpus with the backup ``source`` (the current state is backed up first;
        its path is returned).  Every view must re-read everything afterwards."""
        before = restore_database(self.db, source)
        self._recognizer = None  # corrections come from the restored file
        return before

    def _backup_before_reingest(self, paths: list[str | os.PathLike[str]]) -> Path | None:
        """Back up before an ingest that may replace stored pages (a file of the same name)."""
        from reader.store.models import SourceFile
        from reader.text.sources import expand_paths, shown_path

        names = sorted({p.name for p in expand_paths(list(paths)) if shown_path(p.name) == p.name})
        for i in range(0, len(names), 500):
            if SourceFile.select().where(SourceFile.name.in_(names[i:i + 500])).exists():
                return backup_database(self.db, "reingest")
        return None


def backup_if_content(reason: str) -> Path | None:
    """:func:`backup` of the bound corpus unless it holds nothing yet (no page, no tag)."""
    from reader.store.models import Article, Tag

    if not (Article.select().exists() or Tag.select().exists()):
        return None
    return backup(reason)


def backup_before(corpus: object, reason: str) -> Path | None:
    """The hook the merge (and any long job holding a ``Corpus``) calls before writing: a
    rotating backup of ``corpus`` unless it holds nothing yet."""
    del corpus  # the models are bound to the corpus's database
    return backup_if_content(reason)
