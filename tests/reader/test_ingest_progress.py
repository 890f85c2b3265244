"""Ingest progress: by file by default (what the CLI prints), and with ``steps_per_file`` also
within each page (reading and parsing, then each article recognised), never going backwards."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _run(corpus_at, name: str,  # type: ignore[no-untyped-def]
         **kwargs: object) -> list[tuple[int, int, str]]:
    calls: list[tuple[int, int, str]] = []
    corpus = Corpus(corpus_at(name))
    pages = sorted(SEEDS.glob("*.txt"))[:2]
    corpus.ingest(pages, progress=lambda d, t, label="": calls.append((d, t, label)), **kwargs)  # type: ignore[arg-type]
    corpus.close()
    return calls


def test_progress_counts_files_by_default(corpus_at) -> None:  # type: ignore[no-untyped-def]
    calls = _run(corpus_at, "files.sqlite3")
    assert [c[:2] for c in calls] == [(0, 2), (1, 2), (2, 2)]
    assert calls[0][2].endswith(".txt") and calls[-1][2] == ""


def test_progress_moves_within_a_page(corpus_at) -> None:  # type: ignore[no-untyped-def]
    calls = _run(corpus_at, "steps.sqlite3", steps_per_file=60)
    done = [d for d, _t, _label in calls]
    assert done == sorted(done), "never backwards"
    assert all(t == 120 for _d, t, _label in calls) and done[-1] == 120
    first_page = [d for d, _t, label in calls if label == calls[0][2]]
    assert len(set(first_page)) >= 5 and max(first_page) < 60 <= min(d for d, _t, label in calls
                                                                        if label and label != calls[0][2])
