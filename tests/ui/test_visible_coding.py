"""Visible coding in the reader: coded passages on their tag colour (blended where they overlap),
coding stripes with tag names in the margin (clickable), both toggleable; every hit of the
current corpus search marked in the article; find in article with all matches marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from reader.corpus import Corpus
from reader.records import AnnotationRecord
from ui import theme
from ui.coding_stripes import layout_stripes
from ui.find_bar import find_all
from ui.main_window import MainWindow
from ui.positions import PositionMap

WAIT = 30000


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.open_first_article()
    yield win
    win.close()
    corpus.close()


def _background(window: MainWindow, cp: int) -> QColor:
    cursor = window.view._cursor(cp, cp + 1)
    return cursor.charFormat().background().color() if cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush else theme.current().base


def _code(window: MainWindow, quote: str, tag: str, color: str, length: int | None = None) -> int:
    text = window.view.article.text
    start = text.index(quote)
    window.corpus.ensure_tag(tag, color=color)
    ann = window.corpus.annotate(window.current_article_id, start, start + (length or len(quote)), tags=[tag])
    from reader.corpus import Change

    window.changed.emit(Change("annotations", (ann.article_id,), (ann.id,)))
    return ann.id


def _at(start: int, end: int, tags: tuple[str, ...], i: int) -> AnnotationRecord:
    import datetime as dt

    now = dt.datetime(2024, 1, 1)
    return AnnotationRecord(i, 1, start, end, "", "", "", tags, "", "a", now, now)


def test_stripes_take_lanes_where_passages_overlap() -> None:
    anns = [_at(0, 10, ("甲",), 1), _at(5, 20, ("乙",), 2), _at(12, 15, ("丙",), 3), _at(30, 40, ("丁",), 4)]
    stripes = layout_stripes(anns, lambda a: "#000000")
    assert [(s.annotation_id, s.lane) for s in stripes] == [(1, 0), (2, 1), (3, 0), (4, 0)]
    assert [s.label for s in stripes] == ["甲", "乙", "丙", "丁"]


def test_coded_passages_are_tinted_and_blended_where_they_overlap(window: MainWindow) -> None:
    text = window.view.article.text
    plain = next(i for i in range(len(text)) if not any(e.start <= i < e.end for e in window.view.entities)
                 and text[i] not in "\n")
    base = _background(window, plain)
    a = _code(window, text[plain:plain + 6], "甲", "#e15759")
    b_start = plain + 3
    window.corpus.ensure_tag("乙", color="#4e79a7")
    b = window.corpus.annotate(window.current_article_id, b_start, b_start + 6, tags=["乙"]).id
    from reader.corpus import Change

    window.changed.emit(Change("annotations", (window.current_article_id,), (b,)))
    only_a, both, only_b = (_background(window, plain + 1), _background(window, plain + 4),
                            _background(window, plain + 7))
    assert only_a != base and only_b != base and both not in (only_a, only_b, base)
    assert only_a.red() > only_a.blue() and only_b.blue() > only_b.red()  # each in its tag's hue
    assert theme.contrast(both, theme.current().text) >= 4.5  # text stays readable on the blend
    # stripes: one per passage, side by side, labelled, clickable
    stripes = {s.annotation_id: s for s in window.view.stripes}
    assert stripes[a].lane != stripes[b].lane and stripes[a].label == "甲"
    margin = window.view.margin
    assert margin.isVisible() and margin.width() >= margin.preferred_width() > 10
    layout = {s.annotation_id: (bar, label) for s, bar, label in margin.layout()}
    assert layout[a][1] is not None, "the tag name is written in the margin"
    clicked = []
    window.view.annotation_clicked.connect(clicked.append)
    bar = layout[b][0]
    from PySide6.QtTest import QTest

    QTest.mouseClick(margin, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.center())
    assert clicked == [b] and window.panel.current_annotation_id() == b
    assert window.view.describe(plain + 4).count("※") == 2
    # toggles
    window.reading.backgrounds_action.setChecked(False)
    assert _background(window, plain + 1) == base and window.view.stripes
    window.reading.stripes_action.setChecked(False)
    assert not window.view.stripes and not margin.isVisible()
    assert not window.settings.show_code_backgrounds and not window.settings.show_code_stripes
    window.reading.backgrounds_action.setChecked(True)
    window.reading.stripes_action.setChecked(True)
    assert _background(window, plain + 1) == only_a and len(window.view.stripes) == 2
    assert margin.stripe_at(QPoint(0, -50)) is None


def _search(qtbot, window: MainWindow, query: str):  # type: ignore[no-untyped-def]
    views = window.corpus_views
    views.show_view(views.search)
    views.search.set_query(query)
    with qtbot.waitSignal(views.search.results_ready, timeout=WAIT):
        views.search.run_search()
    return views


def test_every_hit_of_the_corpus_search_is_marked_in_the_article(qtbot, window: MainWindow) -> None:
    views = _search(qtbot, window, "巡察")
    views.search.open_row(0)
    text = window.view.article.text
    expected = [(m, m + 2) for m in range(len(text)) if text.startswith("巡察", m)]
    assert window.view.search_hits == expected and len(expected) > 3
    marked = [s for s in window.view.extraSelections()
              if s.format.background().color() == theme.current().hit_background]
    positions = PositionMap(text)
    assert sorted((positions.from_qt(s.cursor.selectionStart()), positions.from_qt(s.cursor.selectionEnd()))
                  for s in marked) == expected
    # another article of the results: its own hits
    other = views.search.model.hit(1)
    window.open_article(other.article_id)
    assert window.view.search_hits == sorted(other.hits)


def test_selected_search_row_stays_readable(qtbot, window: MainWindow) -> None:
    views = _search(qtbot, window, "巡察")
    table = views.search.table
    table.selectRow(0)
    column = views.search.model.COLUMNS.index("snippet")
    rect = table.visualRect(views.search.model.index(0, column))
    image = table.viewport().grab(rect).toImage()
    from collections import Counter

    counts = Counter(image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height()))
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    assert background == table.palette().color(table.palette().ColorGroup.Active, table.palette().ColorRole.Highlight)
    best = max(theme.contrast(background, QColor.fromRgb(rgb)) for rgb, n in counts.items() if n >= 3)
    assert best >= 4.5, f"selected row text contrast {best:.1f}"


def test_find_in_article_marks_every_match_and_steps(qtbot, window: MainWindow) -> None:
    text = window.view.article.text
    assert find_all("A𠮷a", "a") == [(0, 1), (2, 3)]  # code points, any case
    window.find_action.trigger()
    bar = window.find_bar
    bar.edit.setText("巡察")
    expected = find_all(text, "巡察")
    assert bar.hits == expected and window.view.find_hits == expected
    assert bar.current == 0 and "1" in bar.count_label.text() and str(len(expected)) in bar.count_label.text()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.current == 1 and window.view.find_current == 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current == 0
    window.corpus_views.actions["next_hit"].trigger()  # F3 steps the find bar while it is open
    assert bar.current == 1
    bar.edit.setText("没有这个词")
    assert bar.hits == [] and window.view.find_hits == [] and bar.count_label.text()
    bar.edit.setText("巡察")
    window.article_list.step(1)  # another article: found again there
    assert bar.hits == find_all(window.view.article.text, "巡察")
    bar.close_bar()
    assert window.view.find_hits == [] and not bar.isVisible()
