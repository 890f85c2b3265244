"""The schema of a server corpus (PostgreSQL) as numbered steps, keyed on a version table.

A file corpus counts its steps in ``PRAGMA user_version`` (:mod:`reader.store.migrations`); a
server has no such pragma, so each applied step is a row of ``pizhu_schema`` (step number, name,
when) and the version is the highest step.  Step 1 is the whole schema as the file corpus has it
after its lean-store, team, page-identity and article-tag steps, in PostgreSQL's dialect:

- the same tables and column names, so peewee models and the portable SQL of ``reader.store``
  run unchanged; ids are sequences (never reused, like the file corpus's ``AUTOINCREMENT``),
  flags (``retired``, ``title_derived``) are integers 0/1 as on SQLite, JSON columns are text;
- the same aggregates (``article_stat``, ``tag_stat``) and the ``entity`` view over the compact
  entity tables, kept by PL/pgSQL triggers instead of SQLite ones;
- the full-text index ``article_index(rowid, tokens tsvector)`` with a GIN index: one lexeme per
  code point (the tokens of :func:`reader.store.query.index_tokens`, lower-cased) with its
  position, so a term of any length is a phrase query ``a <-> b <-> c`` (why: see
  :mod:`reader.store.pg_index`).  ``article_index_queue`` is filled by triggers as on SQLite
  and applied by :meth:`reader.store.pg_index.PostgresStore.flush_index`;
- ``instr(text, text)`` and the aggregate ``group_concat(value)``, the SQLite functions the core
  calls.

Step 2 adds annotation row versions, step 3 the change notices of :mod:`reader.store.live`,
step 4 the analysis tables, step 5 the entity occurrence fixes, step 6 the page fixes, step 7
(server only) makes the index vectors in SQL (:mod:`reader.store.pg_index`), step 8 (server
only) adds SQLite's scalar ``max``/``min``, step 9 who changed an annotation last, step 10
(server only) entity notices, step 11 the entity index kept on write, step 12 (server only) the
model retrained from the corrections, kept in the database (:mod:`reader.store.server_model`),
step 13 drops the unique index of the term texts (the vocabulary is held in memory), step 14
keeps the vocabulary in blocks of 4,096 terms (``term_block``).
Steps are frozen: a later schema change appends a step here *and* one to ``MIGRATIONS``.

The file step ``_packed_text`` has no server step on purpose: it changes how a file stores
article text and segments (deflated BLOBs, see :mod:`reader.store.packed_text`; 16 KiB pages),
not the layout.  A server keeps both as ``text``, which PostgreSQL compresses by itself (TOAST),
and :mod:`reader.store.copying` unpacks and packs them between the two.  The file step
``_packed_structure`` has none for the same reason: it deflates ``article.structure`` the same way;
nor has ``_packed_term_chunks`` (nor ``_coded_term_chunks``): the term statistics read every blob
format, and a server's chunks take the new one when they are next rebuilt; nor ``_short_signatures``
(a server's full reprint signatures are read by their low 16 bits, new ones are stored short); nor
``_ranked_text`` (a server keeps plain text).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database

VERSION_TABLE = (
    'CREATE TABLE IF NOT EXISTS "pizhu_schema" ("step" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, '
    '"applied" TIMESTAMP NOT NULL DEFAULT now())'
)

TABLES: tuple[str, ...] = (
    """CREATE TABLE "coder" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL UNIQUE,
       "color" VARCHAR(9) NOT NULL, "created" TIMESTAMP NOT NULL)""",
    """CREATE TABLE "source_file" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL UNIQUE,
       "path" TEXT NOT NULL, "sha256" VARCHAR(64) NOT NULL, "size" BIGINT NOT NULL,
       "encoding" VARCHAR(32) NOT NULL, "parser_version" INTEGER NOT NULL, "ingested" TIMESTAMP NOT NULL,
       "published" DATE, "paper" TEXT, "page" INTEGER)""",
    'CREATE INDEX "source_file_published" ON "source_file" ("published")',
    'CREATE INDEX "source_file_path" ON "source_file" ("path")',
    'CREATE INDEX "source_file_sha256" ON "source_file" ("sha256")',
    """CREATE TABLE "article" ("id" SERIAL PRIMARY KEY,
       "source_id" INTEGER NOT NULL REFERENCES "source_file" ("id") ON DELETE CASCADE,
       "position" INTEGER NOT NULL, "title" TEXT, "display_title" TEXT NOT NULL,
       "title_derived" INTEGER NOT NULL, "subtitle" TEXT, "kicker" TEXT, "column" TEXT,
       "authors" TEXT NOT NULL, "photographers" TEXT NOT NULL, "dateline" TEXT, "structure" TEXT NOT NULL,
       "text" TEXT NOT NULL, "segments" TEXT NOT NULL, "chars" INTEGER NOT NULL, "state" VARCHAR(16) NOT NULL,
       "note" TEXT NOT NULL, "retired" INTEGER NOT NULL, "entities_version" INTEGER NOT NULL,
       "created" TIMESTAMP NOT NULL, "updated" TIMESTAMP NOT NULL,
       "note_coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL)""",
    'CREATE INDEX "article_source_id_position" ON "article" ("source_id", "position")',
    """CREATE INDEX "article_list" ON "article" ("retired", "source_id", "position", "state", "chars",
       "title_derived")""",
    """CREATE TABLE "annotation" ("id" SERIAL PRIMARY KEY,
       "article_id" INTEGER NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE,
       "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "quote" TEXT NOT NULL, "prefix" TEXT NOT NULL,
       "suffix" TEXT NOT NULL, "note" TEXT NOT NULL, "author" VARCHAR(255) NOT NULL,
       "status" VARCHAR(16) NOT NULL, "created" TIMESTAMP NOT NULL, "updated" TIMESTAMP NOT NULL,
       "coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL)""",
    'CREATE INDEX "annotation_article_id" ON "annotation" ("article_id")',
    'CREATE INDEX "annotation_coder_id" ON "annotation" ("coder_id")',
    """CREATE TABLE "tag" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL UNIQUE,
       "parent_id" INTEGER REFERENCES "tag" ("id") ON DELETE SET NULL, "color" VARCHAR(9) NOT NULL,
       "description" TEXT NOT NULL, "created" TIMESTAMP NOT NULL,
       "coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL)""",
    'CREATE INDEX "tag_parent_id" ON "tag" ("parent_id")',
    """CREATE TABLE "annotation_tag" ("id" SERIAL PRIMARY KEY,
       "annotation_id" INTEGER NOT NULL REFERENCES "annotation" ("id") ON DELETE CASCADE,
       "tag_id" INTEGER NOT NULL REFERENCES "tag" ("id") ON DELETE CASCADE,
       UNIQUE ("annotation_id", "tag_id"))""",
    'CREATE INDEX "annotation_tag_tag_id" ON "annotation_tag" ("tag_id")',
    """CREATE TABLE "article_label" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL UNIQUE,
       "color" VARCHAR(9) NOT NULL, "created" TIMESTAMP NOT NULL)""",
    """CREATE TABLE "article_tag" ("id" SERIAL PRIMARY KEY,
       "article_id" INTEGER NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE,
       "tag_id" INTEGER NOT NULL REFERENCES "article_label" ("id") ON DELETE CASCADE,
       "coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL, UNIQUE ("article_id", "tag_id"))""",
    'CREATE INDEX "article_tag_tag_id" ON "article_tag" ("tag_id")',
    """CREATE TABLE "entity_correction" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL,
       "type" VARCHAR(8) NOT NULL, "action" VARCHAR(8) NOT NULL, "created" TIMESTAMP NOT NULL,
       "coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL, UNIQUE ("text", "type", "action"))""",
    """CREATE TABLE "entity_alias" ("id" SERIAL PRIMARY KEY, "alias" TEXT NOT NULL UNIQUE,
       "canonical" TEXT NOT NULL, "type" VARCHAR(8) NOT NULL)""",
    'CREATE TABLE "meta" ("key" VARCHAR(255) PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "entity_name" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL UNIQUE)',
    'CREATE TABLE "entity_type" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL UNIQUE)',
    'CREATE TABLE "entity_origin" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL UNIQUE)',
    """INSERT INTO "entity_type" ("name") VALUES ('PER'), ('LOC'), ('ORG'), ('DATE'), ('NUM')""",
    """INSERT INTO "entity_origin" ("name") VALUES ('rule'), ('gazetteer'), ('user'), ('model')""",
    """CREATE TABLE "entity_span" ("article_id" INTEGER NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE,
       "start" INTEGER NOT NULL, "len" INTEGER NOT NULL, "type_id" INTEGER NOT NULL,
       "name_id" INTEGER NOT NULL, "origin_id" INTEGER NOT NULL,
       PRIMARY KEY ("article_id", "start", "len", "type_id"))""",
    """CREATE TABLE "entity_mention" ("name_id" INTEGER NOT NULL, "type_id" INTEGER NOT NULL,
       "article_id" INTEGER NOT NULL, "n" INTEGER NOT NULL, PRIMARY KEY ("name_id", "type_id", "article_id"))""",
    'CREATE INDEX "entity_mention_article_id" ON "entity_mention" ("article_id")',
    """CREATE TABLE "article_stat" ("article_id" INTEGER PRIMARY KEY REFERENCES "article" ("id")
       ON DELETE CASCADE, "entities" INTEGER NOT NULL DEFAULT 0, "annotations" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "tag_stat" ("tag_id" INTEGER PRIMARY KEY REFERENCES "tag" ("id") ON DELETE CASCADE,
       "annotations" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "article_index_queue" ("article_id" INTEGER PRIMARY KEY, "indexed" TEXT,
       "too_long" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "article_index" ("rowid" INTEGER PRIMARY KEY REFERENCES "article" ("id") ON DELETE CASCADE,
       "tokens" TSVECTOR NOT NULL)""",
    'CREATE INDEX "article_index_tokens" ON "article_index" USING GIN ("tokens")',
    """CREATE VIEW "entity" ("id", "article_id", "start", "end", "type", "text", "origin") AS
       SELECT s."article_id"::BIGINT * 16777216 + s."start", s."article_id", s."start", s."start" + s."len",
              t."name", n."text", o."name"
       FROM "entity_span" AS s JOIN "entity_name" AS n ON n."id" = s."name_id"
       JOIN "entity_type" AS t ON t."id" = s."type_id" JOIN "entity_origin" AS o ON o."id" = s."origin_id\"""",
    """CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE
       AS 'SELECT strpos(haystack, needle)'""",
    """CREATE FUNCTION pizhu_concat_step(acc TEXT, value ANYELEMENT) RETURNS TEXT LANGUAGE sql IMMUTABLE
       AS $fn$ SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value::TEXT
                           ELSE acc || ',' || value::TEXT END $fn$""",
    'CREATE AGGREGATE group_concat(ANYELEMENT) (SFUNC = pizhu_concat_step, STYPE = TEXT)',
)

