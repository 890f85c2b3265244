"""Edit → Preferences: who is coding (name and colour), recorded on every new annotation, note,
tag change and correction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.coder_dialog import ColorButton
from ui.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.author_edit = QLineEdit(settings.author, self)  # the coder's name
        self.author_edit.setPlaceholderText(self.tr("your name"))
        corpus = getattr(parent, "corpus", None)
        if corpus is not None:
            completer = QCompleter([c.name for c in corpus.coders()], self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.author_edit.setCompleter(completer)
        self.color_button = ColorButton(settings.coder_color or "#1f77b4", self)
        hint = QLabel(self.tr("Recorded as the coder of every annotation, note and tag change you make. "
                              "Switch here to code as someone else (e.g. to curate as a team)."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Coder"), self.author_edit)
        form.addRow(self.tr("Colour"), self.color_button)
        form.addRow(hint)
        form.addRow(buttons)

    def accept(self) -> None:
        name = " ".join(self.author_edit.text().split())
        if name:
            self.settings.coder_name = name
            self.settings.coder_color = self.color_button.color
        super().accept()
