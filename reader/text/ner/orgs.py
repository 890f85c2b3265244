"""ORG: organisation names built from tokens by a small grammar over token classes.

Each token gets one class letter:

- ``L`` place (inside a LOC candidate), ``V`` verb that may name a body's field (巡察, 禁毒),
  ``P`` prefix word (``data/ner/org-prefix.txt``: 中国,
  国家, 邮储, level characters 省/市/区/县...), ``R`` organisation on its own
  (``org-standalone.txt``: 区委, 国务院), ``T`` jieba ``nt`` word, ``B`` branch head that attaches
  to the organisation before it (``org-branch.txt``: 分局, 分行, 巡察组; numbered groups such as
  一组, 第五巡察组), ``S`` organisation head
  (a token ending in an ``org-suffix.txt`` entry, or tagged ``org`` in ``words.txt``), ``O``
  ordinal (第五), ``N`` noun that may sit inside a name (和 included: 住房和城乡建设局),
  ``X`` anything else.  A head word that starts with a division name (``娄底市委``) is ``T``.

An ORG is ``anchor inner* head`` followed by any number of continuations (up to three places,
nouns or verbs then a head or branch: ``郴州市公安局`` + ``北湖分局``, ``区委`` + ``第五巡察组``,
``省委`` + ``巡视工作领导小组``), or a standalone/``nt`` word.  A new standalone body right after
a head starts a new ORG (``区委`` | ``区政府``).  The outermost match is one ORG, source
``"rule:org-suffix"`` (``"jieba"`` for a lone ``nt`` word).

Companies (:data:`_COMPANY`) have free-form names: a place followed by up to six tokens without
punctuation, function characters or long verbs, then 公司/集团/合作社… is one ORG, source
``"rule:org-company"`` (``娄底市聚宏环保科技有限公司``).  Companies without a place before them
(a bracketed region, ``索恩格汽车部件（中国）有限公司``; short names, ``湘江纸业``, ``传化集团``) come
from :mod:`reader.text.ner.companies`.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import is_, itemgetter

from reader.text.ner.candidate import Candidate
from reader.text.ner.companies import COMPANY_STOP as _COMPANY_STOP
from reader.text.ner.companies import bracketed_companies, short_companies
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

_INNER = r"(?:[LPTN]|V(?=[NLV]{0,2}[SBRT]))"
_GRAMMAR = re.compile(rf"(?:[LPT]{_INNER}{{0,6}}?[SBRT]|[RT]|O[SB])(?:{_INNER}{{0,4}}[SBT]|O[SB])*")
_LEVEL = frozenset("省市县区乡镇村")
_INNER_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "ns", "org", "an", "b", "ng", "nrt", "l"})
_ORDINAL = re.compile(r"^第[一二三四五六七八九十0-9]+$")
_GROUP = re.compile(r"^(?:第?[一二三四五六七八九十]+)(?:组|小组|分队|中队|大队|支队)$")
_COMPANY = ("有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "合作社", "研究院", "研究所",
            "学校", "中学", "小学", "幼儿园", "医院", "卫生院", "合唱团", "艺术团", "协会", "商会")
_LISTS = ("orgs", "stop-org", "titles", "org-standalone", "org-branch", "org-suffix", "stop-loc",
          "org-prefix", "org-verbs")
_DEPENDENT = re.compile("[wh]")  # classes that depend on the classes before them
_TEXT = itemgetter(2)  # Token.text
_LAST = itemgetter(-1)
_TEXT_TAG = itemgetter(2, 3)  # (Token.text, Token.tag)
_COMPANY_LAST = frozenset(suffix[-1] for suffix in _COMPANY)
_NOT_GOVERNMENTS = frozenset("新政府 特区政府 临时政府 人民政府 小城镇 联邦政府 地方政府".split())
_PARTICLE_HEADS = frozenset("所 会 署 庭 军 馆 党".split())
_WEAK_HEADS = frozenset("处 部 室 科 站 司".split())
_ATTACHED = frozenset("党支部 党委 党总支 工会 团委 分公司 分行 支行 子公司".split())
# A "former" mark ends a body: 沅江市交通运输局 | 原党组书记, not one ORG up to 党组.
_FORMER = frozenset("原 前".split())
# Party-committee departments that stay with the committee before them: 县委 + 统战部.
_COMMITTEE_UNITS = ("部", "办", "政法委", "编委")


def _word_class(word: str, tag: str, lexicon: Lexicon) -> str:
    """Class letter of a token outside any place, from its text and tag alone.

    ``w`` (weak head) and ``h`` (和) depend on the classes before them; :func:`_classes` resolves
    them.
    """
    if (not tag and len(word) == 1) or word in _FORMER:  # punctuation, unknown characters, 原
        return "X"
    lists = lexicon.memo.get("org-lists")
    if lists is None:
        lists = lexicon.memo["org-lists"] = {name: lexicon.words(name) for name in _LISTS}
    if word in lists["orgs"]:
        return "T"
    if (word in lists["stop-org"] or word in lists["titles"] or tag == "title"
            or word.endswith(("干部", "人员"))):
        return "X"
    if word[-1] in "组队" and _GROUP.match(word):
        return "B"
    if word in lists["org-standalone"]:
        return "R"
    if word in lists["org-branch"]:
        return "B"
    if tag == "nt" and len(word) >= 2:
        return "T"
    if word in _PARTICLE_HEADS:
        return "X"
    if word in _WEAK_HEADS:  # a head only right after a noun or place: 农林部, not 一部
        return "w"
    suffixes = lists["org-suffix"]
    if tag == "org" or word in suffixes or (
        len(word) >= 2 and tag in _INNER_TAGS
        and (word[-1] in suffixes or word[-2:] in suffixes or word[-3:] in suffixes)
    ):
        in_place = any(word[:k] in lexicon.divisions for k in range(2, len(word) - 1))
        in_world = any(word[:k] in lexicon.world for k in range(2, len(word)))
        levelled = word[0] in _LEVEL and len(word) >= 3 and word[1:] in lexicon.codes
        return "T" if (in_place and len(word) >= 4) or in_world or levelled else "S"
    if (tag == "ns" and len(word) >= 2 and word not in lists["stop-loc"]
            and word not in lexicon.divisions):
        return "L"  # foreign or natural places (智利, 欧洲); rejected county short forms are not
    if word in lists["org-prefix"]:
        return "P"
    if word[0] == "第" and _ORDINAL.match(word):
        return "O"
    if word == "和":  # only inside a name: 自然资源和规划局, not 卫生部和中国残联
        return "h"
    if (tag in _INNER_TAGS and len(word) >= 2) or (
        tag == "n" and len(word) == 1 and word not in _COMPANY_STOP
    ):
        return "N"
    if word in lists["org-verbs"]:
        return "V"
    return "X"


def _classes(tokens: list[Token], lexicon: Lexicon, loc_tokens: set[int]) -> str:
    """One class letter per token (see the module docstring), memoised per (text, tag)."""
    memo: dict[tuple[str, str], str] = lexicon.memo.setdefault("org-class", {})
    get = memo.get
    out = list(map(get, map(_TEXT_TAG, tokens)))
    if None in out:
        for i in list(compress(range(len(out)), map(is_, out, repeat(None)))):
            tok = tokens[i]
            out[i] = memo[tok[2:4]] = _word_class(tok.text, tok.tag, lexicon)
    for i in loc_tokens:
        out[i] = "L"
    classes = "".join(out)  # type: ignore[arg-type]  # every None was filled above
    if "R" in classes or "S" in classes:
        classes = _units_and_stray_heads(tokens, classes)
    if "w" in classes or "h" in classes:
        letters = list(classes)
        for i in [m.start() for m in _DEPENDENT.finditer(classes)]:  # left to right
            if letters[i] == "w":
                letters[i] = "S" if i and letters[i - 1] in "NL" else "X"
            else:
                letters[i] = "N" if i >= 2 and letters[i - 1] == "N" and letters[i - 2] in "LPT" else "X"
        classes = "".join(letters)
    return classes


_UNIT_OR_HEAD = re.compile("(?<=[RT])R|S")


def _units_and_stray_heads(tokens: list[Token], classes: str) -> str:
    """``县委`` + ``统战部``: a committee's department continues the committee (R becomes S);
    ``新市镇`` + ``团`` + ``山``: a one-character head before a lone character begins an unknown
    name, not a body (S becomes X)."""
    letters: list[str] | None = None
    n = len(tokens)
    for match in _UNIT_OR_HEAD.finditer(classes):
        i = match.start()
        tok = tokens[i]
        if classes[i] == "R":
            if ((letters or classes)[i - 1] in "RT" and tokens[i - 1].text[-1] == "委"
                    and tok.text.endswith(_COMMITTEE_UNITS)):
                letters = letters or list(classes)
                letters[i] = "S"
        elif len(tok.text) == 1 and i + 1 < n:
            nxt = tokens[i + 1]
            word = nxt.text
            if (len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in _COMPANY_STOP
                    and word != "长" and word not in _FORMER and nxt.tag in ("n", "ng", "")):
                letters = letters or list(classes)
                letters[i] = "X"
    return classes if letters is None else "".join(letters)


def token_classes(tokens: list[Token], lexicon: Lexicon) -> list[str]:
    """The context-free class letter of each token (``w``/``h`` unresolved), memoised.

    The model's features use it: the letters say what the organisation grammar sees in a token.
    """
    memo: dict[tuple[str, str], str] = lexicon.memo.setdefault("org-class", {})
    out = list(map(memo.get, map(_TEXT_TAG, tokens)))
    if None in out:
        for i in list(compress(range(len(out)), map(is_, out, repeat(None)))):
            tok = tokens[i]
            out[i] = memo[tok[2:4]] = _word_class(tok.text, tok.tag, lexicon)
    return out  # type: ignore[return-value]  # every None was filled above


_KNOWN_HEADS: dict[int, frozenset[str]] = {}


def _merge_known(
    tokens: list[Token], lexicon: Lexicon, loc_tokens: set[int]
) -> tuple[list[Token], set[int]]:
    """Join runs of two or three tokens that spell a known body (农业 + 农村部 = 农业农村部)."""
    known = lexicon.union("org-standalone", "orgs")
    heads = _KNOWN_HEADS.get(id(known))
    if heads is None:
        heads = _KNOWN_HEADS[id(known)] = frozenset(w[:k] for w in known for k in range(1, len(w)))
    texts = list(map(_TEXT, tokens))
    if heads.isdisjoint(texts):
        return tokens, loc_tokens  # nothing to join (the usual case)
    n = len(tokens)
    merges: list[tuple[int, int]] = []  # (first token, token count), left to right
    done = 0
    for i in compress(range(n), map(heads.__contains__, texts)):
        if i < done:
            continue
        for k in (3, 2):
            if i + k <= n and "".join(texts[i:i + k]) in known:
                merges.append((i, k))
                done = i + k
                break
    if not merges:
        return tokens, loc_tokens
    out: list[Token] = []
    locs: set[int] = set()
    i = 0
    for first, k in merges + [(n, 0)]:
        for j in range(i, first):
            if j in loc_tokens:
                locs.add(len(out))
            out.append(tokens[j])
        if k:
            out.append(Token(tokens[first].start, tokens[first + k - 1].end,
                             "".join(texts[first:first + k]), "nt"))
        i = first + k
    return out, locs


def _companies(tokens: list[Token], loc_tokens: set[int]) -> list[Candidate]:
    out: list[Candidate] = []
    last_chars = map(_LAST, map(_TEXT, tokens))
    for k in compress(range(len(tokens)), map(_COMPANY_LAST.__contains__, last_chars)):
        tok = tokens[k]
        if not tok.text.endswith(_COMPANY):
            continue
        start = None
        for j in range(k - 1, max(k - 9, -1), -1):
            word = tokens[j].text
            if j in loc_tokens:
                start = j
                while start - 1 in loc_tokens:
                    start -= 1
                break
            if (
                not ("\u4e00" <= word[0] <= "\u9fff")
                or (len(word) == 1 and word in _COMPANY_STOP)
                or (tokens[j].tag in ("v", "m") and len(word) >= 2 and word not in _TRADE_VERBS)
                or _COUNTED.match(word)  # 两地三级医院
            ):
                break
        if start is not None and start < k - 1:
            end = k
            while end + 1 < len(tokens) and tokens[end + 1].text in _ATTACHED:
                end += 1
            out.append(Candidate(tokens[start].start, tokens[end].end, "ORG", "rule:org-company", 58))
    return out


#: Verbs of a trade that stand inside a company's or cooperative's name (…新田地 + 种植 + 专业合作社).
_TRADE_VERBS = frozenset("种植 养殖 种养 加工 制造 销售 开发 生产 研发 经营 运输 培育 育苗 营销 批发 建设".split())
#: Counted places or grades that make a phrase, not a name (衡阳 + 两地 + 三级 + 医院).
_COUNTED = re.compile("^[两三四五六七八九十多各几数][地级县市省区家所个]$")
_INSTITUTIONS = ("职业技术学院", "实验学校", "附属中学", "附属医院", "人民医院", "中医医院", "中医院",
                 "中学", "小学", "大学", "学院", "学校", "医院", "卫生院", "幼儿园", "附中", "附小")
_PROPER_TAGS = frozenset({"", "nr", "nrt", "nrfg", "nz", "ns", "j"})
_INSTITUTION_LAST = frozenset(head[-1] for head in _INSTITUTIONS)
_NUMERALS = frozenset("一二三四五六七八九")
_VERBISH = frozenset("v vd vn d p c u uj ul uz r f m q".split())
_DEICTIC = frozenset("这那该此各每本我你他她其所哪某全两几多个些有是在到")


def _institutions(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Schools and hospitals named without a place: ``长郡中学``, ``湘雅二医院``, ``雅礼中学``.

    A school or hospital head (:data:`_INSTITUTIONS`) after one or two tokens that look like a
    proper name (no dictionary word, or a name, place or abbreviation; or a rare word), or a
    single dictionary word made of such a name and a head, is one ORG (``rule:org-suffix``).
    Generic modifiers (农村小学, 县级医院) are ordinary words and make no ORG.
    """
    out: list[Candidate] = []
    last = map(_LAST, map(_TEXT, tokens))
    for k in compress(range(len(tokens)), map(_INSTITUTION_LAST.__contains__, last)):
        tok = tokens[k]
        head = next((h for h in _INSTITUTIONS if tok.text.endswith(h)), None)
        if head is None:
            continue
        start = k
        if len(tok.text) > len(head):
            stem = tok.text[: -len(head)]
            if len(stem) < 2 or not (tok.tag in ("nr", "nrt", "nz", "") or lexicon.tag(stem) in _PROPER_TAGS):
                continue
        else:
            j = k - 1
            if j >= 1 and tokens[j].text in _NUMERALS:
                j -= 1  # 湘雅 + 二 + 医院
            while j >= 0 and j >= k - 2:
                word, tag = tokens[j].text, tokens[j].tag
                before = tokens[j - 1].text if j > 0 else ""
                pair = (len(word) == 1 and len(before) == 1 and "\u4e00" <= before <= "\u9fff"
                        and tokens[j - 1].tag not in _VERBISH and tag not in _VERBISH  # not 住/进 + 医院
                        and not lexicon.tag(before + word)
                        and before not in _DEICTIC and word not in _DEICTIC)  # 雅 + 礼: a name
                proper = tag in _PROPER_TAGS or lexicon.cost(word) >= 1500 or pair
                if not ("\u4e00" <= word[0] <= "\u9fff") or word in _COMPANY_STOP or not proper or tag == "m":
                    break
                start = j
                if pair:
                    start = j - 1
                    break
                j -= 1
            if start == k or tokens[k - 1].end - tokens[start].start < 2:
                continue
        if start > 0 and tokens[start - 1].tag == "ns" and tokens[start - 1].text in lexicon.divisions:
            start -= 1  # 湖南 + 师大附中
        out.append(Candidate(tokens[start].start, tok.end, "ORG", "rule:org-suffix", 57))
    return out


