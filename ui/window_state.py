"""What the window remembers between sessions: its geometry, docks (sizes, sides, which are
shown), the article list's columns and sort, the corpus panel's view and size, the reading zoom
(a setting of its own) and the open article of each corpus.  Restored when the window is built;
saved when it closes.  Without a saved layout the first show sizes the panes for the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow


ARTICLE_WRITE_DELAY_MS = 3000


class WindowState:
    VERSION = 3  # bump when the dock layout changes shape, so old layouts are not applied

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._shown = False
        self._restored_layout = False
        self._pending_article: int | None = None
        self._article_timer: QTimer | None = None

    @property
    def corpus_key(self) -> str:
        return self.window.corpus.location

    def restore(self) -> None:
        w, s = self.window, self.window.settings
        geometry = s.window_geometry
        if geometry is None or not w.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else None
            width = min(1440, int(area.width() * 0.92)) if area else 1280
            height = min(900, int(area.height() * 0.92)) if area else 720
            w.resize(max(width, 1024), max(height, 640))
        state = s.window_state
        self._restored_layout = state is not None and w.restoreState(state, self.VERSION)
        w.article_list.restore_header_state(s.article_list_header)
        w.article_list.columns_chosen = s.article_list_columns_chosen
        view = s.corpus_panel_view
        if view in w.corpus_panel.views:
            w.corpus_panel.tabs.setCurrentIndex(list(w.corpus_panel.views).index(view))
        w.corpus_panel.set_expanded(s.corpus_panel_expanded)

    def last_article(self) -> int:
        if self._pending_article is not None:
            return self._pending_article
        return self.window.settings.last_article_in(self.corpus_key)

    def restore_reading_position(self) -> None:
        """Scroll the reopened article to where it was read last time."""
        share = self.window.settings.last_scrolls.get(self.corpus_key)
        if isinstance(share, (int, float)) and share > 0:
            bar = self.window.view.verticalScrollBar()
            QTimer.singleShot(0, lambda: bar.setValue(int(share * bar.maximum())))

    def remember_article(self, article_id: int) -> None:
        """Keep the open article for the next session: written a moment later (writing the
        settings file costs more than opening an article) and at the latest when the window
        closes."""
        self._pending_article = article_id
        if self._article_timer is None:
            self._article_timer = QTimer(self.window)
            self._article_timer.setSingleShot(True)
            self._article_timer.setInterval(ARTICLE_WRITE_DELAY_MS)
            self._article_timer.timeout.connect(self.write_article)
        if not self._article_timer.isActive():
            self._article_timer.start()

    def write_article(self) -> None:
        """Write the remembered open article now (if one is waiting)."""
        if self._pending_article is not None:
            self.window.settings.remember_article(self.corpus_key, self._pending_article)
            self._pending_article = None

    def save(self) -> None:
        self.write_article()
        if not self._shown:  # a window closed before it was ever laid out has nothing to keep
            return
        w, s = self.window, self.window.settings
        s.window_state = QByteArray(w.saveState(self.VERSION))
        s.window_geometry = QByteArray(w.saveGeometry())
        s.article_list_header = QByteArray(w.article_list.header_state())
        s.article_list_columns_chosen = w.article_list.columns_chosen
        s.corpus_panel_view = w.corpus_panel.current_key() or ""
        bar = w.view.verticalScrollBar()
        scrolls = s.last_scrolls
        scrolls[self.corpus_key] = round(bar.value() / bar.maximum(), 4) if bar.maximum() > 0 else 0.0
        s.last_scrolls = dict(list(scrolls.items())[-50:])
        s.corpus_panel_expanded = w.corpus_panel.expanded
        if s.recent_corpora[:1] != [self.corpus_key]:
            s.add_recent_corpus(self.corpus_key)
        s.sync()

    def on_resize(self, event) -> None:  # type: ignore[no-untyped-def]
        """The side docks keep their share of the width as the window grows or shrinks."""
        w, old = self.window, event.oldSize()
        if old.isValid() and old.width() > 0 and old.width() != w.width() and w.isVisible():
            shares = [dock.width() / old.width() for dock in (w.list_dock, w.panel_dock)]
            QTimer.singleShot(0, lambda: self._keep_dock_shares(shares))

    def _keep_dock_shares(self, shares: list[float]) -> None:
        w = self.window
        docks = [w.list_dock, w.panel_dock]
        widths = [max(d.minimumSizeHint().width(), int(w.width() * share)) for d, share in zip(docks, shares)]
        w.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def on_first_show(self) -> None:
        if self._shown:
            return
        self._shown = True
        QTimer.singleShot(0, self._first_layout)

    def _first_layout(self) -> None:
        """Dock sizes only take once the window has its real size; focus starts in the reader."""
        w = self.window
        if not self._restored_layout:
            width = w.width()
            w.resizeDocks([w.list_dock, w.panel_dock], [max(300, int(width * 0.27)), max(280, int(width * 0.23))],
                          Qt.Orientation.Horizontal)
        w.view.setFocus(Qt.FocusReason.OtherFocusReason)
