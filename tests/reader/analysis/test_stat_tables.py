"""The word list, keyness and collocations as SQL tables: every row of the core's result, paged,
sorted and filtered in SQL, and brought up to date by difference (only the rows whose values
changed are written); KWIC sorted pages cut from one scan."""

from __future__ import annotations

import datetime as dt

from reader.analysis import kwic_pages, stat_results, termstats, wordstats
from reader.analysis.spec import parse_spec
from reader.analysis.stat_tables import RowFilter
from reader.changes import Change
from reader.store import search
from reader.store.kwic import KWIC_ORDERS
from reader.store.models import Article


def test_word_table_holds_the_word_list_sorted_and_filtered_in_sql(corpus) -> None:
    table, touched = stat_results.word_table()
    every = wordstats.word_list()
    assert len(table) == len(every) == len(touched) and table.builds == 1
    rows = table.page(0, len(every), "count")
    assert [(r["item"], r["count"], r["articles"]) for r in rows] == [(w.word, w.count, w.articles) for w in every]
    stop = wordstats.word_list(stopwords=wordstats.default_stopwords(), numbers=False)
    shown = RowFilter(hide_stop=True, hide_numbers=True)
    assert [r["item"] for r in table.page(0, 50, "count", where=shown)] == [w.word for w in stop[:50]]
    assert table.count(shown) == len(stop)
    assert table.ids("item", False)[:3] == [r["id"] for r in sorted(rows, key=lambda r: r["item"])[:3]]
    some = RowFilter(contains="巡")
    assert {r["item"] for r in table.page(0, 10**6, "count", where=some)} == {w.word for w in every if "巡" in w.word}
    count, first = table.prefix(5, "articles", False, shown)
    assert count == len(stop) and first == table.ids("articles", False, shown)[:5]
    table.drop()


def test_an_edit_to_one_article_rewrites_only_the_rows_of_its_words(corpus) -> None:
    table, _ = stat_results.word_table()
    writes = table.writes
    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    before = set(termstats.words_of(art.text))
    text = art.text + "巡察组新词汇测试。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    again, touched = stat_results.word_table(table=table)
    assert again is table and table.builds == 1  # brought up to date, not rebuilt
    words = {r["item"] for r in table.records(touched)}
    assert words and words <= before | set(termstats.words_of(text))
    assert 0 < table.writes - writes == len(touched) < len(table) / 10
    every = wordstats.word_list()
    assert [(r["item"], r["count"]) for r in table.page(0, len(every), "count")] == [(w.word, w.count) for w in every]
    _, nothing = stat_results.word_table(table=table)  # nothing changed since: nothing written
    assert len(nothing) == 0


def test_a_cancelled_update_leaves_a_table_the_next_update_makes_whole(corpus) -> None:
    table, _ = stat_results.word_table()
    art = Article.select().where(Article.retired == False).order_by(Article.id.desc()).first()  # noqa: E712
    Article.update(text="", chars=0, updated=dt.datetime.now()).where(Article.id == art.id).execute()
    assert stat_results.word_table(table=table, cancelled=lambda: True) is None
    stat_results.word_table(table=table)
    every = wordstats.word_list()
    assert [(r["item"], r["count"]) for r in table.page(0, len(every), "count")] == [(w.word, w.count) for w in every]


def test_keyness_and_collocation_tables_match_the_core_lists(corpus) -> None:
    source = corpus.articles()[0].source
    target = parse_spec(f"source={source}")
    table, _ = stat_results.keyness_table(target)
    listed = wordstats.keyness(target, min_freq=3)
    low = RowFilter(at_least=(("target", 3), ("reference", 3)))
    got = table.page(0, 10**6, "ll", where=low)
    assert {r["item"] for r in got} == {k.item for k in listed}
    assert [r["ll"] for r in got] == sorted((round(k.ll, 4) for k in listed), reverse=True)
    ents, _ = stat_results.keyness_table(target, entities=True)
    assert {r["item"] for r in ents.page(0, 10**6, "ll", where=low)} == {k.item for k in wordstats.keyness(
        target, min_freq=3, entities=True)}
    col, _ = stat_results.collocation_table("巡察", 5)
    listed_c = wordstats.collocations("巡察", 5, min_count=2, sort="log_dice")
    rows = col.page(0, 10**6, "log_dice", where=RowFilter(at_least=(("count", 2),)))
    assert [(r["item"], r["count"]) for r in rows] == [(c.item, c.count) for c in listed_c]


