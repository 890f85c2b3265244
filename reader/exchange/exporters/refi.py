"""REFI-QDA (QDA-XML 1.0): a ``.qdpx`` project and a ``.qdc`` codebook.

The ``.qdpx`` is a ZIP of ``project.qde`` plus ``sources/<GUID>.txt`` (lowercase folder, UTF-8
without BOM, LF line ends, exactly ``ArticleRecord.text``).  ``project.qde`` children follow the
schema order: ``Users``, ``CodeBook``, ``Variables``, ``Sources``; an empty container is left
out, since the schema requires at least one child in each.  Every article is a ``TextSource``
named by its title, with the ``Pizhu source`` / ``Pizhu position`` variables that identify it;
every placed annotation is a ``PlainTextSelection`` (code-point offsets) with the note as its
``Description`` and one ``Coding``/``CodeRef`` per tag.  Unplaced annotations are skipped.
GUIDs are uuid5 of our ids, so the same bundle always gives the same file.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO
from xml.etree import ElementTree as ET

from reader import __version__
from reader.exchange.exporters.base import (
    ExportOptions,
    all_tags,
    annotations_by_article,
    article_title,
    coder_of,
    exported_at,
    is_placed,
    iso,
    register,
    stable_uuid,
)
from reader.records import ExportBundle, TagRecord

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PROJECT_XSD = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_XSD = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
ORIGIN = f"Pizhu {__version__}"
SOURCE_VARIABLE = "Pizhu source"
POSITION_VARIABLE = "Pizhu position"
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid(*parts: object) -> str:
    """A deterministic 8-4-4-4-12 GUID."""
    return str(stable_uuid(*parts))


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", value)


def _sub(parent: ET.Element, ns: str, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})


def _serialise(root: ET.Element) -> bytes:
    """Indented UTF-8 XML.  A CR in text content is written as ``&#13;`` so that XML line-end
    normalisation does not turn a note's ``\r\n`` into ``\n`` (attributes are escaped already)."""
    ET.indent(root, space="  ")
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return data.replace(b"\r", b"&#13;")


def code_guid(tag: TagRecord) -> str:
    return guid("code", tag.name)


def build_codes(parent: ET.Element, ns: str, tags: list[TagRecord]) -> None:
    """``Codes`` with nested ``Code`` elements (hierarchy from ``parent_id``) under ``parent``."""
    codes = _sub(parent, ns, "Codes")
    elements: dict[int, ET.Element] = {}
    for tag in tags:  # all_tags order puts parents before children
        holder = elements.get(tag.parent_id, codes) if tag.parent_id is not None else codes
        attrs = {"guid": code_guid(tag), "name": tag.name, "isCodable": "true"}
        if _COLOR.fullmatch(tag.color or ""):
            attrs["color"] = tag.color.upper()
        code = _sub(holder, ns, "Code", **attrs)
        if tag.description:
            _sub(code, ns, "Description").text = xml_text(tag.description)
        elements[tag.id] = code


