"""A small horizontal bar chart drawn with QPainter (QtCharts is not part of
PySide6-Essentials).  Horizontal bars keep long Chinese labels readable."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class _Chart(QWidget):
    """What the charts share: a white page, a bold title, ``save_png`` of what is on screen."""

    MARGIN = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(palette)

    def title(self) -> str:
        return self._title

    def save_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")

    def _begin(self, painter: QPainter, empty: bool) -> bool:
        """Paint the page and the title; with ``empty``, a dash too, and end: returns whether
        there is anything left to draw."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        m = self.MARGIN
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#212529"))
        painter.drawText(QRectF(m, m, self.width() - 2 * m, 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setFont(self.font())
        if empty:
            painter.setPen(QColor("#868e96"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "—")
            painter.end()
        return not empty


class BarChart(_Chart):
    """Shows ``(label, value)`` pairs as bars, largest scale from zero; ``save_png`` writes
    exactly what is on screen (at the widget's current size)."""

    BAR_HEIGHT = 20
    GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[float] = []
        self._color = QColor("#4e79a7")

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[float], color: str = "#4e79a7") -> None:
        self._title = title
        self._labels = [str(label) for label in labels]
        self._values = [float(v) for v in values]
        self._color = QColor(color)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, float]]:
        return list(zip(self._labels, self._values))

    def sizeHint(self) -> QSize:
        rows = max(len(self._labels), 1)
        return QSize(520, 2 * self.MARGIN + 28 + rows * (self.BAR_HEIGHT + self.GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._begin(painter, not self._values):
            return
        metrics = QFontMetrics(self.font())
        m = self.MARGIN
        top = m + 28
        label_width = min(max(metrics.horizontalAdvance(label) for label in self._labels) + 8, self.width() // 3)
        value_width = max(metrics.horizontalAdvance(_fmt(v)) for v in self._values) + 8
        plot_left = m + label_width
        plot_width = max(10, self.width() - plot_left - value_width - m)
        peak = max(max(self._values), 1e-9)
        rows = max(1, int((self.height() - top - m) // (self.BAR_HEIGHT + self.GAP)))
        for i, (label, value) in enumerate(zip(self._labels[:rows], self._values[:rows])):
            y = top + i * (self.BAR_HEIGHT + self.GAP)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.setPen(QColor("#343a40"))
            painter.drawText(QRectF(m, y, label_width - 8, self.BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            length = plot_width * max(value, 0.0) / peak
            painter.fillRect(QRectF(plot_left, y + 2, max(length, 1.0), self.BAR_HEIGHT - 4), self._color)
            painter.drawText(QRectF(plot_left + length + 4, y, value_width, self.BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _fmt(value))
        painter.setPen(QColor("#adb5bd"))
        painter.drawLine(int(plot_left), top, int(plot_left), int(top + min(rows, len(self._values)) * (self.BAR_HEIGHT + self.GAP)))
        painter.end()


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


SERIES_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac")


def _nice_step(peak: float, ticks: int = 4) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` ticks."""
    import math

    raw = max(peak, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


class LineChart(_Chart):
    """A timeline: one line per series over labelled periods (x), values from zero (y), with a
    legend; a ``None`` value is a gap in its line; ``save_png`` writes what is on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: list[str] = []
        self._series: list[tuple[str, list[float]]] = []

    def set_data(self, title: str, periods: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> None:
        self._title = title
        self._periods = [str(p) for p in periods]
        self._series = [(str(name), [float(v) if v is not None else None for v in values])  # type: ignore[misc]
                        for name, values in series]
        self.update()

    def periods(self) -> list[str]:
        return list(self._periods)

    def series(self) -> list[tuple[str, list[float]]]:
        return [(n, list(v)) for n, v in self._series]

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 140)

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QPen, QPolygonF

        painter = QPainter(self)
        if not self._begin(painter, not self._periods or not self._series):
            return
        metrics = QFontMetrics(self.font())
        m = self.MARGIN
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
            painter.setPen(QColor("#e9ecef"))
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(QColor("#495057"))
            painter.drawText(QRectF(m, y - 9, left - m - 6, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        n = len(self._periods)
        x_of = (lambda i: left + width / 2) if n == 1 else (lambda i: left + width * i / (n - 1))
        # x labels, thinned so they never overlap
        widest = max(metrics.horizontalAdvance(p) for p in self._periods) + 12
        every = max(1, -(-widest * n // max(int(width), 1)))
        painter.setPen(QColor("#495057"))
        for i in range(0, n, every):
            x = x_of(i)
            painter.drawText(QRectF(x - widest / 2, bottom + 4, widest, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._periods[i])
        painter.setPen(QColor("#adb5bd"))
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
                painter.setPen(QColor("#343a40"))
                label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 160)
                painter.drawText(QRectF(legend_x + 16, m + 26, 170, metrics.height() + 2),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                legend_x += 16 + metrics.horizontalAdvance(label) + 18
        painter.end()
