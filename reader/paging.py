"""Paged reads for lazy list models, mixed into ``Corpus``: counts, ids in order, rows by id.

Contract for a lazy model: keep the :meth:`PagingOps.article_ids` list (ints; about 1 MB at
100,000 articles), fetch :meth:`PagingOps.article_rows` for the rows being shown, a block at a
time, and re-fetch only the rows a ``Change`` names.  Sorting and filtering happen in SQL; no
call reads an article's text.

The names and signatures are those of the store's paged facade queries (issue 13, branch
``store``), of which this is the subset the article list needs; when that lands it replaces
this module (same API, with per-article counts from kept-up-to-date aggregates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from peewee import Case, fn

from reader.records import ArticleSummary
from reader.store.models import Annotation, Article, ArticleTag, Entity, SourceFile, database

ArticleSort = Literal["page", "date", "title", "source", "paper", "chars", "entities",
                      "annotations", "state"]
ARTICLE_SORTS: tuple[str, ...] = ("page", "date", "title", "source", "paper", "chars", "entities",
                                  "annotations", "state")
STATES: tuple[str, ...] = ("unread", "read", "starred")


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows.  ``text``: each space-separated word occurs (case-
    insensitively for Latin letters) in the title, the page's file name, an author or an
    article tag; ``state``: a reading state or empty for any."""

    text: str = ""
    state: str = ""
    include_retired: bool = False


def _condition(flt: ArticleFilter):  # type: ignore[no-untyped-def]
    label = ArticleTag.tag.rel_model  # the table article tags name
    cond = Article.id.is_null(False)
    if not flt.include_retired:
        cond &= Article.retired == False  # noqa: E712
    if flt.state:
        if flt.state not in STATES:
            raise ValueError(f"unknown reading state {flt.state!r}")
        cond &= Article.state == flt.state
    for word in flt.text.split():
        tagged = ArticleTag.select(ArticleTag.article).join(label).where(label.name.contains(word))
        cond &= (Article.display_title.contains(word) | SourceFile.name.contains(word)
                 | (fn.INSTR(Article.authors, word) > 0) | Article.id.in_(tagged))
    return cond


def _count(model, field):  # type: ignore[no-untyped-def]
    return fn.COALESCE(model.select(fn.COUNT(model.id)).where(field == Article.id), 0)


def _order(sort: str, descending: bool) -> list[object]:
    page = [SourceFile.id, Article.position]
    keys: dict[str, list[object]] = {
        "page": page,
        "date": [SourceFile.published, SourceFile.paper, SourceFile.page, *page],
        "title": [Article.display_title, *page],
        "source": [SourceFile.name, Article.position],
        "paper": [SourceFile.paper, SourceFile.published, SourceFile.page, *page],
        "chars": [Article.chars, *page],
        "state": [Case(Article.state, (("unread", 0), ("read", 1)), 2), *page],
        "entities": [_count(Entity, Entity.article), *page],
        "annotations": [_count(Annotation, Annotation.article), *page],
    }
    if sort not in keys:
        raise ValueError(f"unknown article sort {sort!r} (one of {', '.join(ARTICLE_SORTS)})")
    first, *rest = keys[sort]
    if descending:
        return [first.desc(), *rest]  # type: ignore[attr-defined]
    return [first, *rest]


class PagingOps:
    """Article list paging (see the module docstring)."""

    def article_count(self, filter: ArticleFilter = ArticleFilter()) -> int:  # noqa: A002
        """How many articles ``filter`` lets through."""
        return int(Article.select(fn.COUNT(Article.id)).join(SourceFile).where(_condition(filter)).scalar() or 0)

    def article_ids(
        self, sort: ArticleSort = "page", filter: ArticleFilter = ArticleFilter(),  # noqa: A002
        descending: bool = False, offset: int = 0, limit: int | None = None,
    ) -> list[int]:
        """Ids of the articles ``filter`` lets through in ``sort`` order (one of
        :data:`ARTICLE_SORTS`; ties in page order), optionally a window ``offset``/``limit``."""
        query = (Article.select(Article.id).join(SourceFile).where(_condition(filter))
                 .order_by(*_order(sort, descending)))
        if limit is not None or offset:
            query = query.limit(-1 if limit is None else limit).offset(offset)
        sql, params = query.sql()
        return [i for (i,) in database.execute_sql(sql, params).fetchall()]  # plain ints, no row objects

    def article_rows(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """The list rows of ``ids``, in the given order; ids that do not exist are skipped.
        Reads the list columns only, never the articles' texts."""
        wanted = list(dict.fromkeys(ids))
        label = ArticleTag.tag.rel_model
        out: dict[int, ArticleSummary] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            n_ent = dict(Entity.select(Entity.article, fn.COUNT(Entity.id)).where(Entity.article.in_(chunk))
                         .group_by(Entity.article).tuples())
            n_ann = dict(Annotation.select(Annotation.article, fn.COUNT(Annotation.id))
                         .where(Annotation.article.in_(chunk)).group_by(Annotation.article).tuples())
            tags: dict[int, list[str]] = {}
            for article_id, name in (ArticleTag.select(ArticleTag.article, label.name).join(label)
                                     .where(ArticleTag.article.in_(chunk)).order_by(ArticleTag.id).tuples()):
                tags.setdefault(article_id, []).append(name)
            rows = (Article.select(Article.id, Article.position, Article.title, Article.display_title,
                                   Article.title_derived, Article.authors, Article.chars, Article.state,
                                   SourceFile.name, SourceFile.published, SourceFile.paper, SourceFile.page)
                    .join(SourceFile).where(Article.id.in_(chunk)))
            for r in rows:
                src = r.source
                out[r.id] = ArticleSummary(
                    id=r.id, source=src.name, position=r.position, title=r.title,
                    display_title=r.display_title, title_derived=r.title_derived,
                    authors=tuple(r.authors or ()), chars=r.chars, entities=n_ent.get(r.id, 0),
                    annotations=n_ann.get(r.id, 0), state=r.state, tags=tuple(tags.get(r.id, ())),
                    date=src.published, paper=src.paper, page=src.page,
                )
        return [out[i] for i in ids if i in out]


__all__ = ["ARTICLE_SORTS", "ArticleFilter", "ArticleSort", "PagingOps"]
