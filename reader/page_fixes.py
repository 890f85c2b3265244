"""Fixing a page's split by hand, mixed into ``Corpus``: split an article at a point of its
text, merge it with the next or previous article of its page, edit its title, subtitle and
authors.  The fix is stored as the user's (``page_fix``, in order), carried out on the stored
articles at once (annotations and entities move with their text), and applied again to every
fresh parse of the page (:func:`refix_parsed`, called by ingest), so it survives re-ingest.
Each write returns a :class:`FixResult` whose snapshots undo and redo it exactly
(:meth:`PageFixOps.restore_page`).  No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import fn

from reader.changes import Change, CorpusError
from reader.coding import anchors
from reader.coding.coders import session_coder_id
from reader.coding.fix_ops import APPLIED, Draft, FixError, Moves, Outcome, draft, locate_page_point, undraft
from reader.coding.fix_replay import apply_fix, apply_fixes, make_fix, renumber
from reader.ingest_work import ParsedArticle, article_fields
from reader.store.backend import current as store
from reader.store.entities import article_entities, replace_entities
from reader.store.models import (
    Annotation,
    Article,
    ArticleTag,
    EntityFix,
    PageFix,
    SourceFile,
    database,
    utcnow,
)
from reader.store.page_state import (
    PageSnapshot,
    StoredMention,
    fields_article,
    page_rows,
    restore_page,
    row_fields,
    snapshot_page,
)
from reader.store.query import index_tokens
from reader.text.article import Article as Parsed
from reader.text.sources import SourceError, read_page

OPS = ("split", "merge", "edit")


@dataclass(frozen=True)
class FixResult:
    """What a fix did: the change to broadcast, the page before and after (for undo/redo),
    the fix as stored, and the page's article ids in page order afterwards."""

    change: Change
    before: PageSnapshot
    after: PageSnapshot
    fix: dict[str, Any]
    article_ids: tuple[int, ...]


@dataclass(frozen=True)
class FixRecord:
    """One stored fix of a page."""

    id: int
    source: str
    seq: int
    op: str
    fix: dict[str, Any]
    status: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "source": self.source, "seq": self.seq, "op": self.op, "fix": self.fix,
                "status": self.status, "reason": self.reason}


def page_text(source: SourceFile) -> str | None:
    """The page's text as ingested, read again from its file; None when the file is gone or
    no longer the one ingested (its offsets would not fit)."""
    try:
        page = read_page(source.path)
    except (SourceError, OSError):
        return None
    return page.text if page.sha256 == source.sha256 else None


