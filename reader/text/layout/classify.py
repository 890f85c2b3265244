"""Step 2: units -> classified units.

``shape`` looks at one line alone (byline, credit, photo credit, note, subtitle, head-shaped,
paragraph) and splits trailing credits off paragraphs; ``roles`` looks at neighbours (captions
next to pictures and photo credits; whether a head-shaped line starts an article or is a
section heading inside one).  Every decision appends its reason to ``Unit.why``.
"""

from __future__ import annotations

import re

from reader.text.layout.lexicon import split_names, word_across, word_freq
from reader.text.layout.text import ends_sentence, is_dash_line, is_headish, strip_dash
from reader.text.layout.units import Unit

PAREN_TAIL_RE = re.compile(r"[（(]([^（）()]{1,60})[）)]\s*$")
PHOTO_RE = re.compile(
    r"(?:^|(?<=[\s。！？”）)]))((?:[\u4e00-\u9fff·]{1,5}\s*){1,4}?)\s*(?:摄影|摄)\s*([（(][^（）()]{1,30}[）)])?\s*$"
)
IMAGE_NOTE_RE = re.compile(r"图片|供图|图/|摄影|照片|图片库")
AUTHOR_NOTE_RE = re.compile(r"^(作者系|作者为|作者单位|作者是|本文作者)")
DATELINE_RE = re.compile(
    r"^((?:[\u4e00-\u9fff]{0,10}?)(?:\d{1,2}月\d{1,2}日|本报)(?:电|讯|专电)"
    r"\s*(?:[（(][^（）()]{0,50}[）)])?)"
)
END_MARK_RE = re.compile(r"^\s*(?:完|全文完|待续|未完待续|续完|终)\s*$")
PHOTO_INNER_RE = re.compile(r"^(.{2,30}?)\s*(?:摄影|摄)$")
BRIEF_TITLE_RE = re.compile(r"^[\u4e00-\u9fff·]{2,14}[：:]\S")
BYLINE_MAX = 40
OPENER_RE = re.compile(r"^(?:近年来|近几年来|今年以来|去年以来|近日|日前|目前|当前|同时|此外|另外|其中|据悉|据了解|据统计|"
                       r"据介绍|当天|随后|然而|但是|因此|所以|首先|其次|最后|一方面|另一方面|与此同时|为此|对此|"
                       r"[\d一二三四五六七八九十]+月[\d一二三四五六七八九十]+日.*|.*以来|"
                       r"(?:在|随着|通过|按照|根据|针对|为了|由于|经过|截至).{2,}(?:下|中|后|上|里|时|前)?|"
                       r"(?:每|上|下|本|今|去|明|近|前|同)?.{0,3}(?:年|月|日|周[一二三四五六日]?|天|时|后|前|来|初|底|末))$")
DANGLING_END = set("的了与和及或在对为是把被从向将并而之其以于由让使给等且")


def _paren_kind(inner: str) -> tuple[str, list[str]]:
    """Kind of a bracketed remark: ('credit', names), ('photo', names), ('note', []),
    ('end', []) for an end mark such as (完), or ('', [])."""
    if END_MARK_RE.match(inner):
        return "end", []
    names = split_names(inner)
    if names:
        return "credit", names
    shot = PHOTO_INNER_RE.match(inner)
    if shot and (names := split_names(shot.group(1)) or []):
        return "photo", names
    if AUTHOR_NOTE_RE.match(inner) or IMAGE_NOTE_RE.search(inner):
        return "note", []
    return "", []


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
    """Classify each unit by its own text; split trailing credits and notes off paragraphs and
    photo credits off captions (new units share the block: gap 0)."""
    out: list[Unit] = []

    def add(u: Unit) -> None:
        """Append ``u`` with its new index."""
        u.idx = len(out)
        out.append(u)

    for u in units:
        t = u.text
        photo = _photo(t)
        if photo and len(photo[0]) <= 200:
            caption, names, source = photo
            if caption:
                add(Unit(0, caption, u.gap, kind="caption", why=["text before a photo credit"]))
            add(Unit(0, t[len(caption):].strip() if caption else t, 0 if caption else u.gap,
                     kind="photo", names=names, extra=source, why=["name(s) + 摄"]))
            continue
        if u.level or u.bold:
            if is_dash_line(t):
                u.kind, u.text = "dash", strip_dash(t)
                u.why.append("markdown line starting with a dash")
            elif u.level >= 3 or (u.bold and not u.level):
                u.kind = "heading"
                u.why.append("markdown ### / bold line")
            else:
                u.kind = "head"
                u.why.append(f"markdown level {u.level}")
            add(u)
            continue
        if is_dash_line(t) and len(t) <= 60:
            u.kind, u.text = "dash", strip_dash(t)
            u.why.append("line starting with a dash")
            add(u)
            continue
        whole = PAREN_TAIL_RE.search(t)
        if whole and whole.start() == 0:
            kind, names = _paren_kind(t[1:-1])
            if kind:
                u.kind, u.names = ("skip" if kind == "end" else kind), names
                if kind == "note":
                    u.text = t
                u.why.append(f"bracketed {kind}")
                add(u)
                continue
        if len(t) <= BYLINE_MAX:
            names = split_names(t)
            if names and (len(names) >= 2 or len(names[0]) >= 3 or len(t) > len(names[0])
                          or word_freq(names[0]) == 0):
                u.kind, u.names = "byline", names
                u.why.append("only names (and reporter roles)")
                add(u)
                continue
        m = PAREN_TAIL_RE.search(t)
        if m and m.start() > 0:
            kind, names = _paren_kind(m.group(1))
            if kind:
                body = t[: m.start()].rstrip()
                u.text = body
                add(u)
                add(Unit(0, t[m.start():].strip(), 0, kind=("skip" if kind == "end" else kind), names=names,
                         why=[f"trailing bracketed {kind}"]))
                _shape_text(u)
                if kind == "photo":
                    u.kind = "caption"
                    u.why.append("text before a bracketed photo credit")
                continue
        add(u)
        _shape_text(u)
    return out


