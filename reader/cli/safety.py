"""``pizhu backup [PATH]``, ``pizhu backups [--json]`` and ``pizhu restore PATH``: backups of the
corpus with SQLite's online backup API (see :mod:`reader.store.backup` for where they live and
how many are kept)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def _corpus(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    return Corpus(args.db)


def cmd_backup(args: argparse.Namespace) -> int:
    path = _corpus(args).backup("manual", args.path)
    print(path)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from reader.store.backup import backups_dir

    corpus = _corpus(args)
    rows = corpus.backups()
    if args.json:
        from reader.cli.main import _dump

        _dump([r.to_json() for r in rows], sys.stdout)
        return 0
    if not rows:
        from reader.store.postgres import ServerDatabase

        if isinstance(corpus.db, ServerDatabase):
            from reader.store.server_backup import default_dir

            print(f"no backups in {default_dir(corpus.db)}", file=sys.stderr)
        else:
            print(f"no backups in {backups_dir(corpus.path)}", file=sys.stderr)
    for r in rows:
        counts = "\t".join("?" if n is None else str(n) for n in (r.articles, r.annotations, r.tags))
        print(f"{r.created.isoformat()}Z\t{r.reason}\t{counts}\t{r.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    before = corpus.restore(args.path)
    articles, annotations = len(corpus.articles(include_retired=True)), len(corpus.annotations())
    print(f"restored {args.path}: {articles} article(s), {annotations} annotation(s); "
          f"the state before the restore is in {before}")
    return 0


def register(add: Callable[[str, Callable[[argparse.Namespace], int], str], Any]) -> None:
    p = add("backup", cmd_backup, "back up the corpus (default: into its .backups folder)")
    p.add_argument("path", nargs="?", help="backup file or folder (default: the corpus's .backups folder)")
    p = add("backups", cmd_backups, "list the corpus's backups, newest first (made, reason, articles, "
                                    "annotations, tags, file)")
    p.add_argument("--json", action="store_true")
    p = add("restore", cmd_restore, "replace the corpus with a backup (the current state is backed up first)")
    p.add_argument("path", help="a backup file (see `pizhu backups`)")
