"""Team coding subcommands: ``coders``, ``merge OTHER`` and ``agreement --coder A --coder B``
(registered by ``reader.cli.main`` through ``CLI_EXTENSIONS``).  The session coder comes from the
global ``--coder NAME`` or ``PIZHU_CODER``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_coders(args: argparse.Namespace) -> int:
    from reader.cli.main import _corpus, _dump

    corpus = _corpus(args)
    if args.rename:
        old, new = args.rename
        rec = corpus.require_coders([old])[0]
        corpus.rename_coder(rec.id, new)
    if args.color:
        name, color = args.color
        rec = corpus.require_coders([name])[0]
        corpus.set_coder_color(rec.id, color)
    rows = corpus.coders()
    if args.json:
        _dump({"current": corpus.coder_name, "coders": [c.to_json() for c in rows]}, sys.stdout)
    else:
        for c in rows:
            mark = "*" if c.name == corpus.coder_name else " "
            print(f"{mark} {c.name}\t{c.color}\t{c.annotations}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from reader.cli.main import _corpus, _dump
    from reader.coding.merge import before_merge, merge_file
    from reader.corpus import on_progress_print

    corpus = _corpus(args)
    backup = before_merge(corpus)
    report = merge_file(args.other, corpus.coder_name,
                        progress=None if args.json or args.quiet else on_progress_print(sys.stderr), corpus=corpus)
    data = report.to_json()
    if backup:
        data["backup"] = str(backup)
    if args.json:
        _dump(data, sys.stdout)
        return 0
    print(f"{args.other}: {data['articles_matched']} article(s) matched, {data['annotations_added']} "
          f"annotation(s) added, {data['annotations_matched']} already present, "
          f"{len(data['unplaced'])} could not be placed; {len(data['tags_created'])} tag(s) and "
          f"{len(data['coders_created'])} coder(s) created; {data['fixes_added']} occurrence fix(es) added, "
          f"{data['fixes_matched']} already present, {len(data['fixes_unplaced'])} could not be placed")
    for item in data["unplaced"]:
        print(f"  unplaced ({item['reason']}): {item['document']} «{item['quote']}» by {item['coder']}",
              file=sys.stderr)
    for line in data["warnings"]:
        print(f"  warning: {line}", file=sys.stderr)
    return 0


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}"


def cmd_agreement(args: argparse.Namespace) -> int:
    from reader.analysis.agreement_report import FIGURES, agreement
    from reader.cli.main import _corpus, _dump

    corpus = _corpus(args)
    report = agreement(corpus, args.coders or [], tags=args.tag or (), articles=args.article or ())
    data = report.to_json()
    if args.json:
        _dump(data, sys.stdout)
        return 0
    keys = FIGURES
    print("scope\t" + "\t".join(keys))
    print("overall\t" + "\t".join(_fmt(data["overall"][k]) for k in keys))
    for tag, row in data["tags"].items():
        print(f"tag {tag}\t" + "\t".join(_fmt(row[k]) for k in keys))
    for art, row in data["articles"].items():
        print(f"article {art}\t" + "\t".join(_fmt(row[k]) for k in keys))
    return 0


def register(add: Add) -> None:
    p = add("coders", cmd_coders, "list coders (with their colours and annotation counts); rename or recolour one")
    p.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))
    p.add_argument("--color", nargs=2, metavar=("NAME", "#RRGGBB"))
    p.add_argument("--json", action="store_true")
    p = add("merge", cmd_merge, "merge another coder's corpus file or a REFI-QDA project (.qdpx) coded on the same pages")
    p.add_argument("other", help="a Pizhu corpus (.sqlite3) or a .qdpx project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", "-q", action="store_true")
    p = add("agreement", cmd_agreement, "inter-coder agreement (unitized alpha, span F1, kappa) per tag and article")
    p.add_argument("--coder", dest="coders", action="append", metavar="NAME", required=True,
                   help="a coder to compare (give two or more)")
    p.add_argument("--tag", action="append", help="only these tags (default: every tag they used)")
    p.add_argument("--article", action="append", type=int, help="only these articles (default: every coded one)")
    p.add_argument("--json", action="store_true")
