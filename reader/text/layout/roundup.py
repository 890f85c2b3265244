"""Step 2c (pages without indentation): the sections of a roundup are not articles.

A roundup (综述, 各地动态, 一组报道) prints its own head, perhaps a short lead-in of one to three
paragraphs, and then several sections, each under a heading that looks like a small article
head: a dash kicker over a title (``英国国家海事博物馆——`` / ``翘首以盼中国年``), a brief-news
title (``北京：聚焦群众关切，扎实整改落实``), or a short heading with the section's own byline
(``健身花样多`` / ``本报记者 王亮``).  On an indented page the sections' heads are indented like
the text and the page says so; without indentation every section would start an article.  The
signal used here does not need indentation: a *series* of at least two head runs of the same
shape (same kind of head, none with a dateline, and none with a byline of its own except short
headings: a kicker or brief-news head over a byline opens an article of its own, unless the
lead-in is an editor's note signed ——编者 that announces the sections)
right after an article whose body so far is only a short lead-in that ends a sentence (or is
already divided by section headings).  Such runs become section headings of that article and
their bylines add its authors.  A run of another shape, or set off by more blank lines than the first section, ends the
series.  When the last line
of the article's head, set off by a blank line, has the sections' shape, that line is the
first section's heading and the text under it the first section (``老年人的新生活`` / ``餐餐好滋味`` / ``本报记者 贺勇``).
"""

from __future__ import annotations

from reader.text.layout.broken import BRIEF_TITLE_RE
from reader.text.layout.text import ends_sentence
from reader.text.layout.units import Unit

LEAD_MAX_PARAGRAPHS = 3  # a roundup's lead-in before its first section
LEAD_MAX_CHARS = 450
SERIES_MIN = 2  # sections of the same shape needed to call it a roundup
SHORT_HEAD_MAX = 12  # a section heading standing alone over its byline
SECTION_BYLINE = "byline of a roundup section: an author of the article"


def _shape(units: list[Unit], i: int, j: int) -> tuple[str, bool] | None:
    """The section shape of the head run ``units[i:j]``: (``dash-kicker`` — a line ending with a
    dash over a title —, ``brief`` — one line ``名称：标题`` —, or ``short`` — one short line over
    a byline —; whether a byline follows), or None (no section shape)."""
    run = units[i:j]
    byline = j < len(units) and units[j].kind == "byline"
    if len(run) == 2 and run[0].text.rstrip().endswith("——") and not run[1].text.rstrip().endswith("——"):
        return "dash-kicker", byline
    if len(run) == 1 and BRIEF_TITLE_RE.match(run[0].text):
        return "brief", byline
    if len(run) == 1 and byline and len(run[0].text.strip()) <= SHORT_HEAD_MAX:
        return "short", byline
    return None


def _body(units: list[Unit], start: int, end: int, lead: bool = False) -> list[Unit] | None:
    """The units between two head runs when they are plain text (paragraphs, headings, a
    signature) after any byline, perhaps closed by a credit or a note; None when a dateline or anything
    else stands there (a section with its own dateline is an article; the ``lead`` under the
    first head may open with a dateline or a box, and is never closed by a credit)."""
    out: list[Unit] = []
    closed = False
    for u in units[start:end]:
        if u.kind in ("caption", "photo") or u.kind == "byline" and not out:
            continue
        if u.kind in ("credit", "note") and out and not lead:
            closed = True
            continue
        if closed or u.kind not in ("paragraph", "heading", "sign") and not (lead and u.kind in ("dateline", "box")):
            return None  # (a lead closed by its credit is a whole article)
        out.append(u)
    return out


