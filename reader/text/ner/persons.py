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
from itertools import compress, repeat
from operator import is_, itemgetter

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

# Characters that are (almost) never the first character of a given name in running text.
_FUNCTION = frozenset(
    "的了在和与及是说等也都就对把被为从将到于而或并又还让给以由其之这那有无不没很更最已曾"
    "要会能可该各每时后前上下中内外里年月日个名位们着过来去得地所此再即却只同当如若因但则"
    "一二三四五六七八九十百千万亿第某您你我他她它省市县区乡镇村老党副人"
)
# Surname characters that are far more often function words.
_NOT_SURNAME = frozenset("从和有把将对在与及以由为其之是也都就又还给让但则因如若即却只再同当所此被到")
_CUE_AFTER = frozenset(
    "说 表示 指出 介绍 强调 认为 告诉 说道 坦言 同志 带头 一行 先生 女士 主持 讲话 "
    "参加 出席 表态 透露 感慨 回忆 院士 教授 博士 总书记 主席 总理".split()
)
_TITLE_ENDINGS = ("书记", "支书", "长", "主任", "委员", "记者", "通讯员", "经理", "主席", "总理", "干部",
                  "村民", "居民", "代表", "志愿者", "大户")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_BYLINE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:[ \u3000\xa0]+[\u4e00-\u9fff]{1,4})*$")
_NAMES = r"[\u4e00-\u9fff]{1,4}(?:[ \u3000\xa0]+[\u4e00-\u9fff]{1,4})*"
# Credited names may also be listed with 、 or ， (记者:谢奔、帅才).
_CREDITED = r"[\u4e00-\u9fff]{1,4}(?:(?:[ \u3000\xa0]+|[、，,][ \u3000\xa0]*)[\u4e00-\u9fff]{1,4})*"
_TAIL = re.compile(rf"[（(]({_NAMES})[)）]\s*$")
_CREDIT = re.compile(
    r"(?:(?:记者|通讯员|见习记者|特约记者|实习生|摄影|编辑|文/图|图/文)[:：]?"
    r"|(?:统筹|策划|整理|制图|撰文|责编|责任编辑|美编|校对|监制|主编|执行|设计)[:：])[ \u3000\xa0]*"
    rf"(?=[\u4e00-\u9fff])({_CREDITED})(?=[ \u3000\xa0)）/。]|$)"
)
_PHOTO = re.compile(rf"(?:^|[ \u3000\xa0）)])({_NAMES})(?:[ \u3000\xa0]+摄|摄(?=[ \u3000\xa0]*[（(]|\s*$))")
# 老 + surname as a name (老李，…; 老冯说): a name in our guidelines, unlike 李大爷 or 林女士.
_FAMILIAR = re.compile(r"(?:(?<=^)|(?<=[^\u4e00-\u9fff])|(?<=[在和与对向给被把是让由据从跟的了]))老([\u4e00-\u9fff])"
                       r"(?=[，。、；：！？”’）),:;!?]|说|在|是|也|就|又|还|便|都|把|对|告诉|笑|却|和|一家)")
_CREDIT_WORDS = frozenset("记者 通讯员 见习记者 特约记者 实习生 摄影 摄 编辑 文 图".split())
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴芭柏拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔法凡菲费"
    "芬丰夫弗福伽盖冈戈格古瓜圭哈海汉豪赫亨华怀霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱兰朗劳"
    "勒雷蕾里利莉列林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米密敏莫默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕潘"
    "佩皮普齐奇恰乔切钦琼丘萨塞桑森沙舍施什斯松苏索塔泰坦汤特滕提图托瓦万旺威韦维温沃乌伍西希"
    "辛休雅亚扬耶伊因英尤约扎泽詹珍朱兹佐茨娃娅莎妮黛蒂丝"
)
_FOREIGN = re.compile(
    "[{0}]{{1,7}}(?:[·•・][{0}]{{1,7}})+".format("".join(sorted(_TRANSLIT)))
)
_NAME_TAGS = ("nr", "nrfg", "nrt")
_TEXT_TAG = itemgetter(2, 3)  # (Token.text, Token.tag)
_THING_ENDINGS = frozenset("营炮阁氏车队螺村赛寺庙证灯机器费票站厂场局所室馆院会区县市镇路街桥河湖港湾岛园"
                           "楼店厅堂宫殿塔门寨洞井族派系界虎星蓝")
