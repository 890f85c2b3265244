"""``import FILE``: annotations and codebooks from W3C JSON-LD, our JSONL, REFI-QDA .qdc/.qdpx."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def cmd_import(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus, default_author
    from reader.exchange.importing import import_file

    Corpus(args.db, coder=getattr(args, "coder", None))
    total = 0
    failed = False
    reports = []
    for path in args.files:
        report = import_file(path, args.format, default_author=args.author or default_author())
        reports.append({"file": path, **report.to_json()})
        total += len(report.added)
        failed = failed or bool(report.unmatched)
        if not args.json:
            print(f"{path}: {len(report.added)} annotation(s) added, {report.duplicates} already present, "
                  f"{len(report.tags_created)} tag(s) created, {len(report.unmatched)} unmatched")
            for line in report.unmatched:
                print(f"  unmatched: {line}", file=sys.stderr)
    if args.json:
        json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


def register(add: Callable[[str, Callable[[argparse.Namespace], int], str], Any]) -> None:
    p = add("import", cmd_import, "import annotations or a codebook (w3c, jsonl, qdpx, qdc)")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["w3c", "jsonl", "qdpx", "qdc"], help="default: from the file name")
    p.add_argument("--author", help="author for imported annotations that name none")
    p.add_argument("--json", action="store_true")
