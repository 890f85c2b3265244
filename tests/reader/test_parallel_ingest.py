"""Parallel ingest: parsing and recognition in worker processes, one writer; the result is the
same as in one process, a bad file is reported, and a cancel leaves only whole pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import Corpus, auto_jobs

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _content(corpus: Corpus) -> list[tuple[str, int, str, tuple[tuple[int, int, str, str], ...]]]:
    return [(r.source, r.position, corpus.article(r.id).text,
             tuple((e.start, e.end, e.type, e.text) for e in corpus.entities(r.id)))
            for r in corpus.articles()]


def test_two_processes_store_what_one_process_stores(tmp_path: Path, corpus: Corpus) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    parallel = Corpus(tmp_path / "parallel.sqlite3")
    try:
        report = parallel.ingest([folder], jobs=2)
        assert len(report.added) == 5 and [p for p, _ in report.failed] == [str(folder / "broken.txt")]
        assert _content(parallel) == _content(corpus)  # the seeded corpus was ingested in one process
        again = parallel.ingest([folder], jobs=2)
        assert len(again.unchanged) == 5 and not again.added
    finally:
        parallel.close()


def test_cancel_in_parallel_keeps_whole_pages(tmp_path: Path) -> None:
    parallel = Corpus(tmp_path / "cancel.sqlite3")
    seen: list[int] = []
    try:
        report = parallel.ingest([SEEDS], jobs=2, progress=lambda done, total, label: seen.append(done),
                                 cancelled=lambda: len(seen) >= 2)
        assert report.cancelled and 1 <= len(report.added) < 5
        stored = {r.source for r in parallel.articles()}
        assert stored == set(report.added)
        finished = parallel.ingest([SEEDS], jobs=1)
        assert sorted(finished.unchanged) == sorted(report.added) and len(finished.added) == 5 - len(report.added)
    finally:
        parallel.close()


def test_auto_jobs_stays_in_process_for_small_batches() -> None:
    assert auto_jobs([SEEDS]) == 1


def _broken_factory():  # type: ignore[no-untyped-def]
    raise RuntimeError("this worker cannot start")


def test_a_broken_pool_falls_back_to_this_process(tmp_path: Path, corpus: Corpus) -> None:
    from reader.ingest import ingest

    target = Corpus(tmp_path / "fallback.sqlite3")
    try:
        report = ingest([SEEDS], target.recognize, jobs=2, recognizer_factory=_broken_factory)
        assert len(report.added) == 5 and not report.failed
        assert _content(target) == _content(corpus)
    finally:
        target.close()
