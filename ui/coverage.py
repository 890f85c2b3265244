"""Runs of equal highlight coverage in an article: where entity and coding backgrounds change."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.records import AnnotationRecord, EntityRecord



def coverage_runs(entities: Sequence[EntityRecord], coded: Sequence[AnnotationRecord],
                  color: Callable[[AnnotationRecord], str]) -> list[tuple[int, int, list[str], list[str]]]:
    """The runs of equal coverage, left to right: ``(start, end, entity types, coding colours)``
    for every stretch some entity or coded passage covers, in one sweep over the span ends (the
    types and colours in the order of ``entities`` and ``coded``, as a per-run scan gives)."""
    events: dict[int, list[tuple[int, int]]] = {}
    for kind, spans in ((0, entities), (1, coded)):
        for number, span in enumerate(spans):
            events.setdefault(span.start, []).append((kind, number))
            events.setdefault(span.end, []).append((kind, ~number))
    active: tuple[set[int], set[int]] = (set(), set())
    colours = [color(a) for a in coded]
    out: list[tuple[int, int, list[str], list[str]]] = []
    cuts = sorted(events)
    for left, right in zip(cuts, cuts[1:]):
        for kind, number in events[left]:
            if number < 0:
                active[kind].discard(~number)
        for kind, number in events[left]:
            if number >= 0:
                active[kind].add(number)
        if active[0] or active[1]:
            out.append((left, right, [entities[i].type for i in sorted(active[0])],
                        [colours[i] for i in sorted(active[1])]))
    return out
