"""Character-level BIO in CoNLL layout, for Chinese sequence labelling.

Each document starts with a ``-DOCSTART- O`` line and a blank line; then one non-whitespace
character per line followed by one space and its label (``习 B-PER``), a blank line after each
sentence.  Sentences end after ``。！？!?`` (plus any closing quotes or brackets that follow) and at
newlines; whitespace characters are skipped.  A span whose first character is whitespace starts
its ``B-`` at its first written character; a span cut by a sentence end restarts with ``B-``.

Labels come from entity spans (``bio_source="entities"``, the default) or from annotation tags
(``"tags"``: an annotation's first tag, made safe with :func:`safe_type_name`).  Spans may not
overlap in BIO: they are taken in order of start, longest first, and a span touching a character
already labelled is dropped whole ("first, then longest, wins").  ``write`` returns the number of
spans written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO, Any

import numpy as np

from reader.exchange.exporters.base import (
    ExportOptions,
    is_placed,
    register,
    safe_type_name,
)
from reader.exchange.exporters.bio_batch import CLOSERS as _CLOSERS
from reader.exchange.exporters.bio_batch import DOCSTART, bio_batch, bio_pieces_units
from reader.exchange.exporters.bio_batch import SENTENCE_END as _SENTENCE_END
from reader.exchange.source import ArticleItem, as_source

SENTENCE_END = set(_SENTENCE_END)
CLOSERS = set(_CLOSERS)


def choose_spans(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: by start, then longest; later overlapping spans are dropped."""
    taken: list[tuple[int, int, str]] = []
    covered_to = -1
    for start, end, label in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if start >= end or start < covered_to:
            continue
        taken.append((start, end, label))
        covered_to = end
    return taken


_BOUNDARY = re.compile("\n|[" + re.escape("".join(sorted(SENTENCE_END))) + "]["
                       + re.escape("".join(sorted(SENTENCE_END | CLOSERS))) + "]*")


def sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of the sentences of ``text`` (may contain only whitespace): a
    newline ends one (and is left out), so do ``。！？!?`` with the enders and closers after them."""
    result: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() == "\n":
            result.append((start, m.start()))
            start = m.end()
        else:
            result.append((start, m.end()))
            start = m.end()
    result.append((start, len(text)))
    return result


def article_spans(item: ArticleItem, source: str) -> list[tuple[int, int, str]]:
    """The candidate spans of one article for the chosen label source."""
    text = item.article.text
    if source == "tags":
        return [
            (a.start, a.end, safe_type_name(a.tags[0]))
            for a in item.annotations
            if a.tags and is_placed(a, text)
        ]
    return [(e.start, e.end, safe_type_name(e.type)) for e in item.entities if 0 <= e.start < e.end <= len(text)]


def bio_document(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The CoNLL lines of one document (without the DOCSTART header), each ending in ``\n``, a
    blank line after each sentence; ``spans`` as :func:`choose_spans` returns them."""
    return _batch([text], [[(s, e, label) for s, e, label in spans]])[0].decode(
        "utf-8", "surrogatepass")[len(DOCSTART) + 2:]


def bio_lines(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """:func:`bio_document` as a list of lines (a blank line after each sentence)."""
    return bio_document(text, spans).split("\n")[:-1]


def _batch(texts: list[str], spans: list[list[tuple[int, int, str]]], strict: bool = False) -> tuple[bytes, int]:
    """:func:`bio_batch` over spans given per document as ``(start, end, label)``."""
    labels: dict[str, int] = {}
    flat = [(d, s, e, labels.setdefault(label, len(labels))) for d, doc in enumerate(spans) for s, e, label in doc]
    cols = np.array(flat, dtype=np.int64).reshape(-1, 4).T
    return bio_batch(texts, cols[0], cols[1], cols[2], cols[3], list(labels), strict)


def _item_batches(items: Iterator[ArticleItem], source: str, strict: bool, size: int = 500) -> Iterator[tuple[bytes, int]]:
    texts: list[str] = []
    spans: list[list[tuple[int, int, str]]] = []
    for item in items:
        texts.append(item.article.text)
        spans.append(article_spans(item, source))
        if len(texts) >= size:
            yield _batch(texts, spans, strict)
            texts, spans = [], []
    if texts:
        yield _batch(texts, spans, strict)


@register
class BioExporter:
    """Character BIO / CoNLL (text output)."""

    name = "bio"
    extension = ".conll"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        return self._write(data, options, lambda chunk: out.write(chunk.decode("utf-8", "surrogatepass")), False)

    def write_utf8(self, data: Any, out: IO[bytes], options: ExportOptions) -> int:
        """:meth:`write` to a binary file, as UTF-8 (the lines are made as bytes: no decoding
        and encoding again).  A lone surrogate raises ``UnicodeEncodeError``, as a UTF-8 text
        file does."""
        return self._write(data, options, out.write, True)

    def _write(self, data: Any, options: ExportOptions, put: Callable[[bytes], object], strict: bool) -> int:
        source = as_source(data)
        units = getattr(source, "entity_unit_batches", None)  # the store's: code units and spans as arrays
        fast = getattr(source, "entity_batches", None)  # spans as arrays, no records
        if options.bio_source == "entities" and units is not None:
            count = 0
            for texts, lengths, doc, start, end, code, types in units():
                names = [safe_type_name(t) for t in types]
                if isinstance(texts, list):
                    chunk, spans = bio_batch(texts, doc, start, end, code, names, strict)
                    put(chunk)
                else:
                    pieces, spans = bio_pieces_units(texts, lengths, doc, start, end, code, names)
                    for piece in pieces:
                        put(piece)
                count += spans
            return count
        batches: Iterator[tuple[bytes, int]]
        if options.bio_source == "entities" and fast is not None:
            batches = (
                bio_batch(texts, doc, start, end, code, [safe_type_name(t) for t in types], strict)
                for texts, doc, start, end, code, types in fast())
        else:
            batches = _item_batches(source.items(variables=False), options.bio_source, strict)
        count = 0
        for chunk, spans in batches:
            put(chunk)
            count += spans
        return count
