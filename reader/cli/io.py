"""``import FILE…``: annotations, codebooks and article facts from W3C JSON-LD, JSONL (ours or
doccano's), REFI-QDA .qdpx/.qdc/.qde.

Each file is read completely before anything is stored; a file that cannot be read is reported
(naming the file and the problem) and the other files are still imported.  Exit status: 0 when
every annotation of every file was imported (or was already there), 1 when a file could not be
read at all, 3 when files were read but some annotations did not match or were skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_UNREADABLE = 1
EXIT_INCOMPLETE = 3


def cmd_import(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus, default_author
    from reader.exchange.importers import ImportFormatError
    from reader.exchange.importing import import_file

    corpus = Corpus(args.db, coder=getattr(args, "coder", None))
    unreadable = incomplete = False
    reports: list[dict[str, Any]] = []
    for path in args.files:
        try:
            report = import_file(path, args.format, default_author=args.author or default_author(),
                                 corpus=corpus)
        except (ImportFormatError, OSError) as exc:
            unreadable = True
            message = str(exc) if isinstance(exc, ImportFormatError) else f"{path}: {exc.strerror or exc}"
            reports.append({"file": path, "error": message})
            print(f"pizhu: {message}", file=sys.stderr)
            continue
        reports.append({"file": path, **report.to_json()})
        incomplete = incomplete or not report.complete
        if not args.json:
            print(f"{path}: {len(report.added)} annotation(s) added, {report.duplicates} already present, "
                  f"{len(report.tags_created)} tag(s) created, {len(report.unmatched)} unmatched, "
                  f"{len(report.skipped)} skipped, {len(report.articles_updated)} article(s) updated")
            for line in report.unmatched:
                print(f"  unmatched: {line}", file=sys.stderr)
            for line in report.skipped:
                print(f"  skipped: {line}", file=sys.stderr)
            for line in report.warnings:
                print(f"  note: {line}", file=sys.stderr)
    if args.json:
        json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_UNREADABLE if unreadable else EXIT_INCOMPLETE if incomplete else 0


def register(add: Callable[[str, Callable[[argparse.Namespace], int], str], Any]) -> None:
    p = add("import", cmd_import, "import annotations or a codebook (w3c, jsonl, qdpx, qdc, qde)")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["w3c", "jsonl", "qdpx", "qdc", "qde"],
                   help="default: from the file's content")
    p.add_argument("--author", help="author (coder) for imported annotations that name none")
    p.add_argument("--json", action="store_true")
