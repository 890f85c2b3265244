"""The lean store (migration step ``_lean_store``): frozen SQL, SQLite dialect.

What it changes, and why (sizes per million characters of article text, see ``bench/``):

- **Entities** were one wide row per mention (type and origin as strings, the mention's text
  copied, three indexes).  Now ``entity_span`` is a ``WITHOUT ROWID`` table keyed by
  ``(article_id, start, len, type_id)`` holding small integers only: the name is interned once
  in ``entity_name``, types and origins are small integers (``entity_type``, ``entity_origin``).
  ``entity_mention(name_id, type_id, article_id, n)`` is the per-entity aggregate and at the same
  time the only access path by name (the spans need no second index).  A view named ``entity``
  with the old columns (``id, article_id, start, end, type, text, origin``) and ``INSTEAD OF``
  triggers keeps every reader and writer of the old table working; its ``id`` is
  ``article_id * 2**24 + start`` (not a stored key).
- **Full-text index** kept a spaced copy of every character (``index_tokens(text)``) as its
  content.  Now ``article_index`` is a *contentless* FTS5 table over the same tokens: the text is
  stored once, in ``article``.  A contentless row can only be deleted with the tokens it was made
  from, so triggers on ``article`` queue ``(id, text as indexed)`` in ``article_index_queue`` and
  :func:`reader.store.sqlite.flush_index` applies the queue (Pizhu's writers call it in the same
  transaction; searches scan queued articles directly, so nothing is missed meanwhile).
- **Aggregates**: ``article_stat`` (entities and annotations per article) and ``tag_stat``
  (annotations per tag) are kept by triggers (entities by the span writer), so list views
  never count.
- ``article.structure`` no longer repeats the body text (it is ``text`` + ``segments``).
- ``article_list`` is a covering index for list scans, so sorting and filtering the article
  list never reads article rows (whose text would be read along).

Measured at 100,000 articles (``bench/bench_scale.py``): 7.96 MB per million characters, down
from 16.4: articles 4.08 (the UTF-8 text alone is 2.9; JSON columns, a row's overflow pages and
the list index the rest), full-text index 2.14, entities 0.98.  Options measured and left: a
``trigram`` index cannot answer 1-2 character terms (的, 中国) without a scan; ``detail=column``
or bigram doclists cannot count phrase matches exactly without reading texts; a UTF-16 database
saved 0.4, 1 KiB pages 0.6 (at a cost in index speed).  (The later step ``_packed_text`` deflates
the text and segments behind the model field and a SQL function: 5.66 at 100,000 articles.)

Steps are frozen: a later change appends a new step.
"""

from __future__ import annotations

TABLES: tuple[str, ...] = (
    'CREATE TABLE "entity_name" ("id" INTEGER PRIMARY KEY, "text" TEXT NOT NULL UNIQUE)',
    'CREATE TABLE "entity_type" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL UNIQUE)',
    'CREATE TABLE "entity_origin" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL UNIQUE)',
    """INSERT INTO "entity_type" ("id", "name") VALUES (1, 'PER'), (2, 'LOC'), (3, 'ORG'),
       (4, 'DATE'), (5, 'NUM')""",
    """INSERT INTO "entity_origin" ("id", "name") VALUES (1, 'rule'), (2, 'gazetteer'),
       (3, 'user'), (4, 'model')""",
    """CREATE TABLE "entity_span" ("article_id" INTEGER NOT NULL REFERENCES "article" ("id")
       ON DELETE CASCADE, "start" INTEGER NOT NULL, "len" INTEGER NOT NULL,
       "type_id" INTEGER NOT NULL, "name_id" INTEGER NOT NULL, "origin_id" INTEGER NOT NULL,
       PRIMARY KEY ("article_id", "start", "len", "type_id")) WITHOUT ROWID""",
    """CREATE TABLE "entity_mention" ("name_id" INTEGER NOT NULL, "type_id" INTEGER NOT NULL,
       "article_id" INTEGER NOT NULL, "n" INTEGER NOT NULL,
       PRIMARY KEY ("name_id", "type_id", "article_id")) WITHOUT ROWID""",
    """CREATE TABLE "article_stat" ("article_id" INTEGER PRIMARY KEY REFERENCES "article" ("id")
       ON DELETE CASCADE, "entities" INTEGER NOT NULL DEFAULT 0,
       "annotations" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "tag_stat" ("tag_id" INTEGER PRIMARY KEY REFERENCES "tag" ("id")
       ON DELETE CASCADE, "annotations" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "article_index_queue" ("article_id" INTEGER PRIMARY KEY, "indexed" TEXT)""",
)

