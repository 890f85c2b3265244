"""Fixing a page's split by hand, as pure operations on parsed articles (no database, no Qt).

A *fix* is a small JSON-able dict that says what the user wanted in terms of the text, never
of article ids, so it can be applied again to a fresh parse of the same page (re-ingest, a
newer parser) and to a page whose file was edited:

- ``{"op": "split", "at": ANCHOR}``: the article holding the anchored point is cut there; the
  second part starts with the anchored text (a heading there becomes its title);
- ``{"op": "merge", "first": ANCHOR, "second": ANCHOR}``: the articles holding the two
  anchors become one (the second one's head becomes headings of the first one's text);
- ``{"op": "edit", "at": ANCHOR, "set": {"title": …, "subtitle": …, "authors": […]}}``: the
  article holding the anchor gets these (``None`` or ``""`` removes a title or subtitle).

An ANCHOR is :class:`reader.coding.anchors.Anchor` as a dict (``start``, ``end``, ``quote``,
``prefix``, ``suffix``, code points of the article's composed text) plus ``article``, the
article's index on the page when the fix was made; articles are anchored by the start of their
first body block, which an edit of the head does not touch.  :func:`apply_fix` finds the
anchors again (at the same place, else by :func:`reader.coding.anchors.reanchor` in any article
of the page) and says whether the fix was ``applied``, is ``satisfied`` already (the parse does
it by itself now) or is ``unfit`` (its text is gone, or it no longer makes sense), with why.

Operations keep track of where every character of the old texts went (:class:`Moves`), so
annotations and entities move with their text.  Making a fix and applying it again:
:mod:`reader.coding.fix_replay`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Any

from reader.text.article import Article, Block
from reader.text.layout.finish import DISPLAY_MAX, derive_title

HEAD = ("kicker", "title", "subtitle")
BODY = ("paragraph", "heading")
APPLIED, SATISFIED, UNFIT = "applied", "satisfied", "unfit"


class FixError(Exception):
    """A fix that cannot be made; ``code`` names the problem (``split-outside-body``,
    ``split-at-edge``, ``no-neighbour``, ``no-text``, ``bad-field``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Piece:
    """One line of an article's composed text: its kind, its text (a subtitle without its
    dash), where it came from (old article index, offset of its first composed character) and
    the page parts it was printed in."""

    kind: str
    text: str
    origin: tuple[int, int] | None
    parts: list[dict[str, Any]] = field(default_factory=list)

    def shown(self) -> str:
        return "——" + self.text if self.kind == "subtitle" else self.text


@dataclass
class Draft:
    """An article taken apart into pieces; ``base`` holds its other fields, ``loose`` the page
    parts tied to no piece (bylines, credits, jump markers, marks)."""

    base: Article
    pieces: list[Piece]
    loose: list[dict[str, Any]]

    def body(self) -> list[int]:
        return [n for n, p in enumerate(self.pieces) if p.kind in BODY]

    def offsets(self) -> list[int]:
        out, pos = [], 0
        for n, piece in enumerate(self.pieces):
            pos += 1 if n else 0
            out.append(pos)
            pos += len(piece.shown())
        return out

    def text(self) -> str:
        return "\n".join(p.shown() for p in self.pieces)


def draft(article: Article, index: int) -> Draft:
    """``article`` as pieces in composed order (see :func:`reader.text.article.compose`)."""
    items: list[tuple[str, str, str | None, int]] = []  # kind, text, part key, key index
    for kind in HEAD:
        value = getattr(article, kind)
        if value:
            items.append((kind, value, None, 0))
    items += [(b.kind, b.text, "block", n) for n, b in enumerate(article.body) if b.text]
    items += [("caption", c, "caption", n) for n, c in enumerate(article.captions)]
    items += [("note", c, "note", n) for n, c in enumerate(article.notes)]
    pieces: list[Piece] = []
    where: dict[tuple[str, int], Piece] = {}
    pos = 0
    for kind, text, key, n in items:
        pos += 1 if pieces else 0
        piece = Piece(kind, text, (index, pos))
        pos += len(piece.shown())
        pieces.append(piece)
        where[(key or kind, n)] = piece
    loose: list[dict[str, Any]] = []
    for part in article.parts:
        key = next((k for k in ("block", "caption", "note") if k in part), None)
        target = where.get((key, int(part[key]))) if key else where.get((part["kind"], 0))
        (target.parts if target is not None else loose).append(dict(part))
    return Draft(article, pieces, loose)


def undraft(d: Draft) -> Article:
    """The article a draft describes (parts renumbered to its blocks, captions and notes)."""
    head = {p.kind: p.text for p in d.pieces if p.kind in HEAD}
    body = [Block(p.kind, p.text) for p in d.pieces if p.kind in BODY]  # type: ignore[arg-type]
    captions = [p.text for p in d.pieces if p.kind == "caption"]
    notes = [p.text for p in d.pieces if p.kind == "note"]
    parts: list[dict[str, Any]] = []
    counters = {"block": 0, "caption": 0, "note": 0}
    for piece in d.pieces:
        key = "block" if piece.kind in BODY else piece.kind if piece.kind in ("caption", "note") else None
        for part in piece.parts:
            part = {k: v for k, v in part.items() if k not in counters}
            if key is not None:
                part[key] = counters[key]
            if piece.kind in HEAD or piece.kind == "heading":
                part["kind"] = piece.kind
            parts.append(part)
        if key is not None:
            counters[key] += 1
    parts += [{k: v for k, v in p.items() if k not in counters} for p in d.loose]
    parts.sort(key=lambda p: (p.get("start", 0), p.get("lines", [0])[0]))
    title = head.get("title")
    art = replace(d.base, kicker=head.get("kicker"), title=title, subtitle=head.get("subtitle"), body=body,
                  captions=captions, notes=notes, parts=parts, title_derived=not title, display_title=None)
    if not title:
        art.display_title = derive_title(body) or (captions[0][:DISPLAY_MAX] if captions else None)
    return art


@dataclass
class Moves:
    """Where the characters of the old articles' texts went: ``place(old, offset)`` gives
    ``(new article index, offset)`` or None (a character that is gone, e.g. of an edited title
    or a line break between two pieces)."""

    runs: list[tuple[int, int, int, int, int]] = field(default_factory=list)  # old, start, length, new, start

    def add(self, drafts: list[Draft]) -> None:
        for ni, d in enumerate(drafts):
            for piece, start in zip(d.pieces, d.offsets()):
                if piece.origin is not None:
                    self.runs.append((piece.origin[0], piece.origin[1], len(piece.shown()), ni, start))
        self.runs.sort()

    def place(self, old: int, offset: int) -> tuple[int, int] | None:
        n = bisect.bisect_right(self.runs, (old, offset, 1 << 62)) - 1
        if n >= 0:
            o, s, length, ni, ns = self.runs[n]
            if o == old and s <= offset < s + length:
                return ni, ns + offset - s
        return None

    def place_range(self, old: int, start: int, end: int) -> tuple[int, int, int, bool] | None:
        """``(new article, start, end, clipped)`` for a range of an old article: where most of
        its characters went (a range cut by a split stays with the part holding more of it)."""
        by_article: dict[int, list[int]] = {}
        for k in range(start, end):
            got = self.place(old, k)
            if got is not None:
                by_article.setdefault(got[0], []).append(got[1])
        if not by_article:
            return None
        ni = max(by_article, key=lambda a: (len(by_article[a]), -a))
        offsets = by_article[ni]
        return ni, min(offsets), max(offsets) + 1, len(by_article) > 1


@dataclass
class Outcome:
    """What :func:`apply_fix` did: ``status`` (applied, satisfied, unfit), ``reason`` (why not
    applied), ``moves``, ``kept[new index]`` = the old article whose stored row the new one
    keeps (None: a new row), ``absorbed`` = old article -> the new one it went into."""

    status: str
    reason: str = ""
    moves: Moves = field(default_factory=Moves)
    kept: list[int | None] = field(default_factory=list)
    absorbed: dict[int, int] = field(default_factory=dict)


# -- the operations -----------------------------------------------------------------------
def _distance(parts: list[dict[str, Any]], ranges: list[tuple[int, int]]) -> int:
    best = 1 << 40
    for p in parts:
        for a, b in ranges:
            best = min(best, max(0, a - p.get("end", 0), p.get("start", 0) - b))
    return best


def _ranges(pieces: list[Piece]) -> list[tuple[int, int]]:
    return [(p["start"], p["end"]) for piece in pieces for p in piece.parts if "start" in p]


def page_point(text: str, j: int, parts: list[dict[str, Any]], page_text: str | None) -> int | None:
    """The page offset of ``text[j]`` for a piece printed in ``parts`` (greedy alignment of the
    piece's characters with the page's, skipping line breaks and spaces the parse removed)."""
    if not page_text or not parts:
        return None
    chars = [k for p in sorted(parts, key=lambda p: p["start"]) for k in range(p["start"], min(p["end"], len(page_text)))]
    q = 0
    for ch in text[:j]:
        while q < len(chars) and page_text[chars[q]] != ch and page_text[chars[q]] in " \t\r\n\u3000\xa0":
            q += 1
        q += 1
    while q < len(chars) and page_text[chars[q]] in " \t\r\n\u3000\xa0":
        q += 1
    return chars[q] if q < len(chars) else None


def text_point(text: str, parts: list[dict[str, Any]], page_text: str, offset: int) -> int:
    """The inverse of :func:`page_point`: the first code point of ``text`` printed at or after
    page ``offset`` (``len(text)`` when all of it was printed before)."""
    chars = [k for p in sorted(parts, key=lambda p: p["start"]) for k in range(p["start"], min(p["end"], len(page_text)))]
    q = 0
    for j, ch in enumerate(text):
        while q < len(chars) and page_text[chars[q]] != ch and page_text[chars[q]] in " \t\r\n\u3000\xa0":
            q += 1
        if q >= len(chars) or chars[q] >= offset:
            return j
        q += 1
    return len(text)


def locate_page_point(drafts: list[Draft], offset: int, page_text: str | None) -> tuple[int, int]:
    """``(article index, code point of its text)`` of page ``offset``: the body line printed
    there, or, from the blank lines between two body lines of one article, the start of the
    next one.  Raises :class:`FixError` where no article's text is printed."""
    if not page_text or not 0 <= offset <= len(page_text):
        raise FixError("split-outside-body", "the page text is not available, or the point is outside it")
    best: tuple[int, int, int, int] | None = None  # distance, article, piece, text point
    for i, d in enumerate(drafts):
        offsets = d.offsets()
        body = [(n, p) for n, p in enumerate(d.pieces) if p.kind in BODY and p.parts]
        spans = [(min(q["start"] for q in p.parts), max(q["end"] for q in p.parts)) for _n, p in body]
        for b, ((n, piece), (lo, hi)) in enumerate(zip(body, spans)):
            if lo <= offset < hi:
                return i, offsets[n] + text_point(piece.text, piece.parts, page_text, offset)
            gap_from = spans[b - 1][1] if b else None
            if gap_from is not None and gap_from <= offset < lo and page_text[gap_from:offset].strip() == "" and \
                    (best is None or lo - offset < best[0]):
                best = (lo - offset, i, n, offsets[n])
    if best is None:
        raise FixError("split-outside-body", "no article's text is printed there (a head, a caption, a credit or "
                       "page furniture): put the point inside a paragraph")
    return best[1], best[3]


def _cut_parts(parts: list[dict[str, Any]], at: int | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if at is None:
        return parts, []
    left, right = [], []
    for p in parts:
        if p["end"] <= at:
            left.append(p)
        elif p["start"] >= at:
            right.append(p)
        else:
            left.append({**p, "end": at})
            right.append({**p, "start": at})
    return left, right


def split(drafts: list[Draft], i: int, at: int, page_text: str | None = None) -> list[Draft]:
    """Cut article ``i`` at code point ``at`` of its text (see the module docstring)."""
    d = drafts[i]
    offsets = d.offsets()
    k = next((n for n in range(len(d.pieces)) if offsets[n] <= at <= offsets[n] + len(d.pieces[n].shown())), -1)
    if k >= 0 and at == offsets[k] + len(d.pieces[k].shown()) and k + 1 < len(d.pieces):
        k, at = k + 1, offsets[k + 1]  # the end of a line is the start of the next
    if k < 0 or d.pieces[k].kind not in BODY:
        raise FixError("split-outside-body", "an article is split inside its text, not in its head, captions or notes")
    piece, j = d.pieces[k], at - offsets[k]
    body = d.body()
    before = [n for n in body if n < k] + ([k] if j > 0 else [])
    if not before or (j >= len(piece.text) and k == body[-1]):
        raise FixError("split-at-edge", "a split there would leave one part without text")
    left = [p for n, p in enumerate(d.pieces) if n < k and (p.kind in HEAD or p.kind in BODY)]
    right = [p for n, p in enumerate(d.pieces) if n > k and p.kind in BODY]
    if j > 0:
        point = page_point(piece.text, j, piece.parts, page_text)
        lp, rp = _cut_parts(piece.parts, point)
        origin = (piece.origin[0], piece.origin[1] + j) if piece.origin else None
        left.append(Piece(piece.kind, piece.text[:j], piece.origin, lp))
        right.insert(0, Piece(piece.kind, piece.text[j:], origin, rp))
    else:
        right.insert(0, piece)
    if right[0].kind == "heading":  # a heading that starts an article is its title
        right[0] = Piece("title", right[0].text, right[0].origin, right[0].parts)
    lr, rr = _ranges(left), _ranges(right)
    for n, p in enumerate(d.pieces):
        if p.kind in ("caption", "note"):
            (right if _distance(p.parts, rr) < _distance(p.parts, lr) else left).append(p)
    loose_l, loose_r = [], []
    for part in d.loose:
        (loose_r if _distance([part], rr) < _distance([part], lr) else loose_l).append(part)
    moved = _names_in(d.base.authors, loose_r, page_text)
    photos = _names_in(d.base.photographers, loose_r, page_text)
    first = Draft(replace(d.base, authors=[a for a in d.base.authors if a not in moved],
                          photographers=[a for a in d.base.photographers if a not in photos]), left, loose_l)
    second = Draft(replace(d.base, authors=moved, photographers=photos, column=None, dateline=None,
                           kicker=None), right, loose_r)
    return drafts[:i] + [first, second] + drafts[i + 1:]


def _names_in(names: list[str], parts: list[dict[str, Any]], page_text: str | None) -> list[str]:
    """The names among ``names`` printed in ``parts`` (credits that went with the second part)."""
    if not page_text or not parts:
        return []
    printed = "".join(page_text[p["start"]:p["end"]] for p in parts if "start" in p).replace(" ", "").replace("\u3000", "")
    return [n for n in names if n.replace(" ", "") in printed]


def _as_heading(piece: Piece) -> Piece:
    origin = piece.origin
    if piece.kind == "subtitle" and origin is not None:
        origin = (origin[0], origin[1] + 2)  # the dash is not part of the heading
    return Piece("heading", piece.text, origin, [{**p, "kind": "heading"} for p in piece.parts])


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def merge(drafts: list[Draft], i: int, j: int) -> list[Draft]:
    """Articles ``i`` and ``j`` become one at the place of the earlier one."""
    if i == j or not (0 <= i < len(drafts) and 0 <= j < len(drafts)):
        raise FixError("no-neighbour", "there is no such article to merge with")
    a, b = drafts[min(i, j)], drafts[max(i, j)]
    pieces = [p for p in a.pieces if p.kind in HEAD or p.kind in BODY]
    pieces += [_as_heading(p) for p in b.pieces if p.kind in HEAD]
    pieces += [p for p in b.pieces if p.kind in BODY]
    pieces += [p for d in (a, b) for p in d.pieces if p.kind == "caption"]
    pieces += [p for d in (a, b) for p in d.pieces if p.kind == "note"]
    base = replace(a.base, authors=_unique(a.base.authors + b.base.authors),
                   photographers=_unique(a.base.photographers + b.base.photographers),
                   column=a.base.column or b.base.column, dateline=a.base.dateline or b.base.dateline)
    out = list(drafts)
    out[min(i, j)] = Draft(base, pieces, a.loose + b.loose)
    del out[max(i, j)]
    return out


def edit(drafts: list[Draft], i: int, values: dict[str, Any]) -> list[Draft]:
    """Article ``i`` with a new title, subtitle and/or authors (``values`` keys)."""
    unknown = set(values) - {"title", "subtitle", "authors"}
    if unknown:
        raise FixError("bad-field", f"cannot edit {', '.join(sorted(unknown))}")
    d = drafts[i]
    pieces = list(d.pieces)
    for kind in ("title", "subtitle"):
        if kind not in values:
            continue
        new = " ".join(str(values[kind] or "").split()) or None
        at = next((n for n, p in enumerate(pieces) if p.kind == kind), None)
        if at is not None and new == pieces[at].text:
            continue
        if at is not None:
            old = pieces.pop(at)
            parts = old.parts
        else:
            parts = []
            at = sum(1 for p in pieces if p.kind in HEAD and HEAD.index(p.kind) < HEAD.index(kind))
        if new:
            pieces.insert(at, Piece(kind, new, None, parts))
    base = d.base
    if "authors" in values:
        base = replace(base, authors=_unique([" ".join(str(a).split()) for a in values["authors"] or [] if str(a).strip()]))
    out = list(drafts)
    out[i] = Draft(base, pieces, d.loose)
    return out
