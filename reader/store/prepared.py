"""Hot reads with their SQL built once: opening an article reads the article, its page file's
name, its article tags, its annotations and their tags, and peewee would build each query again
on every open (about as long as running it).  The SQL text comes from the models (so it follows
the schema) the first time it is needed on a kind of database and is run as a raw query after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.records import AnnotationRecord, ArticleRecord, TagRecord
from reader.store.models import Annotation, AnnotationTag, Article, ArticleLabel, ArticleTag, SourceFile, Tag, database
from reader.store.rows import annotation_record, article_record

_SQL: dict[tuple[type, str], str] = {}


def prepared(key: str, build: Callable[[], Any]) -> str:
    """The SQL of the query ``build()`` makes (its parameters left to the caller), built once
    per kind of database: ``build`` must use a placeholder value for every parameter."""
    kind = (type(database.obj), key)
    sql = _SQL.get(kind)
    if sql is None:
        sql = _SQL[kind] = build().sql()[0]
    return sql


def read_article(article_id: int) -> ArticleRecord | None:
    """The article ``article_id`` as a record, or None: three prepared reads, no query building."""
    sql = prepared("article", lambda: Article.select(Article, SourceFile.name.alias("source_name"))
                   .join(SourceFile).where(Article.id == 0))
    row = next(iter(Article.raw(sql, article_id)), None)
    if row is None:
        return None
    tags = database.execute_sql(prepared("article-tags", lambda: ArticleTag.select(ArticleLabel.name)
                                         .join(ArticleLabel).where(ArticleTag.article == 0)
                                         .order_by(ArticleTag.id)), (article_id,)).fetchall()
    return article_record(row, row.source_name, [name for (name,) in tags])


def read_annotations(article_id: int) -> list[AnnotationRecord]:
    """The annotations of one article in text order, with their tags (two prepared reads)."""
    sql = prepared("annotations", lambda: Annotation.select().where(Annotation.article == 0)
                   .order_by(Annotation.start, Annotation.id))
    rows = list(Annotation.raw(sql, article_id))
    if not rows:
        return []
    names: dict[int, list[str]] = {}
    links = prepared("annotation-tags", lambda: AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                     .switch(AnnotationTag).join(Annotation).where(Annotation.article == 0)
                     .order_by(AnnotationTag.id))
    for annotation_id, name in database.execute_sql(links, (article_id,)).fetchall():
        names.setdefault(annotation_id, []).append(name)
    return [annotation_record(a, names.get(a.id, [])) for a in rows]


def read_tags() -> list[TagRecord]:
    """The codebook's tags by name (the reader asks for their colours at every open)."""
    sql = prepared("tags", lambda: Tag.select(Tag.id, Tag.name, Tag.parent, Tag.color, Tag.description)
                   .order_by(Tag.name))
    return [TagRecord(i, name, parent, color, description)
            for i, name, parent, color, description in database.execute_sql(sql).fetchall()]
