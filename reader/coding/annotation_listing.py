"""Paged annotation listing for the lazy annotation view: ids in a sort order with the filters
in SQL, and list rows (record + article title) by id.

:func:`annotation_ids` returns the ids of every annotation a query lets through, ordered in SQL
(a list of ints stays small at 100,000 annotations); :func:`annotation_rows` the rows of a page
of them, reading only those annotations, their tag names and their articles' titles (never an
article's text).  No Qt here; the facade mixes these in through :class:`reader.paging.PagingOps`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.records import AnnotationRecord
from reader.store.listing import article_titles
from reader.store.models import Annotation, AnnotationTag, Tag
from reader.store.packed_text import GB18030, text_expr

if TYPE_CHECKING:
    from reader.coding.annotations import AnnotationQuery

ANNOTATION_SORTS: tuple[str, ...] = ("article", "quote", "author", "created", "updated", "status")


@dataclass(frozen=True)
class AnnotationRow:
    """One row of the annotation list: the annotation and its article's shown title."""

    record: AnnotationRecord
    article_title: str

    @property
    def id(self) -> int:
        return self.record.id


def _order(sort: str, descending: bool) -> list[object]:
    place = [Annotation.article, Annotation.start, Annotation.id]
    keys: dict[str, list[object]] = {
        "article": place,
        "quote": [text_expr(Annotation.quote), *place],  # the text (a file corpus stores it packed)
        "author": [Annotation.author, *place],
        "created": [Annotation.created, Annotation.id],
        "updated": [Annotation.updated, Annotation.id],
        "status": [Annotation.status, *place],
    }
    if sort not in keys:
        raise ValueError(f"unknown annotation sort {sort!r} (one of {', '.join(ANNOTATION_SORTS)})")
    first, *rest = keys[sort]
    if not descending:
        return [first, *rest]
    if sort in ("created", "updated"):  # equal times: the later annotation (higher id) first too
        return [first.desc(), Annotation.id.desc()]  # type: ignore[attr-defined]
    return [first.desc(), *rest]  # type: ignore[attr-defined]


def _quote_contains(part: str) -> object:
    """``quote`` contains ``part`` (as LIKE finds it, on the text: a file corpus stores quotes
    packed, step ``_packed_quotes``).  A GB18030 value holds the GB18030 bytes of every text it
    contains (the encoding is stateless), so ``instr`` on the stored bytes rules most rows out
    before a value is unpacked; not for a part with ASCII letters (LIKE ignores their case) or
    LIKE's wildcards."""
    from peewee import fn

    matches = text_expr(Annotation.quote).contains(part)
    if "%" in part or "_" in part or any(c.isascii() and c.isalpha() for c in part) or matches.lhs is Annotation.quote:
        return matches
    try:
        stored = bytes((GB18030,)) + part.encode("gb18030")
    except UnicodeEncodeError:
        return matches
    return ((fn.instr(Annotation.quote, stored[1:]) > 0) | (fn.typeof(Annotation.quote) != "blob")) & matches


def annotation_ids(query: AnnotationQuery, tag_ids: Sequence[int] | None = None, sort: str = "article",
                   descending: bool = False) -> list[int]:
    """Ids of the annotations ``query`` lets through in ``sort`` order (one of
    :data:`ANNOTATION_SORTS`; ties in article and text order).  ``tag_ids``: the query's tag and
    its descendants (the caller expands ``query.tag_id``)."""
    q = Annotation.select(Annotation.id)
    if tag_ids is not None:
        tagged = AnnotationTag.select(AnnotationTag.annotation).where(AnnotationTag.tag.in_(list(tag_ids)))
        q = q.where(Annotation.id.in_(tagged))
    if query.article_id is not None:
        q = q.where(Annotation.article == query.article_id)
    for part in query.text.split():
        q = q.where(_quote_contains(part) | Annotation.note.contains(part))
    if query.author.strip():
        q = q.where(Annotation.author.contains(query.author.strip()))
    if query.since is not None:
        q = q.where(Annotation.created >= _dt.datetime.combine(query.since, _dt.time()))
    if query.until is not None:
        q = q.where(Annotation.created < _dt.datetime.combine(query.until + _dt.timedelta(days=1), _dt.time()))
    if query.status:
        q = q.where(Annotation.status == query.status)
    if query.coders:
        q = q.where(Annotation.author.in_(list(query.coders)))
    return [i for (i,) in q.order_by(*_order(sort, descending)).tuples()]


def annotation_records(ids: Sequence[int]) -> list[AnnotationRecord]:
    """Records for ``ids`` (missing ids are skipped), in the given order."""
    from reader.store.rows import annotation_record

    wanted = list(dict.fromkeys(ids))
    rows: dict[int, Annotation] = {}
    names: dict[int, list[str]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows.update((a.id, a) for a in Annotation.select().where(Annotation.id.in_(chunk)))
        links = (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                 .where(AnnotationTag.annotation.in_(chunk)).order_by(AnnotationTag.id))
        for link in links:
            names.setdefault(link.annotation_id, []).append(link.tag.name)
    return [annotation_record(rows[i], names.get(i, [])) for i in ids if i in rows]


def annotation_rows(ids: Sequence[int]) -> list[AnnotationRow]:
    """The list rows of ``ids`` in the given order (unknown ids are skipped)."""
    records = annotation_records(ids)
    titles = article_titles([r.article_id for r in records])
    return [AnnotationRow(r, titles.get(r.article_id, "")) for r in records]
