"""The concordance is paged: the first lines in document order, the next pages as the table
scrolls (``canFetchMore``/``fetchMore``, rows inserted, never a reset); a sort by a context
is paged too, by the core, which keeps only the lines up to the page; the CSV export writes
every line, under Qt's model tester."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.corpus import Change, Corpus
from reader.store import search
from ui import kwic_view
from ui.kwic_view import KwicView


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(kwic_view, "PAGE", 40)
    return 40


def test_lines_are_read_a_page_at_a_time(qtbot, qtmodeltester, corpus: Corpus, small_pages: int) -> None:  # type: ignore[no-untyped-def]
    every = search.kwic("的", limit=None)
    assert len(every) > 3 * small_pages
    view = KwicView(corpus)  # no runner: jobs run at once
    qtbot.addWidget(view)
    view.show_concordance("的")
    model = view.model
    assert model.rowCount() == small_pages and model.canFetchMore()
    assert "scroll for more" in view.status.text()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.fetchMore()
    assert inserted == [(small_pages, 2 * small_pages - 1)]
    while model.canFetchMore():
        model.fetchMore()
    assert model.lines() == every  # the pages join up in document order, nothing twice
    qtmodeltester.check(model)


def test_a_sort_by_context_is_paged_by_the_core(qtbot, qtmodeltester, corpus: Corpus, small_pages: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import concordance, kwic_pages

    scans: list[str] = []
    real = kwic_pages.iter_kwic
    monkeypatch.setattr(kwic_pages, "iter_kwic", lambda query, **kw: scans.append(query) or real(query, **kw))
    every = search.kwic("的", limit=None)
    view = KwicView(corpus)
    qtbot.addWidget(view)
    view.show_concordance("的")
    assert view.model.has_more()
    view.sort_by("right")
    expected = search.sort_kwic(every, "right")
    assert view.model.lines() == expected[:small_pages] and view.model.has_more()
    assert scans == ["的"]  # the first sorted page scanned the lines once
    view.model.fetchMore()
    assert view.model.lines() == expected[:2 * small_pages]
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert view.model.lines() == expected
    assert scans == ["的"]  # the later pages were cut from the kept order: no rescan
    qtmodeltester.check(view.model)
    view.sort_by("left", descending=True)  # every line read: sorted where it is
    assert view.model.lines() == sorted(expected, key=lambda k: k.left[::-1], reverse=True)
    view.show_concordance("的")  # a new concordance keeps the order the header shows
    left = concordance.kwic_sorted_in(None, "的", "left", descending=True, limit=small_pages)
    assert view.model.lines() == left and view.model.has_more()
    view.sort_by("position")
    assert view.model.lines() == every[:small_pages]


def test_export_writes_every_line_even_before_they_are_shown(qtbot, corpus: Corpus, small_pages: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = KwicView(corpus)
    qtbot.addWidget(view)
    view.show_concordance("的")
    assert view.model.rowCount() == small_pages
    path = tmp_path / "kwic.csv"
    written = view.export_csv(str(path))
    assert written == len(search.kwic("的", limit=None))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == written + 1


def test_scrolling_asks_for_pages_and_changes_rerun_only_when_they_matter(qtbot, corpus: Corpus, small_pages: int) -> None:  # type: ignore[no-untyped-def]
    view = KwicView(corpus)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_concordance("的")
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.pages >= 1)
    for change in (Change("annotations", (1,), (1,)), Change("entities", (1,)), Change("tags", (), (1,))):
        with qtbot.assertNotEmitted(view.results_ready, wait=50):
            view.on_corpus_changed(change)
    with qtbot.waitSignal(view.results_ready, timeout=5000) as blocker:
        view.on_corpus_changed(Change("articles"))
    assert blocker.args == [small_pages]  # read afresh: the first page again
    assert view.table.horizontalHeader().sortIndicatorSection() == 3
    assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
