"""A status-bar strip that follows a background task: label, progress bar, cancel button."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QToolButton,
    QWidget,
)

from ui.tasks import Task


class TaskProgress(QWidget):
    """A status-bar progress bar with a cancel button, visible while a task reports work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.task: Task | None = None
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.hide()

    def follow(self, task: Task, label: str) -> None:
        task.signals.started.connect(lambda: self._on_task_started(task, label))
        task.signals.progress.connect(self._on_task_progress)
        task.signals.finished.connect(lambda: self._on_task_finished(task))

    def _on_task_started(self, task: Task, label: str) -> None:
        self.task = task
        self.label.setText(label)
        self.bar.setRange(0, 0)

    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, _label: str) -> None:
        if total <= 0:
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.show()

    def _on_task_finished(self, task: Task) -> None:
        if task is self.task:
            self.task = None
            self.hide()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
