"""Search, concordance and entity index views on the seeds, alone and inside the main window."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.analysis import entity_index as ei
from reader.corpus import Change
from ui.entity_index_view import EntityIndexModel, EntityIndexView
from ui.kwic_view import KwicView
from ui.search_view import (
    ArticleIdRole,
    HitsRole,
    SearchView,
    SpanRole,
    highlight_html,
)
from ui.tasks import TaskRunner

WAIT = 20000
LI_TITLES = {"利剑高悬显锋芒", "真抓实干绘就平安娄星新图景", "党支部建在最前沿"}


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.wait(10000)


@pytest.fixture
def window(qtbot, corpus):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(corpus)
    qtbot.addWidget(w)
    w.resize(1400, 1000)
    w.show()
    yield w
    w.runner.wait(10000)


def click_row(qtbot, table, row: int, column: int = 0) -> None:  # type: ignore[no-untyped-def]
    index = table.model().index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_highlight_is_by_code_point_even_after_astral_characters() -> None:
    html = highlight_html("𠮷<李彦文>", [(2, 5)])
    assert html == '𠮷&lt;<span style="color:#c92a2a;font-weight:600;">李彦文</span>&gt;'


def test_search_view_ranks_articles_and_highlights_hits(qtbot, qtmodeltester, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus, runner)
    qtbot.addWidget(view)
    view.set_query("李彦文")
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.run_search()
    assert blocker.args == [3]
    model = view.model
    qtmodeltester.check(model)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert set(titles) == LI_TITLES
    assert titles[0] == "党支部建在最前沿"  # two hits rank first
    for row in range(model.rowCount()):
        snippet = model.index(row, 3)
        shown = snippet.data()
        spans = snippet.data(HitsRole)
        assert spans and all(shown[s:e] == "李彦文" for s, e in spans)
        article_id = snippet.data(ArticleIdRole)
        start, end = snippet.data(SpanRole)
        assert corpus.article(article_id).text[start:end] == "李彦文"
    view.resize(900, 300)
    view.show()
    with qtbot.waitSignal(view.passage_requested, timeout=WAIT) as opened:
        click_row(qtbot, view.table, 1, 3)
    article_id, start, end = opened.args
    assert corpus.article(article_id).text[start:end] == "李彦文"


def test_search_filters_boolean_and_bad_regex(qtbot, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    view = SearchView(corpus, runner)
    qtbot.addWidget(view)
    source = view.source_combo.findData("004_36ca30944805ef42.txt")
    assert source > 0
    view.source_combo.setCurrentIndex(source)
    view.set_query("李彦文")
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.run_search()
    assert blocker.args == [1]
    assert view.model.index(0, 0).data() == "党支部建在最前沿"
    view.source_combo.setCurrentIndex(0)
    view.set_query("李彦文 NOT 刘志刚")
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.run_search()
    assert blocker.args == [2]
    view.set_query("李彦文(", regex=True)
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.run_search()
    assert blocker.args == [0] and "regular expression" in view.status.text()


def test_kwic_view_aligns_sorts_exports_and_opens(qtbot, qtmodeltester, corpus, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = KwicView(corpus, runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.show_concordance("巡察")
    assert blocker.args == [180]  # every occurrence in the raw seeds (none lost by the parser)
    model = view.model
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignLeft)
    view.sort_by("left")
    lefts = [model.line(r).left for r in range(model.rowCount())]
    assert lefts == sorted(lefts, key=lambda s: s[::-1])
    view.sort_by("right", descending=True)
    rights = [model.line(r).right for r in range(model.rowCount())]
    assert rights == sorted(rights, reverse=True)
    qtmodeltester.check(model)
    out = tmp_path / "kwic.csv"
    assert view.export_csv(str(out)) == 180
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["article_id", "title"] and len(rows) == 181
    assert {r[5] for r in rows[1:]} == {"巡察"}
    view.resize(1000, 400)
    view.show()
    with qtbot.waitSignal(view.passage_requested, timeout=WAIT) as opened:
        click_row(qtbot, view.table, 3, 1)
    article_id, start, end = opened.args
    assert corpus.article(article_id).text[start:end] == "巡察"


def test_kwic_of_an_entity_and_of_a_tag(qtbot, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    first = next(a for a in corpus.articles() if a.display_title == "利剑高悬显锋芒")
    corpus.annotate_quote(first.id, "常态化巡察", tags=["巡察"])
    view = KwicView(corpus, runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.show_concordance("李彦文", kind="entity")
    assert blocker.args == [4]
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.show_concordance("巡察", kind="tag")
    assert blocker.args == [1] and view.model.line(0).match == "常态化巡察"
    ei.add_alias("娄星区", "娄底市娄星区")  # an entity's concordance follows its aliases
    expected = len(ei.occurrences("娄底市娄星区"))
    with qtbot.waitSignal(view.results_ready, timeout=WAIT) as blocker:
        view.show_concordance("娄星区", kind="entity")
    assert blocker.args == [expected]
    assert {view.model.line(r).match for r in range(view.model.rowCount())} >= {"娄星区", "娄底市娄星区"}


def test_entity_index_model_and_occurrences(qtbot, qtmodeltester, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    model = EntityIndexModel()
    model.load()
    qtmodeltester.check(model)
    model.sort(0)  # by name, in SQL
    names = [model.entry(r).name for r in range(model.rowCount())]
    assert names == sorted(names)
    qtmodeltester.check(model)
    view = EntityIndexView(corpus, runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.entries_ready, timeout=WAIT):
        view.refresh()
    with qtbot.waitSignal(view.occurrences_ready, timeout=WAIT) as blocker:
        assert view.select_entry("李彦文", "PER")
    assert blocker.args == [4]
    qtmodeltester.check(view.occurrences)
    row = view.table.selectionModel().selectedRows()[0].row()
    tooltip = view.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "党支部建在最前沿" in tooltip.splitlines()
    view.filter_edit.setText("娄星")  # filtered in SQL, over names and variants
    names = {view.model.index(r, 0).data() for r in range(view.model.rowCount())}
    assert {"娄星区", "娄底市娄星区"} <= names and "永州" not in names
    view.type_combo.setCurrentIndex(view.type_combo.findData("PER"))
    assert view.model.rowCount() == 0
    view.filter_edit.setText("")
    assert {view.model.entry(r).type for r in range(view.model.rowCount())} == {"PER"}
    assert view.select_entry("李彦文", "PER") and view.selected_entries()[0].name == "李彦文"


def test_window_wires_views_refreshes_and_merges(qtbot, window, corpus) -> None:  # type: ignore[no-untyped-def]
    views = window.corpus_views
    labels = [a.text().replace("&", "") for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]
    assert any("Search corpus" in label for label in labels) and any("Statistics" in label for label in labels)

    # a search result opens the passage in the reader with the hit selected
    views.show_view(views.search)
    views.search.set_query("工作大局")  # spans a column break re-joined by the parser
    with qtbot.waitSignal(views.search.results_ready, timeout=WAIT) as blocker:
        views.search.run_search()
    assert blocker.args == [1]
    views.search.open_row(0)
    assert window.view.article.display_title == "利剑高悬显锋芒"
    start, end = window.view.selected_range()
    assert window.view.article.text[start:end] == "工作大局"

    # F3 / Shift+F3 step through the hits of the opened result
    views.search.set_query("李彦文")
    with qtbot.waitSignal(views.search.results_ready, timeout=WAIT):
        views.search.run_search()
    views.search.open_row(0)  # 党支部建在最前沿: two hits
    first = window.view.selected_range()
    views.actions["next_hit"].trigger()
    second = window.view.selected_range()
    assert second != first and window.view.article.text[second[0]:second[1]] == "李彦文"
    views.actions["next_hit"].trigger()
    assert window.view.selected_range() == first  # wraps around
    views.actions["prev_hit"].trigger()
    assert window.view.selected_range() == second

    # a concordance line opens its passage too
    views.search.set_query("李彦文")
    with qtbot.waitSignal(views.kwic.results_ready, timeout=WAIT):
        views.search.kwic_button.click()
    assert views.panel.current_view() is views.kwic
    views.kwic.open_row(3)
    line = views.kwic.model.line(3)
    assert window.current_article_id == line.article_id
    assert window.view.selected_range() == (line.start, line.end)

    # the entity index merges variants through the window's change signal
    with qtbot.waitSignal(views.entities.entries_ready, timeout=WAIT):
        views.show_view(views.entities)
    before = {(e.name, e.type): e.mentions for e in views.entities.model.entries()}
    views.entities.filter_edit.setText("娄星区")
    table = views.entities.table
    for row in range(views.entities.model.rowCount()):
        entry = views.entities.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 10)
        if entry.type == "LOC" and entry.name in ("娄星区", "娄底市娄星区"):
            table.selectionModel().select(views.entities.model.index(row, 0),
                                          table.selectionModel().SelectionFlag.Select
                                          | table.selectionModel().SelectionFlag.Rows)
    assert len(views.entities.selected_entries()) == 2
    with qtbot.waitSignal(views.entities.entries_ready, timeout=WAIT):
        assert views.entities.merge_selected("娄底市娄星区")
    after = {(e.name, e.type): e.mentions for e in views.entities.model.entries()}
    assert after[("娄底市娄星区", "LOC")] == before[("娄星区", "LOC")] + before[("娄底市娄星区", "LOC")]
    assert ("娄星区", "LOC") not in after
    assert [(a.alias, a.canonical) for a in ei.aliases()] == [("娄星区", "娄底市娄星区")]
    window.grab().save(str(Path("/tmp") / "pizhu_entity_index.png"))
    assert views.entities.select_entry("娄底市娄星区", "LOC")
    with qtbot.waitSignal(views.entities.entries_ready, timeout=WAIT):
        assert views.entities.split_selected()
    assert ei.aliases() == []
    split = {(e.name, e.type): e.mentions for e in views.entities.model.entries()}
    assert split[("娄星区", "LOC")] == before[("娄星区", "LOC")]

    # annotations change: the tag filter learns the new tag; the open search re-runs only when
    # a filter in use reads what changed (a tag filter reads annotations)
    views.show_view(views.search)
    ann = corpus.annotate_quote(window.current_article_id, "李彦文", tags=["人物"])
    with qtbot.assertNotEmitted(views.search.results_ready, wait=200):
        window.apply(Change("annotations", (ann.article_id,), (ann.id,)))
    assert views.search.tag_combo.findData("人物") > 0
    views.search.tag_combo.setCurrentIndex(views.search.tag_combo.findData("人物"))
    with qtbot.waitSignal(views.search.results_ready, timeout=WAIT) as blocker:
        views.search.run_search()
    assert blocker.args == [1]
    again = corpus.annotate_quote(window.current_article_id, "李彦文", tags=["人物"])
    with qtbot.waitSignal(views.search.results_ready, timeout=WAIT) as blocker:
        window.apply(Change("annotations", (again.article_id,), (again.id,)))
    assert blocker.args == [1]
    window.grab().save("/tmp/pizhu_search.png")


def test_ctrl_shift_f_shows_search_with_the_selected_words(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    views = window.corpus_views
    views.panel.dismiss()
    window.open_first_article()
    text = window.view.article.text
    start = text.index("巡察")
    window.view.select_range(start, start + 2)
    views.actions["search"].trigger()
    assert views.panel.isVisible() and views.panel.current_view() is views.search
    assert views.search.query_edit.text() == "巡察"
    views._on_window_search_requested("李彦文")  # a signal that carries the text also works
    assert views.search.query_edit.text() == "李彦文"
