"""The article list's model: rows are article ids chosen and ordered by the corpus (SQL), row
contents fetched lazily in small blocks and cached.

Contract: :meth:`ArticleListModel.set_filter` and :meth:`sort` ask the source for the ids again
(filtering and sorting never happen in Python); :meth:`refresh` with ids re-reads only those rows
(``dataChanged``), without ids it re-reads the id list and reports the difference as row
removals and insertions (``begin/endRemoveRows``, ``begin/endInsertRows``).  Only rows a view
asks for are fetched, :data:`BLOCK` at a time, and at most :data:`CACHE_ROWS` are kept.  The
``pinned`` article (the open one) keeps its row across refreshes even when it no longer matches
the filter (opening an unread article marks it read; it must not vanish under the reader).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from reader.paging import ArticleFilter
from reader.records import ArticleSummary
from ui.id_model import MAX_RUNS, LazyIdModel  # noqa: F401  (MAX_RUNS: re-exported for tests)

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
BLOCK = LazyIdModel.BLOCK
CACHE_ROWS = LazyIdModel.CACHE_ROWS
PREFIX = 256  # ids read before the first paint; the rest right after it
# the roles a delegate paints with that a cell answers from what it worked out (role -> place)
PAINT_ROLES = {int(role): place for place, role in enumerate((
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.CheckStateRole))}


class ArticleSource(Protocol):
    """What the model needs from the corpus: the paged facade queries of ``Corpus``
    (``article_count`` and ``article_ids(..., limit=)`` are optional: with them the first
    paint reads a screenful of ids, not all of them)."""

    def article_ids(self, sort: str = ..., filter: ArticleFilter = ...,  # noqa: A002
                    descending: bool = ...) -> list[int]: ...

    def article_rows(self, ids: Sequence[int]) -> list[ArticleSummary]: ...


# column key -> the corpus sort it asks for ("page" is page-file order: date and page number
# for crawler folders, whose file names carry both)
COLUMN_SORTS: dict[str, str] = {
    "title": "title", "date": "date", "paper": "paper", "page": "page",
    "annotations": "annotations", "entities": "entities", "authors": "source", "chars": "chars",
}


class ArticleListModel(LazyIdModel):
    """Article ids of a query as rows; see the module doc."""

    COLUMNS = ("title", "date", "paper", "page", "annotations", "entities", "authors", "chars")
    PREFIX = PREFIX

    def __init__(self, source: ArticleSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.filter = ArticleFilter()
        self.sort_key = "date"
        self.descending = False
        self.pinned: int | None = None
        self._headers = {
            "title": self.tr("Title"), "date": self.tr("Date"), "paper": self.tr("Paper"),
            "page": self.tr("Page"), "annotations": self.tr("Codes"), "entities": self.tr("Entities"),
            "authors": self.tr("Authors"), "chars": self.tr("Characters"),
        }
        self._tips = {
            "annotations": self.tr("Coded passages in the article"),
            "entities": self.tr("Entity mentions in the article"),
        }
        self._keep_pinned = True
        self._cells: dict[int, tuple[ArticleSummary, tuple[tuple[Any, ...], ...]]] = {}
        app = QApplication.instance()
        if app is not None:  # fonts and colours of the cells follow the theme and the font
            app.paletteChanged.connect(self._forget_cells)  # type: ignore[attr-defined]
            app.fontChanged.connect(self._forget_cells)  # type: ignore[attr-defined]

    # -- queries ------------------------------------------------------------------------
    def _query_ids(self) -> list[int]:
        ids = self.source.article_ids(sort=self.sort_key, filter=self.filter, descending=self.descending)
        pinned = self.pinned
        if self._keep_pinned and pinned is not None and pinned not in ids and self._rows_known(pinned):
            present = set(ids)
            rows = self._row_index()
            before = self._ids[: rows[pinned]]
            anchor = next((i for i in reversed(before) if i in present), None)
            ids.insert(0 if anchor is None else ids.index(anchor) + 1, pinned)
        return ids

    def _rows_known(self, article_id: int) -> bool:
        return self._total is None and article_id in self._row_index()

    def _query_prefix(self, n: int) -> tuple[int, list[int]] | None:
        count = getattr(self.source, "article_count", None)
        if count is None:
            return None
        try:
            first = self.source.article_ids(sort=self.sort_key, filter=self.filter,  # type: ignore[call-arg]
                                            descending=self.descending, limit=n)
        except TypeError:
            return None
        return count(self.filter), first

    def _query_rows(self, ids: Sequence[int]) -> list[ArticleSummary]:
        return self.source.article_rows(ids)

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        # a changed row may now enter or leave the result, or move in a sort by a changed count
        return bool(self.filter.state or self.filter.text) or self.sort_key in ("annotations", "entities")

    def _may_enter(self, unknown) -> bool:  # type: ignore[no-untyped-def]
        return False  # an article not listed enters only through a filter (see _rows_may_move)

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.sort_key = COLUMN_SORTS[self.COLUMNS[column]]
        self.descending = descending
        return True

    def set_filter(self, flt: ArticleFilter) -> None:
        """Show what ``flt`` lets through (a new result set: a model reset)."""
        self.filter = flt
        self._keep_pinned = False
        try:
            self.reload()
        finally:
            self._keep_pinned = True

    def load(self) -> None:
        """Read the ids for the first time (or again, as a reset)."""
        self.set_filter(self.filter)

    def set_pinned(self, article_id: int | None) -> None:
        """Keep ``article_id``'s row at later refreshes whatever the filter says."""
        self.pinned = article_id

    # -- rows --------------------------------------------------------------------------
    def article_id(self, row: int) -> int:
        return self.id_at(row)

    def summary(self, row: int) -> ArticleSummary | None:
        """The row's summary, fetching its block when it is not cached."""
        return self.record(row)

    # -- Qt model API ---------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        key = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(key)
        return None

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # noqa: N802
        """Every role a delegate paints a cell with, in one call (a repaint of the list asks
        each visible cell for seven roles): from the row's cells, worked out once per record."""
        cells = self._row_cells(index.row()) if index.isValid() else None
        column = index.column()
        for item in roles:
            role = item.role()
            if cells is not None and role in PAINT_ROLES:
                value = cells[column][PAINT_ROLES[role]]
            else:
                value = self.data(index, role)
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _forget_cells(self, *_args: Any) -> None:
        self._cells.clear()

    def _row_cells(self, row: int) -> tuple[tuple[Any, ...], ...] | None:
        r = self.summary(row)
        if r is None:
            return None
        known = self._cells.get(r.id)
        if known is not None and known[0] is r:
            return known[1]
        if len(self._cells) >= CACHE_ROWS:
            self._cells.clear()
        cells = tuple(tuple(self._cell(r, column, role) for role in PAINT_ROLES) for column in self.COLUMNS)
        self._cells[r.id] = (r, cells)
        return cells

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if role == ArticleIdRole:
            return self.id_at(index.row()) if 0 <= index.row() < self.rowCount() else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, SummaryRole):
            return None
        r = self.summary(index.row())
        if r is None:
            return None
        if role == SummaryRole:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
        return self._cell(r, self.COLUMNS[index.column()], role)

    def _cell(self, r: ArticleSummary, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.FontRole and column == "title" and (r.state == "unread" or r.title_derived):
            font = QFont(QApplication.font())
            font.setBold(r.state == "unread")
            font.setItalic(r.title_derived)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == "title" and r.title_derived:
            return QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("page", "annotations", "entities", "chars"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: ArticleSummary, column: str) -> Any:
        if column == "title":
            star = "★ " if r.state == "starred" else ""
            return star + (f"〔{r.display_title}〕" if r.title_derived else r.display_title)
        if column == "date":
            return r.date.isoformat() if r.date else ""
        if column == "paper":
            return r.paper or ""
        if column == "page":
            return str(r.page) if r.page else ""
        if column == "authors":
            return "、".join(r.authors)
        if column in ("annotations", "entities", "chars"):
            value = getattr(r, column)
            return str(value) if value else ""
        return None

    def _tooltip(self, r: ArticleSummary) -> str:
        lines = [r.display_title]
        if r.title_derived:
            lines.append(self.tr("The page lost this article's title: the one shown is taken from its text."))
        facts = [r.date.isoformat() if r.date else self.tr("undated")]
        if r.paper:
            facts.append(r.paper)
        if r.page:
            facts.append(self.tr("page %d") % r.page)
        lines.append(" · ".join(facts))
        if r.authors:
            lines.append("、".join(r.authors))
        states = {"unread": self.tr("unread"), "read": self.tr("read"), "starred": self.tr("starred")}
        lines.append(" · ".join((self.tr("%n character(s)", "", r.chars), self.tr("%n code(s)", "", r.annotations),
                                 self.tr("%n entities", "", r.entities), states.get(r.state, r.state))))
        if r.tags:
            lines.append(self.tr("Article tags: %s") % "、".join(r.tags))
        lines.append(self.tr("File: %s, article %d") % (r.source, r.position + 1))
        return "\n".join(lines)
