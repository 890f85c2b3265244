"""Team coding in the window: choosing and switching the coder (title bar, preferences), showing
some coders in their colours, side-by-side curation into a consensus coder, merging another
coder's corpus and agreement, each undoable where it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from reader.corpus import Change, Corpus
from ui.main_window import MainWindow
from ui.settings import Settings

TITLE = "利剑高悬显锋芒"


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus, Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.runner.wait(10000)
    win.close()
    corpus.close()


def _open(win: MainWindow) -> int:
    art = next(a for a in win.corpus.articles() if a.display_title == TITLE)
    win.open_article(art.id)
    return art.id


def _code(win: MainWindow, article: int, coder: str, spans: list[tuple[str, int, list[str]]]) -> None:
    """As ``coder``, annotate each (quote, extra characters, tags) of the article."""
    text = win.corpus.article(article).text
    for quote, extra, tags in spans:
        start = text.index(quote)
        win.corpus.annotate(article, start, start + len(quote) + extra, tags=tags, author=coder)
    win.apply(Change("annotations", (article,)))


def test_first_start_asks_who_is_coding_and_the_title_shows_it(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    team = window.team
    assert not window.settings.coder_name
    monkeypatch.setenv("PIZHU_CODER", "环境里的名字")
    assert team.coder_dialog(first_start=True).name() == "环境里的名字"  # offered, not imposed
    monkeypatch.delenv("PIZHU_CODER")
    monkeypatch.delenv("PIZHU_AUTHOR", raising=False)
    dialog = team.coder_dialog(first_start=True)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # a name is needed
    dialog.name_combo.setEditText(" 张三 ")
    dialog.color_button.set_color("#2ca02c")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    team.set_coder(dialog.name(), dialog.color())
    assert "张三" in window.windowTitle() and "张三" in team.coder_button.text()
    assert (window.settings.coder_name, window.settings.coder_color) == ("张三", "#2ca02c")
    aid = _open(window)
    window.corpus.annotate(aid, 0, 4, tags=["问责"])
    assert all(a.coder == "张三" for a in window.corpus.annotations(aid))
    assert window.corpus.coder("张三").color == "#2ca02c"


def test_switching_coder_in_the_preferences(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.preferences import PreferencesDialog

    window.team.set_coder("张三", "#1f77b4")
    dialog = PreferencesDialog(window.settings, window)
    dialog.author_edit.setText("李四")
    dialog.color_button.set_color("#d62728")
    dialog.accept()
    window.changed.emit(Change("coders"))  # what the window does after OK
    assert window.corpus.coder_name == "李四"
    assert "李四" in window.windowTitle()
    aid = _open(window)
    window.corpus.annotate(aid, 0, 3)
    assert window.corpus.annotations(aid)[0].coder == "李四"
    assert window.corpus.coder("李四").color == "#d62728"


def test_the_reader_shows_one_several_or_all_coders_in_their_colours(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    window.corpus.set_coder("张三", "#1f77b4")
    window.corpus.set_coder("李四", "#d62728")
    _code(window, aid, "张三", [("巡察", 4, ["巡察"])])
    _code(window, aid, "李四", [("巡察", 2, ["巡察"]), ("利剑", 2, ["问责"])])
    view, team = window.view, window.team
    shown = [a for a in view.annotations if view.shown(a)]
    assert {a.coder for a in shown} == {"张三", "李四"}
    assert {view.annotation_color(a) for a in shown} == {"#1f77b4", "#d62728"}  # each in their own colour
    team.show_coders({"李四"})
    shown = [a for a in view.annotations if view.shown(a)]
    assert {a.coder for a in shown} == {"李四"} and len(shown) == 2
    tag_colors = {t.name: t.color for t in window.corpus.tags()}
    assert {view.annotation_color(a) for a in shown} == {tag_colors["巡察"], tag_colors["问责"]}  # one coder: tags
    team.by_coder_action.setChecked(True)
    assert {view.annotation_color(a) for a in shown} == {"#d62728"}
    assert "李四" in view.describe(shown[0].start) and "张三" not in view.describe(shown[0].start)
    team.show_coders(None)
    assert len([a for a in view.annotations if view.shown(a)]) == 3
    assert window.settings.visible_coders is None


def test_side_by_side_curation_writes_an_undoable_consensus(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    _code(window, aid, "张三", [("巡察", 4, ["巡察"]), ("诫勉谈话", 0, ["问责"]), ("整改", 2, ["整改"])])
    _code(window, aid, "李四", [("巡察", 4, ["巡察"]), ("诫勉谈话", 2, ["问责"]), ("利剑", 2, ["问责"])])
    dialog = window.team.open_side_by_side(aid, "张三", "李四")
    qtbot.addWidget(dialog)
    assert dialog.coders() == ("张三", "李四")
    comparison = dialog.comparison
    assert len(comparison.agreements) == 1
    kinds = [d.kind for d in comparison.differences]
    assert kinds == ["only-b", "span", "only-a"]  # 利剑 (B only), 诫勉谈话 extent, 整改 (A only)
    assert dialog.table.rowCount() == 3
    first = comparison.differences[0]
    assert first.start in range(0, 10) and dialog.a_view.differences  # shaded in both columns
    assert [s[:2] for s in dialog.a_view.differences] == [(d.start, d.end) for d in comparison.differences]
    assert dialog.a_view.verticalScrollBar().maximum() == dialog.b_view.verticalScrollBar().maximum()
    dialog.select_difference(0)
    dialog.decide_current("b")  # keep 李四's 利剑; moves on to the next difference
    assert dialog.current_index() == 1
    dialog.decide_current("a")  # 张三's extent of 诫勉谈话
    dialog.decide(2, "neither")
    assert dialog.table.item(0, 3).text() == "B's"
    dialog.grab().save(str(tmp_path / "side_by_side.png"))
    dialog.write_button.click()
    consensus = sorted((a.quote, a.tags) for a in window.corpus.annotations(aid) if a.coder == "consensus")
    text = window.corpus.article(aid).text
    quote = lambda q, extra: text[text.index(q):text.index(q) + len(q) + extra]  # noqa: E731
    assert consensus == sorted([(quote("巡察", 4), ("巡察",)), (quote("诫勉谈话", 0), ("问责",)),
                                (quote("利剑", 2), ("问责",))])
    assert "consensus has 3" in dialog.summary.text()
    window.undo_stack.undo()
    assert not [a for a in window.corpus.annotations(aid) if a.coder == "consensus"]
    assert "consensus has 0" in dialog.summary.text()
    window.undo_stack.redo()
    assert len([a for a in window.corpus.annotations(aid) if a.coder == "consensus"]) == 3


def test_merge_from_the_window_is_one_undo_step(qtbot, seeded_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    theirs = tmp_path / "theirs.sqlite3"
    shutil.copyfile(seeded_path, theirs)
    other = Corpus(theirs, coder="李四")
    art = other.articles()[0].id
    other.annotate(art, 0, 4, tags=["新码"])
    other.annotate(art, 5, 9, tags=["问责"])
    other.close()
    corpus = Corpus(seeded_path)
    window = MainWindow(corpus, Settings())
    qtbot.addWidget(window)
    window.show()
    aid = _open(window)
    corpus.annotate(aid, 0, 4, tags=["问责"], author="张三")
    before = [(a.id, a.coder, a.start, a.end, a.tags) for a in corpus.annotations()]
    window.team.merge(str(theirs))
    qtbot.waitUntil(lambda: window.team.last_merge is not None, timeout=20000)
    assert window.team.last_merge.to_json()["annotations_added"] == 2
    assert {a.coder for a in corpus.annotations()} == {"张三", "李四"}
    assert {a.coder for a in window.view.annotations} == {"张三", "李四"}  # the reader was refreshed
    assert window.undo_stack.undoText() == "Merge"
    window.undo_stack.undo()
    assert [(a.id, a.coder, a.start, a.end, a.tags) for a in corpus.annotations()] == before
    assert corpus.tag_by_name("新码") is None and corpus.coder("李四") is None
    window.undo_stack.redo()
    assert {a.coder for a in corpus.annotations()} == {"张三", "李四"}
    assert corpus.tag_by_name("新码") is not None
    window.runner.wait(10000)
    window.close()
    corpus.close()


def test_agreement_dialog_computes_per_tag_and_article(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    _code(window, aid, "张三", [("巡察", 4, ["巡察"])])
    _code(window, aid, "李四", [("巡察", 4, ["巡察"]), ("利剑", 2, ["问责"])])
    dialog = window.team.open_agreement()
    qtbot.addWidget(dialog)
    dialog.set_chosen_coders(["张三", "李四"])
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.tag_table.rowCount() == 3  # overall + two tags
    rows = {dialog.tag_table.item(r, 0).text(): r for r in range(dialog.tag_table.rowCount())}
    assert dialog.tag_table.item(rows["巡察"], 1).text() == "1.000"
    assert dialog.article_table.rowCount() == 1
    with qtbot.waitSignal(dialog.compare_requested) as blocker:
        dialog.article_table.cellDoubleClicked.emit(0, 0)
    assert blocker.args == [aid, "张三", "李四"]


def test_side_by_side_steps_through_the_articles_either_coder_coded(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    arts = [a.id for a in window.corpus.articles()]
    window.corpus.annotate(arts[2], 0, 4, tags=["问责"], author="张三")
    window.corpus.annotate(arts[5], 0, 4, tags=["问责"], author="李四")
    window.corpus.annotate(arts[7], 0, 4, tags=["问责"], author="王五")
    dialog = window.team.open_side_by_side(arts[2], "张三", "李四")
    qtbot.addWidget(dialog)
    assert dialog.coded_articles() == [arts[2], arts[5]]
    dialog.decide(0, "a")
    dialog.next_button.click()
    assert dialog.article_id == arts[5] and dialog.decisions == {}
    assert [d.kind for d in dialog.comparison.differences] == ["only-b"]
    assert window.corpus.article(arts[5]).display_title in dialog.title_label.text()
    dialog.next_button.click()
    assert dialog.article_id == arts[5]  # the last one
    dialog.step_article(-1)
    assert dialog.article_id == arts[2]
