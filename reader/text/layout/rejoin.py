"""Step 4a: re-join paragraphs broken at a column end inside one skeleton.

A paragraph that does not end a sentence continues in the next body paragraph of the same
article, even when captions, photo credits or notes were printed in between (they stay where
they are; only body text moves).  A heading stops the search: a sentence never runs across it.
A line that starts indented after an indented one is a new paragraph (crawler and e-paper text
print whole paragraphs), and bullet items (■ ● ▲) stand alone.
"""

from __future__ import annotations

import re

from reader.text.layout.affinity import bigram_set
from reader.text.layout.broken import DANGLING_END, DISCOURSE_2, OPENER_RE, built_heading
from reader.text.layout.lexicon import has_surname, word_across, word_tag
from reader.text.layout.skeleton import Skeleton
from reader.text.layout.text import CJK_RE, ends_sentence, fw
from reader.text.layout.units import Unit


SENTENCE_OPENER_RE = re.compile(
    r"^(?:近年来|近几年来|近些年来?|今年以来|去年以来|多年来|长期以来|一直以来|最近|近日|日前|近期|目前|当前|如今|眼下|"
    r"此前|同时|此外|另外|其中|据悉|据了解|据统计|据介绍|当天|当日|随后|然而|但是|因此|所以|首先|其次|再次|最后|"
    r"一方面|另一方面|与此同时|为此|对此|每逢.{1,4}|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[至到—-](?:\d{1,2}月)?\d{1,2}日)?(?:上午|下午|晚上?|凌晨)?|\d{4}年)$")
BULLETS = set("■●▲◆★□○◇▶►•·")


def _overlap(a: str, b: str) -> float:
    """Jaccard overlap of the ideograph bigrams of two paragraphs."""
    sa, sb = bigram_set(a), bigram_set(b)
    return len(sa & sb) / (len(sa | sb) or 1)


def _opens_sentence(left: str, text: str) -> bool:
    """True when ``text`` opens with a time or discourse phrase and a comma (``最近，``
    ``近年来，`` ``据悉，``) that does not reach back into ``left`` (``近|年来，`` and
    ``11月|2日，`` are one phrase broken): the start of a sentence, not the rest of a broken one."""
    if left[-1:] in DANGLING_END or left[-1:] in "至到自从" or left.endswith("时间"):
        return False  # (…的|同时，  当地时间|10月18日，: the phrase is bound to the line before)
    m = re.match(r"^([^，,、；;：:。！？!?“”]{2,12})[，,]", fw(text))
    if m is None or SENTENCE_OPENER_RE.match(m.group(1)) is None:
        return False
    return not any(SENTENCE_OPENER_RE.match(left[-k:] + m.group(1)) or left[-k:].isdigit()
                   for k in (1, 2, 3) if len(left) >= k)


def open_ends(sks: list[Skeleton]) -> list[Unit]:
    """The last body paragraph of every skeleton that breaks off mid-sentence."""
    out: list[Unit] = []
    for sk in sks:
        body = [u for u in sk.items if u.kind in ("paragraph", "dateline", "heading")]
        if body and body[-1].kind != "heading" and not ends_sentence(body[-1].text) and body[-1].jump != "out":
            out.append(body[-1])
    return out


def _plain_piece(items: list[Unit], i: int) -> bool:
    """True when ``items[i]`` is a plain section heading (no markdown, no bold, taken for one only
    for want of a sign of a new article) that is not built like one (:func:`built_heading`) and
    is followed by a paragraph: the opening words of a paragraph broken at a column end."""
    u = items[i]
    if u.kind != "heading" or u.level or u.bold or i == 0 or SECTION_WHY not in u.why or built_heading(u.text):
        return False
    j = i + 1
    while j < len(items) and items[j].kind in ("caption", "photo", "note"):
        j += 1
    return j < len(items) and items[j].kind == "paragraph" and len(u.text.strip()) >= 3 and not ends_sentence(u.text) \
        and not opens_sentence(items[j].text)


SENTENCE_START_TAGS = ("ns", "nr", "nt", "nz", "t", "r", "c", "p", "f")
SENTENCE_START_CHARS = set("他她我它这那此该每在据对从自为因当")


