"""doccano-style JSON Lines import: our ``jsonl`` export and plain doccano files.

One JSON object per line with a ``text``.  Annotations come from ``annotations`` (our export:
start/end/tags/note/text/prefix/suffix/author/created) when present, else from ``label``
(``[start, end, label]`` or ``[start, end, label, text]`` or ``{start|start_offset, end|end_offset,
label}``; labels on the same span become one annotation's tags), else from doccano's
``entities`` objects with ``start_offset``.  ``source`` is the object's ``source`` (or "");
``article_key`` its ``position``, else its ``id``.  Our own ``entities`` list is not imported.
"""

from __future__ import annotations

import json
from typing import IO, Any

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportedArticle,
    ImportFormatError,
    ImportIssue,
    ImportResult,
    context_of,
    decode,
    parse_datetime,
    read_codebook,
    tags_in_order,
    text_or,
    to_int,
)
from reader.exchange.importers.limits import load_json, read_capped

STATES = ("unread", "read", "starred")


def _span(item: Any) -> tuple[int, int, str] | None:
    """``(start, end, label)`` from a label list or object, else None."""
    if isinstance(item, list) and len(item) >= 3:
        start, end, label = item[0], item[1], item[2]
    elif isinstance(item, dict):
        start = item.get("start", item.get("start_offset"))
        end = item.get("end", item.get("end_offset"))
        label = item.get("label")
    else:
        return None
    start, end = to_int(start), to_int(end)
    if start is not None and end is not None and isinstance(label, str) and label.strip():
        return start, end, label.strip()
    return None


def _from_labels(
    items: list[Any], text: str, base: dict[str, Any], result: ImportResult, where: str
) -> list[ImportedAnnotation]:
    spans: dict[tuple[int, int], list[str]] = {}
    for number, item in enumerate(items, start=1):
        span = _span(item)
        if span is None:
            result.skip("bad-label", f"{where}, label {number}: {str(item)[:60]} is not [start, end, label]")
            continue
        if not span[0] < span[1] <= len(text):
            result.skip("position-outside-text",
                        f"{where}, label {number}: {span[0]}–{span[1]} is outside the {len(text)}-character text")
            continue
        spans.setdefault((span[0], span[1]), []).append(span[2])
    result = []
    for (start, end), labels in spans.items():
        prefix, suffix = context_of(text, start, end)
        result.append(
            ImportedAnnotation(
                **base,
                start=start,
                end=end,
                quote=text[start:end],
                prefix=prefix,
                suffix=suffix,
                tags=tuple(dict.fromkeys(labels)),
            )
        )
    return result


def _from_annotations(
    items: list[Any], text: str, base: dict[str, Any], result: ImportResult, where: str
) -> list[ImportedAnnotation]:
    found = []
    for number, item in enumerate(items, start=1):
        label = f"{where}, annotation {number}"
        if not isinstance(item, dict):
            result.skip("bad-annotation", f"{label}: {str(item)[:60]} is not an object")
            continue
        start, end = to_int(item.get("start")), to_int(item.get("end"))
        placed = start is not None and end is not None and start < end <= len(text)
        if not placed:
            start = end = None
        quote = item.get("text") if isinstance(item.get("text"), str) and item.get("text") else None
        if quote is None:
            if not placed:
                result.skip("no-text-selector", f"{label}: no usable start/end and no text")
                continue
            quote = text[start:end]
        elif placed and text[start:end] != quote:
            result.warnings.append(ImportIssue("quote-mismatch", f"{label}: id {item.get('id', '')}"))
        prefix, suffix = context_of(text, start, end)
        raw_tags = item.get("tags")
        raw_tags = [raw_tags] if isinstance(raw_tags, str) else raw_tags
        tags = tuple(
            dict.fromkeys(
                t for t in (raw_tags if isinstance(raw_tags, list) else []) if isinstance(t, str)
            )
        )
        found.append(
            ImportedAnnotation(
                **base,
                start=start,
                end=end,
                quote=quote,
                prefix=text_or(item.get("prefix"), prefix),
                suffix=text_or(item.get("suffix"), suffix),
                tags=tags,
                note=text_or(item.get("note")),
                author=text_or(item.get("author")),
                created=parse_datetime(item.get("created")),
                external_id=str(item["id"]) if item.get("id") is not None else None,
            )
        )
    return found


def read_jsonl(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse JSON Lines from a binary file object.

    A line that is not a JSON object with a string ``text`` is skipped and reported (as are bad
    labels and annotations within a line); a file with no readable line at all is an
    :class:`ImportFormatError`.  A ``codebook`` list on any line restores tags with their
    hierarchy, colours and descriptions; ``article_tags``/``article_note``/``state`` give the
    article's own facts.
    """
    result = ImportResult()
    codebook = []
    seen_any = False
    first_problem = ""
    for number, line in enumerate(decode(read_capped(src, name), name).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            obj = load_json(line, name, where)
        except json.JSONDecodeError as exc:
            problem = f"{where}: not JSON ({exc.msg})"
            first_problem = first_problem or problem
            result.skip("bad-line", problem)
            continue
        if isinstance(obj, dict) and "codebook" in obj:
            codebook += read_codebook(obj["codebook"], result.warnings)
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            problem = f"{where}: not an object with a text"
            first_problem = first_problem or problem
            result.skip("bad-line", problem)
            continue
        seen_any = True
        text = obj["text"]
        key = obj.get("position", obj.get("id"))
        base = {
            "source": obj["source"] if isinstance(obj.get("source"), str) else "",
            "article_key": None if key is None or isinstance(key, (dict, list)) else str(key),
            "article_text": text,
            "title": obj["title"] if isinstance(obj.get("title"), str) else None,
        }
        if isinstance(obj.get("annotations"), list):
            anns = _from_annotations(obj["annotations"], text, base, result, where)
        elif isinstance(obj.get("label"), list):
            anns = _from_labels(obj["label"], text, base, result, where)
        elif isinstance(obj.get("entities"), list) and any(
            isinstance(e, dict) and "start_offset" in e for e in obj["entities"]
        ):
            anns = _from_labels(obj["entities"], text, base, result, where)
        else:
            anns = []
        result.annotations.extend(anns)
        art_tags = obj.get("article_tags")
        art_tags = tuple(t for t in art_tags if isinstance(t, str) and t.strip()) if isinstance(art_tags, list) else ()
        state = obj.get("state") if obj.get("state") in STATES else None
        if art_tags or text_or(obj.get("article_note")) or state:
            result.articles.append(ImportedArticle(
                base["source"], base["article_key"], text, art_tags, text_or(obj.get("article_note")), state))
    if not seen_any:
        raise ImportFormatError(name, first_problem or "empty file")
    declared = {t.name for t in codebook}
    result.tags = codebook + [t for t in tags_in_order(result.annotations) if t.name not in declared]
    return result
