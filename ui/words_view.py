"""Word frequency list over the recogniser's segmentation, for the whole corpus or a sub-corpus:
every word (no top-N cut), a lazy table sorted and filtered in SQL (stop words, numbers and a
text filter change what is shown without counting again); a bar chart of the top words beside
the table.  A row asks for the word's concordance.  A change to the texts updates the rows of
the words it touched only (:mod:`ui.stat_view`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from reader.analysis import stat_results
from reader.analysis.stat_tables import RowFilter, StatTable
from ui.analysis_base import SpecEdit, make_lazy_table, splitter
from ui.charts import BarChart
from ui.stat_model import StatModel
from ui.stat_view import StatView


class WordsView(StatView):
    csv_name = "words.csv"
    runs_on_show = True

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.spec_edit = SpecEdit(self.tr("Sub-corpus (empty: all), e.g. paper=人民日报,since=2020-01-01"), self)
        self.stop_box = QCheckBox(self.tr("Hide stop words"), self)
        self.stop_box.setChecked(True)
        self.numbers_box = QCheckBox(self.tr("Numbers"), self)
        self.run_button = QPushButton(self.tr("Count words"), self)
        self.chart = BarChart(self)
        self.model = StatModel([("word", self.tr("Word")), ("count", self.tr("Count")),
                                ("articles", self.tr("Articles"))], ("count", True), "word", self)
        self.model.row_filter = self.current_filter()
        self.table = make_lazy_table(self.model, self)
        row = QHBoxLayout()
        row.addWidget(self.spec_edit, 2)
        row.addWidget(self.filter_edit, 1)
        for w in (self.stop_box, self.numbers_box, self.reprints_option(), self.run_button, self.export_button):
            row.addWidget(w)
        self.lay_out([row], splitter(Qt.Orientation.Horizontal, [self.table, self.chart], [500, 700]))
        self.run_button.clicked.connect(self.run)
        self.spec_edit.returnPressed.connect(self.run)
        self.stop_box.toggled.connect(self._on_filter_changed)
        self.numbers_box.toggled.connect(self._on_filter_changed)
        self.on_row(self.table, lambda r: self.concordance_requested.emit(r["word"], "text"))

    def current_filter(self) -> RowFilter:
        return RowFilter(contains=self.filter_edit.text().strip(), hide_stop=self.stop_box.isChecked(),
                         hide_numbers=not self.numbers_box.isChecked())

    def run(self) -> None:
        spec = self.spec_or_complain(self.spec_edit)
        if spec is not None:
            self.stale = False
            self.compute(stat_results.word_table, spec)

    def shown(self, table: StatTable) -> None:
        top = self.model.first_records(25, "count")
        self.chart.set_data(self.tr("Most frequent words"), [w["word"] for w in top], [w["count"] for w in top])
        total = self.model.rowCount()
        self.finish(self.tr("%n word(s) listed", "", total), total)
