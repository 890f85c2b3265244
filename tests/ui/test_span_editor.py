"""Editing an entity's span in the article view: keyboard nudges, dragging an end, the scope
default and choice, undo, and the context menu's entries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from reader.coding import corrections, occurrences
from ui.main_window import MainWindow
from ui.span_editor import CORPUS, HERE, SpanEditor


@pytest.fixture
def window(seeded_window: MainWindow) -> MainWindow:
    return seeded_window


def editor_of(window: MainWindow) -> SpanEditor:
    return window.entity_tools.span_editor  # type: ignore[attr-defined]


def open_with_shared_entity(window: MainWindow):  # type: ignore[no-untyped-def]
    """Open an article with an ORG/LOC entity of 4+ characters whose text is an entity in
    another article too; returns (article id, entity, other article id)."""
    seen: dict[tuple[str, str], int] = {}
    for summary in window.corpus.articles():
        for e in window.corpus.entities(summary.id):
            if e.type in ("ORG", "LOC") and len(e.text) >= 4:
                first = seen.setdefault((e.text, e.type), summary.id)
                if first != summary.id:
                    window.open_article(first)
                    ent = next(x for x in window.view.entities if (x.text, x.type) == (e.text, e.type))
                    return first, ent, summary.id
    raise AssertionError("no shared entity")


def apply_and_wait(qtbot, window: MainWindow, key=None):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.entity_tools.correction_applied, timeout=30000) as blocker:  # type: ignore[attr-defined]
        if key is None:
            editor_of(window).bar.apply_button.click()
        else:
            qtbot.keyClick(window.view, key)
    return blocker.args[0]


def test_keyboard_nudge_fixes_this_occurrence_and_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid, ent, other = open_with_shared_entity(window)
    editor = editor_of(window)
    window.view.select_range(ent.start + 1, ent.start + 1)
    window.view.setFocus()
    editor.action.trigger()  # F2 at the caret
    assert editor.editing and (editor.start, editor.end) == (ent.start, ent.end)
    assert editor.bar.isVisible() and editor.scope() == CORPUS  # nothing moved yet
    assert not editor.bar.apply_button.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # end one left
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # start one right
    assert (editor.start, editor.end) == (ent.start + 1, ent.end - 1)
    assert editor.scope() == HERE  # a boundary fix defaults to this occurrence
    assert editor.text() == ent.text[1:-1]
    assert any(sel.cursor.selectedText() == ent.text[1:-1] for sel in window.view.extraSelections())
    other_before = window.corpus.entities(other)
    applied = apply_and_wait(qtbot, window, Qt.Key.Key_Return)
    assert applied.change.article_ids == (aid,)
    assert not editor.editing and not editor.bar.isVisible()
    found = [(e.start, e.end, e.type, e.source) for e in window.corpus.entities(aid)]
    assert (ent.start + 1, ent.end - 1, ent.type, "user:here") in found
    assert window.corpus.entities(other) == other_before
    qtbot.waitUntil(lambda: any(e.source == "user:here" for e in window.view.entities), timeout=10000)

    with qtbot.waitSignal(window.entity_tools.correction_applied, timeout=30000):  # type: ignore[attr-defined]
        window.undo_stack.undo()
    assert occurrences.list_fixes(window.corpus) == []
    assert (ent.start, ent.end, ent.type, ent.text, ent.source) in [
        (e.start, e.end, e.type, e.text, e.source) for e in window.corpus.entities(aid)]


def test_dragging_the_end_and_choosing_the_whole_corpus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid, ent, other = open_with_shared_entity(window)
    editor = editor_of(window)
    editor.begin(ent)
    rects = editor.end_rects()
    assert rects is not None
    end_rect = rects[1]
    target = editor.view.cursorRect(editor._qt_cursor(ent.end - 1)).center()
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(end_rect.center().x(), end_rect.center().y()))
    assert editor.dragging == "end"
    qtbot.mouseMove(viewport, target)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert editor.dragging is None
    assert (editor.start, editor.end) == (ent.start, ent.end - 1)
    window.entity_tools.confirm = lambda title, text: True  # type: ignore[attr-defined]  # the count is accepted
    editor.bar.scope_combo.setCurrentIndex(editor.bar.scope_combo.findData(CORPUS))
    editor.bar.scope_combo.activated.emit(editor.bar.scope_combo.currentIndex())
    assert editor.scope() == CORPUS
    applied = apply_and_wait(qtbot, window)
    assert other in applied.change.article_ids
    rows = {(c.text, c.type, c.action) for c in corrections.list_corrections(window.corpus)}
    assert rows == {(ent.text, ent.type, "reject"), (ent.text[:-1], ent.type, "add")}
    assert not [e for e in window.corpus.entities(other) if e.text == ent.text and e.type == ent.type]


def test_type_change_defaults_to_the_corpus_and_escape_cancels(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid, ent, _ = open_with_shared_entity(window)
    editor = editor_of(window)
    editor.begin(ent)
    new_type = "PER"
    index = editor.bar.type_combo.findData(new_type)
    editor.bar.type_combo.setCurrentIndex(index)
    editor.bar.type_combo.activated.emit(index)
    assert editor.scope() == CORPUS and editor.bar.apply_button.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not editor.editing and not editor.bar.isVisible()
    assert corrections.list_corrections(window.corpus) == []
    # the ends never leave the line nor cross each other
    editor.begin(ent)
    for _ in range(len(ent.text) + 3):
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert editor.end - editor.start == 1
    text = window.view.article.text
    for _ in range(400):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert "\n" not in text[editor.start:editor.end]
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # a key without Shift: Qt forgets the modifier
    assert not editor.editing


def test_context_menu_entries_and_drop_here(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    aid, ent, other = open_with_shared_entity(window)
    menu = window.entity_tools.context_menu(ent.start)  # type: ignore[attr-defined]
    names = [a.objectName() for a in menu.actions()]
    assert "adjust_span_menu" in names and "drop_here" in names
    menu.findChild(type(menu.actions()[0]), "adjust_span_menu").trigger()
    assert editor_of(window).editing
    editor_of(window).cancel()
    with qtbot.waitSignal(window.entity_tools.correction_applied, timeout=30000):  # type: ignore[attr-defined]
        menu.findChild(type(menu.actions()[0]), "drop_here").trigger()
    assert not [e for e in window.corpus.entities(aid) if (e.start, e.end) == (ent.start, ent.end)]
    assert any(e.text == ent.text for e in window.corpus.entities(other))
    assert isinstance(menu, QMenu)
