"""Recovery rates of the page parser on synthetic layouts of the seed articles.

For each perturbation (column breaks, inserted pictures, duplicated blocks, moved
continuations) and for all of them together, lays out random pages of 2-5 parsed seed
articles in markdown or plain style and counts articles given back exactly (title, body blocks,
authors, captions, photographers).  Run: ``python bench/recovery.py [pages-per-row]``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.text.layout.synth import lay_out, recovery, usable  # noqa: E402
from reader.text.pages import parse_page  # noqa: E402


def pool() -> list:
    """Usable parsed seed articles."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(a for a in parse_page(path.read_text(encoding="utf-8"), path.name) if usable(a))
    return out


ROWS = {
    "none": {},
    "breaks": {"breaks": 3},
    "captions": {"captions": 2},
    "duplicates": {"duplicates": 2},
    "moves": {"moves": 1},
    "all": {"breaks": 3, "captions": 2, "duplicates": 2, "moves": 1},
}


def main(pages: int = 200) -> dict[str, float]:
    """Print and return the article recovery rate per perturbation row."""
    articles = pool()
    rates: dict[str, float] = {}
    for name, kw in ROWS.items():
        for style in ("markdown", "plain"):
            rng = random.Random(f"{name}-{style}")
            good = total = pages_ok = 0
            for _ in range(pages):
                chosen = rng.sample(articles, rng.randint(2, 5))
                layout = lay_out(chosen, rng, style=style, **kw)
                result = recovery(layout, parse_page(layout.text, "synthetic"))
                good += sum(result)
                total += len(result)
                pages_ok += all(result)
            rates[f"{name}/{style}"] = good / total
            print(f"{name:11s} {style:9s} articles {good / total:6.1%}  pages {pages_ok / pages:6.1%}  ({total} articles)")
    return rates


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
