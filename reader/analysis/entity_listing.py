"""The entity index as rows to page, sort and filter in SQL, read from the aggregate the store
keeps up to date on write (``entity_index_stat``, :mod:`reader.store.entity_index_sql`).

An entry is a canonical name of one type (after document links and aliases); its id is
``entry name id * 16 + type id``, stable while the name exists.  A view asks for ids in the
order and filter it shows (:func:`entry_ids`), for the rows it paints (:func:`entry_rows`), and
after a write for the ids of the entries changed since it last looked (:func:`changed_since`):
every write that touches an entry raises its ``seq``.  Works the same on a file and a server
corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.analysis.entity_index import IndexEntry
from reader.store import entity_index_sql, entity_index_store
from reader.store.models import database

TYPE_SLOTS = 16  # an entry id is name id * TYPE_SLOTS + type id (PER, LOC, ORG are 1-3)

# sort key -> ORDER BY (ties: most mentioned, then name, type, as the index orders)
SORTS: dict[str, str] = {
    "name": 'n."text" {d}, t."name"', "type": 't."name" {d}, "mentions" DESC, n."text"',
    "mentions": '"mentions" {d}, n."text", t."name"',
    "articles": '"n_articles" {d}, "mentions" DESC, n."text", t."name"',
    "variants": '"n_variants" {d}, "mentions" DESC, n."text", t."name"',
}

_GROUPED = ('SELECT s."entry_id" * 16 + s."type_id" AS "id", SUM(s."mentions") AS "mentions", '
            'SUM(s."articles") AS "n_articles", COUNT(*) AS "n_variants" '
            'FROM "entity_index_stat" AS s JOIN "entity_name" AS n ON n."id" = s."entry_id" '
            'JOIN "entity_type" AS t ON t."id" = s."type_id" WHERE s."mentions" > 0')


@dataclass(frozen=True)
class IndexRow:
    """One entry as a view shows it: ``articles`` is a count (:func:`entry_articles` lists them);
    ``variants`` every surface form counted under it, the name first when it is one."""

    id: int
    name: str
    type: str
    mentions: int
    articles: int
    variants: tuple[str, ...]


def ensure_current(progress: Callable[[int, int, str], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> bool:
    """Rebuild the aggregate if it is not current (rare: see
    :func:`reader.store.entity_index_store.is_current`); True when it was rebuilt."""
    return entity_index_store.ensure_current(progress, cancelled)


def _where(text: str, types: Sequence[str] | None) -> tuple[str, list[object]]:
    sql, params = "", []  # type: tuple[str, list[object]]
    if text:
        escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        sql += (' AND (lower(n."text") LIKE ? ESCAPE \'\\\' OR (s."entry_id", s."type_id") IN '
                '(SELECT x."entry_id", x."type_id" FROM "entity_index_stat" AS x JOIN "entity_name" AS f '
                'ON f."id" = x."form_id" WHERE x."mentions" > 0 AND lower(f."text") LIKE ? ESCAPE \'\\\'))')
        params += [pattern, pattern]
    if types is not None:
        if not types:
            return " AND 1 = 0", []
        sql += f' AND t."name" IN ({", ".join("?" * len(types))})'
        params += list(types)
    return sql, params


def entry_ids(sort: str = "mentions", descending: bool = True, text: str = "",
              types: Sequence[str] | None = None, offset: int = 0, limit: int | None = None) -> list[int]:
    """Ids of the entries whose name or a variant contains ``text`` (any case), of ``types``
    (None: all), in ``sort`` order (one of :data:`SORTS`)."""
    where, params = _where(text, types)
    order = SORTS[sort].format(d="DESC" if descending else "ASC")
    sql = (f'{_GROUPED}{where} GROUP BY s."entry_id", s."type_id", n."text", t."name" ORDER BY {order}')
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [int(r[0]) for r in database.execute_sql(sql, params).fetchall()]


def totals(text: str = "", types: Sequence[str] | None = None) -> tuple[int, int]:
    """``(entries, mentions)`` that the filter lets through."""
    where, params = _where(text, types)
    row = database.execute_sql(
        f'SELECT COUNT(*), COALESCE(SUM(g."mentions"), 0) FROM ({_GROUPED}{where} '
        'GROUP BY s."entry_id", s."type_id") AS g', params).fetchone()
    return int(row[0]), int(row[1])


def _split(entry: int) -> tuple[int, int]:
    return entry // TYPE_SLOTS, entry % TYPE_SLOTS


def entry_rows(ids: Sequence[int]) -> list[IndexRow]:
    """The rows of those of ``ids`` that are entries now, in the order given."""
    found: dict[int, IndexRow] = {}
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), 300):
        chunk = wanted[start:start + 300]
        names = sorted({_split(i)[0] for i in chunk})
        rows = database.execute_sql(
            'SELECT s."entry_id", s."type_id", n."text", t."name", f."text", s."mentions", s."articles" '
            'FROM "entity_index_stat" AS s JOIN "entity_name" AS n ON n."id" = s."entry_id" '
            'JOIN "entity_name" AS f ON f."id" = s."form_id" JOIN "entity_type" AS t ON t."id" = s."type_id" '
            f'WHERE s."mentions" > 0 AND s."entry_id" IN ({", ".join("?" * len(names))})', names).fetchall()
        parts: dict[int, list[tuple[str, str, str, int, int]]] = {}
        for entry, type_id, name, etype, form, mentions, articles in rows:
            parts.setdefault(int(entry) * TYPE_SLOTS + int(type_id), []).append((name, etype, form, mentions, articles))
        for i in chunk:
            got = parts.get(i)
            if not got:
                continue
            name, etype = got[0][0], got[0][1]
            forms = sorted((p[2] for p in got), key=lambda v: (v != name, -len(v), v))
            found[i] = IndexRow(i, name, etype, sum(p[3] for p in got), sum(p[4] for p in got), tuple(forms))
    return [found[i] for i in ids if i in found]


def find(name: str, etype: str | None = None) -> int | None:
    """The id of the entry ``name`` (of ``etype`` when given; the most mentioned otherwise)."""
    sql = f'{_GROUPED} AND n."text" = ?'
    params: list[object] = [name]
    if etype is not None:
        sql += ' AND t."name" = ?'
        params.append(etype)
    sql += ' GROUP BY s."entry_id", s."type_id" ORDER BY "mentions" DESC LIMIT 1'
    row = database.execute_sql(sql, params).fetchone()
    return int(row[0]) if row else None


def last_seq() -> int:
    """The ``seq`` of the latest write to the aggregate (0 when it is empty)."""
    return int(database.execute_sql(f"SELECT {entity_index_sql.SEQ}").fetchone()[0])


def changed_since(seq: int) -> tuple[list[int], int]:
    """``(ids of the entries a write touched after seq, the latest seq)``: entries that appeared,
    changed or went (a gone entry's id is among them; :func:`entry_rows` no longer finds it)."""
    rows = database.execute_sql(
        'SELECT DISTINCT "entry_id", "type_id" FROM "entity_index_stat" WHERE "seq" > ?', (seq,)).fetchall()
    return sorted(int(e) * TYPE_SLOTS + int(t) for e, t in rows), last_seq()


def entry_articles(entry: int, limit: int | None = None) -> list[int]:
    """Ids of the (non-retired) articles counted under an entry, ascending."""
    name_id, type_id = _split(entry)
    sql = ('SELECT DISTINCT m."article_id" FROM "entity_mention" AS m JOIN "article" AS a ON a."id" = m."article_id" '
           'JOIN "entity_type" AS t ON t."id" = m."type_id" '
           'LEFT JOIN "entity_link" AS l ON l."article_id" = m."article_id" AND l."name_id" = m."name_id" '
           'AND l."type_id" = m."type_id" JOIN "entity_name" AS ln ON ln."id" = COALESCE(l."full_id", m."name_id") '
           'LEFT JOIN "entity_alias" AS al ON al."alias" = ln."text" AND (al."type" = \'\' OR al."type" = t."name") '
           'LEFT JOIN "entity_name" AS cn ON cn."text" = al."canonical" '
           'WHERE a."retired" = 0 AND m."type_id" = ? AND m."name_id" IN (SELECT "form_id" FROM "entity_index_stat" '
           'WHERE "entry_id" = ? AND "type_id" = ? AND "mentions" > 0) AND COALESCE(cn."id", ln."id") = ? '
           'ORDER BY m."article_id"')
    params: list[object] = [type_id, name_id, type_id, name_id]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [int(r[0]) for r in database.execute_sql(sql, params).fetchall()]


def entries(types: Sequence[str] | None = None) -> list[IndexEntry]:
    """Every entry (of ``types``) with its articles, in the index's order: what
    :func:`reader.analysis.entity_index.entity_index` works out from scratch, read from the
    aggregate (reads one query per entry: for tests and small corpora)."""
    rows = entry_rows(entry_ids(types=types))
    return [IndexEntry(r.name, r.type, r.mentions, tuple(entry_articles(r.id)), r.variants) for r in rows]
