"""Is a short head-shaped line really a piece of a paragraph broken at a column end?

:func:`broken_text` gives the reason when it is (it ends with a word that cannot end a heading,
opens like a sentence, a word runs on into the next paragraph...), else None.
"""

from __future__ import annotations

import re

from reader.text.layout.lexicon import word_across, word_tag
from reader.text.layout.text import PAIRS, ends_sentence, fw, waiting
from reader.text.layout.units import Unit

DATELINE_RE = re.compile(
    r"^((?:[\u4e00-\u9fff]{0,10}?)(?:\d{1,2}月\d{1,2}日|本报|^据?(?:新华社|中新社))(?:电|讯|专电)"
    r"\s*(?:[（(][^（）()]{0,50}[）)])?)"
)
BRIEF_TITLE_RE = re.compile(r"^(?!(?:时间|地点|日期|对话人|主持人|嘉宾|人物|电话|地址|邮编|简介|备注|对象)[：:])"
                            r"[\u4e00-\u9fff·]{2,14}[：:]\S")  # (时间：2月4日10时 is a label line, no 地名：标题)
OPENER_RE = re.compile(r"^(?:近年来|近几年来|今年以来|去年以来|近日|日前|目前|当前|同时|此外|另外|其中|据悉|据了解|据统计|"
                       r"据介绍|当天|随后|然而|但是|因此|所以|首先|其次|最后|一方面|另一方面|与此同时|为此|对此|"
                       r"[\d一二三四五六七八九十]+月[\d一二三四五六七八九十]+日.*|.*以来|"
                       r"(?:\d{4}|[〇一二三四五六七八九]{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|至今|初|底|末|以前)?|"
                       r"(?:在|随着|通过|按照|根据|针对|为了|由于|经过|截至).{2,}(?:下|中|后|上|里|时|前)?|"
                       r"(?:每|上|下|本|今|去|明|近|前|同)?.{0,3}(?:年|月|日|周[一二三四五六日]?|天|时|后|前|来|初|底|末))$")
PURPOSE_RE = re.compile(r"^为(?:了|进一步|加快|推动|推进|全面|深入|切实|确保|更好|有效|积极|持续|不断)")
DANGLING_END = set("的了与和及或在对为是把被从向将并而之其以于由让使给等且至")
LEADING_ADVERBS = {"牢牢", "不断", "更加", "已经", "正在", "逐步", "全力", "切实", "充分", "深入", "持续", "始终", "坚决",
                   "积极", "认真", "继续", "仍然", "进一", "着力", "大力", "主动", "及时", "尽快"}
CONTINUATION_START = set("的了地得着过们之等么吗呢吧啊和是")  # characters a sentence (nearly) never starts with
BOUND_START_RE = re.compile(r"^(?:以来|以后|之后|之前|以上|以下|期间|为止|左右|之际|之中|当中)")
# two-character words that open a sentence before a comma (其实，), unlike the end of a clause (活动，)
DISCOURSE_2 = {"其实", "当然", "不过", "于是", "可见", "显然", "如今", "眼下", "现在", "如此", "总之", "比如", "例如",
               "因而", "从而", "否则", "然后", "接着", "此后", "起初", "原来", "后来", "同样", "尤其", "特别", "今天",
               "昨天", "明天", "今年", "去年", "明年", "此时", "那时", "平时", "其次", "再次", "最终", "最后", "另外"}
ADVERB_END = set("还也都就又才再已曾仍均亦")  # a heading never ends with one of these adverbs
SENTENCE_OPENING_RE = re.compile(r"^(?:[一二三四五六七八九十]是|针对|随着|截至|截止|由于|自(?=\d|今年|去年|上世纪|[〇一二三四五六七八九]{4}))")
SPEECH_COMMA_RE = re.compile(r"^[^，,。；;]{2,14}(?:强调|指出|表示|认为|要求|提出|介绍|坦言)[，,：:]")
# a numbered section heading's number (一、 十二、 3、): the line is a heading, not a sentence's start
ENUMERATOR_RE = re.compile(r"[一二三四五六七八九十]{1,3}|\d{1,2}")
ENUMERATED_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})、")
PLACE_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:省|市|县|区|镇|乡|村|州|市委|县委|区委)$")


