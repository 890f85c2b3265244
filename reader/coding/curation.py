"""Comparing two coders on one article and writing a reconciled third coder, ``consensus``.

:func:`compare` pairs the two coders' anchored annotations: an annotation of A with the same span
and the same tags as one of B is an *agreement* (each annotation pairs at most once); every other
annotation belongs to a *difference*, a group of annotations of either coder linked by shared
characters (so a boundary disagreement, a tag disagreement and a passage only one coder marked are
each one difference).  For each difference the curator decides ``a`` (keep A's annotations), ``b``
(B's), ``both`` or ``neither``; :func:`consensus_plan` lists what the consensus coder gets: every
agreement once, plus the chosen side(s) of each decided difference (an undecided one counts as
``neither``).  :func:`write_consensus` stores it, skipping what the consensus coder already has
(same span and tags), and returns the ids it created so the UI can undo it as one step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.changes import Change, CorpusError
from reader.coding.coders import CONSENSUS_CODER
from reader.records import AnnotationRecord

DECISIONS = ("a", "b", "both", "neither")


@dataclass(frozen=True)
class Agreement:
    a: AnnotationRecord
    b: AnnotationRecord


@dataclass(frozen=True)
class Difference:
    """Annotations of A and of B that overlap one another but do not agree exactly.
    ``kind``: ``only-a``, ``only-b``, ``tags`` (same span, other tags) or ``span``."""

    index: int
    start: int
    end: int
    a: tuple[AnnotationRecord, ...]
    b: tuple[AnnotationRecord, ...]

    @property
    def kind(self) -> str:
        if not self.b:
            return "only-a"
        if not self.a:
            return "only-b"
        spans_a = {(x.start, x.end) for x in self.a}
        spans_b = {(x.start, x.end) for x in self.b}
        return "tags" if spans_a == spans_b else "span"


@dataclass
class Comparison:
    article_id: int
    coder_a: str
    coder_b: str
    agreements: list[Agreement] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)


def _key(ann: AnnotationRecord) -> tuple[int, int, frozenset[str]]:
    return ann.start, ann.end, frozenset(ann.tags)


def compare(article_id: int, a: Sequence[AnnotationRecord], b: Sequence[AnnotationRecord],
            coder_a: str = "A", coder_b: str = "B") -> Comparison:
    """Agreements and differences of two coders' annotations on one article (anchored only)."""
    result = Comparison(article_id, coder_a, coder_b)
    left = sorted((x for x in a if x.status == "anchored"), key=lambda x: (x.start, x.end, x.id))
    right = sorted((x for x in b if x.status == "anchored"), key=lambda x: (x.start, x.end, x.id))
    waiting: dict[tuple[int, int, frozenset[str]], list[AnnotationRecord]] = {}
    for x in right:
        waiting.setdefault(_key(x), []).append(x)
    rest_a = []
    for x in left:
        partners = waiting.get(_key(x))
        if partners:
            result.agreements.append(Agreement(x, partners.pop(0)))
        else:
            rest_a.append(x)
    rest_b = [x for group in waiting.values() for x in group]
    items = [("a", x) for x in rest_a] + [("b", x) for x in rest_b]
    items.sort(key=lambda item: (item[1].start, item[1].end, item[1].id))
    groups: list[list[tuple[str, AnnotationRecord]]] = []
    reach = -1
    for side, x in items:  # sweep: a group runs while annotations keep overlapping it
        if groups and x.start < reach:
            groups[-1].append((side, x))
            reach = max(reach, x.end)
        else:
            groups.append([(side, x)])
            reach = x.end
    for index, group in enumerate(groups):
        result.differences.append(Difference(
            index, min(x.start for _s, x in group), max(x.end for _s, x in group),
            tuple(x for s, x in group if s == "a"), tuple(x for s, x in group if s == "b"),
        ))
    return result


def consensus_plan(comparison: Comparison, decisions: Mapping[int, str]) -> list[AnnotationRecord]:
    """The annotations the consensus coder should have, given ``decisions`` (difference index →
    one of :data:`DECISIONS`), in text order."""
    for index, decision in decisions.items():
        if decision not in DECISIONS:
            raise CorpusError("bad-decision", f"difference {index}: unknown decision {decision!r}")
    plan = [agree.a for agree in comparison.agreements]
    for diff in comparison.differences:
        decision = decisions.get(diff.index, "neither")
        if decision in ("a", "both"):
            plan.extend(diff.a)
        if decision in ("b", "both"):
            plan.extend(diff.b)
    seen: set[tuple[int, int, frozenset[str]]] = set()
    unique = []
    for x in sorted(plan, key=lambda x: (x.start, x.end, x.id)):
        if _key(x) not in seen:
            seen.add(_key(x))
            unique.append(x)
    return unique


def write_consensus(corpus: Any, comparison: Comparison, decisions: Mapping[int, str],
                    coder: str = CONSENSUS_CODER) -> tuple[Change, list[int]]:
    """Store the plan as ``coder``'s annotations (tags and notes copied; a note that both coders
    wrote differently is kept as both); returns the change and the ids created."""
    if coder in (comparison.coder_a, comparison.coder_b):
        raise CorpusError("bad-coder", "the consensus must be written as a third coder")
    have = {_key(x) for x in corpus.annotations(comparison.article_id)
            if x.coder == coder and x.status == "anchored"}
    notes: dict[tuple[int, int, frozenset[str]], list[str]] = {}
    for agree in comparison.agreements:
        notes[_key(agree.a)] = [n for n in dict.fromkeys((agree.a.note, agree.b.note)) if n]
    created: list[int] = []
    from reader.store.models import database

    with database.atomic():
        for x in consensus_plan(comparison, decisions):
            if _key(x) in have:
                continue
            note = "\n".join(notes.get(_key(x), [x.note] if x.note else []))
            rec = corpus.annotate(comparison.article_id, x.start, x.end, tags=list(x.tags), note=note,
                                  author=coder)
            have.add(_key(x))
            created.append(rec.id)
    return Change("annotations", (comparison.article_id,), tuple(created)), created
