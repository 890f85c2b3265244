"""The numbered migrations of a corpus database, keyed on ``PRAGMA user_version``.

Each step is a function taking the database; :func:`reader.store.db.migrate` runs it inside a
transaction and bumps ``user_version`` to its position in :data:`MIGRATIONS` (1-based).  Steps
are frozen: never edit a released step, append a new one.  Step 1 is plain SQL so later model
changes cannot alter it.  Tests refer to steps by position (``len(MIGRATIONS)``), never by a
hard-coded number, so steps from parallel work can be appended in any order.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

SCHEMA_V1: tuple[str, ...] = (
    """CREATE TABLE "source_file" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "path" TEXT NOT NULL, "sha256" VARCHAR(64) NOT NULL, "size" INTEGER NOT NULL, "encoding" VARCHAR(32) NOT NULL, "parser_version" INTEGER NOT NULL, "ingested" DATETIME NOT NULL)""",
    """CREATE UNIQUE INDEX "source_file_name" ON "source_file" ("name")""",
    """CREATE TABLE "article" ("id" INTEGER NOT NULL PRIMARY KEY, "source_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" TEXT, "display_title" TEXT NOT NULL, "title_derived" INTEGER NOT NULL, "subtitle" TEXT, "kicker" TEXT, "column" TEXT, "authors" TEXT NOT NULL, "photographers" TEXT NOT NULL, "dateline" TEXT, "structure" TEXT NOT NULL, "text" TEXT NOT NULL, "segments" TEXT NOT NULL, "chars" INTEGER NOT NULL, "state" VARCHAR(16) NOT NULL, "note" TEXT NOT NULL, "retired" INTEGER NOT NULL, "entities_version" INTEGER NOT NULL, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, FOREIGN KEY ("source_id") REFERENCES "source_file" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "article_source_id" ON "article" ("source_id")""",
    """CREATE INDEX "article_source_id_position" ON "article" ("source_id", "position")""",
    """CREATE TABLE "annotation" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "quote" TEXT NOT NULL, "prefix" TEXT NOT NULL, "suffix" TEXT NOT NULL, "note" TEXT NOT NULL, "author" VARCHAR(255) NOT NULL, "status" VARCHAR(16) NOT NULL, "created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "annotation_article_id" ON "annotation" ("article_id")""",
    """CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "parent_id" INTEGER, "color" VARCHAR(9) NOT NULL, "description" TEXT NOT NULL, "created" DATETIME NOT NULL, FOREIGN KEY ("parent_id") REFERENCES "tag" ("id") ON DELETE SET NULL)""",
    """CREATE INDEX "tag_parent_id" ON "tag" ("parent_id")""",
    """CREATE UNIQUE INDEX "tag_name" ON "tag" ("name")""",
    """CREATE TABLE "annotation_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "annotation_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, FOREIGN KEY ("annotation_id") REFERENCES "annotation" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "annotation_tag_annotation_id" ON "annotation_tag" ("annotation_id")""",
    """CREATE INDEX "annotation_tag_tag_id" ON "annotation_tag" ("tag_id")""",
    """CREATE UNIQUE INDEX "annotation_tag_annotation_id_tag_id" ON "annotation_tag" ("annotation_id", "tag_id")""",
    """CREATE TABLE "article_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "article_tag_article_id" ON "article_tag" ("article_id")""",
    """CREATE INDEX "article_tag_tag_id" ON "article_tag" ("tag_id")""",
    """CREATE UNIQUE INDEX "article_tag_article_id_tag_id" ON "article_tag" ("article_id", "tag_id")""",
    """CREATE TABLE "entity" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "type" VARCHAR(8) NOT NULL, "text" TEXT NOT NULL, "origin" VARCHAR(32) NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "entity_article_id" ON "entity" ("article_id")""",
    """CREATE INDEX "entity_article_id_start" ON "entity" ("article_id", "start")""",
    """CREATE INDEX "entity_text" ON "entity" ("text")""",
    """CREATE TABLE "entity_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "alias" TEXT NOT NULL, "canonical" TEXT NOT NULL, "type" VARCHAR(8) NOT NULL)""",
    """CREATE UNIQUE INDEX "entity_alias_alias" ON "entity_alias" ("alias")""",
    """CREATE TABLE "entity_correction" ("id" INTEGER NOT NULL PRIMARY KEY, "text" TEXT NOT NULL, "type" VARCHAR(8) NOT NULL, "action" VARCHAR(8) NOT NULL, "created" DATETIME NOT NULL)""",
    """CREATE UNIQUE INDEX "entity_correction_text_type_action" ON "entity_correction" ("text", "type", "action")""",
    """CREATE TABLE "meta" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)""",
)


