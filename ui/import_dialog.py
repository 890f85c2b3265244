"""File → Import annotations…: W3C JSON-LD, our JSONL, REFI-QDA projects and codebooks,
read and stored off the GUI thread; the result is summarised and broadcast as a Change."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from reader.corpus import Change, default_author
from reader.exchange.importing import ImportReport, import_file
from ui.tasks import Task

FILE_FILTER = "Annotations (*.jsonld *.json *.jsonl *.ndjson *.qdpx *.qdc *.qde);;All files (*)"


class ImportController(QObject):
    """Owns the File → Import action of a main window."""

    imported = Signal(object)  # ImportReport
    failed = Signal(str)  # the message naming the file and the problem

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report_box: QMessageBox | None = None
        self.action = QAction(self.tr("&Import annotations…"), window)
        self.action.setStatusTip(self.tr("Import W3C JSON-LD, JSONL, REFI-QDA .qdpx projects or .qdc codebooks"))
        self.action.triggered.connect(self._on_action_triggered)

    def start(self, path: str) -> Task:
        author = getattr(getattr(self.window, "settings", None), "author", "") or default_author()
        task = Task(import_file, path, None, author, corpus=getattr(self.window, "corpus", None))
        task.signals.returned.connect(self._on_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    @Slot()
    def _on_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import annotations"), "", self.tr(FILE_FILTER))
        if path:
            self.start(path)

    @Slot(object)
    def _on_task_returned(self, report: ImportReport) -> None:
        stack = getattr(self.window, "undo_stack", None)
        if stack is not None and (report.added or report.tags_created):
            stack.clear()  # earlier steps may name tags and annotations the import now shares
        self.window.changed.emit(Change("tags"))  # type: ignore[attr-defined]
        self.window.changed.emit(Change("annotations", report.article_ids))  # type: ignore[attr-defined]
        if report.articles_updated:
            self.window.changed.emit(Change("articles", tuple(report.articles_updated)))  # type: ignore[attr-defined]
        message = self.tr("Imported %d annotation(s); %d already present; %d tag(s) created; "
                          "%d unmatched; %d skipped") % (
            len(report.added), report.duplicates, len(report.tags_created), len(report.unmatched),
            len(report.skipped))
        self.window.statusBar().showMessage(message, 15000)
        if report.unmatched or report.skipped:
            details = report.unmatched[:20] + report.skipped[:20]
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Some annotations were not imported"),
                              message, parent=self.window)
            box.setDetailedText("\n".join(details))
            box.open()  # not modal-blocking: the window stays usable
            self.report_box = box
        self.imported.emit(report)

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        self.window.statusBar().showMessage(self.tr("Import failed: %s") % exc, 15000)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Import failed"), str(exc), parent=self.window)
        box.open()
        self.report_box = box
        self.failed.emit(str(exc))


def install(window: QMainWindow) -> ImportController:
    controller = ImportController(window)
    file_menu = window.menuBar().actions()[0].menu()
    export_action = getattr(window, "export_action", None)
    if export_action is not None:
        file_menu.insertAction(export_action, controller.action)
    else:
        file_menu.addAction(controller.action)
    window.import_controller = controller  # type: ignore[attr-defined]
    return controller