def _shape_text(u: Unit) -> None:
    """Paragraph, dateline paragraph or head-shaped line."""
    m = DATELINE_RE.match(u.text)
    if m and len(u.text) > len(m.group(1)):
        u.extra = m.group(1).strip()
        inner = re.search(r"[（(]([^（）()]*)[）)]", u.extra)
        u.names = (split_names(inner.group(1)) or []) if inner else []
        u.kind = "dateline"
        u.why.append("starts with a dateline")
        return
    if is_headish(u.text):
        u.kind = "headish"
        u.why.append("short, balanced, no closing punctuation")
        return
    u.kind = "paragraph"


HEADISH = ("head", "headish", "dash")


def _title_evidence(units: list[Unit], start: int, end: int) -> list[str]:
    """Reasons why the head-shaped run ``units[start:end]`` starts an article (empty: it is a
    section heading inside the current article)."""
    run = units[start:end]
    why: list[str] = []
    if any(u.kind == "head" for u in run):
        why.append("markdown title level")
    if any(u.kind == "dash" for u in run):
        why.append("has a dash subtitle")
    if any(u.kind == "headish" and BRIEF_TITLE_RE.match(u.text) for u in run):
        why.append("brief-news title 地名：标题")
    nxt = units[end] if end < len(units) else None
    if nxt is not None and nxt.kind in ("byline", "dateline", "photo"):
        why.append(f"followed by {nxt.kind}")
    elif nxt is not None and nxt.kind == "caption" and any(u.kind == "photo" for u in units[end + 1:end + 3]):
        after = next((u for u in units[end:] if u.kind not in ("caption", "photo", "note")), None)
        if after is None or after.kind not in ("paragraph", "dateline"):
            why.append("followed by a photo with its caption and no text (photo news)")
    prev = next((u for u in reversed(units[:start]) if u.kind not in ("caption", "photo")), None)
    if prev is not None and prev.kind == "byline" and not why:
        return why
    if prev is None:
        why.append("first line of the page")
    elif prev.kind == "credit" or (prev.kind == "note" and AUTHOR_NOTE_RE.match(prev.text.strip("（()）"))):
        why.append("previous article closed by a credit")
    elif prev.kind in ("paragraph", "dateline") and not ends_sentence(prev.text):
        why.append("previous paragraph breaks off (column end before a new article)")
    return why


def roles(units: list[Unit]) -> list[Unit]:
    """Decide captions, article heads and section headings from neighbouring units."""
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if u.kind == "paragraph" and nxt is not None and nxt.kind == "photo" and len(u.text) <= 300:
            u.kind = "caption"
            u.why.append("followed by a photo credit")
        elif u.kind == "paragraph" and u.gap >= 2 and len(u.text) <= 150 and ends_sentence(u.text):
            u.kind = "caption"
            u.why.append("short sentence after a picture gap")
    for k, u in enumerate(units):
        if u.kind == "headish" and (reason := _broken_text(u, _next_body(units, k), _prev_body(units, k))):
            u.kind = "paragraph"
            u.why.append(reason)
    if any(u.kind == "head" for u in units):
        for u in units:
            if u.kind == "headish":
                u.kind = "plainhead"
                u.why.append("markdown page: a plain short line is no article head")
    i = 0
    while i < len(units):
        if units[i].kind == "plainhead":
            u = units[i]
            prev_heading = i > 0 and units[i - 1].kind == "heading"
            u.kind = "paragraph" if prev_heading or _broken_text(u, _next_body(units, i), _prev_body(units, i)) \
                else "heading"
            i += 1
            continue
        if units[i].kind not in HEADISH:
            i += 1
            continue
        j = i
        while j < len(units) and units[j].kind in HEADISH:
            j += 1
        why = _title_evidence(units, i, j)
        if why:
            _assign_head(units[i:j], why)
        else:
            prev_heading = i > 0 and units[i - 1].kind == "heading"
            for k in range(i, j):
                u = units[k]
                if u.kind == "dash":
                    u.kind = "paragraph"
                elif prev_heading or (k > i):
                    u.kind = "paragraph"
                    u.why.append("head-shaped line right after a heading: text")
                else:
                    u.kind = "heading"
                    u.why.append("section heading (no sign of a new article)")
        i = j
    for k, u in enumerate(units):
        if u.kind == "heading" and not u.level and not u.bold:
            nxt = _next_body(units, k)
            if nxt is None or nxt.kind in ("title", "kicker", "column", "subtitle", "credit", "byline"):
                u.kind = "paragraph"
                u.why.append("nothing follows this short line in its article: text, not a heading")
    return units


