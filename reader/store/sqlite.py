"""Everything SQLite-specific about a Pizhu store, behind one small class.

Contract (:class:`SqliteStore`; a server database such as PostgreSQL provides the same methods
with its own SQL, e.g. a ``tsvector``/``pg_trgm`` index and ``pg_dump``-style backups):

- ``flush_index()``: bring the full-text index up to date with ``article.text`` for every
  article written since the last flush (Pizhu's writers call it inside their transaction).
- ``pending_ids()``: articles whose index entry is not (yet) current; searches scan them.
- ``match(expr, where, params, limit, offset)``: ``(article id, score)`` of the best ``limit``
  articles matching an index expression (higher score is better), ``count(expr, where, params)``
  the number of matches (``where``: extra SQL on ``rowid``, e.g. ``AND rowid IN (...)``), and
  ``match_sql(expr)`` a subquery of the matching ids for composing with other conditions.
- ``window_start(expr, ...)``: the id from which on the newest ``size`` articles match, and
  ``matching_in_range(expr, low, high)``: the matching ids in an id range (both cheap: they
  walk the index a bounded number of steps).
- ``check_schema()``: re-create derived objects (triggers) a later migration may have dropped.
- ``size_by_table()``: bytes per table and index, for the size benchmark.
- ``compact()``: after a bulk import, merge the full-text index's segments and rewrite the
  store without the slack that inserting in arrival order leaves in tables and indexes.

Index expressions come from :func:`reader.store.query.to_fts` (FTS5 syntax over one token per
code point, see :func:`reader.store.query.index_tokens`).  Pragmas and opening stay in
:mod:`reader.store.db`; backups with SQLite's online backup API belong beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from peewee import SqliteDatabase

from reader.store import entity_index_sql, entity_index_store, entity_pack, lean_schema
from reader.store.packed_text import unpack
from reader.store.query import index_tokens


class SqliteStore:
    """SQLite (FTS5, triggers, ``dbstat``) operations of one open database."""

    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db

    # -- full-text index ------------------------------------------------------------------
    def flush_index(self, batch: int = 500, progress: Callable[[int, int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> int:
        """Apply the index queue (see :mod:`reader.store.lean_schema`); returns articles done,
        or -1 when ``cancelled()`` (the batches already applied stay: roll back the caller's
        transaction to undo them)."""
        done = 0
        total = int(self.db.execute_sql('SELECT COUNT(*) FROM "article_index_queue"').fetchone()[0])
        while True:
            if cancelled is not None and cancelled():
                return -1
            if progress is not None and total > batch:
                progress(done, total, "")
            rows = self.db.execute_sql(
                'SELECT q."article_id", q."indexed", a."text" FROM "article_index_queue" AS q '
                'LEFT JOIN "article" AS a ON a."id" = q."article_id" ORDER BY q."article_id" LIMIT ?',
                (batch,)).fetchall()
            if not rows:
                if progress is not None:
                    progress(done, max(done, total), "")
                return done
            with self.db.atomic():
                for article_id, indexed, text in rows:
                    indexed, text = unpack(indexed), unpack(text)
                    if indexed is not None:
                        self.db.execute_sql(
                            "INSERT INTO article_index(article_index, rowid, tokens) VALUES ('delete', ?, ?)",
                            (article_id, index_tokens(indexed)))
                    if text is not None:
                        self.db.execute_sql("INSERT INTO article_index(rowid, tokens) VALUES (?, ?)",
                                            (article_id, index_tokens(text)))
                marks = ",".join("?" * len(rows))
                self.db.execute_sql(f'DELETE FROM "article_index_queue" WHERE "article_id" IN ({marks})',
                                    [r[0] for r in rows])
            done += len(rows)

    def index_tokens_now(self, article_id: int, tokens: str) -> None:
        """Index a just-inserted article from tokens made elsewhere (an ingest worker), instead
        of tokenising its text again at the next flush.  Only for an article whose queue entry
        says it is not in the index yet; otherwise the queue is left to :meth:`flush_index`."""
        row = self.db.execute_sql('SELECT "indexed" FROM "article_index_queue" WHERE "article_id" = ?',
                                  (article_id,)).fetchone()
        if row is None or row[0] is not None:
            return
        self.db.execute_sql("INSERT INTO article_index(rowid, tokens) VALUES (?, ?)", (article_id, tokens))
        self.db.execute_sql('DELETE FROM "article_index_queue" WHERE "article_id" = ?', (article_id,))

    def pending_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute_sql('SELECT "article_id" FROM "article_index_queue"').fetchall()]

    def rebuild_index(self, progress: Callable[[int, int, str], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> int:
        """Drop and re-make every index entry from the texts (call inside a transaction);
        returns the articles indexed, -1 when cancelled (roll back then)."""
        self.db.execute_sql("INSERT INTO article_index(article_index) VALUES ('delete-all')")
        self.db.execute_sql('DELETE FROM "article_index_queue"')
        self.db.execute_sql('INSERT INTO "article_index_queue" ("article_id", "indexed") SELECT "id", NULL FROM "article"')
        return self.flush_index(progress=progress, cancelled=cancelled)

    def match_sql(self, expr: str) -> tuple[str, list[object]]:
        """A subquery selecting the ids of the articles whose index entry matches ``expr``."""
        return "SELECT rowid FROM article_index WHERE article_index MATCH ?", [expr]

    def match(self, expr: str, where: str = "", params: Sequence[object] = (),
              limit: int = 50, offset: int = 0, min_rowid: int | None = None) -> list[tuple[int, float]]:
        """``(id, score)`` of the best matches (score ``-bm25``: higher is better; ties by id),
        with ``where`` an extra condition on ``rowid``; ``min_rowid`` ranks only matches from
        that id on (see :meth:`window_start`)."""
        if min_rowid is not None:
            where, params = f"{where} AND rowid >= ?", [*params, min_rowid]
        sql = (f"SELECT rowid, -bm25(article_index) FROM article_index WHERE article_index MATCH ? {where} "
               "ORDER BY bm25(article_index), rowid LIMIT ? OFFSET ?")
        rows = self.db.execute_sql(sql, [expr, *params, limit, offset]).fetchall()
        return [(int(i), float(s)) for i, s in rows]

    def window_start(self, expr: str, where: str = "", params: Sequence[object] = (), size: int = 1000) -> int | None:
        """The id from which on exactly ``size`` articles match (the newest ``size``), or None
        when fewer match.  Walks the index backwards and stops, so it costs ``size`` steps."""
        row = self.db.execute_sql(
            f"SELECT rowid FROM article_index WHERE article_index MATCH ? {where} ORDER BY rowid DESC "
            "LIMIT 1 OFFSET ?", [expr, *params, size - 1]).fetchone()
        return None if row is None else int(row[0])

    def matching_in_range(self, expr: str, low: int, high: int) -> set[int]:
        """Ids from ``low`` to ``high`` (inclusive) whose entry matches ``expr``."""
        rows = self.db.execute_sql("SELECT rowid FROM article_index WHERE article_index MATCH ? "
                                   "AND rowid BETWEEN ? AND ?", (expr, low, high)).fetchall()
        return {int(r[0]) for r in rows}

    def count(self, expr: str, where: str = "", params: Sequence[object] = ()) -> int:
        sql = f"SELECT COUNT(*) FROM article_index WHERE article_index MATCH ? {where}"
        return int(self.db.execute_sql(sql, [expr, *params]).fetchone()[0])

    # -- schema ---------------------------------------------------------------------------
    def check_schema(self) -> bool:
        """Re-create lean-store triggers that are missing (a later step that rebuilt a table
        drops its triggers) and recount the aggregates; True when something was repaired.
        A database without the lean store (an old schema version mid-migration) is left alone."""
        names = {r[0] for r in self.db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table', 'view')").fetchall()}
        if "article_stat" not in names:
            return False
        if "entity_pack" in names:  # step ``_entity_packs``: the triggers as that step left them
            lean, index = entity_pack.lean_triggers(), entity_pack.index_triggers()
        else:
            lean, index = lean_schema.TRIGGERS, entity_index_sql.SQLITE_TRIGGERS
        missing = [name for name in lean if name not in names]
        index_kept = "entity_index_stat" in names  # the entity index aggregate's own triggers
        index_missing = index_kept and any(name not in names for name in index)
        if not missing and not index_missing:
            return False
        with self.db.atomic():
            for name in missing:
                self.db.execute_sql(lean[name])
            for statement in lean_schema.RECOUNT:
                self.db.execute_sql(statement)
            if index_kept:  # after the lean ones, so that its delete trigger fires first
                for name, statement in index.items():
                    self.db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
                    self.db.execute_sql(statement)
                self.db.execute_sql('DELETE FROM "meta" WHERE "key" = ?', (entity_index_store.LINKS_KEY,))
        return True

    def compact(self) -> None:
        """Merge the full-text index into one segment (FTS5 ``optimize``) and rewrite the file
        compactly (``VACUUM``): B-tree pages filled in arrival
        order are part empty, and the merged index frees the pages of its many small
        segments.  At 10,000 articles 134 MB become 131; it takes about as long as copying the
        file (twice the file's size on disk meanwhile: the write-ahead log holds the copy until
        the checkpoint).  Called after an ingest into an empty corpus (:meth:`reader.corpus.Corpus.ingest`)."""
        from peewee import OperationalError

        with self.db.atomic():
            self.db.execute_sql("INSERT INTO article_index(article_index) VALUES ('optimize')")
        if str(getattr(self.db, "database", "")) == ":memory:":
            return
        try:  # in WAL mode (the page size is already the store's): the log takes the copy, then goes
            self.db.execute_sql("VACUUM")
            self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except OperationalError:  # another connection is writing: the file stays as it is
            pass

    def size_by_table(self) -> dict[str, int]:
        """Bytes used per table or index (FTS5 shadow tables under their virtual table's name)."""
        try:
            rows = self.db.execute_sql("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        except Exception:  # dbstat is a compile-time option
            return {}
        out: dict[str, int] = {}
        for name, size in rows:
            key = "article_index" if name.startswith("article_index_") and name != "article_index_queue" else name
            out[key] = out.get(key, 0) + int(size)
        return out


def store(db: SqliteDatabase | None = None) -> SqliteStore:
    """The SQLite store operations of ``db`` (default: the bound database); code outside this
    module uses :func:`reader.store.backend.current`."""
    from reader.store.backend import current

    backend = current(db)
    assert isinstance(backend, SqliteStore)
    return backend
