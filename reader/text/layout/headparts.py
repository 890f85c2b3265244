"""The lines of one article head -> title, subtitle, kicker (引题) and column (series label).

Dash lines belong to the line above them (its subtitle); a series tag in brackets is cut off the
title line (``（今日谈）`` -> column 今日谈).  The title is, in order: the line that has a dash
subtitle, the markdown title, the bold line, the line with a series tag, then by position:
on an indented (crawler) page the head has the printed slots 引题 / 主题 / 副题, so two lines
are kicker + title unless the second reads as a subtitle (``记…``, a bracketed date, ``…综述``)
or the first leads into it (ends with a dash or ``强调``), and a blank line after the head (an
empty 副题 slot) against none settles the rest; elsewhere a short unpunctuated line over a
longer one that opens with a place or an organisation (``娄底市…``) is title + subtitle without
a dash, else the last plain line is the
title and the line above it its kicker or column.
"""

from __future__ import annotations

import re

from reader.text.layout import markers
from reader.text.layout.units import Unit

Item = list[Unit]
CLAUSE_RE = re.compile(r"[，,；;、：:]")
PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|乡|镇|村|局|银行|集团|公司|学校|大学|部|委|院|厅|中心|协会)")
NEWS_TITLE_RE = re.compile(r"(?:召开|举行|开幕|闭幕|启动|揭晓|落幕|成立|发布|出台|印发|举办)$")


def _bigrams(text: str) -> set[str]:
    """Adjacent ideograph pairs of ``text``."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in zip(chars, chars[1:])}


def _items(run: list[Unit]) -> list[Item]:
    """Head lines grouped: each line with the dash lines under it."""
    items: list[Item] = []
    for u in run:
        if u.kind == "dash" and items:
            items[-1].append(u)
        else:
            items.append([u])
    return items


def _split_tags(items: list[Item]) -> None:
    """Cut a series tag off every head line (the tag is kept on the unit)."""
    for item in items:
        u = item[0]
        if u.kind == "dash":
            continue
        found = markers.series_tag(u.text)
        if found:
            u.text, u.tag = found
            u.why.append(f"series tag （{u.tag}） on the line: column")


def _two_lines(a: Unit, b: Unit, direct: bool | None) -> tuple[int, str]:
    """Which of two plain head lines is the title (0: title + subtitle, 1: kicker + title)."""
    if markers.bracket_line(b.text) or markers.subtitle_shaped(b.text):
        return 0, "the second line reads as a subtitle"
    if markers.kicker_shaped(a.text):
        return 1, "the first line leads into the second (kicker)"
    if direct is True:
        return 0, "the text follows the second line directly (its subtitle slot is filled)"
    if direct is False:
        return 1, "a blank line after the second line (empty subtitle slot): kicker + title"
    if "，" in b.text and len(b.text) > len(a.text) and "，" not in a.text and "," not in a.text:
        return 0, "a longer, punctuated second line: subtitle"
    if direct is None and not CLAUSE_RE.search(a.text) and len(b.text) >= len(a.text) + 4 \
            and PLACE_RE.match(b.text) and not NEWS_TITLE_RE.search(b.text):
        return 0, "a short title over a longer line that describes it: subtitle without a dash"
    return 1, "two head lines: kicker + title"


def _choose(plain: list[Item], crawler: bool, direct: bool | None) -> tuple[int, str]:
    """Index of the title item among ``plain`` and why."""
    for n, it in enumerate(plain):
        if len(it) > 1 and it[0].kind != "dash":
            return n, "line with a dash subtitle"
    for n, it in enumerate(plain):
        if it[0].kind == "head" and it[0].level in (1, 2):
            return n, "markdown title"
    for n, it in enumerate(plain):
        if it[0].kind == "bold":
            return n, "bold line"
    for n, it in enumerate(plain):
        if it[0].tag:
            return n, "line with a series tag"
    if len(plain) == 2:
        return _two_lines(plain[0][0], plain[1][0], direct)
    if (crawler or direct is not None) and len(plain) >= 3:
        for n, it in enumerate(plain[:-1]):
            if markers.kicker_shaped(it[0].text):
                return n + 1, "line after the kicker"
        return 1, "three head lines: kicker, title, subtitle"
    return len(plain) - 1, "last line of the head"


def assign(run: list[Unit], why: list[str], crawler: bool, direct: bool | None = None, after_kind: str = "") -> None:
    """Title, subtitle, kicker and column among the lines of an article head (``why``: the
    evidence that this run starts an article; ``direct``: on a crawler page, whether the text
    follows the head without a blank line; ``after_kind``: the kind of the unit after the run)."""
    items = _items(run)
    plain: list[Item] = []
    for item in items:
        head = item[0]
        if not crawler and len(item) > 1 and item[1].gap == 0 and len(item[1].text) <= 8 and head.kind != "dash" \
                and markers.series_label(head.text, item[1].text):
            head.kind = "column"
            head.text = head.text + "——" + item[1].text
            item[1].kind = "skip"
            head.why.append("label with a short dash line in one block: column/series")
            for extra in item[2:]:
                extra.kind = "subtitle"
            continue
        plain.append(item)
    if not plain:
        return
    _split_tags(plain)
    at, reason = _choose(plain, crawler, direct)
    title_item = plain[at]
    if title_item[0].kind == "dash":
        title_item[0].kind = "subtitle"
        title_item[0].why.append("subtitle without a title")
        return
    title = title_item[0]
    title.kind = "title"
    title.why.extend(why)
    title.why.append("title: " + reason)
    for sub in title_item[1:]:
        sub.kind = "subtitle"
    for n, item in enumerate(reversed(plain[:at])):
        u = item[0]
        for sub in item[1:]:
            sub.kind = "subtitle"
        shares = bool(_bigrams(u.text) & _bigrams(title.text))
        if n == 0 and (crawler or markers.kicker_shaped(u.text) or any(c in u.text for c in "，,；;、：:")
                       or len(u.text) > len(title.text) or shares):
            u.kind = "kicker"
            u.why.append("line above the title: kicker")
        elif n == 0 and not markers.column_shaped(u.text):
            u.kind = "kicker"
            u.why.append("line above the title, not shaped as a column label (long, a sentence, a credit): kicker")
        elif n == 0 and title.tag:
            u.kind = "kicker"
            u.why.append("line above a title that carries its series tag (the column): kicker")
        elif n == 0 and direct is False and len(plain) == 2:
            u.kind = "kicker"
            u.why.append("line above the title, and a blank line after the head (the 引题 / 主题 / 副题 slots of "
                         "a page printed without blank lines: an empty 副题): kicker")
        elif n > 0 and not crawler and not markers.column_shaped(u.text, markers.SERIES_COLUMN_MAX):
            u.kind = "paragraph"
            u.why.append("a line over the kicker that is no column label (a sentence, a credit, a list): text")
        else:
            u.kind = "column"
            u.why.append("short label above the title: column")
    after = plain[at + 1:]
    for n, item in enumerate(after):
        for u in item:
            if not crawler and n == 0 and u.kind != "dash" and CLAUSE_RE.search(u.text) \
                    and after_kind not in ("byline", "dateline", "box"):
                u.kind = "paragraph"
                u.why.append("a clause under the title with text after it: the text starts (broken line)")
            elif crawler or n == 0 or u.kind == "dash":
                u.kind = "subtitle"
                u.why.append("line under the title: subtitle")
            elif not markers.column_shaped(u.text):
                u.kind = "paragraph"
                u.why.append("a line under the subtitle that is no column label (a name, a sentence, a list): "
                             "the text starts")
            else:
                u.kind = "column"
                u.why.append("label after the title")
