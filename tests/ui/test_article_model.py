"""The lazy article list model: ids from the corpus (SQL order and filters), rows fetched in
blocks and cached, structural changes as row insertions/removals, one row per named change;
checked by Qt's model tester."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.corpus import Corpus
from reader.paging import ArticleFilter
from reader.records import ArticleSummary
from ui.article_model import BLOCK, CACHE_ROWS, ArticleIdRole, ArticleListModel


def _summary(i: int) -> ArticleSummary:
    return ArticleSummary(id=i, source=f"page{i // 10:04d}.txt", position=i % 10, title=f"标题{i}",
                          display_title=f"标题{i}", title_derived=i % 7 == 0, authors=("记者",),
                          chars=100 + i, entities=i % 5, annotations=i % 3,
                          state="unread" if i % 2 else "read", date=dt.date(2020, 1, 1 + i % 28),
                          paper="人民日报", page=1 + i % 8)


class FakeSource:
    """The model's source over a Python list, counting what the model asks for."""

    def __init__(self, n: int) -> None:
        self.rows = {i: _summary(i) for i in range(1, n + 1)}
        self.id_queries: list[tuple[str, ArticleFilter, bool]] = []
        self.fetched: list[list[int]] = []

    def article_ids(self, sort: str = "page", filter: ArticleFilter = ArticleFilter(),  # noqa: A002
                    descending: bool = False) -> list[int]:
        self.id_queries.append((sort, filter, descending))
        ids = [i for i in self.rows if not filter.state or self.rows[i].state == filter.state]
        key = {"title": lambda i: self.rows[i].display_title, "chars": lambda i: self.rows[i].chars}.get(
            sort, lambda i: i)
        return sorted(ids, key=key, reverse=descending)

    def article_rows(self, ids):  # type: ignore[no-untyped-def]
        ids = list(ids)
        self.fetched.append(ids)
        return [self.rows[i] for i in ids if i in self.rows]


@pytest.fixture
def big():  # type: ignore[no-untyped-def]
    source = FakeSource(10_000)
    model = ArticleListModel(source)
    model.load()
    return source, model


def test_model_passes_the_qt_model_tester_through_every_kind_of_change(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    source = FakeSource(1_000)  # several blocks; Qt's QAbstractItemModelTester checks every row
    model = ArticleListModel(source)
    model.load()
    qtmodeltester.check(model)
    for i in range(200, 260):  # removals in runs and insertions in runs, checked as they happen
        del source.rows[i]
    source.rows[20_001] = _summary(20_001)
    model.refresh()
    model.sort(ArticleListModel.COLUMNS.index("title"), Qt.SortOrder.DescendingOrder)
    model.refresh([5, 6, 7])
    model.set_filter(ArticleFilter(state="read"))
    qtmodeltester.check(model)


def test_rows_are_fetched_in_blocks_only_when_shown_and_the_cache_is_bounded(big) -> None:  # type: ignore[no-untyped-def]
    source, model = big
    assert model.rowCount() == 10_000 and source.fetched == []  # ids only, no row read yet
    assert model.index(5, 0).data() == "标题6"
    assert len(source.fetched) == 1 and len(source.fetched[0]) == BLOCK
    model.index(7, 1).data()  # same block: cached
    assert len(source.fetched) == 1
    for row in range(0, 10_000, BLOCK):
        model.index(row, 0).data()
    assert model.cached_rows() <= CACHE_ROWS
    assert model.index(9_999, 0).data(ArticleIdRole) == 10_000


def test_a_change_naming_articles_touches_only_their_rows(qtbot, big) -> None:  # type: ignore[no-untyped-def]
    source, model = big
    model.index(0, 0).data()
    source.rows[3] = replace(source.rows[3], state="starred")
    queries = len(source.id_queries)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.layoutChanged):
        model.refresh([3])
    assert changed == [(2, 2)]
    assert source.fetched[-1] == [3] and len(source.id_queries) == queries  # one row, no id query
    assert model.index(2, 0).data().startswith("★ ")


def test_refresh_reports_insertions_and_removals_not_a_reset(qtbot, big) -> None:  # type: ignore[no-untyped-def]
    source, model = big
    inserted, removed = [], []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    for i in (10, 11, 12, 500):
        del source.rows[i]
    for i in (10_001, 10_002):
        source.rows[i] = _summary(i)
    with qtbot.assertNotEmitted(model.modelReset):
        model.refresh()
    assert removed == [(499, 499), (9, 11)]
    assert inserted == [(9_996, 9_997)]
    assert model.ids() == source.article_ids(model.sort_key, model.filter, model.descending)


