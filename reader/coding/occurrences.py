"""Corrections of one entity occurrence: a span fixed by hand in one article, kept across every
recognition of that article.

A fix is a row of :class:`reader.store.models.EntityFix`.  ``set`` makes ``[start, end)`` of one
article an entity of ``type`` (source ``user:here``) and removes whatever the recogniser found
overlapping it; ``drop`` removes the entities overlapping that span (of ``type``, or of any
type): "no entity here", whatever boundaries the recogniser gives it next time.
Moving either end of an entity is a ``set`` of the new span; changing the type of one occurrence
is a ``set`` of the same span; "not an entity here" is a ``drop``.

:func:`with_fixes` applies an article's fixes to a fresh recognition; every writer of recognised
entities calls it (:meth:`reader.corpus.Corpus.recompute_entities`, ingest), so fixes survive
recomputation, re-ingest of the page (the fix finds its text again nearest to where it was; a fix
whose text is gone is kept but ignored and reported ``orphan``) and retraining of the model.

As in :mod:`reader.coding.corrections`, every operation is an :class:`OccurrenceEdit` (rows to
insert and delete) applied by :func:`apply_occurrence_edit`, which returns the exact inverse, so
undo and redo alternate ``apply_occurrence_edit(corpus, applied.inverse)``.

A fix for the whole corpus instead is an ordinary correction: :func:`corpus_span_edit` turns a
boundary fix into "reject the old text as that type, add the new text".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from reader.changes import Change, CorpusError, check_range
from reader.coding.coders import session_coder_id
from reader.coding.corrections import Edit, _check_type, add_edit, recompute, reject_edit
from reader.ingest import Cancelled, Progress
from reader.records import EntityRecord
from reader.store.models import Article, EntityFix, database

if TYPE_CHECKING:  # the facade uses this module
    from reader.corpus import Corpus

FIX_ACTIONS: tuple[str, ...] = ("set", "drop")
SOURCE = "user:here"  # the source of an entity a ``set`` fix made


@dataclass(frozen=True)
class OccurrenceFix:
    """One fix: ``type`` ``None`` in a ``drop`` means any type."""

    article_id: int
    start: int
    end: int
    text: str
    type: str | None
    action: str

    def to_json(self) -> dict[str, object]:
        return {"article": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "action": self.action}


@dataclass(frozen=True)
class OccurrenceFixRecord(OccurrenceFix):
    """A stored fix; ``status`` is ``anchored`` (its text is where it was), ``moved`` (found
    again elsewhere in the article) or ``orphan`` (its text is gone: ignored)."""

    id: int = 0
    created: datetime | None = None
    coder: str = ""
    status: str = "anchored"

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(id=self.id, created=self.created.isoformat() if self.created else None,
                    coder=self.coder, status=self.status)
        return data


@dataclass(frozen=True)
class OccurrenceEdit:
    """``delete`` these fixes, then ``insert`` those."""

    insert: tuple[OccurrenceFix, ...] = ()
    delete: tuple[OccurrenceFix, ...] = ()

    @property
    def inverse(self) -> OccurrenceEdit:
        return OccurrenceEdit(insert=self.delete, delete=self.insert)

    def article_ids(self) -> list[int]:
        return sorted({f.article_id for f in (*self.insert, *self.delete)})

    def __bool__(self) -> bool:
        return bool(self.insert or self.delete)


@dataclass(frozen=True)
class OccurrenceApplied:
    """What :func:`apply_occurrence_edit` did (same shape as ``corrections.Applied``)."""

    edit: OccurrenceEdit
    change: Change
    cancelled: bool = False

    @property
    def inverse(self) -> OccurrenceEdit:
        return self.edit.inverse


# -- placing a fix in a (possibly changed) text ---------------------------------------------
def place(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where the fix of ``quote`` at ``[start, end)`` stands in ``text`` now: there if the text
    still reads ``quote``, else the occurrence of ``quote`` nearest to ``start``, else None."""
    if not quote:
        return None
    if text[start:end] == quote:
        return start, end
    best: int | None = None
    at = text.find(quote)
    while at >= 0:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(quote, at + 1)
    return None if best is None else (best, best + len(quote))


def _fix_rows(article_id: int) -> list[tuple[int, int, str, str, str]]:
    return [(r.start, r.end, r.text, r.type, r.action) for r in
            EntityFix.select(EntityFix.start, EntityFix.end, EntityFix.text, EntityFix.type, EntityFix.action)
            .where(EntityFix.article == article_id).order_by(EntityFix.id)]


