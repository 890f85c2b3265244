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
from reader.analysis.tallies import Around, Tally, selection, vocabulary_masks
from reader.analysis.wordstats import (
    _ll_2x2,
    _node_patterns,
    _prepare,
    default_stopwords,
    log_likelihood,
    log_ratio,
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
    _words, numbers = vocabulary_masks()
    stop = default_stopwords()

    def describe(ids: np.ndarray) -> list[tuple[str, str, int, int]]:
        out = []
        for i in ids.tolist():
            text = texts[i]
            out.append((text, kinds[i] if kinds is not None else "", int(text in stop),
                        int(bool(numbers[i])) if kinds is None and i < len(numbers) else 0))
        return out

    return describe


def _finish(table: StatTable, write: Callable[[], np.ndarray | None], cancelled: Cancelled | None,
            order: tuple[str, bool] = ("item", False)) -> Result | None:
    """Write the new result (``write``: an apply or a patch); a fresh table also gets the index
    of the views' first order."""
    fresh = table.builds == 0 and not len(table)
    touched = write()
    if touched is None:
        if fresh:  # made for this call and never shown: not kept
            table.drop()
        return None
    if fresh:
        table.prepare(*order)
    return table, touched


def _dropped(table: StatTable, made: bool) -> None:
    """A cancelled run: a table made for it and never shown is not kept."""
    if made:
        table.drop()


def _ids(spec: FilterSpec | None) -> list[int] | None:
    return None if spec is None or spec.is_empty() else select_ids(spec)


def _kept(table: StatTable, request: Request, make: Callable[[], object], key: str = "tally") -> tuple[object, bool]:
    """The table's incremental state for ``request`` (made afresh when the table holds another
    request, or none yet), and whether the table must be written whole."""
    state = table.extra.get(key) if table.extra.get("request") == request else None
    whole = state is None or not table.whole or not len(table)
    if state is None:
        state = make()
        table.extra[key] = state
    return state, whole


def _padded(mask: np.ndarray, size: int) -> np.ndarray:
    return mask[:size] if len(mask) >= size else np.concatenate([mask, np.zeros(size - len(mask), dtype=bool)])


def word_table(spec: FilterSpec | None = None, table: StatTable | None = None, progress: Progress | None = None,
               cancelled: Cancelled | None = None, changed: Sequence[int] | None = None) -> Result | None:
    """Every word of the (sub-)corpus with its frequency and the articles it is in; None when
    cancelled.  Given the table of an earlier run, only the chunks of the term statistics that
    changed since are counted again and only the rows of their words are written (``changed``,
    the articles a change named, is not needed: the chunks say what changed)."""
    if not _prepare(spec, progress, cancelled):
        return None
    made = table is None
    table = table or StatTable(WORD_COLUMNS, integer=WORD_COLUMNS)
    request = Request("words", (spec,))
    tally, whole = _kept(table, request, Tally)
    assert isinstance(tally, Tally)
    touched = tally.update(selection(_ids(spec)), cancelled)
    if touched is None:
        return _dropped(table, made)
    table.extra["request"] = request
    words, _numbers = vocabulary_masks()
    vocab = termstats.vocabulary()
    describe = _describer(vocab.texts)
    if whole:
        size = len(tally.counts)
        ids = np.flatnonzero((tally.counts > 0) & _padded(words, size))
        values = np.column_stack([tally.counts[ids], tally.docs[ids]])
        return _finish(table, lambda: table.apply(ids, values, describe, cancelled), cancelled, ("count", True))
    keep = (tally.counts[touched] > 0) & _padded(words, len(tally.counts))[touched]
    values = np.column_stack([tally.counts[touched], tally.docs[touched]])
    return _finish(table, lambda: table.patch(touched, values, keep, describe, cancelled), cancelled, ("count", True))


class _Keyness:
    """What a keyness table keeps between updates: the target's and the reference's tallies
    (the reference is the whole corpus when it is "the rest"), the sizes last written."""

    def __init__(self, entities: bool, rest: bool) -> None:
        self.target = Tally(entities)
        self.reference = Tally(entities)
        self.rest = rest
        self.sizes: tuple[int, int] = (-1, -1)


def _keyness_counts(state: _Keyness) -> tuple[np.ndarray, np.ndarray, float, float]:
    size = max(len(state.target.counts), len(state.reference.counts))
    state.target._grow(size)
    state.reference._grow(size)
    a = state.target.counts.astype(np.float64)
    if state.rest:
        b = (state.reference.counts - state.target.counts).astype(np.float64)
        return a, b, float(state.target.tokens), float(state.reference.tokens - state.target.tokens)
    return a, state.reference.counts.astype(np.float64), float(state.target.tokens), float(state.reference.tokens)


def keyness_table(target: FilterSpec, reference: FilterSpec | None = None, entities: bool = False,
                  table: StatTable | None = None, progress: Progress | None = None,
                  cancelled: Cancelled | None = None, changed: Sequence[int] | None = None) -> Result | None:
    """Every item used in the target or the reference, with both frequencies, log-likelihood
    and Log Ratio (a minimum frequency is a filter of the table); None when cancelled.  Updates
    count again only the chunks that changed; when the sizes of target and reference stay the
    same only the rows of the items whose counts changed are computed and written."""
    if not _prepare(target, progress, cancelled) or not _prepare(reference, None, cancelled):
        return None
    made = table is None
    table = table or StatTable(KEYNESS_COLUMNS, integer=("target", "reference"))
    request = Request("keyness", (target, reference), entities)
    rest = reference is None or reference.is_empty()
    state, whole = _kept(table, request, lambda: _Keyness(entities, rest))
    assert isinstance(state, _Keyness)
    got_t = state.target.update(selection(select_ids(target)), cancelled)
    if got_t is None:
        return _dropped(table, made)
    got_r = state.reference.update(None if rest else selection(select_ids(reference)), cancelled)  # type: ignore[arg-type]
    if got_r is None:
        state.target.pending.append(got_t)  # reported again by the next update
        return _dropped(table, made)
    table.extra["request"] = request
    a, b, n1, n2 = _keyness_counts(state)
    stop = default_stopwords()
    if entities:
        names, a, b = _entity_names(a, b)
        ll, lr = log_likelihood(a, b, n1, n2), log_ratio(a, b, n1, n2)
        numbers: dict[tuple[str, str], int] = table.extra.setdefault("numbers", {})  # a name's stable row id
        rows = np.flatnonzero(((a > 0) | (b > 0)) & np.array([bool(n[0]) for n in names], dtype=bool))
        keys = [names[i] for i in rows.tolist()]
        for key in keys:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
        ids = np.array([numbers[k] for k in keys], dtype=np.int64)
        texts = {numbers[k]: k for k in keys}
        values = np.column_stack([a[rows], b[rows], np.round(ll[rows], 4), np.round(lr[rows], 4)])

        def describe(new: np.ndarray) -> list[tuple[str, str, int, int]]:
            return [(texts[i][0], texts[i][1], int(texts[i][0] in stop), 0) for i in new.tolist()]

        state.sizes = (int(n1), int(n2))
        return _finish(table, lambda: table.apply(ids, values, describe, cancelled), cancelled, ("ll", True))
    vocab = termstats.vocabulary()
    texts_of = vocab.texts

    def describe_words(new: np.ndarray) -> list[tuple[str, str, int, int]]:  # a word's row id is its term id
        return [(texts_of[i], "", int(texts_of[i] in stop), 0) for i in new.tolist()]

    words, _numbers = vocabulary_masks()
    if whole or state.sizes != (int(n1), int(n2)):  # the sizes changed: every row's statistic may have
        state.sizes = (int(n1), int(n2))
        ids = np.flatnonzero(((a > 0) | (b > 0)) & _padded(words, len(a)))
        values = _keyness_values(a[ids], b[ids], n1, n2)
        return _finish(table, lambda: table.apply(ids, values, describe_words, cancelled), cancelled, ("ll", True))
    touched = np.union1d(got_t, got_r)
    keep = ((a[touched] > 0) | (b[touched] > 0)) & _padded(words, len(a))[touched]
    values = _keyness_values(a[touched], b[touched], n1, n2)
    return _finish(table, lambda: table.patch(touched, values, keep, describe_words, cancelled), cancelled, ("ll", True))


def _keyness_values(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
    return np.column_stack([a, b, np.round(log_likelihood(a, b, n1, n2), 4), np.round(log_ratio(a, b, n1, n2), 4)])


def _entity_names(a: np.ndarray, b: np.ndarray) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """Entity frequencies merged under canonical names (aliases): (names with type, a, b)."""
    from reader.analysis.entity_index import alias_map

    amap = alias_map()
    vocab = termstats.vocabulary()
    used = np.flatnonzero((a > 0) | (b > 0))
    groups: dict[tuple[str, str], int] = {}
    index = np.zeros(len(used), dtype=np.int64)
    for n, term_id in enumerate(used.tolist()):
        key = (amap.canonical(vocab.texts[term_id], vocab.kinds[term_id]), vocab.kinds[term_id])
        index[n] = groups.setdefault(key, len(groups))
    merged_a = np.bincount(index, weights=a[used], minlength=len(groups))
    merged_b = np.bincount(index, weights=b[used], minlength=len(groups))
    return list(groups), merged_a, merged_b


class _Collocations:
    def __init__(self, patterns: list[list[int]], window: int) -> None:
        self.around = Around(patterns, window)
        self.totals = Tally()
        self.sizes: tuple[int, int] = (-1, -1)


def collocation_table(node: str | Sequence[str], window: int = 5, spec: FilterSpec | None = None,
                      table: StatTable | None = None, progress: Progress | None = None,
                      cancelled: Cancelled | None = None, changed: Sequence[int] | None = None) -> Result | None:
    """Every collocate of ``node`` within ``window`` words (count, frequency, MI, log-Dice,
    log-likelihood; see :mod:`reader.analysis.wordstats`); None when cancelled.  Updates count
    again only the chunks that changed; while the node's occurrences and the sub-corpus's size
    stay the same only the rows of the collocates whose counts changed are written."""
    if window < 1:
        raise CorpusError("bad-window", "the window must be at least one word")
    if not _prepare(spec, progress, cancelled):
        return None
    patterns = _node_patterns(node)
    made = table is None
    table = table or StatTable(COLLOCATION_COLUMNS, integer=("count", "frequency"))
    forms = (node,) if isinstance(node, str) else tuple(node)
    request = Request("collocations", (spec,), node=forms, window=window)
    state, whole = _kept(table, request, lambda: _Collocations(patterns, window))
    assert isinstance(state, _Collocations)
    if state.around.patterns != patterns:  # the node's words are new to the vocabulary: count it again
        state.around = Around(patterns, window)
        whole = True
    selected = selection(_ids(spec))
    got_o = state.around.update(selected, cancelled)
    if got_o is None:
        return _dropped(table, made)
    got_t = state.totals.update(selected, cancelled)
    if got_t is None:
        state.around.pending.append(got_o)  # reported again by the next update
        return _dropped(table, made)
    table.extra["request"] = request
    f_node, n = state.around.nodes, float(state.totals.tokens)
    table.extra["node_count"] = f_node
    size = max(len(state.around.observed), len(state.totals.counts))
    state.around._grow(size)
    state.totals._grow(size)
    observed, counts = state.around.observed, state.totals.counts
    node_ids = np.array(sorted({i for p in patterns if len(p) == 1 for i in p}), dtype=np.int64)
    span = 2.0 * window

    def values_of(rows: np.ndarray) -> np.ndarray:
        o = observed[rows].astype(np.float64)
        f_c = np.maximum(counts[rows].astype(np.float64), o)
        with np.errstate(divide="ignore", invalid="ignore"):
            mi = np.log2(o * n / (f_node * f_c * span)) if n > 0 and len(rows) else np.zeros(len(rows))
            dice = 14.0 + np.log2(2.0 * o / (f_node + f_c)) if len(rows) else np.zeros(0)
        ll = _ll_2x2(o, f_node * span, f_c, n)
        return np.column_stack([o, f_c, np.round(mi, 4), np.round(dice, 4), np.round(ll, 4)]) if len(rows) else \
            np.zeros((0, len(COLLOCATION_COLUMNS)))

    def kept(rows: np.ndarray) -> np.ndarray:
        return (observed[rows] >= 1) & ~np.isin(rows, node_ids) & (f_node > 0)

    describe = _describer(termstats.vocabulary().texts)
    if whole or state.sizes != (f_node, int(n)):  # every row's statistic may have changed
        state.sizes = (f_node, int(n))
        rows = np.flatnonzero(observed >= 1) if f_node else np.zeros(0, dtype=np.int64)
        rows = rows[kept(rows)]
        values = values_of(rows)
        return _finish(table, lambda: table.apply(rows, values, describe, cancelled), cancelled, ("log_dice", True))
    touched = np.union1d(got_o, got_t)
    values = values_of(touched)
    keep = kept(touched)
    return _finish(table, lambda: table.patch(touched, values, keep, describe, cancelled), cancelled, ("log_dice", True))


TIMELINE_COLUMNS = ("count", "articles")


class _Timeline:
    """What a timeline table keeps between updates: per article its occurrences per key, and
    the totals per key."""

    def __init__(self, options: tuple[object, ...]) -> None:
        self.options = options
        self.keyed: dict[int, dict[tuple[str | None, str | None], int]] = {}
        self.counts: dict[tuple[str | None, str | None], int] = {}
        self.articles: dict[tuple[str | None, str | None], int] = {}
        self.read = 0  # articles whose occurrences were read over the state's life (tests, benchmarks)

    def put(self, article_id: int, keyed: dict[tuple[str | None, str | None], int] | None, sign: int) -> None:
        for key, n in (keyed or {}).items():
            self.counts[key] = self.counts.get(key, 0) + sign * n
            self.articles[key] = self.articles.get(key, 0) + sign


def timeline_table(kind: str, value: str, by: str = "month", split: str | None = None, collapse: bool = False,
                   spec: FilterSpec | None = None, table: StatTable | None = None, progress: Progress | None = None,
                   cancelled: Cancelled | None = None, changed: Sequence[int] | None = None) -> Result | None:
    """A timeline's rows (:func:`reader.analysis.timeline.timeline`) as a table: ``item`` the
    period (empty: undated), ``type`` the split value; ``extra["rows"]`` the rows in the core's
    order and ``extra["covered"]`` the articles per period (for the chart).  Given the table of
    an earlier run and ``changed`` (the articles a change named), only those articles'
    occurrences are read again and their counts taken off and put back; without ``changed``
    (a change that named none), or with reprints collapsed, every occurrence is read again."""
    from reader.analysis import timeline

    if by not in timeline.PERIODS:
        raise CorpusError("bad-period", f"unknown period {by!r} (use {', '.join(timeline.PERIODS)})")
    made = table is None
    table = table or StatTable(TIMELINE_COLUMNS, integer=TIMELINE_COLUMNS)
    request = Request("timeline", (spec,), node=(kind, value), split=split)
    options = (by, collapse)
    state = table.extra.get("timeline") if table.extra.get("request") == request else None
    if not isinstance(state, _Timeline) or state.options != options:
        state = None
    scope = (spec or FilterSpec()).with_first_printings() if collapse else (spec or FilterSpec())
    if progress is not None:
        progress(0, 2, "occurrences")
    if state is not None and changed is not None and table.whole and not scope.first_printings:
        ids = sorted({int(i) for i in changed})
        found = timeline.occurrences(kind, value, scope, article_ids=ids)
        keyed = timeline.per_article(found, by, split)
        if cancelled is not None and cancelled():
            return None
        for article_id in ids:
            state.put(article_id, state.keyed.pop(article_id, None), -1)
            if article_id in keyed:
                state.keyed[article_id] = keyed[article_id]
                state.put(article_id, keyed[article_id], 1)
        state.read += len(ids)
    else:
        found = timeline.occurrences(kind, value, scope)
        if cancelled is not None and cancelled():
            return _dropped(table, made)
        state = _Timeline(options)
        state.keyed = timeline.per_article(found, by, split)
        for article_id, keyed_one in state.keyed.items():
            state.put(article_id, keyed_one, 1)
        state.read += len(state.keyed)
    if progress is not None:
        progress(2, 2, "")
    rows = timeline.rows_of(state.counts, state.articles)
    table.extra.update(request=request, timeline=state, rows=rows, covered=timeline.covered_periods(by))
    numbers: dict[tuple[str, str], int] = table.extra.setdefault("numbers", {})
    keys = [(r.period or "", r.split or "") for r in rows]
    for key in keys:
        numbers.setdefault(key, len(numbers) + 1)
    ids_ = np.array([numbers[k] for k in keys], dtype=np.int64)
    texts = {numbers[k]: k for k in keys}
    values = np.array([[r.count, r.articles] for r in rows], dtype=np.float64).reshape(len(rows), 2)

    def describe(new: np.ndarray) -> list[tuple[str, str, int, int]]:
        return [(texts[i][0], texts[i][1], 0, 0) for i in new.tolist()]

    return _finish(table, lambda: table.apply(ids_, values, describe, cancelled), cancelled)


__all__ = ["TIMELINE_COLUMNS", "timeline_table", "COLLOCATION_COLUMNS", "KEYNESS_COLUMNS", "Request", "WORD_COLUMNS", "affected_by", "collocation_table",
           "keyness_table", "word_table"]
