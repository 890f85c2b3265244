"""Following other coders' writes to a server corpus, for an open window (issue 17).

:func:`follow` listens for the notices of :mod:`reader.store.live` on a connection of its own
until ``cancelled()``, and hands over the changes that other sessions made as
:class:`reader.changes.Change` values, the same vocabulary a write in this process returns, so
a window re-broadcasts them to its views as it does its own.  Notices sent by this process's
own sessions (``is_own(pid)``, e.g. ``pid in corpus.db.backend_pids``) are left out: their
``Change`` was broadcast when the write returned.  Notices that come within ``settle``
seconds of each other make one batch (a bulk write refreshes a view once, not row by row).
A lost connection (the server restarted, the network dropped) is reported through
``on_state("lost", reason)`` and tried again every ``retry`` seconds; once back
(``on_state("live", "")``), one change of every kind with no ids is handed over, since notices
sent meanwhile are gone: the views read everything again (and the recogniser is made again, in
case the retrained model changed meanwhile).  ``Change("model")`` says another coder retrained
the corpus's model or reverted it (:mod:`reader.store.server_model`): the window drops its
recogniser (:meth:`reader.corpus.Corpus.forget_recognizer`), so the next recognition uses the
model now stored.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any

from reader.changes import Change
from reader.store.live import CHANNEL, Notice, changes

EVERYTHING = (Change("articles"), Change("annotations"), Change("tags"), Change("entities"), Change("model"))


def follow(uri: str, emit: Callable[[list[Change]], None], cancelled: Callable[[], bool],
           is_own: Callable[[int], bool] = lambda pid: False,
           on_state: Callable[[str, str], None] | None = None,
           interval: float = 0.1, settle: float = 0.05, retry: float = 2.0) -> None:
    """Hand over other sessions' changes to the corpus at ``uri`` until ``cancelled()``
    (see the module's doc); returns within ``interval`` seconds of being cancelled."""
    import psycopg2

    state = on_state or (lambda name, reason: None)
    lost = False
    while not cancelled():
        try:
            con = psycopg2.connect(uri, connect_timeout=10)
        except psycopg2.Error as exc:
            state("lost", str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
            lost = True
            _sleep(retry, cancelled)
            continue
        try:
            con.autocommit = True
            con.cursor().execute(f"LISTEN {CHANNEL}")
            state("live", "")
            if lost:
                emit(list(EVERYTHING))
                lost = False
            _listen(con, emit, cancelled, is_own, interval, settle)
        except psycopg2.Error as exc:  # the connection broke: listen again when it can
            state("lost", str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
            lost = True
            _sleep(retry, cancelled)
        finally:
            con.close()


def _listen(con: Any, emit: Callable[[list[Change]], None], cancelled: Callable[[], bool],
            is_own: Callable[[int], bool], interval: float, settle: float) -> None:
    batch: list[Notice] = []
    while not cancelled():
        ready = select.select([con], [], [], settle if batch else interval) != ([], [], [])
        if ready:
            con.poll()
            batch += [Notice.parse(n.payload) for n in con.notifies if n.channel == CHANNEL and not is_own(n.pid)]
            con.notifies.clear()
            continue
        if batch:
            emit(changes(batch))
            batch = []
        elif con.closed:
            raise _closed()


def _closed() -> Exception:
    import psycopg2

    return psycopg2.OperationalError("the connection was closed")


def _sleep(seconds: float, cancelled: Callable[[], bool]) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not cancelled():
        time.sleep(0.05)
