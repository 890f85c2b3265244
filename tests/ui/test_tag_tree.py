"""The codebook dock: a real tree model (qtmodeltester) and rename/move/merge/delete through the
window, each confirmed with the number of annotations affected and each undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from reader.corpus import Corpus
from reader.records import TagRecord
from ui.main_window import MainWindow
from ui.tag_tree import TagIdRole, TagTreeModel


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    aid = corpus.articles()[0].id
    parent = corpus.create_tag("监督").ids[0]
    corpus.create_tag("问责", parent_id=parent)
    corpus.create_tag("诫勉", parent_id=corpus.tag_by_name("问责").id)
    corpus.create_tag("追责")
    corpus.annotate(aid, 0, 4, tags=["问责"])
    corpus.annotate(aid, 5, 9, tags=["问责", "追责"])
    corpus.annotate(aid, 10, 14, tags=["诫勉"])
    corpus.annotate(aid, 15, 19, tags=["追责"])
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    win.open_article(aid)
    win.workbench.confirm = lambda title, text: True
    yield win
    win.close()
    corpus.close()


def _id(win: MainWindow, name: str) -> int:
    tag = win.corpus.tag_by_name(name)
    assert tag is not None, name
    return tag.id


def _names_under(model: TagTreeModel, parent: QModelIndex = QModelIndex()) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_model_passes_modeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TagTreeModel()
    tags = [TagRecord(1, "监督"), TagRecord(2, "问责", 1, "#ff0000", "accountability"),
            TagRecord(3, "诫勉", 2), TagRecord(4, "追责"), TagRecord(5, "孤儿", 99)]
    model.set_tags(tags, {2: 2, 3: 1}, {1: 3, 2: 3, 3: 1})
    qtmodeltester.check(model)
    assert _names_under(model) == ["孤儿", "监督", "追责"]
    sup = model.index(1, 0)
    assert _names_under(model, sup) == ["问责"]
    wz = model.index(0, 0, sup)
    assert model.index(0, 0, wz).data() == "诫勉"
    assert model.parent(model.index(0, 0, wz)) == wz
    assert model.index(0, 2, sup).data() == 3 and model.index(0, 1, sup).data() == 2
    assert model.index_of(3).data(TagIdRole) == 3
    model.set_tags([], {})
    qtmodeltester.check(model)


def test_window_tree_shows_hierarchy_and_counts(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.tag_tree.model
    qtmodeltester.check(model)
    sup = model.index_of(_id(window, "监督"))
    assert model.index(sup.row(), 2, sup.parent()).data() == 3  # 问责 2 + 诫勉 1, distinct
    wz = model.index_of(_id(window, "问责"))
    assert model.parent(wz) == sup
    assert model.index(wz.row(), 1, wz.parent()).data() == 2


def test_merge_confirms_count_and_undoes(window: MainWindow) -> None:
    asked: list[str] = []
    window.workbench.confirm = lambda title, text: asked.append(text) or True
    src, dst = _id(window, "问责"), _id(window, "追责")
    assert window.workbench.merge_tags(src, dst)
    assert "2 annotation(s)" in asked[-1] and "问责" in asked[-1] and "追责" in asked[-1]
    assert window.corpus.tag_by_name("问责") is None
    assert window.corpus.tag_annotation_count(dst) == 3
    assert window.corpus.tag(_id(window, "诫勉")).parent_id == dst
    assert "问责" not in [t.name for t in window.corpus.tags()]
    assert window.tag_tree.model.index_of(src) == QModelIndex()
    window.undo_action.trigger()
    assert window.corpus.tag_annotation_count(src) == 2 and window.corpus.tag_annotation_count(dst) == 2
    assert window.corpus.tag(_id(window, "诫勉")).parent_id == src
    assert window.tag_tree.model.index_of(src).isValid()
    window.redo_action.trigger()
    assert window.corpus.tag_by_name("问责") is None


def test_declined_confirmation_changes_nothing(window: MainWindow) -> None:
    window.workbench.confirm = lambda title, text: False
    tag = _id(window, "追责")
    assert not window.workbench.delete_tag(tag)
    assert window.corpus.tag_by_name("追责") is not None
    assert window.undo_stack.count() == 0
    assert "2 annotation(s)" in window.workbench.last_confirmation


def test_rename_move_delete_and_undo(window: MainWindow) -> None:
    wb = window.workbench
    aid = window.current_article_id
    tag = _id(window, "问责")
    assert wb.rename_tag(tag, "问责追究")
    assert "2 annotation(s)" in wb.last_confirmation
    assert window.corpus.tag(tag).name == "问责追究"
    assert any("问责追究" in a.tags for a in window.view.annotations)
    assert not wb.rename_tag(tag, "追责")  # exists: reported, nothing pushed
    assert window.undo_stack.count() == 1

    assert wb.move_tag(tag, None)
    assert "3 annotation(s)" in wb.last_confirmation  # with its child 诫勉
    assert window.corpus.tag(tag).parent_id is None
    assert not wb.move_tag(_id(window, "追责"), _id(window, "追责"))
    assert "itself" in wb.last_error and window.undo_stack.count() == 2

    assert wb.delete_tag(tag)
    assert "2 annotation(s)" in wb.last_confirmation
    assert window.corpus.tag_by_name("问责追究") is None
    assert window.corpus.tag(_id(window, "诫勉")).parent_id is None  # moved up to the root
    assert all("问责追究" not in a.tags for a in window.corpus.annotations(aid))

    window.undo_action.trigger()  # delete
    assert window.corpus.tag(tag).name == "问责追究" and window.corpus.tag_annotation_count(tag) == 2
    assert window.corpus.tag(_id(window, "诫勉")).parent_id == tag
    window.undo_action.trigger()  # move
    assert window.corpus.tag(tag).parent_id == _id(window, "监督")
    window.undo_action.trigger()  # rename
    assert window.corpus.tag(tag).name == "问责"
    assert window.undo_stack.index() == 0
    for _ in range(3):
        window.redo_action.trigger()
    assert window.corpus.tag_by_name("问责追究") is None


def test_colour_description_and_new_child(window: MainWindow) -> None:
    wb = window.workbench
    tag = _id(window, "追责")
    assert wb.edit_tag(tag, color="#aa0000", description="追究责任")
    assert window.tag_colors()["追责"] == "#aa0000"
    assert wb.create_tag("党纪处分", parent_id=tag)
    child = _id(window, "党纪处分")
    assert window.corpus.tag(child).parent_id == tag
    index = window.tag_tree.model.index_of(child)
    assert index.isValid() and index.parent().data() == "追责"
    window.undo_action.trigger()
    assert window.corpus.tag_by_name("党纪处分") is None
    window.undo_action.trigger()
    assert window.corpus.tag(tag).color != "#aa0000" and window.corpus.tag(tag).description == ""


def test_drag_a_tag_onto_another_moves_it_after_confirmation(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    model = window.tag_tree.model
    src = model.index_of(_id(window, "问责"))
    dst = model.index_of(_id(window, "追责"))
    data = model.mimeData([src])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(_id(window, "诫勉")))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, dst) is False  # the view moves no rows
    assert window.corpus.tag(_id(window, "问责")).parent_id == _id(window, "追责")
    assert "3 annotation(s)" in window.workbench.last_confirmation
    qtmodeltester.check(window.tag_tree.model)
    data = window.tag_tree.model.mimeData([window.tag_tree.model.index_of(_id(window, "问责"))])
    window.tag_tree.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert window.corpus.tag(_id(window, "问责")).parent_id is None
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.corpus.tag(_id(window, "问责")).parent_id == _id(window, "监督")
