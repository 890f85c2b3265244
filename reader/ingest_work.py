"""The CPU side of ingest: parse a page and recognise its articles' entities, in this process
or in a pool of worker processes fed one file at a time.

:func:`work` is a pure function of a :class:`Job` (no database), so it runs the same inline and
in a worker.  :class:`Pool` keeps at most ``2 * jobs`` files in flight and hands results back in
file order, so the one writer in the main process stores pages in the order they were given.
Workers are forked where that is safe (see :func:`start_method`), else spawned (beside Qt's
threads), and build their own recogniser with the corpus's corrections from the picklable
``factory``; when the pool breaks (a worker
killed, or a host program from which workers cannot start) the remaining files are done here.  the parse mode is passed to
:func:`reader.text.pages.parse_page` unchanged (e.g. a parse mode).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from reader.store.query import index_tokens
from reader.text.article import compose

Recognize = Callable[[str], list]
EntityRow = tuple[int, int, str, str, str]  # start, end, type, text, origin


@dataclass(frozen=True)
class Job:
    """One file to parse: its decoded text and name, and the parse mode
    (:func:`reader.text.files.parse_file`: ``auto``, ``article`` or ``page``)."""

    index: int
    text: str
    name: str
    mode: str = "auto"


@dataclass(frozen=True)
class ParsedArticle:
    """An article ready to store: its row fields, entities and index tokens; from a worker
    also the rest of the per-article CPU work, so that the one writer only writes: the text
    as a file stores it (``stored``, :func:`reader.store.packed_text.pack`), its words for the
    term statistics (``words``, joined by ``\x1f``) and its reprint signature (``signature``,
    ``b""`` when too short; None: not computed)."""

    fields: dict[str, object]
    entities: list[EntityRow]
    tokens: str
    stored: str | bytes | None = None
    words: str | None = None
    signature: bytes | None = None


@dataclass(frozen=True)
class Result:
    index: int
    articles: list[ParsedArticle] | None = None
    error: str = ""  # "ExceptionType: message" when parsing or recognition failed
    chars: int = 0


# Keys of ``Article.to_json()`` that the row holds already (as columns, or in ``text`` +
# ``segments``); ``structure`` keeps only the rest, so no text is stored twice.
DERIVED_KEYS = frozenset({"source", "title", "display_title", "title_derived", "subtitle", "kicker", "column",
                          "authors", "photographers", "dateline", "body", "captions", "notes", "position"})


def article_fields(art: Any) -> dict[str, object]:
    """The ``Article`` row fields of a parsed article."""
    text, segments = compose(art)
    structure = {k: v for k, v in art.to_json().items() if k not in DERIVED_KEYS}
    return {
        "position": art.position, "title": art.title, "display_title": art.shown_title(),
        "title_derived": not art.title, "subtitle": art.subtitle, "kicker": art.kicker,
        "column": art.column, "authors": list(art.authors), "photographers": list(art.photographers),
        "dateline": art.dateline, "structure": structure, "text": text,
        "segments": [[s.kind, s.start, s.end] for s in segments], "chars": len(text),
    }


def work(job: Job, recognize: Recognize | None) -> Result:
    """Parse ``job`` and recognise every article (never raises: errors come back in the result)."""
    from reader.analysis.reprints import signature
    from reader.analysis.terms import WORD_SEPARATOR, words_of
    from reader.store.packed_text import pack
    from reader.text.files import parse_file

    try:
        parsed = parse_file(job.text, job.name, job.mode)
        out = []
        for art in parsed:
            fields = article_fields(art)
            text = str(fields["text"])
            found = recognize(text) if recognize is not None else []
            rows = [(e.start, e.end, e.type, e.text, getattr(e, "source", "rule")) for e in found]
            sig = signature(text)
            out.append(ParsedArticle(fields, rows, index_tokens(text), pack(text), WORD_SEPARATOR.join(words_of(text)),
                                     b"" if sig is None else sig.tobytes()))
    except Exception as exc:  # a parser or recogniser bug must not stop a batch
        return Result(job.index, None, f"{type(exc).__name__}: {exc}")
    return Result(job.index, out, chars=len(job.text))


_WORKER_RECOGNIZE: Recognize | None = None


def _init_worker(factory: Callable[[], Recognize | None] | None) -> None:
    global _WORKER_RECOGNIZE
    _WORKER_RECOGNIZE = factory() if factory is not None else None


def _work_in_worker(job: Job) -> Result:
    return work(job, _WORKER_RECOGNIZE)


def make_recognizer(user_entries: list[tuple[str, str]], rejected: list[tuple[str, str | None]],
                    model: bool | str = True) -> Recognize:
    """A recogniser with a corpus's corrections and model (``True``: the shipped one; a path: a
    model retrained from the corrections), picklable through ``functools.partial``."""
    from reader.text.entities import Recognizer

    return Recognizer(user_entries=user_entries, rejected=rejected, model=model).recognize


def start_method() -> str:
    """``fork`` where it is safe and cheap (Linux, a process with no other thread: the CLI), so
    workers start at once with the dictionaries already loaded; else ``spawn`` (beside Qt's
    threads, a fork could copy a held lock)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


class Pool:
    """Runs :func:`work` inline (``jobs`` 1) or in ``jobs`` worker processes; results in order."""

    def __init__(self, jobs: int, recognize: Recognize | None,
                 factory: Callable[[], Recognize | None] | None) -> None:
        self.jobs = max(1, jobs)
        self.recognize = recognize
        self._executor: ProcessPoolExecutor | None = None
        if self.jobs > 1:
            method = start_method()
            if method == "fork" and recognize is not None:
                recognize("预热长沙")  # load the dictionaries once here; forked workers share them
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                initializer=_init_worker, initargs=(factory,))

    def map(self, jobs: Iterator[Job | Result]) -> Iterator[Result]:
        """Results for ``jobs`` in order; a ``Result`` in the input (a file that needs no work)
        passes straight through, keeping its place."""
        if self._executor is None:
            for job in jobs:
                yield job if isinstance(job, Result) else work(job, self.recognize)
            return
        pending: deque[tuple[Job | Result, Future[Result] | None]] = deque()
        limit = 2 * self.jobs
        for job in jobs:
            future = None
            if not isinstance(job, Result) and self._executor is not None:
                try:
                    future = self._executor.submit(_work_in_worker, job)
                except BrokenProcessPool:
                    self.close(wait=False)
            pending.append((job, future))
            while len(pending) > limit or (pending and pending[0][1] is None):
                yield self._take(*pending.popleft())
        while pending:
            yield self._take(*pending.popleft())

    def _take(self, job: Job | Result, future: Future[Result] | None) -> Result:
        """The result of ``job``: its worker's, or computed here when there is no worker or the
        pool broke (a worker killed, or a host program that cannot start workers)."""
        if isinstance(job, Result):
            return job
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self.close(wait=False)
        return work(job, self.recognize)

    def close(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None
