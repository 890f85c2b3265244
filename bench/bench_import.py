"""Import time against the number of annotations in one article (issue 10, defect 9).

    .venv/bin/python bench/bench_import.py [--sizes 100,200,400,1000,5000,20000] [--formats w3c,jsonl,qdpx]

One seed page is ingested; its longest article gets N synthetic annotations (random spans of
2–30 characters, one to three tags from a ten-tag codebook, every fifth with a note), which
are exported with our own exporters and imported into a fresh copy of the corpus.  Prints the
seconds of each import and µs per annotation, so linear growth shows as a flat last column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus import Corpus  # noqa: E402
from reader.exchange import exporters  # noqa: E402
from reader.exchange.importing import import_file  # noqa: E402
from reader.records import AnnotationRecord, ExportBundle, TagRecord  # noqa: E402

TAGS = [TagRecord(i + 1, name) for i, name in enumerate(
    ["问责", "巡察", "人物", "地方", "机构", "经济", "民生", "政策", "会议", "数字"])]


def make_bundle(corpus: Corpus, article_id: int, n: int, seed: int = 7) -> ExportBundle:
    article = corpus.article(article_id)
    rng = random.Random(seed)
    text = article.text
    when = dt.datetime(2024, 5, 1, 8, 0, 0)
    anns = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 31)
        end = start + rng.randint(2, 30)
        tags = tuple(t.name for t in rng.sample(TAGS, rng.randint(1, 3)))
        anns.append(AnnotationRecord(
            id=i + 1, article_id=article.id, start=start, end=end, quote=text[start:end],
            prefix=text[max(0, start - 32):start], suffix=text[end:end + 32], tags=tags,
            note=f"批注 {i}" if i % 5 == 0 else "", author="bench", created=when, updated=when))
    return ExportBundle(articles=[article], annotations=anns, tags=TAGS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400,1000,5000,20000")
    parser.add_argument("--formats", default="w3c,jsonl,qdpx")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite3"
        corpus = Corpus(base)
        seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
        corpus.ingest([seed])
        longest = max(corpus.articles(), key=lambda a: a.chars)
        print(f"article {longest.id}: {longest.chars} characters ({seed.name})")
        print(f"{'format':<6} {'annotations':>11} {'import s':>9} {'µs/ann':>8} {'added':>7}")
        for size in sizes:
            bundle = make_bundle(corpus, longest.id, size)
            for fmt in formats:
                out = Path(tmp) / f"x{size}.{fmt}"
                exporters.export_to_path(fmt, bundle, out)
                target = Path(tmp) / f"t-{fmt}-{size}.sqlite3"
                corpus.close()
                shutil.copyfile(base, target)
                other = Corpus(target)
                started = time.perf_counter()
                report = import_file(out, default_author="bench", corpus=other)
                seconds = time.perf_counter() - started
                other.close()
                print(f"{fmt:<6} {size:>11} {seconds:>9.2f} {seconds / size * 1e6:>8.0f} {len(report.added):>7}")
                corpus = Corpus(base)
        corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
