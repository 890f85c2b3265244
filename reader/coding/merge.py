"""Merging another coder's work (another Pizhu corpus or a .qdpx project coded on the same pages)
into the open corpus, only ever by adding.

* Documents are matched to our articles by content, never by id: the same text (line endings
  aside), else the most similar text (character bigrams, Jaccard ≥ 0.5) among the articles of
  the same page file, else, for a document that holds annotations, among all articles.
* An annotation is placed where its offsets cut its quote out of our text, else by quote and
  context (:func:`reader.coding.anchors.reanchor`).  A document that is not one of our
  articles but holds several (a whole page coded in another tool) has its annotations placed by
  their quotes in the articles it contains (context decides between repeats).  One that cannot
  be placed is reported in ``unplaced``, never stored half-way.
* An annotation already present (same article, span, coder and tags) is *matched*, not added
  again; the same span coded by another coder is added as that coder's.  So merging twice adds
  nothing.
* Tags are matched by their path in the hierarchy (then by name, names being unique here) and
  created, with their colour and description, when new; coders are matched by name and created
  with their colour when new.  Article tags are added; an article note is taken only where ours
  is empty.  Occurrence fixes (``entity_fix``) are added where their text is found, ours kept
  where the two sides differ (:mod:`reader.coding.merge_fixes`).  Nothing already stored is
  changed.  Corpus-wide entity corrections are not merged.

:func:`merge_file` runs in one transaction and returns a :class:`MergeReport` that also records
every row it added, so :func:`undo_merge` / :func:`redo_merge` can take the merge back and put it
back again with the same ids (the UI's single undo step).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.changes import Change
from reader.coding import anchors
from reader.coding.coders import ensure_coder
from reader.coding.merge_fixes import fix_article_ids, merge_fixes, put_back, recognise_again, take_back
from reader.coding.merge_place import place
from reader.coding.merge_read import Document, MergeSource, read_other
from reader.exchange.importing import _naive_utc
from reader.exchange.matching import bigrams as _bigrams
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    ArticleLabel,
    ArticleTag,
    Coder,
    SourceFile,
    Tag,
    database,
)

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
SIMILAR = 0.5  # bigram Jaccard of a document and an article that are the same text (lengths within 2x)
CONTAINED = 0.8  # share of an article's bigrams in a page-sized document that holds it


@dataclass
class MergeReport:
    articles_matched: int = 0
    articles_unmatched: list[str] = field(default_factory=list)
    annotations_added: list[int] = field(default_factory=list)
    annotations_matched: int = 0
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    fuzzy: int = 0
    tags_created: list[int] = field(default_factory=list)
    coders_created: list[int] = field(default_factory=list)
    article_tags_added: list[int] = field(default_factory=list)
    notes_added: list[int] = field(default_factory=list)
    fixes_added: list[int] = field(default_factory=list)
    fixes_matched: int = 0
    fixes_unplaced: list[dict[str, Any]] = field(default_factory=list)
    fix_articles: tuple[int, ...] = ()  # the articles the added fixes are on
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    # filled by undo_merge, used by redo_merge: the rows as they were
    saved: dict[str, Any] = field(default_factory=dict)

    @property
    def article_ids(self) -> tuple[int, ...]:
        arts = {a.article_id for a in Annotation.select(Annotation.article).where(
            Annotation.id.in_(self.annotations_added))}
        return tuple(sorted(arts | set(self.notes_added) | set(self.fix_articles) | {
            l.article_id for l in ArticleTag.select(ArticleTag.article).where(ArticleTag.id.in_(self.article_tags_added))}))

    def to_json(self) -> dict[str, Any]:
        return {
            "articles_matched": self.articles_matched, "annotations_added": len(self.annotations_added),
            "annotations_matched": self.annotations_matched, "unplaced": self.unplaced,
            "articles_unmatched": self.articles_unmatched, "fuzzy": self.fuzzy,
            "tags_created": [Tag.get_by_id(i).name for i in self.tags_created if Tag.get_or_none(Tag.id == i)],
            "coders_created": [Coder.get_by_id(i).name for i in self.coders_created if Coder.get_or_none(Coder.id == i)],
            "article_tags_added": len(self.article_tags_added), "notes_added": len(self.notes_added),
            "annotation_ids": self.annotations_added, "warnings": self.warnings, "cancelled": self.cancelled,
            "fixes_added": len(self.fixes_added), "fixes_matched": self.fixes_matched,
            "fixes_unplaced": self.fixes_unplaced,
        }


class _Articles:
    """Our articles, found by the content of the other side's documents."""

    def __init__(self) -> None:
        rows = list(Article.select(Article.id, Article.text, Article.retired, SourceFile.name)
                    .join(SourceFile).order_by(Article.retired, Article.id).objects())
        self.rows = rows
        self.by_text: dict[str, Any] = {}
        self.by_source: dict[str, list[Any]] = {}
        for r in rows:
            self.by_text.setdefault(r.text, r)
            self.by_source.setdefault(r.name, []).append(r)
        self._grams: dict[int, set[str]] = {}

    def grams(self, row: Any) -> set[str]:
        if row.id not in self._grams:
            self._grams[row.id] = _bigrams(row.text)
        return self._grams[row.id]

    def find(self, doc: Document, anywhere: bool) -> Any | None:
        text = doc.text.replace("\r\n", "\n")
        if text in self.by_text:
            return self.by_text[text]
        best = self._similar(text, self.by_source.get(doc.source, []))
        if best is None and anywhere:
            best = self._similar(text, self.rows)
        return best

    def within(self, doc: Document) -> list[Any]:
        """Our articles whose text lies (mostly) inside ``doc``: a document holding a whole page,
        as when a page was coded in another tool."""
        grams = _bigrams(doc.text.replace("\r\n", "\n"))
        return [r for r in self.rows if not r.retired and self.grams(r)
                and len(self.grams(r) & grams) / len(self.grams(r)) >= CONTAINED]

    def _similar(self, text: str, candidates: list[Any]) -> Any | None:
        grams = _bigrams(text)
        best, score = None, SIMILAR
        for r in candidates:
            if not 2 * len(r.text) >= len(text) >= len(r.text) / 2:
                continue  # far longer or shorter: not the same article (a page holds several)
            other = self.grams(r)
            if grams and other:
                value = len(grams & other) / len(grams | other)
                if value >= score:
                    best, score = r, value
        return best


