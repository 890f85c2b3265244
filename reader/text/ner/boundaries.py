"""Boundary and kind repairs on a line's merged candidates (merge policy 6).

Contract: :func:`tidy` takes one line, its tokens, its PER/LOC/ORG/DATE/NUM candidates (merged,
or the rule layers' own when no model runs) and the lexicon, and returns the candidates with
these general facts of Chinese news applied (every repair keeps the candidate's source):

- **A name ends before a verb or a particle.**  A personal name of three or more characters
  whose end cuts a dictionary word (``刘胜`` + ``成为``), or whose third character is an adverb,
  a preposition or a conjunction (``谭娟`` + ``直呼``, ``曹华`` + ``向``), or a verb that is
  hardly ever a given-name character and takes a complement or particle (``刘毅`` + ``脱下``,
  ``李慧`` + ``办的``); never before punctuation (``杨叶凡``), or ``的``, ``说`` or ``问``
  (``刘佩`` + ``的``, ``王勇`` + ``说``, ``陈涛`` + ``问``), is cut back to surname and given name.
- **An organisation ends at its head, not in a verb phrase.**  An ORG whose last word is a
  verb or a verb phrase (jieba lists ``统一安排`` as an organisation: ``湖南省委`` |
  ``统一安排``) is cut back to the head before it; one that holds a verb between two bodies is
  two (``林业局`` | ``联合`` | ``合肥海关``, ``国家卫健委`` | ``调派`` | ``北京医院``).  A division
  alone read as a body is the place (``四川``派出…: LOC).
- **Estates, village facilities and kinds of institution are not names** (guidelines: estates
  are not LOC; a village's clinic or its "two committees" name no body): a LOC ending in
  ``小区``, an ORG that is only a level character and such a facility (``村卫生室``, ``村两委``)
  or a kind of institution alone (``方舱医院``, ``卫生院``), a factory (``镇污水处理厂``; the
  village before one stays a place: ``晏家村`` of ``晏家村生态红薯粉厂``), a hospital department read as
  a name (``麻醉科``) are dropped; a verb of motion is no part of a city's abbreviation
  (``来京`` → ``京``).
- **A hospital keeps its department** (``湖南省直中医院`` + ``感染科`` before a title), and a
  country's "head office" is the country (``德国总部`` → LOC ``德国``).
- **A numbered body keeps its place** (``湖南省`` + ``第二`` + ``人民医院``: one ORG); a form of
  address or a kind of opera is no name (``王大爷``, ``黄梅戏``).
- **A park keeps its district character** (``白沙洲工业园`` + ``区`` → ``白沙洲工业园区``).
- **A military district is a body** (``省军区``, ``岳阳军分区``), so is a museum or library
  named with its director (``中国美术馆`` + ``馆长``), and so is a name in the list of
  known organisations (``雅礼``, a school, whatever the model says): LOC becomes ORG.  A short
  organisation name followed by a road word is the road (``湘雅`` + ``路``: LOC).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

#: Tags of single-character words that never end a given name (adverbs, prepositions…).
_STOP_TAGS = frozenset("d p c u uj ul uz ud ug uv".split())  # not r: 张天 + 任
#: Tags of words a name does not run into.
_VERB_TAGS = frozenset("v vd vn vi d ad l i".split())
#: A verb character seen fewer times than this as a given-name character ends a name; an
#: adverb or preposition one seen fewer times than :data:`_RARE_FUNCTION` (才, 正, 先 stay).
_RARE_GIVEN = 20
_RARE_FUNCTION = 100
_NAME_TAGS = frozenset("nr nrfg nrt".split())
#: What follows a verb, not a name: 脱 + 下, 办 + 的 (侯金助 + 在 stays a name).
_COMPLEMENTS = frozenset("下 上 出 起 完 好 到 的 了 着 过 得".split())
_ORG_HEAD_CHARS = frozenset("委会局厅办部院所队组处科室站司社团行校署庭盟党中心馆厂")
#: A city and a railway station's name (天津站, 杭州东站, 长沙火车南站, 成都东客站).
_STATION = re.compile(r"^(.{2,4}?)(?:火车)?[东西南北]?客?站$")
_FACILITY = re.compile(r"^[村镇乡组]?(?:两委|卫生室|卫生所|图书室|文化室|活动室|农家书屋)$")
_MILITARY = ("军分区", "省军区", "警备区", "军区")
_HOSPITALS = ("医院", "中医院", "卫生院", "保健院")
#: A hospital's department written right after it, before a title (感染科 + 副主任医师).
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,8}?科(?=主任|副主任|医生|医师|护士|主治|专家|教授|病区|的|[，。、])")
#: Verbs that join two bodies acting together (林业局联合合肥海关).
_JOINING = frozenset("联合 会同 联手 携手 协同 配合 牵头 旗下".split())
_ADDRESS = frozenset("大爷 大妈 大娘 大伯 大叔 大哥 大姐 阿姨 奶奶 爷爷 婆婆 师傅 女士 先生 老汉 老伯 姐 哥".split())
_FACTORIES = ("厂", "处理厂", "水厂", "加工厂")
_MOTION = frozenset("来在赴抵进回返离到")
_ABBREVIATIONS = frozenset("京沪湘华港澳")
#: Kinds of institution named without any name (方舱医院 is a kind of field hospital).
_GENERIC_BODIES = frozenset("方舱医院 定点医院 新建医院 卫生院 乡镇卫生院 卫生服务中心 社区卫生服务中心 医院 学校".split())
_HALLS = ("美术馆", "博物馆", "图书馆", "纪念馆", "文化馆", "科技馆", "博物院")
_HALL_HEADS = ("馆长", "副馆长", "院长", "副院长")
_ROADS = frozenset("路 大道 街 巷".split())
_PARKS = ("工业园", "产业园", "科技园", "物流园", "创业园")


def _window(tokens: list[Token], starts: list[int], start: int, end: int) -> list[Token]:
    """The tokens that overlap ``[start, end)`` (``starts``: the token starts, ascending)."""
    i = max(bisect_right(starts, start) - 1, 0)
    j = bisect_left(starts, end, i)
    return tokens[i:j]


def _cut_person(line: str, tokens: list[Token], cand: Candidate, lexicon: Lexicon,
                after: dict[int, Token], starts: list[int]) -> Candidate:
    text = line[cand.start:cand.end]
    if len(text) < 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return cand
    first = 2 if text[:2] in lexicon.strong_surnames else 1  # 欧阳 + given name
    lowest = cand.start + first + 1  # keep surname and at least one given character
    if text[-1] in "的说问" and cand.end - 1 >= lowest:  # 刘佩的, 王勇说, 陈涛问
        return Candidate(cand.start, cand.end - 1, "PER", cand.source, cand.priority)
    for tok in _window(tokens, starts, cand.start, cand.end):
        if tok.end <= lowest or tok.start >= cand.end:
            continue
        if tok.start < lowest:
            if tok.end > cand.end:
                return cand  # a name token running past the span: leave it
            continue
        word = tok.text
        crosses = (tok.end > cand.end and len(word) >= 2 and tok.tag in _VERB_TAGS
                   and word[-1] not in "说讲道")  # 刘胜|成为, not 黄育|文说 (a name and 说)
        given = lexicon.given_chars.get(word, 0)
        nxt = after.get(tok.end)
        going = nxt is not None and "\u4e00" <= nxt.text[0] <= "\u9fff"  # not 杨叶凡）
        stop = len(word) == 1 and going and ((tok.tag in _STOP_TAGS and given < _RARE_FUNCTION) or (
            tok.tag == "v" and given < _RARE_GIVEN and nxt.text in _COMPLEMENTS))
        if crosses or stop or (len(word) >= 2 and tok.tag in _VERB_TAGS and tok.end <= cand.end):
            return Candidate(cand.start, tok.start, "PER", cand.source, cand.priority)
    return cand


def _split_joined(line: str, tokens: list[Token], cand: Candidate, lexicon: Lexicon,
                  after: dict[int, Token]) -> list[Candidate]:
    """``林业局`` + ``联合`` + ``合肥海关``: two bodies and the verb joining them, not one name
    (a verb that names a body's field stays: ``省委`` + ``巡视`` + ``工作领导小组``)."""
    fields = lexicon.words("org-verbs")
    for tok in tokens:
        nxt = after.get(tok.end)
        if cand.start < tok.start and tok.end < cand.end and (tok.text in _JOINING or (
                tok.tag in ("v", "vn") and len(tok.text) == 2 and tok.text not in fields
                and nxt is not None and nxt.tag in ("nt", "ns", "nz", "j")  # 调派 + 北京医院
                and line[cand.end - 1] in _ORG_HEAD_CHARS)):
            left = line[cand.start:tok.start]
            if len(left) >= 2 and left[-1] in _ORG_HEAD_CHARS and cand.end - tok.end >= 3:
                return [Candidate(cand.start, tok.start, "ORG", cand.source, cand.priority),
                        Candidate(tok.end, cand.end, "ORG", cand.source, cand.priority)]
    return [cand]


def _cut_org(line: str, tokens: list[Token], cand: Candidate, lexicon: Lexicon) -> Candidate:
    inside = [t for t in tokens if cand.start <= t.start and t.end <= cand.end]
    if len(inside) < 2 or inside[-1].end != cand.end:
        return cand
    last = inside[-1]
    word = last.text
    if len(word) < 2 or word[-1] in _ORG_HEAD_CHARS:
        return cand
    tag = last.tag
    if tag == "nt":
        tag = lexicon.tag(word[-2:]) if len(word) >= 4 else ""
    if tag not in _VERB_TAGS:
        return cand
    head = line[cand.start:last.start]
    if len(head) >= 2 and head[-1] in _ORG_HEAD_CHARS:
        return Candidate(cand.start, last.start, "ORG", cand.source, cand.priority)
    return cand


def tidy(line: str, tokens: list[Token], cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The candidates of ``line`` with the repairs of the module docstring."""
    after = {tok.start: tok for tok in tokens}
    token_starts = [tok.start for tok in tokens]
    starts = {c.start for c in cands}
    orgs = lexicon.words("orgs")
    out: list[Candidate] = []
    for cand in cands:
        etype = cand.type
        if etype == "PER":
            text = line[cand.start:cand.end]
            if len(text) == 3 and text[-1] == "科" and lexicon.tag(text[:2]) in ("v", "vn", "n", "a"):
                continue  # 麻醉科, 呼吸科: a hospital department, not a name
            if text[1:] in _ADDRESS or text[2:] in _ADDRESS:
                continue  # 王大爷, 林女士: a form of address (guidelines), not a name
            if len(text) >= 3 and text[-1] in "戏剧" and lexicon.tag(text[-2:]) != "nr":
                continue  # 黄梅戏, 花鼓戏: a kind of opera, not a name
            cand = _cut_person(line, tokens, cand, lexicon, after, token_starts)
        elif etype == "ORG":
            text = line[cand.start:cand.end]
            if _FACILITY.match(text) or text in _GENERIC_BODIES:
                continue
            if text.endswith(_FACTORIES):  # guidelines: a factory is no name, its village is
                place = next((t for t in tokens if t.start == cand.start and t.end < cand.end
                              and t.tag == "ns" and t.text in lexicon.divisions), None)
                if place is not None:
                    out.append(Candidate(cand.start, place.end, "LOC", cand.source, cand.priority))
                continue
            if len(text) >= 2 and text in lexicon.divisions and text[-1] not in _ORG_HEAD_CHARS:
                out.append(Candidate(cand.start, cand.end, "LOC", cand.source, cand.priority))
                continue  # 四川, 武汉 acting as a body: still the place
            nxt = after.get(cand.end)
            if nxt is not None and nxt.text in _ROADS and len(text) <= 3 and nxt.start not in starts:
                out.append(Candidate(cand.start, nxt.end, "LOC", cand.source, cand.priority))
                continue  # 湘雅 + 路: a road named after a school
            station = _STATION.match(text)
            if station is not None and station.group(1) in lexicon.divisions:
                out.append(Candidate(cand.start, cand.end, "LOC", cand.source, cand.priority))
                continue  # 杭州东站, 天津站: a railway station is a place (guidelines), not a body
            if text.endswith("总部") and (text[:-2] in lexicon.world or text[:-2] in lexicon.divisions):
                out.append(Candidate(cand.start, cand.end - 2, "LOC", cand.source, cand.priority))
                continue  # 德国总部: a company's head office in that country
            if text.endswith(_HOSPITALS):
                unit = _DEPARTMENT.match(line, cand.end)
                if unit is not None and unit.end() not in starts and not any(
                        cand.end < x < unit.end() for x in starts):
                    cand = Candidate(cand.start, unit.end(), "ORG", cand.source, cand.priority)
            window = _window(tokens, token_starts, cand.start, cand.end)
            parts = _split_joined(line, window, cand, lexicon, after)
            if len(parts) > 1:
                out += parts
                continue
            cand = _cut_org(line, window, cand, lexicon)
        elif etype == "LOC":
            text = line[cand.start:cand.end]
            if text.endswith("小区"):
                continue
            if text[0] in "暨及" and len(text) >= 3 and text[1:] in lexicon.divisions:
                cand = Candidate(cand.start + 1, cand.end, "LOC", cand.source, cand.priority)
                text = text[1:]  # 暨山西省: the conjunction and the province
            if len(text) == 2 and text[0] in _MOTION and text[1] in _ABBREVIATIONS:
                cand = Candidate(cand.start + 1, cand.end, "LOC", cand.source, cand.priority)
                out.append(cand)  # 来京: the verb of motion and the city's abbreviation
                continue
            if text.endswith(_MILITARY) or text in orgs or (  # 省军区; 雅礼 (listed)
                    text.endswith(_HALLS) and line.startswith(_HALL_HEADS, cand.end)):  # 中国美术馆馆长
                cand = Candidate(cand.start, cand.end, "ORG", cand.source, cand.priority)
            elif text.endswith(_PARKS):
                nxt = after.get(cand.end)
                if nxt is not None and nxt.text == "区" and nxt.start not in starts:
                    cand = Candidate(cand.start, nxt.end, "LOC", cand.source, cand.priority)
        out.append(cand)
    out = _join_ordinals(line, out)
    return _generalise(line, tokens, out, lexicon, after)


# --- Repairs of kinds found by error analysis on the news dev sets (dev..dev7) ---------------

#: A session number before a body is not part of its name (``十三届`` + ``全国人大常委会``;
#: inside a chain it is: ``湖南省十三届人大常委会``, which starts with the place).
_SESSION_PREFIX = re.compile(r"^第?[一二三四五六七八九十]{1,3}届")
#: Heads of a body a list names without repeating the place before it (``安徽省市场监管局、
#: 公安厅、农业农村厅``; ``县文体广新局、文化馆``; ``县委宣传部和文体广新局``).
_LISTED_HEADS = ("局", "厅", "委", "办", "馆", "委员会", "检察院", "法院")
_LIST_JOINS = frozenset("、 和 及 与 以及".split())
_LISTED_TAGS = frozenset({"n", "vn", "nz", "j", "ns", "nt", "org", "a", "b", "an", ""})
#: Last characters of a hamlet written after its village (阳山村 + 廖家湾: one place).
_HAMLET_ENDS = frozenset("湾冲坪垸屋塘岭坳寨庄组")
#: Heads after a lone level character that make a LOC the model read a body (县文化馆).
_LEVEL_BODY_HEADS = ("馆", "中心", "局", "团", "剧团", "站", "委员会")


def _nodes_of(lexicon: Lexicon, text: str, suffix: bool) -> list[int]:
    """The division nodes of the longest suffix (or prefix) of ``text`` that names a division;
    a prefix must end in a level character (``河郭乡`` of ``河郭乡左村``) or be the whole text
    and name a city or county (``赤壁``; not the township ``洞庭湖`` of the lake)."""
    for k in range(min(len(text), 12), 1, -1):
        part = text[-k:] if suffix else text[:k]
        nodes = lexicon.divisions.get(part)
        if nodes and not suffix:
            if part[-1] in _CHAIN_LEVELS and k < len(text):
                return nodes
            if k == len(text) or (k == len(text) - 1 and text[-1] in "市县区"):  # 赤壁; 南和 + 县
                return [n for n in nodes if lexicon.levels[n] <= 2]
            continue
        if nodes:
            return nodes
    return []


_CHAIN_LEVELS = frozenset("省市县区州盟旗镇乡")


def _nested(lexicon: Lexicon, outer: list[int], inner: list[int]) -> bool:
    parents = lexicon.parents
    ancestors = set(outer)
    for node in inner:
        node = parents[node]
        while node >= 0:
            if node in ancestors:
                return True
            node = parents[node]
    return False


def _generalise(line: str, tokens: list[Token], cands: list[Candidate], lexicon: Lexicon,
                after: dict[int, Token]) -> list[Candidate]:
    """General repairs found on the news dev sets (module docstring, last items):

    - a leading session number is cut from a body (``十三届全国人大常委会`` → ``全国人大常委会``),
      and so is a level character after ``全`` (``全市`` + ``…专家技术委员会``: 全市 is generic);
    - a lone level character and a hall, centre, bureau or troupe is a body, not a place
      (``县文化馆``, ``县湘剧团``);
    - a one-character place inside a longer dictionary word is no place (``湘剧``, ``湘昆``);
    - two places where the gazetteer puts the second inside the first are one chain (``广东`` +
      ``汕头``, ``湖北`` + ``赤壁``), and a village keeps the hamlet written after it (``阳山村`` +
      ``廖家湾``); a hamlet does not take the ``村`` of ``村民`` (``廖家湾`` | ``村民``);
    - a body listed right after a body with its place, without repeating the place, is a body
      (``安徽省市场监管局、公安厅、农业农村厅``, ``桂阳县委宣传部和文体广新局``).
    """
    by_start: dict[int, Token] = after
    ends = {tok.end: tok for tok in tokens}
    out: list[Candidate] = []
    for cand in cands:
        text = line[cand.start:cand.end]
        if cand.type == "ORG":
            match = _SESSION_PREFIX.match(text)
            if match and len(text) - match.end() >= 3:
                cand = Candidate(cand.start + match.end(), cand.end, "ORG", cand.source, cand.priority)
            elif (cand.start > 0 and line[cand.start - 1] == "全" and text[0] in "省市县区"
                  and len(text) >= 6 and text[1:3] not in lexicon.divisions):
                cand = Candidate(cand.start + 1, cand.end, "ORG", cand.source, cand.priority)
        elif cand.type == "LOC":
            if (len(text) >= 3 and text[0] in "省市县区" and text.endswith(_LEVEL_BODY_HEADS)
                    and text[:2] not in lexicon.divisions and text not in lexicon.divisions):
                cand = Candidate(cand.start, cand.end, "ORG", cand.source, cand.priority)
            elif text.endswith("科") and (cut := max(text.rfind("社区"), text.rfind("村"), text.rfind("街道"))) > 0 \
                    and 2 <= len(text) - cut - (1 if text[cut] == "村" else 2) <= 4:
                end = cand.start + cut + (1 if text[cut] == "村" else 2)  # 劲松社区 | 保健科
                cand = Candidate(cand.start, end, "LOC", cand.source, cand.priority)
            elif len(text) == 1:
                tok = by_start.get(cand.start)
                pair = line[cand.start:cand.start + 2]
                if tok is not None and cand.source == "model" and (
                        len(tok.text) >= 2 or (len(pair) == 2 and lexicon.tag(pair))) and (
                        pair not in lexicon.divisions and pair not in lexicon.world):
                    continue  # 湘剧, 湘莲, 湘商: a kind of opera, a crop, a trader, not Hunan
            elif (line[cand.end:cand.end + 1] in "湖江河山" and (tok := by_start.get(cand.end)) is not None
                  and len(tok.text) >= 2 and (text + tok.text[0]) in lexicon.words("places")):
                cand = Candidate(cand.start, cand.end + 1, "LOC", cand.source, cand.priority)  # 洞庭 + 湖区
            elif text.endswith("村") and line[cand.end:cand.end + 1] == "民" and len(text) >= 4 and (
                    text[-2] in _HAMLET_ENDS):
                cand = Candidate(cand.start, cand.end - 1, "LOC", cand.source, cand.priority)
        out.append(cand)
    # Joins: places nested in the gazetteer, a village and its hamlet.
    locs = {c.start: c for c in out if c.type == "LOC"}
    joined: list[Candidate] = []
    for cand in out:
        if cand.type != "LOC":
            continue
        nxt = locs.get(cand.end)
        if nxt is None:
            continue
        first, second = line[cand.start:cand.end], line[nxt.start:nxt.end]
        hamlet = (first.endswith("村") and len(first) >= 3 and 2 <= len(second) <= 4
                  and second[-1] in _HAMLET_ENDS)
        hamlet = hamlet or (first[-1] in "区县镇乡道" and len(first) >= 3 and not first.endswith(("小区", "园区", "城区", "景区"))
                            and second.endswith(("社区", "村")) and 3 <= len(second) <= 6)  # 朝阳区 + 劲松社区
        if hamlet or _nested(lexicon, _nodes_of(lexicon, first, True), _nodes_of(lexicon, second, False)):
            joined.append(Candidate(cand.start, nxt.end, "LOC", cand.source, max(cand.priority, nxt.priority)))
    out += joined  # the parts stay: resolution picks the outermost, a rejected chain its parts
    out = _listed_bodies(line, tokens, out, lexicon)
    return sorted(_village_roles(line, out))


#: A village's bodies, which news names with a title for the office, not the body, when no
#: person follows (guidelines: ``多名优秀村党支部书记``, ``村党支部书记、村委会主任深度沟通``).
_VILLAGE_BODIES = frozenset("村党支部 村支部 村党总支 村委会 村民委员会 村党委".split())
_ROLE_TITLES = ("书记", "副书记", "主任", "副主任", "委员", "支书")


def _village_roles(line: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop a bare village body used in a generic office (any village's), with no name after
    it: after a plural or generic marker (``多名优秀村党支部书记``, ``对于村党支部书记…``) or in a
    list of offices (``信访干部、村党支部书记、村委会主任``).  One village's office stays a body
    (guidelines: ``市委`` of ``…市市长、市委书记``; ``村支部书记郑桂洪``)."""
    if "村" not in line:
        return cands
    persons = {c.start for c in cands if c.type == "PER"}
    out = []
    for cand in cands:
        if cand.type == "ORG" and line[cand.start:cand.end] in _VILLAGE_BODIES:
            title = next((t for t in sorted(_ROLE_TITLES, key=len, reverse=True)
                          if line.startswith(t, cand.end)), "")
            end = cand.end + len(title)
            if title and end not in persons:
                before = line[max(0, cand.start - 3):cand.start]
                generic = before.endswith(_GENERIC_MARKS)
                listed = (line[end:end + 1] in ("、", "和", "及") and line.startswith(("村", "驻村", "乡镇"), end + 1)) or (
                    cand.start > 0 and line[cand.start - 1] in "、和及" and before[:-1].endswith(_ROLE_WORDS))
                if generic or listed:
                    continue  # 村党支部书记、村委会主任: offices, not bodies
        out.append(cand)
    return out


_GENERIC_MARKS = ("多名", "优秀", "各", "全体", "广大", "每个", "一批", "部分", "对于", "各村", "全市", "全县",
                  "全省", "所有", "以及")
_ROLE_WORDS = ("干部", "书记", "主任", "队长", "委员", "人员", "代表", "党员", "组长")


def _listed_bodies(line: str, tokens: list[Token], cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Bodies listed after a placed body without their place (see :func:`_generalise`)."""
    if "、" not in line and "和" not in line and "及" not in line and "与" not in line:
        return cands
    covered = bytearray(len(line) + 1)
    for c in cands:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    orgs = [c for c in cands if c.type == "ORG"]
    if not orgs:
        return cands
    index = {tok.start: i for i, tok in enumerate(tokens)}
    fields = lexicon.words("org-verbs")
    stop = lexicon.words("stop-org")
    added: list[Candidate] = []
    queue = sorted(orgs)
    while queue:
        prev = queue.pop(0)
        ptext = line[prev.start:prev.end]
        if not ptext.endswith(_LISTED_HEADS + ("部",)) or len(ptext) < 3:
            continue
        i = index.get(prev.end)
        if i is None or tokens[i].text not in _LIST_JOINS:
            continue
        j = i + 1
        words: list[Token] = []
        while j < len(tokens) and len(words) < 4:
            tok = tokens[j]
            words.append(tok)
            body = line[tokens[i + 1].start:tok.end]
            if body.endswith(_LISTED_HEADS) and 3 <= len(body) <= 7:
                break
            j += 1
        else:
            continue
        if j >= len(tokens):
            continue
        start, end = tokens[i + 1].start, tokens[j].end
        body = line[start:end]
        if not body.endswith(_LISTED_HEADS) or not 3 <= len(body) <= 7 or any(covered[start:end]):
            continue
        if body in stop or body[0] in "各该本全有相等":
            continue
        if not all(t.tag in _LISTED_TAGS or t.text in fields for t in words):
            continue
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        if nxt and nxt[0] in "长" :
            continue  # 林业局长: a title
        new = Candidate(start, end, "ORG", "rule:listed-body", prev.priority)
        added.append(new)
        covered[start:end] = b"\x01" * (end - start)
        queue.insert(0, new)
    return cands + added if added else cands


_ORDINAL = re.compile("第[一二三四五六七八九十]{1,3}")


def _join_ordinals(line: str, cands: list[Candidate]) -> list[Candidate]:
    """``湖南省`` + ``第二`` + ``人民医院``: a place, an ordinal and the body it numbers are one ORG."""
    if "第" not in line:
        return cands
    by_start = {c.start: c for c in cands if c.type == "ORG"}
    drop: set[Candidate] = set()
    joined: list[Candidate] = []
    for cand in cands:
        if cand.type != "LOC" or cand in drop:
            continue
        match = _ORDINAL.match(line, cand.end)
        body = by_start.get(match.end()) if match else None
        if body is None and match is not None:  # 武汉 + 第六医院重症医学科: the body holds its number
            body = by_start.get(cand.end)
        if body is not None:
            drop |= {cand, body}
            joined.append(Candidate(cand.start, body.end, "ORG", body.source, body.priority))
    if not joined:
        return cands
    return sorted([c for c in cands if c not in drop] + joined)
