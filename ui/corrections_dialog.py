"""Entities → Corrections…: the corpus's user dictionary and reject list, with Remove."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.coding.corrections import Correction, CorrectionRecord
from ui import theme
from ui.theme import DEFAULT_ENTITY_COLORS as ENTITY_COLORS


class CorrectionsDialog(QDialog):
    """Lists the corpus's corrections; ``remove_requested(list[Correction])`` asks to forget some."""

    remove_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Entity corrections"))
        self.resize(560, 380)
        self.rows: list[CorrectionRecord] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Type"), self.tr("Correction"), self.tr("Added")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

    def set_corrections(self, rows: list[CorrectionRecord]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            kind = self.tr("always an entity") if row.action == "add" else self.tr("never an entity")
            cells = [row.text, row.type or self.tr("any type"), kind,
                     _local(row.created)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 1 and row.type in ENTITY_COLORS:
                    item.setBackground(theme.current().entity_background(ENTITY_COLORS[row.type]))
                self.table.setItem(i, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        adds = sum(r.action == "add" for r in rows)
        self.summary.setText(self.tr("%d word(s) in the corpus dictionary, %d rejected. They apply to every "
                                     "article and to pages ingested later.") % (adds, len(rows) - adds))
        self._on_table_item_selection_changed()

    def selected(self) -> list[Correction]:
        picked = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [Correction(self.rows[i].text, self.rows[i].type, self.rows[i].action) for i in picked]

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        chosen = self.selected()
        if chosen:
            self.remove_requested.emit(chosen)


def _local(when: datetime | None) -> str:
    """A stored UTC time as local time for display."""
    if when is None:
        return ""
    return when.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
