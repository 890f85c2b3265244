"""Step 5: repaired skeletons -> :class:`reader.text.article.Article`."""

from __future__ import annotations

import re
from typing import Any

from reader.text.article import Article, Block
from reader.text.layout.classify import DATELINE_RE, PAREN_TAIL_RE
from reader.text.layout.credits import reporter_list
from reader.text.layout.lexicon import split_names
from reader.text.layout.skeleton import Skeleton
from reader.text.layout.text import ends_sentence

DISPLAY_MAX = 18


def _unique(names: list[str]) -> list[str]:

    """``names`` without repeats, first occurrence kept."""
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def derive_title(body: list[Block]) -> str | None:
    """A display title for an article whose title was lost: the first clause of its first
    paragraph that says something (at least 8 characters; time phrases such as 近几年来 are
    skipped), shortened to ``DISPLAY_MAX`` characters."""
    for b in body:
        if not b.text or b.kind != "paragraph":
            continue
        text = re.sub(r"^[^（(]{0,14}?(?:电|讯)\s*[（(][^）)]*[）)]", "", b.text).strip()
        for clause in re.split(r"[，。！？；,;!?]", text):
            clause = clause.strip("“”\"' ")
            if len(clause) >= 8:
                return clause if len(clause) <= DISPLAY_MAX else clause[:DISPLAY_MAX] + "…"
        return text[:DISPLAY_MAX] + ("…" if len(text) > DISPLAY_MAX else "")
    for b in body:
        if b.text:
            return b.text[:DISPLAY_MAX]
    return None


def _first_body(sk: Skeleton) -> int:
    """Index of the first body unit of ``sk`` (-1 when there is none)."""
    return next((i for i, u in enumerate(sk.items) if u.kind in ("paragraph", "dateline", "heading")), -1)


SUBTITLE_LONGER = 3  # a subtitle without a dash runs longer than its title by this many characters at least
ORG_START_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|镇|乡|村|集团|公司|银行|学校|大学|医院)")


def _opens_with_place(text: str) -> bool:
    """True when ``text`` opens with a place or an organisation (娄底市娄星区…, 武陵区金丹实验学校…)."""
    from reader.text.layout.lexicon import word_tag

    t = text.strip()
    return ORG_START_RE.match(t) is not None or any((word_tag(t[:n]) or "")[:2] in ("ns", "nt") for n in (4, 3, 2))


def _credit_names(inner: str) -> list[str]:
    """Reporters a bracketed credit closing a paragraph names (``李 四``, ``新华社北京2月13日电
    记者甲、乙``: a credit broken across lines is only read once the pieces are joined)."""
    from reader.text.layout.credits import paren_kind

    names = split_names(inner)
    if names:
        return names
    kind, names = paren_kind(inner)
    return names if kind == "credit" else []


def _subtitle_under(sk: Skeleton) -> None:
    """Two plain head lines read as kicker + title, where the first does not lead into the
    second (one phrase with no dash, colon or speech verb at its end, no place alone) and only the second opens
    with a place or an organisation and runs longer, are a title and its subtitle without a dash
    (``真抓实干绘就平安娄星新图景`` over ``娄底市娄星区全力开展基层平安创建``)."""
    from reader.text.layout.markers import kicker_shaped, place_line

    kicker = [u for u in sk.head if u.kind == "kicker"]
    title = [u for u in sk.head if u.kind == "title"]
    if len(kicker) != 1 or len(title) != 1 or any(u.kind == "subtitle" for u in sk.head):
        return
    k, t = kicker[0], title[0]
    if sk.head.index(k) + 1 != sk.head.index(t) or k.level or k.bold or t.level or t.bold \
            or not any("kicker + title" in w for w in t.why):
        return
    if kicker_shaped(k.text) or place_line(k.text) or _opens_with_place(k.text) or not _opens_with_place(t.text) \
            or re.search(r"[\s，,；;、]", k.text.strip()) \
            or len(t.text.strip()) < len(k.text.strip()) + SUBTITLE_LONGER:
        return  # (数字经济为发展注入活力 over 广州加快提升经济新动能: a kicker over a title as long;
        # 提升机制品牌 升级警务效能: a kicker of two phrases)
    k.kind, t.kind = "title", "subtitle"
    k.why.append("the line under it opens with a place or a body, this one does not lead into it: title")
    t.why.append("opens with a place or a body under a title that does not lead into it: subtitle without a dash")


