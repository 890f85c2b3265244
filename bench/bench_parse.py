"""Throughput of ``reader.text.pages.parse_page`` over the seed pages (repeated to a few MB).

Prints MB/s of UTF-8 input; the dictionary load is excluded (done once before timing).
Run: ``python bench/bench_parse.py [MB]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.text.layout.lexicon import freq  # noqa: E402
from reader.text.pages import parse_page  # noqa: E402


def main(target_mb: float = 4.0) -> float:
    """Parse the seeds until ``target_mb`` MB went through; print and return MB/s."""
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    freq()
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
    return rate


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 4.0)
