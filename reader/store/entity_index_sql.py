"""The entity index kept up to date on write: frozen SQL of step ``_entity_index_stat`` (file) and
``_s11_entity_index_stat`` (server), in the dialect both engines share.

Tables:

- ``entity_link(article_id, name_id, type_id, full_id)``: the document links of each article (a
  short form of an organisation or place counted under the full name the same article gives,
  ``区纪委监委`` → ``娄星区纪委监委``; see :func:`reader.text.ner.document.short_form_links`),
  worked out when the article's entities are written.
- ``entity_index_stat(entry_id, type_id, form_id, mentions, articles, seq)``: per index entry (the
  canonical name after document links and aliases, ``entry_id`` an ``entity_name`` id) and per
  surface form counted under it, the mentions of non-retired articles, and the articles in which
  this form is the first (lowest id) form of the entry, so that summing ``articles`` over an
  entry's forms counts each article once.  ``seq`` is the number of the write that last touched
  a row (the ``meta`` key ``entity_index.seq`` counts writes: :data:`BUMP` before each), so a view
  asks for the rows changed since it last looked; a row whose counts fell to 0 stays (a
  tombstone saying "gone") until the next rebuild.
- the ``meta`` key ``entity_index.dirty``: set when entities were written through the old
  ``entity`` view (bench scripts and old tests do), which does not keep the index; writers then
  leave the aggregate alone and the next read rebuilds it
  (:func:`reader.store.entity_index_store.ensure_current`).

No index on ``seq``: a view's "what changed since" reads the whole table, which is as small as
the number of distinct names (a fixed page per index costs more on a small corpus).

A write that changes an article's entity spans subtracts the article's contribution (the rows
:func:`contribution` gives) before and adds it after, in the same transaction; triggers do the same
when an article is retired, brought back or deleted.  Alias changes re-tally the articles that
mention the names concerned.
"""

from __future__ import annotations

INDEX_TYPES_SQL = "('PER', 'LOC', 'ORG')"
SEQ_KEY = "entity_index.seq"  # meta: the number of the latest write to the aggregate
SEQ = f'COALESCE((SELECT CAST("value" AS INTEGER) FROM "meta" WHERE "key" = \'{SEQ_KEY}\'), 0)'
BUMP = (f'INSERT INTO "meta" ("key", "value") VALUES (\'{SEQ_KEY}\', \'1\') ON CONFLICT ("key") DO UPDATE SET '
        '"value" = CAST(CAST("meta"."value" AS INTEGER) + 1 AS TEXT)')

TABLES: tuple[str, ...] = (
    """CREATE TABLE "entity_link" ("article_id" INTEGER NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE,
       "name_id" INTEGER NOT NULL, "type_id" INTEGER NOT NULL, "full_id" INTEGER NOT NULL,
       PRIMARY KEY ("article_id", "name_id", "type_id"))""",
    """CREATE TABLE "entity_index_stat" ("entry_id" INTEGER NOT NULL, "type_id" INTEGER NOT NULL,
       "form_id" INTEGER NOT NULL, "mentions" INTEGER NOT NULL, "articles" INTEGER NOT NULL,
       "seq" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY ("entry_id", "type_id", "form_id"))""",
)

DIRTY_KEY = "entity_index.dirty"


def without_rowid(statement: str) -> str:
    """A file corpus keeps the two keyed tables without a rowid (smaller, one b-tree each)."""
    if statement.startswith(('CREATE TABLE "entity_link"', 'CREATE TABLE "entity_index_stat"')):
        return statement + " WITHOUT ROWID"
    return statement


# How the by-article contribution finds an article's mentions (their key does not start with
# the article): "spans" the ``entity_span`` rows (the step as it was), "pack" a file corpus's
# ``entity_pack`` values (step ``_entity_packs``), "mentions" a server's index of
# ``entity_mention`` by article.
Keys = str


