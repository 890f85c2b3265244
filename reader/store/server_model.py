"""A server corpus's retrained recognition model, kept in the server database itself.

A file corpus keeps the model retrained from its corrections (:mod:`reader.coding.retrain`) in a
file beside the database.  A server corpus is shared by coders on several machines, so its model
is a row of the table ``ner_model`` (server step ``_s12_retrained_model``): the model's bytes
(gzip-compressed, so a big model costs less to send), the SHA-256 and size of the uncompressed
model, who trained it and when.  The ``meta`` row ``ner.model`` says how it was made, as for a
file corpus; both are written (and removed, by a revert) in one transaction, so every coder sees
the old model or the new one.

Every process that opens the corpus uses that model: :func:`local_copy` keeps a copy on this
machine named by its hash, ``~/.cache/pizhu/server-models/HOST-PORT-DBNAME/SHA256.crfsuite``
(``XDG_CACHE_HOME`` respected), fetched once and checked against the hash; a new model is a new
name, so a copy is never stale, and older copies in that folder are removed.  A change to the
row sends the notice ``{"table": "ner_model"}`` on the live channel (:mod:`reader.store.live`),
so open windows of other coders start using the new model at once.

Before step 12 a server corpus's model was a file on the machine that trained it
(``~/.local/share/pizhu/server-models/HOST-PORT-DBNAME/NAME``); :func:`adopt_legacy` moves such
a file into the database when that machine opens the corpus or first recognises with it (the
file itself is left where it was; nothing reads it any more).

This module uses the store only (no facade), so copies and backups below it can use it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MODEL_KEY = "ner.model"  # reader.coding.retrain.MODEL_KEY (that module sits above the store)
TABLE = "ner_model"
CACHE_SUFFIX = ".crfsuite"

STEP_STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE "ner_model" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "sha256" VARCHAR(64) NOT NULL,
       "size" BIGINT NOT NULL, "data" BYTEA NOT NULL, "coder" TEXT NOT NULL, "trained" TIMESTAMP NOT NULL)""",
    # one small notice per statement: the row itself (megabytes) is never put into the payload
    """CREATE FUNCTION "pizhu_notify_model"() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
       PERFORM pg_notify('pizhu_changes', json_build_object('table', 'ner_model', 'op', lower(TG_OP),
         'id', NULL, 'article', NULL)::TEXT);
       RETURN NULL;
       END $fn$""",
    """CREATE TRIGGER "ner_model_notice" AFTER INSERT OR UPDATE OR DELETE ON "ner_model"
       FOR EACH STATEMENT EXECUTE FUNCTION "pizhu_notify_model"()""",
)


@dataclass(frozen=True)
class StoredModel:
    """The model row without its bytes."""

    sha256: str
    size: int
    coder: str
    trained: str

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "bytes": self.size, "coder": self.coder, "trained": self.trained}


def _folder(db: Any, env: str, default: str, kind: str) -> Path:
    parts = urlsplit(db.uri)
    base = Path(os.environ.get(env) or Path.home() / default)
    return base / "pizhu" / kind / f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.lstrip('/')}"


def cache_folder(db: Any) -> Path:
    """This machine's folder of copies of the server corpus's models (see the module doc)."""
    return _folder(db, "XDG_CACHE_HOME", ".cache", "server-models")


def legacy_folder(db: Any) -> Path:
    """Where a model of the server corpus was kept before step 12 (on the machine that trained it)."""
    return _folder(db, "XDG_DATA_HOME", ".local/share", "server-models")


def has_table(db: Any) -> bool:
    return bool(db.execute_sql("SELECT to_regclass('ner_model') IS NOT NULL").fetchone()[0])


def stored(db: Any) -> StoredModel | None:
    """The corpus's stored model (without its bytes), or None."""
    row = db.execute_sql('SELECT "sha256", "size", "coder", "trained" FROM "ner_model" WHERE "id" = 1').fetchone()
    return None if row is None else StoredModel(str(row[0]), int(row[1]), str(row[2]), str(row[3]))


