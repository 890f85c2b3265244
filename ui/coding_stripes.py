"""Coding stripes (as in MAXQDA): one coloured bar per coded passage in the reader's left margin,
beside the lines it covers, with its tag names beside its start; overlapping passages take
side-by-side lanes.  Clicking a stripe asks for its annotation; hovering names tags and note.

:func:`layout_stripes` is the pure part (lanes by greedy interval colouring, tested without Qt
painting); :class:`StripeMargin` paints them for an :class:`ui.reader_view.ArticleView`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from reader.records import AnnotationRecord
from ui import theme

LABEL_CHARS = 4  # code names are cut to about this many characters (the tooltip has them whole)
LANE = 7  # pixels per lane
BAR = 3


@dataclass(frozen=True)
class Stripe:
    lane: int
    start: int
    end: int
    color: str
    label: str
    annotation_id: int


def layout_stripes(annotations: Sequence[AnnotationRecord], color_of: Callable[[AnnotationRecord], str]) -> list[Stripe]:
    """A stripe per anchored annotation, each in the first lane free at its start."""
    placed = sorted((a for a in annotations if a.status == "anchored" and a.end > a.start),
                    key=lambda a: (a.start, -a.end, a.id))
    lanes: list[int] = []  # end of the last stripe in each lane
    out = []
    for ann in placed:
        lane = next((i for i, end in enumerate(lanes) if end <= ann.start), len(lanes))
        if lane == len(lanes):
            lanes.append(ann.end)
        lanes[lane] = ann.end
        out.append(Stripe(lane, ann.start, ann.end, color_of(ann), "、".join(ann.tags), ann.id))
    return out


class StripeMargin(QWidget):
    """Paints ``stripes`` for a text view: bars in lanes next to the text (lane 0 nearest), and
    each stripe's tag names at its top on the margin's outer side, pushed down when labels would
    collide and left out when there is no room (the tooltip still names them).
    ``span_rect(start, end)`` maps a passage to its vertical extent in this widget's coordinates
    (None when not laid out)."""

    stripe_clicked = Signal(int)  # annotation id

    def __init__(self, span_rect: Callable[[int, int], tuple[int, int] | None],
                 describe: Callable[[int], str], parent: QWidget) -> None:
        super().__init__(parent)
        self._span_rect = span_rect
        self._describe = describe
        self.stripes: list[Stripe] = []
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.label_font = font

    def lanes(self) -> int:
        return 1 + max((s.lane for s in self.stripes), default=-1)

    def label_width(self) -> int:
        metrics = QFontMetrics(self.label_font)
        widest = max((metrics.horizontalAdvance(s.label) for s in self.stripes if s.label), default=0)
        return min(widest, metrics.horizontalAdvance("国") * LABEL_CHARS)

    def preferred_width(self) -> int:
        if not self.stripes:
            return 10
        label = self.label_width()
        return 6 + (label + 6 if label else 0) + self.lanes() * LANE + 6

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.preferred_width(), 0)

    def set_stripes(self, stripes: list[Stripe]) -> None:
        self.stripes = stripes
        self.update()

    def _bar_x(self, lane: int) -> int:
        return self.width() - 6 - (lane + 1) * LANE

    def layout(self) -> list[tuple[Stripe, QRect, QRect | None]]:
        """Each stripe with its bar and (when it fits) its label rectangle."""
        metrics = QFontMetrics(self.label_font)
        label_w = self.label_width()
        line = metrics.height()
        out = []
        taken = -10**9  # bottom of the last label placed
        spans = []
        for stripe in self.stripes:
            span = self._span_rect(stripe.start, stripe.end)
            if span is not None:
                spans.append((span, stripe))
        spans.sort(key=lambda item: (item[0][0], item[1].lane))
        for (top, bottom), stripe in spans:
            bar = QRect(self._bar_x(stripe.lane), top + 1, BAR, max(6, bottom - top - 2))
            label = None
            if stripe.label and label_w:
                y = max(top + 1, taken)
                if y + line <= max(bottom, top + line + 2):
                    label = QRect(6, y, label_w, line)
                    taken = y + line
            out.append((stripe, bar, label))
        return out

    def stripe_at(self, pos: QPoint) -> Stripe | None:
        for stripe, bar, label in self.layout():
            if bar.adjusted(-2, 0, 2, 0).contains(pos) or (label is not None and label.contains(pos)):
                return stripe
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        t = theme.current()
        painter = QPainter(self)
        painter.fillRect(event.rect(), t.base)
        painter.setFont(self.label_font)
        metrics = QFontMetrics(self.label_font)
        for stripe, bar, label in self.layout():
            color = t.stripe(stripe.color)
            if bar.intersects(event.rect()):
                painter.fillRect(bar, color)
                painter.fillRect(QRect(bar.left() - 3, bar.top(), 3 + BAR, 2), color)  # bracket ends
                painter.fillRect(QRect(bar.left() - 3, bar.bottom() - 1, 3 + BAR, 2), color)
            if label is not None and label.intersects(event.rect()):
                painter.setPen(color)
                text = metrics.elidedText(stripe.label, Qt.TextElideMode.ElideRight, label.width())
                painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        stripe = self.stripe_at(event.position().toPoint())
        if stripe is not None and event.button() == Qt.MouseButton.LeftButton:
            self.stripe_clicked.emit(stripe.annotation_id)
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            stripe = self.stripe_at(event.pos())
            if stripe is not None:
                QToolTip.showText(event.globalPos(), self._describe(stripe.annotation_id), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
