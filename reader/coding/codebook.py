"""The codebook: tag reading, creating, renaming, moving, merging and deleting, each write in
one transaction returning a ``Change``, each destructive write with a snapshot taken before it and
an exact inverse (ids included) so an undo stack can replay history both ways; and the tag
picker's ranking (names, pinyin initials, fuzzy).  Mixed into ``Corpus`` through
:class:`reader.coding.annotations.AnnotationOps`.  No Qt here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from peewee import fn

from reader.changes import Change, CorpusError
from reader.records import TagRecord
from reader.store.models import Annotation, AnnotationTag, Tag, database


def _change(kind: str, article_ids: Iterable[int] = (), ids: Iterable[int] = ()) -> Change:
    return Change(kind, tuple(article_ids), tuple(ids))


def _error(code: str, message: str) -> Exception:
    return CorpusError(code, message)


def _coder_id() -> int:
    """The session coder, recorded on every tag change (see ``reader.coding.coders``)."""
    from reader.coding.coders import session_coder_id

    return session_coder_id()


@dataclass(frozen=True)
class TagSnapshot:
    """A tag with its links and children, for undoing a delete or a merge."""

    id: int
    name: str
    parent_id: int | None
    color: str
    description: str
    created: _dt.datetime
    annotation_ids: tuple[int, ...]
    article_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


@dataclass(frozen=True)
class MergeSnapshot:
    source: TagSnapshot
    target_id: int
    target_annotation_ids: tuple[int, ...]
    target_article_ids: tuple[int, ...]


# -- tag matching (the picker's ranking) ---------------------------------------------------
@lru_cache(maxsize=4096)
def _pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case; non-Chinese runs are kept as they are."""
    from pypinyin import Style, lazy_pinyin

    initials = "".join(p[:1] if p.isascii() and p.isalpha() else p
                       for p in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return initials, full


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def tag_match_score(query: str, name: str) -> float:
    """How well ``query`` picks ``name``: 0 = no match, higher is better (100 = exact).
    Matches the name itself, its pinyin initials (``wz`` → 问责), its full pinyin, then a
    subsequence and finally a fuzzy match."""
    q = query.strip().lower()
    if not q:
        return 1.0
    n = name.lower()
    if n == q:
        return 100.0
    if n.startswith(q):
        return 90.0
    if q in n:
        return 80.0
    initials, full = _pinyin_keys(name)
    if initials.startswith(q):
        return 75.0
    if full.startswith(q):
        return 72.0
    if q in initials:
        return 68.0
    if q in full:
        return 64.0
    if _subsequence(q, n) or _subsequence(q, initials):
        return 55.0
    from rapidfuzz import fuzz

    score = fuzz.partial_ratio(q, n)
    return score / 2 if score >= 70 else 0.0


def rank_tags(query: str, names: Sequence[str]) -> list[str]:
    """The names matching ``query``, best first (ties: shorter, then alphabetical)."""
    scored = [(tag_match_score(query, n), n) for n in names]
    return [n for s, n in sorted(scored, key=lambda x: (-x[0], len(x[1]), x[1])) if s > 0]


class TagOps:
    """Codebook operations of :class:`reader.corpus.Corpus`."""

    ensure_tag: Callable[..., Tag]

    # -- tags: reading ---------------------------------------------------------------------
    def tag(self, tag_id: int) -> TagRecord:
        t = self._tag_row(tag_id)
        return TagRecord(t.id, t.name, t.parent_id, t.color, t.description)

    def tag_by_name(self, name: str) -> TagRecord | None:
        t = Tag.get_or_none(Tag.name == name.strip())
        return None if t is None else TagRecord(t.id, t.name, t.parent_id, t.color, t.description)

    def _tag_row(self, tag_id: int) -> Tag:
        t = Tag.get_or_none(Tag.id == tag_id)
        if t is None:
            raise _error("no-tag", f"no tag with id {tag_id}")
        return t

    def tag_descendants(self, tag_id: int) -> list[int]:
        """``tag_id`` and every tag below it."""
        children: dict[int, list[int]] = {}
        for t in Tag.select(Tag.id, Tag.parent):
            if t.parent_id is not None:
                children.setdefault(t.parent_id, []).append(t.id)
        out, todo = [], [tag_id]
        while todo:
            tid = todo.pop()
            if tid in out:
                continue
            out.append(tid)
            todo.extend(children.get(tid, []))
        return out

    def tag_counts(self) -> dict[int, int]:
        """Annotations per tag (direct links only)."""
        q = (AnnotationTag.select(AnnotationTag.tag, fn.COUNT(AnnotationTag.id).alias("n"))
             .group_by(AnnotationTag.tag))
        return {r.tag_id: r.n for r in q}

    def tag_annotation_count(self, tag_id: int, include_children: bool = False) -> int:
        ids = self.tag_descendants(tag_id) if include_children else [tag_id]
        return (AnnotationTag.select(AnnotationTag.annotation).where(AnnotationTag.tag.in_(ids))
                .distinct().count())

    def tag_article_count(self, tag_id: int) -> int:
        """Articles in which the tag codes at least one passage."""
        return len(self._articles_of(tag_id))

    # -- tags: writing ---------------------------------------------------------------------
    def _check_name(self, name: str, except_id: int | None = None) -> str:
        name = name.strip()
        if not name:
            raise _error("bad-tag", "a tag name cannot be empty")
        other = Tag.get_or_none(Tag.name == name)
        if other is not None and other.id != except_id:
            raise _error("tag-exists", f"a tag named {name!r} already exists")
        return name

    def create_tag(self, name: str, parent_id: int | None = None, color: str | None = None,
                   description: str = "") -> Change:
        """A new tag; ``Change.ids`` holds its id."""
        name = self._check_name(name)
        if parent_id is not None:
            self._tag_row(parent_id)
        with database.atomic():
            tag = self.ensure_tag(name, color=color)
            tag.parent = parent_id
            tag.description = description
            tag.save()
        return _change("tags", (), (tag.id,))

    def rename_tag(self, tag_id: int, name: str) -> Change:
        tag = self._tag_row(tag_id)
        tag.name = self._check_name(name, except_id=tag_id)
        tag.coder = _coder_id()
        tag.save()
        return _change("tags", self._articles_of(tag_id), (tag_id,))

    def update_tag(self, tag_id: int, color: str | None = None, description: str | None = None) -> Change:
        tag = self._tag_row(tag_id)
        if color is not None:
            tag.color = color
        if description is not None:
            tag.description = description
        tag.coder = _coder_id()
        tag.save()
        return _change("tags", (), (tag_id,))

    def move_tag(self, tag_id: int, parent_id: int | None) -> Change:
        """Put a tag (with its subtree) under ``parent_id`` (``None``: make it a root)."""
        tag = self._tag_row(tag_id)
        if parent_id is not None:
            self._tag_row(parent_id)
            if parent_id in self.tag_descendants(tag_id):
                raise _error("tag-cycle", "a tag cannot move under itself or its own descendant")
        tag.parent = parent_id
        tag.coder = _coder_id()
        tag.save()
        return _change("tags", (), (tag_id,))

    def snapshot_tag(self, tag_id: int) -> TagSnapshot:
        t = self._tag_row(tag_id)
        anns = AnnotationTag.select(AnnotationTag.annotation).where(AnnotationTag.tag == tag_id)
        kids = Tag.select(Tag.id).where(Tag.parent == tag_id)
        return TagSnapshot(
            id=t.id, name=t.name, parent_id=t.parent_id, color=t.color, description=t.description,
            created=t.created, annotation_ids=tuple(sorted(a.annotation_id for a in anns)),
            article_ids=(),  # article tags live apart from the codebook
            child_ids=tuple(sorted(k.id for k in kids)),
        )

    def delete_tag(self, tag_id: int) -> Change:
        """Delete a tag and its links; its children move up to its parent."""
        tag = self._tag_row(tag_id)
        affected = self._articles_of(tag_id)
        with database.atomic():
            Tag.update(parent=tag.parent_id).where(Tag.parent == tag_id).execute()
            tag.delete_instance()
        return _change("tags", affected, (tag_id,))

    def restore_tag(self, snap: TagSnapshot) -> Change:
        """Undo :meth:`delete_tag`: the same id, fields, links and children."""
        with database.atomic():
            if Tag.get_or_none(Tag.id == snap.id) is None:
                parent = snap.parent_id if Tag.get_or_none(Tag.id == snap.parent_id) else None
                Tag.insert(id=snap.id, name=snap.name, parent=parent, color=snap.color,
                           description=snap.description, created=snap.created).execute()
            existing_ann = {a.id for a in Annotation.select(Annotation.id).where(Annotation.id.in_(snap.annotation_ids))}
            for ann_id in snap.annotation_ids:
                if ann_id in existing_ann:
                    AnnotationTag.insert(annotation=ann_id, tag=snap.id).on_conflict_ignore().execute()
            if snap.child_ids:
                Tag.update(parent=snap.id).where(Tag.id.in_(snap.child_ids)).execute()
        return _change("tags", self._articles_of(snap.id), (snap.id,))

    def snapshot_merge(self, source_id: int, target_id: int) -> MergeSnapshot:
        target = self.snapshot_tag(target_id)
        return MergeSnapshot(self.snapshot_tag(source_id), target_id, target.annotation_ids, target.article_ids)

    def merge_tags(self, source_id: int, target_id: int) -> Change:
        """Every annotation tagged ``source`` gets ``target``; ``source``'s children
        move under ``target``; ``source`` is deleted."""
        if source_id == target_id:
            raise _error("bad-merge", "cannot merge a tag into itself")
        self._tag_row(source_id)
        self._tag_row(target_id)
        if target_id in self.tag_descendants(source_id):
            raise _error("tag-cycle", "cannot merge a tag into its own descendant")
        affected = self._articles_of(source_id)
        with database.atomic():
            for link in AnnotationTag.select().where(AnnotationTag.tag == source_id):
                AnnotationTag.insert(annotation=link.annotation_id, tag=target_id).on_conflict_ignore().execute()
            Tag.update(parent=target_id).where(Tag.parent == source_id).execute()
            Tag.delete().where(Tag.id == source_id).execute()
        return _change("tags", affected, (source_id, target_id))

    def unmerge_tags(self, snap: MergeSnapshot) -> Change:
        """Undo :meth:`merge_tags`."""
        with database.atomic():
            added_anns = set(snap.source.annotation_ids) - set(snap.target_annotation_ids)
            AnnotationTag.delete().where((AnnotationTag.tag == snap.target_id)
                                         & AnnotationTag.annotation.in_(list(added_anns))).execute()
            self.restore_tag(snap.source)
        return _change("tags", self._articles_of(snap.source.id), (snap.source.id, snap.target_id))

    def _articles_of(self, tag_id: int) -> tuple[int, ...]:
        q = (Annotation.select(Annotation.article).join(AnnotationTag)
             .where(AnnotationTag.tag == tag_id).distinct())
        return tuple(sorted({a.article_id for a in q}))
