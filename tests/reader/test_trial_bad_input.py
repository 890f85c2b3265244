"""Bad input found in a new user's end-to-end trial (round 4): every bad file is named with its
problem, the good files still go in (or are still printed), and no traceback reaches the user."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.sources import SourceError, expand_paths, read_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _pizhu(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "reader", *argv], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def one_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of the first seed page, ingested once by the CLI (copy it: :func:`_one_seed_copy`)."""
    db = tmp_path_factory.mktemp("one-seed") / "c.sqlite3"
    done = _pizhu("--db", str(db), "ingest", "--quiet", str(SEEDS[0]))
    assert done.returncode == 0, done.stderr
    return db


def _one_seed_copy(one_seed: Path, tmp_path: Path) -> Path:
    db = tmp_path / "c.sqlite3"
    shutil.copyfile(one_seed, db)
    return db


def test_a_file_that_cannot_be_read_is_a_source_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "locked.txt"
    page.write_bytes(SEEDS[0].read_bytes())

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SourceError) as info:
        read_page(page)
    assert info.value.problem == "unreadable"
    assert "locked.txt" in str(info.value) and "Permission denied" in str(info.value)


def _folder_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(SEEDS[1].read_bytes())
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")  # a dangling link
    if Path("/proc/self/mem").exists():  # a file that is there and fails on read (EIO), even as root
        (folder / "eio.txt").symlink_to("/proc/self/mem")
    return folder


def test_a_broken_link_in_a_folder_is_reported_not_passed_over(tmp_path: Path) -> None:
    folder = _folder_with_bad_files(tmp_path)
    assert folder / "broken.txt" in expand_paths([folder])
    with pytest.raises(SourceError) as info:
        read_page(folder / "broken.txt")
    assert info.value.problem == "missing" and "link" in str(info.value)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc to make a read fail")
def test_ingest_of_a_folder_with_an_unreadable_file_reports_it_and_keeps_the_rest(tmp_path: Path, one_seed: Path) -> None:
    folder = _folder_with_bad_files(tmp_path)
    db = _one_seed_copy(one_seed, tmp_path)  # SEEDS[0] ingested by the CLI before
    result = _pizhu("--db", str(db), "ingest", "--quiet", "--json", str(folder))
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["added"] == ["a-good.txt"]
    failed = {Path(f["path"]).name: f for f in report["failed"]}
    assert set(failed) == {"broken.txt", "eio.txt"}
    assert "Traceback" not in result.stderr.decode()
    sources = {a["source"] for a in json.loads(_pizhu("--db", str(db), "articles", "--json").stdout)}
    assert sources == {SEEDS[0].name, "a-good.txt"}  # what was stored before is still there


