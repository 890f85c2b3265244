"""Entity corrections from the article view's context menu and the Entities menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from reader.coding import corrections
from reader.corpus import Corpus
from ui.entity_tools import EntityTools
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.runner.running() == 0, timeout=30000)
    win.entity_tools.confirm = lambda title, text: True  # the count of changed places is confirmed
    yield win
    win.runner.wait(30000)
    win.close()
    corpus.close()


def tools_of(window: MainWindow) -> EntityTools:
    return window.entity_tools  # type: ignore[attr-defined]


def article_containing(window: MainWindow, text: str) -> int:
    for summary in window.corpus.articles():
        if text in window.corpus.article(summary.id).text:
            return summary.id
    raise AssertionError(f"no article contains {text}")


def action(menu: QMenu, name: str):  # type: ignore[no-untyped-def]
    found = menu.findChild(type(menu.actions()[0]), name)
    if found is None:
        for sub in menu.findChildren(QMenu):
            for act in sub.actions():
                if act.objectName() == name:
                    return act
    assert found is not None, [a.objectName() for a in menu.actions()]
    return found


def trigger(qtbot, window: MainWindow, menu: QMenu, name: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tools_of(window).correction_applied, timeout=30000) as blocker:
        action(menu, name).trigger()
    return blocker.args[0]


def occurrences(window: MainWindow, article_id: int, text: str) -> list:
    return [e for e in window.corpus.entities(article_id) if e.text == text]


def test_install_stamps_the_recogniser_version(window: MainWindow) -> None:
    assert window.corpus.meta(corrections.VERSION_KEY) == corrections.recognizer_version()
    assert any(a.menu() is not None and a.menu().objectName() == "entities_menu"
               for a in window.menuBar().actions())


def test_mark_selection_as_entity_everywhere_and_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text = "利剑"
    article_id = article_containing(window, text)
    window.open_article(article_id)
    start = window.view.article.text.index(text)
    window.view.select_range(start, start + len(text))
    assert window.view.selected_range() == (start, start + len(text))
    menu = tools_of(window).context_menu(start)
    assert [a.objectName() for a in menu.findChild(QMenu, "mark_menu").actions()] == [
        "mark_PER", "mark_LOC", "mark_ORG", "mark_DATE", "mark_NUM"]
    applied = trigger(qtbot, window, menu, "mark_ORG")
    assert article_id in applied.change.article_ids
    for other in applied.change.article_ids:
        found = occurrences(window, other, text)
        assert found and all(e.type == "ORG" and e.source == "user" for e in found)
    assert any(e.text == text and e.type == "ORG" for e in window.view.entities)
    assert f"{text} — ORG (user)" in window.view.describe(start)
    stack = getattr(window, "undo_stack", None)
    assert stack is None or stack.count() >= 1
    if stack is not None:
        with qtbot.waitSignal(tools_of(window).correction_applied, timeout=30000):
            stack.undo()
        assert not occurrences(window, article_id, text)
        assert not any(e.text == text for e in window.view.entities)
        assert corrections.list_corrections(window.corpus) == []
        with qtbot.waitSignal(tools_of(window).correction_applied, timeout=30000):
            stack.redo()
        assert occurrences(window, article_id, text)


def test_not_an_entity_everywhere_and_why(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    counts: dict[tuple[str, str], set[int]] = {}
    for summary in window.corpus.articles():
        for e in window.corpus.entities(summary.id):
            counts.setdefault((e.text, e.type), set()).add(summary.id)
    (text, etype), ids = max(counts.items(), key=lambda kv: (len(kv[1]), kv[0] == ("锦旗", "LOC")))
    article_id = min(ids)
    window.open_article(article_id)
    ent = next(e for e in window.view.entities if e.text == text and e.type == etype)
    menu = tools_of(window).context_menu(ent.start)
    assert menu.findChild(QMenu, "mark_menu") is None  # nothing selected
    assert action(menu, "explain_entity").text().endswith(f"({ent.source})")
    box = tools_of(window).explain(ent)
    assert box.text().startswith(f"{text} — {etype} ({ent.source})")
    box.close()
    model = window.article_list.model
    row = model.row_of(article_id)
    shown_before = model.summary(row).entities
    trigger(qtbot, window, menu, "reject_entity")
    for other in ids:
        assert not occurrences(window, other, text)
    assert not any(e.text == text for e in window.view.entities)
    # the article list's entity count follows the correction
    assert model.summary(row).entities == len(window.corpus.entities(article_id)) < shown_before
    rows = corrections.list_corrections(window.corpus)
    assert [(r.text, r.type, r.action) for r in rows] == [(text, None, "reject")]


def test_change_type_from_the_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    ent = next(e for e in window.view.entities if e.type == "LOC")
    menu = tools_of(window).context_menu(ent.start)
    names = [a.objectName() for a in menu.findChild(QMenu, "change_menu").actions()]
    assert "change_to_LOC" not in names and "change_to_ORG" in names
    applied = trigger(qtbot, window, menu, "change_to_ORG")
    assert window.current_article_id in applied.change.article_ids
    at = [e for e in window.view.entities if e.start <= ent.start < e.end]
    assert at and at[0].type == "ORG" and at[0].source == "user"


def test_corrections_dialog_lists_and_removes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tools = tools_of(window)
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        tools.reject("锦旗")
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        tools.mark("利剑", "ORG")
    window.menuBar()  # the action lives in the Entities menu
    tools.corrections_action.trigger()
    dialog = tools.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    cells = {dialog.table.item(r, 0).text() for r in range(2)}
    assert cells == {"锦旗", "利剑"}
    row = next(r for r in range(2) if dialog.table.item(r, 0).text() == "利剑")
    dialog.table.selectRow(row)
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        dialog.remove_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "锦旗"
    dialog.close()


def test_outdated_entities_are_recognised_again_at_start(qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    corpus.set_meta(corrections.VERSION_KEY, "an-older-recogniser")
    seen: list[int] = []
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    tools = tools_of(win)
    tools.last_task.signals.progress.connect(lambda done, total, _label: seen.append(total))
    with qtbot.waitSignal(tools.entities_refreshed, timeout=60000) as blocker:
        pass
    change = blocker.args[0]
    assert len(change.article_ids) == len(corpus.articles(include_retired=True))
    assert corpus.meta(corrections.VERSION_KEY) == corrections.recognizer_version()
    assert seen and max(seen) == len(change.article_ids)
    assert not tools.progress.isVisible()
    win.runner.wait(30000)
    win.close()
    corpus.close()


def test_cancel_the_background_recompute(qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    corpus.set_meta(corrections.VERSION_KEY, "old")
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    tools = tools_of(win)
    tools.last_task.cancel()
    with qtbot.waitSignal(tools.entities_refreshed, timeout=60000):
        pass
    status = corrections.entities_status(corpus)
    assert status.stored == "old" and status.needs_recompute
    win.runner.wait(30000)
    win.close()
    corpus.close()


def test_undo_redo_through_an_undo_stack(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QUndoStack

    if getattr(window, "undo_stack", None) is None:
        window.undo_stack = QUndoStack(window)  # type: ignore[attr-defined]
    stack = window.undo_stack  # type: ignore[attr-defined]
    tools = tools_of(window)
    article_id = article_containing(window, "锦旗")
    window.open_article(article_id)
    before = window.corpus.entities(article_id)
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        tools.reject("锦旗")
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        tools.mark("锦旗", "ORG")
    assert stack.undoText().startswith("Mark")
    marked = window.corpus.entities(article_id)
    # undo twice without waiting in between: the serial worker inverts each step exactly
    with qtbot.waitSignals([tools.correction_applied, tools.correction_applied], timeout=30000):
        stack.undo()
        stack.undo()
    assert window.corpus.entities(article_id) == before
    assert window.view.entities == before
    assert corrections.list_corrections(window.corpus) == []
    with qtbot.waitSignals([tools.correction_applied, tools.correction_applied], timeout=30000):
        stack.redo()
        stack.redo()
    assert window.corpus.entities(article_id) == marked
    assert [(r.text, r.type, r.action) for r in corrections.list_corrections(window.corpus)] == [("锦旗", "ORG", "add")]


def test_click_positions_map_to_code_points_past_astral_characters(window: MainWindow) -> None:
    from PySide6.QtGui import QTextCursor

    from reader.records import ArticleRecord, EntityRecord

    text = "𠮷野家在长沙开店。"
    article = ArticleRecord(id=0, source="test", title=None, display_title="t", title_derived=True,
                            subtitle=None, authors=(), photographers=(), dateline=None, text=text,
                            segments=(), captions=(), kicker=None, column=None, position=0,
                            state="unread", tags=(), note="")
    start = text.index("长沙")
    window.view.show_article(article, [EntityRecord(start, start + 2, "LOC", "长沙", "gazetteer")], [], {})
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(start + 1 + 1)  # UTF-16: 𠮷 is two units; inside 长沙, after 长
    rect = window.view.cursorRect(cursor)
    cp = tools_of(window).code_point_at(rect.center())
    assert cp in (start, start + 1)
    assert tools_of(window).entity_at(cp).text == "长沙"
    window.view.select_range(start, start + 2)
    assert tools_of(window).selected_text() == "长沙"
    menu = tools_of(window).context_menu(cp)
    assert menu.findChild(QMenu, "mark_menu").title() == "Mark “长沙” as entity"
