"""Entity-type legend whose buttons toggle the highlight of each type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reader.records import ENTITY_TYPES
from ui import theme
from ui.theme import DEFAULT_ENTITY_COLORS


class EntityLegend(QWidget):
    """``hidden_types_changed(list)`` fires when a type is toggled off or on."""

    hidden_types_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = {
            "PER": self.tr("Person"), "LOC": self.tr("Place"), "ORG": self.tr("Organisation"),
            "DATE": self.tr("Date"), "NUM": self.tr("Figure"),
        }
        self.names = names
        self.compact = False  # type codes instead of names when the reader is narrow
        self.colors: dict[str, str] = dict(DEFAULT_ENTITY_COLORS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 6, 2)
        layout.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for number, etype in enumerate(ENTITY_TYPES, 1):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setText(names[etype])
            button.setAccessibleName(names[etype])
            button.setToolTip(self.tr("%s (%s): show or hide highlights (Alt+%d)") % (names[etype], etype, number))
            button.setProperty("entity_type", etype)
            self._restyle(button)
            button.toggled.connect(self._on_button_toggled)
            layout.addWidget(button)
            self.buttons[etype] = button
        layout.addStretch(1)

    def _width_for(self, labels: list[str]) -> int:
        metrics = self.fontMetrics()
        margins = self.layout().contentsMargins()
        return (sum(metrics.horizontalAdvance(label) + 20 for label in labels)
                + self.layout().spacing() * (len(labels) - 1) + margins.left() + margins.right())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._width_for(list(self.buttons)), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        compact = self.width() < self._width_for(list(self.names.values()))
        if compact != self.compact:
            self.compact = compact
            for etype, button in self.buttons.items():
                button.setText(etype if compact else self.names[etype])

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = {**DEFAULT_ENTITY_COLORS, **colors}
        for button in self.buttons.values():
            self._restyle(button)

    def _restyle(self, button: QToolButton) -> None:
        """Coloured when the type is shown, plain and dashed when hidden (set explicitly: style
        sheet pseudo-states are unreliable for checkable tool buttons).  Colours follow the theme."""
        t = theme.current()
        etype = str(button.property("entity_type"))
        if button.isChecked():
            style = (f"QToolButton {{ background: {t.entity_background(self.colors[etype]).name()}; "
                     f"color: {t.text.name()}; border: 1px solid {theme.mix(t.base, t.text, 0.35).name()}; "
                     "border-radius: 3px; padding: 1px 6px; }")
        else:
            style = (f"QToolButton {{ background: {t.base.name()}; color: {t.muted.name()}; "
                     f"border: 1px dashed {t.muted.name()}; border-radius: 3px; padding: 1px 6px; }}")
        button.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for button in self.buttons.values():
                self._restyle(button)

    def hidden_types(self) -> list[str]:
        return [t for t, b in self.buttons.items() if not b.isChecked()]

    def set_hidden_types(self, types: list[str]) -> None:
        for etype, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(etype not in types)
            button.blockSignals(False)
            self._restyle(button)

    def toggle(self, etype: str) -> None:
        self.buttons[etype].toggle()

    @Slot(bool)
    def _on_button_toggled(self, _checked: bool) -> None:
        button = self.sender()
        if isinstance(button, QToolButton):
            self._restyle(button)
        self.hidden_types_changed.emit(self.hidden_types())
