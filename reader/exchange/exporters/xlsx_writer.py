"""A streaming XLSX (Office Open XML spreadsheet) writer: rows go to one temporary file per
sheet as they come (deflated as they are written), and the package is zipped at the end, so
memory stays flat and 100,000 rows take seconds (openpyxl's write-only mode takes minutes).

It writes what the exports need and nothing more: inline strings (never formulas, so text
starting with ``=`` stays text), numbers, dates and date-times as real date cells, a bold header
row that stays frozen, column widths, wrapped cells, and an autofilter over the written rows.
The output opens in Excel, LibreOffice and openpyxl (the tests read it back with openpyxl).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import IO, Any

from reader.exchange.exporters.zipping import DeflateSpool, ZipWriter

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CELL_LIMIT = 32767  # Excel refuses longer cells
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # what _text changes
_SPECIAL = re.compile(_WORK.pattern[:-1] + "\n]|\\A\\s|\\s\\Z")  # … or what xml:space="preserve" keeps
_EPOCH = dt.datetime(1899, 12, 30)
# cell styles (indices into cellXfs below)
PLAIN, HEADER, DATETIME, WRAP, DATE = 0, 1, 2, 3, 4
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
"""


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    if _ILLEGAL.search(value) is not None:
        value = _ILLEGAL.sub("", value)
    if len(value) > CELL_LIMIT:
        value = value[:CELL_LIMIT]
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


class Sheet:
    """One worksheet being written; :meth:`add` appends a row of plain Python values."""

    def __init__(self, title: str, columns: Sequence[str], widths: Sequence[int],
                 wrapped: Sequence[int] = ()) -> None:
        self.title = title[:31]
        self.columns = list(columns)
        self.letters = [column_letter(i + 1) for i in range(len(columns))]
        self.wrapped = set(wrapped)
        # the style attribute of a string cell per column (plain cells carry none)
        self._string_attrs = [f' s="{WRAP}"' if i in self.wrapped else "" for i in range(len(columns))]
        self._header_attrs = [f' s="{HEADER}"'] * len(columns)
        self.rows = 0
        self.spool = DeflateSpool()  # the sheet's XML, deflated as it comes
        self._pending: list[str] = []
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
        self._pending.append(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')
        self._row(list(columns), header=True)

    def add(self, values: Sequence[Any]) -> None:
        self._row(values)

    def _row(self, values: Sequence[Any], header: bool = False) -> None:
        self.rows += 1
        r = str(self.rows)
        cells = [f'<row r="{r}">']
        append = cells.append
        styles = self._header_attrs if header else self._string_attrs
        special = _SPECIAL.search
        for letter, style, value in zip(self.letters, styles, values):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                if len(value) <= CELL_LIMIT and special(value) is None:  # nothing to escape or keep
                    append(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t>{value}</t></is></c>')
                    continue
                text = value if len(value) <= CELL_LIMIT and _WORK.search(value) is None else _text(value)
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() or "\n" in value else ""
                append(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif value is None:
                continue
            elif kind is int or kind is float:
                append(f'<c r="{letter}{r}"><v>{value}</v></c>')
            elif kind is bool or isinstance(value, bool):
                append(f'<c r="{letter}{r}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, str):
                if value == "":
                    continue
                space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() or "\n" in value else ""
                append(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>')
            elif isinstance(value, (int, float)):
                append(f'<c r="{letter}{r}"><v>{value}</v></c>')
            elif isinstance(value, dt.datetime):
                serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
                append(f'<c r="{letter}{r}" s="{DATETIME}"><v>{serial:.10f}</v></c>')
            elif isinstance(value, dt.date):
                append(f'<c r="{letter}{r}" s="{DATE}"><v>{(value - _EPOCH.date()).days}</v></c>')
            else:
                append(f'<c r="{letter}{r}" t="inlineStr"><is><t>{_text(str(value))}</t></is></c>')
        append("</row>")
        self._pending.append("".join(cells))
        if len(self._pending) >= 256:
            self._flush()

    def _flush(self) -> None:
        self.spool.write("".join(self._pending).encode("utf-8"))
        self._pending.clear()

    def finish(self) -> None:
        ref = f"A1:{self.letters[-1]}{self.rows}"
        self._pending.append(f'</sheetData><autoFilter ref="{ref}"/></worksheet>\n')
        self._flush()

    @property
    def filter_ref(self) -> str:
        return f"'{self.title}'!$A$1:${self.letters[-1]}${self.rows}"

    def close(self) -> None:
        self.spool.close()


def save(sheets: Sequence[Sheet], out: IO[bytes]) -> None:
    """Zip the sheets into a complete workbook on ``out`` (the sheets are closed)."""
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1))
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             f"{overrides}</Types>")
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
                 f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    entries = "".join(f'<sheet name="{_text(s.title)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1))
    names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{_text(s.filter_ref)}'
                    "</definedName>" for i, s in enumerate(sheets))
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" '
                f'xmlns:r="{REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets>'
                f"<definedNames>{names}</definedNames></workbook>")
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, n + 1))
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    book_rels = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'
    with ZipWriter(out) as archive:
        archive.add("[Content_Types].xml", types.encode())
        archive.add("_rels/.rels", root_rels.encode())
        archive.add("xl/workbook.xml", workbook.encode("utf-8"))
        archive.add("xl/_rels/workbook.xml.rels", book_rels.encode())
        archive.add("xl/styles.xml", STYLES.encode())
        for i, sheet in enumerate(sheets, 1):
            sheet.finish()
            archive.add_spool(f"xl/worksheets/sheet{i}.xml", sheet.spool)  # closes it
