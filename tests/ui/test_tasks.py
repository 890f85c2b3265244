"""The background-worker abstraction: results, errors, progress and cancel cross threads safely.

Also guards against a Qt binding that mishandles reference counts when signals are emitted from
worker threads (PySide6 6.12.0 dropped a reference to True per emit, crashing the app later)."""

from __future__ import annotations

import sys
import threading

from ui.tasks import Task, TaskRunner


def test_task_reports_progress_and_returns(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    seen: list[tuple[int, int, str]] = []

    def job(n: int, progress, cancelled) -> str:  # type: ignore[no-untyped-def]
        for i in range(n):
            progress(i, n, f"step {i}")
        return threading.current_thread().name

    task = Task(job, 5)
    task.signals.progress.connect(lambda d, t, label: seen.append((d, t, label)))
    with qtbot.waitSignal(task.signals.returned, timeout=10000) as blocker:
        runner.start(task)
    assert blocker.args[0] != threading.current_thread().name
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen[-1] == (4, 5, "step 4")
    runner.wait()


def test_task_errors_reach_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        raise ValueError("页面无法读取")

    task = Task(job)
    with qtbot.waitSignal(task.signals.errored, timeout=10000) as blocker:
        runner.start(task)
    assert isinstance(blocker.args[0], ValueError) and "页面无法读取" in str(blocker.args[0])
    runner.wait()


def test_cancel_is_seen_by_the_job(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    started = threading.Event()

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            pass
        return "stopped"

    task = Task(job)
    with qtbot.waitSignal(task.signals.returned, timeout=10000) as blocker:
        runner.start(task)
        assert started.wait(5)
        task.cancel()
    assert blocker.args[0] == "stopped"
    runner.wait()


def test_emitting_from_workers_keeps_reference_counts(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    count = 3000

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        for i in range(count):
            progress(i, count, "")
        return None

    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    task = Task(job)
    with qtbot.waitSignal(task.signals.finished, timeout=30000):
        runner.start(task)
    runner.wait()
    qtbot.wait(50)
    assert sys.getrefcount(True) - true_before > -100, "the Qt binding loses references on emit"
    assert sys.getrefcount(None) - none_before > -100, "the Qt binding loses references on emit"


def test_void_qt_calls_keep_the_reference_count_of_none(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor, QTextDocument

    document = QTextDocument("批注" * 100)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(3000):
        cursor.setPosition(i % 100)
    assert sys.getrefcount(None) - before > -100, "the Qt binding loses references to None"
