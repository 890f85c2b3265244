"""Whether a span the model found on its own looks like a name of its type.

Contract: :func:`plausible` answers for one model span that no rule candidate touches.  The
training corpora (MSRA, the PD-1998 clauses, CLUENER) label things our guidelines leave out:
bare organisation heads (``派出所``, ``督查组``, ``服务中心``), ordinary words (``太阳``,
``平安``) and one-character places outside the country abbreviations.  A span is kept when

- its text is in none of the stop lists (``data/ner/stop-*.txt``) for its type, and it is not a
  single ordinary dictionary word (a common word whose tag is not a name tag);
- PER: it is written in Han characters (joined by dots in a transliteration) and starts with a surname (or is a transliterated or pseudonymous name: ``库琴科·塔拉斯``,
  ``小芳``);
- ORG: some part of it names something: a place, a name, a word the dictionary does not know or
  knows as a proper noun (one organisation head alone names nothing: ``临时党支部``), a rare
  word, or a level prefix, or a conglomerate's name (``天能集团``) (``区委``, ``市政府``); or it is a body
  named by its function alone (``纪委``, ``监委``, an office listed with 办: ``河长办``);
- LOC: it has two characters or more (or is a country/region abbreviation); it is not a kind
  of place (``湿地公园``, ``古商城``); an unknown two-character word must end like a settlement
  (``姚桥``, not ``湖洲``).
"""

from __future__ import annotations

import re

from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

_PROPER = frozenset({"", "ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng", "org", "loc", "per"})
_COMMON_COST = 1250
_RARE_COST = 1500
_COMMON_LOC_COST = 1100  # jieba tags some common words ns (太阳, 南方)
_LEVEL = frozenset("省市县区州镇乡村")
_ABBREVIATIONS = frozenset("中美日俄英法德韩朝印巴以意加澳越泰菲蒙欧非港台京沪湘乌")
#: Bodies news names without a level prefix (市委常委、纪委书记、监委主任).
_BARE_BODIES = frozenset("纪委 监委 纪委监委 纪工委 政法委".split())
_BODY_TITLES = ("书记", "副书记", "主任", "副主任", "常委", "委员")
_INSTITUTION_HEADS = ("医院", "中学", "小学", "大学", "学院", "学校")
_NAME_PART_TAGS = frozenset({"n", "ns", "nr", "nrt", "nz", "j", "", "ng", "nt"})
_NOT_BRAND = frozenset("的了在和与及是等各该这那本大型家个些全")
#: Kinds of place our guidelines leave unlabelled (markets, shops, farms, bases; 场 but squares
#: and airports), and counts of places.
_NOT_PLACES = ("市场", "超市", "基地", "商场", "商店")
_PLACE_GROUNDS = ("广场", "机场")
_COUNTS = frozenset("两三四五六七八九十几多各")
_STOP = {"PER": "stop-per", "LOC": "stop-loc", "ORG": "stop-org"}
# A two-character place the dictionary does not know is a settlement name: 姚桥, 沈湾, 李村.
_SETTLEMENT = frozenset("村桥巷湾坪冲垸岭峪寨坳屯店铺庄堡塘圩湖")
_GENERIC_PLACES = frozenset(
    "商城 古城 古镇 广场 公园 景区 风景区 名胜区 博物馆 纪念馆 美术馆 体育馆 体育场 机场 大厦 大会堂 "
    "产业园 产业园区 园区 工业园 工业园区 开发区 示范区 新区 高新区 经开区 活动中心 小区 社区 村 "
    "街道 乡镇 农村 城区 市区 山区 库区 景点 基地".split())


def _han(ch: str) -> bool:
    """Whether ``ch`` is a CJK ideograph (the basic block, extension A, or the supplementary planes)."""
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3FFFF


def _ordinary(lexicon: Lexicon, word: str) -> bool:
    tag = lexicon.tag(word)
    return bool(tag) and tag not in _PROPER and lexicon.cost(word) < _COMMON_COST


