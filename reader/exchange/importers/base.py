"""What every importer returns, and its one error type.

Importers turn a file into plain records and never touch the database: matching an
:class:`ImportedAnnotation` to one of our articles (by ``source``/``article_key`` or by
``article_text``) and re-anchoring it by quote is the storage layer's job.  Offsets are Unicode
code points, end exclusive, as everywhere in ``reader``.  Importing the same bytes always gives
equal results, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

CONTEXT_CHARS = 32


class ImportFormatError(ValueError):
    """The input is not a readable file of the expected format.

    ``name`` is the file name or path given to the importer; ``problem`` a short description
    (not a translated sentence: the UI words its own dialog).
    """

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


@dataclass(frozen=True)
class ImportedTag:
    """A tag (code); the hierarchy is given by ``parent_name`` (None for a root)."""

    name: str
    parent_name: str | None = None
    color: str | None = None
    description: str = ""


@dataclass(frozen=True)
class ImportedAnnotation:
    """One annotation as found in the file.

    ``source`` and ``article_key`` identify the article as our exports wrote them (source file
    and position on the page); for other tools' files ``source`` is whatever names the document
    (a target URI, a document name) and ``article_key`` may be None.  ``article_text`` is the
    document text when the file carries it (JSONL, qdpx), else None.  ``start``/``end`` are None
    when the file has no position; ``quote`` is "" when it has no quote.
    """

    source: str
    article_key: str | None
    article_text: str | None
    start: int | None
    end: int | None
    quote: str
    prefix: str = ""
    suffix: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    author: str = ""
    created: datetime | None = None
    title: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class ImportIssue:
    """Something skipped or doubtful; ``code`` is stable (e.g. ``"skipped-entity"``),
    ``detail`` names the item (an id, a line number) for logs."""

    code: str
    detail: str = ""


@dataclass
class ImportResult:
    tags: list[ImportedTag] = field(default_factory=list)
    annotations: list[ImportedAnnotation] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    project_name: str | None = None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); anything else is an :class:`ImportFormatError`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            name, f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None


def text_or(value: object, default: str = "") -> str:
    """``value`` if it is a string, else ``default`` (for loosely shaped JSON)."""
    return value if isinstance(value, str) else default


def parse_datetime(value: object) -> datetime | None:
    """An ISO 8601 / xsd:dateTime string as a datetime (naive values taken as UTC), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def context_of(text: str | None, start: int | None, end: int | None) -> tuple[str, str]:
    """``CONTEXT_CHARS`` code points each side of a valid span of ``text``, else ``("", "")``."""
    if text is None or start is None or end is None or not 0 <= start <= end <= len(text):
        return "", ""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def tags_in_order(annotations: list[ImportedAnnotation]) -> list[ImportedTag]:
    """Root tags for every distinct tag name used, in order of first use."""
    names = dict.fromkeys(tag for a in annotations for tag in a.tags)
    return [ImportedTag(name) for name in names]
