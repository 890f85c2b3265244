"""Acceptance checks of issue 14: the window fits 1280x720 (and a minimum of at most 1024x640)
with every dock and control reachable, docks cannot be torn off, everything the user set up is
restored after a restart, focus starts in the reader so shortcuts work at once, and the dark
theme's text is readable — measured on rendered pixels."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)

from reader.corpus import Corpus
from ui import theme
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def make_window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    made: list[tuple[MainWindow, Corpus]] = []

    def make(size: tuple[int, int] | None = (1280, 720)) -> MainWindow:
        corpus = Corpus(seeded_path)
        window = MainWindow(corpus, Settings())
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(30)  # the first layout runs after the show
        made.append((window, corpus))
        return window

    yield make
    for window, corpus in made:
        window.close()
        corpus.close()
    theme.apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]


def _controls(window: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QTabBar):
        out.extend(w for w in window.findChildren(kind)
                   if w.isVisible() and w.window() is window and not w.size().isEmpty())
    return out


def _unreachable(window: QWidget) -> list[str]:
    """Controls that are outside the window or clipped by their parents (a control inside a
    scroll area counts as reachable when scrolling brings it fully into view)."""
    bad = []
    frame = window.rect()
    for control in _controls(window):
        scroll = next((p for p in _ancestors(control) if isinstance(p, QScrollArea)), None)
        if scroll is not None and scroll.widget() is not None:  # scroll the whole control into view
            top = control.mapTo(scroll.widget(), control.rect().topLeft()).y()
            bar = scroll.verticalScrollBar()
            if top < bar.value() or top + control.height() > bar.value() + scroll.viewport().height():
                bar.setValue(top)
            QApplication.processEvents()
        top_left = control.mapTo(window, control.rect().topLeft())
        rect = QRect(top_left, control.size())
        visible = control.visibleRegion().boundingRect()
        if not frame.contains(rect) or visible.size() != control.size():
            label = control.text() if hasattr(control, "text") else ""
            chain = "/".join(type(p).__name__ for p in _ancestors(control)[:4])
            bad.append(f"{type(control).__name__} {label!r} at {rect} shows {visible} in {chain}")
    return bad


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def test_the_window_fits_1280x720_and_can_be_smaller(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.width() == 1280 and window.height() == 720
    views = window.corpus_panel
    views.show_view("search")
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640, hint
    for key in views.views:  # every corpus view, in turn, in the room it gets
        views.show_view(key)
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=60000)
        QApplication.processEvents()
        assert not _unreachable(window), (key, _unreachable(window))
    views.set_expanded(True)
    QApplication.processEvents()
    assert views.height() > window.height() * 0.6
    assert not _unreachable(window)
    views.dismiss()
    window.resize(1024, 640)
    qtbot.wait(30)
    assert (window.width(), window.height()) == (1024, 640)
    assert not _unreachable(window)
    for dock in (window.list_dock, window.panel_dock):
        assert dock.isVisible() and dock.width() >= 200
    assert window.view.width() >= 300


def test_docks_cannot_be_torn_off(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    docks = window.findChildren(QDockWidget)
    assert {d.objectName() for d in docks} >= {"articles_dock", "inspector_dock", "corpus_panel_dock"}
    for dock in docks:
        assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable, dock.objectName()


def test_focus_starts_in_the_reader_and_shortcuts_work_at_once(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.export_dialog import ExportDialog

    opened: list[int] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(1) or 0)
    window = make_window()
    window.open_first_article()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [1], "Ctrl+E opens the export dialog at startup"
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("巡察")  # (QTest cannot type Chinese)
    assert window.find_bar.hits and window.view.find_hits == window.find_bar.hits
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.view.find_hits == []
    qtbot.keyClick(window.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.corpus_panel.isVisible() and window.corpus_panel.current_key() == "kwic"
    assert window.corpus_views.kwic.isAncestorOf(window.focusWidget()), "the view's first control has the focus"
    window.corpus_panel.dismiss()
    assert QApplication.focusWidget() is window.view and not window.corpus_panel.isVisible()
    # a sensible tab order: the list's filter, its state, the list, then the reader
    chain = [window.article_list.filter_edit]
    for _ in range(3):
        chain.append(chain[-1].nextInFocusChain())
        while chain[-1].focusPolicy() == Qt.FocusPolicy.NoFocus or not chain[-1].isVisible():
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain[1:] == [window.article_list.state_combo, window.article_list.table, window.view]


def test_window_docks_panel_zoom_list_and_article_are_restored(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window((1300, 780))
    window.resizeDocks([window.list_dock], [470], Qt.Orientation.Horizontal)
    window.corpus_panel.show_view("kwic")
    window.corpus_panel.set_expanded(True)
    window.reading.zoom(1)
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(window.view.viewport(), wheel)  # Ctrl+wheel zooms too (and is kept)
    header = window.article_list.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # by title, in SQL
    window.article_list.table.setColumnHidden(window.article_list.model.COLUMNS.index("page"), True)
    target = window.article_list.model.article_id(4)
    window.open_article(target)
    window.legend.toggle("ORG")  # entity highlights switched off stay off
    list_width = window.list_dock.width()
    window.close()

    again = make_window(size=None)
    assert (again.width(), again.height()) == (1300, 780)
    assert abs(again.list_dock.width() - list_width) <= 4
    assert again.corpus_panel.isVisible() and again.corpus_panel.current_key() == "kwic"
    assert again.corpus_panel.expanded
    assert again.settings.font_size == 15 and again.view.font().pointSize() == 15
    model = again.article_list.model
    assert model.sort_key == "title" and model.descending
    assert again.article_list.table.isColumnHidden(model.COLUMNS.index("page"))
    assert again.state.last_article() == target
    assert again.view.hidden_types == {"ORG"} and not again.legend.buttons["ORG"].isChecked()


def test_preferences_persist_and_apply(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui.preferences import PreferencesDialog

    window = make_window()
    dialog = PreferencesDialog(window.settings, window)
    dialog.size_spin.setValue(17)
    dialog.spacing_spin.setValue(200)
    dialog.stripes_box.setChecked(False)
    dialog.color_buttons["PER"].set_color("#123456")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.accept()
    window.reading.sync_from_settings()
    s = Settings()
    assert (s.font_size, s.line_spacing, s.show_code_stripes, s.theme) == (17, 200, False, "dark")
    assert s.entity_color("PER") == "#123456" and s.entity_color("LOC") == theme.DEFAULT_ENTITY_COLORS["LOC"]
    assert window.view.font().pointSize() == 17 and window.view.line_spacing == 200
    assert not window.view.show_code_stripes and not window.reading.stripes_action.isChecked()
    assert theme.current().dark


# -- themes, measured on pixels ------------------------------------------------------------
def _colours(image: QImage, rect: QRect | None = None) -> Counter:
    rect = rect or image.rect()
    counts: Counter = Counter()
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 2):
            counts[image.pixel(x, y)] += 1
    return counts


def _text_contrast(image: QImage, rect: QRect | None = None) -> tuple[QColor, float]:
    """The dominant background and the contrast of the strongest colour that makes up a real
    share of the remaining pixels (glyph cores, not anti-aliasing fringes)."""
    counts = _colours(image, rect)
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    total = sum(counts.values())
    ink = [QColor.fromRgb(rgb) for rgb, n in counts.items() if n >= total * 0.002]
    best = max((theme.contrast(background, c) for c in ink), default=1.0)
    return background, best


@pytest.mark.parametrize("mode", ["dark", "light"])
def test_article_text_is_readable_in_both_themes(qtbot, make_window, mode: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.reading.set_theme(mode)
    window.open_first_article()
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage()
    background, ratio = _text_contrast(image)
    assert (theme.luminance(background) < 0.05) == (mode == "dark")
    assert ratio >= 7.0, f"{mode}: text contrast {ratio:.1f} on {background.name()}"
    # the text on an entity highlight is readable too
    ent = window.view.entities[0]
    cursor = window.view._cursor(ent.start, ent.end)
    rect = window.view.cursorRect(cursor).united(window.view.cursorRect(window.view._cursor(ent.start, ent.start)))
    start_rect = window.view.cursorRect(window.view._cursor(ent.start, ent.start))
    end_rect = window.view.cursorRect(window.view._cursor(ent.end, ent.end))
    if start_rect.top() == end_rect.top():  # on one line: measure just the highlighted run
        box = QRect(start_rect.left() + 1, start_rect.top() + 2, end_rect.left() - start_rect.left() - 2,
                    start_rect.height() - 4)
        highlight, on_it = _text_contrast(image, box)
        assert highlight != background
        assert on_it >= 4.5, f"{mode}: entity text contrast {on_it:.1f}"
    assert rect.isValid()


def test_dark_theme_follows_into_every_view(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.reading.set_theme("dark")
    window.corpus_panel.show_view("search")
    QApplication.processEvents()
    for widget in (window.article_list.table.viewport(), window.corpus_views.search.table.viewport()):
        background, _ = _text_contrast(widget.grab().toImage())
        assert theme.luminance(background) < 0.05, widget


def test_no_two_actions_share_a_shortcut(make_window) -> None:  # type: ignore[no-untyped-def]
    """An ambiguous shortcut fires neither action: every feature area's keys must be distinct."""
    from collections import defaultdict

    from PySide6.QtGui import QAction

    window = make_window()
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty() and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                owners[key.toString()].append(action.text().replace("&", ""))
    clashes = {key: names for key, names in owners.items() if len(set(names)) > 1}
    assert not clashes, clashes
