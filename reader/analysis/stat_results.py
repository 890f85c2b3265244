"""The word list, keyness and collocations as paged SQL tables (:mod:`reader.analysis.stat_tables`)
for the views: every row of the result (no top-N cut), sorted and filtered in SQL, built off the
GUI thread with progress and cancel, and brought up to date by difference after a change.

Each ``*_table`` function computes the statistic over the stored per-article term statistics
(:mod:`reader.analysis.termstats`, brought up to date first: only the chunks a change touched
are segmented again) and applies it to the table it is given (a new one when None).  It
returns ``(table, touched ids)``: on a first run every id; after a change only the rows whose
values changed, appeared or went (a word list after an edit to one article: that article's
words).  :func:`affected_by` says whether a :class:`~reader.changes.Change` can change a
result at all, so that views do no work for the changes that cannot.

Filters the views offer without computing again are columns of the table: ``stop`` (a default
stop word), ``number`` (a pure number) and the value columns (a minimum frequency)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from reader.analysis import termstats
from reader.analysis.spec import FilterSpec, select_ids
from reader.analysis.stat_tables import StatTable
from reader.analysis.wordstats import (
    _ll_2x2,
    _node_patterns,
    _prepare,
    default_stopwords,
    keyness_arrays,
    observed_around,
)
from reader.changes import Change, CorpusError

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Result = tuple[StatTable, np.ndarray]

WORD_COLUMNS = ("count", "articles")
KEYNESS_COLUMNS = ("target", "reference", "ll", "log_ratio")
COLLOCATION_COLUMNS = ("count", "frequency", "mi", "log_dice", "ll")


@dataclass(frozen=True)
class Request:
    """What a table was computed for (a view compares it to decide whether to start afresh)."""

    kind: str  # "words", "keyness" or "collocations"
    specs: tuple[FilterSpec | None, ...] = ()
    entities: bool = False
    node: tuple[str, ...] = ()
    window: int = 5
    split: str | None = None  # a timeline's split


SPLIT_NOT_VARIABLES = (None, "", "headline", "phrase")


def affected_by(change: Change, request: Request) -> bool:
    """Whether ``change`` can change the result of ``request``: article texts (not a reading
    state), variables and annotations only through a SPEC that selects by them, entities for
    entity items or an entity SPEC; codebook colours, coders and phrase lists never."""
    specs = [s for s in request.specs if s is not None and not s.is_empty()]
    counted = request.node[0] if request.kind == "timeline" and request.node else ""
    if change.kind == "articles":
        if change.only("state"):
            return False
        if change.only("variables"):
            return bool(specs) or request.split not in SPLIT_NOT_VARIABLES
        return True
    if change.kind in ("annotations", "tags"):
        return counted == "tag" or any(s.tags or s.author for s in specs)
    if change.kind == "entities":
        return request.entities or counted == "entity" or any(s.entity for s in specs)
    if change.kind == "phrases":
        return counted == "phrase"
    return False


def _describer(texts: Sequence[str], kinds: Sequence[str] | None = None) -> Callable[[np.ndarray], list[tuple[str, str, int, int]]]:
    vocab = termstats.vocabulary()
    numbers = vocab.numbers()
    stop = default_stopwords()

    def describe(ids: np.ndarray) -> list[tuple[str, str, int, int]]:
        out = []
        for i in ids.tolist():
            text = texts[i]
            out.append((text, kinds[i] if kinds is not None else "", int(text in stop),
                        int(bool(numbers[i])) if kinds is None and i < len(numbers) else 0))
        return out

    return describe


def _finish(table: StatTable, ids: np.ndarray, values: np.ndarray,
            describe: Callable[[np.ndarray], list[tuple[str, str, int, int]]], cancelled: Cancelled | None,
            order: tuple[str, bool] = ("item", False)) -> Result | None:
    """Apply the new result; a fresh table also gets the index of the views' first order."""
    fresh = table.builds == 0 and not len(table)
    touched = table.apply(ids, values, describe, cancelled)
    if touched is None:
        if fresh:  # made for this call and never shown: not kept
            table.drop()
        return None
    if fresh:
        table.prepare(*order)
    return table, touched


def _ids(spec: FilterSpec | None) -> list[int] | None:
    return None if spec is None or spec.is_empty() else select_ids(spec)


