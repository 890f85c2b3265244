"""Step 2b: ``roles`` decides, from neighbouring units, captions, article heads and section
headings.

Boundaries are decided around *head blocks*: a run of head-shaped lines (title, kicker,
subtitle, series tag, bold or markdown title lines).  On an *indented page* (crawler and
e-paper text, where every paragraph starts with full-width spaces and heads do not) every
unindented run is an article head, split where a blank line stands inside it.  On other pages a
run starts an article when something says so (:func:`title_evidence`: a dash subtitle, a kicker
line, a series tag, a byline, dateline or box after it, the previous article closed by its
credit, a bold or markdown title...); otherwise it is a section heading inside the current
article, or broken text.  The roles of the lines of an article head are assigned by
:mod:`reader.text.layout.headparts`.
"""

from __future__ import annotations

import re

from reader.text.layout import blocks, headparts, markers, roundup
from reader.text.layout.broken import BRIEF_TITLE_RE, broken_text, continues, next_body, prev_body
from reader.text.layout.credits import AUTHOR_NOTE_RE
from reader.text.layout.lexicon import word_across
from reader.text.layout.text import ends_sentence, strip_dash
from reader.text.layout.units import Unit, indented_page

HEADISH = ("head", "headish", "dash", "bold")
HEAD_KINDS = ("title", "kicker", "column", "subtitle")
LABEL_MAX = 12  # characters of a title-only item (新书架, 广告) standing over the next item's title
CLAUSE_RE = re.compile(r"[，,；;、]")
ALONE_MAX = 30  # characters of a line in a tight page's head block read as a head line, not broken text
TIGHT_WHY = ("blank lines around it, on a page whose paragraphs run without blank lines (a section heading "
             "has text right under it)")
CANDIDATE_KINDS = ("head", "headish", "dash", "bold", "paragraph", "heading", "dateline", "box")


def _captions(units: list[Unit], crawler: bool = False, tight: bool = False) -> None:
    """Text next to a photo credit, or a short sentence standing in a picture's place (after an
    image placeholder, or between a paragraph that breaks off and its continuation), is a
    caption.  Blank lines alone never make a caption."""
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if u.kind == "paragraph" and nxt is not None and nxt.kind == "photo" and len(u.text) <= 300:
            u.kind = "caption"
            u.why.append("followed by a photo credit")
            _photo_news(units, i, tight)
        elif u.kind == "paragraph" and u.gap >= 2 and len(u.text) <= 150 and ends_sentence(u.text) \
                and not (crawler and u.indent):  # indented pages print whole paragraphs: a gap is no picture
            if u.picture:
                u.kind = "caption"
                u.why.append("short sentence after an image placeholder")
                continue
            before, after = prev_body(units, i), next_body(units, i)
            between = []
            for x in units[i + 1:]:
                if x is after:
                    break
                between.append(x)
            if before is not None and after is not None and before.kind in ("paragraph", "dateline", "headish") \
                    and after.kind in ("paragraph", "headish") and after.gap >= 1 and not ends_sentence(before.text) \
                    and not continues(before.text, u.text) and continues(before.text, after.text) \
                    and after.jump != "in" and not any(x.kind in ("jump", "credit") or x.kind == "note" and _furniture(x) for x in between):
                u.kind = "caption"
                u.why.append("short sentence inside a sentence broken around a picture gap")


PHOTO_NEWS_MAX = 4  # paragraphs of a photo item's text
PHOTO_NEWS_CHARS = 400


