"""The page view and fixing a page's split from the window: open the page of the reader's
article, see its parts coloured, split at the reader's cursor, merge, edit the head, and undo /
redo each through the window's undo stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from ui.main_window import MainWindow
from ui.positions import PositionMap


@pytest.fixture
def window(seeded_window: MainWindow) -> MainWindow:
    return seeded_window


def _open(window: MainWindow, needle: str) -> int:
    target = next(a.id for a in window.corpus.articles() if needle in window.corpus.article(a.id).text)
    window.open_article(target)
    assert window.current_article_id == target
    return target


def test_page_view_colours_every_article_part_and_follows_clicks(window: MainWindow) -> None:
    target = _open(window, "压紧压实责任")
    dialog = window.page_fixes.show_page()
    assert dialog is not None and dialog.isVisible()
    view = dialog.view
    assert view is not None and view.status == "ok" and dialog.page_text.toPlainText() == view.text
    assert dialog.list.count() == len(view.articles)
    positions = PositionMap(view.text or "")
    title = next(p for p in view.parts if p.kind == "title" and p.article_id == view.articles[0].id)
    cursor = QTextCursor(dialog.page_text.document())
    cursor.setPosition(positions.to_qt(title.start) + 1)
    fmt = cursor.charFormat()
    assert fmt.background().color().name() != "#000000" and fmt.fontWeight() > 400
    assert "title" in fmt.toolTip()
    assert dialog.article_text.toPlainText() == window.corpus.article(target).text
    dialog.page_text.article_clicked.emit(view.articles[0].id)
    assert dialog.article_id == view.articles[0].id
    assert dialog.article_text.toPlainText() == window.corpus.article(view.articles[0].id).text


def test_split_at_the_reader_cursor_merge_and_undo_redo(window: MainWindow) -> None:
    target = _open(window, "压紧压实责任")
    before = [a.id for a in window.corpus.articles()]
    text = window.corpus.article(target).text
    at = text.index("压紧压实责任")
    window.view.select_range(at, at)
    assert window.page_fixes.fix_current("split")
    after = [a.id for a in window.corpus.articles()]
    assert len(after) == len(before) + 1
    new = after[after.index(target) + 1]
    assert window.corpus.article(new).title == "压紧压实责任，筑牢安全防线。"
    assert window.current_article_id == new  # the reader moves to the new part
    assert window.article_list.model.rowCount() == len(after)
    window.undo_stack.undo()
    assert [a.id for a in window.corpus.articles()] == before
    assert window.corpus.article(target).text == text
    assert window.view.article is not None and window.view.article.text == text
    window.undo_stack.redo()
    assert [a.id for a in window.corpus.articles()] == after
    # merge the new part back through the page view's button: same text as at first
    dialog = window.page_fixes.show_page()
    assert dialog is not None
    dialog.show_article(new)
    dialog.prev_button.click()
    assert [a.id for a in window.corpus.articles()] == before
    assert window.corpus.article(target).text == text
    assert window.current_article_id == target
    window.undo_stack.undo()
    assert [a.id for a in window.corpus.articles()] == after
    assert window.undo_stack.count() == 2


def test_edit_head_and_a_refused_fix(window: MainWindow) -> None:
    target = _open(window, "压紧压实责任")
    window.page_fixes.ask_head = lambda rec: {"title": "应急管理要筑牢安全防线", "subtitle": "衡阳",
                                              "authors": ["谢石中", "𠮷田"]}
    assert window.page_fixes.fix_current("edit")
    rec = window.corpus.article(target)
    assert (rec.title, rec.subtitle, rec.authors) == ("应急管理要筑牢安全防线", "衡阳", ("谢石中", "𠮷田"))
    assert window.view.article is not None and window.view.article.text.startswith("应急管理要筑牢安全防线\n——衡阳")
    window.undo_stack.undo()
    assert window.corpus.article(target).title != "应急管理要筑牢安全防线"
    window.view.select_range(0, 0)  # the title line: a split there is refused and nothing is pushed
    window.page_fixes.ask_head = lambda rec: None
    count = window.undo_stack.count()
    first = window.corpus.articles()[0].id
    window.open_article(first)
    assert not window.page_fixes.fix_current("prev")
    assert window.undo_stack.count() == count
    assert "Cannot fix" in window.statusBar().currentMessage()


def test_undo_of_a_fix_on_a_page_ingested_again_from_a_changed_file_is_refused(window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    page = folder / "p.txt"
    page.write_text("# 长沙𠮷祥新区项目集中开工\n\n本报记者 张三\n\n长沙𠮷祥新区今天集中开工项目十二个，总投资八十亿元。\n\n"
                    "岳阳港口吞吐量创新高，一季度完成货物吞吐量三千万吨。\n", encoding="utf-8")
    window.corpus.ingest([folder], jobs=1)
    target = _open(window, "岳阳港口吞吐量")
    text = window.corpus.article(target).text
    window.view.select_range(text.index("岳阳港口"), text.index("岳阳港口"))
    assert window.page_fixes.fix_current("split")
    page.write_text(page.read_text(encoding="utf-8").replace("十二个", "十三个"), encoding="utf-8")
    window.corpus.ingest([folder], jobs=1)
    count = window.undo_stack.count()
    window.undo_stack.undo()
    assert "Cannot undo" in window.statusBar().currentMessage() and "ingested again" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == count - 1  # the command left the stack
    assert len([a for a in window.corpus.articles() if a.source == "p.txt"]) == 2  # the split stays
