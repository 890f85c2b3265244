"""A phrase list's hits as a paged SQL table, for the phrase lists view: every hit with its
article's date and its contexts (so a concordance sorts by either side in SQL), the per-phrase
summary and the per-month counts as SQL aggregates, and updates by article.

The table lives in the analyses' scratch database (:mod:`reader.analysis.stat_tables`).  A
change to some articles re-reads those articles only (:meth:`HitTable.update`): hits that stay
keep their ids, so a view re-reads and moves only the rows that changed."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from reader.analysis import phrases as ph
from reader.analysis.stat_tables import _LOCK, _db
from reader.analysis.timeline import TimelineRow

WIDTH = 20
ORDERS = {  # a concordance column -> its SQL order (ties in document order)
    "position": "article, start, id", "match": "match, article, start", "right": "right_ctx, match, article, start",
    "left": "left_rev, article, start", "phrase": "label, article, start",
}
_SERIAL = itertools.count(1)
BATCH = 500  # articles read and written at a time
Cancelled = Callable[[], bool]
Progress = Callable[[int, int, str], None]


class HitTable:
    """The hits of one phrase list in a sub-corpus (see the module doc)."""

    def __init__(self, list_name: str, article_ids: Sequence[int] | None) -> None:
        self.list_name = list_name
        self.article_ids = None if article_ids is None else frozenset(article_ids)
        self.name = f"hits{next(_SERIAL)}"
        self.phrases = ph.resolve(list_name)
        self.builds = 0
        self.dropped = False
        self._indexes: set[str] = set()
        with _LOCK:
            _db().execute(f'CREATE TABLE "{self.name}" (id INTEGER PRIMARY KEY, article INTEGER, start INTEGER, '
                          f'"end" INTEGER, label TEXT, match TEXT, left_rev TEXT, right_ctx TEXT, title TEXT, day TEXT)')

    # -- writing ------------------------------------------------------------------------
    def _batches(self, ids: Sequence[int] | None) -> list[list[int]]:
        """The candidate articles (of the sub-corpus; among ``ids`` when given) in batches."""
        candidates = ph.candidate_articles(self.phrases, ids)
        chosen = [i for i in candidates if self.article_ids is None or i in self.article_ids]
        return [chosen[start:start + BATCH] for start in range(0, len(chosen), BATCH)]

    def _rows(self, part: Sequence[int], auto: Any) -> list[tuple[Any, ...]]:
        """Hit rows (article, start, end, label, match, left reversed, right, title, day) of the
        articles ``part``, in document order.  Each text is read once, its line breaks blanked
        once (the contexts are slices of it, as :func:`reader.store.kwic.kwic_line` cuts them:
        ``str.replace`` of the three characters, far faster than ``str.translate`` over a long text)."""
        from reader.analysis.variables import variable_of

        dates = variable_of("date", part)
        out: list[tuple[Any, ...]] = []
        for article_id, text, title in ph._texts(part):
            found = ph.match(text, auto)
            if not found:
                continue
            blank = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")  # as kwic_line's _BLANKS
            day = dates.get(article_id)
            out.extend((article_id, s, e, label, text[s:e], blank[max(0, s - WIDTH):s][::-1], blank[e:e + WIDTH],
                        title, day) for s, e, label in found)
        return out

    def _found(self, ids: Sequence[int] | None, cancelled: Cancelled | None) -> dict[int, list[tuple[Any, ...]]] | None:
        """Hit rows by article (see :meth:`_rows`); None when cancelled."""
        auto = ph._automaton(self.phrases)
        if auto is None:
            return {}
        out: dict[int, list[tuple[Any, ...]]] = {}
        for part in self._batches(ids):
            if cancelled is not None and cancelled():
                return None
            for row in self._rows(part, auto):
                out.setdefault(row[0], []).append(row)
        return out

    def build(self, cancelled: Cancelled | None = None, progress: Progress | None = None,
              first: Callable[[HitTable], None] | None = None) -> bool:
        """Find every hit, writing them a batch of articles at a time (False when cancelled:
        the table is emptied).  ``progress(done, total, "articles")`` after each batch;
        ``first(table)`` once the first hits are written (a view can show them while the rest
        is found).  The indexes of the summary are made once, after the last batch."""
        auto = ph._automaton(self.phrases)
        batches = self._batches(None) if auto is not None else []
        total = sum(len(b) for b in batches)
        done = 0
        shown = False
        for part in batches:
            if cancelled is not None and cancelled():
                with _LOCK:
                    _db().execute(f'DELETE FROM "{self.name}"')
                return False
            rows = self._rows(part, auto)
            self._write([], rows)
            done += len(part)
            if progress is not None:
                progress(done, total, "articles")
            if first is not None and rows and not shown:
                shown = True
                first(self)
        self._index()
        self.builds += 1
        return True

    def _index(self) -> None:
        """The indexes by article (updates) and by label (the summary), made after a bulk write."""
        with _LOCK:
            db = _db()
            db.execute(f'CREATE INDEX IF NOT EXISTS "{self.name}_article" ON "{self.name}" (article, start)')
            # covers the summary's GROUP BY label (hits, articles, first and last day)
            db.execute(f'CREATE INDEX IF NOT EXISTS "{self.name}_label" ON "{self.name}" (label, day, article)')

    def update(self, article_ids: Sequence[int] | None = None, cancelled: Cancelled | None = None) -> list[int] | None:
        """Re-read the hits of ``article_ids`` (None: every article); returns the ids of the
        hits deleted and inserted (hits that did not change keep their rows), None when
        cancelled (nothing written)."""
        found = self._found(article_ids, cancelled)
        if found is None:
            return None
        self._index()
        with _LOCK:
            db = _db()
            if article_ids is None:
                stored = db.execute(f'SELECT id, article, start, "end", label, match, left_rev, right_ctx, title, day '
                                    f'FROM "{self.name}"').fetchall()
            else:
                stored = []
                ids = sorted(set(article_ids))
                for start in range(0, len(ids), 500):
                    part = ids[start:start + 500]
                    stored += db.execute(f'SELECT id, article, start, "end", label, match, left_rev, right_ctx, title, day '
                                         f'FROM "{self.name}" WHERE article IN ({", ".join("?" * len(part))})', part).fetchall()
        old = {tuple(r[1:]): r[0] for r in stored}
        new = {r for rows in found.values() for r in rows}
        gone = [i for key, i in old.items() if key not in new]
        added = [r for r in new if r not in old]
        return gone + self._write(gone, sorted(added))

    def _write(self, gone: list[int], rows: list[tuple[Any, ...]]) -> list[int]:
        with _LOCK:
            db = _db()
            db.execute("BEGIN")
            db.executemany(f'DELETE FROM "{self.name}" WHERE id = ?', [(i,) for i in gone])
            first = (db.execute(f'SELECT coalesce(max(id), 0) FROM "{self.name}"').fetchone()[0] or 0) + 1
            db.executemany(f'INSERT INTO "{self.name}" (id, article, start, "end", label, match, left_rev, right_ctx, '
                           f'title, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                           [(first + k, *r) for k, r in enumerate(rows)])
            db.execute("COMMIT")
        return list(range(first, first + len(rows)))

    def drop(self) -> None:
        """Forget the hits (a model still holding the table then reads no rows)."""
        with _LOCK:
            self.dropped = True
            _db().execute(f'DROP TABLE IF EXISTS "{self.name}"')

    # -- reading ------------------------------------------------------------------------
    def _where(self, phrase: str | None) -> tuple[str, list[object]]:
        return (" WHERE label = ?", [phrase]) if phrase else ("", [])

    def _order(self, order: str, descending: bool) -> str:
        """The ORDER BY of a concordance order (:data:`ORDERS`), with its index made on first use."""
        columns = ORDERS[order]
        if descending:  # the order's first column reversed, ties still in document order
            first, _, rest = columns.partition(", ")
            columns = f"{first} DESC, {rest}" if rest else f"{first} DESC"
        index = f"{self.name}_{order}_{'d' if descending else 'a'}"
        if index not in self._indexes:
            with _LOCK:
                _db().execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{self.name}" ({columns})')
            self._indexes.add(index)
        return columns

    def ids(self, order: str = "position", descending: bool = False, phrase: str | None = None) -> list[int]:
        """The hits' ids in a concordance order (:data:`ORDERS`), of one phrase's label or all."""
        with _LOCK:
            if self.dropped:
                return []
            columns = self._order(order, descending)
            where, params = self._where(phrase)
            return [i for (i,) in _db().execute(f'SELECT id FROM "{self.name}"{where} ORDER BY {columns}', params).fetchall()]

    def prefix(self, n: int, order: str = "position", descending: bool = False,
               phrase: str | None = None) -> tuple[int, list[int]]:
        """(hits shown, the first ``n`` ids in that order): a first screen without every id."""
        with _LOCK:
            if self.dropped:
                return 0, []
            columns = self._order(order, descending)
            where, params = self._where(phrase)
            db = _db()
            total = db.execute(f'SELECT count(*) FROM "{self.name}"{where}', params).fetchone()[0]
            first = [i for (i,) in db.execute(f'SELECT id FROM "{self.name}"{where} ORDER BY {columns} LIMIT ?',
                                              [*params, n]).fetchall()]
        return int(total), first

    def count(self, phrase: str | None = None) -> int:
        where, params = self._where(phrase)
        with _LOCK:
            if self.dropped:
                return 0
            return int(_db().execute(f'SELECT count(*) FROM "{self.name}"{where}', params).fetchone()[0])

    def lines(self, ids: Sequence[int]) -> list[tuple[int, Any]]:
        """(id, concordance line) of those of ``ids`` stored, in that order (contexts as stored)."""
        from reader.store.kwic import KwicLine

        out: list[tuple[int, Any]] = []
        wanted = list(dict.fromkeys(int(i) for i in ids))
        with _LOCK:
            if self.dropped:
                return []
            for start in range(0, len(wanted), 500):
                part = wanted[start:start + 500]
                out += [(i, KwicLine(a, s, e, left[::-1], m, right, title)) for i, a, s, e, m, left, right, title in _db().execute(
                    f'SELECT id, article, start, "end", match, left_rev, right_ctx, title FROM "{self.name}" '
                    f'WHERE id IN ({", ".join("?" * len(part))})', part).fetchall()]
        found = dict(out)
        return [(i, found[i]) for i in wanted if i in found]

    def summary(self) -> list[ph.PhraseSummary]:
        """Per phrase, in list order: hits, articles, first and last dated appearance (SQL)."""
        with _LOCK:
            db = _db()
            grouped = {label: (n, arts, first, last) for label, n, arts, first, last in db.execute(
                f'SELECT label, count(*), count(DISTINCT article), min(day), max(day) FROM "{self.name}" GROUP BY label')}

            def article_on(label: str, day: str | None, last: bool) -> int | None:
                if day is None:
                    return None
                found = db.execute(f'SELECT article FROM "{self.name}" WHERE label = ? AND day = ? ORDER BY article '
                                   f'{"DESC" if last else "ASC"} LIMIT 1', (label, day)).fetchone()
                return int(found[0]) if found else None

            out = []
            for phrase in self.phrases:
                n, arts, first, last = grouped.get(phrase.text, (0, 0, None, None))
                out.append(ph.PhraseSummary(phrase.text, phrase.variants, n, arts, first,
                                            article_on(phrase.text, first, False), last,
                                            article_on(phrase.text, last, True)))
        return out

    def per_month(self) -> list[TimelineRow]:
        """Hits per month and phrase (undated last), as :func:`reader.analysis.timeline.timeline`
        gives them for ``("phrase", list, "month", "phrase")``."""
        from reader.analysis.timeline import natural_key

        with _LOCK:
            rows = _db().execute(f'SELECT substr(day, 1, 7), label, count(*), count(DISTINCT article) '
                                 f'FROM "{self.name}" GROUP BY 1, 2').fetchall()
        out = [TimelineRow(p, s, int(n), int(a)) for p, s, n, a in rows]
        out.sort(key=lambda r: (r.period is None, r.period or "", r.split is None, natural_key(r.split)))
        return out


__all__ = ["HitTable", "ORDERS", "WIDTH"]
