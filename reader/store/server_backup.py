"""Backups of a corpus on a server (issue 17).

**A backup** (:func:`backup_server`) is a ``pg_dump`` archive in the custom format
(``NAME-STAMP-REASON.dump``, with a ``.json`` beside it saying what it holds) when a ``pg_dump``
is installed that can dump this server (the same major version or newer) and the coder may read
every table; otherwise, or when the destination ends in ``.sqlite3``, a copy of the whole corpus
into a file corpus (:func:`reader.store.copying.copy_corpus`), which any Pizhu opens.  Backups go
to ``~/.local/share/pizhu/server-backups/HOST-PORT-DBNAME/`` or the path given.

**Restore in place** (:func:`restore_server`): the current state is backed up first (reason
``restore``), then the corpus is replaced in one transaction, so other coders see the old corpus
or the restored one, never half of it: from a ``.dump`` with ``pg_restore --clean
--single-transaction`` (which needs the rights to drop and make the corpus's tables: the owner's),
from a file backup by emptying every table and copying the file's rows in.  Ids handed out after
the backup are never handed out again (each id sequence keeps the higher of the two marks), and
the result is migrated to this program's steps.  A retrained model goes with a backup and comes
back with a restore: a server corpus keeps it in its database (:mod:`reader.store.server_model`),
so a ``pg_dump`` archive holds it, and a backup into a file corpus is a copy that writes it beside
the backup file as that file corpus's model; restoring such a file puts it back into the database
(or removes the corpus's model when the backup had none), for every coder.

The automatic backups of a file corpus (before a re-ingest, an import, a merge, daily) are not
made for a server: they would copy the whole shared corpus to one coder's machine before each
such write; the server's own backups cover it.  ``PIZHU_PG_BINDIR`` names the folder of the
``pg_dump``/``pg_restore`` to use (default: ``PATH``, then ``/usr/lib/postgresql/*/bin``).
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from reader.store.backup import BackupInfo, check_backup, read_info
from reader.store.postgres import ServerDatabase, ServerError, redacted

DUMP_SUFFIX = ".dump"


def default_dir(db: ServerDatabase) -> Path:
    """``~/.local/share/pizhu/server-backups/HOST-PORT-DBNAME`` (``XDG_DATA_HOME`` respected)."""
    return server_folder(db, "server-backups")


def server_folder(db: ServerDatabase, kind: str) -> Path:
    """This machine's folder ``~/.local/share/pizhu/KIND/HOST-PORT-DBNAME`` for the server
    corpus ``db`` (``server-backups``)."""
    parts = urlsplit(db.uri)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    name = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.lstrip('/')}"
    return base / "pizhu" / kind / name


def tool(name: str) -> Path | None:
    """The ``pg_dump`` or ``pg_restore`` to run (see the module docstring), or None."""
    chosen = os.environ.get("PIZHU_PG_BINDIR")
    if chosen is not None:
        path = Path(chosen) / name
        return path if path.is_file() else None
    found = shutil.which(name)
    if found:
        return Path(found)
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    return None


def _run(db: ServerDatabase, program: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """``program`` on the corpus's database; the password (if the URI has one) goes by
    ``PGPASSWORD``, never on a command line."""
    parts = urlsplit(db.uri)
    env = dict(os.environ)
    uri = db.uri
    if parts.password is not None:
        env["PGPASSWORD"] = parts.password
        uri = redacted(db.uri).replace(":***@", "@", 1)
    return subprocess.run([str(program), *args, "--dbname", uri], capture_output=True, text=True, env=env)


def _counts(db: ServerDatabase) -> dict[str, int]:
    return {table: int(db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
            for table in ("source_file", "article", "annotation", "tag")}


def _target(db: ServerDatabase, reason: str, dest: str | os.PathLike[str] | None, suffix: str) -> Path:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = Path(dest) if dest is not None else default_dir(db)
    if dest is None or target.is_dir():
        stem = f"{urlsplit(db.uri).path.lstrip('/')}-{stamp}"
        target = target / f"{stem}-{reason}{suffix}"
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{stem}-{n}-{reason}{suffix}")
    if target.exists():
        raise ServerError(db.uri, f"backup: {target} exists already; choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def backup_server(db: ServerDatabase, reason: str, dest: str | os.PathLike[str] | None = None) -> Path | None:
    """A backup (``manual``, or ``restore`` before a restore) into ``dest`` (a new file, or a
    folder) or :func:`default_dir`; returns its path.  Other reasons return None."""
    if reason not in ("manual", "restore"):
        return None
    wants_file = dest is not None and str(dest).endswith(".sqlite3")
    dump = None if wants_file else tool("pg_dump")
    if dump is not None:
        target = _target(db, reason, dest, DUMP_SUFFIX if dest is None or Path(dest).is_dir() else "")
        counts = _counts(db)
        done = _run(db, dump, ["--format=custom", "--no-owner", "--no-privileges", "--file", str(target)])
        if done.returncode == 0:
            from reader.store.postgres import server_version

            info = {"reason": reason, "created": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
                    .isoformat(), "version": server_version(db), **counts}
            Path(str(target) + ".json").write_text(json.dumps(info), encoding="utf-8")
            return target  # the retrained model is a row of the archive
        target.unlink(missing_ok=True)  # no rights or an older pg_dump: the file corpus instead
        if dest is not None and not Path(dest).is_dir():
            dest = Path(dest).with_suffix(".sqlite3")
    return _copy_backup(db, reason, dest)  # the copy writes the retrained model beside the file


def _copy_backup(db: ServerDatabase, reason: str, dest: str | os.PathLike[str] | None) -> Path:
    from reader.store.copying import CopyError, copy_corpus

    target = _target(db, reason, dest, ".sqlite3")
    try:
        copy_corpus(db.uri, target)
    except CopyError as exc:
        raise ServerError(db.uri, f"backup into {target} failed ({exc})") from exc
    return target


def list_server_backups(db: ServerDatabase) -> list[BackupInfo]:
    """The backups in :func:`default_dir`, newest first, with what each holds."""
    folder = default_dir(db)
    out: list[BackupInfo] = []
    if not folder.is_dir():
        return out
    for path in folder.iterdir():
        if path.suffix == DUMP_SUFFIX and path.is_file():
            out.append(_dump_info(path))
        elif path.suffix == ".sqlite3" and path.is_file():
            reason = path.stem.rsplit("-", 1)[-1]
            out.append(read_info(path, None, reason))
    return sorted(out, key=lambda b: (b.created, b.path.name), reverse=True)


def _dump_info(path: Path) -> BackupInfo:
    try:
        info = json.loads(Path(str(path) + ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {}
    created = dt.datetime.fromisoformat(info["created"]) if "created" in info else \
        dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return BackupInfo(path, created, str(info.get("reason", "")), path.stat().st_size, info.get("version"),
                      info.get("source_file"), info.get("article"), info.get("annotation"), info.get("tag"))


def _high_water(db: ServerDatabase) -> dict[str, int]:
    rows = db.execute_sql("SELECT sequencename, COALESCE(last_value, 0) FROM pg_sequences "
                          "WHERE schemaname = current_schema()").fetchall()
    return {name: int(value) for name, value in rows}


def _keep_high_water(db: ServerDatabase, before: dict[str, int]) -> None:
    """Every id sequence at least where it was before the restore (ids are never reused)."""
    after = _high_water(db)
    for name, value in before.items():
        if name in after and value > after[name]:
            db.execute_sql("SELECT setval(?, ?, true)", (f'"{name}"', value))


def restore_server(db: ServerDatabase, source: str | os.PathLike[str]) -> Path:
    """Replace the server corpus with the backup ``source`` in place (see the module docstring);
    returns the backup of the state before."""
    source = Path(source)
    if source.suffix == DUMP_SUFFIX or (source.is_file() and source.read_bytes()[:5] == b"PGDMP"):
        restore = tool("pg_restore")
        if restore is None:
            raise ServerError(db.uri, f"restore: {source} is a pg_dump archive and no pg_restore is installed")
        listing = subprocess.run([str(restore), "--list", str(source)], capture_output=True, text=True)
        if listing.returncode != 0 or " pizhu_schema " not in listing.stdout:
            raise ServerError(db.uri, f"restore: {source} is not a pg_dump archive of a Pizhu corpus")
        made_at = _dump_version(restore, source)
        from reader.store.postgres import server_version

        now = server_version(db) or 0
        if made_at != now:
            raise ServerError(db.uri, f"restore: {source} was dumped at server schema step {made_at} and the corpus is "
                                      f"at step {now}; restore it into an empty database (pg_restore --dbname URI "
                                      "FILE) and open that, or copy it from there")
        before = _backup_before(db)
        marks = _high_water(db)
        db.close()  # pg_restore drops and makes tables: no open transaction of ours in its way
        done = _run(db, restore, ["--clean", "--if-exists", "--single-transaction", "--no-owner",
                                  "--no-privileges", "--exit-on-error", str(source)])
        if done.returncode != 0:
            problem = (done.stderr.strip().splitlines() or ["failed"])[-1]
            raise ServerError(db.uri, f"restore from {source} failed, the corpus is unchanged ({problem}); "
                                      f"its state before is also in {before}")
    else:
        check_backup(source)  # a file backup: refused unless it is a sound Pizhu corpus
        before = _backup_before(db)
        marks = _high_water(db)
        from reader.store.copying import CopyError, copy_corpus

        from reader.store.backup_model import backup_model_file, model_name

        with tempfile.TemporaryDirectory(prefix="pizhu-restore-") as folder:
            copy = Path(folder) / "backup.sqlite3"
            shutil.copyfile(source, copy)  # opening migrates it: the backup itself stays as it was
            model = backup_model_file(source)  # its retrained model, beside it under the name it gives
            if model is not None:
                con = sqlite3.connect(copy)
                try:
                    name = model_name(con)
                finally:
                    con.close()
                shutil.copyfile(model, copy.with_name(str(name)))
            try:
                copy_corpus(copy, db.uri, replace=True)
            except CopyError as exc:
                raise ServerError(db.uri, f"restore from {source} failed, the corpus is unchanged ({exc}); "
                                          f"its state before is also in {before}") from exc
    from reader.store.postgres import migrate_server

    db.connect(reuse_if_open=True)
    with db.atomic():
        _keep_high_water(db, marks)
    migrate_server(db)
    return before


def _dump_version(restore: Path, source: Path) -> int:
    """The highest server step recorded in the archive's ``pizhu_schema`` rows."""
    data = subprocess.run([str(restore), "--data-only", "--table=pizhu_schema", "--file=-", str(source)],
                          capture_output=True, text=True)
    steps = [int(line.split("\t", 1)[0]) for line in data.stdout.splitlines() if line[:1].isdigit() and "\t" in line]
    return max(steps, default=0)


def _backup_before(db: ServerDatabase) -> Path:
    made = backup_server(db, "restore")
    assert made is not None
    return made
