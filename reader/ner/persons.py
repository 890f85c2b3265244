"""PER: personal names from surnames, titles, credits, bylines and anonymised forms.

Contract: :func:`byline` and :func:`credits` work on the raw text of one line, and
:func:`find_persons` on its tokens; all return PER candidates.

- ``rule:byline``: a short line made only of names separated by spaces (``贺露明 李 奕``), or a
  parenthesised list of names closing a paragraph (``（张 健 邱继行 戴 强）``); a two-character
  name written with a space inside (``李 奕``) is one PER including the space.
- ``rule:credit``: names after 记者/通讯员/摄影… or before 摄 (``通讯员 蒋裕骏 陈善武``).
- ``rule:title-name``: a title or role (``data/ner/titles.txt``, words ending in 书记/长/主任…)
  or an organisation head right before surname + given name (``区委书记李彦文``).
- ``rule:anonymised``: surname + 某 (+ one character): ``廖某军``, ``廖某``.
- ``rule:surname``: a surname (JioNLP's list plus ``data/ner/surnames-extra.txt``; compound
  ones such as 欧阳 included) and a given name with a person cue after it (说, 表示, 同志, a
  title), or, for unambiguous surnames, two single-character given-name tokens that are
  plausible name characters (seen in jieba's name entries).
- ``jieba``: a rare word tagged ``nr`` by jieba that starts with a surname and is not a word
  otherwise.  Words in ``data/ner/stop-per.txt`` (jieba's systematic errors such as 文明, 利剑)
  are never PER.
"""

from __future__ import annotations

import re

from reader.ner.candidate import Candidate
from reader.ner.lexicon import Lexicon
from reader.ner.segment import Token

# Characters that are (almost) never the first character of a given name in running text.
_FUNCTION = frozenset(
    "的了在和与及是说等也都就对把被为从将到于而或并又还让给以由其之这那有无不没很更最已曾"
    "要会能可该各每时后前上下中内外里年月日个名位们着过来去得地所此再即却只同当如若因但则"
    "一二三四五六七八九十百千万亿第某您你我他她它省市县区乡镇村"
)
# Surname characters that are far more often function words.
_NOT_SURNAME = frozenset("从和有把将对在与及以由为其之是也都就又还给让但则因如若即却只再同当所此被到")
_CUE_AFTER = frozenset(
    "说 表示 指出 介绍 强调 认为 告诉 说道 坦言 同志 带头 一行 先生 女士 主持 讲话 "
    "参加 出席 表态 透露 感慨 回忆 院士 教授 博士 总书记 主席 总理".split()
)
_TITLE_ENDINGS = ("书记", "长", "主任", "委员", "记者", "通讯员", "经理", "主席", "总理", "干部",
                  "村民", "居民", "代表", "志愿者", "大户")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_BYLINE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:[ \u3000]+[\u4e00-\u9fff]{1,4})*$")
_NAMES = r"[\u4e00-\u9fff]{1,4}(?:[ \u3000]+[\u4e00-\u9fff]{1,4})*"
_TAIL = re.compile(rf"[（(]({_NAMES})[)）]\s*$")
_CREDIT = re.compile(
    r"(?:记者|通讯员|见习记者|特约记者|实习生|摄影|编辑|文/图|图/文)[:：]?[ \u3000]*"
    rf"(?=[\u4e00-\u9fff])({_NAMES})(?=[ \u3000)）/]|$)"
)
_PHOTO = re.compile(rf"(?:^|[ \u3000）)])({_NAMES})[ \u3000]+摄")
_CREDIT_WORDS = frozenset("记者 通讯员 见习记者 特约记者 实习生 摄影 摄 编辑 文 图".split())
_RARE_COST = 1500
# Words that follow a surname without being a given name (李大爷, 王师傅).
_NOT_GIVEN = frozenset("大爷 大妈 大娘 大伯 大叔 大哥 大姐 阿姨 师傅 老师 老汉 老伯 奶奶 爷爷 同志 先生 女士 "
                       "书记 主任 家人 一家 某某 总 局长 县长 区长 市长".split())
_SINGLE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")  # jieba words rarer than this (cost above) may be names


def _surnames(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.strong_surnames | lexicon.weak_surnames


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


def _names_in(line: str, start: int, end: int, lexicon: Lexicon, source: str) -> list[Candidate]:
    """Names of a space-separated list ``line[start:end]``; ``[]`` if any piece is not a name."""
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]+", line[start:end])]
    surnames = _surnames(lexicon)
    out: list[Candidate] = []
    k = 0
    while k < len(pieces):
        s, e = pieces[k]
        if e - s == 1 and k + 1 < len(pieces) and pieces[k + 1][1] - pieces[k + 1][0] == 1:
            e = pieces[k + 1][1]
            k += 1
        name = line[start + s:start + e].replace(" ", "").replace("\u3000", "")
        if name in _CREDIT_WORDS:
            k += 1
            continue
        if not 2 <= len(name) <= 4 or not (name[0] in surnames or name[:2] in surnames):
            return []
        out.append(Candidate(start + s, start + e, "PER", source, 90))
        k += 1
    return out


