"""Corpus statistics as plain data: tag counts, entity frequencies, co-occurrence, article
lengths and articles per source.  Pure functions of the bound database; nothing here formats
text for people.  Retired articles (kept only for orphaned annotations) are left out.

Co-occurrence comes in two scopes (``scope``):

``span``
    a tag and an entity co-occur when a recognised entity mention lies inside an anchored
    annotation carrying the tag (``ann.start <= ent.start`` and ``ent.end <= ann.end``); the
    count is the number of such (annotation, mention) pairs.  Two tags co-occur when one
    annotation carries both; the count is the number of annotations.
``article``
    a tag and an entity co-occur when the tag codes one of the article's annotations (article
    tags are not codes) and the entity is mentioned anywhere in it; the count is the number
    of articles.  Two tags co-occur when both code annotations of one article.

Entity names are grouped under their canonical name (see :mod:`reader.analysis.entity_index`).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Literal

from peewee import fn

from reader.analysis.entity_index import INDEX_TYPES, alias_map, entity_index
from reader.cells import guard_row
from reader.store.packed_text import text_expr
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    SourceFile,
    Tag,
    database,
)

Scope = Literal["span", "article"]


@dataclass(frozen=True)
class TagCount:
    """``annotations``: anchored and orphaned annotations carrying the tag; ``articles``:
    articles tagged directly or through one of their annotations."""

    tag: str
    annotations: int
    articles: int


@dataclass(frozen=True)
class EntityCount:
    text: str
    type: str
    mentions: int
    articles: int


@dataclass(frozen=True)
class Pair:
    """A co-occurring pair; for tag–entity pairs ``a`` is the tag and ``b`` the entity."""

    a: str
    b: str
    count: int
    b_type: str = ""


@dataclass(frozen=True)
class ArticleLength:
    article_id: int
    title: str
    source: str
    chars: int


@dataclass(frozen=True)
class SourceCount:
    source: str
    articles: int
    chars: int


@dataclass
class CorpusStats:
    """Everything the statistics view shows, computed in one pass of :func:`corpus_stats`."""

    articles: int = 0
    chars: int = 0
    tags: list[TagCount] = field(default_factory=list)
    entities: list[EntityCount] = field(default_factory=list)
    tag_entity: list[Pair] = field(default_factory=list)
    tag_tag: list[Pair] = field(default_factory=list)
    lengths: list[ArticleLength] = field(default_factory=list)
    sources: list[SourceCount] = field(default_factory=list)
    scope: str = "span"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _live() -> Any:
    return Article.retired == False


def tag_counts() -> list[TagCount]:
    """Every tag in the codebook with its use, most used first (then by name)."""
    ann = Counter(dict(
        AnnotationTag.select(AnnotationTag.tag, fn.COUNT(AnnotationTag.id))
        .join(Annotation).join(Article).where(_live()).group_by(AnnotationTag.tag).tuples()))
    arts: dict[int, set[int]] = defaultdict(set)
    for tag_id, article_id in (AnnotationTag.select(AnnotationTag.tag, Annotation.article)
                               .join(Annotation).join(Article).where(_live()).tuples()):
        arts[tag_id].add(article_id)
    out = [TagCount(name, ann.get(tag_id, 0), len(arts.get(tag_id, ())))
           for tag_id, name in Tag.select(Tag.id, Tag.name).tuples()]
    out.sort(key=lambda t: (-t.annotations, -t.articles, t.tag))
    return out


def entity_frequencies(types: Iterable[str] | None = INDEX_TYPES, limit: int | None = None) -> list[EntityCount]:
    """Entities by number of mentions (aliases merged), most frequent first."""
    return [EntityCount(e.name, e.type, e.mentions, len(e.articles)) for e in entity_index(types)][:limit]


def _annotation_tags() -> dict[int, tuple[int, int, int, list[str]]]:
    """annotation id -> (article, start, end, tag names) for anchored live annotations."""
    out: dict[int, tuple[int, int, int, list[str]]] = {}
    rows = (AnnotationTag.select(Annotation.id, Annotation.article, Annotation.start, Annotation.end, Tag.name)
            .join(Annotation).join(Article).switch(AnnotationTag).join(Tag)
            .where(_live() & (Annotation.status == "anchored")).order_by(Annotation.id, Tag.name).tuples())
    for ann_id, article_id, start, end, name in rows:
        out.setdefault(ann_id, (article_id, start, end, []))[3].append(name)
    return out


def _article_tags() -> dict[int, set[str]]:
    tags: dict[int, set[str]] = defaultdict(set)
    for article_id, _s, _e, names in _annotation_tags().values():
        tags[article_id].update(names)
    return tags


_TAGGED_SQL = (
    "SELECT n.article_id, n.start, n.\"end\", t.name FROM annotation AS n "
    "JOIN annotation_tag AS l ON l.annotation_id = n.id JOIN tag AS t ON t.id = l.tag_id "
    "WHERE n.status = 'anchored'{live}"  # codes only: article tags are not
)


def tag_entity_cooccurrence(scope: Scope = "span", types: Iterable[str] | None = INDEX_TYPES) -> list[Pair]:
    """Tag–entity pairs with their count in ``scope`` (see the module docstring), highest first.
    The coded passages come from SQL, the mentions of their live articles from the packed spans
    (:func:`reader.store.entities.spans_for_articles`); aliases are merged afterwards (article
    scope counts each article once)."""
    import numpy as np

    from reader.store.entities import name_texts, span_arrays, spans_for_articles, type_names

    amap = alias_map()
    wanted = None if types is None else set(types)
    if scope not in ("span", "article"):
        raise ValueError(f"unknown scope {scope!r}")
    live_only = " AND n.article_id IN (SELECT id FROM article WHERE retired = 0)"
    coded = database.execute_sql(_TAGGED_SQL.format(live=live_only if scope == "span" else ""), ()).fetchall()
    by_article: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for article_id, start, end, tag in coded:
        by_article[int(article_id)].append((int(start), int(end), str(tag)))
    counts: Counter[tuple[str, str, str]] = Counter()
    if scope == "span":  # the spans inside each passage, found in the decoded arrays
        found: Counter[tuple[str, int, int]] = Counter()
        type_of = type_names()
        type_ids = None if wanted is None else [i for i, name in type_of.items() if name in wanted]
        ids = sorted(by_article)
        for at in range(0, len(ids), 500):
            batch = ids[at:at + 500]
            doc, start, length, type_id, name_id, _origin = span_arrays(batch)
            if type_ids is not None:
                keep = np.isin(type_id, type_ids)
                doc, start, length, type_id, name_id = doc[keep], start[keep], length[keep], type_id[keep], name_id[keep]
            end = start + length
            bounds = np.searchsorted(doc, np.arange(len(batch) + 1))
            for d, article_id in enumerate(batch):
                lo, hi = int(bounds[d]), int(bounds[d + 1])
                if lo == hi:
                    continue
                starts, ends = start[lo:hi], end[lo:hi]
                for low, high, tag in by_article[article_id]:
                    for i in (np.flatnonzero((starts >= low) & (ends <= high)) + lo).tolist():
                        found[(tag, int(name_id[i]), int(type_id[i]))] += 1
        text_of = name_texts({n for _tag, n, _t in found})
        for (tag, name, etype_id), n in found.items():
            etype = type_of[etype_id]
            counts[(tag, amap.canonical(text_of[name], etype), etype)] += n
    else:
        spans: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
        for article_id, start_, end_, etype, text, _origin in spans_for_articles(by_article, types=wanted, live=True):
            spans[article_id].append((start_, end_, text, etype))
        seen: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        for article_id, mentions in spans.items():
            tags = {tag for _low, _high, tag in by_article[article_id]}
            for text, etype in {(text, etype) for _s, _e, text, etype in mentions}:
                for tag in tags:
                    seen[(tag, amap.canonical(text, etype), etype)].add(article_id)
        counts = Counter({key: len(ids) for key, ids in seen.items()})
    out = [Pair(a, b, n, t) for (a, b, t), n in counts.items()]
    out.sort(key=lambda p: (-p.count, p.a, p.b, p.b_type))
    return out


def tag_tag_cooccurrence(scope: Scope = "span") -> list[Pair]:
    """Unordered tag pairs (``a < b``) with their count in ``scope``, highest first."""
    if scope == "span":
        groups: Iterable[Iterable[str]] = (names for _a, _s, _e, names in _annotation_tags().values())
    elif scope == "article":
        groups = _article_tags().values()
    else:
        raise ValueError(f"unknown scope {scope!r}")
    counts: Counter[tuple[str, str]] = Counter()
    for names in groups:
        ordered = sorted(set(names))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                counts[(a, b)] += 1
    out = [Pair(a, b, n) for (a, b), n in counts.items()]
    out.sort(key=lambda p: (-p.count, p.a, p.b))
    return out


def article_lengths() -> list[ArticleLength]:
    """Every live article's length in code points, in source and page order."""
    rows = (Article.select(Article.id, Article.display_title, SourceFile.name, fn.LENGTH(text_expr(Article.text)))
            .join(SourceFile).where(_live()).order_by(SourceFile.name, Article.position).tuples())
    return [ArticleLength(i, title, source, int(n)) for i, title, source, n in rows]


