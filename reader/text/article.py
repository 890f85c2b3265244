"""The parsed article, and how it becomes the one plain text every offset refers to.

The parser (``reader.text.pages``) produces :class:`Article`; storage keeps its structure; the text
returned by :func:`compose` is what ``show --json`` prints and what annotations, entities, search
and exports count code points in.  Changing :func:`compose` changes every stored offset, so it
is versioned by ``TEXT_LAYOUT_VERSION`` and re-ingest re-anchors annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from reader.records import Segment

TEXT_LAYOUT_VERSION = 1

BlockKind = Literal["paragraph", "heading"]


@dataclass
class Block:
    kind: BlockKind
    text: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass
class Article:
    """One article as a careful reader finds it on a page."""

    source: str
    title: str | None
    subtitle: str | None = None
    kicker: str | None = None
    column: str | None = None
    title_derived: bool = False
    display_title: str | None = None
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    dateline: str | None = None
    body: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    position: int = 0
    parts: list[dict[str, Any]] = field(default_factory=list)  # where each part stood in the page

    def spans(self) -> list[tuple[int, int]]:
        """The ranges of the page text this article came from (code points, end exclusive,
        adjacent ranges merged)."""
        out: list[tuple[int, int]] = []
        for p in sorted(self.parts, key=lambda p: p["start"]):
            if out and p["start"] <= out[-1][1] + 2:
                out[-1] = (out[-1][0], max(out[-1][1], p["end"]))
            else:
                out.append((p["start"], p["end"]))
        return out

    def shown_title(self) -> str:
        if self.title:
            return self.title
        if self.display_title:
            return self.display_title
        for block in self.body:
            if block.text:
                return block.text[:18] + ("…" if len(block.text) > 18 else "")
        return "(untitled)"

    def to_json(self) -> dict[str, Any]:
        """The ``parse --json`` contract (extra keys allowed, none removed)."""
        return {
            "source": self.source,
            "title": self.title,
            "display_title": self.shown_title(),
            "title_derived": self.title_derived or not self.title,
            "subtitle": self.subtitle,
            "kicker": self.kicker,
            "column": self.column,
            "authors": list(self.authors),
            "photographers": list(self.photographers),
            "dateline": self.dateline,
            "body": [b.to_json() for b in self.body],
            "captions": list(self.captions),
            "notes": list(self.notes),
            "position": self.position,
            "parts": [dict(p) for p in self.parts],
            "spans": [list(sp) for sp in self.spans()],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Article":
        return cls(
            source=data["source"],
            title=data.get("title"),
            subtitle=data.get("subtitle"),
            kicker=data.get("kicker"),
            column=data.get("column"),
            title_derived=bool(data.get("title_derived")) and not data.get("title"),
            display_title=data.get("display_title"),
            authors=list(data.get("authors") or []),
            photographers=list(data.get("photographers") or []),
            dateline=data.get("dateline"),
            body=[Block(b["kind"], b["text"]) for b in data.get("body") or []],
            captions=list(data.get("captions") or []),
            notes=list(data.get("notes") or []),
            position=int(data.get("position") or 0),
            parts=[dict(p) for p in data.get("parts") or []],
        )


def compose(article: Article) -> tuple[str, list[Segment]]:
    """Lay the article out as plain text: kicker, title, subtitle, body blocks, captions, notes,
    one per line.  Returns the text and the segment map (code points, end exclusive)."""
    parts: list[tuple[str, str]] = []
    if article.kicker:
        parts.append(("kicker", article.kicker))
    if article.title:
        parts.append(("title", article.title))
    if article.subtitle:
        parts.append(("subtitle", "——" + article.subtitle))
    for block in article.body:
        if block.text:
            parts.append((block.kind, block.text))
    for caption in article.captions:
        parts.append(("caption", caption))
    for note in article.notes:
        parts.append(("note", note))
    pieces: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for kind, text in parts:
        if pieces:
            pieces.append("\n")
            pos += 1
        segments.append(Segment(kind, pos, pos + len(text)))
        pieces.append(text)
        pos += len(text)
    return "".join(pieces), segments
