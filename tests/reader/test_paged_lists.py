"""The paged reads behind the lazy views: pages of a concordance and of ranked search results
join up to the whole (also under a variables filter), and annotation ids are filtered and
sorted in SQL."""

from __future__ import annotations

from reader.analysis import concordance
from reader.analysis.spec import parse_spec
from reader.coding.annotations import AnnotationQuery
from reader.corpus import Corpus


def _pages(fetch, size: int) -> list:  # type: ignore[no-untyped-def]
    out, offset = [], 0
    while True:
        page = fetch(offset, size)
        out.extend(page)
        if len(page) < size:
            return out
        offset += size


def test_concordance_pages_join_up_with_and_without_a_spec(corpus: Corpus) -> None:
    source = corpus.articles()[0].source
    for spec in (parse_spec(""), parse_spec(f"source={source}")):
        whole = concordance.kwic_in(spec, "的", limit=None)
        assert whole and _pages(lambda o, n, s=spec: concordance.kwic_in(s, "的", offset=o, limit=n), 7) == whole
    restricted = concordance.kwic_in(parse_spec(f"source={source}"), "的", limit=None)
    assert {k.article_id for k in restricted} <= {a.id for a in corpus.articles() if a.source == source}


def test_search_pages_join_up_to_the_total_with_and_without_a_spec(corpus: Corpus) -> None:
    source = corpus.articles()[0].source
    for spec in (None, parse_spec(f"source={source}")):
        first = concordance.page_search("的", spec=spec, limit=3)
        ids = [h.article_id for h in _pages(
            lambda o, n, s=spec: concordance.page_search("的", spec=s, offset=o, limit=n).hits, 3)]
        assert len(ids) == len(set(ids)) == first.total > 0


def test_annotation_ids_filter_and_sort_in_sql(corpus: Corpus) -> None:
    article = corpus.articles()[0].id
    made = [corpus.annotate(article, k, k + 2, tags=["甲" if k % 2 else "乙"], note=f"n{k}") for k in (6, 1, 4, 3)]
    assert corpus.annotation_ids() == [a.id for a in sorted(made, key=lambda a: a.start)]
    assert corpus.annotation_ids(None, "created", True) == [a.id for a in reversed(made)]
    tag = next(t.id for t in corpus.tags() if t.name == "乙")
    assert corpus.annotation_ids(AnnotationQuery(tag_id=tag)) == [made[2].id, made[0].id]  # starts 4, 6
    assert corpus.annotation_ids(AnnotationQuery(text="n3")) == [made[3].id]
    rows = corpus.annotation_rows([made[2].id, 10**9, made[0].id])
    assert [r.id for r in rows] == [made[2].id, made[0].id]
    assert rows[0].article_title == corpus.article(article).display_title