# Copy the old wide entity rows into the compact tables, then fill the aggregates.
FILL: tuple[str, ...] = (
    'INSERT OR IGNORE INTO "entity_type" ("name") SELECT DISTINCT "type" FROM "entity"',
    'INSERT OR IGNORE INTO "entity_origin" ("name") SELECT DISTINCT "origin" FROM "entity"',
    'INSERT OR IGNORE INTO "entity_name" ("text") SELECT DISTINCT "text" FROM "entity"',
    """INSERT OR IGNORE INTO "entity_span" SELECT e."article_id", e."start", e."end" - e."start",
       t."id", n."id", o."id" FROM "entity" AS e JOIN "entity_type" AS t ON t."name" = e."type"
       JOIN "entity_name" AS n ON n."text" = e."text" JOIN "entity_origin" AS o ON o."name" = e."origin"
       WHERE e."end" > e."start" ORDER BY e."article_id", e."start\"""",
    'DROP TABLE "entity"',
    """INSERT INTO "entity_mention" SELECT "name_id", "type_id", "article_id", COUNT(*)
       FROM "entity_span" GROUP BY "name_id", "type_id", "article_id\"""",
    """INSERT INTO "article_stat" SELECT a."id",
       (SELECT COUNT(*) FROM "entity_span" AS s WHERE s."article_id" = a."id"),
       (SELECT COUNT(*) FROM "annotation" AS n WHERE n."article_id" = a."id") FROM "article" AS a""",
    """INSERT INTO "tag_stat" SELECT t."id",
       (SELECT COUNT(*) FROM "annotation_tag" AS l WHERE l."tag_id" = t."id") FROM "tag" AS t""",
    """UPDATE "article" SET "structure" = json_remove("structure", '$.body')
       WHERE json_type("structure", '$.body') IS NOT NULL""",
    'DROP TRIGGER IF EXISTS "article_index_on_delete"',
    'DROP TABLE IF EXISTS "article_index"',
    """CREATE VIRTUAL TABLE "article_index" USING fts5("tokens", content='',
       tokenize='unicode61 remove_diacritics 0')""",
    'INSERT INTO "article_index_queue" ("article_id", "indexed") SELECT "id", NULL FROM "article"',
    """CREATE INDEX "article_list" ON "article" ("retired", "source_id", "position", "state",
       "chars", "title_derived", "display_title", "authors", "title")""",
)

ENTITY_VIEW = """CREATE VIEW "entity" ("id", "article_id", "start", "end", "type", "text", "origin") AS
    SELECT s."article_id" * 16777216 + s."start", s."article_id", s."start", s."start" + s."len",
           t."name", n."text", o."name"
    FROM "entity_name" AS n
    JOIN "entity_mention" AS m ON m."name_id" = n."id"
    JOIN "entity_span" AS s ON s."article_id" = m."article_id" AND s."name_id" = m."name_id"
                            AND s."type_id" = m."type_id"
    JOIN "entity_type" AS t ON t."id" = s."type_id"
    JOIN "entity_origin" AS o ON o."id" = s."origin_id\""""

