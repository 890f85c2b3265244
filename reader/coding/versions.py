"""Row versions of annotations (issue 17): an edit says which version it was made on, and is
refused with a ``conflict`` error when another coder (another window, process or machine) has
changed the annotation since, instead of silently overwriting their change.

The version belongs to the database (a trigger makes every update of the row the old
version + 1, see the migration ``_annotation_versions``); :func:`claim` checks and bumps it in
one conditional ``UPDATE`` inside the caller's transaction, so two writers racing on the same
version cannot both pass, on SQLite (one writer at a time) or on a server (row lock, then
the second writer's condition is evaluated on the first one's committed row).

Every writer of an annotation (tags, note, span, re-anchoring, undo and redo) writes the fields it
changes plus :func:`touched` (when, and ``editor``: the session coder), never a stale copy of
the whole row; the writers that take ``expected_version`` call :func:`claim` first.
"""

from __future__ import annotations

from typing import Any

from reader.changes import CorpusError
from reader.store.models import Annotation, utcnow


def touched() -> dict[Any, Any]:
    """The fields every write of an annotation sets: ``updated`` and ``editor``."""
    from reader.coding.coders import session_coder_name

    return {Annotation.updated: utcnow(), Annotation.editor: session_coder_name()}


def who_changed(row: Annotation) -> str:
    """The coder who changed ``row`` last (its author when nobody has since it was made)."""
    return row.editor or row.author or "another coder"


def claim(annotation_id: int, expected_version: int | None) -> None:
    """Take ``annotation_id`` for an edit made on ``expected_version`` (call inside the write's
    transaction; None: no check); raises ``CorpusError`` ``conflict`` (or ``no-annotation``)
    naming the coder who changed it meanwhile."""
    if expected_version is None:
        return
    done = (Annotation.update(touched())
            .where((Annotation.id == annotation_id) & (Annotation.version == expected_version)).execute())
    if done:
        return
    row = Annotation.get_or_none(Annotation.id == annotation_id)
    if row is None:
        raise CorpusError("no-annotation", f"annotation {annotation_id} was deleted meanwhile")
    raise CorpusError(
        "conflict",
        f"annotation {annotation_id} was changed meanwhile by {who_changed(row)} at "
        f"{row.updated:%Y-%m-%d %H:%M:%S} UTC (now version {row.version}; this edit was made on version "
        f"{expected_version}): reload it and edit again",
    )
