"""The annotation and article-note operations behind the workbench, mixed into ``Corpus``.

Contract: every write runs in one transaction and returns a ``Change``; every destructive write
has a snapshot taken *before* it (:meth:`AnnotationOps.snapshot_annotation`,
:meth:`reader.coding.codebook.TagOps.snapshot_tag`, :meth:`~reader.coding.codebook.TagOps.snapshot_merge`) and an inverse that
restores exactly what was there, ids included, so an undo stack can replay history both ways.
Tag counts are distinct annotations.  Offsets are code points.  No Qt here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reader.changes import Change, check_range
from reader.coding import anchors
from reader.coding.codebook import TagOps, _change, _error
from reader.coding.versions import claim, touched
from reader.records import AnnotationRecord, ArticleSummary
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    ArticleLabel,
    ArticleTag,
    Tag,
    database,
    utcnow,
)

STATES = ("unread", "read", "starred")


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
    coders: tuple[str, ...] = ()  # exact coder names; empty = every coder


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


# -- the mixin -----------------------------------------------------------------------------
class AnnotationOps(TagOps):
    """Annotation and article-note operations of :class:`reader.corpus.Corpus` (tags come
    from :class:`reader.coding.codebook.TagOps`)."""

    # hooks the facade provides
    annotation: Callable[..., AnnotationRecord]
    ensure_tag: Callable[..., Tag]

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
                  "status": snap.status, "created": snap.created, "updated": snap.updated,
                  "editor": touched()[Annotation.editor]}  # an undo or redo is this coder's change
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

    def add_annotation_tag(self, annotation_id: int, tag_name: str, expected_version: int | None = None) -> Change:
        """Add a tag; with ``expected_version`` a change made meanwhile by another coder is a
        ``conflict`` (see :mod:`reader.coding.versions`)."""
        ann = self._ann_row(annotation_id)
        with database.atomic():
            claim(ann.id, expected_version)
            tag = self.ensure_tag(tag_name)
            AnnotationTag.insert(annotation=ann.id, tag=tag.id).on_conflict_ignore().execute()
            Annotation.update(touched()).where(Annotation.id == ann.id).execute()
        return _change("annotations", (ann.article_id,), (ann.id,))

    def set_annotation_note(self, annotation_id: int, note: str, expected_version: int | None = None) -> Change:
        """Set the note (only the note: never a stale copy of the rest); ``expected_version`` as
        in :meth:`add_annotation_tag`."""
        ann = self._ann_row(annotation_id)
        with database.atomic():
            claim(ann.id, expected_version)
            Annotation.update({Annotation.note: note, **touched()}).where(Annotation.id == ann.id).execute()
        return _change("annotations", (ann.article_id,), (ann.id,))

    def reattach_annotation(self, annotation_id: int, article_id: int, start: int, end: int,
                            text_version: str | None = None, expected_version: int | None = None) -> Change:
        """Anchor an annotation (typically an orphan) to a new span; it becomes ``anchored``.
        ``text_version`` guards the offsets as in :meth:`reader.corpus.Corpus.annotate`;
        ``expected_version`` as in :meth:`add_annotation_tag`."""
        ann = self._ann_row(annotation_id)
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise _error("no-article", f"no article with id {article_id}")
        anchors.check_version(row.text, text_version, article_id)
        check_range(start, end, len(row.text))
        old_article = ann.article_id
        anchor = anchors.make_anchor(row.text, start, end)
        with database.atomic():
            claim(ann.id, expected_version)
            Annotation.update({Annotation.article: row.id, Annotation.start: start, Annotation.end: end,
                               Annotation.quote: anchor.quote, Annotation.prefix: anchor.prefix,
                               Annotation.suffix: anchor.suffix, Annotation.status: "anchored", **touched()}
                              ).where(Annotation.id == ann.id).execute()
        return _change("annotations", sorted({old_article, article_id}), (ann.id,))

    def find_annotations(self, query: AnnotationQuery = AnnotationQuery()) -> list[int]:
        """Ids of the annotations matching ``query``, in article then text order."""
        from reader.coding.annotation_listing import annotation_ids

        tags = self.tag_descendants(query.tag_id) if query.tag_id is not None else None
        return annotation_ids(query, tags)

    def annotations_by_id(self, ids: Sequence[int]) -> list[AnnotationRecord]:
        """Records for ``ids`` (missing ids are skipped), in the given order."""
        from reader.coding.annotation_listing import annotation_records

        return annotation_records(ids)

    def annotation_authors(self) -> list[str]:
        return sorted({a.author for a in Annotation.select(Annotation.author).distinct() if a.author})

    # -- articles --------------------------------------------------------------------------
    def article_summaries(self, article_ids: Iterable[int]) -> list[ArticleSummary]:
        """``Corpus.articles()`` rows for just these articles (for refreshing a few list rows
        after a write without re-reading the whole corpus)."""
        from reader.store.listing import article_rows

        return article_rows(sorted(set(article_ids)))

    def _article_row(self, article_id: int) -> Article:
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise _error("no-article", f"no article with id {article_id}")
        return row

    def set_article_note(self, article_id: int, note: str) -> Change:
        from reader.coding.coders import session_coder_id

        row = self._article_row(article_id)
        row.note = note
        row.note_coder = session_coder_id()
        row.updated = utcnow()
        row.save()
        return _change("articles", (article_id,))

    def set_article_tags(self, article_id: int, names: Sequence[str]) -> Change:
        """The article's tags (labels on the whole article, apart from the codebook)."""
        from reader.coding.coders import session_coder_id

        row = self._article_row(article_id)
        with database.atomic():
            kept = {l.tag.name: l.coder_id for l in row.tag_links}  # who tagged it stays recorded
            ArticleTag.delete().where(ArticleTag.article == row).execute()
            seen: set[str] = set()
            for name in names:
                if name.strip() and name.strip() not in seen:
                    seen.add(name.strip())
                    label = ArticleLabel.get_or_none(ArticleLabel.name == name.strip())
                    if label is None:
                        label = ArticleLabel.create(name=name.strip())
                    coder = kept.get(name.strip()) or session_coder_id()
                    ArticleTag.create(article=row, tag=label, coder=coder)
        return _change("articles", (article_id,))

    def article_tag_names(self) -> list[str]:
        """Every article tag in use, by name."""
        used = ArticleTag.select(ArticleTag.tag).distinct()
        return [n for (n,) in ArticleLabel.select(ArticleLabel.name).where(ArticleLabel.id.in_(used))
                .order_by(ArticleLabel.name).tuples()]

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
            _write_read_version(ann, {Annotation.status: "orphan"})
        return ReanchorOutcome(ann.id, ann.article_id, quote, old, None, anchors.ORPHAN)
    fresh = anchors.make_anchor(text, placement.start, placement.end)
    status = placement.status
    if placement.status == anchors.EXACT and ann.status == "orphan":
        status = anchors.MOVED  # a re-attachment is news even at the same offsets
    changed = (fresh.start, fresh.end, fresh.quote, fresh.prefix, fresh.suffix, "anchored") != (
        ann.start, ann.end, ann.quote, ann.prefix, ann.suffix, ann.status)
    if changed:
        _write_read_version(ann, {Annotation.start: fresh.start, Annotation.end: fresh.end,
                                  Annotation.quote: fresh.quote, Annotation.prefix: fresh.prefix,
                                  Annotation.suffix: fresh.suffix, Annotation.status: "anchored"})
    return ReanchorOutcome(ann.id, ann.article_id, quote, old, (fresh.start, fresh.end), status, fresh.quote)


def _write_read_version(ann: Annotation, fields: dict) -> None:  # type: ignore[type-arg]
    """Re-anchoring's write: only the fields it changes, on the version it read (inside the
    write lock of its transaction, so the version cannot have moved; it bumps it)."""
    claim(ann.id, ann.version)
    Annotation.update({**fields, **touched()}).where(Annotation.id == ann.id).execute()


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
