"""Figures for the analyses of issue 15 on a corpus (target: every analysis under 3 s on
100,000 articles; reprint clustering of the whole corpus runs in the background).

    python bench/bench_analysis.py --db CORPUS.sqlite3 [--cold]

Prints, for each analysis, the time of the first call in this process (``first``: loads the
term statistics and the vocabulary) and of a second call (``again``: what the UI sees once
warm); with ``--cold`` also the wall time of the CLI command in a fresh process (Python start
included).  Precomputation is timed separately: building the term statistics from scratch,
bringing them up to date after a page changes, reprint signatures, and clustering.
Build a 100,000-article corpus with ``bench/make_analysis_corpus.py`` (see there).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


CPU: list[float] = [0.0]  # processor time of the last timed call (wall time is what timed returns)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - start, result


def size(result: Any) -> str:
    try:
        return str(len(result))
    except TypeError:
        return "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--cold", action="store_true", help="also time the CLI commands in fresh processes")
    parser.add_argument("--rebuild", action="store_true", help="time building the term statistics from scratch")
    args = parser.parse_args()

    from reader.corpus import Corpus

    corpus = Corpus(args.db)
    from reader.analysis import phrases, reprints, termstats, timeline, wordstats
    from reader.analysis import variables as var
    from reader.analysis.spec import parse_spec, select_ids
    from reader.store.models import database

    n, chars = database.execute_sql("SELECT count(*), total(chars) FROM article WHERE retired = 0").fetchone()
    print(f"corpus: {args.db}: {n:,} articles, {int(chars):,} characters")
    dates = database.execute_sql("SELECT min(published), max(published) FROM source_file").fetchone()
    papers = [p for (p,) in database.execute_sql(
        "SELECT paper FROM source_file WHERE paper IS NOT NULL GROUP BY paper ORDER BY count(*) DESC LIMIT 2")]
    print(f"dates {dates[0]} .. {dates[1]}; papers {papers}")

    # -- precomputation ----------------------------------------------------------------
    if args.rebuild:
        database.execute_sql("DELETE FROM term_chunk")
    t, _ = timed(termstats.ensure_current)
    print(f"term statistics brought up to date: {t:.1f} s (CPU {CPU[0]:.1f} s)")
    blob = database.execute_sql("SELECT count(*), total(length(bags)), total(length(seqs)) FROM term_chunk").fetchone()
    print(f"  {blob[0]} chunks, bags {blob[1] / 1e6:.1f} MB, sequences {blob[2] / 1e6:.1f} MB, "
          f"vocabulary {len(termstats.vocabulary()):,} terms")
    last = database.execute_sql("SELECT max(id) FROM article").fetchone()[0]
    termstats.invalidate([last])
    t, _ = timed(termstats.ensure_current)
    print(f"  after one article changed (its chunk of {termstats.CHUNK} repacked, the article segmented): "
          f"{t:.2f} s (CPU {CPU[0]:.2f} s)")
    t, made = timed(reprints.update_signatures)
    print(f"reprint signatures brought up to date: {t:.1f} s (CPU {CPU[0]:.1f} s; {made} made)")

    # -- analyses ----------------------------------------------------------------------
    mid = "2020-01-01"
    target, reference = parse_spec(f"since={mid}"), parse_spec("until=2019-12-31")
    paper_a = parse_spec(f"paper={papers[0]}") if papers else target
    paper_b = parse_spec(f"paper={papers[1]}") if len(papers) > 1 else reference
    phrases.add_phrase("bench提法", "脱贫攻坚", ["脱贫攻坚战"])
    phrases.add_phrase("bench提法", "全面建成小康社会", ["全面小康"])
    phrases.add_phrase("bench提法", "高质量发展")
    jobs: list[tuple[str, Callable[[], Any]]] = [
        ("words: whole corpus, top 1000", lambda: wordstats.word_list(top=1000)),
        (f"words: since={mid}", lambda: wordstats.word_list(target, top=1000)),
        (f"keyness words since={mid} vs until=2019-12-31", lambda: wordstats.keyness(target, reference, 5)),
        (f"keyness words paper={papers[0] if papers else '?'} vs rest", lambda: wordstats.keyness(paper_a, None, 5)),
        ("keyness entities paper A vs paper B", lambda: wordstats.keyness(paper_a, paper_b, 5, entities=True)),
        ("collocations 发展 ±5", lambda: wordstats.collocations("发展", 5)),
        ("collocations 习近平 ±5", lambda: wordstats.collocations("习近平", 5)),
        ("timeline query 习近平 by month", lambda: timeline.timeline("query", "习近平", "month")),
        ("timeline entity 习近平 by month split front", lambda: timeline.timeline("entity", "习近平", "month", "front")),
        ("timeline query 脱贫攻坚 split newspaper", lambda: timeline.timeline("query", "脱贫攻坚", "year", "newspaper")),
        ("phrase list (3 phrases) summary", lambda: phrases.summary(phrases.resolve("bench提法"))),
        ("timeline phrase list by month split phrase", lambda: timeline.timeline("phrase", "bench提法", "month", "phrase")),
        ("variables of every article", lambda: var.article_variables(select_ids(None))),
        ("filter SPEC since/paper", lambda: select_ids(parse_spec(f"since={mid},paper={papers[0] if papers else 'x'}"))),
        ("autocode proposals 脱贫攻坚 (dry run)", lambda: __import__("reader.analysis.autocode", fromlist=["x"])
         .propose("query", "脱贫攻坚", "提法")),
    ]
    print(f"\n{'analysis (wall time; CPU time of the second call)':58} {'first':>8} {'again':>8} {'cpu':>8} {'rows':>8}")
    for label, job in jobs:
        first, result = timed(job)
        again, _ = timed(job)
        print(f"{label:58} {first:7.2f}s {again:7.2f}s {CPU[0]:7.2f}s {size(result):>8}")

    t, clusters = timed(lambda: reprints.cluster(0.8))
    copies = sum(len(c.articles) - 1 for c in clusters or [])
    print(f"{'reprint clustering of the whole corpus (background job)':58} {t:7.2f}s {'':>8} {CPU[0]:7.2f}s "
          f"{size(clusters):>8}  ({copies:,} copies)")
    t, _ = timed(lambda: timeline.timeline("query", "习近平", "month", collapse=True))
    print(f"{'timeline query 习近平, reprints collapsed':58} {t:7.2f}s {'':>8} {CPU[0]:7.2f}s")
    import resource

    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    corpus.close()

    if args.cold:
        print("\nCLI in a fresh process (Python start included):")
        commands = [
            ["words", "--top", "100", "--json"],
            ["keyness", "--target", f"since={mid}", "--reference", "until=2019-12-31", "--json"],
            ["collocations", "发展", "--json"],
            ["timeline", "--query", "习近平", "--json"],
            ["timeline", "--entity", "习近平", "--split", "front", "--json"],
            ["phrases", "hits", "bench提法", "--json"],
            ["reprints", "--json", "-q"],
        ]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        for command in commands:
            before = os.times()
            t, _ = timed(lambda: subprocess.run([sys.executable, "-m", "reader", "--db", args.db, *command],
                                                stdout=subprocess.DEVNULL, check=True, env=env))
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            print(f"  {' '.join(command):56} {t:6.2f}s (CPU {cpu:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
