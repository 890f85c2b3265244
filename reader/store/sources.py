"""Which stored page a file on disk is: identity by relative path and content hash.

A page's ``SourceFile.name`` is its path relative to the folder it was ingested from (posix
separators, e.g. ``2020/page.txt``; a file given by itself is its base name) and is unique in the
corpus; ``path`` is the file's absolute path; ``sha256`` its content hash.  :func:`resolve`
decides, for a file about to be ingested, in this order:

1. a page stored from the same absolute path is that page (edited when the hash differs);
2. a page with the same name is that page when its hash is the same or its old file is gone
   (the folder moved); otherwise it is another page that happens to have the same relative
   path (``a/2020/page.txt`` and ``b/2020/page.txt`` ingested from ``a`` and ``b``), and the
   new page gets a longer name that is unique (its root folder's name in front);
3. a page with the same hash whose old file is gone is that page, moved (renamed to the new
   name; articles and annotations untouched);
4. otherwise it is a new page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader.store.models import SourceFile, database


@dataclass(frozen=True)
class PageFile:
    """A file to ingest: where it is, and its name relative to the folder it was found in."""

    path: Path
    key: str
    root: Path | None = None  # the folder given to ingest (None: the file was given itself)


@dataclass(frozen=True)
class Resolution:
    """``row``: the stored page this file is (None: new); ``name``: the name it is stored under;
    ``moved``: the page was found under another name or path."""

    row: SourceFile | None
    name: str
    moved: bool = False


def page_files(paths: list[str | os.PathLike[str]]) -> list[PageFile]:
    """Files as given, and page files found recursively in folders (sorted), with their keys."""
    from reader.text.sources import expand_paths

    out: list[PageFile] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in expand_paths([p]):
                out.append(PageFile(f, f.relative_to(p).as_posix(), p))
        else:
            out.append(PageFile(p, p.name, None))
    return out


def absolute(path: Path) -> str:
    return str(path.resolve()) if path.exists() else str(path.absolute())


def _exists(path: str) -> bool:
    try:
        return Path(path).is_file()
    except OSError:
        return False


# A file corpus indexes a page's path and hash by short keys (step ``_short_page_keys``): the
# look-up names the key so that SQLite uses its index, and compares the whole value; the unary
# ``+`` keeps SQLite from putting the value into the key's expression (which would then no
# longer be the index's).  A server indexes the whole values.
_SHORT_KEYS = {"path": 'substr("path", -40) = substr(?, -40) AND +"path" = ?',
               "sha256": 'substr("sha256", 1, 16) = substr(?, 1, 16) AND +"sha256" = ?'}


# Past step ``_binary_page_hashes`` a file corpus stores the hash's 32 bytes, keyed by the first 8.
_BINARY_HASH_KEY = 'substr("sha256", 1, 8) = substr(?, 1, 8) AND +"sha256" = ?'


def _equal(column: str, value: str) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause and values that find rows of ``source_file`` whose ``column`` is ``value``."""
    from peewee import SqliteDatabase

    from reader.store.models import binary_digests, digest_bytes

    if column == "sha256" and binary_digests(database):
        stored = digest_bytes(value)
        return _BINARY_HASH_KEY, (stored, stored)
    if column in _SHORT_KEYS and isinstance(database.obj, SqliteDatabase):
        return _SHORT_KEYS[column], (value, value)
    return f'"{column}" = ?', (value,)


def _find(column: str, value: str) -> SourceFile | None:
    """The page whose ``column`` is ``value``; a plain query first, since most files of a
    large ingest are new and building a model query costs more than the lookup."""
    where, params = _equal(column, value)
    row = database.execute_sql(f'SELECT "id" FROM "source_file" WHERE {where} LIMIT 1', params).fetchone()
    return SourceFile.get_by_id(row[0]) if row else None


def _candidates(sha256: str) -> list[SourceFile]:
    where, params = _equal("sha256", sha256)
    ids = [r[0] for r in database.execute_sql(f'SELECT "id" FROM "source_file" WHERE {where}', params).fetchall()]
    return [SourceFile.get_by_id(i) for i in ids]


def resolve(page: PageFile, sha256: str, claimed: dict[str, str]) -> Resolution:
    """The stored page ``page`` is (see the module docstring).  ``claimed`` maps the names given
    out earlier in the same ingest to their absolute paths (updated here), so two files of one
    run never get the same name."""
    where = absolute(page.path)
    row = _find("path", where)
    if row is not None:
        claimed[row.name] = where
        return Resolution(row, row.name)
    row = _find("name", page.key)
    if row is not None and page.key not in claimed and (row.sha256 == sha256 or not _exists(row.path)):
        claimed[row.name] = where
        return Resolution(row, row.name, moved=row.path != where)
    if row is None and page.key not in claimed:
        for other in _candidates(sha256):
            if not _exists(other.path) and other.name not in claimed:
                claimed[page.key] = where
                return Resolution(other, page.key, moved=True)
        claimed[page.key] = where
        return Resolution(None, page.key)
    name = _unique_name(page, claimed)
    claimed[name] = where
    return Resolution(None, name)


def _unique_name(page: PageFile, claimed: dict[str, str]) -> str:
    """A name for ``page`` that no stored or claimed page has: parent folders in front of its
    key (``b/2020/page.txt``), or a number after it as a last resort."""

    def free(name: str) -> bool:
        return name not in claimed and _find("name", name) is None

    parents = list((page.root or page.path.parent).absolute().parts[1:])
    prefix: list[str] = []
    while parents:
        prefix.insert(0, parents.pop())
        name = "/".join([*prefix, page.key])
        if free(name):
            return name
    n = 2
    while not free(f"{page.key}~{n}"):
        n += 1
    return f"{page.key}~{n}"
