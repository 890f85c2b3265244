"""Bringing imported annotations, codebooks and article facts into the corpus.

:func:`import_file` reads a file with a registered importer and :func:`apply_import` stores the
result in one ``BEGIN IMMEDIATE`` transaction (so a write elsewhere meanwhile cannot make it
fail half-way): the file's codebook with hierarchy, colours and descriptions; annotations
matched to our articles (by source and position as our exports write them, else by the
document text, else by the source name, else by a quote that occurs in one article only) and
re-anchored by quote and context; article tags, notes and reading states.  Importing the same
file twice creates nothing the second time.  An annotation that matches no article, or that
cannot be stored, is reported and skipped, never stored half-way; a tag named only by
annotations that were not stored is not created.  The work is linear in the number of
annotations (one signature set per article, one tag map).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from peewee import AutoField, Model, PeeweeException, fn

from reader.coding import anchors
from reader.exchange.importers import (
    ImportedAnnotation,
    ImportedArticle,
    ImportedTag,
    ImportResult,
    import_path,
)
from reader.exchange.matching import ArticleMatcher, Match
from reader.store.migrations import UNKNOWN_CODER
from reader.store.models import Annotation, AnnotationTag, Tag, database

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Signature = tuple[int, int, frozenset[str], str, str]
# an annotation's identity for "already imported": (start, end, tag names, note, coder); the same
# span by another coder is theirs, not a duplicate
DEFAULT_COLOR = "#4e79a7"


class ArticleFacts(Protocol):
    """The facade methods article facts are written through (``reader.corpus.Corpus``)."""

    def article(self, article_id: int) -> Any: ...
    def set_article_tags(self, article_id: int, names: Any) -> object: ...
    def set_article_note(self, article_id: int, note: str) -> object: ...
    def set_article_state(self, article_id: int, state: str) -> object: ...


@dataclass
class ImportReport:
    """What an import did.  ``unmatched``: annotations whose article or passage was not found;
    ``skipped``: annotations the file holds but that could not be read or stored (each line
    names the item and the problem); both mean the import was incomplete."""

    tags_created: list[str] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    unmatched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    fuzzy: int = 0
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    articles_updated: list[int] = field(default_factory=list)
    touched_articles: set[int] = field(default_factory=set)

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.touched_articles | set(self.articles_updated)))

    @property
    def complete(self) -> bool:
        return not (self.unmatched or self.skipped or self.cancelled)

    def to_json(self) -> dict[str, object]:
        return {
            "tags_created": self.tags_created, "annotations_added": len(self.added),
            "annotation_ids": self.added, "duplicates_skipped": self.duplicates,
            "unmatched": self.unmatched, "skipped": self.skipped, "fuzzy": self.fuzzy,
            "warnings": self.warnings, "articles_updated": self.articles_updated,
            "cancelled": self.cancelled,
        }


def _naive_utc(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


class _Tags:
    """Tag name → id for the import: declared tags are stored up front (parents first, whatever
    the file's order); undeclared ones when the first annotation using them is stored."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.ids = {name: tid for name, tid in Tag.select(Tag.name, Tag.id).tuples()}
        self.pending: dict[str, ImportedTag] = {}

    def declare(self, tags: list[ImportedTag]) -> None:
        declared = [t for t in tags if t.declared]
        self.pending = {t.name: t for t in tags if not t.declared}
        by_name = {t.name: t for t in declared}
        for tag in declared:
            self._store(tag, by_name, set())

    def _store(self, tag: ImportedTag, by_name: dict[str, ImportedTag], seen: set[str]) -> int:
        parent_id = None
        if tag.parent_name and tag.parent_name != tag.name and tag.parent_name not in seen:
            parent = by_name.get(tag.parent_name) or ImportedTag(tag.parent_name)
            parent_id = self._store(parent, by_name, seen | {tag.name})
        if tag.name in self.ids:
            row = Tag.get_by_id(self.ids[tag.name])
            changed = False
            if parent_id is not None and row.parent_id is None and parent_id != row.id:
                row.parent = parent_id
                changed = True
            if tag.description and not row.description:
                row.description = tag.description
                changed = True
            if changed:
                row.save()
            return row.id
        row = Tag.create(name=tag.name, parent=parent_id, color=_color(tag.color),
                         description=tag.description or "")
        self.ids[tag.name] = row.id
        self.report.tags_created.append(tag.name)
        return row.id

    def mark(self) -> int:
        return len(self.report.tags_created)

    def forget_since(self, mark: int) -> None:
        """Tags created after ``mark`` were rolled back with their savepoint: forget them."""
        for name in self.report.tags_created[mark:]:
            self.ids.pop(name, None)
        del self.report.tags_created[mark:]

    def id_of(self, name: str) -> int:
        if name not in self.ids:
            self._store(self.pending.get(name) or ImportedTag(name), {}, set())
        return self.ids[name]


def _color(value: str | None) -> str:
    if value and len(value) == 7 and value[0] == "#":
        try:
            int(value[1:], 16)
            return value.upper()
        except ValueError:
            pass
    return DEFAULT_COLOR


class _Signatures:
    """(start, end, tags, note) of every annotation of an article, read once per article."""

    def __init__(self) -> None:
        self.by_article: dict[int, set[Signature]] = {}

    def of(self, article_id: int) -> set[Signature]:
        sigs = self.by_article.get(article_id)
        if sigs is None:
            names: dict[int, set[str]] = {}
            for ann_id, name in (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                                 .switch(AnnotationTag).join(Annotation)
                                 .where(Annotation.article == article_id).tuples()):
                names.setdefault(ann_id, set()).add(name)
            sigs = {
                (s, e, frozenset(names.get(i, ())), note, who)
                for i, s, e, note, who in Annotation.select(Annotation.id, Annotation.start, Annotation.end,
                                                            Annotation.note, Annotation.author)
                .where(Annotation.article == article_id).tuples()
            }
            self.by_article[article_id] = sigs
        return sigs


def _bulk_insert(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """One ``executemany`` INSERT of ``rows`` (field name → value) into ``model``'s table; fields
    a row leaves out get the model's default, and values go through each field's ``db_value``,
    exactly as ``Model.insert`` would, without peewee building SQL per row."""
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, AutoField)]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    values = []
    for row in rows:
        values.append([
            f.db_value(row[f.name] if f.name in row else (f.default() if callable(f.default) else f.default))
            for f in fields
        ])
    database.cursor().executemany(sql, values)


