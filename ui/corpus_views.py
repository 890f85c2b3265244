"""Corpus views in the main window: search, concordance, entity index and statistics,
registered in the window's corpus panel (each with a Corpus-menu entry and shortcut).
:func:`install` is called by the main window.

The composer owns the wiring: views emit intents (open a passage, show a concordance, merge
aliases), the composer carries them out on the window and corpus, and re-broadcasts what changed
through ``window.changed``; views refresh from that signal (stale tabs refresh when shown)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

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
        self.panel = window.corpus_panel  # type: ignore[attr-defined]
        self.search = SearchView(corpus, runner, self.panel)
        self.kwic = KwicView(corpus, runner, self.panel)
        self.entities = EntityIndexView(corpus, runner, self.panel)
        self.stats = StatsView(corpus, runner, self.panel)
        self._stale: set[QObject] = {self.entities, self.stats}
        self.actions: dict[str, QAction] = {
            "search": self.panel.add_view("search", self.tr("&Search corpus"), self.search, "Ctrl+Shift+F"),
            "kwic": self.panel.add_view("kwic", self.tr("&Concordance (KWIC)"), self.kwic, "Ctrl+Shift+K"),
            "entities": self.panel.add_view("entities", self.tr("Entity &index"), self.entities, "Ctrl+Shift+E"),
            "stats": self.panel.add_view("stats", self.tr("S&tatistics"), self.stats, "Ctrl+Shift+T"),
        }
        self.actions["search"].triggered.disconnect()
        self.actions["search"].triggered.connect(self._on_window_search_requested)
        self._build_menu()
        self._connect()

    def _build_menu(self) -> None:
        menu = self.panel.menu
        menu.addSeparator()
        for key, label, shortcut, step in (("next_hit", self.tr("Next search &hit"), "F3", 1),
                                           ("prev_hit", self.tr("Previous search hit"), "Shift+F3", -1)):
            action = QAction(label, self.window, shortcut=QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, s=step: self.step_hit(s))
            menu.addAction(action)
            self.actions[key] = action
        menu.addSeparator()

    def step_hit(self, step: int) -> None:
        """F3: the find bar's next match when it is open, else the next corpus search hit."""
        find_bar = getattr(self.window, "find_bar", None)
        if find_bar is not None and find_bar.isVisible() and find_bar.hits:
            find_bar.step(step)
        else:
            self.search.step_hit(step)

    def _connect(self) -> None:
        for view in (self.search, self.kwic, self.entities):
            view.passage_requested.connect(self._on_view_passage_requested)
        self.search.concordance_requested.connect(self._on_search_concordance_requested)
        self.search.results_ready.connect(self._on_search_results_ready)
        self.entities.concordance_requested.connect(self._on_entities_concordance_requested)
        self.entities.merge_requested.connect(self._on_entities_merge_requested)
        self.entities.unmerge_requested.connect(self._on_entities_unmerge_requested)
        self.panel.view_shown.connect(self._on_panel_view_shown)
        self.window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        self.window.article_opened.connect(self._on_window_article_opened)  # type: ignore[attr-defined]
        requested = getattr(self.window, "search_requested", None)
        if requested is not None:
            requested.connect(self._on_window_search_requested)

    # -- public API ------------------------------------------------------------------
    def show_view(self, view: Any) -> None:
        self.panel.show_view(view, focus=False)
        self._refresh_if_stale(view)
        if view is self.search:
            self.search.focus_query()

    def hits_in(self, article_id: int) -> list[tuple[int, int]]:
        """Every hit of the current search in an article (none when it is not a result)."""
        model = self.search.model
        for row in range(model.rowCount()):
            hit = model.hit(row)
            if hit.article_id == article_id:
                return [tuple(h) for h in hit.hits]  # type: ignore[misc]
        return []

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        self.window.open_article(article_id)  # type: ignore[attr-defined]
        if getattr(self.window, "current_article_id", article_id) == article_id:
            self.window.view.select_range(start, end)  # type: ignore[attr-defined]

    def _refresh_if_stale(self, view: Any) -> None:
        if view in self._stale and self.panel.isVisible() and self.panel.current_view() is view:
            self._stale.discard(view)
            view.refresh()

    # -- slots -----------------------------------------------------------------------
    @Slot(int, int, int)
    def _on_view_passage_requested(self, article_id: int, start: int, end: int) -> None:
        self.open_passage(article_id, start, end)

    @Slot(str, bool)
    def _on_search_concordance_requested(self, query: str, regex: bool) -> None:
        self.panel.show_view(self.kwic, focus=False)
        self.kwic.show_concordance(query, "text", regex)

    @Slot(str)
    def _on_entities_concordance_requested(self, name: str) -> None:
        self.panel.show_view(self.kwic, focus=False)
        self.kwic.show_concordance(name, "entity")

    @Slot(int)
    def _on_search_results_ready(self, _count: int) -> None:
        current = getattr(self.window, "current_article_id", None)
        if current is not None:
            self.window.view.set_search_hits(self.hits_in(current))  # type: ignore[attr-defined]

    @Slot(int)
    def _on_window_article_opened(self, article_id: int) -> None:
        self.window.view.set_search_hits(self.hits_in(article_id))  # type: ignore[attr-defined]

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

    @Slot(str)
    def _on_panel_view_shown(self, _key: str) -> None:
        self._refresh_if_stale(self.panel.current_view())

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if change.kind == "articles" and change.article_ids:
            # a reading state, note, article tags or page facts: no filter list or hit changes
            self._stale.add(self.stats)
            return
        if change.kind in ("annotations", "tags", "articles", "entities"):
            self.search.on_corpus_changed(change)
            self.kwic.on_corpus_changed(change)
            self._stale.update({self.entities, self.stats})
            self._refresh_if_stale(self.panel.current_view())

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
