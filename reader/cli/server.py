"""Server corpus subcommands: ``init-server URI`` and ``copy SRC DST [--json]`` (registered by
``reader.cli.main`` through ``CLI_EXTENSIONS``).  SRC and DST are corpus files or
``postgresql://`` URIs (see :mod:`reader.store.postgres` and :mod:`reader.store.copying`); a
retrained entity model goes with the copy either way (``"model"`` in the JSON)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_init_server(args: argparse.Namespace) -> int:
    from reader.cli.main import CliError
    from reader.store.postgres import init_server, is_server_uri, redacted

    if not is_server_uri(args.uri):
        raise CliError(f"{args.uri}: not a server URI (postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME)")
    version = init_server(args.uri)
    print(f"{redacted(args.uri)}: Pizhu schema made (server schema version {version})")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from reader.cli.main import CliError, _dump
    from reader.store.copying import CopyError, copy_corpus
    from reader.store.postgres import redacted

    last = [-1]

    def progress(done: int, total: int, label: str) -> None:
        step = total // 20 or 1
        if not args.quiet and (done // step != last[0] or done == total):
            last[0] = done // step
            print(f"[{done}/{total}] {label}", file=sys.stderr)

    try:
        report = copy_corpus(args.src, args.dst, progress=progress)
    except CopyError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        _dump(report.to_json(), sys.stdout)
    else:
        model = "" if report.model is None else \
            f" and the retrained entity model ({int(report.model['bytes']) / 1e6:.1f} MB)"  # type: ignore[call-overload]
        print(f"copied {report.articles} article(s), {report.annotations} annotation(s), "
              f"{report.entities} entity mention(s){model} to {redacted(str(args.dst))}")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Print other writers' changes to a server corpus as they commit (one JSON line each)."""
    import json
    import os

    from reader.cli.main import CliError
    from reader.store.live import watch_for
    from reader.store.postgres import is_server_uri

    uri = args.db or os.environ.get("PIZHU_DB")
    if not is_server_uri(uri):
        raise CliError("watch needs a server corpus (--db postgresql://…): a file corpus sends no notices")

    def show(notice: object) -> None:
        print(json.dumps(notice.to_json(), ensure_ascii=False), flush=True)  # type: ignore[attr-defined]

    watch_for(str(uri), seconds=args.seconds, count=args.count, on_notice=show)
    return 0


def register(add: Add) -> None:
    p = add("watch", cmd_watch, "print changes to a server corpus as other coders commit them")
    p.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    p.add_argument("--count", type=int, default=None, help="stop after this many changes")
    p = add("init-server", cmd_init_server, "make the Pizhu schema in an empty PostgreSQL database")
    p.add_argument("uri", help="postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME")
    p = add("copy", cmd_copy, "copy a whole corpus between a file and a server (either direction)")
    p.add_argument("src", help="corpus file or postgresql:// URI")
    p.add_argument("dst", help="corpus file or postgresql:// URI (must hold no articles)")
    p.add_argument("--json", action="store_true",
                   help='print {"articles": n, "annotations": n, "entities": n, "model": {"sha256", "bytes"} or null}')
    p.add_argument("--quiet", "-q", action="store_true")
