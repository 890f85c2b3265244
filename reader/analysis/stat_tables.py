"""Computed statistics (word list, keyness, collocations) as SQL tables, paged, sorted and
filtered in SQL, and updated by difference.

A :class:`StatTable` holds one result, every row of it (no top-N cut), in a private scratch
SQLite database of this process (a temporary file SQLite deletes when the process ends; the
corpus itself is never written, so this works on read-only and server corpora alike).  Rows
are keyed by a stable id (a term id, or an entity name's number); each has an ``item`` text, a
``type``, two flags the views filter on (``stop``: a default stop word, ``number``: a pure
number) and the statistic's value columns.

:meth:`StatTable.apply` takes a freshly computed result (numpy arrays, computed off the GUI
thread) and writes only what differs from the stored one: rows gone are deleted, new rows
inserted, rows whose values changed updated; it returns the ids it touched, so a view updates
those rows only.  :meth:`StatTable.ids`, :meth:`StatTable.prefix` and :meth:`StatTable.records`
are what a lazy model asks: ids in the order of a column (an index made on first use of that
order), under a filter (:class:`RowFilter`), and the values of a block of rows.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

BATCH = 20_000  # rows written per lock hold (a page read by the GUI waits at most one batch)
_LOCK = threading.RLock()
_SERIAL = itertools.count(1)
_DB: list[sqlite3.Connection] = []


def _db() -> sqlite3.Connection:
    """The process's scratch database (made on first use)."""
    if not _DB:
        # "" is a private temporary database on disk: pages beyond the cache spill to a file
        connection = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA cache_size = -16000")  # 16 MB of pages in memory
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        _DB.append(connection)
    return _DB[0]


@dataclass(frozen=True)
class RowFilter:
    """Which stored rows a view shows: ``contains`` (text in the item), no stop words, no
    numbers, and ``at_least`` — a minimum per value column, any of which may be reached
    (keyness: the target's or the reference's frequency)."""

    contains: str = ""
    hide_stop: bool = False
    hide_numbers: bool = False
    at_least: tuple[tuple[str, float], ...] = ()

    def sql(self, columns: Sequence[str]) -> tuple[str, list[object]]:
        parts: list[str] = []
        params: list[object] = []
        if self.contains:
            parts.append("instr(item, ?) > 0")
            params.append(self.contains)
        if self.hide_stop:
            parts.append("stop = 0")
        if self.hide_numbers:
            parts.append("number = 0")
        floors = [(c, v) for c, v in self.at_least if c in columns]
        if floors:
            parts.append("(" + " OR ".join(f'"{c}" >= ?' for c, _ in floors) + ")")
            params.extend(v for _, v in floors)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


