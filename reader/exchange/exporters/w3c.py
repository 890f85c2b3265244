"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` whose ``first`` page holds every
annotation.

Each annotation targets ``{source: <article URN>, selector: [TextPositionSelector,
TextQuoteSelector]}``; unplaced annotations (orphans) carry the quote selector only.  Tags become
``tagging`` TextualBodies, the note a ``commenting`` body.  With ``include_entities`` each entity
is an extra annotation (motivation ``classifying``, one ``classifying`` body) after the user's
annotations; those are not counted in the return value.
"""

from __future__ import annotations

import json
from typing import IO, Any

from reader import __version__
from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    annotations_by_article,
    article_urn,
    coder_of,
    context,
    exported_at,
    is_placed,
    iso,
    register,
    stable_uuid,
)
from reader.records import AnnotationRecord, ArticleRecord, EntityRecord, ExportBundle

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


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
    result: dict[str, Any] = {
        "id": f"urn:uuid:{stable_uuid('annotation', ann.id)}",
        "type": "Annotation",
        "motivation": motivation,
        "created": iso(ann.created),
        "modified": iso(ann.updated),
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
    ident = stable_uuid("entity", article.id, entity.start, entity.end, entity.type)
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

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        grouped = annotations_by_article(bundle)
        items: list[dict[str, Any]] = []
        for article in bundle.articles:
            items.extend(annotation_json(a, article, options) for a in grouped[article.id])
        count = len(items)
        if options.include_entities:
            for article in bundle.articles:
                for entity in bundle.entities.get(article.id, []):
                    if article.text[entity.start : entity.end] == entity.text:
                        items.append(entity_json(entity, article, options))
        when = iso(exported_at(bundle))
        collection_id = f"urn:uuid:{stable_uuid('collection', bundle.project_name, when)}"
        document = {
            "@context": ANNO_CONTEXT,
            "id": collection_id,
            "type": "AnnotationCollection",
            "label": bundle.project_name,
            "creator": {"type": "Person", "name": bundle.author},
            "generator": {"id": "urn:pizhu", "type": "Software", "name": f"Pizhu {__version__}"},
            "generated": when,
            "total": len(items),
            "first": {
                "id": f"{collection_id}#page1",
                "type": "AnnotationPage",
                "partOf": collection_id,
                "startIndex": 0,
                "items": items,
            },
            "last": f"{collection_id}#page1",
        }
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return count
