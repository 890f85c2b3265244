"""Document properties of the open article (Reader → Properties…, Alt+Return): the page's date,
newspaper and printed page number, editable (they apply to every article of that page file),
and what is known about the file and the article.  Edits are one undoable command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reader.changes import Change
from reader.page_facts import PageFacts
from reader.records import ArticleRecord


class PropertiesDialog(QDialog):
    def __init__(self, article: ArticleRecord, facts: PageFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Document properties"))
        self.facts = facts
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName(self.tr("Page date"))
        self.undated_box = QCheckBox(self.tr("Unknown"), self)
        if facts.published is not None:
            self.date_edit.setDate(QDate(facts.published.year, facts.published.month, facts.published.day))
        else:
            self.date_edit.setDate(QDate.currentDate())
            self.undated_box.setChecked(True)
        self.date_edit.setEnabled(not self.undated_box.isChecked())
        self.undated_box.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        self.paper_edit = QLineEdit(facts.paper or "", self)
        self.paper_edit.setPlaceholderText(self.tr("e.g. 湖南日报"))
        self.page_spin = QSpinBox(self)
        self.page_spin.setRange(0, 9999)
        self.page_spin.setSpecialValueText(self.tr("unknown"))
        self.page_spin.setValue(facts.page or 0)
        date_row = QWidget(self)  # a widget, so the label's mnemonic (Alt+D) finds the date
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.undated_box)
        date_row.setFocusProxy(self.date_edit)
        form = QFormLayout(self)
        note = QLabel(self.tr("Date, paper and page belong to the page file and apply to all of its articles."), self)
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("Page &date"), date_row)
        form.addRow(self.tr("&Newspaper"), self.paper_edit)
        form.addRow(self.tr("&Page number"), self.page_spin)
        facts_rows = (
            (self.tr("Title"), article.display_title + (self.tr(" (derived from the text)") if article.title_derived else "")),
            (self.tr("Authors"), "、".join(article.authors) or "—"),
            (self.tr("Article"), self.tr("%d of its page, %d characters") % (article.position + 1, len(article.text))),
            (self.tr("File"), facts.source),
            (self.tr("Path"), facts.path),
            (self.tr("Encoding"), facts.encoding),
            (self.tr("Size"), self.tr("%d bytes") % facts.size),
            (self.tr("Ingested"), facts.ingested.strftime("%Y-%m-%d %H:%M UTC")),
        )
        for label, value in facts_rows:
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def chosen(self) -> tuple[dt.date | None, str | None, int | None]:
        date = None if self.undated_box.isChecked() else self.date_edit.date().toPython()
        return date, self.paper_edit.text().strip() or None, self.page_spin.value() or None  # type: ignore[return-value]


def edit_properties(window) -> None:  # type: ignore[no-untyped-def]
    """Show the open article's properties; a changed date, paper or page is one undo step."""
    article = window.view.article
    if article is None:
        return
    facts = window.corpus.page_facts(article.source)
    dialog = PropertiesDialog(article, facts, window)
    window.properties_dialog = dialog
    if not dialog.exec():
        return
    chosen = dialog.chosen()
    if chosen == (facts.published, facts.paper, facts.page):
        return

    def applied(change: Change) -> None:
        window.changed.emit(change)
        window.article_list.fit_columns()  # a first date, paper or page number: its column shows

    window.undo_stack.push(PageFactsCommand(window.corpus.set_page_facts, applied, facts, chosen,
                                            dialog.tr("Edit page %s") % facts.source))


class PageFactsCommand(QUndoCommand):
    """Set a page file's date, paper and page; undo puts the old ones back."""

    def __init__(self, set_facts: Callable[[str, dt.date | None, str | None, int | None], Change],
                 apply: Callable[[Change], None], old: PageFacts,
                 new: tuple[dt.date | None, str | None, int | None], text: str) -> None:
        super().__init__(text)
        self._set, self._apply, self.source = set_facts, apply, old.source
        self.old = (old.published, old.paper, old.page)
        self.new = new

    def redo(self) -> None:
        self._apply(self._set(self.source, *self.new))

    def undo(self) -> None:
        self._apply(self._set(self.source, *self.old))
