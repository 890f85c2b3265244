"""The word list, keyness and collocations views are lazy models over a paged SQL table (every
row, a first screen read with the count, sorted and filtered in SQL), checked by Qt's model
tester; a change updates the rows it touched only (no reset, no recount of the whole table),
and a change that cannot alter the result does no work at all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from reader.analysis import termstats, wordstats
from reader.changes import Change
from reader.corpus import Corpus
from reader.store.models import Article
from ui.collocations_view import CollocationsView
from ui.keyness_view import KeynessView
from ui.words_view import WordsView


def _watch(model) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.dataChanged.connect(lambda a, b, _r=(): seen.append(f"changed {a.row()}-{b.row()}"))
    model.rowsInserted.connect(lambda _p, a, b: seen.append(f"inserted {a}-{b}"))
    model.rowsRemoved.connect(lambda _p, a, b: seen.append(f"removed {a}-{b}"))
    model.layoutChanged.connect(lambda *_a: seen.append("layout"))
    return seen


def test_word_list_is_paged_sorted_and_filtered_in_sql(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    view = WordsView(corpus)  # no runner: the job runs at once
    qtbot.addWidget(view)
    view.run()
    model = view.model
    stop = wordstats.word_list(stopwords=wordstats.default_stopwords(), numbers=False)
    assert model.rowCount() == len(stop) and not model.is_complete()  # a first screen and the count
    assert model.cached_rows() == 0
    assert [model.index(r, 0).data() for r in range(5)] == [w.word for w in stop[:5]]
    qtmodeltester.check(model)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == sorted(w.word for w in stop)[:3]
    view.numbers_box.setChecked(True)  # numbers shown: a filter in SQL, no recount
    every = wordstats.word_list(stopwords=wordstats.default_stopwords())
    assert model.rowCount() == len(every) and view.updates == 0
    view.filter_edit.setText("巡")
    assert model.rowCount() == len([w for w in every if "巡" in w.word]) > 0
    qtmodeltester.check(model)


def test_an_edit_updates_only_the_rows_of_the_words_it_touched(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    view = WordsView(corpus)
    qtbot.addWidget(view)
    view.run()
    model = view.model
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # the tester stays on through the update below
    table = model.table
    builds, rows = table.builds, model.rowCount()
    model.record(0)
    seen = _watch(model)
    assert view.on_corpus_changed(Change("annotations", (1,), (1,)))  # no words changed: nothing to do
    assert view.on_corpus_changed(Change("articles", (1,), fields=("state",)))
    assert not view.stale and seen == []

    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    text = art.text + "巡察巡察巡察。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    assert not view.on_corpus_changed(Change("articles", (art.id,)))
    assert view.stale
    view.refresh()
    assert view.updates == 1 and model.table is table and table.builds == builds  # updated, not rebuilt
    assert "reset" not in seen and seen  # row-level signals only
    changed = [s for s in seen if s.startswith("changed")]
    assert all(s.split()[1].split("-")[0] == s.split()[1].split("-")[1] for s in changed)  # one row each
    assert len(changed) <= len(set(termstats.words_of(text)))
    xuncha = [r for r in range(model.rowCount()) if model.index(r, 0).data() == "巡察"]
    assert len(xuncha) == 1 and int(model.index(xuncha[0], 1).data()) == next(
        w.count for w in wordstats.word_list() if w.word == "巡察")
    assert model.rowCount() >= rows


def test_keyness_and_collocations_models(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    keyness = KeynessView(corpus)
    qtbot.addWidget(keyness)
    source = corpus.articles()[0].source
    keyness.compare(f"source={source}")
    model = keyness.model
    listed = wordstats.keyness(keyness.target_edit.spec(), min_freq=5, stopwords=wordstats.default_stopwords())
    assert model.rowCount() == len(listed) and listed
    assert model.index(0, 0).data() == listed[0].item
    qtmodeltester.check(model)
    keyness.min_spin.setValue(2)  # a filter in SQL
    assert model.rowCount() == len(wordstats.keyness(keyness.target_edit.spec(), min_freq=2,
                                                     stopwords=wordstats.default_stopwords()))
    seen = _watch(model)
    assert keyness.on_corpus_changed(Change("entities", (1,)))  # word keyness: entities do not count
    assert seen == [] and not keyness.stale

    col = CollocationsView(corpus)
    qtbot.addWidget(col)
    col.show_collocates("巡察")
    listed_c = wordstats.collocations("巡察", 5, min_count=2, sort="log_dice", stopwords=wordstats.default_stopwords())
    assert [col.model.index(r, 0).data() for r in range(col.model.rowCount())] == [c.item for c in listed_c]
    qtmodeltester.check(col.model)
    col.sort_combo.setCurrentIndex(col.sort_combo.findData("count"))
    counts = [int(col.model.index(r, 1).data()) for r in range(col.model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_timeline_rows_are_a_lazy_table_updated_row_by_row(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import timeline
    from ui.timeline_view import TimelineView

    view = TimelineView(corpus)
    qtbot.addWidget(view)
    view.show_timeline("query", "巡察", "month")
    model = view.model
    rows = timeline.timeline("query", "巡察", "month")
    assert model.rowCount() == len(rows) > 0
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [r.period or "—" for r in rows]
    qtmodeltester.check(model)
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by mentions, in SQL
    counts = [int(model.index(r, 2).data()) for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    seen = _watch(model)
    assert view.on_corpus_changed(Change("entities", (1,)))  # a query's timeline: entities do not count
    assert view.on_corpus_changed(Change("phrases"))
    assert seen == [] and not view.stale
    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    text = art.text + "巡察。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    assert not view.on_corpus_changed(Change("articles", (art.id,)))
    read = model.table.extra["timeline"].read
    view.refresh()
    assert view.updates == 1 and "reset" not in seen
    assert model.table.extra["timeline"].read - read == 1  # only the article the change named was read again
    assert len([s for s in seen if s.startswith("changed")]) == 1  # the article's period only
    again = timeline.timeline("query", "巡察", "month")
    assert sum(int(model.index(r, 2).data()) for r in range(model.rowCount())) == sum(r.count for r in again)


def test_phrase_hits_are_a_lazy_concordance_updated_by_article(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import phrases
    from reader.store.kwic import sort_kwic
    from ui.phrases_view import PhrasesView

    phrases.create_list("提法")
    phrases.import_lines("提法", ["巡察 / 巡视", "工作"])
    view = PhrasesView(corpus)
    qtbot.addWidget(view)
    view.reload("提法")
    view.run()
    model = view.kwic_model
    wanted = phrases.resolve("提法")
    every = phrases.phrase_kwic(wanted)
    assert model.rowCount() == len(every) > 40 and model.cached_rows() == 0
    assert [model.line(r) for r in range(model.rowCount())] == every  # document order
    summary = {s["phrase"]: s for s in view.summary_model.records()}
    assert {k: (v.hits, v.articles, v.first_date) for k, v in ((s.phrase, s) for s in phrases.summary(wanted))} == {
        k: (v["hits"], v["articles"], v["first"]) for k, v in summary.items()}
    qtmodeltester.check(model)
    view.kwic.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # right context, in SQL
    assert [model.line(r) for r in range(model.rowCount())] == sort_kwic(every, "right")
    view.kwic.sortByColumn(3, Qt.SortOrder.AscendingOrder)

    seen = _watch(model)
    view.on_corpus_changed(Change("annotations", (1,), (1,)))
    view.on_corpus_changed(Change("articles", (1,), fields=("state",)))
    assert not view.stale and seen == []
    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    text = art.text + "巡视巡视。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    view.on_corpus_changed(Change("articles", (art.id,)))
    assert view.stale
    builds = model.table.builds
    before = len([k for k in every if k.article_id == art.id])
    view.refresh()
    assert model.table.builds == builds and "reset" not in seen
    removed = sum(int(b) - int(a) + 1 for a, b in (s.split()[1].split("-") for s in seen if s.startswith("removed")))
    assert [s for s in seen if s.startswith("inserted")] and removed <= before  # that article's hits only
    assert [model.line(r) for r in range(model.rowCount())] == phrases.phrase_kwic(wanted)
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))  # one phrase: a filter in SQL
    assert model.rowCount() == len([k for k in phrases.phrase_kwic(wanted, phrase="巡察")]) and model.table.builds == builds


def test_the_window_broadcast_updates_the_shown_word_list_row_by_row(qtbot, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    views = window.analysis_views
    view = views.show_view("words")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30000)
    table = view.model.table
    seen = _watch(view.model)
    first = window.corpus.articles()[0].id
    window.changed.emit(Change("articles", (first,), fields=("state",)))  # marking read: no work
    window.changed.emit(Change("annotations", (first,), (1,)))
    assert not view.stale and view.updates == 0
    text = window.corpus.article(first).text + "巡察巡察。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == first).execute()
    window.changed.emit(Change("articles", (first,)))
    qtbot.waitUntil(lambda: view.updates == 1, timeout=30000)
    assert view.model.table is table and table.builds == 1 and "reset" not in seen
    qtbot.waitUntil(lambda: any(view.model.index(r, 0).data() == "巡察" and int(view.model.index(r, 1).data()) == next(
        w.count for w in wordstats.word_list() if w.word == "巡察") for r in range(20)), timeout=30000)
    window.runner.wait(10000)


def test_an_update_that_moves_no_row_reads_no_id_list_and_one_that_does_re_sorts(qtbot, qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    view = WordsView(corpus)
    qtbot.addWidget(view)
    view.run()
    model = view.model
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by word: a count that changes moves nothing
    qtmodeltester.check(model)
    model.complete()
    fetched: list[int] = []
    real = model._fetch_ids
    model._fetch_ids = lambda: fetched.append(1) or real()  # type: ignore[method-assign]
    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    words = [w for w in termstats.words_of(art.text) if len(w) > 1 and w not in wordstats.default_stopwords()]
    text = art.text + "，".join(words[:3]) + "。"  # words already listed: their counts change, no row comes or goes
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    seen = _watch(model)
    view.on_corpus_changed(Change("articles", (art.id,)))
    view.refresh()
    assert view.updates == 1 and fetched == [] and seen and all(s.startswith("changed") for s in seen)
    assert model.ids() == model.table.ids("item", False, model.row_filter)

    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by count: the same kind of edit can move rows
    text += "，".join(words[:3] * 40) + "。"
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == art.id).execute()
    view.on_corpus_changed(Change("articles", (art.id,)))
    view.refresh()
    assert view.updates == 2 and "reset" not in seen
    assert model.ids() == model.table.ids("count", True, model.row_filter)  # re-sorted where it moved
