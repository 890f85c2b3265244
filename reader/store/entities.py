"""Recognised entities: one packed value of spans per article (:mod:`reader.store.entity_pack`)
plus the compact tables of :mod:`reader.store.lean_schema` (names, types, origins, mentions).

Every reader and writer of the spans goes through here; callers never see the storage.
:func:`replace_entities` is the one writer (ingest, recomputation, corrections; :func:`add_entities`
and :func:`remove_entities` are built on it): it replaces an article's mentions and keeps
``entity_mention``, ``article_stat.entities`` and the entity index exact.  :func:`article_entities`
(also :func:`article_spans`) reads one article back with its texts (the interned name, which
equals ``article.text[start:end]``), :func:`spans_for_articles` many; :func:`articles_mentioning`
finds articles by name through ``entity_mention`` (then only their values are decoded).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, Protocol

from peewee import Database

from reader.records import EntityRecord
from reader.store import entity_index_store, entity_pack
from reader.store.models import database


class Mention(Protocol):
    start: int
    end: int
    type: str
    text: str


def _ids(table: str, column: str, values: Iterable[str]) -> dict[str, int]:
    """Ids of ``values`` in a lookup table, inserting those that are new."""
    wanted = sorted(set(values))
    if not wanted:
        return {}
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        database.execute_sql(f'INSERT OR IGNORE INTO "{table}" ("{column}") VALUES '
                             + ",".join(["(?)"] * len(chunk)), chunk)
        marks = ",".join("?" * len(chunk))
        rows = database.execute_sql(f'SELECT "{column}", "id" FROM "{table}" WHERE "{column}" IN ({marks})', chunk)
        out.update(dict(rows.fetchall()))
    return out


def _db(db: Database | None) -> Database:
    return database if db is None else db


def _lookup(table: str, column: str, db: Database) -> dict[int, str]:
    return {int(i): str(v) for i, v in db.execute_sql(f'SELECT "id", "{column}" FROM "{table}"').fetchall()}


def _texts(name_ids: Iterable[int], db: Database) -> dict[int, str]:
    """The interned texts of ``name_ids``."""
    wanted = sorted(set(name_ids))
    out: dict[int, str] = {}
    for at in range(0, len(wanted), 500):
        chunk = wanted[at:at + 500]
        marks = ",".join("?" * len(chunk))
        out.update(db.execute_sql(f'SELECT "id", "text" FROM "entity_name" WHERE "id" IN ({marks})', chunk).fetchall())
    return out


def _rows_kept(db: Database) -> bool:
    """Whether ``db`` still keeps its spans as ``entity_span`` rows: a file corpus at a version
    before step ``_entity_packs`` (tests that store data "at an older version" write through
    this code), read and written here as that version did."""
    return entity_index_store._keys(db) == "spans"


def _old_rows(ids: Sequence[int], db: Database) -> dict[int, list[entity_pack.Span]]:
    out: dict[int, list[entity_pack.Span]] = {}
    marks = ",".join("?" * len(ids))
    for article, *span in db.execute_sql(
            f'SELECT "article_id", "start", "len", "type_id", "name_id", "origin_id" FROM "entity_span" '
            f'WHERE "article_id" IN ({marks}) ORDER BY 1, 2, 3, 4', list(ids)).fetchall():
        out.setdefault(int(article), []).append(tuple(span))  # type: ignore[arg-type]
    return out


def _blobs(article_ids: Sequence[int], db: Database) -> dict[int, bytes]:
    """The packed values of the articles among ``article_ids`` that have spans."""
    wanted = list(article_ids)
    out: dict[int, bytes] = {}
    old = _rows_kept(db)
    for at in range(0, len(wanted), 500):
        chunk = wanted[at:at + 500]
        if old:
            out.update((a, entity_pack.encode(spans)) for a, spans in _old_rows(chunk, db).items())
            continue
        marks = ",".join("?" * len(chunk))
        out.update((int(a), b) for a, b in db.execute_sql(
            f'SELECT "article_id", "spans" FROM "entity_pack" WHERE "article_id" IN ({marks})', chunk).fetchall())
    return out


def packs(article_ids: Iterable[int], db: Database | None = None) -> dict[int, list[entity_pack.Span]]:
    """The decoded spans ``(start, len, type_id, name_id, origin_id)`` of the articles that have
    some among ``article_ids``."""
    db = _db(db)
    return {a: entity_pack.decode(b) for a, b in _blobs(sorted(set(article_ids)), db).items()}


def _pack(article_id: int, db: Database) -> list[entity_pack.Span]:
    if _rows_kept(db):
        return _old_rows([article_id], db).get(article_id, [])
    row = db.execute_sql('SELECT "spans" FROM "entity_pack" WHERE "article_id" = ?', (article_id,)).fetchone()
    return entity_pack.decode(row[0]) if row else []


def clear_entities(article_id: int) -> None:
    """Remove an article's mentions and their counts (the entity index's too)."""
    held = entity_index_store.begin_article(article_id)
    _clear(article_id, database)
    entity_index_store.end_article(article_id, held, None)


def _clear(article_id: int, db: Database) -> None:
    names = sorted({name for _, _, _, name, _ in _pack(article_id, db)})
    for at in range(0, len(names), 500):
        chunk = names[at:at + 500]
        db.execute_sql(f'DELETE FROM "entity_mention" WHERE "article_id" = ? AND "name_id" IN '
                       f'({",".join("?" * len(chunk))})', [article_id, *chunk])
    db.execute_sql(f'DELETE FROM "{"entity_span" if _rows_kept(db) else "entity_pack"}" WHERE "article_id" = ?',
                   (article_id,))
    db.execute_sql('UPDATE "article_stat" SET "entities" = 0 WHERE "article_id" = ?', (article_id,))


def replace_entities(article_id: int, mentions: Sequence[Mention], origins: Sequence[str] | None = None) -> int:
    """Replace the mentions of ``article_id`` (call inside a transaction); ``origins[i]`` is
    the layer that found ``mentions[i]`` (default ``rule``).  Empty or duplicate spans are
    dropped.  Returns the mentions stored.  The entity index aggregate follows in the same
    transaction (:mod:`reader.store.entity_index_store`)."""
    held = entity_index_store.begin_article(article_id)
    _clear(article_id, database)
    if not mentions:
        entity_index_store.end_article(article_id, held, None)
        return 0
    origin_of = list(origins) if origins is not None else ["rule"] * len(mentions)
    names = _ids("entity_name", "text", (m.text for m in mentions))
    types = _ids("entity_type", "name", (m.type for m in mentions))
    kinds = _ids("entity_origin", "name", origin_of)
    rows: dict[tuple[int, int, int], tuple[int, int]] = {}
    for m, origin in zip(mentions, origin_of):
        if m.end > m.start:
            rows.setdefault((m.start, m.end - m.start, types[m.type]), (names[m.text], kinds[origin]))
    if not rows:
        entity_index_store.end_article(article_id, held, None)
        return 0
    if _rows_kept(database):
        database.cursor().executemany('INSERT INTO "entity_span" VALUES (?, ?, ?, ?, ?, ?)',
                                      [(article_id, *k, name, o) for k, (name, o) in sorted(rows.items())])
    else:
        blob = entity_pack.encode((s, n, t, name, o) for (s, n, t), (name, o) in rows.items())
        database.execute_sql('INSERT INTO "entity_pack" ("article_id", "spans") VALUES (?, ?)', (article_id, blob))
    counts: dict[tuple[int, int], int] = {}
    for (_, _, type_id), (name_id, _) in rows.items():
        counts[(name_id, type_id)] = counts.get((name_id, type_id), 0) + 1
    database.cursor().executemany('INSERT INTO "entity_mention" VALUES (?, ?, ?, ?)',
                                  [(n, t, article_id, c) for (n, t), c in counts.items()])
    database.execute_sql('UPDATE "article_stat" SET "entities" = ? WHERE "article_id" = ?', (len(rows), article_id))
    text_of = {v: k for k, v in names.items()}
    type_of = {v: k for k, v in types.items()}
    entity_index_store.end_article(article_id, held, {(text_of[n], type_of[t]): (n, t) for n, t in counts})
    return len(rows)


def add_entities(article_id: int, mentions: Sequence[Mention], origins: Sequence[str] | None = None) -> int:
    """Add ``mentions`` to those ``article_id`` has (a span it has of the same start, end and
    type is kept as it is); returns the mentions it has now."""
    with database.atomic():
        kept = article_entities(article_id)
        origin_of = list(origins) if origins is not None else ["rule"] * len(mentions)
        return replace_entities(article_id, [*kept, *mentions], [*(e.source for e in kept), *origin_of])


def add_entity(article_id: int, start: int, end: int, type: str, text: str, origin: str = "rule") -> int:
    """Add one mention (see :func:`add_entities`)."""
    return add_entities(article_id, [EntityRecord(start, end, type, text, origin)], [origin])


def remove_entities(article_id: int, keep: Callable[[EntityRecord], bool] = lambda _e: False) -> int:
    """Keep only the mentions of ``article_id`` for which ``keep`` is true (default: none);
    returns those removed."""
    with database.atomic():
        old = article_entities(article_id)
        kept = [e for e in old if keep(e)]
        if len(kept) != len(old):
            replace_entities(article_id, kept, [e.source for e in kept])
        return len(old) - len(kept)


def all_entities(db: Database | None = None) -> Iterator[tuple[int, EntityRecord]]:
    """``(article_id, mention)`` of every article, in article then text order (tests, tools)."""
    db = _db(db)
    ids = [int(r[0]) for r in db.execute_sql('SELECT "article_id" FROM "entity_pack" ORDER BY "article_id"').fetchall()]
    for at in range(0, len(ids), 500):
        for article, found in entity_records(ids[at:at + 500], db=db).items():
            for e in found:
                yield article, e


def article_entities(article_id: int, db: Database | None = None) -> list[EntityRecord]:
    """The mentions of one article in text order, with their text and origin."""
    db = _db(db)
    spans = _pack(article_id, db)
    if not spans:
        return []
    names = sorted({name for _, _, _, name, _ in spans})
    if len(names) > 500:
        types, origins = _lookup("entity_type", "name", db), _lookup("entity_origin", "name", db)
        texts = _texts(names, db)
    else:  # one round trip (opening an article)
        found: tuple[dict[int, str], dict[int, str], dict[int, str]] = ({}, {}, {})
        for table, key, value in db.execute_sql(
                'SELECT 0, "id", "name" FROM "entity_type" UNION ALL SELECT 1, "id", "name" FROM "entity_origin" '
                f'UNION ALL SELECT 2, "id", "text" FROM "entity_name" WHERE "id" IN ({",".join("?" * len(names))})',
                names).fetchall():
            found[table][key] = value
        types, origins, texts = found
    return [EntityRecord(s, s + n, types[t], texts[name], origins[o]) for s, n, t, name, o in spans]


article_spans = article_entities


def spans_for_articles(article_ids: Iterable[int], db: Database | None = None,
                       types: Collection[str] | None = None, texts: Collection[str] | None = None,
                       live: bool = False, names: bool = True) -> Iterator[tuple[int, int, int, str, str, str]]:
    """``(article_id, start, end, type, text, origin)`` of the articles among ``article_ids``, in
    article then text order, read 500 articles at a time; ``types`` / ``texts``: only mentions
    of those types / texts; ``live``: only of articles not retired; not ``names``: ``text`` is
    ``""`` (for callers that cut it from the article, which is the same)."""
    db = _db(db)
    wanted = sorted(set(article_ids))
    if live and wanted:
        wanted = _live(wanted, db)
    if not wanted:
        return
    import numpy as np

    type_of, origin_of = _lookup("entity_type", "name", db), _lookup("entity_origin", "name", db)
    type_ids = None if types is None else [i for i, name in type_of.items() if name in types]
    text_of = None if texts is None or not names else _ids_of_texts(texts, db)
    name_ids = None if texts is None else list(_ids_of_texts(texts, db) if text_of is None else text_of)
    for at in range(0, len(wanted), 500):
        batch = wanted[at:at + 500]
        doc, start, length, type_id, name_id, origin_id = span_arrays(batch, db)  # decoded at once
        keep = None
        if type_ids is not None:
            keep = np.isin(type_id, type_ids)
        if name_ids is not None:
            keep = np.isin(name_id, name_ids) if keep is None else keep & np.isin(name_id, name_ids)
        if keep is not None:
            doc, start, length, type_id, name_id, origin_id = (
                doc[keep], start[keep], length[keep], type_id[keep], name_id[keep], origin_id[keep])
        if not len(doc):
            continue
        found = name_id.tolist()
        if not names:
            text = [""] * len(found)
        else:
            lookup = text_of if text_of is not None else _texts(set(found), db)
            text = [lookup[n] for n in found]
        for d, s0, n, t, x, o in zip(doc.tolist(), start.tolist(), length.tolist(), type_id.tolist(), text,
                                     origin_id.tolist()):
            yield batch[d], s0, s0 + n, type_of[t], x, origin_of[o]


def entity_records(article_ids: Sequence[int], texts: dict[int, str] | None = None,
                   db: Database | None = None) -> dict[int, list[EntityRecord]]:
    """The mentions of each of ``article_ids`` (every id a key) in text order, decoded at once
    (the exporters' batches); ``texts``: the articles' texts, to cut each mention's text from
    (and keep only spans inside them) instead of looking the names up."""
    db = _db(db)
    ids = list(article_ids)
    out: dict[int, list[EntityRecord]] = {i: [] for i in ids}
    doc, start, length, type_id, name_id, origin_id = span_arrays(ids, db)
    if not len(doc):
        return out
    type_of, origin_of = _lookup("entity_type", "name", db), _lookup("entity_origin", "name", db)
    end = (start + length).tolist()
    rows = zip(doc.tolist(), start.tolist(), end, type_id.tolist(), name_id.tolist(), origin_id.tolist())
    if texts is None:
        text_of = _texts(set(name_id.tolist()), db)
        for d, s, e, t, n, o in rows:
            out[ids[d]].append(EntityRecord(s, e, type_of[t], text_of[n], origin_of[o]))
    else:
        for d, s, e, t, n, o in rows:
            text = texts[ids[d]]
            if 0 <= s < e <= len(text):
                out[ids[d]].append(EntityRecord(s, e, type_of[t], text[s:e], origin_of[o]))
    return out


def type_names(db: Database | None = None) -> dict[int, str]:
    """``{type_id: name}`` (the ids :func:`span_arrays` gives)."""
    return _lookup("entity_type", "name", _db(db))


def name_texts(name_ids: Iterable[int], db: Database | None = None) -> dict[int, str]:
    """``{name_id: text}`` of ``name_ids`` (the ids :func:`span_arrays` gives)."""
    return _texts(name_ids, _db(db))


def span_arrays(article_ids: Sequence[int], db: Database | None = None) -> tuple[Any, Any, Any, Any, Any, Any]:
    """The spans of ``article_ids`` as numpy arrays ``(doc, start, len, type_id, name_id,
    origin_id)``, ``doc`` indexing ``article_ids``, by doc and then ``(start, len, type_id)``
    (:func:`reader.store.entity_pack.decode_many`; for the exporters)."""
    db = _db(db)
    ids = list(article_ids)
    blob_of = _blobs(ids, db)
    return entity_pack.decode_many([blob_of.get(i, b"") for i in ids])


def _live(ids: Sequence[int], db: Database) -> list[int]:
    out: list[int] = []
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        out.extend(int(r[0]) for r in db.execute_sql(
            f'SELECT "id" FROM "article" WHERE "retired" = 0 AND "id" IN ({",".join("?" * len(chunk))})', chunk))
    return sorted(out)


def _ids_of_texts(texts: Collection[str], db: Database) -> dict[int, str]:
    wanted = sorted(set(texts))
    out: dict[int, str] = {}
    for at in range(0, len(wanted), 500):
        chunk = wanted[at:at + 500]
        marks = ",".join("?" * len(chunk))
        out.update(db.execute_sql(f'SELECT "id", "text" FROM "entity_name" WHERE "text" IN ({marks})', chunk).fetchall())
    return out


def articles_mentioning(texts: Collection[str] | None = None, types: Collection[str] | None = None,
                        live: bool = False, db: Database | None = None) -> list[int]:
    """Ids of the articles with a mention of one of ``texts`` (None: any) of one of ``types``
    (None: any), from ``entity_mention``; ``live``: only articles not retired."""
    db = _db(db)
    where, params = [], []  # type: list[str], list[object]
    if live:
        where.append('m."article_id" IN (SELECT "id" FROM "article" WHERE "retired" = 0)')
    if texts is not None:
        if not texts:
            return []
        where.append(f'n."text" IN ({",".join("?" * len(texts))})')
        params.extend(sorted(texts))
    if types is not None:
        if not types:
            return []
        where.append(f't."name" IN ({",".join("?" * len(types))})')
        params.extend(sorted(types))
    sql = ('SELECT DISTINCT m."article_id" FROM "entity_mention" AS m JOIN "entity_name" AS n ON n."id" = m."name_id" '
           'JOIN "entity_type" AS t ON t."id" = m."type_id"')
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sorted(int(r[0]) for r in db.execute_sql(sql + ' ORDER BY m."article_id"', params).fetchall())


def count_spans(db: Database | None = None) -> int:
    """Every stored mention (the sum of ``article_stat.entities``)."""
    return int(_db(db).execute_sql('SELECT COALESCE(SUM("entities"), 0) FROM "article_stat"').fetchone()[0])


def article_span_counts(db: Database | None = None) -> Iterator[tuple[int, int]]:
    """``(article_id, mentions)`` counted from the stored values (what ``article_stat`` says)."""
    cursor = _db(db).execute_sql('SELECT "article_id", "spans" FROM "entity_pack" ORDER BY "article_id"')
    while True:
        rows = cursor.fetchmany(1000)
        if not rows:
            return
        for article, blob in rows:
            yield int(article), len(entity_pack.decode(blob))


def entity_articles_sql() -> str:
    """SQL (one ``?``: the text) for the ids of articles with a mention of exactly that text."""
    return ('SELECT m."article_id" FROM "entity_mention" AS m JOIN "entity_name" AS n ON n."id" = m."name_id" '
            'WHERE n."text" = ?')
