"""The one place for corpus views (search, concordance, entity index, statistics, all
annotations, codebook, and whatever a feature area registers): a bottom dock whose title bar is
the row of view tabs.  It is hidden until a view is asked for, takes a good part of the window
then (more when expanded), and Esc puts it away and returns to the reader.

Registering a view is one line::

    window.corpus_panel.add_view("timeline", self.tr("Timeline"), TimelineView(...), "Ctrl+Shift+L")

which adds its tab and a View-menu action with the shortcut.  ``view_shown(key)`` fires when a
view becomes the visible one (views refresh lazily from it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

from ui.i18n import plain

NORMAL_SHARE = 0.5  # of the window's height when shown
EXPANDED_SHARE = 0.78


class CorpusPanel(QDockWidget):
    view_shown = Signal(str)
    dismissed = Signal()

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Corpus views"))
        self.setObjectName("corpus_panel_dock")
        self.window_ = window
        self.menu = menu
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.views: dict[str, QWidget] = {}
        self.actions: dict[str, QAction] = {}
        self._keys: list[str] = []
        self.expanded = False
        self.stack = QStackedWidget(self)
        self.tabs = QTabBar(self)
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        # never scroll arrows: a row too narrow (a small window, a long translation) elides
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.tabs.setAccessibleName(self.tr("Corpus views"))
        self.expand_button = QToolButton(self)
        self.expand_button.setCheckable(True)
        self.expand_button.setAutoRaise(True)
        self.expand_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.expand_button.setToolTip(self.tr("Give the corpus views more room (Ctrl+Shift+J)"))
        self.expand_button.setAccessibleName(self.tr("Expand corpus views"))
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Put the corpus views away (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close corpus views"))
        bar = QWidget(self)
        bar.setObjectName("corpus_panel_title")
        row = QHBoxLayout(bar)
        row.setContentsMargins(4, 2, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.tabs, 1)
        row.addWidget(self.expand_button)
        row.addWidget(self.close_button)
        self.setTitleBarWidget(bar)
        self.setWidget(self.stack)
        self.toggle_action = QAction(self.tr("Corpus &views panel"), window)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+J"))
        self.toggle_action.setCheckable(True)
        self.expand_action = QAction(self.tr("E&xpand corpus views"), window)
        self.expand_action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.expand_action.setCheckable(True)
        menu.addAction(self.toggle_action)
        menu.addAction(self.expand_action)
        menu.addSeparator()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.expand_button.toggled.connect(self.set_expanded)
        self.expand_action.toggled.connect(self.set_expanded)
        self.close_button.clicked.connect(self.dismiss)
        self.toggle_action.triggered.connect(self._on_toggle_action_triggered)
        self.visibilityChanged.connect(self._on_self_visibility_changed)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.dismiss)

    # -- registration --------------------------------------------------------------------
    def add_view(self, key: str, title: str, widget: QWidget, shortcut: str | None = None) -> QAction:
        """Add a view as a tab with a View-menu action (and ``shortcut``) that shows it."""
        if key in self.views:
            raise ValueError(f"a corpus view called {key!r} is already registered")
        self.views[key] = widget
        self._keys.append(key)
        self.stack.addWidget(widget)
        index = self.tabs.addTab(self._tab_labels().get(key) or plain(title))
        self.tabs.setTabToolTip(index, plain(title) + (f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                                                       if shortcut else ""))
        action = QAction(title, self.window_)
        action.setObjectName(f"show_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False, k=key: self.show_view(k))
        self.menu.addAction(action)
        self.actions[key] = action
        return action

    def _tab_labels(self) -> dict[str, str]:
        """Short tab labels, so that every view's tab fits the row at 1280 pixels (the View
        menu and the tab's tooltip keep the full name)."""
        return {
            "search": self.tr("Search"), "kwic": self.tr("KWIC"), "entities": self.tr("Entities"),
            "stats": self.tr("Statistics"), "variables": self.tr("Variables"), "reprints": self.tr("Reprints"),
            "timeline": self.tr("Timeline"), "phrases": self.tr("Phrases"), "keyness": self.tr("Keyness"),
            "collocations": self.tr("Collocates"), "words": self.tr("Words"),
            "annotations": self.tr("Annotations"), "codebook": self.tr("Codebook"),
        }

    # -- showing ---------------------------------------------------------------------------
    def show_view(self, key: str | QWidget, focus: bool = True) -> QWidget:
        if isinstance(key, QWidget):
            key = next(k for k, w in self.views.items() if w is key)
        widget = self.views[key]
        was_visible = self.isVisible()
        self.tabs.setCurrentIndex(self._keys.index(key))
        if not was_visible:
            self.show()
            self._resize()
        self.raise_()
        if focus:
            _focus_first(widget)
        self.view_shown.emit(key)
        return widget

    def current_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def current_view(self) -> QWidget | None:
        key = self.current_key()
        return self.views.get(key) if key else None

    def set_expanded(self, expanded: bool) -> None:
        self.expanded = expanded
        for control in (self.expand_button, self.expand_action):
            control.blockSignals(True)
            control.setChecked(expanded)
            control.blockSignals(False)
        if self.isVisible():
            self._resize()

    def _resize(self) -> None:
        share = EXPANDED_SHARE if self.expanded else NORMAL_SHARE
        height = max(self.minimumSizeHint().height(), int(self.window_.height() * share))
        self.window_.resizeDocks([self], [height], Qt.Orientation.Vertical)

    @Slot()
    def dismiss(self) -> None:
        """Put the panel away; the window returns focus to the reader."""
        self.hide()
        self.dismissed.emit()

    # -- slots -----------------------------------------------------------------------------
    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            self.stack.setCurrentIndex(index)
            if self.isVisible():
                self.view_shown.emit(self._keys[index])

    @Slot(bool)
    def _on_toggle_action_triggered(self, on: bool) -> None:
        if on:
            self.show_view(self.current_key() or self._keys[0])
        else:
            self.dismiss()

    @Slot(bool)
    def _on_self_visibility_changed(self, visible: bool) -> None:
        self.toggle_action.setChecked(visible)
        if visible and self.current_key():
            self.view_shown.emit(self.current_key())  # type: ignore[arg-type]


def _focus_first(widget: QWidget) -> None:
    """Give the focus to the view's first control that takes it by Tab (the view itself when
    it has none)."""
    if widget.focusProxy() is not None or widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (widget.isAncestorOf(candidate) and candidate.isVisibleTo(widget) and candidate.isEnabled()
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus):
            candidate.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        candidate = candidate.nextInFocusChain()
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
