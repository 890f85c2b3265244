"""Step ``_entity_packs`` (server ``_s15_entity_packs``): an article's entity spans are one packed
value (:mod:`reader.store.entity_pack`).  The format round-trips (one value and many at once);
a corpus of the step before (its ``entity_span`` rows, the ``entity`` view and its triggers)
migrates to the same spans, mentions, counts and entity index, with the old tables gone; the
triggers that read the spans (an article's deletion, retirement) keep mentions and index exact."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from reader.analysis import entity_index as ei
from reader.corpus import Corpus
from reader.store import entity_index_sql as q
from reader.store import entity_index_store, entity_pack, lean_schema
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version
from reader.store.entities import add_entity, all_entities, article_entities, spans_for_articles
from reader.store.models import Article, database

STEP = migmod.MIGRATIONS.index(migmod._entity_packs) + 1


def test_the_format_round_trips_one_value_and_many() -> None:
    rng = random.Random(7)
    assert entity_pack.encode([]) == b"" and entity_pack.decode(b"") == [] and entity_pack.decode(None) == []
    values = []
    for _ in range(200):
        spans = [(rng.randrange(0, 1 << rng.choice((7, 14, 21, 35))), rng.randrange(1, 1 << rng.choice((3, 8, 17))),
                  rng.randrange(1, rng.choice((6, 40, 300))), rng.randrange(1, 1 << rng.choice((7, 17, 31))),
                  rng.randrange(1, rng.choice((5, 30, 200)))) for _ in range(rng.randrange(0, 60))]
        blob = entity_pack.encode(spans)
        first = {}
        for s, n, t, name, o in spans:
            first.setdefault((s, n, t), (name, o))
        expected = sorted((s, n, t, name, o) for (s, n, t), (name, o) in first.items())
        assert entity_pack.decode(blob) == expected  # sorted by (start, len, type), duplicates keep the first
        assert entity_pack.keys(blob) == {(name, t) for _s, _n, t, name, _o in expected}
        values.append(blob)
    doc, start, length, type_id, name_id, origin_id = entity_pack.decode_many(values)
    got = list(zip(doc.tolist(), start.tolist(), length.tolist(), type_id.tolist(), name_id.tolist(),
                   origin_id.tolist()))
    assert got == [(d, *span) for d, blob in enumerate(values) for span in entity_pack.decode(blob)]
    with pytest.raises(ValueError):
        entity_pack.encode([(0, -1, 1, 1, 1)])


def _rows(db: object) -> list[tuple[int, ...]]:
    return db.execute_sql('SELECT * FROM "entity_span" ORDER BY 1, 2, 3, 4').fetchall()  # type: ignore[attr-defined]


def _undo(db: object) -> None:
    """The corpus as the step before left it: the spans as rows, the view and its triggers."""
    run = db.execute_sql  # type: ignore[attr-defined]
    run(next(s for s in lean_schema.TABLES if s.startswith('CREATE TABLE "entity_span"')))
    rows = [(a, *span) for a, blob in run('SELECT "article_id", "spans" FROM "entity_pack"').fetchall()
            for span in entity_pack.decode(blob)]
    db.cursor().executemany('INSERT INTO "entity_span" VALUES (?, ?, ?, ?, ?, ?)', rows)  # type: ignore[attr-defined]
    run('DROP TABLE "entity_pack"')
    run(lean_schema.ENTITY_VIEW)
    for name in ("entity_on_insert", "entity_on_delete", "article_on_delete"):
        run(f'DROP TRIGGER IF EXISTS "{name}"')
        run(lean_schema.TRIGGERS[name])
    for name, statement in q.SQLITE_TRIGGERS.items():  # after the lean ones, as the step made them
        run(f'DROP TRIGGER IF EXISTS "{name}"')
        run(statement)
    run(f"PRAGMA user_version = {STEP - 1}")


def _facts(corpus: Corpus) -> tuple[object, ...]:
    ids = [a for (a,) in Article.select(Article.id).order_by(Article.id).tuples()]
    entities = {a: article_entities(a) for a in ids}
    mentions = corpus.db.execute_sql('SELECT * FROM "entity_mention" ORDER BY 1, 2, 3').fetchall()
    stat = corpus.db.execute_sql('SELECT "article_id", "entities" FROM "article_stat" ORDER BY 1').fetchall()
    index = sorted((e.name, e.type, e.mentions, e.articles) for e in ei.entity_index())
    return entities, mentions, stat, index


@pytest.mark.file_only("a file at the schema version before the step")
def test_a_corpus_of_the_step_before_gets_packs_with_the_same_spans(seeded_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(seeded_path, path)
    corpus = Corpus(path)
    first = corpus.articles()[0].id
    add_entity(first, 0, 2, "ORG", corpus.article(first).text[:2], "user")  # a user's span, origin kept
    before = _facts(corpus)
    corpus.close()
    db = open_db(path)
    with db.atomic():
        _undo(db)
    old = _rows(db)
    assert len(old) == sum(n for _a, n in before[2]) and any(r[5] == 3 for r in old)  # origin 3: user
    # the old view writes (an earlier program's way) still work at that version
    db.execute_sql('INSERT INTO "entity" ("article_id", "start", "end", "type", "text", "origin") '
                   "VALUES (?, 1, 3, 'PER', 'x', 'rule')", (first,))
    db.execute_sql('DELETE FROM "entity" WHERE "article_id" = ? AND "start" = 1 AND "type" = \'PER\'', (first,))
    assert _rows(db) == old
    db.execute_sql('DELETE FROM "meta" WHERE "key" = ?', (q.DIRTY_KEY,))  # they marked the index; they cancel out
    db.close()

    corpus = Corpus(path)  # migrates
    try:
        assert schema_version(corpus.db) == len(migmod.MIGRATIONS) >= STEP
        names = {r[0] for r in corpus.db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert "entity_pack" in names and not {"entity_span", "entity"} & names
        assert not names & {"entity_on_insert", "entity_on_delete", "entity_index_on_view_insert",
                            "entity_index_on_view_delete"}
        assert corpus.db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0  # repacked
        packed = [(a, *span) for a, blob in corpus.db.execute_sql(
            'SELECT "article_id", "spans" FROM "entity_pack" ORDER BY 1').fetchall() for span in entity_pack.decode(blob)]
        assert packed == old
        assert entity_index_store.is_current()
        assert _facts(corpus) == before
        size = corpus.db.execute_sql('SELECT SUM(length("spans")) FROM "entity_pack"').fetchone()[0]
        assert size / len(old) < 6  # bytes per span
        assert not corpus.db.execute_sql('PRAGMA foreign_key_check("entity_pack")').fetchall()
    finally:
        corpus.close()


@pytest.mark.both_backends
def test_deleting_and_retiring_articles_keep_mentions_and_index_exact(seeded_path: Path) -> None:
    corpus = Corpus(seeded_path)
    try:
        victim, retired = [a.id for a in corpus.articles()[:2]]
        assert article_entities(victim) and article_entities(retired)
        with database.atomic():
            Article.delete().where(Article.id == victim).execute()
        assert not corpus.db.execute_sql('SELECT 1 FROM "entity_mention" WHERE "article_id" = ?', (victim,)).fetchone()
        assert not corpus.db.execute_sql('SELECT 1 FROM "entity_pack" WHERE "article_id" = ?', (victim,)).fetchone()
        with database.atomic():
            Article.update(retired=True).where(Article.id == retired).execute()
        kept = sorted((e.name, e.type, e.mentions, e.articles) for e in ei.entity_index())
        with database.atomic():
            assert entity_index_store.rebuild()
        assert sorted((e.name, e.type, e.mentions, e.articles) for e in ei.entity_index()) == kept
        mentions = corpus.db.execute_sql('SELECT SUM("n") FROM "entity_mention"').fetchone()[0]
        assert mentions == sum(1 for _ in all_entities())
        spans = list(spans_for_articles([retired], live=True))
        assert spans == [] and list(spans_for_articles([retired]))
    finally:
        corpus.close()


def _server_undo(db: object) -> None:
    """A server as the steps before 15 left it: spans as rows, the view, its triggers, the notices."""
    from reader.store import pg_schema

    run = db.execute_sql  # type: ignore[attr-defined]
    run(next(s for s in pg_schema.TABLES if s.startswith('CREATE TABLE "entity_span"')))
    rows = [(a, *span) for a, blob in run('SELECT "article_id", "spans" FROM "entity_pack"').fetchall()
            for span in entity_pack.decode(blob)]
    db.cursor().executemany('INSERT INTO "entity_span" VALUES (?, ?, ?, ?, ?, ?)', rows)  # type: ignore[attr-defined]
    run('DROP TABLE "entity_pack"')
    run(next(s for s in pg_schema.TABLES if s.startswith('CREATE VIEW "entity"')))
    for name in q.SERVER_TRIGGERS:
        run(f'DROP FUNCTION IF EXISTS "pizhu_{name}"() CASCADE')
    view_writers = {k: v for k, v in pg_schema.TRIGGERS.items() if k in ("entity_on_insert", "entity_on_delete")}
    for statement in pg_schema.trigger_statements({**view_writers, **q.SERVER_TRIGGERS}):
        run(statement)
    for event, transition in (("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "NEW TABLE AS new_rows"),
                              ("DELETE", "OLD TABLE AS old_rows")):
        run(f'CREATE TRIGGER "entity_span_{event.lower()}_notice" AFTER {event} ON "entity_span" '
            f'REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION "pizhu_notify_spans"()')
    run('DELETE FROM "pizhu_schema" WHERE "step" >= ?', (pg_schema.SERVER_MIGRATIONS.index(pg_schema._s15_entity_packs) + 1,))


@pytest.mark.server
def test_a_server_of_the_step_before_gets_packs_with_the_same_spans(pg_cluster, seeded_server_template: str) -> None:  # type: ignore[no-untyped-def]
    from reader.store.pg_schema import SERVER_MIGRATIONS
    from reader.store.postgres import connect, server_version

    uri = pg_cluster.new_database(template=seeded_server_template)
    corpus = Corpus(uri)
    before = _facts(corpus)
    corpus.close()
    db = connect(uri)
    with db.atomic():
        _server_undo(db)
    old = _rows(db)
    assert old
    db.close()
    corpus = Corpus(uri)  # migrates
    try:
        assert server_version(corpus.db) == len(SERVER_MIGRATIONS)
        assert not corpus.db.table_exists("entity_span")
        assert _facts(corpus) == before
        first = corpus.articles()[0].id
        with database.atomic():
            Article.delete().where(Article.id == first).execute()
        assert not corpus.db.execute_sql('SELECT 1 FROM "entity_mention" WHERE "article_id" = ?', (first,)).fetchone()
        kept = sorted((e.name, e.type, e.mentions, e.articles) for e in ei.entity_index())
        with database.atomic():
            assert entity_index_store.rebuild()
        assert sorted((e.name, e.type, e.mentions, e.articles) for e in ei.entity_index()) == kept
    finally:
        corpus.close()
        pg_cluster.drop(uri)


def test_a_damaged_pack_is_a_damaged_storage_error_naming_the_file(seeded_path: Path, tmp_path: Path) -> None:
    from reader.store.safety import StorageError

    path = tmp_path / "damaged.sqlite3"
    shutil.copyfile(seeded_path, path)
    corpus = Corpus(path)
    article_id, blob = corpus.db.execute_sql(
        'SELECT "article_id", "spans" FROM "entity_pack" ORDER BY length("spans") DESC LIMIT 1').fetchone()
    assert article_entities(article_id)
    for broken in (bytes(blob)[:-1] + b"\x80", bytes(blob)[:-2], bytes(blob) + b"\x7f"):  # cut inside a number, cut, a stray byte
        corpus.db.execute_sql('UPDATE "entity_pack" SET "spans" = ? WHERE "article_id" = ?', (broken, article_id))
        with pytest.raises(StorageError) as caught:
            article_entities(article_id)
        assert caught.value.code == "damaged" and str(path) in str(caught.value)
    corpus.close()
