"""The search view's date filter narrows results to pages published in the range."""

from __future__ import annotations

import datetime as dt

from ui.search_view import SearchView
from ui.tasks import TaskRunner


def test_date_filter_in_the_search_view(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    corpus.set_page_date("000_2faa8fd91fc3cf26.txt", dt.date(2021, 8, 10))
    runner = TaskRunner()
    view = SearchView(corpus, runner)
    qtbot.addWidget(view)
    view.set_query("李彦文")
    with qtbot.waitSignal(view.results_ready, timeout=20000) as blocker:
        view.run_search()
    assert blocker.args == [3]
    view.since_edit.setText("2021-01-01")
    view.until_edit.setText("2021-12-31")
    with qtbot.waitSignal(view.results_ready, timeout=20000) as blocker:
        view.run_search()
    assert blocker.args == [1] and view.model.index(0, 0).data() == "利剑高悬显锋芒"
    view.since_edit.setText("2021-99-01")
    view.run_search()
    assert "YYYY-MM-DD" in view.status.text()
    runner.wait(10000)
