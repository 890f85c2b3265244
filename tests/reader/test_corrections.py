"""User corrections to the recogniser apply to every article, to later ingests, and undo exactly."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from reader.coding import corrections
from reader.corpus import Corpus, CorpusError
from reader.store.entities import all_entities, clear_entities
from reader.store.models import Article

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def articles_with(text: str) -> list[int]:
    return [a.id for a in Article.select(Article.id, Article.text) if text in a.text]


def entity_texts(corpus: Corpus, article_id: int) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.source) for e in corpus.entities(article_id)]


def false_positive() -> tuple[str, str]:
    """锦旗 (a silk banner) tagged LOC in several seed articles, or else the entity found in the
    most articles: what a user would reject."""
    per_article = Counter((e.text, e.type) for _a, e in {(a, (e.text, e.type)): (a, e) for a, e in all_entities()}.values())
    if per_article[("锦旗", "LOC")] >= 2:
        return "锦旗", "LOC"
    (text, etype), count = per_article.most_common(1)[0]
    assert count >= 2
    return text, etype


def snapshot(corpus: Corpus) -> dict[int, list[tuple[int, int, str, str, str]]]:
    return {
        a.id: [(e.start, e.end, e.type, e.text, e.source) for e in corpus.entities(a.id)]
        for a in Article.select(Article.id)
    }


def test_reject_removes_a_false_positive_from_every_article(corpus: Corpus) -> None:
    text, etype = false_positive()
    containing = articles_with(text)
    seen: list[tuple[int, int]] = []
    applied = corrections.reject_entity(corpus, text, etype, progress=lambda d, t, _l: seen.append((d, t)))
    assert set(applied.change.article_ids) == set(containing)
    assert applied.change.kind == "entities"
    assert seen and seen[-1] == (len(containing), len(containing))
    for article_id in containing:
        assert (text, etype) not in {(t, ty) for t, ty, _ in entity_texts(corpus, article_id)}
    assert not any(e.text == text and e.type == etype for _a, e in all_entities())
    assert [(c.text, c.type, c.action) for c in corrections.list_corrections(corpus)] == [(text, etype, "reject")]


def test_reject_every_type(corpus: Corpus) -> None:
    text, _ = false_positive()
    corrections.reject_entity(corpus, text, None)
    assert not any(e.text == text for _a, e in all_entities())
    assert corrections.list_corrections(corpus)[0].type is None


def test_add_tags_every_occurrence_with_source_user(corpus: Corpus) -> None:
    text = "利剑"  # a slogan word the recogniser rightly leaves alone; the user says otherwise
    containing = articles_with(text)
    assert len(containing) >= 2
    applied = corrections.add_entity(corpus, text, "ORG")
    assert set(applied.change.article_ids) == set(containing)
    for article_id in containing:
        body = corpus.article(article_id).text
        found = [e for e in corpus.entities(article_id) if e.text == text]
        assert len(found) == body.count(text)
        assert all(e.type == "ORG" and e.source == "user" for e in found)
        assert all(body[e.start:e.end] == text for e in found)


def test_change_type_and_adding_lifts_a_rejection(corpus: Corpus) -> None:
    text, etype = false_positive()
    new_type = "ORG" if etype != "ORG" else "PER"
    corrections.reject_entity(corpus, text, None)
    applied = corrections.change_type(corpus, text, etype, new_type)
    assert [(c.text, c.type, c.action) for c in applied.edit.delete] == [(text, None, "reject")]
    typed = []
    for article_id in articles_with(text):
        types = {ty for t, ty, _ in entity_texts(corpus, article_id) if t == text}
        assert types <= {new_type}  # empty where every occurrence is inside a longer entity
        typed.append(types == {new_type})
    assert any(typed)
    # changing again replaces the user entry rather than piling up a second one
    corrections.change_type(corpus, text, new_type, "PER" if new_type != "PER" else "LOC")
    rows = corrections.list_corrections(corpus)
    assert len(rows) == 1 and rows[0].action == "add"


def test_undo_by_the_inverse_restores_entities_and_corrections(corpus: Corpus) -> None:
    text, etype = false_positive()
    corrections.add_entity(corpus, "利剑", "ORG")
    before = snapshot(corpus)
    before_rows = {(c.text, c.type, c.action) for c in corrections.list_corrections(corpus)}
    applied = corrections.change_type(corpus, text, etype, "PER")
    assert snapshot(corpus) != before
    undone = corrections.apply_edit(corpus, applied.inverse)
    assert snapshot(corpus) == before
    assert {(c.text, c.type, c.action) for c in corrections.list_corrections(corpus)} == before_rows
    redone = corrections.apply_edit(corpus, undone.inverse)
    assert redone.edit == applied.edit


def test_remove_correction_and_its_undo(corpus: Corpus) -> None:
    text, etype = false_positive()
    original = snapshot(corpus)
    corrections.reject_entity(corpus, text, etype)
    rejected = snapshot(corpus)
    applied = corrections.remove_correction(corpus, text, etype, "reject")
    assert snapshot(corpus) == original
    assert corrections.list_corrections(corpus) == []
    corrections.apply_edit(corpus, applied.inverse)
    assert snapshot(corpus) == rejected


def test_noop_edits_have_empty_inverse(corpus: Corpus) -> None:
    corrections.reject_entity(corpus, "锦旗", "LOC")
    again = corrections.reject_entity(corpus, "锦旗", "LOC")
    assert not again.edit and not again.inverse
    gone = corrections.remove_correction(corpus, "没有", None, "reject")
    assert not gone.edit


def test_later_ingest_uses_the_corrections(corpus: Corpus, tmp_path: Path) -> None:
    text, etype = false_positive()
    corrections.reject_entity(corpus, text, etype)
    corrections.add_entity(corpus, "利剑", "ORG")
    seed = next(p for p in sorted(SEEDS.iterdir()) if "利剑" in p.read_text(encoding="utf-8", errors="ignore"))
    copy = tmp_path / ("new_" + seed.name)
    shutil.copyfile(seed, copy)
    report = corpus.ingest([copy])
    assert report.article_ids
    hits = [e for i in report.article_ids for e in corpus.entities(i) if e.text == "利剑"]
    assert hits and all(e.type == "ORG" and e.source == "user" for e in hits)
    assert not any(e.text == text and e.type == etype and a in report.article_ids for a, e in all_entities())


def test_bad_input_is_refused(corpus: Corpus) -> None:
    with pytest.raises(CorpusError):
        corrections.add_entity(corpus, "  ", "PER")
    with pytest.raises(CorpusError):
        corrections.add_entity(corpus, "长沙", "CITY")
    with pytest.raises(CorpusError):
        corrections.add_entity(corpus, "长\n沙", "LOC")
    assert corrections.add_entity(corpus, "长沙", "loc").edit.insert[0].type == "LOC"


def test_cancel_leaves_stale_articles_that_refresh_completes(corpus: Corpus) -> None:
    text = "利剑"
    containing = articles_with(text)
    calls = iter(range(100))
    applied = corrections.add_entity(corpus, text, "ORG", cancelled=lambda: next(calls) >= 1)
    assert applied.cancelled and len(applied.change.article_ids) == 1
    status = corrections.entities_status(corpus)
    assert set(status.stale) == set(containing) - set(applied.change.article_ids)
    assert status.needs_recompute
    change = corrections.refresh_entities(corpus)
    assert set(change.article_ids) == set(status.stale)
    assert corrections.entities_status(corpus).stale == ()
    for article_id in containing:
        assert any(t == text for t, _, _ in entity_texts(corpus, article_id))


def test_version_stamp_and_recompute_when_the_recogniser_changes(corpus: Corpus) -> None:
    status = corrections.entities_status(corpus)
    assert status.stored == corrections.recognizer_version(), "ingest into a new corpus stamps it"
    assert not status.needs_recompute
    corpus.set_meta(corrections.VERSION_KEY, "")
    from reader.store.models import Meta

    Meta.delete().where(Meta.key == corrections.VERSION_KEY).execute()
    assert corrections.entities_status(corpus).stored is None
    assert corrections.refresh_entities(corpus).article_ids == ()
    assert corrections.entities_status(corpus).stored == corrections.recognizer_version()
    corpus.set_meta(corrections.VERSION_KEY, "an-older-recogniser")
    assert corrections.entities_status(corpus).outdated
    before = snapshot(corpus)
    for article in Article.select(Article.id):  # what an older recogniser left behind is thrown away
        clear_entities(article.id)
    change = corrections.refresh_entities(corpus)
    assert len(change.article_ids) == Article.select().count()
    assert snapshot(corpus) == before
    assert not corrections.entities_status(corpus).needs_recompute


def test_cancelled_full_recompute_keeps_the_old_stamp(corpus: Corpus) -> None:
    corpus.set_meta(corrections.VERSION_KEY, "old")
    corrections.refresh_entities(corpus, cancelled=lambda: True)
    status = corrections.entities_status(corpus)
    assert status.stored == "old" and status.outdated
    assert len(status.stale) == Article.select().count()
