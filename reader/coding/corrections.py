"""User corrections to the entity recogniser, applied to the whole corpus, and keeping stored
entities current with the recogniser.

A correction is a row of :class:`reader.store.models.EntityCorrection`: ``add`` puts ``text`` in the
corpus's user dictionary with a type (every occurrence is tagged so); ``reject`` puts it on the
reject list for one type, or for every type when ``type`` is ``None`` (stored as ``""``).
:meth:`reader.corpus.Corpus.recognizer` builds the recogniser from these rows, so later ingests
use them too.

Every operation is an :class:`Edit` (rows to insert, rows to delete) applied by
:func:`apply_edit`, which stores it in one transaction, drops the corpus's cached recogniser and
recognises again only the articles whose text contains a corrected string.  It returns an
:class:`Applied` whose ``inverse`` is the exact edit that undoes it (only rows that really
changed are in it), so undo and redo are ``apply_edit(corpus, applied.inverse)`` alternately.

Recognition runs are long jobs: they take ``progress(done, total, label)`` and ``cancelled()``.
Articles a cancelled run did not reach are remembered in :class:`Meta` (``entities.stale``) and
:func:`entities_status` reports them with a recogniser whose version differs from the one the
stored entities were made with (``entities.recognizer``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import fn

from reader.changes import Change, CorpusError
from reader.coding.coders import session_coder_id
from reader.ingest import Cancelled, Progress
from reader.records import ENTITY_TYPES
from reader.store.models import Article, EntityCorrection, database
from reader.store.packed_text import text_expr

if TYPE_CHECKING:  # the facade uses this module
    from reader.corpus import Corpus

ACTIONS: tuple[str, ...] = ("add", "reject")
VERSION_KEY = "entities.recognizer"
STALE_KEY = "entities.stale"
_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Correction:
    """One user-dictionary (``add``) or reject-list (``reject``) entry; ``type`` ``None`` in a
    reject means every type."""

    text: str
    type: str | None
    action: str

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "type": self.type, "action": self.action}


@dataclass(frozen=True)
class CorrectionRecord(Correction):
    """A stored correction with its creation time (UTC)."""

    id: int = 0
    created: datetime | None = None
    coder: str = ""  # who made it ("" for corrections from before coders)

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(id=self.id, created=self.created.isoformat() if self.created else None, coder=self.coder)
        return data


@dataclass(frozen=True)
class Edit:
    """A change to the corrections: ``delete`` these rows, then ``insert`` those."""

    insert: tuple[Correction, ...] = ()
    delete: tuple[Correction, ...] = ()

    @property
    def inverse(self) -> Edit:
        return Edit(insert=self.delete, delete=self.insert)

    def texts(self) -> list[str]:
        return sorted({c.text for c in (*self.insert, *self.delete)})

    def __bool__(self) -> bool:
        return bool(self.insert or self.delete)


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_edit` did: the ``edit`` really applied (rows that existed already or
    were missing are left out), its ``inverse`` and the entities ``change``."""

    edit: Edit
    change: Change
    cancelled: bool = False

    @property
    def inverse(self) -> Edit:
        return self.edit.inverse


@dataclass(frozen=True)
class EntitiesStatus:
    """Whether stored entities are current: ``stored`` is the recogniser version they were made
    with (``None`` when never recorded), ``current`` today's, ``stale`` articles left behind."""

    stored: str | None
    current: str
    stale: tuple[int, ...] = field(default_factory=tuple)

    @property
    def outdated(self) -> bool:
        return self.stored is not None and self.stored != self.current

    @property
    def needs_recompute(self) -> bool:
        return self.outdated or bool(self.stale)


# -- validation -------------------------------------------------------------------------------
def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise CorpusError("bad-entity", "an entity text cannot be empty")
    if "\n" in text:
        raise CorpusError("bad-entity", "an entity cannot span lines")
    return text


def _check_type(etype: str | None, allow_any: bool = False) -> str | None:
    if etype is None or etype == "":
        if allow_any:
            return None
        raise CorpusError("bad-entity-type", "an entity type is required")
    etype = etype.upper()
    if etype not in ENTITY_TYPES:
        raise CorpusError("bad-entity-type", f"unknown entity type {etype!r} (one of {', '.join(ENTITY_TYPES)})")
    return etype


def _rows(text: str) -> list[Correction]:
    return [
        Correction(r.text, r.type or None, r.action)
        for r in EntityCorrection.select().where(EntityCorrection.text == text)
    ]


