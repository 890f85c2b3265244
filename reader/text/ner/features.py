"""Per-character features of the sequence model, built from the text and the rule layer.

Contract: :func:`line_features` returns one list of attribute strings per character of the line
(attributes that would say "nothing here" are left out, which keeps tagging fast);
:func:`tag_features` returns the same attributes encoded in UTF-8, the form the tagger takes
without converting each string (about a sixth of the tagging time).  It reads only
what the rule recogniser has already computed for the line (its tokens and its resolved
candidates) plus the lexicon, so running the model costs one pass of string building.

Attributes (prefix = meaning):

- ``u-2..u2`` normalised characters around (digits ``0``, Latin letters ``a``); ``d0``/``d1``
  the character bigrams (-1, 0) and (0, +1).  (A bias and the outer bigrams were tried: they
  cost a fifth of the tagging time and gave nothing on the dev sets.)
- ``t`` the character's place in its dictionary token (B/M/E/S) with the token's tag and its
  organisation-grammar class (:func:`reader.text.ner.orgs.token_classes`), one attribute:
  ``tBns|L``; ``w`` the token itself when it has two characters or more; ``v`` the lowest
  division level the token can name, with the place.  (The words before and after a token and
  the tag and class as two attributes were tried too: a tenth of the tagging time for nothing
  measurable on the dev sets.)
- ``s`` surname evidence of the character (strong, weak, first of a compound).
- ``r`` the rule layer's resolved BIO label and type at the character; ``q`` the same with the
  rule's source (``rule:title-name``, ``gazetteer`` …).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, compress
from operator import add, itemgetter
from typing import Any

from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.orgs import token_classes
from reader.text.ner.segment import Token

_TEXT_TAG = itemgetter(2, 3)  # Token.text, Token.tag
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_PLACES = ("S",), ("B", "E"), ("B", "M", "E")  # char places by token length 1, 2, 3+


def _places(length: int) -> tuple[str, ...]:
    if length <= 2:
        return _PLACES[length - 1]
    return ("B",) + ("M",) * (length - 2) + ("E",)


def _level(lexicon: Lexicon, word: str) -> str:
    nodes = lexicon.divisions.get(word)
    if not nodes:
        return ""
    return str(min(lexicon.levels[n] for n in nodes))


def _surnames(lexicon: Lexicon, sp: _Spelling) -> tuple[dict[str, Any], frozenset[str], frozenset[str]]:
    """``{character: attribute}`` of one-character surnames, the first characters of compound
    ones and the union of both (memoised per lexicon and spelling)."""
    memo = lexicon.memo.setdefault("feat-surnames-3", {})
    found = memo.get(sp.memo_key)
    if found is None:
        weak, strong = sp.conv("sW"), sp.conv("sS")
        single = {ch: weak for ch in lexicon.weak_surnames if len(ch) == 1}
        single.update({ch: strong for ch in lexicon.strong_surnames if len(ch) == 1})
        firsts = frozenset(name[0] for name in lexicon.strong_surnames if len(name) == 2)
        found = memo[sp.memo_key] = (single, firsts, firsts.union(single))
    return found


_NORM = str.maketrans({**{d: "0" for d in _DIGITS},
                       **{c: "a" for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}})


class _Spelling:
    """The attribute strings in one representation: ``str`` (:func:`line_features`, what training
    and :meth:`~reader.text.entities.Recognizer.features` see) or UTF-8 ``bytes``
    (:func:`tag_features`: CRFsuite takes bytes as they are and has to encode every ``str``).
    Both are built by the same code from these constants and memo tables, so they can only
    differ by the encoding."""

    def __init__(self, conv: Callable[[str], Any], memo_key: str) -> None:
        self.conv = conv
        self.memo_key = memo_key
        self.start = (conv("^2"), conv("^1"))
        self.end = (conv("$1"), conv("$2"))
        self.d0 = conv("d0=")
        self.d1 = conv("d1=")
        self.sc = conv("sC")
        self.plain = conv("rO")
        #: normalised character -> (its own form, u-2=c, u-1=c, u0=c, u1=c, u2=c)
        self.chars: dict[str, tuple[Any, ...]] = {
            c: (conv(c), *(conv(p + c) for p in ("u-2=", "u-1=", "u0=", "u1=", "u2=")))
            for c in ("^2", "^1", "$1", "$2")}
        self.labels: dict[tuple[str, str], tuple[Any, Any]] = {}  # (type, source) -> (B, I) pairs

    def char(self, c: str) -> tuple[Any, ...]:
        found = self.chars.get(c)
        if found is None:
            conv = self.conv
            found = self.chars[c] = (conv(c), *(conv(p + c) for p in ("u-2=", "u-1=", "u0=", "u1=", "u2=")))
        return found

    def label(self, etype: str, source: str) -> tuple[Any, ...]:
        """``(rB, rI, qB, qI)`` of a rule span (``q`` ``None`` for DATE/NUM)."""
        found = self.labels.get((etype, source))
        if found is None:
            conv = self.conv
            if etype in ("DATE", "NUM"):
                r = conv("rD" if etype == "DATE" else "rN")
                found = (r, r, None, None)
            else:
                found = (conv("rB" + etype), conv("rI" + etype), conv("qB" + etype + source),
                         conv("qI" + etype + source))
            self.labels[(etype, source)] = found
        return found


_STR = _Spelling(str, "feat-token-2")
_BYTES = _Spelling(lambda s: s.encode("utf-8"), "feat-token-2b")


def line_features(
    line: str, tokens: list[Token], rules: list[Candidate], lexicon: Lexicon
) -> list[list[str]]:
    """Attributes of each character of ``line`` (see module docstring)."""
    return _features(line, tokens, rules, lexicon, _STR)


def tag_features(
    line: str, tokens: list[Token], rules: list[Candidate], lexicon: Lexicon
) -> list[list[bytes]]:
    """:func:`line_features` encoded in UTF-8, attribute by attribute (for the tagger)."""
    return _features(line, tokens, rules, lexicon, _BYTES)


def _features(line: str, tokens: list[Token], rules: list[Candidate], lexicon: Lexicon,
              sp: _Spelling) -> list[list[Any]]:
    n = len(line)
    if n == 0:
        return []
    r = [sp.plain] * n
    q: list[Any] = [None] * n
    for cand in rules:
        rb, ri, qb, qi = sp.label(cand.type, cand.source)
        if qb is None or cand.end > n:
            r[cand.start:cand.end] = [rb] * (min(cand.end, n) - cand.start)
            continue
        size = cand.end - cand.start
        r[cand.start:cand.end] = [rb] + [ri] * (size - 1)
        q[cand.start:cand.end] = [qb] + [qi] * (size - 1)
    get = sp.chars.get
    norm = line.translate(_NORM)
    cs = list(map(get, norm))
    if None in cs:
        cs = list(map(sp.char, norm))
    pad = [sp.chars["^2"], sp.chars["^1"], *cs, sp.chars["$1"], sp.chars["$2"]]
    d0, d1 = sp.d0, sp.d1
    forms = [x[0] for x in pad]
    pairs = list(map(add, forms[1:], forms[2:]))  # pairs[k]: pad[k + 1] + pad[k + 2]
    items = [[a[1], b[2], c[3], d[4], e[5], d0 + f, d1 + g, x, *t]
             for a, b, c, d, e, f, g, x, t in zip(pad, pad[1:], pad[2:], pad[3:], pad[4:], pairs,
                                                  pairs[1:], r, _token_attributes(line, tokens, lexicon, sp))]
    single, firsts, either = _surnames(lexicon, sp)
    strong = lexicon.strong_surnames
    for i in compress(range(n), map(either.__contains__, line)):
        ch = line[i]
        if ch in firsts and line[i:i + 2] in strong:
            items[i].append(sp.sc)
        elif ch in single:
            items[i].append(single[ch])
    for i in compress(range(n), q):
        items[i].append(q[i])
    return items


def _token_attributes(line: str, tokens: list[Token], lexicon: Lexicon,
                      sp: _Spelling = _STR) -> list[tuple[Any, ...]]:
    """Per character: the attributes that come from the token covering it (t, w, v), memoised
    by the token's text and tag (its organisation-grammar class is a function of the two)."""
    memo: dict[tuple[str, str], tuple[tuple[Any, ...], ...]] = lexicon.memo.setdefault(
        sp.memo_key, {})
    parts = list(map(memo.get, map(_TEXT_TAG, tokens)))
    if None in parts:
        conv = sp.conv
        for k in [k for k, part in enumerate(parts) if part is None]:
            tok = tokens[k]
            places = _places(len(tok.text))
            level = _level(lexicon, tok.text)
            tag = (tok.tag or "u") + "|" + token_classes([tok], lexicon)[0]
            word = (conv("w=" + tok.text),) if len(tok.text) >= 2 else ()
            parts[k] = memo[tok[2:4]] = tuple(
                (conv("t" + p + tag), *word, *((conv("v" + p + level),) if level else ()))
                for p in places
            )
    out = list(chain.from_iterable(parts))  # type: ignore[arg-type]  # every None was filled
    if len(out) != len(line):  # tokens always tile the line; guard against a future change
        raise ValueError("tokens do not tile the line")
    return out
