"""Phrase lists (longest match, variants, first/last appearance, code-point offsets) and
"code every occurrence, then review"."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import autocode, phrases
from reader.analysis.variables import set_variable
from reader.changes import CorpusError
from reader.store.search import kwic


def test_phrase_lists_are_stored_and_resolved(corpus) -> None:
    phrases.add_phrase("巡察提法", "常态化巡察", ["巡察常态化"])
    phrases.add_phrase("巡察提法", "巡察")
    phrases.add_phrase("巡察提法", "常态化巡察", ["巡察常态化", "常态巡察"])  # replaces the variants
    (plist,) = phrases.lists()
    assert [(p.text, p.variants) for p in plist.phrases] == [("常态化巡察", ("巡察常态化", "常态巡察")), ("巡察", ())]
    assert [p.text for p in phrases.resolve("巡察提法")] == ["常态化巡察", "巡察"]
    assert [p.text for p in phrases.resolve("巡察")] == ["巡察"]
    assert [p.text for p in phrases.resolve("利剑")] == ["利剑"]  # a literal
    phrases.remove_phrase("巡察提法", "巡察")
    assert len(phrases.lists()[0].phrases) == 1
    with pytest.raises(CorpusError):
        phrases.remove_phrase("巡察提法", "nothing")
    assert phrases.import_lines("其他", ["# comment", "利剑 / 利剑作用", "", "幸福指数\t群众幸福指数"]) == 2
    phrases.delete_list("其他")
    assert [p.name for p in phrases.lists()] == ["巡察提法"]


def test_hits_take_the_longest_form_and_match_kwic(corpus) -> None:
    phrases.add_phrase("l", "巡察")
    phrases.add_phrase("l", "常态化巡察")
    found = phrases.hits(phrases.resolve("l"))
    plain = kwic("巡察", width=0, limit=None)
    longer = kwic("常态化巡察", width=0, limit=None)
    assert len([h for h in found if h.phrase == "常态化巡察"]) == len(longer) > 0
    assert len(found) == len(plain)  # each 巡察 is a hit of exactly one phrase
    for h in found:
        assert corpus.article(h.article_id).text[h.start:h.end] == h.form
    summary = {s.phrase: s for s in phrases.summary(phrases.resolve("l"))}
    assert summary["巡察"].hits + summary["常态化巡察"].hits == len(plain)
    assert summary["巡察"].first_date is None  # the seeds are undated
    arts = corpus.articles()
    set_variable([arts[0].id], "date", "2024-01-05")
    set_variable([arts[-1].id], "date", "2024-01-26")
    summary = {s.phrase: s for s in phrases.summary(phrases.resolve("l"))}
    assert summary["巡察"].first_date == "2024-01-05" and summary["巡察"].last_date in ("2024-01-05", "2024-01-26")


def test_offsets_are_code_points(empty_corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("𠮷字标题\n\n\u3000\u3000𠮷𠮷一段讲共同富裕示范区的文字，又讲共同富裕。\n", encoding="utf-8")
    empty_corpus.ingest([page])
    phrases.add_phrase("富裕", "共同富裕")
    phrases.add_phrase("富裕", "共同富裕示范区")
    (art,) = empty_corpus.articles()
    text = empty_corpus.article(art.id).text
    found = phrases.hits(phrases.resolve("富裕"))
    assert [(h.phrase, text[h.start:h.end]) for h in found] == [("共同富裕示范区", "共同富裕示范区"), ("共同富裕", "共同富裕")]
    assert found[0].start == text.index("共同富裕示范区")
    lines = phrases.phrase_kwic(phrases.resolve("富裕"), 3)
    assert lines[0].left == text[found[0].start - 3:found[0].start]


def test_autocode_proposes_every_hit_and_writes_once(corpus) -> None:
    proposals = autocode.propose("query", "巡察", "巡察")
    lines = kwic("巡察", limit=None)
    assert [(p.article_id, p.start, p.end) for p in proposals] == [(k.article_id, k.start, k.end) for k in lines]
    assert not corpus.annotations()  # proposing writes nothing
    accepted = proposals[:5]
    written, change = autocode.write(corpus, accepted, "巡察")
    assert len(written) == 5 and change.kind == "annotations" and set(change.ids) == {a.id for a in written}
    assert all(a.tags == ("巡察",) and a.quote == "巡察" for a in written)
    again = autocode.propose("query", "巡察", "巡察")
    assert sum(p.exists for p in again) == 5
    written2, _ = autocode.write(corpus, again[:5], "巡察")
    assert written2 == []  # nothing coded twice


def test_autocode_from_entities_phrases_and_lines(corpus) -> None:
    from reader.analysis.entity_index import occurrences

    ents = autocode.propose("entity", "娄星区", "地点")
    assert len(ents) == len(occurrences("娄星区", None, 0)) > 0
    phrases.add_phrase("l", "幸福指数")
    assert len(autocode.propose("phrase", "l", "提法")) == len(kwic("幸福指数", limit=None))
    picked = kwic("利剑", limit=None)[:2]
    assert [p.quote for p in autocode.from_lines(picked, "利剑")] == ["利剑", "利剑"]
    with pytest.raises(CorpusError):
        autocode.propose("query", "巡察", " ")


@pytest.mark.parametrize("query", ["巡察", "巡察 利剑", "巡察 OR 幸福", '"常态化 巡察"', "巡察 -利剑", "-巡察", "ＸＹＺ无"])
def test_fast_query_hits_are_the_kwic_lines(corpus, query: str) -> None:
    from reader.analysis.hits import query_hits

    assert query_hits(query) == [(k.article_id, k.start, k.end) for k in kwic(query, width=0, limit=None)]


def test_fast_entity_hits_are_the_entity_kwic_lines(corpus) -> None:
    from reader.analysis.entity_index import add_alias, occurrences
    from reader.analysis.hits import entity_hits

    add_alias("娄星区", "娄底市娄星区", "LOC")
    for name in ("娄底市娄星区", "娄星区", "李彦文", "不存在"):
        assert entity_hits(name) == [(k.article_id, k.start, k.end) for k in occurrences(name, None, 0)]
