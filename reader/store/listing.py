"""Paged article listing: ids in a sort order with the filters in SQL, and list rows by id.

This is what lazy list models sit on: :func:`article_ids` returns the ids of every matching
article in order (a list of ints is small even at 100,000 articles), :func:`article_rows` the
:class:`~reader.records.ArticleSummary` of a page of them, and :func:`article_count` the total.
Only the list's own columns are read, never an article's text; per-article counts come from the
kept-up-to-date aggregates of :mod:`reader.store.aggregates` when the schema has them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from peewee import Expression, fn

from reader.records import ArticleSummary
from reader.store.models import Article, ArticleTag, SourceFile, Tag

ArticleSort = Literal["page", "date", "title", "source", "paper", "chars", "entities",
                      "annotations", "state"]
ARTICLE_SORTS: tuple[str, ...] = ("page", "date", "title", "source", "paper", "chars", "entities",
                                  "annotations", "state")
STATES: tuple[str, ...] = ("unread", "read", "starred")


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows; every given criterion must hold.

    ``text``: each space-separated word occurs (case-insensitively for Latin letters) in the
    title, the page's source path, an author or an article tag.  ``state``: a reading state
    (``unread``, ``read``, ``starred``) or empty for any.  ``source``: the page's source path
    exactly.  ``tag``: the article or one of its annotations has this tag.  ``entity``: an
    entity with exactly this text occurs.  ``author``: one of the authors exactly.  ``since``/
    ``until``: the page date, inclusive (undated pages drop out when either is given)."""

    text: str = ""
    state: str = ""
    source: str | None = None
    tag: str | None = None
    entity: str | None = None
    author: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    include_retired: bool = False


def filter_condition(flt: ArticleFilter) -> Expression:
    """The peewee condition on :class:`Article` (joined with :class:`SourceFile`) for ``flt``."""
    from reader.store.search import article_filter

    cond = article_filter(
        sources=[flt.source] if flt.source is not None else None,
        tags=[flt.tag] if flt.tag is not None else None,
        entity=flt.entity, author=flt.author, include_retired=flt.include_retired,
        since=flt.since, until=flt.until,
    )
    if flt.state:
        cond &= Article.state == flt.state
    for word in flt.text.split():
        tagged = ArticleTag.select(ArticleTag.article).join(Tag).where(Tag.name.contains(word))
        cond &= (Article.display_title.contains(word) | SourceFile.name.contains(word)
                 | Article.authors.contains(word) | Article.id.in_(tagged))
    return cond


def _order(sort: str, descending: bool) -> list[object]:
    from reader.store import aggregates

    page = [SourceFile.id, Article.position]
    keys: dict[str, list[object]] = {
        "page": page,
        "date": [SourceFile.published, SourceFile.paper, SourceFile.page, *page],
        "title": [Article.display_title, *page],
        "source": [SourceFile.name, Article.position],
        "paper": [SourceFile.paper, SourceFile.published, SourceFile.page, *page],
        "chars": [Article.chars, *page],
        "state": [Article.state, *page],
        "entities": [aggregates.entity_count_expr(), *page],
        "annotations": [aggregates.annotation_count_expr(), *page],
    }
    if sort not in keys:
        raise ValueError(f"unknown article sort {sort!r} (one of {', '.join(ARTICLE_SORTS)})")
    first, *rest = keys[sort]
    if descending:
        return [first.desc(), *rest]  # type: ignore[attr-defined]
    return [first, *rest]


def article_count(flt: ArticleFilter = ArticleFilter()) -> int:
    """How many articles ``flt`` lets through."""
    return (Article.select(fn.COUNT(Article.id)).join(SourceFile)
            .where(filter_condition(flt)).scalar() or 0)


def article_ids(flt: ArticleFilter = ArticleFilter(), sort: str = "page", descending: bool = False,
                offset: int = 0, limit: int | None = None) -> list[int]:
    """Ids of the articles ``flt`` lets through, in ``sort`` order (ties by page order);
    ``offset``/``limit`` cut a window out of that order."""
    query = (Article.select(Article.id).join(SourceFile).where(filter_condition(flt))
             .order_by(*_order(sort, descending)))
    if limit is not None or offset:
        query = query.limit(-1 if limit is None else limit).offset(offset)
    return [i for (i,) in query.tuples()]


def article_rows(ids: Sequence[int]) -> list[ArticleSummary]:
    """The list rows of ``ids`` in the given order (unknown ids are skipped).  Reads the list
    columns only, never the articles' texts."""
    from reader.store import aggregates

    wanted = list(dict.fromkeys(ids))
    out: dict[int, ArticleSummary] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        counts = aggregates.article_counts(chunk)
        tags: dict[int, list[str]] = {}
        for article_id, name in (ArticleTag.select(ArticleTag.article, Tag.name).join(Tag)
                                 .where(ArticleTag.article.in_(chunk)).order_by(ArticleTag.id).tuples()):
            tags.setdefault(article_id, []).append(name)
        rows = (Article.select(Article.id, Article.position, Article.title, Article.display_title,
                               Article.title_derived, Article.authors, Article.chars, Article.state,
                               SourceFile.name, SourceFile.published, SourceFile.paper, SourceFile.page)
                .join(SourceFile).where(Article.id.in_(chunk)))
        for r in rows:
            n_ent, n_ann = counts.get(r.id, (0, 0))
            src = r.source
            out[r.id] = ArticleSummary(
                id=r.id, source=src.name, position=r.position, title=r.title,
                display_title=r.display_title, title_derived=r.title_derived,
                authors=tuple(r.authors or ()), chars=r.chars, entities=n_ent, annotations=n_ann,
                state=r.state, tags=tuple(tags.get(r.id, ())), date=src.published, paper=src.paper,
                page=src.page,
            )
    return [out[i] for i in ids if i in out]
