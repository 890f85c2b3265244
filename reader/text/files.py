"""One file -> its articles: a whole printed page, or one article as e-paper crawlers write them.

Crawler folders hold one file per article, named ``YYYYMMDD-PP-NN.txt`` (date, printed page,
order on the page), with the head in fixed slots (引题 kicker, 主题 title, 副题 subtitle, one line
each, empty when absent) and the body paragraphs indented.  :func:`parse_file` decides per file
(``mode="auto"``) whether it is one article or a page, or is told (``"article"``, ``"page"``);
a one-article file keeps its whole text in one article whose head is read from its slots (or
from its leading head lines), and its ``position`` is the NN of its name.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from reader.text.article import Article
from reader.text.layout import classify, finish, headparts, rejoin, skeleton, units
from reader.text.pages import explain_page, parse_page

Mode = Literal["auto", "article", "page"]
MODES: dict[str, int] = {"auto": 0, "article": 1, "page": 2}
_CRAWLER_NAME = re.compile(r"(?<!\d)((?:19|20)\d{6})[-_](\d{1,3})[-_](\d{1,3})(?!\d)")
SLOTS = 3
HEAD_MAX = 4


def position_from_name(name: str) -> int | None:
    """The order on the page in a crawler file name (``20200105-04-02.txt`` -> 2), or None."""
    m = _CRAWLER_NAME.search(name)
    return int(m.group(3)) if m else None


def _slot_shaped(text: str) -> bool:
    """True when the text has a crawler file's shape: up to three unindented head lines (some
    empty) at the top, then only indented paragraphs (a salutation such as ``同志们：`` aside);
    a later unindented line would be another article's head (a joined page)."""
    lines = units.raw_split(text)
    while lines and not lines[-1].strip(" \u3000\xa0"):
        lines.pop()
    heads, body = lines[:SLOTS], [ln for ln in lines[SLOTS:] if ln.strip(" \u3000\xa0")]
    if not any(h.strip() for h in heads) or any(units.INDENT_RE.match(h) for h in heads if h.strip()):
        return False
    flush = [ln for ln in body if not units.INDENT_RE.match(ln) and not re.search(r"[：，:,]\s*$", ln)]
    return not flush and (not body or len(body) >= 1)


def decide(text: str, name: str) -> tuple[str, str]:
    """``("article" | "page", why)`` for ``mode="auto"``."""
    if _slot_shaped(text):
        return "article", "crawler file shape: head slots at the top, indented paragraphs"
    found = parse_page(text, name)
    if len(found) <= 1:
        return "article", "the page parser finds one article"
    if position_from_name(name) is not None and sum(1 for a in found if a.title) <= 1:
        return "article", "crawler file name and a single head"
    return "page", f"{len(found)} articles on the page"


def _head_units(us: list[units.Unit], slotted: bool) -> list[units.Unit]:
    """The units of the article head: the slot lines of a crawler file, else the leading
    unindented head-shaped lines before the text."""
    if slotted:
        return [u for u in us if u.spans and u.spans[0][0] < SLOTS]
    head: list[units.Unit] = []
    for u in us[:HEAD_MAX]:
        if u.kind in ("headish", "dash", "head", "bold") or (u.kind == "paragraph" and not u.indent and len(u.text) <= 60
                                                             and head == [] and any(x.indent for x in us[1:])):
            head.append(u)
        else:
            break
    return head


def parse_article(text: str, source: str, position: int = 0) -> Article:
    """The whole text as one article; the head from its slots or leading head lines."""
    return _article(text, source, position)[0]


def _article(text: str, source: str, position: int) -> tuple[Article, list[units.Unit], list[dict[str, Any]]]:
    """:func:`parse_article` with its units and repair log (for :func:`explain_file`)."""
    us = units.split_units(text)
    us = classify.shape(us)
    slotted = _slot_shaped(text)
    head = _head_units(us, slotted)
    rest = [u for u in us if u not in head]
    rest = classify.roles(rest)
    for u in rest:
        if u.kind in skeleton.HEAD_KINDS:  # a head inside one article's text reads as a heading
            u.kind = "heading"
    if head:
        for u in head:
            if u.kind not in ("dash",):
                u.kind = "headish"
        if slotted:
            _slots(head)
        else:
            headparts.assign(head, ["head lines of a one-article file"], crawler=True)
    sk = skeleton.Skeleton(us[0].idx if us else 0, head=[u for u in head if u.kind in skeleton.HEAD_KINDS],
                           why=["one article per file"])
    for u in rest:
        if u.kind == "byline" and not [x for x in sk.items if x.kind in skeleton.BODY_KINDS]:
            sk.byline.append(u)
        elif u.kind not in ("skip", "jump"):
            sk.items.append(u.kind == "byline" and _as_credit(u) or u)
    log: list[dict[str, Any]] = []
    rejoin.rejoin(sk, log)
    art = finish.finish(sk, source, position)
    finish.locate([art], text)
    return art, us, log


def _as_credit(u: units.Unit) -> units.Unit:
    """A byline after the text starts: its names close (part of) the article."""
    u.kind = "credit"
    return u


def _slots(head: list[units.Unit]) -> None:
    """Crawler head slots: line 0 kicker, line 1 title (series tag cut off), line 2 subtitle."""
    from reader.text.layout import markers
    from reader.text.layout.text import strip_dash

    for u in head:
        line = u.spans[0][0]
        if line == 1:
            u.kind = "title"
            found = markers.series_tag(u.text)
            if found:
                u.text, u.tag = found
            u.why.append("crawler slot 2: title (主题)")
        elif line == 0:
            u.kind = "kicker"
            u.why.append("crawler slot 1: kicker (引题)")
        else:
            u.kind = "subtitle"
            u.text = strip_dash(u.text) if u.text.startswith(("—", "-")) else u.text
            u.why.append("crawler slot 3: subtitle (副题)")
    if not any(u.kind == "title" for u in head) and head:
        head[0].kind = "title"


def parse_file(text: str, name: str, mode: Mode | str = "auto") -> list[Article]:
    """Articles of one file (see module docstring).  ``mode``: ``auto`` decides per file,
    ``article`` forces one article, ``page`` a whole page."""
    if mode not in MODES:
        raise ValueError(f"unknown parse mode {mode!r} (auto, article, page)")
    chosen = decide(text, name)[0] if mode == "auto" else mode
    if chosen == "page":
        return parse_page(text, name)
    if not text.strip():
        return []
    pos = position_from_name(name)
    return [parse_article(text, name, pos if pos is not None else 0)]


def explain_file(text: str, name: str, mode: Mode | str = "auto") -> list[dict[str, Any]]:
    """``explain_page`` for a page, or the decision and the article for a one-article file."""
    chosen, why = decide(text, name) if mode == "auto" else (mode, "forced")
    record = {"step": "file", "mode": chosen, "why": why}
    if chosen == "page":
        return [record] + explain_page(text, name)
    pos = position_from_name(name)
    art, us, log = _article(text, name, pos if pos is not None else 0)
    out: list[dict[str, Any]] = [record]
    for u in us:
        rec = u.to_json()
        rec["step"] = "unit"
        out.append(rec)
    out.extend(log)
    out.append({"step": "article", "position": art.position, "title": art.shown_title(), "kicker": art.kicker,
                "subtitle": art.subtitle, "column": art.column, "paragraphs": len(art.body),
                "authors": list(art.authors)})
    return out
