"""``copy SRC DST``: a whole corpus from a file to a server, a server to a file, or between two
of either, losslessly: every stored table row by row with its ids, and each table's id
high-water mark (so ids deleted in the source are never handed out again in the copy).

What is copied is read from the two schemas, not listed here: every table of the source except
what the destination derives itself (:data:`DERIVED`: the full-text index, its queue, the
aggregates, the schema's own bookkeeping), with the columns both sides have.  A source table or
column with data that the destination has no place for stops the copy with an error naming it;
nothing is dropped silently.  The destination must hold no articles; it is filled in one
transaction (a failure or ``cancelled()`` leaves it as it was), then the aggregates are recounted
and the index is built.  The undo history is not part of a corpus and is not copied.

A model retrained from the corrections goes with the copy, whichever way: it is read from the
file beside a file corpus or from a server corpus's ``ner_model`` row
(:mod:`reader.store.server_model`), and written to the server destination's ``ner_model`` row in
the same transaction as the rest, or beside a file destination under its own name
(:func:`reader.store.backup_model.write_model`) once the copy is committed.  The report says so
(``model``: its SHA-256 and size, or None).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from peewee import Database

from reader.store.packed_text import pack, pack_short, unpack
from reader.store.postgres import ServerDatabase, init_server, is_server_uri, server_version

Progress = Callable[[int, int, str], None]

DERIVED = frozenset({"article_index", "article_index_queue", "article_stat", "tag_stat", "pizhu_schema",
                     "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})
BATCH = 1000
APART = frozenset({"ner_model"})  # the retrained model: carried by _read_model/_write_model, not row by row


class CopyError(Exception):
    """The copy cannot be made (destination not empty, a table it has no place for, ...)."""


@dataclass(frozen=True)
class CopyReport:
    articles: int
    annotations: int
    entities: int
    rows: dict[str, int]
    model: dict[str, object] | None = None  # the retrained model carried: {"sha256", "bytes"}

    def to_json(self) -> dict[str, object]:
        return {"articles": self.articles, "annotations": self.annotations, "entities": self.entities,
                "model": self.model}


def _is_server(db: Database) -> bool:
    return isinstance(db, ServerDatabase)


def tables(db: Database) -> list[str]:
    """The stored (not derived) tables of ``db``: base tables, no views, no FTS5 shadow tables."""
    if _is_server(db):
        rows = db.execute_sql("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                              "current_schema() AND table_type = 'BASE TABLE'").fetchall()
    else:
        rows = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                              "'CREATE VIRTUAL TABLE%'").fetchall()
    return sorted(r[0] for r in rows if r[0] not in DERIVED and r[0] not in APART
                  and not r[0].startswith("article_index_"))


def columns(db: Database, table: str) -> list[str]:
    if _is_server(db):
        rows = db.execute_sql("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                              "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,)).fetchall()
        return [r[0] for r in rows]
    return [r[1] for r in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]


def references(db: Database, table: str) -> list[tuple[str, str]]:
    """``(column, referenced table)`` of each foreign key of ``table``."""
    if _is_server(db):
        rows = db.execute_sql(
            "SELECT kcu.column_name, ccu.table_name FROM information_schema.table_constraints AS tc "
            "JOIN information_schema.key_column_usage AS kcu ON kcu.constraint_name = tc.constraint_name "
            "AND kcu.table_schema = tc.table_schema JOIN information_schema.constraint_column_usage AS ccu "
            "ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() "
            "AND tc.table_name = ?", (table,)).fetchall()
        return [(c, t) for c, t in rows]
    return [(r[3], r[2]) for r in db.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()]


def _ordered(db: Database, names: list[str]) -> list[str]:
    """``names`` with every table after the tables it references (self-references aside)."""
    deps = {t: {ref for _, ref in references(db, t) if ref != t and ref in names} for t in names}
    out: list[str] = []
    while deps:
        ready = sorted(t for t, d in deps.items() if not d - set(out))
        if not ready:
            raise CopyError(f"circular references between tables {sorted(deps)}")
        out.extend(ready)
        for t in ready:
            del deps[t]
    return out


def _packed(value: Any, column: str) -> Any:
    if not isinstance(value, str):
        return value
    if column in ("quote", "prefix", "suffix"):  # an annotation's (step _packed_quotes)
        return pack_short(value)
    if column == "sha256":  # a page's hash as its bytes (step _binary_page_hashes)
        from reader.store.models import digest_bytes

        return digest_bytes(value)
    return pack(value, column == "segments", column == "structure")


def _unpacked(value: Any, column: str) -> Any:
    """A file's stored value as a server keeps it (text; a page hash as hex digits)."""
    if column == "sha256":
        return bytes(value).hex() if isinstance(value, (bytes, memoryview)) else value
    return unpack(value)


