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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.coding import anchors
from reader.ingest_work import Job, ParsedArticle, Pool, Result
from reader.store.entities import replace_entities
from reader.store.models import (
    Annotation,
    Article,
    SourceFile,
    database,
    utcnow,
)
from reader.store.packed_text import packing
from reader.store.sources import Resolution, absolute, page_files, resolve
from reader.store.backend import current as store
from reader.text.dates import page_date, page_from_name
from reader.text.files import MODES
from reader.text.sources import DecodedPage, SourceError, read_page

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


def _parser_version(mode: str = "auto") -> int:
    """Parser generation of a stored page; a different parse mode (``ingest --pages`` /
    ``--one-per-file``) counts as a different parser, so the file is parsed again."""
    from reader.text import pages

    return PARSER_VERSION * 1000 + int(getattr(pages, "PARSER_VERSION", 0)) + 100 * MODES.get(mode, 0)


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    recognize: Callable[[str], list] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    force: bool = False,
    published: dt.date | None = None,
    jobs: int = 1,
    recognizer_factory: Callable[[], Callable[[str], list] | None] | None = None,
    steps_per_file: int = 1,
    mode: str = "auto",
) -> IngestReport:
    """Ingest files and folders of pages. ``recognize(text)`` returns entities for a text.
    ``published`` dates every page; else a page's date comes from its file name or masthead
    (:mod:`reader.text.dates`), and a date already stored (e.g. set by the user) is kept.

    Pages are identified by their path relative to the folder given and their content hash
    (:mod:`reader.store.sources`).  With ``jobs`` > 1, parsing and recognition run in that many
    worker processes, each with the recogniser ``recognizer_factory()`` builds; this process
    is the one writer.  ``mode`` (:func:`reader.text.files.parse_file`): ``auto`` decides per
    file whether it is one article (crawler folders) or a whole page; ``article`` / ``page``
    force it.

    ``progress`` counts files; with ``steps_per_file`` > 1 it counts that many steps per file,
    and in this process (``jobs`` 1) it moves within a page as each article is recognised, so a
    progress bar moves through one large page too."""
    if mode not in MODES:
        raise ValueError(f"unknown parse mode {mode!r} (auto, article, page)")
    files = page_files(list(paths))
    report = IngestReport()
    steps = max(1, steps_per_file)
    total = len(files) * steps
    version = _parser_version(mode)
    claimed: dict[str, str] = {}
    waiting: dict[int, tuple[DecodedPage, Resolution]] = {}
    current = [0, ""]  # the file being parsed and recognised in this process: index, label
    inline = jobs <= 1 or len(files) <= 1
    if steps > 1 and progress is not None and inline and recognize is not None:
        recognize = _stepping(recognize, progress, current, steps, total)

    def jobs_for_files() -> Iterator[Job | Result]:
        for index, file in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                return
            try:
                page = read_page(file.path)
            except SourceError as exc:
                report.failed.append((exc.path, str(exc)))
                yield Result(index)
                continue
            found = resolve(file, page.sha256, claimed)
            row = found.row
            if row is not None and (found.moved or (published is not None and row.published != published)):
                with database.atomic():
                    _relocate(row, found.name, page, published)
            if row is not None and not force and row.sha256 == page.sha256 and row.parser_version == version:
                report.unchanged.append(found.name)
                yield Result(index)
                continue
            waiting[index] = (page, found)
            if steps > 1 and progress is not None:
                current[0], current[1] = index, file.key
                progress(index * steps, total, file.key)
            yield Job(index, page.text, page.name, mode)

    pool = Pool(jobs if len(files) > 1 else 1, recognize, recognizer_factory)
    done = 0
    try:
        for result in pool.map(jobs_for_files()):
            done += 1
            if progress is not None:
                at = (done - 1) if steps == 1 else result.index * steps + steps - 1
                progress(at, total, files[result.index].key)
            if result.index not in waiting:
                continue
            page, found = waiting.pop(result.index)
            if result.articles is None:
                report.failed.append((page.path, f"{page.path}: parse-error ({result.error})"))
                continue
            _write_page(page, found, result.articles, version, published, report, recognize)
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
    finally:
        pool.close()
    if progress is not None:
        finished = (len(report.added) + len(report.updated)) * steps
        progress(total if not report.cancelled else finished, total, "")
    return report


def _stepping(recognize: Callable[[str], list], progress: Progress, current: list, steps: int,
              total: int) -> Callable[[str], list]:
    """``recognize`` that moves ``progress`` one step within the current file per article
    recognised (never past the file's last step, which its result takes)."""
    seen = {"file": -1, "n": 0}

    def counted(text: str) -> list:
        out = recognize(text)
        if seen["file"] != current[0]:
            seen["file"], seen["n"] = current[0], 0
        seen["n"] += 1
        progress(current[0] * steps + min(seen["n"], steps - 2), total, str(current[1]))
        return out

    return counted


