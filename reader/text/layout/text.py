"""Character-level predicates shared by every layout step (pure, no dictionary needed)."""

from __future__ import annotations

import re

SENTENCE_END = set("。！？!?…；;.")
CLOSERS = set("”’」』）)》】〉\"'")
OPENERS = set("“‘「『（(《【〈")
CLAUSE_PUNCT = set("，,、；;：:")
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
DASH_RE = re.compile(r"^\s*(?:——|--|─{1,2}|－－|—(?=\s*[\u4e00-\u9fff]))\s*")
_SPACE_AFTER_PUNCT = re.compile(r"(?<=[，。、；：！？—])[ ]+(?=\S)")
_NBSP_IN_TEXT = re.compile(r"(?<=[\u4e00-\u9fff，。、；：！？”“])[\u00a0\u2002\u2003\u2009](?=[\u4e00-\u9fff，。、；：！？”“])")
_ODD_SPACE_RE = re.compile(r"[\u00a0\u2002\u2003\u2009]")
SPACED_LINE_MAX = 30  # a shorter line may keep odd spaces between ideographs (see _spaced)
CJK_RE = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def _spaced(line: str) -> bool:
    """A short line whose words are set apart by two or more odd spaces (程 焕 曾 坤, 本报记者 田泓文
    计海新摄: names): the spaces separate names and stay; elsewhere they are layout inside words."""
    return len(line.strip()) <= SPACED_LINE_MAX and len(_NBSP_IN_TEXT.findall(line)) >= 2


def normalize(text: str) -> str:
    """Strip a BOM, unify line endings and odd spaces.  Output lines are right-stripped."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _NBSP_IN_TEXT.search(text):
        text = "\n".join(_NBSP_IN_TEXT.sub(" " if _spaced(line) else "", line) if _ODD_SPACE_RE.search(line) else line
                         for line in text.split("\n"))
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\t", " ")
    text = _SPACE_AFTER_PUNCT.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


_FULL = str.maketrans({",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
_HALF_RE = re.compile(r"(?<!\d)[,.:;!?()]|[,.:;!?()](?!\d)")


def fw(text: str) -> str:
    """``text`` with half-width punctuation read as full-width (``,`` -> ``，``; a ``.`` between
    digits stays), for decisions only: the text itself is never rewritten."""
    if not _HALF_RE.search(text):
        return text
    return _HALF_RE.sub(lambda m: m.group(0).translate(_FULL), text)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (closing quotes/brackets are looked through), or ends
    deliberately with a colon or a dash (a paragraph introducing a list)."""
    t = text.rstrip()
    if not t:
        return True
    last = t[-1]
    if last in SENTENCE_END or last in "：:" or t.endswith("——"):
        return True
    if last not in CLOSERS:
        return False
    inner = t.rstrip("".join(CLOSERS))
    if not inner or inner[-1] in SENTENCE_END:
        return True
    if last in "）)":
        open_at = max(t.rfind("（"), t.rfind("("))
        if open_at == 0:
            return True
        if open_at > 0:
            return ends_sentence(t[:open_at])
    return False


_MARKS_RE = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "]")


def waiting(text: str, strict: bool = False) -> list[str] | None:
    """The closing marks ``text`` still waits for, innermost last (empty: all closed); with
    ``strict``, None when a closing mark comes that nothing opened."""
    stack: list[str] = []
    if not _MARKS_RE.search(text):
        return stack
    for ch in text:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif strict and ch in PAIRS.values():
            return None
    return stack


def balanced(text: str) -> bool:
    """True when every opening quote/bracket in ``text`` is closed inside it."""
    return waiting(text, strict=True) == []


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return len(CJK_RE.findall(text))


def is_headish(text: str, max_len: int = 40) -> bool:
    """Shape of a title/heading line: short, balanced, not ending in punctuation that ends or
    continues a sentence, and not a list of sentences."""
    t = text.strip()
    if not t or len(t) > max_len:
        return False
    t = fw(t)
    if cjk_count(t) < 2:
        return False
    if t[-1] in SENTENCE_END or t[-1] in CLAUSE_PUNCT or t.endswith("——"):
        return False
    if any(ch in t for ch in "。！？!?"):
        return False
    return balanced(t)


def strip_dash(text: str) -> str:
    """The text of a subtitle line without its leading dashes."""
    return DASH_RE.sub("", text, count=1).strip()


def is_dash_line(text: str) -> bool:
    """True for a subtitle-shaped line starting with a dash."""
    return bool(DASH_RE.match(text)) and cjk_count(text) >= 1


def squash(text: str) -> str:
    """``text`` without any whitespace (for duplicate detection)."""
    return "".join(text.split())


def clause_punct_count(text: str) -> int:
    """How many clause punctuation marks (，、；：) ``text`` holds."""
    return sum(1 for ch in text if ch in CLAUSE_PUNCT)
