"""Edit → Preferences: who is coding (name and colour, recorded on every new annotation, note,
tag change and correction), the theme, the reading font, size and line spacing, how coding is
shown, and the highlight colour of each entity type.  Everything is kept in
:class:`ui.settings.Settings` when the dialog is accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.records import ENTITY_TYPES
from ui.coder_dialog import ColorButton
from ui.fonts import load_bundled_fonts
from ui.settings import Settings
from ui.theme import DEFAULT_ENTITY_COLORS


class SwatchButton(ColorButton):
    """The coder dialog's colour swatch, with its own colour dialog title."""

    def __init__(self, color: str, title: str, parent: QWidget | None = None) -> None:
        self.title = title
        super().__init__(color, parent)

    @Slot()
    def _on_self_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.title)
        if chosen.isValid():
            self.set_color(chosen.name())


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        tabs = QTabWidget(self)
        tabs.addTab(self._general(), self.tr("General"))
        tabs.addTab(self._reading(), self.tr("Reading"))
        tabs.addTab(self._highlights(), self.tr("Highlights"))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _general(self) -> QWidget:
        page = QWidget(self)
        s = self.settings
        self.author_edit = QLineEdit(s.author, page)  # the coder's name
        self.author_edit.setPlaceholderText(self.tr("your name"))
        corpus = getattr(self.parent(), "corpus", None)
        known = corpus.coder_colors() if corpus is not None else {}
        if known:
            completer = QCompleter(sorted(known), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.author_edit.setCompleter(completer)
        self._known = known
        self.color_button = ColorButton(s.coder_color or known.get(s.author, "#1f77b4"), page)
        self.author_edit.textChanged.connect(self._on_author_edit_text_changed)
        hint = QLabel(self.tr("Recorded as the coder of every annotation, note and tag change you make. "
                              "Switch here to code as someone else (e.g. to curate as a team)."), page)
        hint.setWordWrap(True)
        self.theme_combo = QComboBox(page)
        for label, value in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                             (self.tr("Dark"), "dark")):
            self.theme_combo.addItem(label, value)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(s.theme)))
        form = QFormLayout(page)
        form.addRow(self.tr("&Coder"), self.author_edit)
        form.addRow(self.tr("Co&lour"), self.color_button)
        form.addRow(hint)
        form.addRow(self.tr("&Theme"), self.theme_combo)
        return page

    def _reading(self) -> QWidget:
        page = QWidget(self)
        s = self.settings
        self.font_combo = QFontComboBox(page)
        bundled = load_bundled_fonts()
        family = s.font_family or (bundled[0] if bundled else QFont().family())
        self.font_combo.setCurrentFont(QFont(family))
        self.size_spin = QSpinBox(page)
        self.size_spin.setRange(8, 40)
        self.size_spin.setSuffix(self.tr(" pt"))
        self.size_spin.setValue(s.font_size)
        self.spacing_spin = QSpinBox(page)
        self.spacing_spin.setRange(100, 300)
        self.spacing_spin.setSingleStep(10)
        self.spacing_spin.setSuffix(" %")
        self.spacing_spin.setValue(s.line_spacing)
        self.backgrounds_box = QCheckBox(self.tr("Tint coded passages in their code's colour"), page)
        self.backgrounds_box.setChecked(s.show_code_backgrounds)
        self.stripes_box = QCheckBox(self.tr("Coding stripes with code names in the margin"), page)
        self.stripes_box.setChecked(s.show_code_stripes)
        form = QFormLayout(page)
        form.addRow(self.tr("&Font"), self.font_combo)
        form.addRow(self.tr("&Size"), self.size_spin)
        form.addRow(self.tr("&Line spacing"), self.spacing_spin)
        form.addRow(self.backgrounds_box)
        form.addRow(self.stripes_box)
        return page

    def _highlights(self) -> QWidget:
        page = QWidget(self)
        names = {"PER": self.tr("People"), "LOC": self.tr("Places"), "ORG": self.tr("Organisations"),
                 "DATE": self.tr("Dates"), "NUM": self.tr("Figures")}
        self.color_buttons: dict[str, SwatchButton] = {}
        form = QFormLayout(page)
        for etype in ENTITY_TYPES:
            button = SwatchButton(self.settings.entity_color(etype), names[etype], page)
            self.color_buttons[etype] = button
            form.addRow(names[etype], button)
        reset = QPushButton(self.tr("Default colours"), page)
        reset.clicked.connect(self._on_reset_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(reset)
        form.addRow(row)
        return page

    @Slot(str)
    def _on_author_edit_text_changed(self, text: str) -> None:
        name = " ".join(text.split())
        if name in self._known:  # an existing coder comes with their colour
            self.color_button.set_color(self._known[name])

    def _on_reset_clicked(self) -> None:
        for etype, button in self.color_buttons.items():
            button.set_color(DEFAULT_ENTITY_COLORS[etype])

    def accept(self) -> None:
        s = self.settings
        name = " ".join(self.author_edit.text().split())
        if name:
            s.coder_name = name
            s.coder_color = self.color_button.color
        s.theme = str(self.theme_combo.currentData())
        bundled = load_bundled_fonts()
        family = self.font_combo.currentFont().family()
        s.font_family = "" if bundled and family == bundled[0] else family
        s.font_size = self.size_spin.value()
        s.line_spacing = self.spacing_spin.value()
        s.show_code_backgrounds = self.backgrounds_box.isChecked()
        s.show_code_stripes = self.stripes_box.isChecked()
        s.entity_colors = {etype: b.color for etype, b in self.color_buttons.items()
                           if b.color != DEFAULT_ENTITY_COLORS[etype]}
        super().accept()
