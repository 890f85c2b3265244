"""A status-bar notice for a destructive step that just happened: the message (what was
deleted) with an Undo button beside it, both gone when the message is."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QToolButton

SHOW_MS = 15000


class UndoNotice(QObject):
    def __init__(self, window: QMainWindow, stack: QUndoStack) -> None:
        super().__init__(window)
        self.window, self.stack = window, stack
        self.button = QToolButton(window)
        self.button.setObjectName("undo_notice_button")
        self.button.setText(self.tr("Undo"))
        self.button.setAutoRaise(False)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self.button.clicked.connect(self._on_button_clicked)
        window.statusBar().messageChanged.connect(self._on_status_message_changed)
        self._message = ""
        self._index = -1

    def show(self, message: str) -> None:
        """Say ``message`` with an Undo button that undoes the step now on top of the stack."""
        self._message = message
        self._index = self.stack.index()
        self.window.statusBar().showMessage(message, SHOW_MS)
        self.button.setToolTip(self.stack.undoText())
        self.button.show()

    @Slot()
    def _on_button_clicked(self) -> None:
        if self.stack.index() == self._index and self.stack.canUndo():
            self.stack.undo()
        self.button.hide()
        self.window.statusBar().clearMessage()

    @Slot(str)
    def _on_status_message_changed(self, text: str) -> None:
        if text != self._message:
            self.button.hide()
