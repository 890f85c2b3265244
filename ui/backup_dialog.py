"""File → Restore from backup…: the corpus's backups with date, reason and what each holds;
``restore_requested(path)`` asks the window to restore one (after the user confirmed)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt, Signal, Slot
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

from reader.store.backup import BackupInfo


class BackupDialog(QDialog):
    restore_requested = Signal(str)
    backup_requested = Signal()

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 380)
        self.rows: list[BackupInfo] = []
        self.reasons = {
            "migration": self.tr("before a program update"), "import": self.tr("before an import"),
            "merge": self.tr("before a merge"), "reingest": self.tr("before re-ingesting pages"),
            "restore": self.tr("before a restore"), "daily": self.tr("daily"), "manual": self.tr("by hand"),
        }
        self.intro = QLabel(self.tr("Backups are kept in %s. Restoring replaces the whole corpus with the "
                                    "chosen backup; the current state is backed up first, so a restore "
                                    "can itself be undone by restoring that backup.") % folder, self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Articles"),
                                              self.tr("Annotations"), self.tr("Tags"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.empty = QLabel(self.tr("No backups yet."), self)
        self.restore_button = QPushButton(self.tr("&Restore this backup…"), self)
        self.restore_button.setEnabled(False)
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.backup_button.clicked.connect(self.backup_requested)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

    def set_backups(self, rows: list[BackupInfo]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = [_local(row.created), self.reasons.get(row.reason, row.reason), _count(row.articles),
                     _count(row.annotations), _count(row.tags), _size(row.size)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(row.path))
                self.table.setItem(i, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not rows)
        self._on_table_item_selection_changed()

    def selected(self) -> BackupInfo | None:
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked else None

    def describe(self, row: BackupInfo) -> str:
        return self.tr("the backup of %s (%s: %s articles, %s annotations, %s tags)") % (
            _local(row.created), self.reasons.get(row.reason, row.reason), _count(row.articles),
            _count(row.annotations), _count(row.tags))

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.restore_requested.emit(str(row.path))


def _local(when: datetime) -> str:
    return when.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _count(n: int | None) -> str:
    return "?" if n is None else f"{n:,}"


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"