def _photo_news(units: list[Unit], k: int, tight: bool = False) -> None:
    """A photo item: when the few short paragraphs before the caption ``units[k]`` reach back to
    a head-shaped line (the item's title) and the photo credit ends the item, they are all its
    caption text.  The item ends where the next head starts: an unindented line on an indented
    page, a line after a blank one on a page whose paragraphs run without blank lines."""
    after = next_body(units, k + 1)
    ends = units[k].indent and not after.indent or tight and after.gap >= 1 if after is not None else True
    if after is not None and after.kind not in ("head", "bold") and not ends:
        return  # text goes on after the picture: a picture inside an article
    chain: list[Unit] = []
    i = k - 1
    most = PHOTO_NEWS_MAX if units[k].indent or tight else 1  # a loose plain page: a caption of two paragraphs at most
    while i >= 0 and units[i].kind == "paragraph" and len(units[i].text) <= PHOTO_NEWS_CHARS \
            and len(chain) < most:
        chain.append(units[i])
        i -= 1
    if chain and i >= 0 and (units[i].kind in ("headish", "head", "bold", "dash")
                             or units[k].indent and not units[i].indent):
        for u in chain:
            u.kind = "caption"
            u.why.append("text of a photo item (between its title and the photo credit)")


def title_evidence(units: list[Unit], start: int, end: int, strict: bool = False, tight: bool = False,
                   gap: int | None = None, blocked: bool = False) -> list[str]:
    """Reasons why the head-shaped run ``units[start:end]`` starts an article (empty: it is a
    section heading inside the current article).  ``strict`` (a page that marks its titles with
    markdown): plain lines need more than their place on the page."""
    run = units[start:end]
    why: list[str] = []
    if any(u.kind == "head" for u in run):
        why.append("markdown title level")
    if any(u.kind == "bold" for u in run):
        why.append("bold line")
    if any(u.kind == "dash" for u in run):
        why.append("has a dash subtitle")
    if any(u.kind == "headish" and BRIEF_TITLE_RE.match(u.text) for u in run):
        why.append("brief-news title 地名：标题")
    if any(markers.series_tag(u.text) for u in run):
        why.append("series tag on the title line")
    if len(run) >= 2 and markers.kicker_shaped(run[0].text):
        why.append("a kicker line leads into the title")
    if tight and run[0].gap >= 1 and start > 0 and (len(run) >= 2 or end < len(units) and units[end].gap >= 1):
        why.append(TIGHT_WHY)
    elif gap and start > 0 and run[0].gap > gap and (end >= len(units) or units[end].gap <= gap):
        why.append(f"more blank lines before it ({run[0].gap}) than the page puts between its paragraphs ({gap})")
    if blocked and run[0].gap >= 1 and start > 0 and end >= len(units):
        why.append("alone after a blank line at the end of the page: a title-only item")
    nxt = units[end] if end < len(units) else None
    if nxt is not None and nxt.kind in ("byline", "dateline", "photo"):
        why.append(f"followed by {nxt.kind}")
    elif nxt is not None and (nxt.kind == "box" or nxt.kind == "paragraph" and markers.box_lead(nxt.text)):
        why.append("followed by a box (核心阅读, 编者按...)")
    elif nxt is not None and nxt.jump == "in":
        why.append("followed by a continuation marker (jump head)")
    if any(u.jump == "in-head" for u in run):
        why.append("carries a continuation marker (jump head)")
    elif nxt is not None and nxt.kind == "caption" and any(u.kind == "photo" for u in units[end + 1:end + 3]):
        after = next_body(units, end)
        if after is None or after.kind not in ("paragraph", "dateline"):
            why.append("followed by a photo with its caption and no text (photo news)")
    prev, at = None, -1
    for k in range(start - 1, -1, -1):
        if units[k].kind not in ("caption", "photo") and not (units[k].kind == "note" and _furniture(units[k])):
            prev, at = units[k], k
            break
    if prev is not None and prev.kind == "byline" and not why:
        return why
    if prev is None:
        if not strict:
            why.append("first line of the page")
    elif prev.kind == "credit" or (prev.kind == "note" and AUTHOR_NOTE_RE.match(prev.text.strip("（()）"))):
        why.append("previous article closed by a credit")
    elif prev.kind == "jump" and prev.jump == "out":
        why.append("previous article continues on another page")
    elif any(units[k].kind == "note" and _furniture(units[k]) for k in range(at + 1, start)) \
            and prev.kind in ("paragraph", "dateline") and ends_sentence(prev.text):
        why.append("after an editor line (本版编辑, 责任编辑): the article above has ended")
    elif prev.kind in ("paragraph", "dateline") and prev.jump == "out":
        why.append("previous article continues on another page")
    elif prev.kind in ("paragraph", "dateline") and not ends_sentence(prev.text) and not strict \
            and nxt is not None and nxt.kind in ("paragraph", "dateline", "byline") \
            and not word_across(prev.text, run[0].text) and not (blocked and run[0].gap < 1):
        why.append("previous paragraph breaks off (column end before a new article)")
    return why


