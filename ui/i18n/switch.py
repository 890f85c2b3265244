"""Changing the interface language of a running window without losing work.

Every text of the interface is written once, when its widget is built, so a new language is
shown by building the window again: :func:`rebuild` makes a new :class:`MainWindow` on the same
open corpus and hands it what the user had in the old one, then closes the old window (the
corpus stays open).  What comes across:

- the undo history: the very same ``QUndoStack`` (its commands are rebound to the new window,
  :func:`rebind_commands`), so Ctrl+Z undoes what was done before the switch;
- the layout (geometry, docks, splitters, list columns, corpus panel), through the window's own
  saved state;
- the open article, the selected passage, the reading position, the find bar;
- every value typed or chosen and not yet saved: the inspector's tags and note, the article tags
  and note, the list's filter, the corpus views' queries and filters (:func:`transfer_inputs`
  copies each input widget to the one at the same place in the new window); the search and
  concordance results are run again;
- the focus.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

Path = tuple[tuple[str, str, int], ...]


def widget_path(widget: QWidget, root: QWidget) -> Path | None:
    """Where ``widget`` sits under ``root``: at each level its class, object name and rank among
    its siblings of that class (the same in two windows built the same way)."""
    steps = []
    node: QObject | None = widget
    while node is not None and node is not root:
        parent = node.parent()
        if parent is None:
            return None
        kind = type(node).__name__
        siblings = [c for c in parent.children() if type(c).__name__ == kind and c.objectName() == node.objectName()]
        steps.append((kind, node.objectName(), siblings.index(node)))
        node = parent
    return tuple(reversed(steps)) if node is root else None


INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QTabWidget,
          QTabBar, QStackedWidget, QSplitter, QHeaderView)


def _inputs(root: QWidget, skip: tuple[QWidget, ...] = ()) -> dict[Path, QWidget]:
    found: dict[Path, QWidget] = {}
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # their own line edit: the box carries the value
        if any(s is widget or s.isAncestorOf(widget) for s in skip):
            continue
        path = widget_path(widget, root)
        if path is not None:
            found[path] = widget
    return found


def _copy_value(old: QWidget, new: QWidget) -> None:  # noqa: C901 - one branch per kind of input
    if type(old) is not type(new):
        return
    if isinstance(old, QLineEdit):
        if not old.isReadOnly() and new.text() != old.text():
            new.setText(old.text())
    elif isinstance(old, (QPlainTextEdit, QTextEdit)):
        if not old.isReadOnly() and new.toPlainText() != old.toPlainText():
            new.setPlainText(old.toPlainText())
    elif isinstance(old, QComboBox):
        index = -1
        if old.currentIndex() >= 0 and old.currentData() is not None:
            index = new.findData(old.currentData())
        elif old.count() == new.count():
            index = old.currentIndex()
        if index >= 0 and index != new.currentIndex():
            new.setCurrentIndex(index)
        if old.isEditable() and old.currentText() != old.itemText(old.currentIndex()):
            new.setEditText(old.currentText())
    elif isinstance(old, QAbstractButton):
        if old.isCheckable() and new.isCheckable() and new.isChecked() != old.isChecked():
            new.setChecked(old.isChecked())
    elif isinstance(old, QDateTimeEdit):
        if new.dateTime() != old.dateTime():
            new.setDateTime(old.dateTime())
    elif isinstance(old, (QSpinBox, QDoubleSpinBox)):
        if new.value() != old.value():
            new.setValue(old.value())
    elif isinstance(old, (QTabWidget, QTabBar, QStackedWidget)):
        if old.count() == new.count() and new.currentIndex() != old.currentIndex():
            new.setCurrentIndex(old.currentIndex())
    elif isinstance(old, QSplitter):
        if old.count() == new.count():
            new.restoreState(old.saveState())
    elif isinstance(old, QHeaderView):
        if old.count() == new.count() and old.count() > 0:
            new.restoreState(old.saveState())


def transfer_inputs(old_root: QWidget, new_root: QWidget, skip_old: tuple[QWidget, ...] = (),
                    skip_new: tuple[QWidget, ...] = ()) -> int:
    """Copy every input's value (text, choice, check, number, tab, splitter, header) from
    ``old_root`` to the widget at the same place under ``new_root``; returns how many matched."""
    old_inputs = _inputs(old_root, skip_old)
    new_inputs = _inputs(new_root, skip_new)
    matched = 0
    for path, widget in old_inputs.items():
        target = new_inputs.get(path)
        if target is not None:
            _copy_value(widget, target)
            matched += 1
    return matched


def _commands(stack: QUndoStack) -> list[QUndoCommand]:
    found: list[QUndoCommand] = []

    def walk(command: QUndoCommand) -> None:
        found.append(command)
        for i in range(command.childCount()):
            child = command.child(i)
            if child is not None:
                walk(child)

    for i in range(stack.count()):
        command = stack.command(i)
        if command is not None:
            walk(command)
    return found


def _counterparts(old: QWidget, new: QWidget) -> dict[int, Any]:
    """The old window and the objects it holds by name, each with its namesake in the new one."""
    pairs: dict[int, Any] = {id(old): new}
    for name, value in vars(old).items():
        counterpart = getattr(new, name, None)
        if isinstance(value, QObject) and counterpart is not None and type(counterpart) is type(value):
            pairs[id(value)] = counterpart
    return pairs


def _rebound(value: Any, pairs: dict[int, Any]) -> tuple[bool, Any]:
    if id(value) in pairs:
        return True, pairs[id(value)]
    if isinstance(value, types.MethodType) and id(value.__self__) in pairs:
        return True, getattr(pairs[id(value.__self__)], value.__name__)
    if isinstance(value, types.FunctionType) and value.__closure__:
        changed = False
        for cell in value.__closure__:
            try:
                content = cell.cell_contents
            except ValueError:
                continue
            hit, replacement = _rebound(content, pairs)
            if hit:
                cell.cell_contents = replacement
                changed = True
        return changed, value
    return False, value


def stale_references(stack: QUndoStack, old: QWidget) -> list[str]:
    """Attributes of the stack's commands that still reach the old window (should be none)."""
    pairs = _counterparts(old, old)
    found = []
    for command in _commands(stack):
        for name, value in vars(command).items():
            targets = [value]
            if isinstance(value, types.MethodType):
                targets.append(value.__self__)
            if isinstance(value, types.FunctionType) and value.__closure__:
                targets.extend(c.cell_contents for c in value.__closure__ if _has_content(c))
            if any(id(t) in pairs for t in targets):
                found.append(f"{type(command).__name__}.{name}")
    return found


