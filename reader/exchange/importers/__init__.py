"""Import annotations and tags from other tools' files into plain records (no database).

Each reader takes a binary file object and a name for messages and returns an
:class:`ImportResult`; :func:`import_path` picks one by format name or file extension.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from reader.exchange.importers.base import (
    ImportedAnnotation,
    ImportedTag,
    ImportFormatError,
    ImportIssue,
    ImportResult,
)
from reader.exchange.importers.jsonl import read_jsonl
from reader.exchange.importers.refi import read_qdc, read_qdpx
from reader.exchange.importers.w3c import read_w3c

__all__ = [
    "IMPORTERS",
    "ImportFormatError",
    "ImportIssue",
    "ImportResult",
    "ImportedAnnotation",
    "ImportedTag",
    "guess_format",
    "import_path",
    "read_jsonl",
    "read_qdc",
    "read_qdpx",
    "read_w3c",
]

Reader = Callable[[IO[bytes], str], ImportResult]

IMPORTERS: dict[str, Reader] = {
    "w3c": read_w3c,
    "jsonl": read_jsonl,
    "qdpx": read_qdpx,
    "qdc": read_qdc,
}

_BY_EXTENSION = {".jsonld": "w3c", ".json": "w3c", ".qdpx": "qdpx", ".qdc": "qdc"}


def guess_format(path: Path) -> str:
    """The importer name for a file: by extension; ``.jsonl``/``.ndjson`` are sniffed (a first
    object with a ``text`` string and no ``target`` is doccano-style, else W3C).  Raises
    :class:`ImportFormatError` when nothing fits."""
    suffix = path.suffix.lower()
    if suffix in _BY_EXTENSION:
        return _BY_EXTENSION[suffix]
    if suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip():
                    try:
                        first = json.loads(raw.decode("utf-8-sig"))
                    except (UnicodeDecodeError, json.JSONDecodeError):
                        return "jsonl"  # let the reader report the problem
                    if (
                        isinstance(first, dict)
                        and isinstance(first.get("text"), str)
                        and "target" not in first
                    ):
                        return "jsonl"
                    return "w3c"
        return "jsonl"
    raise ImportFormatError(str(path), f"unknown import format for {suffix or 'no extension'}")


def import_path(path: str | Path, format: str | None = None) -> ImportResult:
    """Read ``path`` with the named importer (or the guessed one).  Raises
    :class:`ImportFormatError` for bad content or an unknown format, ``OSError`` as the
    filesystem does."""
    path = Path(path)
    name = format or guess_format(path)
    if name not in IMPORTERS:
        raise ImportFormatError(str(path), f"unknown import format {name}")
    with path.open("rb") as handle:
        return IMPORTERS[name](handle, str(path))
