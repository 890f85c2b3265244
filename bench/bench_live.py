"""How soon another coder's write reaches an open window on a server corpus (issue 17).

    python bench/bench_live.py [--writes 100] [--server URI-of-an-empty-database]

The seeds are ingested into a server corpus (a throw-away cluster on a free local port, see
``tests/pg_cluster.py``, unless ``--server``); :func:`reader.store.live_follow.follow` listens on a
thread as the window's listener does, while another session (a connection of its own, as another
coder's machine) writes: an annotation's note, an article's reading state, a new tag, one at a
time.  Printed: the time from that session's ``COMMIT`` returning to the ``Change`` being handed
over (p50, p95, max), how many changes arrived, and how many of this process's own writes were
wrongly handed over (should be 0), with the CPU time and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=100)
    parser.add_argument("--server", help="URI of an empty database (default: a throw-away cluster)")
    args = parser.parse_args(argv)
    cluster = None
    try:
        uri = args.server
        if uri is None:
            import pg_cluster

            bindir = pg_cluster.find_bindir()
            if bindir is None:
                print("no PostgreSQL server binaries (apt-get install postgresql)", file=sys.stderr)
                return 1
            cluster = pg_cluster.Cluster(bindir)
            uri = cluster.new_database()
        import psycopg2

        from reader.corpus import Corpus
        from reader.store.live_follow import follow
        from reader.store.postgres import init_server

        init_server(uri)
        corpus = Corpus(uri)
        corpus.ingest([ROOT / "seeds"])
        article = corpus.articles()[0].id
        ann = corpus.annotate(article, 0, 2, tags=["基准"], note="0")
        got: list[tuple[float, object]] = []
        arrived = threading.Event()
        stop = threading.Event()

        def take(batch: list) -> None:  # type: ignore[type-arg]
            now = time.perf_counter()
            got.extend((now, c) for c in batch)
            arrived.set()

        live: list[str] = []
        thread = threading.Thread(target=follow, args=(uri, take, stop.is_set),
                                  kwargs={"is_own": lambda pid: pid in corpus.db.backend_pids,
                                          "on_state": lambda s, r: live.append(s)}, daemon=True)
        thread.start()
        while live[-1:] != ["live"]:
            time.sleep(0.01)
        own_before = len(got)
        corpus.set_article_state(article, "starred")  # this process's own writes: never handed over
        corpus.update_annotation(ann.id, note="own")
        time.sleep(1.0)
        own_echoed = len(got) - own_before
        other = psycopg2.connect(uri)
        cursor = other.cursor()
        delays: list[float] = []
        cpu0 = time.process_time()
        for n in range(args.writes):
            arrived.clear()
            kind = n % 3
            if kind == 0:
                cursor.execute('UPDATE "annotation" SET "note" = %s WHERE "id" = %s', (f"note {n}", ann.id))
            elif kind == 1:
                cursor.execute('UPDATE "article" SET "state" = %s WHERE "id" = %s',
                               ("read" if n % 2 else "unread", article))
            else:
                cursor.execute('INSERT INTO "tag" ("name", "color", "description", "created") VALUES (%s, %s, %s, now())',
                               (f"tag {n}", "#4e79a7", ""))
            other.commit()
            committed = time.perf_counter()
            if not arrived.wait(5):
                print(f"write {n}: nothing arrived in 5 s", file=sys.stderr)
                continue
            delays.append(got[-1][0] - committed)
        cpu = time.process_time() - cpu0
        other.close()
        stop.set()
        thread.join(5)
        corpus.close()
        delays.sort()
        p95 = delays[max(0, int(round(0.95 * len(delays))) - 1)] if delays else float("nan")
        print(f"writes by another session: {args.writes}, changes handed over: {len(delays)}")
        print(f"commit -> Change: p50 {statistics.median(delays) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
              f"max {delays[-1] * 1000:.1f} ms")
        print(f"this process's own writes handed over: {own_echoed} (of 2)")
        print(f"CPU time of this process during the writes: {cpu:.2f} s; load average {os.getloadavg()[0]:.1f}")
        return 0
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
