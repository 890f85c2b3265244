"""LOC: administrative divisions from the gazetteer, validated chains, and other known places.

Contract: :func:`find_places` returns ``Candidate`` objects over whole tokens.  A run of division
tokens in which every token names a division lying (at any depth) under the division named by
the token before it is one LOC (``娄底市娄星区花山街道``); an invalid continuation starts a new
LOC.  Full division names and the short forms of provinces, cities and counties (``娄底``) are
LOC on their own; township short forms (``花山``) only count inside a validated chain.  Words in
``data/ner/stop-loc.txt`` are never LOC.  Other ``ns`` words of jieba's dictionary and foreign
places from the gazetteer's ``world.txt`` are LOC with source ``"jieba"``/``"gazetteer"``.
"""

from __future__ import annotations

from reader.ner.candidate import Candidate
from reader.ner.lexicon import Lexicon
from reader.ner.segment import Token

# A township or village full name is a LOC on its own only with one of these endings.
_LOW_SUFFIXES = ("镇", "乡", "街道", "村", "社区", "苏木", "办事处", "居委会", "林场", "农场", "管理区")


def _nodes(lexicon: Lexicon, word: str, chain: bool) -> list[int]:
    """Return the division nodes ``word`` may name (short township forms only in a chain)."""
    nodes = lexicon.divisions.get(word)
    if not nodes:
        return []
    names = lexicon.names
    levels = lexicon.levels
    if chain:
        return nodes
    return [
        n for n in nodes
        if levels[n] <= 2 or (names[n] == word and len(word) >= 3 and word.endswith(_LOW_SUFFIXES))
    ]


def _under(lexicon: Lexicon, node: int, ancestors: set[int]) -> bool:
    parents = lexicon.parents
    node = parents[node]
    while node >= 0:
        if node in ancestors:
            return True
        node = parents[node]
    return False


def find_places(tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Return the LOC candidates of a token list (see module docstring)."""
    stop = lexicon.words("stop-loc")
    out: list[Candidate] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        word = tok.text
        if word in stop or len(word) < 2:
            i += 1
            continue
        nodes = _nodes(lexicon, word, chain=False) if tok.tag == "ns" else []
        if nodes:
            current = set(nodes)
            j = i + 1
            while j < n:
                following = _nodes(lexicon, tokens[j].text, chain=True)
                valid = [m for m in following if _under(lexicon, m, current)]
                if not valid:
                    break
                current = set(valid)
                j += 1
            out.append(Candidate(tok.start, tokens[j - 1].end, "LOC", "gazetteer", 50))
            i = j
            continue
        if word in lexicon.world:
            out.append(Candidate(tok.start, tok.end, "LOC", "gazetteer", 40))
        elif tok.tag == "ns":
            out.append(Candidate(tok.start, tok.end, "LOC", "jieba", 20))
        i += 1
    return out