Migration = Callable[[SqliteDatabase], None]


def _v1_initial_schema(db: SqliteDatabase) -> None:
    for statement in SCHEMA_V1:
        db.execute_sql(statement)


def _v2_article_index(db: SqliteDatabase) -> None:
    """Full-text index of article text (see ``reader.store.search``), filled from existing articles."""
    db.execute_sql(
        "CREATE VIRTUAL TABLE \"article_index\" USING fts5(\"tokens\", "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute_sql(
        "CREATE TRIGGER \"article_index_on_delete\" AFTER DELETE ON \"article\" "
        "BEGIN DELETE FROM \"article_index\" WHERE rowid = old.id; END"
    )
    _fill_v2_index(db)


def _fill_v2_index(db: SqliteDatabase) -> None:
    """Step 2's index content: one space-separated token per code point (frozen copy)."""
    rows = db.execute_sql("SELECT id, text FROM article ORDER BY id").fetchall()
    for article_id, text in rows:
        tokens = " ".join(ch if ch.isalnum() else f"u{ord(ch):x}" for ch in text)
        db.execute_sql("INSERT INTO article_index(rowid, tokens) VALUES (?, ?)", (article_id, tokens))


def _v3_page_dates(db: SqliteDatabase) -> None:
    """Pages get a publication date (null when unknown) for date filters."""
    db.execute_sql('ALTER TABLE "source_file" ADD COLUMN "published" DATE')
    db.execute_sql('CREATE INDEX "source_file_published" ON "source_file" ("published")')


def _v4_page_facts(db: SqliteDatabase) -> None:
    """Pages get the newspaper and the printed page number (null when unknown); page numbers
    of pages already stored are read from their file names."""
    from reader.text.dates import page_from_name

    db.execute_sql('ALTER TABLE "source_file" ADD COLUMN "paper" TEXT')
    db.execute_sql('ALTER TABLE "source_file" ADD COLUMN "page" INTEGER')
    rows = db.execute_sql('SELECT "id", "name" FROM "source_file"').fetchall()
    for row_id, name in rows:
        page = page_from_name(name)
        if page is not None:
            db.execute_sql('UPDATE "source_file" SET "page" = ? WHERE "id" = ?', (page, row_id))


CODER_COLORS: tuple[str, ...] = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
)
UNKNOWN_CODER = "unknown"


def _team_coders(db: SqliteDatabase) -> None:
    """Named coders (issue 16): a ``coder`` table; annotations, article notes, article tags, tags
    and entity corrections reference the coder who made them.  Each distinct free-text
    ``annotation.author`` becomes a coder (an empty one becomes ``unknown``).  A trigger keeps
    the two in step for writers that set only one of them: an annotation inserted with an
    author and no coder gets (and if needed creates) the coder of that name; one inserted with
    a coder and no author gets the coder's name as its author."""
    db.execute_sql(
        'CREATE TABLE "coder" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
        '"color" VARCHAR(9) NOT NULL, "created" DATETIME NOT NULL)'
    )
    db.execute_sql('CREATE UNIQUE INDEX "coder_name" ON "coder" ("name")')
    for table, column in (("annotation", "coder_id"), ("article", "note_coder_id"),
                          ("article_tag", "coder_id"), ("tag", "coder_id"),
                          ("entity_correction", "coder_id")):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" INTEGER '
                       'REFERENCES "coder" ("id") ON DELETE SET NULL')
    db.execute_sql('CREATE INDEX "annotation_coder_id" ON "annotation" ("coder_id")')
    db.execute_sql('UPDATE "annotation" SET "author" = ? WHERE TRIM("author") = \'\'', (UNKNOWN_CODER,))
    names = [r[0] for r in db.execute_sql(
        'SELECT "author" FROM "annotation" GROUP BY "author" ORDER BY MIN("id")').fetchall()]
    for index, name in enumerate(names):
        db.execute_sql(
            'INSERT INTO "coder" ("name", "color", "created") VALUES (?, ?, CURRENT_TIMESTAMP)',
            (name, CODER_COLORS[index % len(CODER_COLORS)]),
        )
    db.execute_sql('UPDATE "annotation" SET "coder_id" = '
                   '(SELECT "id" FROM "coder" WHERE "coder"."name" = "annotation"."author")')
    palette = " ".join(f"WHEN {i} THEN '{c}'" for i, c in enumerate(CODER_COLORS))
    name = f"(CASE WHEN TRIM(new.\"author\") = '' THEN '{UNKNOWN_CODER}' ELSE new.\"author\" END)"
    db.execute_sql(
        'CREATE TRIGGER "annotation_coder_from_author" AFTER INSERT ON "annotation" '
        'WHEN new."coder_id" IS NULL BEGIN '
        f'INSERT OR IGNORE INTO "coder" ("name", "color", "created") VALUES ({name}, '
        f'(SELECT CASE (SELECT COUNT(*) FROM "coder") % {len(CODER_COLORS)} {palette} END), '
        'CURRENT_TIMESTAMP); '
        f'UPDATE "annotation" SET "author" = {name}, "coder_id" = '
        f'(SELECT "id" FROM "coder" WHERE "name" = {name}) WHERE "id" = new."id"; END'
    )
    db.execute_sql(
        'CREATE TRIGGER "annotation_author_from_coder" AFTER INSERT ON "annotation" '
        'WHEN new."coder_id" IS NOT NULL AND TRIM(new."author") = \'\' BEGIN '
        'UPDATE "annotation" SET "author" = (SELECT "name" FROM "coder" WHERE "id" = new."coder_id") '
        'WHERE "id" = new."id"; END'
    )


