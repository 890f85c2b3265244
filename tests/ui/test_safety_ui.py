"""Never lose or misplace work in the window (issue 10): the annotation panel never shows stale
fields or writes fields it did not show (item 4), undo fails safe against another writer
(item 2), a stale reader cannot store offsets of other text (item 5), Del deletes only what has
focus and is visibly selected, with Undo in the status bar (item 7), and backups can be
restored from the File menu."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from reader.corpus import Change, Corpus
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TITLE = "利剑高悬显锋芒"


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.workbench.confirm = lambda title, text: True
    win.safety_tools.confirm = lambda title, text: True
    yield win
    win.close()
    corpus.close()


def _open(win: MainWindow, title: str = TITLE) -> int:
    art = next(a for a in win.corpus.articles() if a.display_title == title)
    win.open_article(art.id)
    assert win.current_article_id == art.id
    return art.id


def _other(win: MainWindow) -> int:
    return next(a.id for a in win.corpus.articles() if a.display_title != TITLE and a.chars > 200)


def _select(win: MainWindow, quote: str, nth: int = 0) -> tuple[int, int]:
    text = win.view.article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    win.view.select_range(start, start + len(quote))
    win.view.setFocus()
    return start, start + len(quote)


def _annotate(win: MainWindow, quote: str, tags: list[str], note: str = "") -> int:
    start, end = _select(win, quote)
    win.panel.tags_edit.setText(", ".join(tags))
    win.panel.note_edit.setPlainText(note)
    win.panel.add_button.click()
    ann = next(a for a in win.corpus.annotations(win.current_article_id) if (a.start, a.end) == (start, end))
    return ann.id


# -- item 4: the panel --------------------------------------------------------------------
def test_a_note_added_with_n_survives_save_changes(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    window.panel.select_annotation(ann_id)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("用N写的笔记", True))
    window.workbench.actions["note"].trigger()
    assert window.corpus.annotation(ann_id).note == "用N写的笔记"
    assert window.panel.note_edit.toPlainText() == "用N写的笔记"  # the panel shows it
    window.panel.save_button.click()  # nothing changed in the panel: nothing is written
    assert window.corpus.annotation(ann_id).note == "用N写的笔记"
    window.panel.tags_edit.setText("问责, 整改")  # change only the tags
    window.panel.save_button.click()
    back = window.corpus.annotation(ann_id)
    assert back.tags == ("问责", "整改") and back.note == "用N写的笔记"


def test_a_renamed_tag_is_not_created_again_by_annotate_selection(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    window.panel.select_annotation(ann_id)
    tag = window.corpus.tag_by_name("问责")
    assert window.workbench.rename_tag(tag.id, "追责")
    assert window.panel.tags_edit.text() == "追责"  # the panel shows the new name
    _select(window, "巡察")
    window.panel.add_button.click()
    assert window.corpus.tag_by_name("问责") is None


def test_annotating_in_another_article_copies_nothing_from_the_last_one(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"], note="这一篇的笔记")
    window.panel.select_annotation(ann_id)
    assert window.panel.note_edit.toPlainText() == "这一篇的笔记"
    other = _other(window)
    window.open_article(other)
    assert window.panel.note_edit.toPlainText() == "" and window.panel.tags_edit.text() == ""
    text = window.view.article.text
    window.view.select_range(2, 6)
    window.panel.add_button.click()
    made = [a for a in window.corpus.annotations(other) if (a.start, a.end) == (2, 6)]
    assert made and made[0].tags == () and made[0].note == ""
    assert text  # the other article was shown


def test_typed_fields_are_kept_when_the_current_annotation_is_refreshed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    window.panel.select_annotation(ann_id)
    window.panel.note_edit.setPlainText("我正在写")
    window.corpus.add_annotation_tag(ann_id, "新标签")  # another pane changes the tags
    window.apply(Change("annotations", (window.current_article_id,), (ann_id,)))
    assert window.panel.note_edit.toPlainText() == "我正在写"
    assert window.panel.tags_edit.text() == "问责, 新标签"


# -- item 2: undo fails safe ----------------------------------------------------------------
def test_undo_of_a_delete_does_not_overwrite_what_the_cli_wrote(qtbot, window: MainWindow, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"], note="mine")
    window.workbench.delete_annotation(ann_id)
    result = subprocess.run([sys.executable, "-m", "reader", "--db", str(seeded_path), "annotate", str(aid),
                             "--start", "0", "--end", "2", "--note", "cli"], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    theirs = int(result.stdout)
    window.undo_stack.undo()
    assert window.corpus.annotation(ann_id).note == "mine"
    assert window.corpus.annotation(theirs).note == "cli"


def test_undo_refuses_and_drops_the_step_when_another_writer_edited(qtbot, window: MainWindow, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    steps = window.undo_stack.count()
    con = sqlite3.connect(seeded_path)
    con.execute("UPDATE annotation SET note = '另一个窗口', updated = '2031-01-01 00:00:00' WHERE id = ?", (ann_id,))
    con.commit()
    con.close()
    window.undo_stack.undo()  # would delete the other window's note
    assert window.corpus.annotation(ann_id).note == "另一个窗口"
    assert "Could not undo" in window.workbench.last_error
    assert window.undo_stack.count() < steps
    assert any(a.id == ann_id and a.note == "另一个窗口" for a in window.panel._annotations)


def _prepend(path: Path, article_id: int, head: str) -> None:
    """Another process changes an article's text, stored as Pizhu stores it (packed)."""
    from reader.store.packed_text import pack, unpack

    con = sqlite3.connect(path)
    (text,) = con.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()
    con.execute("UPDATE article SET text = ? WHERE id = ?", (pack(head + unpack(text)), article_id))
    con.commit()
    con.close()


