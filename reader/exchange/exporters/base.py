"""The exporter contract, the registry, and the few helpers every format shares.

An exporter is a small class with ``name``, ``extension``, ``binary`` and
``write(data, out, options) -> int``.  ``data`` is an :class:`~reader.exchange.source.ExportSource`
(or an :class:`ExportBundle`, wrapped by :func:`~reader.exchange.source.as_source`); ``write``
reads it article by article and writes one complete file to ``out`` as it goes (a binary file
object when ``binary`` is true, else a text one), and returns how many annotations it wrote.  Every offset written is a Unicode code point into ``ArticleRecord.text``,
end exclusive, and cuts exactly the annotation's quote out of the exported text: annotations that
are orphans, or whose offsets no longer cut their quote, are *unplaced* and are either written
without offsets (formats that allow it) or skipped.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from typing import IO, Any, Literal, Protocol, TypeVar
from urllib.parse import quote as url_quote

from reader.records import AnnotationRecord, ArticleRecord, ExportBundle, TagRecord

CONTEXT_CHARS = 32
UNTAGGED = "Annotation"
PIZHU_NAMESPACE = uuid.UUID("6d1f3c52-5b1e-5a55-9a4c-7069a7875a00")


@dataclass(frozen=True)
class ExportOptions:
    """Knobs shared by all formats; each format reads the ones that make sense for it.

    ``include_entities``: also write recognised entities (w3c, brat, jsonl).
    ``bio_source``: what the BIO exporter labels, entity spans or annotation tags.
    ``context_chars``: code points of prefix/suffix context (w3c, jsonl, csv, xlsx).
    ``labels``: overrides for the few fixed words in the md/html reports (see ``REPORT_LABELS``).
    ``nvivo``: REFI-QDA positions counted as NVivo counts them (UTF-16 units, CRLF line ends).
    ``time_zone``: the zone spreadsheet times are shown in (default: this machine's).
    """

    include_entities: bool = False
    bio_source: Literal["entities", "tags"] = "entities"
    context_chars: int = CONTEXT_CHARS
    labels: dict[str, str] = field(default_factory=dict)
    nvivo: bool = False
    time_zone: tzinfo | None = None


class Exporter(Protocol):
    """One output format.  ``write`` returns the number of bundle annotations written."""

    name: str
    extension: str
    binary: bool

    def write(self, data: Any, out: IO[Any], options: ExportOptions) -> int: ...


class UnknownFormatError(KeyError):
    """Raised by :func:`get_exporter` for a name that is not registered."""


EXPORTERS: dict[str, type[Exporter]] = {}

E = TypeVar("E")


def register(cls: type[E]) -> type[E]:
    """Class decorator: add an exporter class to :data:`EXPORTERS` under its ``name``."""
    EXPORTERS[cls.name] = cls  # type: ignore[attr-defined,assignment]
    return cls


def get_exporter(name: str) -> Exporter:
    """A fresh exporter instance for a registered format name."""
    try:
        return EXPORTERS[name]()
    except KeyError:
        raise UnknownFormatError(name) from None


# --- anchoring ---------------------------------------------------------------------------------


def is_placed(ann: AnnotationRecord, text: str) -> bool:
    """True when the annotation's offsets cut exactly its (non-empty) quote out of ``text``."""
    return (
        ann.status != "orphan"
        and 0 <= ann.start < ann.end <= len(text)
        and text[ann.start : ann.end] == ann.quote
    )


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
    """Up to ``chars`` code points before ``start`` and after ``end``."""
    return text[max(0, start - chars) : start], text[end : end + chars]


def annotation_context(ann: AnnotationRecord, text: str, chars: int) -> tuple[str, str]:
    """Context from the exported text when placed, else the context stored with the annotation."""
    if is_placed(ann, text):
        return context(text, ann.start, ann.end, chars)
    return ann.prefix[-chars:] if chars else "", ann.suffix[:chars]


def annotations_by_article(bundle: ExportBundle) -> dict[int, list[AnnotationRecord]]:
    """Annotations of articles present in the bundle, per article id, sorted by position.

    Annotations whose article is not in the bundle cannot be exported and are left out.
    """
    known = {art.id for art in bundle.articles}
    grouped: dict[int, list[AnnotationRecord]] = {aid: [] for aid in known}
    for ann in bundle.annotations:
        if ann.article_id in known:
            grouped[ann.article_id].append(ann)
    for anns in grouped.values():
        anns.sort(key=lambda a: (a.start, a.end, a.id))
    return grouped


# --- tags --------------------------------------------------------------------------------------


def all_tags(bundle: ExportBundle) -> list[TagRecord]:
    """The bundle's tags in hierarchy order (depth first, siblings in bundle order), followed by
    root tags synthesised (negative ids, default colour) for names used by annotations only.
    Names are unique: a later tag with an already seen name is dropped."""
    by_parent: dict[int | None, list[TagRecord]] = {}
    ids = {t.id for t in bundle.tags}
    for tag in bundle.tags:
        parent = tag.parent_id if tag.parent_id in ids and tag.parent_id != tag.id else None
        by_parent.setdefault(parent, []).append(tag)
    ordered: list[TagRecord] = []
    seen_ids: set[int] = set()
    seen_names: set[str] = set()

    def walk(parent: int | None) -> None:
        for tag in by_parent.get(parent, []):
            if tag.id in seen_ids:
                continue
            seen_ids.add(tag.id)
            if tag.name not in seen_names:
                seen_names.add(tag.name)
                ordered.append(tag)
            walk(tag.id)

    walk(None)
    for tag in bundle.tags:  # members of parent cycles: keep them, as roots
        if tag.id not in seen_ids and tag.name not in seen_names:
            seen_ids.add(tag.id)
            seen_names.add(tag.name)
            ordered.append(TagRecord(tag.id, tag.name, None, tag.color, tag.description))
    next_id = -1
    for ann in bundle.annotations:
        for name in ann.tags:
            if name not in seen_names:
                seen_names.add(name)
                ordered.append(TagRecord(next_id, name))
                next_id -= 1
    return ordered


def tag_paths(tags: Iterable[TagRecord]) -> dict[str, str]:
    """Tag name → its full path, ``上级/下级`` (names as in :func:`all_tags`)."""
    by_id = {t.id: t for t in tags}
    return {t.name: "/".join(t.path(by_id)) for t in by_id.values()}


def codebook_json(tags: Iterable[TagRecord]) -> list[dict[str, Any]]:
    """The codebook as plain JSON objects, parents first: name, parent, path, colour,
    description (what W3C and JSONL exports carry so that they restore it alone)."""
    tags = list(tags)
    by_id = {t.id: t for t in tags}
    return [
        {"name": t.name, "parent": by_id[t.parent_id].name if t.parent_id in by_id else None,
         "path": t.path(by_id), "color": t.color, "description": t.description}
        for t in tags
    ]


def tag_depths(tags: Iterable[TagRecord]) -> dict[int, int]:
    """Depth of each tag (roots are 0) among ``tags`` as returned by :func:`all_tags`."""
    by_id = {t.id: t for t in tags}
    return {t.id: len(t.path(by_id)) - 1 for t in by_id.values()}


_UNSAFE_TYPE = re.compile(r"[^\w.\-]+")


def safe_type_name(name: str) -> str:
    """A label with no whitespace or punctuation that brat or CoNLL readers split on: runs of
    anything but letters, digits (any script), ``_``, ``.`` and ``-`` become ``_``."""
    safe = _UNSAFE_TYPE.sub("_", name.strip()).strip("_")
    return safe or "_"


# --- identifiers and dates ---------------------------------------------------------------------


def article_key(article: ArticleRecord) -> str:
    """The article's key within its source: its position on the page."""
    return str(article.position)


def article_urn(article: ArticleRecord) -> str:
    """A stable URN for an article: ``urn:pizhu:article:<percent-encoded source>#<position>``."""
    return f"urn:pizhu:article:{url_quote(article.source, safe='')}#{article_key(article)}"


def stable_uuid(*parts: object) -> uuid.UUID:
    """A deterministic UUID (version 5) from our own identifiers."""
    return uuid.uuid5(PIZHU_NAMESPACE, "\x1f".join(str(p) for p in parts))


_NAMESPACE_BYTES = PIZHU_NAMESPACE.bytes
_VARIANT = {f"{n:x}": "89ab"[n & 3] for n in range(16)}


def stable_guid(*parts: object) -> str:
    """``str(stable_uuid(*parts))``, computed without building UUID objects (exports make one
    per article, annotation and coding)."""
    h = hashlib.sha1(_NAMESPACE_BYTES + "\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    # version 5 in the 13th hex digit, the RFC 4122 variant (10xx) in the 17th
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def guid_maker(*prefix: object) -> Callable[..., str]:
    """``lambda *rest: stable_guid(*prefix, *rest)`` (at least one further part), with the
    namespace and the prefix hashed once: the exports make a GUID per article, annotation and
    coding, and most of :func:`stable_guid`'s time goes to hashing what they share."""
    base = hashlib.sha1(_NAMESPACE_BYTES + "".join(f"{p}\x1f" for p in prefix).encode("utf-8"))
    variant = _VARIANT

    def make(*parts: object) -> str:
        h = base.copy()
        h.update((str(parts[0]) if len(parts) == 1 else "\x1f".join(map(str, parts))).encode("utf-8"))
        x = h.hexdigest()
        return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{variant[x[16]]}{x[17:20]}-{x[20:32]}"

    return make


def iso(moment: datetime | None) -> str:
    """xsd:dateTime text, seconds precision; naive datetimes are taken to be UTC."""
    if moment is None:
        moment = datetime(1970, 1, 1, tzinfo=timezone.utc)
    if moment.tzinfo is None:  # as stored: UTC
        return moment.isoformat(timespec="seconds") + "Z"
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def exported_at(bundle: ExportBundle) -> datetime:
    """The bundle's export time, or the latest annotation time (deterministic) if unset."""
    if bundle.exported is not None:
        return bundle.exported
    times = [a.updated for a in bundle.annotations] + [a.created for a in bundle.annotations]
    aware = [t if t.tzinfo else t.replace(tzinfo=timezone.utc) for t in times]
    return max(aware) if aware else datetime(1970, 1, 1, tzinfo=timezone.utc)


def coder_of(ann: AnnotationRecord) -> str:
    """The name of the coder who made the annotation (records from before coders: its author)."""
    return ann.coder or ann.author


def article_title(article: ArticleRecord) -> str:
    """The title to show for an article: its own, else the derived display title."""
    return article.title or article.display_title
