"""Frequencies over a sub-corpus kept chunk by chunk, so that after a change only what changed
is counted again (the incremental refresh of the word list, keyness and collocations).

The per-article term statistics (:mod:`reader.analysis.termstats`) are chunks of articles, each
with a summary (its words' counts and articles) that :func:`termstats.ensure_current` replaces
when, and only when, one of the chunk's articles changed (new, re-ingested, retired, its entities
recomputed).  A :class:`Tally` keeps, per chunk, what that chunk added to the totals and the
summary it was counted from.  :meth:`Tally.update` walks the chunks: a chunk whose summary and
selected articles are the ones it counted is skipped; for the others it takes the old part off
the totals and adds the new one (a whole chunk's part is its summary; a chunk the sub-corpus
selects only in part is counted from its per-article bags).  So an edit to one article costs
the difference of one chunk's counts, and a change that touched nothing costs a walk over the
chunk list.  It returns the term ids whose totals may have changed, so a table updates those
rows only.

:class:`Around` does the same for collocations: per chunk, the collocates found in the windows
of the node's occurrences in it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from reader.analysis import termstats

Cancelled = Callable[[], bool]
_EMPTY = np.zeros(0, dtype=np.int64)


def mask_of(articles: np.ndarray, selected: np.ndarray | None) -> np.ndarray:
    """Which of a chunk's ``articles`` are in ``selected`` (sorted ids; None: all)."""
    if selected is None:
        return np.ones(len(articles), dtype=bool)
    if not len(selected):
        return np.zeros(len(articles), dtype=bool)
    pos = np.searchsorted(selected, articles)
    pos[pos >= len(selected)] = 0
    return selected[pos] == articles


def selection(ids: Sequence[int] | None) -> np.ndarray | None:
    return None if ids is None else np.unique(np.asarray(list(ids), dtype=np.int64))


def _key(mask: np.ndarray) -> bytes | None:
    """A chunk's selected articles as a comparable key (None: all of them)."""
    return None if mask.all() else np.packbits(mask).tobytes()


@dataclass
class _Part:
    summary: object  # the summary counted from (the same object: the chunk did not change)
    key: bytes | None
    terms: np.ndarray
    counts: np.ndarray
    docs: np.ndarray
    tokens: int
    articles: int


class Tally:
    """Word (or entity) counts and article counts over a sub-corpus, per term id (see the module doc)."""

    def __init__(self, entities: bool = False) -> None:
        self.entities = entities
        self.parts: dict[int, _Part] = {}
        self.counts = np.zeros(0, dtype=np.int64)
        self.docs = np.zeros(0, dtype=np.int64)
        self.tokens = 0
        self.articles = 0
        self.recounted = 0  # chunks counted over the tally's life (tests and benchmarks)
        self.pending: list[np.ndarray] = []  # touched terms not yet returned (an update was cancelled)

    def _grow(self, size: int) -> None:
        if size > len(self.counts):
            self.counts = np.concatenate([self.counts, np.zeros(size - len(self.counts), dtype=np.int64)])
            self.docs = np.concatenate([self.docs, np.zeros(size - len(self.docs), dtype=np.int64)])

    def _count(self, cid: int, summary: termstats.Summary, mask: np.ndarray, key: bytes | None) -> _Part:
        self.recounted += 1
        if key is None:  # the whole chunk: its summary
            terms = summary.ent_terms if self.entities else summary.word_terms
            counts = summary.ent_counts if self.entities else summary.word_counts
            docs = summary.ent_docs if self.entities else summary.word_docs
            return _Part(summary, None, terms, counts, docs, int(np.sum(counts, dtype=np.int64)), len(mask))
        chosen = int(mask.sum())
        if not chosen:
            return _Part(summary, key, _EMPTY, _EMPTY, _EMPTY, 0, 0)
        chunk = termstats.detail(cid)
        off = chunk.ent_off if self.entities else chunk.bag_off
        pair = np.repeat(mask, np.diff(off))
        t = (chunk.ent_terms if self.entities else chunk.bag_terms)[pair]
        f = (chunk.ent_counts if self.entities else chunk.bag_counts)[pair]
        terms, inverse = np.unique(t, return_inverse=True)
        counts = np.bincount(inverse, weights=f, minlength=len(terms)).astype(np.int64)
        docs = np.bincount(inverse, minlength=len(terms)).astype(np.int64)
        return _Part(summary, key, terms, counts, docs, int(f.sum()), chosen)

    def _add(self, part: _Part, sign: int) -> None:
        if len(part.terms):
            self._grow(int(part.terms.max()) + 1)
            self.counts[part.terms] += sign * part.counts  # a part's terms are distinct
            self.docs[part.terms] += sign * part.docs
        self.tokens += sign * part.tokens
        self.articles += sign * part.articles

    def update(self, selected: np.ndarray | None, cancelled: Cancelled | None = None) -> np.ndarray | None:
        """Bring the totals up to date for the articles ``selected`` (sorted ids, None: every
        live article; call :func:`termstats.ensure_current` first).  Returns the term ids whose
        totals may have changed (sorted), None when cancelled (the tally stays consistent: the
        chunks not yet walked are walked next time)."""
        touched = self.pending
        seen: set[int] = set()
        for cid, summary in termstats.chunks():
            seen.add(cid)
            old = self.parts.get(cid)
            mask = mask_of(summary.articles, selected)
            key = _key(mask)
            if old is not None and old.summary is summary and old.key == key:
                continue
            if cancelled is not None and cancelled():
                return None
            new = self._count(cid, summary, mask, key)
            if old is not None:
                self._add(old, -1)
                touched.append(old.terms)
            self._add(new, 1)
            touched.append(new.terms)
            self.parts[cid] = new
        for cid in [c for c in self.parts if c not in seen]:  # a chunk whose articles all went
            old = self.parts.pop(cid)
            self._add(old, -1)
            touched.append(old.terms)
        self._grow(len(termstats.vocabulary()))
        self.pending = []
        return np.unique(np.concatenate(touched)) if touched else _EMPTY


