"""Undoable commands for the one window-wide ``QUndoStack``.

Each command calls core functions that return a ``Change`` and hands that to ``apply`` (the
window's re-broadcast), so every pane refreshes the same way on do, undo and redo.  Destructive
commands keep a core snapshot taken before the first redo; their undo restores it (same ids,
tags, note, author and timestamps).  :meth:`CorpusCommand.prepare` does the work before the
command is pushed, so a request the corpus refuses raises ``CorpusError`` and never reaches the
stack; the stack's first ``redo`` then only broadcasts the change.

Undo and redo fail safe: each passes the state it expects to find to a checked core operation
(:mod:`reader.coding.history`); when another writer changed that state in between, the core
refuses, nothing is written, the command is made obsolete (the stack drops it) and
``on_refused(command, error)`` is told, so the window can say why and refresh its views.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.coding.annotations import AnnotationSnapshot
from reader.coding.codebook import MergeSnapshot, TagSnapshot
from reader.coding.history import ArticleFields
from reader.corpus import Change, Corpus, CorpusError
from reader.records import TagRecord

Apply = Callable[[Change], None]
Refused = Callable[["CorpusCommand", CorpusError], None]


class CorpusCommand(QUndoCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str) -> None:
        super().__init__(text)
        self.corpus = corpus
        self.apply = apply
        self._pending: Change | None = None
        self._prepared = False
        self.on_refused: Refused | None = None
        self.refused: CorpusError | None = None
        self.refused_in = ""  # "undo" or "redo"
        self.in_macro = False  # one step of a macro (the stack holds the macro, not this)

    def prepare(self) -> None:
        """Carry the command out for the first time (raises ``CorpusError`` if refused)."""
        self._pending = self.first_redo()
        self._prepared = True

    def redo(self) -> None:
        if not self._prepared:
            self.prepare()
        if self._pending is not None:
            change, self._pending = self._pending, None
        else:
            change = self._checked(self.do_again, "redo")
            if change is None:
                return
        self.apply(change)

    def undo(self) -> None:
        change = self._checked(self.do_undo, "undo")
        if change is not None:
            self.apply(change)

    def _checked(self, step: Callable[[], Change], direction: str) -> Change | None:
        try:
            return step()
        except CorpusError as exc:
            self.refused, self.refused_in = exc, direction
            self.setObsolete(True)  # QUndoStack drops it: its history no longer holds
            if self.on_refused is not None:
                self.on_refused(self, exc)
            return None

    def affected(self) -> Change:
        """What to refresh after a refusal (the views show the other writer's state)."""
        return Change("annotations")

    def first_redo(self) -> Change:
        return self.do_again()

    def do_again(self) -> Change:
        raise NotImplementedError

    def do_undo(self) -> Change:
        raise NotImplementedError


class AnnotateCommand(CorpusCommand):
    """A new annotation; undo deletes it, redo restores the very same one."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_id: int, start: int,
                 end: int, tags: list[str], note: str, author: str, text_version: str | None = None) -> None:
        super().__init__(corpus, apply, text)
        self.args = (article_id, start, end, tags, note, author)
        self.text_version = text_version  # of the text the offsets were taken from
        self.snapshot: AnnotationSnapshot | None = None

    @property
    def annotation_id(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.id

    def first_redo(self) -> Change:
        article_id, start, end, tags, note, author = self.args
        ann = self.corpus.annotate(article_id, start, end, tags=tags, note=note, author=author,
                                   text_version=self.text_version)
        self.snapshot = self.corpus.snapshot_annotation(ann.id)
        return Change("annotations", (article_id,), (ann.id,))

    def do_again(self) -> Change:
        assert self.snapshot is not None
        return self.corpus.restore_annotation_checked(self.snapshot, None)

    def do_undo(self) -> Change:
        assert self.snapshot is not None
        return self.corpus.delete_annotation_checked(self.snapshot)

    def affected(self) -> Change:
        return Change("annotations", (self.args[0],))


class DeleteAnnotationCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, annotation_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot = corpus.snapshot_annotation(annotation_id)

    def do_again(self) -> Change:
        return self.corpus.delete_annotation_checked(self.snapshot)

    def do_undo(self) -> Change:
        return self.corpus.restore_annotation_checked(self.snapshot, None)

    def affected(self) -> Change:
        return Change("annotations", (self.snapshot.article_id,))


class EditAnnotationCommand(CorpusCommand):
    """Any edit of one annotation (tags, note, re-attachment): ``op`` runs on the first redo;
    undo and later redos restore the snapshots from before and after it."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, annotation_id: int,
                 op: Callable[[], Change]) -> None:
        super().__init__(corpus, apply, text)
        self.before = corpus.snapshot_annotation(annotation_id)
        self.after: AnnotationSnapshot | None = None
        self.op = op

    def first_redo(self) -> Change:
        change = self.op()
        self.after = self.corpus.snapshot_annotation(self.before.id)
        return change

    def do_again(self) -> Change:
        assert self.after is not None
        return self.corpus.restore_annotation_checked(self.after, self.before)

    def do_undo(self) -> Change:
        assert self.after is not None
        change = self.corpus.restore_annotation_checked(self.before, self.after)
        if self.after.article_id != self.before.article_id:
            return Change("annotations", (self.before.article_id, self.after.article_id), change.ids)
        return change

    def affected(self) -> Change:
        ids = {self.before.article_id} | ({self.after.article_id} if self.after else set())
        return Change("annotations", tuple(sorted(ids)))


class CreateTagCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, name: str,
                 parent_id: int | None = None) -> None:
        super().__init__(corpus, apply, text)
        self.name, self.parent_id = name, parent_id
        self.tag_id: int | None = None
        self.snapshot: TagSnapshot | None = None
        self.created: TagRecord | None = None

    def first_redo(self) -> Change:
        change = self.corpus.create_tag(self.name, self.parent_id)
        self.tag_id = change.ids[0]
        self.created = self.corpus.tag(self.tag_id)
        return change

    def adopt(self, tag_id: int) -> None:
        """The tag was just created by the command this one is grouped with: own it (undo
        deletes it, redo restores it) without creating it again."""
        self.tag_id = tag_id
        self.created = self.corpus.tag(tag_id)
        self._pending = Change("tags", (), (tag_id,))
        self._prepared = True

    def do_again(self) -> Change:
        if self.snapshot is None:  # the undo kept the tag (see do_undo)
            if self.tag_id is not None and self.corpus.tag_state(self.tag_id) is not None:
                return Change("tags", (), (self.tag_id,))
            raise CorpusError("conflict", f"tag {self.name!r} was deleted since; nothing was changed")
        change = self.corpus.restore_tag_checked(self.snapshot)
        self.snapshot = None
        return change

    def do_undo(self) -> Change:
        """Delete the new tag unless someone else has used it since.  As one step of a macro
        (a tag made on the way by an annotation) a used tag is simply kept: it is someone's
        work and an extra tag loses nothing; on its own the undo is refused."""
        assert self.tag_id is not None and self.created is not None
        snapshot = self.corpus.tag_state(self.tag_id)
        try:
            change = self.corpus.delete_new_tag_checked(self.created)
        except CorpusError:
            if not self.in_macro:
                raise
            return Change("tags", (), (self.tag_id,))
        self.snapshot = snapshot
        return change

    def affected(self) -> Change:
        return Change("tags")


class EditTagCommand(CorpusCommand):
    """Rename, recolour, describe or move a tag: undo puts the old fields back."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, tag_id: int,
                 op: Callable[[], Change]) -> None:
        super().__init__(corpus, apply, text)
        self.before = corpus.tag(tag_id)
        self.after: TagRecord | None = None
        self.op = op

    def first_redo(self) -> Change:
        change = self.op()
        self.after = self.corpus.tag(self.before.id)
        return change

    def do_again(self) -> Change:
        assert self.after is not None
        return self.corpus.set_tag_fields_checked(self.before, self.after)

    def do_undo(self) -> Change:
        assert self.after is not None
        return self.corpus.set_tag_fields_checked(self.after, self.before)

    def affected(self) -> Change:
        return Change("tags")


class DeleteTagCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, tag_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot = corpus.snapshot_tag(tag_id)

    def do_again(self) -> Change:
        return self.corpus.delete_tag_checked(self.snapshot)

    def do_undo(self) -> Change:
        return self.corpus.restore_tag_checked(self.snapshot)

    def affected(self) -> Change:
        return Change("tags")


class MergeTagsCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, source_id: int, target_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot: MergeSnapshot = corpus.snapshot_merge(source_id, target_id)
        self.target_before = corpus.snapshot_tag(target_id)
        self.target_after: TagSnapshot | None = None

    def first_redo(self) -> Change:
        change = self.corpus.merge_tags_checked(self.snapshot.source, self.target_before)
        self.target_after = self.corpus.snapshot_tag(self.snapshot.target_id)
        return change

    def do_again(self) -> Change:
        return self.corpus.merge_tags_checked(self.snapshot.source, self.target_before)

    def do_undo(self) -> Change:
        assert self.target_after is not None
        return self.corpus.unmerge_tags_checked(self.snapshot, self.target_after)

    def affected(self) -> Change:
        return Change("tags")


class EditArticleCommand(CorpusCommand):
    """An article's reading state, note or tags: undo puts all three back."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_id: int,
                 op: Callable[[], Change]) -> None:
        super().__init__(corpus, apply, text)
        corpus.article(article_id)  # refuses an unknown article
        self.article_id = article_id
        self.before = corpus.article_fields(article_id)
        self.after: ArticleFields | None = None
        self.op = op

    def first_redo(self) -> Change:
        change = self.op()
        self.after = self.corpus.article_fields(self.article_id)
        return change

    def do_again(self) -> Change:
        assert self.after is not None and self.before is not None
        return self.corpus.set_article_fields_checked(self.article_id, self.before, self.after)

    def do_undo(self) -> Change:
        assert self.after is not None and self.before is not None
        return self.corpus.set_article_fields_checked(self.article_id, self.after, self.before)

    def affected(self) -> Change:
        return Change("articles", (self.article_id,))
