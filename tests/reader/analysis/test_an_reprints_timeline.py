"""Reprints and timelines on real People's Daily pages: known reprints cluster with the front
page as first printing, timeline counts are the KWIC's occurrences, copies can be collapsed."""

from __future__ import annotations

from reader.analysis import reprints, timeline
from reader.analysis.entity_index import occurrences
from reader.analysis.spec import parse_spec
from reader.store.search import kwic


def test_known_reprints_cluster_with_earliest_printing_first(rmrb, article_of) -> None:
    clusters = reprints.cluster(0.8)
    assert clusters
    by_article = {a: c for c in clusters for a in c.articles}
    # 王沪宁看望文化界知名人士和科技专家: on the front page and again on page 3 the same day
    front, inside = article_of("20190201-01-05.txt"), article_of("20190201-03-07.txt")
    assert by_article[front] is by_article[inside]
    assert by_article[front].first == front
    # 韩正在推进“一带一路”建设工作领导小组会议上强调…: the same pattern
    assert by_article[article_of("20190201-01-06.txt")].first == article_of("20190201-01-06.txt")
    assert article_of("20190201-03-08.txt") in by_article[article_of("20190201-01-06.txt")].articles
    for c in clusters:
        assert c.first == c.articles[0] and len(c.articles) >= 2 and 0.0 < c.similarity <= 1.0
    # the reader's "also printed in": the inside copy knows its first printing
    copies = reprints.copies(inside)
    assert [c.article_id for c in copies if c.first] == [front]
    assert copies[0].date == "2019-02-01" and copies[0].page == 1


def test_unrelated_articles_do_not_cluster_and_threshold_matters(rmrb, article_of) -> None:
    clusters = reprints.cluster(0.8)
    by_article = {a: c for c in clusters for a in c.articles}
    assert article_of("20190201-01-01.txt") not in by_article or (
        article_of("20190201-01-05.txt") not in by_article[article_of("20190201-01-01.txt")].articles)
    loose = reprints.cluster(0.3, store=False)
    assert sum(len(c.articles) for c in loose) >= sum(len(c.articles) for c in clusters)


def test_signatures_are_incremental(rmrb) -> None:
    assert reprints.update_signatures() == 0  # made at ingest
    from reader.store.models import Article

    row = Article.select().where(Article.retired == False).first()  # noqa: E712
    Article.update(text=row.text + "补充一句。", chars=row.chars + 5).where(Article.id == row.id).execute()
    assert reprints.update_signatures() == 1


def test_query_timeline_counts_are_the_kwic_occurrences(rmrb) -> None:
    lines = kwic("习近平", width=0, limit=None)
    rows = timeline.timeline("query", "习近平", by="day")
    assert sum(r.count for r in rows) == len(lines) > 100
    assert {r.period for r in rows} == {"2019-02-01", "2019-02-02", "2020-01-23"}
    day = [r for r in rows if r.period == "2020-01-23"][0]
    from reader.analysis.variables import date_of

    dates = date_of({k.article_id for k in lines})
    in_day = [k for k in lines if str(dates[k.article_id]) == "2020-01-23"]
    assert day.count == len(in_day) and day.articles == len({k.article_id for k in in_day})
    months = timeline.timeline("query", "习近平", by="month")
    assert [r.period for r in months] == ["2019-02", "2020-01"]
    assert [r.period for r in timeline.timeline("query", "习近平", by="year")] == ["2019", "2020"]
    assert timeline.timeline("query", "习近平", by="week")[0].period == "2019-W05"


def test_entity_timeline_matches_entity_kwic_and_splits(rmrb) -> None:
    mentions = occurrences("习近平", None, 0)
    rows = timeline.timeline("entity", "习近平", by="month")
    assert sum(r.count for r in rows) == len(mentions) > 50
    front = timeline.timeline("entity", "习近平", by="month", split="front")
    assert {r.split for r in front} == {"front", "inside"}
    assert sum(r.count for r in front) == len(mentions)
    headline = timeline.timeline("entity", "习近平", by="year", split="headline")
    assert {r.split for r in headline} == {"headline", "body"}
    paper = timeline.timeline("entity", "习近平", by="year", split="newspaper")
    assert {r.split for r in paper} == {"人民日报"}  # from the folder name rmrb-2019-2020


def test_collapsing_reprints_counts_a_copy_once(rmrb, article_of) -> None:
    reprints.cluster(0.8)
    every = timeline.timeline("query", "王沪宁", by="day")
    once = timeline.timeline("query", "王沪宁", by="day", collapse=True)
    copies = {a for c in reprints.stored_clusters() for a in c.articles if a != c.first}
    lines = kwic("王沪宁", width=0, limit=None)
    assert sum(r.count for r in once) == len([k for k in lines if k.article_id not in copies])
    assert sum(r.count for r in once) < sum(r.count for r in every)
    spec = parse_spec("since=2019-02-01,until=2019-02-01")
    assert {r.period for r in timeline.timeline("query", "王沪宁", by="day", spec=spec)} == {"2019-02-01"}


def test_series_fills_gaps(rmrb) -> None:
    rows = timeline.timeline("query", "习近平", by="month")
    periods, lines = timeline.series(rows, "month")
    assert periods[0] == "2019-02" and periods[-1] == "2020-01" and len(periods) == 12
    assert sum(lines[None]) == sum(r.count for r in rows)


def test_series_rates_and_gaps(rmrb) -> None:
    rows = timeline.timeline("query", "习近平", by="month")
    covered = timeline.covered_periods("month")
    assert set(covered) == {"2019-02", "2020-01"}
    periods, lines = timeline.series(rows, "month", "rate", covered)
    values = lines[None]
    assert values[periods.index("2019-05")] is None  # no articles that month: a gap, not a zero
    jan = next(r for r in rows if r.period == "2020-01")
    assert values[periods.index("2020-01")] == 100.0 * jan.count / covered["2020-01"]


def test_period_bounds() -> None:
    import datetime as dt

    assert timeline.period_bounds("2020-02", "month") == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert timeline.period_bounds("2019-12", "month") == (dt.date(2019, 12, 1), dt.date(2019, 12, 31))
    assert timeline.period_bounds("2020-W02", "week") == (dt.date(2020, 1, 6), dt.date(2020, 1, 12))
    assert timeline.period_bounds("2020", "year") == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    for by in ("day", "week", "month", "year"):
        first, last = timeline.period_bounds(timeline.period_of(dt.date(2020, 5, 17), by), by)
        assert first <= dt.date(2020, 5, 17) <= last
