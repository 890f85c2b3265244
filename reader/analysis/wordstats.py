"""Word frequency lists, keyness and collocations over the recogniser's segmentation.

All three read the precomputed per-article term statistics (:mod:`reader.analysis.termstats`),
brought up to date first, and take sub-corpora as SPECs (:mod:`reader.analysis.spec`).

Keyness (target vs reference): for an item with frequency ``a`` in a target of ``N1`` words and
``b`` in a reference of ``N2``, ``ll`` is Rayson's log-likelihood
``2·(a·ln(a/E1) + b·ln(b/E2))`` with ``E1 = N1·(a+b)/(N1+N2)``, ``E2 = N2·(a+b)/(N1+N2)``, and
``log_ratio`` is Hardie's Log Ratio ``log2((a/N1)/(b/N2))`` with a zero frequency taken as 0.5;
positive ``log_ratio`` means the item is used more in the target.  An empty reference SPEC means
the rest of the corpus.  On entities, items are canonical names (aliases merged).

Collocations of a node (a word, a multi-word phrase, or an entity's forms) in a window of
``window`` words either side, within one article: ``count`` is O, the collocate's occurrences in
the node's windows; with ``f_n`` node occurrences, ``f_c`` the collocate's frequency, ``N`` the
words of the sub-corpus and ``S = 2·window``: ``mi = log2(O·N / (f_n·f_c·S))``,
``log_dice = 14 + log2(2·O / (f_n + f_c))``, and ``ll`` the log-likelihood of the 2×2 table
(O, f_n·S − O; f_c − O, rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from reader.analysis import termstats
from reader.analysis.spec import FilterSpec, select_ids

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    path = Path(__file__).with_name("stopwords_zh.txt")
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def read_stopwords(path: str | Path) -> frozenset[str]:
    """One word per line (UTF-8); ``#`` lines are comments."""
    from reader.changes import CorpusError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError("bad-stopwords", f"{path}: cannot read stop words ({exc})") from exc
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _ids(spec: FilterSpec | None) -> list[int] | None:
    return None if spec is None or spec.is_empty() else select_ids(spec)


def _prepare(spec: FilterSpec | None, progress: Progress | None, cancelled: Cancelled | None) -> bool:
    if spec is not None and spec.first_printings:
        from reader.analysis.reprints import ensure_clusters

        ensure_clusters()
    return termstats.ensure_current(progress, cancelled)


@dataclass(frozen=True)
class WordCount:
    word: str
    count: int
    articles: int

    def to_json(self) -> dict[str, object]:
        return {"word": self.word, "count": self.count, "articles": self.articles}


def _page_candidates(primary: np.ndarray, offset: int, limit: int | None) -> np.ndarray:
    """Indexes into ``primary`` (the first sort key, highest first) of the rows that can be in
    the page ``offset``..``offset + limit`` once sorted in full (ties at its edge included), so
    that only those need sorting with the rest of their key."""
    if limit is None or offset + limit >= len(primary):
        return np.arange(len(primary))
    k = offset + limit
    floor = np.partition(primary, len(primary) - k)[len(primary) - k]
    return np.flatnonzero(primary >= floor)


