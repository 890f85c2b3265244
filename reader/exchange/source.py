"""What exporters read: an :class:`ExportSource` yields the corpus article by article, with each
article's annotations, entities and document variables, so that every exporter writes while it reads and memory
stays flat with the corpus size.

Two sources fulfil the contract: :class:`BundleSource` over an in-memory
:class:`~reader.records.ExportBundle` (tests, small exports), and
:class:`~reader.exchange.store_source.StoreSource`, which pages through the database with SQL.
Both give articles in corpus order, annotations sorted by position, the codebook in hierarchy
order (:func:`~reader.exchange.exporters.base.all_tags`), and report progress and honour
cancellation between batches.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from reader.records import AnnotationRecord, ArticleRecord, EntityRecord, ExportBundle, TagRecord

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class ExportCancelled(Exception):
    """Raised by a source when the caller's ``cancelled()`` turned true; nothing is kept."""


@dataclass(frozen=True)
class ArticleItem:
    """One article as exported: the record, its annotations (sorted by start, end, id), its
    entities (``text`` cut from the article text), and the page facts of its source."""

    article: ArticleRecord
    annotations: list[AnnotationRecord]
    entities: list[EntityRecord] = field(default_factory=list)
    date: dt.date | None = None
    paper: str | None = None
    page: int | None = None
    variables: dict[str, str | None] = field(default_factory=dict)  # document variables by name
    utf8: bytes | None = None  # the text's UTF-8, when the source has it at hand (``items(utf8=True)``)


@dataclass(frozen=True)
class TaggedAnnotation:
    """An annotation with what a report cites about its article."""

    annotation: AnnotationRecord
    title: str
    source: str


@runtime_checkable
class ExportSource(Protocol):
    project_name: str
    author: str
    tags: list[TagRecord]  # the codebook, parents before children, names unique
    total_articles: int
    total_annotations: int
    variables: dict[str, str]  # the document variables items carry: name → REFI-QDA type

    def items(self, annotated: bool = False, utf8: bool = False, variables: bool = True) -> Iterator[ArticleItem]: ...
    # annotated: only articles with an annotation; utf8: items may carry their text's UTF-8;
    # variables=False: items need not carry the document variables (the source may leave them out)
    def authors(self) -> list[str]: ...
    def tag_counts(self) -> dict[str, int]: ...
    def tagged(self, tag: str | None) -> Iterator[TaggedAnnotation]: ...
    def exported_at(self) -> dt.datetime: ...


class _Ticker:
    """Progress and cancellation between batches."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total, self.progress, self.cancelled = total, progress, cancelled
        self.done = 0

    def step(self, n: int, label: str) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, label)


class BundleSource:
    """An :class:`ExportSource` over an :class:`ExportBundle` already in memory."""

    def __init__(self, bundle: ExportBundle, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
        from reader.exchange.exporters.base import all_tags, annotations_by_article

        self.bundle = bundle
        self.project_name = bundle.project_name
        self.author = bundle.author
        self.tags = all_tags(bundle)
        self._grouped = annotations_by_article(bundle)
        self.total_articles = len(bundle.articles)
        self.total_annotations = sum(len(v) for v in self._grouped.values())
        self.variables: dict[str, str] = {}  # a bundle carries no document variables
        self.progress, self.cancelled = progress, cancelled

    def items(self, annotated: bool = False, utf8: bool = False, variables: bool = True) -> Iterator[ArticleItem]:
        ticker = _Ticker(self.total_articles, self.progress, self.cancelled)
        for art in self.bundle.articles:
            if annotated and not self._grouped[art.id]:
                ticker.step(1, art.display_title)
                continue
            text = art.text
            entities = [e for e in self.bundle.entities.get(art.id, [])
                        if 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text]
            yield ArticleItem(art, self._grouped[art.id], entities)
            ticker.step(1, art.display_title)

    def authors(self) -> list[str]:
        from reader.exchange.exporters.base import coder_of

        return sorted({coder_of(a) for anns in self._grouped.values() for a in anns})

    def tag_counts(self) -> dict[str, int]:
        return dict(Counter(t for anns in self._grouped.values() for a in anns for t in dict.fromkeys(a.tags)))

    def tagged(self, tag: str | None) -> Iterator[TaggedAnnotation]:
        from reader.exchange.exporters.base import article_title

        ticker = _Ticker(self.total_articles, None, self.cancelled)
        for art in self.bundle.articles:
            ticker.step(0, "")
            for ann in self._grouped[art.id]:
                if (tag in ann.tags) if tag is not None else not ann.tags:
                    yield TaggedAnnotation(ann, article_title(art), art.source)

    def exported_at(self) -> dt.datetime:
        from reader.exchange.exporters.base import exported_at

        return exported_at(self.bundle)


def as_source(data: ExportBundle | ExportSource) -> ExportSource:
    """``data`` as an :class:`ExportSource` (a bundle is wrapped)."""
    return BundleSource(data) if isinstance(data, ExportBundle) else data
