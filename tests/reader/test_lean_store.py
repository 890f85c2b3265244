"""The lean store (migration step ``_lean_store``): migrating a database made at every earlier
schema version, with data in it; compact entities behind the ``entity`` view; aggregates kept
up to date on write; the contentless index."""

from __future__ import annotations

from collections import Counter

import json
from pathlib import Path

import pytest

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store import search as S
from reader.store.db import open_db, schema_version
from reader.store.entities import add_entity, all_entities, remove_entities
from reader.store.models import database
from reader.store.sqlite import store

LEAN = migmod.MIGRATIONS.index(migmod._lean_store) + 1  # the version the lean step makes

TEXT_1 = "利剑高悬显锋芒\n娄底市娄星区纪委书记李彦文说，巡察是“𠮷”字号工程。\n图为巡察组在工作。"
TEXT_2 = "乡村振兴看洪江\n洪江区的群众收入增长了13.31万元。"
ENTITIES = [  # article, start, end, type, origin (text cut from the article)
    (1, 8, 11, "LOC", "gazetteer"), (1, 11, 14, "LOC", "gazetteer"), (1, 18, 21, "PER", "rule:title-name"),
    (2, 8, 11, "LOC", "gazetteer"), (2, 0, 2, "ORG", "user"),
]


def _old_database(path: Path, version: int) -> None:
    """A corpus as a program at schema ``version`` wrote it (plain SQL of that version)."""
    db = open_db(path, migrate_to=version)
    run = db.execute_sql
    run("INSERT INTO source_file (id, name, path, sha256, size, encoding, parser_version, ingested) "
        "VALUES (1, 'page.txt', 'page.txt', ?, 10, 'utf-8', 1, '2024-01-01 00:00:00')", ("a" * 64,))
    for article_id, text in ((1, TEXT_1), (2, TEXT_2)):
        structure = {"title": text.split("\n")[0], "body": [{"kind": "paragraph", "text": text}],
                     "captions": ["图为巡察组在工作。"] if article_id == 1 else []}
        run("INSERT INTO article (id, source_id, position, title, display_title, title_derived, authors, "
            "photographers, structure, text, segments, chars, state, note, retired, entities_version, created, "
            "updated) VALUES (?, 1, ?, ?, ?, 0, '[\"周丽\"]', '[]', ?, ?, '[]', ?, 'unread', '', 0, 0, "
            "'2024-01-01', '2024-01-01')",
            (article_id, article_id - 1, text.split("\n")[0], text.split("\n")[0],
             json.dumps(structure, ensure_ascii=False), text, len(text)))
        if version >= 2:
            tokens = " ".join(ch if ch.isalnum() else f"u{ord(ch):x}" for ch in text)
            run("INSERT INTO article_index (rowid, tokens) VALUES (?, ?)", (article_id, tokens))
    texts = {1: TEXT_1, 2: TEXT_2}
    for article_id, start, end, etype, origin in ENTITIES:
        run('INSERT INTO entity (article_id, start, "end", type, text, origin) VALUES (?, ?, ?, ?, ?, ?)',
            (article_id, start, end, etype, texts[article_id][start:end], origin))
    run("INSERT INTO tag (id, name, parent_id, color, description, created) VALUES "
        "(1, '治理', NULL, '#4e79a7', '', '2024-01-01'), (2, '巡察', 1, '#f28e2b', '', '2024-01-01')")
    for ann_id, article_id, start, end in ((1, 1, 22, 24), (2, 1, 8, 14), (3, 2, 8, 11)):
        run("INSERT INTO annotation (id, article_id, start, \"end\", quote, prefix, suffix, note, author, status, "
            "created, updated) VALUES (?, ?, ?, ?, ?, '', '', '', 'me', 'anchored', '2024-01-01', '2024-01-01')",
            (ann_id, article_id, start, end, texts[article_id][start:end]))
    run("INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (1, 2), (2, 2), (3, 1)")
    run("INSERT INTO article_tag (article_id, tag_id) VALUES (1, 1)")
    db.close()


