"""Keyword in context (KWIC): concordance lines for a query, an entity or a tag.

Lines come in document order (article id, then offset); every offset is a code point into
``Article.text``.  Re-exported by :mod:`reader.store.search` for older callers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from dataclasses import dataclass
from typing import IO, Literal

from peewee import SQL, Expression

from reader.cells import guard_row
from reader.store.models import Annotation, AnnotationTag, Article, Tag, database
from reader.store.query import _compile, parse_query
from reader.store.scan import DEFAULT_TIMEOUT, Budget



@dataclass(frozen=True)
class KwicLine:
    """One concordance line: ``match == text[start:end]`` exactly; ``left``/``right`` are up to
    ``width`` code points either side, with line breaks and tabs shown as spaces."""

    article_id: int
    start: int
    end: int
    left: str
    match: str
    right: str
    title: str = ""


_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def kwic_line(article_id: int, text: str, start: int, end: int, width: int = 20, title: str = "") -> KwicLine:
    """The concordance line for ``text[start:end]``."""
    left = text[max(0, start - width) : start].translate(_BLANKS)
    right = text[end : end + width].translate(_BLANKS)
    return KwicLine(article_id, start, end, left, text[start:end], right, title)


def kwic(
    query: str,
    *,
    width: int = 20,
    regex: bool = False,
    kind: Literal["text", "entity", "tag"] = "text",
    entity_type: str | None = None,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | None = None,
    author: str | None = None,
    limit: int | None = 10_000,
    include_retired: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
    offset: int = 0,
) -> list[KwicLine]:
    """Concordance lines in document order (article id, then offset), at most ``limit`` from
    line ``offset`` on (a page of a long concordance).

    ``kind="text"``: every hit of ``query`` (query language, or a pattern when ``regex``) in
    the articles that match it.  ``kind="entity"``: recognised entities whose text equals
    ``query`` (or matches the pattern; an empty query means any), optionally of
    ``entity_type``.  ``kind="tag"``: passages of anchored annotations tagged ``query`` or
    one of its descendant tags (or any tag whose name matches the pattern).  Text scans stop
    after ``timeout`` seconds or when ``cancelled()`` with the lines found so far.
    """
    options = dict(width=width, regex=regex, kind=kind, entity_type=entity_type, sources=sources, tags=tags,
                   entity=entity, author=author, include_retired=include_retired, since=since, until=until,
                   timeout=timeout, cancelled=cancelled)
    if kind == "text":
        lines = iter_kwic(query, **options)  # type: ignore[arg-type]
        return list(islice(lines, offset, None if limit is None else offset + limit))
    rows = _span_rows(query, kind, regex, entity_type, _condition(options))
    return list(_lines_of(rows[offset:] if limit is None else rows[offset:offset + limit], width))


def iter_kwic(
    query: str,
    *,
    width: int = 20,
    regex: bool = False,
    kind: Literal["text", "entity", "tag"] = "text",
    entity_type: str | None = None,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | None = None,
    author: str | None = None,
    include_retired: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[KwicLine]:
    """Every line :func:`kwic` gives, one at a time in document order: texts are read a few
    hundred articles at a time, so that a caller that keeps only some lines (a sorted page)
    holds no more than those."""
    options = dict(sources=sources, tags=tags, entity=entity, author=author, include_retired=include_retired,
                   since=since, until=until)
    cond = _condition(options)
    if kind == "text":
        yield from _text_lines(query, cond, width, regex, timeout, cancelled, options)
        return
    yield from _lines_of(_span_rows(query, kind, regex, entity_type, cond), width)


def _condition(options: dict[str, object]) -> Expression:
    from reader.store.search import article_filter

    return article_filter(options.get("sources"), options.get("tags"), options.get("entity"),  # type: ignore[arg-type]
                          options.get("author"), bool(options.get("include_retired")),  # type: ignore[arg-type]
                          options.get("since"), options.get("until"))  # type: ignore[arg-type]


def _text_lines(query: str, cond: Expression, width: int, regex: bool, timeout: float | None,
                cancelled: Callable[[], bool] | None, options: dict[str, object]) -> Iterator[KwicLine]:
    from reader.store.search import _matcher, _scan

    if not query.strip() or (not regex and parse_query(query) is None):
        return
    budget = Budget(timeout=timeout, cancelled=cancelled)
    test, expr = _matcher(query, regex, budget)
    if expr is not None:  # the index of whichever backend holds the corpus
        from reader.store.backend import current

        match, match_params = current().match_sql(expr)
        cond &= (Article.id.in_(SQL(f"({match})", match_params))
                 | Article.id.in_(SQL('(SELECT "article_id" FROM "article_index_queue")')))
    plain = expr is None and all(options.get(f) is None for f in ("sources", "tags", "entity", "author", "since", "until"))
    for article_id, title, text, hits in _scan(cond, test, budget, plain=plain):
        for s, e in hits:
            yield kwic_line(article_id, text, s, e, width, title)


def _span_rows(query: str, kind: str, regex: bool, entity_type: str | None, cond: Expression) -> list[tuple[int, int, int]]:
    """``(article id, start, end)`` of the entity mentions or tagged passages, in document order."""
    if kind == "entity":
        from reader.store.entities import articles_mentioning, spans_for_articles

        types = [entity_type] if entity_type else None
        texts = [query] if (query and not regex) else None
        candidates = articles_mentioning(texts, types)
        chosen = Article.select(Article.id).where(
            cond & Article.id.in_(SQL('(SELECT value FROM json_each(?))', [json.dumps(candidates)])))
        ids = [a for (a,) in database.execute(chosen).fetchall()] if candidates else []
        keep = _compile(query).search if (query and regex) else (lambda _t: True)
        rows = [(a, s, e) for a, s, e, _type, t, _origin in spans_for_articles(ids, types=types, texts=texts)
                if keep(t)]
    elif kind == "tag":
        names = {t.name: t for t in Tag.select()}
        if regex:
            pattern = _compile(query)
            roots = [t.id for t in names.values() if pattern.search(t.name)]
        else:
            roots = [names[query].id] if query in names else []
        wanted = _descendants(roots)
        rows = list(
            Annotation.select(Annotation.article, Annotation.start, Annotation.end)
            .join(AnnotationTag, on=(AnnotationTag.annotation == Annotation.id))
            .switch(Annotation)
            .join(Article, on=(Annotation.article == Article.id))
            .where(cond & AnnotationTag.tag.in_(wanted) & (Annotation.status == "anchored"))
            .distinct()
            .tuples()
        )
    else:
        raise ValueError(f"unknown kwic kind {kind!r}")
    rows.sort()
    return rows


def _lines_of(rows: Sequence[tuple[int, int, int]], width: int, chunk: int = 300) -> Iterator[KwicLine]:
    """The lines of sorted ``rows``, reading the texts of ``chunk`` articles at a time."""
    from reader.store.search import _texts

    position = 0
    while position < len(rows):
        articles: list[int] = []
        end = position
        while end < len(rows) and (len(articles) < chunk or rows[end][0] == articles[-1]):
            if not articles or rows[end][0] != articles[-1]:
                articles.append(rows[end][0])
            end += 1
        texts = _texts(articles)
        for article_id, start, stop in rows[position:end]:
            title, text = texts[article_id]
            if 0 <= start < stop <= len(text):
                yield kwic_line(article_id, text, start, stop, width, title)
        position = end


def _descendants(roots: Iterable[int]) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for tag_id, parent in Tag.select(Tag.id, Tag.parent).tuples():
        children.setdefault(parent, []).append(tag_id)
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        tag_id = todo.pop()
        if tag_id not in seen:
            seen.add(tag_id)
            todo.extend(children.get(tag_id, []))
    return sorted(seen)


# sort key -> the key of a line (see sort_kwic)
KWIC_ORDERS: dict[str, Callable[[KwicLine], object]] = {
    "left": lambda k: k.left[::-1],
    "right": lambda k: (k.right, k.match),
    "match": lambda k: (k.match, k.right),
    "position": lambda k: (k.article_id, k.start),
}


def sort_kwic(lines: Iterable[KwicLine], by: Literal["left", "match", "right", "position"] = "right") -> list[KwicLine]:
    """Lines sorted for reading: ``left`` by the left context read backwards from the match,
    ``right`` by the right context, ``match`` by the match then right context, ``position``
    by article and offset.  Stable: ties keep document order."""
    return sorted(lines, key=KWIC_ORDERS[by])


KWIC_CSV_COLUMNS = ("article_id", "title", "start", "end", "left", "match", "right")


def export_kwic_csv(lines: Iterable[KwicLine], out: IO[str], *, bom: bool = False) -> int:
    """Write ``lines`` as CSV (header :data:`KWIC_CSV_COLUMNS`) to ``out``; returns rows written.

    Open files with ``encoding="utf-8", newline=""``.  ``bom=True`` writes a UTF-8 byte order
    mark first (``\\ufeff``), which Excel needs to read Chinese; leave it off for
    ``io.StringIO`` or when the caller writes the BOM (e.g. via ``encoding="utf-8-sig"``).
    """
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(KWIC_CSV_COLUMNS)
    count = 0
    for k in lines:
        writer.writerow(guard_row([k.article_id, k.title, k.start, k.end, k.left, k.match, k.right]))
        count += 1
    return count
