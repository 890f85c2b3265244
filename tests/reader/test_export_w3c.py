"""W3C Web Annotation JSON-LD export: shape, keys, selectors, bodies, entities."""

from __future__ import annotations

import io
import json
from typing import Any

from test_export_samples import NOTE_TRICKY, running_example_bundle, sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporters.base import article_urn


def export(bundle: Any = None, **options: Any) -> tuple[dict[str, Any], int]:
    out = io.StringIO()
    count = get_exporter("w3c").write(bundle or sample_bundle(), out, ExportOptions(**options))
    return json.loads(out.getvalue()), count


def by_quote(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result = {}
    for item in doc["first"]["items"]:
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        result[quote["exact"]] = item
    return result


def test_collection_and_page_shape() -> None:
    doc, count = export()
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    assert doc["id"].startswith("urn:uuid:")
    assert doc["label"] == "两会报道 <测试> & 批注"
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert count == 8 == doc["total"] == len(page["items"])


def test_every_annotation_has_the_required_keys() -> None:
    doc, _ = export()
    ids = set()
    for item in doc["first"]["items"]:
        assert {"id", "type", "motivation", "created", "modified", "creator", "target"} <= set(item)
        assert item["type"] == "Annotation"
        assert item["created"].endswith("Z") and "T" in item["created"]
        assert item["creator"]["type"] == "Person" and item["creator"]["name"]
        assert item["target"]["source"].startswith("urn:pizhu:article:")
        ids.add(item["id"])
    assert len(ids) == 8


def test_selectors_prefix_suffix_and_position() -> None:
    bundle = sample_bundle()
    doc, _ = export(bundle)
    items = by_quote(doc)
    item = items["王𠮷"]
    art = bundle.article(12)
    sel = {s["type"]: s for s in item["target"]["selector"]}
    start = art.text.index("王𠮷")
    assert sel["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": start,
        "end": start + 2,
    }
    assert sel["TextQuoteSelector"]["prefix"] == art.text[max(0, start - 32) : start]
    assert sel["TextQuoteSelector"]["suffix"] == art.text[start + 2 : start + 34]
    assert item["target"]["source"] == article_urn(art)
    late = items["古特雷斯表示，“联合国高度重视中国的作用”"]["target"]["selector"][1]
    assert len(late["prefix"]) == 32 and late["suffix"] == "。"


def test_urn_is_percent_encoded_and_keyed_by_position() -> None:
    bundle = sample_bundle()
    assert (
        article_urn(bundle.article(13))
        == "urn:pizhu:article:rmrb%2F2024-01-06_08%20%E5%9B%BE%E7%89%87.txt#1"
    )


def test_tags_and_note_bodies() -> None:
    doc, _ = export()
    item = by_quote(doc)["国家主席习近平5日在北京会见了联合国秘书长古特雷斯"]
    assert item["motivation"] == "commenting"
    assert [b for b in item["body"] if b["purpose"] == "tagging"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "外交"},
        {"type": "TextualBody", "purpose": "tagging", "value": "高层会见"},
    ]
    note = [b for b in item["body"] if b["purpose"] == "commenting"]
    assert note[0]["value"] == NOTE_TRICKY and note[0]["type"] == "TextualBody"
    tagged_only = by_quote(doc)["账本要晒在阳光下。”\n  　村民李四：<好>&“实在”"]
    assert tagged_only["motivation"] == "tagging"
    assert all(b["purpose"] == "tagging" for b in tagged_only["body"])


def test_orphan_has_quote_selector_only() -> None:
    doc, _ = export()
    item = by_quote(doc)["民生账本"]
    assert [s["type"] for s in item["target"]["selector"]] == ["TextQuoteSelector"]


def test_entities_are_classifying_annotations_when_asked() -> None:
    bundle = running_example_bundle()
    doc, count = export(bundle)
    assert count == 1 and len(doc["first"]["items"]) == 1
    doc, count = export(bundle, include_entities=True)
    assert count == 1
    entities = [i for i in doc["first"]["items"] if i["motivation"] == "classifying"]
    assert [(e["body"]["value"], e["target"]["selector"][0]["start"]) for e in entities] == [
        ("ORG", 0),
        ("LOC", 3),
        ("DATE", 5),
        ("PER", 15),
        ("ORG", 26),
        ("PER", 32),
    ]
    assert all(e["body"]["purpose"] == "classifying" for e in entities)


def test_output_is_deterministic_and_unescaped() -> None:
    one, two = io.StringIO(), io.StringIO()
    get_exporter("w3c").write(sample_bundle(), one, ExportOptions())
    get_exporter("w3c").write(sample_bundle(), two, ExportOptions())
    assert one.getvalue() == two.getvalue()
    assert "习近平" in one.getvalue() and "\\u" not in one.getvalue()
