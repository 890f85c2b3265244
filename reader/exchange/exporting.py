"""Choosing what to export and handing it to an exporter, streamed.

:func:`export` turns :class:`ExportFilters` (tags including their children, articles, author,
creation date range, entities on or off) into a :class:`~reader.exchange.store_source.StoreSource`
and lets a registered exporter write while the source pages through the corpus, with
``progress(done, total, label)`` and ``cancelled()``.  To a path, the file is written next to
its destination and moved into place only when complete: a cancelled or failed export leaves
no half-written file (a brat folder is written in place).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reader.exchange.source import ExportCancelled
from reader.exchange.store_source import StoreQuery, StoreSource
from reader.records import TagRecord

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_UMASK = os.umask(0)
os.umask(_UMASK)


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
    nvivo: bool = False  # REFI-QDA positions as NVivo counts them (UTF-16 units, CRLF)


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


def open_source(corpus, filters: ExportFilters, fmt: str = "",  # type: ignore[no-untyped-def]
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> StoreSource:
    """The streamed source for ``filters`` over ``corpus`` (validating the filters)."""
    from reader.corpus import default_author
    from reader.exchange.exporters.base import all_tags
    from reader.records import ExportBundle

    tags = corpus.tags()
    wanted = frozenset(descendants(tags, filters.tags)) if filters.tags else None
    since, until = _date(filters.since, "--since"), _date(filters.until, "--until")
    if filters.articles:
        from reader.store.models import Article

        found = {i for (i,) in Article.select(Article.id).where(Article.id.in_(list(filters.articles))).tuples()}
        unknown = [i for i in filters.articles if i not in found]
        if unknown:
            raise ExportError(f"unknown article id(s): {', '.join(map(str, unknown))}")
    entities = filters.include_entities or (fmt == "bio" and filters.bio_source == "entities")
    query = StoreQuery(tuple(filters.articles), wanted, filters.author, since, until, entities)
    ordered = all_tags(ExportBundle(articles=[], annotations=[], tags=tags))
    return StoreSource(query, ordered, "Pizhu corpus", default_author(),
                       dt.datetime.now(dt.timezone.utc).replace(microsecond=0), progress, cancelled)


def formats() -> list[str]:
    from reader.exchange.exporters import EXPORTERS

    return list(EXPORTERS)


def export(
    corpus,  # type: ignore[no-untyped-def]
    fmt: str,
    dest: str | os.PathLike[str] | IO,
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Export to ``dest`` (a path, or an open file object); returns the annotations written.
    Raises :class:`ExportError` (with the reason) and :class:`ExportCancelled`."""
    from reader.exchange import exporters

    if fmt not in exporters.EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(exporters.EXPORTERS)}")
    filters = filters or ExportFilters()
    if fmt == "qdc" and not corpus.tags():
        raise ExportError("the codebook is empty: a REFI-QDA codebook needs at least one tag")
    source = open_source(corpus, filters, fmt, progress, cancelled)
    options = exporters.ExportOptions(include_entities=filters.include_entities,
                                      bio_source=filters.bio_source, nvivo=filters.nvivo)  # type: ignore[arg-type]
    if progress:
        progress(0, source.total_articles, "")
    if isinstance(dest, (str, os.PathLike)):
        count = _to_path(exporters, fmt, source, Path(dest), options)
    else:
        exporter = exporters.get_exporter(fmt)
        if exporter.binary:
            target = getattr(dest, "buffer", dest)
            if isinstance(target, io.TextIOBase) or target is sys.stdout:
                raise ExportError(f"format {fmt!r} is binary: give a file with -o")
            count = exporter.write(source, target, options)
        else:
            count = exporter.write(source, dest, options)
    if progress:
        progress(source.total_articles, source.total_articles, "")
    return count


def _to_path(exporters, fmt: str, source: StoreSource, path: Path, options) -> int:  # type: ignore[no-untyped-def]
    exporter = exporters.get_exporter(fmt)
    try:
        if exporters.writes_directory(exporter, path):
            return exporters.export_to_path(fmt, source, path, options)
        handle, partial = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".partial{path.suffix}", dir=path.parent)
        os.close(handle)
        try:
            count = exporters.export_to_path(fmt, source, partial, options)
            os.chmod(partial, 0o666 & ~_UMASK)  # mkstemp made it private; a finished export is not
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        return count
    except ExportCancelled:
        raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc


__all__ = ["ExportCancelled", "ExportError", "ExportFilters", "descendants", "export", "formats", "open_source"]
