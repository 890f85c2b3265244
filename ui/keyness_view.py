"""Keyness: what a target sub-corpus (paper A, 2019, page 1, …) says more — or less — than a
reference (paper B, 2020, or the rest of the corpus), by log-likelihood and Log Ratio, on words or
on entities.  Every item is in a lazy table sorted in SQL; the minimum frequency, stop words
and a text filter are filters of that table (no new count).  A row asks for the item's
concordance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reader.analysis import stat_results
from reader.analysis.stat_tables import RowFilter, StatTable
from ui.analysis_base import SpecEdit, make_lazy_table, splitter
from ui.charts import BarChart
from ui.stat_model import StatModel
from ui.stat_view import StatView


class KeynessView(StatView):
    csv_name = "keyness.csv"

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.target_edit = SpecEdit(self.tr("e.g. since=2020-01-01 or paper=湖南日报 or var:region=娄底"), self)
        self.reference_edit = SpecEdit(self.tr("empty: the rest of the corpus"), self)
        self.items_combo = QComboBox(self)
        self.items_combo.addItem(self.tr("Words"), False)
        self.items_combo.addItem(self.tr("Entities"), True)
        self.min_spin = QSpinBox(self)
        self.min_spin.setRange(1, 100000)
        self.min_spin.setValue(5)
        self.min_spin.setPrefix(self.tr("min "))
        self.stop_box = QCheckBox(self.tr("Hide stop words"), self)
        self.stop_box.setChecked(True)
        self.run_button = QPushButton(self.tr("Compare"), self)
        self.chart = BarChart(self)
        self.model = StatModel([("item", self.tr("Item")), ("type", self.tr("Type")), ("target", self.tr("Target")),
                                ("reference", self.tr("Reference")), ("ll", self.tr("Log-likelihood")),
                                ("log_ratio", self.tr("Log Ratio"))], ("ll", True), parent=self)
        self.model.row_filter = self.current_filter()
        self.table = make_lazy_table(self.model, self)
        form = QFormLayout()
        form.addRow(self.tr("Target"), self.target_edit)
        form.addRow(self.tr("Reference"), self.reference_edit)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        for w in (self.items_combo, self.min_spin, self.stop_box, self.reprints_option(), self.run_button, self.export_button):
            row.addWidget(w)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        self.lay_out([row, filters], splitter(Qt.Orientation.Horizontal, [self.table, self.chart], [700, 500]))
        self.run_button.clicked.connect(self.run)
        self.target_edit.returnPressed.connect(self.run)
        self.reference_edit.returnPressed.connect(self.run)
        self.min_spin.valueChanged.connect(self._on_filter_changed)
        self.stop_box.toggled.connect(self._on_filter_changed)
        self.on_row(self.table, lambda r: self.concordance_requested.emit(r["item"], "entity" if r.get("type") else "text"))

    def compare(self, target: str, reference: str = "", entities: bool = False) -> None:
        self.target_edit.setText(target)
        self.reference_edit.setText(reference)
        self.items_combo.setCurrentIndex(1 if entities else 0)
        self.run()

    def current_filter(self) -> RowFilter:
        low = float(self.min_spin.value())
        return RowFilter(contains=self.filter_edit.text().strip(), hide_stop=self.stop_box.isChecked(),
                         at_least=(("target", low), ("reference", low)))

    def run(self) -> None:
        target = self.spec_or_complain(self.target_edit)
        reference = self.spec_or_complain(self.reference_edit)
        if target is None or reference is None:
            return
        if target.is_empty():
            self.status.setText(self.tr("Say which articles are the target (e.g. since=2020-01-01)"))
            return
        self.compute(stat_results.keyness_table, target, reference, bool(self.items_combo.currentData()))

    def shown(self, table: StatTable) -> None:
        over = [k for k in self.model.first_records(200, "ll") if k["log_ratio"] > 0][:20]
        self.chart.set_data(self.tr("Most key in the target (log-likelihood)"), [k["item"] for k in over],
                            [round(k["ll"], 1) for k in over], "#e15759")
        total = self.model.rowCount()
        self.finish(self.tr("%n item(s); positive Log Ratio: more in the target", "", total), total)
