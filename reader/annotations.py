"""The codebook and annotation operations behind the workbench, mixed into ``Corpus``.

Contract: every write runs in one transaction and returns a ``Change``; every destructive write
has a snapshot taken *before* it (:meth:`AnnotationOps.snapshot_annotation`,
:meth:`AnnotationOps.snapshot_tag`, :meth:`AnnotationOps.snapshot_merge`) and an inverse that
restores exactly what was there, ids included, so an undo stack can replay history both ways.
Tag counts are distinct annotations.  Offsets are code points.  No Qt here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from peewee import fn

from reader import anchors
from reader.models import (
    Annotation,
    AnnotationTag,
    Article,
    ArticleTag,
    Tag,
    database,
    utcnow,
)
from reader.records import AnnotationRecord, TagRecord

if TYPE_CHECKING:  # the facade imports this module; the types come back lazily
    from reader.corpus import ArticleSummary, Change

STATES = ("unread", "read", "starred")


def _change(kind: str, article_ids: Iterable[int] = (), ids: Iterable[int] = ()) -> Change:
    from reader.corpus import Change

    return Change(kind, tuple(article_ids), tuple(ids))


def _error(code: str, message: str) -> Exception:
    from reader.corpus import CorpusError

    return CorpusError(code, message)


# -- records ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnnotationSnapshot:
    """Everything needed to put an annotation back exactly as it was (same id)."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    author: str
    status: str
    created: _dt.datetime
    updated: _dt.datetime
    tag_ids: tuple[int, ...]


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


@dataclass(frozen=True)
class AnnotationQuery:
    """Filters of the corpus-wide annotation view; ``None``/empty means no filter.
    ``tag_id`` matches the tag and all its descendants; ``text`` searches quote and note."""

    tag_id: int | None = None
    article_id: int | None = None
    text: str = ""
    author: str = ""
    since: _dt.date | None = None
    until: _dt.date | None = None
    status: str = ""


@dataclass(frozen=True)
class ReanchorOutcome:
    """Where one annotation went: ``status`` is exact, moved, fuzzy or orphan."""

    annotation_id: int
    article_id: int
    quote: str
    old: tuple[int, int]
    new: tuple[int, int] | None
    status: str
    new_quote: str = ""


@dataclass
class ReanchorReport:
    outcomes: list[ReanchorOutcome] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def to_json(self) -> dict[str, object]:
        return {
            "annotations": len(self.outcomes), "exact": self.count(anchors.EXACT),
            "moved": self.count(anchors.MOVED), "fuzzy": self.count(anchors.FUZZY),
            "orphaned": self.count(anchors.ORPHAN), "cancelled": self.cancelled,
            "outcomes": [
                {"id": o.annotation_id, "article": o.article_id, "quote": o.quote,
                 "old": list(o.old), "new": list(o.new) if o.new else None, "status": o.status,
                 "new_quote": o.new_quote}
                for o in self.outcomes
            ],
        }


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


