"""Undo and redo that fail safe when the world changed, mixed into ``Corpus``.

An undo stack replays history both ways from snapshots (see :mod:`reader.coding.annotations`
and :mod:`reader.coding.codebook`).  Between two steps another writer (a second window, the
command line, an import) may have changed the same annotation, tag or article; replaying the
snapshot blindly would overwrite that work.  Each operation here therefore takes the state the
step *expects* to find (what the stack itself left there) and, inside one ``BEGIN IMMEDIATE``
transaction, compares it with what is stored; on any difference it raises
``CorpusError("conflict", …)`` and changes nothing.  Restoring an annotation also checks that its
article still holds the quoted text at the snapshot's offsets (``article-changed`` otherwise),
so an undo never pins a note on a different passage after a re-ingest.

Ids are never reused (the tables are ``AUTOINCREMENT``, see
:func:`reader.store.migrations` step ``_v_ids_never_reused``), so an id in a snapshot can only
ever mean that annotation or tag.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.changes import Change, CorpusError
from reader.coding.annotations import AnnotationSnapshot
from reader.coding.codebook import MergeSnapshot, TagSnapshot, _change
from reader.records import TagRecord
from reader.store.models import Annotation, Article, ArticleLabel, ArticleTag, Tag, database

CONFLICT = "conflict"


@dataclass(frozen=True)
class ArticleFields:
    """An article's user fields as the undo stack sees them."""

    state: str
    note: str
    tags: tuple[str, ...]


def _conflict(what: str, annotation_id: int | None = None) -> CorpusError:
    """The refusal of an undo or redo; for an annotation that is there, it names who changed it last."""
    row = Annotation.get_or_none(Annotation.id == annotation_id) if annotation_id is not None else None
    if row is not None:
        from reader.coding.versions import who_changed

        return CorpusError(CONFLICT, f"{what} was changed by {who_changed(row)} since (at "
                                     f"{row.updated:%Y-%m-%d %H:%M:%S} UTC, now version {row.version}); "
                                     "nothing was changed")
    return CorpusError(CONFLICT, f"{what} was changed by another writer since (another window, the "
                                 "command line or an import); nothing was changed")


