"""The list of occurrence fixes (:mod:`reader.coding.occurrences`), paged for a lazy view:
:func:`fix_ids` chooses and orders the fixes in SQL (filter by text or article title, by action,
by coder; sort by date, article, text, type or coder), :func:`fix_rows` reads some of them with
their article's title and where each stands now (anchored, moved, orphan), and
:func:`without_fix` tells what the recogniser finds in a fix's span when the fix is not there
(the "old" side of the fix, computed on demand: it recognises one article).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peewee import JOIN

from reader.coding.occurrences import OccurrenceFix, OccurrenceFixRecord, place
from reader.records import EntityRecord
from reader.store.models import Article, Coder, EntityFix

if TYPE_CHECKING:
    from reader.corpus import Corpus

SORTS: dict[str, tuple[Any, ...]] = {
    "created": (EntityFix.created, EntityFix.id),
    "article": (EntityFix.article, EntityFix.start, EntityFix.id),
    "text": (EntityFix.text, EntityFix.id),
    "type": (EntityFix.action, EntityFix.type, EntityFix.id),
    "coder": (Coder.name, EntityFix.id),
}


@dataclass(frozen=True)
class FixQuery:
    """Which fixes: ``text`` in the fixed text or the article's title, ``action`` (``set``,
    ``drop`` or any), ``coder`` (a coder's name, or any)."""

    text: str = ""
    action: str = ""
    coder: str = ""


@dataclass(frozen=True)
class FixRow:
    """One fix as the list shows it."""

    id: int
    record: OccurrenceFixRecord
    title: str


def fix_ids(query: FixQuery | None = None, sort: str = "created", descending: bool = True) -> list[int]:
    """The ids of the fixes ``query`` lets through, in the order asked (see :data:`SORTS`)."""
    query = query or FixQuery()
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} ({', '.join(SORTS)})")
    select = EntityFix.select(EntityFix.id).join(Article).switch(EntityFix).join(
        Coder, join_type=JOIN.LEFT_OUTER, on=(EntityFix.coder == Coder.id))
    for part in query.text.split():
        select = select.where(EntityFix.text.contains(part) | Article.display_title.contains(part))
    if query.action:
        select = select.where(EntityFix.action == query.action)
    if query.coder:
        select = select.where(Coder.name == query.coder)
    keys = SORTS[sort]
    select = select.order_by(*[k.desc() if descending else k.asc() for k in keys])
    return [i for (i,) in select.tuples()]


def fix_rows(ids: Sequence[int]) -> list[FixRow]:
    """The fixes ``ids`` (those that still exist), in the order given."""
    wanted = list(ids)
    if not wanted:
        return []
    rows = {r.id: r for r in EntityFix.select().where(EntityFix.id.in_(wanted))}
    arts = {a.id: a for a in Article.select(Article.id, Article.text, Article.display_title)
            .where(Article.id.in_(sorted({r.article_id for r in rows.values()})))}
    names = {c.id: c.name for c in Coder.select(Coder.id, Coder.name)}
    out = []
    for i in wanted:
        r = rows.get(i)
        if r is None:
            continue
        art = arts.get(r.article_id)
        placed = place(art.text if art else "", r.start, r.end, r.text)
        status = "orphan" if placed is None else ("anchored" if placed == (r.start, r.end) else "moved")
        record = OccurrenceFixRecord(r.article_id, r.start, r.end, r.text, r.type or None, r.action, id=r.id,
                                     created=r.created, coder=names.get(r.coder_id, ""), status=status)
        out.append(FixRow(r.id, record, (art.display_title or "") if art else ""))
    return out


def fix_coders() -> list[str]:
    """The names of the coders who made fixes, sorted."""
    return sorted({n for (n,) in Coder.select(Coder.name).join(EntityFix, on=(EntityFix.coder == Coder.id)).tuples()})


def plain(record: OccurrenceFixRecord) -> OccurrenceFix:
    """The fix itself, as an :class:`~reader.coding.occurrences.OccurrenceEdit` names it."""
    return OccurrenceFix(record.article_id, record.start, record.end, record.text, record.type, record.action)


def without_fix(corpus: Corpus, record: OccurrenceFixRecord) -> list[EntityRecord]:
    """What the recogniser itself finds overlapping the fix's span (where it stands now), no
    fix applied: the "old" side of the fix."""
    from reader.coding.occurrences import SOURCE

    text = corpus.article(record.article_id).text
    placed = place(text, record.start, record.end, record.text)
    if placed is None:
        return []
    start, end = placed
    found = corpus.recognize(text)
    return [e for e in found if e.start < end and start < e.end and getattr(e, "source", "") != SOURCE]


__all__ = ["FixQuery", "FixRow", "SORTS", "fix_coders", "fix_ids", "fix_rows", "plain", "without_fix"]
