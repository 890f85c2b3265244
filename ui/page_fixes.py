"""Fixing a page's split from the reader and the page view (installed by the main window as an
extension): a *Page* menu with *Show page*, *Split article at cursor*, *Merge with previous /
next article* and *Edit title, subtitle and authors…*.  Each fix is an undoable command on the
window's stack: the core does the work and hands back snapshots of the page before and after
(:meth:`reader.corpus.Corpus.fix_article`), which undo and redo restore exactly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QWidget,
)

from reader.corpus import Change, Corpus, CorpusError
from reader.page_fixes import FixResult
from ui.errors import describe
from ui.page_view import PageDialog
from ui.undo import Apply, CorpusCommand


class FixCommand(CorpusCommand):
    """One fix by hand; undo puts the page back as it was, redo as the fix left it."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_id: int, op: str, **args: Any) -> None:
        super().__init__(corpus, apply, text)
        self.article_id, self.op, self.args = article_id, op, args
        self.result: FixResult | None = None
        self.focus: int = article_id  # the article the reader should show after do / undo
        self._after = article_id

    def first_redo(self) -> Change:
        index = self.corpus.article_page_index(self.article_id)[0]
        self.result = self.corpus.fix_article(self.article_id, self.op, **self.args)
        ids = self.result.article_ids
        self._after = self.article_id if self.article_id in ids else ids[max(0, index - 1)]
        self.focus = self._after
        return self.result.change

    def do_again(self) -> Change:
        assert self.result is not None
        self.focus = self._after
        return self.corpus.restore_page(self.result.after)

    def do_undo(self) -> Change:
        assert self.result is not None
        self.focus = self.article_id
        return self.corpus.restore_page(self.result.before)

    def affected(self) -> Change:
        return Change("articles")


