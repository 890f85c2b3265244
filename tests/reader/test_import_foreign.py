"""Importers on other tools' shapes, and clear errors on bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.exchange.importers import (
    ImportFormatError,
    guess_format,
    import_path,
    read_jsonl,
    read_qdc,
    read_qdpx,
    read_w3c,
)

TEXT = "新华社北京1月5日电 国家主席习近平5日在北京会见了联合国秘书长古特雷斯。"


def w3c(value: Any) -> Any:
    return read_w3c(io.BytesIO(json.dumps(value, ensure_ascii=False).encode("utf-8")), "t.jsonld")


def annotation(**extra: Any) -> dict[str, Any]:
    base = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/1",
        "type": "Annotation",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "人物"},
            {"type": "TextualBody", "value": "国家主席"},
        ],
        "target": {
            "source": "http://example.org/news/1",
            "selector": [
                {"type": "TextPositionSelector", "start": 15, "end": 18},
                {
                    "type": "TextQuoteSelector",
                    "exact": "习近平",
                    "prefix": "国家主席",
                    "suffix": "5日",
                },
            ],
        },
        "creator": "http://example.org/users/li",
        "created": "2024-01-05T09:00:00+08:00",
    }
    base.update(extra)
    return base


def test_single_annotation_from_another_client() -> None:
    result = w3c(annotation())
    (a,) = result.annotations
    assert (a.source, a.article_key, a.start, a.end, a.quote) == (
        "http://example.org/news/1",
        None,
        15,
        18,
        "习近平",
    )
    assert a.tags == ("人物",) and a.note == "国家主席"
    assert a.prefix == "国家主席" and a.suffix == "5日"
    assert a.author == "http://example.org/users/li"
    assert a.created is not None and a.created.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert a.external_id == "http://example.org/anno/1"
    assert [t.name for t in result.tags] == ["人物"]


@pytest.mark.parametrize(
    "wrap",
    [
        lambda a: [a, a],
        lambda a: {"type": "AnnotationPage", "items": [a, a]},
        lambda a: {
            "type": "AnnotationCollection",
            "first": {
                "type": "AnnotationPage",
                "items": [a],
                "next": {"type": "AnnotationPage", "items": [a]},
            },
        },
        lambda a: {"@graph": [a, a]},
    ],
)
def test_containers(wrap: Any) -> None:
    assert len(w3c(wrap(annotation())).annotations) == 2


def test_json_lines_of_annotations() -> None:
    data = (json.dumps(annotation()) + "\n\n" + json.dumps(annotation(id="2")) + "\n").encode()
    assert [a.external_id for a in read_w3c(io.BytesIO(data)).annotations] == [
        "http://example.org/anno/1",
        "2",
    ]


def test_shorthand_shapes() -> None:
    result = w3c(
        annotation(
            body=None,
            bodyValue="一句评论",
            target={"source": "urn:x", "selector": {"type": "TextQuoteSelector", "exact": "北京"}},
            creator={"type": "Person", "nickname": "li"},
            motivation="commenting",
        )
    )
    (a,) = result.annotations
    assert a.note == "一句评论" and a.quote == "北京" and a.start is None and a.author == "li"
    hypothesis_like = w3c(
        annotation(
            body=None,
            tags=["a", "b"],
            text="note",
            target=[{"source": "u", "selector": [{"type": "TextQuoteSelector", "exact": "q"}]}],
        )
    )
    assert hypothesis_like.annotations[0].tags == ("a", "b")
    assert hypothesis_like.annotations[0].note == "note"


def test_oa_prefixed_types_and_purpose_list() -> None:
    value = annotation(
        type="oa:Annotation", body={"type": "TextualBody", "purpose": ["oa:tagging"], "value": "T"}
    )
    assert w3c(value).annotations[0].tags == ("T",)


def test_skips_what_cannot_be_anchored() -> None:
    result = w3c(
        [
            annotation(target="http://example.org/news/1"),
            annotation(target=[]),
            {"type": "AnnotationCollection", "first": "http://example.org/page1"},
        ]
    )
    assert result.annotations == []
    assert [w.code for w in result.warnings] == ["no-text-selector", "no-target", "unfollowed-page"]


def test_bad_position_falls_back_to_quote() -> None:
    value = annotation()
    value["target"]["selector"][0]["start"] = -4
    (a,) = w3c(value).annotations
    assert a.start is None and a.quote == "习近平"


@pytest.mark.parametrize(
    "data,problem",
    [
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"{not json", "not JSON"),
        (b"", "empty"),
        (b'{"hello": 1}', "no Web Annotation"),
    ],
)
def test_w3c_errors(data: bytes, problem: str) -> None:
    with pytest.raises(ImportFormatError) as info:
        read_w3c(io.BytesIO(data), "bad.jsonld")
    assert info.value.name == "bad.jsonld" and problem in info.value.problem
    assert str(info.value).startswith("bad.jsonld: ")


def test_plain_doccano_jsonl() -> None:
    lines = [
        {
            "id": 7,
            "text": TEXT,
            "label": [[0, 3, "ORG"], [15, 18, "PER", "习近平"], [15, 18, "人物"]],
        },
        {
            "id": 8,
            "text": TEXT,
            "entities": [{"id": 1, "label": "LOC", "start_offset": 3, "end_offset": 5}],
        },
        {"id": 9, "text": TEXT, "label": [[0, 99, "X"], "junk"]},
    ]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode()
    result = read_jsonl(io.BytesIO(data), "d.jsonl")
    assert [(a.article_key, a.start, a.end, a.quote, a.tags) for a in result.annotations] == [
        ("7", 0, 3, "新华社", ("ORG",)),
        ("7", 15, 18, "习近平", ("PER", "人物")),
        ("8", 3, 5, "北京", ("LOC",)),
    ]
    assert result.annotations[0].source == "" and result.annotations[0].article_text == TEXT
    assert [(w.code, w.skipped) for w in result.warnings] == [
        ("position-outside-text", True), ("bad-label", True)]
    assert all("line 3" in w.detail for w in result.warnings)


def test_jsonl_quote_mismatch_is_reported_not_fixed() -> None:
    line = {
        "text": TEXT,
        "source": "s",
        "annotations": [{"start": 0, "end": 3, "text": "新华", "tags": ["x"]}],
    }
    result = read_jsonl(io.BytesIO(json.dumps(line).encode()))
    assert result.annotations[0].quote == "新华" and result.annotations[0].start == 0
    assert result.warnings[0].code == "quote-mismatch"


@pytest.mark.parametrize(
    "data,problem",
    [
        (b'{"text": 1}', "line 1: not an object with a text"),
        (b'[1\n{"text": 2}', "line 1: not JSON"),
        (b"\n\n", "empty file"),
    ],
)
def test_jsonl_errors(data: bytes, problem: str) -> None:
    with pytest.raises(ImportFormatError, match=problem):
        read_jsonl(io.BytesIO(data), "bad.jsonl")


def test_one_bad_jsonl_line_is_skipped_and_reported_not_fatal() -> None:
    data = b'{"text": "ab", "label": [[0, 1, "X"]]}\n[1\n{"text": "cd", "label": [[0, 2, "Y"]]}\n'
    result = read_jsonl(io.BytesIO(data), "bad.jsonl")
    assert [a.quote for a in result.annotations] == ["a", "cd"]
    assert [(w.code, w.detail, w.skipped) for w in result.warnings] == [
        ("bad-line", "line 2: not JSON (Expecting ',' delimiter)", True)]


QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other tool">
  <Users><User guid="00000000-0000-0000-0000-000000000001" name="Ana"/></Users>
  <CodeBook><Codes>
    <Code guid="00000000-0000-0000-0000-0000000000c1" name="Person" isCodable="true" color="#FF0000">
      <Code guid="00000000-0000-0000-0000-0000000000c2" name="Leader" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="00000000-0000-0000-0000-0000000000a1" name="news one"
                plainTextPath="internal://00000000-0000-0000-0000-0000000000a1.txt">
      <PlainTextSelection guid="00000000-0000-0000-0000-0000000000b1" startPosition="15"
                          endPosition="18" creatingUser="00000000-0000-0000-0000-000000000001"
                          creationDateTime="2024-01-05T01:00:00Z">
        <Coding guid="00000000-0000-0000-0000-0000000000d1">
          <CodeRef targetGUID="00000000-0000-0000-0000-0000000000c2"/></Coding>
        <Coding guid="00000000-0000-0000-0000-0000000000d2">
          <CodeRef targetGUID="00000000-0000-0000-0000-0000000000ff"/></Coding>
        <NoteRef targetGUID="00000000-0000-0000-0000-0000000000e1"/>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="00000000-0000-0000-0000-0000000000a2" name="inline">
      <PlainTextContent>一二三四</PlainTextContent>
      <PlainTextSelection guid="00000000-0000-0000-0000-0000000000b2" startPosition="1" endPosition="3"/>
    </TextSource>
    <PDFSource guid="00000000-0000-0000-0000-0000000000a3" name="scan.pdf"/>
  </Sources>
  <Notes><Note guid="00000000-0000-0000-0000-0000000000e1" name="memo">
    <PlainTextContent>a memo</PlainTextContent></Note></Notes>
</Project>"""