def _strong_start(units: list[Unit], k: int) -> bool:
    """True when a head-shaped line certainly opens an article, whatever it looks like: a
    dateline, byline or box follows it, or it stands after a closed article (or first)."""
    nxt = next_body(units, k)
    if nxt is not None and (nxt.kind in ("dateline", "byline", "box") or nxt.kind == "paragraph" and markers.box_lead(nxt.text)):
        return True
    prev = prev_body(units, k)
    if prev is None:
        return True
    return prev.kind == "credit" or prev.jump == "out" or prev.kind == "jump"


def _furniture(u: Unit) -> bool:
    """An editor, layout or source line (本版责编, 影像中国...): it sits between articles."""
    return any("page furniture" in w for w in u.why)


def _crawler_heads(units: list[Unit]) -> None:
    """Indented page: every run of unindented lines is an article head (split at blank lines);
    a salutation under a title (``同志们，朋友们：``) opens the text."""
    tight = _tight(units)
    def candidate(k: int) -> bool:
        """An unindented line that can be part of a head (a name-shaped 引题 such as
        ``杨善洲：`` too, when a head line follows it)."""
        u = units[k]
        if u.indent:
            return False
        if u.kind in CANDIDATE_KINDS:
            return True
        if u.kind == "sign" and k > 0 and not units[k - 1].indent and units[k - 1].kind in CANDIDATE_KINDS:
            u.kind, u.text = "dash", strip_dash(u.text)  # under an unindented title: its subtitle
            return True
        return u.kind == "byline" and k + 1 < len(units) and not units[k + 1].indent \
            and units[k + 1].gap == 0 and units[k + 1].kind in CANDIDATE_KINDS

    i = 0
    while i < len(units):
        u = units[i]
        if not candidate(i):
            i += 1
            continue
        if u.kind == "byline":
            u.kind, u.names = "headish", []
            u.why.append("a name over the title: head line")
        j = i + 1
        while j < len(units) and candidate(j) and units[j].gap == 0:
            if units[j].kind == "byline":
                units[j].kind, units[j].names = "headish", []
            j += 1
        run = units[i:j]
        after_head = i > 0 and units[i - 1].kind in HEAD_KINDS
        while (len(run) > 1 or after_head) and run and re.search(r"[：，:,]$", run[-1].text) \
                and len(run[-1].text) <= 40:
            run[-1].kind = "paragraph"
            run[-1].why.append("a salutation under the head: opens the text")
            run = run[:-1]
        if not run:
            i = j
            continue
        for x in run:
            x.why.append("unindented line on an indented page: article head")
        nxt = units[i + len(run)] if i + len(run) < len(units) else None
        direct = nxt is not None and nxt.gap == 0 and nxt.indent
        headparts.assign(run, ["unindented head block on an indented page"], crawler=True,
                         direct=direct if tight else None)
        i = j
    for u in units:
        if u.kind in ("headish", "bold", "head") and u.indent:
            u.kind = "heading"
            u.why.append("indented short line inside the text: section heading")


def tight_page(units: list[Unit]) -> bool:
    """True when a page without indentation prints its paragraphs without blank lines between
    them and sets its items apart with blank lines (a blank line then starts an item or stands
    for an empty head slot; a page with no blank lines at all says nothing by them)."""
    return _tight(units, indented=False) and sum(1 for u in units[1:] if u.gap >= 1) >= 2


