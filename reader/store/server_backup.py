"""Backups of a corpus on a server (issue 17): a manual backup is a copy of the whole corpus
into a file corpus (:func:`reader.store.copying.copy_corpus`), which any Pizhu opens, restores
from, or copies back to a server.  ``pg_dump`` is the server administrator's tool and works on
a Pizhu database as on any other; Pizhu does not run it (it needs the server's client version
and rights a coder may not have).  The automatic backups of a file corpus (before a re-ingest,
an import, a merge, daily) are not made for a server: they would copy the whole shared corpus to
one coder's machine before each such write; the server's own backups cover it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

from reader.store.postgres import ServerDatabase, ServerError


def default_dir(db: ServerDatabase) -> Path:
    """``~/.local/share/pizhu/server-backups/HOST-PORT-DBNAME`` (``XDG_DATA_HOME`` respected)."""
    parts = urlsplit(db.uri)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    name = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.lstrip('/')}"
    return base / "pizhu" / "server-backups" / name


def backup_server(db: ServerDatabase, reason: str, dest: str | os.PathLike[str] | None = None) -> Path | None:
    """A manual backup into ``dest`` (a new file, or a folder) or :func:`default_dir`; returns its
    path.  Automatic reasons return None (see the module docstring)."""
    from reader.store.copying import CopyError, copy_corpus

    if reason != "manual":
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(dest) if dest is not None else default_dir(db)
    if dest is None or target.is_dir():
        target = target / f"{urlsplit(db.uri).path.lstrip('/')}-{stamp}-manual.sqlite3"
    if target.exists():
        raise ServerError(db.uri, f"backup: {target} exists already; choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        copy_corpus(db.uri, target)
    except CopyError as exc:
        raise ServerError(db.uri, f"backup into {target} failed ({exc})") from exc
    return target


def refuse_restore(db: ServerDatabase) -> None:
    raise ServerError(db.uri, "a server corpus is not restored in place: copy the backup into an empty "
                              "database (pizhu init-server URI; pizhu copy BACKUP URI)")
