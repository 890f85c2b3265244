"""PER: personal names from surnames, titles, credits, bylines and anonymised forms.

Contract: :func:`find_persons` returns PER candidates over whole tokens of one line.

- ``rule:byline``: a short line made only of names separated by spaces (``贺露明 李 奕``); a
  two-character name written with a space inside (``李 奕``) is one PER including the space.
- ``rule:title-name``: a title or role (``data/ner/titles.txt``, words ending in 书记/长/主任…,
  ``记者``/``通讯员``) right before surname + one or two given-name characters.
- ``rule:anonymised``: surname + 某 (+ one character): ``廖某军``, ``廖某``.
- ``rule:surname``: an unambiguous surname (JioNLP's list; compound ones such as 欧阳 included)
  followed by two single-character given-name tokens that are not function characters, or by
  one or two such characters with a person cue after (说, 表示, 同志, a title).
- ``jieba``: a rare two-to-four character word tagged ``nr`` by jieba that starts with a
  surname.  Words in ``data/ner/stop-per.txt`` (jieba's systematic errors such as 文明, 利剑)
  are never PER.
"""

from __future__ import annotations

import re

from reader.ner.candidate import Candidate
from reader.ner.lexicon import Lexicon
from reader.ner.segment import Token

# Characters that are (almost) never the first character of a given name in running text.
_FUNCTION = frozenset(
    "的了在和与及是说等也都就对把被向为从将到于而或并又还让给以由其之这那有无不没很更最已曾"
    "要会能可该各每时后前上下中内外里年月日个名位们着过来去得地所此再即却只同当如若因但则"
    "一二三四五六七八九十百千万亿第某您你我他她它"
)
_CUE_AFTER = frozenset(
    "说 表示 指出 介绍 强调 认为 告诉 说道 坦言 笑着说 同志 等 带头 一行 先生 女士 主持 讲话 "
    "参加 出席 表态 透露 感慨 回忆".split()
)
_TITLE_ENDINGS = ("书记", "长", "主任", "委员", "记者", "通讯员", "经理", "主席", "总理", "干部")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_BYLINE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:[ \u3000]+[\u4e00-\u9fff]{1,4})*$")
_RARE_COST = 1500  # jieba words rarer than this (cost above) may be names


def _is_title(lexicon: Lexicon, tok: Token) -> bool:
    word = tok.text
    return (
        tok.tag == "title"
        or word in lexicon.words("titles")
        or (len(word) >= 2 and word.endswith(_TITLE_ENDINGS) and tok.tag in ("n", "nr", "title", ""))
    )


def _given_char(tok: Token | None) -> bool:
    return (
        tok is not None and len(tok.text) == 1 and tok.text not in _FUNCTION
        and bool(_HAN.match(tok.text))
    )


def byline(line: str, offset: int, lexicon: Lexicon) -> list[Candidate]:
    """Return the names of a byline line (see module docstring), else ``[]``."""
    text = line.strip()
    if not text or len(text) > 40 or not _BYLINE.match(text) or " " not in text.replace("\u3000", " "):
        return []
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]+", line)]
    surnames = lexicon.strong_surnames | lexicon.weak_surnames
    out: list[Candidate] = []
    k = 0
    while k < len(pieces):
        s, e = pieces[k]
        if e - s == 1 and k + 1 < len(pieces) and pieces[k + 1][1] - pieces[k + 1][0] == 1:
            e = pieces[k + 1][1]
            k += 1
        name = line[s:e].replace(" ", "").replace("\u3000", "")
        if len(name) < 2 or len(name) > 4 or not (name[0] in surnames or name[:2] in surnames):
            return []
        out.append(Candidate(offset + s, offset + e, "PER", "rule:byline", 90))
        k += 1
    return out


def find_persons(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Return PER candidates of one line's tokens (see module docstring)."""
    strong = lexicon.strong_surnames
    weak = lexicon.weak_surnames
    stop = lexicon.words("stop-per")
    out: list[Candidate] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        word = tok.text
        if word in stop:
            continue
        if word in strong or word in weak:
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.text == "某":
                end = i + 1
                if _given_char(tokens[i + 2] if i + 2 < n else None):
                    end = i + 2
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:anonymised", 80))
                continue
            titled = i > 0 and _is_title(lexicon, tokens[i - 1])
            g1 = _given_char(nxt)
            g2 = g1 and _given_char(tokens[i + 2] if i + 2 < n else None)
            if not g1:
                if titled and nxt is not None and len(nxt.text) == 2 and nxt.tag in ("nr", "", "nz"):
                    out.append(Candidate(tok.start, nxt.end, "PER", "rule:title-name", 70))
                continue
            end = i + 2 if g2 else i + 1
            after = tokens[end + 1] if end + 1 < n else None
            cue = after is not None and (after.text in _CUE_AFTER or _is_title(lexicon, after))
            if titled:
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:title-name", 70))
            elif word in strong and (g2 or cue):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 55))
            elif cue and g2:
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 50))
            continue
        if tok.tag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 4:
            titled = i > 0 and _is_title(lexicon, tokens[i - 1])
            rare = lexicon.cost(word) >= _RARE_COST
            if titled and (word[0] in strong or word[0] in weak or word[:2] in strong) or (
                rare and len(word) <= 3 and word[0] in strong and word[1:] not in lexicon.codes
            ) or (rare and len(word) == 4 and word[:2] in strong):
                out.append(Candidate(tok.start, tok.end, "PER", "jieba", 45))
    return out
