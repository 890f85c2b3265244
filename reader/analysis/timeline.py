"""Timelines: how often an entity, a tag, a search query or a phrase list appears per period.

The occurrences counted are exactly the lines a concordance of the same thing lists: an
entity's mentions with its aliases (:func:`reader.analysis.entity_index.occurrences`), the
passages tagged with a tag or its sub-tags and the hits of a query (:func:`reader.store.search.kwic`),
and the hits of a phrase list (:mod:`reader.analysis.phrases`).  ``count`` is the occurrences in
a period, ``articles`` the articles with at least one.  Periods: ``day`` (``2020-01-05``),
``week`` (ISO, ``2020-W02``), ``month`` (``2020-01``), ``year`` (``2020``); undated pages fall in
period ``None``.  A split divides each period by a document variable (:mod:`reader.analysis.variables`)
or by where the occurrence stands: ``headline`` (title, subtitle or kicker) vs ``body``; for
phrase lists also by ``phrase``.  With ``collapse`` a reprinted copy counts once, at its first
printing (the stored clustering, brought up to date first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.analysis.spec import FilterSpec, select_ids
from reader.changes import CorpusError
from reader.store.models import database
from reader.store.packed_text import unpack

KINDS = ("entity", "tag", "query", "phrase")
PERIODS = ("day", "week", "month", "year")
HEADLINE_KINDS = ("title", "subtitle", "kicker")
Occurrence = tuple[int, int, int, str]  # article id, start, end, label (phrase) or ""


@dataclass(frozen=True)
class TimelineRow:
    period: str | None
    split: str | None
    count: int
    articles: int

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "split": self.split, "count": self.count, "articles": self.articles}


def occurrences(kind: str, value: str, spec: FilterSpec | None = None,
                article_ids: Sequence[int] | None = None) -> list[Occurrence]:
    """The occurrences a concordance of ``value`` lists, in the articles ``spec`` selects (and
    among ``article_ids`` when given: only those articles are read)."""
    from reader.store.search import kwic

    if kind == "entity":
        from reader.analysis.hits import entity_hits

        found = [(a, s, e, "") for a, s, e in entity_hits(value, article_ids)]
    elif kind == "tag":
        found = [(k.article_id, k.start, k.end, "") for k in kwic(value, kind="tag", width=0, limit=None)]
        if article_ids is not None:
            wanted = set(article_ids)
            found = [o for o in found if o[0] in wanted]
    elif kind == "query":
        from reader.analysis.hits import query_hits

        found = [(a, s, e, "") for a, s, e in query_hits(value, article_ids)]
    elif kind == "phrase":
        from reader.analysis import phrases

        found = [(h.article_id, h.start, h.end, h.phrase) for h in phrases.hits(phrases.resolve(value), article_ids)]
    else:
        raise CorpusError("bad-kind", f"unknown timeline kind {kind!r} (use {', '.join(KINDS)})")
    if spec is not None and not spec.is_empty():
        if spec.first_printings:
            from reader.analysis.reprints import ensure_clusters

            ensure_clusters()
        keep = set(select_ids(spec))
        found = [o for o in found if o[0] in keep]
    return found


def period_of(day: dt.date | None, by: str) -> str | None:
    if day is None:
        return None
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "year":
        return str(day.year)
    raise CorpusError("bad-period", f"unknown period {by!r} (use {', '.join(PERIODS)})")


def _headline_spans(ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    import json

    out: dict[int, list[tuple[int, int]]] = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for article_id, segments in database.execute_sql(
                f"SELECT id, segments FROM article WHERE id IN ({', '.join('?' * len(part))})", part).fetchall():
            out[article_id] = [(s, e) for kind, s, e in json.loads(unpack(segments) or "[]") if kind in HEADLINE_KINDS]
    return out


def splitter(split: str | None, found: list[Occurrence]) -> Callable[[Occurrence], str | None]:
    """The function giving each occurrence its split value."""
    if split is None or split == "":
        return lambda _o: None
    if split == "phrase":
        return lambda o: o[3] or None
    ids = sorted({o[0] for o in found})
    if split == "headline":
        spans = _headline_spans(ids)
        return lambda o: "headline" if any(s <= o[1] and o[2] <= e for s, e in spans.get(o[0], ())) else "body"
    from reader.analysis.variables import variable_of

    values = variable_of(split, ids)
    return lambda o: values.get(o[0])


def timeline(kind: str, value: str, by: str = "month", split: str | None = None, collapse: bool = False,
             spec: FilterSpec | None = None, progress: Callable[[int, int, str], None] | None = None,
             cancelled: Callable[[], bool] | None = None, found: list[Occurrence] | None = None) -> list[TimelineRow]:
    """Rows per (period, split value) with at least one occurrence, in period order (undated
    last), then by split value.  ``found``: the occurrences, when the caller has them (already
    in the sub-corpus)."""
    if by not in PERIODS:
        raise CorpusError("bad-period", f"unknown period {by!r} (use {', '.join(PERIODS)})")
    spec = spec or FilterSpec()
    if collapse:
        spec = spec.with_first_printings()
    if progress is not None:
        progress(0, 2, "occurrences")
    if found is None:
        found = occurrences(kind, value, spec)
    if cancelled is not None and cancelled():
        return []
    counts: dict[Key, int] = {}
    articles: dict[Key, int] = {}
    for keyed in per_article(found, by, split).values():
        for key, n in keyed.items():
            counts[key] = counts.get(key, 0) + n
            articles[key] = articles.get(key, 0) + 1
    if progress is not None:
        progress(2, 2, "")
    return rows_of(counts, articles)


Key = tuple[str | None, str | None]  # (period, split value)


def per_article(found: list[Occurrence], by: str, split: str | None) -> dict[int, dict[Key, int]]:
    """Per article, its occurrences per (period, split value): what a timeline adds up (and an
    update takes off and puts back for the articles a change named)."""
    from reader.analysis.variables import date_of

    dates = date_of(sorted({o[0] for o in found}))
    periods = {article_id: period_of(day, by) for article_id, day in dates.items()}
    split_of = splitter(split, found)
    out: dict[int, dict[Key, int]] = {}
    for occ in found:
        keyed = out.setdefault(occ[0], {})
        key = (periods.get(occ[0]), split_of(occ))
        keyed[key] = keyed.get(key, 0) + 1
    return out


def rows_of(counts: dict[Key, int], articles: dict[Key, int]) -> list[TimelineRow]:
    """The rows of the totals per key with at least one occurrence, in a timeline's order."""
    keys = sorted((k for k, n in counts.items() if n > 0),
                  key=lambda k: (k[0] is None, k[0] or "", k[1] is None, natural_key(k[1])))
    return [TimelineRow(p, s, counts[(p, s)], articles[(p, s)]) for p, s in keys]


