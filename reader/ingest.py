"""Ingesting page files into the corpus, and re-ingesting them without losing annotations.

:func:`ingest` is a plain long job: it takes ``progress(done, total, label)`` and ``cancelled()``
callables and is run off the GUI thread by the UI.  Each file is committed in its own
transaction, so a cancel or a bad file never leaves a half-written page, and nothing already
stored is lost: when a page's parse changes, existing articles are matched to the new ones
(keeping their ids, reading state, notes and tags) and annotations re-anchor; those that cannot
be placed become orphans, and an article that disappeared is retired, not deleted, while
annotations still hang on it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.coding import anchors
from reader.store.models import (
    Annotation,
    Article,
    Entity,
    SourceFile,
    database,
    utcnow,
)
from reader.text.article import Article as ParsedArticle
from reader.text.article import compose
from reader.text.dates import page_date, page_from_name
from reader.text.pages import parse_page
from reader.text.sources import SourceError, expand_paths, read_page

PARSER_VERSION = 1

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    reanchored: int = 0
    orphaned: int = 0
    cancelled: bool = False
    article_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": p, "problem": m} for p, m in self.failed],
            "articles": self.articles,
            "reanchored": self.reanchored,
            "orphaned": self.orphaned,
            "cancelled": self.cancelled,
        }


def _parser_version() -> int:
    from reader.text import pages

    return PARSER_VERSION * 1000 + int(getattr(pages, "PARSER_VERSION", 0))


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    recognize: Callable[[str], list] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    force: bool = False,
    published: dt.date | None = None,
    steps_per_file: int = 1,
) -> IngestReport:
    """Ingest files and folders of pages. ``recognize(text)`` returns entities for a text.
    ``published`` dates every page; else a page's date comes from its file name or masthead
    (:mod:`reader.text.dates`), and a date already stored (e.g. set by the user) is kept.
    ``progress`` counts files; with ``steps_per_file`` > 1 it counts that many steps per file
    (reading, parsing, then each article recognised), so a progress bar moves within a page."""
    files = expand_paths(list(paths))
    report = IngestReport()
    steps = max(1, steps_per_file)
    total = len(files) * steps
    for index, path in enumerate(files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(index * steps, total, path.name)
        try:
            page = read_page(path)
        except SourceError as exc:
            report.failed.append((exc.path, str(exc)))
            continue
        existing = SourceFile.get_or_none(SourceFile.name == page.name)
        version = _parser_version()
        if existing is not None and published is not None and existing.published != published:
            existing.published = published
            existing.save()
        if (
            existing is not None
            and not force
            and existing.sha256 == page.sha256
            and existing.parser_version == version
        ):
            report.unchanged.append(page.name)
            continue
        try:
            parsed = parse_page(page.text, page.name)
        except Exception as exc:  # a parser bug must not stop a batch
            report.failed.append((page.path, f"{page.path}: parse-error ({type(exc).__name__}: {exc})"))
            continue
        recognise_page = recognize
        if steps > 1 and progress is not None:
            recognise_page = _reporting(recognize, progress, index * steps, steps, total, path.name, len(parsed))
        with database.atomic():
            if existing is None:
                source = SourceFile.create(
                    name=page.name, path=page.path, sha256=page.sha256, size=page.size,
                    encoding=page.encoding, parser_version=version,
                    published=published or page_date(page.name, page.text),
                    page=page_from_name(page.name),
                )
                ids = [_insert_article(source, art, recognise_page) for art in parsed]
                report.added.append(page.name)
            else:
                existing.path, existing.sha256, existing.size = page.path, page.sha256, page.size
                existing.encoding, existing.parser_version = page.encoding, version
                existing.published = published or existing.published or page_date(page.name, page.text)
                if existing.page is None:
                    existing.page = page_from_name(page.name)
                existing.ingested = utcnow()
                existing.save()
                ids, moved, orphans = _replace_articles(existing, parsed, recognise_page)
                report.updated.append(page.name)
                report.reanchored += moved
                report.orphaned += orphans
        report.articles += len(ids)
        report.article_ids.extend(ids)
    if progress is not None:
        finished = len(report.added) + len(report.updated)
        progress(total if not report.cancelled else finished * steps, total, "")
    return report


def _reporting(recognize: Callable[[str], list] | None, progress: Progress, first: int, steps: int,
               total: int, label: str, articles: int) -> Callable[[str], list] | None:
    """``recognize`` that reports a step each time it has recognised one of ``articles``
    (after reading and parsing, which count as the first third of the file's steps)."""
    parsed_at = first + steps // 3
    progress(parsed_at, total, label)
    if recognize is None:
        return None
    done = [0]

    def counted(text: str) -> list:
        out = recognize(text)
        done[0] += 1
        progress(parsed_at + (steps - steps // 3 - 1) * min(done[0], articles) // max(1, articles), total, label)
        return out

    return counted


def _fields(art: ParsedArticle) -> dict[str, object]:
    text, segments = compose(art)
    return {
        "position": art.position,
        "title": art.title,
        "display_title": art.shown_title(),
        "title_derived": not art.title,
        "subtitle": art.subtitle,
        "kicker": art.kicker,
        "column": art.column,
        "authors": list(art.authors),
        "photographers": list(art.photographers),
        "dateline": art.dateline,
        "structure": art.to_json(),
        "text": text,
        "segments": [[s.kind, s.start, s.end] for s in segments],
        "chars": len(text),
    }


def store_entities(article: Article, recognize: Callable[[str], list] | None) -> int:
    """Replace an article's entities with a fresh recognition of its text."""
    Entity.delete().where(Entity.article == article).execute()
    if recognize is None:
        return 0
    rows = [
        {"article": article.id, "start": e.start, "end": e.end, "type": e.type, "text": e.text,
         "origin": getattr(e, "source", "rule")}
        for e in recognize(article.text)
    ]
    for i in range(0, len(rows), 500):
        Entity.insert_many(rows[i:i + 500]).execute()
    return len(rows)


def _insert_article(source: SourceFile, art: ParsedArticle, recognize: Callable[[str], list] | None) -> int:
    row = Article.create(source=source, **_fields(art))
    store_entities(row, recognize)
    _index(row.id)
    return row.id


def _index(article_id: int) -> None:
    try:
        from reader.store import search
    except ImportError:
        return
    indexer = getattr(search, "index_article", None)
    if indexer is not None:
        indexer(article_id)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(min(len(text), 4000) - 1)}


def _similarity(old: Article, new_text: str, new_title: str | None) -> float:
    if old.title and new_title and old.title == new_title:
        return 2.0
    a, b = _bigrams(old.text), _bigrams(new_text)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _replace_articles(
    source: SourceFile, parsed: list[ParsedArticle], recognize: Callable[[str], list] | None
) -> tuple[list[int], int, int]:
    """Update a source's articles in place from a new parse; re-anchor their annotations.

    Returns (article ids in page order, annotations moved or changed, annotations orphaned)."""
    old_rows = list(Article.select().where(Article.source == source))
    new_fields = [_fields(art) for art in parsed]
    pairs = sorted(
        (
            (_similarity(old, str(f["text"]), f["title"]), oi, ni)  # type: ignore[arg-type]
            for oi, old in enumerate(old_rows)
            for ni, f in enumerate(new_fields)
        ),
        reverse=True,
    )
    old_for_new: dict[int, Article] = {}
    used_old: set[int] = set()
    for score, oi, ni in pairs:
        if score < 0.3 or oi in used_old or ni in old_for_new:
            continue
        used_old.add(oi)
        old_for_new[ni] = old_rows[oi]
    ids: list[int] = []
    moved = orphaned = 0
    kept: list[Article] = []
    for ni, f in enumerate(new_fields):
        row = old_for_new.get(ni)
        if row is None:
            row = Article.create(source=source, **f)
        else:
            for key, value in f.items():
                setattr(row, key, value)
            row.retired = False
            row.updated = utcnow()
            row.save()
        kept.append(row)
        ids.append(row.id)
    # Re-anchor every annotation of the source against its (new) article text; annotations on
    # articles that vanished look for their quote in any article of the page.
    for old in old_rows:
        for ann in list(old.annotations):
            target = next((r for r in kept if r.id == old.id), None)
            m, o = _reanchor_annotation(ann, target, kept)
            moved += m
            orphaned += o
    for idx, old in enumerate(old_rows):
        if idx not in used_old:
            if Annotation.select().where(Annotation.article == old).exists():
                old.retired = True
                old.save()
            else:
                old.delete_instance()
    for row in kept:
        store_entities(row, recognize)
        _index(row.id)
    return ids, moved, orphaned


def _reanchor_annotation(ann: Annotation, home: Article | None, candidates: list[Article]) -> tuple[int, int]:
    anchor = anchors.Anchor(ann.start, ann.end, ann.quote, ann.prefix, ann.suffix)
    tried: list[Article] = ([home] if home is not None else []) + [c for c in candidates if c is not home]
    best: tuple[float, Article, anchors.Placement] | None = None
    for article in tried:
        placement = anchors.reanchor(anchor, article.text)
        if placement.status == "orphan" or placement.start is None:
            continue
        score = placement.score + (0.05 if article is home else 0.0)
        if best is None or score > best[0]:
            best = (score, article, placement)
        if article is home and placement.status == "exact":
            break
    if best is None:
        if ann.status != "orphan":
            ann.status = "orphan"
            ann.updated = utcnow()
            ann.save()
        return 0, 1
    _, article, placement = best
    assert placement.start is not None and placement.end is not None
    changed = (article.id != ann.article_id or placement.start != ann.start or placement.end != ann.end
               or ann.status != "anchored")
    fresh = anchors.make_anchor(article.text, placement.start, placement.end)
    ann.article = article
    ann.start, ann.end = placement.start, placement.end
    ann.quote, ann.prefix, ann.suffix = fresh.quote, fresh.prefix, fresh.suffix
    ann.status = "anchored"
    if changed:
        ann.updated = utcnow()
    ann.save()
    return (1 if changed else 0), 0