def test_parse_prints_the_good_files_and_names_each_bad_one(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x7fELF\x00\x00\x01" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEEDS[2].read_text(encoding="utf-8").encode("gbk"))
    result = _pizhu("parse", "--json", str(binary), str(SEEDS[2]), str(empty), str(gbk))
    assert result.returncode == 1  # something was refused
    err = result.stderr.decode()
    assert "binary.txt: binary" in err and "empty.txt: empty" in err and "Traceback" not in err
    arts = json.loads(result.stdout)
    assert {a["source"] for a in arts} == {SEEDS[2].name, "gbk.txt"}
    by = {}
    for a in arts:
        by.setdefault(a["source"], []).append((a["title"], a["body"]))
    assert by["gbk.txt"] == by[SEEDS[2].name]  # decoded, not mojibake


def test_parse_reads_a_folder_as_ingest_does(tmp_path: Path) -> None:
    folder = tmp_path / "crawl" / "20190201"
    folder.mkdir(parents=True)
    (folder / "20190201-01-01.txt").write_text("习近平会见外宾\r\n\r\n　　新华社北京1月31日电　国家主席习近平会见外宾。\r\n",
                                               encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a page file: not read
    result = _pizhu("parse", "--json", str(tmp_path / "crawl"))
    assert result.returncode == 0, result.stderr.decode()
    arts = json.loads(result.stdout)
    assert [(a["source"], a["title"], a["position"]) for a in arts] == [("20190201-01-01.txt", "习近平会见外宾", 1)]


@pytest.mark.parametrize(("data", "problem"), [
    ("张三在北京".encode("gbk"), "not UTF-8"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "not UTF-8"),
    (b"abc\x00def", "binary"),
    (b"\xff\xfe\x00", "UTF-16"),
])
def test_ner_refuses_stdin_that_is_not_text_clearly(data: bytes, problem: str) -> None:
    result = _pizhu("ner", stdin=data)
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert err.startswith("pizhu: stdin:") and problem in err


@pytest.mark.parametrize("data", [
    "张三在北京".encode("utf-16"),  # with its BOM
    b"\xef\xbb\xbf" + "张三在北京".encode("utf-8"),
])
def test_ner_reads_stdin_with_a_byte_order_mark(data: bytes) -> None:
    result = _pizhu("ner", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    assert [(e["start"], e["end"], e["text"]) for e in json.loads(result.stdout)][:1] == [(0, 2, "张三")]



def test_copy_from_a_missing_corpus_is_refused_and_makes_no_file(tmp_path: Path) -> None:
    missing, dest = tmp_path / "typo.sqlite3", tmp_path / "out.sqlite3"
    result = _pizhu("copy", str(missing), str(dest))
    assert result.returncode == 1 and "typo.sqlite3: no such corpus file" in result.stderr.decode()
    assert not missing.exists() and not dest.exists()  # no empty corpus made at either end
    result = _pizhu("copy", str(tmp_path), str(dest))  # a folder is no corpus either
    assert result.returncode == 1 and "is not a corpus file" in result.stderr.decode() and not dest.exists()


def test_a_bio_export_of_entities_says_it_counted_entity_spans(tmp_path: Path, one_seed: Path) -> None:
    db = _one_seed_copy(one_seed, tmp_path)
    assert _pizhu("--db", str(db), "annotate", "1", "--start", "0", "--end", "2", "--tag", "甲").returncode == 0
    result = _pizhu("--db", str(db), "export", "--format", "bio", "-o", str(tmp_path / "out.bio"))
    assert result.returncode == 0
    labelled = sum(line.split()[-1].startswith("B-") for line in (tmp_path / "out.bio").read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.startswith("-DOCSTART-"))
    assert f"exported {labelled} entity span(s)" in result.stderr.decode()  # not "annotation(s)": there is one
    tags = _pizhu("--db", str(db), "export", "--format", "bio", "--bio-labels", "tags", "-o", str(tmp_path / "t.bio"))
    assert "exported 1 annotation(s)" in tags.stderr.decode()


@pytest.mark.parametrize(("start", "end", "says"), [(5, 3, "reversed"), (4, 4, "empty"),
                                                     (0, 10**7, "outside")])
def test_annotate_says_which_way_a_range_is_wrong(tmp_path: Path, one_seed: Path, start: int, end: int,
                                                 says: str) -> None:
    db = str(_one_seed_copy(one_seed, tmp_path))
    result = _pizhu("--db", db, "annotate", "1", "--start", str(start), "--end", str(end), "--tag", "t")
    assert result.returncode != 0
    assert f"range {start}-{end} is {says}" in result.stderr.decode()
    assert _pizhu("--db", db, "annotations", "--json").stdout.decode().strip() in ("[]", "")


@pytest.mark.parametrize("argv", [("ingest", "--jobs", "-3", "seeds"), ("ner", "--jsonl", "--jobs", "-1"),
                                  ("entity", "recompute", "--jobs", "-2")])
def test_a_negative_number_of_worker_processes_is_refused(tmp_path: Path, argv: tuple[str, ...]) -> None:
    result = _pizhu("--db", str(tmp_path / "c.sqlite3"), *argv)
    assert result.returncode == 2
    assert "is not a number of processes (0 or more)" in result.stderr.decode()
