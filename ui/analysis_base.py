"""What the analysis views share: a table model over plain records, a sub-corpus (SPEC) field,
and a view base that runs its core function off the GUI thread, shows status and exports CSV.

Views emit intents only: ``passage_requested(article, start, end)`` to open a passage and
``concordance_requested(query, kind)`` to show a concordance; :mod:`ui.analysis_views` carries
them out.  Tables are sortable by clicking a header (numbers sort as numbers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QSplitter,
    QVBoxLayout,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from reader.analysis.spec import FilterSpec, parse_spec
from reader.analysis.tables import save_records_csv
from reader.changes import CorpusError
from ui.errors import describe
from ui.id_model import LazyIdModel
from ui.table_model import Index, RowTableModel
from ui.tasks import LatestOnly, TaskRunner

RecordRole = Qt.ItemDataRole.UserRole + 41


def variable_label(name: str) -> str:
    """A document variable's name as shown: the built-in ones in the interface language (a SPEC
    still names them as the core does, ``var:newspaper=…``); the user's own as they were typed."""
    labels = {
        "newspaper": QCoreApplication.translate("Variables", "newspaper"),
        "date": QCoreApplication.translate("Variables", "date"),
        "page": QCoreApplication.translate("Variables", "page"),
        "position": QCoreApplication.translate("Variables", "position"),
        "section": QCoreApplication.translate("Variables", "section"),
        "agency": QCoreApplication.translate("Variables", "agency"),
        "front": QCoreApplication.translate("Variables", "front"),
    }
    return labels.get(name, name)


