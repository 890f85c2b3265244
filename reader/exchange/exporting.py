"""Choosing what to export and handing it to an exporter.

:func:`build_bundle` applies :class:`ExportFilters` (tags including their children, articles,
author, creation date range, entities on or off) and returns an :class:`ExportBundle`;
:func:`export` writes it in a registered format to a path or a file object.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from reader.records import ExportBundle, TagRecord


class ExportError(Exception):
    """An export that cannot be made (unknown format, bad filter, unwritable destination)."""


@dataclass(frozen=True)
class ExportFilters:
    tags: tuple[str, ...] = ()
    articles: tuple[int, ...] = ()
    author: str | None = None
    since: str | None = None
    until: str | None = None
    include_entities: bool = False
    bio_source: str = "entities"


def descendants(tags: list[TagRecord], names: tuple[str, ...]) -> set[str]:
    """The named tags and every tag below them in the hierarchy."""
    by_name = {t.name: t for t in tags}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise ExportError(f"unknown tag(s): {', '.join(missing)}")
    children: dict[int | None, list[TagRecord]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t)
    result: set[str] = set()
    stack = [by_name[n] for n in names]
    while stack:
        tag = stack.pop()
        if tag.name in result:
            continue
        result.add(tag.name)
        stack.extend(children.get(tag.id, []))
    return result


def _date(value: str | None, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ExportError(f"{what} must be a date like 2024-01-31, not {value!r}") from exc


def build_bundle(corpus, filters: ExportFilters) -> ExportBundle:  # type: ignore[no-untyped-def]
    tags = corpus.tags()
    wanted_tags = descendants(tags, filters.tags) if filters.tags else None
    since, until = _date(filters.since, "--since"), _date(filters.until, "--until")
    summaries = corpus.articles()
    ids = [s.id for s in summaries]
    if filters.articles:
        known = set(ids)
        unknown = [i for i in filters.articles if i not in known]
        if unknown:
            raise ExportError(f"unknown article id(s): {', '.join(map(str, unknown))}")
        ids = [i for i in ids if i in set(filters.articles)]
    annotations = []
    for ann in corpus.annotations():
        if ann.article_id not in ids:
            continue
        if wanted_tags is not None and not (set(ann.tags) & wanted_tags):
            continue
        if filters.author and ann.author != filters.author:
            continue
        if since and ann.created.date() < since:
            continue
        if until and ann.created.date() > until:
            continue
        annotations.append(ann)
    if wanted_tags is not None or filters.author or since or until:
        with_notes = {a.article_id for a in annotations}
        ids = [i for i in ids if i in with_notes]
    articles = [corpus.article(i) for i in ids]
    entities = {i: corpus.entities(i) for i in ids} if filters.include_entities or filters.bio_source == "entities" else {}
    from reader.corpus import default_author

    return ExportBundle(
        articles=articles, annotations=annotations, tags=tags, entities=entities,
        author=default_author(), exported=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
    )


def formats() -> list[str]:
    from reader.exchange.exporters import EXPORTERS

    return list(EXPORTERS)


def export(
    corpus,  # type: ignore[no-untyped-def]
    fmt: str,
    dest: str | os.PathLike[str] | IO,
    filters: ExportFilters | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Export to ``dest`` (a path, or an open file object); returns the annotations written."""
    from reader.exchange import exporters

    if fmt not in exporters.EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(exporters.EXPORTERS)}")
    filters = filters or ExportFilters()
    if progress:
        progress(0, 2, "collecting")
    bundle = build_bundle(corpus, filters)
    if fmt == "qdc" and not bundle.tags:
        raise ExportError("the codebook is empty: a REFI-QDA codebook needs at least one tag")
    options = exporters.ExportOptions(include_entities=filters.include_entities, bio_source=filters.bio_source)
    if progress:
        progress(1, 2, "writing")
    if isinstance(dest, (str, os.PathLike)):
        try:
            count = exporters.export_to_path(fmt, bundle, dest, options)
        except OSError as exc:
            raise ExportError(f"{dest}: cannot write ({exc.strerror or exc})") from exc
    else:
        exporter = exporters.get_exporter(fmt)
        if exporter.binary:
            target = getattr(dest, "buffer", dest)
            if isinstance(target, io.TextIOBase) or target is sys.stdout:
                raise ExportError(f"format {fmt!r} is binary: give a file with -o")
            count = exporter.write(bundle, target, options)
        else:
            count = exporter.write(bundle, dest, options)
    if progress:
        progress(2, 2, "")
    return count
