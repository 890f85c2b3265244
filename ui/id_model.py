"""The lazy table model every big list shares: rows are ids chosen and ordered by the corpus (in
SQL), row contents fetched lazily in blocks and cached.

Contract for a subclass: name ``COLUMNS``, implement :meth:`LazyIdModel._query_ids` (every id in
order, for the current filter and sort) and :meth:`LazyIdModel._query_rows` (records of some
ids, each with an ``id``), and ``data``.  Optionally :meth:`LazyIdModel._query_prefix` (the
count and the first ids), so that the first load reads a screenful and the rest of the ids
when they are first needed (:meth:`LazyIdModel.complete`); :meth:`LazyIdModel._sort_key` to
sort by a column (in SQL: the subclass asks its source again); :meth:`LazyIdModel._rows_may_move`
when a change to some rows can move them in or out of the result (a filter on a changed field).

Changes: :meth:`LazyIdModel.refresh` with ids re-reads only those rows (``dataChanged``); an id
that appears or disappears becomes a row insertion or removal.  Without ids it re-reads the id
list and reports the difference as row removals and insertions (``begin/endRemoveRows``,
``begin/endInsertRows``), a reordering as a layout change, and a difference scattered over more
than :data:`MAX_RUNS` places as one reset.  At most ``CACHE_ROWS`` records are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

Index = QModelIndex | QPersistentModelIndex
MAX_RUNS = 64


def runs(ids: list[int], kept: set[int]) -> int:
    """How many runs of ids not in ``kept`` there are in ``ids``."""
    count, inside = 0, False
    for item in ids:
        out = item not in kept
        if out and not inside:
            count += 1
        inside = out
    return count


class LazyIdModel(QAbstractTableModel):
    """Ids as rows, records fetched :attr:`BLOCK` at a time when shown; see the module doc."""

    COLUMNS: tuple[str, ...] = ()
    BLOCK = 128
    CACHE_ROWS = 4096
    PREFIX = 0  # > 0: a first load reads the count and this many ids (see _query_prefix)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._total: int | None = None  # rows while only a prefix of the ids is read
        self._rows: dict[int, int] | None = None  # id -> row, built when first asked
        self._cache: OrderedDict[int, Any] = OrderedDict()
        self._last_rows: dict[int, int] = {}  # rows found lately (checked before use)
        self.fetches = 0  # blocks fetched (for tests and benchmarks)
        self.id_queries = 0  # id lists read (for tests)
        self.loaded = False  # ids read at least once

    # -- what a subclass provides -----------------------------------------------------
    def _query_ids(self) -> list[int]:
        raise NotImplementedError

    def _query_rows(self, ids: Sequence[int]) -> Iterable[Any]:
        raise NotImplementedError

    def _query_prefix(self, n: int) -> tuple[int, list[int]] | None:
        """``(count, the first n ids)`` when the source can say so cheaply, else None."""
        return None

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        """Whether a change to these rows can change which ids match or their order."""
        return False

    def _sort_key(self, column: int, descending: bool) -> bool:
        """Take up the sort of ``column``; False when the column does not sort."""
        return False

    # -- loading ----------------------------------------------------------------------
    def _fetch_ids(self) -> list[int]:
        self.id_queries += 1
        self.loaded = True
        return self._query_ids()

    def reload(self) -> None:
        """Read the ids afresh (a new result set: a model reset).  With a prefix source only
        the count and the first ids are read now."""
        self.beginResetModel()
        self._cache.clear()
        self._rows = None
        self._total = None
        prefix = self._query_prefix(self.PREFIX) if self.PREFIX else None
        if prefix is not None and prefix[0] > len(prefix[1]):
            self.loaded = True
            self._total, self._ids = prefix[0], list(prefix[1])
        else:
            self._ids = prefix[1] if prefix is not None else self._fetch_ids()
            self.loaded = True
        self.endResetModel()
        if self._total is not None:
            QTimer.singleShot(0, self, self.complete)  # the rest once the first screen is shown

    def is_complete(self) -> bool:
        return self._total is None

    def complete(self) -> None:
        """Read the rest of the ids (after a prefix load); a no-op when they are all read."""
        if self._total is None:
            return
        ids = self._fetch_ids()
        if len(ids) == self._total and ids[:len(self._ids)] == self._ids:
            self._ids, self._total, self._rows = ids, None, None  # same rows: nothing to report
            return
        self.beginResetModel()  # another process wrote in between: a new result set
        self._ids, self._total, self._rows = ids, None, None
        self._cache.clear()
        self.endResetModel()

    # -- changes ----------------------------------------------------------------------
    def refresh(self, ids: Sequence[int] = ()) -> None:
        """Re-read the rows of ``ids`` only; with none, re-read the id list and report what was
        removed and inserted (the selection and scroll position survive)."""
        self.complete()
        if ids:
            self._refresh_rows(ids)
            return
        new = self._fetch_ids()
        self._cache.clear()
        self._apply_difference(new)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def _refresh_rows(self, ids: Sequence[int]) -> None:
        wanted = list(dict.fromkeys(ids))
        rows = self._rows_of(wanted)
        records = {r.id: r for r in self._query_rows([i for i in wanted if i in rows])}
        gone = any(i in rows and i not in records for i in wanted)
        if gone or self._rows_may_move(wanted) or self._may_enter(i for i in wanted if i not in rows):
            new = self._fetch_ids()
            present = set(new)
            if gone or any((i in present) != (i in rows) for i in wanted) or self._moved(new, wanted):
                self._apply_difference(new)
                rows = self._row_index()
        for item in wanted:
            self._cache.pop(item, None)
        for item in wanted:
            if item in rows and item in records:
                self._remember(item, records[item])
                row = rows[item]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _may_enter(self, unknown: Iterable[int]) -> bool:
        """Whether ids not shown may now belong to the result (new rows); by default yes."""
        return any(True for _ in unknown)

    def _moved(self, new: list[int], wanted: Sequence[int]) -> bool:
        return len(new) == len(self._ids) and new != self._ids

    def _apply_difference(self, new: list[int]) -> None:
        """Turn the current ids into ``new`` by removing then inserting runs of rows; a
        reordering of the ids that stay is a layout change instead.  A difference scattered in
        more than :data:`MAX_RUNS` runs is a model reset (cheaper than thousands of signals)."""
        if new == self._ids:
            return
        keep = set(new)
        old = self._ids
        present_before = set(old)
        if runs(old, keep) + runs(new, present_before) > MAX_RUNS:
            self.beginResetModel()
            self._ids = list(new)
            self._rows = None
            self._cache.clear()
            self.endResetModel()
            return
        row = len(old) - 1  # removals, last run first so that earlier row numbers stay valid
        while row >= 0:
            if old[row] in keep:
                row -= 1
                continue
            end = row
            while row >= 0 and old[row] not in keep:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, end)
            for gone in old[row + 1:end + 1]:
                self._cache.pop(gone, None)
            del self._ids[row + 1:end + 1]
            self._rows = None
            self.endRemoveRows()
        present = set(self._ids)
        if [i for i in new if i in present] != self._ids:
            self._relayout([i for i in new if i in present])
        position = index = 0  # insertions, first run first
        while index < len(new):
            if new[index] in present:
                position += 1
                index += 1
                continue
            start = index
            while index < len(new) and new[index] not in present:
                index += 1
            self.beginInsertRows(QModelIndex(), position, position + index - start - 1)
            self._ids[position:position] = new[start:index]
            self._rows = None
            self.endInsertRows()
            position += index - start

    def _relayout(self, ordered: list[int]) -> None:
        """Reorder the rows to ``ordered`` (the same ids), moving persistent indexes along."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._ids[p.row()], p.column()) if p.isValid() else None for p in persistent]
        self._ids = list(ordered)
        self._rows = None
        rows = self._row_index()
        new_indexes = [self.index(rows[k[0]], k[1]) if k is not None and k[0] in rows else QModelIndex()
                       for k in kept]
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401
        """Sort by a column (the source sorts, in SQL): a layout change that keeps the selection."""
        if not 0 <= column < len(self.COLUMNS):
            return
        if not self._sort_key(column, order == Qt.SortOrder.DescendingOrder) or not self.loaded:
            return  # the first load reads the ids in this order
        self.complete()
        new = self._fetch_ids()
        if set(new) == set(self._ids):
            self._relayout(new)
        else:
            self._apply_difference(new)

    # -- rows --------------------------------------------------------------------------
    def ids(self) -> list[int]:
        self.complete()
        return list(self._ids)

    def id_at(self, row: int) -> int:
        if row >= len(self._ids):
            self.complete()
        return self._ids[row]

    def row_of(self, item: int, hint: int = -1) -> int:
        """The row of ``item`` (-1: not listed); ``hint``, a row it is likely in, is tried first.
        Before the id -> row map is built a few look-ups scan the ids (building the map for
        100,000 rows costs more than one open of an article)."""
        if 0 <= hint < len(self._ids) and self._ids[hint] == item:
            self._last_rows[item] = hint
            return hint
        return self._rows_of([item]).get(item, -1)

    def _rows_of(self, items: Sequence[int]) -> dict[int, int]:
        """``{id: row}`` for those of ``items`` that are listed."""
        self.complete()
        if self._rows is None and len(items) <= 4:
            found = {}
            for item in items:
                row = self._last_rows.get(item, -1)
                if not (0 <= row < len(self._ids) and self._ids[row] == item):
                    try:
                        row = self._ids.index(item)
                    except ValueError:
                        continue
                found[item] = self._last_rows[item] = row
            if len(self._last_rows) > 64:
                self._last_rows.clear()
            return found
        rows = self._row_index()
        return {i: rows[i] for i in items if i in rows}

    def _row_index(self) -> dict[int, int]:
        self.complete()
        if self._rows is None:
            self._rows = {item: row for row, item in enumerate(self._ids)}
        return self._rows

    def record(self, row: int) -> Any | None:
        """The row's record, fetching its block when it is not cached."""
        if not 0 <= row < self.rowCount():
            return None
        if row >= len(self._ids):
            self.complete()
            if row >= len(self._ids):
                return None
        item = self._ids[row]
        cached = self._cache.get(item)
        if cached is not None:
            self._cache.move_to_end(item)
            return cached
        start = (row // self.BLOCK) * self.BLOCK
        block = [i for i in self._ids[start:start + self.BLOCK] if i not in self._cache]
        self.fetches += 1
        for found in self._query_rows(block):
            self._remember(found.id, found)
        return self._cache.get(item)

    def _remember(self, item: int, record: Any) -> None:
        self._cache[item] = record
        self._cache.move_to_end(item)
        while len(self._cache) > self.CACHE_ROWS:
            self._cache.popitem(last=False)

    def cached_rows(self) -> int:
        return len(self._cache)

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return self._total if self._total is not None else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    # flags: QAbstractTableModel's own (enabled, selectable, no children), with no Python call
