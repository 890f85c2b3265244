"""The candidate span every layer proposes, and the resolution of overlapping candidates.

Contract of :func:`resolve`: the result is sorted by start and non-overlapping.  User entries
(priority ``USER``) always win; otherwise a longer span wins over a shorter one that overlaps it
(nested names resolve to the outermost span), and among equal lengths the higher priority wins,
then the earlier start.
"""

from __future__ import annotations

from typing import NamedTuple

USER = 1000


class Candidate(NamedTuple):
    """A proposed entity: code-point span (end exclusive), type, source and priority."""

    start: int
    end: int
    type: str
    source: str
    priority: int


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Pick a non-overlapping subset of ``candidates`` (see module docstring)."""
    order = sorted(
        candidates,
        key=lambda c: (c.priority < USER, -(c.end - c.start), -c.priority, c.start),
    )
    taken: list[Candidate] = []
    occupied = bytearray(max((c.end for c in candidates), default=0))
    for cand in order:
        if cand.end <= cand.start or any(occupied[cand.start:cand.end]):
            continue
        taken.append(cand)
        occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort()
    return taken
