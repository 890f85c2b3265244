"""Paged article listing: ids in a sort order with the filters in SQL, and list rows by id.

This is what lazy list models sit on: :func:`article_ids` returns the ids of every matching
article in order (a list of ints is small even at 100,000 articles), :func:`article_rows` the
:class:`~reader.records.ArticleSummary` of a page of them, and :func:`article_count` the total.
Only the list's own columns are read, never an article's text; per-article counts come from the
kept-up-to-date aggregates of :mod:`reader.store.aggregates` when the schema has them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from peewee import Expression, fn

from reader.records import ArticleSummary
from reader.store.models import Article, ArticleTag, SourceFile, database

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
        label = ArticleTag.tag.rel_model  # article tags name article labels, not codebook tags
        tagged = ArticleTag.select(ArticleTag.article).join(label).where(label.name.contains(word))
        cond &= (Article.display_title.contains(word) | SourceFile.name.contains(word)
                 | (fn.INSTR(Article.authors, word) > 0) | Article.id.in_(tagged))
    return cond


def _order(sort: str, descending: bool) -> list[object]:
    from reader.store import aggregates

    page = [Article.source, Article.position]
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


def _base(flt: ArticleFilter, sort: str = "page", *fields: object):  # type: ignore[no-untyped-def]
    """The select over articles, joined with their pages only when the filter or sort needs it
    (the plain list is answered from the covering index alone)."""
    query = Article.select(*(fields or (Article.id,)))
    if flt.text.strip() or sort in ("date", "source", "paper"):
        query = query.join(SourceFile)
    return query.where(filter_condition(flt))


def article_count(flt: ArticleFilter = ArticleFilter()) -> int:
    """How many articles ``flt`` lets through."""
    return _base(flt, "page", fn.COUNT(Article.id)).scalar() or 0


def article_ids(flt: ArticleFilter = ArticleFilter(), sort: str = "page", descending: bool = False,
                offset: int = 0, limit: int | None = None) -> list[int]:
    """Ids of the articles ``flt`` lets through, in ``sort`` order (ties by page order);
    ``offset``/``limit`` cut a window out of that order."""
    query = _base(flt, sort).order_by(*_order(sort, descending))
    if limit is not None or offset:
        query = query.limit(-1 if limit is None else limit).offset(offset)
    sql, params = query.sql()  # the plain cursor: peewee's row wrapping costs ~5 us an id
    return [i for (i,) in database.execute_sql(sql, params).fetchall()]


_ROW = '"id", "source_id", "position", "title", "display_title", "title_derived", "authors", "chars", "state"'


def _scan_rows(wanted: list[int]) -> dict[int, list[tuple]]:  # type: ignore[type-arg]
    """The list columns of many articles in one pass over the covering index (reading the
    article rows would read their texts along), grouped like ``article_rows``' chunks."""
    found = {r[0]: r for r in database.execute_sql(
        f'SELECT {_ROW} FROM "article" INDEXED BY "article_list" WHERE "retired" IN (0, 1)').fetchall()}
    return {start: [found[i] for i in wanted[start:start + 500] if i in found]
            for start in range(0, len(wanted), 500)}


def article_rows(ids: Sequence[int]) -> list[ArticleSummary]:
    """The list rows of ``ids`` in the given order (unknown ids are skipped).  Reads the list
    columns only, never the articles' texts."""
    from reader.store import aggregates

    wanted = list(dict.fromkeys(ids))
    out: dict[int, ArticleSummary] = {}
    by_index = _scan_rows(wanted) if len(wanted) > 5000 else None
    pages: dict[int, tuple[str, dt.date | None, str | None, int | None]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        counts = aggregates.article_counts(chunk)
        marks = ",".join("?" * len(chunk))
        tags: dict[int, list[str]] = {}
        for article_id, name in database.execute_sql(
                f'SELECT l."article_id", t."name" FROM "article_tag" AS l JOIN "article_label" AS t ON t."id" = l."tag_id" '
                f'WHERE l."article_id" IN ({marks}) ORDER BY l."id"', chunk).fetchall():
            tags.setdefault(article_id, []).append(name)
        rows = by_index.get(start) if by_index is not None else database.execute_sql(
            f'SELECT {_ROW} FROM "article" WHERE "id" IN ({marks})', chunk).fetchall()
        missing = sorted({r[1] for r in rows} - set(pages))
        for k in range(0, len(missing), 500):
            part = missing[k:k + 500]
            for sid, name, published, paper, page in database.execute_sql(
                    'SELECT "id", "name", "published", "paper", "page" FROM "source_file" '
                    f'WHERE "id" IN ({",".join("?" * len(part))})', part).fetchall():
                pages[sid] = (name, dt.date.fromisoformat(published) if published else None, paper, page)
        for aid, sid, position, title, shown, derived, authors, chars, state in rows:
            n_ent, n_ann = counts.get(aid, (0, 0))
            name, published, paper, page = pages[sid]
            out[aid] = ArticleSummary(
                id=aid, source=name, position=position, title=title, display_title=shown,
                title_derived=bool(derived), authors=tuple(json.loads(authors) if authors else ()), chars=chars,
                entities=n_ent, annotations=n_ann, state=state, tags=tuple(tags.get(aid, ())), date=published,
                paper=paper, page=page,
            )
    return [out[i] for i in ids if i in out]


def article_titles(ids: Sequence[int]) -> dict[int, str]:
    """The shown titles of the articles ``ids`` (no text read)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        out.update(Article.select(Article.id, Article.display_title).where(Article.id.in_(chunk)).tuples())
    return out
