"""Spreadsheets: one row per annotation, as CSV (for Excel: UTF-8 with BOM) or XLSX, written
while the corpus is read.

Columns are :data:`COLUMNS`: the article (id, source file, title, page date, paper, printed
page), the tags as full paths (``上级/下级``, joined by ``"; "``), the note, code-point
``start``/``end`` (they cut ``quote`` out of the article text; empty for unplaced annotations,
whose context columns then hold the context stored with them), the context, the ``coder`` (the
annotation's coder; ``author`` repeats the name for older readers) and ``created`` in the local
time zone, whose name and offset are in
``time_zone``; then one column per document variable without a column of its own (``position``,
``section``, ``agency``, ``front`` and the user's variables such as ``region``; named ``var:NAME``
where a column has that name).  Rows follow article order, then position.  CSV cells that a spreadsheet would
run as formulas are guarded (:func:`reader.cells.guard_cell`).  The XLSX has an
``Annotations`` sheet (bold header, frozen first row, widths, autofilter, real date cells), a
``Codebook`` sheet (every tag with its path, colour, description and annotation count) and,
with ``include_entities``, an ``Entities`` sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, timezone, tzinfo
from typing import IO, Any

from reader.cells import FORMULA_STARTS
from reader.exchange.exporters.base import (
    ExportOptions,
    annotation_context,
    article_title,
    coder_of,
    is_placed,
    register,
    tag_paths,
)
from reader.exchange.exporters.xlsx_writer import Sheet, save
from reader.exchange.exporters.zones import local_zone, to_zone, zone_label
from reader.exchange.source import ArticleItem, ExportSource, as_source
from reader.records import AnnotationRecord

COLUMNS: tuple[str, ...] = (
    "article_id", "source", "title", "date", "paper", "page", "tags", "note", "start", "end",
    "quote", "context_before", "context_after", "coder", "author", "created", "time_zone",
)
CODEBOOK_COLUMNS: tuple[str, ...] = ("path", "name", "parent", "color", "description", "annotations")
ENTITY_COLUMNS: tuple[str, ...] = ("article_id", "title", "start", "end", "type", "text", "origin")
TAG_SEPARATOR = "; "
COLUMN_WIDTHS = (10, 24, 30, 11, 12, 6, 28, 40, 8, 8, 40, 30, 30, 14, 14, 20, 24)


# document variables that already have a column of their own (``paper`` is the newspaper)
SHOWN_VARIABLES = {"newspaper": "paper", "date": "date", "page": "page"}


def variable_columns(source: ExportSource) -> list[tuple[str, str]]:
    """``(column, variable)`` for each document variable without a column of its own, after
    :data:`COLUMNS`: the variable's name, or ``var:NAME`` where a column has that name."""
    return [(f"var:{name}" if name in COLUMNS else name, name)
            for name in source.variables if name not in SHOWN_VARIABLES]


def columns_of(source: ExportSource) -> tuple[str, ...]:
    return COLUMNS + tuple(column for column, _name in variable_columns(source))