def _lean_store(db: SqliteDatabase) -> None:
    """Compact entity rows, a contentless full-text index, kept-up-to-date counts and a covering
    index for the article list (see :mod:`reader.store.lean_schema`); re-indexes every article."""
    from reader.store import lean_schema
    from reader.store.sqlite import SqliteStore

    for statement in lean_schema.statements():
        db.execute_sql(statement)
    SqliteStore(db).flush_index()


def _page_identity(db: SqliteDatabase) -> None:
    """Pages are found by absolute path and by content hash as well as by name (the path
    relative to the folder ingested; see :mod:`reader.store.sources`)."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "source_file_path" ON "source_file" ("path")')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "source_file_sha256" ON "source_file" ("sha256")')


def _article_tags_apart(db: SqliteDatabase) -> None:
    """Article tags leave the codebook: they name rows of a new ``article_label`` table (the
    ``article_tag`` links are rebuilt to point there, same ids and every other column kept), and
    a codebook tag that was only ever an article tag (no annotation, no child, no description)
    is removed from the codebook.  Independent of other steps: it rebuilds ``article_tag`` from
    whatever columns it has (other steps may have added some) and touches only ``tag`` besides."""
    import re

    db.execute_sql('CREATE TABLE "article_label" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) '
                   'NOT NULL, "color" VARCHAR(9) NOT NULL, "created" DATETIME NOT NULL)')
    db.execute_sql('CREATE UNIQUE INDEX "article_label_name" ON "article_label" ("name")')
    db.execute_sql('INSERT INTO "article_label" ("name", "color", "created") '
                   'SELECT t."name", t."color", t."created" FROM "tag" AS t '
                   'WHERE t."id" IN (SELECT "tag_id" FROM "article_tag") ORDER BY t."id"')
    table_sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'article_tag'").fetchone()[0]
    index_sql = [r[0] for r in db.execute_sql(  # indexes and triggers, made again after the rebuild
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'article_tag' "
        "AND sql IS NOT NULL ORDER BY type")]
    new_sql = re.sub(r'(FOREIGN KEY \("tag_id"\) REFERENCES )"tag"', r'\1"article_label"', table_sql, count=1)
    new_sql = new_sql.replace('"article_tag"', '"article_tag_new"', 1)
    if new_sql == table_sql.replace('"article_tag"', '"article_tag_new"', 1):
        raise RuntimeError("article_tag has no foreign key from tag_id to tag")
    db.execute_sql(new_sql)
    columns = [r[1] for r in db.execute_sql('PRAGMA table_info("article_tag")')]
    chosen = ", ".join('l."id"' if c == "tag_id" else f'at."{c}"' for c in columns)
    db.execute_sql(f'INSERT INTO "article_tag_new" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                   f'SELECT {chosen} FROM "article_tag" AS at '
                   'JOIN "tag" AS t ON t."id" = at."tag_id" JOIN "article_label" AS l ON l."name" = t."name"')
    db.execute_sql('DELETE FROM "tag" WHERE "id" IN (SELECT "tag_id" FROM "article_tag") '
                   'AND "id" NOT IN (SELECT "tag_id" FROM "annotation_tag") '
                   'AND "id" NOT IN (SELECT "parent_id" FROM "tag" WHERE "parent_id" IS NOT NULL) '
                   'AND "description" = \'\'')
    db.execute_sql('DROP TABLE "article_tag"')
    db.execute_sql('ALTER TABLE "article_tag_new" RENAME TO "article_tag"')
    for statement in index_sql:
        db.execute_sql(statement)


def _v_ids_never_reused(db: SqliteDatabase) -> None:
    """Annotation, tag, article, coder and article-tag ids are never reused (``AUTOINCREMENT``;
    tables another step has not made are skipped): an undo stack, a
    second window or an export that holds an id can only ever mean that row, even after the row
    with the highest id was deleted.  The tables are rebuilt in place (rows, ids, indexes,
    triggers and references kept); runs with foreign keys off (see ``foreign_keys_off``)."""
    from reader.store.rebuild import add_autoincrement

    for table in ID_TABLES:
        add_autoincrement(db, table)


ID_TABLES = ("annotation", "tag", "article", "coder", "article_tag", "article_label")
_v_ids_never_reused.foreign_keys_off = True  # type: ignore[attr-defined]
_v_ids_never_reused.checked_tables = ID_TABLES  # type: ignore[attr-defined]


ANALYSIS_SCHEMA: tuple[str, ...] = (
    """CREATE TABLE "article_variable" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "value" TEXT NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE UNIQUE INDEX "article_variable_article_id_name" ON "article_variable" ("article_id", "name")""",
    """CREATE INDEX "article_variable_name_value" ON "article_variable" ("name", "value")""",
    """CREATE TABLE "phrase_list" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "description" TEXT NOT NULL, "created" DATETIME NOT NULL)""",
    """CREATE UNIQUE INDEX "phrase_list_name" ON "phrase_list" ("name")""",
    """CREATE TABLE "phrase" ("id" INTEGER NOT NULL PRIMARY KEY, "list_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "variants" TEXT NOT NULL, FOREIGN KEY ("list_id") REFERENCES "phrase_list" ("id") ON DELETE CASCADE)""",
    """CREATE UNIQUE INDEX "phrase_list_id_text" ON "phrase" ("list_id", "text")""",
    """CREATE TABLE "reprint_signature" ("article_id" INTEGER NOT NULL PRIMARY KEY, "chars" INTEGER NOT NULL, "updated" DATETIME NOT NULL, "signature" BLOB NOT NULL, "dateline" TEXT NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE TABLE "reprint_cluster" ("article_id" INTEGER NOT NULL PRIMARY KEY, "cluster" INTEGER NOT NULL, "first" INTEGER NOT NULL, "similarity" REAL NOT NULL, FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)""",
    """CREATE INDEX "reprint_cluster_cluster" ON "reprint_cluster" ("cluster")""",
    """CREATE TABLE "term" ("id" INTEGER NOT NULL PRIMARY KEY, "text" TEXT NOT NULL, "kind" TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX "term_text_kind" ON "term" ("text", "kind")""",
    """CREATE TABLE "term_chunk" ("id" INTEGER NOT NULL PRIMARY KEY, "fingerprint" TEXT NOT NULL, "version" TEXT NOT NULL, "bags" BLOB NOT NULL, "seqs" BLOB NOT NULL, "totals" BLOB)""",
    """CREATE TABLE "term_stale" ("article_id" INTEGER NOT NULL PRIMARY KEY)""",
    """CREATE INDEX "article_facts" ON "article" ("id", "retired", "source_id", "position", "chars", "updated")""",
)


