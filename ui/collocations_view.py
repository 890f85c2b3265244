"""Collocations: the words around a word, phrase or entity within a window (default ±5 words),
with frequency, MI, log-Dice and log-likelihood.  Every collocate is in a lazy table sorted in
SQL; the minimum, stop words and a text filter are filters of that table.  A row asks for the
node's concordance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from reader.analysis import stat_results
from reader.analysis.entity_index import alias_map
from reader.analysis.stat_tables import RowFilter, StatTable
from ui.analysis_base import SpecEdit, make_lazy_table
from ui.stat_model import StatModel
from ui.stat_view import StatView


class CollocationsView(StatView):
    csv_name = "collocations.csv"

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.node_edit = QLineEdit(self)
        self.node_edit.setPlaceholderText(self.tr("A word, phrase or entity"))
        self.node_edit.setClearButtonEnabled(True)
        self.entity_box = QCheckBox(self.tr("with its aliases"), self)
        self.window_spin = QSpinBox(self)
        self.window_spin.setRange(1, 50)
        self.window_spin.setValue(5)
        self.window_spin.setPrefix("±")
        self.window_spin.setSuffix(self.tr(" words"))
        self.min_spin = QSpinBox(self)
        self.min_spin.setRange(1, 10000)
        self.min_spin.setValue(2)
        self.min_spin.setPrefix(self.tr("min "))
        self.sort_combo = QComboBox(self)
        for key, label in (("log_dice", self.tr("log-Dice")), ("ll", self.tr("log-likelihood")), ("mi", self.tr("MI")),
                           ("count", self.tr("frequency"))):
            self.sort_combo.addItem(label, key)
        self.stop_box = QCheckBox(self.tr("Hide stop words"), self)
        self.stop_box.setChecked(True)
        self.spec_edit = SpecEdit(self.tr("Sub-corpus (empty: all)"), self)
        self.run_button = QPushButton(self.tr("Find collocates"), self)
        self.model = StatModel([("item", self.tr("Collocate")), ("count", self.tr("Together")),
                                ("frequency", self.tr("Frequency")), ("mi", self.tr("MI")), ("log_dice", self.tr("log-Dice")),
                                ("ll", self.tr("Log-likelihood"))], ("log_dice", True), parent=self)
        self.model.row_filter = self.current_filter()
        self.table = make_lazy_table(self.model, self)
        row = QHBoxLayout()
        row.addWidget(self.node_edit, 2)
        for w in (self.entity_box, self.window_spin, self.min_spin, QLabel(self.tr("sort"), self), self.sort_combo,
                  self.stop_box):
            row.addWidget(w)
        row2 = QHBoxLayout()
        row2.addWidget(self.spec_edit, 2)
        row2.addWidget(self.filter_edit, 1)
        row2.addWidget(self.reprints_option())
        row2.addWidget(self.run_button)
        row2.addWidget(self.export_button)
        self.lay_out([row, row2], self.table)
        self.node_edit.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.min_spin.valueChanged.connect(self._on_filter_changed)
        self.stop_box.toggled.connect(self._on_filter_changed)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_combo_changed)
        self.on_row(self.table, lambda _r: self.concordance_requested.emit(
            self.node_edit.text().strip(), "entity" if self.entity_box.isChecked() else "text"))

    def show_collocates(self, node: str, entity: bool = False) -> None:
        self.node_edit.setText(node)
        self.entity_box.setChecked(entity)
        self.run()

    def current_filter(self) -> RowFilter:
        return RowFilter(contains=self.filter_edit.text().strip(), hide_stop=self.stop_box.isChecked(),
                         at_least=(("count", float(self.min_spin.value())),))

    def run(self) -> None:
        node_text = self.node_edit.text().strip()
        spec = self.spec_or_complain(self.spec_edit)
        if not node_text or spec is None:
            return
        node: str | list[str] = node_text
        if self.entity_box.isChecked():
            amap = alias_map()
            node = sorted(amap.names_for(amap.canonical(node_text)))
        self.compute(stat_results.collocation_table, node, self.window_spin.value(), spec)

    def show_result(self, result: Any) -> None:
        if result is not None and result[0] is not self.model.table:
            self._on_sort_combo_changed()  # a new result opens in the order the combo names
        super().show_result(result)

    def shown(self, table: StatTable) -> None:
        total = self.model.rowCount()
        self.finish(self.tr("%n collocate(s) of %s", "", total) % self.node_edit.text().strip(), total)

    def _on_sort_combo_changed(self, *_args: Any) -> None:
        key = self.sort_combo.currentData()
        if key in self.model.COLUMNS:
            self.table.sortByColumn(self.model.COLUMNS.index(key), Qt.SortOrder.DescendingOrder)
