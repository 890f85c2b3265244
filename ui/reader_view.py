"""The article text with its structure, entity highlights and visible coding: coded passages on
a background of their tags' colours (blended where passages overlap) and coding stripes with
tag names in the left margin (:mod:`ui.coding_stripes`), both toggleable; the current search's
hits and the find bar's hits marked on top.  Colours come from :mod:`ui.theme`, fonts and line
spacing from the preferences; the text column keeps a comfortable measure and is centred.

The document holds exactly the article's ``text`` (one block per line), so document positions
are UTF-16 offsets of that text; :class:`ui.positions.PositionMap` converts them to the code
points every core API uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QRect, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from reader.records import AnnotationRecord, ArticleRecord, EntityRecord
from ui import theme
from ui.coding_stripes import StripeMargin, Stripe, layout_stripes
from ui.coverage import coverage_runs
from ui.fonts import reading_font
from ui.positions import PositionMap
from ui.theme import DEFAULT_ENTITY_COLORS

ENTITY_COLORS = DEFAULT_ENTITY_COLORS  # the defaults; the preferences may override them
SEGMENT_STYLES: dict[str, tuple[float, bool, bool, str]] = {
    # kind: (size factor, bold, italic, colour role: text, muted or accent)
    "kicker": (0.95, False, False, "muted"),
    "title": (1.6, True, False, "text"),
    "subtitle": (1.1, False, False, "muted"),
    "heading": (1.05, True, False, "accent"),
    "paragraph": (1.0, False, False, "text"),
    "caption": (0.9, False, True, "muted"),
    "note": (0.85, False, True, "muted"),
}
MEASURE_EM = 40  # characters per line at most: the text column is centred beyond that


class ArticleView(QTextEdit):
    """Read-only, selectable view of one article. ``selection_changed(start, end)`` is in code
    points (start == end when nothing is selected); ``annotation_clicked(id)`` when a coding
    stripe is clicked."""

    selection_changed = Signal(int, int)
    annotation_clicked = Signal(int)
    zoom_requested = Signal(int)  # +1 / -1: Ctrl+wheel (the window keeps the size in the settings)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # read-only: the formats a render sets need no undo records
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        # always there: a scroll bar that comes and goes with the article's length changes the
        # text width, and each change lays the whole text out again (twice per open)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTabChangesFocus(True)
        self.setFont(reading_font())
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Article text"))
        self.setPlaceholderText(self.tr("Choose an article in the list (Alt+Down opens the next one)."))
        self.article: ArticleRecord | None = None
        self.entities: list[EntityRecord] = []
        self.annotations: list[AnnotationRecord] = []
        self.tag_colors: dict[str, str] = {}
        self.hidden_types: set[str] = set()
        self.entity_colors: dict[str, str] = dict(DEFAULT_ENTITY_COLORS)
        self.line_spacing = 170
        self.show_code_backgrounds = True
        self.show_code_stripes = True
        self.search_hits: list[tuple[int, int]] = []
        self.find_hits: list[tuple[int, int]] = []
        self.find_current = -1
        self.stripes: list[Stripe] = []
        self._positions = PositionMap("")
        self.snap_to_words = False
        # set by the team tools: which annotations to draw (e.g. some coders only) and a colour
        # that overrides the first tag's (e.g. the coder's); None = all, tag colours
        self.annotation_filter: Callable[[AnnotationRecord], bool] | None = None
        self.color_override: Callable[[AnnotationRecord], str | None] | None = None
        self.overlays: list[Callable[[], list[QTextEdit.ExtraSelection]]] = []  # e.g. the span editor's
        self.margin = StripeMargin(self._span_rect, self._describe_annotation, self)
        self.margin.stripe_clicked.connect(self.annotation_clicked)
        self.selectionChanged.connect(self._on_self_selection_changed)
        self._update_margins()

    # -- content ---------------------------------------------------------------------
    def show_article(
        self,
        article: ArticleRecord | None,
        entities: Iterable[EntityRecord] = (),
        annotations: Iterable[AnnotationRecord] = (),
        tag_colors: dict[str, str] | None = None,
    ) -> None:
        self.article = article
        self.entities = list(entities)
        self.annotations = list(annotations)
        self.tag_colors = dict(tag_colors or {})
        self.search_hits = []
        self.find_hits, self.find_current = [], -1
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

    def set_reading_style(self, font: QFont, line_spacing: int, entity_colors: dict[str, str]) -> None:
        """Font, line spacing (percent) and per-type highlight colours, from the preferences."""
        self.setFont(font)
        self.margin.label_font.setFamilies(font.families())
        self.line_spacing = max(100, min(300, line_spacing))
        self.entity_colors = {**DEFAULT_ENTITY_COLORS, **entity_colors}
        self._render(keep_scroll=True)

    def set_coding_visible(self, backgrounds: bool, stripes: bool) -> None:
        self.show_code_backgrounds, self.show_code_stripes = backgrounds, stripes
        self._render(keep_scroll=True)

    def set_search_hits(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark every hit of the current corpus search in this article."""
        self.search_hits = sorted(set(spans))
        self._update_extra_selections()

    def set_find_hits(self, spans: Iterable[tuple[int, int]], current: int = -1) -> None:
        """Mark the find bar's hits; ``current`` (an index into ``spans``) stands out."""
        self.find_hits = list(spans)
        self.find_current = current
        self._update_extra_selections()

    def _render(self, keep_scroll: bool = False) -> None:
        scroll = self.verticalScrollBar().value()
        cursor_pos = self.textCursor().position(), self.textCursor().anchor()
        self.blockSignals(True)
        text = self.article.text if self.article else ""
        self._positions = PositionMap(text)
        # the margin first, on an empty document: a width change after the text is set would
        # lay it all out again
        self.document().clear()
        shown = [a for a in self.annotations if self.shown(a)]
        self.stripes = layout_stripes(shown, self.annotation_color) if self.show_code_stripes else []
        self.margin.set_stripes(self.stripes)
        self._update_margins()
        self.setPlainText(text)
        self._apply_frame()
        if self.article is not None:
            batch = QTextCursor(self.document())
            batch.beginEditBlock()  # one layout for every format below, not one per run
            self._apply_segments()
            self._apply_annotations()
            batch.endEditBlock()
        self._update_extra_selections()
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

    def _apply_frame(self) -> None:
        """Centre a column of at most :data:`MEASURE_EM` characters."""
        em = max(8, self.fontMetrics().horizontalAdvance("国"))
        width = self.viewport().width()
        side = max(24, (width - MEASURE_EM * em) // 2)
        frame = self.document().rootFrame().frameFormat()
        if frame.leftMargin() != side or frame.topMargin() != 28:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            frame.setTopMargin(28)
            frame.setBottomMargin(40)
            self.document().rootFrame().setFrameFormat(frame)

    def _apply_segments(self) -> None:
        assert self.article is not None
        t = theme.current()
        colours = {"text": t.text, "muted": t.muted, "accent": t.accent}
        base = self.font().pointSizeF()
        for seg in self.article.segments:
            factor, bold, italic, role = SEGMENT_STYLES.get(seg.kind, SEGMENT_STYLES["paragraph"])
            cursor = self._cursor(seg.start, seg.end)
            fmt = QTextCharFormat()
            fmt.setFontPointSize(base * factor)
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            fmt.setFontItalic(italic)
            fmt.setForeground(colours[role])
            cursor.mergeCharFormat(fmt)
            block = QTextBlockFormat()
            block.setBottomMargin(base * (0.9 if seg.kind in ("paragraph", "caption", "note") else 0.5))
            if seg.kind in ("title", "kicker", "subtitle"):
                block.setAlignment(Qt.AlignmentFlag.AlignCenter)
            elif seg.kind == "paragraph":
                block.setTextIndent(base * 2.6)
                block.setLineHeight(self.line_spacing, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            elif seg.kind == "heading":
                block.setTopMargin(base * 1.0)
            elif seg.kind == "caption":
                block.setLeftMargin(base * 2)
                block.setLineHeight(max(100, self.line_spacing - 30),
                                    QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            cursor.mergeBlockFormat(block)

    def shown(self, ann: AnnotationRecord) -> bool:
        return ann.status == "anchored" and (self.annotation_filter is None or self.annotation_filter(ann))

    def annotation_color(self, ann: AnnotationRecord) -> str:
        override = self.color_override(ann) if self.color_override is not None else None
        if override:
            return override
        return self.tag_colors.get(ann.tags[0], "#e8590c") if ann.tags else "#868e96"

    def _apply_annotations(self) -> None:
        """The coding step of a render (subclasses add their own marks after it)."""
        self._apply_backgrounds()

    def _apply_backgrounds(self) -> None:
        """Entity and coding backgrounds over runs of equal coverage."""
        t = theme.current()
        entities = [e for e in self.entities if e.type not in self.hidden_types and e.end > e.start]
        coded = ([a for a in self.annotations if self.shown(a) and a.end > a.start]
                 if self.show_code_backgrounds else [])
        if not entities and not coded:
            return
        for left, right, types, colours in coverage_runs(entities, coded, self.annotation_color):
            fmt = QTextCharFormat()
            if types:
                under = t.entity_background(self.entity_colors.get(types[0], "#dee2e6"))
            else:
                under = t.base
            if colours:
                shade = t.code_background(colours)
                under = theme.mix(under, shade, 0.75) if types else shade
            fmt.setBackground(under)
            fmt.setForeground(t.text)  # muted styles (subtitle, caption) would fade on a highlight
            self._cursor(left, right).mergeCharFormat(fmt)

    def _update_extra_selections(self) -> None:
        t = theme.current()
        selections = []
        for spans, colour in ((self.search_hits, t.hit_background), (self.find_hits, t.find_background)):
            for start, end in spans:
                if not (0 <= start < end <= self._positions.length):
                    continue
                sel = QTextEdit.ExtraSelection()
                sel.cursor = self._cursor(start, end)
                sel.format.setBackground(colour)
                sel.format.setForeground(t.text)
                selections.append(sel)
        if 0 <= self.find_current < len(self.find_hits):
            start, end = self.find_hits[self.find_current]
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(start, end)
            sel.format.setBackground(t.find_current_background)
            sel.format.setForeground(QColor("white") if t.dark else t.text)
            selections.append(sel)
        for overlay in self.overlays:
            selections.extend(overlay())
        self.setExtraSelections(selections)

    # -- the margin --------------------------------------------------------------------
    def _update_margins(self) -> None:
        width = self.margin.preferred_width() if self.show_code_stripes else 0
        self.setViewportMargins(width, 0, 0, 0)
        rect = self.contentsRect()
        self.margin.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))
        self.margin.setVisible(width > 0)

    def _span_rect(self, start: int, end: int) -> tuple[int, int] | None:
        if self.article is None:
            return None
        top = self.cursorRect(self._cursor(start, start)).top()
        last = max(start, end - 1)
        bottom = self.cursorRect(self._cursor(last, last)).bottom()
        return top, bottom

    def _describe_annotation(self, annotation_id: int) -> str:
        ann = next((a for a in self.annotations if a.id == annotation_id), None)
        if ann is None:
            return ""
        tags = "、".join(ann.tags) or self.tr("(no tag)")
        quote = ann.quote if len(ann.quote) <= 40 else ann.quote[:38] + "…"
        lines = [f"【{tags}】 {quote}"]
        if ann.note:
            lines.append(f"※ {ann.note}")
        lines.append(ann.author)
        return "\n".join(lines)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_frame()
        self._update_margins()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_requested.emit(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.margin.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            self._render(keep_scroll=True)

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

    def scroll_to(self, start: int, end: int) -> None:
        """Bring a passage into view (near the upper third) without touching the selection."""
        rect = self.cursorRect(self._cursor(start, start))
        bottom = self.cursorRect(self._cursor(end, end)).bottom()
        view = self.viewport().height()
        if rect.top() < 0 or bottom > view:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - view // 3)

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