def _analysis_tables(db: SqliteDatabase) -> None:
    """Document variables, phrase lists, reprint signatures and clusters, and the per-article
    term statistics of :mod:`reader.analysis` (caches are rebuilt on demand, so start empty).
    Newspapers of pages already stored are guessed from their file names."""
    from reader.text.papers import paper_from_name

    for statement in ANALYSIS_SCHEMA:
        db.execute_sql(statement)
    rows = db.execute_sql('SELECT "id", "name" FROM "source_file" WHERE "paper" IS NULL').fetchall()
    for row_id, name in rows:
        paper = paper_from_name(name)
        if paper is not None:
            db.execute_sql('UPDATE "source_file" SET "paper" = ? WHERE "id" = ?', (paper, row_id))


def _entity_occurrence_fixes(db: SqliteDatabase) -> None:
    """Corrections of one entity occurrence (``entity_fix``, see
    :mod:`reader.coding.occurrences`).  Independent of other steps: it only adds a table, which
    references ``article`` and ``coder`` (made by earlier, released steps)."""
    db.execute_sql(
        'CREATE TABLE IF NOT EXISTS "entity_fix" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
        '"article_id" INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, '
        '"text" TEXT NOT NULL, "type" VARCHAR(8) NOT NULL, "action" VARCHAR(8) NOT NULL, '
        '"created" DATETIME NOT NULL, "coder_id" INTEGER, '
        'FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("coder_id") REFERENCES "coder" ("id") ON DELETE SET NULL)')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "entity_fix_article_id" ON "entity_fix" ("article_id", "start")')


ANNOTATION_VERSION_TRIGGER = """CREATE TRIGGER "annotation_version_on_update" AFTER UPDATE ON "annotation"
    BEGIN UPDATE "annotation" SET "version" = old."version" + 1 WHERE "id" = new."id"; END"""


