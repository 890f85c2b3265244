"""W3C Web Annotation (JSON-LD) import, as we write it and as other clients shape it.

Accepted containers: one ``Annotation``; a JSON list; an ``AnnotationCollection`` with an
embedded ``first`` page (and embedded ``next`` pages); an ``AnnotationPage``; ``@graph``; JSON
Lines of any of these.  A page referenced only by URI cannot be followed (issue
``unfollowed-page``).  Per annotation: ``tagging`` bodies are tags; ``commenting`` (or
purpose-less) textual bodies and ``bodyValue`` make the note (joined by a blank line); the
Hypothesis-style ``tags``/``text`` members are read too.  Annotations whose bodies are all
``classifying`` are entities and are skipped (``skipped-entity``).  The target's
``TextPositionSelector`` and ``TextQuoteSelector`` give offsets and quote; our URNs
``urn:pizhu:article:<source>#<key>`` are split into ``source`` and ``article_key``.
"""

from __future__ import annotations

import json
from typing import IO, Any
from urllib.parse import unquote

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportFormatError,
    ImportIssue,
    ImportResult,
    decode,
    parse_datetime,
    read_codebook,
    tags_in_order,
    text_or,
    to_int,
)
from reader.exchange.importers.limits import load_json, read_capped

URN_PREFIX = "urn:pizhu:article:"
CODEBOOK_KEY = "pizhu:codebook"
_CONTAINERS = {"AnnotationCollection", "AnnotationPage"}


def load_json_values(text: str, name: str) -> list[Any]:
    """The top-level JSON value(s): one document, or one per non-blank line (JSON Lines)."""
    try:
        return [load_json(text, name)]
    except json.JSONDecodeError as whole_error:
        values = []
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                try:
                    values.append(load_json(line, name, f"line {number}"))
                except json.JSONDecodeError:
                    raise ImportFormatError(
                        name, f"not JSON or JSON Lines ({whole_error.msg}, line {number})"
                    ) from None
        if not values:
            raise ImportFormatError(name, "empty file") from None
        return values


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    raw = _as_list(obj.get("type", obj.get("@type")))
    return {str(t).rsplit(":", 1)[-1].rsplit("#", 1)[-1] for t in raw}


def split_source(source: str) -> tuple[str, str | None]:
    """Our article URN → ``(source, key)``; any other target source → ``(source, None)``."""
    if source.startswith(URN_PREFIX):
        rest, _, key = source[len(URN_PREFIX) :].partition("#")
        return unquote(rest), key or None
    return source, None


def _uri(target: Any) -> str:
    """The resource a target names: a string, or its ``source`` (itself maybe an object with an
    ``id``), ``id`` or ``@id``."""
    if isinstance(target, str):
        return target
    if not isinstance(target, dict):
        return ""
    for key in ("source", "id", "@id"):
        value = target.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, dict):
            return _uri({k: v for k, v in value.items() if k != "source"})
    return ""