# -- item 5: a stale reader -----------------------------------------------------------------
def test_reattach_on_a_stale_view_is_refused_and_the_view_reloads(qtbot, window: MainWindow, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    orphan = window.corpus.annotate(aid, 0, 2, tags=["孤儿"])
    window.corpus.db.execute_sql("UPDATE annotation SET status = 'orphan' WHERE id = ?", (orphan.id,))
    window.apply(Change("annotations", (aid,)))
    shown = window.view.article.text
    _prepend(seeded_path, aid, "新增的导语。")  # another process re-ingests a changed page
    start, end = _select(window, "诫勉谈话")
    window.panel.select_annotation(orphan.id)
    window.panel.reattach_button.click()
    back = window.corpus.annotation(orphan.id)
    assert back.status == "orphan"  # nothing stored on the wrong text
    assert "re-ingested" in window.workbench.last_error
    assert window.view.article.text != shown and window.view.article.text.startswith("新增的导语。")
    _select(window, "诫勉谈话")
    window.panel.select_annotation(orphan.id)
    window.panel.reattach_button.click()
    back = window.corpus.annotation(orphan.id)
    assert back.status == "anchored" and back.quote == "诫勉谈话"


def test_a_change_by_another_process_reloads_the_open_article(qtbot, window: MainWindow, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    _prepend(seeded_path, aid, "改过的。")
    assert window.safety_tools.poll()
    assert window.view.article.text.startswith("改过的。")



def test_a_damaged_text_written_by_another_process_is_reported_not_raised(qtbot, window: MainWindow, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _open(window)
    shown = window.view.article.text
    con = sqlite3.connect(seeded_path)
    (text,) = con.execute("SELECT text FROM article WHERE id = ?", (aid,)).fetchone()
    broken = bytearray(text)
    broken[len(broken) // 2] ^= 0xFF
    con.execute("UPDATE article SET text = ? WHERE id = ?", (bytes(broken), aid))
    con.commit()
    con.close()
    assert window.safety_tools.poll()  # noticed, and no exception escapes into the event loop
    assert window.view.article.text == shown
    assert "damaged" in window.statusBar().currentMessage() and str(seeded_path) in window.statusBar().currentMessage()

# -- item 7: Del ------------------------------------------------------------------------------
def test_del_deletes_only_what_has_focus_and_is_visibly_selected(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    window.panel.select_annotation(ann_id)
    delete = window.workbench.actions["delete"]
    _select(window, "巡察")  # another passage is selected in the reader
    delete.trigger()
    assert window.corpus.annotation(ann_id)
    assert "Nothing deleted" in window.statusBar().currentMessage()
    window.panel.note_edit.setFocus()  # typing in the note field
    QApplication.processEvents()
    delete.trigger()
    assert window.corpus.annotation(ann_id)
    _select(window, "诫勉谈话")  # exactly its passage, in the reader that has the focus
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.view
    delete.trigger()
    assert ann_id not in {a.id for a in window.corpus.annotations()}
    assert "Deleted the annotation «诫勉谈话» (问责)" in window.statusBar().currentMessage()
    button = window.workbench.undo_notice().button
    assert button.isVisible()
    button.click()
    assert window.corpus.annotation(ann_id).tags == ("问责",)
    assert not button.isVisible()


def test_del_in_the_annotation_list_deletes_its_selected_row(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open(window)
    ann_id = _annotate(window, "诫勉谈话", ["问责"])
    window.panel.select_annotation(ann_id)
    window.panel.list.setFocus()
    QApplication.processEvents()
    window.panel.list.currentItem().setSelected(True)
    window.workbench.actions["delete"].trigger()
    assert ann_id not in {a.id for a in window.corpus.annotations()}


# -- backups in the window ----------------------------------------------------------------------
def test_restore_from_backup_in_the_file_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert "backup_now" in names and "restore_backup" in names
    _open(window)
    kept = _annotate(window, "诫勉谈话", ["保留"])
    task = window.safety_tools.backup_now()
    qtbot.waitUntil(lambda: window.runner.running() == 0)
    assert task is not None
    lost = _annotate(window, "巡察", ["之后"])
    dialog = window.safety_tools.show_backups()
    manual = next(i for i, r in enumerate(dialog.rows) if r.reason == "manual")
    assert dialog.rows[manual].annotations == len(window.corpus.annotations()) - 1
    assert dialog.table.item(manual, 1).text() == "by hand"
    dialog.table.selectRow(manual)
    with qtbot.waitSignal(window.safety_tools.restored, timeout=20000):
        dialog.restore_button.click()
    ids = {a.id for a in window.corpus.annotations()}
    assert kept in ids and lost not in ids
    assert window.undo_stack.count() == 0
    assert any(r.reason == "restore" for r in window.corpus.backups())
    assert lost not in {a.id for a in window.panel._annotations}


# -- item 6: a correction is confirmed with the count of places it changes ------------------
def test_a_correction_is_applied_only_after_confirming_its_count(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tools = window.entity_tools
    qtbot.waitUntil(lambda: window.runner.running() == 0, timeout=30000)
    asked: list[str] = []
    tools.confirm = lambda title, text: asked.append(text) or False
    tools.mark("娄星", "ORG")
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert "with another type" in asked[0] and "part of a longer name" in asked[0]
    qtbot.waitUntil(lambda: window.runner.running() == 0, timeout=30000)
    from reader.coding import corrections

    assert corrections.list_corrections(window.corpus) == []
    tools.confirm = lambda title, text: True
    with qtbot.waitSignal(tools.correction_applied, timeout=30000):
        tools.mark("娄星", "ORG")
    assert [(c.text, c.type) for c in corrections.list_corrections(window.corpus)] == [("娄星", "ORG")]


def test_reingesting_a_changed_page_in_the_window_reloads_the_reader(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # a page is known by its path: the user edits the file they ingested and ingests it again
    source = window.corpus.article(_open(window)).source
    page = tmp_path / "mine" / source
    page.parent.mkdir()
    original = (ROOT / "seeds" / source).read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    corpus = Corpus(tmp_path / "mine.sqlite3")
    corpus.ingest([str(page)])
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    aid = _open(win)
    page.write_text(original.replace("今年以来", "今年以来（补记）", 1), encoding="utf-8")
    with qtbot.waitSignal(win.ingest_finished, timeout=60000):
        win.ingest([str(page)], modal=False)
    assert "（补记）" in win.corpus.article(aid).text
    assert win.view.article.text == win.corpus.article(aid).text
    win.runner.wait(30000)
    win.close()
    corpus.close()


def test_undoing_a_merge_refuses_when_a_merged_annotation_was_edited_since(qtbot, window: MainWindow, seeded_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from reader.coding.merge import merge_file
    from ui.team_undo import MergeCommand

    other = tmp_path / "other.sqlite3"
    shutil.copyfile(seeded_path, other)
    aid = window.corpus.articles()[0].id
    made = subprocess.run([sys.executable, "-m", "reader", "--db", str(other), "--coder", "乙", "annotate", str(aid),
                           "--start", "2", "--end", "6", "--tag", "合并", "--note", "乙的"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)  # another coder's copy
    assert made.returncode == 0, made.stderr
    report = merge_file(other, "乙")
    assert report.annotations_added
    command = MergeCommand(window.corpus, window.apply, "Merge", report)
    command.on_refused = window.workbench.on_command_refused
    window.undo_stack.push(command)
    merged = report.annotations_added[0]
    window.corpus.set_annotation_note(merged, "甲改过")  # edited after the merge (another window, say)
    con = sqlite3.connect(seeded_path)
    con.execute("UPDATE annotation SET updated = '2032-01-01 00:00:00' WHERE id = ?", (merged,))
    con.commit()
    con.close()
    window.undo_stack.undo()
    assert window.corpus.annotation(merged).note == "甲改过"
    assert "Could not undo" in window.workbench.last_error
