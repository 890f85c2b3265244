"""The workbench's part in keeping work safe, mixed into :class:`ui.tag_workbench.Workbench`:
Del deletes only what has the focus and is visibly selected and says what it deleted with an
Undo button; a write refused because the shown text is stale reloads the article; an undo or redo
refused because another writer changed the state is explained and its step dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot

from reader.coding.anchors import text_version
from reader.corpus import Change, CorpusError

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.undo import CorpusCommand


class SafeEditing:
    # provided by the workbench (annotations only: nothing here shadows QObject or Workbench)
    window: MainWindow
    tr: Callable[[str], str]
    report_error: Callable[[str], None]
    delete_annotation: Callable[[int], bool]
    _apply: Callable[[Change], None]

    def _refused_first_time(self, exc: Exception) -> None:
        if isinstance(exc, CorpusError) and exc.code == "stale-text":
            self.report_error(self.tr("The article's text changed since it was shown (it was re-ingested, "
                                      "perhaps in another window or from the command line). Nothing was "
                                      "written; the article has been reloaded: select the passage again."))
            self.window.reload_article()
            return
        self.report_error(str(exc))

    def on_command_refused(self, command: CorpusCommand, exc: CorpusError) -> None:
        """Undo or redo found the world changed: say so, write nothing, show the current state."""
        if exc.code == "article-changed":
            why = self.tr("the article's text changed since (re-ingested?), so the passage is no longer there")
        else:
            why = self.tr("it was changed since by another writer (another window, the command line or an import)")
        self.report_error(self.tr("Could not undo or redo “%s”: %s. Nothing was changed, and the step was "
                                  "removed from the undo history.") % (command.text(), why))
        if command.in_macro:  # drop the whole macro the step belongs to
            stack = self.window.undo_stack
            index = stack.index() - 1 if command.refused_in == "undo" else stack.index()
            macro = stack.command(index) if 0 <= index < stack.count() else None
            if macro is not None:
                macro.setObsolete(True)
        self._apply(command.affected())

    def _shown_version(self) -> str | None:
        """The version of the text the reader shows: offsets taken from it are refused by the
        corpus if the stored text changed since (re-ingested elsewhere)."""
        article = self.window.view.article
        return None if article is None else text_version(article.text)

    def deletion_target(self) -> int | None:
        """What Del deletes: only an annotation that has the focus and is visibly selected — the
        selected row of the panel's list when the list has the focus, or the annotation whose
        exact passage is selected when the reader has the focus."""
        from PySide6.QtWidgets import QApplication

        w = self.window
        focus = QApplication.focusWidget()
        listing = w.panel.list
        if focus is listing:
            item = listing.currentItem()
            return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None and item.isSelected() else None
        if focus is w.view or (focus is not None and focus is w.view.viewport()):
            start, end = w.view.selected_range()
            if end <= start:
                return None
            same = [a.id for a in w.view.annotations if a.status == "anchored" and (a.start, a.end) == (start, end)]
            current = w.panel.current_annotation_id()
            if current in same:
                return current
            return same[0] if len(same) == 1 else None
        return None

    @Slot()
    def _on_delete_action_triggered(self) -> None:
        ann_id = self.deletion_target()
        if ann_id is None:
            self.window.statusBar().showMessage(self.tr(
                "Nothing deleted: select the annotation first (its row in the annotation list, or "
                "exactly its passage in the text), then press Del."), 8000)
            return
        self.delete_with_notice(ann_id)

    def delete_with_notice(self, annotation_id: int) -> bool:
        """Delete and say in the status bar what was deleted, with an Undo button."""
        ann = self.window.corpus.annotation(annotation_id)
        if not self.delete_annotation(annotation_id):
            return False
        tags = "、".join(ann.tags) or self.tr("no tag")
        self.undo_notice().show(self.tr("Deleted the annotation «%s» (%s).") % (_clip(ann.quote, 30), tags))
        return True

    def undo_notice(self):  # type: ignore[no-untyped-def]
        if getattr(self, "_notice", None) is None:
            from ui.undo_notice import UndoNotice

            self._notice = UndoNotice(self.window, self.window.undo_stack)
        return self._notice



def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
