"""The corpus's user dictionary among the recogniser's candidates.

Contract of :func:`keep_user_entries`: a user entry (a candidate of priority ``USER``) outranks
every layer, except that it never cuts an entity that contains it.  Marking 县委 as ORG tags 县委
where it stands alone but leaves 沅陵县委 and 中共沅陵县委常委会 whole; changing 娄星 to ORG
leaves 娄星区 and 娄底市娄星区 alone.  An entity "contains" the entry when, resolved without the
user entries, it spans the entry's span and is longer; an entity of the same span is replaced
(that is how a user changes a type).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.text.ner.candidate import USER, Candidate

Resolve = Callable[[list[Candidate]], list[Candidate]]


def keep_user_entries(candidates: list[Candidate], resolve: Resolve) -> list[Candidate]:
    """``candidates`` without the user entries that lie strictly inside a longer entity."""
    users = [c for c in candidates if c.priority >= USER]
    if not users:
        return candidates
    others = [c for c in candidates if c.priority < USER]
    base = resolve(others)
    kept = [u for u in users
            if not any(b.start <= u.start and u.end <= b.end and b.end - b.start > u.end - u.start for b in base)]
    return others + kept
