"""The lazy model of the word list, keyness and collocations: rows of a
:class:`reader.analysis.stat_tables.StatTable` (every row of the result), the first screen read
with its count, blocks read as they are shown, sorted and filtered in SQL.

An update after a change (:meth:`StatModel.apply_update`) re-reads the rows whose values
changed; rows that move, enter or leave under the sort and filter are reported as moves,
insertions and removals, never as a reset (see :class:`ui.id_model.LazyIdModel`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex

from reader.analysis.stat_tables import RowFilter, StatTable
from ui.analysis_base import LazyRecordModel

MANY = 2000  # touched rows beyond which one difference of the id lists is cheaper than row by row
MOVES = 100  # touched rows placed one by one (bisection) at most; more: one difference of the id lists


class StatModel(LazyRecordModel):
    PREFIX = 256

    def __init__(self, columns: Sequence[tuple[str, str]], sort: tuple[str, bool], item_key: str = "item",
                 parent: Any = None, type_key: str = "type") -> None:
        super().__init__(columns, parent)
        self.item_key, self.type_key = item_key, type_key
        self.present: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # a record as shown
        self.table: StatTable | None = None
        self.row_filter = RowFilter()
        self.default_sort = sort
        self.sort_column, self.descending = sort

    def show_table(self, table: StatTable | None) -> None:
        """Show ``table`` from its first rows (a new result: a model reset)."""
        if self.table is not None and self.table is not table:
            self.table.drop()
        self.table = table
        self.reload()

    def set_filter(self, row_filter: RowFilter) -> None:
        """Show the rows ``row_filter`` keeps (a new result set)."""
        if row_filter != self.row_filter:
            self.row_filter = row_filter
            if self.table is not None:
                self.reload()

    def apply_update(self, touched: Sequence[int]) -> None:
        """The table was brought up to date and ``touched`` are the rows that differ."""
        if not len(touched) or self.table is None:
            return
        if len(touched) > MANY:
            self.refresh()  # one id list difference and one dataChanged
        else:
            self.refresh([int(i) for i in touched])

    def total(self) -> int:
        return self.table.count(self.row_filter) if self.table is not None else 0

    def first_records(self, n: int, column: str | None = None) -> list[dict[str, Any]]:
        """The first ``n`` rows by ``column`` (highest first; default: the model's default sort)."""
        if self.table is None:
            return []
        column = column or self.default_sort[0]
        return [self._renamed(r) for r in self.table.page(0, n, column, True, self.row_filter)]

    # -- what LazyIdModel asks -------------------------------------------------------------
    def _query_ids(self) -> list[int]:
        return [] if self.table is None else self.table.ids(self._column(), self.descending, self.row_filter)

    def _query_prefix(self, n: int) -> tuple[int, list[int]] | None:
        return (0, []) if self.table is None else self.table.prefix(n, self._column(), self.descending, self.row_filter)

    def _query_records(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [] if self.table is None else [self._renamed(r) for r in self.table.records(ids)]

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        """Whether a row whose values changed may leave (the filter) or move (the sort): it stays
        when it still passes the filter and still sorts between its neighbours, so an update that
        moves nothing re-reads no id list."""
        if self.table is None:
            return True
        rows = self._rows_of(ids)
        shown = [i for i in ids if i in rows]
        if not shown:
            return False
        if len(self.table.passing(shown, self.row_filter)) < len(shown):
            return True
        key = self._order_key()
        if key is None:
            return True
        near = {self._ids[r] for i in shown for r in (rows[i] - 1, rows[i] + 1) if 0 <= r < len(self._ids)}
        records = {r["id"]: r for r in self.table.records(sorted(set(shown) | near))}
        for i in shown:
            row = rows[i]
            if i not in records:
                return True
            for before, after in ((row - 1, row), (row, row + 1)):
                if 0 <= before and after < len(self._ids):
                    a, b = records.get(self._ids[before]), records.get(self._ids[after])
                    if a is None or b is None or key(a) > key(b):
                        return True
        return False

    def _refresh_rows(self, ids: Sequence[int]) -> None:
        """Re-read the rows ``ids``: rows that left the filter are removed, rows that entered are
        inserted where the sort puts them, rows out of order are moved (``beginMoveRows``), each
        place found by bisection over the shown ids (a few records read), so no id list is read;
        the result is checked (every touched row against its neighbours) and, should a place be
        wrong, the id list is read and the difference applied as before."""
        key = self._order_key()
        wanted = list(dict.fromkeys(int(i) for i in ids))
        if self.table is None or key is None or len(wanted) > MOVES:
            super()._refresh_rows(wanted)
            return
        table = self.table
        passing = table.passing(wanted, self.row_filter)
        known: dict[int, dict[str, Any]] = {r["id"]: r for r in table.records(wanted)}

        def record(item: int) -> dict[str, Any]:
            if item not in known:
                known.update((r["id"], r) for r in table.records([item]))
            return known[item]

        def place(item: int, among: list[int]) -> int:
            low, high, mine = 0, len(among), key(known[item])
            while low < high:
                mid = (low + high) // 2
                if key(record(among[mid])) < mine:
                    low = mid + 1
                else:
                    high = mid
            return low

        def in_order(row: int) -> bool:
            mine = key(record(self._ids[row]))
            return (row == 0 or key(record(self._ids[row - 1])) <= mine) and \
                (row + 1 >= len(self._ids) or mine <= key(record(self._ids[row + 1])))

        shown = set(self._rows_of(wanted))
        for item in wanted:  # rows that left
            if item in shown and item not in passing:
                row = self._ids.index(item)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self._rows = None
                self._cache.pop(item, None)
                self.endRemoveRows()
        for item in wanted:
            if item not in passing or item not in known:
                continue
            if item in shown:
                row = self._ids.index(item)
                if in_order(row):
                    continue
                rest = self._ids[:row] + self._ids[row + 1:]
                to = place(item, rest)
                if self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to >= row else to):
                    self._ids = rest[:to] + [item] + rest[to:]
                    self._rows = None
                    self.endMoveRows()
            else:
                to = place(item, self._ids)
                self.beginInsertRows(QModelIndex(), to, to)
                self._ids.insert(to, item)
                self._rows = None
                self.endInsertRows()
        rows = self._rows_of([i for i in wanted if i in passing])
        if not all(in_order(row) for row in rows.values()):  # a place was wrong: the old way
            super()._refresh_rows(wanted)
            return
        for item in wanted:
            self._cache.pop(item, None)
        records = {r.id: r for r in self._query_rows(list(rows))}
        for item, row in sorted(rows.items(), key=lambda kv: kv[1]):
            if item in records:
                self._remember(item, records[item])
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _may_enter(self, unknown: Iterable[int]) -> bool:
        """Rows not shown enter only when they are stored and pass the filter."""
        wanted = list(unknown)
        if not wanted or self.table is None:
            return bool(wanted)
        return bool(self.table.passing(wanted, self.row_filter))

    def _order_key(self) -> Callable[[dict[str, Any]], tuple[Any, ...]] | None:
        """The sort key of a stored record, as the table's SQL orders them (None: an order not
        mirrored here; rows are then taken to move)."""
        column = self._column()
        if column in ("item", "type") and self.descending:
            return None
        if column == "item":
            return lambda r: (r["item"] == "", r["item"], r["type"], r["id"])
        if column == "type":
            return lambda r: (r["type"], r["item"], r["id"])
        sign = -1 if self.descending else 1
        return lambda r: (sign * r[column], r["item"], r["id"])

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.sort_column, self.descending = self.COLUMNS[column], descending
        return True

    def _column(self) -> str:
        return {self.item_key: "item", self.type_key: "type"}.get(self.sort_column, self.sort_column)

    def _renamed(self, record: dict[str, Any]) -> dict[str, Any]:
        if self.item_key != "item":
            record[self.item_key] = record.pop("item")
        if self.type_key != "type":
            record[self.type_key] = record.pop("type")
        return self.present(record) if self.present is not None else record
