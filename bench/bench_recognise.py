"""Recognising stored articles again: in this process against worker processes.

Run: ``.venv/bin/python bench/bench_recognise.py [--corpus PATH] [--articles 400] [--jobs 0 1 2]``.

The corpus (default: the cached 1,000-article bench corpus) is copied to a temporary folder
(the original is never written), opened (migrated if older), and the first ``--articles``
articles are recognised again (:meth:`reader.corpus.Corpus.recompute_entities`) once per
``--jobs`` value (0: in this process; N: N worker processes, this process the one writer).
Printed per run: wall seconds, CPU seconds of this process and of the workers, characters per
wall second, and the load average (wall figures on a shared machine carry other work).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = Path("/work/cache/pizhu/corpus-1000/corpus.sqlite3")


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--jobs", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"{args.corpus}: no such corpus (build one with bench/make_corpus.py)", file=sys.stderr)
        return 2
    from reader.corpus import Corpus
    from reader.store.models import Article

    with tempfile.TemporaryDirectory(prefix="pizhu-bench-recognise-") as folder:
        path = Path(folder) / "corpus.sqlite3"
        shutil.copyfile(args.corpus, path)
        started = time.perf_counter()
        corpus = Corpus(path)
        print(f"opened {args.corpus.name} (copy) in {time.perf_counter() - started:.1f} s")
        ids = [i for (i,) in Article.select(Article.id).order_by(Article.id).limit(args.articles).tuples()]
        chars = sum(n for (n,) in Article.select(Article.chars).where(Article.id.in_(ids)).tuples())
        corpus.recognize("预热长沙")  # the dictionaries and model loaded once, outside the timings
        print(f"{len(ids)} articles, {chars:,} characters; cores {os.cpu_count()}")
        print("jobs | wall s | CPU s here | CPU s workers | chars / wall s | load (1 min)")
        for jobs in args.jobs:
            cpu0, kids0 = _cpu()
            t0 = time.perf_counter()
            change = corpus.recompute_entities(article_ids=ids, jobs=jobs)
            wall = time.perf_counter() - t0
            cpu1, kids1 = _cpu()
            assert len(change.article_ids) == len(ids)
            print(f"{jobs:>4} | {wall:6.1f} | {cpu1 - cpu0:10.1f} | {kids1 - kids0:13.1f} | "
                  f"{chars / wall:14,.0f} | {os.getloadavg()[0]:.1f}")
        corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
