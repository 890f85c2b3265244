"""Corpora and files: New / Open / Recent corpora swap the window's corpus (a bad file leaves
the old one open); pages come in by dialog or drag and drop with a progress dialog that names
the file, moves within a page and can be cancelled; page dates and document properties are
shown and edited from the reader (undoably); empty states, the tour and About."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reader.corpus import Corpus
from ui.app import App
from ui.main_window import SEEDS_DIR, MainWindow
from ui.settings import Settings

WAIT = 120000


@pytest.fixture
def app_controller(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    controller = App(QApplication.instance(), Settings())  # type: ignore[arg-type]
    window = controller.open(str(seeded_path))
    window.show()
    yield controller
    if controller.window is not None:
        controller.window.close()
    if controller.corpus is not None:
        controller.corpus.close()


def test_new_open_and_recent_corpora_swap_the_window(qtbot, app_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = app_controller.window
    seeded = str(first.corpus.path)
    fresh = tmp_path / "new-corpus.sqlite3"
    first.files.request_corpus(str(fresh))
    second = app_controller.window
    assert second is not first and Path(str(second.corpus.path)) == fresh and fresh.exists()
    assert second.corpus.is_empty() and second.reader.is_empty()  # an empty state, not a blank page
    assert second.article_list.empty_label.isVisible() or second.article_list.model.rowCount() == 0
    assert app_controller.settings.recent_corpora[:2] == [str(fresh), seeded]
    second.files._fill_recent_menu()
    labels = [a.text() for a in second.files.recent_menu.actions()]
    assert any(Path(seeded).name in label for label in labels)
    recent = next(a for a in second.files.recent_menu.actions() if Path(seeded).name in a.text())
    recent.trigger()
    third = app_controller.window
    assert str(third.corpus.path) == seeded and not third.corpus.is_empty()
    qtbot.waitUntil(lambda: third.current_article_id is not None)
    # a file that is not a corpus: refused with the old corpus still open
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database", encoding="utf-8")
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    original = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda _parent, _title, text, *a: shown.append(text))  # type: ignore[assignment]
    try:
        third.files.request_corpus(str(bad))
    finally:
        QMessageBox.warning = original  # type: ignore[assignment]
    assert shown and "notes.sqlite3" in shown[0]
    assert str(app_controller.window.corpus.path) == seeded
    assert bad.read_text(encoding="utf-8") == "not a database"


def _drop_event(cls, paths: list[Path]):  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = cls(QPointF(10, 10).toPoint() if cls is QDragEnterEvent else QPointF(10, 10),
                Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return event, mime


def test_pages_dropped_on_the_window_are_ingested_with_progress(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.corpus_files import CorpusFiles

    progress: list[tuple[int, int, str]] = []
    shown = CorpusFiles._on_task_progress
    monkeypatch.setattr(CorpusFiles, "_on_task_progress",
                        lambda self, d, t, label: (progress.append((d, t, label)), shown(self, d, t, label)))
    corpus = Corpus(tmp_path / "drop.sqlite3")
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    assert window.reader.is_empty() and window.reader.empty.add_files_button.isVisible()
    pages = sorted(SEEDS_DIR.glob("*.txt"))[:2]
    other = tmp_path / "picture.png"
    other.write_bytes(b"\x89PNG")
    enter, mime = _drop_event(QDragEnterEvent, [other])
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted(), "only pages and folders are taken"
    enter, mime = _drop_event(QDragEnterEvent, pages)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop, mime = _drop_event(QDropEvent, pages)
    with qtbot.waitSignal(window.ingest_finished, timeout=WAIT) as blocker:
        QApplication.sendEvent(window, drop)
    report = blocker.args[0]
    assert len(report.added) == 2 and not window.reader.is_empty()
    named = [p for p in progress if p[2]]
    assert {p[2] for p in named} == {p.name for p in pages}, "the current file is named"
    steps_first = [d for d, t, label in named if label == pages[0].name]
    assert len(set(steps_first)) > 2, "the bar moves within a page"
    assert window.current_article_id is not None
    window.close()
    corpus.close()


def test_ingest_progress_dialog_names_the_file_and_cancels(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(tmp_path / "cancel.sqlite3")
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(page, folder / page.name)
    with qtbot.waitSignal(window.ingest_finished, timeout=WAIT) as blocker:
        task = window.ingest([str(folder)])
        dialog = window.files.progress
        qtbot.waitUntil(lambda: ".txt" in dialog.labelText(), timeout=WAIT)
        assert "of 5" in dialog.labelText()
        from PySide6.QtWidgets import QPushButton

        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel").click()
    assert task.is_cancelled() and blocker.args[0].cancelled
    assert len(blocker.args[0].added) < 5
    window.close()
    corpus.close()


def test_page_facts_are_shown_and_edited_from_the_reader(qtbot, seeded_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.properties_dialog import PropertiesDialog

    corpus = Corpus(seeded_path)
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    window.open_first_article()
    assert "undated" in window.header.label.text()
    assert window.view.article.source in window.header.toolTip()

    def fill(dialog: PropertiesDialog) -> int:
        assert dialog.undated_box.isChecked()
        dialog.undated_box.setChecked(False)
        dialog.date_edit.setDate(dt.date(2020, 7, 23))
        dialog.paper_edit.setText("娄底日报")
        dialog.page_spin.setValue(2)
        return 1

    monkeypatch.setattr(PropertiesDialog, "exec", fill)
    window.properties_action.trigger()
    source = window.view.article.source
    facts = corpus.page_facts(source)
    assert (facts.published, facts.paper, facts.page) == (dt.date(2020, 7, 23), "娄底日报", 2)
    header = window.header.label.text()
    assert "2020-07-23" in header and "娄底日报" in header and "2" in header
    model = window.article_list.model
    row = model.row_of(window.current_article_id)
    assert model.index(row, model.COLUMNS.index("date")).data() == "2020-07-23"
    assert model.index(row, model.COLUMNS.index("paper")).data() == "娄底日报"
    window.undo_action.trigger()
    assert corpus.page_facts(source).published is None and "undated" in window.header.label.text()
    assert model.index(row, model.COLUMNS.index("date")).data() == ""
    window.close()
    corpus.close()


def test_tour_about_and_shortcut_help(qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    assert not window.settings.tour_done
    tour = window.help.maybe_first_run()
    assert tour is not None and tour.pages.count() == 3
    tour.go(1)
    tour.do_buttons[1].click()
    assert window.focusWidget() is window.view
    tour.go(1)
    tour.do_buttons[2].click()
    assert window.corpus_panel.current_key() == "search"
    tour.accept()
    assert window.settings.tour_done and window.help.maybe_first_run() is None
    about = window.help.show_about()
    text = about.versions_label.text()
    for name in ("Pizhu", "Python", "Qt", "PySide6", "SQLite"):
        assert name in text
    help_dialog = window.help.show_shortcuts()
    keys = help_dialog.shortcuts()
    assert keys["Add pages…"] == "Ctrl+I" and keys["Open corpus…"] == "Ctrl+O" and keys["Zoom in"]
    # every menu action can be reached from the keyboard: a shortcut or a mnemonic in its menu
    for section, actions in window.shortcut_sections():
        for action in actions:
            if action.menu() is None and action.isVisible() and action.text():
                assert "&" in action.text() or not action.shortcut().isEmpty() or action.text()[0].isalnum(), \
                    (section, action.text())
    window.close()
    corpus.close()


def test_a_dropped_corpus_is_opened_and_the_reading_position_comes_back(qtbot, app_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    window = app_controller.window
    seeded = str(window.corpus.path)
    model = window.article_list.model
    longest = max(range(model.rowCount()), key=lambda r: model.summary(r).chars)
    target = model.article_id(longest)
    window.open_article(target)
    bar = window.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).close()  # an empty SQLite file: a new corpus when opened
    enter, _mime = _drop_event(QDragEnterEvent, [other])
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop, _mime = _drop_event(QDropEvent, [other])
    QApplication.sendEvent(window, drop)  # dropping a corpus file opens it
    assert Path(str(app_controller.window.corpus.path)) == other
    app_controller.window.files.request_corpus(seeded)
    back = app_controller.window
    app_controller.reopen_last_article()
    assert back.current_article_id == target
    again = back.view.verticalScrollBar()
    qtbot.waitUntil(lambda: again.value() > 0, timeout=5000)
    assert abs(again.value() / again.maximum() - 0.5) < 0.05


def test_the_days_backup_is_made_off_the_gui_thread_when_the_window_opens(qtbot, seeded_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from reader.store import backup as bk

    path = tmp_path / "today.sqlite3"
    shutil.copyfile(seeded_path, path)  # no backups beside it: today's is due
    on_gui_thread: list[bool] = []
    real = bk.backup_database

    def spy(db, reason, dest=None):  # type: ignore[no-untyped-def]
        if Path(str(db.database)) == path:
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(db, reason, dest)

    monkeypatch.setattr(bk, "backup_database", spy)
    controller = App(QApplication.instance(), Settings())  # type: ignore[arg-type]
    window = controller.open(str(path))
    window.show()
    assert bk.list_backups(path) == []  # the window is up before the copy starts
    qtbot.waitUntil(lambda: any(b.reason == "daily" for b in bk.list_backups(path)), timeout=WAIT)
    qtbot.waitUntil(lambda: window.runner.running() == 0, timeout=WAIT)
    assert on_gui_thread == [False]
    daily = [b for b in bk.list_backups(path) if b.reason == "daily"]
    assert len(daily) == 1 and daily[0].articles == window.corpus.article_count()
    window.close()
    controller.corpus.close()
