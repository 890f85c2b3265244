"""Every annotation of the corpus: a table model over annotation ids whose rows are fetched
lazily in blocks and cached, and a filter bar (tag including its children, article, text,
author, dates, status).  Activating a row emits ``annotation_activated(id)``; the window jumps
to the passage.  Reads go through the corpus facade; it never writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

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

from reader.coding.annotations import AnnotationQuery
from reader.corpus import Corpus
from reader.records import AnnotationRecord
from ui import theme

AnnotationIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
BLOCK = 200


class AnnotationTableModel(QAbstractTableModel):
    """Rows are annotation ids; ``fetch(ids)`` returns their records (a block at a time)."""

    COLUMNS = ("quote", "tags", "article", "author", "created", "status")

    def __init__(self, fetch: Callable[[Sequence[int]], list[AnnotationRecord]],
                 title: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fetch, self._title = fetch, title
        self._ids: list[int] = []
        self._cache: dict[int, AnnotationRecord] = {}
        self._headers = (self.tr("Passage"), self.tr("Tags"), self.tr("Article"), self.tr("Coder"),
                         self.tr("Created"), self.tr("Status"))

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def record(self, row: int) -> AnnotationRecord | None:
        ann_id = self._ids[row]
        if ann_id not in self._cache:
            lo = (row // BLOCK) * BLOCK
            for rec in self._fetch(self._ids[lo:lo + BLOCK]):
                self._cache[rec.id] = rec
        return self._cache.get(ann_id)

    def row_of(self, annotation_id: int) -> int:
        try:
            return self._ids.index(annotation_id)
        except ValueError:
            return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == AnnotationIdRole:
            return self._ids[index.row()]
        rec = self.record(index.row())
        if rec is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "quote":
                return rec.quote if len(rec.quote) <= 60 else rec.quote[:58] + "…"
            if column == "tags":
                return "、".join(rec.tags)
            if column == "article":
                return self._title(rec.article_id)
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
        self._titles: dict[int, str] = {}
        self.current_article_id: int | None = None
        self.model = AnnotationTableModel(corpus.annotations_by_id, self._title, self)
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

    def refresh_later(self) -> None:
        """Refresh now when shown, else the next time the view is shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _title(self, article_id: int) -> str:
        if article_id not in self._titles:
            self._titles[article_id] = self.corpus.article(article_id).display_title
        return self._titles[article_id]

    def set_tag_filter(self, tag_id: int | None) -> None:
        index = self.tag_combo.findData(-1 if tag_id is None else tag_id)
        self.tag_combo.setCurrentIndex(max(0, index))

    def set_current_article(self, article_id: int | None) -> None:
        self.current_article_id = article_id
        if self.article_check.isChecked():
            self.refresh()

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
        self._titles.clear()
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
        self.model.set_ids(self.corpus.find_annotations(self.query()))
        self._show_count()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if count == 0 and self.query() == AnnotationQuery():
            self.count_label.setText(self.tr("No annotations yet: select a passage and press T."))
        else:
            self.count_label.setText(self.tr("%d annotation(s)") % count)

    @Slot()
    def _on_filter_changed(self, *_args: object) -> None:
        self.model.set_ids(self.corpus.find_annotations(self.query()))
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
