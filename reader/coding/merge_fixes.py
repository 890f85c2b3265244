"""Occurrence fixes in a team merge (:mod:`reader.coding.merge`): the other corpus's
``entity_fix`` rows (:mod:`reader.coding.occurrences`) added to our matched articles.

* A fix is read with the key of its article and its coder's name (:func:`read_fixes`).
* It is placed where its offsets cut its text out of our article, else at the occurrence of its
  text nearest to where it was (:func:`reader.coding.occurrences.place`); a fix whose article
  did not match, or whose text is not in ours, is reported in ``fixes_unplaced``.
* The same fix (span, type, action) already here is *matched*; one that overlaps a fix of ours
  with another decision is not added (we keep ours: a merge only adds) and is reported in the
  warnings.  So merging twice adds nothing.
* Added fixes keep their coder (created by name when new) and their date.  The articles that got
  one are recognised again after the merge, so their entities show the fixes at once; undo of
  the merge deletes exactly those rows (saved for redo, which puts them back with their ids) and
  recognises those articles again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.coding.occurrences import place
from reader.store.models import EntityFix


@dataclass(frozen=True)
class ForeignFix:
    """A fix of the other side: its article's key, span, text, type ('' = any), action, coder."""

    article_key: str
    start: int
    end: int
    text: str
    type: str
    action: str
    coder: str
    created: datetime | None


def read_fixes(con: sqlite3.Connection, keys: dict[int, str], coders: dict[int, str],
               tables: set[str]) -> list[ForeignFix]:
    """The ``entity_fix`` rows of the other corpus (none when its schema predates them)."""
    from reader.coding.merge_read import _moment

    if "entity_fix" not in tables:
        return []
    out = []
    for aid, start, end, text, etype, action, created, cid in con.execute(
        'SELECT "article_id", "start", "end", "text", "type", "action", "created", "coder_id" '
        'FROM "entity_fix" ORDER BY "id"'
    ):
        key = keys.get(aid)
        if key is not None:
            out.append(ForeignFix(key, start, end, text, etype or "", action, coders.get(cid, ""), _moment(created)))
    return out


def merge_fixes(fixes: list[ForeignFix], matched: dict[str, Any], coders: Any, report: Any) -> None:
    """Add the other side's fixes to our matched articles (inside the merge's transaction)."""
    mine: dict[int, list[tuple[int, int, str, str]]] = {}
    for fix in fixes:
        row = matched.get(fix.article_key)
        where = {"document": fix.article_key, "text": fix.text, "start": fix.start, "end": fix.end,
                 "type": fix.type or None, "action": fix.action}
        if row is None:
            report.fixes_unplaced.append({**where, "reason": "no-article"})
            continue
        placed = place(row.text, fix.start, fix.end, fix.text)
        if placed is None:
            report.fixes_unplaced.append({**where, "reason": "text-not-found", "article": row.id})
            continue
        start, end = placed
        if row.id not in mine:
            mine[row.id] = [(f.start, f.end, f.type, f.action) for f in
                            EntityFix.select(EntityFix.start, EntityFix.end, EntityFix.type, EntityFix.action)
                            .where(EntityFix.article == row.id)]
        ours = mine[row.id]
        if (start, end, fix.type, fix.action) in ours:
            report.fixes_matched += 1
            continue
        if any(s < end and start < e for s, e, _, _ in ours):
            report.warnings.append(f"article {row.id}: kept our fix of {row.text[start:end]!r}; "
                                   f"the other side's differs ({fix.action} {fix.type or 'any'})")
            continue
        values: dict[str, Any] = {"article": row.id, "start": start, "end": end, "text": fix.text,
                                  "type": fix.type, "action": fix.action, "coder": coders.get(fix.coder).id}
        if fix.created is not None:
            values["created"] = fix.created
        report.fixes_added.append(EntityFix.create(**values).id)
        ours.append((start, end, fix.type, fix.action))


def fix_article_ids(ids: list[int]) -> tuple[int, ...]:
    """The articles the fixes ``ids`` are on."""
    if not ids:
        return ()
    return tuple(sorted({f.article_id for f in EntityFix.select(EntityFix.article).where(EntityFix.id.in_(ids))}))


def take_back(ids: list[int]) -> list[tuple[Any, ...]]:
    """Delete the fixes ``ids``; returns their rows for :func:`put_back`."""
    rows = [(f.id, f.article_id, f.start, f.end, f.text, f.type, f.action, f.created, f.coder_id)
            for f in EntityFix.select().where(EntityFix.id.in_(ids))]
    EntityFix.delete().where(EntityFix.id.in_(ids)).execute()
    return rows


def put_back(rows: list[tuple[Any, ...]]) -> None:
    """Insert the rows :func:`take_back` returned, with their ids."""
    for fid, aid, start, end, text, etype, action, created, cid in rows:
        EntityFix.insert(id=fid, article=aid, start=start, end=end, text=text, type=etype, action=action,
                         created=created, coder=cid).execute()


def recognise_again(corpus: Any, article_ids: tuple[int, ...], now: bool = True) -> None:
    """Recognise the articles whose fixes changed, so their entities carry them; with ``now``
    False only mark them stale, for a recognition the caller runs (in the background: the
    window's undo, through :func:`reader.coding.corrections.recompute`)."""
    if corpus is not None and article_ids:
        from reader.coding.corrections import mark_stale, recompute

        if now:
            recompute(corpus, article_ids)
        else:
            mark_stale(article_ids)