# name -> (function body, trigger statement); each function returns what its trigger needs.
TRIGGERS: dict[str, tuple[str, str]] = {
    "article_on_insert": (
        """INSERT INTO "article_stat" ("article_id") VALUES (NEW."id") ON CONFLICT DO NOTHING;
           INSERT INTO "article_index_queue" ("article_id", "indexed") VALUES (NEW."id", NULL) ON CONFLICT DO NOTHING;
           RETURN NULL;""",
        'AFTER INSERT ON "article" FOR EACH ROW'),
    "article_on_text": (
        """INSERT INTO "article_index_queue" ("article_id", "indexed") VALUES (OLD."id", OLD."text")
           ON CONFLICT ("article_id") DO UPDATE SET "too_long" = 0; RETURN NULL;""",
        'AFTER UPDATE OF "text" ON "article" FOR EACH ROW WHEN (NEW."text" IS DISTINCT FROM OLD."text")'),
    "article_on_delete": (
        """DELETE FROM "entity_mention" WHERE "article_id" = OLD."id";
           DELETE FROM "article_index_queue" WHERE "article_id" = OLD."id"; RETURN OLD;""",
        'BEFORE DELETE ON "article" FOR EACH ROW'),
    "annotation_coder": (
        """DECLARE who TEXT;
           BEGIN
           IF NEW."coder_id" IS NULL THEN
             who := CASE WHEN trim(NEW."author") = '' THEN 'unknown' ELSE NEW."author" END;
             INSERT INTO "coder" ("name", "color", "created") VALUES (who,
               (ARRAY['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b',
                      '#e377c2'])[(SELECT COUNT(*) FROM "coder") % 8 + 1], now() AT TIME ZONE 'UTC')
               ON CONFLICT DO NOTHING;
             NEW."author" := who;
             NEW."coder_id" := (SELECT "id" FROM "coder" WHERE "name" = who);
           ELSIF trim(NEW."author") = '' THEN
             NEW."author" := (SELECT "name" FROM "coder" WHERE "id" = NEW."coder_id");
           END IF;
           RETURN NEW;
           END""",
        'BEFORE INSERT ON "annotation" FOR EACH ROW'),
    "annotation_stat": (
        """IF TG_OP IN ('DELETE', 'UPDATE') THEN
             UPDATE "article_stat" SET "annotations" = "annotations" - 1 WHERE "article_id" = OLD."article_id";
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             UPDATE "article_stat" SET "annotations" = "annotations" + 1 WHERE "article_id" = NEW."article_id";
           END IF;
           RETURN NULL;""",
        'AFTER INSERT OR DELETE OR UPDATE OF "article_id" ON "annotation" FOR EACH ROW'),
    "tag_on_insert": (
        """INSERT INTO "tag_stat" ("tag_id") VALUES (NEW."id") ON CONFLICT DO NOTHING; RETURN NULL;""",
        'AFTER INSERT ON "tag" FOR EACH ROW'),
    "tag_stat": (
        """IF TG_OP IN ('DELETE', 'UPDATE') THEN
             UPDATE "tag_stat" SET "annotations" = "annotations" - 1 WHERE "tag_id" = OLD."tag_id";
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             UPDATE "tag_stat" SET "annotations" = "annotations" + 1 WHERE "tag_id" = NEW."tag_id";
           END IF;
           RETURN NULL;""",
        'AFTER INSERT OR DELETE OR UPDATE OF "tag_id" ON "annotation_tag" FOR EACH ROW'),
    "entity_on_insert": (
        """DECLARE t_id INTEGER; n_id INTEGER; o_id INTEGER;
           BEGIN
           IF NEW."end" <= NEW."start" THEN RETURN NULL; END IF;
           INSERT INTO "entity_name" ("text") VALUES (NEW."text") ON CONFLICT DO NOTHING;
           INSERT INTO "entity_type" ("name") VALUES (NEW."type") ON CONFLICT DO NOTHING;
           INSERT INTO "entity_origin" ("name") VALUES (coalesce(NEW."origin", 'rule')) ON CONFLICT DO NOTHING;
           SELECT "id" INTO t_id FROM "entity_type" WHERE "name" = NEW."type";
           SELECT "id" INTO n_id FROM "entity_name" WHERE "text" = NEW."text";
           SELECT "id" INTO o_id FROM "entity_origin" WHERE "name" = coalesce(NEW."origin", 'rule');
           INSERT INTO "entity_span" VALUES (NEW."article_id", NEW."start", NEW."end" - NEW."start", t_id, n_id, o_id)
             ON CONFLICT DO NOTHING;
           IF NOT FOUND THEN RETURN NULL; END IF;
           INSERT INTO "entity_mention" AS m VALUES (n_id, t_id, NEW."article_id", 1)
             ON CONFLICT ("name_id", "type_id", "article_id") DO UPDATE SET "n" = m."n" + 1;
           UPDATE "article_stat" SET "entities" = "entities" + 1 WHERE "article_id" = NEW."article_id";
           RETURN NEW;
           END""",
        'INSTEAD OF INSERT ON "entity" FOR EACH ROW'),
    "entity_on_delete": (
        """DECLARE t_id INTEGER; n_id INTEGER;
           BEGIN
           SELECT "id" INTO t_id FROM "entity_type" WHERE "name" = OLD."type";
           SELECT "id" INTO n_id FROM "entity_name" WHERE "text" = OLD."text";
           DELETE FROM "entity_span" WHERE "article_id" = OLD."article_id" AND "start" = OLD."start"
             AND "len" = OLD."end" - OLD."start" AND "type_id" = t_id;
           UPDATE "entity_mention" SET "n" = "n" - 1 WHERE "article_id" = OLD."article_id"
             AND "name_id" = n_id AND "type_id" = t_id;
           DELETE FROM "entity_mention" WHERE "article_id" = OLD."article_id" AND "n" <= 0 AND "name_id" = n_id;
           UPDATE "article_stat" SET "entities" = "entities" - 1 WHERE "article_id" = OLD."article_id";
           RETURN OLD;
           END""",
        'INSTEAD OF DELETE ON "entity" FOR EACH ROW'),
}


