"""REFI-QDA import: ``.qdc`` codebooks and ``.qdpx`` projects (QDA-XML 1.0).

Element names are matched by local name, so files with the project namespace, the codebook
namespace or none are read alike.  Codes become :class:`ImportedTag` (nested ``Code`` = child,
``color``, ``Description``).  From a ``.qdpx``, every ``TextSource``'s ``PlainTextSelection``
becomes an :class:`ImportedAnnotation`: the text comes from ``internal://`` files (found under
``sources/`` in any letter case) or ``PlainTextContent``; tags are the codes of its ``Coding``
elements; the note is its ``Description`` plus any referenced ``Note``.  ``source`` and
``article_key`` are the ``Pizhu source``/``Pizhu position`` variables our export writes, else
the ``TextSource`` name and None.  Other source kinds (PDF, pictures…) are skipped with an issue.
"""

from __future__ import annotations

import zipfile
from typing import IO
from xml.etree import ElementTree as ET

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportedTag,
    ImportFormatError,
    ImportIssue,
    ImportResult,
    context_of,
    decode,
    parse_datetime,
)

SOURCE_VARIABLE = "Pizhu source"
POSITION_VARIABLE = "Pizhu position"
SOURCE_KINDS = ("PDFSource", "PictureSource", "AudioSource", "VideoSource")


def local(element: ET.Element) -> str:
    """The element's name without its namespace."""
    return element.tag.rsplit("}", 1)[-1]


def children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if local(c) == name]


def child(element: ET.Element | None, name: str) -> ET.Element | None:
    found = children(element, name)
    return found[0] if found else None


def parse_xml(data: bytes, name: str, root_name: str) -> ET.Element:
    """The root element, which must be called ``root_name``."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImportFormatError(name, f"not well-formed XML ({exc})") from None
    if local(root) != root_name:
        raise ImportFormatError(name, f"root element is {local(root)}, expected {root_name}")
    return root


def read_codes(
    codes: ET.Element | None, issues: list[ImportIssue]
) -> tuple[list[ImportedTag], dict[str, str]]:
    """Tags in document order (parents first) and the code GUID → name map."""
    tags: list[ImportedTag] = []
    names: dict[str, str] = {}

    def walk(parent: ET.Element | None, parent_name: str | None) -> None:
        for code in children(parent, "Code"):
            name = (code.get("name") or "").strip()
            if not name:
                issues.append(ImportIssue("unnamed-code", code.get("guid", "")))
                walk(code, parent_name)
                continue
            desc = child(code, "Description")
            tags.append(
                ImportedTag(
                    name,
                    parent_name,
                    code.get("color"),
                    (desc.text or "") if desc is not None else "",
                )
            )
            if code.get("guid"):
                names[code.get("guid", "")] = name
            walk(code, name)

    walk(codes, None)
    return tags, names


def read_qdc(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse a REFI-QDA codebook (root ``CodeBook``) into tags; no annotations."""
    root = parse_xml(src.read(), name, "CodeBook")
    result = ImportResult()
    result.tags, _ = read_codes(child(root, "Codes"), result.warnings)
    return result


