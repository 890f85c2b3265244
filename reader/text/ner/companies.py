"""ORG: companies written without a place before them, for :mod:`reader.text.ner.orgs`.

Contract: :func:`bracketed_companies` and :func:`short_companies` take one line's tokens and
return ORG candidates, source ``rule:org-company``:

- a name written with its country or region in brackets before the legal suffix
  (``索恩格汽车部件（中国）有限公司``);
- a company's short name: a proper name that is no division (a river, a brand, a name) followed
  by a narrow trade word (:data:`_TRADES`: ``湘江`` + ``纸业``, ``华菱`` + ``钢铁``; a division
  before a trade word names the trade of that place, ``湖南茶业``), and any two-character word
  that is no kind of group before ``集团`` (``传化集团``; not ``企业集团``).
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

#: Characters that never stand inside a company name's words (function characters).
COMPANY_STOP = frozenset("的了在和与及是对把被等为将向从到由以其这那该各每个中上下有没")
_TEXT = itemgetter(2)  # Token.text

_LEGAL_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司")
_BRACKETS = frozenset("（(")


def bracketed_companies(tokens: list[Token], loc_tokens: set[int]) -> list[Candidate]:
    """``索恩格汽车部件`` + ``（中国）`` + ``有限公司``: a company whose legal name puts its country or
    region in brackets before the legal suffix.  The name before the brackets runs back over up to
    six words without punctuation, function characters or long verbs (``rule:org-company``)."""
    out: list[Candidate] = []
    for k in range(3, len(tokens)):
        if tokens[k].text not in _LEGAL_SUFFIXES or tokens[k - 1].text not in "）)":
            continue
        j = k - 2
        while j >= 0 and j in loc_tokens:
            j -= 1
        if j == k - 2 or j < 1 or tokens[j].text not in _BRACKETS:
            continue
        start = None
        for i in range(j - 1, max(j - 7, -1), -1):
            word = tokens[i].text
            if (not ("\u4e00" <= word[0] <= "\u9fff") or (len(word) == 1 and word in COMPANY_STOP)
                    or (tokens[i].tag == "v" and len(word) >= 2)):
                break
            start = i
        if start is not None and tokens[j].start - tokens[start].start >= 2:
            out.append(Candidate(tokens[start].start, tokens[k].end, "ORG", "rule:org-company", 59))
    return out


#: Trade words narrow enough that a proper name before them is a company's short name.
_TRADES = frozenset("纸业 药业 矿业 酒业 乳业 盐业 铝业 铜业 钢业 茶业 米业 种业 钢铁 电气 重工 重科 建工 路桥 "
                    "置业 地产 传媒 控股 制药 水泥 化工 电缆 新材 瓷业 木业 竹业 油业 粮油 服饰 纺织 建材 电器 "
                    "食品 生物 医药 光电 牧业 股份".split())
_BRAND_TAGS = frozenset({"ns", "nz", "nr", "nrt", "j", "nt", ""})


#: Words before 集团 that make a kind of group, not a name (企业集团, 国有集团).
_BEFORE_GROUP = frozenset("在 和 与 及 的 是 对 从 向 由 据 把 被 让 给 为 将 到".split())
_GROUP_KINDS = frozenset("企业 产业 商业 大型 国有 民营 跨国 上市 龙头 股份 控股 投资 实业 地方 省属 市属 央企 "
                         "我们 他们 整个 所属 下属 旗下 全国 中国 该 这家 这个".split())


def short_companies(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """``湘江`` + ``纸业``: a proper name that is no division or world place, then a trade word;
    any two-character word that is no kind of group before ``集团`` (``传化集团``, ``小米集团``)."""
    out: list[Candidate] = []
    for k in compress(range(1, len(tokens)), map("集团".__eq__, map(_TEXT, tokens[1:]))):
        prev = tokens[k - 1]
        word = prev.text
        if (len(word) == 2 and "\u4e00" <= word[0] <= "\u9fff" and word not in _GROUP_KINDS
                and prev.tag not in ("v", "d", "p", "r", "m", "q", "f", "t") and word not in lexicon.divisions
                and not (k >= 2 and "\u4e00" <= tokens[k - 2].text[-1] <= "\u9fff"
                         and tokens[k - 2].text not in _BEFORE_GROUP)):
            out.append(Candidate(prev.start, tokens[k].end, "ORG", "rule:org-company", 56))
    levels = lexicon.levels  # a township's name (湘江乡) still makes a brand: 湘江纸业
    for k in compress(range(1, len(tokens)), map(_TRADES.__contains__, map(_TEXT, tokens[1:]))):
        prev = tokens[k - 1]
        word = prev.text
        if (len(word) >= 2 and prev.tag in _BRAND_TAGS and "\u4e00" <= word[0] <= "\u9fff"
                and not any(levels[m] <= 2 for m in lexicon.divisions.get(word, ())) and word not in lexicon.world
                and not (k >= 2 and tokens[k - 2].text in ("的", "之"))):
            out.append(Candidate(prev.start, tokens[k].end, "ORG", "rule:org-company", 57))
    out += _cooperatives(tokens, lexicon)
    return out


#: Words between a cooperative's own name and 合作社: its trade (盛世 + 种植 + 专业 + 合作社).
_COOP_TRADE = frozenset("专业 农民 种植 养殖 种养 农机 农业 股份 经济 联合 果蔬 蔬菜 水果 茶叶 中药材 "
                        "生猪 畜牧 水产 渔业 林业 油茶 花卉 苗木 粮食 稻谷 服务 土地".split())
_COOP_BEFORE = frozenset("的 了 个 家 和 与 及 等 是 在 这 该 各".split())


def _cooperatives(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """``盛世`` + ``种植`` + ``专业`` + ``合作社``: a name that is no common word, its trade and
    合作社 (``淌月莲子种养专业合作社``); the trade alone names a kind (``农民专业合作社``)."""
    out: list[Candidate] = []
    for k in compress(range(1, len(tokens)), map("合作社".__eq__, map(_TEXT, tokens[1:]))):
        j = k - 1
        while j >= 0 and tokens[j].text in _COOP_TRADE and k - j <= 4:
            j -= 1
        if j < 0 or j == k - 1:
            continue
        name = tokens[j]
        word = name.text
        first = j
        if len(word) == 2 and j >= 1 and lexicon.tag(word) == "n" and tokens[j - 1].tag in _BRAND_TAGS \
                and len(tokens[j - 1].text) == 2 and tokens[j - 1].text not in lexicon.divisions:
            first = j - 1  # 淌月 + 莲子: a name and the crop it grows
        head = tokens[first]
        common = bool(lexicon.tag(head.text)) and head.tag not in _BRAND_TAGS and lexicon.cost(head.text) < 1250
        if (len(head.text) < 2 or not "\u4e00" <= head.text[0] <= "\u9fff" or common
                or head.tag in ("v", "d", "p", "r", "m", "q", "f", "t", "c", "u")
                or any(levels <= 2 for levels in (lexicon.levels[m] for m in lexicon.divisions.get(head.text, ())))
                or (first >= 1 and tokens[first - 1].text in _COOP_BEFORE and False)):
            continue
        out.append(Candidate(head.start, tokens[k].end, "ORG", "rule:org-company", 57))
    return out
