"""Editing an entity's span in place: drag either end of it in the article view, or nudge the
ends with the keyboard, pick its type, and apply the correction to this occurrence only or to the
whole corpus.

F2 (or "Adjust span…" in the context menu) on an entity starts editing it: the span is outlined,
its two ends get handles and a small bar shows the text, the type, the scope and the keys.
←/→ move the start, Shift+←/→ move the end, Enter applies, Esc cancels; the handles can be
dragged with the mouse.  The scope defaults to "this occurrence" once an end has moved and to
"whole corpus" for a type change alone, until the user picks one.

Applying runs through :class:`ui.entity_tools.EntityTools` (background task, undo stack):
this occurrence is :func:`reader.coding.occurrences.set_span`; the whole corpus is a type change
(:func:`reader.coding.corrections.change_type`) or a boundary fix
(:func:`reader.coding.occurrences.corpus_span_edit`).  Positions are code points; Qt's UTF-16
offsets are converted here, at the widget edge.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Slot
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from reader.coding import corrections, occurrences
from reader.records import EntityRecord
from ui import theme
from ui.positions import PositionMap
from ui.span_widgets import CORPUS, HERE, SpanBar, _Handles

if TYPE_CHECKING:
    from ui.entity_tools import EntityTools
    from ui.tasks import Task

HANDLE_GRAB = 7  # pixels either side of an end where a press grabs it
__all__ = ["CORPUS", "HERE", "SpanEditor"]


class SpanEditor(QObject):
    """Span editing for the article view of ``tools.window``."""

    def __init__(self, tools: EntityTools) -> None:
        super().__init__(tools)
        self.tools = tools
        self.view: QTextEdit = tools.view
        self.original: EntityRecord | None = None
        self.article_id: int | None = None
        self.start = self.end = 0
        self.etype = ""
        self.scope_chosen = False
        self.dragging: str | None = None  # "start" / "end" while a handle is dragged
        self._positions = PositionMap("")
        self.handles = _Handles(self)
        self.bar = SpanBar(self)
        self.bar.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.bar.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.bar.type_combo.activated.connect(self._on_type_combo_activated)
        self.bar.scope_combo.activated.connect(self._on_scope_combo_activated)
        self.action = QAction(self.tr("Adjust entity span"), self.view)
        self.action.setObjectName("adjust_span")
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.triggered.connect(self._on_action_triggered)
        self.view.addAction(self.action)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        overlays = getattr(self.view, "overlays", None)
        if overlays is not None:
            overlays.append(self.selections)

    # -- state ---------------------------------------------------------------------------
    @property
    def editing(self) -> bool:
        if self.original is None:
            return False
        article = self.view.article  # type: ignore[attr-defined]
        if article is None or article.id != self.article_id:
            self.cancel()  # another article is shown: editing ends
            return False
        return True

    def begin(self, ent: EntityRecord) -> None:
        article = self.view.article  # type: ignore[attr-defined]
        if article is None:
            return
        self.original, self.article_id = ent, article.id
        self.start, self.end, self.etype = ent.start, ent.end, ent.type
        self.scope_chosen = False
        self._positions = PositionMap(article.text)
        self.bar.type_combo.setCurrentIndex(max(0, self.bar.type_combo.findData(ent.type)))
        self.bar.show()
        self.handles.show()
        self._make_room()
        self._update()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _make_room(self) -> None:
        """Scroll so that the span and the bar below it are in view."""
        self.bar.adjustSize()
        top = self.view.cursorRect(self._qt_cursor(self.start)).top()
        bottom = self.view.cursorRect(self._qt_cursor(self.end)).bottom() + self.bar.height() + 12
        height = self.view.viewport().height()
        if top < 0 or bottom > height:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.value() + top - height // 3)

    def cancel(self) -> None:
        self.original = self.article_id = None
        self.dragging = None
        self.bar.hide()
        self.handles.hide()
        self.view._update_extra_selections()  # type: ignore[attr-defined]

    def changed_bounds(self) -> bool:
        return self.original is not None and (self.start, self.end) != (self.original.start, self.original.end)

    def scope(self) -> str:
        return str(self.bar.scope_combo.currentData())

    def text(self) -> str:
        article = self.view.article  # type: ignore[attr-defined]
        return article.text[self.start:self.end] if article is not None else ""

    def set_bounds(self, start: int, end: int) -> None:
        """Move the ends (code points) within the line, never to an empty span."""
        article = self.view.article  # type: ignore[attr-defined]
        if article is None or self.original is None:
            return
        text = article.text
        line_start = text.rfind("\n", 0, self.original.start) + 1
        line_end = text.find("\n", self.original.start)
        line_end = len(text) if line_end < 0 else line_end
        start = max(line_start, min(start, line_end - 1))
        end = max(start + 1, min(end, line_end))
        self.start, self.end = start, end
        self._update()

    def nudge(self, which: str, step: int) -> None:
        if which == "start":
            self.set_bounds(min(self.start + step, self.end - 1), self.end)
        else:
            self.set_bounds(self.start, max(self.end + step, self.start + 1))

    def _update(self) -> None:
        if not self.scope_chosen:  # boundary fixes default to here, type changes to the corpus
            default = HERE if self.changed_bounds() else CORPUS
            self.bar.scope_combo.setCurrentIndex(self.bar.scope_combo.findData(default))
        text = self.text()
        self.bar.text_label.setText(f"【{text if len(text) <= 20 else text[:19] + '…'}】")
        self.bar.apply_button.setEnabled(self.changed_bounds() or self.etype != (self.original.type if self.original else ""))
        self.view._update_extra_selections()  # type: ignore[attr-defined]
        self._place_bar()
        self.handles.setGeometry(self.view.viewport().rect())
        self.handles.update()

    # -- drawing -------------------------------------------------------------------------
    def _qt_cursor(self, cp: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._positions.to_qt(cp))
        return cursor

    def end_rects(self) -> tuple[QRect, QRect] | None:
        """Viewport rectangles of the caret positions at the two ends."""
        if not self.editing:
            return None
        return (self.view.cursorRect(self._qt_cursor(self.start)), self.view.cursorRect(self._qt_cursor(self.end)))

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """The outlined span (an extra selection of the view)."""
        if not self.editing:
            return []
        sel = QTextEdit.ExtraSelection()
        cursor = self._qt_cursor(self.start)
        cursor.setPosition(self._positions.to_qt(self.end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        t = theme.current()
        colour = QColor(t.accent)
        colour.setAlpha(70)
        sel.format.setBackground(colour)
        sel.format.setForeground(t.text)
        sel.format.setUnderlineStyle(sel.format.UnderlineStyle.SingleUnderline)
        sel.format.setUnderlineColor(QColor(t.accent))
        return [sel]

    def _place_bar(self) -> None:
        rects = self.end_rects()
        if rects is None:
            return
        viewport = self.view.viewport()
        self.bar.setMaximumWidth(max(200, viewport.width() - 8))
        self.bar.adjustSize()
        origin = viewport.mapTo(self.view, QPoint(0, 0))
        below = rects[1].bottom() + 6
        y = below if below + self.bar.height() < viewport.height() else rects[0].top() - self.bar.height() - 6
        x = max(0, min(rects[0].left() - 20, viewport.width() - self.bar.width()))
        self.bar.move(origin.x() + x, origin.y() + max(0, y))
        self.bar.raise_()

    # -- events --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.editing:
            return False
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if watched is self.view.viewport():
            if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
                return self._press(event)
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self.dragging:
                self._drag(event.position().toPoint())
                return True
            if kind == QEvent.Type.MouseButtonRelease and self.dragging:
                self.dragging = None
                return True
            if kind == QEvent.Type.Resize:
                self._update()
        if watched is self.view and kind in (QEvent.Type.Resize, QEvent.Type.Wheel):
            self._place_bar()
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.nudge("end" if shift else "start", -1 if key == Qt.Key.Key_Left else 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply()
            return True
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def _press(self, event: QMouseEvent) -> bool:
        rects = self.end_rects()
        if rects is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        for which, rect in (("end", rects[1]), ("start", rects[0])):
            if abs(pos.x() - rect.center().x()) <= HANDLE_GRAB and rect.top() - 4 <= pos.y() <= rect.bottom() + 4:
                self.dragging = which
                return True
        return False

    def _drag(self, pos: QPoint) -> None:
        cp = self._positions.from_qt(self.view.cursorForPosition(pos).position())
        if self.dragging == "start":
            self.set_bounds(min(cp, self.end - 1), self.end)
        else:
            self.set_bounds(self.start, max(cp, self.start + 1))
        self.view.viewport().update()

    # -- applying ------------------------------------------------------------------------
    def apply(self) -> Task | None:
        """Apply the edited span (this occurrence or the whole corpus) and stop editing."""
        if not self.editing or self.original is None or self.article_id is None:
            return None
        old, start, end, etype, aid = self.original, self.start, self.end, self.etype, self.article_id
        text = self.text()
        if not self.changed_bounds() and etype == old.type:
            self.cancel()
            return None
        short = text if len(text) <= 16 else text[:15] + "…"
        if self.scope() == HERE:  # one occurrence: applied at once (undoable)
            first = partial(occurrences.set_span, article_id=aid, start=start, end=end, etype=etype)
            self.cancel()
            return self.tools._do(first, self.tr("Fix “%s” as %s here") % (short, etype))
        self.cancel()
        if not self.changed_bounds_of(old, start, end):
            return self.tools.change_type(old.text, old.type, etype)  # counted, confirmed, undoable
        edit = occurrences.corpus_span_edit(old.text, old.type, text, etype)
        label = self.tr("“%s” instead of “%s” everywhere") % (short, old.text)
        return self.tools._preview(lambda: edit, partial(corrections.apply_edit, edit=edit), label)

    @staticmethod
    def changed_bounds_of(old: EntityRecord, start: int, end: int) -> bool:
        return (start, end) != (old.start, old.end)

    def drop_here(self, ent: EntityRecord, _checked: bool = False) -> Task | None:
        article = self.view.article  # type: ignore[attr-defined]
        if article is None:
            return None
        first = partial(occurrences.drop_span, article_id=article.id, start=ent.start, end=ent.end)
        label = self.tr("“%s” is not an entity here") % ent.text
        return self.tools._do(first, label)

    def menu_actions(self, menu: QWidget, ent: EntityRecord) -> list[QAction]:
        """The context menu's entries for ``ent``: adjust its span, drop this occurrence."""
        adjust = QAction(self.tr("Adjust span… (F2)"), menu)
        adjust.setObjectName("adjust_span_menu")
        adjust.triggered.connect(partial(self._begin_from_menu, ent))
        drop = QAction(self.tr("Not an entity (here only)"), menu)
        drop.setObjectName("drop_here")
        drop.triggered.connect(partial(self.drop_here, ent))
        return [adjust, drop]

    def _begin_from_menu(self, ent: EntityRecord, _checked: bool = False) -> None:
        self.begin(ent)

    @Slot()
    def _on_action_triggered(self) -> None:
        if self.editing:
            self.apply()
            return
        article = self.view.article  # type: ignore[attr-defined]
        if article is None:
            return
        cursor = self.view.textCursor()
        cp = PositionMap(article.text).from_qt(cursor.selectionStart())
        ent = self.tools.entity_at(cp)
        if ent is None and cp > 0:
            ent = self.tools.entity_at(cp - 1)  # the caret just after an entity
        if ent is not None:
            self.begin(ent)
        else:
            self.tools.window.statusBar().showMessage(self.tr("No entity at the cursor"), 3000)

    @Slot()
    def _on_apply_button_clicked(self) -> None:
        self.apply()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.cancel()

    @Slot(int)
    def _on_type_combo_activated(self, index: int) -> None:
        self.etype = str(self.bar.type_combo.itemData(index))
        self._update()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(int)
    def _on_scope_combo_activated(self, _index: int) -> None:
        self.scope_chosen = True
        self._update()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