def period_bounds(period: str, by: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period label (``2020-W02``, ``2020-01``, …)."""
    if by == "day":
        day = dt.date.fromisoformat(period)
        return day, day
    if by == "week":
        year, week = period.split("-W")
        first = dt.date.fromisocalendar(int(year), int(week), 1)
        return first, first + dt.timedelta(days=6)
    if by == "month":
        first = dt.date(int(period[:4]), int(period[5:7]), 1)
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(int(period), 1, 1), dt.date(int(period), 12, 31)


def natural_key(value: str | None) -> tuple[int, float, str]:
    """Numbers in numeric order before other text (page 2 before page 11)."""
    if value is None:
        return (2, 0.0, "")
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value)


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive (for charts and tables without gaps)."""
    def start_of(period: str) -> dt.date:
        if by == "day":
            return dt.date.fromisoformat(period)
        if by == "week":
            year, week = period.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if by == "month":
            return dt.date(int(period[:4]), int(period[5:7]), 1)
        return dt.date(int(period), 1, 1)

    out: list[str] = []
    day, end = start_of(first), start_of(last)
    while day <= end and len(out) < 20000:
        label = period_of(day, by)
        assert label is not None
        if not out or out[-1] != label:
            out.append(label)
        day += dt.timedelta(days=1 if by == "day" else 7 if by == "week" else 28 if by == "month" else 365)
    if out and out[-1] != last:
        out.append(last)
    return out


def covered_periods(by: str) -> dict[str, int]:
    """Live dated articles per period, for the periods that have any (the denominators of
    relative frequencies, and where a chart has data)."""
    days = database.execute_sql(
        "SELECT s.published, count(*) FROM source_file AS s JOIN article AS a ON a.source_id = s.id "
        "WHERE a.retired = 0 AND s.published IS NOT NULL GROUP BY s.published").fetchall()
    out: dict[str, int] = {}
    for day, n in days:
        period = period_of(dt.date.fromisoformat(str(day)[:10]), by)
        if period is not None:
            out[period] = out.get(period, 0) + int(n)
    return out


def series(rows: list[TimelineRow], by: str, measure: str = "count",
           covered: dict[str, int] | None = None) -> tuple[list[str], dict[str | None, list[float | None]]]:
    """(periods without gaps, split value -> one value per period) for a chart; undated
    occurrences are left out.  ``measure``: ``count`` (mentions), ``articles``, or ``rate``
    (mentions per 100 articles of the period; needs ``covered``).  A period in which the corpus
    has no article at all (``covered``, from :func:`covered_periods`, says which have; default:
    every period) is ``None``, a gap, not a zero."""
    dated = [r for r in rows if r.period is not None]
    if not dated:
        return [], {}
    periods = periods_between(min(r.period for r in dated), max(r.period for r in dated), by)  # type: ignore[type-var]
    index = {p: i for i, p in enumerate(periods)}
    blank: list[float | None] = [0 if covered is None or p in covered else None for p in periods]
    out: dict[str | None, list[float | None]] = {}
    for r in dated:
        line = out.setdefault(r.split, list(blank))
        value: float = r.articles if measure == "articles" else r.count
        if measure == "rate":
            value = 100.0 * r.count / max((covered or {}).get(r.period, 0), 1)  # type: ignore[arg-type]
        line[index[r.period]] = (line[index[r.period]] or 0) + value  # type: ignore[index]
    return periods, out


__all__ = ["KINDS", "PERIODS", "Key", "TimelineRow", "covered_periods", "occurrences", "per_article", "period_of",
           "periods_between", "rows_of", "series", "splitter", "timeline"]