def word_table(spec: FilterSpec | None = None, table: StatTable | None = None, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> Result | None:
    """Every word of the (sub-)corpus with its frequency and the articles it is in; None when
    cancelled."""
    if not _prepare(spec, progress, cancelled):
        return None
    found = termstats.counts(_ids(spec))
    vocab = termstats.vocabulary()
    size = len(found.counts)
    ids = np.flatnonzero((found.counts > 0) & vocab.words()[:size])
    values = np.column_stack([found.counts[ids], found.docs[ids]])
    table = table or StatTable(WORD_COLUMNS, integer=WORD_COLUMNS)
    table.extra["request"] = Request("words", (spec,))
    return _finish(table, ids, values, _describer(vocab.texts), cancelled, ("count", True))


def keyness_table(target: FilterSpec, reference: FilterSpec | None = None, entities: bool = False,
                  table: StatTable | None = None, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> Result | None:
    """Every item used in the target or the reference, with both frequencies, log-likelihood
    and Log Ratio (a minimum frequency is a filter of the table); None when cancelled."""
    if not _prepare(target, progress, cancelled) or not _prepare(reference, None, cancelled):
        return None
    names, a, b, ll, lr = keyness_arrays(target, reference, entities)
    table = table or StatTable(KEYNESS_COLUMNS, integer=("target", "reference"))
    table.extra["request"] = Request("keyness", (target, reference), entities)
    numbers: dict[tuple[str, str], int] = table.extra.setdefault("numbers", {})  # a name's stable row id
    rows = np.flatnonzero(((a > 0) | (b > 0)) & np.array([bool(n[0]) for n in names], dtype=bool))
    keys = [names[i] for i in rows.tolist()]
    for key in keys:
        if key not in numbers:
            numbers[key] = len(numbers) + 1
    ids = np.array([numbers[k] for k in keys], dtype=np.int64)
    texts = {numbers[k]: k for k in keys}
    values = np.column_stack([a[rows], b[rows], np.round(ll[rows], 4), np.round(lr[rows], 4)])
    stop = default_stopwords()

    def describe(new: np.ndarray) -> list[tuple[str, str, int, int]]:
        return [(texts[i][0], texts[i][1], int(texts[i][0] in stop), 0) for i in new.tolist()]

    return _finish(table, ids, values, describe, cancelled, ("ll", True))


def collocation_table(node: str | Sequence[str], window: int = 5, spec: FilterSpec | None = None,
                      table: StatTable | None = None, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> Result | None:
    """Every collocate of ``node`` within ``window`` words (count, frequency, MI, log-Dice,
    log-likelihood; see :mod:`reader.analysis.wordstats`); None when cancelled."""
    if window < 1:
        raise CorpusError("bad-window", "the window must be at least one word")
    if not _prepare(spec, progress, cancelled):
        return None
    patterns = _node_patterns(node)
    ids = _ids(spec)
    totals = termstats.counts(ids)
    found = observed_around(patterns, ids, window, len(totals.counts), cancelled)
    if found is None:
        return None
    observed, f_node = found
    size = len(observed)
    keep = observed >= 1
    for term_id in {i for p in patterns if len(p) == 1 for i in p}:
        if term_id < len(keep):
            keep[term_id] = False
    rows = np.flatnonzero(keep) if f_node else np.zeros(0, dtype=np.int64)
    o = observed[rows].astype(np.float64)
    f_c = np.maximum(np.resize(totals.counts, size)[rows].astype(np.float64), o)
    n, span = float(totals.tokens), 2.0 * window
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = np.log2(o * n / (f_node * f_c * span)) if n > 0 and len(rows) else np.zeros(len(rows))
        dice = 14.0 + np.log2(2.0 * o / (f_node + f_c)) if len(rows) else np.zeros(0)
    ll = _ll_2x2(o, f_node * span, f_c, n)
    values = np.column_stack([o, f_c, np.round(mi, 4), np.round(dice, 4), np.round(ll, 4)]) if len(rows) else \
        np.zeros((0, len(COLLOCATION_COLUMNS)))
    table = table or StatTable(COLLOCATION_COLUMNS, integer=("count", "frequency"))
    forms = (node,) if isinstance(node, str) else tuple(node)
    table.extra["request"] = Request("collocations", (spec,), node=forms, window=window)
    table.extra["node_count"] = f_node
    return _finish(table, rows, values, _describer(termstats.vocabulary().texts), cancelled, ("log_dice", True))


TIMELINE_COLUMNS = ("count", "articles")


def timeline_table(kind: str, value: str, by: str = "month", split: str | None = None, collapse: bool = False,
                   spec: FilterSpec | None = None, table: StatTable | None = None, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> Result | None:
    """A timeline's rows (:func:`reader.analysis.timeline.timeline`) as a table: ``item`` the
    period (empty: undated), ``type`` the split value; ``extra["rows"]`` the rows in the core's
    order and ``extra["covered"]`` the articles per period (for the chart)."""
    from reader.analysis import timeline

    rows = timeline.timeline(kind, value, by, split, collapse, spec, progress, cancelled)
    if cancelled is not None and cancelled():
        return None
    table = table or StatTable(TIMELINE_COLUMNS, integer=TIMELINE_COLUMNS)
    table.extra.update(request=Request("timeline", (spec,), node=(kind, value), split=split), rows=rows,
                       covered=timeline.covered_periods(by))
    numbers: dict[tuple[str, str], int] = table.extra.setdefault("numbers", {})
    keys = [(r.period or "", r.split or "") for r in rows]
    for key in keys:
        numbers.setdefault(key, len(numbers) + 1)
    ids = np.array([numbers[k] for k in keys], dtype=np.int64)
    texts = {numbers[k]: k for k in keys}
    values = np.array([[r.count, r.articles] for r in rows], dtype=np.float64).reshape(len(rows), 2)

    def describe(new: np.ndarray) -> list[tuple[str, str, int, int]]:
        return [(texts[i][0], texts[i][1], 0, 0) for i in new.tolist()]

    return _finish(table, ids, values, describe, cancelled)


__all__ = ["TIMELINE_COLUMNS", "timeline_table", "COLLOCATION_COLUMNS", "KEYNESS_COLUMNS", "Request", "WORD_COLUMNS", "affected_by", "collocation_table",
           "keyness_table", "word_table"]