def _tag_paths(tags: list[Any]) -> dict[str, tuple[str, ...]]:
    """Each imported tag name's path from its root (cycles are cut)."""
    parent = {t.name: t.parent_name for t in tags}
    paths = {}
    for name in parent:
        path, seen, cur = [name], {name}, parent.get(name)
        while cur and cur not in seen:
            path.append(cur)
            seen.add(cur)
            cur = parent.get(cur)
        paths[name] = tuple(reversed(path))
    return paths


class _Tags:
    def __init__(self, source: MergeSource, report: MergeReport) -> None:
        self.report = report
        self.info = {t.name: t for t in source.tags}
        self.paths = _tag_paths(source.tags)
        self.cache: dict[str, Tag] = {}

    def get(self, name: str, coder_id: int) -> Tag:
        """Our tag for the other side's tag ``name``; a new one records ``coder_id`` (whose
        work brought it in)."""
        if name not in self.cache:
            self.cache[name] = self._resolve(self.paths.get(name, (name,)), coder_id)
        return self.cache[name]

    def _resolve(self, path: tuple[str, ...], coder_id: int) -> Tag:
        parent: Tag | None = None
        for depth, name in enumerate(path):
            row = Tag.get_or_none((Tag.name == name) & (Tag.parent == parent)) if parent else \
                Tag.get_or_none((Tag.name == name) & Tag.parent.is_null())
            if row is None:
                row = Tag.get_or_none(Tag.name == name)  # names are unique here: elsewhere in the tree
                if row is not None and depth == len(path) - 1:
                    self.report.warnings.append(f"tag {'/'.join(path)} matched the tag {name} placed elsewhere")
            if row is None:
                info = self.info.get(name)
                row = Tag.create(name=name, parent=parent, color=(info.color if info and info.color else "#4e79a7"),
                                 description=info.description if info else "", coder=coder_id)
                self.report.tags_created.append(row.id)
            parent = row
        assert parent is not None
        return parent


class _Coders:
    """Our coder for each coder name of the other side (found or created once)."""

    def __init__(self, source: MergeSource, fallback: str, report: MergeReport) -> None:
        self.source, self.fallback, self.report = source, fallback, report
        self.cache: dict[str, Coder] = {}

    def get(self, name: str) -> Coder:
        name = " ".join((name or self.fallback).split()) or self.fallback
        if name not in self.cache:
            self.cache[name] = self._find_or_create(name)
        return self.cache[name]

    def _find_or_create(self, name: str) -> Coder:
        existing = Coder.get_or_none(Coder.name == name)
        if existing is not None:
            return existing
        color = self.source.coder_colors.get(name)
        if color and Coder.select().where(Coder.color == color.lower()).exists():
            color = None  # taken by one of ours: a free colour keeps coders apart in the reader
        row = ensure_coder(name, color)
        self.report.coders_created.append(row.id)
        return row


