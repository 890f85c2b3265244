"""Scanning article texts (regular expressions, queries the index cannot narrow): streamed,
time-bounded and cancellable.

Patterns run on the ``regex`` engine (compatible with Python ``re`` syntax; it lets go of the GIL
while it matches, so a GUI thread stays responsive) with a timeout on
every call, so a catastrophic pattern such as ``(a|aa)+$`` stops at the budget instead of
freezing the caller; cancellation is checked between articles.  :class:`Budget` carries the
deadline and the cancel callable; when a scan stops early it says why in ``Budget.stopped``
(``timeout`` or ``cancelled``) and the results so far stay valid.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex as _regex
from peewee import SQL, Expression

from reader.store.models import Article
from reader.store.query import SearchError, Span

# One call on one article longer than this is a pathological pattern, not a slow corpus.
PER_TEXT_LIMIT = 2.0
DEFAULT_TIMEOUT = 30.0

Test = Callable[[str], "list[Span] | None"]


@dataclass
class Budget:
    """How long a scan may run (``timeout`` seconds from creation; None: no limit) and
    ``cancelled()`` to poll; ``stopped`` is set when the scan ends early."""

    timeout: float | None = DEFAULT_TIMEOUT
    cancelled: Callable[[], bool] | None = None
    stopped: str = ""
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float | None:
        if self.timeout is None:
            return None
        return self.timeout - (time.monotonic() - self.started)

    def call_limit(self) -> float:
        left = self.remaining()
        return PER_TEXT_LIMIT if left is None else max(0.001, min(PER_TEXT_LIMIT, left))

    def should_stop(self) -> bool:
        if self.stopped:
            return True
        if self.cancelled is not None and self.cancelled():
            self.stopped = "cancelled"
        else:
            left = self.remaining()
            if left is not None and left <= 0:
                self.stopped = "timeout"
        return bool(self.stopped)


def compile_pattern(pattern: str) -> _regex.Pattern[str]:
    """Compile a user's pattern or raise :class:`SearchError` (``bad-regex``)."""
    try:
        return _regex.compile(pattern)
    except (_regex.error, ValueError, OverflowError) as exc:
        raise SearchError("bad-regex", f"bad regular expression: {exc}") from exc


def regex_test(pattern: str, budget: Budget) -> Test:
    """A test giving the non-empty matches of ``pattern`` in a text (None when none), each call
    bounded by the budget; a call that runs out of time marks the budget ``timeout``."""
    compiled = compile_pattern(pattern)

    def test(text: str) -> list[Span] | None:
        try:
            found = compiled.finditer(text, concurrent=True, timeout=budget.call_limit())
            spans = [m.span() for m in found if m.end() > m.start()]
        except TimeoutError:
            budget.stopped = "timeout"
            return None
        return spans or None

    return test


def scan(cond: Expression, test: Test, budget: Budget | None = None,
         ids: list[int] | None = None, plain: bool = False) -> Iterator[tuple[int, str, str, list[Span]]]:
    """Yield ``(id, title, text, hits)`` in id order for the articles meeting ``cond`` (and in
    ``ids`` when given) whose text passes ``test``, until the budget says stop.  ``plain``: the
    condition is cheap per row (no subqueries), so windows walk the table by id directly."""
    budget = budget or Budget(timeout=None)
    for rows in (_plain_windows(cond) if plain and ids is None else _id_windows(cond, ids)):
        for article_id, title, text in rows:
            if budget.should_stop():
                return
            hits = test(text)
            if budget.stopped:
                return
            if hits is not None:
                yield article_id, title, text, hits


def _plain_windows(cond: Expression) -> Iterator[list[tuple[int, str, str]]]:
    last = 0
    while True:  # NOT INDEXED: by rowid, never over the list index (which would sort each time)
        rows = list(Article.select(Article.id, Article.display_title, Article.text)
                    .from_(SQL('"article" AS "t1" NOT INDEXED')).where(cond & (Article.id > last))
                    .order_by(Article.id).limit(200).tuples())
        if not rows:
            return
        last = rows[-1][0]
        yield rows


def _id_windows(cond: Expression, ids: list[int] | None) -> Iterator[list[tuple[int, str, str]]]:
    wanted = Article.select(Article.id).where(cond)
    if ids is not None:
        if not ids:
            return
        wanted = wanted.where(Article.id.in_(ids))
    every = [i for (i,) in wanted.order_by(Article.id).tuples()]  # the filter once, then by id
    for start in range(0, len(every), 200):
        chunk = every[start:start + 200]
        yield list(Article.select(Article.id, Article.display_title, Article.text)
                   .where(Article.id.in_(chunk)).order_by(Article.id).tuples())
