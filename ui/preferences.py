"""Edit → Preferences: who is coding (name and colour), recorded on every new annotation, note,
tag change and correction."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
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
        known = corpus.coder_colors() if corpus is not None else {}
        if known:
            completer = QCompleter(sorted(known), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.author_edit.setCompleter(completer)
        self._known = known
        self.color_button = ColorButton(settings.coder_color or known.get(settings.author, "#1f77b4"), self)
        self.author_edit.textChanged.connect(self._on_author_edit_text_changed)
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

    @Slot(str)
    def _on_author_edit_text_changed(self, text: str) -> None:
        name = " ".join(text.split())
        if name in self._known:  # an existing coder comes with their colour
            self.color_button.set_color(self._known[name])

    def accept(self) -> None:
        name = " ".join(self.author_edit.text().split())
        if name:
            self.settings.coder_name = name
            self.settings.coder_color = self.color_button.color
        super().accept()