# -- the mixin -----------------------------------------------------------------------------
class AnnotationOps:
    """Tag, annotation and article-note operations of :class:`reader.corpus.Corpus`."""

    # hooks the facade provides
    annotation: Callable[..., AnnotationRecord]
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
        return ArticleTag.select().where(ArticleTag.tag == tag_id).count()

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
        tag.save()
        return _change("tags", self._articles_of(tag_id), (tag_id,))

    def update_tag(self, tag_id: int, color: str | None = None, description: str | None = None) -> Change:
        tag = self._tag_row(tag_id)
        if color is not None:
            tag.color = color
        if description is not None:
            tag.description = description
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
        tag.save()
        return _change("tags", (), (tag_id,))

    def snapshot_tag(self, tag_id: int) -> TagSnapshot:
        t = self._tag_row(tag_id)
        anns = AnnotationTag.select(AnnotationTag.annotation).where(AnnotationTag.tag == tag_id)
        arts = ArticleTag.select(ArticleTag.article).where(ArticleTag.tag == tag_id)
        kids = Tag.select(Tag.id).where(Tag.parent == tag_id)
        return TagSnapshot(
            id=t.id, name=t.name, parent_id=t.parent_id, color=t.color, description=t.description,
            created=t.created, annotation_ids=tuple(sorted(a.annotation_id for a in anns)),
            article_ids=tuple(sorted(a.article_id for a in arts)),
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
            for art_id in snap.article_ids:
                ArticleTag.insert(article=art_id, tag=snap.id).on_conflict_ignore().execute()
            if snap.child_ids:
                Tag.update(parent=snap.id).where(Tag.id.in_(snap.child_ids)).execute()
        return _change("tags", self._articles_of(snap.id), (snap.id,))

    def snapshot_merge(self, source_id: int, target_id: int) -> MergeSnapshot:
        target = self.snapshot_tag(target_id)
        return MergeSnapshot(self.snapshot_tag(source_id), target_id, target.annotation_ids, target.article_ids)

    def merge_tags(self, source_id: int, target_id: int) -> Change:
        """Every annotation and article tagged ``source`` gets ``target``; ``source``'s children
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
            for alink in ArticleTag.select().where(ArticleTag.tag == source_id):
                ArticleTag.insert(article=alink.article_id, tag=target_id).on_conflict_ignore().execute()
            Tag.update(parent=target_id).where(Tag.parent == source_id).execute()
            Tag.delete().where(Tag.id == source_id).execute()
        return _change("tags", affected, (source_id, target_id))

    def unmerge_tags(self, snap: MergeSnapshot) -> Change:
        """Undo :meth:`merge_tags`."""
        with database.atomic():
            added_anns = set(snap.source.annotation_ids) - set(snap.target_annotation_ids)
            added_arts = set(snap.source.article_ids) - set(snap.target_article_ids)
            AnnotationTag.delete().where((AnnotationTag.tag == snap.target_id)
                                         & AnnotationTag.annotation.in_(list(added_anns))).execute()
            ArticleTag.delete().where((ArticleTag.tag == snap.target_id)
                                      & ArticleTag.article.in_(list(added_arts))).execute()
            self.restore_tag(snap.source)
        return _change("tags", self._articles_of(snap.source.id), (snap.source.id, snap.target_id))

    def _articles_of(self, tag_id: int) -> tuple[int, ...]:
        q = (Annotation.select(Annotation.article).join(AnnotationTag)
             .where(AnnotationTag.tag == tag_id).distinct())
        return tuple(sorted({a.article_id for a in q} | {
            l.article_id for l in ArticleTag.select(ArticleTag.article).where(ArticleTag.tag == tag_id)}))

    # -- annotations -----------------------------------------------------------------------
    def _ann_row(self, annotation_id: int) -> Annotation:
        ann = Annotation.get_or_none(Annotation.id == annotation_id)
        if ann is None:
            raise _error("no-annotation", f"no annotation with id {annotation_id}")
        return ann

    def snapshot_annotation(self, annotation_id: int) -> AnnotationSnapshot:
        a = self._ann_row(annotation_id)
        tag_ids = tuple(l.tag_id for l in AnnotationTag.select().where(AnnotationTag.annotation == a)
                        .order_by(AnnotationTag.id))
        return AnnotationSnapshot(
            id=a.id, article_id=a.article_id, start=a.start, end=a.end, quote=a.quote,
            prefix=a.prefix, suffix=a.suffix, note=a.note, author=a.author, status=a.status,
            created=a.created, updated=a.updated, tag_ids=tag_ids,
        )

    def restore_annotation(self, snap: AnnotationSnapshot) -> Change:
        """Put an annotation back exactly as snapshotted (insert or overwrite, same id)."""
        fields = {"article": snap.article_id, "start": snap.start, "end": snap.end, "quote": snap.quote,
                  "prefix": snap.prefix, "suffix": snap.suffix, "note": snap.note, "author": snap.author,
                  "status": snap.status, "created": snap.created, "updated": snap.updated}
        old = Annotation.get_or_none(Annotation.id == snap.id)
        with database.atomic():
            if old is None:
                Annotation.insert(id=snap.id, **fields).execute()
            else:
                Annotation.update(**fields).where(Annotation.id == snap.id).execute()
            AnnotationTag.delete().where(AnnotationTag.annotation == snap.id).execute()
            live = {t.id for t in Tag.select(Tag.id).where(Tag.id.in_(snap.tag_ids))}
            for tag_id in snap.tag_ids:
                if tag_id in live:
                    AnnotationTag.create(annotation=snap.id, tag=tag_id)
        articles = {snap.article_id} | ({old.article_id} if old is not None else set())
        return _change("annotations", sorted(articles), (snap.id,))

    def add_annotation_tag(self, annotation_id: int, tag_name: str) -> Change:
        ann = self._ann_row(annotation_id)
        with database.atomic():
            tag = self.ensure_tag(tag_name)
            AnnotationTag.insert(annotation=ann.id, tag=tag.id).on_conflict_ignore().execute()
            Annotation.update(updated=utcnow()).where(Annotation.id == ann.id).execute()
        return _change("annotations", (ann.article_id,), (ann.id,))

    def set_annotation_note(self, annotation_id: int, note: str) -> Change:
        ann = self._ann_row(annotation_id)
        ann.note = note
        ann.updated = utcnow()
        ann.save()
        return _change("annotations", (ann.article_id,), (ann.id,))

    def reattach_annotation(self, annotation_id: int, article_id: int, start: int, end: int) -> Change:
        """Anchor an annotation (typically an orphan) to a new span; it becomes ``anchored``."""
        ann = self._ann_row(annotation_id)
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise _error("no-article", f"no article with id {article_id}")
        if not (0 <= start < end <= len(row.text)):
            raise _error("bad-range", f"range {start}-{end} is outside the article's {len(row.text)} characters")
        old_article = ann.article_id
        anchor = anchors.make_anchor(row.text, start, end)
        ann.article = row
        ann.start, ann.end = start, end
        ann.quote, ann.prefix, ann.suffix = anchor.quote, anchor.prefix, anchor.suffix
        ann.status = "anchored"
        ann.updated = utcnow()
        ann.save()
        return _change("annotations", sorted({old_article, article_id}), (ann.id,))

    def find_annotations(self, query: AnnotationQuery = AnnotationQuery()) -> list[int]:
        """Ids of the annotations matching ``query``, in article then text order."""
        q = Annotation.select(Annotation.id)
        if query.tag_id is not None:
            tagged = (AnnotationTag.select(AnnotationTag.annotation)
                      .where(AnnotationTag.tag.in_(self.tag_descendants(query.tag_id))))
            q = q.where(Annotation.id.in_(tagged))
        if query.article_id is not None:
            q = q.where(Annotation.article == query.article_id)
        if query.text.strip():
            for part in query.text.split():
                q = q.where(Annotation.quote.contains(part) | Annotation.note.contains(part))
        if query.author.strip():
            q = q.where(Annotation.author.contains(query.author.strip()))
        if query.since is not None:
            q = q.where(Annotation.created >= _dt.datetime.combine(query.since, _dt.time()))
        if query.until is not None:
            q = q.where(Annotation.created < _dt.datetime.combine(query.until + _dt.timedelta(days=1), _dt.time()))
        if query.status:
            q = q.where(Annotation.status == query.status)
        return [r.id for r in q.order_by(Annotation.article, Annotation.start, Annotation.id)]

    def annotations_by_id(self, ids: Sequence[int]) -> list[AnnotationRecord]:
        """Records for ``ids`` (missing ids are skipped), in the given order."""
        from reader.corpus import annotation_record

        rows = {a.id: a for a in Annotation.select().where(Annotation.id.in_(list(ids)))}
        names: dict[int, list[str]] = {}
        links = (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                 .where(AnnotationTag.annotation.in_(list(rows))).order_by(AnnotationTag.id))
        for link in links:
            names.setdefault(link.annotation_id, []).append(link.tag.name)
        return [annotation_record(rows[i], names.get(i, [])) for i in ids if i in rows]

    def annotation_authors(self) -> list[str]:
        return sorted({a.author for a in Annotation.select(Annotation.author).distinct() if a.author})

    # -- articles --------------------------------------------------------------------------
    def article_summaries(self, article_ids: Iterable[int]) -> list[ArticleSummary]:
        """``Corpus.articles()`` rows for just these articles (for refreshing a few list rows
        after a write without re-reading the whole corpus)."""
        from reader.corpus import ArticleSummary
        from reader.models import Entity, SourceFile

        ids = sorted(set(article_ids))
        if not ids:
            return []
        n_ent = {r.article_id: r.n for r in Entity.select(Entity.article, fn.COUNT(Entity.id).alias("n"))
                 .where(Entity.article.in_(ids)).group_by(Entity.article)}
        n_ann = {r.article_id: r.n for r in Annotation.select(Annotation.article, fn.COUNT(Annotation.id).alias("n"))
                 .where(Annotation.article.in_(ids)).group_by(Annotation.article)}
        tags: dict[int, list[str]] = {}
        for link in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                     .where(ArticleTag.article.in_(ids)).order_by(ArticleTag.id)):
            tags.setdefault(link.article_id, []).append(link.tag.name)
        rows = Article.select(Article, SourceFile.name).join(SourceFile).where(Article.id.in_(ids))
        return [
            ArticleSummary(
                id=r.id, source=r.source.name, position=r.position, title=r.title,
                display_title=r.display_title, title_derived=r.title_derived,
                authors=tuple(r.authors or ()), chars=r.chars, entities=n_ent.get(r.id, 0),
                annotations=n_ann.get(r.id, 0), state=r.state, tags=tuple(tags.get(r.id, ())),
            )
            for r in rows
        ]

    def _article_row(self, article_id: int) -> Article:
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise _error("no-article", f"no article with id {article_id}")
        return row

    def set_article_note(self, article_id: int, note: str) -> Change:
        row = self._article_row(article_id)
        row.note = note
        row.updated = utcnow()
        row.save()
        return _change("articles", (article_id,))

    def set_article_tags(self, article_id: int, names: Sequence[str]) -> Change:
        row = self._article_row(article_id)
        with database.atomic():
            ArticleTag.delete().where(ArticleTag.article == row).execute()
            seen: set[str] = set()
            for name in names:
                if name.strip() and name.strip() not in seen:
                    seen.add(name.strip())
                    ArticleTag.create(article=row, tag=self.ensure_tag(name))
        return _change("articles", (article_id,))

    # -- re-anchoring ----------------------------------------------------------------------
    def reanchor_corpus(self, progress: Callable[[int, int, str], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> ReanchorReport:
        """Re-anchor every annotation against its article's current text.  Placed ones are
        ``anchored`` (offsets, quote and context refreshed); the rest become ``orphan``
        (their stored quote and offsets kept, so they can be shown and re-attached)."""
        report = ReanchorReport()
        article_ids = [r.article_id for r in Annotation.select(Annotation.article).distinct()
                       .order_by(Annotation.article)]
        for index, article_id in enumerate(article_ids):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            row = Article.get_by_id(article_id)
            if progress is not None:
                progress(index, len(article_ids), row.display_title)
            with database.atomic():
                for ann in Annotation.select().where(Annotation.article == article_id).order_by(Annotation.start):
                    report.outcomes.append(_reanchor_one(ann, row.text))
        if progress is not None:
            progress(len(article_ids), len(article_ids), "")
        return report


def _reanchor_one(ann: Annotation, text: str) -> ReanchorOutcome:
    placement = anchors.reanchor(anchors.Anchor(ann.start, ann.end, ann.quote, ann.prefix, ann.suffix), text)
    old = (ann.start, ann.end)
    quote = ann.quote
    if placement.start is None or placement.end is None:
        if ann.status != "orphan":
            ann.status = "orphan"
            ann.updated = utcnow()
            ann.save()
        return ReanchorOutcome(ann.id, ann.article_id, quote, old, None, anchors.ORPHAN)
    fresh = anchors.make_anchor(text, placement.start, placement.end)
    status = placement.status
    if placement.status == anchors.EXACT and ann.status == "orphan":
        status = anchors.MOVED  # a re-attachment is news even at the same offsets
    changed = (fresh.start, fresh.end, fresh.quote, fresh.prefix, fresh.suffix, "anchored") != (
        ann.start, ann.end, ann.quote, ann.prefix, ann.suffix, ann.status)
    if changed:
        ann.start, ann.end = fresh.start, fresh.end
        ann.quote, ann.prefix, ann.suffix = fresh.quote, fresh.prefix, fresh.suffix
        ann.status = "anchored"
        ann.updated = utcnow()
        ann.save()
    return ReanchorOutcome(ann.id, ann.article_id, quote, old, (fresh.start, fresh.end), status, fresh.quote)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start``/``end`` to the jieba word boundaries around them (within the line)."""
    if not (0 <= start < end <= len(text)):
        return start, end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end - 1)
    line_end = len(text) if line_end < 0 else line_end
    import jieba

    a, b = start, end
    for word, ws, we in jieba.tokenize(text[line_start:line_end]):
        ws, we = ws + line_start, we + line_start
        if ws < start < we:
            a = ws
        if ws < end < we:
            b = we
    return a, b
