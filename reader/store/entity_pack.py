"""Entity spans as one packed value per article (step ``_entity_packs``, server ``_s15_entity_packs``).

``entity_pack(article_id PRIMARY KEY, spans BLOB)`` replaces the ``entity_span`` rows (and the
``entity`` view over them): an article's spans, sorted by ``(start, len, type_id)``, are one
value of unsigned LEB128 varints (7 bits a byte, high bit "more"):

- ``K``, then ``K`` pairs ``type_id, origin_id``: the article's kinds, sorted;
- ``N``, then ``N`` name ids, sorted, each as the difference from the one before (from 0);
- then per span until the end: the start minus the previous span's start (from 0),
  ``len * K + kind``, and the name's position in the article's name list.

An article without spans has no row.  10,000 articles: 4.35 bytes per span in the value (the old
``WITHOUT ROWID`` rows took about 19 with their b-tree); deflate does not help values this small.
``entity_mention`` stays the access path by name (``name_id, type_id`` → articles), and
``article_stat.entities`` the count; :mod:`reader.store.entities` is the only reader and
writer of the values.  A file corpus's SQL gets an article's ``(name_id, type_id)`` keys from
``pizhu_entity_keys(spans)`` (a JSON array of pairs; registered on every connection), which
its delete trigger and the entity index's by-article contribution need; a server has an index
of ``entity_mention`` by article instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any

# (start, len, type_id, name_id, origin_id)
Span = tuple[int, int, int, int, int]


def _put(out: bytearray, n: int) -> None:
    if n < 0:
        raise ValueError(f"entity span values are non-negative, not {n}")
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def encode(spans: Iterable[Span]) -> bytes:
    """The packed value of an article's spans (duplicates by ``(start, len, type_id)`` keep
    the first); ``b""`` for none."""
    rows: dict[tuple[int, int, int], tuple[int, int]] = {}
    for start, length, type_id, name_id, origin_id in spans:
        rows.setdefault((start, length, type_id), (name_id, origin_id))
    if not rows:
        return b""
    kinds = sorted({(t, o) for (_, _, t), (_, o) in rows.items()})
    names = sorted({n for n, _ in rows.values()})
    kind_at = {k: i for i, k in enumerate(kinds)}
    name_at = {n: i for i, n in enumerate(names)}
    out = bytearray()
    _put(out, len(kinds))
    for t, o in kinds:
        _put(out, t)
        _put(out, o)
    _put(out, len(names))
    previous = 0
    for n in names:
        _put(out, n - previous)
        previous = n
    k = len(kinds)
    previous = 0
    for (start, length, type_id), (name_id, origin_id) in sorted(rows.items()):
        _put(out, start - previous)
        _put(out, length * k + kind_at[(type_id, origin_id)])
        _put(out, name_at[name_id])
        previous = start
    return bytes(out)


def decode(blob: bytes | bytearray | memoryview | None) -> list[Span]:
    """The spans of a packed value, sorted by ``(start, len, type_id)``; a value that is not a
    well-formed pack (the file's bytes changed) is a ``damaged`` storage error naming the file."""
    if not blob:
        return []
    try:
        return _decode(bytes(blob))
    except (IndexError, ValueError, ZeroDivisionError) as exc:
        from reader.store.packed_text import _damaged

        raise _damaged(ValueError(f"an entity pack is malformed: {exc}")) from exc


def _decode(data: bytes) -> list[Span]:
    values: list[int] = []
    append = values.append
    n = shift = 0
    for b in data:  # all varints at once: the layout is read from the list
        if b & 0x80:
            n |= (b & 0x7F) << shift
            shift += 7
        else:
            append(n | (b << shift))
            n = shift = 0
    if shift:
        raise ValueError("it ends inside a number")
    k = values[0]
    kinds = [(values[1 + 2 * i], values[2 + 2 * i]) for i in range(k)]
    at = 1 + 2 * k
    count = values[at]
    names = list(accumulate(values[at + 1:at + 1 + count]))
    rest = values[at + 1 + count:]
    if len(rest) % 3 or not k or (rest and max(rest[2::3]) >= count):
        raise ValueError("its spans do not fit its tables")
    starts = accumulate(rest[0::3])
    if k == 1:
        t, o = kinds[0]
        return [(s, n, t, names[i], o) for s, n, i in zip(starts, rest[1::3], rest[2::3])]
    return [(s, n // k, kinds[n % k][0], names[i], kinds[n % k][1]) for s, n, i in zip(starts, rest[1::3], rest[2::3])]


def decode_many(blobs: Sequence[bytes | bytearray | memoryview]) -> tuple[Any, Any, Any, Any, Any, Any]:
    """The spans of many packed values at once, as numpy arrays ``(doc, start, len, type_id,
    name_id, origin_id)`` (``doc`` indexes ``blobs``), by value and then key order: no Python
    object per span (the exporters read millions)."""
    import numpy as np

    empty = np.zeros(0, dtype=np.int64)
    present = [bytes(b) for b in blobs]
    if not any(present):
        return empty, empty, empty, empty, empty, empty
    raw = np.frombuffer(b"".join(present), dtype=np.uint8)
    sizes = np.fromiter((len(b) for b in present), dtype=np.int64, count=len(present))
    last = raw < 0x80  # the last byte of each varint
    ends = np.flatnonzero(last)
    firsts = np.concatenate([[0], ends[:-1] + 1])
    group = np.repeat(np.arange(len(ends)), ends - firsts + 1)
    shift = (np.arange(len(raw)) - firsts[group]) * 7
    vals = np.add.reduceat((raw & 0x7F).astype(np.int64) << shift, firsts) if len(ends) else empty
    # values per value: where each blob's values begin
    byte_end = np.cumsum(sizes)
    counts = np.searchsorted(ends, byte_end - 1, side="right")
    stop = counts
    offs = np.concatenate([[0], counts[:-1]])
    has = sizes > 0
    docs = np.flatnonzero(has)
    offs, stop = offs[has], stop[has]
    k = vals[offs]
    n = vals[offs + 1 + 2 * k]
    names_at = offs + 2 + 2 * k
    spans_at = names_at + n
    m = (stop - spans_at) // 3
    # names: delta-coded per article
    nbase = np.cumsum(n) - n
    ndoc = np.repeat(np.arange(len(docs)), n)
    nlocal = np.arange(int(n.sum())) - nbase[ndoc]
    ndelta = vals[names_at[ndoc] + nlocal]
    ncum = np.cumsum(ndelta)
    before = np.concatenate([[0], ncum])[nbase[ndoc]]
    name_abs = ncum - before
    # spans
    sbase = np.cumsum(m) - m
    sdoc = np.repeat(np.arange(len(docs)), m)
    local = np.arange(int(m.sum())) - sbase[sdoc]
    pos = spans_at[sdoc] + 3 * local
    delta = vals[pos]
    scum = np.cumsum(delta)
    start = scum - np.concatenate([[0], scum])[sbase[sdoc]]
    kk = k[sdoc]
    length, kind = np.divmod(vals[pos + 1], kk)
    type_id = vals[offs[sdoc] + 1 + 2 * kind]
    origin_id = vals[offs[sdoc] + 2 + 2 * kind]
    name_id = name_abs[nbase[sdoc] + vals[pos + 2]]
    return docs[sdoc], start, length, type_id, name_id, origin_id


def keys(blob: bytes | bytearray | memoryview | None) -> set[tuple[int, int]]:
    """The distinct ``(name_id, type_id)`` of a packed value."""
    return {(name, t) for _, _, t, name, _ in decode(blob)}


def _sql_keys(blob: Any) -> str:
    """``pizhu_entity_keys(spans)``: the value's keys as a JSON array of ``[name_id, type_id]``."""
    return json.dumps(sorted(keys(blob)) if blob else [])


SQL_KEYS = "pizhu_entity_keys"


def register_on(db: Any) -> None:
    """``pizhu_entity_keys`` on every connection of a file corpus."""
    db.register_function(_sql_keys, SQL_KEYS, 1, deterministic=True)


def sql_keys_of(article: str) -> str:
    """A file corpus's SQL for the rows ``(name_id, type_id)`` of the article ``article``
    (an SQL expression) has spans of."""
    return (f'SELECT json_extract(j.value, \'$[0]\') AS "name_id", json_extract(j.value, \'$[1]\') AS "type_id" '
            f'FROM "entity_pack" AS p, json_each({SQL_KEYS}(p."spans")) AS j WHERE p."article_id" = {article}')


TABLE = """CREATE TABLE "entity_pack" ("article_id" INTEGER PRIMARY KEY REFERENCES "article" ("id")
   ON DELETE CASCADE, "spans" BLOB NOT NULL)"""
SERVER_TABLE = """CREATE TABLE IF NOT EXISTS "entity_pack" ("article_id" INTEGER PRIMARY KEY REFERENCES "article" ("id")
   ON DELETE CASCADE, "spans" BYTEA NOT NULL)"""

# the lean store's delete trigger, reading the article's names from its pack
ARTICLE_ON_DELETE = f"""CREATE TRIGGER "article_on_delete" BEFORE DELETE ON "article"
    BEGIN INSERT OR IGNORE INTO "article_index_queue" ("article_id", "indexed") VALUES (old."id", old."text");
    DELETE FROM "entity_mention" WHERE "article_id" = old."id" AND ("name_id", "type_id") IN
        ({sql_keys_of('old."id"')}); END"""

VIEW_TRIGGERS = ("entity_on_insert", "entity_on_delete", "entity_index_on_view_insert",
                 "entity_index_on_view_delete")


def lean_triggers() -> dict[str, str]:
    """The lean store's triggers as they are after the step (:meth:`SqliteStore.check_schema`
    re-creates missing ones from here)."""
    from reader.store import lean_schema

    out = {k: v for k, v in lean_schema.TRIGGERS.items() if k not in VIEW_TRIGGERS}
    out["article_on_delete"] = ARTICLE_ON_DELETE
    return out


def index_triggers() -> dict[str, str]:
    """The entity index's triggers after the step (by-article contributions from the packs)."""
    from reader.store import entity_index_sql as q

    return {k: v for k, v in q.sqlite_triggers("pack").items() if k not in VIEW_TRIGGERS}


def rows_to_packs(rows: Iterable[Sequence[int]]) -> Iterable[tuple[int, bytes]]:
    """``(article_id, value)`` from ``(article_id, start, len, type_id, name_id, origin_id)``
    rows in article order (streamed: one article in memory)."""
    current, spans = None, []  # type: int | None, list[Span]
    for article, start, length, type_id, name_id, origin_id in rows:
        if article != current:
            if spans:
                yield current, encode(spans)  # type: ignore[misc]
            current, spans = article, []
        spans.append((start, length, type_id, name_id, origin_id))
    if spans:
        yield current, encode(spans)  # type: ignore[misc]


def convert(db: Any, server: bool = False, batch: int = 500) -> int:
    """Fill ``entity_pack`` from ``entity_span`` (the step's work); returns the articles packed."""
    read = db.execute_sql('SELECT "article_id", "start", "len", "type_id", "name_id", "origin_id" FROM "entity_span" '
                 'ORDER BY "article_id", "start", "len", "type_id"')

    def rows() -> Iterable[Sequence[int]]:
        while True:
            chunk = read.fetchmany(20000)
            if not chunk:
                return
            yield from chunk

    done, pending = 0, []
    write = db.cursor()
    for article, blob in rows_to_packs(rows()):
        pending.append((article, blob))
        if len(pending) >= batch:
            write.executemany('INSERT INTO "entity_pack" ("article_id", "spans") VALUES (?, ?)', pending)
            done += len(pending)
            pending = []
    if pending:
        write.executemany('INSERT INTO "entity_pack" ("article_id", "spans") VALUES (?, ?)', pending)
        done += len(pending)
    return done
