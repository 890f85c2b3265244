"""Townships of the home province written without their suffix: ``游客来到小沙江``.

Contract: :func:`find_townships` returns LOC candidates (source ``gazetteer``) for the short
forms of the home province's townships (``小沙江`` for 小沙江镇, ``麻塘山`` for 麻塘山乡) that are
no word of the dictionary and end like a place name; a short form must start and end at token
boundaries.  A landmark written right after it belongs to it (``梅溪湖`` + ``国际新城``, source
``rule:landmark``, as after any place in :mod:`places`).  Short forms that are ordinary words (花山) still need a chain (:mod:`places`).
"""

from __future__ import annotations

from itertools import compress

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import HOME_PROVINCE, Lexicon
from reader.text.ner.places import landmark_after
from reader.text.ner.segment import Token

_TOWN_ENDS = frozenset("山江河湖岭峰坪洞湾溪塘洲桥铺口港嘴冲圩岗垭寨渡坡田庄坳垅界台岩")


def _home_townships(lexicon: Lexicon) -> frozenset[str]:
    """Short forms (no 镇/乡/街道) of the home province's townships that are no dictionary word
    and end like a place name (小沙江, 麻塘山, 回龙铺), memoised per lexicon."""
    memo = lexicon.memo.get("home-towns")
    if memo is None:
        levels, names, parents = lexicon.levels, lexicon.names, lexicon.parents

        def province(node: int) -> str:
            while parents[node] >= 0:
                node = parents[node]
            return names[node]

        found = {
            word for word, ids in lexicon.divisions.items()
            if len(word) >= 3 and word[-1] in _TOWN_ENDS and "族" not in word and not lexicon.tag(word)
            and any(levels[m] == 3 and names[m] != word and province(m) == HOME_PROVINCE for m in ids)
        }
        memo = lexicon.memo["home-towns"] = {"": frozenset(found)}
    return memo[""]


def _town_firsts(lexicon: Lexicon) -> frozenset[str]:
    memo = lexicon.memo.get("home-town-firsts")
    if memo is None:
        memo = lexicon.memo["home-town-firsts"] = {"": frozenset(w[0] for w in _home_townships(lexicon))}
    return memo[""]


def find_townships(line: str, tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Home-province townships written without their suffix (``游客来到小沙江``), as LOC.

    The short form must start and end at token boundaries; source ``gazetteer``.
    """
    towns = _home_townships(lexicon)
    out: list[Candidate] = []
    if not towns:
        return out
    firsts = _town_firsts(lexicon)
    starts: dict[int, int] | None = None  # token start -> the token's length
    ends: dict[int, int] | None = None  # token end -> index of the token after it
    for k in compress(range(len(line)), map(firsts.__contains__, line)):  # most lines: no town
        if line[k:k + 4] not in towns and line[k:k + 3] not in towns:
            continue
        if starts is None or ends is None:
            starts = {t.start: t.end - t.start for t in tokens}
            ends = {t.end: i + 1 for i, t in enumerate(tokens)}
        if starts.get(k, 3) > 2:
            continue  # no token starts here, or a longer token: a word of its own
        for size in (4, 3):
            after = ends.get(k + size)
            if line[k:k + size] in towns and after is not None:
                landmark = landmark_after(tokens, after)
                if landmark > after:
                    out.append(Candidate(k, tokens[landmark - 1].end, "LOC", "rule:landmark", 45))
                else:
                    out.append(Candidate(k, k + size, "LOC", "gazetteer", 45))
                break
    return out