class PageFixOps:
    """Fixes by hand (see the module docstring)."""

    def fix_article(self, article_id: int, op: str, at: int | None = None, other: str | None = None,
                    values: dict[str, Any] | None = None, page_at: int | None = None) -> FixResult:
        """Fix the split of ``article_id``'s page: ``split`` at code point ``at`` of its text
        (or at code point ``page_at`` of the page text: the article printed there is cut),
        ``merge`` with its ``other`` (``next`` / ``prev``) neighbour, ``edit`` its ``values``
        (``title``, ``subtitle``, ``authors``).  Raises :class:`CorpusError` when the fix cannot
        be made (nothing is written then)."""
        if op not in OPS:
            raise CorpusError("bad-fix", f"unknown fix {op!r} (split, merge, edit)")
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise CorpusError("no-article", f"no article {article_id}")
        if row.retired:
            raise CorpusError("retired", f"article {article_id} is no longer on its page")
        source = row.source
        with database.atomic():
            rows = page_rows(source)
            parsed = [fields_article(row_fields(r), source.name) for r in rows]
            if any(p is None for p in parsed):
                raise CorpusError("old-article", f"the articles of {source.name} were stored by an older "
                                  "version; ingest the page again (--force) before fixing it")
            articles = [p for p in parsed if p is not None]
            index = next(n for n, r in enumerate(rows) if r.id == article_id)
            drafts = [draft(a, n) for n, a in enumerate(articles)]
            text = page_text(source)
            if op == "split" and page_at is not None:
                if text is None:
                    raise CorpusError("page-changed", f"the page file of {source.name} is gone or has changed "
                                      "since it was ingested; ingest it again to split it in the page text")
                try:
                    index, at = locate_page_point(drafts, page_at, text)
                except FixError as exc:
                    raise CorpusError(exc.code, str(exc)) from exc
            args: dict[str, Any] = {"split": {"at": at}, "merge": {"other": other}, "edit": {"values": values}}[op]
            if any(v is None for v in args.values()):
                raise CorpusError("bad-fix", f"a {op} needs {', '.join(args)}")
            if op == "merge" and other not in ("next", "prev"):
                raise CorpusError("bad-fix", f"merge with next or prev, not {other!r}")
            try:
                fix = make_fix(drafts, op, index, text, **args)
            except FixError as exc:
                raise CorpusError(exc.code, str(exc)) from exc
            before = snapshot_page(source.id)
            new, outcome = apply_fix(drafts, fix, text)
            if outcome.status != APPLIED:
                raise CorpusError("nothing-to-fix", outcome.reason or "the article is like that already")
            ids = self._write_fixed(source, rows, new, outcome)
            seq = int(PageFix.select(fn.MAX(PageFix.seq)).where(PageFix.source == source).scalar() or 0) + 1
            PageFix.create(source=source, seq=seq, fix=fix, status=APPLIED, coder=session_coder_id())
            store().flush_index()
            after = snapshot_page(source.id)
        touched = tuple(sorted(set(ids) | {r.id for r in rows}))
        return FixResult(Change("articles", touched), before, after, fix, tuple(ids))

    def _write_fixed(self, source: SourceFile, rows: list[Article], new: list[Draft], outcome: Outcome) -> list[int]:
        """Store the fixed articles of a page: rows kept or made, absorbed ones retired,
        annotations and entities carried along (see :class:`reader.coding.fix_ops.Moves`)."""
        base = min((r.position for r in rows), default=0)
        fresh = [undraft(d) for d in renumber(new, base)]
        targets: list[Article] = []
        for ni, art in enumerate(fresh):
            oi = outcome.kept[ni] if ni < len(outcome.kept) else None
            fields = article_fields(art)
            if oi is None:
                target = Article.create(source=source, **fields)
            else:
                target = rows[oi]
                for key, value in fields.items():
                    setattr(target, key, value)
                target.updated = utcnow()
                target.save()
            targets.append(target)
        kept = {oi for oi in outcome.kept if oi is not None}
        texts = [str(t.text) for t in targets]
        for oi, old in enumerate(rows):
            for ann in Annotation.select().where(Annotation.article == old):
                _carry_annotation(ann, oi, outcome.moves, targets, texts)
        for oi, old in enumerate(rows):  # occurrence corrections go with their text
            for efix in EntityFix.select().where(EntityFix.article == old):
                got = outcome.moves.place_range(oi, efix.start, efix.end)
                if got is not None and texts[got[0]][got[1]:got[2]] == efix.text:
                    efix.article, efix.start, efix.end = targets[got[0]], got[1], got[2]
                    efix.save()
        mentions: list[list[tuple[int, int, str, str, str]]] = [[] for _ in targets]
        for oi, old in enumerate(rows):
            for e in article_entities(old.id):
                got = outcome.moves.place_range(oi, e.start, e.end)
                if got is not None and not got[3] and texts[got[0]][got[1]:got[2]] == e.text:
                    mentions[got[0]].append((got[1], got[2], e.type, e.text, e.source))
        for ni, d in enumerate(new):  # text typed by the user (an edited title): recognise it
            for piece, offset in zip(d.pieces, d.offsets()):
                if piece.origin is None and piece.text:
                    shown = piece.shown()
                    for m in self.recognize(shown):  # type: ignore[attr-defined]
                        mentions[ni].append((offset + m.start, offset + m.end, m.type, m.text,
                                             getattr(m, "source", "rule")))
        for target, found in zip(targets, mentions):
            replace_entities(target.id, [StoredMention(*m[:4]) for m in found], [m[4] for m in found])
        for oi, old in enumerate(rows):
            if oi not in kept:  # merged into another: its article tags go along, the row retires
                into = targets[outcome.absorbed.get(oi, 0)] if targets else None
                if into is not None:
                    have = {t.tag_id for t in ArticleTag.select().where(ArticleTag.article == into)}
                    for link in ArticleTag.select().where(ArticleTag.article == old):
                        if link.tag_id not in have:
                            ArticleTag.create(article=into, tag=link.tag_id, coder=link.coder_id)
                replace_entities(old.id, [])
                old.retired = True
                old.save()
        return [t.id for t in targets]

    def restore_page(self, snap: PageSnapshot) -> Change:
        """Put a page back as a :class:`FixResult` snapshot found it (undo / redo of a fix)."""
        with database.atomic():
            ids = restore_page(snap)
            store().flush_index()
        return Change("articles", tuple(ids))

    def page_fixes(self, source: str) -> list[FixRecord]:
        """The fixes stored for the page file ``source``, in the order made."""
        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        return [FixRecord(f.id, row.name, f.seq, str(f.fix.get("op")), dict(f.fix), f.status, f.reason)
                for f in PageFix.select().where(PageFix.source == row).order_by(PageFix.seq, PageFix.id)]

    def article_page_index(self, article_id: int) -> tuple[int, int]:
        """``(index, count)`` of an article among its page's current articles."""
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise CorpusError("no-article", f"no article {article_id}")
        ids = [r.id for r in page_rows(row.source)]
        return (ids.index(article_id) if article_id in ids else -1), len(ids)


