"""Export formats, registered by name (see :mod:`reader.exchange.exporters.base` for the contract).

>>> exporter = get_exporter("jsonl")
>>> count = exporter.write(bundle, io.StringIO(), ExportOptions())   # doctest: +SKIP

:func:`export_to_path` opens the file the right way for the format (text files as UTF-8 with
``newline=""`` so CSV keeps its CRLF rows and texts keep their ``\\n``), or, for ``brat`` with a
path not ending in ``.zip``, writes a directory of standoff files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.exchange.exporters import bio, brat, jsonl, refi, report, tabular, w3c  # noqa: F401  (register)
from reader.exchange.exporters.base import (
    EXPORTERS,
    Exporter,
    ExportOptions,
    UnknownFormatError,
    get_exporter,
)
__all__ = [
    "EXPORTERS",
    "ExportOptions",
    "Exporter",
    "UnknownFormatError",
    "export_to_path",
    "get_exporter",
    "writes_directory",
]


def writes_directory(exporter: Exporter, path: str | Path) -> bool:
    """True when ``exporter`` writes a folder, not one file, to ``path`` (brat without .zip)."""
    return isinstance(exporter, brat.BratExporter) and Path(path).suffix.lower() != ".zip"


def export_to_path(name: str, data: Any, path: str | Path, options: ExportOptions | None = None) -> int:
    """Export ``data`` (an ExportSource or ExportBundle) in format ``name`` to ``path``; returns
    the annotation count written.

    The file is replaced if it exists.  ``brat`` writes a directory unless ``path`` ends in
    ``.zip``.  Raises :class:`UnknownFormatError` for an unregistered name and ``OSError`` as the
    filesystem does.
    """
    exporter = get_exporter(name)
    options = options or ExportOptions()
    path = Path(path)
    if writes_directory(exporter, path):
        return exporter.write_directory(data, path, options)  # type: ignore[attr-defined]
    if exporter.binary:
        with path.open("wb") as out:
            return exporter.write(data, out, options)
    if hasattr(exporter, "write_utf8"):  # a text format that makes its UTF-8 itself (bio)
        with path.open("wb") as raw_out:
            return exporter.write_utf8(data, raw_out, options)  # type: ignore[attr-defined]
    with path.open("w", encoding="utf-8", newline="") as text_out:
        return exporter.write(data, text_out, options)