def _broken_text(u: Unit, nxt: Unit | None, prev: Unit | None = None) -> str | None:
    """Why a head-shaped line is really a piece of a paragraph broken at a column end, or None."""
    t = u.text
    if prev is not None and prev.kind == "paragraph" and not ends_sentence(prev.text) and nxt is not None \
            and nxt.kind == "paragraph" and re.match(r"^(?:[，、。；：,;:]|[^，、。；！？,;!?“”]{1,4}[。！？!?])", nxt.text):
        return "between a paragraph that breaks off and a sentence tail: broken text"
    if t[-1] in DANGLING_END and not BRIEF_TITLE_RE.match(t):
        return f"ends with {t[-1]!r}, which cannot end a heading: broken text"
    plain = _outside_quotes(t)
    if sum(1 for ch in plain if ch in "，,") >= 2:
        return "several clauses: broken text, not a heading"
    clauses = re.split(r"[，,]", plain)
    if len(clauses) > 1 and (len(clauses[0]) > 15 or len(clauses[-1]) <= 2):
        return "a long opening clause or a stub after the last comma: broken text"
    m = re.match(r"^([^，,、；;：:]*)[，,、]", t)
    if m and (len(m.group(1)) <= 2 or OPENER_RE.match(m.group(1))):
        return "opens like a sentence (short or time/discourse clause): broken text"
    if DATELINE_RE.match(t):
        return "opens with a dateline: broken text"
    if nxt is not None and nxt.kind in ("paragraph", "dateline"):
        if nxt.text[0] in "，,、。；;：:）)”":
            return "the next paragraph opens with punctuation: broken text"
        if "、" in plain and (any(ch in plain for ch in "，,") or len(plain) >= 18):
            return "a list in a long line, followed by text: broken text"
        if re.match(r"^.[，,、]", nxt.text):
            return "the next paragraph opens with the end of a clause: broken text"
        if (w := word_across(t, nxt.text)) and len(w) >= 2 and t[-1] not in "”》）":
            return f"a word runs on into the next paragraph ({w}): broken text"
    return None


def _prev_body(units: list[Unit], k: int) -> Unit | None:
    """The unit before ``units[k]`` that is not a caption, photo credit or note."""
    for u in reversed(units[:k]):
        if u.kind not in ("caption", "photo", "note"):
            return u
    return None


def _next_body(units: list[Unit], k: int) -> Unit | None:
    """The next unit after ``units[k]`` that is not a caption, photo credit or note."""
    for u in units[k + 1:]:
        if u.kind not in ("caption", "photo", "note"):
            return u
    return None


def _outside_quotes(text: str) -> str:
    """``text`` without anything inside quotes or brackets."""
    return re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", text)


def _bigrams(text: str) -> set[str]:

    """Adjacent ideograph pairs of ``text``."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in zip(chars, chars[1:])}


def _assign_head(run: list[Unit], why: list[str]) -> None:
    """Title, subtitle, kicker and column among the lines of an article head."""
    items: list[list[Unit]] = []
    for u in run:
        if u.kind == "dash" and items:
            items[-1].append(u)
        else:
            items.append([u])
    plain: list[list[Unit]] = []
    for item in items:
        head = item[0]
        if len(item) > 1 and item[1].gap == 0 and len(item[1].text) <= 8 and head.kind != "dash":
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
    with_sub = [it for it in plain if len(it) > 1 and it[0].kind != "dash"]
    md = [it for it in plain if it[0].kind == "head" and it[0].level in (1, 2)]
    title_item = with_sub[0] if with_sub else (md[0] if md else plain[-1])
    if title_item[0].kind == "dash":
        title_item[0].kind = "subtitle"
        title_item[0].why.append("subtitle without a title")
        return
    title = title_item[0]
    title.kind = "title"
    title.why.extend(why)
    for sub in title_item[1:]:
        sub.kind = "subtitle"
    at = plain.index(title_item)
    above = plain[:at]
    for n, item in enumerate(reversed(above)):
        u = item[0]
        for sub in item[1:]:
            sub.kind = "subtitle"
        shares = bool(_bigrams(u.text) & _bigrams(title.text))
        if n == 0 and (any(c in u.text for c in "，,；;、：:") or len(u.text) > len(title.text) or shares):
            u.kind = "kicker"
            u.why.append("line above the title: kicker (punctuated, longer or shares words)")
        else:
            u.kind = "column"
            u.why.append("short label above the title: column")
    for item in plain[at + 1:]:
        for u in item:
            u.kind = "column" if u.kind != "dash" else "subtitle"
            u.why.append("label after the title")
