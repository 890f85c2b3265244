"""The hot reads of opening an article (:mod:`reader.store.prepared`) give exactly the records
the peewee path gives: the article with its page file and article tags, the annotations of one
article in text order with their tags."""

from __future__ import annotations

from reader.corpus import Corpus
from reader.store.models import Article
from reader.store.rows import article_record


def test_prepared_article_and_annotations_equal_the_model_path(corpus: Corpus) -> None:
    ids = corpus.article_ids()
    aid = ids[3]
    corpus.set_article_tags(aid, ["待核", "头版"])
    corpus.annotate(aid, 6, 9, tags=["问责", "诫勉"], note="后")
    corpus.annotate(aid, 0, 4, tags=["问责"])
    corpus.annotate(ids[4], 0, 2, tags=["诫勉"])  # another article's: not listed
    for article_id in (aid, ids[0], ids[-1]):
        assert corpus.article(article_id) == article_record(Article.get_by_id(article_id))
    assert corpus.article(aid).tags == ("待核", "头版")
    anns = corpus.annotations(aid)
    assert [(a.start, a.end, a.tags) for a in anns] == [(0, 4, ("问责",)), (6, 9, ("问责", "诫勉"))]
    assert anns == [a for a in corpus.annotations() if a.article_id == aid]
    assert corpus.annotations(ids[0]) == []


def test_a_reading_state_change_says_it_is_only_the_state(corpus: Corpus) -> None:
    aid = corpus.article_ids()[0]
    change = corpus.set_article_state(aid, "read")
    assert change.article_ids == (aid,) and change.only("state")
    assert not change.only("text") and corpus.article(aid).state == "read"
