"""Splitting an article at the cursor of the original page text in the page view: a click in
the page keeps the cursor where it was put, the article printed there is cut at that point
(UTF-16 cursor -> code points: the page has 𠮷 before the point), and the split is one undoable
step of the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from ui.positions import PositionMap

PAGE = (Path(__file__).resolve().parents[1] / "data" / "page_split_offset.txt").read_text(encoding="utf-8")


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus
    from ui.main_window import MainWindow

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p1.txt").write_text(PAGE, encoding="utf-8")
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest([folder], jobs=1)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: win.runner.running() == 0, timeout=30000)
    yield win
    win.runner.wait(30000)
    win.close()
    corpus.close()


def _put_cursor(dialog, point: int) -> None:  # type: ignore[no-untyped-def]
    positions = PositionMap(dialog.view.text or "")
    cursor = QTextCursor(dialog.page_text.document())
    cursor.setPosition(positions.to_qt(point))
    dialog.page_text.setTextCursor(cursor)


def test_split_at_the_cursor_in_the_page_text_and_undo_redo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    first, last = [a.id for a in window.corpus.articles()]
    window.open_article(last)
    dialog = window.page_fixes.show_page()
    assert dialog is not None and dialog.article_id == last
    point = PAGE.index("吐量三千万吨")
    _put_cursor(dialog, point)
    rect = dialog.page_text.cursorRect()  # a click there shows the article printed there, cursor kept
    qtbot.mouseClick(dialog.page_text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 1, rect.center().y()))
    assert dialog.article_id == first
    assert dialog.page_text.cursor_point() in (point, point + 1)
    _put_cursor(dialog, point)
    assert dialog.page_split_button.isEnabled()
    dialog.page_split_button.click()
    ids = [a.id for a in window.corpus.articles()]
    assert len(ids) == 3 and ids[0] == first and ids[2] == last
    assert window.corpus.article(first).text.endswith("一季度完成货物吞")
    new = window.corpus.article(ids[1])
    assert new.text.startswith("吐量三千万吨")
    assert window.current_article_id == ids[1]  # the reader shows the new part
    assert dialog.list.count() == 3  # the page view was read again
    window.undo_stack.undo()
    assert [a.id for a in window.corpus.articles()] == [first, last]
    assert "吞吐量三千万吨" in window.corpus.article(first).text
    window.undo_stack.redo()
    assert [a.id for a in window.corpus.articles()] == ids


def test_a_split_in_a_head_is_refused_and_changes_nothing(window) -> None:  # type: ignore[no-untyped-def]
    first = window.corpus.articles()[0].id
    window.open_article(first)
    dialog = window.page_fixes.show_page()
    _put_cursor(dialog, PAGE.index("𠮷祥新区项目") + 1)
    count = window.undo_stack.count()
    dialog.page_split_button.click()
    assert len(window.corpus.articles()) == 2 and window.undo_stack.count() == count
    assert dialog.status.text()  # the reason is shown in the page view
