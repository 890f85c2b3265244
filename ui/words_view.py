"""Word frequency list over the recogniser's segmentation, for the whole corpus or a sub-corpus,
with or without stop words and numbers; a bar chart of the top words beside the table.  A row
asks for the word's concordance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from reader.analysis import wordstats
from ui.analysis_base import AnalysisView, RecordModel, SpecEdit, make_table, splitter
from ui.charts import BarChart


class WordsView(AnalysisView):
    csv_name = "words.csv"

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.spec_edit = SpecEdit(self.tr("Sub-corpus (empty: all), e.g. paper=人民日报,since=2020-01-01"), self)
        self.stop_box = QCheckBox(self.tr("Hide stop words"), self)
        self.stop_box.setChecked(True)
        self.numbers_box = QCheckBox(self.tr("Numbers"), self)
        self.top_spin = QSpinBox(self)
        self.top_spin.setRange(10, 100000)
        self.top_spin.setValue(2000)
        self.run_button = QPushButton(self.tr("Count words"), self)
        self.chart = BarChart(self)
        self.model = RecordModel([("word", self.tr("Word")), ("count", self.tr("Count")),
                                  ("articles", self.tr("Articles"))], self)
        self.table = make_table(self.model, self)
        row = QHBoxLayout()
        row.addWidget(self.spec_edit, 1)
        for w in (self.stop_box, self.numbers_box, self.reprints_option(), QLabel(self.tr("Top"), self), self.top_spin, self.run_button,
                  self.export_button):
            row.addWidget(w)
        self.lay_out([row], splitter(Qt.Orientation.Horizontal, [self.table, self.chart], [500, 700]))
        self.run_button.clicked.connect(self.run)
        self.spec_edit.returnPressed.connect(self.run)
        self.on_row(self.table, lambda r: self.concordance_requested.emit(r["word"], "text"))

    def run(self) -> None:
        spec = self.spec_or_complain(self.spec_edit)
        if spec is None:
            return
        stop = wordstats.default_stopwords() if self.stop_box.isChecked() else frozenset()
        self.start(wordstats.word_list, spec, self.top_spin.value(), stop, self.numbers_box.isChecked(), reports=True)

    def show_result(self, rows: list[wordstats.WordCount]) -> None:
        self.model.set_records([w.to_json() for w in rows])
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        top = rows[:25]
        self.chart.set_data(self.tr("Most frequent words"), [w.word for w in top], [w.count for w in top])
        self.finish(self.tr("%d word(s) listed") % len(rows), len(rows))