def find_orgs(tokens: list[Token], lexicon: Lexicon, places: list[Candidate]) -> list[Candidate]:
    """Return ORG candidates of a token list given its LOC candidates (see module docstring)."""
    loc_tokens: set[int] = set()
    if places:
        k = 0
        spans = sorted((p.start, p.end) for p in places)
        for i, tok in enumerate(tokens):
            while k < len(spans) and spans[k][1] <= tok.start:
                k += 1
            if k < len(spans) and spans[k][0] <= tok.start and tok.end <= spans[k][1]:
                loc_tokens.add(i)
    tokens, loc_tokens = _merge_known(tokens, lexicon, loc_tokens)
    classes = _classes(tokens, lexicon, loc_tokens)
    suffixes = lexicon.words("org-suffix")
    known = lexicon.words("orgs")
    out: list[Candidate] = []
    for match in _GRAMMAR.finditer(classes):
        first, last = match.start(), match.end() - 1
        head = tokens[first].text
        if tokens[last].text.endswith(("政府", "当局")) and (
            head in lexicon.world or head[:2] in lexicon.world or head in _NOT_GOVERNMENTS
            or head in lexicon.words("places")
            or (tokens[first].tag == "ns" and head not in lexicon.divisions)
            or (len(head) == 1 and head in "中美日俄英法德韩朝印巴以")
        ):
            continue  # 美国政府: the country, not an organisation name
        if first == last and classes[first] == "T":
            word = tokens[first].text
            if word in known or any(word[k:] in known for k in range(1, len(word) - 1)):
                source = "gazetteer"
            elif any(word.endswith(x) for x in suffixes):
                source = "jieba"
            else:  # jieba's nt also holds 中美关系, 社会科学, 广大观众
                continue
        else:
            source = "rule:org-suffix"
        out.append(Candidate(tokens[first].start, tokens[last].end, "ORG", source, 60))
    out += _companies(tokens, loc_tokens)
    texts = set(map(_TEXT, tokens))
    if "）" in texts or ")" in texts:
        out += bracketed_companies(tokens, loc_tokens)
    out += short_companies(tokens, lexicon)
    out += _institutions(tokens, lexicon)
    return out