# -- reading ----------------------------------------------------------------------------------
def list_corrections(corpus: Corpus) -> list[CorrectionRecord]:
    """Every correction of the corpus, newest first."""
    del corpus  # the models are bound to the corpus's database
    from reader.store.models import Coder

    names = {c.id: c.name for c in Coder.select(Coder.id, Coder.name)}
    return [
        CorrectionRecord(r.text, r.type or None, r.action, id=r.id, created=r.created,
                         coder=names.get(r.coder_id, ""))
        for r in EntityCorrection.select().order_by(EntityCorrection.created.desc(), EntityCorrection.id.desc())
    ]


def articles_containing(texts: Iterable[str]) -> list[int]:
    """Ids of the articles whose text contains any of ``texts``."""
    texts = [t for t in texts if t]
    if not texts:
        return []
    condition = None
    for text in texts:
        clause = fn.instr(text_expr(Article.text), text) > 0
        condition = clause if condition is None else (condition | clause)
    return [r.id for r in Article.select(Article.id).where(condition).order_by(Article.id)]


# -- planning ---------------------------------------------------------------------------------
def add_edit(text: str, etype: str) -> Edit:
    """Make ``text`` an entity of ``etype`` everywhere: it replaces another type given to the same
    text and lifts a rejection of that type (or of every type)."""
    text, etype = _clean_text(text), _check_type(etype)
    delete = tuple(
        c for c in _rows(text)
        if (c.action == "add" and c.type != etype) or (c.action == "reject" and c.type in (etype, None))
    )
    return Edit(insert=(Correction(text, etype, "add"),), delete=delete)


def reject_edit(text: str, etype: str | None = None) -> Edit:
    """Never tag ``text`` as ``etype`` (every type when ``None``); drops a matching user entry."""
    text, etype = _clean_text(text), _check_type(etype, allow_any=True)
    delete = tuple(
        c for c in _rows(text) if c.action == "add" and (etype is None or c.type == etype)
    )
    return Edit(insert=(Correction(text, etype, "reject"),), delete=delete)


def remove_edit(text: str, etype: str | None, action: str) -> Edit:
    if action not in ACTIONS:
        raise CorpusError("bad-correction", f"unknown correction action {action!r}")
    etype = _check_type(etype, allow_any=True)
    return Edit(delete=(Correction(text, etype, action),))


# -- writing ----------------------------------------------------------------------------------
def _store(edit: Edit) -> Edit:
    """Apply ``edit`` to the table; return the part that really changed something."""
    deleted: list[Correction] = []
    inserted: list[Correction] = []
    with database.atomic():
        for c in edit.delete:
            count = (EntityCorrection.delete()
                     .where((EntityCorrection.text == c.text) & (EntityCorrection.type == (c.type or ""))
                            & (EntityCorrection.action == c.action))
                     .execute())
            if count:
                deleted.append(c)
        for c in edit.insert:
            exists = EntityCorrection.select().where(
                (EntityCorrection.text == c.text) & (EntityCorrection.type == (c.type or ""))
                & (EntityCorrection.action == c.action)).exists()
            if not exists:
                EntityCorrection.create(text=c.text, type=c.type or "", action=c.action,
                                        coder=session_coder_id())
                inserted.append(c)
    return Edit(insert=tuple(inserted), delete=tuple(deleted))


