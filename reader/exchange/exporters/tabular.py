"""Spreadsheets: one row per annotation, as CSV (for Excel: UTF-8 with BOM) or XLSX.

Columns are :data:`COLUMNS`.  ``start``/``end`` are code points and cut ``quote`` out of the
article text; for unplaced annotations they are empty and the context columns hold the context
stored with the annotation.  Tags are joined with ``"; "``.  Rows follow article order, then
position.  Entities are not written.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    annotations_by_article,
    article_title,
    coder_of,
    is_placed,
    iso,
    register,
)
from reader.records import ExportBundle

COLUMNS: tuple[str, ...] = (
    "article_id",
    "source",
    "title",
    "tags",
    "note",
    "start",
    "end",
    "quote",
    "context_before",
    "context_after",
    "author",
    "coder",
    "created",
)
TAG_SEPARATOR = "; "
XLSX_CELL_LIMIT = 32767  # Excel refuses longer cells
COLUMN_WIDTHS = (10, 28, 30, 24, 40, 8, 8, 40, 30, 30, 14, 14, 20)


def rows(bundle: ExportBundle, options: ExportOptions) -> list[dict[str, Any]]:
    """One dict per annotation, keyed by :data:`COLUMNS`; ``created`` is a datetime."""
    grouped = annotations_by_article(bundle)
    result: list[dict[str, Any]] = []
    for article in bundle.articles:
        for ann in grouped[article.id]:
            placed = is_placed(ann, article.text)
            before, after = annotation_context(ann, article.text, options.context_chars)
            result.append(
                {
                    "article_id": article.id,
                    "source": article.source,
                    "title": article_title(article),
                    "tags": TAG_SEPARATOR.join(ann.tags),
                    "note": ann.note,
                    "start": ann.start if placed else None,
                    "end": ann.end if placed else None,
                    "quote": ann.quote,
                    "context_before": before,
                    "context_after": after,
                    "author": ann.author,
                    "coder": coder_of(ann),
                    "created": ann.created,
                }
            )
    return result


@register
class CsvExporter:
    """CSV with a BOM, CRLF rows and every text field quoted (text output; open with
    ``newline=""``)."""

    name = "csv"
    extension = ".csv"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        out.write("\ufeff")
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        data = rows(bundle, options)
        for row in data:
            row["created"] = iso(row["created"])
            writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
        return len(data)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT]
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


@register
class XlsxExporter:
    """One ``Annotations`` sheet: bold header, frozen first row, set widths, autofilter, and
    ``created`` as a real date cell in UTC (binary output).  Text starting with ``=`` stays
    text, never a formula."""

    name = "xlsx"
    extension = ".xlsx"
    binary = True

    def write(self, bundle: ExportBundle, out: IO[bytes], options: ExportOptions) -> int:
        book = Workbook()
        sheet = book.active
        sheet.title = "Annotations"
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        data = rows(bundle, options)
        wrap = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(data, start=2):
            for c, column in enumerate(COLUMNS, start=1):
                value = _cell_value(row[column])
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                    if column in ("note", "quote"):
                        cell.alignment = wrap
                elif isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
        for c, width in enumerate(COLUMN_WIDTHS, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        book.save(out)
        return len(data)
