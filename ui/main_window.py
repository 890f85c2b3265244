"""The main window: article list | reader | inspector, with the corpus views in one panel below
(:class:`ui.corpus_panel.CorpusPanel`).  It carries out the panes' intents on the corpus as
undoable commands on one ``QUndoStack`` and re-broadcasts what changed on one signal
(``changed``) from which every view refreshes.  Tag, annotation and article intents are carried
out by :class:`ui.tag_workbench.Workbench`.

Where things are registered:
- a corpus view: ``window.corpus_panel.add_view(key, title, widget, shortcut)`` (one line);
- a feature area with its own menus, docks and wiring: a module with ``install(window)``, named
  in :data:`EXTENSIONS`;
- menus: File, Edit, View, Annotate, Corpus (the views), then the extensions' menus, then Help.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

from reader.corpus import Change, Corpus, CorpusError
from ui.annotation_panel import AnnotationPanel
from ui.annotations_view import AnnotationsView
from ui.article_list import ArticleList
from ui.corpus_files import CorpusFiles
from ui.corpus_panel import CorpusPanel
from ui.errors import describe
from ui.reader_pane import ReaderPane
from ui.reading_actions import ReadingActions
from ui.settings import Settings
from ui.tag_picker import TagPicker
from ui.tag_tree import TagTree
from ui.tag_workbench import Workbench
from ui.tasks import Task, TaskRunner
from ui.window_state import WindowState

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
EXTENSIONS = ("ui.corpus_views", "ui.analysis_views", "ui.entity_tools", "ui.import_dialog", "ui.team",
              "ui.safety_tools", "ui.page_fixes", "ui.server_corpus")
DOCK_FEATURES = QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable


class MainWindow(QMainWindow):
    changed = Signal(object)  # reader.corpus.Change
    ingest_finished = Signal(object)  # IngestReport
    article_opened = Signal(int)
    search_requested = Signal()
    corpus_requested = Signal(str)  # the app opens this corpus in place of this window's
    language_requested = Signal(str)  # the app rebuilds the window in this language (ui.i18n.switch)

    def __init__(self, corpus: Corpus, settings: Settings | None = None, undo_stack: QUndoStack | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.current_article_id: int | None = None
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.undo_stack.setParent(self)  # a window rebuilt in another language keeps the history
        self.setWindowTitle(self.tr("Pizhu 批注 — %s") % Path(str(corpus.path)).stem)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self._build_panes()
        self.files = CorpusFiles(self)
        self.reading = ReadingActions(self)
        self.tag_picker = TagPicker(self)
        self.workbench = Workbench(self)
        self._build_menus()
        self._connect()
        self._set_tab_order()
        self._install_extensions()
        self.corpus_panel.add_view("annotations", self.tr("All &annotations"), self.annotations_view, "Ctrl+Shift+N")
        self.corpus_panel.add_view("codebook", self.tr("&Codebook"), self.tag_tree, "Ctrl+Shift+C")
        self.help = self._build_help_menu()
        self.state = WindowState(self)
        self.apply_preferences()
        self.state.restore()
        self.statusBar().showMessage(self.tr("Corpus: %s") % corpus.location, 8000)
        self.panel.set_article(None)
        self.reload_articles()

    # -- building --------------------------------------------------------------------
    def _build_panes(self) -> None:
        self.reader = ReaderPane(self)
        self.view, self.legend, self.header = self.reader.view, self.reader.legend, self.reader.header
        self.find_bar = self.reader.find_bar
        self.setCentralWidget(self.reader)
        self.article_list = ArticleList(self.corpus, self, facts_known=self.corpus.page_facts_known)
        self.article_list.set_empty_message(self.tr(
            "<p><b>No articles yet.</b></p><p>Add newspaper pages with <i>File → Add pages…</i> "
            "(Ctrl+I) or drop files and folders on the window.</p>"))
        self.list_dock = self._dock("articles_dock", self.tr("Articles"), self.article_list,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.panel = AnnotationPanel(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.panel.minimumSizeHint().width() + 16)
        self.panel_dock = self._dock("inspector_dock", self.tr("Inspector"), scroll,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.tag_tree = TagTree(self)
        self.annotations_view = AnnotationsView(self.corpus, self)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))  # placed in order by _build_menus
        self.corpus_menu = self.menuBar().addMenu(self.tr("&Corpus"))
        self.corpus_panel = CorpusPanel(self, self.corpus_menu)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.corpus_panel)
        self.corpus_panel.hide()
        for corner in (Qt.Corner.BottomLeftCorner, Qt.Corner.BottomRightCorner):
            self.setCorner(corner, Qt.DockWidgetArea.BottomDockWidgetArea)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock that can be closed and moved between sides but never torn off."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(DOCK_FEATURES)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self.files.build_menu(file_menu)
        self.export_action = QAction(self.tr("&Export annotations…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        self.ingest_action, self.ingest_folder_action = self.files.add_files_action, self.files.add_folder_action
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = QAction(self.tr("&Find in article…"), self, shortcut=QKeySequence.StandardKey.Find)
        self.properties_action = QAction(self.tr("Document &properties…"), self, shortcut=QKeySequence("Alt+Return"))
        self.preferences_action = QAction(self.tr("&Preferences…"), self, shortcut=QKeySequence("Ctrl+,"))
        for action in (self.undo_action, self.redo_action, None, self.find_action, self.properties_action,
                       None, self.preferences_action):
            self.edit_menu.addAction(action) if action is not None else self.edit_menu.addSeparator()
        bar.addMenu(self.view_menu)
        for dock, keys in ((self.list_dock, "Ctrl+Shift+1"), (self.panel_dock, "Ctrl+Shift+3")):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(keys))
            self.view_menu.addAction(toggle)
        self.view_menu.addSeparator()
        self.sort_menu = self.view_menu.addMenu(self.tr("S&ort articles by"))
        self.article_list.build_sort_menu(self.sort_menu)
        self.next_action = QAction(self.tr("&Next article"), self, shortcut=QKeySequence("Alt+Down"))
        self.prev_action = QAction(self.tr("&Previous article"), self, shortcut=QKeySequence("Alt+Up"))
        self.view_menu.addAction(self.next_action)
        self.view_menu.addAction(self.prev_action)
        self.view_menu.addSeparator()
        self.reading.build_menu(self.view_menu)  # zoom, theme, coding, highlights, snapping
        self.annotate_menu = bar.addMenu(self.tr("&Annotate"))
        self.workbench.build_menu(self.annotate_menu)
        bar.addMenu(self.corpus_menu)

    def _build_help_menu(self):  # type: ignore[no-untyped-def]
        from ui.onboarding import Onboarding

        return Onboarding(self, self.menuBar().addMenu(self.tr("&Help")))

    def _connect(self) -> None:
        self.article_list.article_selected.connect(self._on_article_list_article_selected)
        for signal in (self.article_list.model.modelReset, self.article_list.model.rowsInserted,
                       self.article_list.model.rowsRemoved):
            signal.connect(self._count_articles)
        self.view.selection_changed.connect(self._on_view_selection_changed)
        self.view.annotation_clicked.connect(self._on_view_annotation_clicked)
        self.view.zoom_requested.connect(self.reading.zoom)
        self.header.properties_requested.connect(self.edit_properties)
        self.reader.empty.add_files_requested.connect(self.files.add_files_action.trigger)
        self.reader.empty.add_folder_requested.connect(self.files.add_folder_action.trigger)
        self.reader.empty.open_corpus_requested.connect(self.files.open_action.trigger)
        self.panel.annotation_activated.connect(self._on_panel_annotation_activated)
        self.annotations_view.annotation_activated.connect(self._on_annotations_view_annotation_activated)
        self.tag_tree.tag_activated.connect(self._on_tag_tree_tag_activated)
        self.corpus_panel.dismissed.connect(self._on_corpus_panel_dismissed)
        self.workbench.connect_panes()
        self.changed.connect(self._on_self_changed)
        self.files.corpus_requested.connect(self.corpus_requested)
        self.files.ingest_finished.connect(self.ingest_finished)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.quit_action.triggered.connect(self.close)
        self.find_action.triggered.connect(self._on_find_action_triggered)
        self.properties_action.triggered.connect(self.edit_properties)
        self.next_action.triggered.connect(lambda: self.article_list.step(1))
        self.prev_action.triggered.connect(lambda: self.article_list.step(-1))
        self.preferences_action.triggered.connect(self._on_preferences_action_triggered)

    def _set_tab_order(self) -> None:
        """Tab goes: the list's filter, its state, the list, the reader, then the inspector."""
        lst = self.article_list
        chain = [lst.filter_edit, lst.state_combo, lst.table, self.view, self.panel.state_combo]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _install_extensions(self) -> None:
        """Feature areas that add views, docks and menus to the window, each ``install(window)``."""
        import importlib

        for name in EXTENSIONS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.install(self)

    # -- public API (also used by tests) ----------------------------------------------
    def reload_articles(self) -> None:
        self.article_list.reload()
        self._count_articles()
        self.reader.set_empty(self.article_list.model.rowCount() == 0 and self.current_article_id is None)
        self.refresh_tags()

    refresh_articles = reload_articles

    def _count_articles(self) -> None:
        shown = self.article_list.model.rowCount()
        self.list_dock.setWindowTitle(self.tr("Articles (%d)") % shown)

    def refresh_tags(self) -> None:
        tags = self.corpus.tags()
        self.panel.set_known_tags([t.name for t in tags])
        counts = self.corpus.tag_counts()
        totals = {t.id: self.corpus.tag_annotation_count(t.id, include_children=True)
                  for t in tags if any(c.parent_id == t.id for c in tags)}
        self.tag_tree.set_tags(tags, counts, {**counts, **totals})

    def apply_preferences(self) -> None:
        self.reading.apply_preferences()

    def focus_pane(self, target: str) -> None:
        self.reading.focus_pane(target)

    def edit_properties(self) -> None:
        from ui.properties_dialog import edit_properties

        edit_properties(self)

    def shortcut_sections(self) -> list[tuple[str, list[QAction]]]:
        from ui.onboarding import shortcut_sections

        return shortcut_sections(self.menuBar())

    def jump_to_annotation(self, annotation_id: int) -> None:
        """Open the annotation's article, make it current in the panel and select its passage."""
        try:
            ann = self.corpus.annotation(annotation_id)
        except CorpusError as exc:
            self.statusBar().showMessage(describe(exc), 5000)
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

    def reload_article(self) -> None:
        """Show the open article again as it is stored now (e.g. after it was re-ingested)."""
        if self.current_article_id is not None:
            self._show_article(self.current_article_id)

    def open_first_article(self) -> None:
        self.article_list.step(0)

    def tag_colors(self) -> dict[str, str]:
        return {t.name: t.color for t in self.corpus.tags()}

    def ingest(self, paths: list[str], modal: bool = True) -> Task:
        return self.files.ingest(paths, modal)

    def on_ingested(self, report) -> None:  # type: ignore[no-untyped-def]
        """After an ingest: show the new articles (and the first one on a new corpus)."""
        self.reload_articles()
        if self.current_article_id is None:
            self.open_first_article()
        self.changed.emit(Change("articles"))

    def apply(self, change: Change) -> None:
        self.changed.emit(change)

    # -- slots -----------------------------------------------------------------------
    @Slot(int)
    def _on_article_list_article_selected(self, article_id: int) -> None:
        self._show_article(article_id)

    def _show_article(self, article_id: int) -> None:
        try:
            article = self.corpus.article(article_id)
        except CorpusError as exc:
            self.statusBar().showMessage(describe(exc), 5000)
            return
        self.current_article_id = article_id
        self.reader.set_empty(False)
        annotations = self.corpus.annotations(article_id)
        self.view.show_article(article, self.corpus.entities(article_id), annotations, self.tag_colors())
        self._show_facts(article)
        self.panel.set_article(article)
        self.panel.set_annotations(annotations)
        self.panel.set_selection(0, 0, "")
        self.annotations_view.set_current_article(article_id)
        self.state.remember_article(article_id)
        if article.state == "unread":
            QTimer.singleShot(0, self, lambda: self._mark_read(article_id))  # not after the window is gone
        self.article_opened.emit(article_id)

    def _show_facts(self, article) -> None:  # type: ignore[no-untyped-def]
        """The header's facts, from the list's row when it has it (no query then)."""
        model = self.article_list.model
        row = model.row_of(article.id, self.article_list.table.currentIndex().row())
        summary = model.summary(row) if row >= 0 else None
        if summary is None:
            summaries = self.corpus.article_rows([article.id])
            summary = summaries[0] if summaries else None
        self.reader.show_article_facts(article, summary)

    def _show_state(self, article_id: int) -> bool:
        """After a reading state change of the open article: show the new state from the list's
        row (just re-read) without reading the article again; False when there is no such row."""
        model, article = self.article_list.model, self.view.article
        row = model.row_of(article_id, self.article_list.table.currentIndex().row())
        summary = model.summary(row) if row >= 0 else None
        if summary is None or article is None or article.id != article_id:
            return False
        article = replace(article, state=summary.state)
        self.view.article = article
        self.panel.set_article(article)
        self.reader.header.set_article(article, summary)
        return True

    def _mark_read(self, article_id: int) -> None:
        """Opening an article marks it read (not an undoable edit: it is reading, not writing)."""
        article = self.view.article
        if article is None or article.id != article_id or article.state != "unread":
            return
        try:
            self.changed.emit(self.corpus.set_article_state(article_id, "read"))
        except CorpusError:
            pass

    @Slot(int, int)
    def _on_view_selection_changed(self, start: int, end: int) -> None:
        text = self.view.article.text if self.view.article else ""
        self.panel.set_selection(start, end, text[start:end])

    @Slot(int)
    def _on_view_annotation_clicked(self, annotation_id: int) -> None:
        self.jump_to_annotation(annotation_id)

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
        self.corpus_panel.show_view("annotations")

    @Slot()
    def _on_corpus_panel_dismissed(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_find_action_triggered(self) -> None:
        selected = self.view.textCursor().selectedText().strip()
        self.find_bar.open_bar(selected if selected and "\u2029" not in selected and len(selected) <= 40 else "")

    @Slot()
    def _on_preferences_action_triggered(self) -> None:
        from ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        self.preferences_dialog = dialog
        language = self.settings.language
        if dialog.exec():
            if self.settings.language != language:  # rebuilt in the new language once this returns
                QTimer.singleShot(0, lambda: self.language_requested.emit(self.settings.language))
            self.reading.sync_from_settings()
            self.changed.emit(Change("coders"))  # the team tools switch the coder
            self.statusBar().showMessage(self.tr("Preferences saved; new annotations are recorded as by %s")
                                         % self.settings.author, 8000)

    @Slot(object)
    def _on_self_changed(self, change: Change) -> None:
        if change.kind in ("annotations", "tags", "articles", "entities"):
            if change.article_ids:  # only these rows: a write must not re-read the whole corpus
                self.article_list.refresh_rows(change.article_ids)
            elif change.kind != "tags" or not change.ids:
                # a codebook change that names its tags names the articles it touched; one
                # that names neither may have touched any article
                self.article_list.reload()
        if change.kind in ("annotations", "tags"):
            self.refresh_tags()
        if change.kind in ("annotations", "tags") or (change.kind == "articles" and not change.article_ids):
            self.annotations_view.on_corpus_changed(change)  # the rows it names only
        current = self.current_article_id
        if current is None or (change.article_ids and current not in change.article_ids):
            return
        if change.kind in ("annotations", "tags"):
            anns = self.corpus.annotations(current)
            self.view.set_annotations(anns, self.tag_colors())
            self.panel.set_annotations(anns)
        if change.kind == "articles" and change.only("state") and self._show_state(current):
            return
        if change.kind in ("articles", "tags"):
            try:
                article = self.corpus.article(current)
            except CorpusError:
                return
            self.panel.set_article(article)
            self._show_facts(article)
            if change.kind == "articles" and not change.article_ids and self.view.article is not None \
                    and article.text != self.view.article.text:  # re-ingested: the text itself changed
                self._show_article(current)
        if change.kind == "entities":
            self.view.set_entities(self.corpus.entities(current))

    @Slot()
    def _on_export_action_triggered(self) -> None:
        from ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.corpus, self.runner, self, current_article=self.current_article_id,
                              listed_articles=self.article_list.visible_ids())
        dialog.exec()

    # -- window events -----------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.state.on_resize(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.state.on_first_show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.state.save()
        self.runner.wait(10000)
        super().closeEvent(event)