def byline(line: str, offset: int, lexicon: Lexicon) -> list[Candidate]:
    """Return the names of a byline line or a closing parenthesised name list, else ``[]``."""
    text = line.strip()
    out: list[Candidate] = []
    if text and len(text) <= 40 and _BYLINE.match(text) and (" " in text or "\u3000" in text):
        out = _names_in(line, 0, len(line), lexicon, "rule:byline")
    if _SINGLE.match(text) and text[0] in _surnames(lexicon) and text[0] not in _NOT_SURNAME:
        lex_tag = lexicon.tag(text)
        if lex_tag in ("", "nr", "nrfg", "nrt") and text[1:] not in _NOT_GIVEN:
            start = line.index(text)
            out = [Candidate(start, start + len(text), "PER", "rule:byline", 90)]
    tail = _TAIL.search(line)
    if tail:
        out += _names_in(line, tail.start(1), tail.end(1), lexicon, "rule:byline")
    return [c._replace(start=c.start + offset, end=c.end + offset) for c in out]


def credits(line: str, lexicon: Lexicon) -> list[Candidate]:
    """Return names credited after 记者/通讯员… or before 摄 in ``line``."""
    out: list[Candidate] = []
    for match in _CREDIT.finditer(line):
        found = _names_in(line, match.start(1), match.end(1), lexicon, "rule:credit")
        if not found:  # "记者王铭俊 通讯员": the first piece may run into the next word
            first = re.match(r"[\u4e00-\u9fff]{2,3}(?=[ \u3000]|$)", line[match.start(1):])
            if first:
                found = _names_in(line, match.start(1), match.start(1) + first.end(), lexicon,
                                  "rule:credit")
        out += found
    for match in _PHOTO.finditer(line):
        out += _names_in(line, match.start(1), match.end(1), lexicon, "rule:credit")
    return out


def find_persons(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Return PER candidates of one line's tokens (see module docstring)."""
    strong = lexicon.strong_surnames
    weak = lexicon.weak_surnames
    stop = lexicon.words("stop-per")
    given_chars = lexicon.given_chars
    org_heads = lexicon.words("org-suffix") | lexicon.words("org-standalone")
    out: list[Candidate] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        word = tok.text
        if word in stop:
            continue
        prev = tokens[i - 1] if i > 0 else None
        titled = prev is not None and _is_title(lexicon, prev)
        after_org = prev is not None and not titled and (
            prev.tag in ("org", "nt") or prev.text in org_heads
            or (len(prev.text) >= 2 and prev.text[-1] in "局委厅办部处室" and prev.tag in ("n", "nt", "org", "j"))
        )
        if (word in strong or word in weak) and word not in _NOT_SURNAME:
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.text == "某":
                end = i + 1
                if _given_char(tokens[i + 2] if i + 2 < n else None):
                    end = i + 2
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:anonymised", 80))
                continue
            g1 = _given_char(nxt)
            g2 = g1 and _given_char(tokens[i + 2] if i + 2 < n else None)
            if not g1:
                # Given name glued into a two-character word: 蔡/登科, 唐朝/钦 handled below.
                if (nxt is not None and len(nxt.text) == 2 and _HAN.match(nxt.text)
                        and nxt.text not in _NOT_GIVEN):
                    after = tokens[i + 2] if i + 2 < n else None
                    cue = after is not None and (after.text in _CUE_AFTER or _is_title(lexicon, after))
                    plausible = nxt.tag in ("nr", "nrfg", "nrt", "", "nz") or lexicon.cost(nxt.text) >= _RARE_COST
                    if (titled or after_org) and plausible or cue and (plausible or word in strong):
                        out.append(Candidate(tok.start, nxt.end, "PER", "rule:title-name"
                                             if titled else "rule:surname", 70 if titled else 52))
                continue
            end = i + 2 if g2 else i + 1
            after = tokens[end + 1] if end + 1 < n else None
            cue = after is not None and (after.text in _CUE_AFTER or _is_title(lexicon, after))
            names_ok = all(t.text in given_chars for t in tokens[i + 1:end + 1])
            if titled or (after_org and (g2 or cue)):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:title-name", 70))
            elif cue and (names_ok or word in strong):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 55))
            elif word in strong and g2 and names_ok:
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 50))
            continue
        if len(word) == 2 and (word[0] in strong or word[0] in weak) and i + 1 < n and _given_char(tokens[i + 1]):
            # Surname glued to the first given character by the dictionary: 唐朝/钦.
            after = tokens[i + 2] if i + 2 < n else None
            if after is not None and (after.text in _CUE_AFTER or titled):
                out.append(Candidate(tok.start, tokens[i + 1].end, "PER", "rule:surname", 50))
                continue
        if tok.tag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 4:
            rare = lexicon.cost(word) >= _RARE_COST
            after = tokens[i + 1] if i + 1 < n else None
            cue = after is not None and (after.text in _CUE_AFTER or _is_title(lexicon, after))
            surnamed = word[0] in strong or word[0] in weak or word[:2] in strong
            if (titled or cue) and surnamed or (
                rare and len(word) <= 3 and word[0] in strong
                and lexicon.tag(word[1:]) in ("", "nr", "nrfg", "nrt")
            ) or (rare and len(word) == 4 and word[:2] in strong):
                out.append(Candidate(tok.start, tok.end, "PER", "jieba", 45))
    return out
