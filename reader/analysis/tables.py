"""CSV export of analysis tables, every cell through the project's one formula guard
(:func:`reader.cells.guard_cell`): text a spreadsheet would run gets a leading ``'``; numbers
stay numbers, so a negative Log Ratio is still a number.  Lists become ``"; "``-joined text."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from reader.cells import guard_cell

def guard(value: Any) -> Any:
    """``value`` safe for a spreadsheet cell; None becomes ``""``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return guard_cell(value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[str], *, bom: bool = False) -> int:
    """Write one table as CSV (open files with ``newline=""``); ``bom`` writes the UTF-8 byte
    order mark Excel needs to read Chinese.  Returns the rows written."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([guard(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([guard(v) for v in row])
        count += 1
    return count


def write_records_csv(records: Sequence[Mapping[str, Any]], out: IO[str], *, bom: bool = False,
                      header: Sequence[str] | None = None) -> int:
    """Write dicts (e.g. ``to_json()`` of analysis rows) as CSV, columns in first-seen order."""
    columns = list(header or ())
    if header is None:
        for record in records:
            columns.extend(k for k in record if k not in columns)
    return write_csv(columns, ([r.get(c) for c in columns] for r in records), out, bom=bom)


def save_records_csv(records: Sequence[Mapping[str, Any]], path: str, header: Sequence[str] | None = None) -> int:
    """:func:`write_records_csv` to a file, with a BOM for Excel."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_records_csv(records, out, bom=True, header=header)


__all__ = ["guard", "save_records_csv", "write_csv", "write_records_csv"]