def plausible(line: str, tokens: list[Token], start: int, end: int, etype: str, lexicon: Lexicon) -> bool:
    """Whether ``line[start:end]``, found by the model alone, looks like a name (see module)."""
    text = line[start:end]
    if text in lexicon.words(_STOP.get(etype, "")) or _ordinary(lexicon, text):
        return False
    if etype == "PER":
        if not all(_han(ch) or ch in "·•" for ch in text) or text[0] in "·•" or text[-1] in "·•":
            return False  # 利剑Ⅲ·春雷: a name is Han characters (a transliteration joined by dots)
        surnames = lexicon.strong_surnames | lexicon.weak_surnames
        return (text[0] in surnames or text[:2] in lexicon.strong_surnames or "·" in text
                or (text[0] in "小老阿" and len(text) == 2) or lexicon.tag(text) in ("nr", "nrt", "nrfg"))
    if etype == "LOC":
        if text in _GENERIC_PLACES or (len(text) >= 3 and text[1:] in _GENERIC_PLACES):
            return False  # 古商城, 产业园区: a kind of place, not a name
        for k in (2, 3):  # 湿地 + 公园: an ordinary word and a kind of place
            if text[k:] in _GENERIC_PLACES and _ordinary(lexicon, text[:k]):
                return False
        if text.endswith(_NOT_PLACES) or (text[-1] == "场" and not text.endswith(_PLACE_GROUNDS)):
            return False  # 隆东菜市场, 早田蔬菜基地, 长北货场, 天岳农贸超市: markets, farms, bases
        if len(text) == 2 and text[0] in _COUNTS and text[1] in _LEVEL:
            return False  # 三市, 两县: a count of places
        if len(text) < 2:
            return text in _ABBREVIATIONS
        known = text in lexicon.divisions or text in lexicon.world or text in lexicon.words("places")
        if known:
            return True
        if len(text) == 2 and not lexicon.tag(text):  # 湖洲, 洲滩, 普惠: fragments, not names
            return text[1] in _SETTLEMENT
        return not lexicon.tag(text) or lexicon.cost(text) >= _COMMON_LOC_COST  # not 太阳/ns
    if text.endswith(("平台", "工作站")):
        return False  # 阳光信访平台, 博士后工作站: a platform or a post, not a body's name
    if text.endswith(("政府", "当局")) and (text[:-2] in lexicon.world or text[:-2] in _ABBREVIATIONS):
        return False  # 中国政府, 美国当局: the country, not an organisation name
    if text[1:2] == "里" and text[0] in _LEVEL:
        return False  # 县里剧团: "the county's", no body's name
    if text[0] in _LEVEL and len(text) <= 6:
        return True  # 区委, 市政府, 县公安局
    if text.startswith("国家") and 4 <= len(text) <= 8 and text.endswith(("局", "委", "部", "署", "院", "中心")):
        return True  # 国家林草局, 国家卫健委: a national body
    if text.endswith("集团") and 2 <= len(text) - 2 <= 6 and not any(ch in _NOT_BRAND for ch in text[:-2]):
        return True  # 天能集团, 小米集团: a conglomerate is always named
    head = next((h for h in _INSTITUTION_HEADS if text.endswith(h)), "")
    if head and 2 <= len(text) - len(head) <= 5 and not _ordinary(lexicon, text[:-len(head)]) and all(
            t.tag in _NAME_PART_TAGS for t in tokens if start <= t.start and t.end <= end - len(head)):
        return True  # 火神山医院: a name made of nouns before a hospital or a school
    if (text in _BARE_BODIES and line.startswith(_BODY_TITLES, end)) or (
            len(text) >= 3 and text.endswith("办") and lexicon.tag(text) == "org"):
        return True  # 纪委书记, 河长办: a body named by its function alone
    parts = [t for t in tokens if start <= t.start and t.end <= end] or []
    heads = sum(1 for t in parts if t.tag == "org")
    for tok in parts:
        word = tok.text
        if len(word) == 1 and not tok.tag:
            continue  # punctuation inside
        if (tok.tag in _PROPER and not (tok.tag == "org" and heads == 1)) or word in lexicon.divisions \
                or lexicon.cost(word) >= _RARE_COST:
            return True
    return False


