"""REFI-QDA export: archive layout, namespaces, element order and required attributes as in
Project.xsd / Codebook.xsd (QDA-XML 1.0), checked explicitly since the XSDs are not at hand."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest
from test_export_samples import NOTE_TRICKY, sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.records import ExportBundle

P = "urn:QDA-XML:project:1.0"
C = "urn:QDA-XML:codebook:1.0"
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")

# Children in schema sequence order, and required attributes, per element (local names).
ORDER = {
    "Project": [
        "Users",
        "CodeBook",
        "Variables",
        "Cases",
        "Sources",
        "Notes",
        "Links",
        "Sets",
        "Graphs",
        "Description",
    ],
    "CodeBook": ["Codes", "Sets"],
    "Code": ["Description", "NoteRef", "Code"],
    "TextSource": [
        "Description",
        "PlainTextContent",
        "PlainTextSelection",
        "VariableValue",
        "NoteRef",
    ],
    "PlainTextSelection": ["Description", "Coding", "NoteRef"],
    "Coding": ["CodeRef"],
    "VariableValue": ["VariableRef", "TextValue|IntegerValue"],
    "Users": ["User"],
    "Codes": ["Code"],
    "Sources": ["TextSource"],
    "Variables": ["Variable"],
}
REQUIRED = {
    "Project": ["name"],
    "User": ["guid"],
    "Code": ["guid", "name", "isCodable"],
    "TextSource": ["guid"],
    "PlainTextSelection": ["guid", "startPosition", "endPosition"],
    "Coding": ["guid"],
    "CodeRef": ["targetGUID"],
    "Variable": ["guid", "name", "typeOfVariable"],
    "VariableRef": ["targetGUID"],
}
NON_EMPTY = {"Users", "Codes", "Sources", "Variables", "Coding"}
GUID_ATTRS = {"guid", "targetGUID", "creatingUser", "modifyingUser", "creatingUserGUID"}


def local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def qdpx(bundle: ExportBundle | None = None) -> tuple[zipfile.ZipFile, ET.Element, int]:
    out = io.BytesIO()
    count = get_exporter("qdpx").write(bundle or sample_bundle(), out, ExportOptions())
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return archive, ET.fromstring(archive.read("project.qde")), count


def check_schema_shape(root: ET.Element, ns: str) -> None:
    for el in root.iter():
        assert el.tag.startswith(f"{{{ns}}}"), el.tag
        name = local(el)
        for attr in REQUIRED.get(name, []):
            assert el.get(attr), f"{name} lacks {attr}"
        for attr, value in el.attrib.items():
            if attr in GUID_ATTRS:
                assert GUID.fullmatch(value), (name, attr, value)
            if attr == "color":
                assert COLOR.fullmatch(value)
            if attr.endswith("DateTime"):
                assert DATETIME.fullmatch(value)
            if attr == "isCodable":
                assert value in ("true", "false")
        if name in ORDER:
            slots = [set(s.split("|")) for s in ORDER[name]]
            indices = [next(i for i, s in enumerate(slots) if local(c) in s) for c in el]
            assert indices == sorted(indices), f"{name} children out of order"
        if name in NON_EMPTY:
            assert len(el), f"empty {name}"


def test_archive_layout() -> None:
    archive, root, count = qdpx()
    names = archive.namelist()
    assert names.count("project.qde") == 1
    sources = [n for n in names if n != "project.qde"]
    assert len(sources) == 3
    assert all(re.fullmatch(rf"sources/{GUID.pattern}\.txt", n) for n in sources)
    texts = {a.text for a in sample_bundle().articles}
    assert {archive.read(n).decode("utf-8") for n in sources} == texts
    assert not any(archive.read(n).startswith(b"\xef\xbb\xbf") for n in sources)
    assert count == 7


def test_project_namespace_order_and_required_attributes() -> None:
    archive, root, _ = qdpx()
    raw = archive.read("project.qde")
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b'xmlns="urn:QDA-XML:project:1.0"' in raw
    assert local(root) == "Project"
    assert [local(c) for c in root] == ["Users", "CodeBook", "Variables", "Sources"]
    check_schema_shape(root, P)


def test_codes_hierarchy_colours_and_descriptions() -> None:
    _, root, _ = qdpx()
    codes = root.find(f"{{{P}}}CodeBook/{{{P}}}Codes")
    assert codes is not None
    tops = [c.get("name") for c in codes]
    assert tops == ["政治", "问责", "社会 民生"]
    politics = codes[0]
    diplomacy = politics.find(f"{{{P}}}Code")
    assert diplomacy is not None and diplomacy.get("name") == "外交"
    assert diplomacy.findtext(f"{{{P}}}Description") == "涉外活动 <含会见>"
    assert diplomacy.find(f"{{{P}}}Code").get("name") == "高层会见"  # type: ignore[union-attr]
    assert politics.get("color") == "#E15759"


def test_sources_selections_notes_and_codings() -> None:
    archive, root, _ = qdpx()
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{P}}}User")}
    assert set(users.values()) == {"研究员甲", "研究员乙"}
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{{{P}}}Code")}
    sources = list(root.iter(f"{{{P}}}TextSource"))
    assert [s.get("name") for s in sources] == [
        "习近平会见联合国秘书长古特雷斯",
        "吉林𠮷祥村的民生账本",
        "图片新闻\n1月5日，",
    ]
    first = sources[0]
    guid = first.get("guid")
    assert first.get("plainTextPath") == f"internal://{guid}.txt"
    text = archive.read(f"sources/{guid}.txt").decode("utf-8")
    selections = {
        text[int(s.get("startPosition", "")) : int(s.get("endPosition", ""))]: s
        for s in first.iter(f"{{{P}}}PlainTextSelection")
    }
    meeting = selections["国家主席习近平5日在北京会见了联合国秘书长古特雷斯"]
    assert meeting.findtext(f"{{{P}}}Description") == NOTE_TRICKY
    assert [codes[c.get("targetGUID")] for c in meeting.iter(f"{{{P}}}CodeRef")] == [
        "外交",
        "高层会见",
    ]
    assert users[meeting.get("creatingUser")] == "研究员甲"
    untagged = selections["中方愿同联合国加强合作"]
    assert untagged.find(f"{{{P}}}Coding") is None
    values = {
        v.findtext(f"{{{P}}}TextValue") or v.findtext(f"{{{P}}}IntegerValue")
        for v in first.iter(f"{{{P}}}VariableValue")
    }
    assert values == {"rmrb/2024-01-06_01.txt", "0", "unread"}  # source, position, reading state


def test_guids_are_deterministic_and_unique() -> None:
    one = qdpx()[0].read("project.qde")
    two = qdpx()[0].read("project.qde")
    assert one == two
    guids = re.findall(rb' guid="([^"]+)"', one)
    assert len(guids) == len(set(guids))
    refs = set(re.findall(rb'(?:targetGUID|creatingUser)="([^"]+)"', one))
    assert refs <= set(guids)


def test_empty_bundle_leaves_out_empty_containers() -> None:
    _, root, count = qdpx(ExportBundle([], [], []))
    assert count == 0
    assert [local(c) for c in root] == ["Users"]
    check_schema_shape(root, P)


@pytest.mark.parametrize("bad", ["\x00", "\x08", "\x0b", "\ufffe"])
def test_xml_illegal_characters_are_dropped(bad: str) -> None:
    bundle = sample_bundle()
    bundle.tags[0] = type(bundle.tags[0])(1, "政治", None, "#e15759", f"a{bad}b")
    _, root, _ = qdpx(bundle)
    assert root.find(f".//{{{P}}}Code/{{{P}}}Description").text == "ab"  # type: ignore[union-attr]


def test_codebook_qdc() -> None:
    out = io.StringIO()
    assert get_exporter("qdc").write(sample_bundle(), out, ExportOptions()) == 0
    text = out.getvalue()
    assert 'xmlns="urn:QDA-XML:codebook:1.0"' in text
    root = ET.fromstring(text.encode("utf-8"))
    assert local(root) == "CodeBook" and [local(c) for c in root] == ["Codes"]
    check_schema_shape(root, C)
    names = [c.get("name") for c in root.iter(f"{{{C}}}Code")]
    assert names == ["政治", "外交", "高层会见", "问责", "社会 民生", "基层治理"]