def with_fixes(article_id: int, text: str, mentions: Sequence, origins: Sequence[str]) -> tuple[list, list[str]]:
    """``mentions`` (with their ``origins``) of one article after its fixes, oldest fix first,
    sorted by start.  Returns the inputs unchanged (as lists) when the article has no fix."""
    rows = _fix_rows(article_id)
    if not rows:
        return list(mentions), list(origins)
    items = list(zip(mentions, origins))
    for start, end, quote, etype, action in rows:
        placed = place(text, start, end, quote)
        if placed is None:
            continue
        s, e = placed
        if action == "drop":
            items = [(m, o) for m, o in items
                     if m.end <= s or m.start >= e or (etype and m.type != etype)]
        else:
            items = [(m, o) for m, o in items if m.end <= s or m.start >= e]
            items.append((EntityRecord(s, e, etype, quote, SOURCE), SOURCE))
    items.sort(key=lambda item: (item[0].start, item[0].end))
    return [m for m, _ in items], [o for _, o in items]


# -- reading --------------------------------------------------------------------------------
def list_fixes(corpus: Corpus, article_id: int | None = None) -> list[OccurrenceFixRecord]:
    """Every occurrence fix (of one article), newest first, with where it stands now."""
    del corpus  # the models are bound to the corpus's database
    from reader.store.models import Coder

    names = {c.id: c.name for c in Coder.select(Coder.id, Coder.name)}
    query = EntityFix.select().order_by(EntityFix.created.desc(), EntityFix.id.desc())
    if article_id is not None:
        query = query.where(EntityFix.article == article_id)
    rows = list(query)
    texts = {a.id: a.text for a in Article.select(Article.id, Article.text)
             .where(Article.id.in_(sorted({r.article_id for r in rows})))} if rows else {}
    out = []
    for r in rows:
        placed = place(texts.get(r.article_id, ""), r.start, r.end, r.text)
        status = "orphan" if placed is None else ("anchored" if placed == (r.start, r.end) else "moved")
        out.append(OccurrenceFixRecord(r.article_id, r.start, r.end, r.text, r.type or None, r.action,
                                       id=r.id, created=r.created, coder=names.get(r.coder_id, ""),
                                       status=status))
    return out


# -- planning -------------------------------------------------------------------------------
def _article_text(article_id: int) -> str:
    row = Article.get_or_none(Article.id == article_id)
    if row is None:
        raise CorpusError("no-article", f"no article with id {article_id}")
    return row.text


def _checked_span(article_id: int, start: int, end: int) -> str:
    text = _article_text(article_id)
    check_range(start, end, len(text))
    quote = text[start:end]
    if "\n" in quote:
        raise CorpusError("bad-entity", "an entity cannot span lines")
    if quote != quote.strip():
        raise CorpusError("bad-entity", f"an entity cannot begin or end with a space ({quote!r})")
    return quote


def _stored(article_id: int) -> list[OccurrenceFix]:
    return [OccurrenceFix(article_id, s, e, q, t or None, a) for s, e, q, t, a in _fix_rows(article_id)]


def set_span_edit(article_id: int, start: int, end: int, etype: str) -> OccurrenceEdit:
    """Make ``[start, end)`` of this article an entity of ``etype`` here only; it replaces the
    article's earlier fixes that overlap it (nudging an end twice leaves one fix)."""
    etype = _check_type(etype)
    quote = _checked_span(article_id, start, end)
    new = OccurrenceFix(article_id, start, end, quote, etype, "set")
    delete = tuple(f for f in _stored(article_id) if f != new and f.start < end and start < f.end)
    return OccurrenceEdit(insert=(new,), delete=delete)


def drop_edit(article_id: int, start: int, end: int, etype: str | None = None) -> OccurrenceEdit:
    """No entity (of ``etype``, or of any type) overlaps ``[start, end)`` of this article; the
    fixes of that span and ``set`` fixes overlapping it go."""
    etype = _check_type(etype, allow_any=True)
    quote = _checked_span(article_id, start, end)
    new = OccurrenceFix(article_id, start, end, quote, etype, "drop")
    delete = tuple(f for f in _stored(article_id)
                   if f != new and ((f.start, f.end) == (start, end) or (f.action == "set" and f.start < end and start < f.end)))
    return OccurrenceEdit(insert=(new,), delete=delete)


