"""The article filters shared by the search and concordance views: page, tag, entity, author and
page date.  :meth:`FilterBar.filters` gives the keyword arguments of ``reader.store.search`` calls.

The page and author choices can run to tens of thousands: they are read only when first needed
(the list opens, a choice is looked up, the author box gets the focus), not at every start or
change, and the page list is a model over a Python list, not one widget item per page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from reader.analysis import concordance
from reader.text.dates import parse_date
from ui.errors import describe


def _date_or_none(text: str) -> dt.date | None:
    """The date typed in a filter box, None when empty; ValueError when malformed."""
    return parse_date(text) if text.strip() else None


class ChoiceModel(QAbstractListModel):
    """"(any)" then the names; the display text is also the item's data."""

    def __init__(self, any_label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.any_label = any_label
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.beginResetModel()
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.any_label if row == 0 else self.names[row - 1]
        if role == Qt.ItemDataRole.UserRole:
            return None if row == 0 else self.names[row - 1]
        return None


class LazyChoice(QComboBox):
    """A combo box whose names come from ``load()`` the first time they are needed."""

    def __init__(self, load: Callable[[], list[str]], any_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self.stale = True
        self.choices = ChoiceModel(any_label, self)
        self.setModel(self.choices)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)

    def mark_stale(self) -> None:
        self.stale = True
        if self.view().isVisible():
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if not self.stale:
            return
        self.stale = False
        current = self.currentData()
        self.blockSignals(True)
        self.choices.set_names(self._load())
        self.setCurrentIndex(max(0, self.findData(current)) if current else 0)
        self.blockSignals(False)

    def showPopup(self) -> None:  # noqa: N802
        self.ensure_loaded()
        super().showPopup()

    def findData(self, data: Any, role: int = Qt.ItemDataRole.UserRole, flags: Any = None) -> int:  # noqa: N802
        self.ensure_loaded()
        if flags is None:
            return super().findData(data, role)
        return super().findData(data, role, flags)


class FilterBar(QWidget):
    def __init__(self, corpus: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.source_combo = LazyChoice(concordance.source_names, self.tr("(any)"), self)
        self.tag_combo = QComboBox(self)
        self.entity_edit = QLineEdit(self)
        self.entity_edit.setPlaceholderText(self.tr("Entity"))
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("Author"))
        self._authors = QStringListModel(self)
        self._authors_stale = True
        self.author_edit.setCompleter(QCompleter(self._authors, self.author_edit))
        self.author_edit.installEventFilter(self)
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        for edit in (self.since_edit, self.until_edit):
            edit.setToolTip(self.tr("Page publication date (pages without a date are left out)"))
            edit.setMaximumWidth(120)
        self.spec_edit = QLineEdit(self)
        self.spec_edit.setPlaceholderText(self.tr("Variables: var:region=…, paper=…"))
        self.spec_edit.setToolTip(self.tr("Document variables and more, comma-separated: var:NAME=VALUE, "
                                          "paper=…, source=pattern, reprints=first"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, w in ((self.tr("Source"), self.source_combo), (self.tr("Tag"), self.tag_combo),
                         (self.tr("Entity"), self.entity_edit), (self.tr("Author"), self.author_edit)):
            row.addWidget(QLabel(label, self))
            row.addWidget(w, 1)
        row.addWidget(QLabel(self.tr("Date"), self))
        row.addWidget(self.since_edit)
        row.addWidget(self.until_edit)
        row.addWidget(self.spec_edit, 1)

    def reload(self) -> None:
        """Fill the tag choices from the corpus (keeping the current choice); the page and
        author choices are read again when next needed."""
        self.source_combo.mark_stale()
        self._authors_stale = True
        if self.author_edit.hasFocus():
            self._load_authors()
        combo = self.tag_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(any)"), None)
        for name in (t.name for t in self.corpus.tags()):
            combo.addItem(name, name)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _load_authors(self) -> None:
        if self._authors_stale:
            self._authors_stale = False
            self._authors.setStringList(concordance.author_names())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is getattr(self, "author_edit", None) and event.type() == QEvent.Type.FocusIn:
            self._load_authors()
        return super().eventFilter(watched, event)

    def spec(self) -> Any:
        """The variables filter as a ``reader.analysis.spec.FilterSpec``; ValueError when malformed."""
        from reader.analysis.spec import parse_spec
        from reader.changes import CorpusError

        try:
            return parse_spec(self.spec_edit.text())
        except CorpusError as exc:
            raise ValueError(describe(exc)) from exc

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``reader.store.search.search``/``kwic``; ValueError on a bad date."""
        source, tag = self.source_combo.currentData(), self.tag_combo.currentData()
        return {
            "sources": [source] if source else None,
            "tags": [tag] if tag else None,
            "entity": self.entity_edit.text().strip() or None,
            "author": self.author_edit.text().strip() or None,
            "since": _date_or_none(self.since_edit.text()),
            "until": _date_or_none(self.until_edit.text()),
        }
