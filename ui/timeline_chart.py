"""A line chart for timelines, drawn with QPainter (QtCharts is not part of PySide6-Essentials):
one line per series over labelled periods, a legend, gaps where a period has no data.  Colours
come from the widget's palette, so it follows the application's theme."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac")


def _nice_step(peak: float, ticks: int = 4) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` ticks."""
    raw = max(peak, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


class LineChart(QWidget):
    """A timeline: one line per series over labelled periods (x), values from zero (y), with a
    legend; a ``None`` value is a gap in its line; ``save_png`` writes what is on screen."""

    MARGIN = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._periods: list[str] = []
        self._series: list[tuple[str, list[float]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_data(self, title: str, periods: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> None:
        self._title = title
        self._periods = [str(p) for p in periods]
        self._series = [(str(name), [float(v) if v is not None else None for v in values])  # type: ignore[misc]
                        for name, values in series]
        self.update()

    def title(self) -> str:
        return self._title

    def save_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")

    def periods(self) -> list[str]:
        return list(self._periods)

    def series(self) -> list[tuple[str, list[float]]]:
        return [(n, list(v)) for n, v in self._series]

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 140)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text, muted = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.PlaceholderText)
        grid = palette.color(QPalette.ColorRole.Midlight)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetrics(self.font())
        m = self.MARGIN
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRectF(m, m, self.width() - 2 * m, 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setFont(self.font())
        if not self._periods or not self._series:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "—")
            painter.end()
            return
        legend_rows = 1 if len(self._series) > 1 else 0
        top = m + 28 + legend_rows * (metrics.height() + 4)
        bottom = self.height() - m - metrics.height() - 6
        peak = max(max((x for x in v if x is not None), default=0.0) for _, v in self._series)
        step = _nice_step(peak)
        ceiling = step * max(1, -(-peak // step))
        y_labels = [_fmt(step * i) for i in range(int(round(ceiling / step)) + 1)]
        left = m + max(metrics.horizontalAdvance(t) for t in y_labels) + 8
        right = self.width() - m
        height, width = max(bottom - top, 10), max(right - left, 10)
        # grid and y labels
        for i, label in enumerate(y_labels):
            y = bottom - height * (step * i) / ceiling
            painter.setPen(grid)
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(muted)
            painter.drawText(QRectF(m, y - 9, left - m - 6, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        n = len(self._periods)
        x_of = (lambda i: left + width / 2) if n == 1 else (lambda i: left + width * i / (n - 1))
        # x labels, thinned so they never overlap
        widest = max(metrics.horizontalAdvance(p) for p in self._periods) + 12
        every = max(1, -(-widest * n // max(int(width), 1)))
        painter.setPen(muted)
        for i in range(0, n, every):
            x = x_of(i)
            painter.drawText(QRectF(x - widest / 2, bottom + 4, widest, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._periods[i])
        painter.setPen(muted)
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        # lines
        legend_x = float(left)
        for k, (name, values) in enumerate(self._series):
            color = QColor(SERIES_COLORS[k % len(SERIES_COLORS)])
            painter.setPen(QPen(color, 2))
            runs: list[list[QPointF]] = [[]]
            for i, v in enumerate(values[:n]):  # None: no articles in that period, a gap in the line
                if v is None:
                    runs.append([])
                else:
                    runs[-1].append(QPointF(x_of(i), bottom - height * v / ceiling))
            for run in runs:
                if len(run) > 1:
                    painter.drawPolyline(QPolygonF(run))
            if n <= 60:
                painter.setBrush(color)
                for run in runs:
                    for p in run:
                        painter.drawEllipse(p, 2.5, 2.5)
            if legend_rows:
                painter.fillRect(QRectF(legend_x, m + 30, 12, 10), color)
                painter.setPen(text)
                label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 160)
                painter.drawText(QRectF(legend_x + 16, m + 26, 170, metrics.height() + 2),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                legend_x += 16 + metrics.horizontalAdvance(label) + 18
        painter.end()


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
