"""The View menu's reading comfort: zoom, theme (system, light, dark), coding backgrounds and
stripes, entity highlight toggles, and moving the focus between the panes.  Every choice is
kept in :class:`ui.settings.Settings` and applied through ``window.apply_preferences()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from ui import theme

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = 8, 40, 13


class ReadingActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        self.zoom_in_action = QAction(self.tr("Zoom &in"), w)
        self.zoom_in_action.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.zoom_out_action = QAction(self.tr("Zoom &out"), w)
        self.zoom_out_action.setShortcuts([QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset_action = QAction(self.tr("&Actual size"), w, shortcut=QKeySequence("Ctrl+0"))
        self.backgrounds_action = QAction(self.tr("Coding &backgrounds"), w, shortcut=QKeySequence("Ctrl+Shift+B"))
        self.backgrounds_action.setCheckable(True)
        self.backgrounds_action.setChecked(w.settings.show_code_backgrounds)
        self.stripes_action = QAction(self.tr("Coding s&tripes"), w, shortcut=QKeySequence("Ctrl+Shift+G"))
        self.stripes_action.setCheckable(True)
        self.stripes_action.setChecked(w.settings.show_code_stripes)
        self.theme_menu = QMenu(self.tr("&Theme"), w)
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode, label in (("system", self.tr("Follow the &system")), ("light", self.tr("&Light")),
                            ("dark", self.tr("&Dark"))):
            action = self.theme_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(w.settings.theme == mode)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, m=mode: self.set_theme(m))
            self.theme_actions[mode] = action
        self.focus_actions: list[QAction] = []
        for keys, label, target in (
            ("Ctrl+1", self.tr("Go to the article &list"), "list"),
            ("Ctrl+2", self.tr("Go to the &reader"), "reader"),
            ("Ctrl+3", self.tr("Go to the i&nspector"), "inspector"),
            ("Ctrl+L", self.tr("&Filter articles"), "filter"),
        ):
            action = QAction(label, w, shortcut=QKeySequence(keys))
            action.triggered.connect(lambda _=False, t=target: w.focus_pane(t))
            self.focus_actions.append(action)
        self.zoom_in_action.triggered.connect(lambda: self.zoom(1))
        self.zoom_out_action.triggered.connect(lambda: self.zoom(-1))
        self.zoom_reset_action.triggered.connect(lambda: self.zoom(0))
        self.backgrounds_action.toggled.connect(self._on_coding_toggled)
        self.stripes_action.toggled.connect(self._on_coding_toggled)

    def build_menu(self, menu: QMenu) -> None:
        w = self.window
        for action in self.focus_actions:
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            menu.addAction(action)
        menu.addMenu(self.theme_menu)
        menu.addSeparator()
        menu.addAction(self.backgrounds_action)
        menu.addAction(self.stripes_action)
        for number, etype in enumerate(w.legend.buttons, 1):
            action = QAction(self.tr("Highlight %s") % w.legend.names[etype], w, shortcut=QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _=False, t=etype: w.legend.toggle(t))
            menu.addAction(action)
        menu.addSeparator()
        self.snap_action = QAction(self.tr("&Snap selection to words"), w, shortcut=QKeySequence("W"))
        self.snap_action.setCheckable(True)
        self.snap_action.toggled.connect(self._on_snap_action_toggled)
        menu.addAction(self.snap_action)
        w.legend.hidden_types_changed.connect(self._on_legend_hidden_types_changed)

    def apply_preferences(self) -> None:
        """Fonts, spacing, colours and coding display from the settings, to every pane."""
        from ui.fonts import reading_font

        w, s = self.window, self.window.settings
        font = reading_font(s.font_size, s.font_family)
        colors = {etype: s.entity_color(etype) for etype in w.legend.buttons}
        w.legend.set_hidden_types(s.hidden_entity_types)
        w.view.hidden_types = set(s.hidden_entity_types)
        w.view.set_reading_style(font, s.line_spacing, colors)
        w.view.set_coding_visible(s.show_code_backgrounds, s.show_code_stripes)
        w.legend.set_colors(colors)

    def focus_pane(self, target: str) -> None:
        """Ctrl+1/2/3, Ctrl+L: the list, the reader, the inspector, the list's filter."""
        w = self.window
        if target in ("list", "filter"):
            w.list_dock.show()
            w.list_dock.raise_()
            widget = w.article_list.filter_edit if target == "filter" else w.article_list.table
        elif target == "inspector":
            w.panel_dock.show()
            widget = w.panel
        else:
            widget = w.view
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if target == "inspector":
            w.panel.focusNextChild()

    def zoom(self, step: int) -> int:
        """Change the reading size by ``step`` points (0: back to the default); returns it."""
        s = self.window.settings
        size = DEFAULT_SIZE if step == 0 else max(MIN_SIZE, min(MAX_SIZE, s.font_size + step))
        s.font_size = size
        self.window.apply_preferences()
        self.window.statusBar().showMessage(self.tr("Reading size %d pt") % size, 2000)
        return size

    def set_theme(self, mode: str) -> None:
        self.window.settings.theme = mode
        self.theme_actions[mode].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, mode)
        self.window.apply_preferences()

    def sync_from_settings(self) -> None:
        """After the preferences changed: the checkable actions show what is in force."""
        s = self.window.settings
        for action, on in ((self.backgrounds_action, s.show_code_backgrounds),
                           (self.stripes_action, s.show_code_stripes)):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.set_theme(s.theme)

    @Slot(bool)
    def _on_snap_action_toggled(self, on: bool) -> None:
        self.window.view.snap_to_words = on

    @Slot(list)
    def _on_legend_hidden_types_changed(self, types: list) -> None:
        self.window.view.set_hidden_types(set(types))
        self.window.settings.hidden_entity_types = list(types)

    @Slot(bool)
    def _on_coding_toggled(self, _on: bool) -> None:
        s = self.window.settings
        s.show_code_backgrounds = self.backgrounds_action.isChecked()
        s.show_code_stripes = self.stripes_action.isChecked()
        self.window.apply_preferences()
