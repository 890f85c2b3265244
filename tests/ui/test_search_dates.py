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


def test_concordance_filters_by_page_tag_and_date(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    from ui.kwic_view import KwicView

    corpus.set_page_date("004_36ca30944805ef42.txt", dt.date(2024, 1, 26))
    runner = TaskRunner()
    view = KwicView(corpus, runner)
    qtbot.addWidget(view)
    view.query_edit.setText("李彦文")
    with qtbot.waitSignal(view.results_ready, timeout=20000) as blocker:
        view.run()
    assert blocker.args == [4]
    view.filter_bar.since_edit.setText("2024-01-01")
    with qtbot.waitSignal(view.results_ready, timeout=20000) as blocker:
        view.run()
    assert blocker.args == [2]
    assert {view.model.line(r).title for r in range(2)} == {"党支部建在最前沿"}
    view.filter_bar.since_edit.clear()
    view.filter_bar.source_combo.setCurrentIndex(view.filter_bar.source_combo.findData("000_2faa8fd91fc3cf26.txt"))
    with qtbot.waitSignal(view.results_ready, timeout=20000) as blocker:
        view.run()
    assert blocker.args == [1]
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("entity"))
    assert not view.filter_bar.isEnabled()
    runner.wait(10000)
