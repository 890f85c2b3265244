"""The widgets of the span editor (:mod:`ui.span_editor`): the handles drawn at the two ends of
the span being edited, and the bar with its text, type, scope, Apply and Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.records import ENTITY_TYPES
from ui import theme

if TYPE_CHECKING:
    from ui.span_editor import SpanEditor

HERE, CORPUS = "here", "corpus"  # the scopes of a correction


class _Handles(QWidget):
    """Paints the two ends of the span being edited over the view's viewport."""

    def __init__(self, editor: SpanEditor) -> None:
        super().__init__(editor.view.viewport())
        self.editor = editor
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        rects = self.editor.end_rects()
        if rects is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(theme.current().accent)
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour)
        for rect, top in zip(rects, (True, False)):
            x = rect.center().x()
            painter.drawLine(x, rect.top(), x, rect.bottom())
            y = rect.top() if top else rect.bottom()
            painter.drawEllipse(QPoint(x, y), 4, 4)
        painter.end()


class SpanBar(QFrame):
    """The editing bar: the span's text, type, scope, Apply and Cancel, and the keys."""

    def __init__(self, editor: SpanEditor) -> None:
        super().__init__(editor.view)
        self.setObjectName("span_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 4, 8, 4)
        rows.setSpacing(2)
        row, keys = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(keys)
        self.text_label = QLabel(self)
        self.text_label.setObjectName("span_text")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("span_type")
        for etype in ENTITY_TYPES:
            self.type_combo.addItem(f"{etype} — {editor.tools.type_names[etype]}", etype)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("span_scope")
        self.scope_combo.addItem(self.tr("This occurrence"), HERE)
        self.scope_combo.addItem(self.tr("Whole corpus"), CORPUS)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setObjectName("span_apply")
        self.apply_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("span_cancel")
        self.hint = QLabel(self.tr("←/→ move the start, Shift+←/→ the end, or drag the ends; "
                                   "Enter applies, Esc cancels"), self)
        self.hint.setObjectName("span_hint")
        small = self.hint.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.hint.setFont(small)
        for widget in (self.text_label, self.type_combo, self.scope_combo):
            row.addWidget(widget)
        self.hint.setWordWrap(True)
        keys.addWidget(self.apply_button)
        keys.addWidget(self.cancel_button)
        keys.addStretch(1)
        rows.addWidget(self.hint)
        for widget in (self.type_combo, self.scope_combo, self.apply_button, self.cancel_button):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keys stay with the text
        self.hide()