class RecordModel(RowTableModel):
    """Rows are dicts; ``columns`` are (key, header) pairs.  Floats show with two decimals."""

    def __init__(self, columns: Sequence[tuple[str, str]], parent: Any = None) -> None:
        self.COLUMNS = tuple(k for k, _ in columns)
        super().__init__(parent)
        self._headers = tuple(h for _, h in columns)

    def set_records(self, records: Sequence[dict[str, Any]]) -> None:
        self._reset_rows(records)

    def records(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._record(index)
        if record is None:
            return None
        if role == RecordRole:
            return record
        return record_data(record.get(self.COLUMNS[index.column()]), role)


def record_data(value: Any, role: int) -> Any:
    """What a cell holding ``value`` shows for ``role`` (floats with two decimals, lists
    joined, unknown as a dash)."""
    if role == Qt.ItemDataRole.DisplayRole:
        if value is None:
            return "—"
        if isinstance(value, float):
            return f"{value:.2f}"
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value)
        return str(value)
    if role == Qt.ItemDataRole.EditRole:
        return value
    if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class LazyRecordModel(LazyIdModel):
    """Rows are dict records (each with an ``id``) that a subclass reads a block at a time
    (:meth:`_query_records`); ``columns`` are (key, header) pairs; cells show as in
    :class:`RecordModel`.  Subclasses choose and order the ids (in SQL)."""

    def __init__(self, columns: Sequence[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = tuple(k for k, _ in columns)
        self._headers = tuple(h for _, h in columns)

    def _query_records(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _query_rows(self, ids: Sequence[int]) -> list[Any]:
        return [_DictRow(r) for r in self._query_records(ids)]

    def records(self) -> list[dict[str, Any]]:
        """Every row's record, in order (reads them all: for the CSV export)."""
        ids = self.ids()
        return [r for start in range(0, len(ids), 500) for r in self._query_records(ids[start:start + 500])]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == RecordRole:
            return row.values
        return record_data(row.values.get(self.COLUMNS[index.column()]), role)


class _DictRow:
    __slots__ = ("id", "values")

    def __init__(self, values: dict[str, Any]) -> None:
        self.id, self.values = int(values["id"]), values


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        a, b = left.data(Qt.ItemDataRole.EditRole), right.data(Qt.ItemDataRole.EditRole)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        return str(a if a is not None else "") < str(b if b is not None else "")


def make_table(model: RecordModel, parent: QWidget) -> QTableView:
    proxy = _SortProxy(parent)
    proxy.setSourceModel(model)
    table = make_lazy_table(proxy, parent)
    proxy.sort(-1)  # the core's order until the user clicks a header
    return table


def make_lazy_table(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """A table of ``model`` as the analysis views show them; a model that sorts in its source
    (a :class:`ui.id_model.LazyIdModel`) is shown directly."""
    table = QTableView(parent)
    table.setModel(model)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order at first
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return table


def record_at(table: QTableView, index: QModelIndex) -> dict[str, Any] | None:
    """The record behind a (proxy) index of a table made by :func:`make_table`."""
    return index.data(RecordRole) if index.isValid() else None


def select_only_row(table: QTableView, row: int) -> None:
    """Make ``row`` the one selected and current row of ``table``, whatever keyboard modifiers Qt
    believes are held (``selectRow`` toggles the row when it thinks Ctrl is down)."""
    model = table.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    index = model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(index, flags)
    table.scrollTo(index)


def selected_records(table: QTableView) -> list[dict[str, Any]]:
    return [r for r in (record_at(table, i) for i in table.selectionModel().selectedRows()) if r]


def splitter(orientation: Qt.Orientation, widgets: Sequence[QWidget], sizes: Sequence[int] = ()) -> QSplitter:
    """The widgets side by side (or one above the other), with initial ``sizes``."""
    split = QSplitter(orientation)
    for widget in widgets:
        split.addWidget(widget)
    if sizes:
        split.setSizes(list(sizes))
    return split


class SpecEdit(QLineEdit):
    """A sub-corpus filter SPEC (see :mod:`reader.analysis.spec`)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setToolTip(self.tr("Comma-separated: since=YYYY-MM-DD, until=YYYY-MM-DD, source=file or pattern, "
                                "var:NAME=VALUE (paper=…, page=1, front=front, agency=新华社, or your own), "
                                "tag=…, author=…, entity=…, reprints=first"))

    def spec(self) -> FilterSpec:
        """The parsed SPEC; raises CorpusError when malformed."""
        return parse_spec(self.text())


class AnalysisView(QWidget):
    """Base of the analysis views: ``start(fn, *args)`` runs a core function on the read pool
    (latest call wins); ``show_result`` receives its result on the GUI thread."""

    passage_requested = Signal(int, int, int)
    concordance_requested = Signal(str, str)  # query, kind ("text" or "entity")
    results_ready = Signal(int)
    csv_name = "analysis.csv"

    def __init__(self, corpus: Any, runner: TaskRunner | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.jobs = LatestOnly(runner, self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.jobs.errored.connect(self._on_jobs_errored)
        self.jobs.progress.connect(self._on_jobs_progress)
        self.stale = True
        self.reprints_box: QCheckBox | None = None

    def reprints_option(self) -> QCheckBox:
        """The "Count reprints once" box (made on first use; the view places it)."""
        if self.reprints_box is None:
            self.reprints_box = QCheckBox(self.tr("Count reprints once"), self)
            self.reprints_box.setToolTip(self.tr("A copy printed in several papers, pages or days counts once, "
                                                 "at its first printing (see Reprints)"))
        return self.reprints_box

    def start(self, fn: Callable[..., Any], *args: Any, reports: bool = False, **kwargs: Any) -> None:
        self.status.setText(self.tr("Working…"))
        self.jobs.start(fn, *args, reports=reports, **kwargs)

    def spec_or_complain(self, edit: SpecEdit) -> FilterSpec | None:
        """The SPEC typed (with first printings only when "Count reprints once" is on), or
        None after showing what is wrong with it."""
        try:
            spec = edit.spec()
        except CorpusError as exc:
            self.status.setText(describe(exc))
            return None
        return spec.with_first_printings() if self.reprints_box is not None and self.reprints_box.isChecked() else spec

    # subclasses -------------------------------------------------------------------------
    def run(self) -> None:
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    def export_records(self) -> list[dict[str, Any]]:
        """The rows Export CSV writes: by default the records of ``self.model``."""
        model = getattr(self, "model", None)
        return model.records() if isinstance(model, RecordModel) else []

    # helpers for subclasses -------------------------------------------------------------
    def lay_out(self, rows: Sequence[Any], body: QWidget) -> None:
        """Control rows (layouts) on top, then the status line, then ``body``."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)

    def on_row(self, table: QTableView, handler: Callable[[dict[str, Any]], None]) -> None:
        """Call ``handler(record)`` when a row of ``table`` is activated or double-clicked."""
        def activated(index: QModelIndex) -> None:
            record = record_at(table, index)
            if record:
                handler(record)

        table.activated.connect(activated)
        table.doubleClicked.connect(activated)

    def finish(self, message: str, count: int) -> None:
        self.status.setText(message)
        self.results_ready.emit(count)

    def refresh(self) -> None:
        """Re-run with the current settings (after the corpus changed)."""
        self.stale = False
        self.run()

    def export_csv(self, path: str) -> int:
        return save_records_csv(self.export_records(), path)

    # slots ------------------------------------------------------------------------------
    @Slot(object)
    def _on_jobs_returned(self, result: Any) -> None:
        self.status.setText("")
        self.show_result(result)

    @Slot(object)
    def _on_jobs_errored(self, exc: object) -> None:
        self.status.setText(self.tr("Failed: %s") % describe(exc))
        self.results_ready.emit(0)

    @Slot(int, int, str)
    def _on_jobs_progress(self, done: int, total: int, label: str) -> None:
        self.status.setText(self.tr("Working… %d/%d %s") % (done, total, self.progress_label(label)))

    def progress_label(self, label: str) -> str:
        """The core's progress label (a step's name) in words."""
        if label.startswith("words "):
            return self.tr("words %s") % label[len("words "):]
        steps = {"signatures": self.tr("comparing the texts"), "clusters": self.tr("grouping the copies"),
                 "occurrences": self.tr("finding the occurrences")}
        return steps.get(label, label)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), self.csv_name, self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Export failed"), describe(exc))
