"""Entities ▸ Occurrence fixes…: every fix of one entity occurrence (``entity fixes`` in the CLI)
in a lazy table (:class:`ui.id_model.LazyIdModel` over :mod:`reader.coding.fix_listing`, filtered
and sorted in SQL), with what the recogniser finds there without the fix, Go to (or a double
click: the article opens with the span selected) and Remove (one undoable step through the
entity tools' undo path, :func:`reader.coding.occurrences.apply_occurrence_edit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.coding import fix_listing, occurrences
from reader.coding.fix_listing import FixQuery, FixRow
from reader.coding.occurrences import OccurrenceEdit
from reader.corpus import Change, Corpus
from ui.corrections_dialog import _local  # stored UTC times shown in local time
from ui.id_model import LazyIdModel

if TYPE_CHECKING:
    from ui.entity_tools import EntityTools

Index = QModelIndex | QPersistentModelIndex
FixIdRole = Qt.ItemDataRole.UserRole + 1
COLUMN_SORTS: dict[str, str] = {"article": "article", "text": "text", "fix": "type", "status": "", "coder": "coder",
                                "created": "created"}


class FixTableModel(LazyIdModel):
    """Rows are the ids of the fixes ``query`` lets through."""

    COLUMNS = ("article", "text", "fix", "status", "coder", "created")
    BLOCK = 200

    def __init__(self, corpus: Corpus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.query = FixQuery()
        self.sort_key, self.descending = "created", True
        self._headers = (self.tr("Article"), self.tr("Text"), self.tr("Fix"), self.tr("Status"), self.tr("Coder"),
                         self.tr("Date"))

    def _query_ids(self) -> list[int]:
        return fix_listing.fix_ids(self.query, self.sort_key, self.descending)

    def _query_rows(self, ids: Sequence[int]) -> list[FixRow]:
        return fix_listing.fix_rows(ids)

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        return True  # a removed or changed fix leaves the list or moves in it

    def _sort_key(self, column: int, descending: bool) -> bool:
        key = COLUMN_SORTS[self.COLUMNS[column]]
        if not key:
            return False
        self.sort_key, self.descending = key, descending
        return True

    def set_query(self, query: FixQuery) -> None:
        self.query = query
        self.reload()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def fix_text(self, row: FixRow) -> str:
        rec = row.record
        if rec.action == "set":
            return self.tr("%s here (%d–%d)") % (rec.type, rec.start, rec.end)
        if rec.type:
            return self.tr("not %s here") % rec.type
        return self.tr("not an entity here")

    def status_text(self, row: FixRow) -> str:
        return {"anchored": self.tr("in place"), "moved": self.tr("moved with its text"),
                "orphan": self.tr("text gone: ignored")}.get(row.record.status, row.record.status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if role == FixIdRole:
            return self.id_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        rec = row.record
        if column == "article":
            return row.title or self.tr("article %d") % rec.article_id
        if column == "text":
            return rec.text
        if column == "fix":
            return self.fix_text(row)
        if column == "status":
            return self.status_text(row)
        if column == "coder":
            return rec.coder
        return _local(rec.created)


class FixesDialog(QDialog):
    """The list; ``open_requested(article, start, end)`` and ``remove_requested(list[FixRow])``
    ask the window to act."""

    open_requested = Signal(int, int, int)
    remove_requested = Signal(list)

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.setWindowTitle(self.tr("Occurrence fixes"))
        self.resize(760, 420)
        self.model = FixTableModel(corpus, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by text or article title"))
        self.filter_edit.setClearButtonEnabled(True)
        self.action_combo = QComboBox(self)
        for label, value in ((self.tr("Every fix"), ""), (self.tr("Entity set here"), "set"),
                             (self.tr("Not an entity here"), "drop")):
            self.action_combo.addItem(label, value)
        self.coder_combo = QComboBox(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(5, Qt.SortOrder.DescendingOrder)
        self.summary = QLabel(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.go_button = QPushButton(self.tr("&Go to"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setToolTip(self.tr("Forget the selected fixes: the recogniser decides there again "
                                              "(Edit ▸ Undo brings them back)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.action_combo)
        filters.addWidget(self.coder_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.action_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.coder_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.go_button.clicked.connect(self._on_go_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.model.modelReset.connect(self._on_selection_changed)
        self.refresh(reload=True)

    # -- contents ---------------------------------------------------------------------
    def refresh(self, reload: bool = False) -> None:
        """Read the fixes again (after a change); ``reload`` starts a new result set."""
        self._fill_coders()
        if reload:
            self.model.reload()
            self.table.resizeColumnsToContents()  # the rows on screen only (the model is lazy)
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        else:
            self.model.refresh()
        self.summary.setText(self.tr("%n fix(es) listed", "", self.model.rowCount()))
        self._on_selection_changed()

    def _fill_coders(self) -> None:
        current = self.coder_combo.currentData() or ""
        self.coder_combo.blockSignals(True)
        self.coder_combo.clear()
        self.coder_combo.addItem(self.tr("Every coder"), "")
        for name in fix_listing.fix_coders():
            self.coder_combo.addItem(name, name)
        self.coder_combo.setCurrentIndex(max(0, self.coder_combo.findData(current)))
        self.coder_combo.blockSignals(False)

    def query(self) -> FixQuery:
        return FixQuery(self.filter_edit.text(), self.action_combo.currentData() or "",
                        self.coder_combo.currentData() or "")

    def selected(self) -> list[FixRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.record(i) for i in rows) if r is not None]

    # -- slots ------------------------------------------------------------------------
    @Slot()
    def _on_filter_changed(self, *_args: Any) -> None:
        self.model.set_query(self.query())
        self.summary.setText(self.tr("%n fix(es) listed", "", self.model.rowCount()))

    @Slot()
    def _on_selection_changed(self, *_args: Any) -> None:
        chosen = self.selected()
        self.go_button.setEnabled(len(chosen) == 1 and chosen[0].record.status != "orphan")
        self.remove_button.setEnabled(bool(chosen))
        if len(chosen) != 1:
            self.detail.setText("")
            return
        row = chosen[0]
        if row.record.status == "orphan":
            self.detail.setText(self.tr("Its text is no longer in the article, so the fix is ignored."))
            return
        found = fix_listing.without_fix(self.corpus, row.record)
        if found:
            names = "、".join(f"{e.text} ({e.type})" for e in found)
            self.detail.setText(self.tr("Without this fix the recogniser reads here: %s") % names)
        else:
            self.detail.setText(self.tr("Without this fix the recogniser finds no entity here."))

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.record(index.row())
        if row is not None:
            self._go(row)

    @Slot()
    def _on_go_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._go(chosen[0])

    def _go(self, row: FixRow) -> None:
        rec = row.record
        text = self.corpus.article(rec.article_id).text
        placed = occurrences.place(text, rec.start, rec.end, rec.text)
        if placed is not None:
            self.open_requested.emit(rec.article_id, *placed)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        chosen = self.selected()
        if chosen:
            self.remove_requested.emit(chosen)


class FixesTools(QObject):
    """Entities ▸ Occurrence fixes… for one window."""

    def __init__(self, tools: EntityTools, menu) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tools)
        self.tools, self.window = tools, tools.window
        self.dialog: FixesDialog | None = None
        self.action = QAction(self.tr("Occurrence &fixes…"), self)
        self.action.setObjectName("entity_fixes")
        menu.insertAction(tools.recompute_action, self.action)
        self.action.triggered.connect(self._on_action_triggered)
        self.window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]

    def show(self) -> FixesDialog:
        if self.dialog is None:
            self.dialog = FixesDialog(self.tools.corpus, self.window)
            self.dialog.open_requested.connect(self._on_dialog_open_requested)
            self.dialog.remove_requested.connect(self._on_dialog_remove_requested)
        else:
            self.dialog.refresh(reload=True)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def remove(self, rows: list[FixRow]) -> Any:
        """Forget ``rows`` as one undoable step; the articles are recognised again."""
        edit = OccurrenceEdit(delete=tuple(fix_listing.plain(r.record) for r in rows))
        label = (self.tr("Remove the fix of “%s”") % rows[0].record.text if len(rows) == 1
                 else self.tr("Remove %n occurrence fix(es)", "", len(rows)))
        return self.tools._do(partial(occurrences.apply_occurrence_edit, edit=edit), label)

    @Slot()
    def _on_action_triggered(self) -> None:
        self.show()

    @Slot(int, int, int)
    def _on_dialog_open_requested(self, article_id: int, start: int, end: int) -> None:
        self.window.open_article(article_id)  # type: ignore[attr-defined]
        if getattr(self.window, "current_article_id", None) == article_id:
            self.window.view.select_range(start, end)  # type: ignore[attr-defined]

    @Slot(list)
    def _on_dialog_remove_requested(self, rows: list) -> None:
        self.remove(rows)

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if change.kind == "entities" and self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()
