"""Hostile and broken files: every one is answered with a message that names the file and the
problem, nothing stored is touched, memory stays bounded; a bad annotation inside a good file is
skipped and reported while the rest is imported, and the exit status says the import was
incomplete."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.corpus import Corpus
from reader.exchange.exporting import export
from reader.exchange.importers import limits
from reader.store.models import Annotation, Tag

QDE_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
LAUGHS = (
    QDE_HEAD + '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    + ']>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000001" '
    'name="&lol9;" isCodable="true"/></Codes></CodeBook>\n'
)
XXE = (QDE_HEAD + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
       '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000001" '
       'name="&e;" isCodable="true"/></Codes></CodeBook>\n')


def _zip(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _deep_codes(depth: int) -> bytes:
    opening = '<Code guid="00000000-0000-0000-0000-000000000001" name="x" isCodable="true">' * depth
    return (QDE_HEAD + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>' + opening
            + "</Code>" * depth + "</Codes></CodeBook>").encode()


def _good_qdpx(tmp_path: Path, corpus: Corpus) -> bytes:
    art = next(a for a in corpus.articles() if a.title == "利剑高悬显锋芒")
    corpus.annotate_quote(art.id, "李彦文", tags=["人物"])
    out = tmp_path / "good.qdpx"
    export(corpus, "qdpx", out)
    Annotation.delete().execute()
    return out.read_bytes()


HOSTILE: dict[str, tuple[str, object]] = {
    # name: (file name, content or a builder taking the good qdpx bytes) → expected problem
    "truncated zip": ("cut.qdpx", lambda good: good[: len(good) // 2]),
    "zip bomb": ("bomb.qdpx", lambda good: _zip({"project.qde": b"\0" * (9 << 20)})),
    "billion laughs (qdc)": ("laughs.qdc", LAUGHS.encode()),
    "billion laughs (inside qdpx)": ("laughs.qdpx", lambda good: _zip({"project.qde": LAUGHS.replace("CodeBook", "Project").encode()})),
    "external entity": ("xxe.qdc", XXE.encode()),
    "deep XML nesting": ("deep.qdc", _deep_codes(5000)),
    "deep JSON nesting": ("deep.jsonld", b"[" * 100_000 + b"]" * 100_000),
    "GBK JSON": ("gbk.jsonld", json.dumps({"type": "Annotation", "body": "批注"}, ensure_ascii=False).encode("gbk")),
    "XML in an encoding expat lacks": ("gb.qdc", '<?xml version="1.0" encoding="GB2312"?><CodeBook/>'.encode("gb2312")),
    "binary": ("noise.jsonl", bytes(range(256)) * 40),
    "empty": ("empty.jsonld", b""),
    "whitespace only": ("blank.qdc", b"  \n\t\n"),
    "JSON of another kind": ("other.json", b'{"hello": [1, 2, 3]}'),
    "JSON Lines of scalars": ("scalars.jsonl", b"1\n2\n3\n"),
    "truncated XML in a ZIP": ("half.qdpx", lambda good: _zip({"project.qde": b"<Project name='x'><Users>"})),
    "ZIP without a project": ("nothing.qdpx", lambda good: _zip({"readme.txt": b"hello"})),
    "source text not UTF-8": ("gbksrc.qdpx", lambda good: _replace_sources(good)),
    "HTML": ("page.html", b"<!doctype html><html><body>hi</body></html>"),
}
EXPECTED = {
    "truncated zip": "ZIP", "zip bomb": "zip bomb", "billion laughs (qdc)": "DTD",
    "billion laughs (inside qdpx)": "DTD", "external entity": "DTD", "deep XML nesting": "nested deeper",
    "deep JSON nesting": "nested too deeply", "GBK JSON": "GBK", "XML in an encoding expat lacks": "XML",
    "binary": "binary", "empty": "empty file", "whitespace only": "empty file",
    "JSON of another kind": "no Web Annotation", "JSON Lines of scalars": "not an object with a text",
    "truncated XML in a ZIP": "not well-formed", "ZIP without a project": "no project.qde",
    "source text not UTF-8": "not UTF-8", "HTML": "not a format",
}


def _replace_sources(good: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(good))
    return _zip({n: (b"\xb2\xe2\xca\xd4\xff\xfe" if n.startswith("sources/") else src.read(n)) for n in src.namelist()})


@pytest.fixture
def loaded(corpus: Corpus, tmp_path: Path) -> tuple[Corpus, bytes]:
    return corpus, _good_qdpx(tmp_path, corpus)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_refused_with_its_name_and_the_problem(
    case: str, loaded: tuple[Corpus, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, good = loaded
    corpus.annotate_quote(corpus.articles()[0].id, corpus.articles()[0].display_title[:2], tags=["已有"])
    before = (Annotation.select().count(), Tag.select().count())
    file_name, content = HOSTILE[case]
    path = tmp_path / file_name
    path.write_bytes(content(good) if callable(content) else content)  # type: ignore[operator]
    code = main(["--db", str(corpus.path), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert str(path) in err and EXPECTED[case] in err, err
    assert "Traceback" not in err
    assert (Annotation.select().count(), Tag.select().count()) == before


def test_a_folder_and_a_missing_file_are_clear_errors(corpus: Corpus, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(corpus.path), "import", str(tmp_path)]) == 1
    assert f"{tmp_path}: is a folder" in capsys.readouterr().err
    missing = tmp_path / "nope.jsonld"
    assert main(["--db", str(corpus.path), "import", str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err


def test_caps_hold_against_lying_and_oversized_members(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from reader.exchange.importers import ImportFormatError, read_qdpx

    big = _zip({"project.qde": b"<Project name='x'/>" + b" " * 5000}, zipfile.ZIP_STORED)
    monkeypatch.setattr(limits, "MAX_PROJECT_BYTES", 1000)
    with pytest.raises(ImportFormatError, match="limit"):
        read_qdpx(io.BytesIO(big), "big.qdpx")
    monkeypatch.setattr(limits, "MAX_ARCHIVE_BYTES", 100)
    with pytest.raises(ImportFormatError, match="unpack to"):
        read_qdpx(io.BytesIO(big), "big.qdpx")


def test_good_file_after_a_bad_one_is_still_imported(loaded: tuple[Corpus, bytes], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    corpus, good = loaded
    bad, fine = tmp_path / "bad.qdpx", tmp_path / "fine.qdpx"
    bad.write_bytes(good[:100])
    fine.write_bytes(good)
    assert main(["--db", str(corpus.path), "import", str(bad), str(fine), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert "error" in out[0] and out[1]["annotations_added"] == 1


TEXT_TITLE = "利剑高悬显锋芒"


def _w3c(items: list[object]) -> bytes:
    return json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage",
                       "items": items}, ensure_ascii=False).encode()


def _ann(quote: str, tag: str, **target: object) -> dict[str, object]:
    selector = [{"type": "TextQuoteSelector", "exact": quote}, *target.pop("extra", [])]
    return {"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": tag}],
            "target": {"source": "foreign:doc", "selector": selector, **target}}


def test_bad_annotations_are_skipped_reported_and_tags_only_for_what_was_stored(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = corpus.article(next(a.id for a in corpus.articles() if a.title == TEXT_TITLE)).text
    unique = text[text.index("李彦文"):text.index("李彦文") + 14]
    items = [
        _ann(unique, "好标签"),
        _ann("这句话在语料里不存在的引文啊", "孤儿标签"),
        {"type": "Annotation", "body": "x", "target": 5},  # wrong types
        {"type": "Annotation", "target": {"source": "s", "selector": [
            {"type": "TextPositionSelector", "start": "abc", "end": 1.5}]}},  # non-integer offsets
        {"type": "Annotation", "target": {"source": "s", "selector": [
            {"type": "TextPositionSelector", "start": 10**40, "end": 10**41}]}},  # huge numbers
        "not an object",
    ]
    path = tmp_path / "mixed.jsonld"
    path.write_bytes(_w3c(items))
    code = main(["--db", str(corpus.path), "import", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)[0]
    assert code == 3
    assert report["annotations_added"] == 1
    assert len(report["unmatched"]) == 1 and "这句话在语料里" in report["unmatched"][0]
    assert len(report["skipped"]) == 3
    names = {t.name for t in corpus.tags()}
    assert "好标签" in names and "孤儿标签" not in names


def test_offsets_out_of_range_and_absurd_in_jsonl_and_qdpx(loaded: tuple[Corpus, bytes], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    corpus, good = loaded
    art = corpus.article(next(a.id for a in corpus.articles() if a.title == TEXT_TITLE))
    i = art.text.index("李彦文")
    line = {"text": art.text, "source": art.source, "position": art.position,
            "label": [[i, i + 3, "人物"], [0, 10**7, "越界"], [-5, 2, "负数"], ["1", "x", "字"], [1.5, 3, "小数"]]}
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    assert main(["--db", str(corpus.path), "import", str(jsonl), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)[0]
    assert report["annotations_added"] == 1 and len(report["skipped"]) == 4
    assert all("line 1" in s for s in report["skipped"])
    assert not {"越界", "负数", "字", "小数"} & {t.name for t in corpus.tags()}

    src = zipfile.ZipFile(io.BytesIO(good))
    qde = src.read("project.qde").decode()
    start = qde.index('startPosition="')
    broken = qde[:start] + 'startPosition="99999999999999999999999999" endPosition="3" ' + qde[start:].split(" ", 2)[2]
    path = tmp_path / "huge.qdpx"
    path.write_bytes(_zip({n: (broken.encode() if n == "project.qde" else src.read(n)) for n in src.namelist()}))
    assert main(["--db", str(corpus.path), "import", str(path), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)[0]
    assert report["annotations_added"] == 0 and "not offsets" in report["skipped"][0]


def test_format_comes_from_the_content_not_the_name(loaded: tuple[Corpus, bytes], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    corpus, good = loaded
    disguised = tmp_path / "project.json"  # a .qdpx under a JSON name
    disguised.write_bytes(good)
    assert main(["--db", str(corpus.path), "import", str(disguised)]) == 0
    assert Annotation.select().count() == 1
    export(corpus, "jsonl", tmp_path / "lines.txt")
    Annotation.delete().execute()
    assert main(["--db", str(corpus.path), "import", str(tmp_path / "lines.txt")]) == 0
    assert Annotation.select().count() == 1
    capsys.readouterr()


def test_utf16_json_with_a_bom_is_read(corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "u16.jsonld"
    text = corpus.article(next(a.id for a in corpus.articles() if a.title == TEXT_TITLE)).text
    unique = text[text.index("李彦文"):text.index("李彦文") + 14]
    path.write_bytes(_w3c([_ann(unique, "人物")]).decode().encode("utf-16"))
    assert main(["--db", str(corpus.path), "import", str(path)]) == 0
    assert Annotation.select().count() == 1
    capsys.readouterr()


def test_hostile_file_set_runs_with_bounded_memory() -> None:
    """The zip bomb and the entity bomb are refused before they are expanded: the process's
    peak memory stays far below what expanding either would take."""
    import subprocess
    import sys

    code = (
        "import io, zipfile, resource\n"
        "from reader.exchange.importers import ImportFormatError, read_qdpx, read_qdc\n"
        f"laughs = {LAUGHS.encode()!r}\n"
        "buf = io.BytesIO(); z = zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED)\n"
        "z.writestr('project.qde', b'\\0' * (300 << 20)); z.close(); data = buf.getvalue(); del z\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "for reader, blob in ((read_qdpx, data), (read_qdc, laughs)):\n"
        "    try: reader(io.BytesIO(blob), 'x')\n"
        "    except ImportFormatError: pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) < 100_000  # KiB: under 100 MB more than before the reads


def test_a_cancelled_import_stores_nothing(loaded: tuple[Corpus, bytes], tmp_path: Path) -> None:
    from reader.exchange.importing import import_file

    corpus, good = loaded
    path = tmp_path / "good.qdpx"
    path.write_bytes(good)
    tags_before = Tag.select().count()
    report = import_file(path, corpus=corpus, cancelled=lambda: True)
    assert report.cancelled and not report.added and not report.complete
    assert Annotation.select().count() == 0 and Tag.select().count() == tags_before


def test_a_row_that_cannot_be_stored_is_skipped_and_its_new_tag_forgotten(corpus: Corpus) -> None:
    from reader.exchange.importers import ImportedAnnotation, ImportResult
    from reader.exchange.importing import apply_import

    art = corpus.article(next(a.id for a in corpus.articles() if a.title == TEXT_TITLE))
    i = art.text.index("李彦文")
    good = ImportedAnnotation(art.source, str(art.position), None, i, i + 3, "李彦文", tags=("新标签甲",))
    bad = ImportedAnnotation(art.source, str(art.position), None, i, i + 3, "李彦文", tags=("新标签乙",),
                             note="x", author="\ud800")  # a lone surrogate cannot be stored
    report = apply_import(ImportResult(annotations=[good, bad]), corpus=corpus)
    assert len(report.added) == 1 and len(report.skipped) == 1 and "cannot be stored" in report.skipped[0]
    names = {t.name for t in corpus.tags()}
    assert "新标签甲" in names and "新标签乙" not in names and report.tags_created == ["新标签甲"]
