"""Offsets as other tools count them, turned into our code points.

REFI-QDA says positions are characters, but producers disagree on what a character is: NVivo
counts UTF-16 code units over text whose line ends are CRLF (two units each), others count code
points over the text as stored.  A :class:`Scheme` names one way of counting; :class:`Counter`
maps positions counted that way onto code points of the *normalised* text (line ends ``\\n``),
which is what we store.  :func:`choose_scheme` picks the scheme that explains the file best:
by the quotes the file carries (a selection's ``name``) when there are any, else by how many
selections start and end on natural boundaries, else by the producing tool.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    """``utf16``: positions count UTF-16 code units (a non-BMP character is two);
    ``crlf``: every line end counts as two (``\\r\\n``), whatever the stored text has."""

    utf16: bool = False
    crlf: bool = False

    @property
    def label(self) -> str:
        unit = "UTF-16 units" if self.utf16 else "code points"
        return f"{unit}, {'CRLF' if self.crlf else 'LF'} line ends"


CODE_POINTS = Scheme(False, False)
NVIVO = Scheme(True, True)
SCHEMES: tuple[Scheme, ...] = (CODE_POINTS, NVIVO, Scheme(True, False), Scheme(False, True))


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``: the text we store and count in."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_WIDE = {
    (True, True): re.compile("[\n\U00010000-\U0010ffff]"),
    (True, False): re.compile("[\U00010000-\U0010ffff]"),
    (False, True): re.compile("\n"),
}
SAMPLE = 2000  # spans looked at to decide a file's scheme


class Counter:
    """Maps positions of one :class:`Scheme` to code points of a normalised text.

    Only the characters that count as two units (non-BMP under ``utf16``, ``\\n`` under
    ``crlf``) are remembered, so the map costs memory in proportion to those, not the text.
    """

    def __init__(self, text: str, scheme: Scheme) -> None:
        self.text = text
        self.scheme = scheme
        pattern = _WIDE.get((scheme.utf16, scheme.crlf))
        wide = [m.start() for m in pattern.finditer(text)] if pattern else []
        self.wide = wide  # code points that count as two units
        # unit position at which wide character k starts: wide[k] + k
        self.wide_units = [cp + k for k, cp in enumerate(wide)]
        self.length = len(text) + len(wide)

    def to_code_point(self, unit: int) -> int | None:
        """The code point at unit position ``unit``, or None when ``unit`` falls inside a
        two-unit character (between ``\\r`` and ``\\n``, or inside a surrogate pair) or beyond
        the text."""
        if not 0 <= unit <= self.length:
            return None
        k = bisect.bisect_right(self.wide_units, unit) - 1  # last wide char starting <= unit
        if k < 0:
            return unit
        if self.wide_units[k] == unit:
            return unit - k  # the wide character itself
        if self.wide_units[k] == unit - 1:
            return None  # its second unit
        return unit - (k + 1)

    def to_units(self, code_point: int) -> int:
        """The unit position of code point ``code_point`` (for exports)."""
        return code_point + bisect.bisect_left(self.wide, code_point)


def _boundary_before(text: str, i: int) -> bool:
    return i == 0 or _is_break(text[i - 1]) or _is_break(text[i])


def _boundary_after(text: str, i: int) -> bool:
    return i == len(text) or _is_break(text[i]) or _is_break(text[i - 1])


def _is_break(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZ"


@dataclass(frozen=True)
class Verdict:
    scheme: Scheme
    how: str  # "quotes", "boundaries" or "producer"
    matched: int  # selections the evidence supports
    total: int


Spans = Sequence[tuple[int, int, str]]


def choose_scheme(docs: Sequence[tuple[str, Spans]], preferred: Scheme = CODE_POINTS) -> Verdict:
    """The scheme under which the spans ``(start, end, quote-or-"")`` of every document
    ``(normalised text, spans)`` fit best.

    Quotes decide when any span has one (the cut text equals the quote, or starts with it for
    a quote cut short); else the count of spans whose both ends sit on boundaries (text edges,
    whitespace, punctuation), if one scheme is clearly (10 %) ahead of ``preferred``; else
    ``preferred``, the producing tool's known habit.  A scheme that puts a span outside the
    text or inside a two-unit character scores nothing for that span.
    """
    quoted = any(q.strip() for _text, spans in docs for _s, _e, q in spans)
    how = "quotes" if quoted else "boundaries"
    scores = {scheme: 0 for scheme in SCHEMES}
    total = 0
    for text, spans in docs:
        if total >= SAMPLE:
            break
        evidence = [sp for sp in spans if sp[2].strip()] if quoted else list(spans)
        if not evidence:
            continue
        total += len(evidence)
        for scheme in SCHEMES:
            counter = Counter(text, scheme)
            for start, end, quote in evidence:
                s, e = counter.to_code_point(start), counter.to_code_point(end)
                if s is None or e is None or s > e:
                    continue
                if quoted:
                    cut, q = text[s:e], normalise_newlines(quote)
                    scores[scheme] += cut == q or (len(q) >= 8 and cut.startswith(q.rstrip("…. ")))
                else:
                    scores[scheme] += _boundary_before(text, s) and _boundary_after(text, e)
    best = max(SCHEMES, key=lambda sc: (scores[sc], sc == preferred))
    if not quoted and best != preferred and (scores[best] - scores[preferred]) * 10 < total:
        best, how = preferred, "producer"
    return Verdict(best, how, scores[best], total)


def producer_scheme(origin: str | None) -> Scheme:
    """The counting habit of the tool named in a REFI-QDA ``origin`` attribute."""
    return NVIVO if origin and "nvivo" in origin.lower() else CODE_POINTS
