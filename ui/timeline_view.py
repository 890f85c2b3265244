"""Timeline: mentions of an entity, a tag, a search query or a phrase list per day / week / month
/ year, optionally split by a variable (paper, front page vs inside, headline vs body, …), as a
line chart and a table; reprinted copies counted once or every time.  A table row asks for the
concordance of what is counted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reader.analysis import stat_results, timeline
from reader.analysis.stat_tables import StatTable
from reader.analysis.variables import variable_names
from ui.analysis_base import SpecEdit, make_lazy_table, splitter, variable_label
from ui.stat_model import StatModel
from ui.stat_view import StatView
from ui.timeline_chart import LineChart

KIND_KEYS = ("entity", "query", "tag", "phrase")


class TimelineView(StatView):
    """``period_requested(query, since, until)``: the concordance of a query in one period."""

    csv_name = "timeline.csv"
    period_requested = Signal(str, str, str)

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.kind_combo = QComboBox(self)
        for key, label in zip(KIND_KEYS, (self.tr("Entity"), self.tr("Search query"), self.tr("Tag"),
                                          self.tr("Phrase list"))):
            self.kind_combo.addItem(label, key)
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("习近平, a query, a tag or a phrase list"))
        self.value_edit.setClearButtonEnabled(True)
        self.by_combo = QComboBox(self)
        for key, label in zip(timeline.PERIODS, (self.tr("Day"), self.tr("Week"), self.tr("Month"), self.tr("Year"))):
            self.by_combo.addItem(label, key)
        self.by_combo.setCurrentIndex(2)
        self.split_combo = QComboBox(self)
        self.measure_combo = QComboBox(self)
        self.measure_combo.addItem(self.tr("Mentions"), "count")
        self.measure_combo.addItem(self.tr("Articles"), "articles")
        self.measure_combo.addItem(self.tr("Mentions per 100 articles"), "rate")
        self.measure_combo.setToolTip(self.tr("Per 100 articles of the period: fair when periods differ in size"))
        self.collapse_box = self.reprints_option()
        self.spec_edit = SpecEdit(self.tr("Sub-corpus, e.g. since=2020-01-01,paper=人民日报"), self)
        self.run_button = QPushButton(self.tr("Show timeline"), self)
        self.png_button = QPushButton(self.tr("Save chart…"), self)
        self.chart = LineChart(self)
        self.model = StatModel([("period", self.tr("Period")), ("split", self.tr("Split")),
                                ("count", self.tr("Mentions")), ("articles", self.tr("Articles"))], ("period", False),
                               "period", self, "split")
        self.model.present = self._present
        self.table = make_lazy_table(self.model, self)
        self._rows: list[timeline.TimelineRow] = []
        self._asked: tuple[str, str, str] = ("", "", "month")
        self._covered: dict[str, int] | None = None

        row = QHBoxLayout()
        for w in (self.kind_combo,):
            row.addWidget(w)
        row.addWidget(self.value_edit, 2)
        for label, w in ((self.tr("per"), self.by_combo), (self.tr("split by"), self.split_combo),
                         (self.tr("show"), self.measure_combo)):
            row.addWidget(QLabel(label, self))
            row.addWidget(w)
        row.addWidget(self.collapse_box)
        row2 = QHBoxLayout()
        row2.addWidget(self.spec_edit, 2)
        row2.addWidget(self.filter_edit, 1)
        for w in (self.run_button, self.png_button, self.export_button):
            row2.addWidget(w)
        self.lay_out([row, row2], splitter(Qt.Orientation.Horizontal, [self.chart, self.table], [640, 420]))
        self.value_edit.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.measure_combo.currentIndexChanged.connect(self._on_measure_combo_current_index_changed)
        self.png_button.clicked.connect(self._on_png_button_clicked)
        self.on_row(self.table, self._on_table_row)
        self.reload_choices()

    def reload_choices(self) -> None:
        current = self.split_combo.currentData()
        self.split_combo.blockSignals(True)
        self.split_combo.clear()
        self.split_combo.addItem(self.tr("(nothing)"), None)
        self.split_combo.addItem(self.tr("headline vs body"), "headline")
        self.split_combo.addItem(self.tr("phrase"), "phrase")
        for name in variable_names():
            self.split_combo.addItem(variable_label(name), name)
        self.split_combo.setCurrentIndex(max(self.split_combo.findData(current), 0))
        self.split_combo.blockSignals(False)

    def show_timeline(self, kind: str, value: str, by: str = "month", split: str | None = None,
                      collapse: bool = False) -> None:
        self.kind_combo.setCurrentIndex(KIND_KEYS.index(kind))
        self.value_edit.setText(value)
        self.by_combo.setCurrentIndex(timeline.PERIODS.index(by))
        self.split_combo.setCurrentIndex(max(self.split_combo.findData(split), 0))
        self.collapse_box.setChecked(collapse)
        self.run()

    def run(self) -> None:
        value = self.value_edit.text().strip()
        if not value:
            self.status.setText(self.tr("Type what to count"))
            return
        spec = self.spec_or_complain(self.spec_edit)
        if spec is None:
            return
        kind, by = self.kind_combo.currentData(), self.by_combo.currentData()
        self._asked = (kind, value, by)
        self.compute(stat_results.timeline_table, kind, value, by, self.split_combo.currentData(),
                     self.collapse_box.isChecked(), spec)

    def _present(self, record: dict[str, Any]) -> dict[str, Any]:
        record["period"] = record["period"] or None
        record["split"] = self.split_name(record["split"] or None)
        return record

    def shown(self, table: StatTable) -> None:
        rows = self._rows = table.extra["rows"]
        self._covered = table.extra["covered"]
        self._draw()
        total = sum(r.count for r in rows)
        undated = sum(r.count for r in rows if r.period is None)
        message = self.tr("%s in %s") % (self.tr("%n mention(s)", "", total),
                                          self.tr("%n article(s)", "", sum(r.articles for r in rows)))
        if undated:
            message += self.tr("; %n on undated pages (in the table, not the chart)", "", undated)
        self.finish(message, self.model.rowCount())

    def _draw(self) -> None:
        kind, value, by = self._asked
        periods, lines = timeline.series(self._rows, by, self.measure_combo.currentData(), self._covered)
        series = [(self.split_name(name) if name is not None else value, values) for name, values in
                  sorted(lines.items(), key=lambda kv: timeline.natural_key(kv[0]))]
        self.chart.set_data(f"{value} — {self.measure_combo.currentText()}", periods, series)

    def split_name(self, split: str | None) -> str | None:
        """A split value as shown (the core's ``headline``/``body`` in words; variable values as they are)."""
        names = {"headline": self.tr("headline"), "body": self.tr("body")}
        return names.get(split, split) if split is not None else None

    def export_records(self) -> list[dict[str, Any]]:
        return [r.to_json() for r in self._rows]  # (the core's values, as the CLI writes them)

    @Slot(int)
    def _on_measure_combo_current_index_changed(self, _index: int) -> None:
        self._draw()

    @Slot()
    def _on_png_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"), "timeline.png", self.tr("PNG images (*.png)"))
        if path:
            self.chart.save_png(path)

    def _on_table_row(self, record: dict[str, Any]) -> None:
        kind, value, by = self._asked
        if kind == "query" and record.get("period"):
            first, last = timeline.period_bounds(record["period"], by)
            self.period_requested.emit(value, first.isoformat(), last.isoformat())
        elif kind in ("entity", "query"):
            self.concordance_requested.emit(value, "entity" if kind == "entity" else "text")
