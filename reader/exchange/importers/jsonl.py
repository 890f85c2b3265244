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
    ImportFormatError,
    ImportIssue,
    ImportResult,
    context_of,
    decode,
    parse_datetime,
    tags_in_order,
    text_or,
)


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
    if isinstance(start, int) and isinstance(end, int) and isinstance(label, str):
        return start, end, label
    return None


def _from_labels(
    items: list[Any], text: str, base: dict[str, Any], issues: list[ImportIssue], where: str
) -> list[ImportedAnnotation]:
    spans: dict[tuple[int, int], list[str]] = {}
    for item in items:
        span = _span(item)
        if span is None or not 0 <= span[0] <= span[1] <= len(text):
            issues.append(ImportIssue("bad-label", where))
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
    items: list[Any], text: str, base: dict[str, Any], issues: list[ImportIssue], where: str
) -> list[ImportedAnnotation]:
    result = []
    for item in items:
        if not isinstance(item, dict):
            issues.append(ImportIssue("bad-annotation", where))
            continue
        start, end = item.get("start"), item.get("end")
        placed = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
        if not placed:
            start = end = None
        quote = item.get("text") if isinstance(item.get("text"), str) else None
        if quote is None:
            if not placed:
                issues.append(ImportIssue("no-text-selector", where))
                continue
            quote = text[start:end]
        elif placed and text[start:end] != quote:
            issues.append(ImportIssue("quote-mismatch", f"{where}: {item.get('id', '')}"))
        prefix, suffix = context_of(text, start, end)
        raw_tags = item.get("tags")
        raw_tags = [raw_tags] if isinstance(raw_tags, str) else raw_tags
        tags = tuple(
            dict.fromkeys(
                t for t in (raw_tags if isinstance(raw_tags, list) else []) if isinstance(t, str)
            )
        )
        result.append(
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
    return result


def read_jsonl(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse JSON Lines from a binary file object.

    Raises :class:`ImportFormatError` for a line that is not a JSON object with a string
    ``text``, or for a file with no object at all.
    """
    result = ImportResult()
    seen_any = False
    for number, line in enumerate(decode(src.read(), name).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(name, f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ImportFormatError(name, f"line {number}: not an object with a text")
        seen_any = True
        text = obj["text"]
        key = obj.get("position", obj.get("id"))
        base = {
            "source": obj["source"] if isinstance(obj.get("source"), str) else "",
            "article_key": None if key is None else str(key),
            "article_text": text,
            "title": obj["title"] if isinstance(obj.get("title"), str) else None,
        }
        where = f"line {number}"
        if isinstance(obj.get("annotations"), list):
            anns = _from_annotations(obj["annotations"], text, base, result.warnings, where)
        elif isinstance(obj.get("label"), list):
            anns = _from_labels(obj["label"], text, base, result.warnings, where)
        elif isinstance(obj.get("entities"), list) and any(
            isinstance(e, dict) and "start_offset" in e for e in obj["entities"]
        ):
            anns = _from_labels(obj["entities"], text, base, result.warnings, where)
        else:
            anns = []
        result.annotations.extend(anns)
    if not seen_any:
        raise ImportFormatError(name, "empty file")
    result.tags = tags_in_order(result.annotations)
    return result
