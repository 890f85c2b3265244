"""Step 1: page text -> units (one per printed line) with the blank-line gap before each, the
markdown heading level and bold marks, and inline pieces (bold lead-ins, trailing credits,
photo credits) split off.  Duplicated blocks are dropped here."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.text.layout.lexicon import split_names
from reader.text.layout.markers import jump_marker
from reader.text.layout.text import normalize, squash

MD_HEADING_RE = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
BOLD_FULL_RE = re.compile(r"^\*\*(.+?)\*\*$")
BOLD_LEAD_RE = re.compile(r"^\*\*(.+?)\*\*\s*(.+)$")
IMAGE_RE = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)|\[(?:图片|图|image|img)[^\]]*\]|<img[^>]*>)$", re.I)
DUP_MIN_CHARS = 10
DUP_SHORT = 24  # a shorter line is a copy only where a line starts with it, it runs across a line end or follows a copy
DUP_WINDOW = 60_000  # characters looked back for a re-wrapped copy (a whole page; exact copies: anywhere)
WRAP_MIN_LINES = 5
WRAP_SLACK = 1
RULE_CHARS = frozenset("-*_=~ ")
INDENT_RE = re.compile(r"^(?:[\u3000\t]|[ \u00a0]{2,}|\u00a0\u3000)")
INDENTED_MIN_SHARE = 0.6
INDENTED_MIN_LINES = 3


def raw_split(text: str) -> list[str]:
    """The page's lines as printed (BOM dropped, any line end), for indentation and offsets."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def indented_page(units: list["Unit"]) -> bool:
    """True when the page indents its paragraphs (crawler and e-paper text: body lines start
    with full-width spaces, heads do not): most long lines are indented."""
    long = [u.indent for u in units if len(u.text) >= 40]
    return len(long) >= INDENTED_MIN_LINES and sum(long) >= INDENTED_MIN_SHARE * len(long)


@dataclass(eq=False)
class Unit:
    """One printed line.  ``gap`` counts blank lines before it (0: same block as the previous
    line; 2 or more: a picture or a box stood there).  ``kind`` is filled by ``classify``."""

    idx: int
    text: str
    gap: int = 1
    level: int = 0
    bold: bool = False
    kind: str = "paragraph"
    names: list[str] = field(default_factory=list)
    extra: str | None = None
    why: list[str] = field(default_factory=list)
    held: bool = False  # a paragraph that may continue a break elsewhere (see rejoin)
    extra_width: int = 0  # length of the last printed line (for unwrapping)
    indent: bool = False  # the printed line was indented (full-width spaces, tab, 2+ spaces)
    picture: bool = False  # an image placeholder stood right before this line
    spans: list[tuple[int, int]] = field(default_factory=list)  # source lines (first, last), inclusive
    jump: str | None = None  # "out": continued on another page / later; "in": continues an earlier text
    photo_names: list[str] = field(default_factory=list)  # photographers a combined credit names
    tag: str | None = None  # a series tag read off a title line (（今日谈） -> 今日谈)
    inside: bool = False  # a heading inside its item although a blank line stands before it (tight pages)

    def piece(self, text: str, kind: str, gap: int = 0, **kw: object) -> "Unit":
        """A new unit cut out of this one's line (same source lines and indentation)."""
        return Unit(0, text, gap, kind=kind, indent=self.indent, spans=list(self.spans), **kw)  # type: ignore[arg-type]

    def absorb(self, other: "Unit", text: str) -> None:
        """Take ``other``'s source lines after joining its text into this unit's."""
        self.text = text
        self.spans.extend(other.spans)

    def to_json(self) -> dict[str, object]:
        """JSON-serialisable evidence for ``explain_page``."""
        data: dict[str, object] = {"i": self.idx, "kind": self.kind, "text": self.text, "gap": self.gap}
        if self.level:
            data["level"] = self.level
        if self.names:
            data["names"] = list(self.names)
        if self.extra:
            data["extra"] = self.extra
        if self.why:
            data["why"] = list(self.why)
        if self.spans:
            data["lines"] = [list(sp) for sp in self.spans]
        if self.jump:
            data["jump"] = self.jump
        if self.photo_names:
            data["photographers"] = list(self.photo_names)
        if self.tag:
            data["tag"] = self.tag
        return data


