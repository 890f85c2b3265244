"""Edit → Preferences: the author name recorded on every new annotation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.author_edit = QLineEdit(settings.author, self)
        self.author_edit.setPlaceholderText(self.tr("your name"))
        hint = QLabel(self.tr("Recorded as the author of every annotation you make."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Author"), self.author_edit)
        form.addRow(hint)
        form.addRow(buttons)

    def accept(self) -> None:
        name = self.author_edit.text().strip()
        if name:
            self.settings.author = name
        super().accept()
