"""Phrase lists (提法): keep named lists of formulations with their variants, and see for the
chosen list each phrase's hits, articles, first and last appearance, its hits per month as a
chart, and a concordance of the chosen phrase (a line opens the passage)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import phrases, timeline
from reader.analysis.hit_tables import HitTable
from reader.changes import Change, CorpusError
from ui.analysis_base import AnalysisView, RecordModel, SpecEdit, make_table, record_at, splitter
from ui.errors import describe
from ui.timeline_chart import LineChart
from ui.hit_lines_model import HitLinesModel
from ui.kwic_model import make_kwic_table


@dataclass
class _Result:
    table: HitTable
    summary: list[phrases.PhraseSummary]
    rows: list[timeline.TimelineRow]
    covered: dict[str, int]
    touched: list[int] | None = None  # an update: the hits deleted and inserted


def _analyse(name: str, spec: Any, table: HitTable | None = None, changed: list[int] | None = None,
             progress: Any = None, cancelled: Any = None, emit: Any = None) -> _Result | None:
    """The hits of list ``name`` found afresh (``table`` None), or ``table`` brought up to date
    for the articles ``changed`` (None: all); the summary and the months from the table (SQL).
    A fresh search hands over (``emit``) the table once its first hits are written, so the
    concordance shows them while the rest is found."""
    from reader.analysis.spec import select_ids

    touched = None
    if table is None:
        table = HitTable(name, None if spec.is_empty() else select_ids(spec))
        report = None if progress is None else (lambda done, total, _label: progress(done, total, "occurrences"))
        if not table.build(cancelled, report, emit):
            table.drop()
            return None
    else:
        touched = table.update(changed, cancelled)
        if touched is None:
            return None
    return _Result(table, table.summary(), table.per_month(), timeline.covered_periods("month"), touched)


class PhrasesView(AnalysisView):
    csv_name = "phrases.csv"

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Phrase lists"), self.tr("Variants")])
        self.new_button = QPushButton(self.tr("New list…"), self)
        self.add_button = QPushButton(self.tr("Add phrase…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.spec_edit = SpecEdit(self.tr("Sub-corpus (empty: all)"), self)
        self.summary_model = RecordModel([("phrase", self.tr("Phrase")), ("hits", self.tr("Hits")),
                                          ("articles", self.tr("Articles")), ("first", self.tr("First")),
                                          ("last", self.tr("Last")), ("variants", self.tr("Variants"))], self)
        self.summary = make_table(self.summary_model, self)
        self.chart = LineChart(self)
        self.kwic_model = HitLinesModel(self)
        self._changed: set[int] | None = set()  # articles changed since the hits were read (None: any)
        self._asked: tuple[str | None, Any] = (None, None)
        self.kwic = make_kwic_table(self.kwic_model, self)
        buttons = QHBoxLayout()
        for w in (self.new_button, self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(w)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        top = splitter(Qt.Orientation.Horizontal, [self.summary, self.chart], [420, 480])
        right = splitter(Qt.Orientation.Vertical, [top, self.kwic], [300, 260])
        outer = splitter(Qt.Orientation.Horizontal, [left, right], [300, 900])
        row = QHBoxLayout()
        row.addWidget(self.spec_edit, 1)
        row.addWidget(self.export_button)
        self.lay_out([row], outer)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.spec_edit.returnPressed.connect(self.run)
        self.summary.activated.connect(self._on_summary_activated)
        self.summary.clicked.connect(self._on_summary_activated)
        self.kwic.activated.connect(self._on_kwic_activated)
        self.jobs.partial.connect(self._on_jobs_partial)
        self.kwic.doubleClicked.connect(self._on_kwic_activated)
        self.reload()

    # -- lists ---------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        current = select or self.current_list()
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for plist in phrases.lists():
            item = QTreeWidgetItem([plist.name, self.tr("%n phrase(s)", "", len(plist.phrases))])
            item.setData(0, Qt.ItemDataRole.UserRole, ("list", plist.name))
            for p in plist.phrases:
                child = QTreeWidgetItem([p.text, " / ".join(p.variants)])
                child.setData(0, Qt.ItemDataRole.UserRole, ("phrase", plist.name, p.text))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if plist.name == current:
                chosen = item
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.tree.resizeColumnToContents(0)

    def current_list(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        data = item.data(0, Qt.ItemDataRole.UserRole)
        return data[1] if data else None

    def add_phrase(self, list_name: str, line: str) -> None:
        """``line`` is ``label / variant / …``."""
        phrases.import_lines(list_name, [line])
        self.reload(list_name)
        self.run()

    # -- analysis ------------------------------------------------------------------------
    def run(self) -> None:
        name = self.current_list()
        spec = self.spec_or_complain(self.spec_edit)
        if name is None or spec is None:
            return
        self.stale, self._changed, self._asked = False, set(), (name, spec)
        self.start(_analyse, name, spec, reports=True, streams=True)

    def current_phrase(self) -> str | None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return data[2] if data and data[0] == "phrase" else None

    def on_corpus_changed(self, change: Change) -> None:
        """Note what a change can alter: the lists (run again when shown), or the hits of some
        articles (re-read for those articles only when shown); other changes cost nothing."""
        table = self.kwic_model.table
        if table is None:
            return
        if change.kind == "phrases" or (change.kind == "articles" and change.only("variables")
                                        and table.article_ids is not None):
            self.stale, self._changed = True, None
            self.kwic_model.show_table(None)
        elif change.kind == "articles" and not change.only("state") and not change.only("variables"):
            self.stale = True
            if not change.article_ids:
                self._changed = None
            elif self._changed is not None:
                self._changed |= set(change.article_ids)

    def refresh(self) -> None:
        """Bring the hits up to date (see :meth:`on_corpus_changed`)."""
        table = self.kwic_model.table
        self.stale = False
        if table is None or table.list_name != self.current_list():
            self.run()
            return
        changed = None if self._changed is None else sorted(self._changed)
        self._changed = set()
        self.start(_analyse, table.list_name, self._asked[1], table, changed, reports=True)

    def show_first_hits(self, table: Any) -> None:
        """The first hits of a search still running: the concordance shows them at once."""
        if isinstance(table, HitTable):
            self.kwic_model.show_table(table, self.current_phrase())

    def show_result(self, result: _Result | None) -> None:
        if result is None:
            return
        self.summary_model.set_records([s.to_json() for s in result.summary])
        periods, lines = timeline.series(result.rows, "month", covered=result.covered)
        self.chart.set_data(self.tr("Hits per month"), periods,
                            [(name or "", values) for name, values in lines.items()])
        phrase = self.current_phrase()
        if result.table is self.kwic_model.table and result.touched is not None:
            self.kwic_model.refresh(result.touched) if len(result.touched) <= 2000 else self.kwic_model.refresh()
        else:
            self.kwic_model.show_table(result.table, phrase)
        self.finish(self.tr("%n hit(s)", "", sum(s.hits for s in result.summary)), self.kwic_model.rowCount())

    @Slot(object)
    def _on_jobs_partial(self, table: object) -> None:
        self.show_first_hits(table)

    def export_records(self) -> list[dict[str, Any]]:
        return self.summary_model.records()

    # -- slots ---------------------------------------------------------------------------
    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_current_item_changed(self, *_args: Any) -> None:
        table = self.kwic_model.table
        if table is not None and table.list_name == self.current_list() and not self.stale:
            self.kwic_model.show_table(table, self.current_phrase())  # one phrase's hits: a filter in SQL
            return
        self.run()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New phrase list"), self.tr("Name of the list:"))
        if ok and name.strip():
            phrases.create_list(name.strip())
            self.reload(name.strip())

    @Slot()
    def _on_add_button_clicked(self) -> None:
        name = self.current_list()
        if name is None:
            self.status.setText(self.tr("Make or choose a list first"))
            return
        line, ok = QInputDialog.getText(self, self.tr("Add phrase"),
                                        self.tr("Phrase, then its variants, separated by / :"))
        if ok and line.strip():
            self.add_phrase(name, line)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if not data:
            return
        what = data[2] if data[0] == "phrase" else data[1]
        if QMessageBox.question(self, self.tr("Remove"), self.tr("Remove %s?") % what) != QMessageBox.StandardButton.Yes:
            return
        try:
            if data[0] == "phrase":
                phrases.remove_phrase(data[1], data[2])
            else:
                phrases.delete_list(data[1])
        except CorpusError as exc:
            self.status.setText(describe(exc))
        self.reload()

    @Slot()
    def _on_import_button_clicked(self) -> None:
        name = self.current_list()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import phrases (one a line: phrase / variant / …)"),
                                              "", self.tr("Text files (*.txt);;All files (*)"))
        if not path:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New phrase list"), self.tr("Name of the list:"))
            if not ok or not name.strip():
                return
        try:
            with open(path, encoding="utf-8-sig") as fh:
                phrases.import_lines(name.strip(), fh.read().splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self, self.tr("Import failed"), f"{path}: {exc}")
            return
        self.reload(name.strip())

    @Slot(QModelIndex)
    def _on_summary_activated(self, index: QModelIndex) -> None:
        record = record_at(self.summary, index)
        if record:
            self.run(record["phrase"])

    @Slot(QModelIndex)
    def _on_kwic_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            k = self.kwic_model.line(index.row())
            self.passage_requested.emit(k.article_id, k.start, k.end)
