"""Full-text search over the corpus: a query box with filters, ranked results with their hits
highlighted in the snippet; activating a result asks for the passage to be opened.

The results are paged: a search reads the first :data:`PAGE` ranked results and the exact total;
scrolling to the end asks for the next page off the GUI thread (``canFetchMore``/``fetchMore``,
rows appended with ``begin/endInsertRows``).  Scans (regex, mixed negations) stream their hits
in instead, up to :data:`RESULT_LIMIT`.  A ``Change`` re-runs the search only when it can change
the results (see :meth:`SearchView.on_corpus_changed`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import concordance
from reader.corpus import Change, Corpus
from reader.store.search import SearchError, SearchHit, SearchPage
from ui import theme
from ui.filter_bar import FilterBar
from ui.i18n import listing
from ui.search_model import (  # noqa: F401  (re-exported: other views and tests import them from here)
    ELLIPSIS,
    HIT_STYLE,
    PAGE,
    RESULT_LIMIT,
    ArticleIdRole,
    HighlightDelegate,
    HitsRole,
    SearchResultsModel,
    SpanRole,
    highlight_html,
)
from ui.tasks import LatestOnly, TaskRunner


class SearchView(QWidget):
    """Query language of :mod:`reader.store.search` (words, "phrases", AND/OR/NOT, -word) or a regex,
    narrowed by source, tag, entity and author."""

    passage_requested = Signal(int, int, int)  # article id, start, end (code points)
    concordance_requested = Signal(str, bool)  # query, regex
    results_ready = Signal(int)  # number of results shown

    def __init__(self, corpus: Corpus, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.jobs = LatestOnly(runner, self)
        self.page_jobs = LatestOnly(runner, self)  # the next page of ranked results
        self._searched: tuple[str, bool, dict[str, Any]] | None = None  # what the results are of
        self._page_offset = 0
        self._spec: Any = None  # the variables filter of the results shown
        self._opened: tuple[int, int] | None = None  # article id, hit index
        self._streamed = 0
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText(self.tr('Search: words, "exact phrase", AND / OR / NOT, -word'))
        self.query_edit.setClearButtonEnabled(True)
        self.regex_box = QCheckBox(self.tr("Regex"), self)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(self.tr("Stop a long search and keep what it found"))
        self.stop_button.hide()
        self.kwic_button = QPushButton(self.tr("Concordance"), self)
        self.filter_bar = FilterBar(corpus, self)
        bar = self.filter_bar  # the filter widgets, also reachable as attributes of this view
        self.source_combo, self.tag_combo, self.entity_edit = bar.source_combo, bar.tag_combo, bar.entity_edit
        self.author_edit, self.since_edit, self.until_edit = bar.author_edit, bar.since_edit, bar.until_edit
        self.status = QLabel(self)
        self.model = SearchResultsModel(self)
        self.model.fetch = self._fetch_page
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SearchResultsModel.COLUMNS.index("snippet"), HighlightDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 48)
        self.table.setColumnWidth(2, 56)

        row1 = QHBoxLayout()
        for w in (self.query_edit, self.regex_box, self.search_button, self.stop_button, self.kwic_button):
            row1.addWidget(w)
        row1.setStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row1)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self.query_edit.returnPressed.connect(self._on_query_edit_return_pressed)
        self.search_button.clicked.connect(self._on_search_button_clicked)
        self.kwic_button.clicked.connect(self._on_kwic_button_clicked)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.jobs.errored.connect(self._on_jobs_errored)
        self.jobs.partial.connect(self._on_jobs_partial)
        self.page_jobs.returned.connect(self._on_page_jobs_returned)
        self.page_jobs.errored.connect(self._on_page_jobs_errored)
        self.reload_filters()

    # -- public API ------------------------------------------------------------------
    def focus_query(self, text: str = "") -> None:
        if text:
            self.query_edit.setText(text)
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def set_query(self, query: str, regex: bool = False) -> None:
        self.query_edit.setText(query)
        self.regex_box.setChecked(regex)

    def reload_filters(self) -> None:
        """Fill the source and tag choices from the corpus, keeping the current choice."""
        self.filter_bar.reload()

    def filters(self) -> dict[str, Any]:
        return self.filter_bar.filters()

    def run_search(self) -> None:
        query = self.query_edit.text().strip()
        if not query:
            self.model.set_hits([])
            self.status.setText("")
            self.results_ready.emit(0)
            return
        try:
            filters = self.filters()
            spec = self.filter_bar.spec()
        except ValueError as exc:
            self.status.setText(self.tr("Dates are written YYYY-MM-DD") if "date" in str(exc) else str(exc))
            return
        self.status.setText(self.tr("Searching…"))
        self._streamed = 0  # rows of the running search shown so far (old rows stay until then)
        self.stop_button.show()
        regex = self.regex_box.isChecked()
        self._searched = (query, regex, filters)
        self._spec = spec
        self.page_jobs.cancel()
        # Scans (regex, mixed negations) stream their hits in and can be stopped; indexed
        # queries come back ranked at once, a page of them.  Either way the GUI thread never waits.
        self.jobs.start(concordance.stream_search_in, spec, query, regex=regex, limit=RESULT_LIMIT if regex else PAGE,
                        reports=True, streams=True, **filters)

    def on_corpus_changed(self, change: Change) -> None:
        """Refresh the filter choices, and the results only when ``change`` can change them:
        articles re-ingested or re-dated (no ids), or a change of what a filter in use reads
        (the tag filter for annotations and tags, the entity filter for entities)."""
        self.reload_filters()
        if self._searched is None or not self.query_edit.text().strip():
            return
        filters = self._searched[2]
        affects = ((change.kind == "articles" and not change.article_ids)
                   or (change.kind in ("annotations", "tags") and filters.get("tags"))
                   or (change.kind == "entities" and filters.get("entity"))
                   or (change.kind == "articles" and (filters.get("since") or filters.get("until"))))
        if affects:
            QTimer.singleShot(0, self.run_search)

    def open_row(self, row: int, hit: int = 0) -> None:
        """Ask for result ``row`` to be opened at its ``hit``-th hit (the first by default)."""
        h = self.model.hit(row)
        self._opened = (h.article_id, hit % len(h.hits) if h.hits else 0)
        start, end = h.hits[self._opened[1]] if h.hits else (0, 0)
        self.passage_requested.emit(h.article_id, start, end)

    def step_hit(self, step: int = 1) -> bool:
        """Open the next (``step`` 1) or previous (-1) hit in the article opened last,
        wrapping around; ``False`` when no result is open."""
        if self._opened is None:
            return False
        article_id, hit = self._opened
        for row in range(self.model.rowCount()):
            if self.model.hit(row).article_id == article_id:
                self.open_row(row, hit + step)
                return True
        return False

    # -- slots -----------------------------------------------------------------------
    @Slot()
    def _on_query_edit_return_pressed(self) -> None:
        self.run_search()

    @Slot()
    def _on_search_button_clicked(self) -> None:
        self.run_search()

    @Slot()
    def _on_kwic_button_clicked(self) -> None:
        if self.query_edit.text().strip():
            self.concordance_requested.emit(self.query_edit.text().strip(), self.regex_box.isChecked())

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    @Slot()
    def _on_stop_button_clicked(self) -> None:
        self.jobs.cancel()
        self.stop_button.hide()
        self.status.setText(self.tr("Stopped: %n article(s) found so far", "", self.model.rowCount()))
        self.results_ready.emit(self.model.rowCount())

    @Slot(object)
    def _on_jobs_partial(self, batch: list[SearchHit]) -> None:
        room = RESULT_LIMIT - self._streamed
        if self._streamed == 0:
            self.model.set_hits(batch[:room])
        else:
            self.model.append_hits(batch[:max(0, room)])
        self._streamed = self.model.rowCount()
        self.status.setText(self.tr("Searching… %n article(s) found", "", self.model.rowCount()))

    def _fetch_page(self, offset: int) -> None:
        """The model reached its end: read the next page of ranked results off the GUI thread."""
        if self._searched is None:
            self.model.page_failed()
            return
        query, regex, filters = self._searched
        self._page_offset = offset
        self.page_jobs.start(concordance.page_search, query, regex=regex, offset=offset, limit=PAGE,
                             spec=self._spec, reports=True, **filters)

    @Slot(object)
    def _on_page_jobs_returned(self, page: SearchPage) -> None:
        self.model.add_page(self._page_offset, page.hits)
        self._show_status(page.total, sum(len(h.hits) for h in self.model.rows()), "")
        self.results_ready.emit(self.model.rowCount())

    @Slot(object)
    def _on_page_jobs_errored(self, exc: object) -> None:
        self.model.page_failed()
        self.status.setText(self.tr("Search failed: %s") % exc)

    def _show_status(self, total: int, shown_hits: int, stopped: str) -> None:
        rows = self.model.rowCount()
        message = listing(self.tr("%n article(s)", "", total), self.tr("%n hit(s)", "", shown_hits))
        if total > rows and self.model.canFetchMore():
            message += self.tr(" (first %n article(s) shown; scroll for more)", "", rows)
        elif total > rows:
            message += self.tr(" (best %n articles shown)", "", rows)
        if stopped == "timeout":
            message += self.tr(" — stopped at the time limit; results are partial")
        elif stopped:
            message += self.tr(" — stopped; results are partial")
        self.status.setText(message)

    @Slot(object)
    def _on_jobs_returned(self, page: SearchPage) -> None:
        self.stop_button.hide()
        hits = page.hits
        if page.plan != "scan" and page.complete:
            self.model.set_page(hits, page.total, more=True)
        else:
            self.model.set_hits(hits)
        if self._opened is not None and not any(h.article_id == self._opened[0] for h in hits):
            self._opened = None
        self._show_status(page.total, sum(len(h.hits) for h in hits), page.stopped)
        self.results_ready.emit(len(hits))

    @Slot(object)
    def _on_jobs_errored(self, exc: object) -> None:
        self.stop_button.hide()
        self.model.set_hits([])
        if isinstance(exc, SearchError):
            self.status.setText(self.tr("Bad regular expression: %s") % exc)
        else:
            self.status.setText(self.tr("Search failed: %s") % exc)
        self.results_ready.emit(0)