def _plain(value: Any, to_server: bool) -> Any:
    """A value as the destination stores it (datetimes as SQLite's text when going to a file)."""
    if not to_server and isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if not to_server and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview):  # a server's BYTEA (packed entity spans)
        return bytes(value)
    return value


def high_water(db: Database, table: str) -> int:
    """The highest id ``table`` has handed out (0 when it has no id sequence)."""
    if _is_server(db):
        seq = db.execute_sql("SELECT pg_get_serial_sequence(?, 'id')", (f'"{table}"',)).fetchone()[0] \
            if "id" in columns(db, table) else None
        if seq is None:
            return 0
        row = db.execute_sql(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {seq}").fetchone()
        return int(row[0])
    has_seq = db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone()
    if has_seq:
        row = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if row is not None:
            return int(row[0])
    if "id" not in columns(db, table):
        return 0
    return int(db.execute_sql(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"').fetchone()[0])


def _set_high_water(db: Database, table: str, value: int) -> None:
    if value <= 0 or "id" not in columns(db, table):
        return
    if _is_server(db):
        seq = db.execute_sql("SELECT pg_get_serial_sequence(?, 'id')", (f'"{table}"',)).fetchone()[0]
        if seq is not None:  # never back: a restore in place keeps the ids handed out since
            db.execute_sql(f"SELECT setval(?, GREATEST(?, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                           f"FROM {seq})), true)", (seq, value))
        return
    autoincrement = db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? "
                                   "AND sql LIKE '%AUTOINCREMENT%'", (table,)).fetchone()
    if not autoincrement:  # ids here follow the highest row; nothing to carry over
        return
    if db.execute_sql("SELECT 1 FROM sqlite_sequence WHERE name = ?", (table,)).fetchone():
        db.execute_sql("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (value, table))
    else:
        db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, value))


def _open(target: str) -> Database:
    from reader.store.db import open_db

    if is_server_uri(target):
        from reader.store.postgres import connect

        probe = connect(target)
        try:
            empty = server_version(probe) is None
        finally:
            probe.close()
        if empty:
            init_server(target)
    return open_db(target)


def copy_corpus(src: str | os.PathLike[str], dst: str | os.PathLike[str], progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, replace: bool = False) -> CopyReport:
    """Copy the corpus at ``src`` into the empty corpus at ``dst`` (paths or server URIs; a
    missing file or an empty server database is made first).  With ``replace`` the destination
    may hold a corpus: every row of its stored tables is replaced (a restore in place), in the
    same one transaction; its id sequences never go back."""
    from reader.store.backend import current
    from reader.store.models import database

    bound = database.obj  # a copy made from an open corpus (a backup) leaves it bound
    if not is_server_uri(os.fspath(src)) and not Path(os.fspath(src)).is_file():
        # a mistyped source must not become a new empty corpus that is then "copied"
        raise CopyError(f"{os.fspath(src)}: no such corpus file" if not Path(os.fspath(src)).exists()
                        else f"{os.fspath(src)}: is not a corpus file")
    source = _open(os.fspath(src))
    target = _open(os.fspath(dst))
    try:
        if not replace and target.execute_sql('SELECT COUNT(*) FROM "article"').fetchone()[0]:
            raise CopyError(f"{dst}: the destination already holds articles; copy needs an empty corpus")
        names = tables(source)
        wanted = {t: columns(source, t) for t in names}
        have = set(tables(target))
        for t in names:
            count = source.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            if count and t not in have:
                raise CopyError(f"{dst}: has no table {t!r} for the {count} row(s) of the source")
        model = _read_model(source, Path(os.fspath(src)))
        order = _ordered(target, [t for t in names if t in have])
        total = sum(source.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in order)
        done = 0
        rows_by_table: dict[str, int] = {}
        to_server = _is_server(target)
        with target.atomic():
            emptied = _ordered(target, sorted(have)) if replace else order
            for t in reversed(emptied):  # seed rows of the new destination (entity types ...) go
                target.execute_sql(f'DELETE FROM "{t}"')
            for t in order:
                dst_cols = set(columns(target, t))
                missing = [c for c in wanted[t] if c not in dst_cols]
                for c in missing:
                    if source.execute_sql(f'SELECT COUNT(*) FROM "{t}" WHERE "{c}" IS NOT NULL').fetchone()[0]:
                        raise CopyError(f"{dst}: table {t!r} has no column {c!r} for the source's values")
                cols = [c for c in wanted[t] if c in dst_cols]
                selfref = [c for c, ref in references(target, t) if ref == t and c in cols]
                key = "id" if "id" in cols else cols[0]
                quoted = ", ".join(f'"{c}"' for c in cols)
                insert = f'INSERT INTO "{t}" ({quoted}) VALUES ({", ".join("?" * len(cols))})'
                cursor = source.execute_sql(f'SELECT {quoted} FROM "{t}" ORDER BY "{key}"')
                later: list[tuple[Any, ...]] = []
                count = 0
                packed = [(cols.index(c), c) for c in ("text", "segments", "structure") if t == "article" and c in cols]
                packed += [(cols.index(c), c) for c in ("quote", "prefix", "suffix") if t == "annotation" and c in cols]
                packed += [(cols.index("sha256"), "sha256")] if t == "source_file" and "sha256" in cols else []
                while True:
                    if cancelled is not None and cancelled():
                        raise _Cancelled()
                    batch = cursor.fetchmany(BATCH)
                    if not batch:
                        break
                    out = []
                    for row in batch:
                        values = [_plain(v, to_server) for v in row]
                        for i, column in packed:  # a file keeps article text deflated, a server plain
                            values[i] = _unpacked(values[i], column) if to_server else _packed(values[i], column)
                        for c in selfref:  # parents may come later in id order: set them after
                            i = cols.index(c)
                            if values[i] is not None:
                                later.append((values[i], values[cols.index("id")]))
                                values[i] = None
                        out.append(values)
                    _insert_rows(target, t, cols, insert, out)
                    count += len(batch)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total, t)
                for c in selfref:
                    target.cursor().executemany(f'UPDATE "{t}" SET "{c}" = ? WHERE "id" = ?', later)
                _set_high_water(target, t, high_water(source, t))
                rows_by_table[t] = count
            _recount(target)
            from reader.store.entities import count_spans

            spans = count_spans(target)
            if to_server:
                _write_server_model(target, model)
            current(target).rebuild_index()
        if not to_server and model is not None:
            from reader.store.backup_model import write_model

            source.close()
            target.close()
            write_model(Path(os.fspath(dst)), model)
        carried = None if model is None else {"sha256": hashlib.sha256(model).hexdigest(), "bytes": len(model)}
        return CopyReport(rows_by_table.get("article", 0), rows_by_table.get("annotation", 0),
                          spans, rows_by_table, carried)
    except _Cancelled:
        return CopyReport(0, 0, 0, {})
    finally:
        source.close()
        target.close()
        if bound is not None:
            database.initialize(bound)


