"""Corpus statistics: one table at a time (tag counts, entity frequencies, co-occurrence, article
lengths, articles per source) with its bar chart; both exportable (CSV, PNG).  Computed off the
GUI thread with progress and cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import stats
from reader.analysis.stats import CorpusStats
from reader.corpus import Change, Corpus
from ui.charts import BarChart
from ui.tasks import LatestOnly, TaskRunner

Index = QModelIndex | QPersistentModelIndex
CHART_ROWS = 25


class StatsTableModel(QAbstractTableModel):
    """A read-only table of plain values with a header (one of :data:`reader.analysis.stats.TABLES`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header: tuple[str, ...] = ()
        self._labels: tuple[str, ...] = ()
        self._rows: list[tuple[Any, ...]] = []

    def set_table(self, header: tuple[str, ...], rows: list[tuple[Any, ...]],
                  labels: tuple[str, ...] | None = None) -> None:
        """``header`` names the columns in exports; ``labels`` (default: the header) on screen."""
        self.beginResetModel()
        self._header, self._rows = tuple(header), list(rows)
        self._labels = tuple(labels) if labels and len(labels) == len(header) else self._header
        self.endResetModel()

    def table(self) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        return self._header, list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._header):
            return self._labels[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if isinstance(value, (int, str)) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatsView(QWidget):
    stats_ready = Signal()

    def __init__(self, corpus: Corpus, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.stats: CorpusStats | None = None
        self.jobs = LatestOnly(runner, self)
        self._titles = {
            "tags": self.tr("Tag counts (annotations)"),
            "entities": self.tr("Entity frequencies (mentions)"),
            "tag_entity": self.tr("Tag × entity co-occurrence"),
            "tag_tag": self.tr("Tag × tag co-occurrence"),
            "lengths": self.tr("Article lengths (characters)"),
            "sources": self.tr("Articles per source"),
        }
        self._column_labels = {
            "tag": self.tr("Tag"), "annotations": self.tr("Annotations"), "articles": self.tr("Articles"),
            "text": self.tr("Entity"), "type": self.tr("Type"), "mentions": self.tr("Mentions"),
            "a": self.tr("First"), "b": self.tr("Second"), "count": self.tr("Count"),
            "b_type": self.tr("Second's type"), "article_id": self.tr("Article id"),
            "title": self.tr("Title"), "source": self.tr("Source"), "chars": self.tr("Characters"),
        }
        self.table_combo = QComboBox(self)
        for key, title in self._titles.items():
            self.table_combo.addItem(title, key)
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(self.tr("Co-occurrence: same annotation span"), "span")
        self.scope_combo.addItem(self.tr("Co-occurrence: same article"), "article")
        self.scope_combo.setToolTip(self.tr(
            "Span: the entity lies inside an annotation with the tag (count: annotation–mention pairs); "
            "article: one of the article's annotations has the tag and the entity is mentioned "
            "in it (count: articles)."))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.csv_button = QPushButton(self.tr("Export CSV…"), self)
        self.png_button = QPushButton(self.tr("Export PNG…"), self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()
        self.summary = QLabel(self)
        self.model = StatsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMaximumSectionSize(200)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = BarChart(self)

        row = QHBoxLayout()
        for w in (self.table_combo, self.scope_combo, self.refresh_button, self.progress, self.cancel_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.csv_button)
        row.addWidget(self.png_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.table_combo.currentIndexChanged.connect(self._on_table_combo_current_index_changed)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_combo_current_index_changed)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.png_button.clicked.connect(self._on_png_button_clicked)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.jobs.progress.connect(self._on_jobs_progress)
        self.jobs.errored.connect(self._on_jobs_errored)
        self.jobs.cancelled.connect(self._on_jobs_cancelled)

    # -- public API ------------------------------------------------------------------
    def refresh(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.jobs.start(stats.corpus_stats, self.scope_combo.currentData(), reports=True)

    def on_corpus_changed(self, change: Change) -> None:
        self.refresh()

    def current_table(self) -> str:
        return str(self.table_combo.currentData())

    def show_table(self, key: str) -> None:
        self.table_combo.setCurrentIndex(list(self._titles).index(key))
        self._show()

    def export_csv(self, path: str) -> int:
        """The current table as UTF-8 CSV with a BOM."""
        header, rows = self.model.table()
        with open(path, "w", encoding="utf-8", newline="") as out:
            return stats.write_csv(header, rows, out, bom=True)

    def export_png(self, path: str) -> bool:
        """The current chart as PNG, at least 800×(its natural height) pixels."""
        chart = BarChart()
        chart.setFont(self.chart.font())
        labels, values = zip(*self.chart.bars()) if self.chart.bars() else ((), ())
        chart.set_data(self.chart.title(), labels, values)
        hint = chart.sizeHint()
        chart.resize(max(800, self.chart.width()), max(hint.height(), 200))
        return chart.save_png(path)

    # -- drawing ---------------------------------------------------------------------
    def _show(self) -> None:
        key = self.current_table()
        if self.stats is None:
            self.model.set_table((), [])
            self.chart.set_data(self._titles[key], [], [])
            return
        header, rows = stats.table_rows(self.stats, key)
        self.model.set_table(header, rows, tuple(self._column_labels.get(h, h) for h in header))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        labels, values = self._chart_data(key, self.stats)
        self.chart.set_data(self._titles[key], labels[:CHART_ROWS], values[:CHART_ROWS])
        self.summary.setText(self.tr("%d articles, %d characters, %d sources") % (
            self.stats.articles, self.stats.chars, len(self.stats.sources)))

    def _chart_data(self, key: str, s: CorpusStats) -> tuple[list[str], list[float]]:
        if key == "tags":
            return [t.tag for t in s.tags], [t.annotations for t in s.tags]
        if key == "entities":
            return [f"{e.text} ({e.type})" for e in s.entities], [e.mentions for e in s.entities]
        if key in ("tag_entity", "tag_tag"):
            pairs = getattr(s, key)
            return [f"{p.a} × {p.b}" for p in pairs], [p.count for p in pairs]
        if key == "lengths":
            bins = stats.length_histogram([a.chars for a in s.lengths], bins=12)
            return [f"{lo}–{hi - 1}" for lo, hi, _ in bins], [n for _, _, n in bins]
        return [x.source for x in s.sources], [x.articles for x in s.sources]

    def _idle(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    # -- slots -----------------------------------------------------------------------
    @Slot(int)
    def _on_table_combo_current_index_changed(self, _index: int) -> None:
        self._show()

    @Slot(int)
    def _on_scope_combo_current_index_changed(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.jobs.cancel()

    @Slot()
    def _on_csv_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), f"{self.current_table()}.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    @Slot()
    def _on_png_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), f"{self.current_table()}.png",
                                              self.tr("PNG images (*.png)"))
        if path and not self.export_png(path):
            QMessageBox.warning(self, self.tr("Export failed"), self.tr("Could not write %s") % path)

    @Slot(int, int, str)
    def _on_jobs_progress(self, done: int, total: int, _label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_jobs_returned(self, result: CorpusStats | None) -> None:
        self._idle()
        if result is not None:
            self.stats = result
            self._show()
            self.stats_ready.emit()

    @Slot(object)
    def _on_jobs_errored(self, exc: object) -> None:
        self._idle()
        self.summary.setText(self.tr("Statistics failed: %s") % exc)

    @Slot()
    def _on_jobs_cancelled(self) -> None:
        self._idle()
