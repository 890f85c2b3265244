"""Document variables: facts about each article that analyses split and filter by.

Built-in variables come from where the fact lives: ``newspaper`` (the page's paper:
``source_file.paper``), ``date`` (``source_file.published``), ``page`` (``source_file.page``),
``position`` (the article's order on its page, ``article.position``, from 0), ``section`` (its
column/栏目, ``article.column``), and two derived read-only ones: ``agency`` (新华社, 本报, … from
the dateline) and ``front`` (``front`` on page 1, else ``inside``).  Setting ``newspaper``,
``date`` or ``page`` sets it for the whole page, since it is a fact of the page.
User-defined variables (region, genre, …) are rows of ``article_variable``: one value per article
and name; an empty value removes it.  Values are strings; dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader.changes import Change, CorpusError
from reader.store.models import Article, ArticleVariable, SourceFile, database
from reader.store.packed_text import unpack
from reader.text.dates import parse_date
from reader.text.papers import agency

PAGE_VARIABLES = ("newspaper", "date", "page")
BUILTIN = ("newspaper", "date", "page", "position", "section", "agency", "front")
READ_ONLY = ("position", "agency", "front")
Values = dict[str, str | None]


def _canonical(name: str) -> str:
    from reader.analysis.spec import NAME_ALIASES

    name = name.strip()
    return NAME_ALIASES.get(name, name)


def check_name(name: str) -> str:
    """The variable's canonical name; raises ``bad-variable`` for names a SPEC cannot hold."""
    name = _canonical(name)
    if not name or any(ch in name for ch in ",=\"\n\t") or name in ("article", "source"):
        raise CorpusError("bad-variable", f"{name!r} cannot be a variable name")
    return name


def variable_names() -> list[str]:
    """The built-in names, then every user-defined name in use, sorted."""
    user = [n for (n,) in database.execute_sql(
        "SELECT DISTINCT name FROM article_variable ORDER BY name").fetchall() if n not in BUILTIN]
    return [*BUILTIN, *user]


def _builtin_rows(article_ids: Sequence[int] | None) -> list[tuple]:
    sql = ('SELECT a.id, s.paper, s.published, s.page, a.position, a."column", a.dateline '
           "FROM article AS a JOIN source_file AS s ON s.id = a.source_id")
    if article_ids is None:
        return database.execute_sql(sql + " WHERE a.retired = 0").fetchall()
    out: list[tuple] = []
    ids = list(article_ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        out += database.execute_sql(sql + f" WHERE a.id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
    return out


_agency = lru_cache(maxsize=16384)(agency)  # datelines repeat (本报北京1月2日电, 新华社…): an export asks for each


def _builtin_values(row: tuple) -> Values:
    _id, paper, published, page, position, column, dateline = row
    return {
        "newspaper": paper, "date": str(published) if published else None,
        "page": str(page) if page is not None else None, "position": str(position),
        "section": column or None, "agency": _agency(dateline),
        "front": None if page is None else ("front" if int(page) == 1 else "inside"),
    }


def article_variables(article_ids: Iterable[int] | None = None) -> dict[int, Values]:
    """Every variable of each article (``None`` where unknown), built-in names first; without
    ids, of every live article.  The exporters' entry point for variable columns."""
    ids = None if article_ids is None else sorted(set(article_ids))
    out: dict[int, Values] = {row[0]: _builtin_values(row) for row in _builtin_rows(ids)}  # the live ones without ids
    user = [n for n in variable_names() if n not in BUILTIN]
    for values in out.values():
        values.update(dict.fromkeys(user))
    query = "SELECT article_id, name, value FROM article_variable"
    if ids is None:
        rows = database.execute_sql(query).fetchall()
    else:  # an exporter asks a batch at a time: read only that batch's values
        rows = database.execute_sql(query + " WHERE article_id IN (SELECT value FROM json_each(?))",
                                    (json.dumps(ids),)).fetchall()
    for article_id, name, value in rows:
        if article_id in out and name not in BUILTIN:
            out[article_id][name] = value
    return out


def variable_types(names: Iterable[str] | None = None) -> dict[str, str]:
    """REFI-QDA ``typeOfVariable`` of each variable (``Date``, ``Integer`` or ``Text``), for
    exporters writing ``<Variable>``/``<VariableValue>``; all variables when no names are given."""
    kinds = {"date": "Date", "page": "Integer", "position": "Integer"}
    return {n: kinds.get(n, "Text") for n in (names if names is not None else variable_names())}


# Built-in variables that SQL answers from the page and an index (no article row is read):
# the column, and how a stored value becomes the variable's text.
_SQL_BUILTINS: dict[str, tuple[str, object]] = {
    "newspaper": ("s.paper", lambda v: v),
    "date": ("s.published", lambda v: str(v) if v else None),
    "page": ("s.page", lambda v: str(v) if v is not None else None),
    "front": ("s.page", lambda v: None if v is None else ("front" if int(v) == 1 else "inside")),
    "position": ("a.position", lambda v: str(v)),
}
SQL_FILTERS: dict[str, str] = {"newspaper": "s.paper", "date": "s.published", "page": "s.page",
                               "position": "a.position", "section": 'a."column"'}
"""Variables a SPEC filters in SQL (the column), the values compared as text."""


def _builtin_one(name: str, article_ids: Sequence[int] | None) -> dict[int, str | None]:
    column, convert = _SQL_BUILTINS[name]
    sql = f"SELECT a.id, {column} FROM article AS a JOIN source_file AS s ON s.id = a.source_id"
    if article_ids is None:
        rows = database.execute_sql(sql + " WHERE a.retired = 0").fetchall()
    else:
        rows = []
        for start in range(0, len(article_ids), 900):
            part = list(article_ids[start:start + 900])
            rows += database.execute_sql(sql + f" WHERE a.id IN ({', '.join('?' * len(part))})", part).fetchall()
    return {i: convert(v) for i, v in rows}  # type: ignore[operator]


def variable_of(name: str, article_ids: Iterable[int] | None = None) -> dict[int, str | None]:
    """One variable of each article (live articles when no ids are given)."""
    name = _canonical(name)
    ids = None if article_ids is None else sorted(set(article_ids))
    if name in _SQL_BUILTINS:
        return _builtin_one(name, ids)
    if name in BUILTIN:
        return {row[0]: _builtin_values(row)[name] for row in _builtin_rows(ids)}
    values = dict(database.execute_sql(
        "SELECT article_id, value FROM article_variable WHERE name = ?", (name,)).fetchall())
    if ids is None:
        ids = [i for (i,) in database.execute_sql("SELECT id FROM article WHERE retired = 0").fetchall()]
    return {i: values.get(i) for i in ids}


def matching_ids(name: str, values: Iterable[str]) -> set[int]:
    """Articles whose variable ``name`` has one of ``values`` (``""`` matches unknown)."""
    wanted = set(values)
    return {i for i, v in variable_of(name).items() if (v or "") in wanted}


def value_counts(name: str) -> list[tuple[str | None, int]]:
    """Each value of a variable over the live articles with its number of articles, most first."""
    counts: dict[str | None, int] = {}
    for value in variable_of(name).values():
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or ""))