def contribution(where: str | None, keys: Keys = "spans") -> str:
    """``(entry_id, type_id, form_id, n, first)`` summed over the non-retired articles whose id
    satisfies ``m."article_id" {where}`` (None: every article).  ``first`` counts the articles
    in which the form is the entry's lowest form id there."""
    if where is None:
        source = 'FROM "entity_mention" AS m'
    elif keys == "mentions":
        source = f'FROM (SELECT * FROM "entity_mention" WHERE "article_id" {where}) AS m'
    elif keys == "pack":
        source = (f'FROM (SELECT * FROM "entity_pack" WHERE "article_id" {where}) AS p '
                  'CROSS JOIN json_each(pizhu_entity_keys(p."spans")) AS j '
                  'JOIN "entity_mention" AS m ON m."name_id" = json_extract(j.value, \'$[0]\') '
                  'AND m."type_id" = json_extract(j.value, \'$[1]\') AND m."article_id" = p."article_id"')
    else:  # by article: the spans' key starts with the article, the mentions' key does not
        source = ('FROM (SELECT DISTINCT s."article_id", s."name_id", s."type_id" FROM "entity_span" AS s '
                  f'WHERE s."article_id" {where}) AS k JOIN "entity_mention" AS m ON m."name_id" = k."name_id" '
                  'AND m."type_id" = k."type_id" AND m."article_id" = k."article_id"')
    return f"""SELECT x."entry_id", x."type_id", x."form_id", SUM(x."n") AS "n", SUM(x."first") AS "first"
      FROM (SELECT y."entry_id", y."type_id", y."form_id", y."n",
                   CASE WHEN y."form_id" = MIN(y."form_id") OVER (PARTITION BY y."article_id", y."entry_id",
                        y."type_id") THEN 1 ELSE 0 END AS "first"
            FROM (SELECT m."article_id", m."type_id", m."name_id" AS "form_id", m."n",
                         COALESCE(cn."id", ln."id") AS "entry_id"
                  {source}
                  JOIN "entity_type" AS t ON t."id" = m."type_id"
                  JOIN "article" AS a ON a."id" = m."article_id"
                  LEFT JOIN "entity_link" AS l ON l."article_id" = m."article_id" AND l."name_id" = m."name_id"
                       AND l."type_id" = m."type_id"
                  JOIN "entity_name" AS ln ON ln."id" = COALESCE(l."full_id", m."name_id")
                  LEFT JOIN "entity_alias" AS al ON al."alias" = ln."text" AND (al."type" = '' OR al."type" = t."name")
                  LEFT JOIN "entity_name" AS cn ON cn."text" = al."canonical"
                  WHERE t."name" IN {INDEX_TYPES_SQL} AND a."retired" = 0) AS y) AS x
      GROUP BY x."entry_id", x."type_id", x."form_id\""""


def subtract(where: str, keys: Keys = "spans") -> str:
    """Take the contribution of the articles ``where`` selects out of the index."""
    return f"""UPDATE "entity_index_stat" SET "mentions" = "entity_index_stat"."mentions" - c."n",
       "articles" = "entity_index_stat"."articles" - c."first", "seq" = {SEQ}
       FROM ({contribution(where, keys)}) AS c
       WHERE "entity_index_stat"."entry_id" = c."entry_id" AND "entity_index_stat"."type_id" = c."type_id"
         AND "entity_index_stat"."form_id" = c."form_id\""""


def add(where: str | None, keys: Keys = "spans") -> str:
    """Add the contribution of the articles ``where`` selects (None: all) to the index."""
    return f"""INSERT INTO "entity_index_stat" ("entry_id", "type_id", "form_id", "mentions", "articles", "seq")
       SELECT c."entry_id", c."type_id", c."form_id", c."n", c."first", {SEQ}
       FROM ({contribution(where, keys)}) AS c WHERE 1 = 1
       ON CONFLICT ("entry_id", "type_id", "form_id") DO UPDATE SET
         "mentions" = "entity_index_stat"."mentions" + excluded."mentions",
         "articles" = "entity_index_stat"."articles" + excluded."articles", "seq" = excluded."seq\""""