_NOT_NAME_TAGS = frozenset("v vd d p c u uj ul uz ud ug uv r rr rz m mq q f t y e o".split())
_WEAK_GIVEN = 20  # given-name characters this frequent make a weak surname (江, 高) credible
_RARE_COST = 1500
# Roles that precede a name but do not confirm one when they follow it (纪检监察干部).
_ROLES = frozenset("干部 党员 群众 村民 居民 老人 专家 记者 通讯员 民警 网格员 志愿者 代表 大户".split())
# Single characters that may stand right before a name without a title.
_BEFORE_NAME = frozenset("在和与对向给被把是让由据从跟及的了、，。：:；“”‘’（）() 　")
# Words that follow a surname without being a given name (李大爷, 王师傅).
_NOT_GIVEN = frozenset("大爷 大妈 大娘 大伯 大叔 大哥 大姐 阿姨 师傅 老师 老汉 老伯 奶奶 爷爷 同志 先生 女士 "
                       "书记 主任 家人 一家 某某 总 局长 县长 区长 市长".split())
# A word ending like this names a school or hospital (长郡中学/nr in jieba), never a person.
_INSTITUTIONS = ("中学", "小学", "大学", "学院", "学校", "医院", "卫生院", "幼儿园", "研究院")
_SPEECH = frozenset("说讲称道问答笑")  # a verb of saying glued to the last given character
_SINGLE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")  # jieba words rarer than this (cost above) may be names


def _surnames(lexicon: Lexicon) -> frozenset[str]:
    """All surnames, strong and weak (computed once per lexicon)."""
    found = lexicon.memo.get("surnames")
    if found is None:
        found = lexicon.memo["surnames"] = {"": lexicon.strong_surnames | lexicon.weak_surnames}
    return found[""]


def _cue_after(lexicon: Lexicon, tok: Token | None) -> bool:
    """Whether ``tok`` right after a name confirms it (说, 表示, 同志, a job title)."""
    if tok is None:
        return False
    return tok.text in _CUE_AFTER or (_is_title(lexicon, tok) and tok.text not in _ROLES)


def _is_title(lexicon: Lexicon, tok: Token) -> bool:
    """Whether ``tok`` is a title or role (memoised per text and tag)."""
    memo: dict[tuple[str, str], bool] = lexicon.memo.setdefault("per-title", {})
    key = tok[2:4]  # (text, tag)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _title_word(lexicon, tok)
    return found


