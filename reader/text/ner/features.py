"""Per-character features of the sequence model, built from the text and the rule layer.

Contract: :func:`line_features` returns one list of attribute strings per character of the line
(attributes that would say "nothing here" are left out, which keeps tagging fast).  It reads only
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
- ``h``/``hc`` how many tokens ahead the clause's next organisation head is, and its last
  character (:func:`head_ahead`, added in session 8).
"""

from __future__ import annotations

from itertools import chain, compress
from operator import itemgetter

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


def _surnames(lexicon: Lexicon) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """``{character: attribute}`` of one-character surnames, the first characters of compound
    ones and the union of both (memoised per lexicon)."""
    memo = lexicon.memo.get("feat-surnames-2")
    if memo is None:
        single = {ch: "sW" for ch in lexicon.weak_surnames if len(ch) == 1}
        single.update({ch: "sS" for ch in lexicon.strong_surnames if len(ch) == 1})
        firsts = frozenset(name[0] for name in lexicon.strong_surnames if len(name) == 2)
        memo = lexicon.memo["feat-surnames-2"] = {"": (single, firsts, firsts.union(single))}
    return memo[""]


_NORM = str.maketrans({**{d: "0" for d in _DIGITS},
                       **{c: "a" for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}})


class _Unigrams(dict[str, tuple[str, str, str, str, str]]):
    """``{character: (u-2=c, u-1=c, u0=c, u1=c, u2=c)}``, filled on first sight: the attribute
    strings are shared instead of built (and freed) at every position, a third of the time of
    the window attributes.  Bounded by the characters a process meets (bigrams are not kept:
    they would grow with the corpus)."""

    def __missing__(self, ch: str) -> tuple[str, str, str, str, str]:
        value = self[ch] = ("u-2=" + ch, "u-1=" + ch, "u0=" + ch, "u1=" + ch, "u2=" + ch)
        return value


_UNIGRAMS = _Unigrams()


def line_features(
    line: str, tokens: list[Token], rules: list[Candidate], lexicon: Lexicon
) -> list[list[str]]:
    """Attributes of each character of ``line`` (see module docstring)."""
    n = len(line)
    if n == 0:
        return []
    pad = ["^2", "^1", *line.translate(_NORM), "$1", "$2"]
    r = ["rO"] * n
    q: list[str | None] = [None] * n
    for cand in rules:
        if cand.type in ("DATE", "NUM") or cand.end > n:
            r[cand.start:cand.end] = ["rD" if cand.type == "DATE" else "rN"] * (min(cand.end, n) - cand.start)
            continue
        size = cand.end - cand.start
        r[cand.start:cand.end] = ["rB" + cand.type] + ["rI" + cand.type] * (size - 1)
        q[cand.start:cand.end] = ["qB" + cand.type + cand.source] + ["qI" + cand.type + cand.source] * (size - 1)
    us = list(map(_UNIGRAMS.__getitem__, pad))  # each character's u-2..u2 strings, made once
    items = [[a[0], b[1], c[2], d[3], e[4], "d0=" + p + q, "d1=" + q + t, x]
             for a, b, c, d, e, p, q, t, x in zip(us, us[1:], us[2:], us[3:], us[4:],
                                                  pad[1:], pad[2:], pad[3:], r)]
    entries = _token_entries(tokens, lexicon)
    for attrs, extra in zip(items, _token_attributes(line, entries)):
        attrs += extra
    single, firsts, either = _surnames(lexicon)
    strong = lexicon.strong_surnames
    for i in compress(range(n), map(either.__contains__, line)):
        ch = line[i]
        if ch in firsts and line[i:i + 2] in strong:
            items[i].append("sC")
        elif ch in single:
            items[i].append(single[ch])
    for i in compress(range(n), q):
        items[i].append(q[i])  # type: ignore[arg-type]
    for k, extra in _heads_ahead(list(map(_CODE, entries))):
        tok = tokens[k]
        for i in range(tok.start, tok.end):
            items[i] += extra
    return items


_Entry = tuple[tuple[tuple[str, ...], ...], str]  # per-character token attributes, head code
_PARTS, _CODE = itemgetter(0), itemgetter(1)


