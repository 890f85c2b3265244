"""The same corpus on a file and on a PostgreSQL server, side by side (issue 17).

    python bench/bench_scale.py ... / python bench/make_corpus.py --articles 10000   # a corpus, once
    python bench/bench_server.py [--source CACHE/corpus-10000/corpus.sqlite3] [--server URI]

The source file corpus is copied to a temporary file first (opening migrates it; the original
is never touched), then into an empty server database with ``copy`` (timed), and the two are
measured with the probes of ``bench/bench_scale.py``: search (its 22 typical queries, first page
of 50 and the exact total, p50/p95), article open (record + entities + annotations + mark read),
and export gather (every article with its annotations through ``iter_export_rows``).  Also
printed: how many articles are past the limits of a ``tsvector`` (scanned by every search, see
``reader/store/postgres.py``).  Without ``--server`` a throw-away cluster is started on a free
local port (``tests/pg_cluster.py``) and stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_scale import measure_open, measure_search  # noqa: E402


def export_gather() -> dict[str, float]:
    from reader.store.export_rows import iter_export_rows

    t0 = time.perf_counter()
    n = sum(len(batch.articles) for batch in iter_export_rows())
    return {"articles": n, "s": round(time.perf_counter() - t0, 2)}


def measure(db: str) -> dict[str, object]:
    from reader.corpus import Corpus

    corpus = Corpus(db)
    out: dict[str, object] = {"search": measure_search(), "open": measure_open(corpus), "export": export_gather()}
    corpus.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/work/cache/pizhu/corpus-10000/corpus.sqlite3")
    parser.add_argument("--server", help="URI of an empty database (default: a throw-away cluster)")
    args = parser.parse_args(argv)
    source = Path(args.source)
    if not source.exists():
        print(f"no corpus at {source}: make one with bench/make_corpus.py", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="pizhu-bench-server-"))
    cluster = None
    try:
        local = work / "corpus.sqlite3"
        shutil.copyfile(source, local)
        uri = args.server
        if uri is None:
            import pg_cluster

            bindir = pg_cluster.find_bindir()
            if bindir is None:
                print("no PostgreSQL binaries: apt-get install postgresql, or pass --server", file=sys.stderr)
                return 1
            cluster = pg_cluster.Cluster(bindir)
            uri = cluster.new_database()
        from reader.store.copying import copy_corpus

        t0 = time.perf_counter()
        report = copy_corpus(local, uri)
        copy_s = time.perf_counter() - t0
        from reader.store.postgres import connect

        db = connect(uri)
        scanned = db.execute_sql('SELECT COUNT(*) FROM "article_index_queue" WHERE "too_long" = 1').fetchone()[0]
        size = db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
        db.close()
        print(f"corpus: {report.articles} articles, {report.annotations} annotations, {report.entities} mentions; "
              f"copy file -> server {copy_s:.1f} s; {scanned} article(s) past the tsvector limits (scanned); "
              f"server database {size / 1e6:.0f} MB, file {local.stat().st_size / 1e6:.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f}")
        results = {"file": measure(str(local)), "server": measure(uri)}
        print(f"{'':28}{'file':>12}{'server':>12}")
        rows = [("search p50 ms", "search", "p50_ms"), ("search p95 ms", "search", "p95_ms"),
                ("search max ms", "search", "max_ms"), ("open first p50 ms", "open", "first_p50_ms"),
                ("open first p95 ms", "open", "first_p95_ms"), ("re-open p50 ms", "open", "reopen_p50_ms"),
                ("re-open p95 ms", "open", "reopen_p95_ms"), ("export gather s", "export", "s")]
        for label, part, key in rows:
            a, b = (results[k][part][key] for k in ("file", "server"))  # type: ignore[index]
            print(f"{label:28}{a:>12}{b:>12}")
        slow = sorted(results["server"]["search"]["per_query"].items(), key=lambda kv: -kv[1][0])[:5]  # type: ignore[index,union-attr]
        file_q = results["file"]["search"]["per_query"]  # type: ignore[index]
        print("slowest on the server (ms, total; file ms, total):")
        for q, (ms, total) in slow:
            print(f"  {q!r}: {ms} ({total}); {file_q[q][0]} ({file_q[q][1]})")  # type: ignore[index]
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
