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
from typing import IO, Any

from reader.exchange.exporters.base import (
    ExportOptions,
    is_placed,
    register,
    safe_type_name,
)
from reader.exchange.source import ArticleItem, as_source

SENTENCE_END = set("。！？!?")
CLOSERS = set("”’」』）)】》\"'")
DOCSTART = "-DOCSTART- O"


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
_SPACE = re.compile(r"\s+")


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


def _labelled(chars: str, label: str) -> str:
    """``chars`` (no whitespace) as CoNLL lines, the first ``B-label``, the rest ``I-label``."""
    return f"{chars[0]} B-{label}\n" + "".join(f"{c} I-{label}\n" for c in chars[1:])


def bio_document(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The CoNLL lines of one document (without the DOCSTART header), each ending in ``\n``, a
    blank line after each sentence.  Unlabelled runs are joined in C (``" O\n".join``): this is
    the hot loop of a corpus-wide BIO export."""
    out: list[str] = []
    k = 0
    for s_start, s_end in sentences(text):
        pieces: list[str] = []
        pos = s_start
        while k < len(spans) and spans[k][1] <= s_start:
            k += 1
        j = k
        while pos < s_end:
            if j < len(spans) and spans[j][0] < s_end:
                a, b, label = spans[j]
                a, b = max(a, pos), min(b, s_end)
            else:
                a, b, label = s_end, s_end, ""
            gap = _SPACE.sub("", text[pos:a])
            if gap:
                pieces.append(" O\n".join(gap) + " O\n")
            if a < b:
                chars = _SPACE.sub("", text[a:b])
                if chars:
                    pieces.append(_labelled(chars, label))
            pos = max(b, a)
            if j < len(spans) and spans[j][1] <= s_end:
                j += 1
            elif j < len(spans):
                break  # the span goes on into the next sentence
        if pieces:
            out.append("".join(pieces) + "\n")
    return "".join(out)


def bio_lines(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """:func:`bio_document` as a list of lines (a blank line after each sentence)."""
    return bio_document(text, spans).split("\n")[:-1]


@register
class BioExporter:
    """Character BIO / CoNLL (text output)."""

    name = "bio"
    extension = ".conll"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        count = 0
        for item in as_source(data).items():
            spans = choose_spans(article_spans(item, options.bio_source))
            count += len(spans)
            out.write(DOCSTART + "\n\n")
            out.write(bio_document(item.article.text, spans))
        return count
