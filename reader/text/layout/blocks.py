"""Pages without indentation whose paragraphs run without blank lines between them (*tight*
pages: e-paper or crawler text with its indentation stripped).  There a blank line means
something: it starts a new item, or stands for an empty head slot (引题 / 主题 / 副题), so the
head of an item is the block of lines after a blank line, before its text.

:func:`long_head_lines` reads a head line longer than a heading is allowed to be (a long 主题
or 副题 of a news report, ``表决通过关于…的决定等栗战书主持并讲话``) as a head line when it
stands in such a block, with no sentence punctuation (or leading into the title with a dash, or
first and ending with …… or ？: a long 引题; or last and a question or exclamation: the title),
next to a head-shaped line, and the block
opens a text: a dateline or byline follows it, or a blank line (the empty 副题 slot) and text.

:func:`asking_titles` reads a short line that ends with ？ or ！ (``赶坡会喽！``,
``“无纸化”，打个补丁好不好？（说道）``) as a title when it stands alone between two blank lines
(the item's start, and its empty 副题 slot) with the item's text after it.

:func:`head_block` tells a line of such a head block (at most three head lines between blank
lines, text after them) from broken text; :func:`glued_heading` tells a head line printed right
above its text or byline (no blank line for an empty 副题 slot) as a section heading inside its
item.
"""

from __future__ import annotations

import re

from reader.text.layout import markers
from reader.text.layout.broken import prev_body
from reader.text.layout.text import balanced, is_headish
from reader.text.layout.units import Unit

ASKING_MAX = 30  # characters of a title that ends with ？ or ！ (赶坡会喽！)
LEAD_MAX = 60  # characters of a 引题 that ends with …… or ？
LONG_HEAD_MAX = 120  # characters of a long head line
BLOCK_MAX = 4  # lines of a head block
HEADISH = ("headish", "dash", "head", "bold")
HEAD_BLOCK_MAX = 3  # lines of a head block (引题, 主题, 副题)
FOLLOWS_RE = re.compile(r"(?:全文如下|如下|内容如下|全文刊发如下)[。：:]$")
GLUED_WHY = ("one head line (or a 引题 ending with a dash or colon and its title) printed right above its text "
             "after a blank line, on a page whose paragraphs run without blank lines (an article's head has a 副题 "
             "under its title or a blank line for the empty slot): a section heading inside the item")
INSIDE_WHY = ("under an article's head and the blank line of its empty 副题 slot, printed right above the text on "
              "a page whose paragraphs run without blank lines: the item's first heading or lines, not a new head")


def _long(u: Unit) -> bool:
    """A plain line that may be a long head line: no sentence punctuation, balanced; or a
    kicker that leads into the title with a dash (``过去…；如今…。山东农村——``)."""
    if u.kind != "paragraph" or u.jump:
        return False
    t = u.text
    if t.endswith("——") and len(t) <= LONG_HEAD_MAX and balanced(t):
        return True
    return len(t) > 40 and is_headish(t, LONG_HEAD_MAX)


def _lead(u: Unit) -> bool:
    """A plain line that may lead a head block as its 引题 although it ends like a sentence part:
    ``农家书屋找回了人气，流动服务扩大了范围……``, ``…哪些问题须关注？哪些行业待帮扶？``."""
    t = u.text.strip()
    return u.kind == "paragraph" and not u.jump and len(t) <= LEAD_MAX and t.endswith(("……", "？", "！", "?", "!")) \
        and "。" not in t and balanced(t)


def long_head_lines(units: list[Unit]) -> None:
    """Mark long head lines in the head blocks of a tight page (see module docstring)."""
    i = 0
    n = len(units)

    def member(k: int, first: bool) -> bool:
        """``units[k]`` can stand in a head block (as its first line when ``first``)."""
        x = units[k]
        return x.kind in HEADISH or _long(x) or first and _lead(x) or not first and x.kind == "paragraph" \
            and _asking(x.text)

    while i < n:
        u = units[i]
        if not (u.gap >= 1 or i == 0) or not member(i, True):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < BLOCK_MAX and units[j].gap == 0 and member(j, False):
            j += 1
        block = units[i:j]
        nxt = units[j] if j < n else None
        after = units[j + 1] if j + 1 < n else None
        opens = nxt is not None and (nxt.kind in ("dateline", "byline") and nxt.gap <= 1
                                     or nxt.gap >= 1 and nxt.kind in ("paragraph", "dateline", "box")
                                     and len(block) >= 2 and after is not None and after.gap == 0
                                     and after.kind in ("paragraph", "dateline"))
        plain = [x for x in block if x.kind == "paragraph"]
        if opens and plain and any(x.kind in HEADISH for x in block) and not block[-1].text.endswith("——") \
                and not (block[-1] in plain and _lead(block[-1]) and not _asking(block[-1].text)):
            for x in plain:
                x.kind = "headish"
                x.why.append("a long line, or one leading into the title, in the head block of an item (after a "
                             "blank line, next to a head line, before its text) on a page printed without "
                             "blank lines between paragraphs: a head line")
        i = max(j, i + 1)


