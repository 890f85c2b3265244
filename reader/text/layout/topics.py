"""Step 4b: a "section heading" that opens another topic is the title of another article.

On pages without indentation a title with no byline, dateline or subtitle looks exactly like a
section heading.  What tells them apart is the text: a section continues its article (shared
names, places and topic words), a new article does not.  For each plain section heading the
text before it (back to the article head or the previous heading) is compared with the text
after it (up to the next heading), by IDF-weighted bigram cosine over the page's pieces
(:class:`reader.text.layout.affinity.SetAffinity`); below ``SPLIT_SIM`` the heading becomes the
title of a new article (with the head-shaped lines right under it as its kicker or subtitle).
"""

from __future__ import annotations

import re
from typing import Any

from reader.text.layout import headparts
from reader.text.layout.affinity import Grams, SetAffinity
from reader.text.layout.skeleton import BODY_KINDS, Skeleton
from reader.text.layout.units import Unit

SPLIT_SIM = 0.016
MIN_SIDE = 60  # characters of text on each side before a comparison means anything
AFTER_PARAGRAPHS = 4


NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十0-9]{1,3}[）)、.．]|第[一二三四五六七八九十]+)")


def _candidate(u: Unit) -> bool:
    """A plain section heading that nothing marked as one (no markdown, bold, box label or
    numbering such as 一是 / （二）)."""
    return u.kind == "heading" and not u.level and not u.bold and not NUMBERED_RE.match(u.text) \
        and any("no sign of a new article" in w for w in u.why)


def _size(items: list[Unit]) -> int:
    """Characters of body text in ``items``."""
    return sum(len(u.text) for u in items if u.kind in BODY_KINDS)


def _side(items: list[Unit], grams: Grams) -> tuple[set[str], int]:
    """Bigrams and size of the body text of ``items``."""
    body = [u for u in items if u.kind in BODY_KINDS]
    return grams.union(body), sum(len(u.text) for u in body)


def split(sks: list[Skeleton], log: list[dict[str, Any]], grams: Grams, tight: bool = False) -> list[Skeleton]:
    """Split skeletons at section headings that open another topic (see module docstring); on a
    ``tight`` page (paragraphs printed without blank lines between them) only at a heading after
    a blank line (one printed right under the text is inside its item)."""
    if not any(_candidate(u) for sk in sks for u in sk.items):
        return sks
    aff: SetAffinity | None = None
    out: list[Skeleton] = []
    queue = list(sks)
    while queue:
        sk = queue.pop(0)
        out.append(sk)
        start = 0
        for i, u in enumerate(sk.items):
            if not _candidate(u) or i == 0 or tight and u.gap < 1:
                continue
            stop = next((j for j in range(i + 1, len(sk.items)) if sk.items[j].kind == "heading"), len(sk.items))
            after_items = [x for x in sk.items[i + 1:stop] if x.kind in BODY_KINDS][:AFTER_PARAGRAPHS]
            if _size(sk.items[start:i]) < MIN_SIDE or _size(after_items) < MIN_SIDE:
                start = i
                continue
            if aff is None:
                aff = SetAffinity([grams.union(x.items) for x in sks])
                grams.fitted = (len(sks), aff)  # jumps reuse it when no split changes the page
            before, _n = _side(sk.items[start:i], grams)
            after, _n = _side(after_items, grams)
            sim = aff.sim(before, after)
            if sim >= SPLIT_SIM:
                start = i
                continue
            run = [u]
            for x in sk.items[i + 1:i + 3]:
                if x.kind == "paragraph" and any("right after a heading" in w for w in x.why):
                    run.append(x)
                else:
                    break
            why = f"the text after it shares almost nothing with the text before ({sim:.3f}): a new article"
            for x in run:
                x.kind = "headish"
            headparts.assign(run, [why], crawler=False)
            head = [x for x in run if x.kind in ("title", "kicker", "column", "subtitle")]
            new = Skeleton(u.idx, head=head, items=[x for x in sk.items[i + 1:] if x not in run],
                           closed=sk.closed, why=["section heading opening another topic"])
            new.jump_out, sk.jump_out = sk.jump_out, False
            del sk.items[i:]
            sk.closed = False
            log.append({"step": "topic-split", "title": u.idx, "why": why})
            grams.fitted = None
            queue.insert(0, new)
            break
    return out
