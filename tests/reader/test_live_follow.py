"""Following other sessions' writes (reader/store/live_follow.py) on the throw-away cluster:
another session's write arrives as Change values, this process's own sessions' writes do not,
and a listener whose connection is cut comes back and asks the views to read everything."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from reader.changes import Change
from reader.store.live_follow import EVERYTHING, follow


class Follower:
    def __init__(self, uri: str, own: set[int]) -> None:
        self.got: list[Change] = []
        self.states: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=follow, args=(uri, self.got.extend, self.stop.is_set),
                                       kwargs={"is_own": lambda pid: pid in own, "retry": 0.2,
                                               "on_state": lambda s, r: self.states.append(s)}, daemon=True)
        self.thread.start()
        self.wait(lambda: self.states[-1:] == ["live"])

    @staticmethod
    def wait(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < end, "timed out"
            time.sleep(0.02)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        assert not self.thread.is_alive()


@pytest.fixture
def follower(server_corpus) -> Iterator[Follower]:  # type: ignore[no-untyped-def]
    f = Follower(server_corpus.db.uri, server_corpus.db.backend_pids)
    yield f
    f.close()


def test_other_sessions_writes_arrive_and_this_processs_own_do_not(server_corpus, follower) -> None:  # type: ignore[no-untyped-def]
    import psycopg2

    article = server_corpus.articles()[0].id
    server_corpus.annotate(article, 0, 2, tags=["自己"])  # this process's session
    time.sleep(0.5)
    assert follower.got == []
    other = psycopg2.connect(server_corpus.db.uri)  # another coder's session
    try:
        other.cursor().execute('UPDATE "article" SET "state" = %s WHERE "id" = %s', ("starred", article))
        other.commit()
    finally:
        other.close()
    follower.wait(lambda: any(c.kind == "articles" and article in c.article_ids for c in follower.got))


def test_a_cut_connection_is_listened_again_and_everything_is_read_again(pg_cluster, server_corpus, follower) -> None:  # type: ignore[no-untyped-def]
    name = server_corpus.db.uri.rsplit("/", 1)[1]
    pg_cluster.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "
                     "AND query LIKE 'LISTEN%'")
    follower.wait(lambda: "lost" in follower.states and follower.states[-1] == "live")
    follower.wait(lambda: follower.got[-len(EVERYTHING):] == list(EVERYTHING))
