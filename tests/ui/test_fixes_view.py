"""Entities ▸ Occurrence fixes…: the lazy list of every fix (model tester), filter and sort, what
the recogniser reads without the fix, Go to, and Remove as one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.coding import fix_listing, occurrences
from reader.store.models import Article
from ui.fixes_view import FixesDialog, FixesTools
from ui.main_window import MainWindow


@pytest.fixture
def window(seeded_window: MainWindow) -> MainWindow:
    return seeded_window


def tools_of(window: MainWindow) -> FixesTools:
    return window.entity_tools.fixes_tools  # type: ignore[attr-defined]


def make_fixes(corpus) -> list[tuple[int, object]]:  # type: ignore[no-untyped-def]
    """Three fixes in three articles: two boundary fixes, one drop; returns (article, entity)."""
    made = []
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        ent = next((e for e in corpus.entities(aid) if e.type in ("ORG", "LOC") and len(e.text) >= 4), None)
        if ent is None:
            continue
        if len(made) < 2:
            occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
        else:
            occurrences.drop_span(corpus, aid, ent.start, ent.end)
        made.append((aid, ent))
        if len(made) == 3:
            return made
    raise AssertionError("not enough entities to fix")


def test_the_list_shows_every_fix_filters_sorts_and_passes_the_model_tester(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    made = make_fixes(window.corpus)
    dialog = tools_of(window).show()
    qtbot.addWidget(dialog)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert dialog.model.rowCount() == 3
    texts = {dialog.model.index(r, 1).data() for r in range(3)}
    assert texts == {made[0][1].text[:-1], made[1][1].text[:-1], made[2][1].text}
    fixes = {dialog.model.index(r, 2).data() for r in range(3)}
    assert any("–" in f for f in fixes)  # a set fix names its span
    assert dialog.model.index(0, 3).data() and dialog.model.index(0, 5).data()  # status, date
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("drop"))
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 1).data() == made[2][1].text
    dialog.action_combo.setCurrentIndex(0)
    dialog.filter_edit.setText(made[0][1].text[:-1])
    assert dialog.model.rowCount() >= 1
    assert all(made[0][1].text[:-1] in (dialog.model.index(r, 1).data() or "") + (dialog.model.index(r, 0).data() or "")
               for r in range(dialog.model.rowCount()))
    dialog.filter_edit.setText("")
    dialog.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by text, in SQL
    shown = [dialog.model.index(r, 1).data() for r in range(3)]
    assert shown == sorted(shown)
    assert dialog.model.ids() == fix_listing.fix_ids(sort="text", descending=False)


def test_selection_tells_what_the_recogniser_reads_and_go_to_opens_the_span(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    made = make_fixes(window.corpus)
    dialog = tools_of(window).show()
    qtbot.addWidget(dialog)
    row = next(r for r in range(3) if dialog.model.index(r, 1).data() == made[0][1].text[:-1])
    dialog.table.selectRow(row)
    assert made[0][1].text in dialog.detail.text()  # without the fix: the longer entity
    assert dialog.go_button.isEnabled()
    dialog.go_button.click()
    aid, ent = made[0]
    assert window.current_article_id == aid
    assert window.view.textCursor().selectedText() == ent.text[:-1]


def test_remove_is_one_undoable_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    made = make_fixes(window.corpus)
    dialog: FixesDialog = tools_of(window).show()
    qtbot.addWidget(dialog)
    dialog.table.selectAll()
    with qtbot.waitSignal(window.entity_tools.correction_applied, timeout=30000):  # type: ignore[attr-defined]
        dialog.remove_button.click()
    assert occurrences.list_fixes(window.corpus) == []
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10000)
    aid, ent = made[0]
    assert (ent.start, ent.end, ent.type) in [(e.start, e.end, e.type) for e in window.corpus.entities(aid)]
    with qtbot.waitSignal(window.entity_tools.correction_applied, timeout=30000):  # type: ignore[attr-defined]
        window.undo_stack.undo()
    assert len(occurrences.list_fixes(window.corpus)) == 3
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=10000)
    assert "3" in dialog.summary.text()
