"""An :class:`~reader.exchange.source.ExportSource` that pages through the open corpus with SQL.

Article ids are read once (ints, in corpus order: source, then position); articles, their
annotations with tag names, article tags and entities are then read :data:`BATCH` articles at a
time, so memory is bounded by the batch, not the corpus.  Entity text is cut from the article
text (``text[start:end]``), never read from the entity rows.  Filters are SQL: articles, tags
(the caller passes a tag and its descendants), author (coder) and a creation-date range; with
an annotation filter only articles that keep an annotation are exported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import MISSING, dataclass, fields
from functools import cached_property
from typing import Any, TypeVar
from itertools import chain

import numpy as np
from peewee import JOIN, fn

from reader.exchange.source import ArticleItem, Cancelled, Progress, TaggedAnnotation, _Ticker
from reader.records import AnnotationRecord, ArticleRecord, EntityRecord, TagRecord
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    ArticleTag,
    SourceFile,
    Tag,
    database,
)
from reader.store.entities import entity_records, span_arrays
from reader.store.packed_text import unpack, unpack_many, unpack_many_units, unpack_many_utf8, unpack_short

BATCH = 500
R = TypeVar("R")


@dataclass(frozen=True)
class StoreQuery:
    """What to export: ``articles`` (empty = all), ``tags`` (None = any; else names, the caller
    having added descendants), ``author``, ``since``/``until`` (UTC creation dates, inclusive)."""

    articles: tuple[int, ...] = ()
    tags: frozenset[str] | None = None
    author: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    entities: bool = False

    @property
    def filters_annotations(self) -> bool:
        return self.tags is not None or bool(self.author) or self.since is not None or self.until is not None


def _t(model: type) -> str:
    return f'"{model._meta.table_name}"'  # type: ignore[attr-defined]


def _c(field: object) -> str:
    return f'"{field.column_name}"'  # type: ignore[attr-defined]


def _when(value: object) -> dt.datetime:
    """A stored DateTimeField value (text as peewee writes it) as a datetime."""
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime(1970, 1, 1)


def _day(value: object) -> dt.date | None:
    """A stored DateField value (ISO text on SQLite, a date on a server) as a date."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _maker(cls: type[R]) -> Callable[..., R]:
    """``cls(**fields)`` for a frozen dataclass, without its generated ``__init__`` (which sets
    each field through ``object.__setattr__``: about 3 us a record, a second per 100,000
    articles and their annotations).  The instance is the same: its ``__dict__`` holds every
    field, the defaults first; a class with ``__slots__`` or ``__post_init__`` is built the
    ordinary way."""
    if hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        return cls
    defaults = {f.name: f.default for f in fields(cls) if f.default is not MISSING}  # type: ignore[arg-type]
    factories = {f.name: f.default_factory for f in fields(cls) if f.default_factory is not MISSING}  # type: ignore[arg-type]
    new = object.__new__

    def make(**values: object) -> R:
        record = new(cls)
        state = record.__dict__
        state.update(defaults)
        for name, factory in factories.items():
            if name not in values:
                state[name] = factory()
        state.update(values)
        return record

    return make


def _chunks(ids: Sequence[int], size: int = BATCH) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


