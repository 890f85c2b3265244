"""Word segmentation: jieba's maximum-probability route over the lexicon, without the HMM.

Contract: :func:`segment` returns tokens that tile the input exactly, in order.  Runs of Han
characters are segmented by the dictionary (an unknown character is a token of its own, as jieba
does with ``HMM=False``); runs of ASCII letters/digits (with ``.``, ``%`` inside numbers) are one
token each; every other character is a token by itself.  This is the same algorithm as
``jieba.cut(text, HMM=False)`` but on integer costs, and it needs no ``import jieba``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.ner.lexicon import PREFIX, TAG_SLOTS, TAGS, Lexicon

_CHUNK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([A-Za-z0-9０-９]+(?:[.．][0-9０-９]+)*)")


class Token(NamedTuple):
    """One segment: code-point span, text and dictionary tag (``""`` when unknown)."""

    start: int
    end: int
    text: str
    tag: str


def _route(run: str, lexicon: Lexicon) -> list[int]:
    """Return the end offsets of the cheapest segmentation of a Han run."""
    codes = lexicon.codes
    unknown = lexicon.unknown_cost
    n = len(run)
    dag: list[list[tuple[int, int]]] = []
    get = codes.get
    for i in range(n):
        options = [(i + 1, unknown)]
        j = i + 1
        frag = run[i]
        code = get(frag)
        while code is not None:
            if code >= 0:
                if j == i + 1:
                    options[0] = (j, code // TAG_SLOTS)
                else:
                    options.append((j, code // TAG_SLOTS))
            j += 1
            if j > n:
                break
            frag = run[i:j]
            code = get(frag)
        dag.append(options)
    best = [0] * (n + 1)
    nxt = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        b = None
        bj = i + 1
        for j, c in dag[i]:
            total = c + best[j]
            if b is None or total < b or (total == b and j > bj):
                b = total
                bj = j
        best[i] = b if b is not None else 0
        nxt[i] = bj
    ends = []
    i = 0
    while i < n:
        i = nxt[i]
        ends.append(i)
    return ends


def segment(text: str, lexicon: Lexicon) -> list[Token]:
    """Segment ``text`` into tokens that tile it (see module docstring)."""
    tokens: list[Token] = []
    codes = lexicon.codes
    pos = 0
    for match in _CHUNK.finditer(text):
        for k in range(pos, match.start()):
            tokens.append(Token(k, k + 1, text[k], ""))
        start = match.start()
        if match.group(1):
            run = match.group(1)
            prev = 0
            for end in _route(run, lexicon):
                word = run[prev:end]
                code = codes.get(word, PREFIX)
                tag = TAGS[code % TAG_SLOTS] if code >= 0 else ""
                tokens.append(Token(start + prev, start + end, word, tag))
                prev = end
        else:
            tokens.append(Token(start, match.end(), match.group(0), "m"))
        pos = match.end()
    for k in range(pos, len(text)):
        tokens.append(Token(k, k + 1, text[k], ""))
    return tokens
