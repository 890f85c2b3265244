"""Document consistency: an article agrees with itself about its names.

Contract of :func:`make_consistent` (entities of one text in, entities of the same text out,
sorted and non-overlapping):

- **Names.** Every personal name recognised somewhere in the text (two to four Han characters,
  or a transliterated name with a middle dot; a byline name written with a space, ``李 奕``, also
  counts without it) is tagged PER at its other bare mentions, source ``rule:consistency``.  A
  mention must start at a word boundary of the segmentation and must not end inside a common
  word (``地方文化`` holds no ``方文``); it replaces entities it crosses (``部长江小忠``: the LOC
  ``长江`` gives way to a name ``江小忠`` found elsewhere) but never cuts an entity that contains
  it, nor a user entry.  A surname alone is never spread.  The given name of a three-character
  name that is no common word is a name too where it stands alone as a form of address or a
  subject (``刘首初`` … ``“首初，你…``; ``王船山`` … ``在船山先生诞辰``): after a boundary (the line
  start, punctuation, a preposition) and before punctuation, ``说`` or an honorific.
- **Short forms.** An organisation or place found in full is linked to its short forms in the
  same text: ``canonical`` of the short mention is the full name.  Short forms are the full
  name without its leading place names, keeping the level character (``娄星区纪委监委`` →
  ``区纪委监委``; ``湘潭市公共资源交易中心`` → ``市公共资源交易中心``), without its legal
  suffix and trade words for companies (``湖南邵阳元泰实业公司`` → ``元泰实业``, ``元泰``), and
  a bracketed region before the legal suffix (``索恩格汽车部件（中国）有限公司`` → ``索恩格``), and
  a division's own short names (``湘西土家族苗族自治州`` → ``湘西州``, ``湘西``), and the village
  or community at the end of a place chain (``湖南道县老村`` → ``老村``).  The later part
  of a place chain (``娄星区`` after ``娄底市娄星区``) is a full name of its own and is not linked.  Untagged mentions of a short form that is
  not a common word are tagged too (source ``rule:short-form``), except a generic body (a short
  form made of dictionary words that name no one: ``纪委监委``, ``融媒体中心``, ``医疗队``).  A
  surface typed as a place or a body at least as often as a name is not spread as a name.
- Nothing rejected by the user is added (``allowed(text, type)``), and nothing is added inside
  or across a user entry.

:func:`alias_pairs` lists the ``(short form, full name, type)`` links of a text's entities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token, segment

if TYPE_CHECKING:
    from reader.text.entities import Entity

Allowed = Callable[[str, str], bool]
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FOREIGN_NAME = re.compile(r"^[\u4e00-\u9fff]+(?:[·•・][\u4e00-\u9fff]+)+$")
_LEGAL = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "总公司", "公司",
          "集团", "专业合作社", "合作社")
_TRADE = ("科技发展", "医疗科技", "智能装备", "建设工程", "建筑工程", "投资", "控股", "科技", "实业",
          "发展", "建设", "工程", "建筑", "装备", "智能", "电子", "医疗", "贸易", "商贸", "环保",
          "农业", "能源", "置业", "传媒", "文化", "旅游", "物流", "机械", "重工", "股份", "汽车零部件",
          "汽车部件", "零部件", "部件", "汽车", "电机", "电器", "电气", "食品", "生物", "新材料", "材料",
          "制造", "机电", "通信", "信息", "网络", "软件", "化工", "纸业", "药业", "制药",
          "科技开发", "开发", "医疗器械", "器械", "设备", "服务", "咨询", "管理", "房地产", "地产",
          "种植", "养殖", "种养", "加工", "生产", "销售")
_LEVELS = "省市州县区镇乡"
_VILLAGE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:村|社区)$")
_BRACKETED = re.compile(r"[（(][^（()）]{1,8}[）)](?=[^（()）]*$)")
_WEAK = frozenset({"model", "jieba", "rule:surname"})  # sources a document link may retype
_COMMON_COST = 1250  # dictionary words cheaper than this are ordinary words, not short names
_NAME_END_COST = 1100  # a mention may end inside a word rarer than this (李彦文|说: 文说)


def _is_name(text: str) -> bool:
    return bool(_HAN_NAME.match(text) or _FOREIGN_NAME.match(text))


def _boundaries(line: str, lexicon: Lexicon, tokens: list[Token] | None = None
                ) -> tuple[set[int], dict[int, str]]:
    """Token starts of ``line`` and, for each position inside a token, that token's text."""
    starts: set[int] = set()
    inside: dict[int, str] = {}
    for tok in tokens if tokens is not None else segment(line, lexicon):
        starts.add(tok.start)
        for k in range(tok.start + 1, tok.end):
            inside[k] = tok.text
    starts.add(len(line))
    return starts, inside


