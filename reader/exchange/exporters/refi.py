"""REFI-QDA (QDA-XML 1.0): a ``.qdpx`` project and a ``.qdc`` codebook, valid against the
official schemas (tested with ``Project-mrt2019.xsd`` and ``Codebook.xsd``).

The ``.qdpx`` is a ZIP of ``project.qde`` plus ``sources/<GUID>.txt`` (lowercase folder, UTF-8
without BOM, exactly ``ArticleRecord.text``).  ``project.qde`` children follow the schema order:
``Users``, ``CodeBook``, ``Variables``, ``Sources``, ``Sets``; an empty container is left out,
since the schema requires at least one child in each.  Every article is a ``TextSource`` named
by its title, with its note as ``Description`` and the ``Pizhu source`` / ``Pizhu position`` /
``Pizhu reading state`` variables; its article tags are ``Sets`` it is a member of.  Every
placed annotation is a ``PlainTextSelection`` (its ``name`` is the start of the quote, which
lets an importer check the offsets) with the note as its ``Description`` and one
``Coding``/``CodeRef`` per tag.  Unplaced annotations are skipped.  GUIDs are uuid5 of our ids,
so the same corpus always gives the same file.

Positions are code points over LF text, as REFI-QDA says.  With ``ExportOptions.nvivo`` they are
what NVivo counts instead — UTF-16 units over text whose line ends are CRLF — and the source
files are written with CRLF, so that NVivo places every selection where it belongs.

The project is streamed: each source file goes into the ZIP as its article is read, the XML
is deflated as it is made into a temporary file (:class:`~reader.exchange.exporters.zipping.DeflateSpool`)
and copied in last.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import IO, Any
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from reader import __version__
from reader.exchange.exporters.base import (
    ExportOptions,
    article_title,
    guid_maker,
    is_placed,
    iso,
    register,
    stable_guid,
)
from reader.exchange.importers.offsets import NVIVO, Counter
from reader.exchange.exporters.zipping import STORE_ABOVE, DeflateSpool, ZipWriter
from reader.exchange.source import ArticleItem, as_source
from reader.records import TagRecord

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PROJECT_XSD = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_XSD = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
ORIGIN = f"Pizhu {__version__}"
SOURCE_VARIABLE = "Pizhu source"
POSITION_VARIABLE = "Pizhu position"
STATE_VARIABLE = "Pizhu reading state"
ARTICLE_TAG_SET = "Pizhu article tag"
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid(*parts: object) -> str:
    """A deterministic 8-4-4-4-12 GUID."""
    return stable_guid(*parts)


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", value)


def _el(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    """An element with a local name (the namespace comes from the enclosing root)."""
    clean = {k: xml_text(v) for k, v in attrs.items()}
    return ET.Element(tag, clean) if parent is None else ET.SubElement(parent, tag, clean)


def _xml(element: ET.Element, level: int) -> bytes:
    """One element as indented UTF-8 at nesting ``level``.  A CR in text is written as ``&#13;``
    so that XML line-end normalisation does not turn a note's ``\\r\\n`` into ``\\n``."""
    ET.indent(element, space="  ", level=level)
    data = ET.tostring(element, encoding="unicode").encode("utf-8")
    return ("  " * level).encode() + data.replace(b"\r", b"&#13;") + b"\n"


def code_guid(tag: TagRecord) -> str:
    return guid("code", tag.name)


def build_codes(tags: list[TagRecord]) -> ET.Element:
    """``Codes`` with nested ``Code`` elements (hierarchy from ``parent_id``)."""
    codes = _el(None, "Codes")
    elements: dict[int, ET.Element] = {}
    for tag in tags:  # all_tags order puts parents before children
        holder = elements.get(tag.parent_id, codes) if tag.parent_id is not None else codes
        attrs = {"guid": code_guid(tag), "name": tag.name, "isCodable": "true"}
        if _COLOR.fullmatch(tag.color or ""):
            attrs["color"] = tag.color.upper()
        code = _el(holder, "Code", **attrs)
        if tag.description:
            _el(code, "Description").text = xml_text(tag.description)
        elements[tag.id] = code
    return codes


def _start_tag(name: str, ns: str, xsd: str, attrs: dict[str, str]) -> bytes:
    parts = [f"<{name} xmlns={quoteattr(ns)} xmlns:xsi={quoteattr(XSI_NS)}"]
    parts += [f" {k}={quoteattr(xml_text(v))}" for k, v in attrs.items()]
    parts.append(f" xsi:schemaLocation={quoteattr(ns + ' ' + xsd)}>\n")
    return '<?xml version="1.0" encoding="utf-8"?>\n'.encode() + "".join(parts).encode("utf-8")


