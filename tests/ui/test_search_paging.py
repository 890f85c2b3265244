"""The search results are paged: the first page of ranked results and the exact total, then
the next pages as the table scrolls to its end (``canFetchMore``/``fetchMore``, rows inserted,
never a reset), under Qt's model tester."""

from __future__ import annotations

import pytest

from reader.corpus import Change, Corpus
from ui import search_view
from ui.search_view import SearchView


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(search_view, "PAGE", 4)
    return 4


def test_results_are_read_a_page_at_a_time(qtbot, qtmodeltester, corpus: Corpus, small_pages: int) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus)  # no runner: the jobs run at once
    qtbot.addWidget(view)
    view.set_query("的")
    view.run_search()
    model = view.model
    assert model.rowCount() == small_pages < model.total
    assert model.canFetchMore()
    assert "scroll for more" in view.status.text()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.fetchMore()
    assert inserted == [(small_pages, 2 * small_pages - 1)] and model.pages == 1
    while model.canFetchMore():
        model.fetchMore()
    ids = [model.hit(r).article_id for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == model.total  # every match once, in pages
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_scrolling_the_table_asks_for_the_next_page(qtbot, corpus: Corpus, small_pages: int) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_query("的")
    view.run_search()
    qtbot.waitUntil(lambda: view.model.pages >= 1)  # the view filled its height by asking for pages
    assert view.model.rowCount() > small_pages


def test_a_change_reruns_the_search_only_when_it_can_change_the_results(qtbot, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus)
    qtbot.addWidget(view)
    view.set_query("的")
    view.run_search()
    first = view.model.hit(0).article_id
    for change in (Change("articles", (first,)), Change("annotations", (first,), (1,)), Change("entities", (first,))):
        with qtbot.assertNotEmitted(view.results_ready, wait=50):
            view.on_corpus_changed(change)
    with qtbot.waitSignal(view.results_ready, timeout=5000):
        view.on_corpus_changed(Change("articles"))  # an ingest: the results may differ
