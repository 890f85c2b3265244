"""Reading page files from disk: encodings, BOMs and bad input.

:func:`read_page` returns the decoded text or raises :class:`SourceError` naming the file and the
problem; it never returns mojibake.  Accepted: UTF-8 (with or without BOM), UTF-16/32 with BOM,
UTF-16 without BOM (detected from its NUL pattern), and the legacy East Asian encodings GB18030
(a superset of GBK and GB2312), Big5, Shift-JIS and EUC-KR, told apart by ``charset-normalizer``
(a Big5 page also decodes as GBK, into nonsense); a text too short to tell is read as GB18030
when that is one of the equally plausible readings.  A file whose name is not valid UTF-8 is
refused (``file-name``) before anything is read, so it cannot stop a batch.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# A newspaper page is tens of kilobytes; layout repair is close to linear in the page size (a 2 MB
# page of joined People's Daily files parses in well under 2 s: bench/bench_parse.py), but a file
# over this size is almost certainly not one page, so it is refused with a clear error.
MAX_PAGE_BYTES = 8 * 1024 * 1024
PAGE_SUFFIXES = (".txt", ".md", ".text")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class SourceError(Exception):
    """A page file that cannot be read as text. ``problem`` is a short machine-friendly code:
    ``missing``, ``empty``, ``too-large``, ``binary``, ``encoding``, ``not-a-file``, ``file-name``,
    ``unreadable`` (no permission to read it, or the disk failed)."""

    def __init__(self, path: str, problem: str, detail: str = "") -> None:
        message = f"{path}: {problem}" + (f" ({detail})" if detail else "")
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class DecodedPage:
    path: str
    name: str
    text: str
    encoding: str
    sha256: str
    size: int


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (
        0x20 <= o < 0x7F or ch in "\n\r\t" or 0x3000 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF
        or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF or o > 0xFFFF
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM: NUL bytes present and one byte order gives plausible text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        score = sum(1 for ch in sample if _plausible(ch)) / max(1, len(sample))
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is not None and best[0] >= 0.9:
        return best[1]
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = 0
    for ch in text[:200_000]:
        if ch in "\n\r\t\f\v":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn", "Cs"):
            bad += 1
    return bad <= max(2, len(text[:200_000]) // 200)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode page bytes; returns ``(text, encoding)`` or raises :class:`SourceError`."""
    if not data.strip(b" \t\r\n\x00"):
        raise SourceError(path, "empty", "the file has no text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(path, "encoding", f"starts with a {encoding} BOM but {exc.reason} at byte {exc.start}") from exc
            return _checked(text, encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16, path)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise SourceError(path, "binary", "contains NUL bytes; not a text file")
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as utf8_error:
        return _legacy(data, path, utf8_error.start)


LEGACY_ENCODINGS: tuple[str, ...] = ("gb18030", "big5", "cp950", "big5hkscs", "shift_jis", "cp932",
                                     "euc_kr", "cp949")


def _legacy(data: bytes, path: str, utf8_error_at: int) -> tuple[str, str]:
    """Tell GB18030, Big5, Shift-JIS and EUC-KR apart; refuse when none fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if not matches:
        raise SourceError(path, "encoding", f"not UTF-8 (invalid byte at {utf8_error_at}), nor GB18030/GBK, "
                                            "Big5, Shift-JIS or EUC-KR; convert it to UTF-8")
    least = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= least + 0.01]
    encoding = "gb18030" if "gb18030" in tied else tied[0]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(path, "encoding", f"looks like {encoding} but byte {exc.start} is not; convert it to UTF-8") from exc
    return _checked(text, encoding, path)


def _checked(text: str, encoding: str, path: str) -> tuple[str, str]:
    if not _looks_like_text(text):
        raise SourceError(path, "binary", f"decodes as {encoding} but is mostly control characters")
    if not text.strip():
        raise SourceError(path, "empty", "the file has only white space")
    return text, encoding


def read_page(path: str | os.PathLike[str], max_bytes: int = MAX_PAGE_BYTES) -> DecodedPage:
    """Read and decode one page file."""
    p = Path(path)
    shown = shown_path(p)
    if shown != str(p):
        raise SourceError(shown, "file-name", "the file name is not valid UTF-8 (made on a system with "
                                              "another encoding?); rename it, e.g. with convmv")
    if not p.exists():
        raise SourceError(shown, "missing", "a link to a file that does not exist" if p.is_symlink() else "no such file")
    if not p.is_file():
        raise SourceError(shown, "not-a-file", "is a directory or special file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise SourceError(shown, "too-large", f"{size} bytes; the limit for one page is {max_bytes} (split the file into pages)")
        data = p.read_bytes()
    except OSError as exc:  # no permission, an I/O error: this file is reported, the others go on
        raise SourceError(shown, "unreadable", exc.strerror or str(exc)) from exc
    text, encoding = decode_bytes(data, shown)
    return DecodedPage(
        path=shown,
        name=p.name,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=size,
    )


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can always be printed and stored: bytes of a file name that are not
    UTF-8 (kept by Python as surrogates) are shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def expand_paths(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and page files (by suffix) found recursively in folders, sorted by name."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(
                sorted(
                    f for f in p.rglob("*")
                    # a broken link is kept so that it is reported (missing), not silently passed over
                    if (f.is_file() or (f.is_symlink() and not f.exists())) and f.suffix.lower() in PAGE_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        else:
            found.append(p)
    return found
