"""Team → Agreement: choose two or more coders (and optionally tags), compute off the GUI thread,
read the figures overall, per tag, per article (where a team disagrees) and the confusion table of
the first two coders' tags.  The figures are defined in :mod:`reader.analysis.agreement`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.analysis.agreement_report import FIGURES, AgreementReport, agreement
from reader.corpus import Corpus
from ui.annotation_panel import split_tags
from ui.tasks import LatestOnly, TaskRunner


def _cell(value: Any) -> QTableWidgetItem:
    if isinstance(value, float):
        item = QTableWidgetItem(f"{value:.3f}")
        item.setData(Qt.ItemDataRole.UserRole, value)
        shade = max(0.0, min(1.0, value))  # red (disagree) to green (agree)
        item.setBackground(QColor.fromHsvF(shade / 3, 0.25, 1.0))
        return item
    return QTableWidgetItem("—" if value is None else str(value))


class AgreementDialog(QDialog):
    article_activated = Signal(int)
    compare_requested = Signal(int, str, str)  # article, coder A, coder B

    def __init__(self, corpus: Corpus, runner: TaskRunner | None = None, current_article: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.current_article = current_article
        self.report: AgreementReport | None = None
        self.setWindowTitle(self.tr("Inter-coder agreement"))
        self.resize(900, 600)
        self.coder_list = QListWidget(self)
        self.coder_list.setMaximumWidth(220)
        for coder in corpus.coders():
            item = QListWidgetItem(f"{coder.name} ({coder.annotations})")
            item.setData(Qt.ItemDataRole.UserRole, coder.name)
            item.setForeground(QColor(coder.color))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.coder_list.addItem(item)
        for row in range(min(2, self.coder_list.count())):
            self.coder_list.item(row).setCheckState(Qt.CheckState.Checked)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("tags (empty: every tag they used)"))
        self.article_check = QCheckBox(self.tr("Open article only"), self)
        self.article_check.setEnabled(current_article is not None)
        self.compute_button = QPushButton(self.tr("Compute"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tag_table = self._table()
        self.article_table = self._table()
        self.confusion_table = self._table()
        self.tabs.addTab(self.tag_table, self.tr("Overall and per tag"))
        self.tabs.addTab(self.article_table, self.tr("Per article"))
        self.tabs.addTab(self.confusion_table, self.tr("Confusion (characters)"))
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Coders"), self))
        side.addWidget(self.coder_list, 1)
        side.addWidget(self.tags_edit)
        side.addWidget(self.article_check)
        side.addWidget(self.compute_button)
        main = QVBoxLayout()
        main.addWidget(self.tabs, 1)
        main.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addLayout(main, 1)
        self.job = LatestOnly(runner, self)
        self.job.returned.connect(self._on_job_returned)
        self.job.errored.connect(self._on_job_errored)
        self.compute_button.clicked.connect(self.compute)
        self.article_table.cellDoubleClicked.connect(self._on_article_table_cell_double_clicked)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 0, self)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSortingEnabled(True)
        return table

    def chosen_coders(self) -> list[str]:
        return [self.coder_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.coder_list.count())
                if self.coder_list.item(r).checkState() == Qt.CheckState.Checked]

    def set_chosen_coders(self, names: list[str]) -> None:
        for r in range(self.coder_list.count()):
            item = self.coder_list.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in names
                               else Qt.CheckState.Unchecked)

    @Slot()
    def compute(self) -> None:
        articles = [self.current_article] if self.article_check.isChecked() and self.current_article else []
        self.status.setText(self.tr("Computing…"))
        self.job.start(agreement, self.corpus, self.chosen_coders(), split_tags(self.tags_edit.text()),
                       articles, reports=True)

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        header = [self.tr("Scope")] + list(FIGURES) + [self.tr("Units per coder")]

        def fill(table: QTableWidget, rows: list[tuple[str, Any, dict[str, Any]]]) -> None:
            table.setSortingEnabled(False)
            table.clear()
            table.setColumnCount(len(header))
            table.setHorizontalHeaderLabels(header)
            table.setRowCount(len(rows))
            for r, (label, key, data) in enumerate(rows):
                first = QTableWidgetItem(label)
                first.setData(Qt.ItemDataRole.UserRole, key)
                table.setItem(r, 0, first)
                for c, name in enumerate(FIGURES, 1):
                    table.setItem(r, c, _cell(data.get(name)))
                units = ", ".join(f"{k} {v}" for k, v in data.get("units", {}).items())
                table.setItem(r, len(FIGURES) + 1, QTableWidgetItem(units))
            table.resizeColumnsToContents()
            table.setSortingEnabled(True)

        fill(self.tag_table, [(self.tr("overall"), None, report.overall)]
             + [(tag, tag, data) for tag, data in report.per_tag.items()])
        titles = {s.id: s.display_title for s in self.corpus.article_summaries(report.articles)}
        fill(self.article_table, [(f"{aid} {titles.get(aid, '')}", aid, data) for aid, data in report.per_article.items()])
        labels = sorted(set(report.confusion) | {c for row in report.confusion.values() for c in row})
        names = [label or self.tr("(nothing)") for label in labels]
        self.confusion_table.setSortingEnabled(False)
        self.confusion_table.clear()
        self.confusion_table.setRowCount(len(labels))
        self.confusion_table.setColumnCount(len(labels))
        self.confusion_table.setVerticalHeaderLabels([f"{report.coders[0]}: {n}" for n in names])
        self.confusion_table.setHorizontalHeaderLabels([f"{report.coders[1]}: {n}" for n in names])
        for r, x in enumerate(labels):
            for c, y in enumerate(labels):
                self.confusion_table.setItem(r, c, QTableWidgetItem(str(report.confusion.get(x, {}).get(y, 0))))
        self.confusion_table.resizeColumnsToContents()
        self.status.setText(self.tr("%d coder(s), %d tag(s), %d article(s). Double-click an article to "
                                    "compare it side by side.") % (len(report.coders), len(report.tags),
                                                                    len(report.articles)))
        self.status.setToolTip(self.tr("alpha_u: Krippendorff's unitized alpha; alpha_coded / alpha_text: "
                                       "character-level alpha over the text anyone coded / the whole text; "
                                       "f1_exact / f1_overlap: span F1, exact or overlapping matches; kappa: "
                                       "Cohen's kappa on segments (pieces between coding boundaries)."))

    @Slot(object)
    def _on_job_returned(self, report: AgreementReport) -> None:
        self.show_report(report)

    @Slot(object)
    def _on_job_errored(self, exc: Exception) -> None:
        self.status.setText(str(exc))

    @Slot(int, int)
    def _on_article_table_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.article_table.item(row, 0)
        if item is None:
            return
        aid = int(item.data(Qt.ItemDataRole.UserRole))
        self.article_activated.emit(aid)
        coders = self.report.coders if self.report else []
        if len(coders) >= 2:
            self.compare_requested.emit(aid, coders[0], coders[1])