@dataclass
class _Window:
    summary: object
    key: bytes | None
    terms: np.ndarray
    observed: np.ndarray
    nodes: int


class Around:
    """Per term id, its occurrences within ``window`` words of an occurrence of a node pattern
    (a sequence of word ids), over a sub-corpus, kept per chunk (see the module doc)."""

    def __init__(self, patterns: list[list[int]], window: int) -> None:
        self.patterns = [list(p) for p in patterns]
        self.window = window
        self.parts: dict[int, _Window] = {}
        self.observed = np.zeros(0, dtype=np.int64)
        self.nodes = 0
        self.recounted = 0
        self.pending: list[np.ndarray] = []

    def _grow(self, size: int) -> None:
        if size > len(self.observed):
            self.observed = np.concatenate([self.observed, np.zeros(size - len(self.observed), dtype=np.int64)])

    def _count(self, cid: int, summary: termstats.Summary, mask: np.ndarray, key: bytes | None) -> _Window:
        firsts = [p[0] for p in self.patterns]
        if not self.patterns or not mask.any() or not np.isin(summary.word_terms, firsts).any():
            return _Window(summary, key, _EMPTY, _EMPTY, 0)
        self.recounted += 1
        off, seq = termstats.load_sequences(cid)
        owner = np.repeat(np.arange(len(summary.articles)), np.diff(off))
        hits: list[np.ndarray] = []
        nodes = 0
        for pattern in self.patterns:
            k = len(pattern)
            pos = np.flatnonzero(seq[:len(seq) - k + 1] == pattern[0]) if len(seq) >= k else _EMPTY
            for j in range(1, k):
                pos = pos[seq[pos + j] == pattern[j]]
            pos = pos[(owner[pos] == owner[pos + k - 1]) & mask[owner[pos]]]
            nodes += len(pos)
            for d in range(1, self.window + 1):
                for at in (pos - d, pos + k - 1 + d):
                    ok = (at >= 0) & (at < len(seq))
                    at, base = at[ok], pos[ok]
                    at = at[owner[at] == owner[base]]
                    if len(at):
                        hits.append(seq[at])
        if not hits:
            return _Window(summary, key, _EMPTY, _EMPTY, nodes)
        terms, counts = np.unique(np.concatenate(hits), return_counts=True)
        return _Window(summary, key, terms.astype(np.int64), counts.astype(np.int64), nodes)

    def _add(self, part: _Window, sign: int) -> None:
        if len(part.terms):
            self._grow(int(part.terms.max()) + 1)
            self.observed[part.terms] += sign * part.observed
        self.nodes += sign * part.nodes

    def update(self, selected: np.ndarray | None, cancelled: Cancelled | None = None) -> np.ndarray | None:
        """As :meth:`Tally.update`: the term ids whose count around the node may have changed."""
        touched = self.pending
        seen: set[int] = set()
        for cid, summary in termstats.chunks():
            seen.add(cid)
            old = self.parts.get(cid)
            mask = mask_of(summary.articles, selected)
            key = _key(mask)
            if old is not None and old.summary is summary and old.key == key:
                continue
            if cancelled is not None and cancelled():
                return None
            new = self._count(cid, summary, mask, key)
            if old is not None:
                self._add(old, -1)
                touched.append(old.terms)
            self._add(new, 1)
            touched.append(new.terms)
            self.parts[cid] = new
        for cid in [c for c in self.parts if c not in seen]:
            old = self.parts.pop(cid)
            self._add(old, -1)
            touched.append(old.terms)
        self._grow(len(termstats.vocabulary()))
        self.pending = []
        return np.unique(np.concatenate(touched)) if touched else _EMPTY


class _Masks:
    """The vocabulary's word and number masks, extended for the terms added since (the
    vocabulary's own masks are made again from every term when it grows)."""

    def __init__(self) -> None:
        self.vocab: object = None
        self.words = np.zeros(0, dtype=bool)
        self.numbers = np.zeros(0, dtype=bool)

    def get(self) -> tuple[np.ndarray, np.ndarray]:
        from reader.analysis.terms import _NUMBER

        vocab = termstats.vocabulary()
        if vocab is not self.vocab:
            self.vocab, self.words, self.numbers = vocab, np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        have, size = len(self.words), len(vocab)
        if size > have:
            kinds, texts = vocab.kinds[have:size], vocab.texts[have:size]
            self.words = np.concatenate([self.words, np.array([k == "" for k in kinds], dtype=bool)])
            self.numbers = np.concatenate([self.numbers, np.array([bool(_NUMBER.match(t)) for t in texts], dtype=bool)])
        return self.words, self.numbers


_MASKS = _Masks()


def vocabulary_masks() -> tuple[np.ndarray, np.ndarray]:
    """(words, numbers): masks over the term ids of the current vocabulary (see :class:`_Masks`)."""
    return _MASKS.get()


__all__ = ["Around", "Tally", "mask_of", "selection", "vocabulary_masks"]
