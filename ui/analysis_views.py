"""The analysis views of issue 15 in the main window: variables, reprints, timeline, phrase lists,
keyness, collocations and word list as corpus views; "Code every occurrence…" in the Annotate
menu and on the concordance; the reader's "also printed in …" line.  :func:`install` is called
by the main window (listed with its other extensions).

The composer carries out the views' intents: open a passage, show a concordance, set variables
(undoable), and refreshes views when the window broadcasts a change (a view that is not shown
refreshes when it is next shown)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMessageBox, QWidget

from reader.changes import Change, CorpusError
from ui.analysis_commands import ImportVariablesCommand, SetVariableCommand
from ui.collocations_view import CollocationsView
from ui.errors import describe
from ui.i18n import plain
from ui.keyness_view import KeynessView
from ui.phrases_view import PhrasesView
from ui.reprint_bar import ReprintBar
from ui.reprints_view import ReprintsView
from ui.timeline_view import TimelineView
from ui.variables_view import VariablesView
from ui.words_view import WordsView


class AnalysisViews(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        corpus, runner = window.corpus, getattr(window, "runner", None)  # type: ignore[attr-defined]
        parent = getattr(window, "corpus_panel", window)
        self.variables = VariablesView(corpus, runner, parent)
        self.reprints = ReprintsView(corpus, runner, parent)
        self.timeline = TimelineView(corpus, runner, parent)
        self.phrases = PhrasesView(corpus, runner, parent)
        self.keyness = KeynessView(corpus, runner, parent)
        self.collocations = CollocationsView(corpus, runner, parent)
        self.words = WordsView(corpus, runner, parent)
        self.views: dict[str, Any] = {
            "variables": (self.variables, self.tr("&Variables"), "Ctrl+Shift+V"),
            "reprints": (self.reprints, self.tr("&Reprints"), "Ctrl+Shift+R"),
            "timeline": (self.timeline, self.tr("Time&line"), "Ctrl+Shift+L"),
            "phrases": (self.phrases, self.tr("&Phrase lists"), "Ctrl+Shift+P"),
            "keyness": (self.keyness, self.tr("Ke&yness"), "Ctrl+Shift+Y"),
            "collocations": (self.collocations, self.tr("C&ollocations"), "Ctrl+Shift+O"),
            "words": (self.words, self.tr("&Word list"), "Ctrl+Shift+W"),
        }
        self.actions: dict[str, QAction] = {}
        self._register()
        self.reprint_bar = ReprintBar(window)
        self._place_reprint_bar()
        self.code_action = QAction(self.tr("Code every &occurrence…"), window)
        self.code_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        menu = getattr(window, "annotate_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.code_action)
        self._connect()

    # -- placement (works with the corpus panel and with the older tab dock) --------------
    def _register(self) -> None:
        panel = getattr(self.window, "corpus_panel", None)
        if panel is not None and hasattr(panel, "add_view"):
            for key, (view, title, shortcut) in self.views.items():
                self.actions[key] = panel.add_view(key, title, view, shortcut)
            panel.view_shown.connect(self._on_panel_view_shown)
            return
        views = getattr(self.window, "corpus_views", None)
        tabs = getattr(views, "tabs", None)
        menu = views._view_menu() if views is not None else self.window.menuBar().addMenu(self.tr("&Analysis"))
        menu.addSeparator()
        for key, (view, title, shortcut) in self.views.items():
            if tabs is not None:
                tabs.addTab(view, plain(title))
            action = QAction(title, self.window, shortcut=QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            menu.addAction(action)
            self.actions[key] = action
        if tabs is not None:
            tabs.currentChanged.connect(self._on_tabs_current_changed)

    def _place_reprint_bar(self) -> None:
        header = getattr(self.window, "header", None)
        holder = header.parentWidget() if isinstance(header, QWidget) else None
        layout = holder.layout() if holder is not None else None
        if layout is not None and hasattr(layout, "insertWidget"):
            layout.insertWidget(layout.indexOf(header) + 1, self.reprint_bar)

    def show_view(self, key: str) -> QWidget:
        view = self.views[key][0]
        panel = getattr(self.window, "corpus_panel", None)
        if panel is not None and hasattr(panel, "show_view"):
            panel.show_view(key)
        else:
            views = self.window.corpus_views  # type: ignore[attr-defined]
            views.dock.show()
            views.dock.raise_()
            views.tabs.setCurrentWidget(view)
        self._refresh_if_stale(view)
        return view

    def _refresh_if_stale(self, view: Any) -> None:
        if getattr(view, "stale", False) and view in (self.variables, self.reprints, self.words, self.keyness,
                                                       self.collocations, self.timeline):
            view.refresh()
        if view is self.phrases:
            view.reload()
            if view.stale:
                view.refresh()
        if view is self.timeline:
            view.reload_choices()

    def _connect(self) -> None:
        for view, _title, _shortcut in self.views.values():
            view.passage_requested.connect(self._on_view_passage_requested)
            view.concordance_requested.connect(self._on_view_concordance_requested)
        self.timeline.period_requested.connect(self._on_timeline_period_requested)
        self.variables.set_requested.connect(self._on_variables_set_requested)
        self.variables.import_requested.connect(self._on_variables_import_requested)
        self.reprint_bar.article_requested.connect(self._on_reprint_bar_article_requested)
        self.window.article_opened.connect(self._on_window_article_opened)  # type: ignore[attr-defined]
        self.window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        self.code_action.triggered.connect(lambda: self.open_autocode())
        kwic = getattr(getattr(self.window, "corpus_views", None), "kwic", None)
        if kwic is not None:
            table = kwic.table
            table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            action = QAction(self.tr("Code these lines…"), table)
            action.triggered.connect(self._on_kwic_code_triggered)
            table.addAction(action)
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.kwic_code_action = action

    # -- intents ---------------------------------------------------------------------------
    def open_autocode(self, lines: list | None = None):  # type: ignore[no-untyped-def]
        from ui.autocode_dialog import AutocodeDialog

        dialog = AutocodeDialog(self.window.corpus, self.window.undo_stack, self.window.apply,  # type: ignore[attr-defined]
                                getattr(self.window, "runner", None), self.window, lines)
        dialog.passage_requested.connect(self._on_view_passage_requested)
        search = getattr(getattr(self.window, "corpus_views", None), "search", None)
        typed = search.query_edit.text().strip() if search is not None and not lines else ""
        if typed:  # coding from a search: start from the query the user searched for
            dialog.set_request("query", typed, "")
        dialog.show()
        self.autocode_dialog = dialog
        return dialog

    def set_variable(self, ids: list[int], name: str, value: str) -> bool:
        try:
            command = SetVariableCommand(self.window.corpus, self.window.apply,  # type: ignore[attr-defined]
                                         self.tr("Set %s") % name, ids, name, value)
            command.prepare()
        except CorpusError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot set the variable"), describe(exc))
            return False
        self.window.undo_stack.push(command)  # type: ignore[attr-defined]
        return True

    def import_variables(self, path: str) -> bool:
        try:
            command = ImportVariablesCommand(self.window.corpus, self.window.apply,  # type: ignore[attr-defined]
                                             self.tr("Import variables"), path)
            command.prepare()
        except CorpusError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot import the variables"), describe(exc))
            return False
        self.window.undo_stack.push(command)  # type: ignore[attr-defined]
        return True

    # -- slots -----------------------------------------------------------------------------
    @Slot(int, int, int)
    def _on_view_passage_requested(self, article_id: int, start: int, end: int) -> None:
        self.window.open_article(article_id)  # type: ignore[attr-defined]
        if end > start and getattr(self.window, "current_article_id", None) == article_id:
            self.window.view.select_range(start, end)  # type: ignore[attr-defined]

    @Slot(str, str)
    def _on_view_concordance_requested(self, query: str, kind: str) -> None:
        views = getattr(self.window, "corpus_views", None)
        if views is None:
            return
        panel = getattr(self.window, "corpus_panel", None)
        if panel is not None and hasattr(panel, "show_view"):
            panel.show_view("kwic")
        else:
            views.tabs.setCurrentWidget(views.kwic)
        views.kwic.show_concordance(query, kind)

    @Slot(str, str, str)
    def _on_timeline_period_requested(self, query: str, since: str, until: str) -> None:
        """The concordance of a timeline's query in one period (the filter bar's dates set)."""
        views = getattr(self.window, "corpus_views", None)
        if views is None:
            return
        bar = views.kwic.filter_bar
        bar.since_edit.setText(since)
        bar.until_edit.setText(until)
        self._on_view_concordance_requested(query, "text")

    @Slot(list, str, str)
    def _on_variables_set_requested(self, ids: list, name: str, value: str) -> None:
        self.set_variable(list(ids), name, value)

    @Slot(str)
    def _on_variables_import_requested(self, path: str) -> None:
        self.import_variables(path)

    @Slot(int)
    def _on_reprint_bar_article_requested(self, article_id: int) -> None:
        self.window.open_article(article_id)  # type: ignore[attr-defined]

    @Slot(int)
    def _on_window_article_opened(self, article_id: int) -> None:
        self.reprint_bar.show_article(article_id)

    @Slot()
    def _on_kwic_code_triggered(self) -> None:
        kwic = self.window.corpus_views.kwic  # type: ignore[attr-defined]
        rows = sorted({i.row() for i in kwic.table.selectionModel().selectedRows()})
        lines = [kwic.model.line(r) for r in rows] if len(rows) > 1 else kwic.model.lines()
        if lines:
            self.open_autocode(lines)

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if (change.kind == "articles" and change.only("state")) or change.kind == "model":
            return  # a reading state or the recognition model alone is none of these views' business
        self.variables.on_corpus_changed(change)  # the rows it names only, when it can
        if change.kind == "articles":  # the clusters show page facts and titles; codes and entities are not theirs
            self.reprints.stale = True
        for view in (self.words, self.keyness, self.collocations, self.timeline, self.phrases):
            view.on_corpus_changed(change)  # stale only when the change can alter its result
        current = self._current_view()
        if current is not None:
            self._refresh_if_stale(current)
        article = getattr(self.window, "current_article_id", None)
        if article is not None and change.kind == "articles":
            self.reprint_bar.show_article(article)

    def _current_view(self) -> Any:
        panel = getattr(self.window, "corpus_panel", None)
        if panel is not None and hasattr(panel, "current_view"):
            return panel.current_view() if panel.isVisible() else None
        views = getattr(self.window, "corpus_views", None)
        if views is not None and views.dock.isVisible():
            return views.tabs.currentWidget()
        return None

    @Slot(str)
    def _on_panel_view_shown(self, key: str) -> None:
        if key in self.views:
            self._refresh_if_stale(self.views[key][0])

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        current = self._current_view()
        if current is not None:
            self._refresh_if_stale(current)


def install(window: QMainWindow) -> AnalysisViews:
    views = AnalysisViews(window)
    window.analysis_views = views  # type: ignore[attr-defined]
    return views
