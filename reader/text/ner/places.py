"""LOC: administrative divisions from the gazetteer, validated chains, and other known places.

Contract: :func:`find_places` returns LOC ``Candidate`` objects over whole tokens.

- A division name may span several tokens (``锁`` + ``石山村``).  A run of division names in
  which every name denotes a division lying (at any depth) under a division named before it is
  one LOC (``娄底市娄星区花山街道``); an invalid continuation starts a new LOC.  Inside a chain a
  township may be written with its old suffix (``东江镇`` for ``东江街道``).
- Full division names and the short forms of provinces, cities and counties (``娄底``) are LOC
  on their own; township and village names need their suffix (镇/乡/街道/村/社区…); township
  short forms (``花山``) only count inside a chain.
- After a township, a two-to-four character name ending in 村 or 社区 extends the chain
  (villages missing from the gazetteer); after any place, a zone word (经开区, 高新区, 新区…) does.
- A place followed by a landmark word (大会堂, 美术馆, 古商城, 广场…) within three tokens is one
  LOC with source ``rule:landmark`` (``洪江古商城``, ``北京图书大厦``).
- Foreign places from ``world.txt`` are LOC (source ``gazetteer``); other ``ns`` words of jieba's
  dictionary only when they end in a geographic suffix (山, 江, 湖…) or are listed in
  ``data/ner/places.txt`` (source ``jieba``).  ``data/ner/stop-loc.txt`` words are never LOC.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import HOME_PROVINCE, Lexicon
from reader.text.ner.segment import Token

# A township or village full name is a LOC on its own only with one of these endings.
_LOW_SUFFIXES = ("镇", "乡", "街道", "村", "社区", "苏木", "办事处", "林场", "管理区")
_LEVEL_END = frozenset("省市县区州盟旗镇乡道村区")
_START = itemgetter(0)  # Token.start
_END = itemgetter(1)  # Token.end
_TEXT = itemgetter(2)  # Token.text
_TAG = itemgetter(3)  # Token.tag
_LAST = itemgetter(-1)
_LEVEL_END_RE = re.compile("[{}]".format("".join(sorted(_LEVEL_END))))
_WELL_KNOWN_COST = 1100
_PROPER_TAGS = frozenset({"", "ns", "nr", "nrt", "nz", "nrfg"})
_TOWN_SUFFIX = re.compile(r"(街道|镇|乡)$")
_VILLAGE = re.compile(r"^[\u4e00-\u9fff]{1,4}(村|社区|居委会)$")
_ZONES = frozenset(
    "经开区 高新区 开发区 新区 经济开发区 高新技术产业开发区 经济技术开发区 工业园 工业园区 "
    "产业园 产业园区 示范区 自贸区 保税区 管理区 园区".split()
)
_LANDMARKS = ("大会堂", "大厦", "美术馆", "博物馆", "纪念馆", "广场", "公园", "体育馆", "体育场",
              "机场", "古城", "古镇", "古商城", "风景区", "景区", "名胜区", "纪念园", "烈士陵园", "陵园",
              "水库", "新城", "步行街", "产业园", "工业园", "工业园区", "科技园", "乐园", "小镇")
_LANDMARK_MODIFIERS = frozenset("核心 重点 主要 周边 整个 国家级 省级 市级 县级 旅游 各大 部分".split())
_GEO_SUFFIX = tuple("山江河湖海岛州洲湾峡港岭峰谷关省县镇乡村岛礁原漠")
_NOT_VILLAGE_CHARS = frozenset("的了在和与及是等各每该本全个")


def _nodes(lexicon: Lexicon, word: str, chain: bool) -> list[int]:
    """Return the division nodes ``word`` may name (short township forms only in a chain)."""
    nodes = lexicon.divisions.get(word, [])
    names = lexicon.names
    levels = lexicon.levels
    if chain:
        if lexicon.tag(word) not in _PROPER_TAGS:  # 建设 is a township alias and a verb
            nodes = [n for n in nodes if names[n] == word or levels[n] <= 2]  # but 湖北 + 赤壁/n
        match = _TOWN_SUFFIX.search(word)
        if match and len(word) > len(match.group(0)) + 1:
            stem = word[: match.start()]
            nodes = nodes + [n for n in lexicon.divisions.get(stem, []) if levels[n] == 3]
        return nodes
    return [
        n for n in nodes
        if levels[n] <= 1
        or (levels[n] == 2 and (names[n] == word or _alias_ok(lexicon, n, word)))
        or (names[n] == word and len(word) >= 3 and word.endswith(_LOW_SUFFIXES))
    ]


def _alias_ok(lexicon: Lexicon, node: int, alias: str) -> bool:
    """A county short form stands alone if the county is in Hunan or the name is well known.

    Short forms of counties elsewhere are often ordinary words (沿河, 莲花, 建华, 比如).
    """
    if lexicon.cost(alias) < _WELL_KNOWN_COST:
        return True
    parents = lexicon.parents
    while parents[node] >= 0:
        node = parents[node]
    return lexicon.names[node] == HOME_PROVINCE


def _under(lexicon: Lexicon, node: int, ancestors: set[int]) -> bool:
    parents = lexicon.parents
    node = parents[node]
    while node >= 0:
        if node in ancestors:
            return True
        node = parents[node]
    return False


def _division_at(
    tokens: list[Token], i: int, lexicon: Lexicon, within: set[int] | None
) -> tuple[int, list[int]]:
    """Longest division name starting at token ``i``: ``(end token index, nodes)`` or ``(i, [])``.

    With ``within`` the nodes must lie under one of those nodes (chain continuation).
    """
    stop = lexicon.words("stop-loc")
    divisions = lexicon.divisions
    if tokens[i].text in stop:
        return (i, [])
    if within is None and tokens[i].tag != "ns":  # fast path: most tokens start no place
        two = tokens[i].text + tokens[i + 1].text if i + 1 < len(tokens) else ""
        three = two + tokens[i + 2].text if i + 2 < len(tokens) else ""
        if two not in divisions and three not in divisions:
            return (i, [])
    text = ""
    best: tuple[int, list[int]] = (i, [])
    for j in range(i, min(i + 3, len(tokens))):
        text += tokens[j].text
        if len(text) < 2 or text in stop:
            continue
        if within is None:
            if j == i and tokens[i].tag != "ns":
                continue
            nodes = _nodes(lexicon, text, chain=False)
        else:
            nodes = [m for m in _nodes(lexicon, text, chain=True) if _under(lexicon, m, within)]
        if nodes:
            best = (j + 1, nodes)
    return best


def _village_after(tokens: list[Token], i: int) -> int:
    """End token index of a 村/社区 name starting at token ``i`` (``i`` when there is none)."""
    text = ""
    for j in range(i, min(i + 4, len(tokens))):
        word = tokens[j].text
        if len(word) == 1 and word in _NOT_VILLAGE_CHARS:
            return i
        text += word
        if _VILLAGE.match(text) and (len(text) >= 3 or (j == i and tokens[j].tag == "ns")):
            return j + 1  # 道县 + 老村: a two-character village the dictionary knows as a place
        if len(text) > 6:
            break
    return i


_GROUP = re.compile(r"^[\u4e00-\u9fff]{1,3}组$")
_NOT_GROUP = re.compile(r"^(?:第?[一二三四五六七八九十0-9]+|各|该|本|每|全|工作|小|专|巡察|督查|调查)组$")


def _group_after(tokens: list[Token], i: int) -> int:
    """End token index of a village group (``上坡组``) right after a village, else ``i``."""
    text = ""
    for j in range(i, min(i + 3, len(tokens))):
        word = tokens[j].text
        if not "\u4e00" <= word[0] <= "\u9fff" or (len(word) == 1 and word in _NOT_VILLAGE_CHARS):
            return i
        text += word
        if _GROUP.match(text):
            return i if _NOT_GROUP.match(text) or tokens[j].tag == "org" else j + 1
        if len(text) > 4:
            break
    return i


def landmark_after(tokens: list[Token], i: int) -> int:
    """End token index of ``name* landmark`` (古商城, 美术馆…) right after a place, else ``i``."""
    text = ""
    for j in range(i, min(i + 3, len(tokens))):
        word = tokens[j].text
        if not ("\u4e00" <= word[0] <= "\u9fff") or (len(word) == 1 and word in _NOT_VILLAGE_CHARS) or (
                word in _LANDMARK_MODIFIERS):
            return i  # 武陵源 + 核心景区: a part of the place, not a landmark's name
        text += word
        if text.endswith(_LANDMARKS):
            return j + 1
    return i


_ABBR = "中美日俄英法德韩朝印巴以意加澳越泰菲蒙欧非港台"
_PAIR = re.compile(
    rf"[{_ABBR}]{{2,3}}(?=两国|三国|四国|双方|三方|关系|首脑|领导人|会谈|会晤|合作|之间|间|联合|边境|"
    r"贸易|友好|建交|经贸|外长|峰会|对话|谈判|元首|两军|友谊|交往|战争)"
)
_VISIT = re.compile(r"(?<=访|驻|赴|抵|离|返|援|旅|留)[华京沪港澳湘]|(?<=来|在|对|进|入|出)[华京沪湘](?![\u4e00-\u9fff]{0,1}[人民族夏])")
_PAIRS = frozenset(
    "中美 中日 中俄 中朝 中韩 中印 中巴 中非 中欧 中英 中法 中德 中越 中泰 中蒙 中意 中加 中澳 "
    "美日 美俄 美英 美欧 美韩 美朝 美中 日俄 日美 日韩 日中 俄美 俄日 俄中 印巴 巴以 欧美 港台 港澳 "
    "英法 法德 英美 朝韩 韩朝 中美日 中日韩 中美俄".split()
)
_SIDES = frozenset("中美日俄英法德韩朝印巴")
_ABBR_CHARS = frozenset(_ABBR)
_FIRST = itemgetter(0)
_ANY_ABBR = re.compile(f"[{_ABBR}华京沪港澳湘]")
assert all(p[0] in _ABBR_CHARS for p in _PAIRS) and _SIDES <= _ABBR_CHARS
_SIDE = re.compile(rf"(?<![\u4e00-\u9fff])[{_ABBR}](?=方|军|总统|总理|首相|外长|政府|国内|境内)")


#: Characters that stand for a province or city in the name of an expressway or a railway line.
_ROUTE_CHARS = ("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇藏陕甘青宁新港澳台蒙"
                "长株潭衡岳常益郴永怀娄邵张韶广深汕昆蓉杭瑞包茂许泉厦沈哈汝炎茶随岳醴")
_ROUTE = re.compile(rf"[{_ROUTE_CHARS}二]{{2,4}}(?=高速公路|高速|高铁|铁路|城际|客专)")


def find_routes(line: str, tokens: list[Token]) -> list[Candidate]:
    """Expressways and railway lines named by abbreviations (``京港澳高速``, ``沪昆高铁``) as one
    LOC with their kind word, source ``rule:landmark``: not three one-character places."""
    if "高" not in line and "铁" not in line and "城际" not in line and "客专" not in line:
        return []
    starts = set(map(_START, tokens))
    out: list[Candidate] = []
    for match in _ROUTE.finditer(line):
        if match.start() not in starts:
            continue
        end = match.end()
        for kind in ("高速公路", "高速", "高铁", "铁路", "城际", "客专"):
            if line.startswith(kind, end):
                end += len(kind)
                break
        out.append(Candidate(match.start(), end, "LOC", "rule:landmark", 55))
    return out


def find_abbreviations(line: str, tokens: list[Token]) -> list[Candidate]:
    """Single-character country and city abbreviations (中美两国, 访华, 在京, 俄总统) as LOC.

    Contract: each character is its own LOC, source ``rule:abbreviation``; a match must not cut a
    multi-character token other than the pair itself (so 非法, 加法 never match).
    """
    out: list[Candidate] = []
    if not _ANY_ABBR.search(line):
        return out  # every rule below needs one of these characters
    starts = set(map(_START, tokens))
    ends = set(map(_END, tokens))
    for match in _PAIR.finditer(line):
        if match.start() in starts and match.end() in ends:
            out += [Candidate(k, k + 1, "LOC", "rule:abbreviation", 30)
                    for k in range(match.start(), match.end())]
    # Each token rule needs a token starting with an abbreviation character.
    for k in compress(range(len(tokens)), map(_ABBR_CHARS.__contains__, map(_FIRST, map(_TEXT, tokens)))):
        tok = tokens[k]
        word = tok.text
        if len(word) == 1 and k + 1 < len(tokens) and word + tokens[k + 1].text in _PAIRS:
            out += [Candidate(tok.start, tok.end, "LOC", "rule:abbreviation", 30),
                    Candidate(tok.end, tok.end + 1, "LOC", "rule:abbreviation", 30)]
        elif word in _PAIRS:
            out += [Candidate(k, k + 1, "LOC", "rule:abbreviation", 30)
                    for k in range(tok.start, tok.end)]
        elif len(word) == 2 and word[1] == "方" and word[0] in _SIDES:
            out.append(Candidate(tok.start, tok.start + 1, "LOC", "rule:abbreviation", 30))
    for pattern in (_VISIT, _SIDE):
        for match in pattern.finditer(line):
            if match.end() in ends or match.start() in starts:
                out.append(Candidate(match.start(), match.end(), "LOC", "rule:abbreviation", 30))
    return out


def _listed_aliases(tokens: list[Token], pending: list[int], found: list[Candidate]) -> list[Candidate]:
    """County short forms listed with another place (龙山、来凤) or naming origin (来凤人)."""
    starts = {c.start for c in found}
    ends = {c.end for c in found}
    out = []
    for i in pending:
        before = i >= 2 and tokens[i - 1].text in "、和与及" and tokens[i - 2].end in ends
        after = (i + 2 < len(tokens) and tokens[i + 1].text in "、和与及"
                 and tokens[i + 2].start in starts)
        origin = i + 1 < len(tokens) and tokens[i + 1].text == "人"
        if before or after or origin:
            out.append(Candidate(tokens[i].start, tokens[i].end, "LOC", "gazetteer", 45))
    return out


_COMPASS = frozenset("东西南北")
_WATERS = ("湖", "江", "河", "海")
def find_places(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Return the LOC candidates of a token list (see module docstring)."""
    stop = lexicon.words("stop-loc")
    extra = lexicon.words("places")
    levels = lexicon.levels
    divisions = lexicon.divisions
    world = lexicon.world
    out: list[Candidate] = []
    pending: list[int] = []  # county short forms accepted only next to another place
    i = 0
    n = len(tokens)
    # The tokens the loop below looks at: an ns, world or listed word, or one of the two tokens
    # before a token ending in a level character; the others are skipped by the fast path.
    texts = list(map(_TEXT, tokens))
    memo = lexicon.memo.get("world-or-places")
    if memo is None:
        memo = lexicon.memo["world-or-places"] = {"": world | extra}
    listed: frozenset[str] = memo[""]
    visit = set(compress(range(n), map(listed.__contains__, texts)))
    visit.update(compress(range(n), map("ns".__eq__, map(_TAG, tokens))))
    for match in _LEVEL_END_RE.finditer("".join(map(_LAST, texts))):
        visit.update((match.start() - 1, match.start() - 2))
    order = sorted(k for k in visit if k >= 0)
    p = 0
    while True:
        while p < len(order) and order[p] < i:
            p += 1
        if p == len(order):
            break
        i = order[p]
        tok = tokens[i]
        word = tok.text
        if tok.tag != "ns" and word not in world and word not in extra:  # fast path
            # A division split over tokens ends in one of its level characters (锁 + 石山村).
            if not ((i + 1 < n and tokens[i + 1].text[-1] in _LEVEL_END)
                    or (i + 2 < n and tokens[i + 2].text[-1] in _LEVEL_END)):
                i += 1
                continue
            two = word + tokens[i + 1].text
            if two not in divisions and (i + 2 >= n or two + tokens[i + 2].text not in divisions):
                i += 1
                continue
        end, nodes = _division_at(tokens, i, lexicon, None)
        if nodes:
            current = set(nodes)
            parts = [(i, end)]
            while end < n:
                nxt, following = _division_at(tokens, end, lexicon, current)
                if not following:
                    break
                current = set(following)
                parts.append((end, nxt))
                end = nxt
            if len(parts) > 1:  # the parts survive if the user rejects the chain
                out += [Candidate(tokens[a].start, tokens[b - 1].end, "LOC", "gazetteer", 49)
                        for a, b in parts]
            if any(levels[m] == 3 for m in current) or tokens[end - 1].text.endswith(("镇", "乡", "街道")):
                end = _village_after(tokens, end)
            elif (end < n and any(levels[m] == 2 for m in current) and tokens[end].tag == "ns"
                  and _VILLAGE.match(tokens[end].text)):
                end += 1  # 道县 + 老村: a village the dictionary knows, right after its county
            if end < n and tokens[end].text == "社区" and tokens[end - 1].text.endswith("村"):
                end += 1
            if tokens[end - 1].text.endswith("村"):
                end = _group_after(tokens, end)  # 湘峰村 + 上坡组: the village group
            source = "gazetteer"
        elif word.endswith("市区") and word[:-1] in lexicon.divisions:  # 长沙市区 -> 长沙
            out.append(Candidate(tok.start, tok.end - 2, "LOC", "gazetteer", 50))
            i += 1
            continue
        elif word in stop or len(word) < 2:
            i += 1
            continue
        elif (word in lexicon.world or word in extra) and word not in _PAIRS:
            end, source = i + 1, "gazetteer"
        elif tok.tag == "ns" and word.endswith(_GEO_SUFFIX) and word not in divisions and not (
            i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].tag not in ("", "p", "c", "uj", "f")
        ):  # 藕/池河: a bound character before means the name starts earlier
            end, source = i + 1, "jieba"
        else:
            if tok.tag == "ns" and any(levels[m] == 2 for m in divisions.get(word, ())):
                pending.append(i)
            i += 1
            continue
        if (i > 0 and tokens[i - 1].text in _COMPASS and tok.text.endswith(_WATERS)
                and (i < 2 or tokens[i - 2].text not in _COMPASS)):
            tok = tokens[i - 1]  # 东 + 洞庭湖: the eastern lake is a name of its own
        if end < n and tokens[end].text in ("脉", "山脉") and tokens[end - 1].text.endswith("山"):
            end += 1  # 武陵山 + 脉: the range
        if end < n and tokens[end].text in _ZONES:
            end += 1
        landmark = landmark_after(tokens, end)
        if landmark > end:
            end, source = landmark, "rule:landmark"
        priority = 50 if source == "gazetteer" else 20
        out.append(Candidate(tok.start, tokens[end - 1].end, "LOC", source, priority))
        i = end
    if pending:
        out += _listed_aliases(tokens, pending, out)
    return out