def _annotation_versions(db: SqliteDatabase) -> None:
    """Annotations get a row ``version``, owned by the database: a trigger makes every update
    of the row (whoever writes, whatever ``version`` they write) the old version + 1; writers
    that change an annotation's tags touch its row too.  An edit made from a stale copy is then
    refused as a conflict instead of overwriting another coder's change (issue 17; the server's
    step ``_s2_annotation_versions`` is the same).  Touches only ``annotation``."""
    db.execute_sql('ALTER TABLE "annotation" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')
    db.execute_sql(ANNOTATION_VERSION_TRIGGER)


def _page_fixes(db: SqliteDatabase) -> None:
    """Users' fixes of a page's split (``page_fix``; see :class:`reader.store.models.PageFix`).
    Independent of other steps: a new table referring only to ``source_file`` and ``coder``."""
    db.execute_sql('CREATE TABLE IF NOT EXISTS "page_fix" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
                   '"source_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "fix" TEXT NOT NULL, '
                   '"status" VARCHAR(16) NOT NULL, "reason" TEXT NOT NULL, "coder_id" INTEGER, '
                   '"created" DATETIME NOT NULL, '
                   'FOREIGN KEY ("source_id") REFERENCES "source_file" ("id") ON DELETE CASCADE, '
                   'FOREIGN KEY ("coder_id") REFERENCES "coder" ("id") ON DELETE SET NULL)')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "page_fix_source_id" ON "page_fix" ("source_id", "seq")')


def _annotation_editor(db: SqliteDatabase) -> None:
    """Annotations say who changed them last (``editor``: a coder's name, '' until a change), so
    a conflicting edit names the coder whose change it would have overwritten (issue 17; the
    server's step ``_s9_annotation_editor`` is the same).  Touches only ``annotation``."""
    db.execute_sql('ALTER TABLE "annotation" ADD COLUMN "editor" TEXT NOT NULL DEFAULT \'\'')


def _packed_text(db: SqliteDatabase) -> None:
    """Article text and segment lists deflated in place (:mod:`reader.store.packed_text`: the
    text in less than half the bytes of its UTF-8).  Independent of other steps: it rewrites ``article.text`` only, with the
    trigger that re-indexes changed text set aside meanwhile (the text is the same, so the
    full-text index stays as it is) and put back as it was."""
    from reader.store.packed_text import enable

    enable(db)
    row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'article_on_text'").fetchone()
    if row is not None:
        db.execute_sql('DROP TRIGGER "article_on_text"')
    db.execute_sql('UPDATE "article" SET "text" = pizhu_pack("text"), "segments" = pizhu_pack("segments", 1)')
    if row is not None:
        db.execute_sql(row[0])


def _entity_index_stat(db: SqliteDatabase) -> None:
    """The entity index kept up to date on write (issue 13; :mod:`reader.store.entity_index_sql`):
    per-article document links and the per-entry, per-form counts, filled from the stored
    entities and aliases.  Independent of other steps: new tables and triggers on ``article`` and
    the ``entity`` view only (the server's step is ``_s11_entity_index_stat``)."""
    from reader.store import entity_index_store

    entity_index_store.create(db)
    entity_index_store.rebuild(db)


def _packed_structure(db: SqliteDatabase) -> None:
    """``article.structure`` (the parsed layout's parts and spans as JSON, 0.86 MB per million
    characters) deflated in place with its own preset dictionary, as the text and segments are
    (:mod:`reader.store.packed_text`; a sixth of the bytes).  Independent of other steps: it
    rewrites ``article.structure`` only; :func:`reader.store.db.open_db` then rewrites the file
    compactly.  No server step: a server keeps the JSON as text, compressed by PostgreSQL itself
    (see :mod:`reader.store.pg_schema`)."""
    from reader.store.packed_text import enable_structure, register_on

    register_on(db)
    enable_structure(db)
    db.execute_sql('UPDATE "article" SET "structure" = pizhu_pack("structure", 2) WHERE typeof("structure") = \'text\'')


def _packed_term_chunks(db: SqliteDatabase) -> None:
    """The term statistics' chunk blobs (``term_chunk.bags``/``totals``) rewritten in the
    byte-plane format of :func:`reader.analysis.termstats._pack` (a third smaller; the old
    format stays readable, so nothing else changes).  Independent of other steps: it rewrites
    those two columns only.  No server step: a server reads both formats and rewrites a chunk
    when it changes (see :mod:`reader.store.pg_schema`)."""
    if db.execute_sql('SELECT 1 FROM "term_chunk" LIMIT 1').fetchone() is None:
        return  # a new or never analysed corpus (and no import of the analyses under the lock)
    from reader.analysis.termstats import repack_chunks

    repack_chunks(db)