def _fits(lexicon: Lexicon, starts: set[int], inside: dict[int, str], s: int, e: int) -> bool:
    """Whether a mention ``[s, e)`` of a line starts at a boundary and ends outside common words."""
    if s not in starts:
        return False
    word = inside.get(e)
    return word is None or lexicon.cost(word) >= _NAME_END_COST


def _short_forms(entity: Entity, lexicon: Lexicon) -> set[str]:
    """The short forms of a full organisation or place name (see module docstring)."""
    text = entity.text
    out: set[str] = set()
    divisions = lexicon.divisions
    rest = text
    last = before = ""
    while True:  # strip leading division names (longest first): 湖南 邵阳 元泰实业公司
        for k in range(min(len(rest), 12), 1, -1):
            if rest[:k] in divisions:
                if entity.type == "ORG" and rest[k - 1] in _LEVELS and len(rest) - k >= 2:
                    out.add(rest[k - 1:])  # 娄星区纪委监委 -> 区纪委监委
                before, last = last, rest[:k]
                rest = rest[k:]
                break
        else:
            break
    if entity.type == "LOC":
        village = rest if len(rest) >= 3 else ("" if rest else last)
        if len(village) == 2 and not before.endswith(tuple(_LEVELS)):
            village = ""  # 道县 + 老村, not 庙下 + 古村
        if village and _VILLAGE.match(village) and len(village) < len(text) and village[0] not in _LEVELS:
            return {village}  # 湖南道县老村 -> 老村: the village named on its own later
        if rest or not last:
            return set()  # a place name with another tail: no short forms
        names = _names_by_node(lexicon)
        for node in divisions.get(last, ()):  # the division's short names: 湘西州, 湘西
            for word in names.get(node, ()):
                if 2 <= len(word) < len(last) and last.startswith(word[:2]):
                    out.add(word)
        return {f for f in out if f != text}
    if rest != text and len(rest) >= 3:
        out.add(rest)
    core = _BRACKETED.sub("", rest)  # 索恩格汽车部件（中国）有限公司: the region is no part of the name
    if core != rest and len(core) >= 3:
        out.add(core)
    for suffix in _LEGAL:
        if core.endswith(suffix) and len(core) - len(suffix) >= 2:
            core = core[: -len(suffix)]
            out.add(core)
            break
    else:
        return {f for f in out if f != text}
    while True:
        for word in _TRADE:
            if core.endswith(word) and len(core) - len(word) >= 2:
                core = core[: -len(word)]
                out.add(core)
                break
        else:
            break
    return {f for f in out if f != text and len(f) >= 2}


def _names_by_node(lexicon: Lexicon) -> dict[int, list[str]]:
    """Every name and alias of each province, city and county node (memoised per lexicon)."""
    memo = lexicon.memo.get("doc-names")
    if memo is None:
        found: dict[int, list[str]] = {}
        levels = lexicon.levels
        for word, ids in lexicon.divisions.items():
            for node in ids:
                if levels[node] <= 2:
                    found.setdefault(node, []).append(word)
        memo = lexicon.memo["doc-names"] = {"": found}
    return memo[""]


#: Dictionary tags of proper names: a short form holding one of them names someone's body.
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})


def _generic_body(form: str, lexicon: Lexicon) -> bool:
    """Whether an organisation's short form is a generic body (``纪委监委``, ``融媒体中心``,
    ``扶贫工作队``, ``医疗队``: the full name less its places and level, every word of it a
    dictionary word and none a proper name).  Its mentions are linked where they are tagged, but its bare
    mentions are not tagged: another county's 纪委监委 is written the same way."""
    if form[0] in _LEVELS:
        return False  # 区纪委监委: the district's own, named by its level as the text does
    tokens = segment(form, lexicon)
    return all(lexicon.tag(t.text) and lexicon.tag(t.text) not in _PROPER_TAGS for t in tokens)


def _common(lexicon: Lexicon, word: str) -> bool:
    tag = lexicon.tag(word)
    return bool(tag) and lexicon.cost(word) < _COMMON_COST and tag not in ("nt", "ns", "nr", "nz", "org")


#: Characters that follow a name without being its third character (particles, prepositions).
_NOT_GIVEN_END = frozenset("的了在和与及是说等也都就对把被为从将到于而或并又还让给以由其之这那着过得地所再却只同当但则向")


