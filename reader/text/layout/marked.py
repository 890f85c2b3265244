"""Step 5a: marked jumps.  A text that ends with ``（下转第N版）`` continues where a later text
starts with ``（上接第N版）`` / ``（紧接第N版）``, often under a *jump head* that repeats the
article's title.  Each continuation goes to the jumped-out article whose title its jump head
resembles most, else to the first unpaired jumped-out article printed before it (continuations
follow in the order of their articles); a continuation with
no jumped-out article on the page (it came from another page) stays an article of its own,
titled by its jump head.
"""

from __future__ import annotations

import re
from typing import Any

from reader.text.layout.affinity import bigram_set
from reader.text.layout.broken import CONTINUATION_START, OPENER_RE, broken_text, built_heading
from reader.text.layout.lexicon import word_across, word_tag
from reader.text.layout.text import fw
from reader.text.layout.skeleton import BODY_KINDS, Skeleton

TITLE_MATCH = 0.34


def _title_sim(a: str | None, b: str | None) -> float:
    """Overlap of two titles' ideograph bigrams (1.0 when one holds the other)."""
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    sa, sb = bigram_set(a), bigram_set(b)
    return len(sa & sb) / (min(len(sa), len(sb)) or 1)


def pair(sks: list[Skeleton], log: list[dict[str, Any]]) -> list[Skeleton]:
    """Move every marked continuation after the article it continues (see module docstring).
    Returns the new skeleton list; jumped-out articles left unpaired keep ``jump_out`` (their
    end is on another page, so no unmarked tail may claim it)."""
    if not any(sk.jump_in for sk in sks):
        return sks
    removed: set[int] = set()
    for c_at, cont in enumerate(sks):
        if not cont.jump_in:
            continue
        outs = [(n, sk) for n, sk in enumerate(sks) if sk.jump_out and n not in removed and n != c_at]
        if not outs:
            continue
        title = cont.head_text("title")
        best = max(outs, key=lambda o: _title_sim(title, o[1].head_text("title")))
        if title and _title_sim(title, best[1].head_text("title")) >= TITLE_MATCH:
            n, target = best
            why = f"jump head repeats the title ({_title_sim(title, target.head_text('title')):.2f})"
        else:
            before = [o for o in outs if o[0] < c_at]
            n, target = before[0] if before else outs[0]  # continuations follow in the order of their articles
            why = "first text before it continued elsewhere and not yet paired"
        for u in target.items:
            if u.jump == "out":
                u.jump = "out-paired"  # its continuation is found: the text may run on (rejoin)
        _heading_runs_on(target, cont)
        target.items.extend(cont.items)
        target.byline.extend(cont.byline)
        target.marks.extend(cont.marks)
        target.marks.extend(u for u in cont.head if target.has_title)  # the jump head, printed again
        if not target.has_title and cont.head:
            target.head = target.head + cont.head
        target.jump_out = False
        removed.add(c_at)
        first = next((u for u in cont.items if u.kind in BODY_KINDS), None)
        log.append({"step": "jump", "marked": True, "run_start": first.idx if first else cont.start,
                    "to": target.start, "why": why})
    return [sk for n, sk in enumerate(sks) if n not in removed]


def _heading_runs_on(target: Skeleton, cont: Skeleton) -> None:
    """A short line kept as a heading before the jump marker that the continuation carries on
    (a word across the jump; the continuation opens with punctuation, a character no sentence
    starts with, or a bare verb before a comma: ``…13日在京|介绍，``) was the first piece of a
    broken sentence: it is text."""
    body = [u for u in target.items if u.kind in BODY_KINDS]
    first = next((u for u in cont.items if u.kind in BODY_KINDS), None)
    if not body or first is None or first.kind != "paragraph":
        return
    last = body[-1]
    if last.kind != "heading" or last.level or last.bold:
        return
    head = fw(first.text)
    stub = re.match(r"^([^，、。；：！？“”]{1,2})[，、；。]", head)
    bare_verb = stub is not None and not OPENER_RE.match(stub.group(1)) \
        and (len(stub.group(1)) == 1 or word_tag(stub.group(1)) == "v")
    runs_on = head[:1] in "，、。；：）”’》" or head[:1] in CONTINUATION_START or bare_verb \
        or word_across(last.text, first.text) is not None
    reason = broken_text(last, first, body[-2] if len(body) > 1 else None)
    if not runs_on and not reason and not built_heading(last.text):
        reason = "a plain line with no heading's build (two phrases, a dash, quotes) right before the jump: a piece of text"
    if runs_on or reason:
        last.kind = "paragraph"
        last.why.append("its continuation after the jump carries it on: broken text, not a heading"
                        + (f" ({reason})" if reason else ""))
