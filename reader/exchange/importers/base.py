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
from typing import Any

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
    """A tag (code); the hierarchy is given by ``parent_name`` (None for a root).  ``declared``
    tags come from the file's codebook and are stored as such; the others are only named by
    annotations and are created only when one of those annotations is stored."""

    name: str
    parent_name: str | None = None
    color: str | None = None
    description: str = ""
    declared: bool = True


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
class ImportedArticle:
    """Facts about one document that belong to the article, not to a passage: its tags (not
    codes), note, reading state and document variables.  Matched like annotations (source/key, else text)."""

    source: str
    article_key: str | None
    article_text: str | None
    tags: tuple[str, ...] = ()
    note: str = ""
    state: str | None = None
    variables: tuple[tuple[str, str], ...] = ()  # document variables (name, value) the file gives


@dataclass(frozen=True)
class ImportIssue:
    """Something skipped or doubtful; ``code`` is stable (e.g. ``"skipped-entity"``),
    ``detail`` names the item (an id, a line number) for logs.  ``skipped`` is true when the
    issue means an annotation of the file was left out."""

    code: str
    detail: str = ""
    skipped: bool = False


@dataclass
class ImportResult:
    """What a file holds: its codebook and the tags its annotations name (``tags``), the
    annotations, article facts, and the issues met while reading."""

    tags: list[ImportedTag] = field(default_factory=list)
    annotations: list[ImportedAnnotation] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    project_name: str | None = None
    articles: list[ImportedArticle] = field(default_factory=list)

    def skip(self, code: str, detail: str) -> None:
        """Record an annotation of the file that could not be read and is left out."""
        self.warnings.append(ImportIssue(code, detail, skipped=True))


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, name: str, allow_empty: bool = False) -> str:
    """UTF-8 text, or UTF-16/32 announced by a byte order mark (the BOM is dropped); anything
    else, including NUL bytes in the text, is an :class:`ImportFormatError`."""
    if not allow_empty and not data.strip():
        raise ImportFormatError(name, "empty file")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it looks like GBK/GB18030: save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        if encoding.startswith("utf-8"):
            problem = f"not UTF-8 text ({exc.reason} at byte {exc.start}){hint}"
        else:
            problem = (f"not UTF-8 text, and not {encoding.upper()} either although it starts with "
                       f"that byte order mark ({exc.reason} at byte {exc.start})")
        raise ImportFormatError(name, problem) from None
    if "\x00" in text:
        raise ImportFormatError(name, "binary data (NUL characters), not text")
    return text


def to_int(value: object) -> int | None:
    """A non-negative offset from JSON or XML: an int or a string of digits that fits in a
    64-bit SQLite integer; booleans, floats, negatives and absurd numbers are None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 18:
            return None
        value = int(text)
    if isinstance(value, int) and 0 <= value < 2**62:
        return value
    return None


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
    """Undeclared root tags for every distinct tag name used, in order of first use."""
    names = dict.fromkeys(tag for a in annotations for tag in a.tags)
    return [ImportedTag(name, declared=False) for name in names]


def read_codebook(entries: Any, issues: list[ImportIssue]) -> list[ImportedTag]:
    """Tags from our codebook list (``{"name", "parent", "color", "description"}`` objects, parents
    first or not); entries that are not objects with a string name are reported."""
    tags: list[ImportedTag] = []
    for entry in entries if isinstance(entries, list) else []:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            issues.append(ImportIssue("bad-codebook-entry", str(entry)[:60]))
            continue
        parent = entry.get("parent")
        color = entry.get("color")
        tags.append(ImportedTag(
            name.strip(), parent.strip() if isinstance(parent, str) and parent.strip() else None,
            color if isinstance(color, str) else None, text_or(entry.get("description")),
        ))
    return tags