def merge_source(source: MergeSource, fallback_coder: str, progress: Progress | None = None,
                 cancelled: Cancelled | None = None, corpus: Any = None) -> MergeReport:
    """Add what ``source`` holds to the open corpus (one transaction; see the module docstring).
    ``fallback_coder`` is recorded for annotations that name no coder (e.g. a .qdpx without users).
    With ``corpus``, the articles that got occurrence fixes are recognised again afterwards."""
    report = MergeReport(warnings=list(source.warnings))
    try:
        _merge(source, fallback_coder, report, progress, cancelled)
    except _Cancelled:
        return MergeReport(cancelled=True)  # the transaction was rolled back: nothing was added
    report.fix_articles = fix_article_ids(report.fixes_added)
    recognise_again(corpus, report.fix_articles)
    if progress is not None:
        progress(len(source.documents), len(source.documents), "")
    return report


class _Cancelled(Exception):
    pass


def _merge(source: MergeSource, fallback_coder: str, report: MergeReport, progress: Progress | None,
           cancelled: Cancelled | None) -> None:
    with_annotations = {a.article_key for a in source.annotations}
    total = len(source.documents)
    with database.atomic():
        ours, tags, coders = _Articles(), _Tags(source, report), _Coders(source, fallback_coder, report)
        matched: dict[str, Any] = {}
        spread: dict[str, list[Any]] = {}  # unmatched documents -> our articles inside them
        for index, doc in enumerate(source.documents):
            if cancelled is not None and cancelled():
                raise _Cancelled
            if progress is not None and index % 20 == 0:
                progress(index, total, doc.title or doc.key)
            row = ours.find(doc, anywhere=doc.key in with_annotations)
            if doc.key in with_annotations and (row is None or row.text != doc.text.replace("\r\n", "\n")):
                spread[doc.key] = ours.within(doc)  # perhaps a whole page: quotes may lie in several
            if row is None:
                report.articles_unmatched.append(doc.key)
                continue
            matched[doc.key] = row
            report.articles_matched += 1
            _merge_article_facts(doc, row, coders, tags, report)
        signatures: dict[int, set[tuple[int, int, int, frozenset[str]]]] = {}
        for imp in source.annotations:
            row = matched.get(imp.article_key or "")
            where = {"document": imp.article_key, "quote": imp.quote[:40], "coder": imp.author or fallback_coder,
                     "start": imp.start, "end": imp.end, "tags": list(imp.tags)}
            key = imp.article_key or ""
            if row is None and key not in spread:
                report.unplaced.append({**where, "reason": "no-article"})
                continue
            found = place(imp, row, spread.get(key, []))
            if found is None:
                report.unplaced.append({**where, "reason": "quote-not-found",
                                        **({"article": row.id} if row is not None else {})})
                continue
            row, (start, end, status) = found
            coder = coders.get(imp.author)
            names = frozenset(imp.tags)
            if row.id not in signatures:
                signatures[row.id] = _signatures(row.id)
            sigs = signatures[row.id]
            if (start, end, coder.id, names) in sigs:
                report.annotations_matched += 1
                continue
            report.fuzzy += status == anchors.FUZZY
            fresh = anchors.make_anchor(row.text, start, end)
            created = _naive_utc(imp.created)
            ann = Annotation.create(article=row.id, start=start, end=end, quote=fresh.quote, prefix=fresh.prefix,
                                    suffix=fresh.suffix, note=imp.note, author=coder.name, coder=coder.id,
                                    created=created, updated=created)
            for name in dict.fromkeys(imp.tags):
                AnnotationTag.create(annotation=ann.id, tag=tags.get(name, coder.id).id)
            sigs.add((start, end, coder.id, names))
            report.annotations_added.append(ann.id)
        merge_fixes(source.fixes, matched, coders, report)


def _signatures(article_id: int) -> set[tuple[int, int, int, frozenset[str]]]:
    names: dict[int, set[str]] = {}
    for link in (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag).switch(AnnotationTag)
                 .join(Annotation).where(Annotation.article == article_id)):
        names.setdefault(link.annotation_id, set()).add(link.tag.name)
    return {(a.start, a.end, a.coder_id, frozenset(names.get(a.id, ())))
            for a in Annotation.select().where(Annotation.article == article_id)}


def _merge_article_facts(doc: Document, row: Any, coders: _Coders, tags: _Tags, report: MergeReport) -> None:
    """Article tags the other side has and we lack; its note where ours is empty."""
    have = {l.tag_id for l in ArticleTag.select(ArticleTag.tag).where(ArticleTag.article == row.id)}
    for name, coder_name in doc.tags:
        coder = coders.get(coder_name)
        label = ArticleLabel.get_or_none(ArticleLabel.name == name) or ArticleLabel.create(name=name)
        if label.id not in have:  # article tags are labels, not codes (see _article_tags_apart)
            link = ArticleTag.create(article=row.id, tag=label.id, coder=coder.id)
            have.add(label.id)
            report.article_tags_added.append(link.id)
    if doc.note.strip():
        current = Article.get_by_id(row.id)
        if not current.note.strip():
            current.note = doc.note
            current.note_coder = coders.get(doc.note_coder).id
            current.save()
            report.notes_added.append(row.id)
        elif current.note.strip() != doc.note.strip():
            report.warnings.append(f"article {row.id}: kept our note; the other note differs")


