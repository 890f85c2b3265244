"""The article text with its structure, entity highlights (backgrounds) and annotations
(underlines in their first tag's colour, wavy where annotations overlap, plus a coloured bar per
annotation in the left margin, one lane per overlapping annotation).

The document holds exactly the article's ``text`` (one block per line), so document positions
are UTF-16 offsets of that text; :class:`ui.positions.PositionMap` converts them to the code
points every core API uses.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from reader.records import AnnotationRecord, ArticleRecord, EntityRecord
from ui.fonts import reading_font
from ui.positions import PositionMap

ENTITY_COLORS: dict[str, str] = {
    "PER": "#ffd8a8",
    "LOC": "#b2f2bb",
    "ORG": "#a5d8ff",
    "DATE": "#d0bfff",
    "NUM": "#fcc2d7",
}
SEGMENT_STYLES: dict[str, tuple[float, bool, bool, str]] = {
    # kind: (size factor, bold, italic, colour)
    "kicker": (0.95, False, False, "#555555"),
    "title": (1.6, True, False, "#111111"),
    "subtitle": (1.1, False, False, "#333333"),
    "heading": (1.05, True, False, "#1c3d6e"),
    "paragraph": (1.0, False, False, "#111111"),
    "caption": (0.9, False, True, "#5c5c5c"),
    "note": (0.85, False, True, "#777777"),
}


class ArticleView(QTextEdit):
    """Read-only, selectable view of one article. ``selection_changed(start, end)`` is in code
    points (start == end when nothing is selected)."""

    selection_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(reading_font())
        self.setMouseTracking(True)
        self.article: ArticleRecord | None = None
        self.entities: list[EntityRecord] = []
        self.annotations: list[AnnotationRecord] = []
        self.tag_colors: dict[str, str] = {}
        self.hidden_types: set[str] = set()
        self._positions = PositionMap("")
        self.snap_to_words = False
        self._bars: list[tuple[int, int, int, QColor]] = []  # lane, start, end, colour
        # set by the team tools: which annotations to draw (e.g. some coders only) and a colour
        # that overrides the first tag's (e.g. the coder's); None = all, tag colours
        self.annotation_filter: Callable[[AnnotationRecord], bool] | None = None
        self.color_override: Callable[[AnnotationRecord], str | None] | None = None
        self.document().setDocumentMargin(22)
        self.selectionChanged.connect(self._on_self_selection_changed)

    # -- content ---------------------------------------------------------------------
    def show_article(
        self,
        article: ArticleRecord | None,
        entities: list[EntityRecord] = (),  # type: ignore[assignment]
        annotations: list[AnnotationRecord] = (),  # type: ignore[assignment]
        tag_colors: dict[str, str] | None = None,
    ) -> None:
        self.article = article
        self.entities = list(entities)
        self.annotations = list(annotations)
        self.tag_colors = dict(tag_colors or {})
        self._render()

    def set_annotations(self, annotations: list[AnnotationRecord], tag_colors: dict[str, str]) -> None:
        self.annotations = list(annotations)
        self.tag_colors = dict(tag_colors)
        self._render(keep_scroll=True)

    def set_entities(self, entities: list[EntityRecord]) -> None:
        self.entities = list(entities)
        self._render(keep_scroll=True)

    def set_hidden_types(self, types: set[str]) -> None:
        self.hidden_types = set(types)
        self._render(keep_scroll=True)

    def _render(self, keep_scroll: bool = False) -> None:
        scroll = self.verticalScrollBar().value()
        cursor_pos = self.textCursor().position(), self.textCursor().anchor()
        self.blockSignals(True)
        text = self.article.text if self.article else ""
        self._positions = PositionMap(text)
        self.document().clear()
        self.setPlainText(text)
        self.document().setDocumentMargin(22)
        if self.article is not None:
            self._apply_segments()
            self._apply_entities()
            self._apply_annotations()
        if keep_scroll:
            cursor = self.textCursor()
            length = self.document().characterCount() - 1
            cursor.setPosition(min(cursor_pos[1], length))
            cursor.setPosition(min(cursor_pos[0], length), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(scroll)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)
        self.blockSignals(False)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _apply_segments(self) -> None:
        assert self.article is not None
        base = self.font().pointSizeF()
        for seg in self.article.segments:
            factor, bold, italic, colour = SEGMENT_STYLES.get(seg.kind, SEGMENT_STYLES["paragraph"])
            cursor = self._cursor(seg.start, seg.end)
            fmt = QTextCharFormat()
            fmt.setFontPointSize(base * factor)
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            fmt.setFontItalic(italic)
            fmt.setForeground(QColor(colour))
            cursor.mergeCharFormat(fmt)
            block = QTextBlockFormat()
            block.setBottomMargin(8 if seg.kind in ("paragraph", "caption", "note") else 4)
            if seg.kind in ("title", "kicker", "subtitle"):
                block.setAlignment(Qt.AlignmentFlag.AlignCenter)
            elif seg.kind == "paragraph":
                block.setTextIndent(base * 2)
                block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            elif seg.kind == "heading":
                block.setTopMargin(10)
            elif seg.kind == "caption":
                block.setLeftMargin(base * 2)
            cursor.mergeBlockFormat(block)

    def _apply_entities(self) -> None:
        for ent in self.entities:
            if ent.type in self.hidden_types:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(ENTITY_COLORS.get(ent.type, "#eeeeee")))
            self._cursor(ent.start, ent.end).mergeCharFormat(fmt)

    def shown(self, ann: AnnotationRecord) -> bool:
        return ann.status == "anchored" and (self.annotation_filter is None or self.annotation_filter(ann))

    def annotation_color(self, ann: AnnotationRecord) -> str:
        override = self.color_override(ann) if self.color_override is not None else None
        if override:
            return override
        return self.tag_colors.get(ann.tags[0], "#e8590c") if ann.tags else "#868e96"

    def _apply_annotations(self) -> None:
        placed = sorted((a for a in self.annotations if self.shown(a)), key=lambda a: (a.start, -a.end))
        depth: dict[int, int] = {}
        for ann in placed:
            for cp in range(ann.start, ann.end):
                depth[cp] = depth.get(cp, 0) + 1
        lanes: list[int] = []  # end of the last annotation in each lane
        self._bars = []
        for ann in placed:
            colour = QColor(self.annotation_color(ann))
            lane = next((i for i, end in enumerate(lanes) if end <= ann.start), len(lanes))
            if lane == len(lanes):
                lanes.append(ann.end)
            lanes[lane] = ann.end
            self._bars.append((lane, ann.start, ann.end, colour))
            run_start = ann.start
            for cp in range(ann.start, ann.end + 1):  # split into runs of equal overlap
                if cp == ann.end or (cp > run_start and (depth[cp] > 1) != (depth[run_start] > 1)):
                    fmt = QTextCharFormat()
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if depth[run_start] > 1
                                          else QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(colour)
                    self._cursor(run_start, cp).mergeCharFormat(fmt)
                    run_start = cp
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._bars:
            return
        painter = QPainter(self.viewport())
        for lane, start, end, colour in self._bars:
            top = self.cursorRect(self._cursor(start, start)).top()
            bottom = self.cursorRect(self._cursor(end, end)).bottom()
            painter.fillRect(QRect(3 + lane * 5, top, 3, max(4, bottom - top)), colour)
        painter.end()

    # -- selection -------------------------------------------------------------------
    def selected_range(self) -> tuple[int, int]:
        cursor = self.textCursor()
        a = self._positions.from_qt(cursor.selectionStart())
        b = self._positions.from_qt(cursor.selectionEnd())
        return a, b

    def select_range(self, start: int, end: int) -> None:
        cursor = self._cursor(start, end)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.snap_to_words and self.article is not None:
            start, end = self.selected_range()
            if end > start:
                from reader.coding.annotations import snap_to_words

                a, b = snap_to_words(self.article.text, start, end)
                if (a, b) != (start, end):
                    self.select_range(a, b)

    @Slot()
    def _on_self_selection_changed(self) -> None:
        start, end = self.selected_range()
        self.selection_changed.emit(start, end)

    # -- hover -----------------------------------------------------------------------
    def describe(self, cp: int) -> str:
        """What sits at code point ``cp``: entities (type, source) and annotations (tags, note)."""
        lines: list[str] = []
        for ent in self.entities:
            if ent.start <= cp < ent.end and ent.type not in self.hidden_types:
                lines.append(f"{ent.text} — {ent.type} ({ent.source})")
        for ann in self.annotations:
            if ann.start <= cp < ann.end and self.shown(ann):
                tags = ", ".join(ann.tags) or "—"
                lines.append(f"※ [{tags}] {ann.note}".rstrip() + f"  ({ann.author})")
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            tip = self.describe(self._positions.from_qt(cursor.position()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
