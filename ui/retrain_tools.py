"""Entities ▸ Retrain from my corrections… and Entities ▸ Use the shipped model again: the core's
:func:`reader.coding.retrain.retrain` and :func:`~reader.coding.retrain.revert` run as
:class:`ui.tasks.Task` on the serial write pool, followed by the window's task progress (with its
Cancel button); their :class:`~reader.corpus.Change` is re-broadcast on ``window.changed``.
On a server corpus another coder's retrain or revert arrives live as ``Change("model")``
(:mod:`reader.store.live_follow`): the window's recogniser is made again with the model now
stored on the server, the menu's tooltip is updated and the status bar says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from reader.coding import retrain
from ui.errors import describe
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.entity_tools import EntityTools


class RetrainTools(QObject):
    """The two actions of one window; ``retrained(report)`` and ``reverted(change)`` report
    finished work, ``failed(message)`` a failure or a cancel."""

    retrained = Signal(object)
    reverted = Signal(object)
    failed = Signal(str)

    def __init__(self, tools: EntityTools, menu) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tools)
        self.tools = tools
        self.window = tools.window
        self.confirm: Callable[[str, str], bool] = self._ask
        self.last_task: Task | None = None
        self.retrain_action = QAction(self.tr("Re&train from my corrections…"), self)
        self.retrain_action.setObjectName("entity_retrain")
        self.revert_action = QAction(self.tr("Use the &shipped model again"), self)
        self.revert_action.setObjectName("entity_revert_model")
        menu.addSeparator()
        menu.addAction(self.retrain_action)
        menu.addAction(self.revert_action)
        self.retrain_action.triggered.connect(self._on_retrain_action_triggered)
        self.revert_action.triggered.connect(self._on_revert_action_triggered)
        menu.aboutToShow.connect(self.update_actions)
        self.window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        self.seen = retrain.model_facts(self.tools.corpus)  # the model this window last knew of
        self.update_actions()

    def update_actions(self) -> None:
        facts = retrain.model_facts(self.tools.corpus)
        self.revert_action.setEnabled(facts is not None)
        if facts is None:
            self.revert_action.setToolTip(self.tr("This corpus uses the shipped model"))
        else:
            self.revert_action.setToolTip(self.tr("In use: a model retrained %s from %n corrected sentence(s)", "",
                                                  int(facts.get("user_sentences", 0))) % facts.get("trained", ""))

    def _ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self.window, title, text) == QMessageBox.StandardButton.Yes

    def start_retrain(self, fraction: float = retrain.DEFAULT_FRACTION) -> Task | None:
        text = self.tr(
            "Train a model for this corpus from your corrections (every sentence with an entity you "
            "marked, changed, rejected or fixed) together with %d %% of the shipped model's training "
            "data, then recognise every article again with it. It takes a minute or two and runs in "
            "the background; you can cancel it. The new model is used from then on; Entities ▸ Use "
            "the shipped model again reverts it.\n\nRetrain now?") % round(fraction * 100)
        if not self.confirm(self.tr("Retrain from my corrections"), text):
            return None
        task = Task(retrain.retrain, self.tools.corpus, fraction=fraction)
        return self._start(task, self.tr("Retraining the entity model…"), self._on_retrain_task_returned)

    def start_revert(self) -> Task | None:
        if not self.confirm(self.tr("Use the shipped model again"),
                            self.tr("Forget the model retrained from your corrections and recognise every "
                                    "article again with the shipped model? Your corrections stay.")):
            return None
        task = Task(retrain.revert, self.tools.corpus)
        return self._start(task, self.tr("Going back to the shipped model…"), self._on_revert_task_returned)

    def _start(self, task: Task, label: str, returned: Callable[[object], None]) -> Task:
        self.tools.progress.follow(task, label)
        task.signals.returned.connect(returned)
        task.signals.errored.connect(self._on_task_errored)
        self.last_task = task
        self.window.statusBar().showMessage(label, 3000)
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    @Slot()
    def _on_retrain_action_triggered(self) -> None:
        self.start_retrain()

    @Slot()
    def _on_revert_action_triggered(self) -> None:
        self.start_revert()

    @Slot(object)
    def _on_retrain_task_returned(self, report: retrain.RetrainReport) -> None:
        self.window.changed.emit(report.change)  # type: ignore[attr-defined]
        message = (self.tr("Retrained from %n corrected sentence(s)", "", report.user_sentences)
                   + self.tr(" in %d s") % round(report.seconds_training)
                   + self.tr("; entities recognised again in %n article(s)", "", len(report.change.article_ids)))
        if report.cancelled:
            message += self.tr(" (the others are updated at the next start)")
        self.window.statusBar().showMessage(message, 8000)
        self.update_actions()
        self.seen = retrain.model_facts(self.tools.corpus)
        self.retrained.emit(report)

    @Slot(object)
    def _on_revert_task_returned(self, change) -> None:  # type: ignore[no-untyped-def]
        self.window.changed.emit(change)  # type: ignore[attr-defined]
        self.window.statusBar().showMessage(
            self.tr("Back to the shipped model; entities recognised again in %n article(s)", "",
                    len(change.article_ids)), 8000)
        self.update_actions()
        self.seen = retrain.model_facts(self.tools.corpus)
        self.reverted.emit(change)

    @Slot(object)
    def _on_window_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.kind != "model":
            return
        self.tools.corpus.forget_recognizer()  # the next recognition uses the model now stored
        self.update_actions()
        facts = retrain.model_facts(self.tools.corpus)
        if facts == self.seen:  # e.g. after a reconnect, when nothing changed meanwhile
            return
        self.seen = facts
        if facts is None:
            text = self.tr("Another coder went back to the shipped entity model; it is used from now on")
        else:
            text = self.tr("Another coder retrained the entity model; it is used from now on")
        self.window.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        self.update_actions()
        if isinstance(exc, InterruptedError):
            message = self.tr("Retraining cancelled: the model in use is unchanged")
            self.window.statusBar().showMessage(message, 8000)
            self.failed.emit(message)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Retraining failed"), describe(exc),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.failed.emit(str(exc))
