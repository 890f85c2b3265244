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
    a tag and an entity co-occur when the tag is on the article (an article tag, or a tag of
    any of its annotations) and the entity is mentioned anywhere in it; the count is the
    number of articles.  Two tags co-occur when both are on one article.

Entity names are grouped under their canonical name (see :mod:`reader.entity_index`).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Literal

from peewee import fn

from reader.entity_index import INDEX_TYPES, alias_map
from reader.models import Annotation, AnnotationTag, Article, ArticleTag, Entity, SourceFile, Tag

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
    return Article.retired == False  # noqa: E712


def tag_counts() -> list[TagCount]:
    """Every tag in the codebook with its use, most used first (then by name)."""
    ann = Counter(dict(
        AnnotationTag.select(AnnotationTag.tag, fn.COUNT(AnnotationTag.id))
        .join(Annotation).join(Article).where(_live()).group_by(AnnotationTag.tag).tuples()))
    arts: dict[int, set[int]] = defaultdict(set)
    for tag_id, article_id in (AnnotationTag.select(AnnotationTag.tag, Annotation.article)
                               .join(Annotation).join(Article).where(_live()).tuples()):
        arts[tag_id].add(article_id)
    for tag_id, article_id in ArticleTag.select(ArticleTag.tag, ArticleTag.article).join(Article).where(_live()).tuples():
        arts[tag_id].add(article_id)
    out = [TagCount(name, ann.get(tag_id, 0), len(arts.get(tag_id, ())))
           for tag_id, name in Tag.select(Tag.id, Tag.name).tuples()]
    out.sort(key=lambda t: (-t.annotations, -t.articles, t.tag))
    return out


def _mentions(types: Iterable[str] | None) -> Iterable[tuple[int, int, int, str, str]]:
    """(article, start, end, canonical text, type) of every live mention of ``types``."""
    amap = alias_map()
    query = Entity.select(Entity.article, Entity.start, Entity.end, Entity.text, Entity.type).join(Article).where(_live())
    if types is not None:
        query = query.where(Entity.type.in_(list(types)))
    for article_id, start, end, text, etype in query.tuples().iterator():
        yield article_id, start, end, amap.canonical(text, etype), etype


def entity_frequencies(types: Iterable[str] | None = INDEX_TYPES, limit: int | None = None) -> list[EntityCount]:
    """Entities by number of mentions (aliases merged), most frequent first."""
    mentions: Counter[tuple[str, str]] = Counter()
    arts: dict[tuple[str, str], set[int]] = defaultdict(set)
    for article_id, _s, _e, text, etype in _mentions(types):
        mentions[(text, etype)] += 1
        arts[(text, etype)].add(article_id)
    out = [EntityCount(t, ty, n, len(arts[(t, ty)])) for (t, ty), n in mentions.items()]
    out.sort(key=lambda e: (-e.mentions, -e.articles, e.text, e.type))
    return out[:limit]


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
    for article_id, name in ArticleTag.select(ArticleTag.article, Tag.name).join(Tag).switch(ArticleTag).join(Article).where(_live()).tuples():
        tags[article_id].add(name)
    return tags


def tag_entity_cooccurrence(scope: Scope = "span", types: Iterable[str] | None = INDEX_TYPES) -> list[Pair]:
    """Tag–entity pairs with their count in ``scope`` (see the module docstring), highest first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    if scope == "span":
        by_article: dict[int, list[tuple[int, int, list[str]]]] = defaultdict(list)
        for article_id, start, end, names in _annotation_tags().values():
            by_article[article_id].append((start, end, names))
        for article_id, s, e, text, etype in _mentions(types):
            for start, end, names in by_article.get(article_id, ()):
                if start <= s and e <= end:
                    for name in names:
                        counts[(name, text, etype)] += 1
    elif scope == "article":
        tags = _article_tags()
        seen: set[tuple[int, str, str]] = set()
        for article_id, _s, _e, text, etype in _mentions(types):
            if (article_id, text, etype) in seen or article_id not in tags:
                continue
            seen.add((article_id, text, etype))
            for name in tags[article_id]:
                counts[(name, text, etype)] += 1
    else:
        raise ValueError(f"unknown scope {scope!r}")
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
    rows = (Article.select(Article.id, Article.display_title, SourceFile.name, fn.LENGTH(Article.text))
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
    rows = (SourceFile.select(SourceFile.name, fn.COUNT(Article.id), fn.COALESCE(fn.SUM(fn.LENGTH(Article.text)), 0))
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
    :func:`reader.search.export_kwic_csv` (open files with ``newline=""``)."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


__all__ = ["ArticleLength", "CorpusStats", "EntityCount", "Pair", "SourceCount", "TABLES", "TagCount",
           "article_lengths", "articles_per_source", "corpus_stats", "entity_frequencies",
           "length_histogram", "table_rows", "tag_counts", "tag_entity_cooccurrence",
           "tag_tag_cooccurrence", "write_csv"]
