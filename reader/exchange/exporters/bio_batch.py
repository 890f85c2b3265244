"""The BIO lines of a batch of documents at once, as UTF-8 bytes (the hot path of a corpus-wide BIO export).

A corpus of 143 million characters writes 143 million lines.  Here a batch of documents (a
few hundred) is joined, each after two newlines, and turned into an array of code points; the
lines are then laid out with array operations:

- whitespace, sentence enders and closers all lie at or below U+3011 or at or above U+FF01, so
  they are looked up only among the characters in those ranges (a tenth or so of news text);
  the whitespace is dropped, except the two newlines before each document, which stay as the
  two rows of its ``-DOCSTART-`` header; a position maps to its row by subtracting the
  whitespace dropped before it;
- a written character ends a sentence when only whitespace separates it from a newline (or the
  document's end), or when it ends a run of enders and closers that holds an ender (what
  :data:`reader.exchange.exporters.bio.SENTENCE_END` + closers match);
- the non-overlapping spans (first, then longest, wins; a Python loop only where spans overlap)
  label their written characters ``B-``/``I-``, ``B-`` again after a sentence end;
- every row is a fixed-width slot of bytes in one buffer: the character's UTF-8 (1–4 bytes),
  `` O`` or its label, ``\\n``, and a second ``\\n`` after a sentence's last character; the
  slack is ``0xFF``, a byte UTF-8 never holds, and one ``bytearray.translate`` (a pass in C)
  drops it; the rows are laid out and compacted :data:`_PIECE` at a time, so that the slots
  are still in the CPU's cache when ``translate`` reads them.

The output is the same, byte for byte, as the per-character loop it replaces
(``tests/reader/test_bio_batch.py`` compares them on random documents).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SENTENCE_END = "。！？!?"
CLOSERS = "”’」』）)】》\"'"
DOCSTART = "-DOCSTART- O"

_LUT = 0x10000  # every whitespace, ender and closer is in the BMP; index _LUT stands for the rest
_WHITESPACE, _ENDER, _CLOSER = 1, 2, 4
_CLASS = np.zeros(_LUT + 1, dtype=np.uint8)
_LOW, _HIGH = 0x3011, 0xFF01  # whitespace, enders and closers are all <= _LOW or >= _HIGH
_CLASS[[c for c in range(_LOW + 1) if chr(c).isspace()]] = _WHITESPACE  # (tests check the rest of the BMP)
_CLASS[[ord(c) for c in SENTENCE_END]] |= _ENDER
_CLASS[[ord(c) for c in CLOSERS]] |= _CLOSER
assert not _CLASS[_LOW + 1:_HIGH].any()
_PAD = b"\xff"
_HEAD = (DOCSTART + "\n\n").encode("ascii")
_PIECE = 1 << 16  # rows laid out and compacted at a time (about 0.8 MB of slots: they stay in cache)
_ROOM = 7  # bytes for " O" or a label before "\n", at least (" B-DATE"; a header is 14 bytes over two rows)


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


def _utf8_table(fourth: int) -> np.ndarray:
    """The UTF-8 of every BMP code point in four bytes, little-endian, padded with 0xFF, and
    ``fourth`` as the fourth byte (surrogates as ``surrogatepass`` writes them)."""
    c = np.arange(_LUT, dtype=np.uint32)
    three = (0xE0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3F)) << 8) | ((0x80 | (c & 0x3F)) << 16)
    two = (0xC0 | (c >> 6)) | ((0x80 | (c & 0x3F)) << 8) | (0xFF << 16)
    one = c | (0xFFFF << 8)
    return (np.where(c < 0x80, one, np.where(c < 0x800, two, three)) | (fourth << 24)).astype("<u4")


_UTF8 = _utf8_table(0xFF)
_UTF8_SPACE = _utf8_table(0x20)  # the same with the space before a line's label in the fourth byte


def _code_points(joined: str, strict: bool) -> np.ndarray:
    """The code points of ``joined``: 16-bit when all are in the BMP (lone surrogates pass
    unless ``strict``, where encoding raises ``UnicodeEncodeError`` as a UTF-8 file would)."""
    errors = "strict" if strict else "surrogatepass"
    units = joined.encode("utf-16-le", errors)
    if len(units) == 2 * len(joined):
        return np.frombuffer(units, dtype="<u2")
    return np.frombuffer(joined.encode("utf-32-le", errors), dtype="<u4")


def _sentence_ends(cp: np.ndarray, sub: np.ndarray, cls: np.ndarray, ws: np.ndarray, dropped: np.ndarray,
                   rows: int) -> np.ndarray:
    """Whether each row is a character that ends a sentence (``sub``: the positions whose class
    ``cls`` was looked up; ``ws``: the whitespace among them, ``dropped`` the part not kept as
    rows).  Header rows may be marked too: they are written over afterwards."""
    final = np.zeros(rows, dtype=bool)
    final[-1] = True
    newlines = ws[cp[ws] == 10]
    last = newlines - np.searchsorted(dropped, newlines) - 1  # the row before each
    final[last[last >= 0]] = True
    marks = np.flatnonzero(cls & (_ENDER | _CLOSER))  # indexes into sub, in text order
    if len(marks):
        pos = sub[marks]
        run_last = np.append(np.flatnonzero(np.diff(pos) != 1), len(pos) - 1)  # each run's last mark
        enders = np.flatnonzero(cls[marks] & _ENDER)
        ends = pos[run_last[np.searchsorted(run_last, enders)]]  # the end of each ender's run
        final[ends - np.searchsorted(dropped, ends)] = True
    return final


class _Layout:
    """The fixed-width rows of a batch: four bytes for the character's UTF-8 (padded with 0xFF),
    its label's tail (`` O`` or `` B-X``/`` I-X``, padding to ``room`` bytes, ``\\n``), one
    byte of padding or the ``\\n`` of the blank line after a sentence (``end``).  When every
    character is in the BMP (at most three bytes), the tail's leading space goes in the fourth
    byte and the row is one byte shorter.  The ``tail`` field is written as one 8-byte number
    where it fits (it may take in the ``end`` byte as padding: ``end`` is set afterwards)."""

    def __init__(self, room: int, bmp: bool) -> None:
        self.lead = 1 if bmp else 0
        self.room = room
        width = room - self.lead + 1  # the tail's bytes, "\n" included
        self.width = 4 + width + 1
        self.tail_width = width + 1 if width + 1 == 8 or width != 8 else width  # with the end byte, or not
        tail = np.dtype("<u8") if self.tail_width == 8 else np.dtype((np.uint8, self.tail_width))
        self.record = np.dtype({"names": ["c", "tail", "end"], "formats": ["<u4", tail, "u1"],
                                "offsets": [0, 4, 4 + width], "itemsize": self.width})

    def tails(self, suffixes: list[bytes]) -> np.ndarray:
        """The ``tail`` values of lines ending in each of ``suffixes``."""
        raw = b"".join((s[self.lead:].ljust(self.room - self.lead, _PAD) + b"\n").ljust(self.tail_width, _PAD)
                       for s in suffixes)
        if self.tail_width == 8:
            return np.frombuffer(raw, dtype="<u8")
        return np.frombuffer(raw, dtype=np.uint8).reshape(len(suffixes), self.tail_width)

    def rows(self, chars: np.ndarray) -> tuple[bytearray, np.ndarray]:
        """A buffer of one row per character, each a plain `` O`` line, and its records."""
        template = (_PAD * 4 + self.tails([b" O"]).tobytes()).ljust(self.width, _PAD)
        buffer = bytearray(template) * len(chars)
        rows = np.frombuffer(buffer, dtype=self.record)
        if self.lead:
            rows["c"] = _UTF8_SPACE.take(chars.astype(np.intp))
        else:
            rows["c"] = _UTF8.take(np.minimum(chars, _LUT - 1).astype(np.intp))
            big = np.flatnonzero(chars >= _LUT)
            c = chars[big]
            rows["c"][big] = ((0xF0 | (c >> 18)) | ((0x80 | ((c >> 12) & 0x3F)) << 8)
                              | ((0x80 | ((c >> 6) & 0x3F)) << 16) | ((0x80 | (c & 0x3F)) << 24))
        return buffer, rows


def bio_batch(texts: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray,
              code: np.ndarray, labels: Sequence[str], strict: bool = False) -> tuple[bytes | bytearray, int]:
    """The CoNLL text of ``texts`` (each with its ``-DOCSTART-`` header) as UTF-8, and the
    number of spans written.  Span ``i`` is ``[start[i], end[i])`` of ``texts[doc[i]]``
    labelled ``labels[code[i]]``; spans need not be sorted and may overlap (see :func:`choose`).
    A lone surrogate in a text is written as ``surrogatepass`` does, or raises
    ``UnicodeEncodeError`` when ``strict``."""
    if not texts:
        return b"", 0
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return bio_batch_units(_code_points("\n\n" + "\n\n".join(texts), strict), lengths, doc, start, end, code, labels)


def bio_batch_units(cp: np.ndarray, lengths: np.ndarray, doc: np.ndarray, start: np.ndarray, end: np.ndarray,
                    code: np.ndarray, labels: Sequence[str]) -> tuple[bytes | bytearray, int]:
    """:func:`bio_batch` of texts given as their code points: ``cp`` holds two newlines and
    then the text, for each text in turn (16-bit when all are in the BMP, as
    :func:`reader.store.packed_text.unpack_many_units` reads them; no surrogates), ``lengths``
    each text's length."""
    pieces, count = bio_pieces_units(cp, lengths, doc, start, end, code, labels)
    return (pieces[0] if len(pieces) == 1 else b"".join(pieces)), count


