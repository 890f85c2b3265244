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

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    started = Signal()
    progress = Signal(int, int, str)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class Task(QRunnable):
    """A cancellable job. ``fn`` receives ``progress`` and ``cancelled`` keyword arguments
    when ``reports=True``."""

    def __init__(self, fn: Callable[..., Any], *args: Any, reports: bool = True, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs, self.reports = fn, args, kwargs, reports
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