def split_units(text: str) -> list[Unit]:
    """Lines of the normalised page as units; image placeholders become gaps; markdown heading
    marks and bold marks are read and removed; a bold lead-in becomes a heading unit followed by
    a paragraph unit in the same block."""
    units: list[Unit] = []
    gap = 0
    picture = False  # a placeholder before the first line (blank lines at the top do not count)
    just_pictured = False
    raw_lines = raw_split(text)
    for n, line in enumerate(normalize(text).split("\n")):
        s = line.strip()
        first = s[:1]
        if not s or (first in "![<" and IMAGE_RE.match(s)) or (first in RULE_CHARS and set(s) <= RULE_CHARS):
            gap += 2 if s else 1
            picture = picture or bool(s)
            just_pictured = just_pictured or bool(s)
            continue
        raw = raw_lines[n] if n < len(raw_lines) else line
        indent = bool(INDENT_RE.match(raw))
        level = 0
        m = MD_HEADING_RE.match(s) if first == "#" else None
        if m:
            level = len(m.group(1))
            s = m.group(2).strip()
            if not s:
                gap += 1
                continue
        bold = False
        lead = None
        if "**" in s:
            mb = BOLD_FULL_RE.match(s)
            if mb:
                bold, s = True, mb.group(1).strip()
            else:
                ml = BOLD_LEAD_RE.match(s)
                if ml and len(ml.group(1)) <= 40:
                    lead, s = ml.group(1).strip(), ml.group(2).strip()
            s = s.replace("**", "").strip()
        this_gap = gap if units else (2 if picture else 1)
        if lead:
            units.append(Unit(len(units), lead, this_gap, level, True, why=["bold lead-in"], indent=indent,
                              spans=[(n, n)], picture=just_pictured))
            this_gap = 0
        units.append(Unit(len(units), s, this_gap, level, bold, indent=indent, spans=[(n, n)],
                          picture=just_pictured and not lead))
        gap = 0
        just_pictured = False
    units = unwrap(units)
    for i, u in enumerate(units):
        u.idx = i
    return units


def wrap_width(units: list[Unit]) -> int | None:
    """The line width of a hard-wrapped page: the length shared by most lines that are followed
    by another line of the same block (at least ``WRAP_MIN_LINES`` of them), or None."""
    lengths = [len(u.text) for u, nxt in zip(units, units[1:]) if nxt.gap == 0 and not u.level and not u.bold]
    if len(lengths) < WRAP_MIN_LINES:
        return None
    counts = Counter(lengths)

    def near(n: int) -> int:
        """Lines within ``WRAP_SLACK`` characters of length ``n``."""
        return sum(counts.get(n + d, 0) for d in range(-WRAP_SLACK, WRAP_SLACK + 1))

    best = max(sorted(counts), key=near)
    share = near(best)
    return best if share >= WRAP_MIN_LINES and share * 2 >= len(lengths) and best >= 12 else None


def unwrap(units: list[Unit]) -> list[Unit]:
    """Undo hard wrapping: on a page wrapped at a fixed width, a line of that width continues
    in the next line of its block."""
    width = wrap_width(units)
    if width is None:
        return units
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if prev is not None and u.gap == 0 and not u.level and not prev.level and not u.bold \
                and abs(prev.extra_width - width) <= WRAP_SLACK:
            prev.absorb(u, prev.text + u.text)
            prev.extra_width = len(u.text)
            continue
        u.extra_width = len(u.text)
        out.append(u)
    return out


