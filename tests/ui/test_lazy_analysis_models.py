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


def test_reprint_clusters_are_paged_and_sorted_in_sql(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import reprint_pages, reprints
    from reader.store.models import Article
    from ui.reprints_view import ReprintsView

    arts = corpus.articles()
    source = corpus.article(arts[0].id).text
    for other in arts[1:3]:  # two reprints of the first article
        Article.update(text=source, chars=len(source)).where(Article.id == other.id).execute()
    other_text = corpus.article(arts[5].id).text
    Article.update(text=other_text, chars=len(other_text)).where(Article.id == arts[6].id).execute()
    reprints.cluster(0.8)
    view = ReprintsView(corpus)
    qtbot.addWidget(view)
    real = reprints.stored_clusters
    reprints.stored_clusters = lambda: (_ for _ in ()).throw(AssertionError("the whole clustering read"))
    try:
        view.refresh()  # shows the stored clustering from its first rows: no cluster list read
    finally:
        reprints.stored_clusters = real
    model = view.clusters_model
    assert model.rowCount() == len(reprints.stored_clusters()) >= 2
    qtmodeltester.check(model)
    printings = model.COLUMNS.index("printings")
    view.clusters.sortByColumn(printings, Qt.SortOrder.DescendingOrder)
    sizes = [model.index(r, printings).data() for r in range(model.rowCount())]
    assert sizes == sorted(sizes, key=int, reverse=True) and sizes[0] == "3"
    assert model.ids() == reprint_pages.cluster_ids("printings", True)
    view.select_cluster(0)
    members = view.members_model.records()
    assert len(members) == 3 and members[0]["first"] and {m["article"] for m in members} == {a.id for a in arts[:3]}
    assert len(view.export_records()) == sum(len(c.articles) for c in reprints.stored_clusters())
    qtmodeltester.check(model)
