"""Collocations: the words around a word, phrase or entity within a window (default ±5 words),
with frequency, MI, log-Dice and log-likelihood.  A row asks for the node's concordance."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from reader.analysis import wordstats
from reader.analysis.entity_index import alias_map
from ui.analysis_base import AnalysisView, RecordModel, SpecEdit, make_table


class CollocationsView(AnalysisView):
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
        for key, label in (("log_dice", "log-Dice"), ("ll", self.tr("log-likelihood")), ("mi", "MI"),
                           ("count", self.tr("frequency"))):
            self.sort_combo.addItem(label, key)
        self.stop_box = QCheckBox(self.tr("Hide stop words"), self)
        self.stop_box.setChecked(True)
        self.spec_edit = SpecEdit(self.tr("Sub-corpus (empty: all)"), self)
        self.run_button = QPushButton(self.tr("Find collocates"), self)
        self.model = RecordModel([("item", self.tr("Collocate")), ("count", self.tr("Together")),
                                  ("frequency", self.tr("Frequency")), ("mi", "MI"), ("log_dice", "log-Dice"),
                                  ("ll", self.tr("Log-likelihood"))], self)
        self.table = make_table(self.model, self)
        row = QHBoxLayout()
        row.addWidget(self.node_edit, 2)
        for w in (self.entity_box, self.window_spin, self.min_spin, QLabel(self.tr("sort"), self), self.sort_combo,
                  self.stop_box):
            row.addWidget(w)
        row2 = QHBoxLayout()
        row2.addWidget(self.spec_edit, 1)
        row2.addWidget(self.reprints_option())
        row2.addWidget(self.run_button)
        row2.addWidget(self.export_button)
        self.lay_out([row, row2], self.table)
        self.node_edit.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.on_row(self.table, lambda _r: self.concordance_requested.emit(
            self.node_edit.text().strip(), "entity" if self.entity_box.isChecked() else "text"))

    def show_collocates(self, node: str, entity: bool = False) -> None:
        self.node_edit.setText(node)
        self.entity_box.setChecked(entity)
        self.run()

    def run(self) -> None:
        node_text = self.node_edit.text().strip()
        spec = self.spec_or_complain(self.spec_edit)
        if not node_text or spec is None:
            return
        node: str | list[str] = node_text
        if self.entity_box.isChecked():
            amap = alias_map()
            node = sorted(amap.names_for(amap.canonical(node_text)))
        stop = wordstats.default_stopwords() if self.stop_box.isChecked() else frozenset()
        self.start(wordstats.collocations, node, self.window_spin.value(), spec, self.min_spin.value(),
                   self.sort_combo.currentData(), stop, reports=True)

    def show_result(self, rows: list[wordstats.Collocate]) -> None:
        self.model.set_records([{**c.to_json(), "frequency": c.frequency} for c in rows])
        self.finish(self.tr("%d collocate(s) of %s") % (len(rows), self.node_edit.text().strip()), len(rows))
