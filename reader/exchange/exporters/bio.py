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

from typing import IO

from typing import Any

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


def sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of the sentences of ``text`` (may contain only whitespace)."""
    result: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            result.append((start, i))
            start = i + 1
        elif ch in SENTENCE_END:
            j = i + 1
            while j < n and (text[j] in SENTENCE_END or text[j] in CLOSERS):
                j += 1
            result.append((start, j))
            start = j
            i = j
            continue
        i += 1
    result.append((start, n))
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


def bio_lines(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """The CoNLL lines of one document (without the DOCSTART header)."""
    labels: dict[int, tuple[int, str]] = {}
    for k, (start, end, label) in enumerate(spans):
        for i in range(start, end):
            labels[i] = (k, label)
    lines: list[str] = []
    for s_start, s_end in sentences(text):
        previous = -1
        sentence: list[str] = []
        for i in range(s_start, s_end):
            ch = text[i]
            if ch.isspace():
                continue
            if i in labels:
                k, label = labels[i]
                sentence.append(f"{ch} {'I' if k == previous else 'B'}-{label}")
                previous = k
            else:
                sentence.append(f"{ch} O")
                previous = -1
        if sentence:
            lines.extend(sentence)
            lines.append("")
    return lines


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
            out.write("".join(line + "\n" for line in bio_lines(item.article.text, spans)))
        return count