def codebook_xml(data: Any) -> bytes:
    """The ``.qdc`` document: ``CodeBook`` → ``Codes`` → ``Code``… (empty ``Codes`` if no tags)."""
    source = as_source(data)
    return (_start_tag("CodeBook", CODEBOOK_NS, CODEBOOK_XSD, {"origin": ORIGIN})
            + _xml(build_codes(source.tags), 1) + b"</CodeBook>\n")


class _Project:
    """Writes ``project.qde`` to ``spool`` and the source files to ``archive`` while reading."""

    def __init__(self, data: Any, options: ExportOptions, archive: ZipWriter, spool: DeflateSpool) -> None:
        self.source = as_source(data)
        self.options = options
        self.archive = archive
        self.spool = spool
        self.when = iso(self.source.exported_at())
        names = [self.source.author] + [a for a in self.source.authors() if a != self.source.author]
        self.users = {name: guid("user", name) for name in names}
        self.codes = {t.name: code_guid(t) for t in self.source.tags}
        self.variables = {name: guid("variable", key) for name, key in (
            (SOURCE_VARIABLE, "source"), (POSITION_VARIABLE, "position"), (STATE_VARIABLE, "state"))}
        # the document variables (newspaper, date, page, section, the user's region …), typed
        self.kinds = {POSITION_VARIABLE: "Integer"}
        for name, kind in self.source.variables.items():
            if name not in self.variables:
                self.variables[name] = guid("variable", "document", name)
                self.kinds[name] = kind
        self.sets: dict[str, list[str]] = {}
        self.store = self.source.total_articles > STORE_ABOVE
        self.count = 0
        self.opened = False

    def user(self, name: str) -> str:
        if name not in self.users:
            self.users[name] = guid("user", name)  # an author only an unfiltered corpus shows
        return self.users[name]

    def write(self) -> int:
        out = self.spool
        out.write(_start_tag("Project", PROJECT_NS, PROJECT_XSD, {
            "name": self.source.project_name, "origin": ORIGIN,
            "creatingUserGUID": self.users[self.source.author], "creationDateTime": self.when}))
        users = _el(None, "Users")
        for name, user_guid in self.users.items():
            _el(users, "User", guid=user_guid, name=name)
        out.write(_xml(users, 1))
        if self.source.tags:
            book = _el(None, "CodeBook")
            book.append(build_codes(self.source.tags))
            out.write(_xml(book, 1))
        for item in self.source.items(utf8=True):
            self.text_source(item)
        if self.opened:
            out.write(b"  </Sources>\n")
        if self.sets:
            sets = _el(None, "Sets")
            for name, members in self.sets.items():
                set_el = _el(sets, "Set", guid=guid("set", name), name=name)
                _el(set_el, "Description").text = ARTICLE_TAG_SET
                for member in members:
                    _el(set_el, "MemberSource", targetGUID=member)
            out.write(_xml(sets, 1))
        out.write(b"</Project>\n")
        return self.count

    def _fragments(self) -> None:
        """What every ``TextSource`` repeats, made once: the GUID makers and, per variable,
        the ``VariableValue`` text around its value."""
        self.source_guid = guid_maker("source")
        self.selection_guid = guid_maker("selection")
        self.coding_guid = guid_maker("coding")
        self.creator = self.users[self.source.author]
        self.code_refs = {name: f'          <CodeRef targetGUID="{code}" />\n        </Coding>\n'
                          for name, code in self.codes.items()}
        self.values: dict[str, tuple[str, str, str]] = {}  # name -> (opening, closing, kind)
        self.value_xml: dict[tuple[str, object], str] = {}
        for name, var_guid in self.variables.items():
            kind = self.kinds.get(name, "Text")
            self.values[name] = (f'      <VariableValue>\n        <VariableRef targetGUID="{var_guid}" />\n'
                                 f"        <{kind}Value>", f"</{kind}Value>\n      </VariableValue>\n", kind)

    def _value_xml(self, name: str, value: object) -> str:
        """The ``VariableValue`` of ``name`` = ``value`` ("" when not written: an unknown
        variable, a value not of its type), remembered: page facts, positions, sections and
        reading states repeat from article to article."""
        known = self.values.get(name)
        if known is None or (name in _OWN_VARIABLES and name != POSITION_VARIABLE and name != STATE_VARIABLE):
            xml = ""
        else:
            opening, closing, kind = known
            text = str(value)
            xml = f"{opening}{_content(text)}{closing}" if kind == "Text" or _valid(text, kind) else ""
        if len(self.value_xml) >= _VALUE_CACHE:
            self.value_xml.clear()
        self.value_xml[(name, value)] = xml
        return xml

    def text_source(self, item: ArticleItem) -> None:
        """One ``TextSource`` (written as text: the hot path, ElementTree would dominate it)."""
        if not self.opened:
            variables = _el(None, "Variables")
            for name, var_guid in self.variables.items():
                _el(variables, "Variable", guid=var_guid, name=name, typeOfVariable=self.kinds.get(name, "Text"))
            self.spool.write(_xml(variables, 1) + b"  <Sources>\n")
            self.opened = True
            self._fragments()
        article = item.article
        text = article.text
        nvivo = self.options.nvivo
        counter = Counter(text, NVIVO) if nvivo else None
        source_guid = self.source_guid(article.source, article.position, article.id)
        data = item.utf8 if item.utf8 is not None else text.encode("utf-8")  # as inflated, when at hand
        self.archive.add(f"sources/{source_guid}.txt", data.replace(b"\n", b"\r\n") if nvivo else data,
                         store=self.store)
        parts = [f'    <TextSource guid="{source_guid}" name={_attr(article_title(article))} '
                 f'plainTextPath="internal://{source_guid}.txt" creatingUser="{self.creator}" '
                 f'creationDateTime="{self.when}">\n']
        if article.note:
            parts.append(f"      <Description>{_content(article.note)}</Description>\n")
        users = self.users
        for ann in item.annotations:
            if not is_placed(ann, text):
                continue
            self.count += 1
            start, end = (counter.to_units(ann.start), counter.to_units(ann.end)) if counter else (ann.start, ann.end)
            name = ann.coder or ann.author  # coder_of
            coder = users[name] if name in users else self.user(name)
            created = iso(ann.created)
            updated = created if ann.updated == ann.created else iso(ann.updated)
            parts.append(f'      <PlainTextSelection guid="{self.selection_guid(ann.id)}" name={_attr(ann.quote[:80])} '
                         f'startPosition="{start}" endPosition="{end}" creatingUser="{coder}" '
                         f'creationDateTime="{created}" modifyingUser="{coder}" modifiedDateTime="{updated}"')
            if ann.note or ann.tags:
                parts.append(">\n")
                if ann.note:
                    parts.append(f"        <Description>{_content(ann.note)}</Description>\n")
                for tag in dict.fromkeys(ann.tags):
                    parts.append(f'        <Coding guid="{self.coding_guid(ann.id, tag)}" creatingUser="{coder}" '
                                 f'creationDateTime="{created}">\n')
                    parts.append(self.code_refs[tag])
                parts.append("      </PlainTextSelection>\n")
            else:
                parts.append(" />\n")
        opening, closing, _kind = self.values[SOURCE_VARIABLE]
        parts += (opening, _content(article.source), closing)
        value_xml = self.value_xml
        for key in ((POSITION_VARIABLE, article.position), (STATE_VARIABLE, article.state), *item.variables.items()):
            if key[1] is not None:
                xml = value_xml.get(key)
                parts.append(self._value_xml(*key) if xml is None else xml)
        parts.append("    </TextSource>\n")
        for tag in article.tags:
            self.sets.setdefault(tag, []).append(source_guid)
        self.spool.write("".join(parts).encode("utf-8"))


