"""Find in article (Ctrl+F): a bar under the reader that marks every occurrence of what is typed
(case-insensitive), says "3 of 12", steps with Enter / Shift+Enter (F3 / Shift+F3 in the menu)
and closes with Esc, leaving the reader focused."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QStyle, QToolButton, QWidget


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Code-point spans of every occurrence of ``needle`` in ``text``, ignoring case."""
    if not needle:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


class FindBar(QWidget):
    """``hits_changed(spans, current)`` whenever the hits or the current one change;
    ``closed()`` when put away."""

    hits_changed = Signal(list, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in this article"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Find in article"))
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 / 000") + 8)
        self.prev_button = QToolButton(self)
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.prev_button.setToolTip(self.tr("Previous (Shift+Enter)"))
        self.prev_button.setAccessibleName(self.tr("Previous match"))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip(self.tr("Next (Enter)"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close find bar"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)
        for keys, slot in (("Esc", self.close_bar), ("Shift+Return", lambda: self.step(-1)),
                           ("Shift+Enter", lambda: self.step(-1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.hide()

    def set_text(self, text: str) -> None:
        """The article text to search (a new article: hits are found again)."""
        self._text = text
        self._search(keep_current=False)

    def open_bar(self, needle: str = "") -> None:
        self.show()
        if needle:
            self.edit.setText(needle)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(keep_current=True)

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current = [], -1
        self.hits_changed.emit([], -1)
        self.closed.emit()

    def step(self, delta: int) -> None:
        if not self.hits:
            return
        self.current = (self.current + delta) % len(self.hits) if self.current >= 0 else 0
        self._report()

    def _search(self, keep_current: bool) -> None:
        if not self.isVisible():
            return
        self.hits = find_all(self._text, self.edit.text())
        if not keep_current or not (0 <= self.current < len(self.hits)):
            self.current = 0 if self.hits else -1
        self._report()

    def _report(self) -> None:
        if not self.edit.text():
            self.count_label.setText("")
        elif not self.hits:
            self.count_label.setText(self.tr("no match"))
        else:
            self.count_label.setText(self.tr("%d of %d") % (self.current + 1, len(self.hits)))
        self.hits_changed.emit(list(self.hits), self.current)

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        self._search(keep_current=False)

    @Slot()
    def _on_edit_return_pressed(self) -> None:
        self.step(1)
