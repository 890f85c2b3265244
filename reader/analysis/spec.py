"""Sub-corpus filters written as one line, shared by every analysis, the CLI and the filter bars.

A SPEC is a comma-separated list of ``key=value`` items (a value may be double-quoted to hold a
comma):

``since=YYYY-MM-DD`` / ``until=YYYY-MM-DD``
    the page's publication date, inclusive (undated pages are left out when either is given);
``source=S``
    the page file's name, or a shell pattern (``2019*``); repeated: any of them;
``var:NAME=VALUE``
    a document variable (:mod:`reader.analysis.variables`: ``newspaper``, ``date``, ``page``,
    ``position``, ``section``, ``agency``, ``front`` or a user-defined one); the same name
    repeated: any of the values; different names: all must hold.  ``paper=X`` is
    ``var:newspaper=X``;
``tag=T``, ``author=A``, ``entity=E``
    as the search filters (a tag: articles with a passage coded with it; an entity with its aliases);
``reprints=first``
    keep only the first printing of each reprint cluster (copies collapsed).

An empty SPEC selects every live article.  Parsing never touches the database;
:func:`select_ids` does.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field

from reader.changes import CorpusError
from reader.text.dates import parse_date

_ITEM = re.compile(r'\s*([^=,\s][^=,]*?)\s*=\s*("(?:[^"]|"")*"|[^,]*)\s*(?:,|$)')
NAME_ALIASES = {"paper": "newspaper", "报纸": "newspaper", "column": "section", "栏目": "section"}


@dataclass(frozen=True)
class FilterSpec:
    """A parsed SPEC (see the module docstring); ``variables`` maps a name to accepted values."""

    since: dt.date | None = None
    until: dt.date | None = None
    sources: tuple[str, ...] = ()
    variables: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tags: tuple[str, ...] = ()
    author: str | None = None
    entity: str | None = None
    first_printings: bool = False
    text: str = field(default="", compare=False)

    def is_empty(self) -> bool:
        return not (self.since or self.until or self.sources or self.variables or self.tags
                    or self.author or self.entity or self.first_printings)

    def with_first_printings(self) -> FilterSpec:
        return FilterSpec(self.since, self.until, self.sources, self.variables, self.tags,
                          self.author, self.entity, True, self.text)


def parse_spec(text: str | None) -> FilterSpec:
    """Parse a SPEC; raises :class:`CorpusError` (``bad-spec``) naming the bad item."""
    text = (text or "").strip()
    if not text:
        return FilterSpec()
    since = until = None
    sources: list[str] = []
    variables: dict[str, list[str]] = {}
    tags: list[str] = []
    author = entity = None
    first = False
    pos = 0
    while pos < len(text):
        match = _ITEM.match(text, pos)
        if match is None or match.end() == pos:
            raise CorpusError("bad-spec", f"filter {text!r}: expected key=value at {text[pos:]!r}")
        pos = match.end()
        key, value = match.group(1).strip(), match.group(2).strip()
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = value[1:-1].replace('""', '"')
        if key in ("since", "until"):
            try:
                day = parse_date(value)
            except ValueError as exc:
                raise CorpusError("bad-spec", f"filter {key}={value}: {exc}") from exc
            since, until = (day, until) if key == "since" else (since, day)
        elif key == "source":
            sources.append(value)
        elif key.startswith("var:") or key in NAME_ALIASES:
            name = key[4:].strip() if key.startswith("var:") else key
            name = NAME_ALIASES.get(name, name)
            if not name:
                raise CorpusError("bad-spec", f"filter {key}={value}: a variable needs a name")
            variables.setdefault(name, []).append(value)
        elif key == "tag":
            tags.append(value)
        elif key == "author":
            author = value
        elif key == "entity":
            entity = value
        elif key == "reprints":
            if value not in ("first", "collapse", "all"):
                raise CorpusError("bad-spec", f"filter reprints={value}: use first or all")
            first = value != "all"
        else:
            raise CorpusError("bad-spec", f"filter {text!r}: unknown key {key!r} (since, until, source, "
                              "var:NAME, tag, author, entity, reprints)")
    return FilterSpec(since, until, tuple(sources), tuple((k, tuple(v)) for k, v in variables.items()),
                      tuple(tags), author, entity, first, text)


def _normal(name: str, value: str) -> str:
    """A value as the column stores it (dates ISO, page numbers without leading zeros)."""
    try:
        if name == "date":
            return parse_date(value).isoformat()
        if name in ("page", "position"):
            return str(int(value))
    except ValueError:
        pass
    return value


def select_ids(spec: FilterSpec | None) -> list[int]:
    """Ids of the live articles the SPEC selects, ascending."""
    from reader.store.models import database

    spec = spec or FilterSpec()
    sql = ['SELECT a.id FROM article AS a JOIN source_file AS s ON s.id = a.source_id WHERE a.retired = 0']
    params: list[object] = []
    if spec.since is not None:
        sql.append("AND s.published IS NOT NULL AND s.published >= ?")
        params.append(spec.since.isoformat())
    if spec.until is not None:
        sql.append("AND s.published IS NOT NULL AND s.published <= ?")
        params.append(spec.until.isoformat())
    if spec.sources:
        names = [n for (n,) in database.execute_sql("SELECT name FROM source_file").fetchall()]
        wanted = sorted({n for n in names for pattern in spec.sources
                         if n == pattern or fnmatch.fnmatchcase(n, pattern)})
        sql.append(f"AND s.name IN ({', '.join('?' * len(wanted)) or 'NULL'})")
        params.extend(wanted)
    if spec.tags:
        marks = ", ".join("?" * len(spec.tags))
        sql.append(f"AND a.id IN (SELECT n.article_id FROM annotation AS n "  # codes, as the search filter
                   f"JOIN annotation_tag AS l ON l.annotation_id = n.id JOIN tag AS t ON t.id = l.tag_id "
                   f"WHERE t.name IN ({marks}))")
        params.extend(spec.tags)
    if spec.author is not None:
        sql.append("AND a.id IN (SELECT x.id FROM article AS x, json_each(x.authors) AS j WHERE j.value = ?)")
        params.append(spec.author)
    if spec.first_printings:
        sql.append("AND a.id NOT IN (SELECT article_id FROM reprint_cluster WHERE first != article_id)")
    from reader.analysis.variables import SQL_FILTERS, matching_ids

    later: list[tuple[str, tuple[str, ...]]] = []
    for name, values in spec.variables:
        if name in SQL_FILTERS:  # a fact of the page or article: SQL, on an index where it can
            column = SQL_FILTERS[name]
            given = [_normal(name, v) for v in values if v != ""]
            test = f"CAST({column} AS TEXT) IN ({', '.join('?' * len(given))})" if given else "0"
            sql.append(f"AND ({test}{f' OR {column} IS NULL' if '' in values else ''})")
            params.extend(given)
        elif name == "front":
            wanted = set(values)
            sql.append("AND (" + " OR ".join(["0"] + (["s.page = 1"] if "front" in wanted else [])
                                             + (["s.page != 1"] if "inside" in wanted else [])
                                             + (["s.page IS NULL"] if "" in wanted else [])) + ")")
        else:
            later.append((name, values))
    ids = [i for (i,) in database.execute_sql(" ".join(sql), params).fetchall()]
    for name, values in later:
        keep = matching_ids(name, values)
        ids = [i for i in ids if i in keep]
    if spec.entity is not None:
        from reader.analysis.concordance import entity_articles

        keep = entity_articles(spec.entity)
        ids = [i for i in ids if i in keep]
    return sorted(ids)


__all__ = ["FilterSpec", "parse_spec", "select_ids"]
