"""Import annotations and tags from other tools' files into plain records (no database).

Each reader takes a binary file object and a name for messages and returns an
:class:`ImportResult`; :func:`import_path` picks one by format name or, by default, by what the
file holds (:func:`sniff`), the extension only breaking ties.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportedArticle,
    ImportedTag,
    ImportFormatError,
    ImportIssue,
    ImportResult,
)
from reader.exchange.importers.jsonl import read_jsonl
from reader.exchange.importers.refi import read_qdc, read_qde, read_qdpx
from reader.exchange.importers.w3c import read_w3c

__all__ = [
    "IMPORTERS",
    "ImportFormatError",
    "ImportIssue",
    "ImportResult",
    "ImportedAnnotation",
    "ImportedArticle",
    "ImportedTag",
    "guess_format",
    "import_path",
    "read_jsonl",
    "read_qdc",
    "read_qde",
    "read_qdpx",
    "read_w3c",
    "sniff",
]

Reader = Callable[[IO[bytes], str], ImportResult]

IMPORTERS: dict[str, Reader] = {
    "w3c": read_w3c,
    "jsonl": read_jsonl,
    "qdpx": read_qdpx,
    "qdc": read_qdc,
    "qde": read_qde,
}

_BY_EXTENSION = {".jsonld": "w3c", ".json": "w3c", ".qdpx": "qdpx", ".qdc": "qdc", ".qde": "qde",
                 ".jsonl": "jsonl", ".ndjson": "jsonl"}
_XML_ROOT = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_XML_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S)
SNIFF_BYTES = 1 << 16
FIRST_LINE_BYTES = 64 << 20


def _head_text(head: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def sniff(head: bytes) -> str | None:
    """The format the first bytes of a file announce, or None when they announce none.

    ZIP → ``qdpx``; XML with root ``CodeBook`` → ``qdc``, ``Project`` → ``qde``; JSON whose
    first line is a whole object with a ``text`` string (and no ``target``) → ``jsonl``; other
    JSON → ``w3c``.
    """
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "qdpx"
    text = _head_text(head)
    stripped = text.lstrip()
    if stripped.startswith("<"):
        rest = stripped
        while True:
            skipped = _XML_SKIP.match(rest)
            if not skipped or not skipped.group(0).strip():
                break
            rest = rest[skipped.end():]
        root = _XML_ROOT.match(rest.lstrip())
        if root and root.group(1) == "CodeBook":
            return "qdc"
        if root and root.group(1) == "Project":
            return "qde"
        return None
    if stripped.startswith(("{", "[")):
        first = stripped.split("\n", 1)[0]
        try:
            obj = json.loads(first)
        except (json.JSONDecodeError, RecursionError):
            return "w3c"  # a document spread over lines: JSON, not JSON Lines
        if isinstance(obj, dict) and isinstance(obj.get("text"), str) and "target" not in obj:
            return "jsonl"
        if isinstance(obj, dict) and "codebook" in obj and "target" not in obj:
            return "jsonl"
        return "w3c"
    return None


def guess_format(path: Path) -> str:
    """The importer for a file, from its content (see :func:`sniff`), else its extension.
    Raises :class:`ImportFormatError` for an empty file or one that is none of our formats."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if b"\n" not in head and head.lstrip()[:1] in (b"{", b"["):
                head += handle.readline(FIRST_LINE_BYTES)  # one long JSON line: read it whole
    except IsADirectoryError:
        raise ImportFormatError(str(path), "is a folder, not a file") from None
    if not head.strip():
        raise ImportFormatError(str(path), "empty file")
    found = sniff(head)
    if found is not None:
        return found
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(str(path), "binary data, not W3C JSON-LD, JSONL, REFI-QDA .qdpx or .qdc")
    by_name = _BY_EXTENSION.get(path.suffix.lower())
    if by_name is not None:
        return by_name
    raise ImportFormatError(
        str(path), "not a format Pizhu imports (W3C JSON-LD, JSONL, REFI-QDA .qdpx/.qdc/.qde)")


def import_path(path: str | Path, format: str | None = None) -> ImportResult:
    """Read ``path`` with the named importer (or the one its content calls for).  Raises
    :class:`ImportFormatError` for bad content or an unknown format, ``OSError`` as the
    filesystem does."""
    path = Path(path)
    name = format or guess_format(path)
    if name not in IMPORTERS:
        raise ImportFormatError(str(path), f"unknown import format {name}")
    with path.open("rb") as handle:
        return IMPORTERS[name](handle, str(path))
