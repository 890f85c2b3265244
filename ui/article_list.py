"""The article list: a filter box, a reading-state filter and a sortable table over the lazy
:class:`ui.article_model.ArticleListModel` (title, date, paper, page, codes; more columns from
the header's context menu; the file name on hover)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.paging import ArticleFilter
from ui.article_model import ArticleIdRole, ArticleListModel, ArticleSource

HIDDEN_BY_DEFAULT = ("entities", "authors", "chars")


class ArticleList(QWidget):
    """Emits ``article_selected(id)`` when the current row changes."""

    article_selected = Signal(int)

    def __init__(self, source: ArticleSource, parent: QWidget | None = None,
                 facts_known: Callable[[], dict[str, bool]] | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(source, self)
        # date, paper and page columns show once some page has them, unless the user chose
        self._facts_known = facts_known
        self.columns_chosen = False
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, paper, author, tag…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter articles"))
        self.state_combo = QComboBox(self)
        self.state_combo.setAccessibleName(self.tr("Reading state"))
        for label, value in ((self.tr("All"), ""), (self.tr("Unread"), "unread"),
                             (self.tr("Read"), "read"), (self.tr("★ Starred"), "starred")):
            self.state_combo.addItem(label, value)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAccessibleName(self.tr("Articles"))
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts the model (in SQL) when a header is clicked
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        metrics = self.fontMetrics()
        samples = {"date": "2020-12-31", "paper": "湖南日报", "page": "888", "annotations": "888",
                   "entities": "8888", "authors": "张三、李四", "chars": "88888"}
        for key, sample in samples.items():
            column = ArticleListModel.COLUMNS.index(key)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 12
            self.table.setColumnWidth(column, width)
        for key in HIDDEN_BY_DEFAULT:
            self.table.setColumnHidden(ArticleListModel.COLUMNS.index(key), True)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setMargin(16)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.state_combo)
        layout.addLayout(top)
        layout.addLayout(self._stack, 1)
        self.setFocusProxy(self.table)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.state_combo.currentIndexChanged.connect(self._on_state_combo_current_index_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        header.customContextMenuRequested.connect(self._on_header_custom_context_menu_requested)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)

    # -- content -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the id list again (after an ingest or any change that may add or drop rows)."""
        self.fit_columns()
        current = self.current_id()
        if not self.model.loaded:
            self.model.load()
        else:
            self.model.refresh()
        if current is not None and self.current_id() != current:
            self.select_article(current, emit=False)
        self._update_empty_state()

    def refresh_rows(self, article_ids: tuple[int, ...]) -> None:
        self.model.refresh(article_ids)

    def fit_columns(self) -> None:
        """Show the date, paper and page columns when some page knows them (so the title has
        the room on corpora without them), unless the user chose the columns."""
        if self.columns_chosen or self._facts_known is None:
            return
        for key, known in self._facts_known().items():
            self.table.setColumnHidden(ArticleListModel.COLUMNS.index(key), not known)

    def set_filter(self, flt: ArticleFilter) -> None:
        current = self.current_id()
        self.model.set_filter(flt)
        if current is not None:
            self.select_article(current, emit=False)
        self._update_empty_state()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ArticleIdRole)
        return None if value is None else int(value)

    def select_article(self, article_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        if not emit:
            self.table.selectionModel().blockSignals(True)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if not emit:
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()
        return True

    def step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        index = self.table.currentIndex()
        row = 0 if not index.isValid() else max(0, min(rows - 1, index.row() + delta))
        self.table.setCurrentIndex(self.model.index(row, 0))

    def set_state_filter(self, state: str) -> None:
        """"" (all), "unread", "read" or "starred"."""
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(state)))

    def visible_ids(self) -> list[int]:
        return self.model.ids()

    def set_empty_message(self, html: str) -> None:
        self.empty_label.setText(html)
        self._update_empty_state()

    # -- header state (columns, widths, sort) -----------------------------------------
    def header_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray | None) -> None:
        header = self.table.horizontalHeader()
        if state is not None and header.restoreState(state):
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def build_sort_menu(self, menu: QMenu) -> None:
        """Sorting from the keyboard: one checkable action per column, and the direction."""
        from PySide6.QtGui import QActionGroup

        group = QActionGroup(menu)
        header = self.table.horizontalHeader()
        self.sort_actions: dict[int, QAction] = {}
        for column, _key in enumerate(ArticleListModel.COLUMNS):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, c=column: header.setSortIndicator(c, header.sortIndicatorOrder()))
            self.sort_actions[column] = action
        menu.addSeparator()
        self.descending_action = menu.addAction(self.tr("&Descending"))
        self.descending_action.setCheckable(True)
        self.descending_action.triggered.connect(lambda on: header.setSortIndicator(
            header.sortIndicatorSection(), Qt.SortOrder.DescendingOrder if on else Qt.SortOrder.AscendingOrder))
        menu.aboutToShow.connect(self._sync_sort_menu)

    def _sync_sort_menu(self) -> None:
        header = self.table.horizontalHeader()
        action = self.sort_actions.get(header.sortIndicatorSection())
        if action is not None:
            action.setChecked(True)
        self.descending_action.setChecked(header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def column_actions(self, menu: QMenu) -> list[QAction]:
        actions = []
        for column, key in enumerate(ArticleListModel.COLUMNS):
            if key == "title":
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._choose_column(c, on))
            actions.append(action)
        return actions

    def _choose_column(self, column: int, shown: bool) -> None:
        self.columns_chosen = True
        self.table.setColumnHidden(column, not shown)

    # -- slots -----------------------------------------------------------------------------
    @Slot()
    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0 and bool(self.empty_label.text())
        filtered = bool(self.filter_edit.text().strip() or self.state_combo.currentData())
        if empty and filtered:
            self.empty_label.setText(self.tr("No article matches the filter."))
        self._stack.setCurrentWidget(self.empty_label if empty else self.table)

    @Slot(int)
    def _on_state_combo_current_index_changed(self, _index: int) -> None:
        # the chosen filter is exact; opening an article pins it again
        self.model.set_pinned(None)
        self.set_filter(replace(self.model.filter, state=str(self.state_combo.currentData() or "")))

    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._filter_timer.start()

    @Slot()
    def _on_filter_timer_timeout(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Apply the filter box now (it applies itself shortly after typing stops)."""
        self._filter_timer.stop()
        self.set_filter(replace(self.model.filter, text=self.filter_edit.text().strip()))

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = int(current.data(ArticleIdRole))
            self.model.set_pinned(article_id)
            self.article_selected.emit(article_id)

    @Slot(QPoint)
    def _on_header_custom_context_menu_requested(self, pos: QPoint) -> None:
        menu = QMenu(self)
        self.column_actions(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))