def word_page(spec: FilterSpec | None = None, offset: int = 0, limit: int | None = None, stopwords: Iterable[str] = (),
              numbers: bool = True, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> tuple[int, list[WordCount]]:
    """(words listed, the words ``offset``..``offset + limit`` by frequency then text): only the
    rows of the page are made and sorted (see :func:`word_list`)."""
    if not _prepare(spec, progress, cancelled):
        return 0, []
    found = termstats.counts(_ids(spec))
    vocab = termstats.vocabulary()
    size = len(found.counts)
    keep = (found.counts > 0) & vocab.words()[:size]
    if not numbers:
        keep &= ~vocab.numbers()[:size]
    for word in stopwords:
        term_id = vocab.lookup(word)
        if term_id is not None and term_id < size:
            keep[term_id] = False
    ids = np.flatnonzero(keep)
    ids = ids[_page_candidates(found.counts[ids], offset, limit)]
    out = [WordCount(vocab.texts[i], int(found.counts[i]), int(found.docs[i])) for i in ids.tolist()]
    out.sort(key=lambda w: (-w.count, w.word))
    return int(keep.sum()), out[offset:None if limit is None else offset + limit]


def word_list(spec: FilterSpec | None = None, top: int | None = None, stopwords: Iterable[str] = (),
              numbers: bool = True, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> list[WordCount]:
    """Words by frequency (then by text), without ``stopwords`` (and without pure numbers
    unless ``numbers``)."""
    return word_page(spec, 0, top or None, stopwords, numbers, progress, cancelled)[1]


@dataclass(frozen=True)
class KeyItem:
    item: str
    target: int
    reference: int
    ll: float
    log_ratio: float
    type: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"item": self.item, "target": self.target, "reference": self.reference,
                                  "ll": round(self.ll, 4), "log_ratio": round(self.log_ratio, 4)}
        if self.type:
            out["type"] = self.type
        return out


def log_likelihood(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
    """Rayson's keyness log-likelihood of frequencies ``a`` (of ``n1``) vs ``b`` (of ``n2``)."""
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    e1 = n1 * (a + b) / max(n1 + n2, 1.0)
    e2 = n2 * (a + b) / max(n1 + n2, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
    """Hardie's Log Ratio, zero frequencies taken as 0.5."""
    a = np.where(a > 0, a, 0.5).astype(np.float64)
    b = np.where(b > 0, b, 0.5).astype(np.float64)
    return np.log2((a / max(n1, 1.0)) / (b / max(n2, 1.0)))


def _entity_grouped(found: termstats.Counts) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Entity counts merged under canonical names: (names with type, counts)."""
    from reader.analysis.entity_index import alias_map

    amap = alias_map()
    vocab = termstats.vocabulary()
    groups: dict[tuple[str, str], int] = {}
    keys: list[tuple[str, str]] = []
    index = np.zeros(len(found.counts), dtype=np.int64)
    for term_id in np.flatnonzero(found.counts).tolist():
        key = (amap.canonical(vocab.texts[term_id], vocab.kinds[term_id]), vocab.kinds[term_id])
        if key not in groups:
            groups[key] = len(keys)
            keys.append(key)
        index[term_id] = groups[key]
    merged = np.bincount(index[np.flatnonzero(found.counts)], weights=found.counts[np.flatnonzero(found.counts)],
                         minlength=len(keys)) if keys else np.zeros(0)
    return keys, merged


def keyness_arrays(target: FilterSpec, reference: FilterSpec | None = None, entities: bool = False
                   ) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(item names with type, target and reference frequencies, log-likelihood, Log Ratio) of
    every item, one entry per name (call after the statistics are brought up to date)."""
    t = termstats.counts(select_ids(target), entities)
    if reference is None or reference.is_empty():  # the rest of the corpus: everything but the target
        whole = termstats.counts(None, entities)
        grown = np.zeros(len(whole.counts), dtype=np.int64)
        grown[:len(t.counts)] = t.counts
        r = termstats.Counts(whole.counts - grown, whole.docs, whole.tokens - t.tokens, whole.articles - t.articles)
    else:
        r = termstats.counts(select_ids(reference), entities)
    size = max(len(t.counts), len(r.counts))
    tc, rc = np.resize(t.counts, size), np.resize(r.counts, size)
    tc[len(t.counts):] = 0
    rc[len(r.counts):] = 0
    vocab = termstats.vocabulary()
    if entities:
        keys_t, merged_t = _entity_grouped(termstats.Counts(tc, t.docs, t.tokens, t.articles))
        lookup = {k: i for i, k in enumerate(keys_t)}
        keys_r, merged_r = _entity_grouped(termstats.Counts(rc, r.docs, r.tokens, r.articles))
        for k in keys_r:
            if k not in lookup:
                lookup[k] = len(keys_t)
                keys_t.append(k)
        a = np.zeros(len(keys_t))
        b = np.zeros(len(keys_t))
        a[:len(merged_t)] = merged_t
        for i, k in enumerate(keys_r):
            b[lookup[k]] += merged_r[i]
        names = keys_t
    else:
        a, b = tc, rc
        names = [(text, "") for text in vocab.texts[:size]]
    n1, n2 = float(t.tokens), float(r.tokens)
    ll = log_likelihood(a, b, n1, n2)
    lr = log_ratio(a, b, n1, n2)
    return names, a, b, ll, lr


def keyness_page(target: FilterSpec, reference: FilterSpec | None = None, min_freq: int = 5,
                 entities: bool = False, stopwords: Iterable[str] = (), offset: int = 0, limit: int | None = None,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> tuple[int, list[KeyItem]]:
    """(items kept, the items ``offset``..``offset + limit`` of :func:`keyness`'s order): only
    the rows of the page are made and sorted."""
    if not _prepare(target, progress, cancelled) or not _prepare(reference, None, cancelled):
        return 0, []
    names, a, b, ll, lr = keyness_arrays(target, reference, entities)
    stop = set(stopwords)
    if entities:
        named = np.array([bool(n[0]) and n[0] not in stop for n in names], dtype=bool)
    else:  # a word's name is its term's text
        named = np.ones(len(a), dtype=bool)
        named[:1] = False  # term id 0 is no word
        vocab = termstats.vocabulary()
        for word in stop:
            term_id = vocab.lookup(word)
            if term_id is not None and term_id < len(named):
                named[term_id] = False
    keep_rows = np.flatnonzero(((a >= min_freq) | (b >= min_freq)) & ((a > 0) | (b > 0)) & named)
    chosen = keep_rows[_page_candidates(ll[keep_rows], offset, limit)]
    out = [KeyItem(names[i][0], int(a[i]), int(b[i]), float(ll[i]), float(lr[i]), names[i][1]) for i in chosen.tolist()]
    out.sort(key=lambda k: (-k.ll, -k.log_ratio, k.item))
    return len(keep_rows), out[offset:None if limit is None else offset + limit]


def keyness(target: FilterSpec, reference: FilterSpec | None = None, min_freq: int = 5,
            entities: bool = False, stopwords: Iterable[str] = (), progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> list[KeyItem]:
    """Key items of ``target`` against ``reference`` (the rest of the corpus when empty),
    kept when their frequency in either reaches ``min_freq``, sorted by ``ll`` (highest first)."""
    return keyness_page(target, reference, min_freq, entities, stopwords, 0, None, progress, cancelled)[1]


@dataclass(frozen=True)
class Collocate:
    item: str
    count: int
    mi: float
    log_dice: float
    ll: float
    frequency: int = 0

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "count": self.count, "mi": round(self.mi, 4),
                "log_dice": round(self.log_dice, 4), "ll": round(self.ll, 4)}


def _ll_2x2(o11: np.ndarray, r1: float, c1: np.ndarray, n: float) -> np.ndarray:
    """Log-likelihood (G²) of the 2×2 tables (O11, R1 − O11; C1 − O11, rest), vectorised."""
    total = np.zeros(len(o11))
    if n <= 0:
        return total
    cells = ((o11, r1, c1), (r1 - o11, r1, n - c1), (c1 - o11, n - r1, c1), (n - r1 - c1 + o11, n - r1, n - c1))
    for o, row, col in cells:
        o = np.asarray(o, dtype=np.float64)
        e = np.broadcast_to(np.asarray(row * col / n, dtype=np.float64), o.shape)
        good = (o > 0) & (e > 0)
        total[good] += o[good] * np.log(o[good] / e[good])
    return 2.0 * total


def _node_patterns(node: str | Sequence[str]) -> list[list[int]]:
    forms = [node] if isinstance(node, str) else list(node)
    vocab = termstats.vocabulary()
    out = []
    for form in forms:
        words = termstats.words_of(form)
        ids = [vocab.lookup(w) for w in words]
        if words and all(i is not None for i in ids):
            out.append([int(i) for i in ids if i is not None])
    return out


def observed_around(patterns: list[list[int]], ids: Sequence[int] | None, window: int, size: int,
                    cancelled: Cancelled | None = None) -> tuple[np.ndarray, int] | None:
    """(per term id, its occurrences within ``window`` words of a node occurrence; the node's
    occurrences) over the articles ``ids`` (None: all); None when cancelled."""
    selected = None if ids is None else np.array(sorted(ids), dtype=np.int32)
    observed = np.zeros(size, dtype=np.int64)
    f_node = 0
    firsts = {p[0] for p in patterns}
    for cid, summary in termstats.chunks():
        if cancelled is not None and cancelled():
            return None
        live = termstats._mask(summary.articles, selected)
        if not patterns or not live.any() or not np.isin(summary.word_terms, list(firsts)).any():
            continue
        off, seq = termstats.load_sequences(cid)
        owner = np.repeat(np.arange(len(summary.articles)), np.diff(off))
        for pattern in patterns:
            k = len(pattern)
            pos = np.flatnonzero(seq[:len(seq) - k + 1] == pattern[0]) if len(seq) >= k else np.zeros(0, np.int64)
            for j in range(1, k):
                pos = pos[seq[pos + j] == pattern[j]]
            pos = pos[(owner[pos] == owner[pos + k - 1]) & live[owner[pos]]]
            f_node += len(pos)
            for d in range(1, window + 1):
                for at in (pos - d, pos + k - 1 + d):
                    ok = (at >= 0) & (at < len(seq))
                    at, base = at[ok], pos[ok]
                    at = at[owner[at] == owner[base]]
                    if len(at):
                        hits = seq[at]
                        if int(hits.max()) >= size:
                            size = int(hits.max()) + 1
                            observed.resize(size, refcheck=False)
                        observed += np.bincount(hits, minlength=size)[:size]
    return observed, f_node


def collocations_page(node: str | Sequence[str], window: int = 5, spec: FilterSpec | None = None,
                      min_count: int = 1, sort: str = "ll", stopwords: Iterable[str] = (), offset: int = 0,
                      limit: int | None = None, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> tuple[int, list[Collocate]]:
    """(collocates kept, the collocates ``offset``..``offset + limit`` of :func:`collocations`'s
    order): only the rows of the page are made and sorted."""
    from reader.changes import CorpusError

    if window < 1:
        raise CorpusError("bad-window", "the window must be at least one word")
    if sort not in ("count", "mi", "log_dice", "ll"):
        raise CorpusError("bad-sort", f"unknown sort {sort!r} (count, mi, log_dice, ll)")
    if not _prepare(spec, progress, cancelled):
        return 0, []
    patterns = _node_patterns(node)
    ids = _ids(spec)
    totals = termstats.counts(ids)
    found = observed_around(patterns, ids, window, len(totals.counts), cancelled)
    if found is None:
        return 0, []
    observed, f_node = found
    size = len(observed)
    if f_node == 0:
        return 0, []
    vocab = termstats.vocabulary()
    n = float(totals.tokens)
    span = 2.0 * window
    stop = set(stopwords)
    node_ids = {i for p in patterns if len(p) == 1 for i in p}
    keep = observed >= max(min_count, 1)
    for term_id in node_ids | {vocab.lookup(w) for w in stop} - {None}:
        if term_id is not None and term_id < len(keep):
            keep[term_id] = False
    ids = np.flatnonzero(keep)
    o = observed[ids].astype(np.float64)
    f_c = np.maximum(np.resize(totals.counts, size)[ids].astype(np.float64), o)
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = np.log2(o * n / (f_node * f_c * span)) if n > 0 else np.zeros(len(ids))
    dice = 14.0 + np.log2(2.0 * o / (f_node + f_c))
    ll = _ll_2x2(o, f_node * span, f_c, n)
    primary = {"count": o, "mi": mi, "log_dice": dice, "ll": ll}[sort]
    chosen = _page_candidates(np.nan_to_num(primary, nan=-np.inf), offset, limit)
    out = [Collocate(vocab.texts[ids[j]], int(o[j]), float(mi[j]), float(dice[j]), float(ll[j]), int(f_c[j]))
           for j in chosen.tolist()]
    key = {"count": lambda c: c.count, "mi": lambda c: c.mi, "log_dice": lambda c: c.log_dice,
           "ll": lambda c: c.ll}[sort]
    out.sort(key=lambda c: (-key(c), c.item))
    return len(ids), out[offset:None if limit is None else offset + limit]


def collocations(node: str | Sequence[str], window: int = 5, spec: FilterSpec | None = None,
                 min_count: int = 1, sort: str = "ll", stopwords: Iterable[str] = (),
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[Collocate]:
    """Collocates of ``node`` (a word or phrase, or a sequence of forms such as an entity's
    aliases), sorted by ``sort`` (``count``, ``mi``, ``log_dice`` or ``ll``), highest first."""
    return collocations_page(node, window, spec, min_count, sort, stopwords, 0, None, progress, cancelled)[1]


__all__ = ["Collocate", "KeyItem", "WordCount", "collocations", "collocations_page", "default_stopwords", "keyness",
           "keyness_page", "log_likelihood", "log_ratio", "read_stopwords", "word_list", "word_page"]
