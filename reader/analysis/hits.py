"""Finding a search query's hits fast, for analyses that count them (timelines, phrase lists).

The hits are exactly the lines a concordance (``reader.store.search.kwic``) of the query lists:
the same index candidates, checked with the same :func:`reader.store.query.matches` and
:func:`reader.store.query.find_hits`; only no concordance lines are built, and the texts are
read with plain SQL.  When the full-text index cannot be asked directly, the concordance answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.store.models import database
from reader.store.packed_text import unpack


def index_candidates(expr: str, article_ids: Sequence[int] | None = None) -> list[int] | None:
    """Ids the full-text index gives for an FTS5 expression (with articles still queued for
    indexing, where the store queues them), among ``article_ids`` when given (the index asked for
    those rowids only: an update after a change costs the changed articles, not the whole
    doclist); None when the index cannot be asked."""
    wanted = None if article_ids is None else sorted({int(i) for i in article_ids})
    try:
        if wanted is None or len(wanted) > 500:
            ids = {r[0] for r in database.execute_sql(
                "SELECT rowid FROM article_index WHERE article_index MATCH ?", (expr,)).fetchall()}
        else:
            ids = {r[0] for r in database.execute_sql(
                "SELECT rowid FROM article_index WHERE article_index MATCH ? AND rowid IN "
                f"({', '.join('?' * len(wanted))})", (expr, *wanted)).fetchall()} if wanted else set()
    except Exception:  # noqa: BLE001  (no index of this shape: let the concordance answer)
        return None
    queued = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'article_index_queue'").fetchone()
    if queued:
        ids |= {r[0] for r in database.execute_sql("SELECT article_id FROM article_index_queue").fetchall()}
    if wanted is not None:
        ids &= set(wanted)
    return sorted(ids)


def query_hits(query: str, article_ids: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
    """(article, start, end) of every hit of a search query in live articles (among
    ``article_ids`` when given): exactly the lines of ``kwic(query)`` (the same candidates and
    the same :func:`reader.store.query.find_hits`), read without building concordance lines,
    so counting stays fast on large corpora."""
    from reader.store.query import Term, find_hits, matches, parse_query, to_fts
    from reader.store.search import kwic

    node = parse_query(query)
    if node is None:
        return []
    expr = to_fts(node)
    ids = index_candidates(expr, article_ids) if expr is not None else None
    if ids is None:
        found = [(k.article_id, k.start, k.end) for k in kwic(query, width=0, limit=None)]
        return found if article_ids is None else [h for h in found if h[0] in set(article_ids)]
    single = isinstance(node, Term)
    out: list[tuple[int, int, int]] = []
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        rows = database.execute_sql(f"SELECT id, text FROM article WHERE retired = 0 AND id IN "
                                    f"({', '.join('?' * len(part))}) ORDER BY id", part).fetchall()
        for article_id, text in ((i, unpack(t)) for i, t in rows):
            if single or matches(node, text):
                out.extend((article_id, s, e) for s, e in find_hits(text, node))
    return out


def entity_hits(name: str, article_ids: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
    """(article, start, end) of every mention of ``name`` or its aliases in live articles (among
    ``article_ids`` when given): exactly the lines of
    :func:`reader.analysis.entity_index.occurrences` (same forms, same checks), without cutting
    contexts out of the texts."""
    from reader.analysis.entity_index import alias_map

    amap = alias_map()
    root = amap.canonical(name, "")
    forms = sorted(amap.names_for(root, ""))
    from reader.store.entities import articles_mentioning, spans_for_articles

    ids = articles_mentioning(forms, live=True)
    if article_ids is not None:
        wanted = set(article_ids)
        ids = [a for a in ids if a in wanted]
    chars: dict[int, int] = {}
    for at in range(0, len(ids), 500):
        batch = ids[at:at + 500]
        chars.update(database.execute_sql(f'SELECT "id", "chars" FROM "article" WHERE "id" IN '
                                          f'({",".join("?" * len(batch))})', batch).fetchall())
    return [(a, s, e) for a, s, e, etype, text, _origin in spans_for_articles(ids, texts=forms)
            if 0 <= s < e <= chars[a] and amap.canonical(text, etype) == root]


def live_candidates(forms: list[str], article_ids: Sequence[int] | None = None) -> list[int]:
    """Live articles the index says may contain one of ``forms`` (a superset: callers check),
    among ``article_ids`` when given."""
    from reader.store.query import Or, Term, to_fts

    terms = [Term(f) for f in forms if f]
    if not terms:
        return []
    expr = to_fts(terms[0] if len(terms) == 1 else Or(tuple(terms)))
    ids = index_candidates(expr, article_ids) if expr is not None else None
    if ids is None:
        from reader.store.search import kwic

        query = " OR ".join(f'"{f}"' for f in forms)
        found = {k.article_id for k in kwic(query, width=0, limit=None)}
        return sorted(found if article_ids is None else found & set(article_ids))
    live: list[int] = []
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        live += [r[0] for r in database.execute_sql(
            f"SELECT id FROM article WHERE retired = 0 AND id IN ({', '.join('?' * len(part))})", part).fetchall()]
    return sorted(live)


__all__ = ["entity_hits", "index_candidates", "live_candidates", "query_hits"]