def merge_file(path: str | os.PathLike[str], fallback_coder: str, progress: Progress | None = None,
               cancelled: Cancelled | None = None, corpus: Any = None) -> MergeReport:
    """Read ``path`` (a corpus or a .qdpx) and merge it; see :func:`merge_source`."""
    return merge_source(read_other(path), fallback_coder, progress, cancelled, corpus)


# -- undo / redo -----------------------------------------------------------------------------------
def undo_merge(corpus: Any, report: MergeReport, recognise: bool = True) -> Change:
    """Take back exactly what the merge added (snapshots kept in ``report.saved`` for redo).
    With ``recognise`` False the articles whose occurrence fixes went (``report.fix_articles``)
    are only marked stale, for the caller to recognise them again (the window: off its thread)."""
    affected = report.article_ids
    with database.atomic():
        report.saved = {
            "annotations": [corpus.snapshot_annotation(i) for i in report.annotations_added
                            if Annotation.get_or_none(Annotation.id == i)],
            "links": [(l.id, l.article_id, l.tag_id, l.coder_id)
                      for l in ArticleTag.select().where(ArticleTag.id.in_(report.article_tags_added))],
            "notes": [(a.id, a.note, a.note_coder_id) for a in Article.select().where(Article.id.in_(report.notes_added))],
            "tags": [(t.id, t.name, t.parent_id, t.color, t.description, t.created)
                     for t in Tag.select().where(Tag.id.in_(report.tags_created)).order_by(Tag.id)],
            "coders": [(c.id, c.name, c.color, c.created) for c in Coder.select().where(Coder.id.in_(report.coders_created))],
        }
        report.saved["fixes"] = take_back(report.fixes_added)
        ArticleTag.delete().where(ArticleTag.id.in_(report.article_tags_added)).execute()
        Article.update(note="", note_coder=None).where(Article.id.in_(report.notes_added)).execute()
        Annotation.delete().where(Annotation.id.in_(report.annotations_added)).execute()
        for tag_id in sorted(report.tags_created, reverse=True):  # children were created after parents
            Tag.delete().where(Tag.id == tag_id).execute()
        Coder.delete().where(Coder.id.in_(report.coders_created)).execute()
        recognise_again(corpus, report.fix_articles, now=False)  # stale until recognised
    if recognise:
        recognise_again(corpus, report.fix_articles)
    return Change("annotations", affected)


def redo_merge(corpus: Any, report: MergeReport, recognise: bool = True) -> Change:
    """Put back what :func:`undo_merge` took, with the same ids (``recognise``: as there)."""
    saved = report.saved
    with database.atomic():
        for cid, name, color, created in saved.get("coders", ()):
            Coder.insert(id=cid, name=name, color=color, created=created).execute()
        for tid, name, parent, color, description, created in saved.get("tags", ()):
            Tag.insert(id=tid, name=name, parent=parent, color=color, description=description,
                       created=created).execute()
        for snap in saved.get("annotations", ()):
            corpus.restore_annotation(snap)
        for lid, aid, tid, cid in saved.get("links", ()):
            ArticleTag.insert(id=lid, article=aid, tag=tid, coder=cid).execute()
        for aid, note, ncoder in saved.get("notes", ()):
            Article.update(note=note, note_coder=ncoder).where(Article.id == aid).execute()
        put_back(saved.get("fixes", []))
        recognise_again(corpus, report.fix_articles, now=False)
    if recognise:
        recognise_again(corpus, report.fix_articles)
    return Change("annotations", report.article_ids)


# -- the backup hook ---------------------------------------------------------------------------------
BEFORE_MERGE: list[Callable[[Any], object]] = []  # each gets the corpus; may return a backup path


def before_merge(corpus: Any) -> object | None:
    """Called by the CLI and the UI just before a merge: a backup of the receiving corpus.

    Uses ``reader.store.backup.backup_before(corpus, reason)`` when that module exists (the
    safety work's backups), else any function registered in :data:`BEFORE_MERGE`; returns what
    the first one returned (e.g. the backup's path), or None when there is no backup facility.
    """
    try:
        from reader.store import backup as backups  # type: ignore[attr-defined]
    except ImportError:
        backups = None
    hooks = list(BEFORE_MERGE)
    if backups is not None and hasattr(backups, "backup_before"):
        hooks.insert(0, lambda c: backups.backup_before(c, "merge"))
    for hook in hooks:
        return hook(corpus)
    return None
