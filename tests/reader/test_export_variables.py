"""Document variables leave with the coding: typed REFI-QDA variables on every source of a
.qdpx (valid against the official schema) and one column per variable in CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from openpyxl import load_workbook

from reader.analysis import variables as var
from reader.corpus import Corpus
from reader.exchange.exporting import export

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def coded(corpus: Corpus) -> tuple[Corpus, int, int]:
    first, second = (a.id for a in corpus.articles()[:2])
    var.set_variable([first], "region", "娄底")
    var.set_variable([first, second], "genre", "消息")
    var.set_variable([first], "page", "3")  # a fact of its page
    var.set_variable([first], "date", "2024-01-26")
    var.set_variable([second], "note", "a user variable named like a column")
    corpus.annotate(first, 0, 4, tags=["巡察"], note="甲")
    corpus.annotate(second, 0, 2, tags=["巡察"])
    return corpus, first, second


def test_qdpx_carries_typed_document_variables_and_validates(coded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus, first, second = coded
    path = tmp_path / "v.qdpx"
    export(corpus, "qdpx", path)
    data = zipfile.ZipFile(path).read("project.qde")
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(io.BytesIO(data))
    root = ET.fromstring(data)
    declared = {v.get("name"): (v.get("guid"), v.get("typeOfVariable"))
                for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert declared["region"][1] == "Text" and declared["page"][1] == "Integer"
    assert declared["date"][1] == "Date" and declared["newspaper"][1] == "Text"
    by_guid = {g: name for name, (g, _kind) in declared.items()}
    title = corpus.article(first).display_title
    source = next(s for s in root.iterfind("q:Sources/q:TextSource", NS) if s.get("name") == title)
    values = {}
    for vv in source.iterfind("q:VariableValue", NS):
        name = by_guid[vv.find("q:VariableRef", NS).get("targetGUID")]
        values[name] = (vv[1].tag.split("}")[-1], vv[1].text)
    assert values["region"] == ("TextValue", "娄底")
    assert values["genre"] == ("TextValue", "消息")
    assert values["page"] == ("IntegerValue", "3")
    assert values["date"] == ("DateValue", "2024-01-26")
    assert values["Pizhu source"][1] == corpus.article(first).source  # the round-trip facts stay


def test_csv_and_xlsx_have_a_column_per_variable(coded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus, first, second = coded
    export(corpus, "csv", tmp_path / "v.csv")
    with open(tmp_path / "v.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    for column in ("region", "genre", "section", "agency", "front", "position", "var:note"):
        assert column in header, header
    assert "newspaper" not in header and header.count("page") == 1  # already columns of their own
    by_article = {int(r["article_id"]): r for r in rows}
    assert by_article[first]["region"] == "娄底" and by_article[second]["region"] == ""
    assert by_article[first]["genre"] == by_article[second]["genre"] == "消息"
    assert by_article[first]["page"] == "3" and by_article[first]["date"] == "2024-01-26"
    assert by_article[second]["var:note"] == "a user variable named like a column"
    assert by_article[first]["note"] == "甲"  # the annotation's note is untouched

    export(corpus, "xlsx", tmp_path / "v.xlsx")
    sheet = load_workbook(tmp_path / "v.xlsx", read_only=True)["Annotations"]
    table = list(sheet.iter_rows(values_only=True))
    head = list(table[0])
    row = next(r for r in table[1:] if r[head.index("article_id")] == first)
    assert row[head.index("region")] == "娄底" and row[head.index("genre")] == "消息"
    assert row[head.index("date")] in (dt.date(2024, 1, 26), dt.datetime(2024, 1, 26))


def test_variables_come_back_from_a_qdpx_without_replacing_stored_ones(coded, seeded_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       duplicate) -> None:
    corpus, first, second = coded
    path = tmp_path / "v.qdpx"
    export(corpus, "qdpx", path)
    corpus.close()
    other_path = duplicate(seeded_path, "other.sqlite3")  # the same pages, coded elsewhere: ...
    other = Corpus(other_path)
    other_first = other.articles()[0].id
    var.set_variable([other_first], "region", "长沙")  # ... with a region of its own
    from reader.exchange.importing import import_file

    report = import_file(str(path), corpus=other)
    values = var.article_variables([other_first, second])
    assert values[other_first]["genre"] == "消息" and values[second]["genre"] == "消息"
    assert values[other_first]["region"] == "长沙"  # kept, and said
    assert any("keeps region='长沙'" in w for w in report.warnings), report.warnings
    assert values[other_first]["page"] == "3" and values[other_first]["date"] == "2024-01-26"
    assert values[second]["note"] == "a user variable named like a column"
    other.close()