class HeadDialog(QDialog):
    """Title, subtitle and authors of one article (authors separated by 、 or commas)."""

    def __init__(self, title: str, subtitle: str, authors: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit title, subtitle and authors"))
        self.title_edit = QLineEdit(title, self)
        self.subtitle_edit = QLineEdit(subtitle, self)
        self.authors_edit = QLineEdit("、".join(authors), self)
        self.authors_edit.setPlaceholderText(self.tr("names separated by 、 or commas"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Subtitle:"), self.subtitle_edit)
        form.addRow(self.tr("&Authors:"), self.authors_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        names = self.authors_edit.text().replace("，", ",").replace("、", ",").split(",")
        return {"title": self.title_edit.text().strip(), "subtitle": self.subtitle_edit.text().strip(),
                "authors": [n.strip() for n in names if n.strip()]}


class PageFixes(QObject):
    """The page menu, the page view window and the fix commands of one main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.corpus: Corpus = window.corpus  # type: ignore[attr-defined]
        self.dialog: PageDialog | None = None
        self.ask_head = self._ask_head  # tests replace it: (record) -> values or None
        w = window
        self.show_action = QAction(self.tr("Show &page…"), w, shortcut=QKeySequence("Ctrl+Alt+P"))
        self.split_action = QAction(self.tr("&Split article at cursor"), w, shortcut=QKeySequence("Ctrl+Alt+S"))
        self.merge_prev_action = QAction(self.tr("Merge with p&revious article"), w,
                                         shortcut=QKeySequence("Ctrl+Alt+Up"))
        self.merge_next_action = QAction(self.tr("Merge with &next article"), w,
                                         shortcut=QKeySequence("Ctrl+Alt+Down"))
        self.edit_action = QAction(self.tr("&Edit title, subtitle and authors…"), w, shortcut=QKeySequence("Ctrl+Shift+H"))
        self.show_action.setStatusTip(self.tr("The original page text with every article's parts coloured"))
        self.menu = w.menuBar().addMenu(self.tr("&Page"))
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        for action in (self.split_action, self.merge_prev_action, self.merge_next_action, self.edit_action):
            self.menu.addAction(action)
        self.show_action.triggered.connect(self.show_page)
        self.split_action.triggered.connect(lambda: self.fix_current("split"))
        self.merge_prev_action.triggered.connect(lambda: self.fix_current("prev"))
        self.merge_next_action.triggered.connect(lambda: self.fix_current("next"))
        self.edit_action.triggered.connect(lambda: self.fix_current("edit"))
        w.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]

    # -- the page view -----------------------------------------------------------------
    def show_page(self) -> PageDialog | None:
        article_id = self.window.current_article_id  # type: ignore[attr-defined]
        if article_id is None:
            self._status(self.tr("Open an article first: its page is shown."))
            return None
        if self.dialog is None:
            self.dialog = PageDialog(self.corpus, article_id, self.window)
            self.dialog.fix_requested.connect(self._on_dialog_fix_requested)
            self.dialog.open_requested = self.window.open_article  # type: ignore[attr-defined]
        else:
            self.dialog.reload(article_id)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _on_dialog_fix_requested(self, op: str, article_id: int, at: int) -> None:
        self.fix(op, article_id, at)

    # -- fixes -------------------------------------------------------------------------
    def fix_current(self, op: str) -> bool:
        """``op`` (split / prev / next / edit) on the reader's current article; a split cuts
        at the reader's cursor."""
        article_id = self.window.current_article_id  # type: ignore[attr-defined]
        if article_id is None:
            self._status(self.tr("Open an article first."))
            return False
        start, _end = self.window.view.selected_range()  # type: ignore[attr-defined]
        return self.fix(op, article_id, start)

    def fix(self, op: str, article_id: int, at: int = 0) -> bool:
        """Carry out a fix as one undoable step; a refused one is reported and changes nothing."""
        labels = {"split": self.tr("Split article"), "prev": self.tr("Merge with previous article"),
                  "next": self.tr("Merge with next article"), "edit": self.tr("Edit title, subtitle and authors")}
        if op == "split":
            command = FixCommand(self.corpus, self._apply, labels[op], article_id, "split", at=at)
        elif op == "split-page":  # ``at`` is a point of the page text: the article printed there is cut
            command = FixCommand(self.corpus, self._apply, labels["split"], article_id, "split", page_at=at)
        elif op in ("prev", "next"):
            command = FixCommand(self.corpus, self._apply, labels[op], article_id, "merge", other=op)
        elif op == "edit":
            try:
                rec = self.corpus.article(article_id)
            except CorpusError as exc:
                self._status(describe(exc))
                return False
            values = self.ask_head(rec)
            if values is None:
                return False
            command = FixCommand(self.corpus, self._apply, labels[op], article_id, "edit", values=values)
        else:
            raise ValueError(op)
        command.apply = lambda change, c=command: self._apply(change, c.focus)  # type: ignore[misc]
        command.on_refused = self._on_command_refused  # undo / redo fail safe (see ui.undo)
        try:
            command.prepare()
        except CorpusError as exc:
            self._status(self.tr("Cannot fix the page: %s") % describe(exc))
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.status.setText(self.tr("Cannot fix the page: %s") % describe(exc))
            return False
        self.window.undo_stack.push(command)  # type: ignore[attr-defined]
        if command.result is not None and op == "split":
            ids = command.result.article_ids
            if article_id in ids and ids.index(article_id) + 1 < len(ids):
                self.window.open_article(ids[ids.index(article_id) + 1])  # type: ignore[attr-defined]
        elif command.result is not None and op == "split-page":
            had = {a.get("id") for a in command.result.before.articles}
            fresh = [i for i in command.result.article_ids if i not in had]
            if fresh:
                self.window.open_article(fresh[0])  # type: ignore[attr-defined]
        return True

    def _on_command_refused(self, command: CorpusCommand, exc: CorpusError) -> None:
        """The page changed since the fix (ingested again from a changed file, or newer
        annotations on an article that would go): nothing was written, the step left the stack."""
        self._status(self.tr("Cannot undo or redo “%s”: %s") % (command.text(), exc))
        self._apply(command.affected())

    def _ask_head(self, rec: Any) -> dict[str, Any] | None:
        dialog = HeadDialog(rec.title or "", rec.subtitle or "", list(rec.authors), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def _apply(self, change: Change, focus: int | None = None) -> None:
        """Broadcast a fix (or its undo): rows come and go, so the list is read again and the
        reader shows ``focus`` (the article fixed, or the one it went into)."""
        w = self.window
        w.article_list.reload()  # type: ignore[attr-defined]
        w.apply(change)  # type: ignore[attr-defined]
        current = w.current_article_id  # type: ignore[attr-defined]
        if focus is not None and current is not None and current in change.article_ids:
            w._show_article(focus)  # type: ignore[attr-defined]
            w.article_list.select_article(focus)  # type: ignore[attr-defined]

    def _on_window_changed(self, change: Change) -> None:
        if self.dialog is not None and self.dialog.isVisible() and change.kind == "articles":
            self.dialog.reload()

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 6000)


def install(window: QMainWindow) -> PageFixes:
    fixes = PageFixes(window)
    window.page_fixes = fixes  # type: ignore[attr-defined]
    return fixes
