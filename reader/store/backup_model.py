"""A corpus's retrained recognition model travels with its backups.

A corpus retrained from its corrections (:mod:`reader.coding.retrain`) keeps its model in a file
beside the database, named in the ``meta`` row ``ner.model`` (``{"file": NAME, ...}``).  A backup
``X.sqlite3`` of such a corpus gets a copy of that file beside it, ``X.sqlite3.ner-model``
(:func:`sidecar`), written aside and renamed like the backup itself; rotation deletes it with its
backup.  Restoring ``X.sqlite3`` puts the copy back under the name the restored ``meta`` row gives
(so the restored corpus uses the model it was backed up with), or, when the backup's corpus used
the shipped model, removes the live model file (the state before the restore, with its model,
is in the ``restore`` backup made first).  A backup without its copy (made before this, or the
copy deleted by hand) restores the database and leaves the model file as it is.

A server corpus has no folder of its own: its model is kept in this machine's
``~/.local/share/pizhu/server-models/HOST-PORT-DBNAME/`` (:func:`model_folder`), and its backups
(``pg_dump`` archives or file corpora, :mod:`reader.store.server_backup`) carry the model the same
way (:func:`save_server_model`, :func:`restore_server_model`).

This module reads the ``meta`` row with SQLite itself, so it works below the facade.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

MODEL_KEY = "ner.model"  # reader.coding.retrain.MODEL_KEY (that module sits above the store)
SUFFIX = ".ner-model"


def sidecar(backup_path: Path) -> Path:
    """Where the model copy of the backup ``backup_path`` is kept."""
    return backup_path.with_name(backup_path.name + SUFFIX)


def model_name(con: sqlite3.Connection) -> str | None:
    """The file name of the retrained model the database of ``con`` names, or None."""
    try:
        row = con.execute('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    try:
        name = json.loads(row[0]).get("file")
    except (ValueError, AttributeError):
        return None
    return Path(name).name if isinstance(name, str) and name else None


def _copy_atomically(source: Path, dest: Path) -> None:
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)


def model_folder(db: Any) -> Path:
    """The folder a corpus's retrained model is kept in: beside a file corpus; for a server
    corpus this machine's ``~/.local/share/pizhu/server-models/HOST-PORT-DBNAME/`` (not the
    working directory, so the model is found wherever the program is started)."""
    from reader.store.postgres import ServerDatabase

    if isinstance(db, ServerDatabase):
        from reader.store.server_backup import server_folder

        return server_folder(db, "server-models")
    return Path(str(db.database)).absolute().parent


def _server_model_name(db: Any) -> str | None:
    row = db.execute_sql('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
    try:
        name = json.loads(row[0]).get("file") if row else None
    except (ValueError, AttributeError):
        return None
    return Path(name).name if isinstance(name, str) and name else None


def save_server_model(db: Any, backup_path: Path) -> Path | None:
    """:func:`save_model` for a backup of the server corpus ``db``."""
    return _save(_server_model_name(db), model_folder(db), backup_path)


def restore_server_model(db: Any, backup_path: Path) -> Path | None:
    """:func:`restore_model` after the server corpus ``db`` was restored from ``backup_path``."""
    name = _server_model_name(db)
    live = model_folder(db) / f"{db.database}.ner-model.crfsuite"  # retrain.model_file
    return _restore(name, live, backup_path)


def save_model(con: sqlite3.Connection, db_path: Path, backup_path: Path) -> Path | None:
    """Copy the corpus's retrained model (if it has one and the file is there) beside the
    backup; returns the copy's path.  A stale copy of an earlier backup of that name goes."""
    return _save(model_name(con), db_path.parent, backup_path)


def _save(name: str | None, folder: Path, backup_path: Path) -> Path | None:
    target = sidecar(backup_path)
    model = folder / name if name else None
    if model is None or not model.is_file():
        target.unlink(missing_ok=True)
        return None
    _copy_atomically(model, target)
    return target


def restore_model(db_path: Path, backup_path: Path) -> Path | None:
    """After the database was restored from ``backup_path``: the model it names, back beside
    the corpus from the backup's copy (returned), or the live model file removed when the
    restored corpus uses the shipped model.  Without a copy nothing is touched."""
    con = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        name = model_name(con)
    finally:
        con.close()
    return _restore(name, db_path.with_name(db_path.name + ".ner-model.crfsuite"), backup_path)  # retrain.model_file


def _restore(name: str | None, live: Path, backup_path: Path) -> Path | None:
    copy = sidecar(backup_path)
    if name is None:
        live.unlink(missing_ok=True)
        _forget(live)
        return None
    if not copy.is_file():
        return None
    target = live.with_name(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy_atomically(copy, target)
    _forget(target)
    return target


def _forget(path: Path) -> None:
    """Drop a loaded model of that file, so the restored one is read."""
    from reader.text.ner import model as model_module

    for key in (str(path), str(path.resolve())):
        model_module._MODELS.pop(key, None)


def drop(backup_paths: list[Path]) -> None:
    """Delete the model copies of backups that were deleted (rotation)."""
    for path in backup_paths:
        sidecar(path).unlink(missing_ok=True)


def copy_model(src: Path, dst: Path) -> Path | None:
    """After ``copy SRC DST`` between two corpus files: the source's retrained model copied
    beside the destination under the destination's own name, and its ``meta`` row pointed at
    it (returned), so the copy recognises with the same model.  None when there is none."""
    con = sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        name = model_name(con)
    finally:
        con.close()
    model = src.with_name(name) if name else None
    if model is None or not model.is_file():
        return None
    target = dst.with_name(dst.name + ".ner-model.crfsuite")  # retrain.model_file
    _copy_atomically(model, target)
    out = sqlite3.connect(dst)
    try:
        with out:
            (value,) = out.execute('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
            facts = json.loads(value)
            facts["file"] = target.name
            out.execute('UPDATE "meta" SET "value" = ? WHERE "key" = ?', (json.dumps(facts, ensure_ascii=False), MODEL_KEY))
    finally:
        out.close()
    _forget(target)
    return target