def trigger_statements(triggers: dict[str, tuple[str, str]] = TRIGGERS) -> list[str]:
    out: list[str] = []
    for name, (body, when) in triggers.items():
        block = body if body.lstrip().startswith("DECLARE") else f"BEGIN {body} END"
        out.append(f'CREATE FUNCTION "pizhu_{name}"() RETURNS trigger LANGUAGE plpgsql AS $fn$ {block} $fn$')
        out.append(f'CREATE TRIGGER "{name}" {when} EXECUTE FUNCTION "pizhu_{name}"()')
    return out


def _s1_whole_schema(db: Database) -> None:
    """The schema of a file corpus as of the lean store, team coders and article labels."""
    for statement in (*TABLES, *trigger_statements()):
        db.execute_sql(statement)


VERSION_TRIGGERS: dict[str, tuple[str, str]] = {
    "annotation_version": (
        """NEW."version" := OLD."version" + 1; RETURN NEW;""",
        'BEFORE UPDATE ON "annotation" FOR EACH ROW'),
}


def _s2_annotation_versions(db: Database) -> None:
    """Row versions of annotations: every update of the row makes it the old version + 1 (the
    file corpus's step ``_annotation_versions``)."""
    db.execute_sql('ALTER TABLE "annotation" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')
    for statement in trigger_statements(VERSION_TRIGGERS):
        db.execute_sql(statement)