def _grown(text: str, name: str, lexicon: Lexicon) -> str:
    """``name`` plus the character that follows it at every one of its (two or more) mentions,
    when that character starts no word (``陈水`` + ``兵`` ×7, not ``王红`` + ``书记``); else ``""``."""
    followers: set[str] = set()
    count = 0
    pos = text.find(name)
    while pos >= 0:
        nxt = text[pos + len(name):pos + len(name) + 2]
        if not nxt or not "\u4e00" <= nxt[0] <= "\u9fff":
            return ""
        if len(nxt) == 2 and lexicon.tag(nxt) and lexicon.cost(nxt) < _COMMON_COST:
            return ""  # 王红 + 书记: a word follows, not a third given character
        if nxt[0] in _NOT_GIVEN_END:
            return ""  # 刘佩 + 的, 唐琴 + 的: a particle follows every mention, not a given character
        followers.add(nxt[0])
        count += 1
        pos = text.find(name, pos + 1)
    if count < 2 or len(followers) != 1:
        return ""
    return name + followers.pop()


def _grow(entity: Entity, full: str, text: str) -> Entity:
    if text[entity.start:entity.start + len(full)] != full:
        return entity
    return replace(entity, end=entity.start + len(full), text=full)


def make_consistent(
    text: str, entities: list[Entity], lexicon: Lexicon, allowed: Allowed,
    user_texts: frozenset[str] = frozenset(), tokens: dict[int, list[Token]] | None = None,
) -> list[Entity]:
    """Return ``entities`` made consistent across ``text`` (see module docstring).

    ``tokens`` may give the tokens of each line (by line number) the recogniser already has."""
    from reader.text.entities import Entity

    names: set[str] = set()
    votes: dict[str, int] = {}  # per surface: mentions typed PER minus mentions typed LOC or ORG
    for ent in entities:
        if ent.type in ("PER", "LOC", "ORG"):
            votes[ent.text] = votes.get(ent.text, 0) + (1 if ent.type == "PER" else -1)
        if ent.type == "PER" and ent.source != "user":
            bare = ent.text.replace(" ", "").replace("\u3000", "").replace("\xa0", "")
            if _is_name(bare) and allowed(bare, "PER"):
                names.add(bare)
    # a surface the text types as a place or a body at least as often as a name is not spread as
    # a name (华容河 read once as a name, four times as a river)
    names = {n for n in names if votes.get(n, 1) > 0}
    grown = {name: _grown(text, name, lexicon) for name in names if len(name) == 2}
    grown = {short: full for short, full in grown.items() if full and allowed(full, "PER")}
    if grown:  # 陈水 found where the text always writes 陈水兵: the name is 陈水兵
        names = (names - set(grown)) | set(grown.values())
        starts = {e.start for e in entities}
        entities = [_grow(e, grown[e.text], text) if e.type == "PER" and e.text in grown
                    and e.end not in starts else e for e in entities]
    links: dict[str, tuple[str, str]] = {}  # short form -> (full name, type)
    for ent in entities:
        if ent.type in ("ORG", "LOC") and len(ent.text) >= 4:
            for form in _short_forms(ent, lexicon):
                if form not in user_texts and allowed(form, ent.type):
                    old = links.get(form)
                    if old is None or len(ent.text) > len(old[0]):
                        links[form] = (ent.text, ent.type)
    out = [replace(e, canonical=links[e.text][0]) if e.text in links and e.type == links[e.text][1]
           and e.source != "user" else e for e in entities]
    wanted = [(n, "PER", "rule:consistency", "") for n in sorted(names, key=len, reverse=True)]
    wanted += [(form, etype, "rule:short-form", full) for form, (full, etype) in
               sorted(links.items(), key=lambda kv: -len(kv[0]))
               if not _common(lexicon, form) and len(form) >= 2
               and not (etype == "ORG" and _generic_body(form, lexicon))]
    givens = {n[1:] for n in names if len(n) == 3 and _HAN_NAME.match(n) and n[1:] not in names
              and not _common(lexicon, n[1:]) and allowed(n[1:], "PER") and n[1:] not in user_texts}
    if not wanted and not givens:
        return out
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    cache: dict[int, tuple[set[int], dict[int, str]]] = {}
    for surface, etype, source, canonical in wanted:
        pos = text.find(surface)
        while pos >= 0:
            end = pos + len(surface)
            out = _add(out, Entity(pos, end, etype, surface, source, canonical), text, lexicon,
                       line_starts, cache, tokens or {})
            pos = text.find(surface, end)
    for given in sorted(givens):
        pos = text.find(given)
        while pos >= 0:
            end = pos + 2
            if (pos == 0 or text[pos - 1] in _GIVEN_BEFORE) and (
                    text[end:end + 1] in _GIVEN_AFTER or text[end:end + 2] in _GIVEN_AFTER):
                out = _add(out, Entity(pos, end, "PER", given, "rule:consistency", ""),
                           text, lexicon, line_starts, cache, tokens or {})
            pos = text.find(given, end)
    return _village_bodies(text, out)