class _Writer:
    """Annotations waiting to be stored, written in batches (one multi-row INSERT each; the ids
    are read back as those above the largest id before the batch, which is safe inside the
    import's immediate transaction).  A batch that fails is retried row by row, each in a
    savepoint, so one bad row is reported and the others are stored."""

    BATCH = 400

    def __init__(self, tags: _Tags, report: ImportReport) -> None:
        self.tags = tags
        self.report = report
        self.rows: list[tuple[dict[str, Any], tuple[str, ...], str]] = []

    def add(self, row: dict[str, Any], names: tuple[str, ...], label: str) -> None:
        self.rows.append((row, names, label))
        if len(self.rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        mark = self.tags.mark()
        try:
            with database.atomic():
                before = Annotation.select(fn.MAX(Annotation.id)).scalar() or 0
                _bulk_insert(Annotation, [r for r, _n, _l in rows])
                ids = [i for (i,) in Annotation.select(Annotation.id).where(Annotation.id > before)
                       .order_by(Annotation.id).tuples()]
                if len(ids) != len(rows):
                    raise ValueError("ids of the inserted batch could not be read back")
                _bulk_insert(AnnotationTag, [{"annotation": i, "tag": self.tags.id_of(n)}
                                             for i, (_r, names, _l) in zip(ids, rows) for n in names])
        except (PeeweeException, sqlite3.Error, ValueError, OverflowError, TypeError):
            self.tags.forget_since(mark)
            for row, names, label in rows:
                self._one(row, names, label)
            return
        self.report.added.extend(ids)
        self.report.touched_articles.update(r["article"] for r, _n, _l in rows)

    def _one(self, row: dict[str, Any], names: tuple[str, ...], label: str) -> None:
        mark = self.tags.mark()
        try:
            with database.atomic():
                ann_id = Annotation.insert(row).execute()
                for name in names:
                    AnnotationTag.insert(annotation=ann_id, tag=self.tags.id_of(name)).execute()
        except (PeeweeException, sqlite3.Error, ValueError, OverflowError, TypeError) as exc:
            self.tags.forget_since(mark)
            self.report.skipped.append(f"{label}: cannot be stored ({exc})")
            return
        self.report.added.append(ann_id)
        self.report.touched_articles.add(row["article"])


def _place(imp: ImportedAnnotation, article: Match, report: ImportReport, label: str) -> tuple[int, int] | None:
    """Where the annotation goes in the article: its own offsets when they cut its quote, else
    where re-anchoring by quote and context puts it; None (reported) when nowhere."""
    quote = imp.quote or (imp.article_text or "")[imp.start or 0:imp.end or 0]
    if not quote:
        report.unmatched.append(f"{label}: the annotation has neither a quote nor a span")
        return None
    text = article.text
    if imp.start is not None and imp.end is not None and text[imp.start:imp.end] == quote:
        return imp.start, imp.end
    start = imp.start if imp.start is not None and imp.start <= len(text) else 0
    placement = anchors.reanchor(anchors.Anchor(start, start + len(quote), quote, imp.prefix, imp.suffix), text)
    if placement.status == "orphan" or placement.start is None or placement.end is None:
        report.unmatched.append(f"{label}: «{quote[:20]}» not found in article {article.id}")
        return None
    report.fuzzy += placement.status == "fuzzy"
    return placement.start, placement.end


def _queue_annotation(imp: ImportedAnnotation, article: Match, sigs: _Signatures, writer: _Writer,
                      report: ImportReport, label: str, default_author: str) -> None:
    span = _place(imp, article, report, label)
    if span is None:
        return
    s, e = span
    names = tuple(dict.fromkeys(t.strip() for t in imp.tags if t.strip()))
    who = " ".join((imp.author or default_author).split()) or UNKNOWN_CODER  # as the coder is named
    signature = (s, e, frozenset(names), imp.note, who)
    existing = sigs.of(article.id)
    if signature in existing:
        report.duplicates += 1
        return
    existing.add(signature)
    fresh = anchors.make_anchor(article.text, s, e)
    created = _naive_utc(imp.created)
    writer.add({
        "article": article.id, "start": s, "end": e, "quote": fresh.quote, "prefix": fresh.prefix,
        "suffix": fresh.suffix, "note": imp.note, "author": who,  # a trigger links the coder
        "status": "anchored", "created": created, "updated": created,
    }, names, label)


def _apply_article_facts(facts: list[ImportedArticle], matcher: ArticleMatcher,
                         ops: ArticleFacts | None, report: ImportReport) -> None:
    if not facts:
        return
    if ops is None:
        report.warnings.append("article-facts: not applied (no corpus given to apply_import)")
        return
    for fact in facts:
        article = matcher.match(fact.source, fact.article_key, fact.article_text)
        if article is None:
            report.warnings.append(f"article-facts: no article matches {fact.source!r}")
            continue
        row = ops.article(article.id)
        changed = False
        if fact.tags:
            have = list(row.tags)
            merged = list(dict.fromkeys(have + list(fact.tags)))
            if merged != have:
                ops.set_article_tags(article.id, merged)
                changed = True
        if fact.note and fact.note != row.note and fact.note not in row.note:
            ops.set_article_note(article.id, f"{row.note}\n\n{fact.note}" if row.note else fact.note)
            changed = True
        if fact.state and fact.state != row.state and (fact.state == "starred" or row.state == "unread"):
            ops.set_article_state(article.id, fact.state)
            changed = True
        if fact.variables and _apply_variables(article.id, fact.variables, report):
            changed = True
        if changed:
            report.articles_updated.append(article.id)


def _apply_variables(article_id: int, values: tuple[tuple[str, str], ...], report: ImportReport) -> bool:
    """Document variables from the file: a value fills a variable the article does not have;
    a stored value is never replaced (a different one is reported); derived ones are left."""
    from reader.analysis import variables as var
    from reader.changes import CorpusError

    stored = var.article_variables([article_id]).get(article_id, {})
    changed = False
    for raw, value in values:
        try:
            name = var.check_name(raw)
        except CorpusError as exc:
            report.warnings.append(f"variables: {exc}")
            continue
        have = stored.get(name)
        if name in var.READ_ONLY or have == value.strip():
            continue
        if have not in (None, ""):
            report.warnings.append(f"variables: article {article_id} keeps {name}={have!r} (the file says {value!r})")
            continue
        try:
            var.set_variable([article_id], name, value)
        except CorpusError as exc:
            report.warnings.append(f"variables: article {article_id}: {exc}")
            continue
        changed = True
    return changed


def apply_import(
    result: ImportResult, default_author: str = "", progress: Progress | None = None,
    cancelled: Cancelled | None = None, corpus: ArticleFacts | None = None,
) -> ImportReport:
    """Store an :class:`ImportResult` in the open corpus (one immediate transaction; batches of
    annotations in savepoints).  ``corpus`` writes article facts (tags, note, state); without it
    they are reported as not applied.  Reading states only move forward (unread → read →
    starred): an import never marks an article unread.  A cancelled import stores nothing."""
    report = ImportReport(warnings=[f"{w.code}: {w.detail}" for w in result.warnings if not w.skipped])
    report.skipped = [f"{w.detail} ({w.code})" for w in result.warnings if w.skipped]
    total = len(result.annotations)
    try:
        _store(result, report, default_author, progress, cancelled, corpus)
    except _Cancelled:
        report.cancelled = True
        report.added.clear()
        report.tags_created.clear()
        report.articles_updated.clear()
        report.touched_articles.clear()
    if progress is not None:
        progress(total, total, "")
    return report


class _Cancelled(Exception):
    """Raised inside the import transaction to roll it back."""


def _store(result: ImportResult, report: ImportReport, default_author: str, progress: Progress | None,
           cancelled: Cancelled | None, corpus: ArticleFacts | None) -> None:
    total = len(result.annotations)
    with database.atomic("IMMEDIATE"):
        tags = _Tags(report)
        tags.declare(result.tags)
        matcher = ArticleMatcher()
        sigs = _Signatures()
        writer = _Writer(tags, report)
        for index, imp in enumerate(result.annotations):
            if cancelled is not None and cancelled():
                raise _Cancelled()
            if progress is not None and index % 200 == 0:
                progress(index, total, imp.source)
            label = f"{imp.source}#{imp.article_key}" if imp.article_key is not None else imp.source
            article = matcher.match(imp.source, imp.article_key, imp.article_text, imp.quote,
                                    imp.prefix, imp.suffix)
            if article is None:
                report.unmatched.append(f"{label}: no article matches «{imp.quote[:20]}»")
                continue
            _queue_annotation(imp, article, sigs, writer, report, label, default_author)
        writer.flush()
        _apply_article_facts(result.articles, matcher, corpus, report)


def _backup_before_import() -> None:
    """Hook: a rotating backup of the corpus before an import writes anything, through the
    safety layer's ``reader.store.backup.backup("import")`` when that module is present."""
    try:
        from reader.store import backup as backups  # type: ignore[attr-defined]
    except ImportError:
        return
    make = getattr(backups, "backup", None)
    if callable(make):
        make("import")


def import_file(
    path: str | os.PathLike[str], fmt: str | None = None, default_author: str = "",
    progress: Progress | None = None, cancelled: Cancelled | None = None,
    corpus: ArticleFacts | None = None,
) -> ImportReport:
    """Read ``path`` (format from its content unless given) and store what it holds.  The file
    is read completely before anything is written; a backup is made before writing."""
    result = import_path(path, fmt)
    if result.annotations or result.tags or result.articles:
        _backup_before_import()
    return apply_import(result, default_author, progress=progress, cancelled=cancelled, corpus=corpus)
