"""Choosing who is coding: at first start, from the team menu, or (name and colour only) in the
preferences.  Existing coders of the corpus can be picked; a new name creates a coder."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from reader.coding.coders import FALLBACK_CODER
from reader.records import CoderRecord
from reader.store.migrations import CODER_COLORS


class ColorButton(QPushButton):
    """A swatch that opens a colour dialog; ``color`` is ``#rrggbb``."""

    color_changed = Signal(str)

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(64)
        self.color = ""
        self.set_color(color)
        self.clicked.connect(self._on_self_clicked)

    def set_color(self, color: str) -> None:
        self.color = QColor(color).name()
        self.setStyleSheet(f"background: {self.color}; border: 1px solid #666; min-height: 18px;")
        self.setToolTip(self.color)
        self.color_changed.emit(self.color)

    @Slot()
    def _on_self_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.tr("Coder colour"))
        if chosen.isValid():
            self.set_color(chosen.name())


class CoderDialog(QDialog):
    """Name (pick an existing coder or type a new one) and colour."""

    def __init__(self, coders: list[CoderRecord], current: str = "", color: str = "",
                 first_start: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is coding?"))
        self._colors = {c.name: c.color for c in coders}
        self.name_combo = QComboBox(self)
        self.name_combo.setEditable(True)
        self.name_combo.addItems([c.name for c in coders if c.name != FALLBACK_CODER])
        self.name_combo.setEditText(current if current != FALLBACK_CODER else "")
        self.name_combo.lineEdit().setPlaceholderText(self.tr("your name, e.g. 张三"))
        taken = set(self._colors.values())
        free = next((c for c in CODER_COLORS if c not in taken), CODER_COLORS[0])
        self.color_button = ColorButton(color or self._colors.get(current, free), self)
        swatches = QHBoxLayout()
        for value in CODER_COLORS:
            swatch = QPushButton(self)
            swatch.setFixedSize(22, 22)
            swatch.setStyleSheet(f"background: {value}; border: 1px solid #444;")
            swatch.setToolTip(value)
            swatch.clicked.connect(lambda _=False, v=value: self.color_button.set_color(v))
            swatches.addWidget(swatch)
        swatches.addStretch(1)
        text = (self.tr("Pizhu records who made every annotation, so that a team can merge and compare "
                        "its work. Choose your name and a colour; you can switch later.")
                if first_start else self.tr("Annotations you make from now on are recorded under this name."))
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("Coder"), self.name_combo)
        form.addRow(self.tr("Colour"), self.color_button)
        form.addRow("", swatches)
        form.addRow(self.buttons)
        self.name_combo.currentTextChanged.connect(self._on_name_combo_current_text_changed)
        self._on_name_combo_current_text_changed(self.name_combo.currentText())

    def name(self) -> str:
        return " ".join(self.name_combo.currentText().split())

    def color(self) -> str:
        return self.color_button.color

    @Slot(str)
    def _on_name_combo_current_text_changed(self, text: str) -> None:
        name = " ".join(text.split())
        if name in self._colors:
            self.color_button.set_color(self._colors[name])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(name))