#: Bodies of a village or community written right after its name (下灌社区 + 党委).
_VILLAGE_BODIES = ("党总支", "党支部", "党委", "居委会", "村委会")


def _village_bodies(text: str, entities: list[Entity]) -> list[Entity]:
    """A village or community mention added here and followed by its Party branch or committee
    is that body (``下灌社区`` + ``党委`` → ORG ``下灌社区党委``), when nothing else starts there."""
    starts = {e.start for e in entities}
    out = []
    for ent in entities:
        if ent.type == "LOC" and ent.source == "rule:short-form" and ent.end not in starts:
            body = next((b for b in _VILLAGE_BODIES if text.startswith(b, ent.end)), "")
            if body and _VILLAGE.match(ent.text):
                ent = replace(ent, end=ent.end + len(body), type="ORG", text=ent.text + body, canonical="")
        out.append(ent)
    return out


#: What may stand before a given name used alone, and what follows it (see the module docstring).
_GIVEN_BEFORE = frozenset("\n，。、；：！？“”‘’（）(),:;!? \u3000在和与对向给让被把是从跟")
_GIVEN_AFTER = frozenset("，。、；：！？”’）),:;!?说") | {"先生", "同志", "老师"}


def _add(
    out: list[Entity], new: Entity, text: str, lexicon: Lexicon, line_starts: list[int],
    cache: dict[int, tuple[set[int], dict[int, str]]], tokens: dict[int, list[Token]],
) -> list[Entity]:
    """``out`` with ``new`` added when it fits (see module docstring), else unchanged."""
    crossing: list[Entity] = []
    for ent in out:
        if ent.end <= new.start or new.end <= ent.start:
            continue
        if (ent.start, ent.end) == (new.start, new.end) and ent.type != new.type and ent.source in _WEAK:
            crossing.append(ent)  # 元泰/PER from the model, 元泰实业公司 given in full: an ORG
            continue
        if ent.start <= new.start and new.end <= ent.end:
            return out  # already tagged, or inside a longer entity
        if ent.source == "user" or (ent.type == new.type and ent.source != "model"):
            return out
        if new.start <= ent.start and ent.end <= new.end and ent.type == new.type:
            crossing.append(ent)  # a shorter entity of the same type inside the name
            continue
        if ent.type in ("DATE", "NUM"):
            return out
        crossing.append(ent)
    line = max(k for k, s in enumerate(line_starts) if s <= new.start)
    start = line_starts[line]
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    if new.end > stop:
        return out
    if line not in cache:
        cache[line] = _boundaries(text[start:stop], lexicon, tokens.get(line))
    starts, inside = cache[line]
    if not _fits(lexicon, starts, inside, new.start - start, new.end - start):
        return out
    kept = [e for e in out if e not in crossing]
    kept.append(new)
    kept.sort(key=lambda e: e.start)
    return kept


def short_form_links(names: Iterable[tuple[str, str]], lexicon: Lexicon) -> dict[tuple[str, str], str]:
    """``{(short form, type): full name}`` among the ``(text, type)`` names of one text.

    The same links :func:`make_consistent` makes, from names alone (for an index built from
    stored entities): a short form links to the longest full name of its type it belongs to.
    """
    from reader.text.entities import Entity

    present = set(names)
    links: dict[tuple[str, str], str] = {}
    for text, etype in sorted(present, key=lambda p: -len(p[0])):
        if etype not in ("ORG", "LOC") or len(text) < 4:
            continue
        ent = Entity(0, len(text), etype, text, "")
        for form in _short_forms(ent, lexicon):
            if (form, etype) in present and (form, etype) not in links:
                links[(form, etype)] = text
    return links


def alias_pairs(entities: Iterable[Entity]) -> list[tuple[str, str, str]]:
    """``(short form, full name, type)`` for each linked short form among ``entities``, once."""
    seen: dict[tuple[str, str, str], None] = {}
    for ent in entities:
        if ent.canonical and ent.canonical != ent.text:
            seen.setdefault((ent.text, ent.canonical, ent.type), None)
    return list(seen)