def test_a_scattered_difference_is_one_reset(qtbot, big) -> None:  # type: ignore[no-untyped-def]
    source, model = big
    for i in range(1, 10_000, 50):  # 200 scattered removals
        del source.rows[i]
    with qtbot.waitSignal(model.modelReset), qtbot.assertNotEmitted(model.rowsRemoved):
        model.refresh()
    assert model.ids() == source.article_ids(model.sort_key, model.filter, model.descending)


def test_sorting_asks_the_source_and_keeps_the_selected_row(qtbot, big) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPersistentModelIndex

    source, model = big
    kept = QPersistentModelIndex(model.index(41, 0))
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(ArticleListModel.COLUMNS.index("chars"), Qt.SortOrder.DescendingOrder)
    assert source.id_queries[-1][0] == "chars" and source.id_queries[-1][2]
    assert model.index(0, 0).data(ArticleIdRole) == 10_000
    assert kept.data(ArticleIdRole) == 42 and kept.row() == 10_000 - 42


def test_under_a_state_filter_a_changed_row_enters_or_leaves_unless_pinned(big) -> None:  # type: ignore[no-untyped-def]
    source, model = big
    model.set_filter(ArticleFilter(state="read"))
    assert 1 not in model.ids()
    source.rows[1] = replace(source.rows[1], state="read")
    model.refresh([1])
    assert model.ids()[0] == 1
    source.rows[4] = replace(source.rows[4], state="unread")
    model.refresh([4])
    assert 4 not in model.ids()
    model.set_pinned(6)  # the open article stays where it is though it no longer matches
    source.rows[6] = replace(source.rows[6], state="starred")
    model.refresh([6])
    assert model.ids()[:3] == [1, 2, 6] and model.index(2, 0).data().startswith("★")
    model.refresh()
    assert 6 in model.ids()


# -- against a real corpus ------------------------------------------------------------------
def test_the_corpus_sorts_and_filters_in_sql(corpus: Corpus) -> None:
    ids = corpus.article_ids()
    assert len(ids) == corpus.article_count() == len(corpus.articles())
    rows = {r.id: r for r in corpus.article_rows(ids)}
    assert [r.id for r in corpus.article_rows(ids[::-1])] == ids[::-1]  # in the order asked
    titles = [rows[i].display_title for i in corpus.article_ids(sort="title")]
    assert titles == sorted(titles)
    most = corpus.article_ids(sort="entities", descending=True)[0]
    assert rows[most].entities == max(s.entities for s in corpus.articles())
    with_li = corpus.article_ids(filter=ArticleFilter(text="李奕"))
    assert with_li and all("李奕" in "".join(rows[i].authors) + rows[i].display_title for i in with_li)
    corpus.set_article_state(ids[2], "starred")
    assert corpus.article_ids(filter=ArticleFilter(state="starred")) == [ids[2]]
    assert corpus.article_count(ArticleFilter(state="starred")) == 1
    source = rows[ids[0]].source
    change = corpus.set_page_facts(source, dt.date(2020, 5, 4), "湖南日报", 3)
    assert set(change.article_ids) == {s.id for s in corpus.articles() if s.source == source}
    dated = corpus.article_ids(sort="date")
    positions = sorted(dated.index(i) for i in change.article_ids)  # the one dated page: together
    assert positions in (list(range(len(dated) - len(positions), len(dated))), list(range(len(positions))))
    summary = corpus.article_rows([change.article_ids[0]])[0]
    assert (summary.date, summary.paper, summary.page) == (dt.date(2020, 5, 4), "湖南日报", 3)
    facts = corpus.page_facts(source)
    assert (facts.published, facts.paper, facts.page) == (dt.date(2020, 5, 4), "湖南日报", 3)
    corpus.set_page_facts(source, None, "", None)
    assert corpus.page_facts(source).paper is None


def test_opening_an_unread_article_refreshes_one_row(qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    corpus = Corpus(seeded_path)
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    model = window.article_list.model
    model.index(0, 0).data()  # the list as painted: its first block read
    asked: list[list[int]] = []
    real = corpus.article_rows
    corpus.article_rows = lambda ids: asked.append(list(ids)) or real(ids)  # type: ignore[method-assign]
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    target = model.article_id(3)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.rowsInserted):
        window.open_article(target)
        qtbot.waitUntil(lambda: corpus.article(target).state == "read")
        qtbot.wait(20)
    assert changed == [(3, 3)]
    assert [ids for ids in asked if ids != [target]] == [], asked
    window.close()
    corpus.close()
