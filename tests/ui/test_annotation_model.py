"""The lazy annotation list: ids from the corpus (filters and sort in SQL), rows fetched in
blocks, a change naming annotations touching only their rows (an edit re-reads one row, a
deletion removes one row, a new annotation inserts one), all under Qt's model tester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.coding.annotations import AnnotationQuery
from reader.corpus import Corpus
from ui.annotations_view import AnnotationsView, AnnotationTableModel


class Counting:
    """The corpus as the model's source, recording which rows it was asked for."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.fetched: list[list[int]] = []
        self.id_queries = 0

    def annotation_ids(self, query=None, sort="article", descending=False):  # type: ignore[no-untyped-def]
        self.id_queries += 1
        return self.corpus.annotation_ids(query, sort, descending)

    def annotation_rows(self, ids):  # type: ignore[no-untyped-def]
        self.fetched.append(list(ids))
        return self.corpus.annotation_rows(ids)


@pytest.fixture
def coded(corpus: Corpus) -> Corpus:
    """The seeds with 450 annotations (several blocks), every third tagged 重点."""
    with corpus.db.atomic():  # one transaction: the fixture stays quick
        for n, summary in enumerate(s for s in corpus.articles() if s.chars > 60):
            for k in range(30):
                tags = ["重点"] if k % 3 == 0 else ["背景"]
                corpus.annotate(summary.id, 2 * k, 2 * k + 2, tags=tags, note=f"注{n}-{k}")
            if n == 14:
                break
    return corpus


def test_annotation_model_passes_the_qt_model_tester_through_changes(qtmodeltester, coded: Corpus) -> None:  # type: ignore[no-untyped-def]
    model = AnnotationTableModel(coded)
    model.set_query(AnnotationQuery())
    assert model.rowCount() == len(coded.find_annotations()) >= 400
    qtmodeltester.check(model)
    ids = model.ids()
    for ann_id in ids[100:110]:
        coded.delete_annotation(ann_id)
    new = coded.annotate(coded.annotation(ids[0]).article_id, 0, 3, tags=["新"])
    model.refresh([*ids[100:110], new.id])
    assert new.id in model.ids() and ids[105] not in model.ids()
    model.sort(AnnotationTableModel.COLUMNS.index("quote"), Qt.SortOrder.DescendingOrder)
    model.set_query(AnnotationQuery(text="注3-"))
    qtmodeltester.check(model)


def test_rows_are_read_a_block_at_a_time_with_titles_not_texts(coded: Corpus) -> None:
    source = Counting(coded)
    model = AnnotationTableModel(source)
    model.set_query(AnnotationQuery())
    assert source.fetched == []  # nothing read before a row is shown
    title = model.index(0, AnnotationTableModel.COLUMNS.index("article")).data()
    first = coded.annotation(model.id_at(0))
    assert title == coded.article(first.article_id).display_title
    assert [len(f) for f in source.fetched] == [model.BLOCK]
    model.index(5, 0).data()
    assert len(source.fetched) == 1  # the same block, cached


def test_a_change_naming_annotations_touches_only_their_rows(qtbot, coded: Corpus) -> None:  # type: ignore[no-untyped-def]
    source = Counting(coded)
    model = AnnotationTableModel(source)
    model.set_query(AnnotationQuery())
    model.index(0, 0).data()
    target = model.id_at(7)
    change = coded.update_annotation(target, tags=["改"])
    source.fetched.clear()
    queries = source.id_queries
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), b.row())))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.rowsRemoved):
        model.refresh(change.ids)
    assert changed == [(7, 7)] and source.fetched == [[target]] and source.id_queries == queries
    assert model.index(7, AnnotationTableModel.COLUMNS.index("tags")).data() == "改"
    # a deletion is one row removed, not a reset
    gone = model.id_at(3)
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.refresh(coded.delete_annotation(gone).ids)
    assert removed == [(3, 3)] and gone not in model.ids()


