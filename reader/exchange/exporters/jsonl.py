"""doccano-style JSON Lines: one object per article, in bundle order.

Keys: ``id`` (article id), ``source``, ``position``, ``title``, ``text``, ``label`` (one
``[start, end, tag, covered_text]`` per tag of every placed annotation; an untagged annotation
gets no label), ``annotations`` (every annotation: ``start``/``end`` are ``null`` when it is
unplaced), and ``entities`` (``{"start","end","label","text"}``) only with ``include_entities``.
"""

from __future__ import annotations

import json
from typing import IO, Any

from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    annotations_by_article,
    article_title,
    coder_of,
    is_placed,
    iso,
    register,
)
from reader.records import AnnotationRecord, ArticleRecord, ExportBundle


def annotation_object(ann: AnnotationRecord, text: str, options: ExportOptions) -> dict[str, Any]:
    """The ``annotations`` entry for one annotation."""
    placed = is_placed(ann, text)
    prefix, suffix = annotation_context(ann, text, options.context_chars)
    return {
        "id": ann.id,
        "start": ann.start if placed else None,
        "end": ann.end if placed else None,
        "tags": list(ann.tags),
        "note": ann.note,
        "text": ann.quote,
        "prefix": prefix,
        "suffix": suffix,
        "author": ann.author,
        "coder": coder_of(ann),
        "created": iso(ann.created),
        "modified": iso(ann.updated),
    }


def article_object(
    article: ArticleRecord,
    anns: list[AnnotationRecord],
    bundle: ExportBundle,
    options: ExportOptions,
) -> dict[str, Any]:
    """The JSON object (one line) for one article."""
    text = article.text
    labels = [[a.start, a.end, tag, a.quote] for a in anns if is_placed(a, text) for tag in a.tags]
    obj: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "position": article.position,
        "title": article_title(article),
        "text": text,
        "label": labels,
        "annotations": [annotation_object(a, text, options) for a in anns],
    }
    if options.include_entities:
        obj["entities"] = [
            {"start": e.start, "end": e.end, "label": e.type, "text": e.text}
            for e in bundle.entities.get(article.id, [])
            if text[e.start : e.end] == e.text
        ]
    return obj


@register
class JsonlExporter:
    """One JSON object per line, UTF-8 text, no ASCII escaping (text output)."""

    name = "jsonl"
    extension = ".jsonl"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        grouped = annotations_by_article(bundle)
        count = 0
        for article in bundle.articles:
            anns = grouped[article.id]
            count += len(anns)
            out.write(
                json.dumps(article_object(article, anns, bundle, options), ensure_ascii=False)
            )
            out.write("\n")
        return count
