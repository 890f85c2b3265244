"""Full-text search over the corpus: a query box with filters, ranked results with their hits
highlighted in the snippet; activating a result asks for the passage to be opened."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import concordance
from reader.corpus import Change, Corpus
from reader.store.search import SearchError, SearchHit, SearchPage
from ui.filter_bar import FilterBar
from ui.table_model import RowTableModel
from ui.tasks import LatestOnly, TaskRunner
from ui import theme

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SpanRole = Qt.ItemDataRole.UserRole + 2  # (start, end) of the passage to open
HitsRole = Qt.ItemDataRole.UserRole + 3  # hit spans inside the displayed text
Index = QModelIndex | QPersistentModelIndex
RESULT_LIMIT = 500
HIT_STYLE = "color:#c92a2a;font-weight:600;"
ELLIPSIS = "…"


def highlight_html(text: str, spans: list[tuple[int, int]], style: str = HIT_STYLE) -> str:
    """``text`` as escaped HTML with ``spans`` (code points, sorted) wrapped in a hit style."""
    out, pos = [], 0
    for s, e in spans:
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f'<span style="{style}">{html.escape(text[s:e])}</span>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's DisplayRole text as rich text with its ``HitsRole`` spans highlighted."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if option.state & QStyle.StateFlag.State_Selected:  # on the selection colour: bold, underlined
            style = "font-weight:700;text-decoration:underline;"
        else:
            style = f"color:{theme.current().warning.name()};font-weight:600;"
        doc.setHtml(highlight_html(text, list(index.data(HitsRole) or []), style))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        doc.setTextWidth(-1)
        painter.save()
        rect = option.rect
        painter.translate(rect.left(), rect.top() + max(0, (rect.height() - doc.size().height()) / 2))
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class SearchResultsModel(RowTableModel):
    """Rows are search hits, best first; ``ArticleIdRole`` and ``SpanRole`` (first hit) on
    every cell, ``HitsRole`` on the snippet."""

    COLUMNS = ("title", "hits", "score", "snippet")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SearchHit] = []
        self._headers = (self.tr("Article"), self.tr("Hits"), self.tr("Score"), self.tr("Snippet"))

    def set_hits(self, hits: list[SearchHit]) -> None:
        self._reset_rows(hits)

    def append_hits(self, hits: list[SearchHit]) -> None:
        """Add rows at the end (a streaming search's next batch)."""
        if hits:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(hits) - 1)
            self._rows.extend(hits)
            self.endInsertRows()

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        h = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        lead = ELLIPSIS if h.snippet_start > 0 else ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "title":
                return h.title
            if column == "hits":
                return len(h.hits)
            if column == "score":
                return f"{h.score:.2f}"
            return lead + h.snippet + ELLIPSIS
        if role == Qt.ItemDataRole.ToolTipRole and column in ("title", "snippet"):
            return h.title if column == "title" else h.snippet
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("hits", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ArticleIdRole:
            return h.article_id
        if role == SpanRole:
            return tuple(h.hits[0]) if h.hits else (0, 0)
        if role == HitsRole and column == "snippet":
            return [(s + len(lead), e + len(lead)) for s, e in h.snippet_hits]
        return None


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
        # Scans (regex, mixed negations) stream their hits in and can be stopped; indexed
        # queries come back ranked at once.  Either way the GUI thread never waits.
        self.jobs.start(concordance.stream_search_in, spec, query, regex=self.regex_box.isChecked(), limit=RESULT_LIMIT,
                        reports=True, streams=True, **filters)

    def on_corpus_changed(self, change: Change) -> None:
        """Annotations, tags, entities or articles changed: refresh filters and results."""
        self.reload_filters()
        if self.query_edit.text().strip():
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
        self.status.setText(self.tr("Stopped: %d article(s) found so far") % self.model.rowCount())
        self.results_ready.emit(self.model.rowCount())

    @Slot(object)
    def _on_jobs_partial(self, batch: list[SearchHit]) -> None:
        room = RESULT_LIMIT - self._streamed
        if self._streamed == 0:
            self.model.set_hits(batch[:room])
        else:
            self.model.append_hits(batch[:max(0, room)])
        self._streamed = self.model.rowCount()
        self.status.setText(self.tr("Searching… %d article(s) found") % self.model.rowCount())

    @Slot(object)
    def _on_jobs_returned(self, page: SearchPage) -> None:
        self.stop_button.hide()
        hits = page.hits
        self.model.set_hits(hits)
        if self._opened is not None and not any(h.article_id == self._opened[0] for h in hits):
            self._opened = None
        shown = sum(len(h.hits) for h in hits)
        message = self.tr("%d article(s), %d hit(s)") % (page.total, shown)
        if page.total > len(hits):
            message += self.tr(" (best %d articles shown)") % len(hits)
        if page.stopped == "timeout":
            message += self.tr(" — stopped at the time limit; results are partial")
        elif page.stopped:
            message += self.tr(" — stopped; results are partial")
        self.status.setText(message)
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