def _tail_stub(text: str, whole_ok: bool = False) -> str | None:
    """The opening of ``text`` when it is the end of a clause cut off from its start: one or two
    characters before a comma or stop (``活动，对…``, ``说起。``) or a sentence tail of three or
    four characters before a full stop (``重要任务。``, ``巡察说起。``), not a discourse opener (``同时，``, ``其实，``);
    such a tail alone (``徐徐展开。``) only when ``whole_ok`` (the line above is a clause)."""
    m = re.match(r"^([^，、。；：！？,;:!?“”‘’《》（）()]{1,4})([，、；。！？])", text)
    if m is None:
        return None
    head, stop = m.group(1), m.group(2)
    if len(head) > 2 and (stop != "。" or len(text) <= len(head) + 1 and not whole_ok):
        return None  # (三个字，: too often a sentence's opening phrase; 简讯正文。: a whole paragraph)
    if OPENER_RE.match(head) or head in DISCOURSE_2 or re.fullmatch(r"[\d.]+", head):
        return None
    if stop == "、" and len(head) > 1:
        return None  # (拓印、写春联、做灯笼: a list opens the sentence)
    if stop not in "。！？" and (word_tag(head) or "n")[:1] in ("t", "f", "c", "d", "r", "p", "l"):
        return None  # (最近， 当时， 他们， 因此，: a time word, conjunction or pronoun opens a sentence)
    return head


def broken_text(u: Unit, nxt: Unit | None, prev: Unit | None = None) -> str | None:
    """Why a head-shaped line is really a piece of a paragraph broken at a column end, or None.
    (Half-width punctuation reads as full-width here.)"""
    t = fw(u.text)
    if t.endswith("——") and nxt is not None and nxt.kind == "headish" and nxt.gap == 0 \
            and (prev is None or ends_sentence(prev.text)):
        return None  # a dash kicker right over a title line, after a finished paragraph
    nxt_text = fw(nxt.text) if nxt is not None else ""
    if prev is not None and prev.kind == "paragraph" and not ends_sentence(prev.text) and nxt is not None \
            and nxt.kind == "paragraph" and re.match(r"^(?:[，、。；：,;:]|[^，、。；！？,;!?“”]{1,4}[。！？!?])", nxt_text):
        return "between a paragraph that breaks off and a sentence tail: broken text"
    if nxt is not None and nxt.kind in ("paragraph", "dateline") and re.search(r"\d$", t) \
            and re.match(r"^(?:[\d.%％]|[月日年号时分秒万亿元个件次人名家项岁天周期届])", nxt_text):
        return "a number breaks off and its unit follows in the next paragraph: broken text"
    if prev is not None and prev.kind in ("paragraph", "dateline") and not ends_sentence(prev.text) \
            and continues(prev.text, u.text):
        return "it carries on the paragraph above, which breaks off: broken text"
    if nxt is not None and nxt.kind in ("paragraph", "dateline") and len(t) == 1 and not t.startswith("#") \
            and not u.bold and not u.level:
        return "a single character before text: a paragraph broken at its start"
    if PURPOSE_RE.match(t) and nxt is not None and nxt.kind in ("paragraph", "dateline"):
        return "opens with a purpose clause (为进一步…): the start of a sentence, broken text"
    if t[-1] in DANGLING_END and not BRIEF_TITLE_RE.match(t):
        return f"ends with {t[-1]!r}, which cannot end a heading: broken text"
    tag = word_tag(t[-2:]) if len(t) >= 4 and re.match(r"[\u4e00-\u9fff]{2}$", t[-2:]) else None
    if (t[-2:] in LEADING_ADVERBS or tag is not None and tag[:1] in ("p", "c", "u")) and nxt is not None \
            and nxt.kind in ("paragraph", "dateline"):
        return f"ends with {t[-2:]!r} (an adverb, preposition or conjunction), which cannot end a heading: broken text"
    plain = outside_quotes(t)
    if sum(1 for ch in plain if ch in "，,") >= 2:
        return "several clauses: broken text, not a heading"
    clauses = re.split(r"[，,]", plain)
    if len(clauses) > 1 and (len(clauses[0]) > 15 or len(clauses[-1]) <= 2):
        return "a long opening clause or a stub after the last comma: broken text"
    m = re.match(r"^([^，,、；;：:]*)[，,、]", t)
    if m and (len(m.group(1)) <= 2 or OPENER_RE.match(m.group(1))) \
            and not (t[m.end() - 1] == "、" and ENUMERATOR_RE.fullmatch(m.group(1)) and "、" not in t[m.end():]):
        return "opens like a sentence (short or time/discourse clause): broken text"
    if DATELINE_RE.match(t):
        return "opens with a dateline: broken text"
    if len(plain) >= 8 and re.search(r"[\u4e00-\u9fff][了是][\u4e00-\u9fff]", plain) and nxt is not None \
            and not re.search(r"[）)]$", t) \
            and nxt.kind in ("paragraph", "dateline") and not OPENER_RE.match(re.split(r"[，,]", nxt_text)[0]) \
            and nxt_text[:1] not in "“‘「《（(":
        return "a clause with a verb (了, 是) that runs on into the next paragraph: broken text, not a heading"
    if nxt is not None and nxt.kind in ("paragraph", "dateline"):
        if nxt_text[0] in CONTINUATION_START:
            return f"the next paragraph opens with {nxt_text[0]!r}, which never starts a sentence: broken text"
        if nxt_text[0] in "，,、。；;：:）)”":
            return "the next paragraph opens with punctuation: broken text"
        listed = ENUMERATED_RE.sub("", plain, count=1)  # a heading's number (一、) is no list
        if "、" in listed and (any(ch in listed for ch in "，,") or len(listed) >= 18):
            return "a list in a long line, followed by text: broken text"
        if re.match(r"^.[，,、]", nxt_text):
            return "the next paragraph opens with the end of a clause: broken text"
        if BOUND_START_RE.match(nxt_text) or re.match(r"^[^，、。；：！？“”]{1,2}[。！？]", nxt_text):
            return "the next paragraph opens with the tail of a sentence: broken text"
        if (stub := _tail_stub(nxt_text, "，" in t or "," in t)) and not u.bold and not u.level and not re.search(r"[”》）)]$", t):
            return f"the next paragraph opens with the end of a clause ({stub}): broken text"
        if not u.bold and not u.level:
            if t[-1] in ADVERB_END:
                return f"ends with the adverb {t[-1]!r}, which cannot end a heading: broken text"
            if len(t) >= 3 and re.search(r"[一二三四五六七八九十两几每\d][项个次件家名位条批类种份篇场轮座所处]$", t) \
                    and t[-3] not in "的第":
                return f"ends with a numeral and measure word ({t[-2:]}), which cannot end a heading: broken text"
            if SENTENCE_OPENING_RE.match(t) and not re.search(r"[，。；！？、,;!? ]", t):
                return "opens like a sentence (一是, 针对, 随着, 截至, 自…): broken text, not a heading"
            if SPEECH_COMMA_RE.match(t):
                return "someone says something, and a comma follows: a sentence, broken text"
            if len(t) <= 5 and (PLACE_WORD_RE.match(t) or (word_tag(t) or "")[:2] in ("ns", "nt")):
                return "only a place or an organisation, followed by text: the subject of a broken sentence"
        if (w := word_across(t, nxt_text)) and len(w) >= 2 and t[-1] not in "”》）":
            return f"a word runs on into the next paragraph ({w}): broken text"
    return None


