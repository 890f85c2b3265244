"""The main window: composes the panes, carries out their intents on the corpus as undoable
commands on one ``QUndoStack``, and re-broadcasts what changed on one signal (``changed``) from
which every view refreshes.  Tag, annotation and article intents (the select, T, type, Enter
flow included) are carried out by :class:`ui.tag_workbench.Workbench`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
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
from ui.annotations_view import AnnotationsView
from ui.article_list import ArticleList
from ui.legend import EntityLegend
from ui.reader_view import ArticleView
from ui.settings import Settings
from ui.tag_picker import TagPicker
from ui.tag_tree import TagTree
from ui.tag_workbench import Workbench
from ui.tasks import Task, TaskRunner

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


class MainWindow(QMainWindow):
    changed = Signal(object)  # reader.corpus.Change
    ingest_finished = Signal(object)  # IngestReport
    article_opened = Signal(int)
    search_requested = Signal()

    def __init__(self, corpus: Corpus, settings: Settings | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.current_article_id: int | None = None
        self.undo_stack = QUndoStack(self)
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
        splitter.setSizes([460, 760])
        self.setCentralWidget(splitter)
        self.panel = AnnotationPanel(self)
        dock = QDockWidget(self.tr("Annotations"), self)
        dock.setObjectName("annotations_dock")
        dock.setWidget(self.panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.panel_dock = dock
        self.tag_tree = TagTree(self)
        self.tag_dock = QDockWidget(self.tr("Codebook"), self)
        self.tag_dock.setObjectName("tags_dock")
        self.tag_dock.setWidget(self.tag_tree)
        self.annotations_view = AnnotationsView(corpus, self)
        self.annotations_dock = QDockWidget(self.tr("All annotations"), self)
        self.annotations_dock.setObjectName("all_annotations_dock")
        self.annotations_dock.setWidget(self.annotations_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.annotations_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.tag_dock)
        self.tabifyDockWidget(self.annotations_dock, self.tag_dock)
        self.annotations_dock.raise_()
        self._laid_out = False
        self.tag_picker = TagPicker(self)
        self.workbench = Workbench(self)
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
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.preferences_action = QAction(self.tr("&Preferences…"), self, shortcut=QKeySequence("Ctrl+,"))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        self.annotate_menu = self.menuBar().addMenu(self.tr("&Annotate"))
        self.workbench.build_menu(self.annotate_menu)
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
        view_menu.addSeparator()
        self.find_action = QAction(self.tr("&Find in corpus…"), self, shortcut=QKeySequence("Ctrl+F"))
        self.snap_action = QAction(self.tr("&Snap selection to words"), self, shortcut=QKeySequence("W"))
        self.snap_action.setCheckable(True)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.snap_action)
        for dock in (self.tag_dock, self.annotations_dock):
            view_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = QAction(self.tr("&Keyboard shortcuts"), self, shortcut=QKeySequence("F1"))
        help_menu.addAction(self.help_action)

    def _connect(self) -> None:
        self.article_list.article_selected.connect(self._on_article_list_article_selected)
        self.view.selection_changed.connect(self._on_view_selection_changed)
        self.legend.hidden_types_changed.connect(self._on_legend_hidden_types_changed)
        self.panel.annotation_activated.connect(self._on_panel_annotation_activated)
        self.annotations_view.annotation_activated.connect(self._on_annotations_view_annotation_activated)
        self.tag_tree.tag_activated.connect(self._on_tag_tree_tag_activated)
        self.workbench.connect_panes()
        self.changed.connect(self._on_self_changed)
        self.ingest_action.triggered.connect(self._on_ingest_action_triggered)
        self.ingest_folder_action.triggered.connect(self._on_ingest_folder_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.quit_action.triggered.connect(self.close)
        self.next_action.triggered.connect(lambda: self.article_list.step(1))
        self.prev_action.triggered.connect(lambda: self.article_list.step(-1))
        self.find_action.triggered.connect(self.search_requested)
        self.snap_action.toggled.connect(self._on_snap_action_toggled)
        self.help_action.triggered.connect(self._on_help_action_triggered)
        self.preferences_action.triggered.connect(self._on_preferences_action_triggered)

    def _install_extensions(self) -> None:
        """Feature areas that add docks, tabs and menus to the window, each ``install(window)``."""
        import importlib

        for name in ("ui.corpus_views", "ui.analysis_views", "ui.entity_tools", "ui.import_dialog"):
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
        self.refresh_tags()

    def refresh_tags(self) -> None:
        tags = self.corpus.tags()
        self.panel.set_known_tags([t.name for t in tags])
        counts = self.corpus.tag_counts()
        totals = {t.id: self.corpus.tag_annotation_count(t.id, include_children=True)
                  for t in tags if any(c.parent_id == t.id for c in tags)}
        self.tag_tree.set_tags(tags, counts, {**counts, **totals})

    def jump_to_annotation(self, annotation_id: int) -> None:
        """Open the annotation's article, make it current in the panel and select its passage."""
        try:
            ann = self.corpus.annotation(annotation_id)
        except CorpusError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        if ann.article_id != self.current_article_id:
            self.open_article(ann.article_id)
        self.panel.select_annotation(annotation_id)
        if ann.status == "anchored":
            self.view.select_range(ann.start, ann.end)
        else:
            self.statusBar().showMessage(self.tr("This annotation is an orphan: select its passage "
                                                 "and re-attach it (R)."), 8000)

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
        if report.updated:
            self.undo_stack.clear()  # re-anchoring moved annotations under the old snapshots
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
        self.panel.set_article(article)
        self.panel.set_annotations(self.corpus.annotations(article_id))
        self.panel.set_selection(0, 0, "")
        self.annotations_view.set_current_article(article_id)
        self.settings.last_article = article_id
        if article.state == "unread":
            QTimer.singleShot(0, lambda: self._mark_read(article_id))
        self.article_opened.emit(article_id)

    def _mark_read(self, article_id: int) -> None:
        """Opening an article marks it read (not an undoable edit: it is reading, not writing)."""
        try:
            if self.corpus.article(article_id).state == "unread":
                self.changed.emit(self.corpus.set_article_state(article_id, "read"))
        except CorpusError:
            pass

    @Slot(int, int)
    def _on_view_selection_changed(self, start: int, end: int) -> None:
        text = self.view.article.text if self.view.article else ""
        self.panel.set_selection(start, end, text[start:end])

    @Slot(list)
    def _on_legend_hidden_types_changed(self, types: list) -> None:
        self.view.set_hidden_types(set(types))
        self.settings.hidden_entity_types = list(types)

    @Slot(int)
    def _on_panel_annotation_activated(self, annotation_id: int) -> None:
        ann = self.corpus.annotation(annotation_id)
        if ann.article_id == self.current_article_id and ann.status == "anchored":
            self.view.blockSignals(True)
            self.view.select_range(ann.start, ann.end)
            self.view.blockSignals(False)

    @Slot(int)
    def _on_annotations_view_annotation_activated(self, annotation_id: int) -> None:
        self.jump_to_annotation(annotation_id)

    @Slot(int)
    def _on_tag_tree_tag_activated(self, tag_id: int) -> None:
        self.annotations_view.set_tag_filter(tag_id)
        self.annotations_dock.show()
        self.annotations_dock.raise_()

    @Slot(bool)
    def _on_snap_action_toggled(self, on: bool) -> None:
        self.view.snap_to_words = on

    @Slot()
    def _on_help_action_triggered(self) -> None:
        from ui.help import HelpDialog

        self.help_dialog = HelpDialog(self.shortcut_sections(), self)
        self.help_dialog.show()

    def shortcut_sections(self) -> list[tuple[str, list[QAction]]]:
        out = []
        for action in self.menuBar().actions():
            if action.menu() is not None:
                out.append((action.text().replace("&", ""), [a for a in action.menu().actions() if not a.isSeparator()]))
        return out

    @Slot()
    def _on_preferences_action_triggered(self) -> None:
        from ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            self.statusBar().showMessage(self.tr("New annotations are recorded as by %s") % self.settings.author, 8000)

    @Slot(object)
    def _on_self_changed(self, change: Change) -> None:
        if change.kind in ("annotations", "tags", "articles"):
            if change.article_ids:  # only these rows: a write must not re-read the whole corpus
                for summary in self.corpus.article_summaries(change.article_ids):
                    self.article_list.model.update_article(summary)
            elif change.kind != "tags" or not change.ids:
                # a codebook change that names its tags names the articles it touched; one
                # that names neither may have touched any article
                self.article_list.set_articles(self.corpus.articles())
            if change.kind in ("annotations", "tags"):
                self.refresh_tags()
            self.annotations_view.refresh()
        elif change.kind == "entities":  # entity counts in the article list
            if change.article_ids:
                for summary in self.corpus.article_summaries(change.article_ids):
                    self.article_list.model.update_article(summary)
            else:
                self.article_list.set_articles(self.corpus.articles())
        if self.current_article_id is not None and (
            not change.article_ids or self.current_article_id in change.article_ids
        ):
            anns = self.corpus.annotations(self.current_article_id)
            self.view.set_annotations(anns, self.tag_colors())
            self.panel.set_annotations(anns)
            if change.kind in ("articles", "tags"):
                try:
                    self.panel.set_article(self.corpus.article(self.current_article_id))
                except CorpusError:
                    pass
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

        dialog = ExportDialog(self.corpus, self.runner, self, current_article=self.current_article_id,
                              listed_articles=self.article_list.visible_ids())
        dialog.exec()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Dock and splitter sizes only take once the window has its real size."""
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            QTimer.singleShot(0, self._initial_layout)

    def _initial_layout(self) -> None:
        self.resizeDocks([self.annotations_dock], [max(180, self.height() // 4)], Qt.Orientation.Vertical)
        self.resizeDocks([self.panel_dock], [340], Qt.Orientation.Horizontal)
        splitter = self.centralWidget()
        if isinstance(splitter, QSplitter):
            total = sum(splitter.sizes())
            splitter.setSizes([int(total * 0.42), total - int(total * 0.42)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_state = QByteArray(self.saveState())
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.runner.wait(10000)
        super().closeEvent(event)