# Name -> trigger.  :func:`reader.store.sqlite.check_schema` re-creates any that a later step
# dropped (e.g. by rebuilding a table) and recounts the aggregates when it does.
TRIGGERS: dict[str, str] = {
    "article_stat_on_insert": """CREATE TRIGGER "article_stat_on_insert" AFTER INSERT ON "article"
        BEGIN INSERT OR IGNORE INTO "article_stat" ("article_id") VALUES (new."id");
        INSERT OR IGNORE INTO "article_index_queue" ("article_id", "indexed") VALUES (new."id", NULL); END""",
    "article_on_text": """CREATE TRIGGER "article_on_text" AFTER UPDATE OF "text" ON "article"
        WHEN new."text" IS NOT old."text"
        BEGIN INSERT OR IGNORE INTO "article_index_queue" ("article_id", "indexed") VALUES (old."id", old."text"); END""",
    "article_on_delete": """CREATE TRIGGER "article_on_delete" BEFORE DELETE ON "article"
        BEGIN INSERT OR IGNORE INTO "article_index_queue" ("article_id", "indexed") VALUES (old."id", old."text");
        DELETE FROM "entity_mention" WHERE "article_id" = old."id" AND ("name_id", "type_id") IN
            (SELECT DISTINCT "name_id", "type_id" FROM "entity_span" WHERE "article_id" = old."id"); END""",
    "annotation_stat_on_insert": """CREATE TRIGGER "annotation_stat_on_insert" AFTER INSERT ON "annotation"
        BEGIN UPDATE "article_stat" SET "annotations" = "annotations" + 1 WHERE "article_id" = new."article_id"; END""",
    "annotation_stat_on_delete": """CREATE TRIGGER "annotation_stat_on_delete" AFTER DELETE ON "annotation"
        BEGIN UPDATE "article_stat" SET "annotations" = "annotations" - 1 WHERE "article_id" = old."article_id"; END""",
    "annotation_stat_on_move": """CREATE TRIGGER "annotation_stat_on_move" AFTER UPDATE OF "article_id" ON "annotation"
        WHEN new."article_id" IS NOT old."article_id"
        BEGIN UPDATE "article_stat" SET "annotations" = "annotations" - 1 WHERE "article_id" = old."article_id";
        UPDATE "article_stat" SET "annotations" = "annotations" + 1 WHERE "article_id" = new."article_id"; END""",
    "tag_stat_on_insert": """CREATE TRIGGER "tag_stat_on_insert" AFTER INSERT ON "tag"
        BEGIN INSERT OR IGNORE INTO "tag_stat" ("tag_id") VALUES (new."id"); END""",
    "tag_stat_on_link": """CREATE TRIGGER "tag_stat_on_link" AFTER INSERT ON "annotation_tag"
        BEGIN UPDATE "tag_stat" SET "annotations" = "annotations" + 1 WHERE "tag_id" = new."tag_id"; END""",
    "tag_stat_on_unlink": """CREATE TRIGGER "tag_stat_on_unlink" AFTER DELETE ON "annotation_tag"
        BEGIN UPDATE "tag_stat" SET "annotations" = "annotations" - 1 WHERE "tag_id" = old."tag_id"; END""",
    "tag_stat_on_relink": """CREATE TRIGGER "tag_stat_on_relink" AFTER UPDATE OF "tag_id" ON "annotation_tag"
        WHEN new."tag_id" IS NOT old."tag_id"
        BEGIN UPDATE "tag_stat" SET "annotations" = "annotations" - 1 WHERE "tag_id" = old."tag_id";
        UPDATE "tag_stat" SET "annotations" = "annotations" + 1 WHERE "tag_id" = new."tag_id"; END""",
    "entity_on_insert": """CREATE TRIGGER "entity_on_insert" INSTEAD OF INSERT ON "entity"
        WHEN new."end" > new."start" AND NOT EXISTS (SELECT 1 FROM "entity_span" AS s
            JOIN "entity_type" AS t ON t."id" = s."type_id" WHERE s."article_id" = new."article_id"
            AND s."start" = new."start" AND s."len" = new."end" - new."start" AND t."name" = new."type")
        BEGIN
        INSERT OR IGNORE INTO "entity_name" ("text") VALUES (new."text");
        INSERT OR IGNORE INTO "entity_type" ("name") VALUES (new."type");
        INSERT OR IGNORE INTO "entity_origin" ("name") VALUES (coalesce(new."origin", 'rule'));
        INSERT INTO "entity_span" VALUES (new."article_id", new."start", new."end" - new."start",
            (SELECT "id" FROM "entity_type" WHERE "name" = new."type"),
            (SELECT "id" FROM "entity_name" WHERE "text" = new."text"),
            (SELECT "id" FROM "entity_origin" WHERE "name" = coalesce(new."origin", 'rule')));
        INSERT INTO "entity_mention" VALUES ((SELECT "id" FROM "entity_name" WHERE "text" = new."text"),
            (SELECT "id" FROM "entity_type" WHERE "name" = new."type"), new."article_id", 1)
            ON CONFLICT DO UPDATE SET "n" = "n" + 1;
        UPDATE "article_stat" SET "entities" = "entities" + 1 WHERE "article_id" = new."article_id";
        END""",
    "entity_on_delete": """CREATE TRIGGER "entity_on_delete" INSTEAD OF DELETE ON "entity"
        BEGIN
        DELETE FROM "entity_span" WHERE "article_id" = old."article_id" AND "start" = old."start"
            AND "len" = old."end" - old."start" AND "type_id" = (SELECT "id" FROM "entity_type" WHERE "name" = old."type");
        UPDATE "entity_mention" SET "n" = "n" - 1 WHERE "article_id" = old."article_id"
            AND "name_id" = (SELECT "id" FROM "entity_name" WHERE "text" = old."text")
            AND "type_id" = (SELECT "id" FROM "entity_type" WHERE "name" = old."type");
        DELETE FROM "entity_mention" WHERE "article_id" = old."article_id" AND "n" <= 0
            AND "name_id" = (SELECT "id" FROM "entity_name" WHERE "text" = old."text");
        UPDATE "article_stat" SET "entities" = "entities" - 1 WHERE "article_id" = old."article_id";
        END""",
}

RECOUNT: tuple[str, ...] = (
    'INSERT OR IGNORE INTO "article_stat" ("article_id") SELECT "id" FROM "article"',
    'INSERT OR IGNORE INTO "tag_stat" ("tag_id") SELECT "id" FROM "tag"',
    """UPDATE "article_stat" SET "annotations" = (SELECT COUNT(*) FROM "annotation" AS n
       WHERE n."article_id" = "article_stat"."article_id")""",
    """UPDATE "tag_stat" SET "annotations" = (SELECT COUNT(*) FROM "annotation_tag" AS l
       WHERE l."tag_id" = "tag_stat"."tag_id")""",
)


def statements() -> list[str]:
    """Every statement of the step, in order."""
    return [*TABLES, *FILL, ENTITY_VIEW, *TRIGGERS.values()]