def _title_word(lexicon: Lexicon, tok: Token) -> bool:
    word = tok.text
    return (
        tok.tag == "title"
        or word in lexicon.union("titles")
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
        if (e - s == 1 and k + 1 < len(pieces) and pieces[k + 1][1] - pieces[k + 1][0] == 1
                and not line[start + e:start + pieces[k + 1][0]].strip()):  # 李 奕, not 李、奕
            e = pieces[k + 1][1]
            k += 1
        name = "".join(line[start + s:start + e].split())
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
    if text and len(text) <= 40 and _BYLINE.match(text) and len(text.split()) > 1:
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


def familiar(line: str, lexicon: Lexicon) -> list[Candidate]:
    """``老`` + a surname used as a name (``老李，住不得了``; ``老冯说``), source ``rule:familiar``.

    The surname must be a strong one and ``老`` + it no ordinary word (老师, 老马 and 老何 are
    not names): the dictionary knows it at most as a name or a plain noun (老张/n).
    """
    if "老" not in line:
        return []
    out: list[Candidate] = []
    for match in _FAMILIAR.finditer(line):
        word = "老" + match.group(1)
        if match.group(1) in lexicon.strong_surnames and match.group(1) not in _NOT_SURNAME and (
                lexicon.tag(word) in ("", "nr", "n")) and match.group(1) != "何":
            out.append(Candidate(match.start(), match.end(), "PER", "rule:familiar", 88))
    return out


def foreign_names(line: str, tokens: list[Token]) -> list[Candidate]:
    """Transliterated names joined by a middle dot (``科菲·安南``), source ``rule:foreign-name``.

    The end is cut back to a token boundary (``科菲·安南`` + ``希望``, not ``科菲·安南希``).
    """
    out: list[Candidate] = []
    matches = list(_FOREIGN.finditer(line))
    if not matches:
        return out
    ends = {t.end for t in tokens}
    for m in matches:
        end = m.end()
        while end > m.start() and end not in ends:
            end -= 1
        if line[m.start():end].count("·") + line[m.start():end].count("•") and line[end - 1] not in "·•・":
            out.append(Candidate(m.start(), end, "PER", "rule:foreign-name", 75))
    return out


def _dictionary_name(word: str, lexicon: Lexicon) -> bool:
    """Whether a three-character jieba ``nr`` word is a plausible personal name.

    jieba's ``nr`` list also holds phrases (白名单): reject words whose last two characters form
    an ordinary (non-name) word.
    """
    if word[-1] in _THING_ENDINGS:  # 蓬莱阁, 吉普车, 大昭寺: jieba's nr list holds things too
        return False
    tag = lexicon.tag(word[1:])
    return not tag or tag in _NAME_TAGS or (tag == "ns" and word[0] in lexicon.strong_surnames)


def _translit_run(tokens: list[Token], i: int) -> int:
    """End index of a run of single-character transliteration tokens starting at ``i``."""
    j = i
    while j < len(tokens) and len(tokens[j].text) <= 3 and all(c in _TRANSLIT for c in tokens[j].text):
        j += 1
    return j


def find_persons(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Return PER candidates of one line's tokens (see module docstring)."""
    strong = lexicon.strong_surnames
    weak = lexicon.weak_surnames
    stop = lexicon.words("stop-per")
    given_chars = lexicon.given_chars
    org_heads = lexicon.union("org-suffix", "org-standalone")
    known_persons = lexicon.words("persons")
    surnames = _surnames(lexicon)
    out: list[Candidate] = []
    n = len(tokens)
    memo: dict[tuple[str, str], bool] = lexicon.memo.setdefault("per-start", {})
    get = memo.get
    starts = list(map(get, map(_TEXT_TAG, tokens)))
    if None in starts:
        for i in list(compress(range(n), map(is_, starts, repeat(None)))):
            word, tag = key = tokens[i][2:4]
            starts[i] = memo[key] = word not in stop and not word.endswith(_INSTITUTIONS) and (
                word in surnames or tag in _NAME_TAGS or word in known_persons
                or (len(word) == 2 and word[0] in surnames and lexicon.cost(word) >= 1250)
                or (len(word) == 1 and word in _TRANSLIT))
    # A two-character word that is not a surname, a name or a listed person can only start a
    # name when it is rare (surname glued to a given character: 唐朝/钦), hence the cost test.
    for i in compress(range(n), starts):
        tok = tokens[i]
        word = tok.text
        tag = tok.tag
        prev = tokens[i - 1] if i > 0 else None
        titled = prev is not None and (_is_title(lexicon, prev) or (
            prev.text == "长" and i > 1 and tokens[i - 2].text[-1:] in "部局厅委院所行处科"
        ))
        after_org = prev is not None and not titled and (
            prev.tag in ("org", "nt") or prev.text in org_heads
            or (len(prev.text) >= 2 and prev.text[-1] in "局委厅办部处室" and prev.tag in ("n", "nt", "org", "j"))
        )
        free_left = prev is None or len(prev.text) > 1 or prev.text in _BEFORE_NAME
        if (word in strong or word in weak) and word not in _NOT_SURNAME:
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.text == "某某":  # 李某某
                out.append(Candidate(tok.start, nxt.end, "PER", "rule:anonymised", 80))
                continue
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
                    cue = after is not None and (_cue_after(lexicon, after))
                    plausible = nxt.tag in ("nr", "nrfg", "nrt", "", "nz") or lexicon.cost(nxt.text) >= _RARE_COST
                    plausible = plausible or (titled and nxt.tag not in _NOT_NAME_TAGS
                                              and lexicon.cost(nxt.text) >= 1100)
                    if (titled or after_org) and plausible or cue and (plausible or word in strong):
                        end_at = nxt.end
                        if nxt.text[1] in _SPEECH:
                            end_at -= 1  # 方/文说: the name is 方文, then 说
                        out.append(Candidate(tok.start, end_at, "PER", "rule:title-name"
                                             if titled else "rule:surname", 70 if titled else 52))
                continue
            end = i + 2 if g2 else i + 1
            if any(t.text == word for t in tokens[i + 1:end + 1]):
                continue  # 边改边, 一边…一边: a repeated character is a pattern, not a name
            after = tokens[end + 1] if end + 1 < n else None
            cue = after is not None and (_cue_after(lexicon, after))
            names_ok = all(t.text in given_chars for t in tokens[i + 1:end + 1])
            if titled or (after_org and (g2 or cue)):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:title-name", 70))
            elif cue and (names_ok or word in strong):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 55))
            elif g2 and names_ok and free_left and (word in strong or min(
                    given_chars.get(t.text, 0) for t in tokens[i + 1:end + 1]) >= _WEAK_GIVEN):
                out.append(Candidate(tok.start, tokens[end].end, "PER", "rule:surname", 50))
            continue
        if (len(word) == 2 and (word[0] in strong or word[0] in weak) and i + 1 < n
                and _given_char(tokens[i + 1]) and lexicon.cost(word) >= 1250):
            # Surname glued to the first given character by the dictionary: 唐朝/钦.
            after = tokens[i + 2] if i + 2 < n else None
            if after is not None and (after.text in _CUE_AFTER or titled):
                out.append(Candidate(tok.start, tokens[i + 1].end, "PER", "rule:surname", 50))
                continue
        if word in known_persons:
            out.append(Candidate(tok.start, tok.end, "PER", "gazetteer", 60))
            continue
        if tok.tag in _NAME_TAGS and 2 <= len(word) <= 5:
            after = tokens[i + 1] if i + 1 < n else None
            cue = after is not None and (_cue_after(lexicon, after))
            surnamed = word[0] in strong or word[0] in weak or word[:2] in strong
            foreign = all(ch in _TRANSLIT for ch in word) and (len(word) >= 3 or (
                titled and tok.tag in _NAME_TAGS))
            if (titled or cue) and (surnamed or foreign) and (len(word) > 2 or lexicon.cost(word) >= 1200) or (
                len(word) == 3 and surnamed and _dictionary_name(word, lexicon)
                and (word[0] in strong or (lexicon.tag(word[:2]) in ("",) + _NAME_TAGS
                                           and lexicon.cost(word) < 1700))
            ) or (len(word) == 4 and word[:2] in strong) or (
                tok.tag == "nr" and len(word) >= 3 and not surnamed and _dictionary_name(word, lexicon)
                and not lexicon.tag(word[:2])
            ):
                out.append(Candidate(tok.start, tok.end, "PER", "jieba", 45))
                continue
        if len(word) == 1 and word in _TRANSLIT and (titled or i == 0 or not _HAN.match(prev.text or "x")):
            end = _translit_run(tokens, i)
            nxt = tokens[end] if end < n else None
            cue = nxt is not None and (_cue_after(lexicon, nxt))
            if tokens[end - 1].end - tok.start >= 3 and (titled or cue) or (
                    titled and end - i == 2 and tokens[end - 1].end - tok.start == 2):
                out.append(Candidate(tok.start, tokens[end - 1].end, "PER", "rule:foreign-name", 45))
    return out