def _value(name: str, value: str | None) -> object:
    """The stored form of a built-in's value (raises ``bad-value``)."""
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    try:
        if name == "date":
            return parse_date(value)
        if name == "page":
            return int(value)
    except ValueError as exc:
        raise CorpusError("bad-value", f"{name}: {value!r} is not a {'date' if name == 'date' else 'page number'}") from exc
    return value


def set_variable(article_ids: Iterable[int], name: str, value: str | None) -> Change:
    """Set (or with an empty value, clear) one variable of the given articles."""
    name = check_name(name)
    if name in READ_ONLY:
        raise CorpusError("read-only", f"{name} is derived and cannot be set")
    ids = sorted(set(article_ids))
    known = {i for (i,) in Article.select(Article.id).where(Article.id.in_(ids)).tuples()}
    missing = [i for i in ids if i not in known]
    if missing:
        raise CorpusError("no-article", f"no article with id {missing[0]}")
    stored = _value(name, value)
    touched: set[int] = set(ids)
    with database.atomic():
        if name in PAGE_VARIABLES:
            sources = {s for (s,) in Article.select(Article.source).where(Article.id.in_(ids)).tuples()}
            column = {"newspaper": SourceFile.paper, "date": SourceFile.published, "page": SourceFile.page}[name]
            SourceFile.update({column: stored}).where(SourceFile.id.in_(sorted(sources))).execute()
            touched |= {i for (i,) in Article.select(Article.id).where(Article.source.in_(sorted(sources))).tuples()}
        elif name == "section":
            Article.update(column=stored).where(Article.id.in_(ids)).execute()
        else:
            ArticleVariable.delete().where(ArticleVariable.article.in_(ids) & (ArticleVariable.name == name)).execute()
            if stored is not None:
                rows = [{"article": i, "name": name, "value": str(stored)} for i in ids]
                for start in range(0, len(rows), 300):
                    ArticleVariable.insert_many(rows[start:start + 300]).execute()
    return Change("articles", tuple(sorted(touched)), fields=("variables",))


def source_articles(patterns: Iterable[str]) -> list[int]:
    """Ids of the articles of the pages named by file names or shell patterns."""
    names = [n for (n,) in SourceFile.select(SourceFile.name).tuples()]
    wanted = sorted({n for n in names for p in patterns if n == p or fnmatch.fnmatchcase(n, p)})
    if not wanted:
        raise CorpusError("no-source", f"no ingested page named {', '.join(patterns)!r}")
    return [i for (i,) in Article.select(Article.id).join(SourceFile).where(SourceFile.name.in_(wanted))
            .order_by(Article.id).tuples()]


