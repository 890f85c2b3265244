"""The concordance table: :class:`KwicModel` (lines, paged; sorted by a context in the core
when not every line is read, see :mod:`ui.kwic_view`), its delegate and the table layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from reader.store import search
from reader.store.search import KwicLine
from ui import theme
from ui.search_view import ArticleIdRole, SpanRole
from ui.table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex


class KwicModel(RowTableModel):
    """Rows are concordance lines.  ``sort`` orders by the left context read backwards from
    the match (column 0), the match (1), the right context (2) or document position (3)."""

    COLUMNS = ("left", "match", "right", "article")
    SORT_KEYS = ("left", "match", "right", "position")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[KwicLine] = []
        self._headers = (self.tr("Left context"), self.tr("Match"), self.tr("Right context"), self.tr("Article"))
        self._bold = QFont()
        self._bold.setBold(True)

        self.fetch: Callable[[int, bool], None] | None = None  # (offset, every line left)
        # (sort key, descending): read the lines again from the start in that order
        self.resort: Callable[[str, bool], None] | None = None
        self._more = self._pending = False
        self._sort: tuple[int, Qt.SortOrder] | None = None  # waiting for every line
        self.pages = 0

    def set_lines(self, lines: list[KwicLine]) -> None:
        """Every line there is (no later pages)."""
        self._more = self._pending = False
        self._sort = None
        self._reset_rows(lines)

    def set_page(self, lines: list[KwicLine], more: bool) -> None:
        """The first page of a concordance; ``more``: later pages can be asked for."""
        self.set_lines(lines)
        self._more = more

    def add_page(self, offset: int, lines: list[KwicLine], more: bool) -> None:
        """A page read from line ``offset`` on (dropped when the lines changed meanwhile)."""
        if offset != len(self._rows) or not self._pending:
            return
        self._pending = False
        self._more = more
        if lines:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(lines) - 1)
            self._rows.extend(lines)
            self.endInsertRows()
        if self._sort is not None and not self._more:
            column, order = self._sort
            self._sort = None
            self.sort(column, order)

    def has_more(self) -> bool:
        return self._more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more and not self._pending and self.fetch is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._pending = True
            self.pages += 1
            self.fetch(len(self._rows), False)  # type: ignore[misc]

    def lines(self) -> list[KwicLine]:
        return list(self._rows)

    def line(self, row: int) -> KwicLine:
        return self._rows[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return section + 1
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return kwic_cell(self._rows[index.row()], self.COLUMNS[index.column()], role, self._bold)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.COLUMNS)):
            return
        if self._more and self.resort is not None:  # the source sorts, a page at a time
            self.resort(self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
            return
        if self._more and self.fetch is not None:  # a sort of part of the lines would mislead
            self._sort = (column, order)
            if not self._pending:
                self._pending = True
                self.fetch(len(self._rows), True)
            return
        self.layoutAboutToBeChanged.emit()
        rows = search.sort_kwic(self._rows, self.SORT_KEYS[column])  # type: ignore[arg-type]
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self._rows = rows
        self.layoutChanged.emit()


def kwic_cell(k: KwicLine, column: str, role: int, bold: QFont) -> Any:
    """What a concordance cell of line ``k`` shows for ``role`` (also used by the lazy
    concordance of phrase hits)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return k.title if column == "article" else getattr(k, column)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        horizontal = {"left": Qt.AlignmentFlag.AlignRight, "match": Qt.AlignmentFlag.AlignHCenter}.get(
            column, Qt.AlignmentFlag.AlignLeft)
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
    if role == Qt.ItemDataRole.ForegroundRole and column == "match":
        return theme.current().warning
    if role == Qt.ItemDataRole.FontRole and column == "match":
        return bold
    if role == Qt.ItemDataRole.ToolTipRole:
        return f"{k.title} [{k.start}–{k.end}]\n{k.left}【{k.match}】{k.right}"
    if role == ArticleIdRole:
        return k.article_id
    if role == SpanRole:
        return (k.start, k.end)
    return None


class KwicDelegate(QStyledItemDelegate):
    """Elides the left context on its left and the right context on its right, so the text
    next to the match always shows."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = (Qt.TextElideMode.ElideLeft if index.column() == 0
                                else Qt.TextElideMode.ElideRight)


def make_kwic_table(model: KwicModel, parent: QWidget) -> QTableView:
    """A table showing ``model`` with the concordance layout (used here and by the index)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegate(KwicDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(3, 160)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table
