"""Reprint clusters a page at a time (from the stored clustering, ``reprint_cluster``): the
cluster numbers in the order of a column, sorted in SQL, the rows of the few shown, and the
printings of one cluster."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.store.models import database

# one row per cluster: its size, the lowest similarity of a copy to the first, the first printing's facts
_CLUSTERS = ('SELECT g."cluster", g.n, g.sim, s.published, s.paper, s.page, a.display_title FROM '
             '(SELECT "cluster", COUNT(*) AS n, MIN(CASE WHEN article_id != "first" THEN similarity END) AS sim, '
             'MAX("first") AS first_id FROM reprint_cluster GROUP BY "cluster") AS g '
             'JOIN article AS a ON a.id = g.first_id JOIN source_file AS s ON s.id = a.source_id')
SORTS: dict[str, str] = {
    "cluster": 'g."cluster"', "printings": "g.n", "date": "s.published", "newspaper": "s.paper", "page": "s.page",
    "similarity": "g.sim", "title": "a.display_title",
}


def cluster_ids(sort: str = "cluster", descending: bool = False) -> list[int]:
    """Every cluster number in the order of ``sort`` (one of :data:`SORTS`), unknown values
    last, ties by number."""
    value = SORTS[sort]
    sql = f'{_CLUSTERS} ORDER BY {value} IS NULL, {value} {"DESC" if descending else "ASC"}, g."cluster"'
    return [int(c) for (c, *_rest) in database.execute_sql(sql).fetchall()]


def cluster_records(numbers: Sequence[int]) -> list[dict[str, Any]]:
    """``{"id", "cluster", "printings", "similarity", "date", "newspaper", "page", "title"}`` of
    the clusters ``numbers`` that exist, in the order given."""
    found: dict[int, dict[str, Any]] = {}
    wanted = list(dict.fromkeys(numbers))
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        for number, n, sim, published, paper, page, title in database.execute_sql(
                f'{_CLUSTERS} WHERE g."cluster" IN ({", ".join("?" * len(part))})', part).fetchall():
            found[int(number)] = {"id": int(number), "cluster": int(number), "printings": int(n),
                                  "similarity": float(sim) if sim is not None else 1.0,
                                  "date": str(published) if published else None, "newspaper": paper or None,
                                  "page": page, "title": title}
    return [found[c] for c in numbers if c in found]


def cluster_members(number: int) -> list[dict[str, Any]]:
    """The printings of cluster ``number``: the first, then the others by date, page and id."""
    rows = database.execute_sql(
        'SELECT c.article_id, c.article_id = c."first", c.similarity, s.published, s.paper, s.page, a.display_title '
        'FROM reprint_cluster AS c JOIN article AS a ON a.id = c.article_id JOIN source_file AS s ON s.id = a.source_id '
        'WHERE c."cluster" = ?', (number,)).fetchall()
    out = [{"article": int(a), "first": bool(first), "similarity": float(sim), "date": str(d) if d else None,
            "newspaper": paper or None, "page": page, "title": title} for a, first, sim, d, paper, page, title in rows]
    out.sort(key=lambda r: (not r["first"], r["date"] is None, r["date"] or "", r["page"] or 10**6, r["article"]))
    return out


def totals() -> tuple[int, int]:
    """``(clusters, copies)``: copies are the printings after each cluster's first."""
    clusters, printings = database.execute_sql(
        'SELECT COUNT(DISTINCT "cluster"), COUNT(*) FROM reprint_cluster').fetchone()
    return int(clusters), int(printings) - int(clusters)
