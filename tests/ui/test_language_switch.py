"""Switching the interface language in the preferences rebuilds the window in the new language
and loses nothing: the open article, the selected passage, unsaved inspector edits, the list's
filter, the corpus views' queries and the undo history (every kind of command) come across."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.coding.corrections import list_corrections
from ui import i18n
from ui.app import App
from ui.i18n.switch import stale_references
from ui.settings import Settings

TITLE = "利剑高悬显锋芒"


@pytest.fixture
def controller(qtbot, qapp, seeded_path: Path):  # type: ignore[no-untyped-def]
    i18n.install("en")
    app = App(qapp, Settings())
    window = app.open(str(seeded_path))
    window.show()
    qtbot.waitExposed(window)
    yield app
    app.window.close()
    app.corpus.close()
    i18n.reset()


def _open(window, title: str = TITLE) -> int:  # type: ignore[no-untyped-def]
    article = next(a for a in window.corpus.articles() if a.display_title == title)
    window.open_article(article.id)
    return article.id


def _select(window, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start = window.view.article.text.index(quote)
    window.view.select_range(start, start + len(quote))
    return start, start + len(quote)


def _choose_language(qtbot, window, code: str) -> None:  # type: ignore[no-untyped-def]
    """Edit → Preferences, pick the language, OK — as the user does."""
    def pick() -> None:
        dialog = window.preferences_dialog
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(code))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, pick)
    window.preferences_action.trigger()


def test_switching_language_keeps_the_work_and_the_undo_history(qtbot, controller: App) -> None:  # type: ignore[no-untyped-def]
    old = controller.window
    assert old.menuBar().actions()[0].text() == "&File"
    article_id = _open(old)
    qtbot.waitUntil(lambda: old.corpus.article(article_id).state == "read")  # opening marks it read
    # undoable steps of every kind the window has: a code, a note, page facts, a tag rename
    _select(old, "诫勉谈话")
    assert old.workbench.tag_selection()  # T
    assert old.workbench.apply_tag("问责")  # typed into the picker, Enter
    annotation = old.corpus.annotations(article_id)[0]
    assert old.workbench.set_note(annotation.id, "第一稿")
    facts = old.corpus.page_facts(old.corpus.article(article_id).source)
    from ui.properties_dialog import PageFactsCommand

    old.undo_stack.push(PageFactsCommand(old.corpus.set_page_facts, old.apply, facts,
                                         (dt.date(2020, 7, 23), "娄底日报", 2), "page facts"))
    tag = old.corpus.tag_by_name("问责")
    old.workbench.confirm = lambda *_args: True
    assert old.workbench.rename_tag(tag.id, "追责")
    old.entity_tools.confirm = lambda *_args: True  # (the count of what it changes: accepted)
    task = old.entity_tools.mark("巡察利剑", "ORG")  # an entity correction (runs in the background)
    qtbot.waitUntil(lambda: not old.runner.running(), timeout=30000)
    assert task is not None and any(c.text == "巡察利剑" for c in list_corrections(old.corpus))
    steps = old.undo_stack.count()
    # unsaved work in the inspector, a selection, a filter, a query
    _select(old, "常态化巡察")
    old.panel.select_annotation(annotation.id)  # (after the passage: choosing it makes it current)
    old.panel.note_edit.setPlainText("还没保存的备注")
    old.panel.article_note_edit.setPlainText("文章备注草稿")
    selection = old.view.selected_range()
    old.article_list.filter_edit.setText("巡察")
    old.corpus_views.search.set_query("巡察")
    old.corpus_views.search.run_search()
    qtbot.waitUntil(lambda: old.corpus_views.search.model.rowCount() > 0)
    current = old.panel.current_annotation_id()
    assert current == annotation.id

    _choose_language(qtbot, old, "zh_CN")
    qtbot.waitUntil(lambda: controller.window is not old)
    new = controller.window
    assert controller.settings.language == "zh_CN"
    assert new.menuBar().actions()[0].text() == "文件(&F)"
    assert new.isVisible() and not old.isVisible()
    # the work is all there
    assert new.current_article_id == article_id
    assert new.view.selected_range() == selection
    assert new.panel.current_annotation_id() == current
    assert new.panel.note_edit.toPlainText() == "还没保存的备注"
    assert new.panel.article_note_edit.toPlainText() == "文章备注草稿"
    assert new.article_list.filter_edit.text() == "巡察"
    assert new.corpus_views.search.query_edit.text() == "巡察"
    qtbot.waitUntil(lambda: new.corpus_views.search.model.rowCount() > 0)
    # ... and so is the history, now driving the new window
    assert new.undo_stack is old.undo_stack is not None and new.undo_stack.count() == steps
    assert stale_references(new.undo_stack, old) == []
    new.undo_action.trigger()  # the correction, run by the new window's entity tools
    qtbot.waitUntil(lambda: not new.runner.running(), timeout=30000)
    assert not any(c.text == "巡察利剑" for c in list_corrections(new.corpus))
    new.undo_action.trigger()  # the rename
    assert new.corpus.tag_by_name("问责") is not None
    new.undo_action.trigger()  # the page facts
    assert new.corpus.page_facts(facts.source).paper == facts.paper
    new.undo_action.trigger()  # the note
    assert new.corpus.annotation(annotation.id).note == ""
    new.undo_action.trigger()  # the code
    assert new.corpus.annotations(article_id) == []
    assert new.panel.list.count() == 0, "the new window's panes follow the undone steps"
    new.redo_action.trigger()
    assert len(new.corpus.annotations(article_id)) == 1 and new.panel.list.count() == 1


def test_switching_back_to_english_and_to_the_system_language(qtbot, controller: App) -> None:  # type: ignore[no-untyped-def]
    controller.switch_language("zh_CN")
    assert controller.window.windowTitle().startswith("批注")
    first = controller.window
    _choose_language(qtbot, first, "en")
    qtbot.waitUntil(lambda: controller.window is not first)
    assert controller.window.menuBar().actions()[0].text() == "&File"
    assert i18n.current() == "en"
    controller.switch_language("system")
    assert i18n.current() == i18n.resolve(None)
    assert QApplication.instance() is not None


def test_the_language_follows_the_system_locale_and_the_setting() -> None:
    from PySide6.QtCore import QLocale

    assert i18n.resolve("zh_CN") == "zh_CN" and i18n.resolve("en") == "en"
    assert i18n.resolve("zh_TW") == "zh_CN"  # the Chinese interface for any Chinese locale
    assert i18n.resolve("fr") == "en"
    system = "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"
    assert i18n.resolve("system") == i18n.resolve(None) == system
