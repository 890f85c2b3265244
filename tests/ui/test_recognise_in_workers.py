"""Entities ▸ Recognise entities again from the window: the recognition runs in a worker process
(not a thread of the GUI process), the window's task shows progress and can be cancelled."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from reader.coding import corrections
from reader.recognise_work import JOBS_ENV
from reader.store.models import Article
from ui.main_window import MainWindow


def test_recognising_again_runs_in_a_worker_process(qtbot, seeded_window: MainWindow,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "1")
    window = seeded_window
    steps: list[int] = []
    with qtbot.waitSignal(window.entity_tools.entities_refreshed, timeout=120000) as blocker:  # type: ignore[attr-defined]
        task = window.entity_tools.refresh(everything=True)  # type: ignore[attr-defined]
        task.signals.progress.connect(lambda done, _total, _label: steps.append(done))
    change = blocker.args[0]
    assert len(change.article_ids) == Article.select().count()
    pids = window.corpus.last_recognition.worker_pids
    assert pids and os.getpid() not in pids
    assert steps and steps == sorted(steps)
    qtbot.waitUntil(lambda: multiprocessing.active_children() == [], timeout=10000)


def test_cancelling_stops_the_worker_and_leaves_the_rest_for_later(qtbot, seeded_window: MainWindow,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "1")
    window = seeded_window
    with qtbot.waitSignal(window.entity_tools.entities_refreshed, timeout=120000) as blocker:  # type: ignore[attr-defined]
        task = window.entity_tools.refresh(everything=True)  # type: ignore[attr-defined]
        task.signals.progress.connect(lambda done, _total, _label: done >= 3 and task.cancel())
    change = blocker.args[0]
    total = Article.select().count()
    assert 0 < len(change.article_ids) < total
    assert len(corrections.entities_status(window.corpus).stale) == total - len(change.article_ids)
    qtbot.waitUntil(lambda: multiprocessing.active_children() == [], timeout=10000)
