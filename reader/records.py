"""Plain, typed records that cross the core's boundary.

The corpus facade returns these to the UI and CLI; exporters and importers read and build them.
Every offset is a Unicode code point into the owning article's ``text``, end exclusive.
They never hold database handles, so they can be built freely in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

ENTITY_TYPES: tuple[str, ...] = ("PER", "LOC", "ORG", "DATE", "NUM")


@dataclass(frozen=True)
class Segment:
    """A structural part of an article's text: ``kind`` is one of title, subtitle, kicker,
    column, byline, heading, paragraph, caption, note."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityRecord:
    start: int
    end: int
    type: str
    text: str
    source: str = "rule"


@dataclass(frozen=True)
class TagRecord:
    id: int
    name: str
    parent_id: int | None = None
    color: str = "#4e79a7"
    description: str = ""

    def path(self, by_id: dict[int, "TagRecord"]) -> list[str]:
        """Names from the root down to this tag."""
        names = [self.name]
        seen = {self.id}
        parent = self.parent_id
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            names.append(by_id[parent].name)
            parent = by_id[parent].parent_id
        return list(reversed(names))


@dataclass(frozen=True)
class AnnotationRecord:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    tags: tuple[str, ...]
    note: str
    author: str
    created: datetime
    updated: datetime
    status: str = "anchored"  # or "orphan"
    coder: str = ""  # the coder's name (``author`` holds the same, for older readers)
    # row version: bumped by every change to the annotation or its tags (see
    # ``Corpus.update_annotation(expected_version=...)``); not part of equality
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class CoderRecord:
    """A named coder (team coding); ``annotations`` counts the annotations they made."""

    id: int
    name: str
    color: str
    annotations: int = 0

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "color": self.color, "annotations": self.annotations}


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    source: str
    title: str | None
    display_title: str
    title_derived: bool
    subtitle: str | None
    authors: tuple[str, ...]
    photographers: tuple[str, ...]
    dateline: str | None
    text: str
    segments: tuple[Segment, ...] = ()
    captions: tuple[str, ...] = ()
    kicker: str | None = None
    column: str | None = None
    position: int = 0
    state: str = "unread"  # unread, read, starred
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass
class ExportBundle:
    """Everything an exporter needs, already filtered by the caller."""

    articles: list[ArticleRecord]
    annotations: list[AnnotationRecord]
    tags: list[TagRecord]
    entities: dict[int, list[EntityRecord]] = field(default_factory=dict)
    project_name: str = "Pizhu corpus"
    author: str = "pizhu"
    exported: datetime | None = None

    def article(self, article_id: int) -> ArticleRecord:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    source: str
    position: int
    title: str | None
    display_title: str
    title_derived: bool
    authors: tuple[str, ...]
    chars: int
    entities: int
    annotations: int
    state: str
    tags: tuple[str, ...] = field(default_factory=tuple)
    date: date | None = None  # the page's publication date
    paper: str | None = None  # the newspaper
    page: int | None = None  # the printed page number

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "source": self.source, "position": self.position, "title": self.title,
            "display_title": self.display_title, "title_derived": self.title_derived,
            "authors": list(self.authors), "chars": self.chars, "entities": self.entities,
            "annotations": self.annotations, "state": self.state, "tags": list(self.tags),
            "date": self.date.isoformat() if self.date else None, "paper": self.paper,
            "page": self.page,
        }