def _lean_terms(db: SqliteDatabase) -> None:
    """``term`` without its unique index on ``(text, kind)``: the vocabulary is read whole into
    memory (:class:`reader.analysis.terms.Vocabulary`), which finds a term by its text there and
    adds new ones under the write lock, so the index only held every term a second time (0.74 MB
    per million characters at 1,000 articles).  Independent of other steps; the server's step is
    ``_s13_lean_terms``."""
    db.execute_sql('DROP INDEX IF EXISTS "term_text_kind"')


def _coded_term_chunks(db: SqliteDatabase) -> None:
    """The term statistics' chunk blobs rewritten in the coded format of
    :func:`reader.analysis.termstats._pack_coded` (sorted ids as differences of their indexes in
    the chunk's totals, byte-planed, deflated) and the word sequences as frequency ranks
    and deflated (:func:`reader.analysis.termstats._pack_sequences`): 2.03 MB become 1.50 at
    1,000 articles, the arrays unchanged.  Independent of other steps: it rewrites
    ``term_chunk``'s blobs only.  No server step: a server reads every format and rewrites a
    chunk when it changes."""
    if db.execute_sql('SELECT 1 FROM "term_chunk" LIMIT 1').fetchone() is None:
        return  # a new or never analysed corpus (and no import of the analyses under the lock)
    from reader.analysis.termstats import recode_chunks

    recode_chunks(db)


def _short_signatures(db: SqliteDatabase) -> None:
    """Reprint signatures keep the low 16 bits of each MinHash value (b-bit MinHash, see
    :mod:`reader.analysis.reprints`): 512 bytes a signature become 256, similarities and clusters
    the same.  Independent of other steps: it rewrites ``reprint_signature.signature`` only.  No
    server step: a server's full signatures are read by their low bits, new ones stored short."""
    if db.execute_sql('SELECT 1 FROM "reprint_signature" LIMIT 1').fetchone() is None:
        return
    from reader.analysis.reprints import shorten_signatures

    shorten_signatures(db)


def _ranked_text(db: SqliteDatabase) -> None:
    """Article text repacked in format :data:`reader.store.packed_text.RANKED` (characters
    mapped to their frequency ranks before deflate: 0.83 of the bytes of the format before,
    the text the same).  Independent of other steps: it rewrites packed ``article.text`` values
    only, with the trigger that re-indexes changed text set aside meanwhile (the text is the
    same, so the full-text index stays as it is) and put back as it was.  No server step: a
    server keeps plain text."""
    from reader.store.packed_text import RANKED, pack, unpack_many

    row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'article_on_text'").fetchone()
    if row is not None:
        db.execute_sql('DROP TRIGGER "article_on_text"')
    last = -1
    while True:
        rows = db.execute_sql('SELECT "id", "text" FROM "article" WHERE "id" > ? AND typeof("text") = \'blob\' '
                              'ORDER BY "id" LIMIT 1000', (last,)).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        todo = [(i, bytes(t)) for i, t in rows if bytes(t[:1]) != bytes((RANKED,))]
        for (article_id, _old), text in zip(todo, unpack_many([t for _i, t in todo])):
            db.execute_sql('UPDATE "article" SET "text" = ? WHERE "id" = ?', (pack(text), article_id))
    if row is not None:
        db.execute_sql(row[0])


TERM_BLOCK_TABLE = 'CREATE TABLE IF NOT EXISTS "term_block" ("id" INTEGER NOT NULL PRIMARY KEY, "terms" BLOB NOT NULL)'


def _term_blocks(db: SqliteDatabase) -> None:
    """The vocabulary of the term statistics in blocks: ``term`` (one row per term, 0.76 MB per
    million characters at 1,000 articles) becomes ``term_block``, 4,096 terms a row as deflated
    JSON (:func:`reader.analysis.terms.pack_block`; a fifth of the bytes), ids unchanged.  The
    vocabulary is read whole into memory anyway (:class:`reader.analysis.terms.Vocabulary`).
    Independent of other steps: it replaces ``term`` only (no other table refers to it; the
    chunks hold its ids).  The server's step is ``_s14_term_blocks``."""
    from reader.analysis.terms import blocks_from_rows

    db.execute_sql(TERM_BLOCK_TABLE)
    if not db.table_exists("term"):
        return
    rows = db.execute_sql('SELECT "id", "text", "kind" FROM "term" ORDER BY "id"').fetchall()
    for block, blob in blocks_from_rows(rows):
        db.execute_sql('INSERT INTO "term_block" ("id", "terms") VALUES (?, ?)', (block, blob))
    db.execute_sql('DROP TABLE "term"')


