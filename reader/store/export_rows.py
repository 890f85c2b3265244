"""Articles, annotations and entities for export, in batches: memory stays flat with corpus size.

:func:`iter_export_rows` yields :class:`ExportBatch` objects of up to ``batch_size`` articles in
page order, each with its selected annotations (article then text order) and, when asked, its
entities.  Every batch costs a handful of queries (no query per article or annotation); the
filters run in SQL.  :func:`export_counts` gives the totals for progress bars.  Streaming
exporters write each batch before asking for the next.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field

from peewee import Expression

from reader.records import AnnotationRecord, ArticleRecord, EntityRecord, Segment
from reader.store.models import Annotation, AnnotationTag, database
from reader.store.packed_text import unpack


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


_ARTICLE_COLUMNS = ('a."id", f."name", a."title", a."display_title", a."title_derived", a."subtitle", '
                    'a."authors", a."photographers", a."dateline", a."text", a."segments", a."structure", '
                    'a."kicker", a."column", a."position", a."state", a."note"')


def article_records(ids: Sequence[int]) -> list[ArticleRecord]:
    """Records of ``ids`` (in that order) in two queries, without building model objects."""
    marks = ",".join("?" * len(ids))
    rows = {r[0]: r for r in database.execute_sql(
        f'SELECT {_ARTICLE_COLUMNS} FROM "article" AS a JOIN "source_file" AS f ON f."id" = a."source_id" '
        f'WHERE a."id" IN ({marks})', list(ids)).fetchall()}
    tags: dict[int, list[str]] = {}
    for article_id, name in database.execute_sql(
            f'SELECT l."article_id", t."name" FROM "article_tag" AS l JOIN "tag" AS t ON t."id" = l."tag_id" '
            f'WHERE l."article_id" IN ({marks}) ORDER BY l."id"', list(ids)).fetchall():
        tags.setdefault(article_id, []).append(name)
    out = []
    for i in ids:
        row = rows.get(i)
        if row is None:
            continue
        (aid, source, title, shown, derived, subtitle, authors, photographers, dateline, text, segments,
         structure, kicker, column, position, state, note) = row
        text, segments, structure = unpack(text), unpack(segments), unpack(structure)
        parts = json.loads(segments) if segments else []
        stored = (json.loads(structure) if structure else {}).get("captions")
        captions = tuple(stored) if stored is not None else tuple(text[s:e] for k, s, e in parts if k == "caption")
        out.append(ArticleRecord(
            id=aid, source=source, title=title, display_title=shown, title_derived=bool(derived),
            subtitle=subtitle, authors=tuple(json.loads(authors) if authors else ()),
            photographers=tuple(json.loads(photographers) if photographers else ()), dateline=dateline,
            text=text, segments=tuple(Segment(k, s, e) for k, s, e in parts), captions=captions,
            kicker=kicker, column=column, position=position, state=state, tags=tuple(tags.get(aid, ())),
            note=note,
        ))
    return out


def _annotations(ids: Sequence[int], cond: Expression) -> list[AnnotationRecord]:
    fields = (Annotation.id, Annotation.article, Annotation.start, Annotation.end, Annotation.quote,
              Annotation.prefix, Annotation.suffix, Annotation.note, Annotation.author, Annotation.created,
              Annotation.updated, Annotation.status)
    rows = list(Annotation.select(*fields).where(cond & Annotation.article.in_(list(ids))).tuples())
    names: dict[int, list[str]] = {}
    if rows:
        marks = ",".join("?" * len(rows))
        for ann_id, name in database.execute_sql(
                f'SELECT l."annotation_id", t."name" FROM "annotation_tag" AS l JOIN "tag" AS t ON t."id" = l."tag_id" '
                f'WHERE l."annotation_id" IN ({marks}) ORDER BY l."id"', [r[0] for r in rows]).fetchall():
            names.setdefault(ann_id, []).append(name)
    order = {a: k for k, a in enumerate(ids)}
    rows.sort(key=lambda r: (order.get(r[1], 0), r[2], r[0]))
    return [AnnotationRecord(id=i, article_id=a, start=s, end=e, quote=q, prefix=p, suffix=x,
                             tags=tuple(names.get(i, ())), note=n, author=au, created=c, updated=u, status=st,
                             coder=au)
            for i, a, s, e, q, p, x, n, au, c, u, st in rows]


def _entities(ids: Sequence[int]) -> dict[int, list[EntityRecord]]:
    from reader.store.entities import entity_records

    return entity_records(ids)


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
