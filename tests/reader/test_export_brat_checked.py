"""brat accepts our export: every file read by brat's own standoff and configuration rules
(tests/reader/brat_standoff.py); Chinese tag names survive as labels of ASCII type ids."""

from __future__ import annotations

import io
import zipfile

import pytest
from brat_standoff import BratError, check_export, parse_ann, storage_form
from test_export_samples import running_example_bundle, sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.records import ExportBundle, TagRecord


def brat_files(bundle: ExportBundle, **options: object) -> dict[str, str]:
    out = io.BytesIO()
    get_exporter("brat").write(bundle, out, ExportOptions(**options))  # type: ignore[arg-type]
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}


@pytest.mark.parametrize("bundle", [sample_bundle(), running_example_bundle()], ids=["sample", "running"])
def test_brat_reads_every_line_and_every_chinese_tag_keeps_its_name(bundle: ExportBundle) -> None:
    files = brat_files(bundle, include_entities=True)
    docs, labels = check_export(files)
    names = {t.name for t in bundle.tags} | {t for a in bundle.annotations for t in a.tags}
    shown = {labels.get(kind, kind) for doc in docs.values() for kind, _s, _t in doc.spans.values()}
    used = {t for a in bundle.annotations if a.status != "orphan" for t in a.tags}
    assert used <= shown  # every tag an annotation uses is displayed under its Chinese name
    assert all(name in labels.values() or storage_form(name) == name for name in names)
    assert all(kind.isascii() for doc in docs.values() for kind, _s, _t in doc.spans.values())
    notes = [n for doc in docs.values() for n in doc.notes.values()]
    assert notes and all(target.startswith("T") for target, _ in notes)


def test_names_that_clash_or_are_reserved_stay_distinct() -> None:
    bundle = sample_bundle()
    extra = [TagRecord(90, "wenze"), TagRecord(91, "问 责"), TagRecord(92, "ANY"), TagRecord(93, "é|x")]
    bundle.tags.extend(extra)
    files = brat_files(bundle)
    _docs, labels = check_export(files)
    conf = files["annotation.conf"].split("[relations]")[0].split()
    assert len(conf) == len(set(x.lower() for x in conf))  # unique ids, case-insensitively
    assert "ANY" not in conf and "问 责" in labels.values() and "é/x" in labels.values()


def test_the_checker_rejects_what_brat_rejects() -> None:
    with pytest.raises(BratError, match="stored by brat"):
        check_export({"annotation.conf": "[entities]\n问责\n", "visual.conf": ""})
    types = {"X"}
    for bad in ("T1\tX 0 3\tabd", "T1\tX 0 9\tabc", "T1 X 0 3\tabc", "T1\tY 0 3\tabc",
                "T1\tX 0 2;1 3\tab bc", "T1\tX 0 3\tabcd", "#1\tAnnotatorNotes T9\tx"):
        with pytest.raises(BratError):
            parse_ann(bad, "abcdef", types)
    assert parse_ann("T1\tX 0 1;2 3\ta c\n#1\tAnnotatorNotes T1\tok", "abcdef", types).notes
