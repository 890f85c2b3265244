"""NVivo counts REFI-QDA positions in UTF-16 units over CRLF text: the importer detects the
counting from the quotes, the boundaries or the producing tool, and ``--nvivo`` exports count
the same way (checked by counting UTF-16 units ourselves)."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile

from test_export_samples import sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.importers import read_qdpx
from reader.exchange.importers.offsets import CODE_POINTS, NVIVO, Counter, Scheme, choose_scheme

LINES = [
    "video_id", "Kötelező oltás: Alkotmánymódosítás is jöhet?", "@istvanbakos5820",
    "Mi az a fityesznek? Akkor írják át amikor akarják 🤣🤣🤣", "0",
    "Nem tehetik kötelezővé! 😡😡", "吉林𠮷祥村的民生账本，群众说“好”。", "3",
    "Rohadt életbe, hogy az emberre rá akarnak erőszakolni valamit 😤😤😤", "2021-11-04T19:03:45Z",
] * 6
TEXT = "\n".join(LINES)


def _units(text: str, scheme: Scheme, cp: int) -> int:
    """Count units the slow, obvious way (independent of Counter)."""
    head = text[:cp]
    if scheme.crlf:
        head = head.replace("\n", "\r\n")
    return len(head.encode("utf-16-le")) // 2 if scheme.utf16 else len(head)


def _project(text: str, scheme: Scheme, origin: str, named: bool, folder: str = "Sources") -> bytes:
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    picked = random.Random(5).sample(lines, 25)
    sels = []
    for k, (s, e) in enumerate(picked):
        name = text[s:e][:60] if named else ""
        sels.append(
            f'<PlainTextSelection guid="00000000-0000-0000-0000-{k:012d}" name="{name}" '
            f'startPosition="{_units(text, scheme, s)}" endPosition="{_units(text, scheme, e)}">'
            '<Coding guid="10000000-0000-0000-0000-000000000001"><CodeRef targetGUID="20000000-0000-0000-0000-000000000001"/>'
            "</Coding></PlainTextSelection>")
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="{origin}">'
           '<CodeBook><Codes><Code guid="20000000-0000-0000-0000-000000000001" name="oltás" isCodable="true"/></Codes></CodeBook>'
           '<Sources><TextSource guid="30000000-0000-0000-0000-000000000001" name="comments" '
           f'plainTextPath="internal://30000000-0000-0000-0000-000000000001.txt">{"".join(sels)}</TextSource></Sources></Project>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"{folder}/30000000-0000-0000-0000-000000000001.txt", "\ufeff" + text.replace("\n", "\r\n"))
    return buf.getvalue()


def _quotes(data: bytes) -> tuple[list[str], list[str]]:
    result = read_qdpx(io.BytesIO(data), "x.qdpx")
    return [a.quote for a in result.annotations], [f"{w.code}: {w.detail}" for w in result.warnings]


def test_counter_agrees_with_counting_utf16_units() -> None:
    for scheme in (CODE_POINTS, NVIVO, Scheme(True, False), Scheme(False, True)):
        counter = Counter(TEXT, scheme)
        for cp in range(0, len(TEXT) + 1, 7):
            assert counter.to_units(cp) == _units(TEXT, scheme, cp)
            assert counter.to_code_point(counter.to_units(cp)) == cp


def test_nvivo_file_without_quotes_is_placed_by_producer_and_boundaries() -> None:
    quotes, warnings = _quotes(_project(TEXT, NVIVO, "NVivo for Windows 12.6", named=False))
    assert all(q in LINES for q in quotes) and len(quotes) == 25
    assert any("UTF-16 units, CRLF" in w for w in warnings)


def test_unknown_producer_counting_utf16_is_recognised_by_boundaries() -> None:
    quotes, _ = _quotes(_project(TEXT, NVIVO, "Some tool 1.0", named=False))
    assert all(q in LINES for q in quotes)


def test_code_point_file_from_another_tool_stays_code_points() -> None:
    quotes, warnings = _quotes(_project(TEXT, CODE_POINTS, "MAXQDA 24", named=False, folder="sources"))
    assert all(q in LINES for q in quotes)
    assert not any(w.startswith("offsets") for w in warnings)


def test_quotes_decide_over_the_producer() -> None:
    # a file that says NVivo but counts code points: the quotes in the names win
    quotes, _ = _quotes(_project(TEXT, CODE_POINTS, "NVivo for Mac 12", named=True))
    assert all(q in LINES for q in quotes)


def test_choose_scheme_reports_its_evidence() -> None:
    spans = [(_units(TEXT, NVIVO, m.start()), _units(TEXT, NVIVO, m.end()), "")
             for m in re.finditer(r"[^\n]+", TEXT)]
    verdict = choose_scheme([(TEXT, spans)], CODE_POINTS)
    assert verdict.scheme == NVIVO and verdict.how == "boundaries" and verdict.matched == len(spans)


def test_nvivo_export_counts_utf16_over_crlf_and_reimports_exactly() -> None:
    bundle = sample_bundle()
    out = io.BytesIO()
    get_exporter("qdpx").write(bundle, out, ExportOptions(nvivo=True))
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    qde = archive.read("project.qde").decode("utf-8")
    texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/")}
    assert all("\n" not in t.replace("\r\n", "") for t in texts.values())  # CRLF line ends
    for m in re.finditer(r'plainTextPath="internal://([^"]+)"(.*?)</TextSource>', qde, re.S):
        crlf = texts[f"sources/{m.group(1)}"]
        units = crlf.encode("utf-16-le")
        for s, e in re.findall(r'startPosition="(\d+)" endPosition="(\d+)"', m.group(2)):
            cut = units[int(s) * 2:int(e) * 2].decode("utf-16-le")  # what NVivo shows
            assert cut.replace("\r\n", "\n") in {a.quote for a in bundle.annotations}
    result = read_qdpx(io.BytesIO(out.getvalue()), "n.qdpx")
    placed = sorted(a.quote for a in bundle.annotations if a.status != "orphan")
    assert sorted(a.quote for a in result.annotations) == placed


def test_cli_export_nvivo_and_back(tmp_path, seeded_template, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from reader.cli.main import main
    from reader.corpus import Corpus

    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    shutil.copyfile(seeded_template, a)
    shutil.copyfile(seeded_template, b)
    corpus = Corpus(a)
    art = max(corpus.articles(), key=lambda x: x.chars)
    text = corpus.article(art.id).text
    start = text.rindex("\n") + 1
    corpus.annotate(art.id, start, start + 4, tags=["尾段"])
    corpus.close()
    plain, nvivo = tmp_path / "plain.qdpx", tmp_path / "nvivo.qdpx"
    assert main(["--db", str(a), "export", "--format", "qdpx", "-o", str(plain)]) == 0
    assert main(["--db", str(a), "export", "--format", "qdpx", "--nvivo", "-o", str(nvivo)]) == 0
    def first_start(path):  # type: ignore[no-untyped-def]
        qde = zipfile.ZipFile(path).read("project.qde").decode()
        return int(re.search(r'startPosition="(\d+)"', qde).group(1))
    assert first_start(plain) == start and first_start(nvivo) == start + text[:start].count("\n")
    assert main(["--db", str(b), "import", str(nvivo), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["annotations_added"] == 1 and any("CRLF" in w for w in report["warnings"])
    target = Corpus(b)
    assert [(x.start, x.end) for x in target.annotations()] == [(start, start + 4)]
    target.close()
