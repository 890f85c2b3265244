"""CSV and XLSX spreadsheets; Markdown and HTML reports."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo
from html.parser import HTMLParser

import openpyxl
from test_export_samples import NOTE_TRICKY, T0, sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporters.tabular import COLUMNS
from reader.records import AnnotationRecord, ExportBundle


def run_text(name: str, bundle: ExportBundle | None = None, **options: object) -> tuple[str, int]:
    out = io.StringIO(newline="")
    count = get_exporter(name).write(bundle or sample_bundle(), out, ExportOptions(**options))  # type: ignore[arg-type]
    return out.getvalue(), count


SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_csv_bom_header_quoting_and_round_trip() -> None:
    text, count = run_text("csv", time_zone=SHANGHAI)
    assert text.startswith('\ufeff"article_id","source"')
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    assert count == len(rows) == 8
    assert tuple(rows[0]) == COLUMNS
    meeting = next(r for r in rows if r["quote"].startswith("国家主席"))
    assert meeting["note"] == NOTE_TRICKY
    assert meeting["tags"] == "政治/外交; 政治/外交/高层会见"  # full tag paths
    assert meeting["start"] == "27" and meeting["end"] == "52"
    assert meeting["context_after"].startswith("。\n习近平指出")
    assert meeting["created"] == "2024-01-06T18:11:00+08:00"  # local time, zone named
    assert meeting["time_zone"] == "Asia/Shanghai (UTC+08:00)"
    assert meeting["coder"] == "研究员甲"
    orphan = next(r for r in rows if r["quote"] == "民生账本")
    assert orphan["start"] == "" and orphan["context_before"] == "吉林𠮷祥村的"


def test_csv_bytes_through_export_to_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.exchange.exporters import export_to_path

    path = tmp_path / "a.csv"
    assert export_to_path("csv", sample_bundle(), path) == 8
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert any(r[COLUMNS.index("note")] == NOTE_TRICKY for r in rows)


def test_xlsx_read_back() -> None:
    out = io.BytesIO()
    bundle = sample_bundle()
    formula = AnnotationRecord(
        999, 13, 0, 4, "图片新闻", "", "\n1月5日", ("问责",), "=SUM(A1:A2)", "研究员甲", T0, T0
    )
    bundle.annotations.append(formula)
    assert get_exporter("xlsx").write(bundle, out, ExportOptions(time_zone=SHANGHAI)) == 9
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    sheet = book.active
    assert sheet.title == "Annotations"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet[1][0].font.bold
    assert sheet.column_dimensions["H"].width == 40  # note
    rows = [dict(zip(COLUMNS, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    meeting = next(r for r in rows if str(r["quote"]).startswith("国家主席"))
    assert meeting["note"] == NOTE_TRICKY and meeting["start"] == 27
    assert meeting["created"] == datetime(2024, 1, 6, 18, 11)
    assert meeting["time_zone"] == "Asia/Shanghai (UTC+08:00)"
    assert book.sheetnames == ["Annotations", "Codebook"]
    codebook = list(book["Codebook"].iter_rows(values_only=True))
    assert codebook[0] == ("path", "name", "parent", "color", "description", "annotations")
    assert ("政治/外交/高层会见", "高层会见", "外交") == codebook[3][:3]
    last = rows[-1]
    assert last["note"] == "=SUM(A1:A2)" and last["title"] == "图片新闻\n1月5日，"
    cell = sheet.cell(row=len(rows) + 1, column=COLUMNS.index("note") + 1)
    assert cell.data_type == "s"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_escaped_self_contained_and_grouped() -> None:
    html, count = run_text("html")
    assert count == 8
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "PingFang SC" in html and "Noto Sans CJK SC" in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    assert "&lt;b&gt;重要&lt;/b&gt;" in html and "<b>重要" not in html
    parser = _Collector()
    parser.feed(html)
    assert "b" not in parser.tags
    body = "".join(parser.text)
    assert NOTE_TRICKY in body
    order = [
        body.index(h)
        for h in (
            "政治",
            "政治 / 外交",
            "政治 / 外交 / 高层会见",
            "问责",
            "社会 民生 / 基层治理",
            "未标注",
        )
    ]
    assert order == sorted(order)
    assert "《习近平会见联合国秘书长古特雷斯》, rmrb/2024-01-06_01.txt, 字符 27–52" in body
    assert "未定位" in body  # the orphan's citation


def test_markdown_report() -> None:
    md, count = run_text("md", labels={"note": "Note"})
    assert count == 8
    assert md.startswith("# 两会报道 \\<测试\\> & 批注\n")
    assert (
        "\n## 政治\n" in md
        and "\n### 政治 / 外交\n" in md
        and "\n#### 政治 / 外交 / 高层会见\n" in md
    )
    assert "> 古特雷斯\n> 新华社\n" in md  # a quote across a newline stays inside the blockquote
    assert '**Note**: He said "\\<b\\>重要\\</b\\>" & it\'s \\]\\]\\> fine  \n第二行' in md
    assert md.index("## 问责") < md.index("## 社会 民生") < md.index("## 未标注")
    assert (
        md.count("国家主席习近平5日在北京会见了联合国秘书长古特雷斯") == 2
    )  # under 外交 and 高层会见
