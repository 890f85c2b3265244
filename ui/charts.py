"""A small horizontal bar chart drawn with QPainter (QtCharts is not part of
PySide6-Essentials).  Horizontal bars keep long Chinese labels readable."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme


class BarChart(QWidget):
    """Shows ``(label, value)`` pairs as bars, largest scale from zero; ``save_png`` writes
    exactly what is on screen (at the widget's current size)."""

    BAR_HEIGHT = 20
    GAP = 6
    MARGIN = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._labels: list[str] = []
        self._values: list[float] = []
        self._color = QColor("#4e79a7")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[float], color: str = "#4e79a7") -> None:
        self._title = title
        self._labels = [str(label) for label in labels]
        self._values = [float(v) for v in values]
        self._color = QColor(color)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, float]]:
        return list(zip(self._labels, self._values))

    def title(self) -> str:
        return self._title

    def sizeHint(self) -> QSize:
        rows = max(len(self._labels), 1)
        return QSize(520, 2 * self.MARGIN + 28 + rows * (self.BAR_HEIGHT + self.GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 120)

    def save_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = theme.current()
        painter.fillRect(self.rect(), t.base)
        metrics = QFontMetrics(self.font())
        m = self.MARGIN
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(t.text)
        painter.drawText(QRectF(m, m, self.width() - 2 * m, 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setFont(self.font())
        if not self._values:
            painter.setPen(t.muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "—")
            painter.end()
            return
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
            painter.setPen(t.text)
            painter.drawText(QRectF(m, y, label_width - 8, self.BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            length = plot_width * max(value, 0.0) / peak
            painter.fillRect(QRectF(plot_left, y + 2, max(length, 1.0), self.BAR_HEIGHT - 4), t.stripe(self._color.name()))
            painter.drawText(QRectF(plot_left + length + 4, y, value_width, self.BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _fmt(value))
        painter.setPen(t.muted)
        painter.drawLine(int(plot_left), top, int(plot_left), int(top + min(rows, len(self._values)) * (self.BAR_HEIGHT + self.GAP)))
        painter.end()


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