def _asking(text: str) -> bool:
    """A short line ending with ？ or ！ (a series tag after it allowed) with no other sentence
    end inside: the shape of a question or exclamation title."""
    tagged = markers.series_tag(text)
    core = (tagged[0] if tagged else text).strip().rstrip("”’\"")
    if not core or len(core) > ASKING_MAX or core[-1] not in "？！?!":
        return False
    inner = core[:-1].rstrip("？！?!")
    return len(inner) >= 2 and not any(ch in inner for ch in "。！？!?；;") and is_headish(inner + "X", ASKING_MAX + 1)


def asking_titles(units: list[Unit]) -> None:
    """Mark question and exclamation titles on a tight page (see module docstring)."""
    for i in range(1, len(units) - 2):
        u, nxt, after = units[i], units[i + 1], units[i + 2]
        if u.kind == "paragraph" and u.gap >= 1 and nxt.gap >= 1 and (after.gap == 0 or after.gap == 1 and len(nxt.text) >= 30) \
                and nxt.kind in ("paragraph", "dateline") and after.kind in ("paragraph", "caption", "photo") \
                and _asking(u.text):
            u.kind = "headish"
            u.why.append("a short question or exclamation alone between two blank lines (an item's start and "
                         "its empty 副题 slot), its text after it, on a page printed without blank lines between "
                         "paragraphs: a title")


def head_block(units: list[Unit], k: int) -> bool:
    """True when ``units[k]`` stands in a block of at most three head-shaped lines set apart by
    blank lines, with text after it (a tight page's 引题 / 主题 / 副题 slots and the blank line of
    an empty one): a head line, not broken text."""
    n = len(units)
    s = k
    while s > 0 and units[s].gap == 0 and k - s < HEAD_BLOCK_MAX:
        s -= 1
    e = k + 1
    while e < n and units[e].gap == 0 and e - s <= HEAD_BLOCK_MAX:
        e += 1
    if not (units[s].gap >= 1 or s == 0) or e >= n or units[e].gap < 1 or e - s > HEAD_BLOCK_MAX:
        return False
    return all(x.kind in HEADISH for x in units[s:e]) and units[e].kind in ("paragraph", "dateline", "byline", "box")


def glued_heading(units: list[Unit], i: int, j: int) -> bool:
    """True when the head run ``units[i:j]`` of a tight page is one plain line (lines ending
    with a colon under it open the text: ``圭亚那前总统唐纳德·拉莫塔尔：``) after a blank line with
    a plain paragraph right under it, not the first line of the page: a heading inside an item.
    So is a line leading in with a dash or a colon over a title with the text or a byline right
    under them: an article's 引题 + 主题 leave the 副题 slot, a blank line, before the text; and
    any head right after a paragraph that announces it (``《条例》全文如下。``)."""
    lines = j - i
    while lines > 1 and units[i + lines - 1].text.rstrip()[-1:] in "：:":
        lines -= 1
    nxt = units[i + lines] if i + lines < len(units) else None
    before = prev_body(units, i) if i > 0 else None
    if before is not None and before.kind in ("paragraph", "dateline") and FOLLOWS_RE.search(before.text.rstrip()):
        return True  # 《条例》全文如下。 / the document's own head: the item goes on
    if i == 0 or nxt is None or nxt.gap != 0 or units[i].gap < 1 and units[i - 1].kind not in ("paragraph", "dateline"):
        return False  # (right under a paragraph, with no blank line: inside the item too)
    if lines == 1:
        return units[i].kind == "headish" and nxt.kind in ("paragraph", "byline", "dateline") \
            and not markers.box_lead(nxt.text)
    lead = units[i].text.rstrip()
    return lines == 2 and j - i == 2 and lead.endswith(("——", "：", ":")) and nxt.kind in ("paragraph", "byline") \
        and not markers.box_lead(nxt.text)  # 俄罗斯—— / 多次提出无条件延长条约 / text: a section's head
