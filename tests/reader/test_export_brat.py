"""brat standoff export: line grammar, exact text, notes, type declarations, zip vs directory."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from test_export_samples import running_example_bundle, sample_bundle

from reader.exchange.exporters import ExportOptions, export_to_path, get_exporter
from reader.exchange.exporters.brat import fragments
from reader.records import ExportBundle

T_LINE = re.compile(r"T(\d+)\t([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t([^\t\n]*)")
NOTE_LINE = re.compile(r"#(\d+)\tAnnotatorNotes (T\d+)\t([^\t\n]*)")


def files(bundle: ExportBundle | None = None, **options: object) -> tuple[dict[str, str], int]:
    out = io.BytesIO()
    count = get_exporter("brat").write(bundle or sample_bundle(), out, ExportOptions(**options))  # type: ignore[arg-type]
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}, count


def declared_types(conf: str) -> set[str]:
    section = conf.split("[entities]\n", 1)[1].split("\n[", 1)[0]
    return {line.strip() for line in section.splitlines() if line.strip()}


def test_every_line_matches_the_grammar_and_cuts_the_text() -> None:
    found, count = files(include_entities=True)
    assert count == 7
    types = declared_types(found["annotation.conf"])
    for name, ann in found.items():
        if not name.endswith(".ann"):
            continue
        text = found[name[:-4] + ".txt"]
        t_ids = set()
        for line in ann.splitlines():
            t = T_LINE.fullmatch(line)
            note = NOTE_LINE.fullmatch(line)
            assert t or note, line
            if t:
                t_ids.add(f"T{t.group(1)}")
                assert t.group(2) in types
                frags = [tuple(map(int, f.split())) for f in t.group(3).split(";")]
                assert all(0 <= s < e <= len(text) for s, e in frags)
                assert " ".join(text[s:e] for s, e in frags) == t.group(4)
            else:
                assert note is not None and note.group(2) in t_ids


def test_txt_is_the_exact_article_text() -> None:
    found, _ = files()
    bundle = sample_bundle()
    assert found["2024-01-06_05_003.txt"] == bundle.article(12).text
    assert found["2024-01-06_08_图片_001.txt"] == bundle.article(13).text
    assert found["2024-01-06_08_图片_001.ann"] == ""


def test_multiple_tags_give_one_t_line_each_and_one_note() -> None:
    found, _ = files()
    ann = found["2024-01-06_01_000.ann"]
    lines = [x for x in ann.splitlines() if "国家主席" in x or "AnnotatorNotes T2" in x]
    assert [x.split("\t")[1].split(" ")[0] for x in lines if x.startswith("T")] == [
        "waijiao",  # 外交
        "gaocenghuijian",  # 高层会见
    ]
    assert lines[-1] == (
        '#2\tAnnotatorNotes T2\tHe said "<b>重要</b>" & it\'s ]]> fine 第二行：“引号” 制表符'
    )


def test_untagged_and_unsafe_names_and_hierarchy() -> None:
    found, _ = files()
    assert "\tAnnotation 60 71\t中方愿同联合国加强合作" in found["2024-01-06_01_000.ann"]
    assert "\tshehui_minsheng 16 18\t王𠮷" in found["2024-01-06_05_003.ann"]
    conf = found["annotation.conf"]
    assert (
        "[entities]\nzhengzhi\n\twaijiao\n\t\tgaocenghuijian\nwenze\nshehui_minsheng\n\tjicengzhili\nAnnotation\n"
        in conf
    )
    assert "[relations]" in conf and "[events]" in conf and "[attributes]" in conf
    visual = found["visual.conf"]
    assert "shehui_minsheng | 社会 民生" in visual and "zhengzhi | 政治" in visual
    assert "zhengzhi\tbgColor:#e15759" in visual


def test_orphans_are_skipped() -> None:
    found, _ = files()
    assert "民生账本" not in found["2024-01-06_05_003.ann"]


def test_entities_as_t_lines_when_asked() -> None:
    found, count = files(running_example_bundle(), include_entities=True)
    ann = found["xinhua_20240105_000.ann"]
    assert "T2\tORG 0 3\t新华社" in ann and "T7\tPER 32 36\t古特雷斯" in ann
    assert {"ORG", "LOC", "DATE", "PER", "renwu"} <= declared_types(found["annotation.conf"])
    assert count == 1
    found, _ = files(running_example_bundle())
    assert "ORG" not in found["xinhua_20240105_000.ann"]


def test_fragments_split_at_newlines() -> None:
    assert fragments("ab\ncd\n\nef", 0, 9) == [(0, 2), (3, 5), (7, 9)]
    assert fragments("ab\ncd", 1, 4) == [(1, 2), (3, 4)]
    assert fragments("\n\n", 0, 2) == []


def test_directory_and_zip_paths(tmp_path: Path) -> None:
    bundle = sample_bundle()
    assert export_to_path("brat", bundle, tmp_path / "out") == 7
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    zipped, _ = files()
    assert names == sorted(zipped)
    assert (tmp_path / "out" / "2024-01-06_05_003.txt").read_text("utf-8") == bundle.article(
        12
    ).text
    assert export_to_path("brat", bundle, tmp_path / "out.zip") == 7
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == names
