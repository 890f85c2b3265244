"""REFI-QDA import: ``.qdc`` codebooks and ``.qdpx`` projects (QDA-XML 1.0), or a bare
``project.qde``.

Element names are matched by local name, so files with the project namespace, the codebook
namespace or none are read alike.  Codes become :class:`ImportedTag` (nested ``Code`` = child,
``color``, ``Description``).  From a project, every ``TextSource``'s ``PlainTextSelection``
becomes an :class:`ImportedAnnotation`: the text comes from ``internal://`` files (found under
``sources/`` in any letter case) or ``PlainTextContent``, with line ends normalised to ``\\n``;
tags are the codes of its ``Coding`` elements; the note is its ``Description`` plus any
referenced ``Note``.  ``source`` and ``article_key`` are the ``Pizhu source``/``Pizhu position``
variables our export writes, else the ``TextSource`` name and None.  Article facts come back
as :class:`ImportedArticle`: the ``TextSource`` description (note), the ``Sets`` it is a member
of (article tags), the ``Pizhu reading state`` variable and every other variable value (document
variables: newspaper, date, region … as another tool or our export wrote them).  Other source kinds (PDF,
pictures…) are skipped with an issue.

Positions are converted to code points of the normalised text under the counting scheme that
fits the file (:mod:`reader.exchange.importers.offsets`): NVivo counts UTF-16 units with CRLF
line ends, most others code points of the file as stored (so a CR of a stored CRLF counts,
unless the quotes or the selection boundaries show otherwise).  A selection that falls outside its text, or inside a
character, is skipped and reported; the rest of the file is still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportedArticle,
    ImportedTag,
    ImportFormatError,
    ImportIssue,
    ImportResult,
    context_of,
    decode,
    parse_datetime,
    to_int,
)
from reader.exchange.importers import limits
from reader.exchange.importers.limits import SafeArchive, parse_xml, read_capped
from reader.exchange.importers.offsets import (
    CODE_POINTS,
    Counter,
    Scheme,
    choose_scheme,
    normalise_newlines,
    producer_scheme,
)

SOURCE_VARIABLE = "Pizhu source"
POSITION_VARIABLE = "Pizhu position"
STATE_VARIABLE = "Pizhu reading state"
SOURCE_KINDS = ("PDFSource", "PictureSource", "AudioSource", "VideoSource")
STATES = ("unread", "read", "starred")


def local(element: Element) -> str:
    """The element's name without its namespace."""
    tag = element.tag
    return tag[tag.index("}") + 1:] if tag[:1] == "{" else tag


def children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [c for c in element if c.tag == name or c.tag.endswith("}" + name)]


def child(element: Element | None, name: str) -> Element | None:
    found = children(element, name)
    return found[0] if found else None


def _root(data: bytes, name: str, root_name: str) -> Element:
    root = parse_xml(data, name)
    if local(root) != root_name:
        raise ImportFormatError(name, f"root element is {local(root)}, expected {root_name}")
    return root


def read_codes(codes: Element | None, issues: list[ImportIssue]) -> tuple[list[ImportedTag], dict[str, str]]:
    """Tags in document order (parents first) and the code GUID → name map."""
    tags: list[ImportedTag] = []
    names: dict[str, str] = {}
    stack: list[tuple[Element, str | None]] = [(c, None) for c in reversed(children(codes, "Code"))]
    while stack:
        code, parent_name = stack.pop()
        name = (code.get("name") or "").strip()
        if not name:
            issues.append(ImportIssue("unnamed-code", code.get("guid", "")))
            stack.extend((c, parent_name) for c in reversed(children(code, "Code")))
            continue
        desc = child(code, "Description")
        tags.append(ImportedTag(name, parent_name, code.get("color"), (desc.text or "") if desc is not None else ""))
        if code.get("guid"):
            names[code.get("guid", "")] = name
        stack.extend((c, name) for c in reversed(children(code, "Code")))
    return tags, names