def _token_entries(tokens: list[Token], lexicon: Lexicon) -> list[_Entry]:
    """Per token: the attributes it gives each of its characters (t, w, v) and its head code
    (:func:`_heads_ahead`), memoised by the token's text and tag (its organisation-grammar class
    and whether it is a punctuation mark are functions of the two); one memo look-up per token
    serves both."""
    memo: dict[tuple[str, str], _Entry] = lexicon.memo.setdefault("feat-token-3", {})
    entries = list(map(memo.get, map(_TEXT_TAG, tokens)))
    if None in entries:
        for k in [k for k, entry in enumerate(entries) if entry is None]:
            tok = tokens[k]
            places = _places(len(tok.text))
            level = _level(lexicon, tok.text)
            cls = token_classes([tok], lexicon)[0]
            tag = (tok.tag or "u") + "|" + cls
            word = ("w=" + tok.text,) if len(tok.text) >= 2 else ()
            parts = tuple(
                ("t" + p + tag, *word, *(("v" + p + level,) if level else ())) for p in places
            )
            if cls in _HEAD_CLASSES:
                code = tok.text[-1]
            elif not tok.tag and len(tok.text) == 1 and not tok.text.isalnum():
                code = _PUNCT
            else:
                code = _ORDINARY
            entries[k] = memo[tok[2:4]] = (parts, code)
    return entries  # type: ignore[return-value]  # every None was filled


def _token_attributes(line: str, entries: list[_Entry]) -> list[tuple[str, ...]]:
    """Per character: the attributes that come from the token covering it (t, w, v)."""
    out = list(chain.from_iterable(map(_PARTS, entries)))
    if len(out) != len(line):  # tokens always tile the line; guard against a future change
        raise ValueError("tokens do not tile the line")
    return out


#: Organisation-head classes of :func:`reader.text.ner.orgs.token_classes` (suffix head, branch,
#: standalone body, known or ``nt`` organisation).
_HEAD_CLASSES = frozenset("SBRT")
_AHEAD = 6  # tokens looked ahead for a head (a company's name runs over up to six words)


def head_ahead(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """Per character: how far ahead, in tokens, the next organisation head of the clause is
    (``h1`` the next token … ``h4`` four to six tokens on; nothing when there is none before a
    punctuation mark), and the head's last character with it (``hc1=司``, ``hc4=院``: it tells a
    company from a hospital, a school or a bureau).  The character window (two either side)
    cannot see the head of a long name from its first character (``成都交通投资集团有限公司``,
    ``马边彝族自治县人民医院``); this is the lexicons' organisation-suffix and head lists brought
    to every character before the head.  A head token itself gets ``h0`` with its character.

    :func:`line_features` reads the same attributes from :func:`_heads_ahead` (only the tokens
    that have any, with no per-character list)."""
    per_token: list[tuple[str, ...]] = [()] * len(tokens)
    for k, extra in _heads_ahead(list(map(_CODE, _token_entries(tokens, lexicon)))):
        per_token[k] = extra
    return [part for tok, part in zip(tokens, per_token) for _ in range(tok.end - tok.start)]


_ORDINARY, _PUNCT = "", "<>"  # head codes of :func:`_token_entries`; a head's code is one character
_HEAD_ATTRS: dict[tuple[int, str], tuple[str, str]] = {}  # (distance, last character) -> attributes


def _heads_ahead(codes: list[str]) -> list[tuple[int, tuple[str, str]]]:
    """``(token index, (h<d>, hc<d>=<char>))`` of every token :func:`head_ahead` gives
    attributes, right to left, from the tokens' head codes (the head's last character, a
    punctuation mark's :data:`_PUNCT`, :data:`_ORDINARY`); nothing at all for a line without a
    head (the usual case)."""
    lengths = list(map(len, codes))
    if 1 not in lengths:
        return []
    out: list[tuple[int, tuple[str, str]]] = []
    dist = -1  # tokens to the next head, -1: none in this clause
    last = ""
    for k in range(len(codes) - 1 - lengths[::-1].index(1), -1, -1):  # from the last head
        size = lengths[k]
        if size == 1:
            dist, last = 0, codes[k]
        elif size == 2:
            dist = -1  # punctuation ends the clause
            continue
        elif dist >= 0:
            dist += 1
            if dist > _AHEAD:
                dist = -1
        if dist >= 0:
            key = (dist if dist < 4 else 4, last)
            extra = _HEAD_ATTRS.get(key)
            if extra is None:
                bucket = str(key[0])
                extra = _HEAD_ATTRS[key] = ("h" + bucket, "hc" + bucket + "=" + last)
            out.append((k, extra))
    return out
