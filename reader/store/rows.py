"""Stored rows to the core's records (:mod:`reader.records`)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.records import AnnotationRecord, ArticleRecord, Segment
from reader.store.models import Annotation, Article


def annotation_record(ann: Annotation, tag_names: Sequence[str]) -> AnnotationRecord:
    return AnnotationRecord(
        id=ann.id, article_id=ann.article_id, start=ann.start, end=ann.end, quote=ann.quote,
        prefix=ann.prefix, suffix=ann.suffix, tags=tuple(tag_names), note=ann.note,
        author=ann.author, created=ann.created, updated=ann.updated, status=ann.status,
        coder=ann.author, version=ann.version,
    )


def article_record(row: Article, source_name: str | None = None, tags: Sequence[str] | None = None) -> ArticleRecord:
    """``source_name`` and ``tags``, when the caller read them, spare two queries."""
    return ArticleRecord(
        id=row.id, source=row.source.name if source_name is None else source_name, title=row.title, display_title=row.display_title,
        title_derived=row.title_derived, subtitle=row.subtitle, authors=tuple(row.authors or ()),
        photographers=tuple(row.photographers or ()), dateline=row.dateline, text=row.text,
        segments=tuple(Segment(k, s, e) for k, s, e in row.segments or ()),
        captions=_captions(row), kicker=row.kicker,
        column=row.column, position=row.position, state=row.state,
        tags=tuple(t.tag.name for t in row.tag_links) if tags is None else tuple(tags), note=row.note,
    )


def _captions(row: Article) -> tuple[str, ...]:
    """The captions of an article: stored in ``structure`` by older versions, else the
    ``caption`` segments of its text."""
    stored = (row.structure or {}).get("captions")
    if stored is not None:
        return tuple(stored)
    return tuple(row.text[s:e] for k, s, e in row.segments or () if k == "caption")
