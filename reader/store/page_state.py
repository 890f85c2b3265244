"""A page's stored articles taken apart and put back: a stored row (or the row fields of a fresh
parse) as the parser's :class:`reader.text.article.Article` again, and a snapshot of everything
a fix by hand changes on one page (article rows, annotation places, entity spans, the page's
fixes), which :func:`restore_page` puts back exactly (same ids) for undo and redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.store.entities import article_entities, clear_entities, replace_entities
from reader.changes import CorpusError
from reader.store.models import Annotation, Article, ArticleTag, EntityFix, PageFix, SourceFile
from reader.text.article import Article as Parsed
from reader.text.article import Block, compose


def fields_article(fields: Mapping[str, Any], source: str) -> Parsed | None:
    """The parsed article that the row ``fields`` (``text``, ``segments``, the head columns and
    ``structure``) were made from; None when the text does not compose back from them (a row
    written by an older version that cannot be taken apart safely)."""
    text = str(fields.get("text") or "")
    body: list[Block] = []
    captions: list[str] = []
    notes: list[str] = []
    for kind, start, end in fields.get("segments") or ():
        piece = text[start:end]
        if kind in ("paragraph", "heading"):
            body.append(Block(kind, piece))
        elif kind == "caption":
            captions.append(piece)
        elif kind == "note":
            notes.append(piece)
    structure = fields.get("structure") or {}
    title = fields.get("title")
    art = Parsed(
        source=source, title=title, subtitle=fields.get("subtitle"), kicker=fields.get("kicker"),
        column=fields.get("column"), title_derived=not title,
        display_title=None if title else fields.get("display_title"),
        authors=list(fields.get("authors") or []), photographers=list(fields.get("photographers") or []),
        dateline=fields.get("dateline"), body=body, captions=captions, notes=notes,
        position=int(fields.get("position") or 0), parts=[dict(p) for p in structure.get("parts") or []],
    )
    return art if compose(art)[0] == text else None


def row_fields(row: Article) -> dict[str, Any]:
    return {k: getattr(row, k) for k in ("position", "title", "display_title", "subtitle", "kicker", "column",
                                         "authors", "photographers", "dateline", "structure", "text", "segments")}


def page_rows(source: SourceFile) -> list[Article]:
    """The page's current (not retired) articles in page order."""
    return list(Article.select().where((Article.source == source) & (Article.retired == False))  # noqa: E712
                .order_by(Article.position, Article.id))


@dataclass(frozen=True)
class PageSnapshot:
    """Everything of one page that a fix by hand changes (see the module docstring)."""

    source_id: int
    sha256: str  # the page file's content when taken: a snapshot of another version is stale
    articles: tuple[dict[str, Any], ...]
    annotations: tuple[tuple[Any, ...], ...]  # id, article id, start, end, quote, prefix, suffix, status
    entities: dict[int, list[tuple[int, int, str, str, str]]]
    fixes: tuple[dict[str, Any], ...]
    labels: tuple[dict[str, Any], ...] = ()  # the articles' article tags
    entity_fixes: tuple[dict[str, Any], ...] = ()  # occurrence corrections (reader.coding.occurrences)


class StoredMention:
    """An entity span to store (what :func:`reader.store.entities.replace_entities` takes)."""

    __slots__ = ("start", "end", "type", "text")

    def __init__(self, start: int, end: int, type: str, text: str) -> None:  # noqa: A002
        self.start, self.end, self.type, self.text = start, end, type, text


def snapshot_page(source_id: int) -> PageSnapshot:
    rows = list(Article.select().where(Article.source == source_id))
    ids = [r.id for r in rows]
    anns = Annotation.select().where(Annotation.article.in_(ids)) if ids else []
    source = SourceFile.get_by_id(source_id)
    return PageSnapshot(
        source_id=source_id, sha256=source.sha256,
        articles=tuple(dict(r.__data__) for r in rows),
        annotations=tuple((a.id, a.article_id, a.start, a.end, a.quote, a.prefix, a.suffix, a.status) for a in anns),
        entities={r.id: [(e.start, e.end, e.type, e.text, e.source) for e in article_entities(r.id)] for r in rows},
        fixes=tuple(dict(f.__data__) for f in PageFix.select().where(PageFix.source == source_id)),
        labels=tuple(dict(t.__data__) for t in ArticleTag.select().where(ArticleTag.article.in_(ids))) if ids else (),
        entity_fixes=tuple(dict(f.__data__) for f in EntityFix.select().where(EntityFix.article.in_(ids))) if ids else (),
    )


def restore_page(snap: PageSnapshot) -> list[int]:
    """Put the page back as ``snap`` found it (call inside a transaction); returns the ids of
    the articles it touched (kept, restored or removed)."""
    source = SourceFile.get_or_none(SourceFile.id == snap.source_id)
    if source is None:
        raise CorpusError("no-source", "the page of this fix is no longer in the corpus")
    if source.sha256 != snap.sha256:
        raise CorpusError("stale", f"{source.name} was ingested again from a changed file since; "
                          "this fix can no longer be undone or redone")
    present = {r.id for r in Article.select(Article.id).where(Article.source == snap.source_id)}
    wanted = {int(d["id"]) for d in snap.articles}
    taken = Article.select(Article.id).where(Article.id.in_(sorted(wanted - present))).count() if wanted - present else 0
    if taken:
        raise CorpusError("stale", "an article of this page was removed and its place taken since; "
                          "this fix can no longer be undone or redone")
    known = {a[0] for a in snap.annotations}
    gone = sorted(present - wanted)
    if gone and Annotation.select().where(Annotation.article.in_(gone) & Annotation.id.not_in(known or {0})).exists():
        raise CorpusError("would-lose", "an article this would remove has annotations made since "
                          "outside the undo history; move or delete them first")
    for data in snap.articles:
        values = {k: v for k, v in data.items() if k != "id"}
        if data["id"] in present:
            Article.update(**values).where(Article.id == data["id"]).execute()
        else:
            Article.insert(id=data["id"], **values).execute()
    for ann_id, article_id, start, end, quote, prefix, suffix, status in snap.annotations:
        Annotation.update(article=article_id, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix,
                          status=status).where(Annotation.id == ann_id).execute()
    for gone in present - wanted:
        clear_entities(gone)
        Article.delete().where(Article.id == gone).execute()
    for article_id, mentions in snap.entities.items():
        replace_entities(article_id, [StoredMention(s, e, t, x) for s, e, t, x, _ in mentions], [o for *_, o in mentions])
    ids = sorted(wanted | present)
    ArticleTag.delete().where(ArticleTag.article.in_(ids)).execute()
    for data in snap.labels:
        ArticleTag.insert(**data).execute()
    EntityFix.delete().where(EntityFix.article.in_(ids)).execute()
    for data in snap.entity_fixes:
        EntityFix.insert(**data).execute()
    PageFix.delete().where(PageFix.source == snap.source_id).execute()
    for data in snap.fixes:
        PageFix.insert(**data).execute()
    return sorted(present | wanted)


def page_fix_rows(source_id: int) -> list[PageFix]:
    return list(PageFix.select().where(PageFix.source == source_id).order_by(PageFix.seq, PageFix.id))