def qdpx_bytes(files: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_qdpx_from_another_tool_with_uppercase_sources_folder() -> None:
    data = qdpx_bytes(
        {"project.qde": QDE, "Sources/00000000-0000-0000-0000-0000000000a1.txt": "\ufeff" + TEXT}
    )
    result = read_qdpx(io.BytesIO(data), "other.qdpx")
    assert result.project_name == "Other tool"
    assert [(t.name, t.parent_name, t.color) for t in result.tags] == [
        ("Person", None, "#FF0000"),
        ("Leader", "Person", None),
    ]
    first, second = result.annotations
    assert (first.source, first.article_key, first.start, first.end, first.quote) == (
        "news one",
        None,
        15,
        18,
        "习近平",
    )
    assert first.tags == ("Leader",) and first.note == "a memo" and first.author == "Ana"
    assert first.article_text == TEXT and first.title == "news one"
    assert (second.quote, second.article_text) == ("二三", "一二三四")
    assert sorted(w.code for w in result.warnings) == ["skipped-source", "unknown-code"]


def test_qdpx_missing_source_file_keeps_offsets_without_quote() -> None:
    result = read_qdpx(io.BytesIO(qdpx_bytes({"project.qde": QDE})), "x.qdpx")
    assert result.annotations[0].quote == "" and result.annotations[0].start == 15
    assert "missing-source-text" in [w.code for w in result.warnings]


@pytest.mark.parametrize(
    "files,problem",
    [
        (None, "not a ZIP archive"),
        ({"readme.txt": "hi"}, "no project.qde"),
        ({"project.qde": "<Project"}, "not well-formed XML"),
        ({"project.qde": "<CodeBook/>"}, "root element is CodeBook, expected Project"),
    ],
)
def test_qdpx_errors(files: dict[str, str] | None, problem: str) -> None:
    data = b"PK not really" if files is None else qdpx_bytes(files)
    with pytest.raises(ImportFormatError, match=problem):
        read_qdpx(io.BytesIO(data), "bad.qdpx")


def test_qdc_from_another_tool_and_errors() -> None:
    qdc = (
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="1" name="A" isCodable="true" color="#00FF00"><Description>d &amp; e'
        '</Description><Code guid="2" name="B" isCodable="false"/></Code>'
        '<Code guid="3" name="" isCodable="true"><Code guid="4" name="C" isCodable="true"/></Code>'
        "</Codes></CodeBook>"
    )
    result = read_qdc(io.BytesIO(qdc.encode()), "c.qdc")
    assert [(t.name, t.parent_name, t.color, t.description) for t in result.tags] == [
        ("A", None, "#00FF00", "d & e"),
        ("B", "A", None, ""),
        ("C", None, None, ""),
    ]
    assert [w.code for w in result.warnings] == ["unnamed-code"]
    with pytest.raises(ImportFormatError, match="expected CodeBook"):
        read_qdc(io.BytesIO(b"<Project/>"), "p.qdc")


def test_guess_format(tmp_path: Path) -> None:
    doccano = tmp_path / "a.jsonl"
    doccano.write_text('{"text": "x", "label": []}\n', "utf-8")
    annos = tmp_path / "b.jsonl"
    annos.write_text(json.dumps(annotation()) + "\n", "utf-8")
    assert guess_format(doccano) == "jsonl" and guess_format(annos) == "w3c"
    assert len(import_path(annos).annotations) == 1
    docx = tmp_path / "x.docx"
    docx.write_bytes(b"\x01\x02binary\x00\x00")
    with pytest.raises(ImportFormatError, match="binary data"):
        import_path(docx)
    with pytest.raises(ImportFormatError, match="unknown import format"):
        import_path(doccano, format="pdf")