def _tight(units: list[Unit], indented: bool = True) -> bool:
    """True when paragraphs follow each other without blank lines (so a blank line means
    something: an empty head slot or the end of an item)."""
    pairs = [(a, b) for a, b in zip(units, units[1:]) if (a.indent and b.indent or not indented)
             and a.kind == b.kind == "paragraph"]
    least = 2 if indented else 3
    return len(pairs) >= least and sum(1 for _a, b in pairs if b.gap == 0) >= 0.8 * len(pairs)


def roles(units: list[Unit]) -> list[Unit]:
    """Decide captions, article heads and section headings from neighbouring units."""
    crawler = indented_page(units)
    tight = not crawler and tight_page(units)
    if tight:
        blocks.long_head_lines(units)
        blocks.asking_titles(units)
    _captions(units, crawler, tight)
    for k, u in enumerate(units):
        if u.kind == "headish" and (u.jump == "out" or k + 1 < len(units) and units[k + 1].kind == "jump"
                                    and units[k + 1].jump == "out"):
            before = prev_body(units, k)
            if u.jump != "out" and before is not None and before.kind == "paragraph" and ends_sentence(before.text) \
                    and len(u.text) <= 20 and broken_text(u, None, before) is None:
                u.why.append("a heading after a finished paragraph, before a jump marker")
                continue
            u.kind = "paragraph"
            u.why.append("continued on another page (jump marker): text, not a head")
            continue
        if u.kind == "headish" and (u.jump == "in" or k > 0 and units[k - 1].kind == "jump"
                                    and units[k - 1].jump == "in" and not u.level and not u.bold):
            u.kind = "paragraph"
            u.why.append("text right after a continuation marker: not a head")
            continue
        alone = tight and u.kind == "headish" and len(u.text) <= ALONE_MAX and blocks.head_block(units, k)
        if u.kind == "headish" and not (crawler and not u.indent) and not alone and not _strong_start(units, k) \
                and (reason := broken_text(u, next_body(units, k), prev_body(units, k))):
            u.kind = "paragraph"
            u.why.append(reason)
    if crawler:
        _crawler_heads(units)
    else:
        _plain_heads(units)
    for k, u in enumerate(units):
        if u.kind == "heading" and not u.level and not u.bold:
            nxt = next_body(units, k)
            jumps_on = u.jump == "out" or k + 1 < len(units) and units[k + 1].kind == "jump" and units[k + 1].jump == "out"
            if jumps_on:
                u.why.append("a jump marker follows: its text goes on elsewhere, the heading stays")
            elif not u.inside and (nxt is None or nxt.kind in HEAD_KINDS or nxt.kind in ("credit", "byline")
                                   and roundup.SECTION_BYLINE not in nxt.why):
                u.kind = "paragraph"
                u.why.append("nothing follows this short line in its article: text, not a heading")
        elif u.kind == "box":
            u.kind = "heading"
        elif u.kind in HEADISH:
            u.kind = "paragraph" if u.kind != "bold" else "heading"
        elif u.kind == "byline" and _closing(units, k):
            u.kind = "credit"
            u.why.append("names after the text, before the next head: a closing credit")
    return units


def _closing(units: list[Unit], k: int) -> bool:
    """True when the byline ``units[k]`` follows body text and the next thing is a new head (or
    the end of the page): it closes the article above rather than opening a new one."""
    before = prev_body(units, k)
    after = next_body(units, k)
    return before is not None and before.kind in ("paragraph", "dateline", "sign") \
        and (after is None or after.kind in HEAD_KINDS)


def _paragraph_gap(units: list[Unit]) -> int | None:
    """The number of blank lines a page puts between its paragraphs, when it keeps to one (at
    least 4 pairs of paragraphs, 80 % of them); None otherwise."""
    gaps: dict[int, int] = {}
    prev = ""
    for u in units:
        if u.kind == "paragraph" and prev == "paragraph":
            gaps[u.gap] = gaps.get(u.gap, 0) + 1
        prev = u.kind
    total = sum(gaps.values())
    if total < 4:
        return None
    g = max(gaps, key=gaps.__getitem__)
    return g if gaps[g] >= 0.8 * total else None