def _derived_word_bags(db: SqliteDatabase) -> None:
    """The term statistics' chunks without their per-article word bags and their totals
    (``term_chunk.bags`` in format :data:`reader.analysis.termstats._DERIVED`): the bags are the
    distinct words of each article's word sequence with their counts, so they are counted from
    ``seqs`` when a chunk's details are read, and the totals are those of ``totals`` (the
    chunk's summary, stored there as well): 10,000 articles, ``bags`` 4.96 MB become 0.39 (term
    statistics 1.11 -> 0.75 MB per million characters).  A chunk is rewritten only when its
    totals are its summary's and the bags counted from its sequences are the stored ones.
    Independent of other steps: it rewrites ``term_chunk.bags`` only.  No server step: a server
    reads every format and rewrites a chunk when it changes."""
    if db.execute_sql('SELECT 1 FROM "term_chunk" LIMIT 1').fetchone() is None:
        return  # a new or never analysed corpus
    from reader.analysis.termstats import derive_word_bags

    derive_word_bags(db)


# A one-column index and the index that starts with the same column (and so serves every
# look-up it served, the foreign keys' cascades too).
COVERED_INDEXES: tuple[tuple[str, str], ...] = (
    ("article_source_id", "article_source_id_position"),
    ("annotation_tag_annotation_id", "annotation_tag_annotation_id_tag_id"),
    ("article_tag_article_id", "article_tag_article_id_tag_id"),
)


def _covered_indexes(db: SqliteDatabase) -> None:
    """Three one-column indexes dropped: each is the first column of another index of its table
    (``COVERED_INDEXES``), which answers the same look-ups; each held every row's key a second
    time.  Only dropped where the covering index is there.  Independent of other steps: it
    drops indexes only.  No server step (the server's size is not counted; its indexes stay)."""
    names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    for index, covering in COVERED_INDEXES:
        if index in names and covering in names:
            db.execute_sql(f'DROP INDEX "{index}"')


# The short keys a file corpus finds its pages by (:mod:`reader.store.sources`): the last
# characters of the absolute path (the file's name and folder, what tells pages apart) and the
# first 16 hex digits of the content hash; a look-up then compares the whole value.
PAGE_KEY_INDEXES: tuple[str, ...] = (
    'CREATE INDEX IF NOT EXISTS "source_file_path_tail" ON "source_file" (substr("path", -40))',
    'CREATE INDEX IF NOT EXISTS "source_file_sha256_head" ON "source_file" (substr("sha256", 1, 16))',
)


def _short_page_keys(db: SqliteDatabase) -> None:
    """Pages are found by short keys: the indexes on the whole absolute path and the whole
    64-digit hash (step ``_page_identity``) become indexes on the path's last 40 characters and
    the hash's first 16 digits (:data:`PAGE_KEY_INDEXES`; 0.06 MB per million characters at
    10,000 pages); :func:`reader.store.sources.resolve` compares the whole value after the index
    found the candidates.  Independent of other steps: it replaces two indexes of
    ``source_file``.  No server step (a server keeps its indexes; the same look-ups use them)."""
    for statement in PAGE_KEY_INDEXES:
        db.execute_sql(statement)
    db.execute_sql('DROP INDEX IF EXISTS "source_file_path"')
    db.execute_sql('DROP INDEX IF EXISTS "source_file_sha256"')


QUOTE_COLUMNS: tuple[str, ...] = ("quote", "prefix", "suffix")


def _packed_quotes(db: SqliteDatabase) -> None:
    """Annotations' ``quote``, ``prefix`` and ``suffix`` packed in place, each on its own, in
    format :data:`reader.store.packed_text.GB18030` when that is fewer bytes than its UTF-8
    (:func:`reader.store.packed_text.pack_short`; 332 bytes a row become 226 on the bench
    corpora), the strings the same: the model fields unpack on read, raw SQL passes values
    through ``unpack`` / ``pizhu_text``.  (The deflated format of article text would make 196
    bytes, but costs ten times as long to read, 2.8 s of CPU more per export at 100,000
    annotations.)  The row-version trigger is set aside meanwhile (no annotation changed) and
    put back as it was.  Independent of other steps: it rewrites those three columns of
    ``annotation`` only.  No server step: a server keeps plain text (PostgreSQL compresses large
    values itself), and copying to a server unpacks them."""
    from reader.store.packed_text import register_on

    register_on(db)
    triggers = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'annotation' "
                              "AND sql LIKE '%UPDATE ON%' AND sql NOT LIKE '%UPDATE OF%'").fetchall()
    for name, _sql in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    sets = ", ".join(f'"{c}" = pizhu_pack("{c}", 3)' for c in QUOTE_COLUMNS)
    db.execute_sql(f'UPDATE "annotation" SET {sets} WHERE ' + " OR ".join(f'typeof("{c}") = \'text\'' for c in QUOTE_COLUMNS))
    for _name, sql in triggers:
        db.execute_sql(sql)


