"""The one background-worker abstraction.

A :class:`Task` runs a plain core function ``fn(*args, progress=..., cancelled=...)`` on a
thread pool and reports through signals (started, progress, returned, errored, finished).
Workers never touch widgets; they only emit.  :class:`TaskRunner` keeps one serial pool for
database writes (so writes never race) and one pool for read-only work.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskSignals(QObject):
    started = Signal()
    progress = Signal(int, int, str)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()
    partial = Signal(object)  # a batch of results a streaming job hands over before it returns


class Task(QRunnable):
    """A cancellable job. ``fn`` receives ``progress`` and ``cancelled`` keyword arguments
    when ``reports=True``, and ``emit`` (hand over a batch of results early) when
    ``streams=True``."""

    def __init__(self, fn: Callable[..., Any], *args: Any, reports: bool = True, streams: bool = False,
                 **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs, self.reports, self.streams = fn, args, kwargs, reports, streams
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        self.signals.started.emit()
        try:
            kwargs = dict(self.kwargs)
            if self.reports:
                kwargs["progress"] = lambda done, total, label="": self.signals.progress.emit(done, total, label)
                kwargs["cancelled"] = self.is_cancelled
            if self.streams:
                kwargs["emit"] = self.signals.partial.emit
            result = self.fn(*self.args, **kwargs)
        except Exception as exc:  # reported to the GUI thread, never swallowed
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.errored.emit(exc)
        else:
            self.signals.returned.emit(result)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Owns the pools; keeps running tasks alive until they finish."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def start(self, task: Task, write: bool = True) -> Task:
        self._running.add(task)
        task.signals.finished.connect(lambda: self._running.discard(task))
        (self.writes if write else self.reads).start(task)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        return self.writes.waitForDone(msecs) and self.reads.waitForDone(msecs)

    def running(self) -> int:
        return len(self._running)


class LatestOnly(QObject):
    """Runs read-only core functions on the runner's read pool and delivers only the result
    of the most recent start (older ones are cancelled and their results dropped).  Without a
    runner the function runs at once on the calling thread."""

    returned = Signal(object)
    errored = Signal(object)
    progress = Signal(int, int, str)
    cancelled = Signal()
    partial = Signal(object)

    def __init__(self, runner: TaskRunner | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._task: Task | None = None

    def start(self, fn: Callable[..., Any], *args: Any, reports: bool = False, streams: bool = False,
              **kwargs: Any) -> None:
        if self._task is not None:
            self._task.cancel()
        if self.runner is None:
            self._task = None
            try:
                if streams:
                    kwargs["emit"] = self.partial.emit
                result = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001  (reported like a worker's error)
                self.errored.emit(exc)
            else:
                self.returned.emit(result)
            return
        task = Task(fn, *args, reports=reports, streams=streams, **kwargs)
        task.signals.returned.connect(self._on_task_returned)
        task.signals.partial.connect(self._on_task_partial)
        task.signals.errored.connect(self._on_task_errored)
        task.signals.progress.connect(self._on_task_progress)
        self._task = task
        self.runner.start(task, write=False)

    def busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """Cancel the running job; its result will not be delivered."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.cancelled.emit()

    def _current(self) -> bool:
        return self._task is not None and self.sender() is self._task.signals

    @Slot(object)
    def _on_task_returned(self, result: object) -> None:
        if self._current():
            self._task = None
            self.returned.emit(result)

    @Slot(object)
    def _on_task_partial(self, batch: object) -> None:
        if self._current():
            self.partial.emit(batch)

    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, label: str) -> None:
        if self._current():
            self.progress.emit(done, total, label)

    @Slot(object)
    def _on_task_errored(self, exc: object) -> None:
        if self._current():
            self._task = None
            self.errored.emit(exc)
