"""Spreadsheet cells that stay data: the one guard every CSV export uses.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a TAB or a CR can be taken for a formula
by Excel, LibreOffice or Google Sheets (CSV formula injection, e.g. ``=HYPERLINK(...)`` in a
quoted note).  :func:`guard_cell` prefixes such text with an apostrophe, which spreadsheets show
as text and hide; numbers and other values pass unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: Any) -> Any:
    """``value``, with a leading apostrophe when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def guard_row(row: Iterable[Any]) -> list[Any]:
    """:func:`guard_cell` applied to every cell of a row."""
    return [guard_cell(v) for v in row]
