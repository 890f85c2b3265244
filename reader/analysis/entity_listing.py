"""The entity index as rows to page, sort and filter in SQL, updated entry by entry.

The index itself is worked out by :func:`reader.analysis.entity_index.entity_index` (aliases and
document links make it more than one query).  An :class:`EntityListing` keeps its entries in an
SQLite table of its own (in memory: it is derived, never stored in the corpus, and works the
same beside a file or a server corpus), with an id per ``(name, type)`` that survives updates.
A view asks for ids in the order and filter it shows and for the entries of the few rows it
paints; :meth:`EntityListing.replace` says which ids appeared, changed or went, so that a view
re-reads those rows only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.analysis.entity_index import IndexEntry

# sort key -> ORDER BY (ties: most mentioned, then name, type, as the index orders)
SORTS: dict[str, str] = {
    "name": '"name" {d}, "type"', "type": '"type" {d}, "mentions" DESC, "name"',
    "mentions": '"mentions" {d}, "name", "type"', "articles": '"n_articles" {d}, "mentions" DESC, "name", "type"',
    "variants": '"n_variants" {d}, "mentions" DESC, "name", "type"',
}


@dataclass(frozen=True)
class Difference:
    """What :meth:`EntityListing.replace` changed: ids of new, changed and removed entries."""

    added: tuple[int, ...] = ()
    changed: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        return self.added + self.changed + self.removed


class EntityListing:
    """Index entries in a table of their own; see the module doc.  Used from one thread."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            'CREATE TABLE "entry" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "type" TEXT NOT NULL, '
            '"mentions" INTEGER NOT NULL, "n_articles" INTEGER NOT NULL, "articles" TEXT NOT NULL, '
            '"variants" TEXT NOT NULL, "n_variants" INTEGER NOT NULL, '
            'UNIQUE ("name", "type"))')
        self._db.execute('CREATE INDEX "entry_mentions" ON "entry" ("mentions")')

    def replace(self, entries: Iterable[IndexEntry]) -> Difference:
        """Make the listing hold exactly ``entries``; an entry keeps its id while its name and
        type stay."""
        db = self._db
        known = {(n, t): (i, m, a, v) for i, n, t, m, a, v in db.execute(
            'SELECT "id", "name", "type", "mentions", "articles", "variants" FROM "entry"')}
        added: list[tuple[object, ...]] = []
        changed: list[tuple[object, ...]] = []
        seen: set[tuple[str, str]] = set()
        with db:
            for e in entries:
                key = (e.name, e.type)
                seen.add(key)
                articles, variants = json.dumps(list(e.articles)), json.dumps(list(e.variants), ensure_ascii=False)
                row = (e.mentions, len(e.articles), articles, variants, len(e.variants))
                old = known.get(key)
                if old is None:
                    added.append((e.name, e.type, *row))
                elif (old[1], old[2], old[3]) != (e.mentions, articles, variants):
                    changed.append((*row, old[0]))
            gone = [old[0] for key, old in known.items() if key not in seen]
            db.executemany('UPDATE "entry" SET "mentions" = ?, "n_articles" = ?, "articles" = ?, "variants" = ?, '
                           '"n_variants" = ? WHERE "id" = ?', changed)
            db.executemany('DELETE FROM "entry" WHERE "id" = ?', [(i,) for i in gone])
            first = db.execute('SELECT COALESCE(MAX("id"), 0) FROM "entry"').fetchone()[0]
            db.executemany('INSERT INTO "entry" ("name", "type", "mentions", "n_articles", "articles", "variants", '
                           '"n_variants") VALUES (?, ?, ?, ?, ?, ?, ?)', added)
            new_ids = [i for (i,) in db.execute('SELECT "id" FROM "entry" WHERE "id" > ? ORDER BY "id"', (first,))]
        return Difference(tuple(new_ids), tuple(int(c[-1]) for c in changed), tuple(gone))  # type: ignore[arg-type]

    def _where(self, text: str, types: Sequence[str] | None) -> tuple[str, list[object]]:
        sql, params = ' WHERE 1 = 1', []  # type: tuple[str, list[object]]
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql += ' AND ("name" LIKE ? ESCAPE \'\\\' OR "variants" LIKE ? ESCAPE \'\\\')'
            params += [f"%{escaped}%", f"%{escaped}%"]
        if types is not None:
            sql += f' AND "type" IN ({", ".join("?" * len(types))})'
            params += list(types)
        return sql, params

    def ids(self, sort: str = "mentions", descending: bool = True, text: str = "",
            types: Sequence[str] | None = None, offset: int = 0, limit: int | None = None) -> list[int]:
        """Ids of the entries whose name or a variant contains ``text`` (any case), of
        ``types`` (None: all), in ``sort`` order (one of :data:`SORTS`)."""
        where, params = self._where(text, types)
        order = SORTS[sort].format(d="DESC" if descending else "ASC")
        sql = f'SELECT "id" FROM "entry"{where} ORDER BY {order}'
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [i for (i,) in self._db.execute(sql, params)]

    def count(self, text: str = "", types: Sequence[str] | None = None) -> int:
        where, params = self._where(text, types)
        return int(self._db.execute(f'SELECT COUNT(*) FROM "entry"{where}', params).fetchone()[0])

    def totals(self, text: str = "", types: Sequence[str] | None = None) -> tuple[int, int]:
        """``(entries, mentions)`` that the filter lets through."""
        where, params = self._where(text, types)
        n, mentions = self._db.execute(f'SELECT COUNT(*), COALESCE(SUM("mentions"), 0) FROM "entry"{where}',
                                       params).fetchone()
        return int(n), int(mentions)

    def rows(self, ids: Sequence[int]) -> list[tuple[int, IndexEntry]]:
        """``(id, entry)`` of those of ``ids`` that exist, in the order given."""
        found: dict[int, IndexEntry] = {}
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for i, name, etype, mentions, articles, variants in self._db.execute(
                    'SELECT "id", "name", "type", "mentions", "articles", "variants" FROM "entry" '
                    f'WHERE "id" IN ({", ".join("?" * len(chunk))})', chunk):
                found[i] = IndexEntry(name, etype, mentions, tuple(json.loads(articles)), tuple(json.loads(variants)))
        return [(i, found[i]) for i in ids if i in found]

    def find(self, name: str, etype: str | None = None) -> int | None:
        """The id of the entry ``name`` (of ``etype`` when given; the most mentioned otherwise)."""
        sql, params = 'SELECT "id" FROM "entry" WHERE "name" = ?', [name]  # type: tuple[str, list[object]]
        if etype is not None:
            sql += ' AND "type" = ?'
            params.append(etype)
        row = self._db.execute(sql + ' ORDER BY "mentions" DESC LIMIT 1', params).fetchone()
        return int(row[0]) if row else None

    def close(self) -> None:
        self._db.close()
