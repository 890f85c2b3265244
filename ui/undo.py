"""Undoable commands for the one window-wide ``QUndoStack``.

Each command calls core functions that return a ``Change`` and hands that to ``apply`` (the
window's re-broadcast), so every pane refreshes the same way on do, undo and redo.  Destructive
commands keep a core snapshot taken before the first redo; their undo restores it (same ids,
tags, note, author and timestamps).  :meth:`CorpusCommand.prepare` does the work before the
command is pushed, so a request the corpus refuses raises ``CorpusError`` and never reaches the
stack; the stack's first ``redo`` then only broadcasts the change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.coding.annotations import AnnotationSnapshot
from reader.coding.codebook import MergeSnapshot, TagSnapshot
from reader.corpus import Change, Corpus
from reader.records import TagRecord

Apply = Callable[[Change], None]


class CorpusCommand(QUndoCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str) -> None:
        super().__init__(text)
        self.corpus = corpus
        self.apply = apply
        self._pending: Change | None = None
        self._prepared = False

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
            change = self.do_again()
        self.apply(change)

    def undo(self) -> None:
        self.apply(self.do_undo())

    def first_redo(self) -> Change:
        return self.do_again()

    def do_again(self) -> Change:
        raise NotImplementedError

    def do_undo(self) -> Change:
        raise NotImplementedError


class AnnotateCommand(CorpusCommand):
    """A new annotation; undo deletes it, redo restores the very same one."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_id: int, start: int,
                 end: int, tags: list[str], note: str, author: str) -> None:
        super().__init__(corpus, apply, text)
        self.args = (article_id, start, end, tags, note, author)
        self.snapshot: AnnotationSnapshot | None = None

    @property
    def annotation_id(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.id

    def first_redo(self) -> Change:
        article_id, start, end, tags, note, author = self.args
        ann = self.corpus.annotate(article_id, start, end, tags=tags, note=note, author=author)
        self.snapshot = self.corpus.snapshot_annotation(ann.id)
        return Change("annotations", (article_id,), (ann.id,))

    def do_again(self) -> Change:
        assert self.snapshot is not None
        return self.corpus.restore_annotation(self.snapshot)

    def do_undo(self) -> Change:
        assert self.snapshot is not None
        return self.corpus.delete_annotation(self.snapshot.id)


class DeleteAnnotationCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, annotation_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot = corpus.snapshot_annotation(annotation_id)

    def do_again(self) -> Change:
        return self.corpus.delete_annotation(self.snapshot.id)

    def do_undo(self) -> Change:
        return self.corpus.restore_annotation(self.snapshot)


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
        return self.corpus.restore_annotation(self.after)

    def do_undo(self) -> Change:
        change = self.corpus.restore_annotation(self.before)
        if self.after is not None and self.after.article_id != self.before.article_id:
            return Change("annotations", (self.before.article_id, self.after.article_id), change.ids)
        return change


class CreateTagCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, name: str,
                 parent_id: int | None = None) -> None:
        super().__init__(corpus, apply, text)
        self.name, self.parent_id = name, parent_id
        self.tag_id: int | None = None
        self.snapshot: TagSnapshot | None = None

    def first_redo(self) -> Change:
        change = self.corpus.create_tag(self.name, self.parent_id)
        self.tag_id = change.ids[0]
        return change

    def adopt(self, tag_id: int) -> None:
        """The tag was just created by the command this one is grouped with: own it (undo
        deletes it, redo restores it) without creating it again."""
        self.tag_id = tag_id
        self._pending = Change("tags", (), (tag_id,))
        self._prepared = True

    def do_again(self) -> Change:
        assert self.snapshot is not None
        return self.corpus.restore_tag(self.snapshot)

    def do_undo(self) -> Change:
        assert self.tag_id is not None
        self.snapshot = self.corpus.snapshot_tag(self.tag_id)
        return self.corpus.delete_tag(self.tag_id)


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

    def _set(self, rec: TagRecord) -> Change:
        self.corpus.rename_tag(rec.id, rec.name)
        self.corpus.move_tag(rec.id, rec.parent_id)
        return self.corpus.update_tag(rec.id, color=rec.color, description=rec.description)

    def do_again(self) -> Change:
        assert self.after is not None
        return self._set(self.after)

    def do_undo(self) -> Change:
        return self._set(self.before)


class DeleteTagCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, tag_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot = corpus.snapshot_tag(tag_id)

    def do_again(self) -> Change:
        return self.corpus.delete_tag(self.snapshot.id)

    def do_undo(self) -> Change:
        return self.corpus.restore_tag(self.snapshot)


class MergeTagsCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, source_id: int, target_id: int) -> None:
        super().__init__(corpus, apply, text)
        self.snapshot: MergeSnapshot = corpus.snapshot_merge(source_id, target_id)

    def do_again(self) -> Change:
        return self.corpus.merge_tags(self.snapshot.source.id, self.snapshot.target_id)

    def do_undo(self) -> Change:
        return self.corpus.unmerge_tags(self.snapshot)


class EditArticleCommand(CorpusCommand):
    """An article's reading state, note or tags: undo puts all three back."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_id: int,
                 op: Callable[[], Change]) -> None:
        super().__init__(corpus, apply, text)
        art = corpus.article(article_id)
        self.article_id = article_id
        self.before = (art.state, art.note, art.tags)
        self.after: tuple[str, str, tuple[str, ...]] | None = None
        self.op = op

    def first_redo(self) -> Change:
        change = self.op()
        art = self.corpus.article(self.article_id)
        self.after = (art.state, art.note, art.tags)
        return change

    def _set(self, fields: tuple[str, str, tuple[str, ...]]) -> Change:
        state, note, tags = fields
        self.corpus.set_article_state(self.article_id, state)
        self.corpus.set_article_note(self.article_id, note)
        return self.corpus.set_article_tags(self.article_id, list(tags))

    def do_again(self) -> Change:
        assert self.after is not None
        return self._set(self.after)

    def do_undo(self) -> Change:
        return self._set(self.before)
