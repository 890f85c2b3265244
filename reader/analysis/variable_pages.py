"""Document variables a page at a time, for a list of every article: the ids a SPEC selects in
the order of one variable (sorted in SQL; only ``agency``, derived from the dateline, is sorted
from its values), and the variables of the few rows a view shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.analysis import variables as var
from reader.store.models import database

# variable -> the SQL expression it sorts by (over article a JOIN source_file s)
_ORDER = {
    "article": "a.id", "title": "a.display_title", "newspaper": "s.paper", "date": "s.published", "page": "s.page",
    "position": "a.position", "section": 'a."column"',
    "front": "CASE WHEN s.page IS NULL THEN NULL WHEN s.page = 1 THEN 'front' ELSE 'inside' END",
}


def sorted_ids(ids: Sequence[int], name: str | None = None, descending: bool = False) -> list[int]:
    """``ids`` in the order of variable ``name`` (None: by id), unknown values last, ties by id."""
    if name is None or name == "article":
        return sorted(ids, reverse=descending)
    wanted = set(ids)
    direction = "DESC" if descending else "ASC"
    if name == "agency":
        values = var.variable_of("agency", wanted)
        known = sorted(sorted(i for i in wanted if values.get(i)), key=lambda i: values[i] or "", reverse=descending)
        return known + sorted(i for i in wanted if not values.get(i))
    params: list[object] = []
    if name in _ORDER:
        value, join = _ORDER[name], ""
    else:
        value, join = "v.value", ' LEFT JOIN article_variable AS v ON v.article_id = a.id AND v.name = ?'
        params.append(name)
    sql = (f"SELECT a.id FROM article AS a JOIN source_file AS s ON s.id = a.source_id{join} "
           f"WHERE a.retired = 0 ORDER BY {value} IS NULL, {value} {direction}, a.id")
    return [i for (i,) in database.execute_sql(sql, params).fetchall() if i in wanted]


def variable_records(ids: Sequence[int]) -> list[dict[str, Any]]:
    """``{"id", "article", "title", every variable}`` of each of ``ids`` that exists, in order."""
    from reader.store.listing import article_titles

    values = var.article_variables(ids)
    titles = article_titles(list(values))
    return [{"id": i, "article": i, "title": titles.get(i, ""), **values[i]} for i in ids if i in values]
