"""A harsh page generator: known articles laid out again as one page, with the furniture and the
damage real pages have, and what a careful reader should find on it.

Perturbations (each can be switched on alone, or all mixed on one page):

- ``breaks``     paragraphs broken anywhere: inside words, names and numbers (never right after
                 the end of a sentence, where nobody could tell a break from a new paragraph);
- ``captions``   pictures dropped into the text, mid-sentence, with every photo credit style
                 (``X 摄``, ``X/摄``, ``新华社记者 X摄``, ``摄影：X``, ``图/X``, ``（X 摄）``);
- ``credits``    bylines and credits in every style (``记者 甲 乙``, ``文/图 甲``, ``记者:甲、乙``,
                 ``（甲 乙）``, ``（新华社北京2月13日电 记者甲、乙）``, combined text and photo
                 bylines ``乙图 甲文``, ``乙摄 本报记者 甲文``, ``本报记者 甲文 乙摄``,
                 ``（本报记者 甲整理）``) and editor lines (``本版编辑：X``, ``责任编辑：X``);
- ``heads``      head styles: markdown, ``**bold**`` titles, subtitles with or without dashes,
                 kickers (引题) above the title, series tags on the title line;
- ``jumps``      a tail moved after a later article, marked (``（下转第N版）`` ... ``（上接第M版）``,
                 own line or inline, sometimes under a jump head repeating the title) or unmarked;
- ``blanks``     0-3 random blank lines before every line;
- ``halfwidth``  half-width punctuation (, . : ; ! ? ( ));
- ``crlf``       CRLF line ends;
- ``duplicates`` a paragraph printed twice.

:func:`lay_out` is a pure function of its inputs and the given ``random.Random``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from reader.text.article import Article, Block

SENTENCE_END = set("。！？!?…；;.：:")  # a break after these reads as a paragraph end (a colon opens a list)
PERTURBATIONS = ("breaks", "captions", "credits", "heads", "jumps", "blanks", "halfwidth", "crlf", "duplicates")
CAPTIONS = ["志愿者在河道边清理垃圾。", "工作人员在现场查看工程进展。", "村民在田间收割晚稻。", "执法人员开展联合检查。",
            "市民在社区活动中心参加宣讲活动。", "改造后的老旧小区焕然一新。", "游客在景区参观游览。", "学生在实验室做实验。",
            "图为工人在生产线上忙碌。", "图为当地群众在广场上载歌载舞。", "医护人员为居民检测体温。", "农民在大棚里采摘蔬菜。"]
PHOTOGRAPHERS = ["田才茂", "聂艳彬", "曹正平", "李文华", "周建国", "王 伟", "陈 亮"]
PHOTO_STYLES = ["{n} 摄", "{n}/摄", "新华社记者 {n}摄", "摄影：{n}", "图/{n}", "本报记者 {n}摄", "{n}摄（影像中国）"]
EDITORS = ["本版编辑：张 丽", "责任编辑：王建国", "本版责编：李 强", "版式设计：蔡华伟"]
HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})


@dataclass
class Layout:
    """A synthetic page and what a careful reader should find on it."""

    text: str
    expected: list[Article]
    applied: dict[str, int] = field(default_factory=dict)


def usable(article: Article) -> bool:
    """Articles that can be laid out unambiguously: a title and at least two body paragraphs."""
    paragraphs = [b for b in article.body if b.kind == "paragraph"]
    return bool(article.title and len(paragraphs) >= 2 and all(len(b.text) >= 4 for b in article.body))


def cut_points(text: str) -> list[int]:
    """Where ``text`` may be broken: anywhere the left part does not end a sentence."""
    return [i for i in range(1, len(text) - 1) if text[i - 1] not in SENTENCE_END and not text[i - 1] in "”’」）)》"
            or (i < len(text) - 1 and text[i - 1] in "”’」）)》" and text[i - 2:i - 1] not in SENTENCE_END)]


def _names(authors: list[str]) -> str:
    """Names printed spaced the way pages print two-character names (``李 奕``)."""
    return " ".join(a if len(a) != 2 else a[0] + " " + a[1] for a in authors)


@dataclass
class _Piece:
    """One article under construction: printed lines (head, body) and its expected article."""

    head: list[str]
    body: list[str]
    tail: list[str]
    exp: Article
    lead: int = 0  # byline lines at the top of ``body``
    texts: set[str] = field(default_factory=set)  # the lines of ``body`` that are paragraph text


def _head(art: Article, rng: random.Random, heads: bool) -> list[str]:
    """The head lines: kicker, title (+ series tag), subtitle, in one of the head styles."""
    style = rng.choice(["plain", "markdown", "bold", "plain"]) if heads else "plain"
    title = art.title or ""
    if art.column and heads and rng.random() < 0.5:
        title = f"{title}（{art.column}）"
    lines: list[str] = []
    if art.kicker:
        lines.append(art.kicker)
    lines.append({"plain": title, "markdown": "# " + title, "bold": f"**{title}**"}[style])
    if art.subtitle:
        dash = "——" if not heads or rng.random() < 0.6 or style == "markdown" else ""
        lines.append(("## " if style == "markdown" else "") + dash + art.subtitle)
    return lines


def _byline(art: Article, rng: random.Random, credits: bool) -> tuple[list[str], list[str], str]:
    """(lines above the body, lines after it, inline credit to append to the last paragraph)."""
    if not art.authors or art.dateline:
        return [], [], ""
    names = _names(art.authors)
    if not credits:
        return [names], [], ""
    style = rng.choice(["top", "reporter", "colon", "text-photo", "paren", "xinhua", "line", "zhengli", "combined"])
    if style == "top":
        return [names], [], ""
    if style == "reporter":
        return ["本报记者 " + names], [], ""
    if style == "colon":
        return ["记者:" + "、".join(art.authors)], [], ""
    if style == "text-photo" and len(art.authors) == 1:
        return ["文/图 " + names], [], ""
    if style == "combined" and len(art.authors) == 1:  # 曹 一图 于 石文 / 郭 鹏摄 本报记者 姚雪青文 / 本报记者 甲文 乙摄
        who = rng.choice(PHOTOGRAPHERS)
        line = rng.choice(["{p}图 {a}文", "{p}摄 本报记者 {a}文", "本报记者 {a}文 {p}摄"]).format(p=who, a=names)
        return [line], [], "photo:" + who
    if style == "paren":
        return [], [], "（" + names + "）"
    if style == "xinhua":
        return [], [], "（新华社北京2月13日电 记者" + "、".join(art.authors) + "）"
    if style == "zhengli":
        return [], ["（本报记者 " + "、".join(art.authors) + "整理）"], ""
    return [], ["（" + names + "）"], ""


def _piece(art: Article, rng: random.Random, on: set[str], used: set[str]) -> _Piece:
    """Print one article; perturbations inside the article (breaks, captions) are applied."""
    exp = Article(art.source, art.title, subtitle=art.subtitle, kicker=art.kicker,
                  column=art.column if "heads" in on else art.column, authors=list(art.authors),
                  dateline=art.dateline, body=[Block(b.kind, b.text) for b in art.body])
    above, after, inline = _byline(art, rng, "credits" in on)
    if above and above[0].startswith("文/图"):
        exp.photographers = list(art.authors)
    if inline.startswith("photo:"):  # a combined text-and-photo byline: its photographer
        exp.photographers.append(inline[len("photo:"):].replace(" ", ""))
        inline = ""
    body: list[str] = []
    paragraphs: set[str] = set()
    for b in art.body:
        body.append(("### " if b.kind == "heading" and rng.random() < 0.3 else "") + b.text)
        if b.kind == "paragraph":
            paragraphs.add(body[-1])
    if inline:
        paragraphs.discard(body[-1])
        body[-1] += inline
        paragraphs.add(body[-1])
    lines = list(body)
    if "breaks" in on:
        for _ in range(rng.randint(1, 3)):
            idx = [i for i, t in enumerate(lines) if len(t) > 12 and cut_points(t) and t in paragraphs]
            if not idx:
                break
            i = rng.choice(idx)
            cut = rng.choice(cut_points(lines[i]))
            lines[i:i + 1] = [lines[i][:cut], lines[i][cut:]]
    if "captions" in on and len(lines) >= 2:
        spots = [i for i in range(1, len(lines)) if not lines[i].startswith("#")]
        if spots:
            i = rng.choice(spots)
            caption = next((c for c in rng.sample(CAPTIONS, len(CAPTIONS)) if c not in used), CAPTIONS[0])
            used.add(caption)
            who = rng.choice(PHOTOGRAPHERS)
            credit = rng.choice(PHOTO_STYLES).format(n=who)
            if rng.random() < 0.3:
                lines.insert(i, caption + "（" + who + " 摄）")
            else:
                lines[i:i] = [caption, credit]
            exp.captions.append(caption)
            exp.photographers.append(who.replace(" ", ""))
    if "credits" in on and rng.random() < 0.2:
        after.append(rng.choice(EDITORS))
    texts = {t for t in lines if t in paragraphs or any(t and t in x for x in paragraphs)}
    return _Piece(_head(art, rng, "heads" in on), above + lines, after, exp, len(above), texts)


def _duplicate(piece: _Piece, rng: random.Random) -> bool:
    """Print one long paragraph of ``piece`` twice (as a page-layout error would)."""
    idx = [i for i, t in enumerate(piece.body) if len(t) >= 20 and not t.startswith("#")]
    if not idx:
        return False
    i = rng.choice(idx)
    piece.body.insert(i + 1, piece.body[i])
    return True


def _jump(pieces: list[_Piece], rng: random.Random) -> list[str] | None:
    """Cut the tail off one article (not the last); returns the lines of the moved tail."""
    cand = [n for n, p in enumerate(pieces[:-1]) if len(p.body) >= p.lead + 3]
    if not cand:
        return None
    n = rng.choice(cand)
    p = pieces[n]
    first = p.lead + 1  # keep some text of the article before the jump
    if first >= len(p.body) - 1:
        return None
    spots = [i for i in range(first, len(p.body) - 1) if p.body[i] in p.texts]
    if not spots:
        return None
    at = rng.choice(spots)
    text = p.body[at]
    mid = rng.random() < 0.6 and not text.startswith("#") and cut_points(text)
    if mid:
        cut = rng.choice(cut_points(text))
        tail = [text[cut:]] + p.body[at + 1:]
        p.body = p.body[:at] + [text[:cut]]
    else:
        tail = p.body[at:]
        p.body = p.body[:at]
    marked = rng.random() < 0.6
    if marked:
        page = rng.choice(["2", "二", "4"])
        out_mark = rng.choice([f"（下转第{page}版）", f"(下转第{page}版)", f"下转第{page}版", f"（转第{page}版）"])
        in_mark = rng.choice(["（上接第1版）", "(上接第一版)", "（紧接第1版）"])
        if rng.random() < 0.5:
            p.body.append(out_mark)
        else:
            p.body[-1] += out_mark
        if rng.random() < 0.5:
            tail = [in_mark] + tail
        else:
            tail = [in_mark + tail[0]] + tail[1:]
        if rng.random() < 0.4:
            tail = [p.exp.title or ""] + tail
    p.tail = tail + p.tail  # credits stay after the tail
    return [str(n), "marked" if marked else "unmarked", "mid" if mid else "boundary"]


def lay_out(articles: list[Article], rng: random.Random, on: set[str] | frozenset[str] = frozenset()) -> Layout:
    """Lay ``articles`` out as one page with the perturbations in ``on`` (see module docstring)."""
    on = set(on)
    applied = {p: 0 for p in PERTURBATIONS}
    used: set[str] = set()  # captions already on the page (a page prints each once)
    pieces = [_piece(a, rng, on, used) for a in articles]
    for key in ("breaks", "captions", "credits", "heads"):
        applied[key] = int(key in on) * len(pieces)
    if "duplicates" in on:
        applied["duplicates"] = sum(_duplicate(p, rng) for p in pieces if rng.random() < 0.5)
    moved: dict[int, list[str]] = {}
    if "jumps" in on:
        info = _jump(pieces, rng)
        if info is not None:
            n = int(info[0])
            moved[n] = pieces[n].tail
            pieces[n].tail = []
            applied["jumps"] = 1
            applied["marked"] = int(info[1] == "marked")
            applied["mid"] = int(info[2] == "mid")
    blocks: list[list[str]] = []
    for n, p in enumerate(pieces):
        blocks.append(p.head + p.body + p.tail)
    for n, tail in moved.items():
        later = rng.randrange(n + 1, len(blocks)) if n + 1 < len(blocks) else len(blocks) - 1
        blocks[later] = blocks[later] + tail
    lines: list[str] = []
    for block in blocks:
        for k, line in enumerate(block):
            gap = rng.randint(0, 3) if "blanks" in on else (1 if k else 2)
            lines.extend([""] * gap)
            lines.append(line)
    text = "\n".join(lines) + "\n"
    expected = [p.exp for p in pieces]
    for pos, e in enumerate(expected):
        e.position = pos
    if "halfwidth" in on:
        text = text.translate(HALF)
        for e in expected:
            e.body = [Block(b.kind, b.text.translate(HALF)) for b in e.body]
            e.captions = [c.translate(HALF) for c in e.captions]
            e.title = e.title.translate(HALF) if e.title else e.title
            e.subtitle = e.subtitle.translate(HALF) if e.subtitle else e.subtitle
            e.kicker = e.kicker.translate(HALF) if e.kicker else e.kicker
        applied["halfwidth"] = 1
    if "crlf" in on:
        text = text.replace("\n", "\r\n")
        applied["crlf"] = 1
    if "blanks" in on:
        applied["blanks"] = 1
    return Layout(text, expected, applied)


def _sq(text: str | None) -> str:
    """``text`` without whitespace (layouts print names spaced)."""
    return re.sub(r"\s+", "", text or "")


def check(exp: Article, got: Article | None) -> list[str]:
    """What differs between the expected and the parsed article (empty: exactly right)."""
    if got is None:
        return ["missing"]
    errs = []
    for key in ("title", "subtitle", "kicker"):
        if _sq(getattr(exp, key)) != _sq(getattr(got, key)):
            errs.append(key)
    if [_sq(a) for a in exp.authors] != [_sq(a) for a in got.authors]:
        errs.append("authors")
    if [_sq(b.text) for b in exp.body if b.kind == "paragraph"] != [_sq(b.text) for b in got.body if b.kind == "paragraph"]:
        errs.append("body")
    if sorted(_sq(c) for c in exp.captions) != sorted(_sq(c) for c in got.captions):
        errs.append("captions")
    if sorted(_sq(p) for p in exp.photographers) != sorted(_sq(p) for p in got.photographers):
        errs.append("photographers")
    return errs


def recovery(layout: Layout, parsed: list[Article]) -> list[list[str]]:
    """Per expected article, matched by title: the list of what went wrong (empty: right)."""
    by_title: dict[str, Article] = {}
    for a in parsed:
        by_title.setdefault(_sq(a.title), a)
    return [check(e, by_title.get(_sq(e.title))) for e in layout.expected]