def row_for(item: ArticleItem, ann: AnnotationRecord, options: ExportOptions, zone: tzinfo,
            paths: dict[str, str], extra: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """The :data:`COLUMNS` of one annotation; ``created`` is an aware datetime in ``zone``,
    ``date`` a date or None."""
    article = item.article
    placed = is_placed(ann, article.text)
    before, after = annotation_context(ann, article.text, options.context_chars)
    created = to_zone(ann.created, zone)
    row = {
        "article_id": article.id, "source": article.source, "title": article_title(article),
        "date": item.date, "paper": item.paper, "page": item.page,
        "tags": TAG_SEPARATOR.join(paths.get(t, t) for t in ann.tags), "note": ann.note,
        "start": ann.start if placed else None, "end": ann.end if placed else None,
        "quote": ann.quote, "context_before": before, "context_after": after,
        "coder": coder_of(ann), "author": ann.author, "created": created,
        "time_zone": zone_label(created),
    }
    for column, name in extra or ():
        row[column] = item.variables.get(name)
    return row


def rows(source: ExportSource, options: ExportOptions) -> Iterator[dict[str, Any]]:
    """One :func:`row_for` dict per annotation, in export order."""
    zone = options.time_zone or local_zone()
    paths = tag_paths(source.tags)
    extra = variable_columns(source)
    for item in source.items():
        for ann in item.annotations:
            yield row_for(item, ann, options, zone, paths, extra)


class _ZoneLabels:
    """:func:`zone_label`, remembered per offset (a zone has a handful)."""

    def __init__(self) -> None:
        self.known: dict[tuple[object, ...], str] = {}

    def __call__(self, moment: datetime) -> str:
        zone = moment.tzinfo
        key = (zone, moment.utcoffset()) if getattr(zone, "key", None) else (zone, moment.utcoffset(), moment.tzname())
        label = self.known.get(key)
        if label is None:
            label = self.known[key] = zone_label(moment)
        return label


def value_rows(source: ExportSource, options: ExportOptions, naive: bool = False) -> Iterator[list[Any]]:
    """The :func:`rows` as lists in :func:`columns_of` order (the same values), made without a
    dict per row; ``naive``: ``created`` without its zone (named beside it), as XLSX wants.
    Only articles with an annotation are read (the others give no row)."""
    zone = options.time_zone or local_zone()
    paths = tag_paths(source.tags)
    extra = [name for _column, name in variable_columns(source)]
    chars = options.context_chars
    labels = _ZoneLabels()
    joined: dict[tuple[str, ...], str] = {}
    utc = timezone.utc
    for item in source.items(annotated=True):
        if not item.annotations:
            continue
        article = item.article
        text = article.text
        head = [article.id, article.source, article.title or article.display_title, item.date, item.paper, item.page]
        variables = item.variables
        tail = [variables.get(name) for name in extra]
        for ann in item.annotations:
            tags = joined.get(ann.tags)
            if tags is None:
                tags = joined[ann.tags] = TAG_SEPARATOR.join(paths.get(t, t) for t in ann.tags)
            start, end = ann.start, ann.end
            if ann.status != "orphan" and 0 <= start < end <= len(text) and text[start:end] == ann.quote:  # is_placed
                before, after = text[max(0, start - chars):start], text[end:end + chars]
            else:
                start = end = None
                before, after = ann.prefix[-chars:] if chars else "", ann.suffix[:chars]
            created = ann.created
            created = (created.replace(tzinfo=utc) if created.tzinfo is None else created).astimezone(zone)
            label = labels(created)
            yield [*head, tags, ann.note, start, end, ann.quote, before, after, ann.coder or ann.author, ann.author,
                   created.replace(tzinfo=None) if naive else created, label, *tail]


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@register
class CsvExporter:
    """CSV with a BOM, CRLF rows and every text field quoted (text output; open with
    ``newline=""``)."""

    name = "csv"
    extension = ".csv"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        source = as_source(data)
        out.write("\ufeff")
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        writer.writerow(columns_of(source))
        count = 0
        write = writer.writerow
        for row in value_rows(source, options):
            write([("'" + v if v.startswith(FORMULA_STARTS) else v) if type(v) is str else  # guard_cell
                   "" if v is None else v if type(v) is int else _csv_value(v) for v in row])
            count += 1
        return count


@register
class XlsxExporter:
    """Workbook with ``Annotations``, ``Codebook`` and (with entities) ``Entities`` sheets,
    streamed by :mod:`reader.exchange.exporters.xlsx_writer` (binary output)."""

    name = "xlsx"
    extension = ".xlsx"
    binary = True

    def write(self, data: Any, out: IO[bytes], options: ExportOptions) -> int:
        source = as_source(data)
        wrapped = (COLUMNS.index("note"), COLUMNS.index("quote"))
        extra = variable_columns(source)
        columns = columns_of(source)
        annotations = Sheet("Annotations", columns, COLUMN_WIDTHS + (14,) * len(extra), wrapped)
        codebook = Sheet("Codebook", CODEBOOK_COLUMNS, (36, 20, 20, 10, 50, 12), (4,))
        sheets = [annotations, codebook]
        entities = None
        if options.include_entities:
            entities = Sheet("Entities", ENTITY_COLUMNS, (10, 30, 8, 8, 8, 20, 10))
            sheets.append(entities)
        try:
            by_id = {t.id: t for t in source.tags}
            counts = source.tag_counts()
            for tag in source.tags:
                parent = by_id[tag.parent_id].name if tag.parent_id in by_id else None
                codebook.add(["/".join(tag.path(by_id)), tag.name, parent, tag.color, tag.description,
                              counts.get(tag.name, 0)])
            count = 0
            if entities is None:
                add = annotations.add
                for row in value_rows(source, options, naive=True):  # created in the zone named beside it
                    add(row)
                    count += 1
            else:
                zone = options.time_zone or local_zone()
                paths = tag_paths(source.tags)
                for item in source.items():
                    for ann in item.annotations:
                        row = row_for(item, ann, options, zone, paths, extra)
                        row["created"] = row["created"].replace(tzinfo=None)  # in the zone named beside it
                        annotations.add([row[c] for c in columns])
                        count += 1
                    title = article_title(item.article)
                    for ent in item.entities:
                        entities.add([item.article.id, title, ent.start, ent.end, ent.type, ent.text, ent.source])
            save(sheets, out)
        finally:
            for sheet in sheets:
                sheet.close()
        return count
