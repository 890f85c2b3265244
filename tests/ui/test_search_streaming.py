"""The search view runs scans (regex) off the GUI thread, shows hits as they stream in, ranks
them when done, and can be stopped; a catastrophic pattern never freezes the window."""

from __future__ import annotations

import pytest

from reader.store.models import Article, SourceFile
from ui.search_view import SearchView
from ui.tasks import TaskRunner

WAIT = 30000


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.wait(20000)


def test_regex_results_stream_in_then_rank(qtbot, qtmodeltester, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus, runner)
    qtbot.addWidget(view)
    batches: list[int] = []
    view.jobs.partial.connect(lambda batch: batches.append(len(batch)))
    view.set_query("李彦文|巡察", regex=True)
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as done:
        view.run_search()
    assert batches and done.args[0] == view.model.rowCount() > 3
    qtmodeltester.check(view.model)
    counts = [int(view.model.index(r, 1).data()) for r in range(view.model.rowCount())]
    assert counts == sorted(counts, reverse=True)  # ranked once the scan finished
    assert not view.stop_button.isVisible()


def test_a_catastrophic_pattern_can_be_stopped(qtbot, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    src = SourceFile.create(name="slow.txt", path="slow", sha256="1" * 64, size=1, encoding="utf-8")
    for i in range(3):
        Article.create(source=src, position=i, display_title=f"慢{i}", text="a" * 40 + "b", chars=41)
    view = SearchView(corpus, runner)
    qtbot.addWidget(view)
    view.show()
    view.set_query("(a|aa)+$", regex=True)
    view.run_search()
    assert view.stop_button.isVisible() and view.jobs.busy()  # the GUI thread is not blocked
    with qtbot.waitSignal(view.results_ready, timeout=WAIT):
        view.stop_button.click()
    assert not view.jobs.busy() and "Stopped" in view.status.text()