def _plain_heads(units: list[Unit]) -> None:
    """Pages without indentation: head-shaped runs become article heads when the evidence
    says so, else section headings (on markdown pages plain lines need strong evidence)."""
    markdown = any(u.kind == "head" for u in units)
    tight = _tight(units, indented=False)
    blocked = tight and tight_page(units)
    gap = None if tight else _paragraph_gap(units)
    runs: list[tuple[int, int]] = []
    inside: set[int] = set()  # head-shaped lines under an article's head and its blank line, right above the text
    i = 0
    while i < len(units):
        if units[i].kind not in HEADISH:
            i += 1
            continue
        j = i
        while j < len(units) and units[j].kind in HEADISH:
            j += 1
        while blocked and j - i > 1 and units[j - 1].text.rstrip()[-1:] in "：:" and len(units[j - 1].text) <= 40 \
                and units[j - 1].gap == 0 and j < len(units) and units[j].gap == 0 and units[j].kind == "paragraph":
            units[j - 1].kind = "paragraph"  # (各位委员，同志们： / 圭亚那前总统唐纳德·拉莫塔尔：)
            units[j - 1].why.append("a salutation or a speaker ending with a colon under the head, the text right "
                                    "under it: it opens the text")
            j -= 1
        cut = next((k for k in range(i + 1, j) if units[k].gap >= 1), None) if blocked else None
        if cut is not None and units[i].gap == 0 and i > 0:
            j = cut  # lines printed right under the text end it; the block after the blank line is a run of its own
        elif cut is not None and j < len(units) and units[j].gap >= 1 and cut == j - 1 \
                and sum(len(u.text) for u in units[i:cut]) <= LABEL_MAX and not CLAUSE_RE.search(units[cut].text):
            j = cut  # 新书架 / 用历史智慧之光观照现实 / text: a title-only item, then a title with its own empty 副题 slot
        elif cut is not None and j < len(units) and units[j].gap == 0 and units[j].kind in ("paragraph", "dateline",
                                                                                            "byline"):
            inside.add(cut)  # head / blank line (the empty 副题 slot) / heading printed right above the text
            j = cut
        why = title_evidence(units, i, j, strict=markdown, tight=tight, gap=gap, blocked=blocked)
        glued = blocked and (i in inside or blocks.glued_heading(units, i, j))
        if why and glued:
            units[i].why.append(blocks.GLUED_WHY if i not in inside else blocks.INSIDE_WHY)
            why = []
        if not why and j < len(units) and units[j].kind in ("paragraph", "dateline", "byline") \
                and not any(x.kind in ("paragraph", "dateline", "heading", "title", "byline") for x in units[:i]):
            why = ["head-shaped lines at the top of the page, before any text: an article head"]
        if why:
            after = units[j] if j < len(units) else None
            direct = (after is not None and after.gap == 0) if tight else None  # the 副题 slot filled or not
            headparts.assign(units[i:j], why, crawler=False, direct=direct, after_kind=after.kind if after else "")
            runs.append((i, j))
        else:
            prev_heading = i > 0 and units[i - 1].kind == "heading"
            for k in range(i, j):
                u = units[k]
                if u.kind == "dash":
                    u.kind = "paragraph"
                elif u.kind == "bold":
                    u.kind = "heading"
                    u.why.append("bold section heading")
                elif glued and k == i + 1 and j - i == 2 and units[i].text.rstrip().endswith(("——", "：", ":")):
                    u.kind = "heading"
                    u.why.append("the title under a section's 引题: heading")
                elif prev_heading or (k > i):
                    u.kind = "paragraph"
                    u.why.append("head-shaped line right after a heading: text")
                elif i in inside and u.text.rstrip()[-1:] in "：:":
                    u.kind = "paragraph"
                    u.why.append("a salutation or lead-in ending with a colon (我至亲至爱的人：): it opens the text")
                else:
                    u.kind = "heading"
                    u.why.append("section heading (no sign of a new article)")
                if glued and u.kind == "heading":
                    u.inside = True
        i = j
    roundup.sections(units, runs, blocked)
