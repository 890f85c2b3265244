"""Reprints: clusters of the same copy printed in several papers, pages or days, found in the
background (signatures are incremental, so a second run is quick), with the first printing of
each cluster; selecting a cluster lists its printings, activating one opens it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QWidget

from reader.analysis import reprint_pages as pages
from reader.analysis import reprints
from reader.analysis.tables import save_records_csv
from ui.analysis_base import AnalysisView, LazyRecordModel, RecordModel, make_lazy_table, make_table, record_at, select_only_row, splitter


class ClustersModel(LazyRecordModel):
    """One reprint cluster a row (the stored clustering), sorted in SQL, rows read when shown."""

    def __init__(self, columns: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.sort_name, self.descending = "cluster", False

    def _query_ids(self) -> list[int]:
        return pages.cluster_ids(self.sort_name, self.descending)

    def _query_records(self, ids: Any) -> list[dict[str, Any]]:
        return pages.cluster_records(ids)

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.sort_name, self.descending = self.COLUMNS[column], descending
        return True


class ReprintsView(AnalysisView):
    csv_name = "reprints.csv"

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.threshold_spin = QDoubleSpinBox(self)
        self.threshold_spin.setRange(0.3, 1.0)
        self.threshold_spin.setSingleStep(0.05)
        self.threshold_spin.setValue(reprints.stored_threshold() or reprints.DEFAULT_THRESHOLD)
        self.threshold_spin.setToolTip(self.tr("How alike two texts must be (share of character shingles)"))
        self.run_button = QPushButton(self.tr("Find reprints"), self)
        self.clusters_model = ClustersModel([("cluster", "#"), ("printings", self.tr("Printings")),
                                           ("date", self.tr("First printed")), ("newspaper", self.tr("Paper")),
                                           ("page", self.tr("Page")), ("similarity", self.tr("Similarity")),
                                           ("title", self.tr("Title"))], self)
        self.clusters = make_lazy_table(self.clusters_model, self)
        self.members_model = RecordModel([("date", self.tr("Date")), ("newspaper", self.tr("Paper")),
                                          ("page", self.tr("Page")), ("first", self.tr("First")),
                                          ("similarity", self.tr("Similarity")), ("title", self.tr("Title"))], self)
        self.members = make_table(self.members_model, self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Similarity at least"), self))
        row.addWidget(self.threshold_spin)
        row.addWidget(self.run_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        self.lay_out([row], splitter(Qt.Orientation.Vertical, [self.clusters, self.members], [300, 200]))
        self.run_button.clicked.connect(self.run)
        self.clusters.selectionModel().selectionChanged.connect(self._on_clusters_selection_changed)
        self.on_row(self.members, lambda r: self.passage_requested.emit(int(r["article"]), 0, 0))

    def refresh(self) -> None:
        """Show the stored clustering (computing nothing, reading no cluster list: the rows are
        read as they are shown) until the user asks for a run."""
        self.stale = False
        self.show_result(None)

    def run(self) -> None:
        self.start(reprints.cluster, self.threshold_spin.value(), reports=True)

    def show_result(self, _clusters: list[reprints.Cluster] | None) -> None:
        """The stored clustering (just made or read): rows are read as they are shown."""
        self.clusters_model.reload()
        self.members_model.set_records([])
        clusters, copies = pages.totals()
        self.finish((self.tr("%n cluster(s)", "", clusters)
                     + self.tr("; %n article(s) are copies of an earlier printing", "", copies)),
                    clusters)

    def select_cluster(self, row: int) -> None:
        select_only_row(self.clusters, row)
        self._on_clusters_selection_changed()  # also when the row was selected already

    def export_records(self) -> list[dict[str, Any]]:
        return [dict(zip(reprints.CSV_COLUMNS, r)) for r in reprints.cluster_rows(reprints.stored_clusters())]

    def export_csv(self, path: str) -> int:
        return save_records_csv(self.export_records(), path, list(reprints.CSV_COLUMNS))

    @Slot(QItemSelection, QItemSelection)
    def _on_clusters_selection_changed(self, *_args: Any) -> None:
        rows = self.clusters.selectionModel().selectedRows()
        record = record_at(self.clusters, rows[0]) if rows else None
        if record is None:
            return
        self.members_model.set_records([{**r, "first": self.tr("first") if r["first"] else ""}
                                        for r in pages.cluster_members(int(record["cluster"]))])
