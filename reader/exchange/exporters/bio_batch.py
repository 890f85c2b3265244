"""The BIO lines of a batch of documents at once, with numpy (the hot path of a corpus-wide BIO export).

A corpus of 185 million characters writes 185 million lines; building them one Python string
per character cost 40 s.  Here a batch of documents (a few hundred) is joined with ``\\n``,
turned into an array of code points, and every step is an array operation:

- whitespace is dropped (``str.isspace``, what ``\\s`` matches) and positions are mapped to
  written characters by a running count;
- a written character ends a sentence when only whitespace separates it from a newline (or the
  document's end), or when it ends a run of enders and closers that holds an ender (what
  :data:`reader.exchange.exporters.bio.SENTENCE_END` + closers match);
- the non-overlapping spans (first, then longest, wins; a Python loop only where spans overlap)
  label their written characters ``B-``/``I-``, ``B-`` again after a sentence end;
- each line is its character, then `` O`` / `` B-X`` / `` I-X`` and a newline, plus a blank line
  after a sentence's last character, scattered into one array of code points and decoded once.

The output is the same, character for character, as the per-character loop it replaces
(``tests/reader/test_bio_batch.py`` compares them on random documents).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SENTENCE_END = "。！？!?"
CLOSERS = "”’」』）)】》\"'"
DOCSTART = "-DOCSTART- O"

_LUT = 0x10000  # every whitespace, ender and closer is in the BMP; index _LUT stands for the rest


def _table(chars: str) -> np.ndarray:
    table = np.zeros(_LUT + 1, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_KEPT = ~_table("".join(c for c in map(chr, range(_LUT)) if c.isspace()))
_ENDER = _table(SENTENCE_END)
_ENDER_OR_CLOSER = _table(SENTENCE_END + CLOSERS)


def choose(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Indexes of the spans kept, given spans sorted by (position, longest first) in one
    coordinate space where documents do not overlap: a span is dropped when it starts before
    the end of a span already kept."""
    if len(start) == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.empty(len(end), dtype=np.int64)
    before[0] = -1
    np.maximum.accumulate(end[:-1], out=before[1:])
    clash = start < before  # only these can be dropped; the others start after every earlier end
    if not clash.any():
        return np.arange(len(start))
    keep = ~clash
    clear = np.where(keep, end, -1)
    clear_before = np.empty(len(end), dtype=np.int64)
    clear_before[0] = -1
    np.maximum.accumulate(clear[:-1], out=clear_before[1:])
    covered = -1
    for i in np.flatnonzero(clash).tolist():  # in order: a kept clashing span covers later ones
        if start[i] >= max(covered, int(clear_before[i])):
            keep[i] = True
            covered = max(covered, int(end[i]))
    return np.flatnonzero(keep)


def bio_batch(texts: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray,
              code: np.ndarray, labels: Sequence[str]) -> tuple[str, int]:
    """The CoNLL text of ``texts`` (each with its ``-DOCSTART-`` header) and the number of spans
    written.  Span ``i`` is ``[start[i], end[i])`` of ``texts[doc[i]]`` labelled
    ``labels[code[i]]``; spans need not be sorted and may overlap (see :func:`choose`)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    base = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=base[1:])
    joined = "\n".join(texts)
    units = joined.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(joined):  # no character beyond the BMP: one code unit per character
        codec, cp = "utf-16-le", np.frombuffer(units, dtype="<u2")
        lut = cp
    else:
        codec, cp = "utf-32-le", np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        lut = np.minimum(cp, _LUT)
    keep = _KEPT[lut]
    prefix = np.zeros(len(cp) + 1, dtype=np.int32)
    np.cumsum(keep, out=prefix[1:])
    written = cp[keep]
    n = len(written)

    final = np.zeros(n, dtype=bool)
    if n:
        final[-1] = True
        last = prefix[np.flatnonzero(cp == 10)] - 1
        final[last[last >= 0]] = True
        run_end = np.flatnonzero(_ENDER[lut])  # grown over the enders and closers that follow
        while len(run_end):
            after = np.minimum(run_end + 1, len(cp) - 1)
            grows = (run_end + 1 < len(cp)) & _ENDER_OR_CLOSER[lut[after]]
            if not grows.any():
                break
            run_end = run_end + grows
        final[prefix[run_end + 1] - 1] = True

    valid = start < end
    g_start = base[doc[valid]] + start[valid]
    g_end = base[doc[valid]] + end[valid]
    code = code[valid]
    order = np.lexsort((g_start - g_end, g_start))
    g_start, g_end, code = g_start[order], g_end[order], code[order]
    chosen = choose(g_start, g_end)
    count = len(chosen)
    ka, kb, kind = prefix[g_start[chosen]], prefix[g_end[chosen]], code[chosen]
    filled = ka < kb
    ka, kb, kind = ka[filled], kb[filled], kind[filled]

    # every line is "c O\n" (4 code points) and a blank line after a sentence, except the
    # labelled ones, which are few: only those are built label by label
    line = np.add(final, 4, dtype=np.int32)
    if len(ka):
        sizes = kb - ka
        at = np.repeat(ka - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))
        lab = np.repeat(2 * kind + 2, sizes)  # 2c+1: B-labels[c]; 2c+2: I-labels[c]
        opening = final[at - 1] & (at > 0)
        lab[opening] -= 1
        lab[np.cumsum(sizes) - sizes] = 2 * kind + 1
        suffixes = [f" {p}-{name}" for name in labels for p in ("B", "I")]
        suffix_len = np.array([len(x) + 1 for x in suffixes], dtype=np.int32)
        line[at] += suffix_len[lab - 1] - 3
    else:
        at = lab = np.zeros(0, dtype=np.int64)
    # each document's header goes in the same array, before the line of its first character:
    # those headers widen that line for the running sum and move its start
    head = len(DOCSTART) + 2
    first = prefix[base[:-1]]  # each document's first written character (n: none left)
    opened = first[first < n]
    if len(opened):
        np.add.at(line, opened, head)
    line_end = np.cumsum(line, dtype=np.int32)
    line_start = line_end - line
    if len(opened):
        np.add.at(line_start, opened, head)
    total = int(line_end[-1]) if n else 0  # the headers of documents with a written character in
    # a document's header: after the plain lines before its first character and the earlier headers
    before = np.append(line_start, 0)[first] - head * np.searchsorted(first, first, side="right")
    before[first >= n] = total - head * len(opened)
    at_head = before + head * np.arange(len(texts), dtype=np.int32)
    out = np.full(total + head * (len(texts) - len(opened)), 10, dtype=cp.dtype)
    for j, unit in enumerate(DOCSTART):
        out[at_head + j] = ord(unit)
    out[line_start] = written
    out[line_start + 1] = 32
    out[line_start + 2] = 79  # "O", overwritten below on labelled lines
    if len(at):
        starts = line_start[at]
        for c in np.flatnonzero(np.bincount(lab)).tolist():
            where = starts[lab == c] + 1
            for j, unit in enumerate(suffixes[c - 1]):
                out[where + j] = ord(unit)
    return str(out.data, codec, "surrogatepass"), count  # decoded from the array itself, not a copy
