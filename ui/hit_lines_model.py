"""The phrase lists view's concordance as a lazy model over the hits table
(:class:`reader.analysis.hit_tables.HitTable`): hit ids in a concordance order read in SQL,
lines fetched a block at a time, shown as the concordance shows them (:func:`ui.kwic_model.kwic_cell`).
A change re-reads the hits of the articles it names; the rows that went or came are removed and
inserted, the others stay."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.analysis.hit_tables import HitTable
from ui.id_model import LazyIdModel
from ui.kwic_model import KwicModel, kwic_cell

Index = QModelIndex | QPersistentModelIndex


class _Line:
    __slots__ = ("id", "line")

    def __init__(self, item: int, line: Any) -> None:
        self.id, self.line = item, line


class HitLinesModel(LazyIdModel):
    COLUMNS = KwicModel.COLUMNS  # left, match, right, article
    ORDERS = ("left", "match", "right", "position")
    PREFIX = 256  # a first load reads the count and a screenful of ids, the rest right after

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: HitTable | None = None
        self.phrase: str | None = None
        self.order, self.descending = "position", False
        self._headers = (QCoreApplication.translate("KwicModel", "Left context"),  # the concordance's own words
                         QCoreApplication.translate("KwicModel", "Match"),
                         QCoreApplication.translate("KwicModel", "Right context"),
                         QCoreApplication.translate("KwicModel", "Article"))
        self._bold = QFont()
        self._bold.setBold(True)

    def show_table(self, table: HitTable | None, phrase: str | None = None) -> None:
        if self.table is not None and self.table is not table:
            self.table.drop()
        self.table, self.phrase = table, phrase
        self.reload()

    def lines(self) -> list[Any]:
        """Every line in the shown order (for the CSV export)."""
        ids = self.ids()
        return [r.line for start in range(0, len(ids), 500) for r in self._query_rows(ids[start:start + 500])]

    def line(self, row: int) -> Any:
        record = self.record(row)
        return record.line if record is not None else None

    def _query_ids(self) -> list[int]:
        return [] if self.table is None else self.table.ids(self.order, self.descending, self.phrase)

    def _query_prefix(self, n: int) -> tuple[int, list[int]] | None:
        return (0, []) if self.table is None else self.table.prefix(n, self.order, self.descending, self.phrase)

    def _query_rows(self, ids: Sequence[int]) -> list[_Line]:
        if self.table is None:
            return []
        found = dict(self.table.lines(ids))
        return [_Line(i, found[i]) for i in ids if i in found]

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.order, self.descending = self.ORDERS[column], descending
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        return kwic_cell(record.line, self.COLUMNS[index.column()], role, self._bold)
