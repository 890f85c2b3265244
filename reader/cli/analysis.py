"""CLI subcommands ``variables``, ``reprints``, ``timeline`` and ``phrases`` (issue 15).

``variables [--json] [--filter SPEC]``: one row per article ``{"article", "source", "variables":
{name: value}}`` with the same names also at the top level (as CSV columns would be);
``variables set ARTICLE NAME VALUE`` (``--source``: ARTICLE is a page file name or pattern);
``variables import FILE.csv``.
``reprints [--threshold 0.8] [--json]``: ``[{"cluster", "articles", "first", "similarity"}]``.
``timeline (--entity E | --tag T | --query Q | --phrase P) [--by month] [--split VAR]
[--collapse-reprints] [--json]``: ``[{"period", "split", "count", "articles"}]``.
``phrases [--json]``, ``phrases add LIST PHRASE [VARIANT…]``, ``phrases remove LIST [PHRASE]``,
``phrases import LIST FILE``, ``phrases hits P [--json]`` (first/last appearance per phrase),
``phrases kwic P``.  Every command taking ``--csv FILE`` also writes its table there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from reader.analysis.spec import FilterSpec
from reader.cli.main import CliError, _corpus, _dump

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _spec(text: str | None) -> FilterSpec:
    from reader.analysis.spec import parse_spec

    return parse_spec(text)


def _csv(args: argparse.Namespace, records: list[dict[str, Any]], header: list[str] | None = None) -> None:
    if getattr(args, "csv", None):
        from reader.analysis.tables import save_records_csv

        count = save_records_csv(records, args.csv, header)
        print(f"wrote {count} row(s) to {args.csv}", file=sys.stderr)


def _emit(args: argparse.Namespace, records: list[dict[str, Any]], line: Callable[[dict[str, Any]], str],
          header: list[str] | None = None, top: int | None = None) -> None:
    """The table as ``--csv`` (when asked), then as JSON with ``--json``, else one ``line`` a
    row (the first ``top`` rows)."""
    _csv(args, records, header)
    if args.json:
        _dump(records, sys.stdout)
    else:
        for record in records[:top]:
            print(line(record))


def cmd_variables(args: argparse.Namespace) -> int:
    from reader.analysis import variables as var
    from reader.analysis.spec import select_ids

    _corpus(args)
    action = args.action or "list"
    rest = list(args.rest)
    if "--source" in rest:  # after the action, argparse leaves options to us (REMAINDER)
        rest.remove("--source")
        args.source = True
    if action == "set":
        if len(rest) not in (2, 3):
            raise CliError("usage: variables set ARTICLE NAME VALUE (an empty VALUE clears it)")
        target, name, value = rest[0], rest[1], rest[2] if len(rest) == 3 else ""
        if args.source:
            ids = var.source_articles([target])
        else:
            if not target.isdigit():
                raise CliError(f"article {target!r} is not an id (use --source for a page file name)")
            ids = [int(target)]
        change = var.set_variable(ids, name, value)
        print(f"{var.check_name(name)} = {value or '(cleared)'} for {len(change.article_ids)} article(s)")
        return 0
    if action == "import":
        if len(rest) != 1:
            raise CliError("usage: variables import FILE.csv")
        report = var.import_csv(rest[0])
        if args.json:
            _dump(report.to_json(), sys.stdout)
        else:
            sets = ", ".join(f"{k} ({n})" for k, n in report.values.items()) or "nothing"
            print(f"{rest[0]}: {report.rows} row(s); set {sets}; {len(report.articles)} article(s)")
        return 0
    if action == "names":
        for name in var.variable_names():
            print(name)
        return 0
    if action != "list":
        raise CliError(f"unknown variables action {action!r} (list, set, import, names)")
    spec = _spec(args.filter)
    ids = select_ids(spec)
    values = var.article_variables(None if spec.is_empty() else ids)
    from reader.store.models import Article, SourceFile

    sources = dict(Article.select(Article.id, SourceFile.name).join(SourceFile).where(Article.id.in_(ids)).tuples())
    rows = []
    for article_id in ids:
        row: dict[str, Any] = {"article": article_id, "source": sources.get(article_id)}
        row.update({k: v for k, v in values[article_id].items() if k not in ("article", "source", "variables")})
        row["variables"] = dict(values[article_id])
        rows.append(row)
    _csv(args, [{k: v for k, v in r.items() if k != "variables"} for r in rows])
    if args.json:
        _dump(rows, sys.stdout)
    else:
        names = var.variable_names()
        print("\t".join(["article", "source", *names]))
        for r in rows:
            print("\t".join([str(r["article"]), str(r["source"]), *(r["variables"].get(n) or "-" for n in names)]))
    return 0


def cmd_reprints(args: argparse.Namespace) -> int:
    from reader.analysis import reprints
    from reader.corpus import on_progress_print

    _corpus(args)
    progress = None if args.quiet else _quiet_progress(on_progress_print(sys.stderr))
    clusters = reprints.cluster(args.threshold, progress=progress)
    assert clusters is not None
    if args.csv:
        from reader.analysis.tables import save_records_csv

        rows = reprints.cluster_rows(clusters)
        save_records_csv([dict(zip(reprints.CSV_COLUMNS, r)) for r in rows], args.csv, list(reprints.CSV_COLUMNS))
    if args.json:
        _dump([c.to_json() for c in clusters], sys.stdout)
    else:
        titles = dict((r[1], r[7]) for r in reprints.cluster_rows(clusters))
        for c in clusters:
            print(f"{c.cluster}\t{len(c.articles)} printings\tfirst {c.first}\tsimilarity {c.similarity:.2f}\t"
                  f"{titles.get(c.first, '')}\t{','.join(map(str, c.articles))}")
    return 0


def _quiet_progress(report: Callable[[int, int, str], None]) -> Callable[[int, int, str], None]:
    """Print only every few hundred steps (signatures come in the thousands)."""
    def progress(done: int, total: int, label: str) -> None:
        if label and (done % 2000 == 0):
            report(done, total, label)

    return progress


def _target(args: argparse.Namespace) -> tuple[str, str]:
    for kind in ("entity", "tag", "query", "phrase"):
        value = getattr(args, kind, None)
        if value:
            return kind, value
    raise CliError("say what to count: --entity, --tag, --query or --phrase")


def cmd_timeline(args: argparse.Namespace) -> int:
    from reader.analysis.timeline import timeline

    _corpus(args)
    kind, value = _target(args)
    rows = timeline(kind, value, by=args.by, split=args.split, collapse=args.collapse_reprints,
                    spec=_spec(args.filter))
    _emit(args, [r.to_json() for r in rows],
          lambda r: f"{r['period'] or '(undated)'}\t{r['split'] if r['split'] is not None else ''}\t{r['count']}\t"
                    f"{r['articles']}", ["period", "split", "count", "articles"])
    return 0


def cmd_phrases(args: argparse.Namespace) -> int:
    from reader.analysis import phrases

    _corpus(args)
    action, rest = args.action or "list", args.rest
    if action == "add":
        if len(rest) < 2:
            raise CliError("usage: phrases add LIST PHRASE [VARIANT ...]")
        phrases.add_phrase(rest[0], rest[1], rest[2:])
        print(f"{rest[0]}: {rest[1]}" + (f" ({' / '.join(rest[2:])})" if rest[2:] else ""))
        return 0
    if action == "remove":
        if len(rest) == 1:
            phrases.delete_list(rest[0])
        elif len(rest) == 2:
            phrases.remove_phrase(rest[0], rest[1])
        else:
            raise CliError("usage: phrases remove LIST [PHRASE]")
        return 0
    if action == "import":
        if len(rest) != 2:
            raise CliError("usage: phrases import LIST FILE (one phrase a line: label / variant / ...)")
        try:
            with open(rest[1], encoding="utf-8-sig") as fh:
                count = phrases.import_lines(rest[0], fh.read().splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{rest[1]}: cannot read ({exc})") from exc
        print(f"{rest[0]}: {count} phrase(s)")
        return 0
    if action in ("hits", "kwic"):
        if len(rest) != 1:
            raise CliError(f"usage: phrases {action} LIST_OR_PHRASE")
        from reader.analysis.spec import select_ids

        spec = _spec(args.filter)
        ids = None if spec.is_empty() else select_ids(spec)
        wanted = phrases.resolve(rest[0])
        if action == "kwic":
            lines = phrases.phrase_kwic(wanted, args.width, ids)
            _emit(args, [{"article": k.article_id, "title": k.title, "start": k.start, "end": k.end,
                          "left": k.left, "match": k.match, "right": k.right} for k in lines],
                  lambda k: f"{k['left']}【{k['match']}】{k['right']}\t{k['article']}:{k['start']}-{k['end']}")
            return 0
        _emit(args, [s.to_json() for s in phrases.summary(wanted, ids)],
              lambda s: f"{s['phrase']}\t{s['hits']} hit(s) in {s['articles']} article(s)\t"
                        f"first {s['first'] or '-'}\tlast {s['last'] or '-'}")
        return 0
    if action != "list":
        raise CliError(f"unknown phrases action {action!r} (list, add, remove, import, hits, kwic)")
    found = phrases.lists()
    if args.json:
        _dump([p.to_json() for p in found], sys.stdout)
    else:
        for plist in found:
            print(f"{plist.name}\t{len(plist.phrases)} phrase(s)")
            for p in plist.phrases:
                print(f"  {p.text}" + (f"\t{' / '.join(p.variants)}" if p.variants else ""))
    return 0


def register(add: Add) -> None:
    filter_help = "sub-corpus: since=YYYY-MM-DD,until=…,source=S,var:NAME=VALUE (comma-separated)"
    p = add("variables", cmd_variables, "document variables: list, set, import from CSV")
    p.add_argument("action", nargs="?", choices=("list", "set", "import", "names"))
    p.add_argument("rest", nargs=argparse.REMAINDER, help="set: ARTICLE NAME VALUE; import: FILE.csv")
    p.add_argument("--source", action="store_true", help="set: ARTICLE is a page file name or pattern")
    p.add_argument("--filter", help=filter_help)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", help="also write the table to this CSV file")

    p = add("reprints", cmd_reprints, "find reprinted copy (near-duplicate articles) and cluster it")
    p.add_argument("--threshold", type=float, default=0.8, help="estimated Jaccard similarity (0-1)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", help="write one row per clustered article to this CSV file")
    p.add_argument("--quiet", "-q", action="store_true")

    p = add("timeline", cmd_timeline, "mentions of an entity, tag, query or phrase list per period")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--entity")
    what.add_argument("--tag")
    what.add_argument("--query")
    what.add_argument("--phrase", help="a phrase list, a phrase of a list, or a literal phrase")
    p.add_argument("--by", choices=("day", "week", "month", "year"), default="month")
    p.add_argument("--split", help="a variable (newspaper, page, front, section, …), headline, or phrase")
    p.add_argument("--collapse-reprints", action="store_true", help="count a reprinted copy once")
    p.add_argument("--filter", help=filter_help)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv")

    p = add("phrases", cmd_phrases, "phrase lists (提法): list, add, remove, import, hits, kwic")
    p.add_argument("action", nargs="?", choices=("list", "add", "remove", "import", "hits", "kwic"))
    p.add_argument("rest", nargs="*")
    p.add_argument("--width", type=int, default=20, help="kwic: context characters each side")
    p.add_argument("--filter", help=filter_help)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv")