def remove_fix_edit(article_id: int, start: int, end: int, action: str | None = None) -> OccurrenceEdit:
    """Forget the fixes of exactly ``[start, end)`` (of one ``action``, or both)."""
    if action is not None and action not in FIX_ACTIONS:
        raise CorpusError("bad-correction", f"unknown fix action {action!r} (set or drop)")
    _article_text(article_id)
    return OccurrenceEdit(delete=tuple(f for f in _stored(article_id)
                                       if (f.start, f.end) == (start, end) and action in (None, f.action)))


def corpus_span_edit(old_text: str, old_type: str, new_text: str, new_type: str) -> Edit:
    """A boundary (and type) fix for the whole corpus: ``new_text`` becomes an entity of
    ``new_type`` everywhere and ``old_text`` is no longer one of ``old_type``."""
    add = add_edit(new_text, new_type)
    if old_text.strip() == new_text.strip():
        return add
    reject = reject_edit(old_text, old_type)
    delete = tuple(dict.fromkeys((*reject.delete, *add.delete)))
    return Edit(insert=(*reject.insert, *add.insert), delete=delete)


# -- writing --------------------------------------------------------------------------------
def _matches(fix: OccurrenceFix):  # type: ignore[no-untyped-def]
    return ((EntityFix.article == fix.article_id) & (EntityFix.start == fix.start) & (EntityFix.end == fix.end)
            & (EntityFix.type == (fix.type or "")) & (EntityFix.action == fix.action))


def _store(edit: OccurrenceEdit) -> OccurrenceEdit:
    deleted: list[OccurrenceFix] = []
    inserted: list[OccurrenceFix] = []
    with database.atomic():
        for fix in edit.delete:
            if EntityFix.delete().where(_matches(fix)).execute():
                deleted.append(fix)
        for fix in edit.insert:
            if not Article.select().where(Article.id == fix.article_id).exists():
                raise CorpusError("no-article", f"no article with id {fix.article_id}")
            if not EntityFix.select().where(_matches(fix)).exists():
                EntityFix.create(article=fix.article_id, start=fix.start, end=fix.end, text=fix.text,
                                 type=fix.type or "", action=fix.action, coder=session_coder_id())
                inserted.append(fix)
    return OccurrenceEdit(insert=tuple(inserted), delete=tuple(deleted))


def apply_occurrence_edit(
    corpus: Corpus, edit: OccurrenceEdit, progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> OccurrenceApplied:
    """Store ``edit`` and recognise again the articles it touches."""
    done = _store(edit)
    change, was_cancelled = recompute(corpus, done.article_ids(), progress, cancelled)
    return OccurrenceApplied(done, change, was_cancelled)


def set_span(
    corpus: Corpus, article_id: int, start: int, end: int, etype: str,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> OccurrenceApplied:
    """Fix one occurrence: ``[start, end)`` of the article is an entity of ``etype`` here."""
    return apply_occurrence_edit(corpus, set_span_edit(article_id, start, end, etype), progress, cancelled)


def drop_span(
    corpus: Corpus, article_id: int, start: int, end: int, etype: str | None = None,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> OccurrenceApplied:
    """Fix one occurrence: the entity at ``[start, end)`` of the article is not one here."""
    return apply_occurrence_edit(corpus, drop_edit(article_id, start, end, etype), progress, cancelled)


def remove_fix(
    corpus: Corpus, article_id: int, start: int, end: int, action: str | None = None,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> OccurrenceApplied:
    """Forget the fixes of one span; the recogniser decides there again."""
    return apply_occurrence_edit(corpus, remove_fix_edit(article_id, start, end, action), progress, cancelled)


def apply_any(corpus: Corpus, edit: Edit | OccurrenceEdit, progress: Progress | None = None,
              cancelled: Cancelled | None = None):  # type: ignore[no-untyped-def]
    """Apply a corpus-wide :class:`Edit` or an :class:`OccurrenceEdit` (what undo needs)."""
    if isinstance(edit, OccurrenceEdit):
        return apply_occurrence_edit(corpus, edit, progress, cancelled)
    from reader.coding.corrections import apply_edit

    return apply_edit(corpus, edit, progress, cancelled)


__all__ = [
    "FIX_ACTIONS", "OccurrenceApplied", "OccurrenceEdit", "OccurrenceFix", "OccurrenceFixRecord", "SOURCE",
    "apply_any", "apply_occurrence_edit", "corpus_span_edit", "drop_edit", "drop_span", "list_fixes", "place",
    "remove_fix", "remove_fix_edit", "set_span", "set_span_edit", "with_fixes",
]
