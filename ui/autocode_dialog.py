"""Code every occurrence, then review: find every hit of a search query, an entity (with its
aliases) or a phrase list — or take the lines of a concordance — propose an annotation with a
tag for each, let the user accept or reject each (or all), and write the accepted ones as one
undoable step on the window's undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import autocode
from reader.changes import CorpusError
from reader.store.search import KwicLine
from ui.analysis_base import SpecEdit
from ui.analysis_commands import AutocodeCommand
from ui.kwic_view import make_kwic_table
from ui.table_model import Index, RowTableModel
from ui.tasks import LatestOnly, TaskRunner
from ui.undo import Apply

SOURCE_KEYS = ("query", "entity", "phrase", "lines")


class ProposalModel(RowTableModel):
    """Rows are proposals, each with an accept check box (accepted by default, except hits
    already coded with the tag)."""

    COLUMNS = ("left", "match", "right", "title")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Left context"), self.tr("Hit"), self.tr("Right context"), self.tr("Article"))
        self.accepted: list[bool] = []

    def set_proposals(self, proposals: list[autocode.Proposal]) -> None:
        self.beginResetModel()
        self._rows = list(proposals)
        self.accepted = [not p.exists for p in proposals]
        self.endResetModel()

    def proposals(self) -> list[autocode.Proposal]:
        return list(self._rows)

    def line(self, row: int) -> autocode.Proposal:
        return self._rows[row]

    def chosen(self) -> list[autocode.Proposal]:
        return [p for p, ok in zip(self._rows, self.accepted) if ok and not p.exists]

    def set_all(self, on: bool) -> None:
        self.accepted = [on and not p.exists for p in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self._record(index)
        if p is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {"left": p.left, "match": p.quote, "right": p.right, "title": p.title}[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == "left":
            return Qt.CheckState.Checked if self.accepted[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and p.exists:
            return self.tr("Already coded with this tag")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = {"left": Qt.AlignmentFlag.AlignRight, "match": Qt.AlignmentFlag.AlignHCenter}.get(
                column, Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            p = self._rows[index.row()]
            self.accepted[index.row()] = (Qt.CheckState(value) == Qt.CheckState.Checked) and not p.exists
            self.dataChanged.emit(index, index)
            return True
        return False


class AutocodeDialog(QDialog):
    """``propose()`` finds the hits (in the background when given a runner); ``write()`` pushes
    the accepted ones as one :class:`ui.analysis_commands.AutocodeCommand`."""

    passage_requested = Signal(int, int, int)
    proposals_ready = Signal(int)
    written = Signal(int)

    def __init__(self, corpus: Any, undo_stack: QUndoStack, apply: Apply, runner: TaskRunner | None = None,
                 parent: QWidget | None = None, lines: list[KwicLine] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Code every occurrence"))
        self.resize(980, 620)
        self.corpus, self.undo_stack, self.apply = corpus, undo_stack, apply
        self.lines = lines or []
        self.jobs = LatestOnly(runner, self)
        self.source_combo = QComboBox(self)
        for key, label in zip(SOURCE_KEYS, (self.tr("Search query"), self.tr("Entity"), self.tr("Phrase list"),
                                            self.tr("Concordance lines"))):
            if key != "lines" or self.lines:
                self.source_combo.addItem(label, key)
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("What to find"))
        self.tag_combo = QComboBox(self)
        self.tag_combo.setEditable(True)
        self.tag_combo.addItems([t.name for t in corpus.tags()])
        self.tag_combo.setCurrentText("")
        self.tag_combo.lineEdit().setPlaceholderText(self.tr("Tag for every hit"))
        self.spec_edit = SpecEdit(self.tr("Only in (empty: all articles)"), self)
        self.find_button = QPushButton(self.tr("Find hits"), self)
        self.model = ProposalModel(self)
        self.table = make_kwic_table(self.model, self)  # type: ignore[arg-type]
        self.table.setSortingEnabled(False)
        self.accept_all = QPushButton(self.tr("Accept all"), self)
        self.reject_all = QPushButton(self.tr("Reject all"), self)
        self.write_button = QPushButton(self.tr("Write accepted"), self)
        self.write_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.status = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.source_combo)
        row.addWidget(self.value_edit, 2)
        row.addWidget(QLabel(self.tr("Tag"), self))
        row.addWidget(self.tag_combo, 1)
        row.addWidget(self.find_button)
        bottom = QHBoxLayout()
        for w in (self.accept_all, self.reject_all):
            bottom.addWidget(w)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.write_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.spec_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.find_button.clicked.connect(self.propose)
        self.value_edit.returnPressed.connect(self.propose)
        self.accept_all.clicked.connect(lambda: self._set_all(True))
        self.reject_all.clicked.connect(lambda: self._set_all(False))
        self.write_button.clicked.connect(self.write)
        self.close_button.clicked.connect(self.reject)
        self.model.dataChanged.connect(self._update_status)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.jobs.errored.connect(self._on_jobs_errored)
        if self.lines:
            self.source_combo.setCurrentIndex(self.source_combo.findData("lines"))
            self.value_edit.setText(self.tr("%d line(s) of the concordance") % len(self.lines))
        self._update_status()

    def set_request(self, source: str, value: str, tag: str) -> None:
        self.source_combo.setCurrentIndex(max(self.source_combo.findData(source), 0))
        self.value_edit.setText(value)
        self.tag_combo.setCurrentText(tag)

    def propose(self) -> None:
        tag, source = self.tag_combo.currentText().strip(), self.source_combo.currentData()
        if not tag:
            self.status.setText(self.tr("Choose or type a tag"))
            return
        try:
            spec = self.spec_edit.spec()
        except CorpusError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(self.tr("Finding hits…"))
        if source == "lines":
            self.jobs.start(autocode.from_lines, self.lines, tag)
        else:
            self.jobs.start(autocode.propose, source, self.value_edit.text().strip(), tag, spec)

    def write(self) -> int:
        """Write the accepted proposals as one undoable step; returns how many."""
        chosen = self.model.chosen()
        tag = self.tag_combo.currentText().strip()
        if not chosen or not tag:
            return 0
        command = AutocodeCommand(self.corpus, self.apply, self.tr("Code %d occurrence(s) as %s") % (len(chosen), tag),
                                  chosen, tag)
        try:
            command.prepare()
        except CorpusError as exc:
            self.status.setText(str(exc))
            return 0
        self.undo_stack.push(command)
        count = len(command.written)
        self.status.setText(self.tr("Wrote %d annotation(s) with %s (Edit ▸ Undo takes them back)") % (count, tag))
        self.model.set_proposals([])
        self.written.emit(count)
        return count

    def _set_all(self, on: bool) -> None:
        self.model.set_all(on)
        self._update_status()

    @Slot()
    def _update_status(self, *_args: Any) -> None:
        total, chosen = len(self.model.proposals()), len(self.model.chosen())
        coded = sum(p.exists for p in self.model.proposals())
        text = self.tr("%d of %d hit(s) accepted") % (chosen, total)
        if coded:
            text += self.tr("; %d already coded") % coded
        self.status.setText(text)
        self.write_button.setEnabled(chosen > 0)

    @Slot(object)
    def _on_jobs_returned(self, proposals: list[autocode.Proposal]) -> None:
        self.model.set_proposals(proposals)
        self._update_status()
        self.proposals_ready.emit(len(proposals))

    @Slot(object)
    def _on_jobs_errored(self, exc: object) -> None:
        self.status.setText(str(exc))
        self.proposals_ready.emit(0)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != 0:
            p = self.model.line(index.row())
            self.passage_requested.emit(p.article_id, p.start, p.end)
