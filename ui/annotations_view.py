"""Every annotation of the corpus: a lazy table model over annotation ids (filtered and sorted
by the corpus in SQL, rows fetched in blocks and cached; see :mod:`ui.id_model`) and a filter
bar (tag including its children, article, text, author, dates, status).  A ``Change`` naming
annotations re-reads those rows only; activating a row emits ``annotation_activated(id)`` and the
window jumps to the passage.  Reads go through the corpus facade; it never writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.changes import Change
from reader.coding.annotation_listing import AnnotationRow
from reader.coding.annotations import AnnotationQuery
from reader.corpus import Corpus
from ui import theme
from ui.id_model import LazyIdModel

AnnotationIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
BLOCK = 200


class AnnotationSource(Protocol):
    """What the model needs from the corpus: its paged annotation queries."""

    def annotation_ids(self, query: AnnotationQuery | None = ..., sort: str = ...,
                       descending: bool = ...) -> list[int]: ...

    def annotation_rows(self, ids: Sequence[int]) -> list[AnnotationRow]: ...


# column -> the corpus sort it asks for (None: the column does not sort)
COLUMN_SORTS: dict[str, str | None] = {
    "quote": "quote", "tags": None, "article": "article", "author": "author", "created": "created",
    "status": "status",
}


class AnnotationTableModel(LazyIdModel):
    """Rows are the ids of the annotations ``query`` lets through; see :mod:`ui.id_model`."""

    COLUMNS = ("quote", "tags", "article", "author", "created", "status")
    BLOCK = BLOCK

    def __init__(self, source: AnnotationSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.query = AnnotationQuery()
        self.sort_key, self.descending = "article", False
        self._headers = (self.tr("Passage"), self.tr("Tags"), self.tr("Article"), self.tr("Coder"),
                         self.tr("Created"), self.tr("Status"))

    # -- queries ------------------------------------------------------------------------
    def _query_ids(self) -> list[int]:
        return self.source.annotation_ids(self.query, sort=self.sort_key, descending=self.descending)

    def _query_rows(self, ids: Sequence[int]) -> list[AnnotationRow]:
        return self.source.annotation_rows(ids)

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        # an edited annotation may leave a filtered result; only a filter on what an edit can
        # change (tags, text, status) or a sort by it can move rows
        q = self.query
        return q.tag_id is not None or bool(q.text.strip() or q.status) or self.sort_key in ("quote", "status")

    def _sort_key(self, column: int, descending: bool) -> bool:
        key = COLUMN_SORTS[self.COLUMNS[column]]
        if key is None:
            return False
        self.sort_key, self.descending = key, descending
        return True

    def set_query(self, query: AnnotationQuery) -> None:
        """Show what ``query`` lets through (a new result set: a model reset)."""
        self.query = query
        self.reload()

    # -- rows ---------------------------------------------------------------------------
    def annotation(self, row: int) -> AnnotationRow | None:
        return self.record(row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if role == AnnotationIdRole:
            return self.id_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        rec = row.record
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "quote":
                return rec.quote if len(rec.quote) <= 60 else rec.quote[:58] + "…"
            if column == "tags":
                return "、".join(rec.tags)
            if column == "article":
                return row.article_title
            if column == "created":
                return f"{rec.created:%Y-%m-%d %H:%M}"
            if column == "status":
                return self.tr("orphan") if rec.status == "orphan" else self.tr("anchored")
            return getattr(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{rec.quote}\n{rec.note}".strip()
        if role == Qt.ItemDataRole.ForegroundRole and rec.status == "orphan":
            return theme.current().warning
        return None


class AnnotationsView(QWidget):
    """The corpus-wide annotation browser."""

    annotation_activated = Signal(int)

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.current_article_id: int | None = None
        self.model = AnnotationTableModel(corpus, self)
        self.tag_combo = QComboBox(self)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("text in passage or note"))
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("coder"))
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        self.status_combo = QComboBox(self)
        for label, value in ((self.tr("Any status"), ""), (self.tr("Anchored"), "anchored"),
                             (self.tr("Orphans"), "orphan")):
            self.status_combo.addItem(label, value)
        self.article_check = QCheckBox(self.tr("Open article only"), self)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(AnnotationTableModel.COLUMNS.index("article"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        grid = QGridLayout()
        grid.addWidget(self.tag_combo, 0, 0)
        grid.addWidget(self.text_edit, 0, 1)
        grid.addWidget(self.author_edit, 0, 2)
        grid.addWidget(self.status_combo, 0, 3)
        grid.addWidget(self.since_edit, 1, 0)
        grid.addWidget(self.until_edit, 1, 1)
        grid.addWidget(self.article_check, 1, 2)
        grid.addWidget(self.count_label, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        for edit in (self.text_edit, self.author_edit, self.since_edit, self.until_edit):
            edit.textChanged.connect(self._on_filter_changed)
        self.tag_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.status_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.article_check.toggled.connect(self._on_filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)
        self.stale = True  # read when first shown: the corpus may hold 100,000 annotations

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale and self.model.loaded:  # changed while hidden: the difference, no reset
            self.stale = False
            self._reload_tags()
            self.model.refresh()
            self._show_count()
        elif self.stale:
            self.refresh()

    def set_tag_filter(self, tag_id: int | None) -> None:
        index = self.tag_combo.findData(-1 if tag_id is None else tag_id)
        self.tag_combo.setCurrentIndex(max(0, index))

    def set_current_article(self, article_id: int | None) -> None:
        self.current_article_id = article_id
        if self.article_check.isChecked():
            self._on_filter_changed()

    def query(self) -> AnnotationQuery:
        tag = self.tag_combo.currentData()
        return AnnotationQuery(
            tag_id=None if tag in (None, -1) else int(tag),
            article_id=self.current_article_id if self.article_check.isChecked() else None,
            text=self.text_edit.text(), author=self.author_edit.text(),
            since=_date(self.since_edit.text()), until=_date(self.until_edit.text()),
            status=str(self.status_combo.currentData() or ""),
        )

    def refresh(self) -> None:
        """Re-read tags (keeping the chosen one) and the matching ids."""
        self.stale = False
        self._reload_tags()
        self.model.set_query(self.query())
        self._show_count()

    def on_corpus_changed(self, change: Change) -> None:
        """Update what ``change`` names: the rows of the annotations it names (re-read, removed
        or inserted), the tag choices after a codebook change; a change naming nothing re-reads
        the ids and reports the difference (rows stay selected and in place)."""
        if not self.isVisible():
            self.stale = True  # read afresh when next shown
            return
        if change.kind == "tags":
            self._reload_tags()
        if change.kind == "annotations" and change.ids:
            self.model.refresh(change.ids)
        else:
            self.model.refresh()
        self._show_count()

    def _reload_tags(self) -> None:
        chosen = self.tag_combo.currentData()
        tags = self.corpus.tags()
        by_id = {t.id: t for t in tags}
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("All tags"), -1)
        for path, tag_id in sorted(("/".join(t.path(by_id)), t.id) for t in tags):
            self.tag_combo.addItem(path, tag_id)
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(chosen if chosen is not None else -1)))
        self.tag_combo.blockSignals(False)

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if count == 0 and self.query() == AnnotationQuery():
            self.count_label.setText(self.tr("No annotations yet: select a passage and press T."))
        else:
            self.count_label.setText(self.tr("%n annotation(s)", "", count))

    @Slot()
    def _on_filter_changed(self, *_args: object) -> None:
        self.model.set_query(self.query())
        self._show_count()

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.annotation_activated.emit(int(self.model.data(index, AnnotationIdRole)))


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
