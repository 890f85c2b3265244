"""Importers on arbitrary input either return a result or raise ImportFormatError, never
anything else."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.exchange.importers import (
    ImportFormatError,
    ImportResult,
    read_jsonl,
    read_qdc,
    read_qdpx,
    read_w3c,
)

KEYS = st.sampled_from(
    [
        "type",
        "@type",
        "id",
        "body",
        "bodyValue",
        "target",
        "selector",
        "source",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "purpose",
        "value",
        "items",
        "first",
        "next",
        "@graph",
        "creator",
        "created",
        "motivation",
        "tags",
        "text",
        "label",
        "annotations",
        "note",
        "position",
        "entities",
        "start_offset",
        "end_offset",
        "title",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 50)
    | st.sampled_from(
        [
            "Annotation",
            "AnnotationPage",
            "AnnotationCollection",
            "TextPositionSelector",
            "TextQuoteSelector",
            "tagging",
            "commenting",
            "classifying",
            "TextualBody",
            "Choice",
            "2024-01-05T00:00:00Z",
            "urn:pizhu:article:a%2Fb#3",
            "新华社𠮷",
        ]
    )
    | st.text(max_size=5)
)
JSON = st.recursive(
    SCALARS,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(KEYS, kids, max_size=6),
    max_leaves=30,
)

ITEMS = st.lists(st.dictionaries(KEYS, JSON, max_size=6) | JSON, max_size=3)


def outcome(reader: Any, data: bytes) -> None:
    try:
        result = reader(io.BytesIO(data), "fuzz")
    except ImportFormatError:
        return
    assert isinstance(result, ImportResult)
    for ann in result.annotations:
        assert isinstance(ann.quote, str) and all(isinstance(t, str) for t in ann.tags)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_w3c_on_arbitrary_json(value: Any) -> None:
    outcome(read_w3c, json.dumps(value, ensure_ascii=False).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, JSON, max_size=8), ITEMS, ITEMS)
def test_w3c_on_annotation_like_objects(value: dict[str, Any], body: Any, target: Any) -> None:
    value = {**value, "type": "Annotation", "body": body, "target": target}
    outcome(read_w3c, json.dumps(value, ensure_ascii=False).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(JSON, min_size=1, max_size=3),
    st.text(alphabet="新华社𠮷\n ab", max_size=20),
    st.sampled_from(["annotations", "label", "entities"]),
    ITEMS,
)
def test_jsonl_on_arbitrary_objects(values: list[Any], text: str, key: str, items: Any) -> None:
    lines = []
    for value in values:
        if isinstance(value, dict):
            value = {**value, "text": text, key: items}
        lines.append(json.dumps(value, ensure_ascii=False))
    outcome(read_jsonl, "\n".join(lines).encode("utf-8"))


ELEMENTS = st.sampled_from(
    [
        "Code",
        "Codes",
        "CodeBook",
        "Description",
        "TextSource",
        "PlainTextSelection",
        "Coding",
        "CodeRef",
        "Users",
        "User",
        "Sources",
        "Notes",
        "Note",
        "NoteRef",
        "PlainTextContent",
        "Variables",
        "Variable",
        "VariableValue",
        "VariableRef",
        "TextValue",
    ]
)
ATTRS = st.dictionaries(
    st.sampled_from(
        [
            "guid",
            "name",
            "color",
            "startPosition",
            "endPosition",
            "targetGUID",
            "creatingUser",
            "plainTextPath",
            "creationDateTime",
        ]
    ),
    st.sampled_from(["1", "g", "-3", "x", "internal://a.txt", "#FF0000", ""]),
    max_size=4,
)


@st.composite
def xml_trees(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(ELEMENTS)
    attrs = "".join(f' {k}="{v}"' for k, v in draw(ATTRS).items())
    kids = [] if depth > 3 else draw(st.lists(xml_trees(depth + 1), max_size=3))
    text = draw(st.sampled_from(["", "文本", "a&amp;b"]))
    return f"<{name}{attrs}>{text}{''.join(kids)}</{name}>"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(xml_trees(), max_size=4), st.sampled_from(["Project", "CodeBook", "Other"]))
def test_refi_on_arbitrary_trees(kids: list[str], root: str) -> None:
    xml = f'<{root} xmlns="urn:QDA-XML:project:1.0">{"".join(kids)}</{root}>'
    outcome(read_qdc, xml.encode("utf-8"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr("sources/a.txt", "新华社𠮷")
    outcome(read_qdpx, out.getvalue())
