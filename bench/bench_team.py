"""Team coding at work: merging a second coder's corpus and computing agreement.

    .venv/bin/python bench/bench_team.py [--per-article 50] [--seed 7]

The seeds are ingested once into two corpora.  Coder 张三 annotates ``--per-article`` random
passages of every article with tags from an eight-code codebook; coder 李四, in the other corpus,
codes the same passages with realistic disagreement (70 % the same, 15 % other boundaries, 10 %
another tag, 5 % left out) plus 10 % passages of their own.  Prints the time to merge 李四's corpus
(first time, and again, when everything is already present), the counts the merge reports, and
the time and overall figures of the agreement report (overall, per tag and per article).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.analysis.agreement_report import FIGURES, agreement  # noqa: E402
from reader.coding.merge import merge_file  # noqa: E402
from reader.corpus import Corpus  # noqa: E402

TAGS = ("问责", "整改", "民生", "巡察", "防疫", "经济", "基层", "人物")


def plan(corpus: Corpus, per_article: int, rng: random.Random) -> list[tuple[int, int, int, str]]:
    spans = []
    for summary in corpus.articles():
        length = len(corpus.article(summary.id).text)
        for _ in range(per_article if length > 40 else 0):
            start = rng.randrange(0, length - 20)
            spans.append((summary.id, start, start + rng.randint(4, 20), rng.choice(TAGS)))
    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-article", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "zhang.sqlite3", Path(tmp) / "li.sqlite3"
        corpus = Corpus(ours)
        corpus.ingest([ROOT / "seeds"])
        spans = plan(corpus, args.per_article, rng)
        corpus.close()
        shutil.copyfile(ours, theirs)
        corpus = Corpus(theirs, coder="李四")
        lengths = {a.id: len(corpus.article(a.id).text) for a in corpus.articles()}
        for article, start, end, tag in spans:
            roll = rng.random()
            if roll < 0.05:
                continue
            if roll < 0.20:
                start = max(0, start + rng.randint(-3, 3))
                end = min(lengths[article], max(start + 1, end + rng.randint(-3, 3)))
            elif roll < 0.30:
                tag = rng.choice([t for t in TAGS if t != tag])
            corpus.annotate(article, start, end, tags=[tag])
        for article, start, _end, _tag in rng.sample(spans, len(spans) // 10):
            corpus.annotate(article, start, min(lengths[article], start + 8), tags=[rng.choice(TAGS)])
        n_theirs = len(corpus.annotations())
        corpus.close()
        corpus = Corpus(ours, coder="张三")
        for article, start, end, tag in spans:
            corpus.annotate(article, start, end, tags=[tag])
        print(f"articles: {len(corpus.articles())}; 张三 {len(spans)} annotations, 李四 {n_theirs}")
        t0 = time.perf_counter()
        first = merge_file(theirs, "张三").to_json()
        t1 = time.perf_counter()
        again = merge_file(theirs, "张三").to_json()
        t2 = time.perf_counter()
        print(f"merge: {1000 * (t1 - t0):.0f} ms (added {first['annotations_added']}, matched "
              f"{first['annotations_matched']}, unplaced {len(first['unplaced'])}); again: "
              f"{1000 * (t2 - t1):.0f} ms (added {again['annotations_added']}, matched {again['annotations_matched']})")
        t3 = time.perf_counter()
        report = agreement(corpus, ["张三", "李四"])
        t4 = time.perf_counter()
        overall = report.overall
        print(f"agreement ({len(report.tags)} tags, {len(report.articles)} articles): {1000 * (t4 - t3):.0f} ms")
        print("overall: " + ", ".join(f"{k} {overall[k]:.3f}" for k in FIGURES))
        corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
