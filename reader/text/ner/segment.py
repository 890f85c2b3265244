"""Word segmentation: jieba's maximum-probability route over the lexicon, without the HMM.

Contract: :func:`segment` returns tokens that tile the input exactly, in order.  Runs of Han
characters are segmented by the dictionary (an unknown character is a token of its own, as jieba
does with ``HMM=False``); runs of ASCII letters/digits (with ``.``, ``%`` inside numbers) are one
token each; every other character is a token by itself.  This is the same algorithm as
``jieba.cut(text, HMM=False)`` but on integer costs, and it needs no ``import jieba``.

Speed: the route is a Python dynamic programme.  Once a process has segmented
:data:`COMPILED_AFTER` characters (a long ingest or recomputation), it switches to rjieba (the
jieba-rs binding) built from the same lexicon, about seven times faster; the tokens are the same
(the two differ on about one sentence in 5,000, where two routes cost the same to the last
rounding).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from reader.text.ner.lexicon import PREFIX, TAG_SLOTS, TAGS, Lexicon

_CHUNK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([A-Za-z0-9０-９]+(?:[.．][0-9０-９]+)*)")


class Token(NamedTuple):
    """One segment: code-point span, text and dictionary tag (``""`` when unknown)."""

    start: int
    end: int
    text: str
    tag: str


def _route(run: str, lexicon: Lexicon) -> tuple[list[int], list[int]]:
    """Cheapest segmentation of a Han run: ``(next, code)`` arrays indexed by start offset.

    ``next[i]`` is the end of the word starting at ``i`` on the best route and ``code[i]`` its
    lexicon code (``PREFIX`` when unknown).  Right-to-left dynamic programme over the prefix
    dictionary; ties prefer the longer word, as jieba does.
    """
    get = lexicon.codes.get
    unknown = lexicon.unknown_cost
    n = len(run)
    best = [0] * (n + 1)
    nxt = [n] * (n + 1)
    code_at = [PREFIX] * (n + 1)
    for i in range(n - 1, -1, -1):
        code = get(run[i])
        if code is not None and code >= 0:
            b = code // TAG_SLOTS + best[i + 1]
            bc = code
        else:
            b = unknown + best[i + 1]
            bc = PREFIX
        bj = i + 1
        if code is not None:
            j = i + 2
            while j <= n:
                code = get(run[i:j])
                if code is None:
                    break
                if code >= 0:
                    total = code // TAG_SLOTS + best[j]
                    if total <= b:
                        b, bj, bc = total, j, code
                j += 1
        best[i] = b
        nxt[i] = bj
        code_at[i] = bc
    return nxt, code_at


#: After this many characters segmented in one process, the compiled segmenter is built and
#: used: building it costs about as much as segmenting 400,000 characters in Python.
COMPILED_AFTER = 400_000
_STATE: dict[str, object] = {"chars": 0, "compiled": None}


def _compiled(lexicon: Lexicon, size: int) -> object | None:
    """The compiled segmenter (rjieba built from our lexicon alone), once enough text was seen.

    rjieba's ``add_word`` keeps the tag of a word already in its dictionary, so it starts from an
    empty dictionary and gets every word of ours with a frequency that gives the same route
    costs; tags are read from our lexicon, not from rjieba.  ``None`` while the Python route is
    cheaper overall, or when rjieba is not installed.
    """
    found = _STATE["compiled"]
    if found is not None:
        return found if found is not False and _STATE.get("lexicon") is lexicon else None
    _STATE["chars"] = int(_STATE["chars"]) + size  # type: ignore[call-overload]
    if int(_STATE["chars"]) < COMPILED_AFTER:  # type: ignore[call-overload]
        return None
    try:
        import rjieba
    except ImportError:
        _STATE["compiled"] = False
        return None
    jieba = rjieba.Jieba.empty()
    add = jieba.add_word
    for word, code in lexicon.codes.items():
        if code >= 0:  # cost = -100 ln(freq / total): any total gives the same best route
            add(word, max(1, round(1e8 * math.exp(-(code // TAG_SLOTS) / 100))), "x")
    _STATE["compiled"] = jieba
    _STATE["lexicon"] = lexicon
    return jieba


def segment(text: str, lexicon: Lexicon) -> list[Token]:
    """Segment ``text`` into tokens that tile it (see module docstring)."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    codes = lexicon.codes
    pos = 0
    matches = list(_CHUNK.finditer(text))
    compiled = _compiled(lexicon, len(text))
    words: list[str] = []
    if compiled is not None:  # one call for every Han run of the text, split by a separator
        words = compiled.cut("|".join(m.group(1) for m in matches if m.group(1)), hmm=False)  # type: ignore[attr-defined]
    w = 0
    for match in matches:
        for k in range(pos, match.start()):
            append(new(Token, (k, k + 1, text[k], "")))
        start = match.start()
        if match.group(1) and compiled is not None:
            run_end = match.end()
            k = start
            while k < run_end:
                word = words[w]
                w += 1
                if word == "|":
                    continue
                code = codes.get(word, PREFIX)
                append(new(Token, (k, k + len(word), word, TAGS[code % TAG_SLOTS] if code >= 0 else "")))
                k += len(word)
            if w < len(words) and words[w] == "|":
                w += 1
        elif match.group(1):
            run = match.group(1)
            nxt, code_at = _route(run, lexicon)
            k = 0
            n = len(run)
            while k < n:
                end = nxt[k]
                code = code_at[k]
                tag = TAGS[code % TAG_SLOTS] if code >= 0 else ""
                append(new(Token, (start + k, start + end, run[k:end], tag)))
                k = end
        else:
            append(new(Token, (start, match.end(), match.group(0), "m")))
        pos = match.end()
    for k in range(pos, len(text)):
        append(new(Token, (k, k + 1, text[k], "")))
    return tokens
