"""Exports that stand alone and exports people use: W3C and JSONL restore the codebook on their
own; REFI-QDA round trips keep article tags, notes and reading states; every CSV export is
guarded against formula injection; spreadsheets carry what researchers cite."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from reader.analysis import stats
from reader.cells import guard_cell
from reader.corpus import Corpus
from reader.exchange.exporting import ExportFilters, export
from reader.exchange.importing import import_file
from reader.store import search

TITLE = "利剑高悬显锋芒"


def _build(corpus: Corpus) -> dict[str, int]:
    arts = {a.title: a.id for a in corpus.articles()}
    corpus.ensure_tag("监督", color="#e15759")
    corpus.ensure_tag("巡察", parent="监督", color="#76b7b2")
    corpus.ensure_tag("问责", parent="巡察", color="#f28e2b")
    tags = {t.name: t.id for t in corpus.tags()}
    corpus.update_tag(tags["问责"], description="问责 = 追究责任")
    corpus.annotate_quote(arts[TITLE], "李彦文", tags=["问责"], note="=HYPERLINK(\"http://x\")")
    corpus.set_article_tags(arts[TITLE], ["重点", "待核"])
    corpus.set_article_note(arts[TITLE], "整篇值得细读")
    corpus.set_article_state(arts[TITLE], "starred")
    return arts


def _pair(tmp_path: Path, seeded_template: Path) -> tuple[Corpus, Path]:
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    shutil.copyfile(seeded_template, source)
    shutil.copyfile(seeded_template, target)
    return Corpus(source), target


@pytest.mark.parametrize(("fmt", "suffix"), [("w3c", ".jsonld"), ("jsonl", ".jsonl"), ("qdpx", ".qdpx")])
def test_one_export_alone_restores_codebook_and_article_facts(tmp_path: Path, seeded_template: Path,
                                                              fmt: str, suffix: str) -> None:
    corpus, target_db = _pair(tmp_path, seeded_template)
    arts = _build(corpus)
    corpus.ensure_tag("未用", color="#59a14f")  # in the codebook, used by nothing
    out = tmp_path / f"x{suffix}"
    export(corpus, fmt, out)
    corpus.close()
    target = Corpus(target_db)
    report = import_file(out, corpus=target)
    assert len(report.added) == 1 and report.complete
    tags = {t.name: t for t in target.tags()}
    assert tags["问责"].parent_id == tags["巡察"].id and tags["巡察"].parent_id == tags["监督"].id
    assert tags["问责"].color.upper() == "#F28E2B" and tags["问责"].description == "问责 = 追究责任"
    assert "未用" in tags
    art = target.article(arts[TITLE])
    if fmt in ("jsonl", "qdpx"):  # W3C has no place for article facts
        assert set(art.tags) == {"重点", "待核"} and art.note == "整篇值得细读" and art.state == "starred"
        again = import_file(out, corpus=target)
        assert again.articles_updated == [] and again.duplicates == 1
    target.close()


def test_article_tags_are_not_codes_in_the_export(tmp_path: Path, seeded_template: Path) -> None:
    corpus, _ = _pair(tmp_path, seeded_template)
    _build(corpus)
    out = tmp_path / "x.jsonl"
    export(corpus, "jsonl", out)
    first = json.loads(out.read_text("utf-8").splitlines()[0])
    obj = next(json.loads(line) for line in out.read_text("utf-8").splitlines() if TITLE in line)
    assert set(obj["article_tags"]) == {"重点", "待核"} and obj["state"] == "starred"
    assert [c["path"] for c in first["codebook"] if c["name"] == "问责"] == [["监督", "巡察", "问责"]]
    corpus.close()


def test_formula_guard_is_the_same_for_annotations_statistics_and_concordance(corpus: Corpus, tmp_path: Path) -> None:
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert guard_cell(value) == "'" + value
    assert guard_cell("普通") == "普通" and guard_cell(-1) == -1 and guard_cell("a=b") == "a=b"
    art = next(a for a in corpus.articles() if a.title == TITLE)
    corpus.annotate_quote(art.id, "李彦文", tags=["=cmd|' /C calc'!A0"], note="@SUM(1,2)")
    export(corpus, "csv", tmp_path / "a.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text("utf-8-sig"), newline="")))
    assert rows[0]["note"] == "'@SUM(1,2)" and rows[0]["tags"].startswith("'=cmd")
    out = io.StringIO()
    stats.write_csv(("tag", "n"), [("=cmd", 1), ("-2", -2)], out)
    assert list(csv.reader(io.StringIO(out.getvalue())))[1:] == [["'=cmd", "1"], ["'-2", "-2"]]
    out = io.StringIO()
    search.export_kwic_csv([search.KwicLine(1, 0, 3, "=左", "+中", "-右", "@题")], out)
    assert list(csv.reader(io.StringIO(out.getvalue())))[1] == ["1", "'@题", "0", "3", "'=左", "'+中", "'-右"]


def test_xlsx_has_what_a_researcher_cites(corpus: Corpus, tmp_path: Path) -> None:
    arts = _build(corpus)
    corpus.set_page_date(corpus.article(arts[TITLE]).source, __import__("datetime").date(2024, 5, 1))
    path = tmp_path / "x.xlsx"
    export(corpus, "xlsx", path, ExportFilters(include_entities=True))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Annotations", "Codebook", "Entities"]
    header, row = [list(r) for r in book["Annotations"].iter_rows(max_row=2, values_only=True)]
    record = dict(zip(header, row))
    assert record["tags"] == "监督/巡察/问责" and record["title"] == TITLE
    assert record["date"].date().isoformat() == "2024-05-01"
    assert record["coder"] == "tester" and record["note"].startswith("=HYPERLINK")
    assert "UTC" in record["time_zone"]
    cell = book["Annotations"].cell(row=2, column=header.index("note") + 1)
    assert cell.data_type == "s"  # a note starting with = stays text
    entities = list(book["Entities"].iter_rows(values_only=True))
    assert entities[0] == ("article_id", "title", "start", "end", "type", "text", "origin")
    assert len(entities) > 100
    texts = {a.id: corpus.article(a.id).text for a in corpus.articles()}
    assert all(texts[r[0]][r[2]:r[3]] == r[5] for r in entities[1:])
    codebook = {r[1]: r for r in book["Codebook"].iter_rows(min_row=2, values_only=True)}
    assert codebook["问责"][0] == "监督/巡察/问责" and codebook["问责"][5] == 1


def test_csv_times_are_local_with_the_zone_named(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.exchange.exporters import zones

    monkeypatch.setattr(zones, "local_zone", lambda: ZoneInfo("America/New_York"))
    monkeypatch.setattr("reader.exchange.exporters.tabular.local_zone", lambda: ZoneInfo("America/New_York"))
    art = next(a for a in corpus.articles() if a.title == TITLE)
    ann = corpus.annotate_quote(art.id, "李彦文", tags=["人物"])
    export(corpus, "csv", tmp_path / "a.csv")
    row = next(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text("utf-8-sig"), newline="")))
    utc = ann.created.replace(tzinfo=ZoneInfo("UTC"))
    assert row["created"] == utc.astimezone(ZoneInfo("America/New_York")).isoformat(timespec="seconds")
    assert row["time_zone"].startswith("America/New_York (UTC-0")
