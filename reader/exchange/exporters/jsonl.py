"""doccano-style JSON Lines: one object per article, in corpus order, written as it is read.

Keys: ``id`` (article id), ``source``, ``position``, ``title``, ``date``/``paper``/``page`` (the
page's facts, when known), ``text``, ``label`` — ``[start, end, tag]`` triples, one per tag of
every placed annotation, exactly as doccano and ``for start, end, label in obj["label"]`` loops
expect — ``spans`` (the same entries as objects ``{"start","end","label","text"}``, the covered
text included), ``annotations`` (every annotation with all its fields: ``start``/``end`` are
``null`` when it is unplaced), the article's own ``article_tags``, ``article_note`` and
``state``, and ``entities`` (``{"start","end","label","text"}``) only with ``include_entities``.
The first line also carries ``codebook`` (name, parent, path, colour, description of every tag),
so that importing the file alone restores the codebook; a corpus with no article to export
gives one line with an empty ``text`` that carries it.
"""

from __future__ import annotations

import json
from typing import IO, Any

from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    article_title,
    codebook_json,
    coder_of,
    is_placed,
    iso,
    register,
)
from reader.exchange.source import ArticleItem, as_source
from reader.records import AnnotationRecord


def annotation_object(ann: AnnotationRecord, text: str, options: ExportOptions) -> dict[str, Any]:
    """The ``annotations`` entry for one annotation."""
    placed = is_placed(ann, text)
    prefix, suffix = annotation_context(ann, text, options.context_chars)
    created = iso(ann.created)
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
        "created": created,
        "modified": created if ann.updated == ann.created else iso(ann.updated),
    }


def article_object(item: ArticleItem, options: ExportOptions) -> dict[str, Any]:
    """The JSON object (one line) for one article."""
    article, anns = item.article, item.annotations
    text = article.text
    placed = [a for a in anns if is_placed(a, text)]
    obj: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "position": article.position,
        "title": article_title(article),
        "date": item.date.isoformat() if item.date else None,
        "paper": item.paper,
        "page": item.page,
        "text": text,
        "label": [[a.start, a.end, tag] for a in placed for tag in a.tags],
        "spans": [{"start": a.start, "end": a.end, "label": tag, "text": a.quote}
                  for a in placed for tag in a.tags],
        "annotations": [annotation_object(a, text, options) for a in anns],
        "article_tags": list(article.tags),
        "article_note": article.note,
        "state": article.state,
    }
    if options.include_entities:
        obj["entities"] = [{"start": e.start, "end": e.end, "label": e.type, "text": e.text}
                           for e in item.entities]
    return obj


@register
class JsonlExporter:
    """One JSON object per line, UTF-8 text, no ASCII escaping (text output)."""

    name = "jsonl"
    extension = ".jsonl"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        source = as_source(data)
        codebook: list[dict[str, Any]] | None = codebook_json(source.tags)
        count = 0
        encode = _ENCODER.encode  # json.dumps(obj, ensure_ascii=False), without an encoder per line
        lines: list[str] = []
        for item in source.items(variables=False):
            obj = article_object(item, options)
            if codebook is not None:
                obj = {"codebook": codebook, **obj}
                codebook = None
            count += len(item.annotations)
            lines.append(encode(obj))
            if len(lines) >= 64:
                lines.append("")
                out.write("\n".join(lines))
                lines.clear()
        if lines:
            lines.append("")
            out.write("\n".join(lines))
        if codebook is not None and codebook:
            out.write(encode({"codebook": codebook, "text": "", "label": []}) + "\n")
        return count


_ENCODER = json.JSONEncoder(ensure_ascii=False)
