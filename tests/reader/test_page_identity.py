"""Pages are identified by their path relative to the folder ingested and their content hash
(issue 10 item 1): the same file name in two folders is two pages; re-ingesting is a no-op; a
moved identical file is recognised, its articles and annotations untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from reader.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _put(folder: Path, name: str, seed: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(seed, target)
    return target


def _sources(corpus: Corpus) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in corpus.articles():
        out.setdefault(row.source, set()).add(row.display_title)
    return out


def test_same_name_in_two_folders_is_two_pages(tmp_path: Path, empty_corpus: Corpus) -> None:
    _put(tmp_path / "corpus" / "2019", "page.txt", SEEDS[0])
    _put(tmp_path / "corpus" / "2020", "page.txt", SEEDS[1])
    report = empty_corpus.ingest([tmp_path / "corpus"])
    assert sorted(report.added) == ["2019/page.txt", "2020/page.txt"]
    seen = _sources(empty_corpus)
    assert set(seen) == {"2019/page.txt", "2020/page.txt"}
    assert "利剑高悬显锋芒" in seen["2019/page.txt"] and "利剑高悬显锋芒" not in seen["2020/page.txt"]
    again = empty_corpus.ingest([tmp_path / "corpus"])
    assert sorted(again.unchanged) == ["2019/page.txt", "2020/page.txt"] and not again.added


def test_same_relative_path_from_two_ingests_keeps_both(tmp_path: Path, empty_corpus: Corpus) -> None:
    _put(tmp_path / "a", "page.txt", SEEDS[0])
    _put(tmp_path / "b", "page.txt", SEEDS[1])
    first = empty_corpus.ingest([tmp_path / "a"])
    ids_before = {r.id for r in empty_corpus.articles()}
    second = empty_corpus.ingest([tmp_path / "b"])
    assert first.added == ["page.txt"] and second.added == ["b/page.txt"]
    after = {r.id for r in empty_corpus.articles()}
    assert ids_before < after  # nothing of the first page was replaced
    assert set(_sources(empty_corpus)) == {"page.txt", "b/page.txt"}
    assert empty_corpus.ingest([tmp_path / "a"]).unchanged == ["page.txt"]
    assert empty_corpus.ingest([tmp_path / "b"]).unchanged == ["b/page.txt"]


def test_two_files_given_by_name_are_two_pages(tmp_path: Path, empty_corpus: Corpus) -> None:
    one = _put(tmp_path / "x", "page.txt", SEEDS[2])
    two = _put(tmp_path / "y", "page.txt", SEEDS[3])
    report = empty_corpus.ingest([one, two])
    assert report.added == ["page.txt", "y/page.txt"]
    assert len(_sources(empty_corpus)) == 2


def test_moved_identical_file_is_recognised(tmp_path: Path, empty_corpus: Corpus) -> None:
    root = tmp_path / "corpus"
    old = _put(root / "x", "page.txt", SEEDS[0])
    empty_corpus.ingest([root])
    article = next(r for r in empty_corpus.articles() if r.display_title == "利剑高悬显锋芒")
    note = empty_corpus.annotate_quote(article.id, "李彦文", tags=["人物"])
    (root / "y").mkdir()
    old.rename(root / "y" / "page.txt")
    report = empty_corpus.ingest([root])
    assert report.unchanged == ["y/page.txt"] and not report.added and not report.updated
    assert set(_sources(empty_corpus)) == {"y/page.txt"}
    assert empty_corpus.annotation(note.id).article_id == article.id
    assert {r.id for r in empty_corpus.articles()} >= {article.id}


def test_edited_file_updates_its_page(tmp_path: Path, empty_corpus: Corpus) -> None:
    page = _put(tmp_path / "corpus" / "2020", "page.txt", SEEDS[0])
    empty_corpus.ingest([tmp_path / "corpus"])
    count = len(empty_corpus.articles())
    page.write_text(page.read_text(encoding="utf-8").replace("李彦文", "李彦武"), encoding="utf-8")
    report = empty_corpus.ingest([tmp_path / "corpus"])
    assert report.updated == ["2020/page.txt"] and not report.added
    assert len(empty_corpus.articles()) == count


def test_articles_json_source_is_the_relative_path(tmp_path: Path) -> None:
    _put(tmp_path / "corpus" / "2020", "page.txt", SEEDS[4])
    db = tmp_path / "c.sqlite3"

    def run(*args: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args], capture_output=True,
                              text=True, encoding="utf-8", cwd=ROOT, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    run("ingest", "-q", str(tmp_path / "corpus"))
    rows = json.loads(run("articles", "--json"))
    assert rows and {r["source"] for r in rows} == {"2020/page.txt"}
