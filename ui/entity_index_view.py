"""The entity index: people, places and organisations with counts; selecting one lists its
occurrences (a concordance); variants can be merged under a canonical name (aliases)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis import entity_index as ei
from reader.analysis import entity_listing as el
from reader.analysis.entity_listing import IndexRow
from reader.corpus import Change, Corpus
from reader.store.search import KwicLine
from ui.analysis_base import select_only_row
from ui.i18n import listing
from ui.kwic_view import KwicModel, make_kwic_table
from ui.id_model import LazyIdModel
from ui.tasks import LatestOnly, TaskRunner

Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 10
SortRole = Qt.ItemDataRole.UserRole + 11


class EntityIndexModel(LazyIdModel):
    """Rows are index entries (canonical name and type) read from the aggregate the store keeps
    up to date on write (:mod:`reader.analysis.entity_listing`): ids in the order and filter
    shown, chosen in SQL; rows read for the rows painted.  :meth:`update` re-reads the entries a
    write touched only (``EntryRole`` gives the row)."""

    COLUMNS = ("name", "type", "mentions", "articles", "variants")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sort_key, self.descending = "mentions", True
        self.text, self.types = "", None  # type: tuple[str, tuple[str, ...] | None]
        self.seq = 0  # the aggregate's seq when the rows were last read
        self._titles: dict[int, str] = {}
        self._articles: dict[int, list[int]] = {}  # entry id -> its first articles (tooltips)
        self._title_source: Callable[[Sequence[int]], dict[int, str]] | None = None
        self._headers = (self.tr("Name"), self.tr("Type"), self.tr("Mentions"), self.tr("Articles"),
                         self.tr("Variants"))

    # -- what LazyIdModel asks ------------------------------------------------------------
    def _query_ids(self) -> list[int]:
        return el.entry_ids(self.sort_key, self.descending, self.text, self.types)

    def _query_rows(self, ids: Sequence[int]) -> list[Any]:
        return el.entry_rows(ids)

    def _rows_may_move(self, ids: Sequence[int]) -> bool:
        return True  # a changed count moves a row in every sort but by name

    def _sort_key(self, column: int, descending: bool) -> bool:
        self.sort_key, self.descending = self.COLUMNS[column], descending
        return True

    # -- changes ------------------------------------------------------------------------
    def load(self) -> None:
        """Read the entries afresh (a model reset)."""
        self.seq = el.last_seq()
        self._articles.clear()
        self.reload()

    def update(self) -> list[int]:
        """Re-read the entries written since the last read: rows of entries that appeared or
        went are inserted or removed, changed rows re-read, the others stay as they are.
        Returns the entry ids touched."""
        if not self.loaded:
            self.load()
            return []
        changed, self.seq = el.changed_since(self.seq)
        for entry in changed:
            self._articles.pop(entry, None)
        if changed:
            self.refresh(changed)
        return changed

    def set_filter(self, text: str, types: Sequence[str] | None) -> None:
        """Show the entries whose name or a variant contains ``text``, of ``types`` (None: all)."""
        self.text, self.types = text, tuple(types) if types is not None else None
        self.reload()

    def totals(self) -> tuple[int, int]:
        return el.totals(self.text, self.types)

    def set_titles(self, titles: dict[int, str] | Callable[[Sequence[int]], dict[int, str]]) -> None:
        """Article titles for the tooltip of the Articles column: a mapping, or a function
        asked for the titles a tooltip shows (read when first shown, then cached)."""
        if callable(titles):
            self._title_source, self._titles = titles, {}
        else:
            self._title_source, self._titles = None, dict(titles)

    def _titles_of(self, ids: Sequence[int]) -> list[str]:
        missing = [a for a in ids if a not in self._titles]
        if missing and self._title_source is not None:
            self._titles.update(self._title_source(missing))
        return [self._titles.get(a, str(a)) for a in ids]

    def articles_of(self, entry: int) -> list[int]:
        """The first 31 articles of an entry (read when a tooltip first asks, then cached)."""
        if entry not in self._articles:
            self._articles[entry] = el.entry_articles(entry, limit=31)
        return self._articles[entry]

    def entry(self, row: int) -> IndexRow:
        record = self.record(row)
        assert record is not None
        return record

    def entries(self) -> list[IndexRow]:
        """Every entry shown, in order (reads them all: for tests and small corpora)."""
        return el.entry_rows(self.ids())

    def row_of_entry(self, name: str, etype: str | None = None) -> int:
        found = el.find(name, etype)
        return -1 if found is None else self.row_of(found)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole, EntryRole):
            return None
        e = self.record(index.row())
        if e is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if column == "variants":
                others = [v for v in e.variants if v != e.name]
                return "、".join(others)
            return getattr(e, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "articles":
            articles = self.articles_of(e.id)
            shown = self._titles_of(articles[:30])
            return "\n".join(shown) + ("\n…" if e.articles > 30 else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("mentions", "articles"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EntryRole:
            return e
        return None


class EntityIndexView(QWidget):
    """Index above, occurrences of the selected entry below.  Merging and splitting are
    intents (``merge_requested``, ``unmerge_requested``): the owner writes and broadcasts."""

    passage_requested = Signal(int, int, int)
    merge_requested = Signal(list, str, str)  # names, canonical, type ("" = any type)
    unmerge_requested = Signal(list)  # aliases to forget
    concordance_requested = Signal(str)  # entity name
    entries_ready = Signal(int)
    occurrences_ready = Signal(int)

    def __init__(self, corpus: Corpus, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.jobs = LatestOnly(runner, self)
        self.occurrence_jobs = LatestOnly(runner, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter names"))
        self.filter_edit.setClearButtonEnabled(True)
        self.type_combo = QComboBox(self)
        self.type_combo.addItem(self.tr("People, places, organisations"), None)
        for etype, label in (("PER", self.tr("People")), ("LOC", self.tr("Places")), ("ORG", self.tr("Organisations"))):
            self.type_combo.addItem(label, etype)
        self.merge_button = QPushButton(self.tr("Merge as aliases…"), self)
        self.split_button = QPushButton(self.tr("Split variants"), self)
        self.status = QLabel(self)
        self.model = EntityIndexModel(self)  # sorted and filtered in SQL
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # not every row measured
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        em = self.fontMetrics().horizontalAdvance("国")
        for column, ems in (("name", 12), ("type", 4), ("mentions", 6), ("articles", 5)):
            self.table.setColumnWidth(EntityIndexModel.COLUMNS.index(column), ems * em)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.occurrences = KwicModel(self)
        self.occurrence_table = make_kwic_table(self.occurrences, self)

        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        for w in (self.type_combo, self.merge_button, self.split_button):
            row.addWidget(w)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.occurrence_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.type_combo.currentIndexChanged.connect(self._on_type_combo_current_index_changed)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.split_button.clicked.connect(self._on_split_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.occurrence_table.clicked.connect(self._on_occurrence_table_activated)
        self.occurrence_table.activated.connect(self._on_occurrence_table_activated)
        self.jobs.returned.connect(self._on_jobs_returned)
        self.occurrence_jobs.returned.connect(self._on_occurrence_jobs_returned)

    # -- public API ------------------------------------------------------------------
    def refresh(self) -> None:
        """Bring the rows up to date with the store's aggregate: off the GUI thread, the
        aggregate is checked (and rebuilt in the rare case it is not current); then only the
        entries written since the last look are re-read."""
        self.model.set_titles(self.corpus.article_titles)  # the few a tooltip shows, when shown
        if not self.model.loaded:
            self.status.setText(self.tr("Counting…"))
        self.jobs.start(el.ensure_current)

    def on_corpus_changed(self, change: Change) -> None:
        if change.kind == "entities" or (change.kind == "articles" and not change.only("state", "note")):
            self.refresh()

    def select_entry(self, name: str, etype: str | None = None) -> bool:
        """Select the entry named ``name`` (scrolls to it); lists its occurrences."""
        row = self.model.row_of_entry(name, etype)
        if row < 0:
            return False
        select_only_row(self.table, row)
        return True

    def selected_entries(self) -> list[IndexRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entry(r) for r in rows]

    def merge_selected(self, canonical: str | None = None) -> bool:
        """Ask to merge the selected entries under ``canonical`` (asks the user when ``None``;
        the longest name is offered first)."""
        entries = self.selected_entries()
        names = [e.name for e in entries]
        if len(set(names)) < 2:
            return False
        if canonical is None:
            choices = sorted(set(names), key=lambda n: (-len(n), n))
            canonical, ok = QInputDialog.getItem(self, self.tr("Merge entities"),
                                                 self.tr("Canonical name for %s:") % "、".join(choices),
                                                 choices, 0, False)
            if not ok:
                return False
        types = {e.type for e in entries}
        self.merge_requested.emit(names, canonical, types.pop() if len(types) == 1 else "")
        return True

    def split_selected(self) -> bool:
        aliases = [v for e in self.selected_entries() for v in e.variants if v != e.name]
        if aliases:
            self.unmerge_requested.emit(aliases)
        return bool(aliases)

    def open_occurrence(self, row: int) -> None:
        k = self.occurrences.line(row)
        self.passage_requested.emit(k.article_id, k.start, k.end)

    # -- slots -----------------------------------------------------------------------
    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    @Slot(int)
    def _on_type_combo_current_index_changed(self, _index: int) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        selected = [(e.name, e.type) for e in self.selected_entries()]
        etype = self.type_combo.currentData()
        self.model.set_filter(self.filter_edit.text().strip(), [etype] if etype else None)
        self._show_totals()
        if len(selected) == 1:
            self.select_entry(*selected[0])

    def _show_totals(self) -> None:
        names, mentions = self.model.totals()
        self.status.setText(listing(self.tr("%n name(s)", "", names), self.tr("%n mention(s)", "", mentions)))

    @Slot()
    def _on_merge_button_clicked(self) -> None:
        self.merge_selected()

    @Slot()
    def _on_split_button_clicked(self) -> None:
        self.split_selected()

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        entries = self.selected_entries()
        self.merge_button.setEnabled(len(entries) >= 2)
        self.split_button.setEnabled(any(len(e.variants) > 1 for e in entries))
        if len(entries) == 1:
            self.occurrence_jobs.start(ei.occurrences, entries[0].name, entries[0].type)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        entry: IndexRow | None = index.data(EntryRole) if index.isValid() else None
        if entry is not None:
            self.concordance_requested.emit(entry.name)

    @Slot(QModelIndex)
    def _on_occurrence_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_occurrence(index.row())

    @Slot(object)
    def _on_jobs_returned(self, rebuilt: bool) -> None:
        selected = [(e.name, e.type) for e in self.selected_entries()]
        if rebuilt or not self.model.loaded:
            self.model.load()
        else:
            self.model.update()  # the rows that changed only; the selection stays
        self._show_totals()
        if len(selected) == 1 and self.model.row_of_entry(*selected[0]) < 0:
            self.table.clearSelection()
            self.occurrences.set_lines([])
        elif len(selected) == 1 and not self.selected_entries():
            self.select_entry(*selected[0])
        self.merge_button.setEnabled(len(self.selected_entries()) >= 2)
        self.split_button.setEnabled(any(len(e.variants) > 1 for e in self.selected_entries()))
        self.entries_ready.emit(self.model.rowCount())

    @Slot(object)
    def _on_occurrence_jobs_returned(self, lines: list[KwicLine]) -> None:
        self.occurrences.set_lines(lines)
        self.occurrences_ready.emit(len(lines))
