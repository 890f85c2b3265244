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

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from reader.paging import ArticleFilter
from reader.records import ArticleSummary

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
BLOCK = 128
CACHE_ROWS = 4096
MAX_RUNS = 64


def _runs(ids: list[int], kept: set[int]) -> int:
    """How many runs of ids not in ``kept`` there are in ``ids``."""
    count, inside = 0, False
    for article_id in ids:
        out = article_id not in kept
        if out and not inside:
            count += 1
        inside = out
    return count


class ArticleSource(Protocol):
    """What the model needs from the corpus: the paged facade queries of ``Corpus``."""

    def article_ids(self, sort: str = ..., filter: ArticleFilter = ...,  # noqa: A002
                    descending: bool = ...) -> list[int]: ...

    def article_rows(self, ids: Sequence[int]) -> list[ArticleSummary]: ...


# column key -> the corpus sort it asks for ("page" is page-file order: date and page number
# for crawler folders, whose file names carry both)
COLUMN_SORTS: dict[str, str] = {
    "title": "title", "date": "date", "paper": "paper", "page": "page",
    "annotations": "annotations", "entities": "entities", "authors": "source", "chars": "chars",
}


class ArticleListModel(QAbstractTableModel):
    """Article ids of a query as rows; see the module doc."""

    COLUMNS = ("title", "date", "paper", "page", "annotations", "entities", "authors", "chars")

    def __init__(self, source: ArticleSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.filter = ArticleFilter()
        self.sort_key = "date"
        self.descending = False
        self.pinned: int | None = None
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None  # id -> row, built when first asked
        self._cache: OrderedDict[int, ArticleSummary] = OrderedDict()
        self.fetches = 0  # blocks fetched (for tests and benchmarks)
        self.loaded = False  # ids read at least once
        self._headers = {
            "title": self.tr("Title"), "date": self.tr("Date"), "paper": self.tr("Paper"),
            "page": self.tr("Page"), "annotations": self.tr("Codes"), "entities": self.tr("Entities"),
            "authors": self.tr("Authors"), "chars": self.tr("Characters"),
        }
        self._tips = {
            "annotations": self.tr("Coded passages in the article"),
            "entities": self.tr("Entity mentions in the article"),
        }

    # -- queries ------------------------------------------------------------------------
    def _fetch_ids(self, keep_pinned: bool = True) -> list[int]:
        ids = self.source.article_ids(sort=self.sort_key, filter=self.filter, descending=self.descending)
        self.loaded = True
        pinned = self.pinned
        if keep_pinned and pinned is not None and pinned not in ids and pinned in self._row_index():
            present = set(ids)
            before = self._ids[: self._row_index()[pinned]]
            anchor = next((i for i in reversed(before) if i in present), None)
            ids.insert(0 if anchor is None else ids.index(anchor) + 1, pinned)
        return ids

    def set_filter(self, flt: ArticleFilter) -> None:
        """Show what ``flt`` lets through (a new result set: a model reset)."""
        self.beginResetModel()
        self.filter = flt
        self._ids = self._fetch_ids(keep_pinned=False)
        self._rows = None
        self._cache.clear()
        self.endResetModel()

    def load(self) -> None:
        """Read the ids for the first time (or again, as a reset)."""
        self.set_filter(self.filter)

    def set_pinned(self, article_id: int | None) -> None:
        """Keep ``article_id``'s row at later refreshes whatever the filter says."""
        self.pinned = article_id

    def refresh(self, article_ids: Sequence[int] = ()) -> None:
        """Re-read the rows of ``article_ids`` only; with none, re-read the id list and
        report what was removed and inserted (the selection and scroll position survive)."""
        if article_ids:
            self._refresh_rows(article_ids)
            return
        new = self._fetch_ids()
        self._cache.clear()
        self._apply_difference(new)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def _refresh_rows(self, article_ids: Sequence[int]) -> None:
        rows = self._row_index()
        if self.filter.state or self.filter.text:  # a changed row may now enter or leave the result
            new = self._fetch_ids()
            present = set(new)
            if any((i in present) != (i in rows) for i in article_ids):
                self._cache.clear()
                self._apply_difference(new)
                rows = self._row_index()
        wanted = [i for i in dict.fromkeys(article_ids) if i in rows]
        for article_id in wanted:
            self._cache.pop(article_id, None)
        if not wanted:
            return
        for summary in self.source.article_rows(wanted):
            self._remember(summary)
        for article_id in wanted:
            row = rows[article_id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _apply_difference(self, new: list[int]) -> None:
        """Turn the current ids into ``new`` by removing then inserting runs of rows; a
        reordering of the ids that stay is a layout change instead.  A difference scattered in
        more than :data:`MAX_RUNS` runs is a model reset (cheaper than thousands of signals)."""
        if new == self._ids:
            return
        keep = set(new)
        old = self._ids
        present_before = set(old)
        runs = _runs(old, keep) + _runs(new, present_before)
        if runs > MAX_RUNS:
            self.beginResetModel()
            self._ids = list(new)
            self._rows = None
            self._cache.clear()
            self.endResetModel()
            return
        # removals, last run first so that earlier row numbers stay valid
        row = len(old) - 1
        while row >= 0:
            if old[row] in keep:
                row -= 1
                continue
            end = row
            while row >= 0 and old[row] not in keep:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, end)
            del self._ids[row + 1:end + 1]
            self._rows = None
            self.endRemoveRows()
        present = set(self._ids)
        if [i for i in new if i in present] != self._ids:
            self._relayout([i for i in new if i in present])
        # insertions, first run first
        position = 0
        index = 0
        while index < len(new):
            if new[index] in present:
                position += 1
                index += 1
                continue
            start = index
            while index < len(new) and new[index] not in present:
                index += 1
            self.beginInsertRows(QModelIndex(), position, position + index - start - 1)
            self._ids[position:position] = new[start:index]
            self._rows = None
            self.endInsertRows()
            position += index - start

    def _relayout(self, ordered: list[int]) -> None:
        """Reorder the rows to ``ordered`` (the same ids), moving persistent indexes along."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._ids[p.row()], p.column()) if p.isValid() else None for p in persistent]
        self._ids = list(ordered)
        self._rows = None
        rows = self._row_index()
        new_indexes = [self.index(rows[k[0]], k[1]) if k is not None and k[0] in rows else QModelIndex()
                       for k in kept]
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401
        """Sort by a column (in SQL): a layout change that keeps the selection."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self.sort_key = COLUMN_SORTS[self.COLUMNS[column]]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if not self.loaded:
            return  # the first load reads the ids in this order
        new = self._fetch_ids()
        if set(new) == set(self._ids):
            self._relayout(new)
        else:
            self._apply_difference(new)

    # -- rows --------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return list(self._ids)

    def article_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, article_id: int) -> int:
        return self._row_index().get(article_id, -1)

    def _row_index(self) -> dict[int, int]:
        if self._rows is None:
            self._rows = {article_id: row for row, article_id in enumerate(self._ids)}
        return self._rows

    def summary(self, row: int) -> ArticleSummary | None:
        """The row's summary, fetching its block when it is not cached."""
        if not 0 <= row < len(self._ids):
            return None
        article_id = self._ids[row]
        cached = self._cache.get(article_id)
        if cached is not None:
            self._cache.move_to_end(article_id)
            return cached
        start = (row // BLOCK) * BLOCK
        block = [i for i in self._ids[start:start + BLOCK] if i not in self._cache]
        self.fetches += 1
        for record in self.source.article_rows(block):
            self._remember(record)
        return self._cache.get(article_id)

    def _remember(self, summary: ArticleSummary) -> None:
        self._cache[summary.id] = summary
        self._cache.move_to_end(summary.id)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def cached_rows(self) -> int:
        return len(self._cache)

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        key = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(key)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if role == ArticleIdRole:
            return self._ids[index.row()] if 0 <= index.row() < len(self._ids) else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, SummaryRole):
            return None
        r = self.summary(index.row())
        if r is None:
            return None
        if role == SummaryRole:
            return r
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
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
        lines.append(self.tr("%d characters · %d codes · %d entities · %s") % (
            r.chars, r.annotations, r.entities, states.get(r.state, r.state)))
        if r.tags:
            lines.append(self.tr("Article tags: %s") % "、".join(r.tags))
        lines.append(self.tr("File: %s, article %d") % (r.source, r.position + 1))
        return "\n".join(lines)
