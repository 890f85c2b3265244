"""Throughput of ``reader.text.pages.parse_page`` over the seed pages (repeated to a few MB), and
the time to parse one big page (2 MB by default: People's Daily files from ``../shared`` joined
into one text, else the seed pages repeated).

Prints MB/s of UTF-8 input and the seconds for the big page; dictionary loads (jieba's word
list and part-of-speech table) are excluded (done once before timing).
Run: ``python bench/bench_parse.py [MB-of-throughput] [MB-of-big-page]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.text.layout.lexicon import freq, word_tag  # noqa: E402
from reader.text.pages import parse_page  # noqa: E402


def main(target_mb: float = 4.0, big_mb: float = 2.0) -> tuple[float, float]:
    """Parse the seeds until ``target_mb`` MB went through; then one page of ``big_mb`` MB.
    Print and return (MB/s, seconds for the big page)."""
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    freq()
    word_tag("的")
    parse_page(pages[0][1], pages[0][0])
    total = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    while total < target_mb * 1_000_000:
        for name, text in pages:
            parse_page(text, name)
            total += len(text.encode("utf-8"))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    rate = total / 1_000_000 / elapsed
    cpu_rate = total / 1_000_000 / cpu
    print(f"parse_page: {total / 1_000_000:.1f} MB in {elapsed:.2f} s wall = {rate:.2f} MB/s "
          f"({cpu:.2f} s CPU = {cpu_rate:.2f} MB/s of CPU time; wall figures drop on a busy machine)")
    parts: list[str] = []
    size = 0
    corpus = ROOT / ".." / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
    files = iter(sorted(corpus.glob("*/*.txt"))) if corpus.is_dir() else None
    source = "People's Daily files joined" if files else "seed pages repeated (copies are dropped as duplicates!)"
    while size < big_mb * 1_000_000:
        path = next(files, None) if files else None
        text = path.read_text(encoding="utf-8") if path else pages[len(parts) % len(pages)][1]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    big = "\n\n".join(parts)
    start = time.perf_counter()
    cpu_start = time.process_time()
    found = parse_page(big, "big")
    took = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"one page of {len(big.encode('utf-8')) / 1_000_000:.1f} MB ({len(parts)} {source}): "
          f"{took:.2f} s wall ({cpu:.2f} s CPU), {len(found)} articles")
    return rate, took


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 4.0, float(sys.argv[2]) if len(sys.argv) > 2 else 2.0)