@dataclass
class VariableImport:
    """What :func:`import_csv` did: rows read, values set per variable, articles touched."""

    rows: int = 0
    values: dict[str, int] = field(default_factory=dict)
    articles: set[int] = field(default_factory=set)

    def to_json(self) -> dict[str, object]:
        return {"rows": self.rows, "values": self.values, "articles": len(self.articles)}


def import_csv(path: str | Path) -> VariableImport:
    """Set variables from a CSV file: a header with ``article`` (an id) or ``source`` (a page
    file name or pattern: the value goes to every article of the page), then one column per
    variable.  An empty cell leaves the variable as it is.  Every row is checked before any is
    written, and a problem raises ``CorpusError`` naming the file, line and cell."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CorpusError("bad-csv", f"{path}: cannot read ({exc})") from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CorpusError("bad-csv", f"{path}: empty file (expected a header: article or source, then variables)")
    header = [cell.strip() for cell in rows[0]]
    key = header[0].lower()
    if key not in ("article", "source"):
        raise CorpusError("bad-csv", f"{path}: the first column must be 'article' or 'source', not {header[0]!r}")
    names = []
    for cell in header[1:]:
        try:
            name = check_name(cell)
        except CorpusError as exc:
            raise CorpusError("bad-csv", f"{path}: line 1: {exc}") from exc
        if name in READ_ONLY:
            raise CorpusError("bad-csv", f"{path}: line 1: {name} is derived and cannot be set")
        names.append(name)
    plan: list[tuple[list[int], str, str]] = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        target = row[0].strip()
        try:
            if key == "article":
                if not target.isdigit():
                    raise CorpusError("bad-csv", f"article {target!r} is not an id")
                ids = [int(target)]
                if not Article.select().where(Article.id == ids[0]).exists():
                    raise CorpusError("no-article", f"no article with id {target}")
            else:
                ids = source_articles([target])
            for name, cell in zip(names, row[1:]):
                if cell.strip():
                    _value(name, cell)
                    plan.append((ids, name, cell.strip()))
        except CorpusError as exc:
            raise CorpusError(exc.code, f"{path}: line {number}: {exc}") from exc
    report = VariableImport(rows=len([r for r in rows[1:] if any(c.strip() for c in r)]))
    with database.atomic():
        for ids, name, value in plan:
            set_variable(ids, name, value)
            report.values[name] = report.values.get(name, 0) + len(ids)
            report.articles.update(ids)
    return report


def rename_variable(old: str, new: str) -> Change:
    """Rename a user-defined variable everywhere."""
    old, new = check_name(old), check_name(new)
    if old in BUILTIN or new in BUILTIN:
        raise CorpusError("read-only", "built-in variables cannot be renamed")
    ArticleVariable.update(name=new).where(ArticleVariable.name == old).execute()
    return Change("articles")


def detect_newspapers(article_ids: Iterable[int]) -> int:
    """Fill in the newspaper of the pages of these articles where none is stored yet (a paper
    the user set is never touched): from the page file's path and text, else from the page's
    datelines (:func:`reader.text.papers.detect_paper`).  Returns the pages named."""
    from pathlib import Path

    from reader.text.papers import detect_paper, paper_from_datelines
    from reader.text.sources import SourceError, read_page

    ids = sorted(set(article_ids))
    sources: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for source_id, path, name in database.execute_sql(
                "SELECT DISTINCT s.id, s.path, s.name FROM source_file AS s JOIN article AS a ON a.source_id = s.id "
                f"WHERE s.paper IS NULL AND a.id IN ({', '.join('?' * len(part))})", part).fetchall():
            sources[source_id] = (path or "", name)
    named = 0
    for source_id, (path, name) in sources.items():
        try:
            text = read_page(path).text if path and Path(path).is_file() else ""
        except SourceError:
            text = ""
        paper = detect_paper(path or name, text)
        if paper is None:
            texts = [unpack(t) for (t,) in database.execute_sql("SELECT text FROM article WHERE source_id = ?",
                                                                (source_id,))]
            paper = paper_from_datelines("\n".join(texts))
        if paper is not None:
            SourceFile.update(paper=paper).where((SourceFile.id == source_id) & SourceFile.paper.is_null()).execute()
            named += 1
    return named


def date_of(article_ids: Iterable[int] | None = None) -> dict[int, dt.date | None]:
    """The page date of each (live) article, as dates."""
    out = variable_of("date", article_ids)
    return {i: (dt.date.fromisoformat(v) if v else None) for i, v in out.items()}


__all__ = ["BUILTIN", "PAGE_VARIABLES", "READ_ONLY", "VariableImport", "article_variables", "check_name",
           "date_of", "import_csv", "matching_ids", "rename_variable", "set_variable", "source_articles",
           "value_counts", "variable_names", "variable_of", "variable_types"]