_OWN_VARIABLES = frozenset((SOURCE_VARIABLE, POSITION_VARIABLE, STATE_VARIABLE))
_VALUE_CACHE = 100_000  # remembered VariableValue texts (bounded: a user variable may be unique per article)


def _valid(value: str, kind: str) -> bool:
    """Whether ``value`` is a lexical value of the REFI-QDA type (xsd:integer, xsd:date)."""
    if kind == "Integer":
        return value.lstrip("-").isdigit()
    if kind == "Date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_CONTENT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


# any character that an attribute or a text node must drop or escape (most values have none)
_ATTR_WORK = re.compile(f"[&<>\"\n\r\t]|{_XML_ILLEGAL.pattern}")
_CONTENT_WORK = re.compile(f"[&<>\r]|{_XML_ILLEGAL.pattern}")


def _attr(value: str) -> str:
    """A quoted attribute value; line ends and tabs as character references, so that XML
    attribute normalisation keeps them."""
    if _ATTR_WORK.search(value) is None:
        return f'"{value}"'
    return '"' + xml_text(value).translate(_ATTR_ESCAPES) + '"'


def _content(value: str) -> str:
    if _CONTENT_WORK.search(value) is None:
        return value
    return xml_text(value).translate(_CONTENT_ESCAPES)


@register
class QdpxExporter:
    """REFI-QDA project: a ZIP of ``project.qde`` and ``sources/`` (binary output)."""

    name = "qdpx"
    extension = ".qdpx"
    binary = True

    def write(self, data: Any, out: IO[bytes], options: ExportOptions) -> int:
        with ZipWriter(out) as archive:
            spool = DeflateSpool()
            try:
                count = _Project(data, options, archive, spool).write()
            except BaseException:
                spool.close()
                raise
            archive.add_spool("project.qde", spool)
        return count


@register
class QdcExporter:
    """REFI-QDA codebook (``CodeBook`` root, codebook namespace; text output).  Returns 0."""

    name = "qdc"
    extension = ".qdc"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        out.write(codebook_xml(data).decode("utf-8"))
        return 0