NOTICE_TABLES: tuple[str, ...] = ("annotation", "annotation_tag", "tag", "article", "article_tag", "article_stat")


def _s3_change_notices(db: Database) -> None:
    """Every change to a row a view shows sends a notice on ``pizhu_changes`` at commit
    (``{"table", "op", "id", "article"}``; for ``annotation_tag`` the id is the annotation's;
    see :mod:`reader.store.live`)."""
    db.execute_sql(
        """CREATE FUNCTION "pizhu_notify"() RETURNS trigger LANGUAGE plpgsql AS $fn$
           DECLARE r JSONB;
           BEGIN
           r := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
           PERFORM pg_notify('pizhu_changes', json_build_object('table', TG_TABLE_NAME, 'op', lower(TG_OP),
             'id', CASE WHEN TG_TABLE_NAME = 'annotation_tag' THEN r ->> 'annotation_id' ELSE r ->> 'id' END,
             'article', r ->> 'article_id')::TEXT);
           RETURN NULL;
           END $fn$""")
    for table in NOTICE_TABLES:
        db.execute_sql(f'CREATE TRIGGER "{table}_notice" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                       'FOR EACH ROW EXECUTE FUNCTION "pizhu_notify"()')


ANALYSIS_TABLES: tuple[str, ...] = (
    """CREATE TABLE "article_variable" ("id" SERIAL PRIMARY KEY, "article_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "value" TEXT NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE UNIQUE INDEX "article_variable_article_id_name" ON "article_variable" ("article_id", "name")""",
    """CREATE INDEX "article_variable_name_value" ON "article_variable" ("name", "value")""",
    """CREATE TABLE "phrase_list" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL, "description" TEXT NOT NULL, "created" TIMESTAMP NOT NULL)""",
    """CREATE UNIQUE INDEX "phrase_list_name" ON "phrase_list" ("name")""",
    """CREATE TABLE "phrase" ("id" SERIAL PRIMARY KEY, "list_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "variants" TEXT NOT NULL, FOREIGN KEY ("list_id") REFERENCES "phrase_list" ("id") ON DELETE CASCADE)""",
    """CREATE UNIQUE INDEX "phrase_list_id_text" ON "phrase" ("list_id", "text")""",
    """CREATE TABLE "reprint_signature" ("article_id" INTEGER NOT NULL PRIMARY KEY, "chars" INTEGER NOT NULL, "updated" TIMESTAMP NOT NULL, "signature" BYTEA NOT NULL, "dateline" TEXT NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE TABLE "reprint_cluster" ("article_id" INTEGER NOT NULL PRIMARY KEY, "cluster" INTEGER NOT NULL, "first" INTEGER NOT NULL, "similarity" DOUBLE PRECISION NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "reprint_cluster_cluster" ON "reprint_cluster" ("cluster")""",
    """CREATE TABLE "term" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL, "kind" TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX "term_text_kind" ON "term" ("text", "kind")""",
    """CREATE TABLE "term_chunk" ("id" SERIAL PRIMARY KEY, "fingerprint" TEXT NOT NULL, "version" TEXT NOT NULL, "bags" BYTEA NOT NULL, "seqs" BYTEA NOT NULL, "totals" BYTEA)""",
    """CREATE TABLE "term_stale" ("article_id" INTEGER NOT NULL PRIMARY KEY)""",
    """CREATE INDEX "article_facts" ON "article" ("id", "retired", "source_id", "position", "chars", "updated")""",
    # SQLite's total(): a float sum, 0.0 over no rows (the analysis caches' fingerprints use it)
    """CREATE FUNCTION pizhu_total_step(acc DOUBLE PRECISION, value DOUBLE PRECISION) RETURNS DOUBLE PRECISION
       LANGUAGE sql IMMUTABLE AS 'SELECT acc + coalesce(value, 0)'""",
    """CREATE AGGREGATE total(DOUBLE PRECISION) (SFUNC = pizhu_total_step, STYPE = DOUBLE PRECISION,
       INITCOND = '0')""",
)


def _s4_analysis_tables(db: Database) -> None:
    """The file corpus's step ``_analysis_tables`` (document variables, phrase lists, reprint
    and term caches), with the same guess of newspapers from the file names of stored pages."""
    from reader.text.papers import paper_from_name

    for statement in ANALYSIS_TABLES:
        db.execute_sql(statement)
    rows = db.execute_sql('SELECT "id", "name" FROM "source_file" WHERE "paper" IS NULL').fetchall()
    for row_id, name in rows:
        paper = paper_from_name(name)
        if paper is not None:
            db.execute_sql('UPDATE "source_file" SET "paper" = ? WHERE "id" = ?', (paper, row_id))


def _s5_entity_fixes(db: Database) -> None:
    """The file corpus's step ``_entity_occurrence_fixes``: corrections of one occurrence."""
    db.execute_sql(
        'CREATE TABLE "entity_fix" ("id" SERIAL PRIMARY KEY, '
        '"article_id" INTEGER NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE, "start" INTEGER NOT NULL, '
        '"end" INTEGER NOT NULL, "text" TEXT NOT NULL, "type" VARCHAR(8) NOT NULL, "action" VARCHAR(8) NOT NULL, '
        '"created" TIMESTAMP NOT NULL, "coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL)')
    db.execute_sql('CREATE INDEX "entity_fix_article_id" ON "entity_fix" ("article_id", "start")')


def _s6_page_fixes(db: Database) -> None:
    """The file corpus's step ``_page_fixes``: users' fixes of a page's split."""
    db.execute_sql(
        'CREATE TABLE "page_fix" ("id" SERIAL PRIMARY KEY, '
        '"source_id" INTEGER NOT NULL REFERENCES "source_file" ("id") ON DELETE CASCADE, "seq" INTEGER NOT NULL, '
        '"fix" TEXT NOT NULL, "status" VARCHAR(16) NOT NULL, "reason" TEXT NOT NULL, '
        '"coder_id" INTEGER REFERENCES "coder" ("id") ON DELETE SET NULL, "created" TIMESTAMP NOT NULL)')
    db.execute_sql('CREATE INDEX "page_fix_source_id" ON "page_fix" ("source_id", "seq")')


def _s7_index_in_sql(db: Database) -> None:
    """Server only (the file corpus's FTS5 index is unchanged): the index vectors are made on
    the server by ``pizhu_tsvector`` (:mod:`reader.store.pg_index`), every code point its own
    lexeme, punctuation too; the index is made again that way."""
    from reader.store.pg_index import INDEX_FUNCTION, PostgresStore

    db.execute_sql(INDEX_FUNCTION)
    PostgresStore(db).rebuild_index()


SQLITE_SCALARS: tuple[str, ...] = (
    # SQLite's scalar max(a, b) and min(a, b) (with two or more arguments they are not aggregates)
    """CREATE FUNCTION max(a ANYCOMPATIBLE, b ANYCOMPATIBLE) RETURNS ANYCOMPATIBLE LANGUAGE sql IMMUTABLE
       AS 'SELECT GREATEST(a, b)'""",
    """CREATE FUNCTION min(a ANYCOMPATIBLE, b ANYCOMPATIBLE) RETURNS ANYCOMPATIBLE LANGUAGE sql IMMUTABLE
       AS 'SELECT LEAST(a, b)'""",
)


def _s8_sqlite_scalars(db: Database) -> None:
    """Server only: more SQLite functions the core's SQL calls (:data:`SQLITE_SCALARS`)."""
    for statement in SQLITE_SCALARS:
        db.execute_sql(statement)


def _s9_annotation_editor(db: Database) -> None:
    """The file corpus's step ``_annotation_editor``: who changed an annotation last."""
    db.execute_sql('ALTER TABLE "annotation" ADD COLUMN "editor" TEXT NOT NULL DEFAULT \'\'')


PER_ARTICLE_NOTICE_TABLES: tuple[str, ...] = ("entity_span", "article_variable")


def _s10_entity_notices(db: Database) -> None:
    """Other coders' entity work, document variables and phrase lists reach open views live
    (issue 17): a change to an article's entity spans or variables sends one notice per article
    and statement (``{"table", "op", "id": null, "article"}``, a statement-level trigger over the
    changed rows, so re-recognising many articles sends one notice per article, not one per
    mention), and occurrence fixes, corpus-wide corrections, entity aliases and phrase lists send
    one per row through ``pizhu_notify``.  Server only: a file
    corpus's readers poll ``data_version`` instead."""
    db.execute_sql(
        """CREATE FUNCTION "pizhu_notify_spans"() RETURNS trigger LANGUAGE plpgsql AS $fn$
           DECLARE a INTEGER;
           BEGIN
           IF TG_OP = 'DELETE' THEN
             FOR a IN SELECT DISTINCT "article_id" FROM old_rows LOOP
               PERFORM pg_notify('pizhu_changes', json_build_object('table', TG_TABLE_NAME, 'op', 'delete',
                 'id', NULL, 'article', a)::TEXT);
             END LOOP;
           ELSE
             FOR a IN SELECT DISTINCT "article_id" FROM new_rows LOOP
               PERFORM pg_notify('pizhu_changes', json_build_object('table', TG_TABLE_NAME, 'op', lower(TG_OP),
                 'id', NULL, 'article', a)::TEXT);
             END LOOP;
           END IF;
           RETURN NULL;
           END $fn$""")
    for table in PER_ARTICLE_NOTICE_TABLES:
        for event, transition in (("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "NEW TABLE AS new_rows"),
                                  ("DELETE", "OLD TABLE AS old_rows")):
            db.execute_sql(f'CREATE TRIGGER "{table}_{event.lower()}_notice" AFTER {event} ON "{table}" '
                           f'REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION "pizhu_notify_spans"()')
    for table in ("entity_fix", "entity_correction", "entity_alias", "phrase_list", "phrase"):
        db.execute_sql(f'CREATE TRIGGER "{table}_notice" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                       'FOR EACH ROW EXECUTE FUNCTION "pizhu_notify"()')


def _s11_entity_index_stat(db: Database) -> None:
    """The file corpus's step ``_entity_index_stat``: the entity index kept up to date on write."""
    from reader.store import entity_index_store

    entity_index_store.create(db, server=True)
    entity_index_store.rebuild(db)


def _s12_retrained_model(db: Database) -> None:
    """Server only: the model retrained from the corrections kept in the database
    (:mod:`reader.store.server_model`), so every coder of the corpus uses it; a model this
    machine kept in its own folder before this step is moved in.  A file corpus keeps its model
    in a file beside it (no file step)."""
    from reader.store import server_model

    for statement in server_model.STEP_STATEMENTS:
        db.execute_sql(statement)
    server_model.adopt_legacy(db)


def _s13_lean_terms(db: Database) -> None:
    """The file corpus's step ``_lean_terms``: ``term`` without the unique index of its texts."""
    db.execute_sql('DROP INDEX IF EXISTS "term_text_kind"')


def _s14_term_blocks(db: Database) -> None:
    """The file corpus's step ``_term_blocks``: the vocabulary in ``term_block`` rows of 4,096
    terms (:func:`reader.analysis.terms.pack_block`), ids unchanged, ``term`` dropped (run
    again on a corpus that has its blocks, it does nothing)."""
    from reader.analysis.terms import blocks_from_rows

    db.execute_sql('CREATE TABLE IF NOT EXISTS "term_block" ("id" INTEGER NOT NULL PRIMARY KEY, "terms" BYTEA NOT NULL)')
    if not db.table_exists("term"):
        return
    rows = db.execute_sql('SELECT "id", "text", "kind" FROM "term" ORDER BY "id"').fetchall()
    for block, blob in blocks_from_rows(rows):
        db.execute_sql('INSERT INTO "term_block" ("id", "terms") VALUES (?, ?)', (block, blob))
    db.execute_sql('DROP TABLE "term"')


def _s15_entity_packs(db: Database) -> None:
    """The file corpus's step ``_entity_packs``: an article's entity spans are one packed value
    in ``entity_pack`` (``BYTEA``, the same format, :mod:`reader.store.entity_pack`);
    ``entity_span``, the ``entity`` view and its triggers go.  The entity index's triggers find
    an article's mentions by the index of ``entity_mention`` by article; a change to the packs
    sends the per-article notices ``entity_span`` sent (table ``entity_pack``)."""
    from reader.store import entity_index_sql as q
    from reader.store import entity_pack

    db.execute_sql(entity_pack.SERVER_TABLE)
    if db.table_exists("entity_span"):
        entity_pack.convert(db, server=True)
    db.execute_sql('DROP VIEW IF EXISTS "entity" CASCADE')  # its INSTEAD OF triggers go with it
    for name in ("entity_on_insert", "entity_on_delete", "entity_index_on_view"):
        db.execute_sql(f'DROP FUNCTION IF EXISTS "pizhu_{name}"()')
    db.execute_sql('DROP TABLE IF EXISTS "entity_span"')  # and its notice triggers
    for name in q.SERVER_TRIGGERS:
        if name != "entity_index_on_view":
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}" ON "article"')
            db.execute_sql(f'DROP FUNCTION IF EXISTS "pizhu_{name}"()')
    current = {k: v for k, v in q.server_triggers("mentions").items() if k != "entity_index_on_view"}
    for statement in trigger_statements(current):
        db.execute_sql(statement)
    for event, transition in (("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "NEW TABLE AS new_rows"),
                              ("DELETE", "OLD TABLE AS old_rows")):
        db.execute_sql(f'DROP TRIGGER IF EXISTS "entity_pack_{event.lower()}_notice" ON "entity_pack"')
        db.execute_sql(f'CREATE TRIGGER "entity_pack_{event.lower()}_notice" AFTER {event} ON "entity_pack" '
                       f'REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION "pizhu_notify_spans"()')


ServerStep = Callable[[Database], None]

SERVER_MIGRATIONS: list[ServerStep] = [
    _s1_whole_schema,
    _s2_annotation_versions,
    _s3_change_notices,
    _s4_analysis_tables,
    _s5_entity_fixes,
    _s6_page_fixes,
    _s7_index_in_sql,
    _s8_sqlite_scalars,
    _s9_annotation_editor,
    _s10_entity_notices,
    _s11_entity_index_stat,
    _s12_retrained_model,
    _s13_lean_terms,
    _s14_term_blocks,
    _s15_entity_packs,
]
