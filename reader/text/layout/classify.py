"""Step 2a: ``shape`` classifies each unit by its own text.

Kinds: ``byline`` (only names), ``credit`` (a closing credit in brackets or a trailing dateline),
``photo`` (a photographer credit), ``note`` (author notes, image sources, cross references,
editor lines), ``jump`` (a jump marker on its own line), ``dash`` (a line starting with a dash),
``sign`` (a signature line such as ``——编 者``), ``box`` (a box label such as 核心阅读),
``headish`` (short, balanced, no closing punctuation), ``dateline`` and ``paragraph``.  Trailing
credits, notes and inline jump markers are split off paragraphs, photo credits off captions.
Every decision appends its reason to ``Unit.why``; ``reader.text.layout.heads`` then decides
roles in context.
"""

from __future__ import annotations

import re

from reader.text.layout import credits, markers
from reader.text.layout.broken import BRIEF_TITLE_RE, DATELINE_RE  # noqa: F401  (re-exported)
from reader.text.layout.lexicon import split_names, word_freq
from reader.text.layout.text import is_dash_line, is_headish, strip_dash
from reader.text.layout.units import Unit

PAREN_TAIL_RE = re.compile(r"[（(]([^（）()]{1,80})[）)]\s*$")
PHOTO_RE = re.compile(
    r"(?:^|(?<=[\s。！？”）)]))((?:[\u4e00-\u9fff·]{1,5}\s*){1,4}?)\s*(?:摄影|摄)\s*([（(][^（）()]{1,30}[）)])?\s*$"
)
AUTHOR_NOTE_RE = credits.AUTHOR_NOTE_RE
BYLINE_MAX = 40
KICKER_MAX = 60


