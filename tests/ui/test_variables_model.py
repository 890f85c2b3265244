"""The variables view as a lazy model: one article a row, variables read for the rows shown,
sorted in SQL, a change re-reading the rows it names only; checked by Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.analysis import variable_pages, variables
from reader.changes import Change
from reader.corpus import Corpus
from ui.variables_view import VariablesView


def test_rows_are_read_when_shown_sorted_in_sql_and_refreshed_one_by_one(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    ids = corpus.article_ids()
    variables.set_variable(ids[:3], "region", "娄底")
    variables.set_variable(ids[3:5], "region", "永州")
    view = VariablesView(corpus)  # no runner: the job runs at once
    qtbot.addWidget(view)
    view.run()
    model = view.model
    assert model.rowCount() == len(ids) and "region" in model.COLUMNS
    assert model.cached_rows() == 0  # nothing read before a row is shown or asked for
    qtmodeltester.check(model)
    region = model.COLUMNS.index("region")
    view.table.sortByColumn(region, Qt.SortOrder.DescendingOrder)
    shown = [model.index(r, region).data() for r in range(6)]
    assert shown == ["永州", "永州", "娄底", "娄底", "娄底", "—"]  # unknown values last
    assert model.ids() == variable_pages.sorted_ids(ids, "region", True)
    date = model.COLUMNS.index("date")
    view.table.sortByColumn(date, Qt.SortOrder.AscendingOrder)
    assert model.ids() == variable_pages.sorted_ids(ids, "date")
    qtmodeltester.check(model)

    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), b.row())))
    model.modelReset.connect(lambda: changed.append((-1, -1)))
    target = ids[7]
    change = variables.set_variable([target], "region", "衡阳")
    assert view.on_corpus_changed(change)
    row = model.row_of(target)
    assert changed == [(row, row)] and model.index(row, region).data() == "衡阳"
    assert view.on_corpus_changed(Change("annotations", (target,), (1,)))  # no variable changed: nothing
    assert changed == [(row, row)]
    new = variables.set_variable([target], "genre", "评论")  # a new variable: the view runs again
    assert not view.on_corpus_changed(new) and view.stale