def _carry_annotation(ann: Annotation, old: int, moves: Moves, targets: list[Article], texts: list[str]) -> None:
    got = moves.place_range(old, ann.start, ann.end)
    if got is not None:
        ni, start, end = got[0], got[1], got[2]
    else:  # its text was retyped (an edited title): look for its quote on the page
        best = None
        for ni, text in enumerate(texts):
            placement = anchors.reanchor(anchors.Anchor(ann.start, ann.end, ann.quote, ann.prefix, ann.suffix), text)
            if placement.start is not None and placement.end is not None and \
                    (best is None or placement.score > best[0]):
                best = (placement.score, ni, placement.start, placement.end)
        if best is None:
            ann.status = "orphan"
            ann.updated = utcnow()
            ann.save()
            return
        _, ni, start, end = best
    fresh = anchors.make_anchor(texts[ni], start, end)
    ann.article = targets[ni]
    ann.start, ann.end, ann.quote, ann.prefix, ann.suffix = start, end, fresh.quote, fresh.prefix, fresh.suffix
    ann.status = "anchored"
    ann.updated = utcnow()
    ann.save()


def refix_parsed(source: SourceFile, parsed: list[ParsedArticle], text: str,
                 recognize: Callable[[str], list] | None = None) -> list[ParsedArticle]:
    """A fresh parse of ``source`` with the user's fixes applied again (ingest calls it before
    storing a changed or forced page); each fix's status and reason are updated.  Entities move
    with their text; articles that cannot be taken apart are left as parsed."""
    fixes = list(PageFix.select().where(PageFix.source == source).order_by(PageFix.seq, PageFix.id))
    if not fixes:
        return parsed
    arts: list[Parsed] = []
    for p in parsed:
        art = fields_article(p.fields, source.name)
        if art is None:
            return parsed
        arts.append(art)
    fixed, outcomes = apply_fixes(arts, [dict(f.fix) for f in fixes], text)
    for row, outcome in zip(fixes, outcomes):
        if row.status != outcome.status or row.reason != outcome.reason:
            row.status, row.reason = outcome.status, outcome.reason
            row.save()
    places = [(n, s, e, t, x, o) for n, p in enumerate(parsed) for s, e, t, x, o in p.entities]
    for outcome in outcomes:
        if outcome.status == APPLIED:
            moved = [(got[0], got[1], got[2], t, x, o) for n, s, e, t, x, o in places
                     if (got := outcome.moves.place_range(n, s, e)) is not None and not got[3]]
            places = moved
    out = []
    for n, art in enumerate(fixed):
        fields = article_fields(art)
        text_n = str(fields["text"])
        ents = [(s, e, t, x, o) for k, s, e, t, x, o in places if k == n and text_n[s:e] == x]
        ents += _typed_entities(art, text_n, ents, recognize)
        out.append(ParsedArticle(fields, ents, index_tokens(text_n)))
    return out


def _typed_entities(art: Parsed, text: str, have: list[tuple[int, int, str, str, str]],
                    recognize: Callable[[str], list] | None) -> list[tuple[int, int, str, str, str]]:
    """Entities of the head lines no parse printed (a title or subtitle the user typed)."""
    if recognize is None:
        return []
    covered = {(s, e) for s, e, *_ in have}
    out = []
    pos = 0
    for kind, line in (("kicker", art.kicker), ("title", art.title), ("subtitle", art.subtitle)):
        if not line:
            continue
        shown = "——" + line if kind == "subtitle" else line
        if not any(pos <= s < pos + len(shown) for s, _e in covered):
            for m in recognize(shown):
                if (pos + m.start, pos + m.end) not in covered and text[pos + m.start:pos + m.end] == m.text:
                    out.append((pos + m.start, pos + m.end, m.type, m.text, getattr(m, "source", "rule")))
        pos += len(shown) + 1
    return out