def _relocate(row: SourceFile, name: str, page: DecodedPage, published: dt.date | None) -> None:
    """A stored page found under another name or path (moved), or given a new date."""
    row.name, row.path = name, absolute(Path(page.path))
    if published is not None:
        row.published = published
    row.save()


def _write_page(page: DecodedPage, found: Resolution, parsed: list[ParsedArticle], version: int,
                published: dt.date | None, report: IngestReport,
                recognize: Callable[[str], list] | None = None) -> None:
    """Store one parsed page in one transaction (new page, or a changed one re-anchored)."""
    st = store()
    with database.atomic():
        existing = found.row
        if existing is None:
            source = SourceFile.create(
                name=found.name, path=absolute(Path(page.path)), sha256=page.sha256, size=page.size,
                encoding=page.encoding, parser_version=version,
                published=published or page_date(page.name, page.text), page=page_from_name(page.name),
            )
            ids = []
            packed = packing(database)
            for art in parsed:
                fields = art.fields if art.stored is None or not packed else {**art.fields, "text": art.stored}
                row = Article.create(source=source, **fields)
                _store_found(row.id, art)
                st.index_tokens_now(row.id, art.tokens)
                _store_worked(row.id, art)
                ids.append(row.id)
            report.added.append(found.name)
        else:
            existing.name, existing.path = found.name, absolute(Path(page.path))
            existing.sha256, existing.size = page.sha256, page.size
            existing.encoding, existing.parser_version = page.encoding, version
            existing.published = published or existing.published or page_date(page.name, page.text)
            if existing.page is None:
                existing.page = page_from_name(page.name)
            existing.ingested = utcnow()
            existing.save()
            from reader.page_fixes import refix_parsed  # the user's fixes of the page's split

            parsed = refix_parsed(existing, parsed, page.text, recognize)
            ids, moved, orphans = _replace_articles(existing, parsed)
            report.updated.append(found.name)
            report.reanchored += moved
            report.orphaned += orphans
        st.flush_index()
    report.articles += len(ids)
    report.article_ids.extend(ids)


def _store_worked(article_id: int, art: ParsedArticle) -> None:
    """What a worker computed beside parsing (see :class:`ParsedArticle`): the signature goes
    in now, the words wait for the term statistics of :func:`reader.analysis.upkeep.after_ingest`."""
    from reader.analysis.reprints import store_signature
    from reader.analysis.terms import remember_words

    text = str(art.fields["text"])
    if art.signature is not None:
        store_signature(article_id, art.signature, text, art.fields.get("dateline"))  # type: ignore[arg-type]
    if art.words is not None:
        remember_words(article_id, text, art.words)


class _Found:
    __slots__ = ("start", "end", "type", "text")

    def __init__(self, start: int, end: int, type: str, text: str) -> None:  # noqa: A002
        self.start, self.end, self.type, self.text = start, end, type, text


def _store_found(article_id: int, art: ParsedArticle) -> int:
    from reader.coding.occurrences import with_fixes  # fixes of one occurrence survive re-ingest

    found = [_Found(s, e, t, x) for s, e, t, x, _ in art.entities]
    mentions, origins = with_fixes(article_id, str(art.fields["text"]), found, [o for *_, o in art.entities])
    return replace_entities(article_id, mentions, origins)


def store_entities(article: Article, recognize: Callable[[str], list] | None) -> int:
    """Replace an article's entities with a fresh recognition of its text (recognised before
    anything is written, so call it outside a transaction that has read already)."""
    from reader.coding.occurrences import with_fixes

    found = recognize(article.text) if recognize is not None else []
    mentions, origins = with_fixes(article.id, article.text, found, [getattr(e, "source", "rule") for e in found])
    with database.atomic():
        return replace_entities(article.id, mentions, origins)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(min(len(text), 4000) - 1)}


def _similarity(old: Article, new_text: str, new_title: str | None) -> float:
    if old.title and new_title and old.title == new_title:
        return 2.0
    a, b = _bigrams(old.text), _bigrams(new_text)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _replace_articles(source: SourceFile, parsed: list[ParsedArticle]) -> tuple[list[int], int, int]:
    """Update a source's articles in place from a new parse; re-anchor their annotations.

    Returns (article ids in page order, annotations moved or changed, annotations orphaned)."""
    old_rows = list(Article.select().where(Article.source == source))
    new_fields = [art.fields for art in parsed]
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
    for row, art in zip(kept, parsed):
        _store_found(row.id, art)
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
