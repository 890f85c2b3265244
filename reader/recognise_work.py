"""Recognising stored articles again in worker processes (after a corpus-wide correction, a
retrain or a model revert), the calling process the one writer.

:func:`recognise` takes ``(article id, text)`` pairs and yields ``(article id, entities)`` in the
same order.  With ``jobs`` ≥ 1 the recognition runs in that many worker processes (forked where
that is safe, else spawned beside the GUI's threads; :func:`reader.ingest_work.start_method`),
each with the recogniser ``factory()`` builds (the corpus's corrections and model, picklable as
for ingest), fed :data:`BATCH` articles at a time with at most ``2 * jobs`` batches in flight, so
memory stays flat; with ``jobs`` 0 it runs here.  ``cancelled()`` is asked between articles:
the batches not started are dropped and the pool is shut down before it returns.  When the pool
breaks (a worker killed, or a host that cannot start workers) the rest is done here.

:meth:`reader.corpus.Corpus.recompute_entities` uses it for :data:`WORKER_MIN` articles or more
(fewer are quicker here than a worker's start), storing each result as it comes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from reader.ingest_work import Recognize, start_method
from reader.records import EntityRecord

BATCH = 16
WORKER_MIN = 150  # articles from which a corpus-wide run goes to worker processes
JOBS_ENV = "PIZHU_RECOGNISE_JOBS"  # worker processes for recognising again (0: in this process)

Found = tuple[int, list[Any]]  # article id, entities (EntityRecord-like, with ``source``)

_WORKER: Recognize | None = None


def _init(factory: Callable[[], Recognize]) -> None:
    global _WORKER
    _WORKER = factory()


def _batch(items: list[tuple[int, str]]) -> tuple[int, list[tuple[int, list[tuple[int, int, str, str, str]]]]]:
    """Recognise a batch in a worker: plain tuples go back (cheap to pickle)."""
    assert _WORKER is not None
    return os.getpid(), [(aid, [(e.start, e.end, e.type, e.text, getattr(e, "source", "rule")) for e in _WORKER(text)])
                         for aid, text in items]


def default_jobs(count: int) -> int:
    """Worker processes for recognising ``count`` articles again: ``$PIZHU_RECOGNISE_JOBS`` if
    set, else none below :data:`WORKER_MIN` articles and one per core (at least one) above."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value.isdigit():
        return int(value)
    if count < WORKER_MIN:
        return 0
    return max(1, min(os.cpu_count() or 1, count // WORKER_MIN))


class Recognition:
    """One run of :func:`recognise`; ``worker_pids`` are the processes that did the work (none:
    it ran in this process) — for tests and reports."""

    def __init__(self, factory: Callable[[], Recognize], jobs: int, inline: Recognize | None = None) -> None:
        self.factory, self.jobs, self._inline = factory, max(0, jobs), inline
        self.worker_pids: set[int] = set()
        self._executor: ProcessPoolExecutor | None = None

    def here(self) -> Recognize:
        if self._inline is None:
            self._inline = self.factory()
        return self._inline

    def run(self, items: Iterable[tuple[int, str]], cancelled: Callable[[], bool] | None = None) -> Iterator[Found]:
        if self.jobs == 0:
            for aid, text in items:
                if cancelled is not None and cancelled():
                    return
                yield aid, self.here()(text)
            return
        method = start_method()
        if method == "fork":
            self.here()("预热长沙")  # load the dictionaries and model here once; forked workers share them
        self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                                             initializer=_init, initargs=(self.factory,))
        try:
            yield from self._pooled(items, cancelled)
        finally:
            self.close()

    def _pooled(self, items: Iterable[tuple[int, str]], cancelled: Callable[[], bool] | None) -> Iterator[Found]:
        pending: deque[tuple[list[tuple[int, str]], Future | None]] = deque()
        source = iter(items)

        def fill() -> None:
            while len(pending) < 2 * self.jobs:
                batch = [pair for _, pair in zip(range(BATCH), source)]
                if not batch:
                    return
                future = None
                if self._executor is not None:
                    try:
                        future = self._executor.submit(_batch, batch)
                    except BrokenProcessPool:
                        self.close()
                pending.append((batch, future))

        fill()
        while pending:
            if cancelled is not None and cancelled():
                return
            batch, future = pending.popleft()
            for found in self._take(batch, future, cancelled):
                yield found
                if cancelled is not None and cancelled():
                    return
            fill()

    def _take(self, batch: list[tuple[int, str]], future: Future | None,
              cancelled: Callable[[], bool] | None) -> Iterator[Found]:
        if future is not None:
            try:
                pid, found = future.result()
                self.worker_pids.add(pid)
                for aid, rows in found:
                    yield aid, [EntityRecord(*row) for row in rows]
                return
            except BrokenProcessPool:
                self.close()
        for aid, text in batch:  # no worker (the pool broke): here
            if cancelled is not None and cancelled():
                return
            yield aid, self.here()(text)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


__all__ = ["BATCH", "JOBS_ENV", "Recognition", "WORKER_MIN", "default_jobs"]
