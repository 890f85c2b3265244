"""Recovery rates of the page parser on harsh synthetic pages (``tests/synth/layout.py``).

Lays out random pages of 2-6 known articles (seed articles, and clean People's Daily items from
``../shared`` when present) with each perturbation alone and with all of them mixed, parses
them and counts articles given back exactly (title, subtitle, kicker, authors, body paragraphs,
captions, photographers) and the error classes of the others.
Run: ``python bench/recovery.py [pages-per-row] [seeds|rmrb|both]``.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from synth.layout import PERTURBATIONS, lay_out, recovery  # noqa: E402
from synth.material import rmrb_articles, seed_articles  # noqa: E402

from reader.text.pages import parse_page  # noqa: E402

ROWS: dict[str, frozenset[str]] = {"none": frozenset()}
ROWS.update({p: frozenset([p]) for p in PERTURBATIONS})
ROWS["mixed"] = frozenset(PERTURBATIONS)


def row(name: str, on: frozenset[str], pool: list, pages: int) -> tuple[float, float, Counter[str]]:
    """Articles exactly right, pages entirely right and error classes for one row."""
    rng = random.Random(f"{name}-{len(pool)}")
    good = total = pages_ok = 0
    errors: Counter[str] = Counter()
    for _ in range(pages):
        chosen = rng.sample(pool, rng.randint(2, 6))
        layout = lay_out(chosen, rng, on)
        result = recovery(layout, parse_page(layout.text, "synthetic"))
        good += sum(1 for r in result if not r)
        total += len(result)
        pages_ok += all(not r for r in result)
        for r in result:
            errors.update(r)
    return good / total, pages_ok / pages, errors


def main(pages: int = 100, material: str = "both") -> dict[str, float]:
    """Print and return the article recovery rate per row."""
    pools = {"seeds": list(seed_articles()), "rmrb": list(rmrb_articles())}
    names = ["seeds", "rmrb"] if material == "both" else [material]
    rates: dict[str, float] = {}
    for mat in names:
        pool = pools[mat]
        if not pool:
            print(f"{mat}: no material")
            continue
        print(f"material {mat} ({len(pool)} articles), {pages} pages per row")
        for name, on in ROWS.items():
            art, page, errors = row(name, on, pool, pages)
            rates[f"{mat}/{name}"] = art
            top = ", ".join(f"{k} {v}" for k, v in errors.most_common(4))
            print(f"  {name:11s} articles {art:6.1%}  pages {page:6.1%}  {top}")
    return rates


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, sys.argv[2] if len(sys.argv) > 2 else "both")
