"""Named coders: who made each annotation, article note, article tag, tag change and entity
correction.

The *session coder* is the person working in this process: given on the command line
(``--coder NAME``), in the environment (``PIZHU_CODER``; the older ``PIZHU_AUTHOR`` is still
honoured), or chosen in the app at first start; never the operating-system login.  With none of
these, writes are recorded as :data:`FALLBACK_CODER`.  Like the database handle
(:data:`reader.store.models.database`), it is one per process: :func:`use_coder` sets it and the
write paths of the core read it through :func:`session_coder_id`.  A coder row is created the
first time its coder writes, so reading never adds one.

``annotation.author`` mirrors ``coder.name`` (older readers and exports use it); renaming a coder
updates both in one transaction, and a trigger (migration ``_team_coders``) fills either one for
writers that set only the other.  :class:`CoderOps` is mixed into ``reader.corpus.Corpus``.
"""

from __future__ import annotations

import os
import unicodedata

from peewee import fn

from reader.changes import Change, CorpusError
from reader.records import CoderRecord
from reader.store.migrations import CODER_COLORS
from reader.store.models import Annotation, Coder, database

FALLBACK_CODER = "pizhu"
CONSENSUS_CODER = "consensus"
MAX_NAME = 80

_session: dict[str, str | None] = {"name": None, "color": None}


def clean_name(name: str) -> str:
    """A coder name stripped of surrounding space; empty, over-long or control-character names
    are refused with ``CorpusError("bad-coder")``."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise CorpusError("bad-coder", "a coder name cannot be empty")
    if len(cleaned) > MAX_NAME:
        raise CorpusError("bad-coder", f"a coder name has at most {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise CorpusError("bad-coder", f"a coder name cannot hold control characters: {cleaned!r}")
    return cleaned


def clean_color(color: str) -> str:
    value = str(color).strip()
    if len(value) != 7 or value[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in value[1:]):
        raise CorpusError("bad-color", f"a colour is written #RRGGBB, not {color!r}")
    return value.lower()


def environment_coder() -> str | None:
    """``PIZHU_CODER`` (or the older ``PIZHU_AUTHOR``) when set and not blank."""
    for key in ("PIZHU_CODER", "PIZHU_AUTHOR"):
        value = os.environ.get(key, "").strip()
        if value:
            return value
    return None


def use_coder(name: str | None, color: str | None = None) -> None:
    """Make ``name`` the session coder (``None``: back to the environment or the fallback)."""
    _session["name"] = clean_name(name) if name is not None else None
    _session["color"] = clean_color(color) if color else None


def session_coder_name() -> str:
    """The name new work is recorded under."""
    return _session["name"] or environment_coder() or FALLBACK_CODER


def next_color() -> str:
    """A colour of the coder palette not yet taken, else the next in turn."""
    taken = {c.color.lower() for c in Coder.select(Coder.color)}
    for color in CODER_COLORS:
        if color not in taken:
            return color
    return CODER_COLORS[Coder.select().count() % len(CODER_COLORS)]


def ensure_coder(name: str, color: str | None = None) -> Coder:
    """The coder row called ``name``, created (with ``color`` or a free palette colour) if new."""
    name = clean_name(name)
    row = Coder.get_or_none(Coder.name == name)
    if row is None:
        row = Coder.create(name=name, color=clean_color(color) if color else next_color())
    return row


def session_coder() -> Coder:
    """The session coder's row (created on first use, with the colour chosen for it if any)."""
    return ensure_coder(session_coder_name(), _session["color"])


def session_coder_id() -> int:
    return int(session_coder().id)


def _record(row: Coder, count: int = 0) -> CoderRecord:
    return CoderRecord(row.id, row.name, row.color, count)


class CoderOps:
    """Coder operations of :class:`reader.corpus.Corpus`; writes return a ``Change`` of kind
    ``coders`` (annotations of a renamed or recoloured coder are redrawn by every view)."""

    def set_coder(self, name: str, color: str | None = None) -> CoderRecord:
        """Work as ``name`` from now on (created if new; ``color`` recolours an existing one)."""
        use_coder(name, color)
        with database.atomic():
            row = ensure_coder(name, color)
            if color and row.color != clean_color(color):
                row.color = clean_color(color)
                row.save()
        return _record(row)

    @property
    def coder_name(self) -> str:
        return session_coder_name()

    def current_coder(self) -> CoderRecord:
        """The session coder as a record (its row is created if it has none yet)."""
        return _record(session_coder())

    def coders(self) -> list[CoderRecord]:
        """Every coder, by name, with their annotation counts."""
        counts = {r.coder_id: r.n for r in Annotation.select(Annotation.coder, fn.COUNT(Annotation.id).alias("n"))
                  .group_by(Annotation.coder)}
        return [_record(c, counts.get(c.id, 0)) for c in Coder.select().order_by(Coder.name)]

    def coder(self, name: str) -> CoderRecord | None:
        row = Coder.get_or_none(Coder.name == " ".join(str(name).split()))
        return None if row is None else _record(row)

    def coder_colors(self) -> dict[str, str]:
        return {c.name: c.color for c in Coder.select(Coder.name, Coder.color)}

    def require_coders(self, names: list[str]) -> list[CoderRecord]:
        """Records for ``names``; an unknown name is a ``CorpusError("no-coder")``."""
        found = []
        for name in names:
            rec = self.coder(name)
            if rec is None:
                known = ", ".join(c.name for c in self.coders()) or "none"
                raise CorpusError("no-coder", f"no coder named {name!r} (coders: {known})")
            found.append(rec)
        return found

    def rename_coder(self, coder_id: int, name: str) -> Change:
        row = Coder.get_or_none(Coder.id == coder_id)
        if row is None:
            raise CorpusError("no-coder", f"no coder with id {coder_id}")
        name = clean_name(name)
        other = Coder.get_or_none(Coder.name == name)
        if other is not None and other.id != coder_id:
            raise CorpusError("coder-exists", f"a coder named {name!r} already exists")
        old = row.name
        with database.atomic():
            row.name = name
            row.save()
            Annotation.update(author=name).where(Annotation.coder == coder_id).execute()
        if _session["name"] == old:
            _session["name"] = name
        return Change("coders", (), (coder_id,))

    def set_coder_color(self, coder_id: int, color: str) -> Change:
        row = Coder.get_or_none(Coder.id == coder_id)
        if row is None:
            raise CorpusError("no-coder", f"no coder with id {coder_id}")
        row.color = clean_color(color)
        row.save()
        return Change("coders", (), (coder_id,))
