"""Real-page gold figures: whole People's Daily pages (the files of one printed page joined in
order, from ``../shared``) parsed and scored against ``tests/data/rmrb_pages_gold.jsonl``.

Prints, per split, the articles exactly right (title, subtitle, kicker, authors, first and last
words of the body, body size) out of the gold ones, the extra articles the parser invented, and
the error classes.  Run: ``python bench/real_pages.py [dev|test|all] [--blank N] [--lf]
[--noindent] [--raw SEP] [-v]`` (``--blank`` blank lines between items, ``--lf`` LF line ends
instead of the files' CRLF, ``--noindent`` body indentation stripped, ``--raw`` the files
concatenated untouched with SEP, ``-v`` every wrong article).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from synth import gold, rmrb  # noqa: E402

from reader.text.pages import parse_page  # noqa: E402


def page_text(page_id: str, blank: int, lf: bool, noindent: bool, raw: str | None = None) -> str:
    """One gold page as a user would have it, in the chosen variant (``raw``: the files' texts
    concatenated untouched with this separator)."""
    text, items = rmrb.build_page(page_id, blank=blank)
    if raw is not None:
        text = raw.join(it.text for it in items)
    if noindent:
        text = re.sub(r"(?m)^[\u3000 \xa0]+", "", text)
    return text.replace("\r\n", "\n") if lf else text


def run(split: str, blank: int = 1, lf: bool = False, noindent: bool = False, verbose: bool = False,
        raw: str | None = None) -> gold.Score:
    """Score one split; print its figures."""
    total = gold.Score()
    pages = gold.load(None if split == "all" else split)
    start = time.perf_counter()
    for page in pages:
        parsed = [a.to_json() for a in parse_page(page_text(page["page"], blank, lf, noindent, raw), page["page"])]
        sc = gold.score_page(page, parsed)
        total.add(sc)
        if verbose and (sc.wrong or sc.extra):
            print(f"  {page['page']}: {sc.right}/{sc.total} extra {sc.extra}")
            for name, title, errs in sc.wrong:
                print(f"     {name} {title[:30]} {errs}")
    took = time.perf_counter() - start
    strict = total.right / (total.total + total.extra) if total.total else 0.0
    print(f"{split:5s} pages {len(pages):3d}  articles right {total.right}/{total.total} = {total.rate:6.1%}  "
          f"extra {total.extra}  (right/(gold+extra) {strict:6.1%})  {took:.1f} s")
    print("       errors: " + ", ".join(f"{k} {v}" for k, v in total.errors.most_common()))
    return total


def main() -> None:
    """Command line: split and page-building variant."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", nargs="?", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--blank", type=int, default=1)
    ap.add_argument("--lf", action="store_true")
    ap.add_argument("--noindent", action="store_true")
    ap.add_argument("--raw", default=None, help="concatenate the files untouched, with this separator (\\n allowed)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not rmrb.available():
        sys.exit(f"no corpus at {rmrb.CORPUS}")
    raw = args.raw.replace("\\n", "\n").replace("\\r", "\r") if args.raw is not None else None
    run(args.split, args.blank, args.lf, args.noindent, args.verbose, raw)


if __name__ == "__main__":
    main()