def read_qdc(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse a REFI-QDA codebook (root ``CodeBook``) into tags; no annotations."""
    root = _root(read_capped(src, name), name, "CodeBook")
    result = ImportResult()
    result.tags, _ = read_codes(child(root, "Codes"), result.warnings)
    return result


@dataclass
class _Source:
    element: Element
    text: str | None
    selections: list[Element] = field(default_factory=list)


class _Project:
    def __init__(self, archive: SafeArchive | None, root: Element, name: str) -> None:
        self.archive = archive
        self.root = root
        self.name = name
        self.result = ImportResult(project_name=root.get("name"))
        self.users = {u.get("guid", ""): u.get("name") or "" for u in children(child(root, "Users"), "User")}
        self.result.tags, self.codes = read_codes(child(child(root, "CodeBook"), "Codes"), self.result.warnings)
        self.variables = {
            v.get("guid", ""): v.get("name") or "" for v in children(child(root, "Variables"), "Variable")
        }
        self.notes: dict[str, str] = {}
        for note in children(child(root, "Notes"), "Note"):
            content = child(note, "PlainTextContent")
            self.notes[note.get("guid", "")] = (content.text or "") if content is not None else ""
        self.sets: dict[str, list[str]] = {}
        for set_el in children(child(root, "Sets"), "Set"):
            set_name = (set_el.get("name") or "").strip()
            for member in children(set_el, "MemberSource"):
                if set_name:
                    self.sets.setdefault(member.get("targetGUID", ""), []).append(set_name)
        self.entries = {n.lower(): n for n in archive.names()} if archive else {}
        self.documents: list[tuple[str, str, str]] = []  # every text source: guid, text, name
        self.stored_cr = False  # a source file had CR line ends

    def warn(self, code: str, detail: str = "") -> None:
        self.result.warnings.append(ImportIssue(code, detail))

    def source_text(self, source: Element) -> str | None:
        """The source's text with line ends as ``\\n`` (noting whether it was stored with CRs)."""
        content = child(source, "PlainTextContent")
        if content is not None:
            raw = content.text or ""
            self.stored_cr = self.stored_cr or "\r" in raw
            return normalise_newlines(raw)
        path = source.get("plainTextPath") or ""
        if path.startswith("internal://") and self.archive is not None:
            wanted = "sources/" + path[len("internal://"):]
            entry = self.entries.get(wanted.lower())
            if entry is not None:
                where = f"{self.name}:{entry}"
                raw = decode(self.archive.read(entry, limits.MAX_SOURCE_BYTES), where, allow_empty=True)
                self.stored_cr = self.stored_cr or "\r" in raw
                return normalise_newlines(raw)
        self.warn("missing-source-text", path or source.get("guid", ""))
        return None

    def variable_values(self, source: Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for vv in children(source, "VariableValue"):
            ref = child(vv, "VariableRef")
            var = self.variables.get(ref.get("targetGUID", "")) if ref is not None else None
            value = next((c.text for c in vv if local(c) != "VariableRef"), None)
            if var and value is not None:
                values[var] = value
        return values

    def read(self) -> ImportResult:
        sources: list[_Source] = []
        for group in children(self.root, "Sources"):
            for source in group:
                if local(source) == "TextSource":
                    sources.append(_Source(source, self.source_text(source), children(source, "PlainTextSelection")))
                elif local(source) in SOURCE_KINDS:
                    self.warn("skipped-source", f"{local(source)} {source.get('name', '')}")
        origin = self.root.get("origin")
        docs = []
        for index, src in enumerate(sources):
            if src.text is None:
                continue
            self.documents.append((src.element.get("guid") or f"source-{index}", src.text,
                                   src.element.get("name") or ""))
            spans = []
            for sel in src.selections:
                s, e = to_int(sel.get("startPosition")), to_int(sel.get("endPosition"))
                if s is not None and e is not None:
                    spans.append((min(s, e), max(s, e), sel.get("name") or ""))
            docs.append((src.text, spans))
        preferred = producer_scheme(origin)
        if self.stored_cr:  # positions count the file as stored, CRs included, unless evidence says not
            preferred = Scheme(preferred.utf16, True)
        verdict = choose_scheme(docs, preferred)
        if verdict.scheme != CODE_POINTS:
            self.warn("offsets", f"positions read as {verdict.scheme.label} "
                                 f"({verdict.how}: {verdict.matched}/{verdict.total}; origin {origin or 'unknown'})")
        self.scheme = verdict.scheme
        for src in sources:
            self.text_source(src)
        return self.result

    def text_source(self, src: _Source) -> None:
        source, text = src.element, src.text
        variables = self.variable_values(source)
        title = source.get("name")
        src_name = variables.get(SOURCE_VARIABLE) or title or source.get("guid") or ""
        key = variables.get(POSITION_VARIABLE)
        desc = child(source, "Description")
        state = variables.get(STATE_VARIABLE)
        tags = tuple(dict.fromkeys(self.sets.get(source.get("guid", ""), [])))
        note = (desc.text or "").strip("\n") if desc is not None else ""
        ours = (SOURCE_VARIABLE, POSITION_VARIABLE, STATE_VARIABLE)
        others = tuple((name, value) for name, value in variables.items() if name not in ours and value.strip())
        if tags or note or state in STATES or others:
            self.result.articles.append(ImportedArticle(
                src_name, key, text, tags, note, state if state in STATES else None, others))
        counter = Counter(text, self.scheme) if text is not None else None
        for sel in src.selections:
            self.selection(sel, src_name, key, title, text, counter)

    def selection(self, sel: Element, src_name: str, key: str | None, title: str | None,
                  text: str | None, counter: Counter | None) -> None:
        ident = sel.get("guid", "")
        where = f"selection {ident or '?'} in {title or src_name!r}"
        raw_start, raw_end = to_int(sel.get("startPosition")), to_int(sel.get("endPosition"))
        if raw_start is None or raw_end is None:
            self.result.skip("bad-position", f"{where}: positions {sel.get('startPosition')!r}–"
                                             f"{sel.get('endPosition')!r} are not offsets")
            return
        raw_start, raw_end = min(raw_start, raw_end), max(raw_start, raw_end)
        start, end, quote = raw_start, raw_end, ""
        if text is not None and counter is not None:
            start_cp, end_cp = counter.to_code_point(raw_start), counter.to_code_point(raw_end)
            if start_cp is None or end_cp is None:
                self.result.skip("position-outside-text",
                                 f"{where}: {raw_start}–{raw_end} is outside the {counter.length}-unit text")
                return
            start, end, quote = start_cp, end_cp, text[start_cp:end_cp]
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
        notes += [self.notes[r.get("targetGUID", "")] for r in children(sel, "NoteRef")
                  if self.notes.get(r.get("targetGUID", ""))]
        user = sel.get("creatingUser", "")
        self.result.annotations.append(ImportedAnnotation(
            source=src_name, article_key=key, article_text=text, start=start, end=end, quote=quote,
            prefix=prefix, suffix=suffix, tags=tuple(dict.fromkeys(tags)), note="\n\n".join(notes),
            author=self.users.get(user, user), created=parse_datetime(sel.get("creationDateTime")),
            title=title, external_id=ident or None,
        ))


def read_qdpx(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse a REFI-QDA project archive from a binary, seekable file object.

    Raises :class:`ImportFormatError` if it is not a ZIP, breaks a size cap, has no ``.qde``
    project, or the project XML is not a safe, well-formed ``Project``.
    """
    return read_qdpx_sources(src, name)[0]


def read_qdpx_sources(src: IO[bytes], name: str = "<stream>") -> tuple[ImportResult, list[tuple[str, str, str]]]:
    """:func:`read_qdpx`, plus every text source of the project as ``(guid, text, name)`` with
    the text as the annotations' offsets count it (line ends ``\\n``), for callers that place
    the selections themselves (merging another coder's project)."""
    with SafeArchive(src, name) as archive:
        qde = sorted((n for n in archive.names() if n.lower().endswith(".qde")),
                     key=lambda f: (f.lower() != "project.qde", f))
        if not qde:
            raise ImportFormatError(name, "no project.qde in the archive")
        root = _root(archive.read(qde[0], limits.MAX_PROJECT_BYTES), f"{name}:{qde[0]}", "Project")
        project = _Project(archive, root, name)
        return project.read(), project.documents


def read_qde(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse a bare ``project.qde`` (sources must carry ``PlainTextContent``)."""
    root = _root(read_capped(src, name, limits.MAX_PROJECT_BYTES), name, "Project")
    return _Project(None, root, name).read()
