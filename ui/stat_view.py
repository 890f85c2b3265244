"""What the word list, keyness and collocations views share: a :class:`ui.stat_model.StatModel`
over the result table, a filter box and check boxes that filter in SQL (no new count), and the
incremental refresh: a change that can alter the result (:func:`reader.analysis.stat_results.affected_by`)
marks the view stale and adds the articles it names to those pending; when the view is shown
the table is brought up to date by difference, off the GUI thread (the statistic counts again
only the chunks of term statistics that changed, a timeline reads again only the pending
articles), and only the rows that changed are re-read; other changes cost nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from reader.analysis.stat_results import affected_by
from reader.analysis.stat_tables import RowFilter, StatTable
from reader.analysis.tables import save_records_csv
from reader.changes import Change
from ui.analysis_base import AnalysisView
from ui.stat_model import StatModel


class StatView(AnalysisView):
    runs_on_show = False  # whether a first show computes the result (the word list: yes)

    def __init__(self, corpus: Any, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(corpus, runner, parent)
        self._job: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
        self.updates = 0  # incremental updates applied (for tests and benchmarks)
        self.pending: set[int] | None = set()  # articles changed since the table was computed (None: any)
        self._sent: set[int] | None = set()  # the pending articles of an update not yet applied
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter: text in the item"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)

    model: StatModel

    # -- runs ---------------------------------------------------------------------------
    def compute(self, fn: Callable[..., Any], *args: Any) -> None:
        """Compute afresh: ``fn(*args, table=None)`` in the pool, shown as a new result."""
        self._job = (fn, args)
        self.stale = False
        self.pending, self._sent = set(), set()
        self.start(fn, *args, table=None, reports=True)

    def update_table(self) -> None:
        """Bring the shown table up to date by difference (the last computation again, on it)."""
        if self._job is None or self.model.table is None:
            self.run()
            return
        fn, args = self._job
        # an update cancelled or overtaken leaves its articles to the next one
        changed = None if self._sent is None or self.pending is None else self._sent | self.pending
        self._sent, self.pending = changed, set()
        self.start(fn, *args, table=self.model.table, changed=None if changed is None else sorted(changed), reports=True)

    def refresh(self) -> None:
        if self.model.table is not None:
            self.stale = False
            self.update_table()
        elif self.runs_on_show:
            super().refresh()
        else:
            self.stale = False

    def on_corpus_changed(self, change: Change) -> bool:
        """Mark the view stale when ``change`` can alter its result; True when it cannot."""
        table = self.model.table
        if table is None:
            self.stale = self.runs_on_show
            return not self.stale
        if not affected_by(change, table.extra["request"]):
            return True
        self.stale = True
        if self.pending is not None:  # a codebook change (tags) can reach every article's count
            named = change.article_ids if change.kind != "tags" else ()
            self.pending = self.pending | set(named) if named else None
        return False

    def show_result(self, result: tuple[StatTable, Any] | None) -> None:
        if result is None:  # cancelled
            return
        table, touched = result
        if table is self.model.table:
            self.updates += 1
            self._sent = set()
            self.model.apply_update(touched)
        else:
            self.model.show_table(table)
        self.shown(table)

    def shown(self, table: StatTable) -> None:
        """After a result or an update: the chart and the status line (subclasses)."""

    def current_filter(self) -> RowFilter:
        return RowFilter(contains=self.filter_edit.text().strip())

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        if self.model.table is not None:
            self.shown(self.model.table)

    def export_records(self) -> list[dict[str, Any]]:
        return self.model.records()

    def export_csv(self, path: str) -> int:
        """Every shown row (under the filter, in the shown order), the shown columns only."""
        return save_records_csv(self.export_records(), path, list(self.model.COLUMNS))

    @Slot()
    def _on_filter_changed(self, *_args: Any) -> None:
        self.apply_filter()