def _author(creator: Any) -> str:
    for item in _as_list(creator):
        if isinstance(item, str):
            return item
        if isinstance(item, dict):
            for key in ("name", "nickname", "id", "@id"):
                if isinstance(item.get(key), str):
                    return str(item[key])
    return ""


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.result = ImportResult()
        self.recognised = False
        self.entities = 0
        self.codebook: list[ImportedTag] = []

    def warn(self, code: str, detail: str = "") -> None:
        self.result.warnings.append(ImportIssue(code, detail))

    def collect(self, value: Any) -> None:
        if isinstance(value, list):
            self.recognised = self.recognised or not value
            for item in value:
                self.collect(item)
            return
        if not isinstance(value, dict):
            self.warn("not-an-annotation", type(value).__name__)
            return
        types = _types(value)
        if "Annotation" in types or ("target" in value and not types & _CONTAINERS):
            self.recognised = True
            self.annotation(value)
        elif "AnnotationCollection" in types:
            self.recognised = True
            if self.result.project_name is None and isinstance(value.get("label"), str):
                self.result.project_name = value["label"]
            if CODEBOOK_KEY in value:
                self.codebook += read_codebook(value[CODEBOOK_KEY], self.result.warnings)
            self.page(value.get("first"))
            if "items" in value:
                self.collect(value["items"])
        elif "AnnotationPage" in types:
            self.recognised = True
            self.page(value)
        elif "@graph" in value:
            self.collect(value["@graph"])
        elif "items" in value:
            self.collect(value["items"])
        else:
            self.warn("not-an-annotation", str(value.get("id", "")))

    def page(self, page: Any) -> None:
        seen: set[int] = set()
        while page is not None:
            if isinstance(page, str):
                self.warn("unfollowed-page", page)
                return
            if not isinstance(page, dict) or id(page) in seen:
                return
            seen.add(id(page))
            self.collect(_as_list(page.get("items")))
            page = page.get("next")

    def annotation(self, obj: dict[str, Any]) -> None:
        ident = obj.get("id", obj.get("@id"))
        ident = str(ident) if ident is not None else None
        motivation = next(iter(_as_list(obj.get("motivation"))), None)
        tags: list[str] = []
        notes: list[str] = []
        classified = False
        if isinstance(obj.get("bodyValue"), str):
            notes.append(obj["bodyValue"])
        for body in _as_list(obj.get("body")):
            if isinstance(body, dict) and "Choice" in _types(body) and body.get("items"):
                body = _as_list(body["items"])[0]
            if not isinstance(body, dict) or not isinstance(body.get("value"), str):
                continue  # an IRI or a non-textual body
            purpose = next(iter(_as_list(body.get("purpose"))), None) or motivation
            purpose = str(purpose).rsplit(":", 1)[-1] if purpose else None
            if purpose == "tagging":
                tags.append(body["value"])
            elif purpose == "classifying":
                classified = True
            else:
                notes.append(body["value"])
        tags += [t for t in _as_list(obj.get("tags")) if isinstance(t, str)]
        if isinstance(obj.get("text"), str) and obj["text"]:
            notes.append(obj["text"])
        if classified and not tags and not notes:
            self.entities += 1
            return
        targets = [t for t in _as_list(obj.get("target")) if isinstance(t, (dict, str))]
        if not targets:
            self.result.skip("no-target", f"annotation {ident or '?'} has no target")
            return
        if len(targets) > 1:
            self.warn("extra-targets-ignored", ident or "")
        target = targets[0]
        source_uri = _uri(target)
        selectors = [] if isinstance(target, str) else _as_list(target.get("selector"))
        start = end = None
        quote = prefix = suffix = ""
        have_quote = False
        for sel in selectors:
            if not isinstance(sel, dict):
                continue
            kinds = _types(sel)
            if "TextPositionSelector" in kinds:
                s, e = to_int(sel.get("start")), to_int(sel.get("end"))
                if s is not None and e is not None and s <= e:
                    start, end = s, e
                else:
                    self.warn("bad-position", f"annotation {ident or '?'}: start {sel.get('start')!r}, "
                                              f"end {sel.get('end')!r} (quote used instead)")
            elif "TextQuoteSelector" in kinds and isinstance(sel.get("exact"), str):
                have_quote = True
                quote = sel["exact"]
                prefix = text_or(sel.get("prefix"))
                suffix = text_or(sel.get("suffix"))
        if start is None and not have_quote:
            self.result.skip("no-text-selector", f"annotation {ident or '?'} has no usable position or quote")
            return
        source, key = split_source(source_uri)
        created = parse_datetime(obj.get("created"))
        if obj.get("created") is not None and created is None:
            self.warn("bad-date", ident or "")
        self.result.annotations.append(
            ImportedAnnotation(
                source=source,
                article_key=key,
                article_text=None,
                start=start,
                end=end,
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                tags=tuple(dict.fromkeys(tags)),
                note="\n\n".join(notes),
                author=_author(obj.get("creator")),
                created=created,
                external_id=ident,
            )
        )


def read_w3c(src: IO[bytes], name: str = "<stream>") -> ImportResult:
    """Parse W3C Web Annotation JSON-LD (or JSON Lines) from a binary file object.

    Raises :class:`ImportFormatError` if the bytes are not UTF-8 JSON or hold nothing that looks
    like a Web Annotation, collection or page.
    """
    values = load_json_values(decode(read_capped(src, name), name), name)
    reader = _Reader(name)
    try:
        for value in values:
            reader.collect(value)
    except RecursionError:
        raise ImportFormatError(name, "JSON nested too deeply") from None
    if not reader.recognised and not reader.entities:
        raise ImportFormatError(name, "no Web Annotation, AnnotationPage or AnnotationCollection")
    if reader.entities:
        reader.warn("skipped-entity", str(reader.entities))
    result = reader.result
    declared = {t.name for t in reader.codebook}
    result.tags = reader.codebook + [t for t in tags_in_order(result.annotations) if t.name not in declared]
    return result