#: Trade words that continue a company's name (山河智能 + 装备) and session numbers of a body.
_TRADE_WORDS = frozenset("装备 智能装备 科技 实业 集团 股份 控股 重工 机械 电气 药业 纸业 电子 环保 新材料 材料".split())
#: Heads that end a body's name however the segmentation cuts them (研究/会).
_STRETCH_HEADS = ("研究会", "促进会", "联谊会", "基金会", "协会", "学会", "商会", "委员会", "研究院", "研究所",
                  "研究中心", "联合会")
_SESSION = re.compile(r"^第?[一二三四五六七八九十]+届$")
_FUNCTION_TAGS = frozenset({"v", "vd", "d", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr",
                            "rz", "a", "ad", "m", "q", "f", "t", "y", "e", "o"})


def ordinary_stretch(line: str, tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether ``line[start:end]`` is only ordinary words: function words, verbs, adverbs, and
    common nouns that are no organisation head (``执行``, ``好``, ``物业``, ``智能机械``).

    The merge policy uses it for the part of a model span outside the rule span it holds:
    when that part is ordinary, the model ran the name into its neighbours.
    """
    if start >= end:
        return True
    if line[start:end] in _TRADE_WORDS or _SESSION.match(line[start:end]):
        return False  # 山河智能 + 装备, 湖南省 + 十三届 + 人大常委会: part of the name
    heads = lexicon.union("org-suffix", "org-standalone", "org-branch")
    stretch = line[start:end]
    if any(line.endswith(h, 0, end) for h in _STRETCH_HEADS):
        return False  # 湖南省 + 炎黄文化研究会, 国家卫生健康委 + 员会: the span ends in a body's head,
        # however the segmentation cuts it
    for tok in tokens:
        if tok.end <= start or tok.start >= end:
            continue
        if tok.start < start or tok.end > end:
            if tok.start >= start and tok.tag in ("ns", "nr", "nrt", "nz") and len(tok.text) >= 3:
                return False  # the stretch is the head of a name the segmentation ran on into
                # the next word (阳山村 + 廖家湾|村民: 廖家湾村 + 民)
            continue  # the model's span ends inside a word (严格|执行): no name ends there
        word = tok.text
        if word in heads or word[-1:] in heads or word[-2:] in heads or tok.tag in ("org", "title"):
            return False
        if len(word) == 1 and tok.tag in ("n", "ng", "nr", "ns") and end - start == 1:
            return False  # 雷 + 神山医院: a character the name begins with, not a word of its own
        if tok.tag in _FUNCTION_TAGS or (len(word) == 1 and not tok.tag):
            continue
        tag = lexicon.tag(word)
        if not tag or tag in _PROPER or lexicon.cost(word) >= _RARE_COST:
            return False  # a name part, not an ordinary word
    return True


#: Tags of the words a body's name is made of (nouns and names), for :func:`nominal_stretch`.
_NOMINAL_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "j", "ng", "zg", "org"})


def nominal_stretch(tokens: list[Token], start: int, end: int) -> bool:
    """Whether ``start:end`` is made of whole tokens that are all nouns or names (``国网``,
    ``中基``): the words a body's name is built from.  The merge policy uses it for the part of a
    model ORG span before the one rule ORG it holds: the model put the body's parent or brand
    before it (``国网`` + ``潍坊供电公司``), which the lexicon alone cannot tell from ordinary nouns,
    and a character model trained on ten thousand bodies reads better."""
    inside = [t for t in tokens if t.start < end and start < t.end]
    return bool(inside) and all(start <= t.start and t.end <= end and t.tag in _NOMINAL_TAGS
                                for t in inside)
