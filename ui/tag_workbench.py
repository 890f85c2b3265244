"""The annotation workbench's controller: carries out tagging, note, annotation, codebook and
article intents from the window's panes and keys as undoable commands on the window's
``QUndoStack``.  Destructive codebook operations are confirmed with the number of annotations
they touch.  It talks to the corpus facade and to the window's public parts only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from reader.corpus import Change, CorpusError
from ui.errors import describe
from ui.safe_editing import SafeEditing
from ui.undo import (
    AnnotateCommand,
    CorpusCommand,
    CreateTagCommand,
    DeleteAnnotationCommand,
    DeleteTagCommand,
    EditAnnotationCommand,
    EditArticleCommand,
    EditTagCommand,
    MergeTagsCommand,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Workbench(SafeEditing, QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.corpus = window.corpus
        self._target: tuple[str, int, int, int] | None = None  # ("new", article, start, end) | ("add", ann, 0, 0)
        self.last_confirmation = ""
        self.last_error = ""
        self.confirm: Callable[[str, str], bool] = self._ask
        from ui.edit_conflicts import EditConflicts

        self.conflicts = EditConflicts(self)  # a save on a stale row version (another coder's change)

    # -- wiring ----------------------------------------------------------------------
    def build_menu(self, menu: QMenu) -> None:
        specs = (
            ("tag", self.tr("&Tag selection…"), "T"),
            ("note", self.tr("&Note on annotation…"), "N"),
            ("delete", self.tr("&Delete annotation"), "Del"),
            ("next", self.tr("Ne&xt annotation"), "]"),
            ("previous", self.tr("Pre&vious annotation"), "["),
            ("reattach", self.tr("&Re-attach orphan to selection"), "R"),
            ("star", self.tr("&Star / unstar article"), "S"),
            ("unread", self.tr("Mark article &unread"), "U"),
        )
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut in specs:
            action = QAction(text, self.window, shortcut=QKeySequence(shortcut))
            action.triggered.connect(getattr(self, f"_on_{key}_action_triggered"))
            menu.addAction(action)
            self.actions[key] = action

    def connect_panes(self) -> None:
        w = self.window
        w.tag_picker.tag_chosen.connect(self._on_tag_picker_tag_chosen)
        w.panel.annotate_requested.connect(self._on_panel_annotate_requested)
        w.panel.update_requested.connect(self._on_panel_update_requested)
        w.panel.delete_requested.connect(self._on_panel_delete_requested)
        w.panel.reattach_requested.connect(self._on_panel_reattach_requested)
        w.panel.article_state_requested.connect(self._on_panel_article_state_requested)
        w.panel.article_edit_requested.connect(self._on_panel_article_edit_requested)
        t = w.tag_tree
        t.create_requested.connect(self._on_tag_tree_create_requested)
        t.rename_requested.connect(self.rename_tag)
        t.recolor_requested.connect(self._on_tag_tree_recolor_requested)
        t.describe_requested.connect(self._on_tag_tree_describe_requested)
        t.move_requested.connect(self._on_tag_tree_move_requested)
        t.merge_requested.connect(self.merge_tags)
        t.delete_requested.connect(self.delete_tag)

    # -- helpers ---------------------------------------------------------------------
    def _apply(self, change: Change) -> None:
        self.window.changed.emit(change)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def report_error(self, message: str) -> None:
        """Say why a command could not run, without blocking (the box is window-modal)."""
        self.last_error = message
        self.window.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot do that"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _confirmed(self, title: str, text: str) -> bool:
        self.last_confirmation = text
        return self.confirm(title, text)

    def push(self, command: CorpusCommand, new_tags: list[str] = (),  # type: ignore[assignment]
             refused: Callable[[Exception], bool] | None = None) -> bool:
        """Carry out ``command`` and push it as one undo step together with the creation of the
        tags in ``new_tags`` that did not exist before (so undo also removes them).  A refused
        request is reported (unless ``refused(exc)`` dealt with it), leaves nothing behind and
        returns False."""
        from reader.errors import KNOWN_ERRORS

        missing = list(dict.fromkeys(n.strip() for n in new_tags
                                     if n.strip() and self.corpus.tag_by_name(n) is None))
        try:
            command.prepare()
        except KNOWN_ERRORS as exc:
            if refused is None or not refused(exc):
                self._refused_first_time(exc)
            return False
        command.on_refused = self.on_command_refused
        stack = self.window.undo_stack
        if missing:
            stack.beginMacro(command.text())
            command.in_macro = True
        for name in missing:
            create = CreateTagCommand(self.corpus, self._apply, self.tr("New tag %s") % name, name)
            create.on_refused = self.on_command_refused
            create.in_macro = True
            made = self.corpus.tag_by_name(name)
            if made is not None:
                create.adopt(made.id)  # the command made it on the way
            else:
                create.prepare()
            stack.push(create)
        stack.push(command)
        if missing:
            stack.endMacro()
        return True

    def _current_annotation_id(self) -> int | None:
        """The panel's current annotation, else the one under the view's cursor."""
        ann_id = self.window.panel.current_annotation_id()
        if ann_id is not None:
            return ann_id
        start, _end = self.window.view.selected_range()
        for ann in self.window.view.annotations:
            if ann.status == "anchored" and ann.start <= start < ann.end:
                return ann.id
        return None

    # -- the tagging flow --------------------------------------------------------------
    def tag_selection(self) -> bool:
        """Open the picker for the view's selection (or the current annotation)."""
        w = self.window
        start, end = w.view.selected_range()
        if w.current_article_id is not None and end > start:
            same = next((a for a in w.view.annotations
                         if a.status == "anchored" and (a.start, a.end) == (start, end)), None)
            self._target = ("add", same.id, 0, 0) if same else ("new", w.current_article_id, start, end)
            title = self.tr("Tag «%s»") % _short(w.view.article.text[start:end])  # type: ignore[union-attr]
        else:
            ann_id = w.panel.current_annotation_id()
            if ann_id is None:
                w.statusBar().showMessage(self.tr("Select a passage first (mouse or Shift+arrows), then press T."), 6000)
                return False
            self._target = ("add", ann_id, 0, 0)
            title = self.tr("Add a tag to «%s»") % _short(self.corpus.annotation(ann_id).quote)
        cursor_rect = w.view.cursorRect()
        at = w.view.viewport().mapToGlobal(cursor_rect.bottomLeft())
        w.tag_picker.popup(self.corpus.tags(), title, at)
        return True

    def apply_tag(self, name: str) -> bool:
        target, self._target = self._target, None
        if target is None or not name.strip():
            return False
        kind, ident, start, end = target
        if kind == "new":
            command = AnnotateCommand(self.corpus, self._apply, self.tr("Tag passage with %s") % name,
                                      ident, start, end, [name], "", self.window.settings.author,
                                      self._shown_version())
            ok = self.push(command, [name])
            if ok and command.annotation_id is not None:
                self.window.panel.select_annotation(command.annotation_id)
        else:
            ok = self.push(EditAnnotationCommand(
                self.corpus, self._apply, self.tr("Add tag %s") % name, ident,
                lambda: self.corpus.add_annotation_tag(ident, name)), [name])
            if ok:
                self.window.panel.select_annotation(ident)
        self.window.view.setFocus()
        return ok

    def set_note(self, annotation_id: int, note: str, version: int | None = None) -> bool:
        """``version``: the row version the note was written on (a stale one is a conflict)."""
        if version is not None:
            return self.conflicts.save(annotation_id, None, note, version=version, in_panel=False)
        return self.push(EditAnnotationCommand(self.corpus, self._apply, self.tr("Edit note"), annotation_id,
                                               lambda: self.corpus.set_annotation_note(annotation_id, note)))

    def delete_annotation(self, annotation_id: int) -> bool:
        if self.conflicts.changed_since_shown(annotation_id):
            return False
        return self.push(DeleteAnnotationCommand(self.corpus, self._apply, self.tr("Delete annotation"), annotation_id))

    def reattach(self, annotation_id: int) -> bool:
        w = self.window
        start, end = w.view.selected_range()
        if w.current_article_id is None or end <= start:
            return False
        article_id = w.current_article_id
        version = self._shown_version()
        return self.push(EditAnnotationCommand(
            self.corpus, self._apply, self.tr("Re-attach annotation"), annotation_id,
            lambda: self.corpus.reattach_annotation(annotation_id, article_id, start, end, version)))

    def set_article_state(self, state: str) -> bool:
        article_id = self.window.current_article_id
        if article_id is None:
            return False
        return self.push(EditArticleCommand(self.corpus, self._apply, self.tr("Set reading state"), article_id,
                                            lambda: self.corpus.set_article_state(article_id, state)))

    # -- codebook ------------------------------------------------------------------------
    def create_tag(self, name: str, parent_id: int | None = None) -> bool:
        return self.push(CreateTagCommand(self.corpus, self._apply, self.tr("New tag %s") % name, name, parent_id))

    @Slot(int, str)
    def rename_tag(self, tag_id: int, name: str) -> bool:
        old = self.corpus.tag(tag_id).name
        n = self.corpus.tag_annotation_count(tag_id)
        if not self._confirmed(self.tr("Rename tag"),
                               self.tr("Rename “%s” to “%s”? %n annotation(s) carry this tag.", "", n) % (old, name)):
            return False
        return self.push(EditTagCommand(self.corpus, self._apply, self.tr("Rename tag %s") % old, tag_id,
                                        lambda: self.corpus.rename_tag(tag_id, name)))

    def move_tag(self, tag_id: int, parent_id: int | None) -> bool:
        tag = self.corpus.tag(tag_id)
        n = self.corpus.tag_annotation_count(tag_id, include_children=True)
        where = self.corpus.tag(parent_id).name if parent_id is not None else self.tr("the top level")
        if not self._confirmed(self.tr("Move tag"),
                               self.tr("Move “%s” (with its children) under %s? %n annotation(s) are "
                                       "tagged with it or its children.", "", n) % (tag.name, where)):
            return False
        return self.push(EditTagCommand(self.corpus, self._apply, self.tr("Move tag %s") % tag.name, tag_id,
                                        lambda: self.corpus.move_tag(tag_id, parent_id)))

    @Slot(int, int)
    def merge_tags(self, source_id: int, target_id: int) -> bool:
        source, target = self.corpus.tag(source_id), self.corpus.tag(target_id)
        n = self.corpus.tag_annotation_count(source_id)
        if not self._confirmed(self.tr("Merge tags"),
                               self.tr("Merge “%s” into “%s”? %n annotation(s) will be re-tagged and "
                                       "“%s” removed.", "", n) % (source.name, target.name, source.name)):
            return False
        return self.push(MergeTagsCommand(self.corpus, self._apply,
                                          self.tr("Merge %s into %s") % (source.name, target.name),
                                          source_id, target_id))

    @Slot(int)
    def delete_tag(self, tag_id: int) -> bool:
        tag = self.corpus.tag(tag_id)
        n = self.corpus.tag_annotation_count(tag_id)
        if not self._confirmed(self.tr("Delete tag"),
                               self.tr("Delete “%s”? It is removed from %n annotation(s); the "
                                       "annotations stay. Its children move up.", "", n) % tag.name):
            return False
        return self.push(DeleteTagCommand(self.corpus, self._apply, self.tr("Delete tag %s") % tag.name, tag_id))

    def edit_tag(self, tag_id: int, color: str | None = None, description: str | None = None) -> bool:
        return self.push(EditTagCommand(self.corpus, self._apply, self.tr("Edit tag"), tag_id,
                                        lambda: self.corpus.update_tag(tag_id, color=color, description=description)))

    # -- slots -----------------------------------------------------------------------
    @Slot()
    def _on_tag_action_triggered(self) -> None:
        self.tag_selection()

    @Slot(str)
    def _on_tag_picker_tag_chosen(self, name: str) -> None:
        self.apply_tag(name)

    @Slot()
    def _on_note_action_triggered(self) -> None:
        ann_id = self._current_annotation_id()
        if ann_id is None:
            self.window.statusBar().showMessage(self.tr("Choose an annotation first."), 5000)
            return
        ann = self.corpus.annotation(ann_id)
        text, ok = QInputDialog.getMultiLineText(self.window, self.tr("Note"), _short(ann.quote, 40), ann.note)
        if ok:
            self.set_note(ann_id, text.strip(), version=ann.version)

    @Slot()
    def _on_next_action_triggered(self) -> None:
        self.window.panel.select_next(1)

    @Slot()
    def _on_previous_action_triggered(self) -> None:
        self.window.panel.select_next(-1)

    @Slot()
    def _on_reattach_action_triggered(self) -> None:
        ann = self.window.panel.current_annotation()
        if ann is not None and ann.status == "orphan":
            self.reattach(ann.id)

    @Slot()
    def _on_star_action_triggered(self) -> None:
        article_id = self.window.current_article_id
        if article_id is not None:
            state = self.corpus.article(article_id).state
            self.set_article_state("read" if state == "starred" else "starred")

    @Slot()
    def _on_unread_action_triggered(self) -> None:
        self.set_article_state("unread")

    @Slot(int, int, list, str)
    def _on_panel_annotate_requested(self, start: int, end: int, tags: list, note: str) -> None:
        w = self.window
        if w.current_article_id is None:
            return
        command = AnnotateCommand(self.corpus, self._apply, self.tr("Annotate"), w.current_article_id,
                                  start, end, list(tags), note, w.settings.author, self._shown_version())
        if self.push(command, list(tags)) and command.annotation_id is not None:
            w.panel.select_annotation(command.annotation_id)

    @Slot(int, object, object)
    def _on_panel_update_requested(self, annotation_id: int, tags: list | None, note: str | None) -> None:
        """Only the fields the user changed are written (``None``: leave as stored), on the row
        version the edit began on (see :mod:`ui.edit_conflicts`)."""
        self.conflicts.save(annotation_id, tags, note)

    @Slot(int)
    def _on_panel_delete_requested(self, annotation_id: int) -> None:
        self.delete_with_notice(annotation_id)

    @Slot(int)
    def _on_panel_reattach_requested(self, annotation_id: int) -> None:
        self.reattach(annotation_id)

    @Slot(str)
    def _on_panel_article_state_requested(self, state: str) -> None:
        self.set_article_state(state)

    @Slot(object, object)
    def _on_panel_article_edit_requested(self, tags: list | None, note: str | None) -> None:
        """Only the fields the user changed are written (``None``: leave as stored)."""
        article_id = self.window.current_article_id
        if article_id is None:
            return

        def op() -> Change:
            change = Change("articles", (article_id,))
            if tags is not None:
                change = self.corpus.set_article_tags(article_id, list(tags))
            if note is not None:
                change = self.corpus.set_article_note(article_id, note)
            return change

        self.push(EditArticleCommand(self.corpus, self._apply, self.tr("Edit article tags and note"),
                                     article_id, op), list(tags or ()))

    @Slot(str, int)
    def _on_tag_tree_create_requested(self, name: str, parent_id: int) -> None:
        self.create_tag(name, None if parent_id < 0 else parent_id)

    @Slot(int, str)
    def _on_tag_tree_recolor_requested(self, tag_id: int, color: str) -> None:
        self.edit_tag(tag_id, color=color)

    @Slot(int, str)
    def _on_tag_tree_describe_requested(self, tag_id: int, text: str) -> None:
        self.edit_tag(tag_id, description=text)

    @Slot(int, int)
    def _on_tag_tree_move_requested(self, tag_id: int, parent_id: int) -> None:
        self.move_tag(tag_id, None if parent_id < 0 else parent_id)


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["CorpusError", "Workbench"]
