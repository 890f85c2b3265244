"""Keeping the entity index aggregate (:mod:`reader.store.entity_index_sql`) exact on every write.

- :func:`begin_article` / :func:`end_article` bracket a write of one article's entity spans
  (:func:`reader.store.entities.replace_entities` and :func:`~reader.store.entities.clear_entities`
  call them): the article's contribution is taken out before and put back after, and its
  document links are worked out again from its names (:func:`store_links`).
- :func:`retallied` brackets an alias change: the articles that mention the names concerned are
  taken out under the old aliases and put back under the new ones.
- Retiring, bringing back or deleting an article is kept by triggers.
- :func:`rebuild` makes links and aggregate from scratch (the migration, and
  :func:`ensure_current` when entities were written through the old ``entity`` view or the
  program's short-form rules changed since the links were made).

Everything runs inside the caller's transaction, on a file or a server corpus alike.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache

from peewee import Database, SqliteDatabase

from reader.store import entity_index_sql as q
from reader.store.models import database

LINKS_KEY = "entity_index.links"  # meta: the version of the short-form rules the links were made with
LINK_TYPES = ("ORG", "LOC")


def _db(db: Database | None) -> Database:
    return database if db is None else db


@lru_cache(maxsize=1)
def links_version() -> str:
    """Changes when the rules that link short forms to full names change (the code of
    :func:`links_of` and :func:`reader.text.ner.document._short_forms`, the lexicon's inputs)."""
    from reader.text.ner import document, lexicon

    digest = hashlib.sha1()
    for fn in (links_of, document._short_forms):
        digest.update(inspect.getsource(fn).encode("utf-8"))
    digest.update(str(lexicon.CACHE_VERSION).encode())
    for path in lexicon._inputs():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def links_of(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``{(short form, type): full name}`` among one article's ``(text, type)`` names: a short
    form links to the longest full name of its type it is a short form of, the first by code
    point order among names of the same length (the links of
    :func:`reader.text.ner.document.short_form_links`, made the same in every process: that
    one breaks ties in set order, which differs between runs)."""
    wanted = sorted({(t, e) for t, e in names if e in LINK_TYPES}, key=lambda p: (-len(p[0]), p[0], p[1]))
    if len(wanted) < 2 or len(wanted[0][0]) < 4:
        return {}  # no full name to link to: the lexicon is not needed
    from reader.text.entities import Entity, _lexicon
    from reader.text.ner.document import _short_forms

    lexicon = _lexicon()
    present = set(wanted)
    links: dict[tuple[str, str], str] = {}
    for text, etype in wanted:
        if len(text) < 4:
            break
        for form in _short_forms(Entity(0, len(text), etype, text, ""), lexicon):
            if (form, etype) in present and (form, etype) not in links:
                links[(form, etype)] = text
    return links


def store_links(article_id: int, names: Mapping[tuple[str, str], tuple[int, int]],
                db: Database | None = None) -> None:
    """Replace the document links of ``article_id``; ``names`` maps its ``(text, type)`` names
    to their ``(name id, type id)``."""
    db = _db(db)
    db.execute_sql('DELETE FROM "entity_link" WHERE "article_id" = ?', (article_id,))
    rows = []
    for (short, etype), full in links_of(names).items():
        name_id, type_id = names[(short, etype)]
        full_id = names[(full, etype)][0]
        rows.append((article_id, name_id, type_id, full_id))
    if rows:
        db.cursor().executemany('INSERT INTO "entity_link" VALUES (?, ?, ?, ?)', rows)


_KEPT: dict[tuple[int, int], bool] = {}


def kept(db: Database | None = None) -> bool:
    """Whether the database has the aggregate (a file at a schema version before its step, as
    tests of older steps make, has not; a server corpus is always migrated to the end)."""
    db = _db(db)
    real = getattr(db, "obj", db)
    if not isinstance(real, SqliteDatabase):
        return True
    version = int(real.execute_sql("PRAGMA user_version").fetchone()[0])
    key = (id(real), version)
    if key not in _KEPT:
        _KEPT[key] = real.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_index_stat'").fetchone() is not None
    return _KEPT[key]


_KEYS: dict[tuple[int, int], str] = {}


def _keys(db: Database) -> str:
    """How the by-article contribution finds an article's mentions (:func:`entity_index_sql.contribution`):
    a server by its index of mentions by article, a file corpus from its entity packs (or, before
    step ``_entity_packs``, its span rows)."""
    real = getattr(db, "obj", db)
    if not isinstance(real, SqliteDatabase):
        return "mentions"
    version = int(real.execute_sql("PRAGMA user_version").fetchone()[0])
    key = (id(real), version)
    if key not in _KEYS:
        _KEYS[key] = "pack" if real.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_pack'").fetchone() else "spans"
    return _KEYS[key]


def _dirty(db: Database) -> bool:
    return db.execute_sql('SELECT 1 FROM "meta" WHERE "key" = ?', (q.DIRTY_KEY,)).fetchone() is not None


def begin_article(article_id: int, db: Database | None = None) -> bool:
    """Take ``article_id`` out of the index before its spans change; False when the index is
    marked for a rebuild (or the database has none) and nothing was done."""
    db = _db(db)
    if not kept(db) or _dirty(db):
        return False
    db.execute_sql(q.BUMP)
    db.execute_sql(q.subtract(q.BY_ID, _keys(db)), (article_id,))
    return True


def end_article(article_id: int, held: bool, names: Mapping[tuple[str, str], tuple[int, int]] | None,
                db: Database | None = None) -> None:
    """Put ``article_id`` back after its spans changed (``held``: what :func:`begin_article`
    said); ``names`` its new names as :func:`store_links` takes them (None: it has none)."""
    db = _db(db)
    if not kept(db):
        return
    if names is None:
        db.execute_sql('DELETE FROM "entity_link" WHERE "article_id" = ?', (article_id,))
    else:
        store_links(article_id, names, db)
    if held:
        db.execute_sql(q.add(q.BY_ID, _keys(db)), (article_id,))


def _articles_naming(names: Sequence[str], db: Database) -> list[int]:
    """Articles with a mention of one of ``names`` or a short form linked to one of them."""
    if not names:
        return []
    marks = ", ".join("?" * len(names))
    rows = db.execute_sql(
        f'SELECT m."article_id" FROM "entity_mention" AS m JOIN "entity_name" AS n ON n."id" = m."name_id" '
        f'WHERE n."text" IN ({marks}) UNION SELECT l."article_id" FROM "entity_link" AS l '
        f'JOIN "entity_name" AS n ON n."id" = l."full_id" WHERE n."text" IN ({marks})', [*names, *names])
    return sorted({int(r[0]) for r in rows.fetchall()})


def intern_canonical_names(db: Database | None = None) -> None:
    """Every canonical name of an alias has an ``entity_name`` id (an entry's key)."""
    _db(db).execute_sql('INSERT OR IGNORE INTO "entity_name" ("text") SELECT DISTINCT "canonical" FROM "entity_alias"')


@contextmanager
def retallied(names: Iterable[str], db: Database | None = None) -> Iterator[None]:
    """Bracket a change of the aliases of ``names`` (every name whose canonical name may change):
    their articles leave the index under the old aliases and come back under the new ones."""
    db = _db(db)
    if not kept(db) or _dirty(db):
        yield
        return
    ids = _articles_naming(sorted(set(names)), db)
    param = (json.dumps(ids),)
    if ids:
        db.execute_sql(q.BUMP)
        db.execute_sql(q.subtract(q.BY_IDS, _keys(db)), param)
    yield
    intern_canonical_names(db)
    if ids:
        db.execute_sql(q.add(q.BY_IDS, _keys(db)), param)


def _linkable_names(db: Database) -> Iterator[tuple[int, dict[tuple[str, str], tuple[int, int]]]]:
    """``(article id, {(text, type): (name id, type id)})`` of the organisations and places of
    every article that has some, in article order."""
    cursor = db.execute_sql(
        'SELECT m."article_id", n."text", t."name", m."name_id", m."type_id" FROM "entity_mention" AS m '
        'JOIN "entity_name" AS n ON n."id" = m."name_id" JOIN "entity_type" AS t ON t."id" = m."type_id" '
        'WHERE t."name" IN (\'ORG\', \'LOC\') ORDER BY m."article_id"')
    current, names = -1, {}  # type: int, dict[tuple[str, str], tuple[int, int]]
    while True:
        rows = cursor.fetchmany(5000)
        for article, text, etype, name_id, type_id in rows:
            if article != current:
                if names:
                    yield current, names
                current, names = int(article), {}
            names[(text, etype)] = (int(name_id), int(type_id))
        if not rows:
            break
    if names:
        yield current, names


class _Cancelled(Exception):
    pass


def rebuild(db: Database | None = None, progress: Callable[[int, int, str], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> bool:
    """Make every article's document links and the whole aggregate again (inside the caller's
    transaction); False when ``cancelled()`` (roll back then)."""
    db = _db(db)
    db.execute_sql('DELETE FROM "entity_link"')
    last = int(db.execute_sql('SELECT COALESCE(MAX("id"), 0) FROM "article"').fetchone()[0])
    rows = []
    for done, (article, names) in enumerate(_linkable_names(db)):
        if done % 1000 == 0:
            if cancelled is not None and cancelled():
                return False
            if progress is not None:
                progress(article, last, "")
        for (short, etype), full in links_of(names).items():
            rows.append((article, names[(short, etype)][0], names[(short, etype)][1], names[(full, etype)][0]))
    if rows:
        db.cursor().executemany('INSERT INTO "entity_link" VALUES (?, ?, ?, ?)', rows)
    intern_canonical_names(db)
    db.execute_sql('DELETE FROM "entity_index_stat"')
    db.execute_sql(q.BUMP)
    db.execute_sql(q.add(None))
    db.execute_sql('DELETE FROM "meta" WHERE "key" = ?', (q.DIRTY_KEY,))
    _set_meta(db, LINKS_KEY, links_version())
    if progress is not None:
        progress(last, last, "")
    return True


def _set_meta(db: Database, key: str, value: str) -> None:
    db.execute_sql('DELETE FROM "meta" WHERE "key" = ?', (key,))
    db.execute_sql('INSERT INTO "meta" ("key", "value") VALUES (?, ?)', (key, value))


def is_current(db: Database | None = None) -> bool:
    """Whether the aggregate holds exactly what the stored entities give."""
    db = _db(db)
    if _dirty(db):
        return False
    row = db.execute_sql('SELECT "value" FROM "meta" WHERE "key" = ?', (LINKS_KEY,)).fetchone()
    return row is not None and row[0] == links_version()


def ensure_current(progress: Callable[[int, int, str], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> bool:
    """Rebuild the aggregate when it is not current (see :func:`is_current`); True when it did."""
    if is_current():
        return False
    try:
        with database.atomic():
            if is_current():  # another writer did it meanwhile
                return False
            if not rebuild(progress=progress, cancelled=cancelled):
                raise _Cancelled()
    except _Cancelled:
        return False
    return True


def create(db: Database, server: bool = False) -> None:
    """The tables and triggers of the step (then :func:`rebuild` fills them)."""
    for statement in q.TABLES:
        db.execute_sql(statement if server else q.without_rowid(statement))
    if server:
        from reader.store.pg_schema import trigger_statements

        view = db.execute_sql("SELECT 1 FROM information_schema.views WHERE table_name = 'entity'").fetchone()
        triggers = {k: v for k, v in q.SERVER_TRIGGERS.items() if view or k != "entity_index_on_view"}
        for statement in trigger_statements(triggers):  # (no view: a test re-running the step, see above)
            db.execute_sql(statement)
    else:  # as the step made them; on a corpus past ``_entity_packs`` (a test re-running the
        # step) as that step leaves them
        view = db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'entity'").fetchone()
        for name, statement in q.sqlite_triggers(_keys(db)).items():
            if view or "_on_view_" not in name:
                db.execute_sql(statement)
