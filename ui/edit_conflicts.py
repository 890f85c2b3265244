"""Saving an annotation edit with the row version it was made on (issue 17), and what happens
when another coder changed the annotation meanwhile: never a silent overwrite.

The annotation panel knows the version its edit began on (:meth:`AnnotationPanel.edit_version`);
the save passes it to :meth:`Corpus.update_annotation`, which refuses a stale one with a
``conflict`` error.  The user is then told who coded the annotation, when it was changed and
how theirs and mine differ, and chooses: reload theirs (discard mine), overwrite theirs on
purpose (one undo step puts theirs back), save mine as a new annotation on the same passage
(both kept), or go on editing.  An annotation deleted meanwhile can be saved as a new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from reader.changes import Change, CorpusError
from reader.records import AnnotationRecord
from ui.undo import AnnotateCommand, EditAnnotationCommand

if TYPE_CHECKING:
    from ui.tag_workbench import Workbench

THEIRS, MINE, COPY, KEEP = "theirs", "mine", "copy", "keep"


class EditConflicts(QObject):
    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench
        self.window = workbench.window
        self.last_text = ""  # the last conflict told (for the tests)
        # (title, text, details, choices) -> the choice; replaced in tests
        self.choose: Callable[[str, str, str, tuple[str, ...]], str] = self._ask

    def save(self, annotation_id: int, tags: list[str] | None, note: str | None,
             version: int | None = None, in_panel: bool = True) -> bool:
        """Save an edit of ``annotation_id`` made on ``version`` (default: the version the
        panel's edit began on); a conflict is resolved with the user.  ``in_panel``: the edit is
        the panel's (its fields are reloaded when the user takes theirs)."""
        wb = self.workbench
        corpus = wb.corpus
        if version is None:
            version = self.window.panel.edit_version(annotation_id)
        command = EditAnnotationCommand(
            corpus, wb._apply, self.tr("Edit annotation"), annotation_id,
            lambda: corpus.update_annotation(annotation_id, tags=tags, note=note, expected_version=version))
        return wb.push(command, list(tags or ()),
                       refused=lambda exc: self._refused(exc, annotation_id, tags, note, in_panel))

    def changed_since_shown(self, annotation_id: int) -> bool:
        """Whether ``annotation_id`` was changed (by another coder) since the window showed it;
        if so, say so and show it as it is now, so that a deletion never takes away work its
        user has not seen."""
        w = self.window
        shown = next((a for a in [*w.view.annotations, *w.panel._annotations] if a.id == annotation_id), None)
        if shown is None or not shown.version:
            return False
        try:
            now = self.workbench.corpus.annotation(annotation_id)
        except CorpusError:
            return False  # gone: the deletion itself reports it
        if now.version == shown.version:
            return False
        self.workbench.report_error(self.tr("«%s» was changed by another coder since it was shown; nothing was "
                                            "deleted. Look at it again, then delete it if you still want to.")
                                    % _short(now.quote))
        w.changed.emit(Change("annotations", (now.article_id,), (annotation_id,)))
        return True

    def _refused(self, exc: Exception, annotation_id: int, tags: list[str] | None, note: str | None,
                 in_panel: bool = True) -> bool:
        if not isinstance(exc, CorpusError) or exc.code not in ("conflict", "no-annotation"):
            return False
        try:
            theirs: AnnotationRecord | None = self.workbench.corpus.annotation(annotation_id)
        except CorpusError:
            theirs = None
        mine = self._mine(theirs, tags, note)
        if theirs is None:
            text = self.tr("The annotation you were editing was deleted by another coder meanwhile.")
            choices: tuple[str, ...] = (COPY, THEIRS)
            details = self.tr("Yours: %s") % mine
        else:
            when = theirs.updated.replace(tzinfo=timezone.utc).astimezone()
            text = self.tr("«%s» was changed by %s at %s, after you began editing it; nothing of yours or "
                           "theirs has been lost.") % (
                _short(theirs.quote), changed_by(exc, theirs), when.strftime("%Y-%m-%d %H:%M:%S"))
            details = self.tr("Theirs: %s") % self._describe(list(theirs.tags), theirs.note) + "\n" + \
                self.tr("Yours: %s") % mine
            choices = (THEIRS, MINE, COPY, KEEP) if theirs.status == "anchored" else (THEIRS, MINE, KEEP)
        self.last_text = text
        choice = self.choose(self.tr("Changed by another coder"), text, details, choices)
        self.window.changed.emit(Change("annotations", (self.window.current_article_id,)
                                        if self.window.current_article_id is not None else (), (annotation_id,)))
        if choice == THEIRS and in_panel:
            self.window.panel.discard_edits()
        elif choice == MINE and theirs is not None:
            self.save(annotation_id, tags, note, version=theirs.version, in_panel=in_panel)
        elif choice == COPY:
            self._copy(theirs, annotation_id, tags, note, in_panel)
        return True

    def _mine(self, theirs: AnnotationRecord | None, tags: list[str] | None, note: str | None) -> str:
        base_tags = list(theirs.tags) if theirs is not None else []
        base_note = theirs.note if theirs is not None else ""
        return self._describe(base_tags if tags is None else tags, base_note if note is None else note)

    def _describe(self, tags: list[str], note: str) -> str:
        shown = "、".join(tags) or self.tr("(no tag)")
        return f"【{shown}】 {note}" if note else f"【{shown}】"

    def _copy(self, theirs: AnnotationRecord | None, annotation_id: int, tags: list[str] | None,
              note: str | None, in_panel: bool = True) -> None:
        """Mine as a new annotation on the same passage (the panel's view of it if deleted)."""
        wb, w = self.workbench, self.window
        source = theirs or next((a for a in w.view.annotations if a.id == annotation_id), None)
        if source is None or source.status != "anchored":
            wb.report_error(self.tr("The passage of that annotation is not known any more: select it and "
                                    "annotate it again."))
            return
        new_tags = list(source.tags) if tags is None else list(tags)
        new_note = source.note if note is None else note
        command = AnnotateCommand(wb.corpus, wb._apply, self.tr("Save mine as a new annotation"), source.article_id,
                                  source.start, source.end, new_tags, new_note, w.settings.author, wb._shown_version())
        if in_panel:
            w.panel.discard_edits()
        if wb.push(command, new_tags) and command.annotation_id is not None:
            w.panel.select_annotation(command.annotation_id)

    def _ask(self, title: str, text: str, details: str, choices: tuple[str, ...]) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText(details)
        labels = {THEIRS: (self.tr("&Reload theirs"), QMessageBox.ButtonRole.RejectRole),
                  MINE: (self.tr("&Overwrite with mine"), QMessageBox.ButtonRole.DestructiveRole),
                  COPY: (self.tr("Save mine as a &new annotation"), QMessageBox.ButtonRole.AcceptRole),
                  KEEP: (self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)}
        buttons = {box.addButton(*labels[c]): c for c in choices}
        box.setDefaultButton(next(b for b, c in buttons.items() if c == choices[0]))
        box.exec()
        return buttons.get(box.clickedButton(), KEEP)  # type: ignore[arg-type]


_CHANGED_BY = re.compile(r"changed meanwhile by (.+?) at \d{4}-\d\d-\d\d")


def changed_by(exc: Exception, theirs: AnnotationRecord) -> str:
    """Who changed the annotation last, as the core's ``conflict`` names them (the coder who
    edited it where the corpus records that, else its coder)."""
    found = _CHANGED_BY.search(str(exc))
    return found.group(1) if found else (theirs.coder or theirs.author or "?")


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
