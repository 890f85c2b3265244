"""Paged article listing for lazy list models, mixed into ``Corpus``.

Contract: :meth:`ArticleListing.article_ids` returns the ids of the articles a query selects,
filtered and ordered in SQL (never by loading rows into Python); the UI fetches the rows it
shows in small blocks through ``Corpus.article_summaries(ids)``.  :meth:`ArticleListing.page_facts`
and :meth:`ArticleListing.set_page_facts` read and edit what a page file knows about itself
(date, newspaper, printed page number); a write returns the :class:`Change` naming the
articles it touched.  No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case, fn

from reader.changes import Change, CorpusError
from reader.store.models import Annotation, Article, Entity, SourceFile

ORDERS = ("date", "title", "paper", "page", "source", "annotations", "entities", "chars", "state")
STATES = ("", "unread", "read", "starred")


@dataclass(frozen=True)
class ArticleQuery:
    """What an article list shows.  ``text``: every word must occur in the title, file name,
    authors, newspaper or an article tag (case-insensitive); ``state``: "" (any), unread, read,
    starred; ``order``: one of :data:`ORDERS` (``date`` is date, paper, page, then page-file
    order); ``pinned``: an article kept in the result whatever the filters say (the open one);
    ``within``: look only at these articles."""

    text: str = ""
    state: str = ""
    order: str = "date"
    descending: bool = False
    include_retired: bool = False
    pinned: int | None = None
    within: tuple[int, ...] | None = None  # only these articles (to re-check a few rows)


@dataclass(frozen=True)
class PageFacts:
    """What is known about one ingested page file (every article of it shares these)."""

    source: str
    path: str
    published: dt.date | None
    paper: str | None
    page: int | None
    encoding: str
    size: int
    ingested: dt.datetime


def _text_condition(word: str):  # type: ignore[no-untyped-def]
    from reader.store.models import ArticleTag

    like = f"%{word}%"
    tagged = ArticleTag.select(ArticleTag.article).where(ArticleTag.tag.in_(_label_ids(like)))
    return (
        Article.display_title.contains(word) | SourceFile.name.contains(word)
        | (fn.INSTR(Article.authors, word) > 0) | SourceFile.paper.contains(word)
        | Article.id.in_(tagged)
    )


def _label_ids(like: str):  # type: ignore[no-untyped-def]
    """Ids of the article-tag names matching ``like`` (the model ArticleTag links to)."""
    from reader.store.models import ArticleTag

    target = ArticleTag.tag.rel_model
    return target.select(target.id).where(target.name ** like)


def _order_by(order: str, descending: bool) -> list:  # type: ignore[type-arg]
    if order not in ORDERS:
        raise CorpusError("bad-order", f"unknown article order {order!r}; use one of {', '.join(ORDERS)}")
    tail = [SourceFile.name, Article.position, Article.id]
    if order == "date":
        keys = [SourceFile.published, SourceFile.paper, SourceFile.page]
    elif order == "title":
        keys = [Article.display_title]
    elif order == "paper":
        keys = [SourceFile.paper, SourceFile.published, SourceFile.page]
    elif order == "page":
        keys = [SourceFile.page, SourceFile.published, SourceFile.paper]
    elif order == "source":
        keys = []
    elif order == "annotations":
        keys = [fn.COALESCE(Annotation.select(fn.COUNT(Annotation.id)).where(Annotation.article == Article.id), 0)]
    elif order == "entities":
        keys = [fn.COALESCE(Entity.select(fn.COUNT(Entity.id)).where(Entity.article == Article.id), 0)]
    elif order == "chars":
        keys = [Article.chars]
    else:  # state: unread first, then read, then starred
        keys = [Case(Article.state, (("unread", 0), ("read", 1)), 2)]
    out = [key.desc(nulls="LAST") if descending else key.asc(nulls="LAST") for key in keys]
    out.extend(f.desc() if descending else f.asc() for f in tail)
    return out


class ArticleListing:
    """Article ids by query (SQL filter and order) and page-file facts; see the module doc."""

    def _article_query(self, query: ArticleQuery):  # type: ignore[no-untyped-def]
        if query.state not in STATES:
            raise CorpusError("bad-state", f"unknown reading state {query.state!r}")
        q = Article.select(Article.id).join(SourceFile)
        condition = None
        if not query.include_retired:
            condition = Article.retired == False  # noqa: E712
        if query.state:
            state = Article.state == query.state
            condition = state if condition is None else condition & state
        for word in query.text.split():
            part = _text_condition(word)
            condition = part if condition is None else condition & part
        if condition is not None:
            if query.pinned is not None:
                condition = condition | (Article.id == query.pinned)
            q = q.where(condition)
        if query.within is not None:
            q = q.where(Article.id.in_(list(query.within)))
        return q

    def article_count(self, query: ArticleQuery = ArticleQuery()) -> int:
        return int(self._article_query(query).count())

    def article_ids(self, query: ArticleQuery = ArticleQuery()) -> list[int]:
        """Ids of the articles ``query`` selects, in its order."""
        q = self._article_query(query).order_by(*_order_by(query.order, query.descending))
        return [row[0] for row in q.tuples()]

    def page_facts(self, source: str) -> PageFacts:
        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        return PageFacts(source=row.name, path=row.path, published=row.published, paper=row.paper,
                         page=row.page, encoding=row.encoding, size=row.size, ingested=row.ingested)

    def set_page_facts(self, source: str, published: dt.date | None, paper: str | None,
                       page: int | None) -> Change:
        """Set the date, newspaper and printed page number of the page file ``source`` (None
        or "" clears a fact); returns the articles of that page as changed."""
        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        if page is not None and page <= 0:
            raise CorpusError("bad-page", f"a page number is a positive number, not {page}")
        row.published = published
        row.paper = (paper or "").strip() or None
        row.page = page
        row.save()
        ids = tuple(a.id for a in Article.select(Article.id).where(Article.source == row))
        return Change("articles", ids)
