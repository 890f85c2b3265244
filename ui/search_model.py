"""The search view's model and delegate: ranked hits as rows, read a page at a time
(``canFetchMore``/``fetchMore`` ask the view for the next page, appended with
``begin/endInsertRows``), and the snippet painted with its hits highlighted."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.store.search import SearchHit
from ui import theme
from ui.table_model import RowTableModel

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SpanRole = Qt.ItemDataRole.UserRole + 2  # (start, end) of the passage to open
HitsRole = Qt.ItemDataRole.UserRole + 3  # hit spans inside the displayed text
Index = QModelIndex | QPersistentModelIndex
RESULT_LIMIT = 500  # rows a streamed scan shows
PAGE = 100  # ranked results read at a time
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
    every cell, ``HitsRole`` on the snippet.  With a ``fetch(offset)`` callable and a page that
    says more ranked results exist (:meth:`set_page`), the view's scrolling asks for them
    (``canFetchMore``/``fetchMore``); :meth:`add_page` appends what comes back."""

    COLUMNS = ("title", "hits", "score", "snippet")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SearchHit] = []
        self._headers = (self.tr("Article"), self.tr("Hits"), self.tr("Score"), self.tr("Snippet"))
        self.fetch: Callable[[int], None] | None = None
        self.total = 0  # matching articles (the rows read so far may be fewer)
        self._more = False
        self._pending = False
        self.pages = 0  # pages asked for by fetchMore (for tests)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self._more = self._pending = False
        self.total = len(hits)
        self._reset_rows(hits)

    def set_page(self, hits: list[SearchHit], total: int, more: bool) -> None:
        """The first page of a result set of ``total``; ``more``: later pages can be asked for."""
        self._pending = False
        self.total = total
        self._more = more and total > len(hits)
        self._reset_rows(hits)

    def append_hits(self, hits: list[SearchHit]) -> None:
        """Add rows at the end (a streaming search's next batch)."""
        if hits:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(hits) - 1)
            self._rows.extend(hits)
            self.endInsertRows()

    def add_page(self, offset: int, hits: list[SearchHit]) -> None:
        """A fetched page starting at ``offset``; a page for another offset (the result set
        changed meanwhile) is dropped, and so are articles already listed."""
        if offset != len(self._rows) or not self._pending:
            return
        self._pending = False
        shown = {h.article_id for h in self._rows}
        fresh = [h for h in hits if h.article_id not in shown]
        self.append_hits(fresh)
        if not hits or len(self._rows) >= self.total:
            self._more = False

    def page_failed(self) -> None:
        self._pending = self._more = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return (not parent.isValid() and self._more and not self._pending and self.fetch is not None
                and len(self._rows) < self.total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._pending = True
        self.pages += 1
        self.fetch(len(self._rows))  # type: ignore[misc]

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def rows(self) -> list[SearchHit]:
        return list(self._rows)

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
