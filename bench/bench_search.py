"""Search latency on the seed corpus and on a generated large corpus.

    /work/venv/bin/python bench/bench_search.py [--articles 5000] [--repeat 5] [--keep DIR]

The seed corpus is ingested through ``reader.ingest`` (entity recognition off); the large corpus
is made of articles whose paragraphs are drawn at random from the seed articles, inserted through
the models and indexed with ``reader.store.search.rebuild_index``.  Prints ms per query (median).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.store import search as S  # noqa: E402
from reader.store.db import open_db  # noqa: E402
from reader.store.models import Article, SourceFile, database  # noqa: E402

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("巡", {}),
    ("的", {}),
    ("巡察", {}),
    ("巡察组", {}),
    ("常态化巡察", {}),
    ('"人民群众的幸福"', {}),
    ("巡察 监督", {}),
    ("巡察 OR 振兴", {}),
    ("巡察 -疫情", {}),
    ("(巡察 OR 监督) 乡村振兴", {}),
    ("-的", {}),
    (r"\d+月\d+日", {"regex": True}),
    ("巡察", {"author": "贺露明"}),
]


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def run_queries(label: str, repeat: int) -> None:
    n = Article.select().count()
    chars = sum(a.chars or len(a.text) for a in Article.select(Article.chars, Article.text))
    print(f"\n== {label}: {n} articles, {chars / 1e6:.2f}M chars")
    print(f"{'query':28} {'search ms':>10} {'results':>8} {'kwic ms':>9} {'lines':>7}")
    for query, opts in QUERIES:
        ms, hits = timed(lambda: S.search(query, **opts), repeat)  # type: ignore[arg-type]
        kms, lines = timed(lambda: S.kwic(query, **opts), max(1, repeat // 2))  # type: ignore[arg-type]
        shown = query + (" [regex]" if opts.get("regex") else "") + (" [author]" if "author" in opts else "")
        print(f"{shown:28} {ms:10.1f} {len(hits):8d} {kms:9.1f} {len(lines):7d}")  # type: ignore[arg-type]


def seed_corpus(path: Path) -> None:
    from reader.ingest import ingest

    open_db(path)
    t0 = time.perf_counter()
    report = ingest([ROOT / "seeds"])
    print(f"ingested seeds: {report.articles} articles in {time.perf_counter() - t0:.1f}s")


def large_corpus(path: Path, articles: int, seed_texts: list[str]) -> None:
    paragraphs = [p for text in seed_texts for p in text.split("\n") if len(p) >= 10]
    rng = random.Random(7)
    open_db(path)
    t0 = time.perf_counter()
    with database.atomic():
        src = SourceFile.create(name="generated", path="-", sha256="0" * 64, size=0, encoding="utf-8")
        rows = []
        for i in range(articles):
            body = rng.sample(paragraphs, min(len(paragraphs), rng.randint(4, 24)))
            text = "\n".join(body)
            rows.append({
                "source": src.id, "position": i, "display_title": body[0][:18], "text": text,
                "chars": len(text), "authors": [rng.choice(["贺露明", "李奕", "周丽", "李梅花"])],
            })
        for start in range(0, len(rows), 500):
            Article.insert_many(rows[start : start + 500]).execute()
    t1 = time.perf_counter()
    with database.atomic():
        S.rebuild_index()
    t2 = time.perf_counter()
    print(f"generated {articles} articles: insert {t1 - t0:.1f}s, index {t2 - t1:.1f}s, "
          f"db {path.stat().st_size / 1e6:.0f} MB (before checkpoint)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the databases here instead of a temp dir")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        seed_corpus(where / "seed.sqlite3")
        run_queries("seed corpus", args.repeat)
        seed_texts = [a.text for a in Article.select(Article.text)]
        database.close()
        large_corpus(where / "large.sqlite3", args.articles, seed_texts)
        run_queries("generated corpus", args.repeat)
        database.close()


if __name__ == "__main__":
    main()
