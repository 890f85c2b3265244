"""The article list: a table model over article summaries, with a filter box and a reading
state filter (all, unread, read, starred)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.corpus import ArticleSummary

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

from ui.table_model import RowTableModel


def short_source(name: str, keep: int = 12) -> str:
    """A page file name short enough for a list column (the tooltip shows it whole)."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem if len(stem) <= keep else stem[: keep - 1] + "…"


class ArticleTableModel(RowTableModel):
    """Rows are article summaries in page order; ``ArticleIdRole`` gives the id."""

    COLUMNS = ("title", "source", "authors", "entities", "annotations")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []
        self._headers = (self.tr("Title"), self.tr("Source"), self.tr("Authors"),
                         self.tr("Entities"), self.tr("Notes"))

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        self._reset_rows(rows)

    def update_article(self, row: ArticleSummary) -> None:
        for i, old in enumerate(self._rows):
            if old.id == row.id:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == article_id:
                return i
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "title":
                star = "★ " if r.state == "starred" else ""
                return star + (r.display_title if r.title else f"〔{r.display_title}〕")
            if column == "source":
                return f"{short_source(r.source)} #{r.position + 1}"
            if column == "authors":
                return "、".join(r.authors)
            return getattr(r, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "source":
            return f"{r.source} #{r.position + 1}"
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            derived = self.tr(" (title derived from the text)") if r.title_derived else ""
            tags = ("\n" + "、".join(r.tags)) if r.tags else ""
            return f"{r.display_title}{derived}\n{r.chars} chars · {r.state}{tags}"
        if role == Qt.ItemDataRole.FontRole and column == "title" and r.state == "unread":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("entities", "annotations"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ArticleIdRole:
            return r.id
        if role == Qt.ItemDataRole.UserRole + 2:  # sort key for numbers
            return getattr(r, column) if column in ("entities", "annotations") else None
        return None


class ArticleFilterProxy(QSortFilterProxyModel):
    """Filters by a text matched against title, source, authors and article tags, and by
    reading state.  The ``pinned`` article (the open one) always stays visible, so opening an
    unread article (which marks it read) does not pull it from under the reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._state = ""
        self.pinned: int | None = None

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the filter's inputs, telling the proxy (Qt >= 6.9 has
        begin/endFilterChange; invalidateFilter is deprecated there)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def set_needle(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", text.strip().lower()))

    def set_state(self, state: str) -> None:
        self._refilter(lambda: setattr(self, "_state", state))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ArticleTableModel)
        r = model.summary(source_row)
        if r.id == self.pinned and not self._needle:
            return True
        if self._state and r.state != self._state:
            return False
        if not self._needle:
            return True
        hay = " ".join([r.display_title, r.source, *r.authors, *r.tags]).lower()
        return all(part in hay for part in self._needle.split())


class ArticleList(QWidget):
    """Emits ``article_selected(id)`` when the current row changes."""

    article_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter articles…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.state_combo = QComboBox(self)
        for label, value in ((self.tr("All"), ""), (self.tr("Unread"), "unread"),
                             (self.tr("Read"), "read"), (self.tr("★ Starred"), "starred")):
            self.state_combo.addItem(label, value)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((1, 110), (2, 100)):  # page names and bylines can be long: the title wins
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.setResizeContentsPrecision(64)  # a row update must not measure every row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.state_combo)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.state_combo.currentIndexChanged.connect(self._on_state_combo_current_index_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        current = self.current_id()
        self.model.set_articles(rows)
        if current is not None:
            self.select_article(current, emit=False)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.proxy.data(index, ArticleIdRole))

    def select_article(self, article_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        if not emit:
            self.table.selectionModel().blockSignals(True)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if not emit:
            self.table.selectionModel().blockSignals(False)
        return True

    def step(self, delta: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        index = self.table.currentIndex()
        row = 0 if not index.isValid() else max(0, min(rows - 1, index.row() + delta))
        self.table.setCurrentIndex(self.proxy.index(row, 0))

    def set_state_filter(self, state: str) -> None:
        """"" (all), "unread", "read" or "starred"."""
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(state)))

    def visible_ids(self) -> list[int]:
        return [int(self.proxy.index(r, 0).data(ArticleIdRole)) for r in range(self.proxy.rowCount())]

    @Slot(int)
    def _on_state_combo_current_index_changed(self, _index: int) -> None:
        self.proxy.pinned = None  # the chosen filter is exact; opening an article pins it again
        self.proxy.set_state(str(self.state_combo.currentData() or ""))

    @Slot(str)
    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.set_needle(text)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = int(self.proxy.data(current, ArticleIdRole))
            self.proxy.pinned = article_id
            self.article_selected.emit(article_id)
