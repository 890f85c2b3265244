"""The entity index over the seeds, and aliases stored per corpus (娄星区 / 娄底市娄星区)."""

from __future__ import annotations

import pytest

from reader.analysis import entity_index as ei


def _entry(entries: list[ei.IndexEntry], name: str, etype: str) -> ei.IndexEntry:
    return next(e for e in entries if e.name == name and e.type == etype)


def test_index_lists_people_places_and_organisations_with_counts(corpus) -> None:  # type: ignore[no-untyped-def]
    entries = ei.entity_index()
    assert {e.type for e in entries} <= {"PER", "LOC", "ORG"}
    assert entries == sorted(entries, key=lambda e: (-e.mentions, e.name, e.type))
    person = _entry(entries, "李彦文", "PER")
    # 李彦文 occurs once in seed 000, once in 003 and twice in 004 (grep of the raw pages)
    titles = {corpus.article(a).display_title for a in person.articles}
    assert titles == {"利剑高悬显锋芒", "真抓实干绘就平安娄星新图景", "党支部建在最前沿"}
    assert person.mentions == 4


def test_occurrences_are_concordance_lines_into_the_article_text(corpus) -> None:  # type: ignore[no-untyped-def]
    lines = ei.occurrences("李彦文", "PER", width=6)
    assert len(lines) == 4
    for k in lines:
        text = corpus.article(k.article_id).text
        assert text[k.start:k.end] == k.match == "李彦文"
        assert text[k.start - len(k.left):k.start].replace("\n", " ") == k.left
    assert lines == sorted(lines, key=lambda k: (k.article_id, k.start))


def test_merging_groups_variants_under_the_canonical_name(corpus) -> None:  # type: ignore[no-untyped-def]
    before = ei.entity_index(link_short_forms=False)  # corpus-wide aliases alone
    short, full = _entry(before, "娄星区", "LOC"), _entry(before, "娄底市娄星区", "LOC")
    change = ei.add_alias("娄星区", "娄底市娄星区")
    assert change.kind == "entities"
    after = ei.entity_index(link_short_forms=False)
    merged = _entry(after, "娄底市娄星区", "LOC")
    assert merged.mentions == short.mentions + full.mentions
    assert set(merged.articles) == set(short.articles) | set(full.articles)
    assert merged.variants[0] == "娄底市娄星区" and "娄星区" in merged.variants
    assert not [e for e in after if e.name == "娄星区" and e.type == "LOC"]
    occ = ei.occurrences("娄星区", "LOC")  # asking by the alias finds the whole group
    assert len(occ) == merged.mentions
    assert {k.match for k in occ} == {"娄星区", "娄底市娄星区"}
    ei.remove_alias("娄星区")
    assert _entry(ei.entity_index(link_short_forms=False), "娄星区", "LOC").mentions == short.mentions


def test_alias_table_stays_flat_and_never_cycles(corpus) -> None:  # type: ignore[no-untyped-def]
    ei.add_alias("娄星", "娄星区")
    ei.add_alias("娄星区", "娄底市娄星区")  # 娄星 follows its canonical name
    assert {(a.alias, a.canonical) for a in ei.aliases()} == {("娄星", "娄底市娄星区"), ("娄星区", "娄底市娄星区")}
    ei.add_alias("娄底市娄星区", "娄星区")  # swap roles rather than cycle
    amap = ei.alias_map()
    assert amap.canonical("娄底市娄星区") == amap.canonical("娄星") == "娄星区"
    assert amap.canonical("娄星区") == "娄星区"
    with pytest.raises(ei.AliasError) as info:
        ei.add_alias("娄星区", "娄星区")
    assert info.value.code == "same"
    with pytest.raises(ei.AliasError):
        ei.add_alias(" ", "x")


def test_aliases_are_stored_per_corpus(corpus, seeded_path) -> None:  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    ei.merge(["娄星区", "娄底市娄星区"], "娄底市娄星区")
    corpus.close()
    reopened = Corpus(seeded_path)
    try:
        assert [(a.alias, a.canonical) for a in ei.aliases()] == [("娄星区", "娄底市娄星区")]
    finally:
        reopened.close()


def test_typed_alias_applies_to_its_type_only(corpus) -> None:  # type: ignore[no-untyped-def]
    ei.add_alias("娄星区", "娄底市娄星区", "ORG")
    assert _entry(ei.entity_index(), "娄星区", "LOC").mentions > 0


def test_occurrence_contexts_count_code_points_past_astral_characters(empty_corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.store.entities import add_entity
    from reader.store.models import Article, SourceFile

    src = SourceFile.create(name="x.txt", path="x.txt", sha256="0" * 64, size=0, encoding="utf-8")
    text = "𠮷𠮷李彦文说，\n𠮷李彦文"
    art = Article.create(source=src, position=0, display_title="t", text=text, chars=len(text))
    for start in (2, 9):
        add_entity(art.id, start, start + 3, "PER", "李彦文")
    lines = ei.occurrences("李彦文", width=3)
    assert [(k.start, k.left, k.match, k.right) for k in lines] == [
        (2, "𠮷𠮷", "李彦文", "说， "), (9, "， 𠮷", "李彦文", "")]
    assert [e.mentions for e in ei.entity_index(["PER"])] == [2]


def test_search_entity_filter_follows_alias_groups(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import concordance
    from reader.store import search

    # two names that occur in different articles (an odd alias, but it shows the mechanics)
    one = {h.article_id for h in search.search("书记", entity="刘志刚", limit=None)}
    other = {h.article_id for h in search.search("书记", entity="吴建文", limit=None)}
    assert one and other and not one & other
    assert {h.article_id for h in concordance.search("书记", entity="刘志刚", limit=None)} == one
    ei.add_alias("吴建文", "刘志刚")
    for name in ("刘志刚", "吴建文"):
        widened = concordance.search("书记", entity=name, limit=None)
        assert {h.article_id for h in widened} == one | other
    assert len(concordance.search("书记", entity="吴建文", limit=1)) == 1


def test_filter_choices_for_the_views(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import concordance

    summaries = corpus.articles()
    assert concordance.source_names() == sorted({a.source for a in summaries})
    assert concordance.author_names() == sorted({n for a in summaries for n in a.authors})
    titles = concordance.article_titles()
    assert all(titles[a.id] == a.display_title for a in summaries)


def test_short_forms_count_under_the_full_name_their_article_gives(corpus) -> None:  # type: ignore[no-untyped-def]
    links = ei.document_links()
    assert links and all(full.endswith(short) or len(full) > len(short) for _, short, _, full, _ in links)
    article, short, etype, full, count = next(
        row for row in links if row[1] == "区纪委监委" and row[3].endswith("区纪委监委"))
    linked = _entry(ei.entity_index(), full, etype)
    plain = _entry(ei.entity_index(link_short_forms=False), full, etype)
    assert short in linked.variants and article in linked.articles
    assert linked.mentions >= plain.mentions + count