#: Words before 社区 that say what kind of community it is, not which (老旧社区, 智慧社区).
_COMMUNITY_KINDS = frozenset("老旧 城乡 农村 智慧 和谐 幸福 文明 示范 美丽 新型 城市 乡村 基层 安置 涉疫 封闭 无疫 "
                             "重点 所在 周边 居住 试点 国际 网格 小区 学习型 绿色 平安 法治 数字 现代".split())
_COMMUNITY_NOT = frozenset("的了在和与及是等各每该本全个新老这那此其某所到从对向为把被让给")
_RARE_NAME_COST = 1500


def find_communities(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """A community named by two characters that make no common word, then ``社区``: ``怡海社区``
    (怡/海), ``劲松社区`` (劲松, a rare word); not a kind of community (``老旧社区``, ``城乡社区``).
    The gazetteer knows Hunan's villages and communities; elsewhere news names them bare."""
    out: list[Candidate] = []
    for k in compress(range(1, len(tokens)), map("社区".__eq__, map(_TEXT, tokens[1:]))):
        prev = tokens[k - 1]
        if len(prev.text) == 2:
            name_start = prev.start
            word = prev.text
            ok = (word not in _COMMUNITY_KINDS
                  and (prev.tag in ("", "nr", "nrt", "nz") or lexicon.cost(word) >= _RARE_NAME_COST))
            before = tokens[k - 2] if k >= 2 else None
        elif len(prev.text) == 1 and k >= 2 and len(tokens[k - 2].text) == 1:
            first = tokens[k - 2]
            word = first.text + prev.text
            name_start = first.start
            ok = (all("\u4e00" <= ch <= "\u9fff" and ch not in _COMMUNITY_NOT for ch in word)
                  and word not in _COMMUNITY_KINDS and not lexicon.tag(word))
            before = tokens[k - 3] if k >= 3 else None
        else:
            continue
        if not ok:
            continue
        if before is not None and len(before.text) == 1 and "\u4e00" <= before.text <= "\u9fff" \
                and before.text not in "在到和与及、的从对向为":
            continue  # the two characters end a longer word
        out.append(Candidate(name_start, tokens[k].end, "LOC", "rule:community", 52))
    return out


#: Heads of a named old settlement (guidelines: named villages and historic districts are LOC).
_OLD_SETTLEMENTS = frozenset("古村 古镇 古寨 古村落".split())
_KINDS_OF_OLD = frozenset("传统 历史 千年 百年 特色 知名 著名 美丽 现存 江南 当地 这些 一批 众多".split())


def find_old_settlements(tokens: list[Token]) -> list[Candidate]:
    """Two or three characters of a name, then ``古村``/``古镇``/``古寨``: ``庙下古村``,
    ``张谷英古村`` (a village named after a person is still the village)."""
    out: list[Candidate] = []
    for k in compress(range(1, len(tokens)), map(_OLD_SETTLEMENTS.__contains__, map(_TEXT, tokens[1:]))):
        j = k
        name = ""
        while j > 0 and len(name) < 3:
            word = tokens[j - 1].text
            if not all("\u4e00" <= ch <= "\u9fff" and ch not in _COMMUNITY_NOT for ch in word) or \
                    len(name) + len(word) > 3 or tokens[j - 1].tag in ("v", "p", "c", "u", "uj", "d", "r", "m", "q"):
                break
            name = word + name
            j -= 1
        if len(name) < 2 or name in _KINDS_OF_OLD:
            continue
        if j > 0 and len(tokens[j - 1].text) == 1 and "\u4e00" <= tokens[j - 1].text <= "\u9fff" \
                and tokens[j - 1].text not in "在到和与及、的从对向为是":
            continue  # the name would start inside a word
        out.append(Candidate(tokens[j].start, tokens[k].end, "LOC", "rule:landmark", 55))
    return out