class _Project:
    def __init__(self, archive: zipfile.ZipFile, root: ET.Element, name: str) -> None:
        self.archive = archive
        self.root = root
        self.name = name
        self.result = ImportResult(project_name=root.get("name"))
        self.users = {
            u.get("guid", ""): u.get("name") or "" for u in children(child(root, "Users"), "User")
        }
        self.result.tags, self.codes = read_codes(
            child(child(root, "CodeBook"), "Codes"), self.result.warnings
        )
        self.variables = {
            v.get("guid", ""): v.get("name") or ""
            for v in children(child(root, "Variables"), "Variable")
        }
        self.notes: dict[str, str] = {}
        for note in children(child(root, "Notes"), "Note"):
            content = child(note, "PlainTextContent")
            self.notes[note.get("guid", "")] = (content.text or "") if content is not None else ""
        self.entries = {info.filename.lower(): info.filename for info in archive.infolist()}

    def warn(self, code: str, detail: str = "") -> None:
        self.result.warnings.append(ImportIssue(code, detail))

    def source_text(self, source: ET.Element) -> str | None:
        content = child(source, "PlainTextContent")
        if content is not None:
            return content.text or ""
        path = source.get("plainTextPath") or ""
        if path.startswith("internal://"):
            wanted = "sources/" + path[len("internal://") :]
            entry = self.entries.get(wanted.lower())
            if entry is not None:
                return decode(self.archive.read(entry), f"{self.name}:{entry}")
        self.warn("missing-source-text", path or source.get("guid", ""))
        return None

    def variable_values(self, source: ET.Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for vv in children(source, "VariableValue"):
            ref = child(vv, "VariableRef")
            var = self.variables.get(ref.get("targetGUID", "")) if ref is not None else None
            value = next((c.text for c in vv if local(c) != "VariableRef"), None)
            if var and value is not None:
                values[var] = value
        return values

    def read(self) -> ImportResult:
        for sources in children(self.root, "Sources"):
            for source in sources:
                if local(source) == "TextSource":
                    self.text_source(source)
                elif local(source) in SOURCE_KINDS:
                    self.warn("skipped-source", f"{local(source)} {source.get('name', '')}")
        return self.result

    def text_source(self, source: ET.Element) -> None:
        text = self.source_text(source)
        variables = self.variable_values(source)
        title = source.get("name")
        src_name = variables.get(SOURCE_VARIABLE) or title or source.get("guid") or ""
        key = variables.get(POSITION_VARIABLE)
        for sel in children(source, "PlainTextSelection"):
            ident = sel.get("guid", "")
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                self.warn("bad-position", ident)
                continue
            if start > end:
                start, end = end, start
            if text is not None and end <= len(text) and start >= 0:
                quote = text[start:end]
            else:
                quote = ""
                if text is not None:
                    self.warn("position-outside-text", ident)
            prefix, suffix = context_of(text, start, end)
            tags: list[str] = []
            for coding in children(sel, "Coding"):
                ref = child(coding, "CodeRef")
                target = ref.get("targetGUID", "") if ref is not None else ""
                if target in self.codes:
                    tags.append(self.codes[target])
                else:
                    self.warn("unknown-code", f"{ident} → {target}")
            desc = child(sel, "Description")
            notes = [desc.text] if desc is not None and desc.text else []
            notes += [
                self.notes[r.get("targetGUID", "")]
                for r in children(sel, "NoteRef")
                if self.notes.get(r.get("targetGUID", ""))
            ]
            user = sel.get("creatingUser", "")
            self.result.annotations.append(
                ImportedAnnotation(
                    source=src_name,
                    article_key=key,
                    article_text=text,
                    start=start,
                    end=end,
                    quote=quote,
                    prefix=prefix,
                    suffix=suffix,
                    tags=tuple(dict.fromkeys(tags)),
                    note="\n\n".join(notes),
                    author=self.users.get(user, user),
                    created=parse_datetime(sel.get("creationDateTime")),
                    title=title,
                    external_id=ident or None,
                )
            )


def read_qdpx(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse a REFI-QDA project archive from a binary, seekable file object.

    Raises :class:`ImportFormatError` if it is not a ZIP, has no ``.qde`` project, or the project
    XML is not a ``Project``.
    """
    try:
        archive = zipfile.ZipFile(src)
    except zipfile.BadZipFile:
        raise ImportFormatError(name, "not a ZIP archive") from None
    with archive:
        qde = sorted(
            (i.filename for i in archive.infolist() if i.filename.lower().endswith(".qde")),
            key=lambda f: (f.lower() != "project.qde", f),
        )
        if not qde:
            raise ImportFormatError(name, "no project.qde in the archive")
        root = parse_xml(archive.read(qde[0]), name, "Project")
        return _Project(archive, root, name).read()
