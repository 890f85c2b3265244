"""Reading the *other* side of a merge: another Pizhu corpus file or a REFI-QDA project (.qdpx),
into plain records (:class:`MergeSource`).  The other file is only read: a corpus is opened
read-only with SQLite itself (never bound to the models, so the open corpus stays the one the
models talk to), whatever its schema version as long as it has the tables of a Pizhu corpus.
Annotations and tags are the importers' records (:mod:`reader.exchange.importers`).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reader.exchange.importers import ImportedAnnotation, ImportedTag, ImportFormatError
from reader.exchange.importers.base import parse_datetime
from reader.store.packed_text import unpack, unpack_short

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Document:
    """One article (corpus) or text source (qdpx) of the other file."""

    key: str  # unique within the file, for reports
    text: str
    source: str = ""
    title: str = ""
    note: str = ""
    note_coder: str = ""
    tags: tuple[tuple[str, str], ...] = ()  # article tags: (tag name, coder name)


@dataclass
class MergeSource:
    """Everything a merge takes from the other file; annotations point at documents by ``key``
    (``ImportedAnnotation.article_key``)."""

    name: str
    documents: list[Document] = field(default_factory=list)
    tags: list[ImportedTag] = field(default_factory=list)
    annotations: list[ImportedAnnotation] = field(default_factory=list)
    coder_colors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    fixes: list = field(default_factory=list)  # occurrence fixes (reader.coding.merge_fixes.ForeignFix)


def read_other(path: str | os.PathLike[str]) -> MergeSource:
    """A Pizhu corpus (SQLite, or a server corpus by URI: read from a file copy of it) or a
    .qdpx project; anything else is an ``ImportFormatError``."""
    from reader.store.postgres import is_server_uri, redacted

    if is_server_uri(path):
        import tempfile

        from reader.store.copying import copy_corpus

        with tempfile.TemporaryDirectory(prefix="pizhu-merge-") as folder:
            copy = Path(folder) / "other.sqlite3"
            copy_corpus(str(path), copy)
            source = read_corpus(copy)
        source.name = redacted(str(path))
        return source
    target = Path(path)
    if not target.is_file():
        raise ImportFormatError(str(path), "no such file")
    with open(target, "rb") as fh:
        head = fh.read(16)
    if head == SQLITE_MAGIC:
        return read_corpus(target)
    if head[:2] == b"PK":
        return read_project(target)
    raise ImportFormatError(str(path), "neither a Pizhu corpus nor a REFI-QDA project (.qdpx)")


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}


def _moment(value: object) -> datetime | None:
    return parse_datetime(value if isinstance(value, str) else None)


def read_corpus(path: Path) -> MergeSource:
    """Articles, codebook, coders, annotations, article tags, notes and occurrence fixes of another corpus."""
    try:
        con = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(str(path), f"cannot be read as a corpus ({exc})") from None
    needed = {"article", "source_file", "annotation", "annotation_tag", "tag"}
    if not needed <= tables:
        con.close()
        raise ImportFormatError(str(path), f"not a Pizhu corpus (missing {', '.join(sorted(needed - tables))})")
    try:
        return _read_tables(con, path, tables)
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(str(path), f"cannot be read as a corpus ({exc})") from None
    finally:
        con.close()


def _read_tables(con: sqlite3.Connection, path: Path, tables: set[str]) -> MergeSource:
    out = MergeSource(path.name)
    coders: dict[int, str] = {}
    if "coder" in tables:
        for cid, name, color in con.execute('SELECT "id", "name", "color" FROM "coder"'):
            coders[cid] = name
            out.coder_colors[name] = color
    tag_rows = list(con.execute('SELECT "id", "name", "parent_id", "color", "description" FROM "tag" ORDER BY "id"'))
    tag_names = {tid: name for tid, name, *_ in tag_rows}
    out.tags = [ImportedTag(name, tag_names.get(parent) if parent != tid else None, color, desc or "")
                for tid, name, parent, color, desc in tag_rows]
    art_cols = _columns(con, "article")
    note_coder = '"a"."note_coder_id"' if "note_coder_id" in art_cols else "NULL"
    article_tags: dict[int, list[tuple[str, str]]] = {}
    if "article_tag" in tables:
        link_coder = '"coder_id"' if "coder_id" in _columns(con, "article_tag") else "NULL"
        label_names = tag_names  # article tags name codebook tags in older corpora
        if "article_label" in tables:  # and labels of their own since _article_tags_apart
            label_names = {lid: name for lid, name in con.execute('SELECT "id", "name" FROM "article_label"')}
        for aid, tid, cid in con.execute(f'SELECT "article_id", "tag_id", {link_coder} FROM "article_tag" ORDER BY "id"'):
            if tid in label_names:
                article_tags.setdefault(aid, []).append((label_names[tid], coders.get(cid, "")))
    keys: dict[int, str] = {}
    for aid, text, source, position, title, note, ncoder in con.execute(
        f'SELECT "a"."id", "a"."text", "s"."name", "a"."position", "a"."display_title", "a"."note", {note_coder} '
        'FROM "article" AS "a" JOIN "source_file" AS "s" ON "s"."id" = "a"."source_id" ORDER BY "a"."id"'
    ):
        keys[aid] = f"{source}#{position}"
        out.documents.append(Document(keys[aid], unpack(text), source, title or "", note or "", coders.get(ncoder, ""),
                                      tuple(article_tags.get(aid, ()))))
    texts = {d.key: d.text for d in out.documents}
    links: dict[int, list[str]] = {}
    for ann_id, tid in con.execute('SELECT "annotation_id", "tag_id" FROM "annotation_tag" ORDER BY "id"'):
        if tid in tag_names:
            links.setdefault(ann_id, []).append(tag_names[tid])
    ann_coder = '"coder_id"' if "coder_id" in _columns(con, "annotation") else "NULL"
    for row in con.execute(
        f'SELECT "id", "article_id", "start", "end", "quote", "prefix", "suffix", "note", "author", {ann_coder}, '
        '"status", "created" FROM "annotation" ORDER BY "article_id", "start", "id"'
    ):
        ann_id, aid, start, end, quote, prefix, suffix, note, author, cid, status, created = row
        quote, prefix, suffix = unpack_short(quote), unpack_short(prefix), unpack_short(suffix)  # packed in a file since _packed_quotes
        key = keys.get(aid)
        if key is None:
            continue
        placed = status != "orphan"
        out.annotations.append(ImportedAnnotation(
            source=key, article_key=key, article_text=texts[key], start=start if placed else None,
            end=end if placed else None, quote=quote, prefix=prefix, suffix=suffix,
            tags=tuple(dict.fromkeys(links.get(ann_id, ()))), note=note or "",
            author=coders.get(cid) or author or "", created=_moment(created), external_id=str(ann_id),
        ))
    from reader.coding.merge_fixes import read_fixes

    out.fixes = read_fixes(con, keys, coders, tables)
    return out


def read_project(path: Path) -> MergeSource:
    """Text sources, codes, users and coded selections of a .qdpx project."""
    from reader.exchange.importers.refi import read_qdpx_sources

    with open(path, "rb") as fh:  # size caps, safe XML and other tools' offsets, as for an import
        result, sources = read_qdpx_sources(fh, str(path))
    out = MergeSource(path.name, tags=list(result.tags), warnings=[f"{w.code}: {w.detail}" for w in result.warnings])
    by_text: dict[str, str] = {}
    for key, text, name in sources:
        by_text.setdefault(text.replace("\r\n", "\n"), key)
        out.documents.append(Document(key, text, name, name))
    for ann in result.annotations:
        key = by_text.get((ann.article_text or "").replace("\r\n", "\n"))
        if key is None:
            continue
        out.annotations.append(ImportedAnnotation(
            source=ann.source, article_key=key, article_text=ann.article_text, start=ann.start, end=ann.end,
            quote=ann.quote, prefix=ann.prefix, suffix=ann.suffix, tags=ann.tags, note=ann.note,
            author=ann.author, created=ann.created, title=ann.title, external_id=ann.external_id,
        ))
    return out