def test_under_a_tag_filter_an_edit_moves_the_row_out(qtbot, coded: Corpus) -> None:  # type: ignore[no-untyped-def]
    tag = next(t for t in coded.tags() if t.name == "重点")
    model = AnnotationTableModel(coded)
    model.set_query(AnnotationQuery(tag_id=tag.id))
    before = model.ids()
    assert before and all("重点" in model.annotation(r).record.tags for r in range(len(before)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.refresh(coded.update_annotation(before[2], tags=["背景"]).ids)
    assert model.ids() == before[:2] + before[3:]


def test_sorting_happens_in_sql_and_keeps_the_ids(coded: Corpus) -> None:
    model = AnnotationTableModel(coded)
    model.set_query(AnnotationQuery())
    ids = model.ids()
    model.sort(AnnotationTableModel.COLUMNS.index("created"), Qt.SortOrder.DescendingOrder)
    assert model.ids() == coded.annotation_ids(AnnotationQuery(), "created", True)
    assert sorted(model.ids()) == sorted(ids) and model.ids() != ids
    model.sort(AnnotationTableModel.COLUMNS.index("tags"))  # not a sortable column: unchanged
    assert model.ids() == coded.annotation_ids(AnnotationQuery(), "created", True)
    with pytest.raises(ValueError, match="unknown annotation sort"):
        coded.annotation_ids(AnnotationQuery(), "colour")


def test_the_view_follows_window_changes_row_by_row(qtbot, coded: Corpus) -> None:  # type: ignore[no-untyped-def]
    view = AnnotationsView(coded)
    qtbot.addWidget(view)
    view.show()
    model = view.model
    count = model.rowCount()
    view.table.selectRow(4)
    selected = model.id_at(4)
    first = coded.annotation(model.id_at(0))
    with qtbot.assertNotEmitted(model.modelReset):
        new = coded.annotate(first.article_id, 0, 1, tags=["新"])
        view.on_corpus_changed(coded.set_annotation_note(new.id, "新注"))
    assert model.rowCount() == count + 1 and str(count + 1) in view.count_label.text()
    assert model.id_at(view.table.currentIndex().row()) == selected  # the selection stayed on its row
    view.hide()
    coded.delete_annotation(new.id)
    view.on_corpus_changed(coded.set_annotation_note(selected, "x"))
    assert view.stale  # hidden: read when shown again, as a difference
    with qtbot.assertNotEmitted(model.modelReset):
        view.show()
    assert model.rowCount() == count and "%d" % count in view.count_label.text()


def test_marking_an_article_read_touches_one_list_row_and_no_other_view(qtbot, coded: Corpus) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(coded)  # no runner given to the views' jobs: searches run at once
    qtbot.addWidget(window)
    window.show()
    window.corpus_panel.show_view("annotations")
    views = window.corpus_views  # type: ignore[attr-defined]
    views.search.set_query("的")
    views.search.run_search()
    qtbot.waitUntil(lambda: views.search.model.rowCount() > 0)
    annotations = window.annotations_view.model
    assert annotations.rowCount() > 0
    annotations.index(0, 0).data()
    unread = next(s.id for s in coded.articles() if s.state == "unread")
    asked: list[str] = []
    for name in ("annotation_ids", "annotation_rows"):
        real = getattr(coded, name)
        setattr(coded, name, lambda *a, _n=name, _r=real, **k: asked.append(_n) or _r(*a, **k))
    list_changes: list[tuple[int, int]] = []
    window.article_list.model.dataChanged.connect(lambda a, b, _r=(): list_changes.append((a.row(), b.row())))
    with qtbot.assertNotEmitted(annotations.dataChanged), qtbot.assertNotEmitted(annotations.modelReset), \
            qtbot.assertNotEmitted(views.search.results_ready), \
            qtbot.assertNotEmitted(window.article_list.model.modelReset):
        window.open_article(unread)
        qtbot.waitUntil(lambda: coded.article_rows([unread])[0].state == "read")
        qtbot.wait(50)
    row = window.article_list.model.row_of(unread)
    assert list_changes == [(row, row)]
    assert "annotation_ids" not in asked and "annotation_rows" not in asked
    window.close()
