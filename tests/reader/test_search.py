"""Search and KWIC contract: exact substring semantics, query language, filters, code points."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import search as S
from reader.store.db import open_db, schema_version
from reader.store.entities import add_entity
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    ArticleIndex,
    ArticleLabel,
    ArticleTag,
    SourceFile,
    Tag,
    database,
)

A1 = (
    "利剑高悬显锋芒\n——娄底市娄星区常态化巡察护航群众幸福指数\n"
    "今年以来，娄底市娄星区充分发挥常态化巡察利剑作用，用严的标准、实的举措紧盯工作中的重点难点。\n"
    "7月23日以来，娄星区11个巡察组人员奔赴一线，直插现场开展巡察，督促疫情防控措施落实落细。"
)
A2 = (
    "乡村振兴看洪江\n"
    "洪江区坚持把乡村振兴作为头等大事，今年5月1日至5日，洪江区共接待游客13.31万人次。\n"
    "区纪委监委开展专项监督，推动COVID-19疫情防控责任落实。"
)
A3 = "𠮷野家在北京开店\n𠮷野家的“𠮷”字是异体字。巡视组到访，未见巡察字样。"
A4 = "已经撤下的旧稿：巡察巡察巡察。"


@pytest.fixture()
def corpus(corpus_at) -> dict[str, int]:  # type: ignore[no-untyped-def]
    open_db(corpus_at("t.sqlite3"))
    src_a = SourceFile.create(name="page-a.txt", path="a", sha256="0" * 64, size=1, encoding="utf-8")
    src_b = SourceFile.create(name="page-b.txt", path="b", sha256="1" * 64, size=1, encoding="utf-8")
    ids: dict[str, int] = {}
    for key, src, text, authors, retired in (
        ("a1", src_a, A1, ["贺露明", "李梅花"], False),
        ("a2", src_a, A2, ["周丽"], False),
        ("a3", src_b, A3, [], False),
        ("a4", src_b, A4, ["贺露明"], True),
    ):
        row = Article.create(
            source=src, position=len(ids), display_title=text.split("\n")[0], text=text,
            authors=authors, chars=len(text), retired=retired,
        )
        S.index_article(row.id)
        ids[key] = row.id
    start = A2.index("洪江区")
    add_entity(ids["a2"], start, start + 3, "LOC", "洪江区")
    start = A1.index("娄星区")
    add_entity(ids["a1"], start, start + 3, "LOC", "娄星区")
    parent = Tag.create(name="监督")
    child = Tag.create(name="巡察监督", parent=parent)
    ArticleTag.create(article=ids["a2"], tag=ArticleLabel.create(name="监督"))  # not a code
    s = A1.index("常态化巡察利剑作用")
    ann = Annotation.create(article=ids["a1"], start=s, end=s + 9, quote="常态化巡察利剑作用")
    AnnotationTag.create(annotation=ann, tag=child)
    return ids


def ids_of(hits: list[S.SearchHit]) -> list[int]:
    return [h.article_id for h in hits]


def texts() -> dict[int, str]:
    return {a.id: a.text for a in Article.select()}


def test_single_character_query(corpus: dict[str, int]) -> None:
    hits = S.search("巡")
    assert set(ids_of(hits)) == {corpus["a1"], corpus["a3"]}
    by_id = texts()
    for h in hits:
        assert all(by_id[h.article_id][s:e] == "巡" for s, e in h.hits)
        assert len(h.hits) == by_id[h.article_id].count("巡")


def test_two_character_word_and_ranking(corpus: dict[str, int]) -> None:
    hits = S.search("巡察")
    assert ids_of(hits) == [corpus["a1"], corpus["a3"]]  # a1 has 4 occurrences, a3 one
    assert hits[0].score > hits[1].score
    assert [A1[s:e] for s, e in hits[0].hits] == ["巡察"] * A1.count("巡察")
    assert hits[0].title == "利剑高悬显锋芒"


def test_word_boundaries_do_not_matter(corpus: dict[str, int]) -> None:
    # 察组 straddles jieba's word boundary (巡察组 -> 巡察/组); substring semantics find it anyway
    assert ids_of(S.search("察组")) == [corpus["a1"]]
    assert S.search("巡察组人员")[0].hits == [(A1.index("巡察组人员"), A1.index("巡察组人员") + 5)]


def test_punctuation_is_not_skipped(corpus: dict[str, int]) -> None:
    # "难点。7" only exists across a line break, "难点7" nowhere: both are absent
    assert S.search("难点7") == []
    assert ids_of(S.search('"难点。"')) == [corpus["a1"]]
    assert ids_of(S.search("13.31万")) == [corpus["a2"]]


def test_exact_phrase_with_space(corpus: dict[str, int]) -> None:
    assert S.search('"群众 幸福"') == []
    assert ids_of(S.search('"群众幸福指数"')) == [corpus["a1"]]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("巡察 疫情", ["a1"]),
        ("巡察 AND 疫情", ["a1"]),
        ("巡察 OR 振兴", ["a1", "a2", "a3"]),
        ("巡察 NOT 疫情", ["a3"]),
        ("巡察 -疫情", ["a3"]),
        ("-巡察", ["a2"]),
        ("NOT 巡察", ["a2"]),
        ("(巡察 OR 振兴) 疫情", ["a1", "a2"]),
        ("疫情 -(巡察 OR covid)", []),
        ("covid", ["a2"]),
        ("COVID-19", ["a2"]),
        ('"OR"', []),
        ("巡察 OR", ["a1", "a3"]),
        ("(巡察", ["a1", "a3"]),
        ('"巡察', ["a1", "a3"]),
    ],
)
def test_boolean_queries(corpus: dict[str, int], query: str, expected: list[str]) -> None:
    assert sorted(ids_of(S.search(query))) == sorted(corpus[k] for k in expected)


def test_empty_query_returns_nothing(corpus: dict[str, int]) -> None:
    assert S.search("") == [] and S.search("   ") == [] and S.kwic("") == []


def test_negative_terms_are_not_hits(corpus: dict[str, int]) -> None:
    hit = S.search("巡察 -疫情")[0]
    assert [A3[s:e] for s, e in hit.hits] == ["巡察"]


def test_regex_search(corpus: dict[str, int]) -> None:
    hits = S.search(r"\d+月\d+日", regex=True)
    assert set(ids_of(hits)) == {corpus["a1"], corpus["a2"]}
    a2 = next(h for h in hits if h.article_id == corpus["a2"])
    assert [A2[s:e] for s, e in a2.hits] == ["5月1日"]
    with pytest.raises(S.SearchError) as err:
        S.search("巡察(", regex=True)
    assert err.value.code == "bad-regex"
    assert S.search("x*", regex=True) == []  # empty matches are not hits


def test_filters(corpus: dict[str, int]) -> None:
    assert ids_of(S.search("巡察", sources=["page-b.txt"])) == [corpus["a3"]]
    src_a = SourceFile.get(SourceFile.name == "page-a.txt").id
    assert ids_of(S.search("巡察", sources=[src_a])) == [corpus["a1"]]
    assert ids_of(S.search("疫情", author="周丽")) == [corpus["a2"]]
    assert ids_of(S.search("疫情", author="周")) == []
    assert ids_of(S.search("疫情", entity="洪江区")) == [corpus["a2"]]
    # tags: codes on an annotation inside the article (a1); a2's article tag of the same name
    # is not a code and does not count
    assert ids_of(S.search("疫情", tags=["监督", "巡察监督"])) == [corpus["a1"]]
    assert ids_of(S.search("疫情", tags=["巡察监督"])) == [corpus["a1"]]
    assert S.search("疫情", tags=["无此标签"]) == []


def test_retired_articles_are_left_out_unless_asked(corpus: dict[str, int]) -> None:
    assert corpus["a4"] not in ids_of(S.search("巡察"))
    assert corpus["a4"] in ids_of(S.search("巡察", include_retired=True))


def test_limit(corpus: dict[str, int]) -> None:
    everything = ids_of(S.search("巡察 OR 振兴", limit=None))
    assert len(everything) == 3
    assert ids_of(S.search("巡察 OR 振兴", limit=1)) == everything[:1]


def test_snippet_contract(corpus: dict[str, int]) -> None:
    hit = S.search("疫情防控")[0]
    text = texts()[hit.article_id]
    assert hit.snippet == text[hit.snippet_start : hit.snippet_start + len(hit.snippet)].replace("\n", " ")
    assert hit.snippet_hits
    for s, e in hit.snippet_hits:
        assert hit.snippet[s:e] == "疫情防控"


def test_non_bmp(corpus: dict[str, int]) -> None:
    hits = S.search("𠮷野家")
    assert ids_of(hits) == [corpus["a3"]]
    assert hits[0].hits == [(0, 3), (9, 12)] and A3[0:3] == A3[9:12] == "𠮷野家"
    assert ids_of(S.search("“𠮷”")) == [corpus["a3"]]
    line = S.kwic("𠮷", width=2)[2]
    assert (line.start, line.end, line.left, line.match, line.right) == (14, 15, "的“", "𠮷", "”字")
    assert A3[line.start : line.end] == "𠮷"


def test_kwic_offsets_cut_the_match_out_of_the_text(corpus: dict[str, int]) -> None:
    by_id = texts()
    lines = S.kwic("巡察 OR 疫情", width=6)
    assert len(lines) == A1.count("巡察") + A1.count("疫情") + A2.count("疫情") + A3.count("巡察")
    for k in lines:
        text = by_id[k.article_id]
        assert text[k.start : k.end] == k.match
        assert k.left == text[max(0, k.start - 6) : k.start].replace("\n", " ")
        assert k.right == text[k.end : k.end + 6].replace("\n", " ")
    assert [(k.article_id, k.start) for k in lines] == sorted((k.article_id, k.start) for k in lines)
    assert len(S.kwic("巡察", limit=2)) == 2


def test_kwic_regex_and_sorting(corpus: dict[str, int]) -> None:
    lines = S.kwic(r"巡.", regex=True, width=3)
    assert {k.match for k in lines} == {"巡察", "巡视"}
    by_left = S.sort_kwic(lines, "left")
    assert [k.left[::-1] for k in by_left] == sorted(k.left[::-1] for k in lines)
    by_right = S.sort_kwic(lines, "right")
    assert [k.right for k in by_right] == sorted(k.right for k in lines)
    assert S.sort_kwic(by_right, "position") == lines


def test_kwic_entities_and_tags(corpus: dict[str, int]) -> None:
    ents = S.kwic("洪江区", kind="entity", width=4)
    assert [(k.article_id, k.match) for k in ents] == [(corpus["a2"], "洪江区")]
    assert len(S.kwic("", kind="entity", entity_type="LOC")) == 2
    assert S.kwic("", kind="entity", entity_type="PER") == []
    assert [k.match for k in S.kwic("^洪", kind="entity", regex=True)] == ["洪江区"]
    tagged = S.kwic("监督", kind="tag")  # the parent tag includes its child 巡察监督
    assert [(k.article_id, k.match) for k in tagged] == [(corpus["a1"], "常态化巡察利剑作用")]
    assert A1[tagged[0].start : tagged[0].end] == tagged[0].match
    assert S.kwic("不存在", kind="tag") == []
    with pytest.raises(ValueError):
        S.kwic("x", kind="nonsense")  # type: ignore[arg-type]


def test_export_kwic_csv(corpus: dict[str, int]) -> None:
    lines = S.kwic("巡察", width=4)
    out = io.StringIO()
    assert S.export_kwic_csv(lines, out, bom=True) == len(lines)
    raw = out.getvalue()
    assert raw.startswith("\ufeffarticle_id,title,start,end,left,match,right")
    rows = list(csv.DictReader(io.StringIO(raw[1:])))
    assert [(int(r["start"]), int(r["end"]), r["match"]) for r in rows] == [(k.start, k.end, k.match) for k in lines]
    plain = io.StringIO()
    S.export_kwic_csv([], plain)
    assert plain.getvalue().strip() == ",".join(S.KWIC_CSV_COLUMNS)


def test_index_sync(corpus: dict[str, int]) -> None:
    row = Article.get_by_id(corpus["a2"])
    row.text = "改稿后：乡村振兴。"
    row.save()
    S.index_article(row.id)
    assert ids_of(S.search("改稿后")) == [row.id]
    assert S.search("洪江") == []
    row.text = "再次改稿，尚未重建索引。"
    row.save()  # not flushed: the article waits in the index queue and is scanned meanwhile
    assert S.search("改稿后") == []  # the old index entry never returns an article without hits
    assert S.kwic("改稿后") == []
    assert ids_of(S.search("尚未重建")) == [row.id]
    assert S.search_page("改稿").total == 1 and S.search_page("-改稿").total == 2
    S.index_article(row.id)
    assert ids_of(S.search("尚未重建")) == [row.id] and S.search("改稿后") == []
    row.delete_instance(recursive=True)
    assert S.search("尚未重建") == []
    S.unindex_article(row.id)  # idempotent
    assert not ArticleIndex.select().where(ArticleIndex.rowid == corpus["a2"]).exists()
    assert S.rebuild_index() == 3 and ids_of(S.search("巡察")) == [corpus["a1"], corpus["a3"]]


def test_migration_indexes_existing_articles(tmp_path: Path) -> None:
    db = open_db(tmp_path / "old.sqlite3", migrate_to=1)
    assert schema_version(db) == 1
    src = SourceFile.create(name="p.txt", path="p", sha256="0" * 64, size=1, encoding="utf-8")
    Article.create(source=src, position=0, display_title="t", text=A1, chars=len(A1))
    db.close()
    db = open_db(tmp_path / "old.sqlite3")
    assert schema_version(db) >= 2
    assert len(S.search("巡察组")) == 1


def test_parse_query_shapes() -> None:
    assert S.parse_query("") is None
    assert S.parse_query("巡察") == S.Term("巡察")
    assert S.parse_query('巡察 "a b"') == S.And((S.Term("巡察"), S.Term("a b")))
    assert S.parse_query("a OR b c") == S.Or((S.Term("a"), S.And((S.Term("b"), S.Term("c")))))
    assert S.parse_query("-a") == S.Not(S.Term("a"))
    assert S.parse_query("a ) b") == S.And((S.Term("a"), S.Term("b")))
    assert S.positive_terms(S.parse_query("a -b (c OR NOT d)")) == ["a", "c"]


ALPHABET = st.sampled_from(list("巡察组监督的，。 \nAaB1𠮷"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=6),
    words=st.lists(st.text(ALPHABET.filter(lambda c: not c.isspace()), min_size=1, max_size=3), min_size=1, max_size=3),
    ops=st.lists(st.sampled_from([" ", " OR ", " -", " AND "]), min_size=3, max_size=3),
)
def test_index_agrees_with_substring_semantics(docs: list[str], words: list[str], ops: list[str]) -> None:
    query = words[0] + "".join(op + '"' + w + '"' for op, w in zip(ops, words[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "p.sqlite3")
        src = SourceFile.create(name="p.txt", path="p", sha256="0" * 64, size=1, encoding="utf-8")
        for i, doc in enumerate(docs):
            row = Article.create(source=src, position=i, display_title=str(i), text=doc)
            S.index_article(row.id)
        node = S.parse_query(query)
        expected = {a.id for a in Article.select() if S.matches(node, a.text)}
        got = S.search(query, limit=None)
        assert {h.article_id for h in got} == expected
        for h in got:
            text = Article.get_by_id(h.article_id).text
            assert h.hits == S.find_hits(text, node)
        db.close()
    database.initialize(None)


def test_rebuild_index_reports_progress_and_rolls_back_on_cancel(corpus: dict[str, int]) -> None:
    seen: list[tuple[int, int]] = []
    assert S.rebuild_index(progress=lambda done, total, _label: seen.append((done, total))) == 4
    assert seen == [(4, 4)]
    assert S.rebuild_index(cancelled=lambda: True) == -1
    assert len(S.search("巡察")) == 2  # the old index is intact