def opens_sentence(text: str) -> bool:
    """True when ``text`` opens like a sentence: a quote or bracket, a figure or date, an opening
    phrase (近年来，), or a first word that names a place, person, body or time, a pronoun, a
    conjunction or a preposition (广西崇左市…, 该市…, 由于…).  A verb, a noun, an adjective or a
    particle first (修水利的…, 工作室主要…) reads as the rest of a sentence."""
    t = fw(text).lstrip()
    if not t or t[0] in "“‘「《（(【■●▲◆" or t[0].isdigit() or t[0] in SENTENCE_START_CHARS:
        return True
    m = re.match(r"^([^，,、；;：:。！？!?“”]{1,12})[，,]", t)
    if m and (SENTENCE_OPENER_RE.match(m.group(1)) or OPENER_RE.match(m.group(1))):
        return True
    for n in (4, 3, 2):
        tag = word_tag(t[:n]) if len(t) >= n else None
        if tag is not None:
            if tag == "nr" and not has_surname(t[:n]):
                return False  # (修水利 is listed as a name)
            return tag.startswith(SENTENCE_START_TAGS) or t[:n] in DISCOURSE_2
    return re.match(r"^[一二三四五六七八九十]是", t) is not None


SECTION_WHY = "section heading (no sign of a new article)"


def rejoin(sk: Skeleton, log: list[dict[str, object]], rivals: list[Unit] | None = None) -> None:
    """Join broken paragraphs of ``sk`` in place; log one event per join.  When the join has no
    word across the break but the next paragraph makes a word with one of ``rivals`` (article
    ends breaking off elsewhere on the page) and shares more with it, it is held for the jump
    step instead."""
    items = sk.items
    i = 0
    while i < len(items):
        u = items[i]
        if _plain_piece(items, i):
            u.kind = "paragraph"
            u.why.append("a plain line taken for a section heading, with no heading's build (two phrases, a dash, "
                         "quotes), before text: the start of a broken paragraph")
            log.append({"step": "heading-text", "unit": u.idx, "why": u.why[-1]})
        if u.kind not in ("paragraph", "dateline") or ends_sentence(u.text):
            i += 1
            continue
        j = i + 1
        while j < len(items) and items[j].kind in ("caption", "photo", "note"):
            j += 1
        if j >= len(items) or items[j].kind != "paragraph":
            i += 1
            continue
        nxt: Unit = items[j]
        if (nxt.indent and u.indent) or nxt.text[:1] in BULLETS or u.text[:1] in BULLETS:
            i += 1
            continue
        word = word_across(u.text, nxt.text)
        if word is None and CJK_RE.match(u.text[-1:]) and _opens_sentence(u.text, nxt.text):
            why = (f"not joined with unit {nxt.idx}: it opens a sentence (an opening phrase and a comma), "
                   "so this line ends without punctuation (a lead or summary line)")
            if why not in u.why:  # (re-joining runs twice)
                u.why.append(why)
            i += 1
            continue
        rival = None if word or not rivals else next(
            (d for d in rivals if d is not u and d not in items and word_across(d.text, nxt.text)
             and _overlap(d.text, nxt.text) > _overlap(u.text, nxt.text)), None)
        if rival is not None:
            nxt.held = True
            log.append({"step": "hold", "left": u.idx, "right": nxt.idx,
                        "why": f"no word across this break, but one with unit {rival.idx}: left for the jump step"})
            i += 1
            continue
        log.append({
            "step": "rejoin", "left": u.idx, "right": nxt.idx,
            "at": u.text[-6:] + "|" + nxt.text[:6],
            "why": "left breaks off mid-sentence" + (f"; word across break: {word}" if word else "")
            + (f"; across {j - i - 1} caption unit(s)" if j > i + 1 else ""),
        })
        u.absorb(nxt, u.text + nxt.text)
        u.why.append(f"joined with unit {nxt.idx}")
        del items[j]
    return None


REPEAT_MIN_CHARS = 10
REPEAT_BACK = 3  # body paragraphs looked back (linear)


def drop_repeats(sk: Skeleton, log: list[dict[str, object]]) -> None:
    """A paragraph printed twice whose first copy was broken (at a column end or a jump) only
    shows as a repeat once the pieces are joined: a body paragraph of at least
    ``REPEAT_MIN_CHARS`` characters that one of the ``REPEAT_BACK`` body paragraphs before it
    already holds is dropped."""
    recent: list[str] = []
    keep: list[Unit] = []
    for u in sk.items:
        if u.kind != "paragraph":
            keep.append(u)
            continue
        key = u.text.strip()  # (a copy is printed the same way: no need to squash spaces)
        if len(key) >= REPEAT_MIN_CHARS and recent and any(key in r for r in recent):
            log.append({"step": "duplicate", "unit": u.idx, "text": u.text,
                        "why": "the paragraph before it holds the same text once its broken pieces were joined"})
            continue
        keep.append(u)
        recent = (recent + [key])[-REPEAT_BACK:]
    sk.items = keep
