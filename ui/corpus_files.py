"""Corpora and files in the window: File → New corpus / Open corpus / Recent corpora (the app
swaps the window's corpus when ``corpus_requested(path)`` fires), Add pages / Add a folder by
dialog or by dropping them on the window, and the ingest progress dialog (current file named,
file i of n, a bar that moves within a page as its articles are recognised, Cancel)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from reader.ingest import IngestReport
from reader.store.postgres import is_server_uri
from reader.text.sources import PAGE_SUFFIXES
from ui.errors import describe, describe_failure
from ui.i18n import listing
from ui.server_corpus import server_label
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STEPS_PER_FILE = 60  # progress steps per page: reading, parsing, then its articles


CORPUS_SUFFIXES = (".sqlite3", ".pizhu", ".db")


def droppable_paths(urls: list) -> list[str]:  # type: ignore[type-arg]
    """Local files with a page suffix, folders, and corpus files, among dropped URLs."""
    out = []
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or path.suffix.lower() in PAGE_SUFFIXES or path.suffix.lower() in CORPUS_SUFFIXES:
            out.append(str(path))
    return out


def _takes(fn: object, name: str) -> bool:
    """Whether ``fn`` accepts the keyword ``name`` (the core's ingest may not report steps)."""
    import inspect

    try:
        return name in inspect.signature(fn).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


class CorpusFiles(QObject):
    """The File menu's corpus and page actions of one window."""

    corpus_requested = Signal(str)  # path of the corpus to open in place of this one
    ingest_finished = Signal(object)  # IngestReport

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.progress: QProgressDialog | None = None
        self.steps = 1  # progress steps per page of the running ingest
        self._files_total = 0
        self.new_action = QAction(self.tr("&New corpus…"), window, shortcut=QKeySequence("Ctrl+N"))
        self.open_action = QAction(self.tr("&Open corpus…"), window, shortcut=QKeySequence("Ctrl+O"))
        self.recent_menu = QMenu(self.tr("&Recent corpora"), window)
        self.add_files_action = QAction(self.tr("&Add pages…"), window, shortcut=QKeySequence("Ctrl+I"))
        self.add_files_action.setStatusTip(self.tr("Add newspaper page files (text or Markdown) to this corpus"))
        self.add_folder_action = QAction(self.tr("Add a &folder of pages…"), window,
                                         shortcut=QKeySequence("Ctrl+Shift+I"))
        self.new_action.triggered.connect(self._on_new_action_triggered)
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.add_files_action.triggered.connect(self._on_add_files_action_triggered)
        self.add_folder_action.triggered.connect(self._on_add_folder_action_triggered)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        window.setAcceptDrops(True)
        window.installEventFilter(self)  # pages and folders dropped on the window

    def corpus_filter(self) -> str:
        return self.tr("Pizhu corpora (*.sqlite3 *.pizhu *.db);;All files (*)")

    def page_filter(self) -> str:
        return self.tr("Text pages (*.txt *.md *.markdown *.text);;All files (*)")

    def build_menu(self, menu: QMenu) -> None:
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.add_files_action)
        menu.addAction(self.add_folder_action)

    # -- corpora ---------------------------------------------------------------------------
    def request_corpus(self, path: str) -> None:
        if is_server_uri(path):  # signed in through the server dialog (progress, Stop, errors)
            self.window.server.open_recent(path)  # type: ignore[attr-defined]
            return
        if os.path.abspath(path) == os.path.abspath(str(self.window.corpus.path)):
            self.window.statusBar().showMessage(self.tr("That corpus is already open"), 4000)
            return
        self.corpus_requested.emit(path)

    @Slot()
    def _on_new_action_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New corpus"), self._start_dir(),
                                              self.corpus_filter(),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        if not Path(path).suffix:
            path += ".sqlite3"
        if Path(path).exists():
            QMessageBox.warning(self.window, self.tr("New corpus"),
                                self.tr("%s already exists. Choose a new name, or use Open corpus.") % path)
            return
        self.request_corpus(path)

    @Slot()
    def _on_open_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open corpus"), self._start_dir(),
                                              self.corpus_filter())
        if path:
            self.request_corpus(path)

    def _start_dir(self) -> str:
        return str(Path(str(self.window.corpus.path)).parent)

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.window.corpus.location
        current = current if is_server_uri(current) else os.path.abspath(current)
        recent = [p for p in self.window.settings.recent_corpora
                  if (p if is_server_uri(p) else os.path.abspath(p)) != current]
        for number, path in enumerate(recent, 1):
            name = self.tr("%s (server)") % server_label(path) if is_server_uri(path) else Path(path).name
            label = f"&{number} {name}" if number < 10 else name
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setEnabled(is_server_uri(path) or Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.request_corpus(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No other corpus opened yet"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self._on_clear_recent_triggered)

    @Slot()
    def _on_clear_recent_triggered(self) -> None:
        self.window.settings.recent_corpora = [self.window.corpus.location]

    # -- pages -----------------------------------------------------------------------------
    @Slot()
    def _on_add_files_action_triggered(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Add pages"), "", self.page_filter())
        if files:
            self.ingest(files)

    @Slot()
    def _on_add_folder_action_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add a folder of pages"))
        if folder:
            self.ingest([folder])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and isinstance(event, QDragEnterEvent) and self.accepts_drag(event):
            event.acceptProposedAction()
            return True
        if watched is self.window and isinstance(event, QDropEvent) and self.drop(event):
            event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

    def accepts_drag(self, event: QDragEnterEvent) -> bool:
        mime = event.mimeData()
        return mime.hasUrls() and bool(droppable_paths(mime.urls()))

    def drop(self, event: QDropEvent) -> bool:
        """Pages and folders are added; a dropped corpus file is opened instead."""
        paths = droppable_paths(event.mimeData().urls())
        corpora = [p for p in paths if Path(p).is_file() and Path(p).suffix.lower() in CORPUS_SUFFIXES]
        if corpora:
            self.request_corpus(corpora[0])
            return True
        if not paths:
            return False
        self.ingest(paths)
        return True

    def ingest(self, paths: list[str], modal: bool = True) -> Task:
        """Ingest off the GUI thread with a cancellable progress dialog."""
        w = self.window
        self.steps = STEPS_PER_FILE if _takes(w.corpus.ingest, "steps_per_file") else 1
        extra = {"steps_per_file": self.steps} if self.steps > 1 else {}
        task = Task(w.corpus.ingest, paths, **extra)
        dialog = QProgressDialog(self.tr("Looking for pages…"), self.tr("Cancel"), 0, 0, w)
        dialog.setWindowTitle(self.tr("Adding pages"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(task.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling after the current page…")))
        task.signals.progress.connect(self._on_task_progress)
        task.signals.returned.connect(self._on_ingest_returned)
        task.signals.errored.connect(self._on_task_errored)
        task.signals.finished.connect(dialog.close)
        self.progress = dialog
        dialog.show()
        return w.runner.start(task)

    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, label: str) -> None:
        if self.progress is None or self.progress.wasCanceled():
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        files = max(1, total // self.steps)
        if label:
            self.progress.setLabelText(self.tr("Reading page %d of %d:\n%s") % (
                min(files, done // self.steps + 1), files, label))

    @Slot(object)
    def _on_ingest_returned(self, report: IngestReport) -> None:
        w = self.window
        if report.updated:
            w.undo_stack.clear()  # re-anchoring moved annotations under the old snapshots
        message = self.tr("Added: %s") % listing(
            self.tr("%n new page(s)", "", len(report.added)), self.tr("%n updated", "", len(report.updated)),
            self.tr("%n unchanged", "", len(report.unchanged)), self.tr("%n failed", "", len(report.failed)))
        if report.cancelled:
            message += self.tr(" (cancelled)")
        w.statusBar().showMessage(message, 10000)
        if report.failed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were not added"),
                              "\n".join(describe_failure(path, msg) for path, msg in report.failed[:40]), QMessageBox.StandardButton.Ok, w)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        w.on_ingested(report)
        self.ingest_finished.emit(report)

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        QMessageBox.critical(self.window, self.tr("Adding pages failed"), describe(exc))
