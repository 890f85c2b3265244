"""Synthetic pages for testing the parser: parsed articles laid out again, with perturbations.

:func:`lay_out` prints articles in one of the seeds' formats (markdown headings or plain lines)
and applies column breaks (a paragraph cut mid-sentence), inserted pictures (a caption and a
photographer credit, also inside a broken paragraph), duplicated blocks and moved continuations
(an article's tail printed elsewhere on the page: at the top, or after another article).
:func:`recovery` says, per article, whether the parser gave it back.  Pure functions of their
inputs and the given ``random.Random``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reader.text.article import Article, Block
from reader.text.layout.text import CLOSERS, SENTENCE_END, ends_sentence

CAPTIONS = [
    "志愿者在河道边清理垃圾。", "工作人员在现场查看工程进展。", "村民在田间收割晚稻。",
    "市民在社区活动中心参加宣讲活动。", "改造后的老旧小区焕然一新。", "执法人员开展联合检查。",
]
PHOTOGRAPHERS = ["田才茂", "聂艳彬", "曹正平", "李文华", "周建国"]
PERTURBATIONS = ("breaks", "captions", "duplicates", "moves")


@dataclass
class Layout:
    """A synthetic page and what a careful reader should find on it."""

    text: str
    expected: list[Article]
    applied: dict[str, int] = field(default_factory=dict)


def usable(article: Article) -> bool:
    """Articles that can be laid out unambiguously: a title, body text, and a sign that a new
    article starts (reporters, a subtitle or a brief-news title 地名：标题)."""
    paragraphs = [b for b in article.body if b.kind == "paragraph"]
    return bool(article.title and paragraphs and (article.authors or article.subtitle or "：" in article.title))


def _cut_points(text: str, min_left: int) -> list[int]:
    """Positions where ``text`` can be cut so that the left part breaks off mid-sentence (not in
    a paragraph that already breaks off: the page printed it so)."""
    out: list[int] = []
    if not ends_sentence(text):
        return out
    for i in range(min_left, len(text) - 2):
        left = text[i - 1]
        if left in SENTENCE_END or left in CLOSERS or left in "：:—" or text[i] in CLOSERS or text[i] in "，、。；：":
            continue
        if text[i - 1].isdigit() and text[i].isdigit():
            continue
        out.append(i)
    return out


def _blocks(article: Article, style: str, credit_style: str) -> list[str]:

    """The printed blocks of one article: head lines, byline, body, credit."""
    head: list[str] = []
    if style == "markdown":
        head.append("# " + str(article.title))
        if article.subtitle:
            head.append("## ——" + article.subtitle)
    else:
        head.append(str(article.title))
        if article.subtitle:
            head.append("——" + article.subtitle)
    if article.authors and credit_style == "byline":
        head.append(" ".join(article.authors))
    body: list[str] = []
    for b in article.body:
        if b.kind == "heading":
            body.append(("### " if style == "markdown" else "") + b.text)
        else:
            body.append(b.text)
    if article.authors and credit_style == "inline":
        body[-1] = body[-1] + "（" + " ".join(article.authors) + "）"
    elif article.authors and credit_style == "line":
        body.append("(" + " ".join(article.authors) + ")")
    return head + body


def lay_out(articles: list[Article], rng: random.Random, style: str = "plain", breaks: int = 0,
            captions: int = 0, duplicates: int = 0, moves: int = 0, min_left: int = 20) -> Layout:
    """Lay ``articles`` out as one page.  Each perturbation count is an upper bound: it is
    applied where the articles allow it; ``Layout.applied`` says how many were."""
    expected: list[Article] = []
    groups: list[list[str]] = []
    heads: list[int] = []
    applied = {p: 0 for p in PERTURBATIONS}
    for art in articles:
        credit_style = rng.choice(["byline", "inline", "line"]) if art.authors and not art.dateline else "none"
        blocks = _blocks(art, style, credit_style)
        n_head = len(blocks) - len([b for b in art.body]) - (credit_style == "line" and bool(art.authors))
        exp = Article(art.source, art.title, subtitle=art.subtitle, authors=list(art.authors),
                      body=[Block(b.kind, b.text) for b in art.body], position=len(expected))
        expected.append(exp)
        groups.append(blocks)
        heads.append(n_head)
    tails: list[tuple[int, list[str]]] = []
    for _ in range(moves):
        candidates = [g for g in range(len(groups)) if g > 0 and len(groups[g]) - heads[g] >= 3
                      and g not in [t[0] for t in tails]]
        if not candidates:
            break
        g = rng.choice(candidates)
        body_idx = [i for i in range(heads[g] + 1, len(groups[g])) if _is_text(groups[g][i])]
        body_idx = [i for i in body_idx if _cut_points(groups[g][i], min_left)]
        if not body_idx:
            continue
        i = rng.choice(body_idx)
        cut = rng.choice(_cut_points(groups[g][i], min_left))
        text = groups[g][i]
        tail = [text[cut:]] + groups[g][i + 1:]
        groups[g] = groups[g][:i] + [text[:cut]]
        tails.append((g, tail))
        applied["moves"] += 1
    for _ in range(breaks):
        g = rng.randrange(len(groups))
        idx = [i for i in range(heads[g], len(groups[g])) if _is_text(groups[g][i]) and _cut_points(groups[g][i], min_left)]
        if not idx:
            continue
        i = rng.choice(idx)
        cut = rng.choice(_cut_points(groups[g][i], min_left))
        text = groups[g][i]
        groups[g][i:i + 1] = [text[:cut], text[cut:]]
        applied["breaks"] += 1
    unused = list(CAPTIONS)
    rng.shuffle(unused)
    for _ in range(captions):
        g = rng.randrange(len(groups))
        inside = [p for p in range(heads[g] + 1, len(groups[g])) if not groups[g][p].startswith(("(", "\n"))]
        if not inside or not unused:
            continue
        pos = rng.choice(inside)
        caption = unused.pop()
        who = rng.choice(PHOTOGRAPHERS)
        groups[g].insert(pos, "\n\n" + caption + "\n\n" + who + " 摄")
        expected[g].captions.append(caption)
        if who not in expected[g].photographers:
            expected[g].photographers.append(who)
        applied["captions"] += 1
    for _ in range(duplicates):
        g = rng.randrange(len(groups))
        idx = [i for i in range(heads[g], len(groups[g])) if _is_text(groups[g][i]) and len(groups[g][i]) >= 12]
        if not idx:
            continue
        i = rng.choice(idx)
        groups[g].insert(i + 1, groups[g][i])
        applied["duplicates"] += 1
    page: list[tuple[int, list[str]]] = [(n, list(blocks)) for n, blocks in enumerate(groups)]
    for g, tail in tails:
        where = rng.choice(["top", "after"])
        others = [k for k in range(len(page)) if page[k][0] not in (g, -1)]
        if where == "top" or not others:
            page.insert(0, (-1, tail))
        else:
            k = rng.choice(others)
            page.insert(k + 1, (-1, tail))
    text = "\n\n".join("\n\n".join(blocks) for _n, blocks in page)
    return Layout("\n\n" + text + "\n", expected, applied)


def _is_text(block: str) -> bool:

    """True for a body paragraph block long enough to cut or copy."""
    return not block.startswith(("#", "——", "(", "\n")) and len(block) > 30


def recovery(layout: Layout, parsed: list[Article]) -> list[bool]:
    """Per expected article: found by title with the same body blocks, authors, captions and
    photographers."""
    by_title = {a.title: a for a in parsed}
    out = []
    for exp in layout.expected:
        got = by_title.get(exp.title)
        ok = (got is not None and [(b.kind, b.text) for b in got.body] == [(b.kind, b.text) for b in exp.body]
              and got.authors == exp.authors and sorted(got.captions) == sorted(exp.captions)
              and sorted(got.photographers) == sorted(exp.photographers))
        out.append(ok)
    return out
