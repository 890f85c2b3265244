"""Counts the views need, kept up to date on write instead of recomputed.

``article_stat(article_id, entities, annotations)`` has one row per article (made by a trigger
when the article is inserted); annotation counts follow ``annotation`` through triggers, entity
counts are written by :mod:`reader.store.entities` (the only writer of the packed spans).
``tag_stat(tag_id, annotations)`` follows ``annotation_tag`` through triggers.
``entity_mention(name_id, type_id, article_id, n)`` is the per-entity count (see
:mod:`reader.store.entities`).  The SQL lives in :mod:`reader.store.sqlite`; these are the
readers.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SQL, Expression

from reader.store.models import database


def article_counts(ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """``{article id: (entities, annotations)}`` for ``ids`` (at most a few hundred at a time)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = database.execute_sql(
        f"SELECT article_id, entities, annotations FROM article_stat WHERE article_id IN ({marks})",
        list(ids)).fetchall()
    return {a: (e, n) for a, e, n in rows}


def entity_count_expr() -> Expression:
    """A sort key: the entity count of the outer query's article (``t1``)."""
    return SQL('(SELECT entities FROM article_stat WHERE article_id = "t1"."id")')


def annotation_count_expr() -> Expression:
    """A sort key: the annotation count of the outer query's article (``t1``)."""
    return SQL('(SELECT annotations FROM article_stat WHERE article_id = "t1"."id")')


def tag_counts() -> dict[int, int]:
    """``{tag id: annotations}`` for every tag with at least one annotation (direct links)."""
    rows = database.execute_sql("SELECT tag_id, annotations FROM tag_stat WHERE annotations > 0")
    return {t: n for t, n in rows.fetchall()}


def totals() -> dict[str, int]:
    """Corpus-wide totals from the aggregates: articles, entities, annotations."""
    row = database.execute_sql(
        "SELECT COUNT(*), COALESCE(SUM(entities), 0), COALESCE(SUM(annotations), 0) FROM article_stat"
    ).fetchone()
    return {"articles": int(row[0]), "entities": int(row[1]), "annotations": int(row[2])}
