"""Articles, annotations and entities for export, in batches: memory stays flat with corpus size.

:func:`iter_export_rows` yields :class:`ExportBatch` objects of up to ``batch_size`` articles in
page order, each with its selected annotations (article then text order) and, when asked, its
entities.  Every batch costs a handful of queries (no query per article or annotation); the
filters run in SQL.  :func:`export_counts` gives the totals for progress bars.  Streaming
exporters write each batch before asking for the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field

from peewee import Expression

from reader.records import AnnotationRecord, ArticleRecord, EntityRecord, Segment
from reader.store.models import Annotation, AnnotationTag, Article, ArticleTag, SourceFile, Tag, database
from reader.store.rows import _captions, annotation_record


@dataclass(frozen=True)
class ExportSelection:
    """What to export.  ``article_ids``: these articles (in this order), else every live article
    in page order.  Annotations: those with one of ``tag_ids`` (expand children before), by
    ``author``, created on ``since``..``until`` (inclusive dates).  ``only_annotated``: skip
    articles without a selected annotation (the default when any annotation filter is given).
    ``entities``: include each article's entities."""

    article_ids: Sequence[int] | None = None
    tag_ids: Collection[int] | None = None
    author: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    only_annotated: bool | None = None
    entities: bool = False

    def filters_annotations(self) -> bool:
        return self.tag_ids is not None or bool(self.author) or self.since is not None or self.until is not None


@dataclass(frozen=True)
class ExportBatch:
    articles: list[ArticleRecord]
    annotations: list[AnnotationRecord]
    entities: dict[int, list[EntityRecord]] = field(default_factory=dict)


def _annotation_condition(sel: ExportSelection) -> Expression:
    cond = Annotation.id.is_null(False)
    if sel.tag_ids is not None:
        cond &= Annotation.id.in_(AnnotationTag.select(AnnotationTag.annotation)
                                  .where(AnnotationTag.tag.in_(list(sel.tag_ids))))
    if sel.author:
        cond &= Annotation.author == sel.author
    if sel.since is not None:
        cond &= Annotation.created >= dt.datetime.combine(sel.since, dt.time())
    if sel.until is not None:
        cond &= Annotation.created < dt.datetime.combine(sel.until + dt.timedelta(days=1), dt.time())
    return cond


def selected_article_ids(sel: ExportSelection) -> list[int]:
    """The articles of ``sel`` in export order."""
    if sel.article_ids is not None:
        ids = list(dict.fromkeys(sel.article_ids))
    else:
        from reader.store.listing import article_ids

        ids = article_ids()
    only = sel.only_annotated if sel.only_annotated is not None else sel.filters_annotations()
    if only:
        with_notes = {a for (a,) in Annotation.select(Annotation.article).where(_annotation_condition(sel))
                      .distinct().tuples()}
        ids = [i for i in ids if i in with_notes]
    return ids


def export_counts(sel: ExportSelection) -> tuple[int, int]:
    """(articles, annotations) that :func:`iter_export_rows` will yield."""
    ids = selected_article_ids(sel)
    cond = _annotation_condition(sel)
    total = 0
    for start in range(0, len(ids), 500):
        total += Annotation.select().where(cond & Annotation.article.in_(ids[start:start + 500])).count()
    return len(ids), total


def article_records(ids: Sequence[int]) -> list[ArticleRecord]:
    """Records of ``ids`` (in that order) in three queries."""
    rows = {r.id: r for r in Article.select(Article, SourceFile.name).join(SourceFile).where(Article.id.in_(list(ids)))}
    tags: dict[int, list[str]] = {}
    for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                             .where(ArticleTag.article.in_(list(ids))).order_by(ArticleTag.id).tuples()):
        tags.setdefault(article_id, []).append(name)
    out = []
    for i in ids:
        row = rows.get(i)
        if row is None:
            continue
        out.append(ArticleRecord(
            id=row.id, source=row.source.name, title=row.title, display_title=row.display_title,
            title_derived=row.title_derived, subtitle=row.subtitle, authors=tuple(row.authors or ()),
            photographers=tuple(row.photographers or ()), dateline=row.dateline, text=row.text,
            segments=tuple(Segment(k, s, e) for k, s, e in row.segments or ()), captions=_captions(row),
            kicker=row.kicker, column=row.column, position=row.position, state=row.state,
            tags=tuple(tags.get(row.id, ())), note=row.note,
        ))
    return out


def _annotations(ids: Sequence[int], cond: Expression) -> list[AnnotationRecord]:
    rows = list(Annotation.select().where(cond & Annotation.article.in_(list(ids)))
                .order_by(Annotation.article, Annotation.start, Annotation.id))
    names: dict[int, list[str]] = {}
    if rows:
        for ann_id, name in (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                             .where(AnnotationTag.annotation.in_([a.id for a in rows]))
                             .order_by(AnnotationTag.id).tuples()):
            names.setdefault(ann_id, []).append(name)
    order = {a: k for k, a in enumerate(ids)}
    rows.sort(key=lambda a: (order.get(a.article_id, 0), a.start, a.id))
    return [annotation_record(a, names.get(a.id, [])) for a in rows]


def _entities(ids: Sequence[int]) -> dict[int, list[EntityRecord]]:
    marks = ",".join("?" * len(ids))
    rows = database.execute_sql(
        'SELECT s."article_id", s."start", s."start" + s."len", t."name", n."text", o."name" FROM "entity_span" AS s '
        'JOIN "entity_name" AS n ON n."id" = s."name_id" JOIN "entity_type" AS t ON t."id" = s."type_id" '
        f'JOIN "entity_origin" AS o ON o."id" = s."origin_id" WHERE s."article_id" IN ({marks}) '
        'ORDER BY s."article_id", s."start", s."len"', list(ids))
    out: dict[int, list[EntityRecord]] = {i: [] for i in ids}
    for article_id, start, end, etype, text, origin in rows.fetchall():
        out[article_id].append(EntityRecord(start, end, etype, text, origin))
    return out


def iter_export_rows(
    sel: ExportSelection = ExportSelection(),
    batch_size: int = 200,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[ExportBatch]:
    """Batches of the selection (see the module docstring); stops early when ``cancelled()``.
    ``progress(articles done, articles, "")`` after each batch."""
    ids = selected_article_ids(sel)
    cond = _annotation_condition(sel)
    for start in range(0, len(ids), batch_size):
        if cancelled is not None and cancelled():
            return
        chunk = ids[start:start + batch_size]
        yield ExportBatch(article_records(chunk), _annotations(chunk, cond),
                          _entities(chunk) if sel.entities else {})
        if progress is not None:
            progress(min(start + batch_size, len(ids)), len(ids), "")