def length_histogram(lengths: Sequence[int], bins: int = 10) -> list[tuple[int, int, int]]:
    """(low, high, count) for ``bins`` equal-width bins over ``lengths`` (high exclusive,
    except that the last bin includes the maximum)."""
    if not lengths:
        return []
    low, high = min(lengths), max(lengths)
    width = max(1, -(-(high - low + 1) // bins))
    counts = Counter(min((n - low) // width, bins - 1) for n in lengths)
    return [(low + i * width, low + (i + 1) * width, counts.get(i, 0)) for i in range(bins)
            if low + i * width <= high]


def articles_per_source() -> list[SourceCount]:
    rows = (SourceFile.select(SourceFile.name, fn.COUNT(Article.id), fn.COALESCE(fn.SUM(fn.LENGTH(text_expr(Article.text))), 0))
            .join(Article).where(_live()).group_by(SourceFile.id).order_by(SourceFile.name).tuples())
    return [SourceCount(name, n, int(chars)) for name, n, chars in rows]


def corpus_stats(
    scope: Scope = "span",
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CorpusStats | None:
    """All statistics at once (a long job on a big corpus); ``None`` when cancelled."""
    stats = CorpusStats(scope=scope)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("lengths", lambda: setattr(stats, "lengths", article_lengths())),
        ("sources", lambda: setattr(stats, "sources", articles_per_source())),
        ("tags", lambda: setattr(stats, "tags", tag_counts())),
        ("entities", lambda: setattr(stats, "entities", entity_frequencies())),
        ("tag_entity", lambda: setattr(stats, "tag_entity", tag_entity_cooccurrence(scope))),
        ("tag_tag", lambda: setattr(stats, "tag_tag", tag_tag_cooccurrence(scope))),
    ]
    for done, (name, step) in enumerate(steps):
        if cancelled is not None and cancelled():
            return None
        if progress is not None:
            progress(done, len(steps), name)
        step()
    if progress is not None:
        progress(len(steps), len(steps), "")
    stats.articles = len(stats.lengths)
    stats.chars = sum(a.chars for a in stats.lengths)
    return stats


TABLES: dict[str, tuple[str, ...]] = {
    "tags": ("tag", "annotations", "articles"),
    "entities": ("text", "type", "mentions", "articles"),
    "tag_entity": ("a", "b", "count", "b_type"),
    "tag_tag": ("a", "b", "count", "b_type"),
    "lengths": ("article_id", "title", "source", "chars"),
    "sources": ("source", "articles", "chars"),
}
"""The columns of each list in :class:`CorpusStats`, in CSV order."""


def table_rows(stats: CorpusStats, table: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """(header, rows) of one of :data:`TABLES` for CSV or display."""
    header = TABLES[table]
    rows = [tuple(getattr(item, col) for col in header) for item in getattr(stats, table)]
    return header, rows


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[str], *, bom: bool = False) -> int:
    """Write one table as CSV; returns rows written.  ``bom`` as in
    :func:`reader.store.search.export_kwic_csv` (open files with ``newline=""``)."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(guard_row(row))  # cells that would run as formulas stay text
        count += 1
    return count


__all__ = [
    "TABLES",
    "ArticleLength",
    "CorpusStats",
    "EntityCount",
    "Pair",
    "SourceCount",
    "TagCount",
    "article_lengths",
    "articles_per_source",
    "corpus_stats",
    "entity_frequencies",
    "length_histogram",
    "table_rows",
    "tag_counts",
    "tag_entity_cooccurrence",
    "tag_tag_cooccurrence",
    "write_csv",
]
