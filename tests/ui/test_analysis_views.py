"""The issue-15 views on the seeds, alone and inside the main window: timeline chart and table,
word list, keyness, collocations, phrase lists, reprints, variables (undoable edits), the
reader's reprint line, and "code every occurrence" with review and one-step undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.analysis import phrases, variables
from reader.store.search import kwic
from ui.tasks import TaskRunner

WAIT = 30000


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
    w.show()
    yield w
    w.runner.wait(10000)


def test_timeline_view_draws_the_kwic_counts(qtbot, qtmodeltester, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    from ui.timeline_view import TimelineView

    arts = corpus.articles()
    for n, a in enumerate(arts):
        variables.set_variable([a.id], "date", f"2024-0{1 + n % 3}-15")
    view = TimelineView(corpus, runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.results_ready, timeout=WAIT):
        view.show_timeline("query", "巡察", "month")
    qtmodeltester.check(view.model)
    counts = [r["count"] for r in view.model.records()]
    assert sum(counts) == len(kwic("巡察", limit=None))
    periods, series = view.chart.periods(), view.chart.series()
    assert periods == ["2024-01", "2024-02", "2024-03"] and sum(series[0][1]) == sum(counts)
    view.measure_combo.setCurrentIndex(1)  # articles instead of mentions
    assert sum(view.chart.series()[0][1]) == sum(r["articles"] for r in view.model.records())
    with qtbot.waitSignal(view.results_ready, timeout=WAIT):
        view.show_timeline("query", "巡察", "month", split="headline")
    assert {s for s, _ in view.chart.series()} <= {"headline", "body"}
    with qtbot.waitSignal(view.period_requested, timeout=WAIT) as blocker:
        view.table.doubleClicked.emit(view.table.model().index(0, 0))
    assert blocker.args == ["巡察", "2024-01-01", "2024-01-31"]


def test_word_list_keyness_and_collocations_views(qtbot, corpus, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.collocations_view import CollocationsView
    from ui.keyness_view import KeynessView
    from ui.words_view import WordsView

    words = WordsView(corpus, runner)
    qtbot.addWidget(words)
    with qtbot.waitSignal(words.results_ready, timeout=WAIT):
        words.run()
    shown = [r["word"] for r in words.model.records()]
    assert "巡察" in shown and "的" not in shown  # stop words hidden by default
    assert words.chart.bars()[0][1] == max(r["count"] for r in words.model.records())
    path = tmp_path / "words.csv"
    assert words.export_csv(str(path)) == len(shown)
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == "word,count,articles"

    keyness = KeynessView(corpus, runner)
    qtbot.addWidget(keyness)
    source = corpus.articles()[0].source
    with qtbot.waitSignal(keyness.results_ready, timeout=WAIT):
        keyness.compare(f"source={source}")
    rows = keyness.model.records()
    assert rows and rows[0]["ll"] == max(r["ll"] for r in rows)
    keyness.target_edit.setText("since=someday")
    keyness.run()
    assert "since=someday" in keyness.status.text()

    col = CollocationsView(corpus, runner)
    qtbot.addWidget(col)
    with qtbot.waitSignal(col.results_ready, timeout=WAIT):
        col.show_collocates("巡察")
    assert col.model.records() and all(r["count"] >= 2 for r in col.model.records())


def test_phrase_lists_view(qtbot, corpus, runner) -> None:  # type: ignore[no-untyped-def]
    from ui.phrases_view import PhrasesView

    phrases.create_list("提法")
    view = PhrasesView(corpus, runner)
    qtbot.addWidget(view)
    view.reload("提法")
    with qtbot.waitSignal(view.results_ready, timeout=WAIT):
        view.add_phrase("提法", "常态化巡察 / 巡察常态化")
    summary = view.summary_model.records()
    assert summary[0]["phrase"] == "常态化巡察" and summary[0]["hits"] == view.kwic_model.rowCount() > 0
    with qtbot.waitSignal(view.passage_requested, timeout=WAIT) as blocker:
        view.kwic.doubleClicked.emit(view.kwic_model.index(0, 1))
    line = view.kwic_model.line(0)
    assert blocker.args == [line.article_id, line.start, line.end]


def test_variables_edits_are_undoable_and_reprints_show_in_reader(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    views = window.analysis_views
    view = views.show_view("variables")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT)
    ids = [r["article"] for r in view.model.records()][:3]
    assert views.set_variable(ids, "region", "娄底")
    assert set(variables.variable_of("region", ids).values()) == {"娄底"}
    qtbot.waitUntil(lambda: "region" in view.model.COLUMNS, timeout=WAIT)
    window.undo_stack.undo()
    assert set(variables.variable_of("region", ids).values()) == {None}
    window.undo_stack.redo()
    assert set(variables.variable_of("region", ids).values()) == {"娄底"}
    # the reader's "also printed in": make article 2 a reprint of article 1
    from reader.analysis import reprints
    from reader.store.models import Article

    first, second = window.corpus.articles()[:2]
    text = window.corpus.article(first.id).text
    Article.update(text=text, chars=len(text)).where(Article.id == second.id).execute()
    reprints.cluster(0.8)
    window.open_article(second.id)
    qtbot.waitUntil(lambda: views.reprint_bar.isVisible(), timeout=WAIT)
    assert f"article:{first.id}" in views.reprint_bar.text()
    with qtbot.waitSignal(views.reprint_bar.article_requested, timeout=WAIT) as blocker:
        views.reprint_bar.linkActivated.emit(f"article:{first.id}")
    assert blocker.args == [first.id]
    rep = views.show_view("reprints")
    qtbot.waitUntil(lambda: rep.clusters_model.rowCount() >= 1, timeout=WAIT)


def test_code_every_occurrence_review_and_one_step_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.analysis_views.open_autocode()
    qtbot.addWidget(dialog)
    dialog.set_request("query", "李彦文", "人物")
    with qtbot.waitSignal(dialog.proposals_ready, timeout=WAIT):
        dialog.propose()
    assert dialog.model.rowCount() == 4 and len(dialog.model.chosen()) == 4
    dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(dialog.model.chosen()) == 3
    assert dialog.write() == 3
    assert len(window.corpus.annotations()) == 3
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.corpus.annotations() == []
    assert "人物" not in {t.name for t in window.corpus.tags()}  # the tag came with the step
    window.undo_stack.redo()
    assert len(window.corpus.annotations()) == 3


def test_kwic_lines_can_be_coded(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    kwic_view = window.corpus_views.kwic
    with qtbot.waitSignal(kwic_view.results_ready, timeout=WAIT):
        kwic_view.show_concordance("利剑")
    window.analysis_views.kwic_code_action.trigger()
    dialog = window.analysis_views.autocode_dialog
    qtbot.addWidget(dialog)
    dialog.tag_combo.setCurrentText("利剑")
    with qtbot.waitSignal(dialog.proposals_ready, timeout=WAIT):
        dialog.propose()
    assert dialog.model.rowCount() == kwic_view.model.rowCount() > 0


def test_timeline_period_opens_its_concordance(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    views = window.analysis_views
    arts = window.corpus.articles()
    variables.set_variable([a.id for a in arts[:2]], "date", "2024-01-15")
    variables.set_variable([a.id for a in arts[2:]], "date", "2024-02-15")
    view = views.show_view("timeline")
    with qtbot.waitSignal(view.results_ready, timeout=WAIT):
        view.show_timeline("query", "巡察", "month")
    kwic_view = window.corpus_views.kwic
    with qtbot.waitSignal(kwic_view.results_ready, timeout=WAIT):
        view.table.doubleClicked.emit(view.table.model().index(0, 0))
    first = view.model.records()[0]
    assert kwic_view.filter_bar.since_edit.text() == f"{first['period']}-01"
    assert kwic_view.model.rowCount() == first["count"]
