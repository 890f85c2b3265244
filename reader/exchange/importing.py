"""Bringing imported annotations and codebooks into the corpus.

:func:`import_file` reads a file with a registered importer and :func:`apply_import` stores the
result: tags with their hierarchy, colours and descriptions; annotations matched to our articles
(by source and position as our exports write them, else by the document text, else by the
source name, else by a quote that occurs in one article only) and re-anchored by quote and
context.  Importing the same file twice creates nothing the second time.  An annotation that
matches no article is reported, never stored half-way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.coding import anchors
from reader.exchange.importers import ImportedAnnotation, ImportResult, import_path
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    SourceFile,
    Tag,
    database,
)

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass
class ImportReport:
    tags_created: list[str] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    unmatched: list[str] = field(default_factory=list)
    fuzzy: int = 0
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(sorted({Annotation.get_by_id(i).article_id for i in self.added}))

    def to_json(self) -> dict[str, object]:
        return {
            "tags_created": self.tags_created, "annotations_added": len(self.added),
            "annotation_ids": self.added, "duplicates_skipped": self.duplicates,
            "unmatched": self.unmatched, "fuzzy": self.fuzzy, "warnings": self.warnings,
            "cancelled": self.cancelled,
        }


def _naive_utc(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


class _ArticleMatcher:
    """Finds the article an imported annotation belongs to."""

    def __init__(self) -> None:
        self.rows = list(
            Article.select(Article.id, Article.text, Article.position, SourceFile.name)
            .join(SourceFile).where(Article.retired == False)  # noqa: E712
            .objects()
        )
        self.by_key = {(r.name, str(r.position)): r for r in self.rows}
        self.by_text: dict[str, Article] = {}
        for r in self.rows:
            self.by_text.setdefault(r.text, r)
        self._similar_cache: dict[str, Article | None] = {}

    def match(self, imp: ImportedAnnotation) -> Article | None:
        if imp.article_key is not None:
            row = self.by_key.get((imp.source, imp.article_key))
            if row is not None:
                return row
        if imp.article_text:
            text = imp.article_text.replace("\r\n", "\n")
            if text in self.by_text:
                return self.by_text[text]
            return self._most_similar(text)
        in_source = [r for r in self.rows if r.name == imp.source]
        candidates = in_source or self.rows
        if imp.quote:
            holding = [r for r in candidates if imp.quote in r.text]
            if len(holding) == 1:
                return holding[0]
            if len(holding) > 1 and (imp.prefix or imp.suffix):
                scored = sorted(
                    holding,
                    key=lambda r: -max(
                        (len(set(imp.prefix) & set(r.text[max(0, i - 32):i])) + len(set(imp.suffix) & set(r.text[i + len(imp.quote):i + len(imp.quote) + 32]))
                         for i in _occurrences(r.text, imp.quote)), default=0),
                )
                return scored[0]
        return None

    def _most_similar(self, text: str) -> Article | None:
        if text not in self._similar_cache:
            grams = _bigrams(text)
            best: tuple[float, Article | None] = (0.0, None)
            for r in self.rows:
                other = _bigrams(r.text)
                if grams and other:
                    score = len(grams & other) / len(grams | other)
                    if score > best[0]:
                        best = (score, r)
            self._similar_cache[text] = best[1] if best[0] >= 0.5 else None
        return self._similar_cache[text]


def _occurrences(text: str, quote: str) -> list[int]:
    found, i = [], text.find(quote)
    while i >= 0:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _ensure_tags(result: ImportResult, report: ImportReport) -> None:
    pending = list(result.tags)
    names = {t.name for t in pending}
    for ann in result.annotations:
        for name in ann.tags:
            if name not in names:
                names.add(name)
                from reader.exchange.importers import ImportedTag

                pending.append(ImportedTag(name))
    created: dict[str, Tag] = {}
    for _ in range(len(pending) + 1):  # parents before children, whatever the file's order
        waiting = []
        for imp in pending:
            if imp.parent_name and imp.parent_name not in created and not Tag.select().where(Tag.name == imp.parent_name).exists():
                if any(p.name == imp.parent_name for p in pending):
                    waiting.append(imp)
                    continue
            tag = Tag.get_or_none(Tag.name == imp.name)
            parent = Tag.get_or_none(Tag.name == imp.parent_name) if imp.parent_name else None
            if tag is None:
                tag = Tag.create(name=imp.name, parent=parent, color=imp.color or "#4e79a7",
                                 description=imp.description or "")
                report.tags_created.append(imp.name)
            else:
                changed = False
                if parent is not None and tag.parent_id is None and parent.id != tag.id:
                    tag.parent = parent
                    changed = True
                if imp.description and not tag.description:
                    tag.description = imp.description
                    changed = True
                if changed:
                    tag.save()
            created[imp.name] = tag
        if not waiting or len(waiting) == len(pending):
            break
        pending = waiting


def _existing_signatures(article_id: int) -> set[tuple[int, int, frozenset[str], str]]:
    sigs = set()
    for ann in Annotation.select().where(Annotation.article == article_id):
        tags = frozenset(l.tag.name for l in ann.tag_links)
        sigs.add((ann.start, ann.end, tags, ann.note))
    return sigs


def apply_import(
    result: ImportResult, default_author: str = "", progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Store an :class:`ImportResult` in the open corpus (one transaction), after a backup."""
    report = ImportReport(warnings=[f"{w.code}: {w.detail}" for w in result.warnings])
    if result.annotations or result.tags:
        from reader.store.backup import backup_if_content

        backup_if_content("import")
    with database.atomic():
        _ensure_tags(result, report)
        matcher = _ArticleMatcher()
        signatures: dict[int, set[tuple[int, int, frozenset[str], str]]] = {}
        total = len(result.annotations)
        for index, imp in enumerate(result.annotations):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None and index % 50 == 0:
                progress(index, total, imp.source)
            label = f"{imp.source}#{imp.article_key}" if imp.article_key is not None else imp.source
            article = matcher.match(imp)
            if article is None:
                report.unmatched.append(f"{label}: no article matches «{imp.quote[:20]}»")
                continue
            quote = imp.quote or (imp.article_text or "")[imp.start or 0:imp.end or 0]
            if not quote:
                report.unmatched.append(f"{label}: the annotation has neither a quote nor a span")
                continue
            start = imp.start if imp.start is not None else 0
            anchor = anchors.Anchor(start, start + len(quote), quote, imp.prefix, imp.suffix)
            if imp.start is not None and article.text[imp.start:imp.end] == quote:
                s, e = imp.start, imp.end
            else:
                placement = anchors.reanchor(anchor, article.text)
                if placement.status == "orphan" or placement.start is None or placement.end is None:
                    report.unmatched.append(f"{label}: «{quote[:20]}» not found in article {article.id}")
                    continue
                s, e = placement.start, placement.end
                report.fuzzy += placement.status == "fuzzy"
            assert e is not None
            tags = frozenset(imp.tags)
            sigs = signatures.setdefault(article.id, _existing_signatures(article.id))
            if (s, e, tags, imp.note) in sigs:
                report.duplicates += 1
                continue
            fresh = anchors.make_anchor(article.text, s, e)
            created = _naive_utc(imp.created)
            row = Annotation.create(
                article=article.id, start=s, end=e, quote=fresh.quote, prefix=fresh.prefix,
                suffix=fresh.suffix, note=imp.note, author=imp.author or default_author,
                created=created, updated=created,
            )
            for name in dict.fromkeys(imp.tags):
                AnnotationTag.create(annotation=row, tag=Tag.get(Tag.name == name))
            sigs.add((s, e, tags, imp.note))
            report.added.append(row.id)
    if progress is not None:
        progress(len(result.annotations), len(result.annotations), "")
    return report


def import_file(
    path: str | os.PathLike[str], fmt: str | None = None, default_author: str = "",
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> ImportReport:
    """Read ``path`` (format guessed from its name unless given) and store what it holds."""
    result = import_path(path, fmt)
    return apply_import(result, default_author, progress=progress, cancelled=cancelled)
