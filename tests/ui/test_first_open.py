"""Opening an article cheaply: the list paints from one ``multiData`` call per cell that agrees
with ``data``; marking the opened article read re-reads nothing but its list row and touches
only that row; the highlight runs come from one sweep equal to the per-run scan."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from reader.records import AnnotationRecord, EntityRecord
from ui.coverage import coverage_runs


def test_the_list_paints_what_data_says(seeded_window) -> None:  # type: ignore[no-untyped-def]
    model = seeded_window.article_list.model
    delegate = QStyledItemDelegate()
    derived = next(r for r in range(model.rowCount()) if model.summary(r).title_derived)
    for row in (0, 1, derived, model.rowCount() - 1):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)  # asks the model through multiData
            assert option.text == (index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole)
            if font is not None:
                assert (option.font.bold(), option.font.italic()) == (font.bold(), font.italic())
            align = index.data(Qt.ItemDataRole.TextAlignmentRole)
            if align is not None:
                assert option.displayAlignment == Qt.AlignmentFlag(align)
    assert model.index(derived, 0).data(Qt.ItemDataRole.FontRole).italic()


def test_marking_read_touches_one_row_and_reads_the_article_once(seeded_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = seeded_window
    model, corpus = window.article_list.model, window.corpus
    row = 5
    article_id = model.article_id(row)
    assert model.summary(row).state == "unread"
    reads: list[int] = []
    real_article = corpus.article
    monkeypatch.setattr(corpus, "article", lambda i: reads.append(i) or real_article(i))
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row(), a.column(), b.column())))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    window.open_article(article_id)
    qtbot.waitUntil(lambda: corpus.article_rows([article_id])[0].state == "read", timeout=5000)
    qtbot.wait(20)
    assert reads == [article_id]  # the open; the state change re-reads no article
    assert changed == [(row, row, 0, model.columnCount() - 1)] and not resets
    font = model.index(row, 0).data(Qt.ItemDataRole.FontRole)
    assert model.summary(row).state == "read" and (font is None or not font.bold())
    assert window.view.article.state == "read"
    assert window.panel.state_combo.currentData() == "read"


def _scan(entities, coded, color):  # type: ignore[no-untyped-def]
    cuts = sorted({p for e in entities for p in (e.start, e.end)} | {p for a in coded for p in (a.start, a.end)})
    out = []
    for left, right in zip(cuts, cuts[1:]):
        types = [e.type for e in entities if e.start <= left and right <= e.end]
        colours = [color(a) for a in coded if a.start <= left and right <= a.end]
        if types or colours:
            out.append((left, right, types, colours))
    return out


def test_coverage_runs_equal_the_per_run_scan() -> None:
    rng = random.Random(13)
    for _ in range(200):
        entities = sorted((EntityRecord(s, s + rng.randint(1, 6), rng.choice("PLO"), "x", "rule")
                           for s in rng.sample(range(60), rng.randint(0, 12))), key=lambda e: (e.start, e.end))
        coded = []
        for n in range(rng.randint(0, 5)):
            s = rng.randint(0, 60)
            coded.append(AnnotationRecord(id=n, article_id=1, start=s, end=s + rng.randint(1, 20), quote="",
                                          prefix="", suffix="", tags=(f"t{n}",), note="", author="", created=None,
                                          updated=None, status="anchored"))
        color = lambda a: a.tags[0]  # noqa: E731
        assert coverage_runs(entities, coded, color) == _scan(entities, coded, color)