@pytest.mark.parametrize("version", range(1, LEAN))
def test_every_earlier_version_migrates_with_its_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.sqlite3"
    _old_database(path, version)
    corpus = Corpus(path)
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
        texts = {1: TEXT_1, 2: TEXT_2}
        rows = sorted((a, e.start, e.end, e.type, e.text, e.source) for a, e in all_entities())
        assert rows == sorted((a, s, e, t, texts[a][s:e], o) for a, s, e, t, o in ENTITIES)
        for article_id in (1, 2):
            for ent in corpus.entities(article_id):
                assert texts[article_id][ent.start:ent.end] == ent.text
        assert [(r.id, r.entities, r.annotations, r.tags) for r in corpus.article_rows([1, 2])] == [
            (1, 3, 2, ("治理",)), (2, 2, 1, ())]
        assert corpus.tag_counts() == {1: 1, 2: 2}
        assert [h.article_id for h in S.search("巡察")] == [1]
        assert S.search_page("洪江").total == 1 and S.search_page("-洪江").total == 1
        assert [h.article_id for h in S.search("𠮷")] == [1]
        assert S.search("洪江", entity="洪江区")[0].article_id == 2
        structure = json.loads(corpus.db.execute_sql("SELECT structure FROM article WHERE id = 1").fetchone()[0])
        assert "body" not in structure and corpus.article(1).captions == ("图为巡察组在工作。",)
        old_tables = {r[0] for r in corpus.db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "entity" not in old_tables and "entity_span" not in old_tables and "entity_pack" in old_tables
    finally:
        corpus.close()


def test_writes_keep_the_aggregates(empty_corpus: Corpus, seeded_path: Path) -> None:
    corpus = Corpus(seeded_path)
    try:
        first = corpus.articles()[0]
        note = corpus.annotate(first.id, 0, 2, tags=["新标签"])
        tag = corpus.tag_by_name("新标签")
        assert corpus.article_rows([first.id])[0].annotations == first.annotations + 1
        assert corpus.tag_counts()[tag.id] == 1
        corpus.update_annotation(note.id, tags=["别的"])
        assert corpus.tag_counts().get(tag.id, 0) == 0
        corpus.delete_annotation(note.id)
        assert corpus.article_rows([first.id])[0].annotations == first.annotations
        # single-row writes keep counts and the name index
        with database.atomic():
            add_entity(first.id, 0, 2, "ORG", corpus.article(first.id).text[:2], "user")
        assert corpus.article_rows([first.id])[0].entities == first.entities + 1
        assert first.id in {h.article_id for h in S.search(corpus.article(first.id).text[:2], limit=None,
                                                            entity=corpus.article(first.id).text[:2])}
        remove_entities(first.id, lambda e: not (e.start == 0 and e.type == "ORG"))
        assert corpus.article_rows([first.id])[0].entities == first.entities
        # the aggregates agree with a recount everywhere
        counted = Counter(a for a, _e in all_entities())
        recount = {a: counted.get(a, 0) for (a,) in corpus.db.execute_sql("SELECT id FROM article").fetchall()}
        assert {r.id: r.entities for r in corpus.articles(include_retired=True)} == recount
        mentions = corpus.db.execute_sql(
            "SELECT SUM(n) FROM entity_mention").fetchone()[0]
        assert mentions == sum(counted.values())
    finally:
        corpus.close()


def test_deleting_an_article_drops_its_mentions_and_index_entry(seeded_path: Path) -> None:
    corpus = Corpus(seeded_path)
    try:
        row = corpus.articles()[0]
        text = corpus.article(row.id).text
        word = text[text.index("\n") + 1:][:3]
        assert row.id in {h.article_id for h in S.search(word, limit=None)}
        corpus.db.execute_sql("DELETE FROM article WHERE id = ?", (row.id,))
        store().flush_index()
        assert not corpus.db.execute_sql("SELECT 1 FROM entity_mention WHERE article_id = ?", (row.id,)).fetchall()
        assert row.id not in {h.article_id for h in S.search(word, limit=None)}
        assert not corpus.db.execute_sql("SELECT 1 FROM article_index_queue").fetchall()
    finally:
        corpus.close()


def test_a_dropped_trigger_is_recreated_and_counts_repaired(seeded_path: Path) -> None:
    db = open_db(seeded_path)
    db.execute_sql('DROP TRIGGER "annotation_stat_on_insert"')
    first = db.execute_sql("SELECT id FROM article ORDER BY id LIMIT 1").fetchone()[0]
    db.execute_sql("INSERT INTO annotation (article_id, start, \"end\", quote, prefix, suffix, note, author, status, "
                   "created, updated) VALUES (?, 0, 1, 'x', '', '', '', 'me', 'anchored', '2024-01-01', '2024-01-01')",
                   (first,))
    db.close()
    corpus = Corpus(seeded_path)
    try:
        names = {r[0] for r in corpus.db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "annotation_stat_on_insert" in names
        assert corpus.article_rows([first])[0].annotations == len(corpus.annotations(first))
    finally:
        corpus.close()


def test_export_rows_come_in_batches_with_their_annotations(seeded_path: Path) -> None:
    from reader.store.export_rows import ExportSelection, export_counts, iter_export_rows

    corpus = Corpus(seeded_path)
    try:
        rows = corpus.articles()
        corpus.annotate_quote(rows[0].id, "李彦文", tags=["人物"]) if "李彦文" in corpus.article(rows[0].id).text \
            else corpus.annotate(rows[0].id, 0, 2, tags=["人物"])
        corpus.annotate(rows[1].id, 0, 2, tags=["其他"], author="someone")
        batches = list(iter_export_rows(ExportSelection(entities=True), batch_size=7))
        assert [a.id for b in batches for a in b.articles] == [r.id for r in rows]
        assert all(len(b.articles) <= 7 for b in batches)
        everything = [a for b in batches for a in b.annotations]
        assert sorted(a.id for a in everything) == sorted(a.id for a in corpus.annotations())
        first = batches[0]
        assert first.entities[rows[0].id] == corpus.entities(rows[0].id)
        assert first.articles[0] == corpus.article(rows[0].id)
        tagged = ExportSelection(tag_ids=[corpus.tag_by_name("人物").id])
        assert export_counts(tagged) == (1, 1)
        assert [a.id for b in iter_export_rows(tagged) for a in b.articles] == [rows[0].id]
        assert export_counts(ExportSelection(author="someone")) == (1, 1)
        assert list(iter_export_rows(ExportSelection(), cancelled=lambda: True)) == []
    finally:
        corpus.close()