def _lead_in(lead: list[Unit], gap: int) -> bool:
    """True when the text under the first head is a roundup's lead-in: short and finished, or
    already divided by section headings set off like the next section's head (``gap`` blank
    lines before it: more than before those headings is the space between articles)."""
    headings = [u.gap for u in lead if u.kind == "heading"]
    if headings:
        return ends_sentence(lead[-1].text) and gap <= max(headings)
    paras = [u for u in lead if u.kind != "sign"]  # (an editor's note ends with its signature)
    return bool(paras) and len(paras) <= LEAD_MAX_PARAGRAPHS and sum(len(u.text) for u in paras) <= LEAD_MAX_CHARS \
        and ends_sentence(paras[-1].text)


def _section(units: list[Unit], i: int, j: int, why: str) -> None:
    """Make ``units[i:j]`` a section heading, and the byline under it the section's."""
    for u in units[i:j]:
        u.kind = "heading"
        u.why.append(why)
    k = j
    while k < len(units) and units[k].kind == "byline":
        units[k].why.append(SECTION_BYLINE)
        k += 1


def sections(units: list[Unit], runs: list[tuple[int, int]], blocked: bool = False) -> None:
    """Turn series of same-shaped head runs after a short lead-in into section headings of the
    article above (``runs``: the (start, end) of every head run made an article head, in order).
    ``blocked``: a page whose paragraphs run without blank lines and whose items are set apart by
    them; there a head with a blank line under it (its empty 副题 slot) heads an item, no section."""
    n = 0
    while n + 1 < len(runs):
        i0, j0 = runs[n]
        i1, j1 = runs[n + 1]
        lead = _body(units, j0, i1, lead=True)
        editors = bool(lead) and lead[-1].kind == "sign" and "编者" in "".join(lead[-1].text.split())  # type: ignore[index]

        def shape_of(i: int, j: int) -> tuple[str, bool] | None:
            """The section shape of a run; after an editor's note any run with a byline has one
            (its number of lines: the note announces a series of like sections)."""
            found = _shape(units, i, j)
            if found is None and editors and j < len(units) and units[j].kind == "byline":
                return f"{j - i} lines", True
            return found

        shape = shape_of(i1, j1)
        lead = lead if shape is not None else None
        first = bool(lead) and j0 - i0 >= 2 and units[j0 - 1].gap >= 1 and _shape(units, j0 - 1, j0) == shape \
            and not any(u.kind == "heading" for u in lead or [])  # (short sections have no headings of their own)
        if shape is None or lead is None or shape[1] != (shape[0] == "short") and not (editors and shape[1]) \
                or not first and (shape[0] == "short" or units[j0].kind == "byline"
                                  or not (lead and _lead_in(lead, units[i1].gap))) \
                or shape[0] == "brief" and _shape(units, i0, j0) == shape:
            n += 1
            continue
        series: list[int] = []
        m = n + 1
        gap = units[j0 - 1].gap if first else units[i1].gap  # sections are set off alike
        while m < len(runs):
            i, j = runs[m]
            nxt = runs[m + 1][0] if m + 1 < len(runs) else len(units)
            body = _body(units, j, nxt)
            if shape_of(i, j) != shape or not body or units[i].gap > gap or blocked and j < len(units) and units[j].gap >= 1 \
                    or first and any(u.kind == "heading" for u in body):
                break
            series.append(m)
            m += 1
            if any(u.kind in ("credit", "note") for u in units[j:nxt]):
                break  # a closing credit (or an editor line) ends the roundup
        if len(series) + first < SERIES_MIN:
            n += 1
            continue
        why = (f"section of a roundup: {len(series) + first} heads of the same shape ({shape[0]}"
               f"{', each with a byline' if shape[1] else ', no byline'}) follow the article's head or a short lead-in")
        if first:
            _section(units, j0 - 1, j0, why + " (set off under the title: the first section's heading)")
            if not any(u.kind == "title" for u in units[i0:j0 - 1]):
                units[j0 - 2].kind = "title"
                units[j0 - 2].why.append("title: the line under it is the first section's heading")
        for s in series:
            _section(units, *runs[s], why)
        n = m
