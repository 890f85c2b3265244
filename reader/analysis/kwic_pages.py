"""Sorted concordance pages without rescanning: the first page of a concordance sorted by a
context scans every line once (streamed, cancellable: :func:`reader.store.kwic.iter_kwic`),
keeps only each line's place — (article, start, end) as three int arrays, 12 bytes a line — in
the sorted order, and cuts every later page out of that order, reading the texts of the page's
articles only.

The order is kept per request (query, options, SPEC, key, direction) for the last few requests
of this process and database; a first page (``offset == 0``) always scans afresh, so a rerun
after a change sees the corpus as it is now.  A scan stopped early (cancelled or out of time)
is not kept.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

import numpy as np

from reader.store.kwic import KWIC_ORDERS, KwicLine, iter_kwic, kwic_line
from reader.store.models import database
from reader.store.scan import DEFAULT_TIMEOUT

KEEP = 4  # sorted orders kept (one per recent request)
_LOCK = threading.Lock()
_ORDERS: OrderedDict[Hashable, SortedLines] = OrderedDict()


@dataclass(frozen=True)
class SortedLines:
    """Where each line of a sorted concordance is, in the sorted order."""

    articles: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    width: int

    def __len__(self) -> int:
        return len(self.articles)

    def page(self, offset: int, limit: int) -> list[KwicLine]:
        """Lines ``offset`` to ``offset + limit`` in the sorted order (texts read for those only)."""
        from reader.store.search import _texts

        end = min(len(self), offset + max(limit, 0))
        if offset >= end:
            return []
        articles = self.articles[offset:end].tolist()
        texts = _texts(sorted(set(articles)))
        out = []
        for article_id, start, stop in zip(articles, self.starts[offset:end].tolist(), self.ends[offset:end].tolist()):
            title, text = texts.get(article_id, ("", ""))
            if 0 <= start < stop <= len(text):
                out.append(kwic_line(article_id, text, start, stop, self.width, title))
        return out


def _key(query: str, by: str, descending: bool, spec: object, options: dict[str, object]) -> Hashable:
    def frozen(value: object) -> Hashable:
        if isinstance(value, (list, tuple, set, frozenset)):
            return tuple(frozen(v) for v in value)
        return value if isinstance(value, Hashable) else repr(value)

    kept = tuple(sorted((k, frozen(v)) for k, v in options.items() if k not in ("cancelled", "timeout")))
    return (str(database.obj.database) if database.obj is not None else "", query, by, descending, repr(spec), kept)


def sort_lines(lines: Iterator[KwicLine], by: str, descending: bool, width: int) -> SortedLines:
    """The places of ``lines`` in the order of context ``by`` (ties in document order)."""
    key = KWIC_ORDERS[by]
    keyed = [(key(k), k.article_id, k.start, k.end) for k in lines]
    keyed.sort(key=lambda t: t[0], reverse=descending)  # stable either way: ties in document order
    articles = np.fromiter((t[1] for t in keyed), dtype=np.int64, count=len(keyed))
    starts = np.fromiter((t[2] for t in keyed), dtype=np.int64, count=len(keyed))
    ends = np.fromiter((t[3] for t in keyed), dtype=np.int64, count=len(keyed))
    return SortedLines(articles, starts, ends, width)


def sorted_page(spec: object, query: str, by: str = "right", *, descending: bool = False, offset: int = 0,
                limit: int = 500, cancelled: Callable[[], bool] | None = None,
                progress: Callable[[int, int, str], None] | None = None, **options: object) -> list[KwicLine]:
    """Lines ``offset`` to ``offset + limit`` of the concordance of ``query`` sorted ``by`` a
    context (:data:`reader.store.kwic.KWIC_ORDERS`), restricted to the articles a filter SPEC
    selects.  A first page scans (stopping when ``cancelled()``); later pages of the same
    request reuse its order.  ``progress(lines, lines, "")`` is called once the order is made."""
    from reader.analysis.spec import FilterSpec, select_ids

    if by not in KWIC_ORDERS:
        raise ValueError(f"unknown concordance order {by!r}")
    key = _key(query, by, descending, spec, options)
    if offset > 0:
        with _LOCK:
            found = _ORDERS.get(key)
            if found is not None:
                _ORDERS.move_to_end(key)
        if found is not None:
            return found.page(offset, limit)
    keep = set(select_ids(spec)) if isinstance(spec, FilterSpec) and not spec.is_empty() else None
    began = time.monotonic()
    lines = iter_kwic(query, cancelled=cancelled, **options)  # type: ignore[arg-type]
    if keep is not None:
        lines = (k for k in lines if k.article_id in keep)
    width = int(options.get("width", 20))  # type: ignore[call-overload]
    order = sort_lines(lines, by, descending, width)
    if progress is not None:
        progress(len(order), len(order), "")
    timeout = options.get("timeout", DEFAULT_TIMEOUT)
    complete = not (cancelled is not None and cancelled()) and not (
        isinstance(timeout, (int, float)) and time.monotonic() - began >= 0.95 * timeout)
    if complete:
        with _LOCK:
            _ORDERS[key] = order
            _ORDERS.move_to_end(key)
            while len(_ORDERS) > KEEP:
                _ORDERS.popitem(last=False)
    return order.page(offset, limit)


def forget() -> None:
    """Drop every kept order (tests; a corpus closed)."""
    with _LOCK:
        _ORDERS.clear()


__all__ = ["SortedLines", "forget", "sort_lines", "sorted_page"]