def finish(sk: Skeleton, source: str, position: int) -> Article:
    """Assemble the article; authors come from bylines, datelines and credits, photographers
    from photo credits, notes from bracketed image credits and author notes."""
    authors: list[str] = []
    photographers: list[str] = []
    for u in sk.byline:
        authors.extend(u.names)
        photographers.extend(u.photo_names)
    body: list[Block] = []
    captions: list[str] = []
    notes: list[str] = []
    dateline = None
    authors_tail: list[str] = []
    first_body = _first_body(sk)
    places: dict[int, tuple[str, int]] = {}  # id(unit) -> where it went: ("block" | "caption" | "note", index)
    for n, u in enumerate(sk.items):
        if u.kind in ("paragraph", "dateline") and n == first_body and (m := DATELINE_RE.match(u.text)):
            u.kind, u.extra = "dateline", m.group(1).strip()
            inner = re.search(r"[（(]([^（）()]*)[）)]", u.extra)
            u.names = (split_names(inner.group(1)) or reporter_list(inner.group(1), 1) or []) if inner else []
        if u.kind == "paragraph" and (m := PAREN_TAIL_RE.search(u.text)) and m.start() > 0 \
                and ends_sentence(u.text[:m.start()]) and (names := _credit_names(m.group(1))):
            u.text = u.text[:m.start()].rstrip()
            authors_tail.extend(names)
        if u.kind in ("paragraph", "dateline", "sign"):
            if u.kind == "dateline":
                dateline = dateline or u.extra
                authors.extend(u.names)
            if u.text:
                places[id(u)] = ("block", len(body))
                body.append(Block("paragraph", u.text))
        elif u.kind == "heading":
            places[id(u)] = ("block", len(body))
            body.append(Block("heading", u.text))
        elif u.kind == "caption":
            places[id(u)] = ("caption", len(captions))
            captions.append(u.text)
        elif u.kind == "photo":
            photographers.extend(u.names)
            if u.extra:
                places[id(u)] = ("note", len(notes))
                notes.append(u.extra)
        elif u.kind == "credit":
            authors.extend(u.names)
            photographers.extend(u.photo_names)
        elif u.kind == "note":
            places[id(u)] = ("note", len(notes))
            notes.append(u.text)
    authors.extend(authors_tail)
    _subtitle_under(sk)
    title = sk.head_text("title")
    article = Article(
        source=source,
        title=title,
        subtitle=sk.head_text("subtitle"),
        kicker=sk.head_text("kicker"),
        column=sk.head_text("column") or next((u.tag for u in sk.head if u.kind == "title" and u.tag), None),
        authors=_unique(authors),
        photographers=_unique(photographers),
        dateline=dateline,
        body=body,
        captions=captions,
        notes=notes,
        position=position,
    )
    if not title:
        article.title_derived = True
        article.display_title = derive_title(body) or (captions[0][:DISPLAY_MAX] if captions else None)
    article.parts = _parts(sk, places)
    return article


PART_KINDS = {"dateline": "paragraph", "sign": "paragraph", "photo": "photo-credit", "skip": "mark"}


def _parts(sk: Skeleton, places: dict[int, tuple[str, int]] | None = None) -> list[dict[str, Any]]:
    """Where each part of the article stood on the page, by source lines (``lines`` inclusive);
    :func:`locate` adds the code-point offsets.  A part that became a body block, a caption or a
    note says which (``"block": n`` indexes ``body``, ``"caption": n`` / ``"note": n`` the
    captions and notes), so a split or merge by hand (:mod:`reader.coding.fix_ops`) knows
    which page lines each piece of the text came from."""
    out: list[dict[str, Any]] = []
    for u in [*sk.head, *sk.byline, *sk.items, *sk.marks]:
        kind = PART_KINDS.get(u.kind, u.kind)
        if u in sk.marks and kind in ("title", "kicker", "subtitle", "column"):
            kind = "jump-head"  # the title printed again over a continuation
        for a, b in u.spans:
            part: dict[str, Any] = {"kind": kind, "lines": [a, b]}
            if u.jump and u.kind != "jump":
                part["jump"] = u.jump  # a jump marker printed inline on this line
            if places and id(u) in places:
                where, index = places[id(u)]
                part[where] = index
            out.append(part)
    out.sort(key=lambda p: p["lines"][0])
    return out


def locate(articles: list[Article], text: str) -> None:
    """Turn the articles' source lines into code-point offsets of ``text`` (the page text as
    given: ``start`` of the first line, ``end`` of the last line without its line end)."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    body = text[1:] if text.startswith("\ufeff") else text
    base = len(text) - len(body)
    for m in re.finditer(r"[^\r\n]*(\r\n|\r|\n|$)", body):
        if m.start() == len(body) and m.group(0) == "" and starts:
            break
        starts.append(base + m.start())
        ends.append(base + m.start() + len(m.group(0)) - len(m.group(1)))
        pos = m.end()
        if pos >= len(body):
            break
    for art in articles:
        for p in art.parts:
            a, b = p["lines"]
            if a < len(starts) and b < len(ends):
                p["start"], p["end"] = starts[a], ends[b]
            else:
                p["start"] = p["end"] = len(text)


def inherit_columns(articles: list[Article]) -> list[str]:
    """A column label printed once over a box covers the next article too when that one has no
    label of its own and shares a reporter with the labelled one.  Returns the evidence."""
    why: list[str] = []
    for prev, cur in zip(articles, articles[1:]):
        if prev.column and not cur.column and cur.title and set(prev.authors) & set(cur.authors):
            cur.column = prev.column
            why.append(f"article {cur.position} inherits column {prev.column!r}: shares a reporter")
    return why
