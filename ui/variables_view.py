"""Document variables: one row per article with its newspaper, date, page, position, section,
agency, front page, and the user's own variables (region, genre, …).  Edit a cell, or set one
variable for every selected row at once, or import a CSV; each edit is one undoable step (the
view asks, :mod:`ui.analysis_views` does).  A sub-corpus field narrows the rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from reader.analysis import variable_pages as pages
from reader.analysis import variables as var
from reader.analysis.spec import select_ids
from reader.analysis.tables import save_records_csv
from reader.changes import Change, CorpusError
from ui.analysis_base import AnalysisView, LazyRecordModel, SpecEdit, make_lazy_table, selected_records, variable_label
from ui.errors import describe
from ui.table_model import Index


def _load(spec: Any, sort: str | None, descending: bool) -> tuple[list[str], list[int]]:
    """Off the GUI thread: the variable names and the ids the SPEC selects, in order."""
    return var.variable_names(), pages.sorted_ids(select_ids(spec), sort, descending)


class VariablesModel(LazyRecordModel):
    """One article a row, its variables read for the rows shown (:mod:`reader.analysis.variable_pages`);
    sorted in SQL; editable where the variable can be set (an edit is reported, not written)."""

    edit_requested = Signal(int, str, str)  # article id, variable, value

    def __init__(self, columns: Sequence[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.spec: Any = None
        self.sort_name: str | None = None
        self.descending = False

    def set_columns(self, columns: Sequence[tuple[str, str]]) -> None:
        """The variables shown (a reset when they change)."""
        keys = tuple(k for k, _ in columns)
        if keys == self.COLUMNS:
            return
        self.beginResetModel()
        self.COLUMNS = keys
        self._headers = tuple(h for _, h in columns)
        self._cache.clear()
        self.endResetModel()

    def show_ids(self, ids: list[int]) -> None:
        """Rows for ``ids`` (in that order, read off the GUI thread): a new result set."""
        self.beginResetModel()
        self._ids, self._total, self._rows = list(ids), None, None
        self._cache.clear()
        self.loaded = True
        self.endResetModel()

    # -- what LazyIdModel asks ------------------------------------------------------------
    def _query_ids(self) -> list[int]:
        return pages.sorted_ids(select_ids(self.spec), self.sort_name, self.descending)

    def _query_records(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return pages.variable_records(ids)

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        return self.sort_name is not None or not (self.spec is None or self.spec.is_empty())

    def _may_enter(self, unknown: Any) -> bool:
        return False  # an article not listed enters through a filter (see _rows_may_move)

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.sort_name, self.descending = self.COLUMNS[column], descending
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        name = self.COLUMNS[index.column()] if index.isValid() else ""
        if name and name not in ("article", "title", *var.READ_ONLY):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        row = self.record(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(int(row.values["article"]), self.COLUMNS[index.column()], str(value or "").strip())
        return False  # the window writes it and the view refreshes from the change


class SetVariableDialog(QDialog):
    def __init__(self, names: list[str], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set a variable for %n article(s)", "", count))
        self.name_combo = QComboBox(self)
        self.name_combo.setEditable(True)
        self.name_combo.addItems([n for n in names if n not in var.READ_ONLY])
        self.name_combo.setCurrentText("")
        self.name_combo.lineEdit().setPlaceholderText(self.tr("region, genre, newspaper, …"))
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("empty: clear it"))
        form = QFormLayout(self)
        form.addRow(self.tr("Variable"), self.name_combo)
        form.addRow(self.tr("Value"), self.value_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class VariablesView(AnalysisView):
    csv_name = "variables.csv"
    set_requested = Signal(list, str, str)  # article ids, variable, value
    import_requested = Signal(str)  # CSV path

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.spec_edit = SpecEdit(self.tr("Which articles, e.g. source=2020*,page=1 (empty: all)"), self)
        self.set_button = QPushButton(self.tr("Set for selected…"), self)
        self.import_button = QPushButton(self.tr("Import CSV…"), self)
        self.model = VariablesModel([("article", "#")], self)
        self._wire(self.model)
        self.table = make_lazy_table(self.model, self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        row = QHBoxLayout()
        row.addWidget(self.spec_edit, 1)
        for w in (self.set_button, self.import_button, self.export_button):
            row.addWidget(w)
        self.lay_out([row], self.table)
        self.spec_edit.returnPressed.connect(self.run)
        self.set_button.clicked.connect(self._on_set_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)

    def _wire(self, model: VariablesModel) -> None:
        model.edit_requested.connect(self._on_model_edit_requested)

    def run(self) -> None:
        spec = self.spec_or_complain(self.spec_edit)
        if spec is not None:
            self.model.spec = spec
            self.start(_load, spec, self.model.sort_name, self.model.descending)

    def show_result(self, result: tuple[list[str], list[int]]) -> None:
        names, ids = result
        self._set_names(names)
        self.model.show_ids(ids)
        self.finish(self.tr("%n article(s); double-click a cell to edit, or select rows and Set", "", len(ids)), len(ids))

    def _set_names(self, names: list[str]) -> None:
        columns = [("article", "#"), ("title", self.tr("Title")), *((n, variable_label(n)) for n in names)]
        if list(self.model.COLUMNS) != [c for c, _ in columns]:
            self.model.set_columns(columns)
            self.table.setColumnWidth(1, 260)

    def on_corpus_changed(self, change: Change) -> bool:
        """Re-read the rows a change names (a variable set, a page's facts, a section); a
        change without ids, or one that brings a new variable, runs the view again.  True when
        it was handled row by row."""
        if change.kind != "articles":
            return True  # annotations, codes and entities are no variables
        if not change.article_ids or not self.model.loaded:
            self.stale = True
            return False
        names = var.variable_names()
        if [n for n in self.model.COLUMNS[2:]] != names:
            self.stale = True
            return False
        self.model.refresh(change.article_ids)
        return True

    def selected_ids(self) -> list[int]:
        return sorted(int(r["article"]) for r in selected_records(self.table))

    def ask_to_set(self, ids: list[int], name: str, value: str) -> None:
        self.set_requested.emit(ids, name, value)

    def export_csv(self, path: str) -> int:
        return save_records_csv(self.export_records(), path, list(self.model.COLUMNS))

    @Slot(int, str, str)
    def _on_model_edit_requested(self, article_id: int, name: str, value: str) -> None:
        self.set_requested.emit([article_id], name, value)

    @Slot()
    def _on_set_button_clicked(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.status.setText(self.tr("Select the articles first"))
            return
        dialog = SetVariableDialog(list(self.model.COLUMNS[2:]), len(ids), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            name = dialog.name_combo.currentText().strip()
            try:
                var.check_name(name)
            except CorpusError as exc:
                QMessageBox.warning(self, self.tr("Cannot set"), describe(exc))
                return
            self.set_requested.emit(ids, name, dialog.value_edit.text().strip())

    @Slot()
    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import variables (columns: article or source, then variables)"),
                                              "", self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_requested.emit(path)
