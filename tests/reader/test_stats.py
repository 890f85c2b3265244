"""Statistics as data on the seeds; co-occurrence in both documented scopes."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from reader.analysis import stats

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_articles_per_source_and_lengths(corpus) -> None:  # type: ignore[no-untyped-def]
    per_source = stats.articles_per_source()
    assert [s.source for s in per_source] == sorted(p.name for p in SEEDS.glob("*.txt"))
    summaries = corpus.articles()
    assert Counter(a.source for a in summaries) == {s.source: s.articles for s in per_source}
    lengths = stats.article_lengths()
    assert len(lengths) == len(summaries)
    for item in lengths[:5]:
        assert item.chars == len(corpus.article(item.article_id).text)
    assert sum(s.chars for s in per_source) == sum(a.chars for a in lengths)


def test_length_histogram_covers_every_article() -> None:
    assert stats.length_histogram([]) == []
    bins = stats.length_histogram([1, 2, 3, 10, 10], bins=3)
    assert sum(n for _, _, n in bins) == 5
    assert bins[0][0] == 1 and bins[-1][1] > 10
    assert stats.length_histogram([7, 7], bins=4) == [(7, 8, 2)]


def test_tag_counts_and_cooccurrence_scopes(corpus) -> None:  # type: ignore[no-untyped-def]
    first = next(a for a in corpus.articles() if a.display_title == "利剑高悬显锋芒")
    # 娄星区常态化巡察工作由区委书记李彦文 ... : one passage holding a person, tagged twice
    corpus.annotate_quote(first.id, "区委书记李彦文", tags=["领导", "巡察"])
    corpus.annotate_quote(first.id, "常态化巡察", tags=["巡察"])
    counts = {t.tag: t for t in stats.tag_counts()}
    assert (counts["巡察"].annotations, counts["巡察"].articles) == (2, 1)
    assert (counts["领导"].annotations, counts["领导"].articles) == (1, 1)

    span = stats.tag_entity_cooccurrence("span")
    assert ("领导", "李彦文", "PER") in {(p.a, p.b, p.b_type) for p in span}
    assert all(p.b != "刘志刚" for p in span)  # outside every annotation span
    article = {(p.a, p.b): p.count for p in stats.tag_entity_cooccurrence("article")}
    assert article[("领导", "刘志刚")] == 1  # same article is enough
    assert article[("巡察", "李彦文")] == 1  # counted once per article
    assert [(p.a, p.b, p.count) for p in stats.tag_tag_cooccurrence("span")] == [("巡察", "领导", 1)]
    assert [(p.a, p.b, p.count) for p in stats.tag_tag_cooccurrence("article")] == [("巡察", "领导", 1)]


def test_entity_frequencies_merge_aliases(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis.entity_index import add_alias

    before = {(e.text, e.type): e.mentions for e in stats.entity_frequencies()}
    add_alias("娄星区", "娄底市娄星区")
    after = {(e.text, e.type): e.mentions for e in stats.entity_frequencies()}
    assert after[("娄底市娄星区", "LOC")] == before[("娄星区", "LOC")] + before[("娄底市娄星区", "LOC")]
    assert stats.entity_frequencies(["PER"], limit=3)[0].type == "PER"


def test_corpus_stats_reports_progress_cancels_and_writes_csv(corpus) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    result = stats.corpus_stats(progress=lambda d, t, label: seen.append(label))
    assert result is not None and result.articles == len(corpus.articles())
    assert "entities" in seen
    assert stats.corpus_stats(cancelled=lambda: True) is None
    out = io.StringIO()
    header, rows = stats.table_rows(result, "sources")
    assert stats.write_csv(header, rows, out, bom=True) == len(rows)
    text = out.getvalue()
    assert text.startswith("\ufeffsource,articles,chars")
    assert result.to_json()["sources"][0]["source"].endswith(".txt")


def test_cooccurrence_merges_aliases_and_counts_articles_once(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis.entity_index import add_alias, occurrences

    first = next(a for a in corpus.articles() if a.display_title == "利剑高悬显锋芒")
    variants = {k.match for k in occurrences("娄星区", "LOC") if k.article_id == first.id}
    variants |= {k.match for k in occurrences("娄底市娄星区", "LOC") if k.article_id == first.id}
    assert variants == {"娄星区", "娄底市娄星区"}  # both forms are recognised in this article
    corpus.annotate_quote(first.id, "常态化巡察", tags=["巡察"])
    add_alias("娄星区", "娄底市娄星区")
    article = {(p.a, p.b, p.b_type): p.count for p in stats.tag_entity_cooccurrence("article")}
    assert article[("巡察", "娄底市娄星区", "LOC")] == 1
    assert ("巡察", "娄星区", "LOC") not in article