def _twelve_bit_signatures(db: SqliteDatabase) -> None:
    """Reprint signatures keep the low 12 bits of each MinHash value, two values in three bytes
    (:mod:`reader.analysis.reprints`): 256 bytes a signature become 192, similarities and
    clusters the same on the bench corpora (8 bits were tried: clusters changed).  Independent
    of other steps: it rewrites ``reprint_signature.signature`` only.  No server step: a server's
    16-bit and full signatures are read by their low 12 bits, new ones stored short."""
    if db.execute_sql('SELECT 1 FROM "reprint_signature" LIMIT 1').fetchone() is None:
        return
    from reader.analysis.reprints import twelve_bit_signatures

    twelve_bit_signatures(db)


BINARY_HASH_INDEX = 'CREATE INDEX IF NOT EXISTS "source_file_sha256_key" ON "source_file" (substr("sha256", 1, 8))'


def _binary_page_hashes(db: SqliteDatabase) -> None:
    """Pages' content hashes stored as their 32 bytes, not 64 hex digits, and keyed by the first
    8 bytes instead of the first 16 digits (:data:`BINARY_HASH_INDEX`; the model field shows them
    as hex, :func:`reader.store.sources.resolve` looks them up by the bytes).  A value that is
    not a lower-case 64-digit hex digest stays as it is.  Independent of other steps: it
    rewrites ``source_file.sha256`` and replaces its index.  No server step: a server keeps the
    hex text (copying converts)."""
    from reader.store.models import digest_bytes

    rows = db.execute_sql('SELECT "id", "sha256" FROM "source_file" WHERE typeof("sha256") = \'text\'').fetchall()
    for row_id, value in rows:
        stored = digest_bytes(value)
        if stored is not value:
            db.execute_sql('UPDATE "source_file" SET "sha256" = ? WHERE "id" = ?', (stored, row_id))
    db.execute_sql(BINARY_HASH_INDEX)
    db.execute_sql('DROP INDEX IF EXISTS "source_file_sha256_head"')
    db.execute_sql('DROP INDEX IF EXISTS "source_file_sha256"')
def _entity_packs(db: SqliteDatabase) -> None:
    """Entity spans as one packed value per article (:mod:`reader.store.entity_pack`): the
    ``entity_span`` rows (about 19 bytes a span with their b-tree) become ``entity_pack`` values
    (about 4.4), converted one article at a time in key order; ``entity_span``, the ``entity``
    view and its triggers go, and the triggers that read the spans (the article's delete
    trigger, the entity index's by-article contribution) read the packs through
    ``pizhu_entity_keys``.  Mentions, counts and the entity index are unchanged.  Server:
    ``_s15_entity_packs``."""
    from reader.store import entity_pack

    entity_pack.register_on(db)
    names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
    if "entity_pack" not in names:
        db.execute_sql(entity_pack.TABLE)
    if "entity_span" in names:
        entity_pack.convert(db)
    for trigger in entity_pack.VIEW_TRIGGERS:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}"')
    db.execute_sql('DROP VIEW IF EXISTS "entity"')
    db.execute_sql('DROP TABLE IF EXISTS "entity_span"')
    db.execute_sql('DROP TRIGGER IF EXISTS "article_on_delete"')
    db.execute_sql(entity_pack.ARTICLE_ON_DELETE)
    if "entity_index_stat" in names:  # after the lean trigger, so that its delete trigger fires first
        for name, statement in entity_pack.index_triggers().items():
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
            db.execute_sql(statement)


MIGRATIONS: list[Migration] = [
    _v1_initial_schema,
    _v2_article_index,
    _v3_page_dates,
    _v4_page_facts,
    _team_coders,
    _lean_store,
    _page_identity,
    _article_tags_apart,
    _v_ids_never_reused,
    _analysis_tables,
    _entity_occurrence_fixes,
    _annotation_versions,
    _page_fixes,
    _annotation_editor,
    _packed_text,
    _entity_index_stat,
    _packed_structure,
    _packed_term_chunks,
    _lean_terms,
    _coded_term_chunks,
    _short_signatures,
    _ranked_text,
    _term_blocks,
    _derived_word_bags,
    _covered_indexes,
    _short_page_keys,
    _packed_quotes,
    _twelve_bit_signatures,
    _binary_page_hashes,
    _entity_packs,
]
