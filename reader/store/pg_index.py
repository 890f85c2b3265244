"""The :class:`~reader.store.backend.StoreBackend` of a server corpus, chiefly its full-text index.

``article_index`` holds a ``tsvector`` of one lexeme per code point with its position under a
GIN index, and the FTS5 expressions of :func:`reader.store.query.to_fts` become ``tsquery``
phrases (``'中' <-> '国'``), ``&``, ``|`` and ``& !``.  Chosen over ``pg_trgm`` because trigrams
cannot answer the one- and two-character terms that Chinese queries are mostly made of (``的``,
``中国``) without a scan, and over bigram lexemes because positions keep phrase and boolean
answers exact without reading texts.

**Built on the server.**  The vector of an article is made in SQL by :data:`INDEX_FUNCTION`
(``pizhu_tsvector(text)``: the text split into code points, each lower-cased with ``lower()``,
grouped with its positions), so indexing a batch of articles is one statement and no text
crosses the wire; the query side lower-cases its ``tsquery`` with the same ``lower()``, so the
two agree whatever the server's locale.  A ``tsvector`` keeps at most 16,383 positions and 256
per lexeme: an article past either limit stays in ``article_index_queue`` (``too_long``), which
every search scans directly, so answers stay exact (``bench/bench_server.py`` prints how many).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from peewee import Database

MAX_POSITION = 16383
MAX_PER_LEXEME = 256

INDEX_FUNCTION = f"""CREATE OR REPLACE FUNCTION pizhu_tsvector(body TEXT) RETURNS TSVECTOR
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT CASE WHEN length(body) > {MAX_POSITION} OR max(s.k) > {MAX_PER_LEXEME} THEN NULL
                ELSE coalesce(string_agg('''' || replace(replace(s.w, '\\', '\\\\'), '''', '''''')
                                         || ''':' || s.p, ' '), '')::TSVECTOR END
    FROM (SELECT lower(x.c) AS w, string_agg(x.n::TEXT, ',') AS p, count(*) AS k
          FROM unnest(string_to_array(body, NULL)) WITH ORDINALITY AS x(c, n) GROUP BY lower(x.c)) AS s
    $fn$"""
TSQUERY = "lower(?)::tsquery"

# one batch of the queue: vectors made in SQL, too long ones marked, the rest settled
_FLUSH = (
    'DELETE FROM "article_index" WHERE "rowid" = ANY(?)',
    """WITH v AS (SELECT a."id", pizhu_tsvector(a."text") AS t FROM "article" AS a WHERE a."id" = ANY(?)),
       ins AS (INSERT INTO "article_index" ("rowid", "tokens") SELECT "id", t FROM v WHERE t IS NOT NULL)
       UPDATE "article_index_queue" SET "too_long" = 1 WHERE "article_id" IN (SELECT "id" FROM v WHERE t IS NULL)""",
    'DELETE FROM "article_index_queue" WHERE "article_id" = ANY(?) AND "too_long" = 0',
)


def tsvector_literal(tokens: str) -> str | None:
    """The ``tsvector`` that :data:`INDEX_FUNCTION` makes for the text these
    :func:`~reader.store.query.index_tokens` came from, as a literal, or None past the limits
    of a tsvector (the tests check the two agree)."""
    positions: dict[str, list[str]] = {}
    words = [_char(w) for w in tokens.split(" ")] if tokens else []
    if len(words) > MAX_POSITION:
        return None
    for number, word in enumerate(words, 1):
        found = positions.setdefault(word.lower(), [])
        if len(found) == MAX_PER_LEXEME:
            return None
        found.append(str(number))
    return " ".join(f"'{_quote(w)}':{','.join(p)}" for w, p in positions.items())


def _char(token: str) -> str:
    """The code point an index token stands for (``u3002`` is ``。``; alphanumerics stand for
    themselves, one code point each)."""
    return chr(int(token[1:], 16)) if len(token) > 1 and token[0] == "u" else token


def _quote(lexeme: str) -> str:
    return lexeme.replace("\\", "\\\\").replace("'", "''")


_FTS_TOKEN = re.compile(r'\s*(?:"([^"]*)"|(\()|(\))|(AND|OR|NOT)\b)')


def to_tsquery(expr: str) -> str:
    """An FTS5 expression of :func:`reader.store.query.to_fts` as a ``tsquery`` literal, each
    token as the code point it stands for (:data:`TSQUERY` lower-cases it on the server)."""
    out: list[str] = []
    pos = 0
    while pos < len(expr):
        m = _FTS_TOKEN.match(expr, pos)
        if m is None:
            if expr[pos:].strip():
                raise ValueError(f"not an index expression: {expr!r}")
            break
        phrase, lpar, rpar, op = m.groups()
        if phrase is not None:
            words = [_char(w) for w in phrase.split()]
            out.append("(" + " <-> ".join(f"'{_quote(w)}'" for w in words) + ")" if words else "")
        elif lpar:
            out.append("(")
        elif rpar:
            out.append(")")
        else:
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[op])
        pos = m.end()
    return " ".join(out)


class PostgresStore:
    """The :class:`~reader.store.backend.StoreBackend` of a server corpus (contract as on
    :class:`reader.store.sqlite.SqliteStore`; the index is described in this module's doc)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def flush_index(self, batch: int = 500, progress: Callable[[int, int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> int:
        done = 0
        total = int(self.db.execute_sql('SELECT COUNT(*) FROM "article_index_queue" WHERE "too_long" = 0')
                    .fetchone()[0])
        while True:
            if cancelled is not None and cancelled():
                return -1
            if progress is not None and total > batch:
                progress(done, total, "")
            ids = [int(r[0]) for r in self.db.execute_sql(
                'SELECT "article_id" FROM "article_index_queue" WHERE "too_long" = 0 ORDER BY "article_id" LIMIT ?',
                (batch,)).fetchall()]
            if not ids:
                if progress is not None:
                    progress(done, max(done, total), "")
                return done
            with self.db.atomic():
                for statement in _FLUSH:
                    self.db.execute_sql(statement, (ids,))
            done += len(ids)

    def index_tokens_now(self, article_id: int, tokens: str) -> None:
        """Index one stored article now (the server makes the vector from its text; ``tokens``,
        what a file corpus stores, is not needed)."""
        row = self.db.execute_sql('SELECT "too_long" FROM "article_index_queue" WHERE "article_id" = ?',
                                  (article_id,)).fetchone()
        if row is not None and row[0] == 0:
            for statement in _FLUSH:
                self.db.execute_sql(statement, ([article_id],))

    def pending_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute_sql('SELECT "article_id" FROM "article_index_queue"').fetchall()]

    def rebuild_index(self, progress: Callable[[int, int, str], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> int:
        """Every article indexed again, in batches of 2,000 with the GIN index dropped meanwhile
        and built once at the end (much faster than growing it batch by batch); -1 when
        cancelled (roll back then: the index is gone until the caller does)."""
        with self.db.atomic():
            self.db.execute_sql('DELETE FROM "article_index"')
            self.db.execute_sql('DELETE FROM "article_index_queue"')
            self.db.execute_sql('INSERT INTO "article_index_queue" ("article_id", "indexed") SELECT "id", NULL FROM "article"')
            self.db.execute_sql('DROP INDEX IF EXISTS "article_index_tokens"')
            done = self.flush_index(batch=2000, progress=progress, cancelled=cancelled)
            if done < 0:
                return done
            self.db.execute_sql("SET LOCAL maintenance_work_mem = '256MB'")
            self.db.execute_sql('CREATE INDEX "article_index_tokens" ON "article_index" USING GIN ("tokens")')
        return done

    def match_sql(self, expr: str) -> tuple[str, list[object]]:
        return f'SELECT "rowid" FROM "article_index" WHERE "tokens" @@ {TSQUERY}', [to_tsquery(expr)]

    def match(self, expr: str, where: str = "", params: Sequence[object] = (), limit: int = 50,
              offset: int = 0, min_rowid: int | None = None) -> list[tuple[int, float]]:
        """``(id, ts_rank)`` of the best matches, ties by id."""
        if min_rowid is not None:
            where, params = f"{where} AND rowid >= ?", [*params, min_rowid]
        sql = (f'SELECT rowid, ts_rank("tokens", {TSQUERY}) AS score FROM "article_index" '
               f'WHERE "tokens" @@ {TSQUERY} {where} ORDER BY score DESC, rowid LIMIT ? OFFSET ?')
        query = to_tsquery(expr)
        rows = self.db.execute_sql(sql, [query, query, *params, limit, offset]).fetchall()
        return [(int(i), float(s)) for i, s in rows]

    def window_start(self, expr: str, where: str = "", params: Sequence[object] = (),
                     size: int = 1000) -> int | None:
        row = self.db.execute_sql(
            f'SELECT rowid FROM "article_index" WHERE "tokens" @@ {TSQUERY} {where} ORDER BY rowid DESC '
            "LIMIT 1 OFFSET ?", [to_tsquery(expr), *params, size - 1]).fetchone()
        return None if row is None else int(row[0])

    def matching_in_range(self, expr: str, low: int, high: int) -> set[int]:
        rows = self.db.execute_sql(f'SELECT rowid FROM "article_index" WHERE "tokens" @@ {TSQUERY} '
                                   "AND rowid BETWEEN ? AND ?", (to_tsquery(expr), low, high)).fetchall()
        return {int(r[0]) for r in rows}

    def count(self, expr: str, where: str = "", params: Sequence[object] = ()) -> int:
        sql = f'SELECT COUNT(*) FROM "article_index" WHERE "tokens" @@ {TSQUERY} {where}'
        return int(self.db.execute_sql(sql, [to_tsquery(expr), *params]).fetchone()[0])

    def compact(self) -> None:
        """Nothing to do on a server: PostgreSQL's autovacuum reclaims dead rows and the GIN
        index has no segments to merge (see :meth:`reader.store.sqlite.SqliteStore.compact`)."""

    def check_schema(self) -> bool:
        """Nothing to repair: server steps never rebuild tables, so triggers are never lost."""
        return False

    def size_by_table(self) -> dict[str, int]:
        rows = self.db.execute_sql(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class AS c "
            "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'").fetchall()
        return {name: int(size) for name, size in rows}

