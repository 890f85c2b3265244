"""Recognising again in worker processes: the same entities as in this process (fixes on top),
the work done by other processes while this one stores, progress, cancel (the rest marked stale,
no process left behind), and the CLI's ``entity recompute --jobs``."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from reader.coding import corrections, occurrences
from reader.corpus import Corpus
from reader.recognise_work import JOBS_ENV, WORKER_MIN, default_jobs
from reader.store.models import Article


def _all(corpus: Corpus) -> dict[int, list[tuple[int, int, str, str, str]]]:
    return {aid: [(e.start, e.end, e.type, e.text, e.source) for e in corpus.entities(aid)]
            for (aid,) in Article.select(Article.id).order_by(Article.id).tuples()}


def test_workers_store_what_this_process_would(corpus: Corpus) -> None:
    aid = next(a for a, ents in _all(corpus).items() if any(e[2] in ("ORG", "LOC") and len(e[3]) >= 4 for e in ents))
    ent = next(e for e in corpus.entities(aid) if e.type in ("ORG", "LOC") and len(e.text) >= 4)
    occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)  # a fix stays on top
    corpus.recompute_entities(jobs=0)
    here = _all(corpus)
    assert corpus.last_recognition.worker_pids == set()
    steps: list[tuple[int, int]] = []
    change = corpus.recompute_entities(progress=lambda d, t, _l: steps.append((d, t)), jobs=2)
    assert _all(corpus) == here
    pids = corpus.last_recognition.worker_pids
    assert pids and os.getpid() not in pids
    assert len(change.article_ids) == len(here)
    assert steps[-1] == (len(here), len(here)) and [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert (ent.start, ent.end - 1, ent.type, occurrences.SOURCE) in [
        (e.start, e.end, e.type, e.source) for e in corpus.entities(aid)]
    assert multiprocessing.active_children() == []  # the pool is gone


def test_cancel_stops_the_workers_and_leaves_the_rest_stale(corpus: Corpus) -> None:
    ids = [a for (a,) in Article.select(Article.id).order_by(Article.id).tuples()]
    seen: list[int] = []

    def cancelled() -> bool:
        return len(seen) >= 5

    change, was_cancelled = corrections.recompute(corpus, ids, lambda d, t, _l: seen.append(d), cancelled, jobs=1)
    assert was_cancelled and 0 < len(change.article_ids) < len(ids)
    status = corrections.entities_status(corpus)
    assert set(status.stale) == set(ids) - set(change.article_ids)
    assert multiprocessing.active_children() == []
    after = corrections.refresh_entities(corpus, jobs=1)  # the stale ones, and only them
    assert set(after.article_ids) == set(ids) - set(change.article_ids)
    assert not corrections.entities_status(corpus).stale


def test_a_corpus_wide_correction_goes_to_workers_from_the_threshold(corpus: Corpus,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_jobs(WORKER_MIN - 1) == 0 and default_jobs(WORKER_MIN) >= 1
    monkeypatch.setenv(JOBS_ENV, "1")
    assert default_jobs(3) == 1
    applied = corrections.add_entity(corpus, "利剑", "ORG")
    assert applied.change.article_ids
    assert corpus.last_recognition.worker_pids and os.getpid() not in corpus.last_recognition.worker_pids
    assert any(e.text == "利剑" and e.type == "ORG" for a in applied.change.article_ids for e in corpus.entities(a))


def test_cli_recompute_with_jobs(seeded_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from reader.cli.main import main

    assert main(["--db", str(seeded_path), "entity", "recompute", "--jobs", "2", "--quiet"]) == 0
    out = capsys.readouterr().out
    corpus = Corpus(seeded_path)
    count = Article.select().count()
    corpus.close()
    assert f"entities recomputed in {count} article(s)" in out