class HistoryOps:
    """Checked inverses for the undo stack (see the module docstring)."""

    snapshot_annotation: Callable[[int], AnnotationSnapshot]
    restore_annotation: Callable[[AnnotationSnapshot], Change]
    delete_annotation: Callable[[int], Change]
    snapshot_tag: Callable[[int], TagSnapshot]
    restore_tag: Callable[[TagSnapshot], Change]
    delete_tag: Callable[[int], Change]
    merge_tags: Callable[[int, int], Change]
    unmerge_tags: Callable[[MergeSnapshot], Change]
    rename_tag: Callable[..., Change]
    move_tag: Callable[..., Change]
    update_tag: Callable[..., Change]
    set_article_state: Callable[[int, str], Change]
    set_article_note: Callable[[int, str], Change]
    set_article_tags: Callable[..., Change]

    # -- reading the current state -----------------------------------------------------------
    def annotation_state(self, annotation_id: int) -> AnnotationSnapshot | None:
        if not Annotation.select().where(Annotation.id == annotation_id).exists():
            return None
        return self.snapshot_annotation(annotation_id)

    def tag_state(self, tag_id: int) -> TagSnapshot | None:
        if not Tag.select().where(Tag.id == tag_id).exists():
            return None
        return self.snapshot_tag(tag_id)

    def tag_fields(self, tag_id: int) -> TagRecord | None:
        t = Tag.get_or_none(Tag.id == tag_id)
        return None if t is None else TagRecord(t.id, t.name, t.parent_id, t.color, t.description)

    def article_fields(self, article_id: int) -> ArticleFields | None:
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            return None
        names = tuple(name for (name,) in ArticleTag.select(ArticleLabel.name).join(ArticleLabel)
                      .where(ArticleTag.article == article_id).order_by(ArticleTag.id).tuples())
        return ArticleFields(row.state, row.note, names)

    # -- annotations ----------------------------------------------------------------------------
    def restore_annotation_checked(self, snap: AnnotationSnapshot, expected: AnnotationSnapshot | None) -> Change:
        """Put ``snap`` back if the annotation is now exactly ``expected`` (``None``: absent)."""
        with database.atomic("IMMEDIATE"):
            if self.annotation_state(snap.id) != expected:
                raise _conflict(f"annotation {snap.id}", snap.id)
            article = Article.get_or_none(Article.id == snap.article_id)
            if article is None:
                raise CorpusError("article-changed", f"the article of annotation {snap.id} is gone; nothing was changed")
            if snap.status == "anchored" and article.text[snap.start:snap.end] != snap.quote:
                raise CorpusError("article-changed", f"the text of article {snap.article_id} changed since (re-ingested?): "
                                                     f"annotation {snap.id} would no longer mark «{snap.quote}»; "
                                                     "nothing was changed")
            return self.restore_annotation(snap)

    def delete_annotation_checked(self, expected: AnnotationSnapshot) -> Change:
        """Delete the annotation if it is exactly ``expected``."""
        with database.atomic("IMMEDIATE"):
            if self.annotation_state(expected.id) != expected:
                raise _conflict(f"annotation {expected.id}", expected.id)
            return self.delete_annotation(expected.id)

    def run_checked(self, present: Sequence[AnnotationSnapshot], absent: Sequence[int],
                    op: Callable[[], Change]) -> Change:
        """Run ``op`` (an undo or redo of a step over many annotations, e.g. a merge or a
        consensus) if the annotations in ``present`` are exactly as snapshotted and those in
        ``absent`` do not exist; all in one transaction."""
        with database.atomic("IMMEDIATE"):
            for snap in present:
                if self.annotation_state(snap.id) != snap:
                    raise _conflict(f"annotation {snap.id}", snap.id)
            if absent and Annotation.select().where(Annotation.id.in_(list(absent))).exists():
                raise _conflict("an annotation of this step")
            return op()

    # -- tags -------------------------------------------------------------------------------------
    def restore_tag_checked(self, snap: TagSnapshot) -> Change:
        """Undo a delete: the tag must still be absent and its name free."""
        with database.atomic("IMMEDIATE"):
            if self.tag_state(snap.id) is not None:
                raise _conflict(f"tag {snap.name!r}")
            if Tag.select().where(Tag.name == snap.name).exists():
                raise CorpusError(CONFLICT, f"another tag named {snap.name!r} was created since; nothing was changed")
            return self.restore_tag(snap)

    def delete_tag_checked(self, expected: TagSnapshot) -> Change:
        with database.atomic("IMMEDIATE"):
            if self.tag_state(expected.id) != expected:
                raise _conflict(f"tag {expected.name!r}")
            return self.delete_tag(expected.id)

    def delete_new_tag_checked(self, expected: TagRecord) -> Change:
        """Undo a creation: the tag must have its fields from then and nothing hanging on it
        (no annotation, article or child tag: those would be someone else's work)."""
        with database.atomic("IMMEDIATE"):
            state = self.tag_state(expected.id)
            if (state is None or self.tag_fields(expected.id) != expected or state.annotation_ids
                    or state.article_ids or state.child_ids):
                raise _conflict(f"tag {expected.name!r}")
            return self.delete_tag(expected.id)

    def set_tag_fields_checked(self, expected: TagRecord, new: TagRecord) -> Change:
        """Set name, parent, colour and description to ``new`` if they are now ``expected``."""
        with database.atomic("IMMEDIATE"):
            if self.tag_fields(expected.id) != expected:
                raise _conflict(f"tag {expected.name!r}")
            if new.name != expected.name:
                self.rename_tag(new.id, new.name)
            if new.parent_id != expected.parent_id:
                self.move_tag(new.id, new.parent_id)
            return self.update_tag(new.id, color=new.color, description=new.description)

    def merge_tags_checked(self, source: TagSnapshot, target: TagSnapshot) -> Change:
        with database.atomic("IMMEDIATE"):
            if self.tag_state(source.id) != source or self.tag_state(target.id) != target:
                raise _conflict(f"tag {source.name!r} or {target.name!r}")
            return self.merge_tags(source.id, target.id)

    def unmerge_tags_checked(self, snap: MergeSnapshot, target_after: TagSnapshot) -> Change:
        with database.atomic("IMMEDIATE"):
            if self.tag_state(snap.source.id) is not None or self.tag_state(snap.target_id) != target_after:
                raise _conflict(f"tag {snap.source.name!r} or {target_after.name!r}")
            if Tag.select().where(Tag.name == snap.source.name).exists():
                raise CorpusError(CONFLICT, f"another tag named {snap.source.name!r} was created since; nothing was changed")
            return self.unmerge_tags(snap)

    # -- articles -------------------------------------------------------------------------------
    def set_article_fields_checked(self, article_id: int, expected: ArticleFields, new: ArticleFields) -> Change:
        """Write the fields where ``new`` differs from ``expected``, if those fields are now
        ``expected`` (fields the step did not change are neither checked nor written)."""
        with database.atomic("IMMEDIATE"):
            current = self.article_fields(article_id)
            if current is None:
                raise CorpusError("no-article", f"no article with id {article_id}")
            names = [n for n in ("state", "note", "tags") if getattr(new, n) != getattr(expected, n)]
            if any(getattr(current, n) != getattr(expected, n) for n in names):
                raise _conflict(f"article {article_id}")
            change = _change("articles", (article_id,))
            if "state" in names:
                change = self.set_article_state(article_id, new.state)
            if "note" in names:
                change = self.set_article_note(article_id, new.note)
            if "tags" in names:
                change = self.set_article_tags(article_id, list(new.tags))
            return change

    # -- noticing other writers -------------------------------------------------------------------
    def data_version(self) -> int:
        """A number that changes whenever another connection (another window, a command, a
        worker thread) commits to the corpus; cheap enough to poll."""
        return int(database.execute_sql("PRAGMA data_version").fetchone()[0])