def codebook_xml(bundle: ExportBundle) -> bytes:
    """The ``.qdc`` document: ``CodeBook`` → ``Codes`` → ``Code``… (empty ``Codes`` if no tags)."""
    ET.register_namespace("", CODEBOOK_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{CODEBOOK_NS} {CODEBOOK_XSD}")
    build_codes(root, CODEBOOK_NS, all_tags(bundle))
    return _serialise(root)


def project_xml(bundle: ExportBundle) -> tuple[bytes, dict[str, str], int]:
    """``project.qde`` bytes, the source files (zip path → text) and the selection count."""
    ET.register_namespace("", PROJECT_NS)
    ET.register_namespace("xsi", XSI_NS)
    ns = PROJECT_NS
    when = iso(exported_at(bundle))
    grouped = annotations_by_article(bundle)
    user_names = [bundle.author] + sorted(
        {coder_of(a) for anns in grouped.values() for a in anns} - {bundle.author}
    )
    users = {name: guid("user", name) for name in user_names}
    root = ET.Element(
        f"{{{ns}}}Project",
        {
            "name": xml_text(bundle.project_name),
            "origin": ORIGIN,
            "creatingUserGUID": users[bundle.author],
            "creationDateTime": when,
        },
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{ns} {PROJECT_XSD}")
    users_el = _sub(root, ns, "Users")
    for name, user_guid in users.items():
        _sub(users_el, ns, "User", guid=user_guid, name=name)
    tags = all_tags(bundle)
    codes_by_name = {t.name: code_guid(t) for t in tags}
    if tags:
        build_codes(_sub(root, ns, "CodeBook"), ns, tags)
    files: dict[str, str] = {}
    count = 0
    if bundle.articles:
        variables = _sub(root, ns, "Variables")
        var_source = _sub(
            variables,
            ns,
            "Variable",
            guid=guid("variable", "source"),
            name=SOURCE_VARIABLE,
            typeOfVariable="Text",
        )
        var_position = _sub(
            variables,
            ns,
            "Variable",
            guid=guid("variable", "position"),
            name=POSITION_VARIABLE,
            typeOfVariable="Integer",
        )
        sources = _sub(root, ns, "Sources")
        for article in bundle.articles:
            source_guid = guid("source", article.source, article.position, article.id)
            files[f"sources/{source_guid}.txt"] = article.text
            src = _sub(
                sources,
                ns,
                "TextSource",
                guid=source_guid,
                name=article_title(article),
                plainTextPath=f"internal://{source_guid}.txt",
                creatingUser=users[bundle.author],
                creationDateTime=when,
            )
            if article.note:
                _sub(src, ns, "Description").text = xml_text(article.note)
            for ann in grouped[article.id]:
                if not is_placed(ann, article.text):
                    continue
                count += 1
                sel = _sub(
                    src,
                    ns,
                    "PlainTextSelection",
                    guid=guid("selection", ann.id),
                    name=ann.quote[:80],
                    startPosition=str(ann.start),
                    endPosition=str(ann.end),
                    creatingUser=users[coder_of(ann)],
                    creationDateTime=iso(ann.created),
                    modifyingUser=users[coder_of(ann)],
                    modifiedDateTime=iso(ann.updated),
                )
                if ann.note:
                    _sub(sel, ns, "Description").text = xml_text(ann.note)
                for tag in dict.fromkeys(ann.tags):
                    coding = _sub(
                        sel,
                        ns,
                        "Coding",
                        guid=guid("coding", ann.id, tag),
                        creatingUser=users[coder_of(ann)],
                        creationDateTime=iso(ann.created),
                    )
                    _sub(coding, ns, "CodeRef", targetGUID=codes_by_name[tag])
            for var, value, kind in (
                (var_source, article.source, "TextValue"),
                (var_position, str(article.position), "IntegerValue"),
            ):
                vv = _sub(src, ns, "VariableValue")
                _sub(vv, ns, "VariableRef", targetGUID=var.get("guid", ""))
                _sub(vv, ns, kind).text = xml_text(value)
    return _serialise(root), files, count


def _zip_write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


@register
class QdpxExporter:
    """REFI-QDA project: a ZIP of ``project.qde`` and ``sources/`` (binary output)."""

    name = "qdpx"
    extension = ".qdpx"
    binary = True

    def write(self, bundle: ExportBundle, out: IO[bytes], options: ExportOptions) -> int:
        qde, files, count = project_xml(bundle)
        with zipfile.ZipFile(out, "w") as archive:
            _zip_write(archive, "project.qde", qde)
            for path, text in files.items():
                _zip_write(archive, path, text.encode("utf-8"))
        return count


@register
class QdcExporter:
    """REFI-QDA codebook (``CodeBook`` root, codebook namespace; text output).  Returns 0."""

    name = "qdc"
    extension = ".qdc"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        out.write(codebook_xml(bundle).decode("utf-8"))
        return 0
