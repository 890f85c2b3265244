"""LOC: roads and streets named by a word and a road word (guidelines: roads, streets are LOC).

Contract: :func:`find_roads` takes one line's tokens and returns LOC candidates, source
``rule:road``.  A road word token (:data:`_ROAD_WORDS`: ``路``, ``大道``, ``中路``, ``东路``…) after
one to three name tokens of two to five characters in all is one LOC: ``大元`` + ``路``
(``大/元/路``), ``劳动`` + ``东路``, ``五一`` + ``大道``.  Name tokens are Han words that are no
verb, adverb, preposition, pronoun, measure or time word, and hold no function character, so
``修路``, ``这条路``, ``6月大元路`` (月 stops the name) read right; kinds of rural road
(:data:`_GENERIC`: ``产业路``, ``致富路``) are no names.  ``街`` and ``巷`` need a proper
word before them (a place, a name, an unknown word: ``九庵巷``), since ``上街``, ``一条街`` are not.
"""

from __future__ import annotations

from reader.text.ner.candidate import Candidate
from reader.text.ner.segment import Token

_ROAD_WORDS = frozenset("路 大道 大街 中路 东路 西路 南路 北路 二路 三路 环路 街 巷".split())
_STRICT = frozenset("街 巷 大街 二路 三路".split())  # 上街, 一条街: only after a proper word
_NOT_NAME_TAGS = frozenset("v vd d p c u uj ul uz ud ug uv r rr rz q f t y e o x".split())
_VAGUE = frozenset("几多少半数每些两俩余若")
_PROPER = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j", ""})
_STOP_CHARS = frozenset("的了在和与及是等各每该本全这那个条此其我你他她它们年月日时号处上下里内外边旁前后成为")
#: First characters that with one more common character make an ordinary word before 路 (小/巷).
_COMMON_FIRST = frozenset("马公道铁水陆网线思出生走来去回进山小大老新")


#: Kinds of road rural news writes with 路 that name no road (产业路, 致富路, 通村路).
_GENERIC = frozenset("产业 旅游 致富 扶贫 脱贫 通村 通组 入户 进村 出村 环村 机耕 生产 小康 连心 民心 发展 振兴 "
                     "希望 回家 上学 求学 成长 创业 奋斗 改革 复兴 强国 富民 幸福 康庄 生命 求医 就医 返乡 "
                     "回乡 出山 泥巴 社会主义 硬化 水泥 柏油 砂石 沙石 农村 四好农村 乡村 春运 阳光 一带一 一段 价格".split())


def _name_token(tok: Token) -> bool:
    word = tok.text
    if tok.tag == "m" and any(ch in _VAGUE for ch in word):
        return False  # 几步路, 多条路; 五一大道, 大/元/路 stay
    return ("\u4e00" <= word[0] <= "\u9fff" and tok.tag not in _NOT_NAME_TAGS and word[0] != "一"
            and not any(ch in _STOP_CHARS for ch in word))


def find_roads(line: str, tokens: list[Token]) -> list[Candidate]:
    """Return the road and street LOC candidates of one line (see module docstring)."""
    out: list[Candidate] = []
    for k in range(1, len(tokens)):
        road = tokens[k].text
        if road not in _ROAD_WORDS:
            continue
        start = k
        for j in range(k - 1, max(k - 4, -1), -1):
            if not _name_token(tokens[j]) or tokens[k].start - tokens[j].start > 5:
                break
            start = j
        if start == k:
            continue
        name = tokens[start:k]
        length = tokens[k].start - name[0].start
        if length < 2 or (len(name) == 1 and len(name[0].text) == 1):
            continue
        if "".join(t.text for t in name) in _GENERIC and len(road) == 1:
            continue
        if road in _STRICT and not any(t.tag in _PROPER for t in name):
            continue
        if len(road) == 1 and length == 2 and len(name) == 2 and name[0].text in _COMMON_FIRST and (
                name[1].tag in ("n", "a")):
            continue  # 小/巷, 老/街 with a common word: no name
        out.append(Candidate(name[0].start, tokens[k].end, "LOC", "rule:road", 47))
    return out
