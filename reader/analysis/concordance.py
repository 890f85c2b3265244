"""Search that knows about entity aliases, on top of :mod:`reader.store.search`.

``reader.store.search.search(entity=...)`` keeps articles that mention that exact text.  The views
and the CLI call :func:`search` here instead, so that filtering by 娄星区 also keeps articles
that only say 娄底市娄星区 once the two are merged (see :mod:`reader.analysis.entity_index`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reader.analysis.entity_index import alias_map
from reader.store import search as core
from reader.store.models import Article, Entity, SourceFile, database
from reader.store.search import KwicLine, SearchHit


def entity_articles(name: str) -> set[int]:
    """Ids of the articles mentioning ``name`` or any other name of its alias group."""
    amap = alias_map()
    forms = sorted(amap.names_for(amap.canonical(name)))
    rows = Entity.select(Entity.article).where(Entity.text.in_(forms)).distinct().tuples()
    return {article_id for (article_id,) in rows}


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
) -> list[SearchHit]:
    """:func:`reader.store.search.search` with ``entity`` widened to its alias group."""
    amap = alias_map()
    if entity is None or len(amap.names_for(amap.canonical(entity))) == 1:
        return core.search(query, regex=regex, sources=sources, tags=tags, entity=entity, author=author,
                           limit=limit, since=since, until=until)
    wanted = entity_articles(entity)
    hits = core.search(query, regex=regex, sources=sources, tags=tags, author=author, limit=None,
                       since=since, until=until)
    return [h for h in hits if h.article_id in wanted][:limit]


def search_in(spec: object, query: str, *, limit: int | None = 200, **filters: object) -> list[SearchHit]:
    """:func:`search` restricted to the articles a filter SPEC selects (:mod:`reader.analysis.spec`;
    ``None`` or an empty SPEC: no restriction)."""
    from reader.analysis.spec import FilterSpec, select_ids

    if not isinstance(spec, FilterSpec) or spec.is_empty():
        return search(query, limit=limit, **filters)  # type: ignore[arg-type]
    keep = set(select_ids(spec))
    return [h for h in search(query, limit=None, **filters) if h.article_id in keep][:limit]  # type: ignore[arg-type]


def kwic_in(spec: object, query: str, *, limit: int | None = 10_000, **kwargs: object) -> list[KwicLine]:
    """:func:`reader.store.search.kwic` restricted to the articles a filter SPEC selects."""
    from reader.analysis.spec import FilterSpec, select_ids

    if not isinstance(spec, FilterSpec) or spec.is_empty():
        return core.kwic(query, limit=limit, **kwargs)  # type: ignore[arg-type]
    keep = set(select_ids(spec))
    return [k for k in core.kwic(query, limit=None, **kwargs) if k.article_id in keep][:limit]  # type: ignore[arg-type]


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


__all__ = ["article_titles", "author_names", "entity_articles", "kwic_in", "search", "search_in", "source_names"]
