"""The annotation workbench through the window: select, T, type, Enter; notes; undo/redo across
panes; orphans re-attached; article reading state; the corpus-wide annotations view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.corpus import Change, Corpus
from ui.main_window import MainWindow

TITLE = "利剑高悬显锋芒"


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    corpus.close()


def _open(win: MainWindow, title: str = TITLE) -> int:
    art = next(a for a in win.corpus.articles() if a.display_title == title)
    win.open_article(art.id)
    assert win.current_article_id == art.id
    return art.id


def _select(win: MainWindow, quote: str) -> tuple[int, int]:
    text = win.view.article.text
    start = text.index(quote)
    win.view.select_range(start, start + len(quote))
    win.view.setFocus()
    return start, start + len(quote)


def _pick(qtbot, win: MainWindow, typed: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win.view, Qt.Key.Key_T)
    picker = win.tag_picker
    qtbot.waitUntil(picker.isVisible)
    if typed.isascii():
        qtbot.keyClicks(picker.edit, typed)
    else:  # QTest cannot type CJK keys; an input method commits the text like this
        picker.edit.insert(typed)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert not picker.isVisible()


def test_select_press_t_type_enter_tags_the_passage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    window.workbench.create_tag("问责")
    window.workbench.create_tag("问题")
    start, end = _select(window, "诫勉谈话")
    _pick(qtbot, window, "wz")  # pinyin initials of 问责
    anns = window.corpus.annotations(aid)
    assert [(a.start, a.end, a.quote, a.tags, a.author) for a in anns] == [
        (start, end, "诫勉谈话", ("问责",), window.settings.author)
    ]
    assert window.panel.current_annotation_id() == anns[0].id
    # same passage, a second tag that does not exist yet: created and added
    _select(window, "诫勉谈话")
    _pick(qtbot, window, "整改落实")
    assert window.corpus.annotation(anns[0].id).tags == ("问责", "整改落实")
    assert window.corpus.tag_by_name("整改落实") is not None
    # one undo removes the tag from the annotation and the new tag itself
    window.undo_action.trigger()
    assert window.corpus.annotation(anns[0].id).tags == ("问责",)
    assert window.corpus.tag_by_name("整改落实") is None
    window.redo_action.trigger()
    assert window.corpus.annotation(anns[0].id).tags == ("问责", "整改落实")
    # an overlapping annotation is a new one; the view underlines both
    text = window.view.article.text
    s2 = text.index("诫勉谈话") - 2
    window.view.select_range(s2, s2 + 4)
    _pick(qtbot, window, "问题")
    assert len(window.corpus.annotations(aid)) == 2
    assert len(window.view.stripes) == 2 and {s.lane for s in window.view.stripes} == {0, 1}
    tip = window.view.describe(start)
    assert "问责" in tip and "问题" in tip


def test_picker_ranks_by_pinyin_and_offers_new_tag(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    for name in ("问责", "整改", "乡村振兴"):
        window.workbench.create_tag(name)
    _select(window, "诫勉谈话")
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    picker = window.tag_picker
    qtbot.waitUntil(picker.isVisible)
    assert set(picker.candidates()) == {"问责", "整改", "乡村振兴"}
    qtbot.keyClicks(picker.edit, "xc")
    assert picker.candidates()[0] == "乡村振兴"
    picker.edit.setText("zg")
    assert picker.candidates() == ["整改", "zg"]  # the last entry creates a new tag
    qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert window.corpus.annotations(window.current_article_id) == []


def test_keyboard_selection_with_shift_arrows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    text = window.view.article.text
    start = text.index("诫勉谈话")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view._positions.to_qt(start))
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    for _ in range(4):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selected_range() == (start, start + 4)
    _pick(qtbot, window, "新码")
    assert window.corpus.annotations(aid)[0].quote == "诫勉谈话"


def test_note_key_and_panel_edits_are_undoable(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    aid = _open(window)
    _select(window, "刘思聪")
    _pick(qtbot, window, "人物")
    ann_id = window.panel.current_annotation_id()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("党支部书记", True)))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    assert window.corpus.annotation(ann_id).note == "党支部书记"
    assert "党支部书记" in window.panel.list.currentItem().text()
    window.undo_action.trigger()
    assert window.corpus.annotation(ann_id).note == ""
    window.redo_action.trigger()
    # delete from the panel, undo from the Edit menu: the same annotation comes back
    before = window.corpus.annotation(ann_id)
    window.corpus_panel.show_view("annotations", focus=False)  # the corpus-wide view follows while shown
    window.panel.select_annotation(ann_id)
    window.panel.delete_button.click()
    assert window.corpus.annotations(aid) == []
    assert window.annotations_view.model.rowCount() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.corpus.annotation(ann_id) == before
    assert window.annotations_view.model.ids() == [ann_id]
    assert window.panel.list.count() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.corpus.annotations(aid) == []


def test_undo_across_panes_in_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    _select(window, "刘思聪")
    _pick(qtbot, window, "人物")                        # 1 reader view + picker
    ann_id = window.panel.current_annotation_id()
    tag_id = window.corpus.tag_by_name("人物").id
    window.workbench.confirm = lambda title, text: True
    window.workbench.rename_tag(tag_id, "人名")          # 2 codebook
    window.panel.article_note_edit.setPlainText("要再读")
    window.panel.article_tags_edit.setText("重点")
    window.panel.article_save_button.click()            # 3 article pane
    assert window.corpus.article(aid).note == "要再读"
    assert window.corpus.annotation(ann_id).tags == ("人名",)
    assert window.undo_stack.count() == 3
    window.undo_action.trigger()
    assert window.corpus.article(aid).note == "" and window.corpus.article(aid).tags == ()
    assert window.panel.article_note_edit.toPlainText() == ""
    window.undo_action.trigger()
    assert window.corpus.annotation(ann_id).tags == ("人物",)
    assert window.tag_tree.model.tag(window.tag_tree.model.index(0, 0)).name == "人物"
    window.undo_action.trigger()
    assert window.corpus.annotations(aid) == []
    assert window.corpus.tag_by_name("人物") is None
    for _ in range(3):
        window.redo_action.trigger()
    assert window.corpus.annotation(ann_id).tags == ("人名",)
    assert window.corpus.article(aid).tags == ("重点",)


def test_orphan_is_shown_and_reattached(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from reader.store.models import Article

    aid = _open(window)
    corpus = window.corpus
    text = corpus.article(aid).text
    quote = "精准对接、精准巡察、精准研判、精准问责"
    ann = corpus.annotate_quote(aid, quote, tags=["要求"], note="n")
    Article.update(text=text.replace(quote, "")).where(Article.id == aid).execute()
    corpus.reanchor_corpus()
    assert corpus.annotation(ann.id).status == "orphan"
    window.apply(Change("articles", (aid,)))  # as a re-ingest does: the view reloads the new text
    item = window.panel.list.item(0)
    assert "orphan" in item.text()
    window.corpus_panel.show_view("annotations", focus=False)
    window.annotations_view.status_combo.setCurrentIndex(window.annotations_view.status_combo.findData("orphan"))
    assert window.annotations_view.model.ids() == [ann.id]
    window.panel.select_annotation(ann.id)
    assert not window.panel.reattach_button.isEnabled()
    start, end = _select(window, "这是娄星区专项巡察工作的根本要求")
    window.panel.select_annotation(ann.id)
    assert window.panel.reattach_button.isEnabled()
    window.panel.reattach_button.click()
    back = corpus.annotation(ann.id)
    assert (back.status, back.start, back.end, back.tags, back.note) == ("anchored", start, end, ("要求",), "n")
    assert window.annotations_view.model.ids() == []
    window.undo_action.trigger()
    assert corpus.annotation(ann.id).status == "orphan"


def test_article_state_filter_and_mark_read(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    lst = window.article_list
    all_ids = lst.visible_ids()
    aid = _open(window)
    qtbot.waitUntil(lambda: window.corpus.article(aid).state == "read")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S)
    assert window.corpus.article(aid).state == "starred"
    lst.set_state_filter("starred")
    assert lst.visible_ids() == [aid]
    lst.set_state_filter("unread")
    assert aid not in lst.visible_ids() and len(lst.visible_ids()) == len(all_ids) - 1
    lst.set_state_filter("read")
    assert lst.visible_ids() == []
    window.undo_action.trigger()  # unstar
    assert window.corpus.article(aid).state == "read"
    assert lst.visible_ids() == [aid]
    lst.set_state_filter("")
    assert lst.visible_ids() == all_ids
    index = window.article_list.model.index(window.article_list.model.row_of(aid), 0)
    assert "read" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_corpus_wide_view_filters_and_jumps(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    corpus = window.corpus
    arts = corpus.articles()
    parent = corpus.create_tag("监督").ids[0]
    corpus.create_tag("问责", parent_id=parent)
    a = corpus.annotate_quote(arts[0].id, "刘思聪", tags=["问责"], author="alice", note="书记")
    b = corpus.annotate(arts[1].id, 0, 4, tags=["监督"], author="bob")
    c = corpus.annotate(arts[2].id, 0, 3, tags=["其他"], author="bob")
    window.apply(Change("annotations"))
    view = window.annotations_view
    window.corpus_panel.show_view("annotations")  # read when shown
    qtmodeltester.check(view.model)
    assert view.model.ids() == [a.id, b.id, c.id]
    view.set_tag_filter(parent)
    assert view.model.ids() == [a.id, b.id]  # children included
    view.set_tag_filter(None)
    view.author_edit.setText("bob")
    assert view.model.ids() == [b.id, c.id]
    view.author_edit.clear()
    view.text_edit.setText("书记")
    assert view.model.ids() == [a.id]
    view.text_edit.clear()
    view.until_edit.setText("2000-01-01")
    assert view.model.ids() == []
    view.until_edit.clear()
    window.open_article(arts[1].id)
    view.article_check.setChecked(True)
    assert view.model.ids() == [b.id]
    view.article_check.setChecked(False)
    qtmodeltester.check(view.model)
    row = view.model.row_of(a.id)
    assert view.model.index(row, 1).data() == "问责"
    assert view.model.index(row, 2).data() == arts[0].display_title
    view.table.activated.emit(view.model.index(row, 0))
    assert window.current_article_id == arts[0].id
    assert window.view.selected_range() == (a.start, a.end)
    assert window.panel.current_annotation_id() == a.id


def test_non_bmp_selection_tags_code_points(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from reader.store.models import Article

    aid = window.corpus.articles()[0].id
    text = "𠮷野家在长沙开店，𠮷田说。"
    Article.update(text=text, segments=[["paragraph", 0, len(text)]]).where(Article.id == aid).execute()
    window.open_article(aid)
    assert window.view.article.text == text
    start = text.index("𠮷田")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view._positions.to_qt(start))
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selected_range() == (start, start + 2)
    _pick(qtbot, window, "人名")
    ann = window.corpus.annotations(aid)[0]
    assert (ann.start, ann.end, ann.quote) == (9, 11, "𠮷田")  # code points, not UTF-16
    assert "※ [人名]" in window.view.describe(10)


def test_shortcuts_help_preferences_and_search_signal(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.help import HelpDialog
    from ui.preferences import PreferencesDialog

    keys = HelpDialog(window.shortcut_sections()).shortcuts()
    for action, key in (("Tag selection…", "T"), ("Note on annotation…", "N"), ("Undo", "Ctrl+Z"),
                        ("Redo", "Ctrl+Shift+Z"), ("Next article", "Alt+Down"), ("Next annotation", "]"),
                        ("Find in article…", "Ctrl+F"), ("Search corpus", "Ctrl+Shift+F"),
                        ("Keyboard shortcuts", "F1"), ("Highlight Person", "Alt+1")):
        assert keys.get(action) == key, (action, keys.get(action))
    window.find_action.trigger()
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    dialog = PreferencesDialog(window.settings, window)
    dialog.author_edit.setText("王编辑")
    dialog.accept()
    assert window.settings.author == "王编辑"
    aid = _open(window)
    _select(window, "刘思聪")
    _pick(qtbot, window, "人物")
    assert window.corpus.annotations(aid)[0].author == "王编辑"


def test_panel_save_changes_and_refused_requests(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    _select(window, "刘思聪")
    _pick(qtbot, window, "人物")
    ann_id = window.panel.current_annotation_id()
    window.panel.tags_edit.setText("人物, 书记")
    window.panel.note_edit.setPlainText("社区党支部书记")
    window.panel.save_button.click()
    got = window.corpus.annotation(ann_id)
    assert (got.tags, got.note) == (("人物", "书记"), "社区党支部书记")
    window.undo_action.trigger()  # one step: the edit and the new tag 书记
    got = window.corpus.annotation(ann_id)
    assert (got.tags, got.note) == (("人物",), "") and window.corpus.tag_by_name("书记") is None
    # a request the corpus refuses (a range past the end) reports and leaves no trace
    count, index = window.undo_stack.count(), window.undo_stack.index()
    n = len(window.view.article.text)
    window.panel.annotate_requested.emit(n - 1, n + 5, ["全新"], "")
    assert "outside" in window.workbench.last_error
    assert window.corpus.tag_by_name("全新") is None
    assert len(window.corpus.annotations(aid)) == 1
    assert (window.undo_stack.count(), window.undo_stack.index()) == (count, index)
    window.redo_action.trigger()  # the earlier edit is still there to redo
    assert window.corpus.annotation(ann_id).tags == ("人物", "书记")