def test_changes_that_cannot_alter_a_result_are_recognised() -> None:
    words = stat_results.Request("words", (None,))
    sub = stat_results.Request("words", (parse_spec("tag=巡察"),))
    ents = stat_results.Request("keyness", (parse_spec("since=2020-01-01"), None), entities=True)
    assert not stat_results.affected_by(Change("articles", (1,), fields=("state",)), words)
    assert stat_results.affected_by(Change("articles", (1,)), words)
    assert not stat_results.affected_by(Change("articles", (1,), fields=("variables",)), words)
    assert stat_results.affected_by(Change("articles", (1,), fields=("variables",)), sub)
    assert not stat_results.affected_by(Change("annotations", (1,), (2,)), words)
    assert stat_results.affected_by(Change("annotations", (1,), (2,)), sub)
    assert not stat_results.affected_by(Change("entities", (1,)), words)
    assert stat_results.affected_by(Change("entities", (1,)), ents)
    assert not stat_results.affected_by(Change("phrases"), ents)


def test_sorted_kwic_pages_join_up_from_one_scan(corpus, monkeypatch) -> None:
    scans: list[str] = []
    real = kwic_pages.iter_kwic
    monkeypatch.setattr(kwic_pages, "iter_kwic", lambda q, **kw: scans.append(q) or real(q, **kw))
    every = search.kwic("的", limit=None)
    for by, descending in (("right", False), ("left", True)):
        expected = sorted(every, key=KWIC_ORDERS[by], reverse=descending)
        pages = [kwic_pages.sorted_page(None, "的", by, descending=descending, offset=o, limit=37)
                 for o in range(0, len(every) + 37, 37)]
        assert [k for page in pages for k in page] == expected
    assert scans == ["的", "的"]  # one scan per order, not one per page
    stopped = kwic_pages.sorted_page(None, "巡察", "right", limit=5, cancelled=lambda: True)
    assert len(stopped) <= 5
    kwic_pages.sorted_page(None, "巡察", "right", offset=5, limit=5)
    assert scans[-1] == "巡察" and len(scans) == 4  # a stopped scan is not kept: the next page scans


def test_phrase_hits_table_summary_months_and_updates_by_article(rmrb) -> None:
    from reader.analysis import phrases, timeline
    from reader.analysis.hit_tables import HitTable

    phrases.create_list("提法")
    phrases.import_lines("提法", ["发展 / 发展的", "疫情"])
    wanted = phrases.resolve("提法")
    table = HitTable("提法", None)
    assert table.build()
    assert table.count() == len(phrases.hits(wanted)) > 0
    assert table.summary() == phrases.summary(wanted)
    assert table.per_month() == timeline.timeline("phrase", "提法", "month", "phrase")
    lines = [k for _, k in table.lines(table.ids("right"))]
    assert lines == sorted(phrases.phrase_kwic(wanted), key=KWIC_ORDERS["right"])
    gone = next(h.article_id for h in phrases.hits(wanted))
    Article.update(retired=True).where(Article.id == gone).execute()
    touched = table.update([gone])
    assert touched and table.count() == len(phrases.hits(wanted))
    assert table.update([gone]) == []  # nothing changed since
    assert table.summary() == phrases.summary(wanted) and table.builds == 1
    table.drop()


def test_phrase_hits_are_written_a_batch_at_a_time_shown_after_the_first_and_cancellable(rmrb, monkeypatch) -> None:
    from reader.analysis import hit_tables, phrases
    from reader.analysis.hit_tables import HitTable

    phrases.create_list("提法")
    phrases.import_lines("提法", ["发展 / 发展的", "疫情"])
    every = phrases.phrase_kwic(phrases.resolve("提法"))
    articles = len({k.article_id for k in every})
    monkeypatch.setattr(hit_tables, "BATCH", 3)
    assert articles > 6, "the test needs several batches"
    seen: list[tuple[int, int]] = []
    shown: list[int] = []
    table = HitTable("提法", None)
    assert table.build(progress=lambda done, total, _l: seen.append((done, total)),
                       first=lambda t: shown.append(t.count()))
    assert len(shown) == 1 and 0 < shown[0] < table.count() == len(every)  # shown before the rest was found
    assert seen[-1][0] == seen[-1][1] and len(seen) > 2 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert [k for _, k in table.lines(table.ids())] == every  # the same lines as the concordance
    calls = iter(range(10**6))
    stopped = HitTable("提法", None)
    assert not stopped.build(cancelled=lambda: next(calls) >= 2)
    assert stopped.count() == 0
    stopped.drop()
    assert stopped.count() == 0 and stopped.ids() == [] and stopped.lines([1]) == []  # a dropped table reads empty
    table.drop()