_LIST_END = frozenset("、，,。；;：:等和及与）)”")
_LIST_START = frozenset("、，,：:（(“ \u3000")


def enumerated(line: str, tokens: list[Token], found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Names listed with ``、`` next to a name already found: ``张建国、李红梅、王卫东等``.

    Walking from each PER in ``found`` over ``、``, the next (or previous) item is a name when it
    has two or three characters (four with a compound surname) from a surname, ends at a list
    boundary (``、``, ``等``, punctuation …), and is not an ordinary word.  Source ``rule:list``.
    """
    pers = [(c.start, c.end) for c in found if c.type == "PER"]
    if not pers or "、" not in line:
        return []
    taken = {(c.start, c.end) for c in found}
    busy = [(c.start, c.end) for c in found]
    surnames = _surnames(lexicon)
    starts = {t.start for t in tokens}
    out: list[Candidate] = []

    def name_at(s: int, e: int) -> bool:
        word = line[s:e]
        if not _HAN.match(word) or (s, e) in taken or word in lexicon.words("stop-per"):
            return False
        if not (word[0] in surnames and word[0] not in _NOT_SURNAME) and word[:2] not in lexicon.strong_surnames:
            return False
        tag = lexicon.tag(word)
        if tag and tag not in _NAME_TAGS and lexicon.cost(word) < _RARE_COST:
            return False  # an ordinary word (王府, 高速)
        return not any(a < e and s < b for a, b in busy)

    queue = list(pers)
    while queue:
        s, e = queue.pop()
        if e < len(line) and line[e] == "、":  # forward
            for size in (3, 2, 4):
                a, b = e + 1, e + 1 + size
                if b <= len(line) and (b == len(line) or line[b] in _LIST_END) and name_at(a, b):
                    out.append(Candidate(a, b, "PER", "rule:list", 56))
                    busy.append((a, b))
                    queue.append((a, b))
                    break
        if s > 0 and line[s - 1] == "、":  # backward
            for size in (3, 2, 4):
                a, b = s - 1 - size, s - 1
                if a >= 0 and (a == 0 or line[a - 1] in _LIST_START or a in starts) and name_at(a, b):
                    out.append(Candidate(a, b, "PER", "rule:list", 56))
                    busy.append((a, b))
                    queue.append((a, b))
                    break
    return out
