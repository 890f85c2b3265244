"""Where an annotation of the other side of a merge goes in our text (see
:mod:`reader.coding.merge`): by position and quote, by quote and context, or, for a page-sized
document holding several of our articles, by exact quote in one of them."""

from __future__ import annotations

from typing import Any

from reader.coding import anchors
from reader.exchange.matching import occurrences as _occurrences


def place(imp: Any, row: Any | None, inside: list[Any]) -> tuple[Any, tuple[int, int, str]] | None:
    """The article and span for an imported annotation: in its matched article ``row`` by
    position or exact quote; else exactly in one of the articles ``inside`` a page-sized
    document; else approximately in ``row``."""
    if row is not None:
        placed = placement(imp, row.text, fuzzy=not inside)
        if placed is not None:
            return row, placed
    found = spread_placement(imp, inside) if inside else None
    if found is not None:
        return found
    if row is not None and inside:
        placed = placement(imp, row.text, fuzzy=True)
        if placed is not None:
            return row, placed
    return None


def placement(imp: Any, text: str, fuzzy: bool = True) -> tuple[int, int, str] | None:
    """Where an imported annotation goes in ``text``: (start, end, anchors status) or None;
    an approximate place only when ``fuzzy``."""
    quote = imp.quote.replace("\r\n", "\n")
    if not quote:
        return None
    if imp.start is not None and imp.end is not None and text[imp.start:imp.end] == quote:
        return imp.start, imp.end, anchors.EXACT
    start = imp.start if imp.start is not None else 0
    place = anchors.reanchor(anchors.Anchor(start, start + len(quote), quote,
                                            imp.prefix.replace("\r\n", "\n"), imp.suffix.replace("\r\n", "\n")), text)
    if place.status == anchors.ORPHAN or place.start is None or place.end is None:
        return None
    if place.status == anchors.FUZZY and not fuzzy:
        return None
    return place.start, place.end, place.status


def spread_placement(imp: Any, candidates: list[Any]) -> tuple[Any, tuple[int, int, str]] | None:
    """The article and span of an annotation of a page-sized document: its quote where it
    occurs in one of the articles inside that page, the occurrence whose context best matches
    the annotation's when there are several."""
    quote = imp.quote.replace("\r\n", "\n")
    if not quote:
        return None
    prefix, suffix = imp.prefix.replace("\r\n", "\n"), imp.suffix.replace("\r\n", "\n")
    best: tuple[int, Any, int] | None = None
    for row in candidates:
        for i in _occurrences(row.text, quote):
            before, after = row.text[:i], row.text[i + len(quote):]
            score = _common_suffix(prefix, before) + _common_prefix(suffix, after)
            if best is None or score > best[0]:
                best = (score, row, i)
    if best is None:
        return None
    _score, row, i = best
    return row, (i, i + len(quote), anchors.MOVED)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