# article id expressions of the trigger bodies
BY_ID = "= ?"
BY_IDS = "IN (SELECT value FROM json_each(?))"


def sqlite_triggers(keys: Keys = "spans") -> dict[str, str]:
    """The file corpus's triggers (``keys``: see :func:`contribution`)."""
    return {
        "entity_index_on_retire": f"""CREATE TRIGGER "entity_index_on_retire" BEFORE UPDATE OF "retired" ON "article"
            WHEN old."retired" = 0 AND new."retired" != 0 BEGIN {BUMP}; {subtract('= old."id"', keys)}; END""",
        "entity_index_on_unretire": f"""CREATE TRIGGER "entity_index_on_unretire" AFTER UPDATE OF "retired" ON "article"
            WHEN old."retired" != 0 AND new."retired" = 0 BEGIN {BUMP}; {add('= new."id"', keys)}; END""",
        # created after ``article_on_delete`` (which drops the mentions), so it fires before it
        "entity_index_on_delete": f"""CREATE TRIGGER "entity_index_on_delete" BEFORE DELETE ON "article"
            WHEN old."retired" = 0 BEGIN {BUMP}; {subtract('= old."id"', keys)}; END""",
        "entity_index_on_view_insert": """CREATE TRIGGER "entity_index_on_view_insert" INSTEAD OF INSERT ON "entity"
            BEGIN INSERT OR REPLACE INTO "meta" ("key", "value") VALUES ('entity_index.dirty', '1'); END""",
        "entity_index_on_view_delete": """CREATE TRIGGER "entity_index_on_view_delete" INSTEAD OF DELETE ON "entity"
            BEGIN INSERT OR REPLACE INTO "meta" ("key", "value") VALUES ('entity_index.dirty', '1'); END""",
    }


SQLITE_TRIGGERS: dict[str, str] = sqlite_triggers()  # as step ``_entity_index_stat`` made them

# name -> (plpgsql body, trigger clause): the same bookkeeping on a server.  PostgreSQL fires
# triggers of one event in name order, so ``article_entity_index_on_delete`` runs before
# ``article_on_delete`` drops the mentions, and the view's ``entity_index_on_view`` before the
# writer ``entity_on_insert``.
def server_triggers(keys: Keys = "spans") -> dict[str, tuple[str, str]]:
    """The server's triggers (``keys``: see :func:`contribution`)."""
    return {
        "article_entity_index_on_retire": (
            f"""{BUMP}; {subtract('= OLD."id"', keys)}; RETURN NEW;""",
            'BEFORE UPDATE OF "retired" ON "article" FOR EACH ROW WHEN (OLD."retired" = 0 AND NEW."retired" <> 0)'),
        "article_entity_index_on_unretire": (
            f"""{BUMP}; {add('= NEW."id"', keys)}; RETURN NULL;""",
            'AFTER UPDATE OF "retired" ON "article" FOR EACH ROW WHEN (OLD."retired" <> 0 AND NEW."retired" = 0)'),
        "article_entity_index_on_delete": (
            f"""{BUMP}; {subtract('= OLD."id"', keys)}; RETURN OLD;""",
            'BEFORE DELETE ON "article" FOR EACH ROW WHEN (OLD."retired" = 0)'),
        "entity_index_on_view": (
            """INSERT INTO "meta" ("key", "value") VALUES ('entity_index.dirty', '1') ON CONFLICT DO NOTHING;
               IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;""",
            'INSTEAD OF INSERT OR DELETE ON "entity" FOR EACH ROW'),
    }


SERVER_TRIGGERS: dict[str, tuple[str, str]] = server_triggers()  # as step ``_s11_entity_index_stat`` made them