def model_bytes(db: Any) -> bytes | None:
    """The stored model, uncompressed and checked against its hash; None when there is none."""
    row = db.execute_sql('SELECT "sha256", "data" FROM "ner_model" WHERE "id" = 1').fetchone()
    if row is None:
        return None
    raw = gzip.decompress(bytes(row[1]))
    if hashlib.sha256(raw).hexdigest() != row[0]:
        from reader.store.postgres import ServerError

        raise ServerError(db.uri, "the stored retrained model does not match its hash (damaged); "
                                  "retrain or revert the model (pizhu entity revert-model)")
    return raw


def put(db: Any, raw: bytes, coder: str, facts: dict[str, Any] | None = None) -> StoredModel:
    """Store ``raw`` (a CRFsuite model file's bytes) as the corpus's model, replacing any; with
    ``facts`` the ``meta`` row is written too, in the same transaction (``sha256`` added)."""
    import psycopg2

    sha = hashlib.sha256(raw).hexdigest()
    trained = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    data = psycopg2.Binary(gzip.compress(raw, compresslevel=6))
    with db.atomic():
        db.execute_sql('INSERT INTO "ner_model" ("id", "sha256", "size", "data", "coder", "trained") '
                       'VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "sha256" = EXCLUDED."sha256", '
                       '"size" = EXCLUDED."size", "data" = EXCLUDED."data", "coder" = EXCLUDED."coder", '
                       '"trained" = EXCLUDED."trained"', (sha, len(raw), data, coder, trained))
        if facts is not None:
            value = json.dumps({**facts, "sha256": sha}, ensure_ascii=False)
            db.execute_sql('INSERT INTO "meta" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") '
                           'DO UPDATE SET "value" = EXCLUDED."value"', (MODEL_KEY, value))
    return StoredModel(sha, len(raw), coder, trained.isoformat(" "))


def remove(db: Any) -> None:
    """No retrained model for anyone: the row and the ``meta`` row go, in one transaction."""
    with db.atomic():
        db.execute_sql('DELETE FROM "ner_model"')
        db.execute_sql('DELETE FROM "meta" WHERE "key" = ?', (MODEL_KEY,))


def facts(db: Any) -> dict[str, Any] | None:
    row = db.execute_sql('SELECT "value" FROM "meta" WHERE "key" = ?', (MODEL_KEY,)).fetchone()
    try:
        value = json.loads(row[0]) if row else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def local_copy(db: Any) -> Path | None:
    """This machine's copy of the stored model (fetched when it has none yet), or None when the
    corpus has no stored model."""
    model = stored(db)
    if model is None:
        return None
    folder = cache_folder(db)
    path = folder / f"{model.sha256}{CACHE_SUFFIX}"
    if path.is_file():
        return path
    raw = model_bytes(db)
    if raw is None:  # reverted meanwhile
        return None
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{path.name}.{os.getpid()}.partial"
    try:
        partial.write_bytes(raw)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    for old in folder.glob(f"*{CACHE_SUFFIX}"):  # earlier models of this corpus: not used again
        if old != path:
            old.unlink(missing_ok=True)
    return path


def adopt_legacy(db: Any, coder: str = "") -> StoredModel | None:
    """A model kept on this machine before step 12 (its ``meta`` row names it and the database
    holds none) moved into the database; returns what was stored, or None."""
    named = facts(db)
    if named is None or not has_table(db) or stored(db) is not None:
        return None
    name = named.get("file")
    path = legacy_folder(db) / Path(name).name if isinstance(name, str) and name else None
    if path is None or not path.is_file():
        return None
    return put(db, path.read_bytes(), coder or str(named.get("coder", "")), named)  # the old file is left


__all__ = ["MODEL_KEY", "STEP_STATEMENTS", "StoredModel", "adopt_legacy", "cache_folder", "facts", "has_table",
           "legacy_folder", "local_copy", "model_bytes", "put", "remove", "stored"]
