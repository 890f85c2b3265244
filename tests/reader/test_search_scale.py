"""Search at scale: ranked pages with the total count, negation from the index, scans that are
streamed, time-bounded and cancellable (also in the CLI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import search as S
from reader.store.models import Article, SourceFile
from reader.store.scan import Budget, regex_test, scan

ROOT = Path(__file__).resolve().parents[2]
SLOW = "(a|aa)+$"  # catastrophic backtracking on a run of a's that ends in something else


@pytest.fixture
def texts(empty_corpus) -> list[int]:  # type: ignore[no-untyped-def]
    src = SourceFile.create(name="p.txt", path="p", sha256="0" * 64, size=1, encoding="utf-8")
    bodies = ["中国的经济", "的的的中国人", "没有那个字", "a" * 40 + "b", "中华人民共和国", "国中"]
    ids = [Article.create(source=src, position=i, display_title=f"t{i}", text=t, chars=len(t)).id
           for i, t in enumerate(bodies)]
    S.index_article(ids[0])
    return ids


def test_pages_and_total_without_materialising(texts: list[int]) -> None:
    page = S.search_page("的", limit=1)
    assert page.total == 2 and len(page.hits) == 1 and page.plan == "index"
    assert page.hits[0].article_id == texts[1]  # three hits in a shorter text rank first
    rest = S.search_page("的", limit=1, offset=1)
    assert [h.article_id for h in rest.hits] == [texts[0]] and rest.total == 2
    assert S.search_page("中国").total == 2 and S.search_page('"国中"').total == 1


def test_pure_negation_is_answered_from_the_index(texts: list[int]) -> None:
    page = S.search_page("-中国")
    assert page.plan == "negation" and page.total == 4
    assert [h.article_id for h in page.hits] == [texts[2], texts[3], texts[4], texts[5]]
    assert S.search_page("-中国 -国中").total == 3
    assert S.search_page("NOT (中 OR 国)").total == 2


def test_a_catastrophic_regex_stops_at_the_time_limit(texts: list[int]) -> None:
    page = S.search_page(SLOW, regex=True, timeout=0.5)
    assert page.stopped == "timeout" and not page.complete


def test_a_scan_can_be_cancelled_and_keeps_what_it_found(texts: list[int]) -> None:
    seen: list[int] = []
    budget = Budget(timeout=None, cancelled=lambda: len(seen) >= 1)
    test = regex_test("国", budget)
    for article_id, *_ in scan(Article.id > 0, test, budget):
        seen.append(article_id)
    assert seen == [texts[0]] and budget.stopped == "cancelled"


def test_stream_search_hands_over_batches_then_ranks(texts: list[int]) -> None:
    batches: list[list[int]] = []
    progress: list[tuple[int, int]] = []
    page = S.stream_search("的|国", regex=True, emit=lambda b: batches.append([h.article_id for h in b]),
                           progress=lambda d, t, _l: progress.append((d, t)), every=0.0)
    streamed = [i for b in batches for i in b]
    assert streamed == [texts[0], texts[1], texts[4], texts[5]]  # document order as found
    assert page.total == 4 and page.complete
    assert page.hits[0].article_id == texts[1]  # the most hits first (的 three times, 国 once)
    assert progress and all(t == 6 for _, t in progress)
    # an indexed query comes back ranked at once, without batches
    batches.clear()
    assert S.stream_search("中国", emit=lambda b: batches.append(b)).total == 2 and not batches


def test_bad_regex_is_a_search_error(texts: list[int]) -> None:
    with pytest.raises(S.SearchError):
        S.search_page("(", regex=True)


def test_cli_search_has_a_time_limit(tmp_path: Path, texts: list[int], empty_corpus) -> None:  # type: ignore[no-untyped-def]
    db = str(empty_corpus.path)
    empty_corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", db, "search", SLOW, "--regex", "--json",
                           "--timeout", "0.5"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0 and "stopped (timeout" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", db, "search", "的", "--limit", "1",
                           "--offset", "1", "--json"], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0 and f'"article": {texts[0]}' in proc.stdout


def test_huge_result_sets_rank_the_newest_window_and_count_all(texts: list[int], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(S, "RANK_WINDOW", 1)
    page = S.search_page("的", limit=1)
    assert page.total == 2 and page.ranked_among == 1
    assert [h.article_id for h in page.hits] == [texts[1]]  # the newest match
    deep = S.search_page("的", limit=1, offset=1)  # beyond the window: every match is ranked
    assert deep.ranked_among is None and [h.article_id for h in deep.hits] == [texts[0]]


def test_kwic_pages(texts: list[int]) -> None:
    everything = S.kwic("的", width=2)
    assert len(everything) == 4
    assert S.kwic("的", width=2, offset=1, limit=2) == everything[1:3]
