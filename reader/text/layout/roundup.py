"""Step 2c (pages without indentation): the sections of a roundup are not articles.

A roundup (综述, 各地动态) prints its own head, a short lead-in of one to three paragraphs, and
then several sections, each under a heading that looks like a small article head: a dash
kicker over a title (``英国国家海事博物馆——`` / ``翘首以盼中国年``) or a brief-news title
(``北京：聚焦群众关切，扎实整改落实``).  On an indented page the sections' heads are indented like
the text and the page says so; without indentation every section would start an article.  The
signal used here does not need indentation: a *series* of at least two head runs of the same
shape (same kind of head, none with a byline, dateline or credit of its own) right after an
article whose body so far is only a short lead-in that ends a sentence.  Such runs become
section headings of that article.  A run of another shape ends the series.
"""

from __future__ import annotations

from reader.text.layout.broken import BRIEF_TITLE_RE
from reader.text.layout.text import ends_sentence
from reader.text.layout.units import Unit

HEAD_KINDS = ("title", "kicker", "column", "subtitle")
LEAD_MAX_PARAGRAPHS = 3  # a roundup's lead-in before its first section
LEAD_MAX_CHARS = 450
SERIES_MIN = 2  # sections of the same shape needed to call it a roundup


def _shape(run: list[Unit]) -> str | None:
    """The section shape of a head run: ``dash-kicker`` (a line ending with a dash over a
    title), ``brief`` (one line ``名称：标题``), or None (no section shape)."""
    if len(run) == 2 and run[0].text.rstrip().endswith("——") and not run[1].text.rstrip().endswith("——"):
        return "dash-kicker"
    if len(run) == 1 and BRIEF_TITLE_RE.match(run[0].text):
        return "brief"
    return None


def _lead_in(lead: list[Unit]) -> bool:
    """True when the text under the first head is a roundup's lead-in: short, or already
    divided by section headings."""
    if any(u.kind == "heading" for u in lead):
        return True
    paras = [u for u in lead if u.kind != "sign"]
    return len(paras) <= LEAD_MAX_PARAGRAPHS and sum(len(u.text) for u in paras) <= LEAD_MAX_CHARS


def _body(units: list[Unit], start: int, end: int, lead: bool = False) -> list[Unit] | None:
    """The units between two head runs when they are plain text (paragraphs, headings, a
    signature), perhaps closed by a credit; None when a byline, dateline or anything else
    stands there (a section with its own byline or dateline is an article; the ``lead`` under
    the first head may open with a dateline or a box)."""
    out: list[Unit] = []
    closed = False
    for u in units[start:end]:
        if u.kind in ("caption", "photo"):
            continue
        if u.kind in ("credit", "note") and out and not lead:
            closed = True
            continue
        if closed or u.kind not in ("paragraph", "heading", "sign") and not (lead and u.kind in ("dateline", "box")):
            return None  # (a lead closed by its credit is a whole article)
        out.append(u)
    return out


def sections(units: list[Unit], runs: list[tuple[int, int]]) -> None:
    """Turn series of same-shaped head runs after a short lead-in into section headings of the
    article above (``runs``: the (start, end) of every head run made an article head, in order)."""
    n = 0
    while n + SERIES_MIN < len(runs):
        i0, j0 = runs[n]
        i1, _j1 = runs[n + 1]
        lead = _body(units, j0, i1, lead=True)
        shape = _shape(units[i1:runs[n + 1][1]])
        if not lead or shape is None or not ends_sentence(lead[-1].text) or not _lead_in(lead) \
                or shape == "brief" and _shape(units[i0:j0]) == shape:
            n += 1
            continue
        series: list[int] = []
        m = n + 1
        while m < len(runs):
            i, j = runs[m]
            nxt = runs[m + 1][0] if m + 1 < len(runs) else len(units)
            body = _body(units, j, nxt)
            if _shape(units[i:j]) != shape or not body:
                break
            series.append(m)
            m += 1
        if len(series) < SERIES_MIN:
            n += 1
            continue
        for s in series:
            i, j = runs[s]
            for u in units[i:j]:
                u.kind = "heading"
                u.why.append(f"section of a roundup: {len(series)} heads of the same shape ({shape}) "
                             "follow a short lead-in, none with its own byline or credit")
        n = m
