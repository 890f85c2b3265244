"""Document variables: one row per article with its newspaper, date, page, position, section,
agency, front page, and the user's own variables (region, genre, …).  Edit a cell, or set one
variable for every selected row at once, or import a CSV; each edit is one undoable step (the
view asks, :mod:`ui.analysis_views` does).  A sub-corpus field narrows the rows."""

from __future__ import annotations

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

from reader.analysis import variables as var
from reader.analysis.spec import select_ids
from reader.analysis.tables import save_records_csv
from reader.changes import CorpusError
from ui.analysis_base import AnalysisView, RecordModel, SpecEdit, make_table, selected_records
from ui.table_model import Index


def _load(spec: Any) -> tuple[list[str], list[dict[str, Any]]]:
    from reader.analysis.concordance import article_titles

    ids = select_ids(spec)
    values = var.article_variables(None if spec.is_empty() else ids)
    titles = article_titles()
    return var.variable_names(), [{"article": i, "title": titles.get(i, ""), **values[i]} for i in ids]


class VariablesModel(RecordModel):
    """Editable where the variable can be set; an edit is reported, not written."""

    edit_requested = Signal(int, str, str)  # article id, variable, value

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        name = self.COLUMNS[index.column()] if index.isValid() else ""
        if name and name not in ("article", "title", *var.READ_ONLY):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        record = self._record(index)
        if record is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(int(record["article"]), self.COLUMNS[index.column()], str(value or "").strip())
        return False  # the window writes it and the view refreshes from the change


class SetVariableDialog(QDialog):
    def __init__(self, names: list[str], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set a variable for %d article(s)") % count)
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
        self.table = make_table(self.model, self)
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
            self.start(_load, spec)

    def show_result(self, result: tuple[list[str], list[dict[str, Any]]]) -> None:
        names, rows = result
        columns = [("article", "#"), ("title", self.tr("Title")), *((n, n) for n in names)]
        if list(self.model.COLUMNS) != [c for c, _ in columns]:
            model = VariablesModel(columns, self)
            self._wire(model)
            self.table.model().setSourceModel(model)  # type: ignore[attr-defined]
            self.model.deleteLater()
            self.model = model
            self.table.setColumnWidth(1, 260)
        self.model.set_records(rows)
        self.finish(self.tr("%d article(s); double-click a cell to edit, or select rows and Set") % len(rows), len(rows))

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
                QMessageBox.warning(self, self.tr("Cannot set"), str(exc))
                return
            self.set_requested.emit(ids, name, dialog.value_edit.text().strip())

    @Slot()
    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import variables (columns: article or source, then variables)"),
                                              "", self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_requested.emit(path)