class StatTable:
    """One computed result as a scratch SQL table (see the module doc)."""

    def __init__(self, columns: Sequence[str], integer: Sequence[str] = ()) -> None:
        self.name = f"stat{next(_SERIAL)}"
        self.columns = tuple(columns)
        self.integer = frozenset(integer)
        self.extra: dict[str, Any] = {}  # what the computing function keeps between updates
        self._ids = np.zeros(0, dtype=np.int64)
        self._values = np.zeros((0, len(self.columns)), dtype=np.float64)
        self._indexes: set[str] = set()
        self._dirty = False  # an apply was cancelled half way: the next one starts from empty
        self.writes = 0  # rows written (inserted, updated or deleted) over the table's life
        self.builds = 0  # times the table was filled from empty
        cols = ", ".join(f'"{c}" {"INTEGER" if c in self.integer else "REAL"}' for c in self.columns)
        with _LOCK:
            _db().execute(f'CREATE TABLE "{self.name}" (id INTEGER PRIMARY KEY, item TEXT NOT NULL, type TEXT NOT NULL, '
                          f"stop INTEGER NOT NULL, number INTEGER NOT NULL, {cols})")

    # -- writing ------------------------------------------------------------------------
    def apply(self, ids: np.ndarray, values: np.ndarray, describe: Callable[[np.ndarray], list[tuple[str, str, int, int]]],
              cancelled: Callable[[], bool] | None = None) -> np.ndarray | None:
        """Make the table hold rows ``ids`` with ``values`` (one row of floats per id, in the
        order of :attr:`columns`); ``describe(new_ids)`` gives (item, type, stop, number) of rows
        not stored yet.  Returns the ids deleted, inserted or changed (sorted); None when
        cancelled (the table then holds a mix: the caller drops it or applies again)."""
        if self._dirty:
            with _LOCK:
                _db().execute(f'DELETE FROM "{self.name}"')
            self._ids, self._values, self._dirty = self._ids[:0], self._values[:0], False
        order = np.argsort(ids, kind="stable")
        ids, values = np.asarray(ids, dtype=np.int64)[order], np.asarray(values, dtype=np.float64).reshape(len(ids), -1)[order]
        if not len(self._ids):
            self.builds += 1
        gone = np.setdiff1d(self._ids, ids, assume_unique=True)
        added_mask = ~np.isin(ids, self._ids, assume_unique=True)
        common_new = np.flatnonzero(~added_mask)
        common_old = np.searchsorted(self._ids, ids[common_new])
        differ = np.any(self._values[common_old] != values[common_new], axis=1) if len(common_new) else np.zeros(0, bool)
        changed_rows = common_new[differ]
        added_rows = np.flatnonzero(added_mask)
        if not self._write(gone, ids, values, added_rows, changed_rows, describe, cancelled):
            return None
        self._ids, self._values = ids, values
        return np.sort(np.concatenate([gone, ids[added_rows], ids[changed_rows]]))

    def patch(self, ids: np.ndarray, values: np.ndarray, keep: np.ndarray,
              describe: Callable[[np.ndarray], list[tuple[str, str, int, int]]],
              cancelled: Callable[[], bool] | None = None) -> np.ndarray | None:
        """Bring the rows ``ids`` (and only those) up to date: a row whose ``keep`` is true
        holds ``values`` (inserted, or updated when they differ), the others are deleted when
        stored; every other row stays as it is.  Returns the ids deleted, inserted or changed;
        None when cancelled (the next :meth:`apply` then starts from empty)."""
        if self._dirty:
            raise RuntimeError("a patch of a table whose last write was cancelled: apply a whole result")
        if not len(ids):
            return np.zeros(0, dtype=np.int64)
        order = np.argsort(ids, kind="stable")
        ids = np.asarray(ids, dtype=np.int64)[order]
        values = np.asarray(values, dtype=np.float64).reshape(len(ids), -1)[order]
        keep = np.asarray(keep, dtype=bool)[order]
        pos = np.searchsorted(self._ids, ids)
        clipped = np.minimum(pos, max(len(self._ids) - 1, 0))
        present = (pos < len(self._ids)) & (self._ids[clipped] == ids) if len(self._ids) else np.zeros(len(ids), bool)
        gone = ids[present & ~keep]
        added_rows = np.flatnonzero(~present & keep)
        common = np.flatnonzero(present & keep)
        differ = np.any(self._values[pos[common]] != values[common], axis=1) if len(common) else np.zeros(0, bool)
        changed_rows = common[differ]
        if not self._write(gone, ids, values, added_rows, changed_rows, describe, cancelled):
            return None
        if len(changed_rows):
            self._values[pos[changed_rows]] = values[changed_rows]
        if len(gone):
            stay = ~np.isin(self._ids, gone, assume_unique=True)
            self._ids, self._values = self._ids[stay], self._values[stay]
        if len(added_rows):
            at = np.searchsorted(self._ids, ids[added_rows])
            self._ids = np.insert(self._ids, at, ids[added_rows])
            self._values = np.insert(self._values, at, values[added_rows], axis=0)
        return np.sort(np.concatenate([gone, ids[added_rows], ids[changed_rows]]))

    @property
    def whole(self) -> bool:
        """Whether the table holds one whole result (False after a cancelled write)."""
        return not self._dirty

    def _write(self, gone: np.ndarray, ids: np.ndarray, values: np.ndarray, added_rows: np.ndarray,
               changed_rows: np.ndarray, describe: Callable[[np.ndarray], list[tuple[str, str, int, int]]],
               cancelled: Callable[[], bool] | None) -> bool:
        """Delete ``gone``, insert the rows ``added_rows`` and update ``changed_rows`` (of
        ``ids``/``values``) in batches; False when cancelled (the table is then marked dirty)."""
        quoted = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" * (len(self.columns) + 5))
        sets = ", ".join(f'"{c}" = ?' for c in self.columns)
        steps: list[tuple[str, Callable[[np.ndarray], list[tuple[object, ...]]], np.ndarray]] = [
            (f'DELETE FROM "{self.name}" WHERE id = ?', lambda part: [(int(i),) for i in part], gone),
            (f'INSERT INTO "{self.name}" (id, item, type, stop, number, {quoted}) VALUES ({marks})',
             lambda part: [(int(ids[r]), *d, *self._cells(values[r])) for r, d in zip(part.tolist(), describe(ids[part]))],
             added_rows),
            (f'UPDATE "{self.name}" SET {sets} WHERE id = ?',
             lambda part: [(*self._cells(values[r]), int(ids[r])) for r in part.tolist()], changed_rows),
        ]
        for sql, rows_of, todo in steps:
            for start in range(0, len(todo), BATCH):
                if cancelled is not None and cancelled():
                    self._dirty = True
                    return False
                rows = rows_of(todo[start:start + BATCH])
                with _LOCK:
                    db = _db()
                    db.execute("BEGIN")
                    db.executemany(sql, rows)
                    db.execute("COMMIT")
                self.writes += len(rows)
        return True

    def _cells(self, row: np.ndarray) -> list[object]:
        return [int(v) if c in self.integer else float(v) for c, v in zip(self.columns, row.tolist())]

    def drop(self) -> None:
        with _LOCK:
            _db().execute(f'DROP TABLE IF EXISTS "{self.name}"')

    # -- reading ------------------------------------------------------------------------
    def _order(self, column: str, descending: bool) -> str:
        """The ORDER BY of a column (ties by item, then id), with an index made for it."""
        if column not in (*self.columns, "item", "type"):
            raise ValueError(f"unknown column {column!r}")
        direction = "DESC" if descending else "ASC"
        # an empty item (an undated period) last either way
        order = f'"{column}" {direction}, item ASC, id ASC' if column != "item" else \
            f"item = '' ASC, item {direction}, type ASC, id ASC"
        index = f"{self.name}_{column}_{direction.lower()}"
        if index not in self._indexes:
            with _LOCK:
                _db().execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{self.name}" ({order})')
            self._indexes.add(index)
        return order

    def prepare(self, column: str, descending: bool = True) -> None:
        """Make the index of an order now (in the computing thread), so that a first page in
        that order is read from it at once."""
        self._order(column, descending)

    def ids(self, column: str, descending: bool = True, where: RowFilter = RowFilter()) -> list[int]:
        """Every shown row's id in the order of ``column``."""
        clause, params = where.sql(self.columns)
        sql = f'SELECT id FROM "{self.name}"{clause} ORDER BY {self._order(column, descending)}'
        with _LOCK:
            return [i for (i,) in _db().execute(sql, params).fetchall()]

    def prefix(self, n: int, column: str, descending: bool = True, where: RowFilter = RowFilter()) -> tuple[int, list[int]]:
        """(rows shown, the first ``n`` ids) — a first screen without reading every id."""
        clause, params = where.sql(self.columns)
        order = self._order(column, descending)
        with _LOCK:
            db = _db()
            total = db.execute(f'SELECT count(*) FROM "{self.name}"{clause}', params).fetchone()[0]
            first = [i for (i,) in db.execute(f'SELECT id FROM "{self.name}"{clause} ORDER BY {order} LIMIT ?',
                                              [*params, n]).fetchall()]
        return int(total), first

    def page(self, offset: int, limit: int, column: str, descending: bool = True,
             where: RowFilter = RowFilter()) -> list[dict[str, Any]]:
        """Rows ``offset`` to ``offset + limit`` in the order of ``column`` (the CLI's pages)."""
        clause, params = where.sql(self.columns)
        sql = f'SELECT id FROM "{self.name}"{clause} ORDER BY {self._order(column, descending)} LIMIT ? OFFSET ?'
        with _LOCK:
            ids = [i for (i,) in _db().execute(sql, [*params, limit, offset]).fetchall()]
        return self.records(ids)

    def passing(self, ids: Sequence[int], where: RowFilter = RowFilter()) -> set[int]:
        """Those of ``ids`` stored and kept by ``where``."""
        clause, params = where.sql(self.columns)
        joiner = " AND " if clause else " WHERE "
        wanted = list(dict.fromkeys(int(i) for i in ids))
        out: set[int] = set()
        with _LOCK:
            db = _db()
            for start in range(0, len(wanted), 500):
                part = wanted[start:start + 500]
                out.update(i for (i,) in db.execute(f'SELECT id FROM "{self.name}"{clause}{joiner}id IN '
                                                    f'({", ".join("?" * len(part))})', [*params, *part]).fetchall())
        return out

    def count(self, where: RowFilter = RowFilter()) -> int:
        clause, params = where.sql(self.columns)
        with _LOCK:
            return int(_db().execute(f'SELECT count(*) FROM "{self.name}"{clause}', params).fetchone()[0])

    def records(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """``{"id", "item", "type", value columns…}`` of those of ``ids`` stored, in that order."""
        found: dict[int, dict[str, Any]] = {}
        names = ("id", "item", "type", *self.columns)
        quoted = ", ".join(f'"{c}"' for c in names)
        wanted = list(dict.fromkeys(int(i) for i in ids))
        with _LOCK:
            db = _db()
            for start in range(0, len(wanted), 500):
                part = wanted[start:start + 500]
                for row in db.execute(f'SELECT {quoted} FROM "{self.name}" WHERE id IN ({", ".join("?" * len(part))})',
                                      part).fetchall():
                    found[row[0]] = dict(zip(names, row))
        return [found[i] for i in wanted if i in found]

    def __len__(self) -> int:
        return len(self._ids)


__all__ = ["BATCH", "RowFilter", "StatTable"]
