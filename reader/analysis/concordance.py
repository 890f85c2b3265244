"""Search that knows about entity aliases, on top of :mod:`reader.store.search`.

``reader.store.search.search(entity=...)`` keeps articles that mention that exact text.  The views
and the CLI call :func:`search` here instead, so that filtering by 娄星区 also keeps articles
that only say 娄底市娄星区 once the two are merged (see :mod:`reader.analysis.entity_index`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from reader.analysis.entity_index import alias_map
from reader.store import search as core
from reader.store.models import Article, Entity, SourceFile, database
from reader.store.scan import DEFAULT_TIMEOUT
from reader.store.search import SearchFilters, SearchHit, SearchPage


def entity_articles(name: str) -> set[int]:
    """Ids of the articles mentioning ``name`` or any other name of its alias group."""
    amap = alias_map()
    forms = sorted(amap.names_for(amap.canonical(name)))
    rows = Entity.select(Entity.article).where(Entity.text.in_(forms)).distinct().tuples()
    return {article_id for (article_id,) in rows}


def entity_forms(name: str) -> list[str]:
    """``name`` and every other name of its alias group, for the search filters."""
    amap = alias_map()
    return sorted(amap.names_for(amap.canonical(name)))


def search(
    query: str,
    *,
    regex: bool = False,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | None = None,
    author: str | None = None,
    limit: int | None = 200,
    since: dt.date | None = None,
    until: dt.date | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> list[SearchHit]:
    """:func:`reader.store.search.search` with ``entity`` widened to its alias group."""
    forms = entity_forms(entity) if entity is not None else None
    return core.search(query, regex=regex, sources=sources, tags=tags, entity=forms, author=author,
                       limit=limit, since=since, until=until, timeout=timeout)


def stream_search(
    query: str,
    *,
    regex: bool = False,
    limit: int = 500,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | None = None,
    author: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    emit: Callable[[list[SearchHit]], None] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SearchPage:
    """:func:`reader.store.search.stream_search` (the search view's job) with ``entity``
    widened to its alias group."""
    flt = _filters(sources, tags, entity, author, since, until)
    return core.stream_search(query, regex=regex, filters=flt, limit=limit, timeout=timeout, emit=emit,
                              progress=progress, cancelled=cancelled)


def page_search(
    query: str,
    *,
    regex: bool = False,
    offset: int = 0,
    limit: int = 100,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | None = None,
    author: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SearchPage:
    """Ranked results ``offset`` to ``offset + limit`` (:func:`reader.store.search.search_page`,
    the search view's next page) with ``entity`` widened to its alias group."""
    return core.search_page(query, regex=regex, filters=_filters(sources, tags, entity, author, since, until),
                            offset=offset, limit=limit, cancelled=cancelled)


def _filters(sources: Iterable[int | str] | None, tags: Iterable[str] | None, entity: str | None,
             author: str | None, since: dt.date | None, until: dt.date | None) -> SearchFilters:
    return SearchFilters(sources=sources, tags=tags, entity=entity_forms(entity) if entity is not None else None,
                         author=author, since=since, until=until)


def source_names() -> list[str]:
    """Names of the ingested source files, sorted (a choice list for the source filter)."""
    return [name for (name,) in SourceFile.select(SourceFile.name).order_by(SourceFile.name).tuples()]


def author_names() -> list[str]:
    """Every author named in a live article's byline, sorted (for the author filter)."""
    rows = database.execute_sql(
        "SELECT DISTINCT j.value FROM article AS a, json_each(a.authors) AS j "
        "WHERE a.retired = 0 ORDER BY j.value").fetchall()
    return [str(name) for (name,) in rows if name]


def article_titles() -> dict[int, str]:
    """Article id -> shown title, for labels and tooltips (cheap on large corpora)."""
    return dict(Article.select(Article.id, Article.display_title).tuples())


__all__ = ["article_titles", "author_names", "entity_articles", "page_search", "search", "source_names"]