def _repeatable(key: str) -> bool:
    """Lines a page legitimately prints more than once: a date or an adoption note in brackets
    under a document title, a dash subtitle (``——2020年5月22日在…会议上``)."""
    return key[:1] in "（(" and key[-1:] in "）)" or key.startswith(("——", "--"))


def _crosses(bounds: list[int], start: int, end: int) -> bool:
    """True when one of the sorted offsets ``bounds`` lies strictly inside ``start``..``end``."""
    i = bisect.bisect_right(bounds, start)
    return i < len(bounds) and bounds[i] < end


def drop_duplicates(units: list[Unit]) -> tuple[list[Unit], list[dict[str, object]]]:
    """Remove units printed twice: a line of at least ``DUP_MIN_CHARS`` characters whose text
    already occurs in the page before it (however it was wrapped: within ``DUP_WINDOW``
    characters; the same line: anywhere; a line shorter than ``DUP_SHORT`` found only inside one
    earlier line is kept: a head or phrase repeating words of a text), a copy that carries a
    jump marker (the marker is kept, so the jump still pairs), and a repeated short heading
    within the last few units.  The blank lines before a dropped copy still stand before what
    follows it.  Returns kept units and the evidence for dropped ones.  Linear in the page size."""
    kept: list[Unit] = []
    keys: list[str] = []
    dropped: list[dict[str, object]] = []
    squashed = [squash(u.text) for u in units]
    page = "".join(squashed)  # the text before a unit is page[:offset] (a dropped copy repeats it)
    whole: set[str] = set()
    starts: set[int] = set()  # offsets where a unit's text begins
    line_ends: list[int] = []  # the same, in order (for the copies that run across one)
    offset = 0
    last_dropped = False

    def copy_of(key: str, start: int) -> bool:
        """Is ``key`` (a line's squashed text at ``start``) already on the page before it?  (A
        short piece found only inside one earlier line is a phrase said twice, not a copy: a
        re-wrapped copy starts where a line starts, follows a copy, or runs across a line end.)"""
        if len(key) < DUP_MIN_CHARS or _repeatable(key):
            return False
        if key in whole:
            return True
        at = page.find(key, max(0, start - DUP_WINDOW), start)
        return at >= 0 and (len(key) >= DUP_SHORT or at in starts or last_dropped
                            or _crosses(line_ends, at, at + len(key)))

    gap = 0
    for u, key in zip(units, squashed):
        start, offset = offset, offset + len(key)
        starts.add(start)
        line_ends.append(start)
        recent = keys[-4:]
        if copy_of(key, start) and split_names(u.text) is None:
            dropped.append({"step": "duplicate", "unit": u.idx, "text": u.text, "why": "text already on page"})
            last_dropped = True
            gap = gap if gap > u.gap else u.gap
            continue
        jm = jump_marker(u.text) if ("版" in u.text or "页" in u.text) and len(key) >= DUP_MIN_CHARS else None
        if jm is not None and jm[2] and copy_of(squash(jm[2]), start) and split_names(jm[2]) is None:
            dropped.append({"step": "duplicate", "unit": u.idx, "text": jm[2],
                            "why": f"text already on page (its jump marker {jm[1]} kept)"})
            u.text = jm[1]
            key = squash(u.text)
            if gap:
                u.gap = u.gap if u.gap > gap else gap
                gap = 0
            kept.append(u)
            keys.append(key)
            last_dropped = True
            continue
        last_dropped = False
        if len(key) < DUP_MIN_CHARS and (u.level or u.bold) and key in recent:
            dropped.append({"step": "duplicate", "unit": u.idx, "text": u.text, "why": "repeated heading"})
            gap = max(gap, u.gap)
            continue
        if gap:
            u.gap = u.gap if u.gap > gap else gap  # the blank lines before a dropped copy still stand before what follows it
            gap = 0
        kept.append(u)
        keys.append(key)
        whole.add(key)
    return kept, dropped