def tail_bracket(text: str) -> int | None:
    """Start of the bracketed remark that ends ``text`` (nested brackets allowed:
    ``（作者为…（朱巴）…连长）``), or None."""
    t = text.rstrip()
    if not t or t[-1] not in "）)":
        return None
    depth = 0
    for i in range(len(t) - 1, max(-1, len(t) - 120), -1):
        ch = t[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def _photo(text: str) -> tuple[str, list[str], str | None] | None:
    """(caption before the credit, photographers, bracketed source) when ``text`` ends with a
    photographer credit such as ``田才茂 摄``."""
    if "摄" not in text[-40:]:
        return None
    m = PHOTO_RE.search(text)
    if not m:
        return None
    names = split_names(m.group(1))
    if not names:
        return None
    return text[: m.start()].strip(), names, (m.group(2) or None)


def shape(units: list[Unit]) -> list[Unit]:
    """Classify each unit by its own text (see module docstring); new units cut out of a line
    share its block (gap 0) and its source lines."""
    out: list[Unit] = []

    def add(u: Unit) -> None:
        """Append ``u`` with its new index."""
        u.idx = len(out)
        out.append(u)

    for u in units:
        jump = markers.jump_marker(u.text)
        if jump is not None:
            direction, marker, rest = jump
            u.jump = direction
            if direction == "in" and rest and not u.text.lstrip().startswith(marker):
                u.jump = "in-head"  # 标题（上接第1版）: a jump head, the continuation follows it
            u.why.append(f"jump marker {marker} ({'continued elsewhere' if direction == 'out' else 'continues earlier text'})")
            if not rest:
                u.kind = "jump"
                add(u)
                continue
            u.text = rest
        if u.gap == 0 and out and out[-1].kind in ("paragraph", "dateline") and is_dash_line(u.text) \
                and u.text.rstrip()[-1:] in "。！？!?" and not markers.signature(u.text):
            u.why.append("a sentence led by a dash, printed right under the text: text, not a subtitle")
            add(u)  # (——面积为“王”，在干部的心头，是大局。)
            continue
        _shape_one(u, add)
    return out


def _shape_one(u: Unit, add) -> None:  # type: ignore[no-untyped-def]
    """Classify one unit (and the pieces cut out of it) through ``add``."""
    t = u.text
    if credits.furniture(t):
        u.kind = "note"
        u.why.append("editor / layout / reader-mail line: page furniture")
        add(u)
        return
    credit = credits.credit_line(t)
    if credit is not None:
        if credit.authors:
            u.kind, u.names, u.photo_names = "byline", credit.authors, credit.photographers
            u.why.append("a credit line: " + "text by " + "、".join(credit.authors)
                         + ("; photos by " + "、".join(credit.photographers) if credit.photographers else ""))
        else:
            u.kind, u.names = "photo", credit.photographers
            u.why.append("a photo / graphic credit")
        u.extra = credit.source
        add(u)
        return
    photo = _photo(t)
    if photo and len(photo[0]) <= 200:
        caption, names, source = photo
        if caption:
            add(u.piece(caption, "caption", u.gap, why=["text before a photo credit"]))
        shot = u.piece(t[len(caption):].strip() if caption else t, "photo", 0 if caption else u.gap,
                       names=names, extra=source, why=["name(s) + 摄"])
        add(shot)
        return
    if markers.box_label(t):
        u.kind = "box"
        u.why.append("box label (核心阅读, 编者按...)")
        add(u)
        return
    if is_dash_line(t) and markers.signature(t):
        u.kind = "sign"
        u.why.append("dash + a name or a saying: a signature line, not a subtitle")
        add(u)
        return
    if u.level or u.bold:
        if is_dash_line(t):
            u.kind, u.text = "dash", strip_dash(t)
            u.why.append("markdown line starting with a dash")
        elif u.level >= 3:
            u.kind = "heading"
            u.why.append("markdown ### line")
        elif u.bold and not u.level and ("bold lead-in" in u.why or not is_headish(t, KICKER_MAX)):
            u.kind = "heading"
            u.why.append("bold lead-in / bold sentence: section heading")
        elif u.bold and not u.level:
            u.kind = "bold"
            u.why.append("bold line: a title or a section heading")
        else:
            u.kind = "head"
            u.why.append(f"markdown level {u.level}")
        add(u)
        return
    if is_dash_line(t) and len(t) <= KICKER_MAX:
        u.kind, u.text = "dash", strip_dash(t)
        u.why.append("line starting with a dash")
        add(u)
        return
    start = tail_bracket(t)
    if start == 0:
        kind, names = credits.paren_kind(t.rstrip()[1:-1])
        if kind:
            u.kind, u.names = ("skip" if kind == "end" else kind), names
            u.why.append(f"bracketed {kind}")
            add(u)
            return
    if len(t) <= BYLINE_MAX and ("，" not in t or "记者" in t or "通讯员" in t) and t.rstrip()[-1:] not in "：:":
        names = split_names(t)  # (a name that ends with a colon, 万金刚：, leads into a title: a kicker)
        if names and (len(names) >= 2 or len(names[0]) >= 3 or len(t) > len(names[0])
                      or word_freq(names[0]) == 0):
            u.kind, u.names = "byline", names
            u.why.append("only names (and reporter roles)")
            add(u)
            return
    if start is not None and start > 0:
        inner = t.rstrip()[start + 1:-1]
        kind, names = credits.paren_kind(inner)
        before = t[:start].rstrip()
        if kind == "credit" and names and is_headish(before) and markers.series_tag(t):
            kind = ""  # 标题（钟声）: a series tag on a title line, not a credit
        if kind:
            u.text = before
            add(u)
            add(u.piece(t[start:].strip(), "skip" if kind == "end" else kind, names=names,
                        why=[f"trailing bracketed {kind}"]))
            _shape_text(u)
            if kind == "photo" or kind == "note" and credits.IMAGE_NOTE_RE.search(inner) and len(u.text) <= 200:
                u.kind = "caption"
                u.why.append("text before a bracketed photo credit / image source")
            return
    add(u)
    _shape_text(u)


def _shape_text(u: Unit) -> None:
    """Paragraph, dateline paragraph or head-shaped line (also kicker-shaped: ending in a dash,
    a colon or a speech verb)."""
    m = DATELINE_RE.match(u.text)
    if m and len(u.text) > len(m.group(1)):
        u.extra = m.group(1).strip()
        inner = re.search(r"[（(]([^（）()]*)[）)]", u.extra)
        u.names = (split_names(inner.group(1)) or credits.reporter_list(inner.group(1), 1) or []) if inner else []
        u.kind = "dateline"
        u.why.append("starts with a dateline")
        return
    if is_headish(u.text):
        u.kind = "headish"
        u.why.append("short, balanced, no closing punctuation")
        return
    t = u.text
    if len(t) <= KICKER_MAX and (t.endswith(("——", "—")) or re.search(r"[：:]$", t) and len(t) <= 30) \
            and is_headish(t.rstrip("—：: "), KICKER_MAX):
        u.kind = "headish"
        u.why.append("short line ending in a dash or colon: may lead into a title (kicker)")
        return
    tagged = markers.series_tag(t)
    if tagged is not None and is_headish(tagged[0]) and len(tagged[0]) <= 30:
        u.kind = "headish"
        u.why.append("a short title line ending in a long series tag in brackets")
        return
    if markers.bracket_line(t):
        u.kind = "headish"
        u.why.append("a date in brackets on its own line")
        return
    u.kind = "paragraph"


from reader.text.layout.heads import roles  # noqa: E402,F401  (step 2b, kept importable from here)
