"""Recovery rates of the page parser on harsh synthetic pages (``tests/synth/layout.py``).

Lays out random pages of 2-6 known articles (seed articles, and clean People's Daily items from
``../shared`` when present) with each perturbation alone and with all of them mixed, parses
them and counts articles given back exactly (title, subtitle, kicker, authors, body paragraphs,
captions, photographers) and the error classes of the others.
Run: ``python bench/recovery.py [pages-per-row] [seeds|rmrb|both] [--seed S | --seeds a,b,c]
[--rows none,mixed,...] [--dump DIR]``.  Without a seed each row draws its pages from one fixed
random stream (the figures the README quotes); ``--seed S`` draws other pages, ``--seeds`` prints
every seed's rates and their mean (tune on some seeds, look at others rarely: the README names
the dev and test seeds).  ``--dump DIR`` writes every page with a wrong article to ``DIR`` (the
page text, and beside it the errors and the expected articles) for ``parse --explain``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from synth.layout import PERTURBATIONS, Layout, lay_out, recovery  # noqa: E402
from synth.material import rmrb_articles, seed_articles  # noqa: E402

from reader.text.pages import parse_page  # noqa: E402

ROWS: dict[str, frozenset[str]] = {"none": frozenset()}
ROWS.update({p: frozenset([p]) for p in PERTURBATIONS})
ROWS["mixed"] = frozenset(PERTURBATIONS)


def _dump(where: Path, tag: str, layout: Layout, result: list[list[str]]) -> None:
    """Write a page with wrong articles: ``tag.txt`` (the page) and ``tag.json`` (errors, expected)."""
    where.mkdir(parents=True, exist_ok=True)
    (where / f"{tag}.txt").write_text(layout.text, encoding="utf-8", newline="")
    info = {"applied": layout.applied,
            "articles": [{"errors": r, "expected": e.to_json()} for r, e in zip(result, layout.expected)]}
    (where / f"{tag}.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")


def row(name: str, on: frozenset[str], pool: list, pages: int, seed: str | None = None,
        dump: Path | None = None, mat: str = "") -> tuple[float, float, Counter[str]]:
    """Articles exactly right, pages entirely right and error classes for one row.  ``seed``
    None: the fixed stream of the README figures; else another stream per seed."""
    rng = random.Random(f"{name}-{len(pool)}" if seed is None else f"{seed}/{name}-{len(pool)}")
    good = total = pages_ok = 0
    errors: Counter[str] = Counter()
    for n in range(pages):
        chosen = rng.sample(pool, rng.randint(2, 6))
        layout = lay_out(chosen, rng, on)
        result = recovery(layout, parse_page(layout.text, "synthetic"))
        good += sum(1 for r in result if not r)
        total += len(result)
        pages_ok += all(not r for r in result)
        for r in result:
            errors.update(r)
        if dump is not None and any(result):
            _dump(dump, f"{mat}-{name}-s{seed if seed is not None else 'fixed'}-{n:03d}", layout, result)
    return good / total, pages_ok / pages, errors


def main(pages: int = 100, material: str = "both", seeds: list[str | None] | None = None,
         rows: list[str] | None = None, dump: Path | None = None) -> dict[str, float]:
    """Print and return the article recovery rate per row (the mean over ``seeds``)."""
    pools = {"seeds": list(seed_articles()), "rmrb": list(rmrb_articles())}
    names = ["seeds", "rmrb"] if material == "both" else [material]
    seeds = seeds or [None]
    wanted = {k: v for k, v in ROWS.items() if rows is None or k in rows}
    rates: dict[str, float] = {}
    for mat in names:
        pool = pools[mat]
        if not pool:
            print(f"{mat}: no material")
            continue
        shown = "fixed stream" if seeds == [None] else "seeds " + ",".join(str(s) for s in seeds)
        print(f"material {mat} ({len(pool)} articles), {pages} pages per row, {shown}")
        for name, on in wanted.items():
            per: list[float] = []
            for seed in seeds:
                art, page, errors = row(name, on, pool, pages, seed, dump, mat)
                per.append(art)
                top = ", ".join(f"{k} {v}" for k, v in errors.most_common(4))
                label = name if len(seeds) == 1 else f"{name} s{seed}"
                print(f"  {label:15s} articles {art:6.1%}  pages {page:6.1%}  {top}")
            rates[f"{mat}/{name}"] = sum(per) / len(per)
            if len(seeds) > 1:
                print(f"  {name + ' mean':15s} articles {rates[f'{mat}/{name}']:6.1%}  "
                      f"(min {min(per):.1%}, max {max(per):.1%})")
    return rates


def _args(argv: list[str]) -> argparse.Namespace:
    """Command line: positional pages and material (as before), and the seed options."""
    ap = argparse.ArgumentParser(description="Recovery rates of the page parser on synthetic pages.")
    ap.add_argument("pages", nargs="?", type=int, default=100, help="pages per row (100)")
    ap.add_argument("material", nargs="?", default="both", choices=["seeds", "rmrb", "both"])
    ap.add_argument("--seed", help="draw the pages from this seed's stream (default: the fixed stream)")
    ap.add_argument("--seeds", help="comma-separated seeds: each one's rates and their mean")
    ap.add_argument("--rows", help="comma-separated rows (none, a perturbation, mixed); default all")
    ap.add_argument("--dump", type=Path, help="write pages with wrong articles to this folder")
    args = ap.parse_args(argv)
    if args.seed is not None and args.seeds is not None:
        ap.error("give --seed or --seeds, not both")
    if args.rows:
        unknown = [r for r in args.rows.split(",") if r not in ROWS]
        if unknown:
            ap.error(f"unknown rows: {', '.join(unknown)} (rows: {', '.join(ROWS)})")
    return args


if __name__ == "__main__":
    a = _args(sys.argv[1:])
    chosen: list[str | None] = ([a.seed] if a.seed is not None else
                                [s.strip() for s in a.seeds.split(",") if s.strip()] if a.seeds else [None])
    main(a.pages, a.material, chosen, a.rows.split(",") if a.rows else None, a.dump)