def bio_pieces_units(cp: np.ndarray, lengths: np.ndarray, doc: np.ndarray, start: np.ndarray, end: np.ndarray,
                     code: np.ndarray, labels: Sequence[str]) -> tuple[list[bytearray], int]:
    """:func:`bio_batch_units` as consecutive pieces of whole lines, not joined (a writer writes
    them one by one: no copy of the whole batch's text)."""
    if not len(lengths):
        return [], 0
    base = np.zeros(len(lengths) + 1, dtype=np.int64)  # where each text starts, after its two newlines
    np.cumsum(lengths + 2, out=base[1:])
    base[:-1] += 2
    sub = np.flatnonzero((cp <= _LOW) | (cp >= _HIGH))
    cls = _CLASS[np.minimum(cp[sub], _LUT)] if cp.dtype != np.uint16 else _CLASS[cp[sub]]
    ws = sub[(cls & _WHITESPACE) != 0]
    heads = np.searchsorted(ws, base[:-1] - 2)  # the header newlines' indexes in ws: heads, heads + 1
    kept = np.zeros(len(ws), dtype=bool)
    kept[heads] = kept[heads + 1] = True
    dropped = ws[~kept]
    chars = np.delete(cp, dropped)
    final = _sentence_ends(cp, sub, cls, ws, dropped, len(chars))

    valid = start < end
    g_start = base[doc[valid]] + start[valid]
    g_end = base[doc[valid]] + end[valid]
    code = code[valid]
    span = g_end - g_start
    if len(span) and span.max() <= 0xFFFFF:  # by start, then longest (stable: ties keep their order)
        order = np.argsort((g_start << 20) | (0xFFFFF - span), kind="stable")
    else:
        order = np.lexsort((-span, g_start))
    g_start, g_end, code = g_start[order], g_end[order], code[order]
    chosen = choose(g_start, g_end)
    count = len(chosen)
    g_start, g_end, kind = g_start[chosen], g_end[chosen], code[chosen]
    ka, kb = g_start - np.searchsorted(dropped, g_start), g_end - np.searchsorted(dropped, g_end)
    filled = ka < kb
    ka, kb, kind = ka[filled], kb[filled], kind[filled]

    suffixes = [f" {p}-{name}".encode("utf-8") for name in labels for p in ("B", "I")]
    layout = _Layout(max([_ROOM] + [len(x) for x in suffixes]), cp.dtype == np.uint16)
    at = lab = np.zeros(0, dtype=np.int64)
    if len(ka):
        sizes = kb - ka
        at = np.repeat(ka - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))  # ascending
        lab = np.repeat(2 * kind + 1, sizes)  # 2c: B-labels[c]; 2c+1: I-labels[c]
        opening = final[at - 1] & (at > 0)
        lab[opening] -= 1
        lab[np.cumsum(sizes) - sizes] = 2 * kind
    tails = layout.tails(suffixes)
    width = layout.width
    first = (base[:-1] - 2) - np.searchsorted(dropped, base[:-1] - 2)  # each document's first header row
    header = np.frombuffer(_HEAD.ljust(2 * width, _PAD), dtype=np.uint8).reshape(2, width)
    pieces = []
    for a in range(0, len(chars), _PIECE):  # a piece's rows stay in the CPU's cache from layout to translate
        b = min(a + _PIECE, len(chars))
        buffer, rows = layout.rows(chars[a:b])
        i, j = np.searchsorted(at, (a, b))
        if i < j:
            rows["tail"][at[i:j] - a] = tails[lab[i:j]]
        rows["end"][final[a:b]] = 10  # the blank line after a sentence
        slots = np.frombuffer(buffer, dtype=np.uint8).reshape(b - a, width)
        for row, line in ((first, header[0]), (first + 1, header[1])):
            i, j = np.searchsorted(row, (a, b))
            if i < j:
                slots[row[i:j] - a] = line
        pieces.append(buffer.translate(None, _PAD))
    return pieces, count
