"""Keyword in context (KWIC): concordance lines for a query, an entity or a tag.

Lines come in document order (article id, then offset); every offset is a code point into
``Article.text``.  Re-exported by :mod:`reader.store.search` for older callers.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Literal

from peewee import SQL

from reader.cells import guard_row
from reader.store.models import Annotation, AnnotationTag, Article, Entity, Tag
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
    from reader.store.search import _matcher, _scan, _texts, article_filter

    cond = article_filter(sources, tags, entity, author, include_retired, since, until)
    lines: list[KwicLine] = []
    if kind == "text":
        if not query.strip() or (not regex and parse_query(query) is None):
            return []
        budget = Budget(timeout=timeout, cancelled=cancelled)
        test, expr = _matcher(query, regex, budget)
        if expr is not None:  # the index of whichever backend holds the corpus
            from reader.store.backend import current

            match, match_params = current().match_sql(expr)
            cond &= (Article.id.in_(SQL(f"({match})", match_params))
                     | Article.id.in_(SQL('(SELECT "article_id" FROM "article_index_queue")')))
        plain = expr is None and all(f is None for f in (sources, tags, entity, author, since, until))
        for article_id, title, text, hits in _scan(cond, test, budget, plain=plain):
            lines.extend(kwic_line(article_id, text, s, e, width, title) for s, e in hits)
            if limit is not None and len(lines) >= offset + limit:
                break
        return lines[offset:] if limit is None else lines[offset:offset + limit]
    if kind == "entity":
        spans = Entity.select(Entity.article, Entity.start, Entity.end, Entity.text).join(
            Article, on=(Entity.article == Article.id)
        ).where(cond)
        if entity_type:
            spans = spans.where(Entity.type == entity_type)
        if query and not regex:
            spans = spans.where(Entity.text == query)
        keep = _compile(query).search if (query and regex) else (lambda _t: True)
        rows = [(a, s, e) for a, s, e, t in spans.tuples() if keep(t)]
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
    texts = _texts(sorted({a for a, _, _ in rows}))
    for article_id, start, end in (rows[offset:] if limit is None else rows[offset:offset + limit]):
        title, text = texts[article_id]
        if 0 <= start < end <= len(text):
            lines.append(kwic_line(article_id, text, start, end, width, title))
    return lines


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


def sort_kwic(lines: Iterable[KwicLine], by: Literal["left", "match", "right", "position"] = "right") -> list[KwicLine]:
    """Lines sorted for reading: ``left`` by the left context read backwards from the match,
    ``right`` by the right context, ``match`` by the match then right context, ``position``
    by article and offset.  Stable: ties keep document order."""
    keys: dict[str, Callable[[KwicLine], object]] = {
        "left": lambda k: k.left[::-1],
        "right": lambda k: (k.right, k.match),
        "match": lambda k: (k.match, k.right),
        "position": lambda k: (k.article_id, k.start),
    }
    return sorted(lines, key=keys[by])


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