def apply_edit(
    corpus: Corpus, edit: Edit, progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> Applied:
    """Store ``edit`` and recognise again every article containing one of its texts."""
    done = _store(edit)
    corpus._recognizer = None  # the recogniser is built from the corrections
    ids = articles_containing(done.texts())
    change, was_cancelled = recompute(corpus, ids, progress, cancelled)
    return Applied(done, change, was_cancelled)


def add_entity(
    corpus: Corpus, text: str, etype: str, progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> Applied:
    """Tag every occurrence of ``text`` as ``etype`` (source ``user``) in every article."""
    return apply_edit(corpus, add_edit(text, etype), progress, cancelled)


def reject_entity(
    corpus: Corpus, text: str, etype: str | None = None, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Applied:
    """Never tag ``text`` as ``etype`` (as anything when ``None``) in any article."""
    return apply_edit(corpus, reject_edit(text, etype), progress, cancelled)


def change_type(
    corpus: Corpus, text: str, old_type: str, new_type: str, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Applied:
    """Tag ``text`` as ``new_type`` wherever it was found (as ``old_type`` or not): a user entry
    outranks every recogniser layer, so no rejection of ``old_type`` is needed."""
    _check_type(old_type)
    return apply_edit(corpus, add_edit(text, new_type), progress, cancelled)


def remove_correction(
    corpus: Corpus, text: str, etype: str | None, action: str, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Applied:
    """Forget one correction; the recogniser decides about ``text`` again."""
    return apply_edit(corpus, remove_edit(text, etype, action), progress, cancelled)


# -- keeping entities current -----------------------------------------------------------------
@lru_cache(maxsize=1)
def recognizer_version() -> str:
    """A fingerprint of the recogniser: its ``VERSION`` when it declares one, its code, its word
    lists and gazetteer, its trained model file, and the jieba release whose dictionary it reads."""
    import reader.text.entities as entities

    digest = hashlib.sha256(str(getattr(entities, "VERSION", "")).encode())
    files = [_ROOT / "reader" / "text" / "entities.py", *sorted((_ROOT / "reader" / "text" / "ner").glob("*.py"))]
    files += sorted((_ROOT / "data" / "ner").glob("*.txt"))
    files += sorted(p for p in (_ROOT / "data" / "gazetteer").glob("*") if p.is_file())
    from reader.text.ner.model import model_path

    model = model_path()  # the trained model in use (shipped, or $PIZHU_NER_MODEL)
    if model is not None and model.is_file():
        files.append(model)
    for path in files:
        digest.update((path.relative_to(_ROOT).as_posix() if path.is_relative_to(_ROOT) else path.name).encode())
        digest.update(path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("jieba").encode())
    except Exception:  # jieba metadata missing: the code and data still fingerprint
        pass
    return digest.hexdigest()[:16]


def _stale() -> set[int]:
    from reader.store.models import Meta

    row = Meta.get_or_none(Meta.key == STALE_KEY)
    return set(json.loads(row.value)) if row else set()


def _set_stale(ids: set[int]) -> None:
    from reader.store.models import Meta

    if ids:
        value = json.dumps(sorted(ids))
        Meta.insert(key=STALE_KEY, value=value).on_conflict(conflict_target=[Meta.key], update={Meta.value: value}).execute()
    else:
        Meta.delete().where(Meta.key == STALE_KEY).execute()


def mark_stale(article_ids: Iterable[int]) -> None:
    """Remember articles whose entities must be recognised again (a run that is to follow,
    e.g. in the background, clears them; if it never finishes the next start does it)."""
    _set_stale(_stale() | set(article_ids))


def entities_status(corpus: Corpus) -> EntitiesStatus:
    return EntitiesStatus(corpus.meta(VERSION_KEY), recognizer_version(), tuple(sorted(_stale())))


def stamp(corpus: Corpus) -> None:
    """Record that the stored entities were made with today's recogniser."""
    corpus.set_meta(VERSION_KEY, recognizer_version())


def recompute(
    corpus: Corpus, article_ids: Iterable[int], progress: Progress | None = None,
    cancelled: Cancelled | None = None, jobs: int | None = None,
) -> tuple[Change, bool]:
    """Recognise the given articles again (in ``jobs`` worker processes: see
    :meth:`reader.corpus.Corpus.recompute_entities`); those a cancel leaves behind are marked
    stale.  Returns the change and whether it was cancelled."""
    ids = list(article_ids)
    if not ids:
        if progress is not None:
            progress(0, 0, "")
        return Change("entities", ()), False
    _set_stale(_stale() | set(ids))
    change = corpus.recompute_entities(progress, cancelled, article_ids=ids, jobs=jobs)
    _set_stale(_stale() - set(change.article_ids))
    return change, len(change.article_ids) < len(ids)


def refresh_entities(
    corpus: Corpus, progress: Progress | None = None, cancelled: Cancelled | None = None,
    everything: bool = False, jobs: int | None = None,
) -> Change:
    """Bring stored entities up to date: every article when the recogniser changed (or
    ``everything``), else the stale ones.  Records the version once a full run completes; a
    corpus that never recorded one is assumed current and only stamped."""
    status = entities_status(corpus)
    if status.stored is None and not everything:
        stamp(corpus)
    if status.outdated or everything:
        ids = [r.id for r in Article.select(Article.id).order_by(Article.id)]
        change, was_cancelled = recompute(corpus, ids, progress, cancelled, jobs)
        if not was_cancelled:
            stamp(corpus)
        return change
    change, _ = recompute(corpus, status.stale, progress, cancelled, jobs)
    return change


__all__ = [
    "Applied", "Correction", "CorrectionRecord", "Edit", "EntitiesStatus", "add_entity", "add_edit",
    "apply_edit", "articles_containing", "change_type", "entities_status", "list_corrections",
    "recognizer_version", "recompute", "refresh_entities", "reject_edit", "reject_entity",
    "remove_correction", "remove_edit", "stamp",
]
