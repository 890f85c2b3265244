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


def test_another_sessions_entity_changes_arrive_once_per_article(server_corpus, follower) -> None:  # type: ignore[no-untyped-def]
    import psycopg2

    articles = [a.id for a in server_corpus.articles()[:2]]
    assert all(server_corpus.entities(a) for a in articles)
    other = psycopg2.connect(server_corpus.db.uri)  # another coder re-recognising two articles
    try:
        cur = other.cursor()
        cur.execute('DELETE FROM "entity_pack" WHERE "article_id" = ANY(%s)', (articles,))
        other.commit()
    finally:
        other.close()
    follower.wait(lambda: any(c.kind == "entities" and set(articles) <= set(c.article_ids) for c in follower.got))
    spans = [c for c in follower.got if c.kind == "entities"]
    assert sum(len(c.article_ids) for c in spans) == 2, "one notice per article, not one per mention"


def test_another_coders_occurrence_fix_arrives_and_this_processs_own_does_not(server_corpus, follower) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    from reader.coding import occurrences

    first, second = (a.id for a in server_corpus.articles()[:2])
    mine = server_corpus.entities(first)[0]
    occurrences.drop_span(server_corpus, first, mine.start, mine.end, mine.type)  # this process's session
    time.sleep(0.5)
    assert [c for c in follower.got if c.kind == "entities"] == []
    theirs = server_corpus.entities(second)[0]
    done = subprocess.run([sys.executable, "-m", "reader", "--db", server_corpus.db.uri, "--coder", "乙", "entity", "drop",
                           str(second), str(theirs.start), str(theirs.end)],
                          capture_output=True, text=True, cwd=Path(__file__).parents[2], timeout=120)
    assert done.returncode == 0, done.stderr
    follower.wait(lambda: any(c.kind == "entities" and second in c.article_ids for c in follower.got))
    assert not any(first in c.article_ids for c in follower.got if c.kind == "entities")


def test_another_sessions_document_variables_and_phrase_lists_arrive(server_corpus, follower) -> None:  # type: ignore[no-untyped-def]
    import psycopg2

    article = server_corpus.articles()[0].id
    other = psycopg2.connect(server_corpus.db.uri)
    try:
        cur = other.cursor()
        cur.execute('INSERT INTO "article_variable" ("article_id", "name", "value") VALUES (%s, %s, %s), (%s, %s, %s)',
                    (article, "region", "娄底", article, "genre", "评论"))
        cur.execute('INSERT INTO "phrase_list" ("name", "description", "created") VALUES (%s, %s, now())', ("提法", ""))
        other.commit()
    finally:
        other.close()
    follower.wait(lambda: any(c.kind == "articles" and article in c.article_ids for c in follower.got)
                  and any(c.kind == "phrases" for c in follower.got))
