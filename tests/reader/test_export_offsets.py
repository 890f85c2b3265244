"""For every format that writes offsets, every written span cuts exactly its quote out of the
exported text: on the hand-built sample and on generated texts with 𠮷 and newlines."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_samples import sample_bundle

from reader.cells import guard_cell
from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporters.base import article_urn, is_placed
from reader.records import AnnotationRecord, ArticleRecord, ExportBundle, TagRecord

QDA = "{urn:QDA-XML:project:1.0}"


def run(name: str, bundle: ExportBundle, **options: object) -> str | bytes:
    exporter = get_exporter(name)
    out: io.BytesIO | io.StringIO = io.BytesIO() if exporter.binary else io.StringIO()
    exporter.write(bundle, out, ExportOptions(**options))  # type: ignore[arg-type]
    return out.getvalue()


def cuts_w3c(bundle: ExportBundle) -> list[str]:
    texts = {article_urn(a): a.text for a in bundle.articles}
    cuts = []
    for item in json.loads(run("w3c", bundle))["first"]["items"]:
        sel = {s["type"]: s for s in item["target"]["selector"]}
        if "TextPositionSelector" in sel:
            text = texts[item["target"]["source"]]
            cut = text[sel["TextPositionSelector"]["start"] : sel["TextPositionSelector"]["end"]]
            assert cut == sel["TextQuoteSelector"]["exact"]
            cuts.append(cut)
    return cuts


def cuts_jsonl(bundle: ExportBundle) -> list[str]:
    cuts = []
    for line in str(run("jsonl", bundle)).splitlines():
        obj = json.loads(line)
        for (start, end, tag), span in zip(obj["label"], obj["spans"]):
            assert obj["text"][start:end] == span["text"] and (start, end, tag) == (span["start"], span["end"], span["label"])
        for a in obj["annotations"]:
            if a["start"] is not None:
                assert obj["text"][a["start"] : a["end"]] == a["text"]
                cuts.append(a["text"])
    return cuts


def cuts_qdpx(bundle: ExportBundle) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(run("qdpx", bundle)))  # type: ignore[arg-type]
    root = ET.fromstring(archive.read("project.qde"))
    cuts = []
    for src in root.iter(f"{QDA}TextSource"):
        path = src.get("plainTextPath", "").replace("internal://", "sources/")
        text = archive.read(path).decode("utf-8")
        for sel in src.iter(f"{QDA}PlainTextSelection"):
            cuts.append(text[int(sel.get("startPosition", "")) : int(sel.get("endPosition", ""))])
    return cuts


def cuts_brat(bundle: ExportBundle) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(run("brat", bundle)))  # type: ignore[arg-type]
    cuts = []
    for name in archive.namelist():
        if not name.endswith(".ann"):
            continue
        text = archive.read(name[:-4] + ".txt").decode("utf-8")
        for line in archive.read(name).decode("utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, type_and_offsets, covered = line.split("\t")
            frags = [
                tuple(map(int, f.split())) for f in type_and_offsets.split(" ", 1)[1].split(";")
            ]
            assert all("\n" not in text[s:e] for s, e in frags)
            assert " ".join(text[s:e] for s, e in frags).replace("\t", " ") == covered
            cuts.append(text[frags[0][0] : frags[-1][1]])
    return cuts


def cuts_csv(bundle: ExportBundle) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(str(run("csv", bundle)).lstrip("\ufeff"))))
    texts = {str(a.id): a.text for a in bundle.articles}
    cuts = []
    for row in rows:
        if row["start"]:
            cut = texts[row["article_id"]][int(float(row["start"])) : int(float(row["end"]))]
            assert guard_cell(cut) == row["quote"]  # text a spreadsheet would run gets a leading '

            cuts.append(cut)
    return cuts


def cuts_xlsx(bundle: ExportBundle) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(run("xlsx", bundle))).active  # type: ignore[arg-type]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    texts = {a.id: a.text for a in bundle.articles}
    cuts = []
    for values in rows[1:]:
        row = dict(zip(header, values))
        if row["start"] is not None:
            cut = texts[row["article_id"]][row["start"] : row["end"]]
            assert cut == row["quote"]
            cuts.append(cut)
    return cuts


def placed(bundle: ExportBundle) -> list[AnnotationRecord]:
    return [a for a in bundle.annotations if is_placed(a, bundle.article(a.article_id).text)]


def check_all_formats(bundle: ExportBundle) -> None:
    quotes = Counter(a.quote for a in placed(bundle))
    assert Counter(cuts_w3c(bundle)) == quotes
    assert Counter(cuts_jsonl(bundle)) == quotes
    assert Counter(cuts_qdpx(bundle)) == quotes
    assert Counter(cuts_csv(bundle)) == quotes
    assert Counter(cuts_xlsx(bundle)) == quotes
    per_tag = Counter()
    for a in placed(bundle):
        if a.quote.strip("\n"):
            per_tag[a.quote.strip("\n")] += max(1, len(set(a.tags)))
    assert Counter(cuts_brat(bundle)) == per_tag


def test_sample_bundle_offsets_cut_quotes_in_every_format() -> None:
    bundle = sample_bundle()
    check_all_formats(bundle)
    assert len(placed(bundle)) == 7


T0 = datetime(2024, 3, 1, tzinfo=timezone.utc)
ALPHABET = '新华社北京习近平𠮷会见。！？\n\t 　a<&"'


@st.composite
def bundles(draw: st.DrawFn) -> ExportBundle:
    articles, anns = [], []
    for aid in range(1, draw(st.integers(1, 2)) + 1):
        text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
        articles.append(
            ArticleRecord(
                aid,
                f"page{aid}.txt",
                None,
                f"文{aid}",
                True,
                None,
                (),
                (),
                None,
                text,
                position=aid,
            )
        )
        for n in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            orphan = draw(st.booleans()) and draw(st.booleans())
            tags = tuple(draw(st.lists(st.sampled_from(["人物", "社会 民生", "a&b"]), max_size=3)))
            anns.append(
                AnnotationRecord(
                    aid * 10 + n,
                    aid,
                    start,
                    end,
                    text[start:end] + ("x" if orphan else ""),
                    "",
                    "",
                    tags,
                    draw(st.sampled_from(["", "批注\n<x>"])),
                    "u",
                    T0,
                    T0,
                    "orphan" if orphan else "anchored",
                )
            )
    tags = [TagRecord(1, "人物"), TagRecord(2, "社会 民生", 1)]
    return ExportBundle(articles, anns, tags)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_generated_bundles_offsets_cut_quotes_in_every_format(bundle: ExportBundle) -> None:
    check_all_formats(bundle)


def test_brat_fragment_grammar_on_newline_spans() -> None:
    bundle = sample_bundle()
    text = bundle.article(11).text
    ann = next(a for a in bundle.annotations if a.id == 104)
    assert "\n" in ann.quote
    archive = zipfile.ZipFile(io.BytesIO(run("brat", bundle)))  # type: ignore[arg-type]
    ann_text = archive.read("2024-01-06_01_000.ann").decode("utf-8")
    nl = text.index("\n")
    assert re.search(
        rf"^T\d+\tzhengzhi {ann.start} {nl};{nl + 1} {ann.end}\t古特雷斯 新华社$", ann_text, re.M
    )
