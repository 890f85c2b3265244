"""Recognised entities in the compact tables of :mod:`reader.store.lean_schema`.

:func:`replace_entities` is the one bulk writer (ingest, recomputation): it replaces an
article's mentions and keeps ``entity_mention`` and ``article_stat.entities`` exact.
:func:`article_entities` reads them back with their text (the interned name, which equals
``article.text[start:end]``).  Code that writes single rows through the ``entity`` view gets the
same bookkeeping from its triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.records import EntityRecord
from reader.store import entity_index_store
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


def clear_entities(article_id: int) -> None:
    """Remove an article's mentions and their counts (the entity index's too)."""
    held = entity_index_store.begin_article(article_id)
    _clear(article_id)
    entity_index_store.end_article(article_id, held, None)


def _clear(article_id: int) -> None:
    database.execute_sql(
        'DELETE FROM "entity_mention" WHERE "article_id" = ? AND ("name_id", "type_id") IN '
        '(SELECT DISTINCT "name_id", "type_id" FROM "entity_span" WHERE "article_id" = ?)',
        (article_id, article_id))
    database.execute_sql('DELETE FROM "entity_span" WHERE "article_id" = ?', (article_id,))
    database.execute_sql('UPDATE "article_stat" SET "entities" = 0 WHERE "article_id" = ?', (article_id,))


def replace_entities(article_id: int, mentions: Sequence[Mention], origins: Sequence[str] | None = None) -> int:
    """Replace the mentions of ``article_id`` (call inside a transaction); ``origins[i]`` is
    the layer that found ``mentions[i]`` (default ``rule``).  Empty or duplicate spans are
    dropped.  Returns the mentions stored.  The entity index aggregate follows in the same
    transaction (:mod:`reader.store.entity_index_store`)."""
    held = entity_index_store.begin_article(article_id)
    _clear(article_id)
    if not mentions:
        entity_index_store.end_article(article_id, held, None)
        return 0
    origin_of = list(origins) if origins is not None else ["rule"] * len(mentions)
    names = _ids("entity_name", "text", (m.text for m in mentions))
    types = _ids("entity_type", "name", (m.type for m in mentions))
    kinds = _ids("entity_origin", "name", origin_of)
    rows: dict[tuple[int, int, int, int], tuple[int, int]] = {}
    for m, origin in zip(mentions, origin_of):
        if m.end > m.start:
            key = (article_id, m.start, m.end - m.start, types[m.type])
            rows.setdefault(key, (names[m.text], kinds[origin]))
    cursor = database.cursor()
    cursor.executemany('INSERT INTO "entity_span" VALUES (?, ?, ?, ?, ?, ?)',
                       [(*k, name, origin) for k, (name, origin) in sorted(rows.items())])
    counts: dict[tuple[int, int], int] = {}
    for (_, _, _, type_id), (name_id, _) in rows.items():
        counts[(name_id, type_id)] = counts.get((name_id, type_id), 0) + 1
    cursor.executemany('INSERT INTO "entity_mention" VALUES (?, ?, ?, ?)',
                       [(n, t, article_id, c) for (n, t), c in counts.items()])
    database.execute_sql('UPDATE "article_stat" SET "entities" = ? WHERE "article_id" = ?', (len(rows), article_id))
    text_of = {v: k for k, v in names.items()}
    type_of = {v: k for k, v in types.items()}
    entity_index_store.end_article(article_id, held, {(text_of[n], type_of[t]): (n, t) for n, t in counts})
    return len(rows)


def article_entities(article_id: int) -> list[EntityRecord]:
    """The mentions of one article in text order, with their text and origin."""
    rows = database.execute_sql(
        'SELECT s."start", s."start" + s."len", t."name", n."text", o."name" FROM "entity_span" AS s '
        'JOIN "entity_name" AS n ON n."id" = s."name_id" JOIN "entity_type" AS t ON t."id" = s."type_id" '
        'JOIN "entity_origin" AS o ON o."id" = s."origin_id" WHERE s."article_id" = ? ORDER BY s."start", s."len"',
        (article_id,))
    return [EntityRecord(s, e, t, x, o) for s, e, t, x, o in rows.fetchall()]



def entity_articles_sql() -> str:
    """SQL (one ``?``: the text) for the ids of articles with a mention of exactly that text."""
    return ('SELECT m."article_id" FROM "entity_mention" AS m JOIN "entity_name" AS n ON n."id" = m."name_id" '
            'WHERE n."text" = ?')
