"""The article filters shared by the search and concordance views: page, tag, entity, author and
page date.  :meth:`FilterBar.filters` gives the keyword arguments of ``reader.store.search`` calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QStringListModel
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


def _date_or_none(text: str) -> dt.date | None:
    """The date typed in a filter box, None when empty; ValueError when malformed."""
    return parse_date(text) if text.strip() else None


class FilterBar(QWidget):
    def __init__(self, corpus: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.source_combo = QComboBox(self)
        self.tag_combo = QComboBox(self)
        self.entity_edit = QLineEdit(self)
        self.entity_edit.setPlaceholderText(self.tr("Entity"))
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("Author"))
        self._authors = QStringListModel(self)
        self.author_edit.setCompleter(QCompleter(self._authors, self.author_edit))
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
        """Fill the source and tag choices from the corpus, keeping the current choice."""
        sources = concordance.source_names()
        tags = [t.name for t in self.corpus.tags()]
        self._authors.setStringList(concordance.author_names())
        for combo, items in ((self.source_combo, sources), (self.tag_combo, tags)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(any)"), None)
            for item in items:
                combo.addItem(item, item)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def spec(self) -> Any:
        """The variables filter as a ``reader.analysis.spec.FilterSpec``; ValueError when malformed."""
        from reader.analysis.spec import parse_spec
        from reader.changes import CorpusError

        try:
            return parse_spec(self.spec_edit.text())
        except CorpusError as exc:
            raise ValueError(str(exc)) from exc

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
