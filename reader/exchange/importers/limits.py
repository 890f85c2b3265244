"""Reading untrusted files without letting them take the machine: size caps, safe ZIP member
reads, XML without DTDs or entities, JSON without runaway nesting.

Every refusal is an :class:`~reader.exchange.importers.base.ImportFormatError` naming the file
and the problem.  The caps are module constants so a caller (or a test) can lower them.
"""

from __future__ import annotations

import json
import zipfile
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, XMLParser

from reader.exchange.importers.base import ImportFormatError

MiB = 1024 * 1024
MAX_FILE_BYTES = 512 * MiB  # a JSON / XML file read whole
MAX_PROJECT_BYTES = 256 * MiB  # project.qde inside a .qdpx
MAX_SOURCE_BYTES = 64 * MiB  # one sources/<GUID>.txt
MAX_ARCHIVE_BYTES = 2048 * MiB  # everything read out of one archive
MAX_MEMBERS = 1_000_000
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 4 * MiB
MAX_DEPTH = 200  # JSON / XML nesting


def _size(n: int) -> str:
    return f"{n / MiB:.0f} MiB" if n >= MiB else f"{n} bytes"


def read_capped(src: IO[bytes], name: str, cap: int | None = None) -> bytes:
    """All of ``src``, refusing more than ``cap`` bytes (default :data:`MAX_FILE_BYTES`)."""
    cap = MAX_FILE_BYTES if cap is None else cap
    data = src.read(cap + 1)
    if len(data) > cap:
        raise ImportFormatError(name, f"file is larger than the {_size(cap)} import limit")
    return data


class SafeArchive:
    """A ZIP opened for reading with caps on member count, member size, compression ratio and
    the total bytes read.  Sizes declared in the archive are checked first, and the bytes
    actually inflated are counted too (declared sizes can lie)."""

    def __init__(self, src: IO[bytes], name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(src)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise ImportFormatError(name, f"not a ZIP archive ({exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise ImportFormatError(name, f"archive has {len(infos)} members (limit {MAX_MEMBERS})")
        self.infos = {i.filename: i for i in infos}
        declared = sum(i.file_size for i in infos)
        if declared > MAX_ARCHIVE_BYTES:
            raise ImportFormatError(
                name, f"archive would unpack to {_size(declared)} (limit {_size(MAX_ARCHIVE_BYTES)})"
            )
        self.read_total = 0

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, member: str, cap: int) -> bytes:
        """One member's bytes, refusing more than ``cap`` or a zip-bomb compression ratio."""
        info = self.infos[member]
        where = f"{self.name}:{member}"
        if info.flag_bits & 0x1:
            raise ImportFormatError(where, "member is encrypted")
        if info.file_size > cap:
            raise ImportFormatError(where, f"member is {_size(info.file_size)} (limit {_size(cap)})")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ImportFormatError(
                where, f"compression ratio over {MAX_RATIO}:1 (a zip bomb?); refused"
            )
        try:
            with self.zip.open(info) as handle:
                data = handle.read(cap + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
                OSError, ValueError) as exc:
            raise ImportFormatError(where, f"cannot be unpacked ({exc})") from None
        if len(data) > cap:
            raise ImportFormatError(where, f"member unpacks to more than {_size(cap)}; refused")
        self.read_total += len(data)
        if self.read_total > MAX_ARCHIVE_BYTES:
            raise ImportFormatError(self.name, f"archive unpacks to more than {_size(MAX_ARCHIVE_BYTES)}")
        return data

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "SafeArchive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_DECLARATIONS = tuple(
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of ``data``, parsed by the C parser, with the protections defusedxml
    gives: a document with a DTD or an entity declaration (in any of the encodings XML allows)
    is refused before parsing, so no entity can be expanded (billion laughs) or fetched (XXE);
    nesting deeper than :data:`MAX_DEPTH` is refused too."""
    if any(word in data for word in _DECLARATIONS):
        raise ImportFormatError(name, "XML with a DTD or entity declarations is refused (REFI-QDA needs none)")
    parser = XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        raise ImportFormatError(name, f"not well-formed XML ({exc})") from None
    except (ValueError, LookupError) as exc:  # e.g. an encoding expat does not know
        raise ImportFormatError(name, f"unreadable XML ({exc})") from None
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportFormatError(name, f"XML nested deeper than {MAX_DEPTH} levels")
        stack.extend((c, depth + 1) for c in element)
    return root


def load_json(text: str, name: str, where: str = "") -> Any:
    """``json.loads`` that turns runaway nesting and absurd integers into a clear error;
    a syntax error stays a :class:`json.JSONDecodeError` for the caller to word."""
    label = f"{where}: " if where else ""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ImportFormatError(name, f"{label}JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise ImportFormatError(name, f"{label}unreadable JSON ({exc})") from None
