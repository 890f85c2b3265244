"""Side-by-side comparison of two coders and the consensus coder written from decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.changes import CorpusError
from reader.coding.curation import compare, consensus_plan, write_consensus
from reader.records import AnnotationRecord

NOW = dt.datetime(2024, 1, 1)


def ann(i: int, start: int, end: int, tags: tuple[str, ...], coder: str, status: str = "anchored") -> AnnotationRecord:
    return AnnotationRecord(i, 1, start, end, "x" * (end - start), "", "", tags, "", coder, NOW, NOW, status, coder)


def test_agreements_and_differences() -> None:
    a = [ann(1, 0, 4, ("T",), "A"), ann(2, 10, 14, ("T",), "A"), ann(3, 20, 24, ("T",), "A"),
         ann(4, 40, 44, ("T",), "A"), ann(9, 50, 52, ("T",), "A", "orphan")]
    b = [ann(5, 0, 4, ("T",), "B"), ann(6, 11, 14, ("T",), "B"), ann(7, 20, 24, ("U",), "B"),
         ann(8, 30, 33, ("T",), "B")]
    c = compare(1, a, b)
    assert [(x.a.id, x.b.id) for x in c.agreements] == [(1, 5)]
    assert [(d.start, d.end, d.kind) for d in c.differences] == [
        (10, 14, "span"), (20, 24, "tags"), (30, 33, "only-b"), (40, 44, "only-a")]
    plan = consensus_plan(c, {0: "b", 1: "both", 2: "neither", 3: "a"})
    assert [(x.start, x.end, x.tags) for x in plan] == [
        (0, 4, ("T",)), (11, 14, ("T",)), (20, 24, ("T",)), (20, 24, ("U",)), (40, 44, ("T",))]
    assert [x.id for x in consensus_plan(c, {})] == [1]  # undecided = neither
    with pytest.raises(CorpusError):
        consensus_plan(c, {0: "maybe"})


def test_consensus_is_written_as_a_third_coder_once(corpus) -> None:  # type: ignore[no-untyped-def]
    art = corpus.articles()[0].id
    corpus.set_coder("张三")
    corpus.annotate(art, 0, 5, tags=["问责"], note="甲")
    corpus.annotate(art, 10, 20, tags=["问责"])
    corpus.set_coder("李四")
    corpus.annotate(art, 0, 5, tags=["问责"], note="乙")
    corpus.annotate(art, 12, 20, tags=["问责"])
    anns = corpus.annotations(art)
    c = compare(art, [x for x in anns if x.coder == "张三"], [x for x in anns if x.coder == "李四"], "张三", "李四")
    change, created = write_consensus(corpus, c, {0: "b"})
    assert change.article_ids == (art,) and len(created) == 2
    mine = sorted((x.start, x.end, x.tags, x.note) for x in corpus.annotations(art) if x.coder == "consensus")
    assert mine == [(0, 5, ("问责",), "甲\n乙"), (12, 20, ("问责",), "")]
    assert write_consensus(corpus, c, {0: "b"})[1] == []  # already there: nothing twice
    assert corpus.coder_name == "李四"  # curating does not change who is coding
    with pytest.raises(CorpusError, match="third"):
        write_consensus(corpus, c, {}, coder="张三")