def built_heading(text: str) -> bool:
    """True when a line is built like a section heading: two phrases apart (a space, a dash, or
    a comma between halves of like length) or a quoted key word (``更新提质“强基”``)."""
    t = fw(text).strip()
    if re.search(r"[\u4e00-\u9fff”]\s+[\u4e00-\u9fff“]|——", t) or t.endswith(("”", "》")):
        return True
    halves = re.split(r"[，,]", t)
    return len(halves) == 2 and min(len(h) for h in halves) >= 4 and len(t) <= 26


ASIDE = ("caption", "photo", "note", "jump")
def continues(left: str, right: str) -> bool:
    """True when ``right`` reads as the rest of ``left`` broken mid-sentence: it opens with
    punctuation, a word runs across the break, or it closes a quote or bracket ``left`` opened."""
    r = fw(right)
    if not r or r[0] in "，、。；：！？）”’》」" or r[0] in CONTINUATION_START:
        return True
    stub = re.match(r"^([^，、。；：！？“”]{1,2})[，、；。]", r)
    if stub and not OPENER_RE.match(stub.group(1)):
        return True  # the end of a clause (台落户，), not a discourse opener (据悉，此外，)
    if word_across(left, right):
        return True
    m = re.match(r"^([^，、。；：！？“”]{1,6})[。！？]", r)
    if m and not OPENER_RE.match(m.group(1)) and not ends_sentence(left):
        return True  # the short tail of a sentence (完的句子继续。), not a paragraph's opening phrase
    stack = waiting(fw(left))
    want = stack[-1] if stack else None
    if want and want in r:
        at = r.index(want)
        opener = next((o for o, c in PAIRS.items() if c == want), "")
        return opener not in r[:at]
    return False


def prev_body(units: list[Unit], k: int) -> Unit | None:
    """The unit before ``units[k]`` that is not a caption, photo credit, note or jump marker."""
    for i in range(k - 1, -1, -1):
        if units[i].kind not in ASIDE:
            return units[i]
    return None


def next_body(units: list[Unit], k: int) -> Unit | None:
    """The next unit after ``units[k]`` that is not a caption, photo credit, note or jump marker."""
    for i in range(k + 1, len(units)):
        if units[i].kind not in ASIDE:
            return units[i]
    return None


def outside_quotes(text: str) -> str:
    """``text`` without anything inside quotes or brackets."""
    return re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", text)
