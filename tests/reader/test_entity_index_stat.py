"""The entity index aggregate the store keeps on write equals the index worked out from scratch
after every kind of write that changes entity spans or their grouping (corrections, occurrence
fixes, undo and redo, aliases, retiring and deleting articles, recomputing, old-style writes
through the ``entity`` view), on a file and a server corpus; and a corpus from before the step
gets it filled by the migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.analysis import entity_index as ei
from reader.analysis import entity_listing as el
from reader.coding import corrections, occurrences
from reader.corpus import Corpus
from reader.store import entity_index_store
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version
from reader.store.entities import add_entity
from reader.store.models import Article, database

pytestmark = pytest.mark.both_backends
ROOT = Path(__file__).resolve().parents[2]


def _scratch() -> dict[tuple[str, str], tuple[int, tuple[int, ...], tuple[str, ...]]]:
    return {(e.name, e.type): (e.mentions, e.articles, e.variants) for e in ei.entity_index()}


def _kept() -> dict[tuple[str, str], tuple[int, tuple[int, ...], tuple[str, ...]]]:
    entries = el.entries()
    rows = {(r.name, r.type): r for r in el.entry_rows(el.entry_ids())}
    for e in entries:  # the counts a view sorts on agree with the articles listed
        assert rows[(e.name, e.type)].articles == len(e.articles)
    return {(e.name, e.type): (e.mentions, e.articles, e.variants) for e in entries}


def _same(step: str) -> None:
    scratch, kept = _scratch(), _kept()
    wrong = sorted(k for k in set(scratch) | set(kept) if scratch.get(k) != kept.get(k))
    assert not wrong, f"after {step}: {[(k, scratch.get(k), kept.get(k)) for k in wrong[:5]]}"


def _shared(corpus: Corpus) -> tuple[int, object, list[int]]:
    where: dict[tuple[str, str], list[tuple[int, object]]] = {}
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        for e in corpus.entities(aid):
            if e.type in ("LOC", "ORG") and len(e.text) >= 3:
                where.setdefault((e.text, e.type), []).append((aid, e))
    found = max(where.values(), key=lambda f: (len({a for a, _ in f}), f[0][1].text))
    return found[0][0], found[0][1], sorted({a for a, _ in found[1:]} - {found[0][0]})


def test_the_kept_index_equals_the_index_from_scratch_after_every_write(corpus: Corpus) -> None:
    assert entity_index_store.is_current()
    _same("ingest")
    links = database.execute_sql('SELECT COUNT(*) FROM "entity_link"').fetchone()[0]
    assert links > 0  # the seeds have short forms their articles also give in full
    aid, ent, others = _shared(corpus)
    seq = el.last_seq()

    added = corrections.add_entity(corpus, "娄星区纪委", "ORG")
    _same("a corpus-wide add")
    changed, seq2 = el.changed_since(seq)
    assert changed and seq2 > seq
    rejected = corrections.reject_entity(corpus, ent.text, ent.type)
    _same("a corpus-wide reject")
    corrections.apply_edit(corpus, rejected.inverse)
    _same("undo of the reject")
    corrections.apply_edit(corpus, added.inverse)
    _same("undo of the add")

    fixed = occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
    _same("an occurrence fix")
    dropped = occurrences.drop_span(corpus, others[0], *_first_span(corpus, others[0]))
    _same("not an entity here")
    undone = occurrences.apply_any(corpus, dropped.inverse)
    _same("undo of the drop")
    occurrences.apply_any(corpus, undone.inverse)
    _same("redo of the drop")
    occurrences.apply_any(corpus, fixed.inverse)
    _same("undo of the fix")

    ei.add_alias("娄星区", "娄底市娄星区")
    _same("an alias")
    ei.merge(["娄底", "娄底市"], "娄底市", "LOC")
    _same("a merge of names")
    ei.add_alias("娄底市娄星区", "娄星区")  # the two swap roles
    _same("an alias that swaps roles")
    ei.remove_alias("娄底市娄星区")
    _same("an alias removed")

    Article.update(retired=True).where(Article.id == others[0]).execute()
    _same("an article retired")
    Article.update(retired=False).where(Article.id == others[0]).execute()
    _same("an article brought back")
    corpus.recompute_entities(article_ids=[aid, *others[:2]], jobs=0)
    _same("recomputing some articles")


def _first_span(corpus: Corpus, aid: int) -> tuple[int, int]:
    e = next(e for e in corpus.entities(aid) if e.type in ("PER", "LOC", "ORG"))
    return e.start, e.end


def test_deleting_an_article_and_old_view_writes(corpus: Corpus) -> None:
    victim = corpus.articles()[-1].id
    with database.atomic():
        Article.delete().where(Article.id == victim).execute()
    _same("an article deleted")
    art = corpus.articles()[0].id
    add_entity(art, 0, 2, "PER", corpus.article(art).text[:2])
    assert entity_index_store.is_current()  # every span writer keeps the index
    _same("a single mention added")


def test_the_model_rows_and_filters_read_the_aggregate(corpus: Corpus) -> None:
    ids = el.entry_ids()
    rows = el.entry_rows(ids[:50])
    assert [r.mentions for r in rows] == sorted((r.mentions for r in rows), reverse=True)
    assert el.totals()[0] == len(ids)
    locs = el.entry_rows(el.entry_ids(types=["LOC"]))
    assert locs and {r.type for r in locs} == {"LOC"}
    named = el.entry_rows(el.entry_ids(text="娄星"))
    assert named and all(any("娄星" in v for v in (r.name, *r.variants)) for r in named)
    assert el.entry_ids(text="%_") == []  # no wildcards
    top = rows[0]
    assert el.find(top.name, top.type) == top.id
    assert len(el.entry_articles(top.id)) == top.articles
    by_articles = el.entry_rows(el.entry_ids("articles", limit=10))
    assert [r.articles for r in by_articles] == sorted((r.articles for r in by_articles), reverse=True)


@pytest.mark.file_only("a file made at the schema version before the step")
def test_a_corpus_from_before_the_step_gets_the_index_filled(seeded_path: Path, tmp_path: Path) -> None:
    step = migmod.MIGRATIONS.index(migmod._entity_index_stat)
    path = tmp_path / "old.sqlite3"
    shutil.copy(seeded_path, path)
    db = open_db(path, migrate_to=step)  # made at the version before: the step undone by hand
    for table in ("entity_link", "entity_index_stat"):
        db.execute_sql(f'DROP TABLE "{table}"')
    for name in ("entity_index_on_retire", "entity_index_on_unretire", "entity_index_on_delete",
                 "entity_index_on_view_insert", "entity_index_on_view_delete"):
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    db.execute_sql('DELETE FROM "meta" WHERE "key" IN (?, ?)', (entity_index_store.LINKS_KEY, "entity_index.dirty"))
    db.execute_sql(f"PRAGMA user_version = {step}")
    before = {(e.name, e.type): e.mentions for e in ei.entity_index()}
    db.close()
    corpus = Corpus(path)  # migrates
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        assert entity_index_store.is_current()
        _same("the migration")
        assert {k: v[0] for k, v in _kept().items()} == before
    finally:
        corpus.close()


@pytest.mark.file_only("re-ingest of a changed page folder: the same store code on both backends")
def test_reingest_of_a_changed_page_keeps_the_index_exact(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(ROOT / "seeds", pages)
    corpus = Corpus(tmp_path / "c.sqlite3")
    try:
        corpus.ingest([str(pages)])
        page = sorted(pages.glob("*.txt"))[0]
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("娄星区", "娄星县", 3) + "\n\n新的一段：湖南省娄底市娄星区纪委监委召开会议。\n",
                        encoding="utf-8")
        corpus.ingest([str(pages)])  # the page's old articles retired, new ones stored
        _same("re-ingest of a changed page")
        page.write_text(text, encoding="utf-8")
        corpus.ingest([str(pages)])
        _same("re-ingest of the page as it was")
    finally:
        corpus.close()