def _read_model(db: Database, path: Path) -> bytes | None:
    """The source's retrained model (its bytes; see the module docstring), or None."""
    if _is_server(db):
        from reader.store import server_model

        return server_model.model_bytes(db) if server_model.facts(db) is not None else None
    from reader.store.backup_model import file_model

    return file_model(db, path)


def _write_server_model(db: Database, model: bytes | None) -> None:
    """The server destination's model made the source's (none when the source had none), in
    the copy's transaction; its ``meta`` row (copied with the rest) gets the model's hash."""
    from reader.store import server_model

    db.execute_sql('DELETE FROM "ner_model"')
    if model is not None:
        facts = server_model.facts(db) or {}
        server_model.put(db, model, str(facts.get("coder", "")), facts)


def _insert_rows(db: Database, table: str, cols: list[str], insert: str, rows: list[list[Any]]) -> None:
    if _is_server(db):  # one statement per batch: a round trip per row would dominate
        from psycopg2.extras import execute_values

        quoted = ", ".join(f'"{c}"' for c in cols)
        execute_values(db.connection().cursor(), f'INSERT INTO "{table}" ({quoted}) VALUES %s', rows,
                       page_size=BATCH)
    else:
        db.cursor().executemany(insert, rows)


class _Cancelled(Exception):
    pass


RECOUNT: tuple[str, ...] = (
    'DELETE FROM "article_stat"',
    'DELETE FROM "tag_stat"',
    """INSERT INTO "article_stat" ("article_id", "entities", "annotations") SELECT a."id",
       0,
       (SELECT COUNT(*) FROM "annotation" AS n WHERE n."article_id" = a."id") FROM "article" AS a""",
    """INSERT INTO "tag_stat" ("tag_id", "annotations") SELECT t."id",
       (SELECT COUNT(*) FROM "annotation_tag" AS l WHERE l."tag_id" = t."id") FROM "tag" AS t""",
)


def _recount(db: Database) -> None:
    from reader.store.entities import article_span_counts

    for statement in RECOUNT:
        db.execute_sql(statement)
    counts = list(article_span_counts(db))  # the packed spans are counted by decoding them
    db.cursor().executemany('UPDATE "article_stat" SET "entities" = ? WHERE "article_id" = ?',
                            [(n, a) for a, n in counts])
