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
from reader.store.models import Article, SourceFile, database
from reader.store.scan import DEFAULT_TIMEOUT
from reader.store.search import KwicLine, SearchFilters, SearchHit, SearchPage


def entity_articles(name: str) -> set[int]:
    """Ids of the articles mentioning ``name`` or any other name of its alias group."""
    amap = alias_map()
    forms = sorted(amap.names_for(amap.canonical(name)))
    from reader.store.entities import articles_mentioning

    return set(articles_mentioning(forms))


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


def search_in(spec: object, query: str, *, limit: int | None = 200, **filters: object) -> list[SearchHit]:
    """:func:`search` restricted to the articles a filter SPEC selects (:mod:`reader.analysis.spec`;
    ``None`` or an empty SPEC: no restriction)."""
    from reader.analysis.spec import FilterSpec, select_ids

    if not isinstance(spec, FilterSpec) or spec.is_empty():
        return search(query, limit=limit, **filters)  # type: ignore[arg-type]
    keep = set(select_ids(spec))
    return [h for h in search(query, limit=None, **filters) if h.article_id in keep][:limit]  # type: ignore[arg-type]


def restrict_page(spec: object, page: SearchPage, offset: int = 0, limit: int | None = None) -> SearchPage:
    """``page`` (fetched without a limit) kept to the SPEC's articles, then cut to
    ``offset``/``limit``; the total counts the kept articles."""
    import dataclasses

    from reader.analysis.spec import select_ids

    keep = set(select_ids(spec))  # type: ignore[arg-type]
    hits = [h for h in page.hits if h.article_id in keep]
    end = None if limit is None else offset + limit
    return dataclasses.replace(page, hits=hits[offset:end], total=len(hits))


def stream_search_in(spec: object, query: str, *, limit: int = 500, emit: Callable[[list[SearchHit]], None] | None = None,
                     **kwargs: object) -> SearchPage:
    """:func:`stream_search` restricted to the articles a filter SPEC selects (streamed
    batches are filtered too)."""
    from reader.analysis.spec import FilterSpec, select_ids

    if not isinstance(spec, FilterSpec) or spec.is_empty():
        return stream_search(query, limit=limit, emit=emit, **kwargs)  # type: ignore[arg-type]
    keep = set(select_ids(spec))

    def kept(batch: list[SearchHit]) -> None:
        mine = [h for h in batch if h.article_id in keep]
        if mine and emit is not None:
            emit(mine)

    page = stream_search(query, limit=1 << 30, emit=kept if emit is not None else None, **kwargs)  # type: ignore[arg-type]
    return restrict_page(spec, page, 0, limit)


def kwic_in(spec: object, query: str, *, limit: int | None = 10_000, offset: int = 0,
            **kwargs: object) -> list[KwicLine]:
    """:func:`reader.store.search.kwic` restricted to the articles a filter SPEC selects;
    ``offset``/``limit`` cut a page out of the restricted lines (the concordance's next page)."""
    from reader.analysis.spec import FilterSpec, select_ids

    if not isinstance(spec, FilterSpec) or spec.is_empty():
        return core.kwic(query, limit=limit, offset=offset, **kwargs)  # type: ignore[arg-type]
    keep = set(select_ids(spec))
    kept = [k for k in core.kwic(query, limit=None, **kwargs) if k.article_id in keep]  # type: ignore[arg-type]
    return kept[offset:] if limit is None else kept[offset:offset + limit]


def kwic_sorted_in(spec: object, query: str, by: str = "right", *, descending: bool = False, offset: int = 0,
                   limit: int = 500, **kwargs: object) -> list[KwicLine]:
    """Lines ``offset`` to ``offset + limit`` of the concordance sorted ``by`` a context
    (:data:`KWIC_ORDERS`; ties in document order), restricted to the articles a filter SPEC
    selects.  The first page scans the lines once (streamed, cancellable) and keeps only their
    places in the sorted order; later pages are cut from that order without a rescan
    (:mod:`reader.analysis.kwic_pages`)."""
    from reader.analysis.kwic_pages import sorted_page

    return sorted_page(spec, query, by, descending=descending, offset=offset, limit=limit, **kwargs)  # type: ignore[arg-type]


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
    spec: object = None,
) -> SearchPage:
    """Ranked results ``offset`` to ``offset + limit`` (:func:`reader.store.search.search_page`,
    the search view's next page) with ``entity`` widened to its alias group, restricted to the
    articles a filter ``spec`` selects (:mod:`reader.analysis.spec`; None or empty: all)."""
    from reader.analysis.spec import FilterSpec

    flt = _filters(sources, tags, entity, author, since, until)
    if isinstance(spec, FilterSpec) and not spec.is_empty():
        every = core.search_page(query, regex=regex, filters=flt, limit=1 << 30, cancelled=cancelled)
        return restrict_page(spec, every, offset, limit)
    return core.search_page(query, regex=regex, filters=flt, offset=offset, limit=limit, cancelled=cancelled)


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


__all__ = ["article_titles", "author_names", "entity_articles", "kwic_in", "page_search", "restrict_page", "search",
           "search_in", "source_names", "stream_search", "stream_search_in"]
