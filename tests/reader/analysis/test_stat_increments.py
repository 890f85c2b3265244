"""The incremental refresh of the word list, keyness, collocations and timelines: after each
change of a sequence (an article's text edited, an article retired, one brought back, an
article's entities recomputed, a sub-corpus's membership changed) the table updated by
difference holds exactly what a computation from scratch gives, and the update counted again
only the chunks of term statistics (or, for a timeline, the articles) the change touched."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.analysis import stat_results, termstats, variables
from reader.analysis.spec import parse_spec
from reader.store.models import Article

SMALL_CHUNK = 8  # several chunks in the test corpus, so that "one chunk" is not "everything"


def _rows(table) -> dict[tuple[str, str], tuple[float, ...]]:  # type: ignore[no-untyped-def]
    return {(r["item"], r["type"]): tuple(r[c] for c in table.columns) for r in table.page(0, 10**7, table.columns[0])}


def _edit(article_id: int, extra: str) -> None:
    art = Article.get_by_id(article_id)
    text = art.text + extra
    Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == article_id).execute()


def _retire(article_id: int, retired: bool) -> None:
    Article.update(retired=retired, updated=dt.datetime.now()).where(Article.id == article_id).execute()


@pytest.fixture
def small_chunks(monkeypatch, corpus):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(termstats, "CHUNK", SMALL_CHUNK)
    ids = [a.id for a in Article.select(Article.id).where(Article.retired == False).order_by(Article.id)]  # noqa: E712
    assert len({i // SMALL_CHUNK for i in ids}) >= 3, "the test corpus should span several chunks"
    return ids


def _cases(source: str):  # type: ignore[no-untyped-def]
    target = parse_spec(f"source={source}")
    return {
        "words": lambda **kw: stat_results.word_table(**kw),
        "words of a sub-corpus": lambda **kw: stat_results.word_table(target, **kw),
        "keyness against the rest": lambda **kw: stat_results.keyness_table(target, **kw),
        "keyness of entities": lambda **kw: stat_results.keyness_table(target, entities=True, **kw),
        "collocations": lambda **kw: stat_results.collocation_table("巡察", 3, **kw),
        "collocations in a sub-corpus": lambda **kw: stat_results.collocation_table("工作", 2, target, **kw),
    }


def _recounted(table) -> int:  # type: ignore[no-untyped-def]
    state = table.extra.get("tally")
    parts = [getattr(state, name) for name in ("target", "reference", "around", "totals") if hasattr(state, name)]
    return sum(p.recounted for p in (parts or [state]))


def test_tables_updated_by_difference_equal_a_fresh_computation(small_chunks, corpus) -> None:  # type: ignore[no-untyped-def]
    ids = small_chunks
    source = corpus.articles()[0].source
    cases = _cases(source)
    tables = {name: make()[0] for name, make in cases.items()}
    chunks = len(termstats.chunks())
    for name, table in tables.items():
        assert _recounted(table) <= 2 * chunks, name  # the first run counts each chunk once

    first, last, middle = ids[0], ids[-1], ids[len(ids) // 2]
    steps = [
        ("an edit", lambda: _edit(first, "巡察工作组新词汇测试，巡察工作。"), {first}),
        ("a retirement", lambda: _retire(middle, True), {middle}),
        ("another edit", lambda: _edit(last, "巡察巡察新的工作词语。"), {last}),
        ("back again", lambda: _retire(middle, False), {middle}),
        ("entities recomputed", lambda: termstats.invalidate([first]), {first}),
    ]
    for step, do, touched_articles in steps:
        do()
        touched_chunks = {a // SMALL_CHUNK for a in touched_articles}
        for name, make in cases.items():
            table = tables[name]
            before = _recounted(table)
            again, _touched = make(table=table)
            assert again is table and table.builds == 1, (step, name)  # brought up to date, not rebuilt
            fresh, _ = make()
            assert _rows(table) == _rows(fresh), (step, name)
            fresh.drop()
            # only the chunks of the changed articles were counted again (at most per tally)
            assert _recounted(table) - before <= 2 * len(touched_chunks), (step, name)
    for name, make in cases.items():  # nothing changed since: nothing counted, nothing written
        table = tables[name]
        before, writes = _recounted(table), table.writes
        _t, touched = make(table=table)
        assert len(touched) == 0 and _recounted(table) == before and table.writes == writes, name
        table.drop()


def test_a_sub_corpus_whose_members_change_is_counted_again_where_they_changed(small_chunks, corpus) -> None:  # type: ignore[no-untyped-def]
    ids = small_chunks
    variables.set_variable(ids[:3], "region", "北")
    spec = parse_spec("var:region=北")
    table, _ = stat_results.word_table(spec)
    assert table.extra["tally"].articles == 3
    variables.set_variable([ids[-1]], "region", "北")
    before = table.extra["tally"].recounted
    stat_results.word_table(spec, table=table)
    assert table.extra["tally"].articles == 4
    assert table.extra["tally"].recounted - before == 1  # the chunk of the article that joined
    fresh, _ = stat_results.word_table(spec)
    assert _rows(table) == _rows(fresh)


def test_a_timeline_reads_again_only_the_articles_a_change_named(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import timeline

    table, _ = stat_results.timeline_table("query", "巡察", "month", split="headline")
    state = table.extra["timeline"]
    read = state.read
    art = Article.select().where(Article.retired == False).order_by(Article.id).first()  # noqa: E712
    _edit(art.id, "巡察巡察。")
    again, touched = stat_results.timeline_table("query", "巡察", "month", split="headline", table=table,
                                                 changed=[art.id])
    assert again is table and state.read - read == 1 and len(touched) >= 1
    expected = timeline.timeline("query", "巡察", "month", "headline")
    assert table.extra["rows"] == expected
    other = Article.select().where(Article.retired == False).order_by(Article.id.desc()).first()  # noqa: E712
    _retire(other.id, True)
    stat_results.timeline_table("query", "巡察", "month", split="headline", table=table, changed=[other.id])
    assert table.extra["rows"] == timeline.timeline("query", "巡察", "month", "headline")
    assert state.read - read == 2
    stat_results.timeline_table("query", "巡察", "month", split="headline", table=table)  # no ids: all again
    assert table.extra["timeline"].read > 2 and table.extra["rows"] == timeline.timeline("query", "巡察", "month", "headline")


def test_an_update_cancelled_anywhere_is_made_whole_by_the_next(small_chunks, corpus) -> None:  # type: ignore[no-untyped-def]
    ids = small_chunks
    source = corpus.articles()[0].source
    cases = _cases(source)
    for name in ("words of a sub-corpus", "keyness against the rest", "collocations"):
        make = cases[name]
        table, _ = make()
        for k, article_id in enumerate(ids[:12]):
            _edit(article_id, "巡察工作新词" + "巡察" * k + "。")
            calls = iter(range(10**6))
            make(table=table, cancelled=lambda k=k, calls=calls: next(calls) >= k)  # stops at its k-th check
            make(table=table)
            fresh, _ = make()
            assert _rows(table) == _rows(fresh), (name, k)
            fresh.drop()
        table.drop()
