"""Keyword in context: every occurrence of a word, phrase, entity or tag with aligned left and
right context (left column right-aligned, so the matches line up), sortable by either side,
exportable as CSV; activating a line asks for the passage to be opened.

Lines are paged: a concordance reads its first :data:`PAGE` lines in document order, and the
table's scrolling asks for the next page off the GUI thread (``canFetchMore``/``fetchMore``,
rows appended with ``begin/endInsertRows``).  A sort of a concordance not read to its end is
asked of the core page by page (:func:`reader.analysis.concordance.kwic_sorted_in`: the first
page scans once and keeps the lines' places in the sorted order, later pages are cut from it
without a rescan); one read to its end is sorted where it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import concordance, entity_index
from reader.corpus import Change, Corpus
from reader.store import search
from reader.store.search import KwicLine, SearchError
from ui.filter_bar import FilterBar
from ui.kwic_model import KwicDelegate, KwicModel, make_kwic_table  # noqa: F401  (re-exported)
from ui.tasks import LatestOnly, TaskRunner

Index = QModelIndex | QPersistentModelIndex
KINDS = ("text", "entity", "tag")
LINE_LIMIT = 20_000  # lines a concordance reads at most
PAGE = 500  # lines read at a time


class KwicView(QWidget):
    """Concordance of text (query language or regex), of an entity's mentions, or of the
    passages tagged with a tag (and its sub-tags)."""

    passage_requested = Signal(int, int, int)  # article id, start, end (code points)
    results_ready = Signal(int)

    def __init__(self, corpus: Corpus, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.jobs = LatestOnly(runner, self)
        self.page_jobs = LatestOnly(runner, self)  # the next page of lines
        self._request: tuple[str, dict[str, Any]] | None = None  # what the lines are of (paged)
        self._page: tuple[int, int] = (0, 0)  # offset and limit of the page being read
        self._spec: Any = None  # the variables filter of the lines shown
        self._order: tuple[str, bool] | None = None  # a context sort the core pages (None: document order)
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText(self.tr("Word, phrase, entity or tag"))
        self.query_edit.setClearButtonEnabled(True)
        self.kind_combo = QComboBox(self)
        for kind, label in zip(KINDS, (self.tr("Text"), self.tr("Entity"), self.tr("Tag"))):
            self.kind_combo.addItem(label, kind)
        self.regex_box = QCheckBox(self.tr("Regex"), self)
        self.width_spin = QSpinBox(self)
        self.width_spin.setRange(2, 200)
        self.width_spin.setValue(20)
        self.width_spin.setSuffix(self.tr(" chars"))
        self.run_button = QPushButton(self.tr("Concordance"), self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.filter_bar = FilterBar(corpus, self)
        self.filter_bar.setToolTip(self.tr("Filters apply to text and tag concordances"))
        self.status = QLabel(self)
        self.model = KwicModel(self)
        self.model.fetch = self._fetch_page
        self.model.resort = self._resort
        self.table = make_kwic_table(self.model, self)

        row = QHBoxLayout()
        row.addWidget(self.query_edit, 1)
        for w in (self.kind_combo, self.regex_box, QLabel(self.tr("Context"), self), self.width_spin,
                  self.run_button, self.export_button):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self.query_edit.returnPressed.connect(self._on_query_edit_return_pressed)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.table.clicked.connect(self._on_table_activated)
        self.table.activated.connect(self._on_table_activated)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.jobs.errored.connect(self._on_jobs_errored)
        self.page_jobs.returned.connect(self._on_page_jobs_returned)
        self.page_jobs.errored.connect(self._on_jobs_errored)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.filter_bar.reload()

    # -- public API ------------------------------------------------------------------
    def show_concordance(self, query: str, kind: str = "text", regex: bool = False) -> None:
        self.query_edit.setText(query)
        self.kind_combo.setCurrentIndex(KINDS.index(kind))
        self.regex_box.setChecked(regex)
        self.run()

    def run(self) -> None:
        query = self.query_edit.text().strip()
        kind = self.kind_combo.currentData()
        if not query and kind != "entity":
            self.model.set_lines([])
            self.status.setText("")
            self.results_ready.emit(0)
            return
        self.page_jobs.cancel()
        if kind == "entity" and query and not self.regex_box.isChecked():
            # a name's mentions together with those of its aliases (the entity index's grouping)
            self._request = None
            self.status.setText(self.tr("Working…"))
            self.jobs.start(entity_index.occurrences, query, None, self.width_spin.value())
            return
        try:
            filters = self.filter_bar.filters()
            self.filter_bar.spec()
        except ValueError as exc:
            self.status.setText(self.tr("Dates are written YYYY-MM-DD") if "date" in str(exc) else str(exc))
            return
        self.status.setText(self.tr("Working…"))
        options = dict(width=self.width_spin.value(), regex=self.regex_box.isChecked(), kind=kind, **filters)
        self._request, self._spec = (query, options), self.filter_bar.spec()
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self._order = None if (section, order) == (3, Qt.SortOrder.AscendingOrder) or not 0 <= section < 4 else (
            KwicModel.SORT_KEYS[section], order == Qt.SortOrder.DescendingOrder)
        self._start_first_page()

    def _start_first_page(self) -> None:
        assert self._request is not None
        query, options = self._request
        if self._order is None:
            self.jobs.start(concordance.kwic_in, self._spec, query, limit=PAGE, **options)
        else:
            by, descending = self._order
            self.jobs.start(concordance.kwic_sorted_in, self._spec, query, by, descending=descending,
                            limit=PAGE, reports=True, **options)

    def _resort(self, by: str, descending: bool) -> None:
        """A header sort while lines are still unread: the first page again, in that order."""
        if self._request is None:
            return
        order = None if (by, descending) == ("position", False) else (by, descending)
        if order == self._order:
            return  # the lines are in that order already (the header tells the model twice)
        self.page_jobs.cancel()
        self._order = order
        self.status.setText(self.tr("Sorting…"))
        self._start_first_page()

    def _fetch_page(self, offset: int, rest: bool) -> None:
        """The table reached its end (or a sort needs every line): read on from ``offset``."""
        if self._request is None:
            self.model.add_page(offset, [], False)
            return
        query, options = self._request
        limit = max(0, LINE_LIMIT - offset) if rest else min(PAGE, max(0, LINE_LIMIT - offset))
        self._page = (offset, limit)
        self.status.setText(self.tr("Reading more lines…"))
        if self._order is not None:
            by, descending = self._order
            self.page_jobs.start(concordance.kwic_sorted_in, self._spec, query, by, descending=descending,
                                 offset=offset, limit=limit, reports=True, **options)
            return
        self.page_jobs.start(concordance.kwic_in, self._spec, query, offset=offset, limit=limit, **options)

    def sort_by(self, side: str, descending: bool = False) -> None:
        """Sort as the header does: ``left``, ``match``, ``right`` or ``position``."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(KwicModel.SORT_KEYS.index(side), order)

    def export_csv(self, path: str) -> int:
        """Write the lines as UTF-8 CSV with a BOM (for Excel): in their current order when
        every line is read, else every line (up to :data:`LINE_LIMIT`) in document order."""
        lines = self.model.lines()
        if self.model.has_more() and self._request is not None:
            query, options = self._request
            lines = concordance.kwic_in(self._spec, query, limit=LINE_LIMIT, **options)
        with open(path, "w", encoding="utf-8", newline="") as out:
            return search.export_kwic_csv(lines, out, bom=True)

    @Slot(int)
    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self.filter_bar.setEnabled(self.kind_combo.currentData() != "entity")

    def on_corpus_changed(self, change: Change) -> None:
        """Refresh the filter choices, and the lines only when ``change`` can change them:
        articles re-ingested (no ids), annotations and tags for a tag concordance or a tag
        filter, entities for an entity concordance or filter."""
        self.filter_bar.reload()
        if not self.query_edit.text().strip():
            return
        kind = self.kind_combo.currentData()
        options = self._request[1] if self._request is not None else {}
        affects = ((change.kind == "articles" and not change.article_ids)
                   or (change.kind in ("annotations", "tags") and (kind == "tag" or options.get("tags")))
                   or (change.kind == "entities" and (kind == "entity" or options.get("entity"))))
        if affects:
            QTimer.singleShot(0, self.run)

    def open_row(self, row: int) -> None:
        k = self.model.line(row)
        self.passage_requested.emit(k.article_id, k.start, k.end)

    # -- slots -----------------------------------------------------------------------
    @Slot()
    def _on_query_edit_return_pressed(self) -> None:
        self.run()

    @Slot()
    def _on_run_button_clicked(self) -> None:
        self.run()

    @Slot()
    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export concordance"), "concordance.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    @Slot(object)
    def _on_jobs_returned(self, lines: list[KwicLine]) -> None:
        if self._request is not None:
            self.model.set_page(lines, more=len(lines) >= PAGE)  # in the order asked for
        else:
            self.model.set_lines(lines)
        header = self.table.horizontalHeader()
        if self._request is None and (header.sortIndicatorSection() != 3
                                      or header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._show_status()
        self.results_ready.emit(self.model.rowCount())

    @Slot(object)
    def _on_page_jobs_returned(self, lines: list[KwicLine]) -> None:
        offset, limit = self._page
        self.model.add_page(offset, lines, more=len(lines) >= limit > 0 and offset + len(lines) < LINE_LIMIT)
        self._show_status()
        self.results_ready.emit(self.model.rowCount())

    def _show_status(self) -> None:
        lines = self.model.lines()
        articles = len({k.article_id for k in lines})
        message = self.tr("%n occurrence(s)", "", len(lines)) + self.tr(" in %n article(s)", "", articles)
        if self.model.has_more():
            message += self.tr(" so far (scroll for more)")
        elif len(lines) >= LINE_LIMIT:
            message += self.tr(" (stopped at %d; narrow the query)") % LINE_LIMIT
        self.status.setText(message)

    @Slot(object)
    def _on_jobs_errored(self, exc: object) -> None:
        self.model.set_lines([])
        message = self.tr("Bad regular expression: %s") if isinstance(exc, SearchError) else self.tr("Failed: %s")
        self.status.setText(message % exc)
        self.results_ready.emit(0)
