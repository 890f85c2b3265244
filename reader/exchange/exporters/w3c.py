"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` whose ``first`` page holds every
annotation, written as the corpus is read (``total`` comes last).  The collection carries the
codebook as ``pizhu:codebook`` (name, parent, path, colour, description of every tag), so that
importing this file alone restores the hierarchy.

Each annotation targets ``{source: <article URN>, selector: [TextPositionSelector,
TextQuoteSelector]}``; unplaced annotations (orphans) carry the quote selector only.  Tags become
``tagging`` TextualBodies, the note a ``commenting`` body.  With ``include_entities`` each entity
is an extra annotation (motivation ``classifying``, one ``classifying`` body) after its article's
annotations; those are not counted in the return value.
"""

from __future__ import annotations

import json
from typing import IO, Any

from reader import __version__
from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    article_urn,
    codebook_json,
    coder_of,
    context,
    guid_maker,
    is_placed,
    iso,
    register,
    stable_uuid,
)
from reader.exchange.source import as_source
from reader.records import AnnotationRecord, ArticleRecord, EntityRecord

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_ANNOTATION_GUID = guid_maker("annotation")
_ENTITY_GUID = guid_maker("entity")
_ENCODER = json.JSONEncoder(ensure_ascii=False)
CODEBOOK_KEY = "pizhu:codebook"  # an absolute IRI key, so JSON-LD processing keeps it


def annotation_json(
    ann: AnnotationRecord, article: ArticleRecord, options: ExportOptions
) -> dict[str, Any]:
    """One user annotation as a W3C ``Annotation`` object."""
    text = article.text
    prefix, suffix = annotation_context(ann, text, options.context_chars)
    selectors: list[dict[str, Any]] = []
    if is_placed(ann, text):
        selectors.append({"type": "TextPositionSelector", "start": ann.start, "end": ann.end})
    selectors.append(
        {"type": "TextQuoteSelector", "exact": ann.quote, "prefix": prefix, "suffix": suffix}
    )
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in ann.tags
    ]
    if ann.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": ann.note,
                "format": "text/plain",
            }
        )
    motivation = "commenting" if ann.note else "tagging" if ann.tags else "highlighting"
    created = iso(ann.created)
    result: dict[str, Any] = {
        "id": f"urn:uuid:{_ANNOTATION_GUID(ann.id)}",
        "type": "Annotation",
        "motivation": motivation,
        "created": created,
        "modified": created if ann.updated == ann.created else iso(ann.updated),
        "creator": {"type": "Person", "name": coder_of(ann)},
    }
    if bodies:
        result["body"] = bodies
    result["target"] = {"source": article_urn(article), "selector": selectors}
    return result


def entity_json(
    entity: EntityRecord, article: ArticleRecord, options: ExportOptions
) -> dict[str, Any]:
    """One recognised entity as a ``classifying`` annotation."""
    prefix, suffix = context(article.text, entity.start, entity.end, options.context_chars)
    ident = _ENTITY_GUID(article.id, entity.start, entity.end, entity.type)  # str(stable_uuid("entity", …))
    return {
        "id": f"urn:uuid:{ident}",
        "type": "Annotation",
        "motivation": "classifying",
        "creator": {"type": "Software", "name": f"pizhu:{entity.source}"},
        "body": {"type": "TextualBody", "purpose": "classifying", "value": entity.type},
        "target": {
            "source": article_urn(article),
            "selector": [
                {"type": "TextPositionSelector", "start": entity.start, "end": entity.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": entity.text,
                    "prefix": prefix,
                    "suffix": suffix,
                },
            ],
        },
    }


@register
class W3CExporter:
    """JSON-LD ``AnnotationCollection`` with one embedded ``AnnotationPage`` (text output)."""

    name = "w3c"
    extension = ".jsonld"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        source = as_source(data)
        when = iso(source.exported_at())
        collection_id = f"urn:uuid:{stable_uuid('collection', source.project_name, when)}"
        head = {
            "@context": ANNO_CONTEXT,
            "id": collection_id,
            "type": "AnnotationCollection",
            "label": source.project_name,
            "creator": {"type": "Person", "name": source.author},
            "generator": {"id": "urn:pizhu", "type": "Software", "name": f"Pizhu {__version__}"},
            "generated": when,
            CODEBOOK_KEY: codebook_json(source.tags),
        }
        page_head = {"id": f"{collection_id}#page1", "type": "AnnotationPage", "partOf": collection_id,
                     "startIndex": 0}
        out.write(_open(head) + ',\n "first": ' + _open(page_head).replace("\n", "\n ") + ',\n  "items": [')
        count = total = 0
        encode = _ENCODER.encode  # json.dumps(obj, ensure_ascii=False), one encoder for all
        for item in source.items(annotated=not options.include_entities, variables=False):
            article = item.article
            objects = [annotation_json(a, article, options) for a in item.annotations]
            count += len(objects)
            if options.include_entities:
                objects += [entity_json(e, article, options) for e in item.entities]
            for obj in objects:
                out.write(("," if total else "") + "\n" + encode(obj))
                total += 1
        out.write("\n  ]\n },\n")
        out.write(f' "last": {json.dumps(collection_id + "#page1")},\n "total": {total}\n}}\n')
        return count


def _open(obj: dict[str, Any]) -> str:
    """``obj`` as indented JSON without its closing brace, so that more members can follow."""
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    return text[: text.rstrip().rindex("}")].rstrip()
