"""Codebook and annotation operations with their inverses (reader.coding.annotations via Corpus)."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.coding.annotations import AnnotationQuery
from reader.coding.codebook import rank_tags, tag_match_score
from reader.corpus import Corpus, CorpusError


def _aid(corpus: Corpus, n: int = 0) -> int:
    return corpus.articles()[n].id


def test_rank_tags_by_name_pinyin_and_fuzzy() -> None:
    names = ["问责", "整改", "疫情防控", "乡村振兴", "accountability"]
    assert rank_tags("wz", names)[0] == "问责"
    assert rank_tags("问", names) == ["问责"]
    assert rank_tags("yqfk", names)[0] == "疫情防控"
    assert rank_tags("xiangcun", names)[0] == "乡村振兴"
    assert rank_tags("acount", names)[0] == "accountability"
    assert rank_tags("", names) == sorted(names, key=lambda n: (len(n), n))
    assert tag_match_score("问责", "问责") > tag_match_score("wz", "问责") > 0
    assert rank_tags("qqqq", names) == []


def test_tag_counts_rename_move_delete_restore(corpus: Corpus) -> None:
    aid = _aid(corpus)
    parent = corpus.create_tag("监督", description="oversight").ids[0]
    child = corpus.create_tag("问责", parent_id=parent, color="#123456").ids[0]
    grandchild = corpus.create_tag("诫勉", parent_id=child).ids[0]
    a1 = corpus.annotate(aid, 0, 4, tags=["问责"])
    a2 = corpus.annotate(aid, 5, 9, tags=["问责", "诫勉"])
    corpus.annotate(aid, 10, 12, tags=["诫勉"])
    assert corpus.tag_annotation_count(child) == 2
    assert corpus.tag_annotation_count(parent, include_children=True) == 3
    assert corpus.tag_counts()[grandchild] == 2
    assert set(corpus.tag_descendants(parent)) == {parent, child, grandchild}

    corpus.rename_tag(child, "追责")
    assert corpus.annotation(a1.id).tags == ("追责",)
    with pytest.raises(CorpusError) as err:
        corpus.rename_tag(child, "监督")
    assert err.value.code == "tag-exists"
    with pytest.raises(CorpusError):
        corpus.rename_tag(child, "  ")

    with pytest.raises(CorpusError) as err:
        corpus.move_tag(parent, grandchild)
    assert err.value.code == "tag-cycle"
    corpus.move_tag(grandchild, None)
    assert corpus.tag(grandchild).parent_id is None
    corpus.move_tag(grandchild, child)

    snap = corpus.snapshot_tag(child)
    assert snap.annotation_ids == tuple(sorted((a1.id, a2.id))) and snap.child_ids == (grandchild,)
    change = corpus.delete_tag(child)
    assert change.kind == "tags" and aid in change.article_ids
    assert corpus.annotation(a1.id).tags == ()
    assert corpus.tag(grandchild).parent_id == parent  # children move up
    corpus.restore_tag(snap)
    t = corpus.tag(child)
    assert (t.name, t.parent_id, t.color) == ("追责", parent, "#123456")
    assert corpus.annotation(a2.id).tags == ("诫勉", "追责") or set(corpus.annotation(a2.id).tags) == {"追责", "诫勉"}
    assert corpus.tag(grandchild).parent_id == child


def test_merge_and_unmerge(corpus: Corpus) -> None:
    aid = _aid(corpus)
    src = corpus.create_tag("问责").ids[0]
    dst = corpus.create_tag("追责").ids[0]
    kid = corpus.create_tag("诫勉", parent_id=src).ids[0]
    both = corpus.annotate(aid, 0, 4, tags=["问责", "追责"])
    only_src = corpus.annotate(aid, 5, 9, tags=["问责"])
    only_dst = corpus.annotate(aid, 10, 14, tags=["追责"])
    corpus.set_article_tags(aid, ["问责"])
    assert corpus.tag_annotation_count(src) == 2
    snap = corpus.snapshot_merge(src, dst)
    corpus.merge_tags(src, dst)
    assert corpus.tag_by_name("问责") is None
    assert corpus.tag_annotation_count(dst) == 3
    assert corpus.annotation(only_src.id).tags == ("追责",)
    assert corpus.tag(kid).parent_id == dst
    assert corpus.article(aid).tags == ("问责",)  # article tags are not codes: merges leave them
    corpus.unmerge_tags(snap)
    assert corpus.annotation(only_src.id).tags == ("问责",)
    assert set(corpus.annotation(both.id).tags) == {"问责", "追责"}
    assert corpus.annotation(only_dst.id).tags == ("追责",)
    assert corpus.tag(kid).parent_id == src
    assert corpus.article(aid).tags == ("问责",)
    with pytest.raises(CorpusError):
        corpus.merge_tags(src, src)
    with pytest.raises(CorpusError):
        corpus.merge_tags(src, kid)


def test_delete_and_restore_annotation_same_everything(corpus: Corpus) -> None:
    aid = _aid(corpus)
    ann = corpus.annotate(aid, 3, 8, tags=["甲", "乙"], note="笔记", author="alice")
    snap = corpus.snapshot_annotation(ann.id)
    corpus.delete_annotation(ann.id)
    with pytest.raises(CorpusError):
        corpus.annotation(ann.id)
    change = corpus.restore_annotation(snap)
    assert change.ids == (ann.id,) and change.article_ids == (aid,)
    back = corpus.annotation(ann.id)
    assert back == ann


def test_add_tag_note_and_article_fields(corpus: Corpus) -> None:
    aid = _aid(corpus)
    ann = corpus.annotate(aid, 0, 3, tags=["甲"])
    corpus.add_annotation_tag(ann.id, "新标签")
    corpus.add_annotation_tag(ann.id, "新标签")
    assert corpus.annotation(ann.id).tags == ("甲", "新标签")
    corpus.set_annotation_note(ann.id, "备注")
    assert corpus.annotation(ann.id).note == "备注"
    corpus.set_article_note(aid, "文章笔记")
    corpus.set_article_tags(aid, ["重点", "重点", "待查"])
    corpus.set_article_state(aid, "starred")
    art = corpus.article(aid)
    assert (art.note, art.tags, art.state) == ("文章笔记", ("重点", "待查"), "starred")
    assert corpus.tag_by_name("重点") is None, "an article tag is not a code"
    assert {t.name for t in corpus.tags()} == {"甲", "新标签"}
    assert corpus.article_tag_names() == sorted(["重点", "待查"])
    assert corpus.tag_article_count(corpus.tag_by_name("甲").id) == 1


def test_find_annotations_filters(corpus: Corpus) -> None:
    a0, a1 = _aid(corpus, 0), _aid(corpus, 1)
    parent = corpus.create_tag("监督").ids[0]
    corpus.create_tag("问责", parent_id=parent)
    x = corpus.annotate(a0, 0, 4, tags=["问责"], author="alice", note="重要")
    y = corpus.annotate(a1, 0, 4, tags=["监督"], author="bob")
    z = corpus.annotate(a1, 5, 9, tags=["其他"], author="bob")
    assert corpus.find_annotations() == [x.id, y.id, z.id]
    assert corpus.find_annotations(AnnotationQuery(tag_id=parent)) == [x.id, y.id]
    assert corpus.find_annotations(AnnotationQuery(article_id=a1)) == [y.id, z.id]
    assert corpus.find_annotations(AnnotationQuery(author="ali")) == [x.id]
    assert corpus.find_annotations(AnnotationQuery(text="重要")) == [x.id]
    assert corpus.find_annotations(AnnotationQuery(text=z.quote)) [-1] == z.id
    today = dt.datetime.now(dt.timezone.utc).date()
    assert len(corpus.find_annotations(AnnotationQuery(since=today, until=today))) == 3
    assert corpus.find_annotations(AnnotationQuery(until=today - dt.timedelta(days=2))) == []
    assert corpus.find_annotations(AnnotationQuery(status="orphan")) == []
    assert [a.id for a in corpus.annotations_by_id([z.id, 999999, x.id])] == [z.id, x.id]
    assert corpus.annotation_authors() == ["alice", "bob"]


def test_snap_to_words_widens_to_jieba_boundaries() -> None:
    from reader.coding.annotations import snap_to_words

    text = "今年以来，娄星区常态化巡察护航群众幸福指数\n第二行"
    start = text.index("星区常")
    a, b = snap_to_words(text, start, start + 3)
    assert text[a:b] == "娄星区常态"  # both ends were inside words
    assert text[slice(*snap_to_words(text, 1, 2))] == "今年以来"
    assert snap_to_words(text, 5, 8) == (5, 8)  # already on boundaries
    assert snap_to_words(text, 5, 5) == (5, 5)
    n = text.index("\n")
    assert snap_to_words(text, n + 1, n + 2)[0] == n + 1  # never crosses the line start


def test_article_summaries_match_the_full_listing(corpus: Corpus) -> None:
    a0, a1 = _aid(corpus, 0), _aid(corpus, 1)
    corpus.annotate(a0, 0, 4, tags=["甲"])
    corpus.set_article_tags(a1, ["重点", "待查"])
    corpus.set_article_state(a1, "starred")
    full = {s.id: s for s in corpus.articles()}
    assert corpus.article_summaries([a1, a0, a0]) == [full[a0], full[a1]]
    assert corpus.article_summaries([]) == []