def _has_content(cell: Any) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


def rebind_commands(stack: QUndoStack, old: QWidget, new: QWidget) -> int:
    """Point the commands on ``stack`` (their callbacks, the tools they hold) from the old window
    to the new one; returns how many attributes were rebound."""
    pairs = _counterparts(old, new)
    count = 0
    for command in _commands(stack):
        for name, value in list(vars(command).items()):
            hit, replacement = _rebound(value, pairs)
            if hit:
                setattr(command, name, replacement)
                count += 1
    return count


@dataclass
class Snapshot:
    """What the user had in a window that its saved layout does not keep."""

    article_id: int | None
    selection: tuple[int, int]
    scroll: float
    annotation_id: int | None
    find_open: bool
    find_text: str
    snap: bool
    reran: dict[str, bool] = field(default_factory=dict)
    focus: Path | None = None


def capture(window) -> Snapshot:  # type: ignore[no-untyped-def]
    view = window.view
    bar = view.verticalScrollBar()
    focus = QApplication.focusWidget()
    views = getattr(window, "corpus_views", None)
    reran = {}
    if views is not None:
        reran = {"search": views.search.model.rowCount() > 0, "kwic": views.kwic.model.rowCount() > 0}
    return Snapshot(
        article_id=window.current_article_id,
        selection=view.selected_range() if view.article is not None else (0, 0),
        scroll=bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0,
        annotation_id=window.panel.current_annotation_id(),
        find_open=window.find_bar.isVisible(),
        find_text=window.find_bar.edit.text(),
        snap=window.reading.snap_action.isChecked(),
        reran=reran,
        focus=widget_path(focus, window) if focus is not None and window.isAncestorOf(focus) else None,
    )


def restore(old, new, snap: Snapshot) -> None:  # type: ignore[no-untyped-def]
    """Carry ``snap`` and the old window's inputs into ``new`` (built with the same corpus)."""
    transfer_inputs(old, new, skip_old=(old.panel, old.find_bar), skip_new=(new.panel, new.find_bar))
    if snap.article_id is not None:
        new.open_article(snap.article_id)
    if snap.annotation_id is not None:
        new.panel.select_annotation(snap.annotation_id)
    start, end = snap.selection
    if end > start and new.view.article is not None:
        new.view.select_range(start, end)
    transfer_inputs(old.panel, new.panel)  # unsaved tags and notes, over what opening filled in
    new.reading.snap_action.setChecked(snap.snap)
    if snap.find_open:
        new.find_bar.open_bar(snap.find_text)
    views = getattr(new, "corpus_views", None)
    if views is not None:
        if snap.reran.get("search"):
            views.search.run_search()
        if snap.reran.get("kwic"):
            views.kwic.run()
    bar = new.view.verticalScrollBar()

    def scroll_and_focus() -> None:
        bar.setValue(round(snap.scroll * bar.maximum()))
        target = _widget_at(new, snap.focus) if snap.focus else new.view
        (target or new.view).setFocus()

    QTimer.singleShot(0, scroll_and_focus)


def _widget_at(root: QWidget, path: Path) -> QWidget | None:
    for widget in root.findChildren(QWidget):
        if widget_path(widget, root) == path:
            return widget
    return None


def rebuild(old, make: Callable[..., Any]):  # type: ignore[no-untyped-def]
    """Build the window again with ``make(corpus, settings, undo_stack=...)`` (the language now
    installed is used for every text), carry the work across, show it and close ``old``."""
    snap = capture(old)
    old.runner.wait(30000)  # background writes finish under the old window that started them
    old.state.save()  # layout and reading position, as closing would
    stack = old.undo_stack
    new = make(old.corpus, old.settings, undo_stack=stack)
    rebind_commands(stack, old, new)
    new.setGeometry(old.geometry())
    if old.isMaximized():
        new.showMaximized()
    else:
        new.show()
    restore(old, new, snap)
    old.hide()
    old.close()
    old.deleteLater()
    return new
