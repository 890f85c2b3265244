"""Corpus views in the main window: search, concordance, entity index and statistics in one
dock of tabs, with View-menu entries.  :func:`install` is called by the main window.

The composer owns the wiring: views emit intents (open a passage, show a concordance, merge
aliases), the composer carries them out on the window and corpus, and re-broadcasts what changed
through ``window.changed``; views refresh from that signal (stale tabs refresh when shown)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QTabWidget

from reader.analysis import entity_index as ei
from reader.corpus import Change
from ui.entity_index_view import EntityIndexView
from ui.kwic_view import KwicView
from ui.search_view import SearchView
from ui.stats_view import StatsView


class CorpusViews(QObject):
    """The four views of a window's corpus and their wiring."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        corpus, runner = window.corpus, getattr(window, "runner", None)  # type: ignore[attr-defined]
        self.tabs = QTabWidget(window)
        self.search = SearchView(corpus, runner, self.tabs)
        self.kwic = KwicView(corpus, runner, self.tabs)
        self.entities = EntityIndexView(corpus, runner, self.tabs)
        self.stats = StatsView(corpus, runner, self.tabs)
        self.tabs.addTab(self.search, self.tr("Search"))
        self.tabs.addTab(self.kwic, self.tr("Concordance"))
        self.tabs.addTab(self.entities, self.tr("Entity index"))
        self.tabs.addTab(self.stats, self.tr("Statistics"))
        self._stale: set[QObject] = {self.entities, self.stats}
        self.dock = QDockWidget(self.tr("Corpus"), window)
        self.dock.setObjectName("corpus_views_dock")
        self.dock.setWidget(self.tabs)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        neighbour = getattr(window, "annotations_dock", None)
        if isinstance(neighbour, QDockWidget):  # share the bottom area's full width as a tab
            window.tabifyDockWidget(neighbour, self.dock)
            neighbour.raise_()
        self.actions: dict[str, QAction] = {}
        self._build_menu()
        self._connect()

    def _build_menu(self) -> None:
        menu = self._view_menu()
        menu.addSeparator()
        entries = (
            ("search", self.tr("&Search corpus"), "Ctrl+Shift+F", self.search),
            ("kwic", self.tr("&Concordance (KWIC)"), "Ctrl+Shift+K", self.kwic),
            ("entities", self.tr("Entity &index"), "Ctrl+Shift+E", self.entities),
            ("stats", self.tr("S&tatistics"), "Ctrl+Shift+T", self.stats),
        )
        for key, label, shortcut, view in entries:
            action = QAction(label, self.window, shortcut=QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, v=view: self.show_view(v))
            menu.addAction(action)
            self.actions[key] = action
        for key, label, shortcut, step in (("next_hit", self.tr("Next search &hit"), "F3", 1),
                                           ("prev_hit", self.tr("Previous search hit"), "Shift+F3", -1)):
            action = QAction(label, self.window, shortcut=QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, s=step: self.search.step_hit(s))
            menu.addAction(action)
            self.actions[key] = action

    def _view_menu(self) -> Any:
        bar = self.window.menuBar()
        for action in bar.actions():
            if action.menu() is not None and action.text().replace("&", "") == self.window.tr("&View").replace("&", ""):
                return action.menu()
        return bar.addMenu(self.tr("&View"))

    def _connect(self) -> None:
        for view in (self.search, self.kwic, self.entities):
            view.passage_requested.connect(self._on_view_passage_requested)
        self.search.concordance_requested.connect(self._on_search_concordance_requested)
        self.entities.concordance_requested.connect(self._on_entities_concordance_requested)
        self.entities.merge_requested.connect(self._on_entities_merge_requested)
        self.entities.unmerge_requested.connect(self._on_entities_unmerge_requested)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self.window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        requested = getattr(self.window, "search_requested", None)
        if requested is not None:
            requested.connect(self._on_window_search_requested)

    # -- public API ------------------------------------------------------------------
    def show_view(self, view: Any) -> None:
        self.dock.show()
        self.dock.raise_()
        self.tabs.setCurrentWidget(view)
        self._refresh_if_stale(view)
        if view is self.search:
            self.search.focus_query()

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        self.window.open_article(article_id)  # type: ignore[attr-defined]
        if getattr(self.window, "current_article_id", article_id) == article_id:
            self.window.view.select_range(start, end)  # type: ignore[attr-defined]

    def _refresh_if_stale(self, view: Any) -> None:
        if view in self._stale and self.dock.isVisible():
            self._stale.discard(view)
            view.refresh()

    # -- slots -----------------------------------------------------------------------
    @Slot(int, int, int)
    def _on_view_passage_requested(self, article_id: int, start: int, end: int) -> None:
        self.open_passage(article_id, start, end)

    @Slot(str, bool)
    def _on_search_concordance_requested(self, query: str, regex: bool) -> None:
        self.tabs.setCurrentWidget(self.kwic)
        self.kwic.show_concordance(query, "text", regex)

    @Slot(str)
    def _on_entities_concordance_requested(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.kwic)
        self.kwic.show_concordance(name, "entity")

    @Slot(list, str, str)
    def _on_entities_merge_requested(self, names: list, canonical: str, etype: str) -> None:
        try:
            change = ei.merge(names, canonical, etype)
        except ei.AliasError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot merge"), str(exc))
            return
        self.window.changed.emit(change)  # type: ignore[attr-defined]

    @Slot(list)
    def _on_entities_unmerge_requested(self, aliases: list) -> None:
        change = Change("entities")
        for alias in aliases:
            change = ei.remove_alias(alias)
        self.window.changed.emit(change)  # type: ignore[attr-defined]

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self._refresh_if_stale(self.tabs.currentWidget())

    @Slot(bool)
    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._refresh_if_stale(self.tabs.currentWidget())

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if change.kind in ("annotations", "tags", "articles", "entities"):
            self.search.on_corpus_changed(change)
            self.kwic.on_corpus_changed(change)
            self._stale.update({self.entities, self.stats})
            self._refresh_if_stale(self.tabs.currentWidget())

    def _on_window_search_requested(self, *args: Any) -> None:
        """Ctrl+F (signature may carry the text to search for)."""
        if args and isinstance(args[0], str) and args[0].strip():
            self.show_view(self.search)
            self.search.focus_query(args[0].strip())
            return
        selected = ""
        view = getattr(self.window, "view", None)
        if view is not None and hasattr(view, "textCursor"):
            selected = view.textCursor().selectedText().strip()
        self.show_view(self.search)
        if selected and "\u2029" not in selected and len(selected) <= 40:
            self.search.focus_query(selected)


def install(window: QMainWindow) -> CorpusViews:
    views = CorpusViews(window)
    window.corpus_views = views  # type: ignore[attr-defined]
    return views
