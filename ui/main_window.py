"""The main window: composes the panes, carries out their intents on the corpus, and
re-broadcasts what changed on one signal (``changed``) from which every view refreshes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.corpus import Change, Corpus, CorpusError
from reader.ingest import IngestReport
from ui.annotation_panel import AnnotationPanel
from ui.article_list import ArticleList
from ui.legend import EntityLegend
from ui.reader_view import ArticleView
from ui.settings import Settings
from ui.tasks import Task, TaskRunner

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


class MainWindow(QMainWindow):
    changed = Signal(object)  # reader.corpus.Change
    ingest_finished = Signal(object)  # IngestReport
    article_opened = Signal(int)

    def __init__(self, corpus: Corpus, settings: Settings | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.current_article_id: int | None = None
        self._progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Pizhu 批注 — Chinese news reader"))
        self.resize(1400, 860)

        self.article_list = ArticleList(self)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setStyleSheet("color: #495057; padding: 4px 2px;")
        self.legend = EntityLegend(self)
        self.view = ArticleView(self)
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(4, 0, 4, 0)
        center_layout.addWidget(self.legend)
        center_layout.addWidget(self.header)
        center_layout.addWidget(self.view, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.article_list)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 700])
        self.setCentralWidget(splitter)
        self.panel = AnnotationPanel(self)
        dock = QDockWidget(self.tr("Annotations"), self)
        dock.setObjectName("annotations_dock")
        dock.setWidget(self.panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [380], Qt.Orientation.Horizontal)
        self._build_menus()
        self._connect()
        self._install_extensions()
        self.legend.set_hidden_types(self.settings.hidden_entity_types)
        self.view.set_hidden_types(set(self.settings.hidden_entity_types))
        self.statusBar().showMessage(self.tr("Database: %s") % corpus.path)
        self.refresh_articles()

    # -- wiring ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.ingest_action = QAction(self.tr("&Ingest pages…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.ingest_folder_action = QAction(self.tr("Ingest &folder…"), self)
        self.export_action = QAction(self.tr("&Export annotations…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        for action in (self.ingest_action, self.ingest_folder_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.next_action = QAction(self.tr("&Next article"), self, shortcut=QKeySequence("Alt+Down"))
        self.prev_action = QAction(self.tr("&Previous article"), self, shortcut=QKeySequence("Alt+Up"))
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.prev_action)
        view_menu.addSeparator()
        for number, etype in enumerate(self.legend.buttons, 1):
            action = QAction(self.tr("Toggle %s highlights") % etype, self, shortcut=QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _=False, t=etype: self.legend.toggle(t))
            view_menu.addAction(action)

    def _connect(self) -> None:
        self.article_list.article_selected.connect(self._on_article_list_article_selected)
        self.view.selection_changed.connect(self._on_view_selection_changed)
        self.legend.hidden_types_changed.connect(self._on_legend_hidden_types_changed)
        self.panel.annotate_requested.connect(self._on_panel_annotate_requested)
        self.panel.update_requested.connect(self._on_panel_update_requested)
        self.panel.delete_requested.connect(self._on_panel_delete_requested)
        self.panel.annotation_activated.connect(self._on_panel_annotation_activated)
        self.changed.connect(self._on_self_changed)
        self.ingest_action.triggered.connect(self._on_ingest_action_triggered)
        self.ingest_folder_action.triggered.connect(self._on_ingest_folder_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.quit_action.triggered.connect(self.close)
        self.next_action.triggered.connect(lambda: self.article_list.step(1))
        self.prev_action.triggered.connect(lambda: self.article_list.step(-1))

    def _install_extensions(self) -> None:
        """Feature areas that add docks, tabs and menus to the window, each ``install(window)``."""
        import importlib

        for name in ("ui.corpus_views", "ui.entity_tools", "ui.import_dialog"):
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.install(self)

    # -- public API (also used by tests) ----------------------------------------------
    def refresh_articles(self) -> None:
        self.article_list.set_articles(self.corpus.articles())
        self.panel.set_known_tags([t.name for t in self.corpus.tags()])

    def open_article(self, article_id: int) -> None:
        if not self.article_list.select_article(article_id):
            self._show_article(article_id)

    def open_first_article(self) -> None:
        self.article_list.step(0)

    def tag_colors(self) -> dict[str, str]:
        return {t.name: t.color for t in self.corpus.tags()}

    def ingest(self, paths: list[str], modal: bool = True) -> Task:
        """Ingest off the GUI thread with a cancellable progress dialog."""
        task = Task(self.corpus.ingest, paths)
        dialog = QProgressDialog(self.tr("Reading pages…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Ingesting"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        task.signals.progress.connect(self._on_task_progress)
        task.signals.returned.connect(self._on_ingest_returned)
        task.signals.errored.connect(self._on_task_errored)
        task.signals.finished.connect(dialog.close)
        self._progress = dialog
        dialog.show()
        return self.runner.start(task)

    def apply(self, change: Change) -> None:
        self.changed.emit(change)

    # -- slots -----------------------------------------------------------------------
    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, label: str) -> None:
        if self._progress is not None:
            self._progress.setMaximum(max(total, 1))
            self._progress.setValue(min(done, max(total, 1)))
            if label:
                self._progress.setLabelText(self.tr("Reading %s…") % label)

    @Slot(object)
    def _on_ingest_returned(self, report: IngestReport) -> None:
        self.refresh_articles()
        if self.current_article_id is None:
            self.open_first_article()
        message = self.tr("Ingested: %d added, %d updated, %d unchanged, %d failed") % (
            len(report.added), len(report.updated), len(report.unchanged), len(report.failed))
        self.statusBar().showMessage(message, 10000)
        if report.failed:
            QMessageBox.warning(self, self.tr("Some files were not ingested"),
                                "\n".join(msg for _, msg in report.failed))
        self.changed.emit(Change("articles"))
        self.ingest_finished.emit(report)

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        QMessageBox.critical(self, self.tr("Error"), str(exc))

    @Slot(int)
    def _on_article_list_article_selected(self, article_id: int) -> None:
        self._show_article(article_id)

    def _show_article(self, article_id: int) -> None:
        try:
            article = self.corpus.article(article_id)
        except CorpusError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.current_article_id = article_id
        self.view.show_article(article, self.corpus.entities(article_id),
                               self.corpus.annotations(article_id), self.tag_colors())
        bits = []
        if article.authors:
            bits.append(self.tr("By ") + "、".join(article.authors))
        if article.photographers:
            bits.append(self.tr("Photos: ") + "、".join(article.photographers))
        if article.dateline:
            bits.append(article.dateline)
        if article.column:
            bits.append(self.tr("Column: ") + article.column)
        bits.append(f"{article.source} #{article.position + 1}")
        if article.title_derived:
            bits.append(self.tr("title lost on the page; shown title derived from the text"))
        self.header.setText("  ·  ".join(bits))
        self.panel.set_annotations(self.corpus.annotations(article_id))
        self.panel.set_selection(0, 0, "")
        self.settings.last_article = article_id
        self.article_opened.emit(article_id)

    @Slot(int, int)
    def _on_view_selection_changed(self, start: int, end: int) -> None:
        text = self.view.article.text if self.view.article else ""
        self.panel.set_selection(start, end, text[start:end])

    @Slot(list)
    def _on_legend_hidden_types_changed(self, types: list) -> None:
        self.view.set_hidden_types(set(types))
        self.settings.hidden_entity_types = list(types)

    @Slot(int, int, list, str)
    def _on_panel_annotate_requested(self, start: int, end: int, tags: list, note: str) -> None:
        if self.current_article_id is None:
            return
        try:
            ann = self.corpus.annotate(self.current_article_id, start, end, tags=tags, note=note,
                                       author=self.settings.author)
        except CorpusError as exc:
            QMessageBox.warning(self, self.tr("Cannot annotate"), str(exc))
            return
        self.changed.emit(Change("annotations", (ann.article_id,), (ann.id,)))
        self.panel.select_annotation(ann.id)

    @Slot(int, list, str)
    def _on_panel_update_requested(self, annotation_id: int, tags: list, note: str) -> None:
        self.changed.emit(self.corpus.update_annotation(annotation_id, tags=tags, note=note))

    @Slot(int)
    def _on_panel_delete_requested(self, annotation_id: int) -> None:
        self.changed.emit(self.corpus.delete_annotation(annotation_id))

    @Slot(int)
    def _on_panel_annotation_activated(self, annotation_id: int) -> None:
        ann = self.corpus.annotation(annotation_id)
        if ann.article_id == self.current_article_id and ann.status == "anchored":
            self.view.blockSignals(True)
            self.view.select_range(ann.start, ann.end)
            self.view.blockSignals(False)

    @Slot(object)
    def _on_self_changed(self, change: Change) -> None:
        if change.kind in ("annotations", "tags", "articles"):
            self.refresh_articles()
        if self.current_article_id is not None and (
            not change.article_ids or self.current_article_id in change.article_ids
        ):
            anns = self.corpus.annotations(self.current_article_id)
            self.view.set_annotations(anns, self.tag_colors())
            self.panel.set_annotations(anns)
            if change.kind == "entities":
                self.view.set_entities(self.corpus.entities(self.current_article_id))

    @Slot()
    def _on_ingest_action_triggered(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Ingest pages"), "", self.tr("Text pages (*.txt *.md);;All files (*)"))
        if files:
            self.ingest(files)

    @Slot()
    def _on_ingest_folder_action_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Ingest a folder of pages"))
        if folder:
            self.ingest([folder])

    @Slot()
    def _on_export_action_triggered(self) -> None:
        from ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.corpus, self.runner, self)
        dialog.exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.window_state = QByteArray(self.saveState())
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.runner.wait(10000)
        super().closeEvent(event)