class StoreSource:
    """See the module docstring.  ``tags`` is the whole codebook in hierarchy order."""

    def __init__(self, query: StoreQuery, tags: list[TagRecord], project_name: str, author: str,
                 exported: dt.datetime, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
        self.query = query
        self.tags = tags
        self.project_name = project_name
        self.author = author
        self._exported = exported
        self.progress, self.cancelled = progress, cancelled
        articles = Article.select(Article.id).where(Article.retired == False)  # noqa: E712
        if query.articles:
            articles = articles.where(Article.id.in_(list(query.articles)))
        if query.filters_annotations:
            kept = Annotation.select(Annotation.article).where(*self._annotation_filters())
            articles = articles.where(Article.id.in_(kept))
        self.ids = [i for (i,) in database.execute_sql(*articles.order_by(Article.source, Article.position,
                                                                           Article.id).sql()).fetchall()]
        self.total_articles = len(self.ids)
        counted = (Annotation.select(fn.COUNT(Annotation.id)).join(Article)
                   .where(Article.retired == False, *self._annotation_filters()))  # noqa: E712
        if query.articles:
            counted = counted.where(Article.id.in_(list(query.articles)))
        self.total_annotations = counted.scalar() or 0
        self.variables = _variable_types()

    @cached_property
    def sources(self) -> dict[int, tuple[str, dt.date | None, str, int | None]]:
        """Every source file's ``(name, published, paper, page)`` by id (read when first needed:
        the BIO export of entities does not)."""
        return {sid: (name, _day(published), paper, page) for sid, name, published, paper, page in
                database.execute_sql(*SourceFile.select(SourceFile.id, SourceFile.name, SourceFile.published,
                                                        SourceFile.paper, SourceFile.page).sql()).fetchall()}

    # -- filters -------------------------------------------------------------------------
    def _annotation_filters(self) -> list[object]:
        q = self.query
        conds: list[object] = []
        if q.tags is not None:
            tagged = (AnnotationTag.select(AnnotationTag.annotation).join(Tag)
                      .where(Tag.name.in_(sorted(q.tags))))
            conds.append(Annotation.id.in_(tagged))
        if q.author:
            conds.append(Annotation.author == q.author)
        if q.since is not None:
            conds.append(Annotation.created >= dt.datetime.combine(q.since, dt.time()))
        if q.until is not None:
            conds.append(Annotation.created < dt.datetime.combine(q.until + dt.timedelta(days=1), dt.time()))
        return conds or [True]

    # -- reading (raw SQL over the models' own table and column names: the batch loop is the
    # hot path, and peewee's query building and value conversion would dominate it) -------
    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple]:
        return list(database.execute_sql(sql, list(params)).fetchall())

    def _annotation_sql(self) -> tuple[str, list[object]]:
        """A WHERE fragment (over ``a`` = the annotation table) for the annotation filters."""
        q = self.query
        parts, params = [], []
        if q.tags is not None:
            parts.append(f"a.{_c(Annotation.id)} IN (SELECT l.{_c(AnnotationTag.annotation)} FROM {_t(AnnotationTag)} l "
                         f"JOIN {_t(Tag)} g ON g.{_c(Tag.id)} = l.{_c(AnnotationTag.tag)} "
                         f"WHERE g.{_c(Tag.name)} IN (SELECT value FROM json_each(?)))")
            params.append(json.dumps(sorted(q.tags), ensure_ascii=False))
        if q.author:
            parts.append(f"a.{_c(Annotation.author)} = ?")
            params.append(q.author)
        if q.since is not None:
            parts.append(f"a.{_c(Annotation.created)} >= ?")
            params.append(f"{q.since.isoformat()} 00:00:00")
        if q.until is not None:
            parts.append(f"a.{_c(Annotation.created)} < ?")
            params.append(f"{(q.until + dt.timedelta(days=1)).isoformat()} 00:00:00")
        return " AND ".join(parts) or "1 = 1", params

    def _annotations(self, where: str, params: Sequence[object]) -> list[AnnotationRecord]:
        cond, cond_params = self._annotation_sql()
        a = [_c(f) for f in (Annotation.id, Annotation.article, Annotation.start, Annotation.end, Annotation.quote,
                             Annotation.prefix, Annotation.suffix, Annotation.note, Annotation.author,
                             Annotation.created, Annotation.updated, Annotation.status)]
        rows = self._rows(
            f"SELECT {', '.join('a.' + c for c in a)} FROM {_t(Annotation)} a WHERE {where} AND {cond} "
            f"ORDER BY a.{a[1]}, a.{a[2]}, a.{a[3]}, a.{a[0]}", [*params, *cond_params])
        names: dict[int, list[str]] = {}
        for ann_id, name in self._rows(
            f"SELECT l.{_c(AnnotationTag.annotation)}, g.{_c(Tag.name)} FROM {_t(AnnotationTag)} l "
            f"JOIN {_t(Tag)} g ON g.{_c(Tag.id)} = l.{_c(AnnotationTag.tag)} "
            f"WHERE l.{_c(AnnotationTag.annotation)} IN (SELECT value FROM json_each(?)) ORDER BY l.{_c(AnnotationTag.id)}",
            [json.dumps([r[0] for r in rows])],
        ):
            names.setdefault(ann_id, []).append(name)
        make = _ANNOTATION
        return [
            make(id=i, article_id=art, start=s, end=e, quote=unpack_short(q), prefix=unpack_short(p) or "",
                             suffix=unpack_short(x) or "", tags=tuple(names.get(i, ())), note=n or "", author=au or "", created=_when(c),
                             updated=_when(u), status=st or "anchored", coder=au or "")
            for i, art, s, e, q, p, x, n, au, c, u, st in rows
        ]

    def _articles(self, ids: Sequence[int], utf8: bool = False) -> list[tuple[ArticleRecord, tuple, bytes | None]]:
        batch = json.dumps(list(ids))
        tags: dict[int, list[str]] = {}
        label = ArticleTag.tag.rel_model  # article tags name labels of their own, not codes
        for art_id, name in self._rows(
            f"SELECT l.{_c(ArticleTag.article)}, g.{_c(label.name)} FROM {_t(ArticleTag)} l "
            f"JOIN {_t(label)} g ON g.{_c(label.id)} = l.{_c(ArticleTag.tag)} "
            f"WHERE l.{_c(ArticleTag.article)} IN (SELECT value FROM json_each(?)) ORDER BY l.{_c(ArticleTag.id)}",
            [batch],
        ):
            tags.setdefault(art_id, []).append(name)
        cols = [_c(f) for f in (Article.id, Article.source, Article.position, Article.title, Article.display_title,
                                Article.title_derived, Article.text, Article.state, Article.note)]
        rows = {r[0]: r for r in self._rows(
            f"SELECT {', '.join(cols)} FROM {_t(Article)} WHERE {cols[0]} IN (SELECT value FROM json_each(?))", [batch])}
        result = []
        packed = [rows[art_id][6] for art_id in ids]  # the batch's texts inflated in one go
        texts = unpack_many_utf8(packed) if utf8 else [(text, None) for text in unpack_many(packed)]
        for art_id, (text, raw) in zip(ids, texts):
            i, sid, position, title, display, derived, _packed, state, note = rows[art_id]
            name, published, paper, page = self.sources[sid]
            record = _ARTICLE(
                id=i, source=name, title=title, display_title=display or "", title_derived=bool(derived),
                subtitle=None, authors=(), photographers=(), dateline=None, text=text,
                position=position, state=state or "unread", tags=tuple(tags.get(i, ())), note=note or "",
            )
            result.append((record, (published, paper, page), raw))
        return result

    def _entities(self, texts: dict[int, str]) -> dict[int, list[EntityRecord]]:
        return {a: found for a, found in entity_records(list(texts), texts).items() if found}

    def annotated_ids(self) -> list[int]:
        """The exported articles that have a selected annotation, in export order."""
        if self.query.filters_annotations:
            return self.ids  # only such articles were selected
        cond, params = self._annotation_sql()
        having = {i for (i,) in self._rows(f"SELECT DISTINCT a.{_c(Annotation.article)} FROM {_t(Annotation)} a "
                                           f"WHERE {cond}", params)}
        return [i for i in self.ids if i in having]

    def items(self, annotated: bool = False, utf8: bool = False, variables: bool = True) -> Iterator[ArticleItem]:
        """Every exported article (``annotated``: only those with a selected annotation; the
        progress still counts every exported article, those skipped as passed; ``utf8``: each
        item carries its text's UTF-8 as inflated, where strict UTF-8 can write it;
        ``variables=False``: the document variables are not read, items carry none)."""
        ids = self.annotated_ids() if annotated else self.ids
        place = {i: k for k, i in enumerate(self.ids)} if ids is not self.ids else None
        ticker = _Ticker(self.total_articles, self.progress, self.cancelled)
        for chunk in _chunks(ids):
            ticker.step(0, "")
            articles = self._articles(chunk, utf8)
            anns: dict[int, list[AnnotationRecord]] = {}
            for ann in self._annotations(f"a.{_c(Annotation.article)} IN (SELECT value FROM json_each(?))",
                                         [json.dumps(list(chunk))]):
                anns.setdefault(ann.article_id, []).append(ann)
            entities = self._entities({a.id: a.text for a, _f, _u in articles}) if self.query.entities else {}
            values = _article_variables(chunk) if self.variables and variables else {}
            for record, (published, paper, page), raw in articles:
                yield _ITEM(article=record, annotations=anns.get(record.id, []), entities=entities.get(record.id, []),
                            date=published, paper=paper, page=page, variables=values.get(record.id, {}), utf8=raw)
            passed = len(chunk) if place is None else place[chunk[-1]] + 1 - ticker.done
            ticker.step(passed, articles[-1][0].display_title if articles else "")
        if place is not None and ticker.done < self.total_articles:
            ticker.step(self.total_articles - ticker.done, "")

    def entity_batches(self) -> Iterator[tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]]:
        """The texts and entity spans of every article, a batch at a time, as arrays for the BIO
        exporter: ``(texts, doc, start, end, type, type names)`` (``doc`` indexes ``texts``,
        ``type`` the names).  No record per entity: at 100,000 articles there are millions."""
        for listed, _lengths, doc, start, end, kind, names in self._entity_batches(False):
            yield listed, doc, start, end, kind, names

    def entity_unit_batches(self) -> Iterator[tuple[list[str] | np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                    np.ndarray, np.ndarray, list[str]]]:
        """:meth:`entity_batches` with each batch's texts as code units where it can, no strings
        made: ``(texts, lengths, doc, start, end, type, type names)``, where ``texts`` is either a
        uint16 array of two newlines and then the text, for each text in turn (see
        :func:`reader.store.packed_text.unpack_many_units`), or, for a batch where that cannot
        be (a code point beyond the BMP), the list of texts."""
        return self._entity_batches(True)

    def _entity_batches(self, units: bool) -> Iterator[tuple[Any, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                             np.ndarray, list[str]]]:
        kinds = self._rows('SELECT "id", "name" FROM "entity_type" ORDER BY "id"', [])
        type_ids = np.array([kind_id for kind_id, _name in kinds], dtype=np.int64)
        names = [name for _id, name in kinds]
        ticker = _Ticker(self.total_articles, self.progress, self.cancelled)
        for chunk in _chunks(self.ids):
            ticker.step(0, "")
            batch = json.dumps(list(chunk))
            texts = dict(self._rows(f"SELECT {_c(Article.id)}, {_c(Article.text)} FROM {_t(Article)} "
                                    f"WHERE {_c(Article.id)} IN (SELECT value FROM json_each(?))", [batch]))
            values = [texts.get(i, "") for i in chunk]
            read = unpack_many_units(values, "\n\n") if units else None
            if read is not None:
                listed, lengths = read
            else:
                listed = unpack_many(values)
                lengths = np.fromiter(map(len, listed), dtype=np.int64, count=len(listed))
            doc, start, length, kind, _name, _origin = span_arrays(chunk)
            end = start + length
            ok = (start >= 0) & (length > 0) & (end <= lengths[doc])
            yield listed, lengths, doc[ok], start[ok], end[ok], np.searchsorted(type_ids, kind[ok]), names
            ticker.step(len(chunk), "")

    def authors(self) -> list[str]:
        return sorted(a for (a,) in Annotation.select(Annotation.author).distinct()
                      .where(*self._annotation_filters()).tuples())

    def tag_counts(self) -> dict[str, int]:
        query = (AnnotationTag.select(Tag.name, fn.COUNT(AnnotationTag.id)).join(Tag)
                 .switch(AnnotationTag).join(Annotation).join(Article)
                 .where(Article.retired == False, *self._annotation_filters())  # noqa: E712
                 .group_by(Tag.name))
        if self.query.articles:
            query = query.where(Article.id.in_(list(self.query.articles)))
        return dict(query.tuples())

    def tagged(self, tag: str | None) -> Iterator[TaggedAnnotation]:
        """Annotations carrying ``tag`` (None: carrying none), in corpus order, paged."""
        query = (Annotation.select(Annotation.id).join(Article)
                 .where(Article.retired == False, *self._annotation_filters()))  # noqa: E712
        if self.query.articles:
            query = query.where(Article.id.in_(list(self.query.articles)))
        if tag is None:
            query = (query.switch(Annotation).join(AnnotationTag, JOIN.LEFT_OUTER)
                     .where(AnnotationTag.id.is_null()))
        else:
            query = query.switch(Annotation).join(AnnotationTag).join(Tag).where(Tag.name == tag)
        ids = [i for (i,) in query.order_by(Article.source, Article.position, Annotation.start,
                                            Annotation.end, Annotation.id).tuples()]
        order = {i: k for k, i in enumerate(ids)}
        ticker = _Ticker(len(ids), None, self.cancelled)
        for chunk in _chunks(ids):
            ticker.step(0, "")
            batch = json.dumps(list(chunk))
            heads = {i: (t or d or "", self.sources[sid][0]) for i, t, d, sid in self._rows(
                f"SELECT r.{_c(Article.id)}, r.{_c(Article.title)}, r.{_c(Article.display_title)}, r.{_c(Article.source)} "
                f"FROM {_t(Article)} r WHERE r.{_c(Article.id)} IN (SELECT a.{_c(Annotation.article)} FROM "
                f"{_t(Annotation)} a WHERE a.{_c(Annotation.id)} IN (SELECT value FROM json_each(?)))", [batch])}
            for ann in sorted(self._annotations(f"a.{_c(Annotation.id)} IN (SELECT value FROM json_each(?))", [batch]),
                              key=lambda a: order[a.id]):
                title, source = heads[ann.article_id]
                yield TaggedAnnotation(ann, title, source)

    def exported_at(self) -> dt.datetime:
        return self._exported


_ARTICLE = _maker(ArticleRecord)
_ANNOTATION = _maker(AnnotationRecord)
_ITEM = _maker(ArticleItem)


def _variable_types() -> dict[str, str]:
    """Every document variable (built-in, then the user's) with its REFI-QDA type."""
    from reader.analysis.variables import variable_types

    return variable_types()


def _article_variables(ids: Sequence[int]) -> dict[int, dict[str, str | None]]:
    from reader.analysis.variables import article_variables

    return article_variables(ids)
