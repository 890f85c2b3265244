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

A server corpus keeps its model in the server database (:mod:`reader.store.server_model`): a
``pg_dump`` backup holds it like any other row, and a backup into a file corpus
(:mod:`reader.store.server_backup`) is a copy, which writes the model beside the backup file as
the file corpus's own model (:func:`write_model`); a restore from such a file takes the model
from there (:func:`backup_model_file`, which also finds the ``.ner-model`` copy of a backup made
before the model moved into the database).

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
    if name is not None and not copy.is_file():  # a server's backup into a file: the model beside it
        copy = backup_path.with_name(name)
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


def backup_model_file(path: Path) -> Path | None:
    """The retrained model that goes with the corpus file ``path`` (a corpus, or a backup): the
    file its ``meta`` row names beside it, else the backup's copy (:func:`sidecar`); None when
    it uses the shipped model or the file is not there."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        name = model_name(con)
    finally:
        con.close()
    if name is None:
        return None
    for candidate in (path.with_name(name), sidecar(path)):
        if candidate.is_file():
            return candidate
    return None


def file_model(db: Any, db_path: Path) -> bytes | None:
    """The retrained model of the open file corpus ``db`` at ``db_path`` (its bytes), or None."""
    row = db.execute_sql('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
    try:
        name = json.loads(row[0]).get("file") if row else None
    except (ValueError, AttributeError):
        return None
    model = db_path.with_name(Path(name).name) if isinstance(name, str) and name else None
    return model.read_bytes() if model is not None and model.is_file() else None


def write_model(dst: Path, raw: bytes) -> Path:
    """The model ``raw`` made the retrained model of the (closed) corpus file ``dst``: written
    beside it under its own name (``retrain.model_file``) and its ``meta`` row pointed at it."""
    target = dst.with_name(dst.name + ".ner-model.crfsuite")  # retrain.model_file
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(raw)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    out = sqlite3.connect(dst)
    try:
        with out:
            row = out.execute('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
            try:
                facts = json.loads(row[0]) if row else {}
            except ValueError:
                facts = {}
            facts = {**(facts if isinstance(facts, dict) else {}), "file": target.name}
            out.execute('INSERT INTO "meta" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET '
                        '"value" = excluded."value"', (MODEL_KEY, json.dumps(facts, ensure_ascii=False)))
    finally:
        out.close()
    _forget(target)
    return target
