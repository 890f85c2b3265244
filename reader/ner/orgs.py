"""ORG: organisation names built from tokens by a small grammar over token classes.

Each token gets one class letter:

- ``L`` place (inside a LOC candidate), ``P`` prefix word (``data/ner/org-prefix.txt``: 中国,
  国家, 邮储, level characters 省/市/区/县...), ``R`` organisation on its own
  (``org-standalone.txt``: 区委, 国务院), ``T`` jieba ``nt`` word, ``B`` branch head that attaches
  to the organisation before it (``org-branch.txt``: 分局, 分行, 巡察组), ``S`` organisation head
  (a token ending in an ``org-suffix.txt`` entry, or tagged ``org`` in ``words.txt``), ``O``
  ordinal (第五), ``N`` noun that may sit inside a name, ``X`` anything else.

An ORG is ``anchor inner* head`` followed by any number of attached heads, branches after a
place or a noun (``郴州市公安局`` + ``北湖分局``) and ordinal groups (``区委`` + ``第五巡察组``),
or a standalone/``nt`` word.  A new standalone body right after a head starts a new ORG
(``区委`` | ``区政府``).  The outermost match is one ORG, source ``"rule:org-suffix"``.
"""

from __future__ import annotations

import re

from reader.ner.candidate import Candidate
from reader.ner.lexicon import Lexicon
from reader.ner.segment import Token

_GRAMMAR = re.compile(r"(?:[LPT][LPTN]{0,6}?[SBRT]|[RT]|O[SB])(?:[SB]|O[SB]|[LN]{0,2}B)*")
_INNER_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "ns", "org", "an", "b", "ng", "nrt", "l"})
_ORDINAL = re.compile(r"^第[一二三四五六七八九十0-9]+$")


def _classes(tokens: list[Token], lexicon: Lexicon, loc_tokens: set[int]) -> str:
    suffixes = lexicon.words("org-suffix")
    branch = lexicon.words("org-branch")
    standalone = lexicon.words("org-standalone")
    prefix = lexicon.words("org-prefix")
    stop = lexicon.words("stop-org")
    titles = lexicon.words("titles")
    out = []
    for i, tok in enumerate(tokens):
        word = tok.text
        tag = tok.tag
        if i in loc_tokens:
            out.append("L")
        elif word in stop or word in titles or tag == "title":
            out.append("X")
        elif word in standalone:
            out.append("R")
        elif word in branch:
            out.append("B")
        elif tag == "nt":
            out.append("T")
        elif tag == "org" or word in suffixes or (
            len(word) >= 2 and tag in _INNER_TAGS
            and (word[-1] in suffixes or word[-2:] in suffixes or word[-3:] in suffixes)
        ):
            out.append("S")
        elif word in prefix:
            out.append("P")
        elif _ORDINAL.match(word):
            out.append("O")
        elif tag in _INNER_TAGS and len(word) >= 2:
            out.append("N")
        else:
            out.append("X")
    return "".join(out)


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
    classes = _classes(tokens, lexicon, loc_tokens)
    out: list[Candidate] = []
    for match in _GRAMMAR.finditer(classes):
        first, last = match.start(), match.end() - 1
        if first == last and classes[first] == "T":
            source = "jieba"
        else:
            source = "rule:org-suffix"
        out.append(Candidate(tokens[first].start, tokens[last].end, "ORG", source, 60))
    return out
