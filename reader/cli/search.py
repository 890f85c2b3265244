"""CLI subcommands ``search``, ``stats`` and ``entity-index`` (registered by :mod:`reader.cli.main`).

``search QUERY --json``: ``[{"article","title","score","snippet","hits":[[s,e],...]}]``;
``search QUERY --kwic --json``: one object per occurrence
``{"article","title","start","end","left","match","right"}``.  Offsets are code points into the
article's text (``show --json`` ``text``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from reader.analysis.spec import FilterSpec
from reader.cli.main import CliError, _corpus, _dump

IDEOGRAPHIC_SPACE = "\u3000"  # pads the left context so matches line up in a CJK terminal
Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    sources: list[int | str] | None = None
    if args.source:
        sources = [int(s) if s.isdigit() else s for s in args.source]
    from reader.text.dates import parse_date

    try:
        since = parse_date(args.since) if args.since else None
        until = parse_date(args.until) if args.until else None
    except ValueError as exc:
        raise CliError(f"--since/--until: {exc}") from exc
    return {"sources": sources, "tags": args.tag or None, "entity": args.entity, "author": args.author,
            "since": since, "until": until}


def _spec(args: argparse.Namespace) -> FilterSpec:
    """The ``--filter SPEC`` (document variables and the rest, see reader.analysis.spec)."""
    from reader.analysis.spec import parse_spec

    return parse_spec(getattr(args, "filter", None))


def cmd_search(args: argparse.Namespace) -> int:
    from reader.analysis.concordance import kwic_in
    from reader.store.search import SearchError, sort_kwic

    _corpus(args)
    try:
        if args.kwic or args.kind != "text":
            lines = kwic_in(_spec(args), args.query, width=args.width, regex=args.regex, kind=args.kind,
                            limit=args.limit, timeout=args.timeout if args.timeout > 0 else None,
                            **_filters(args))
            if args.sort:
                lines = sort_kwic(lines, args.sort)
            if args.json:
                _dump([{"article": k.article_id, "title": k.title, "start": k.start, "end": k.end,
                        "left": k.left, "match": k.match, "right": k.right} for k in lines], sys.stdout)
            else:
                pad = max((len(k.left) for k in lines), default=0)
                for k in lines:
                    left = k.left.rjust(pad, IDEOGRAPHIC_SPACE)
                    print(f"{left}【{k.match}】{k.right}\t{k.article_id}:{k.start}-{k.end}")
            return 0
        page = _search_page(args)
    except SearchError as exc:
        raise CliError(str(exc)) from exc
    hits = page.hits
    if page.stopped:
        print(f"pizhu: search stopped ({page.stopped} after {args.timeout:g} s): {page.total} matching "
              "article(s) found so far; results are partial", file=sys.stderr)
    elif not args.json:
        print(f"{page.total} matching article(s)", file=sys.stderr)
    if args.json:
        _dump([{"article": h.article_id, "title": h.title, "score": round(h.score, 6),
                "snippet": h.snippet, "hits": [list(s) for s in h.hits]} for h in hits], sys.stdout)
    else:
        for h in hits:
            print(f"{h.article_id}\t{h.score:.3f}\t{len(h.hits)}\t{h.title}\t{h.snippet}")
    return 0


def _search_page(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The ranked page of results ``--offset``/``--limit`` and the total, time-bounded (within
    the ``--filter`` SPEC's articles when one is given)."""
    from reader.analysis.concordance import entity_forms, restrict_page
    from reader.store.search import SearchFilters, search_page

    filters = _filters(args)
    entity = filters.pop("entity")
    flt = SearchFilters(entity=entity_forms(entity) if entity else None, **filters)
    limit = args.limit if args.limit is not None else 200
    spec = _spec(args)
    if not spec.is_empty():
        page = search_page(args.query, regex=args.regex, filters=flt, offset=0, limit=1 << 40,
                           timeout=args.timeout if args.timeout > 0 else None)
        return restrict_page(spec, page, args.offset, limit)
    return search_page(args.query, regex=args.regex, filters=flt, offset=args.offset, limit=limit,
                       timeout=args.timeout if args.timeout > 0 else None)


def cmd_stats(args: argparse.Namespace) -> int:
    from reader.analysis.stats import TABLES, corpus_stats, table_rows

    _corpus(args)
    stats = corpus_stats(scope=args.scope)
    assert stats is not None
    if args.json:
        _dump(stats.to_json(), sys.stdout)
        return 0
    print(f"articles\t{stats.articles}\ncharacters\t{stats.chars}\nco-occurrence scope\t{stats.scope}")
    for table in TABLES:
        header, rows = table_rows(stats, table)
        print(f"\n# {table} ({len(rows)})")
        print("\t".join(header))
        for row in rows[: args.top]:
            print("\t".join(str(v) for v in row))
    return 0


def cmd_entity_index(args: argparse.Namespace) -> int:
    from reader.analysis import entity_index as ei

    _corpus(args)
    try:
        if args.merge:
            ei.add_alias(args.merge[0], args.merge[1], args.type or "")
        if args.unmerge:
            ei.remove_alias(args.unmerge)
    except ei.AliasError as exc:
        raise CliError(str(exc)) from exc
    entries = ei.entity_index([args.type] if args.type else ei.INDEX_TYPES)
    if args.json:
        _dump([e.to_json() for e in entries], sys.stdout)
    else:
        for e in entries:
            print(f"{e.name}\t{e.type}\t{e.mentions}\t{len(e.articles)}\t{'、'.join(e.variants)}")
    return 0


def register(add: Add) -> None:
    p = add("search", cmd_search, "full-text search or concordance (KWIC)")
    p.add_argument("query", help='words (ANDed), "exact phrase", AND/OR/NOT, -word, ( ); or a regex')
    p.add_argument("--json", action="store_true")
    p.add_argument("--kwic", action="store_true", help="one line per occurrence with its context")
    p.add_argument("--regex", action="store_true", help="the query is a Python regular expression")
    p.add_argument("--kind", choices=("text", "entity", "tag"), default="text",
                   help="KWIC of text, of an entity's mentions, or of passages with a tag")
    p.add_argument("--width", type=int, default=20, help="context characters each side (KWIC)")
    p.add_argument("--limit", type=int, default=None, help="results (default 200) or KWIC lines (default 10,000)")
    p.add_argument("--offset", type=int, default=0, help="skip this many ranked results (paging)")
    p.add_argument("--timeout", type=float, default=30.0,
                   help="seconds a scan (regex, mixed negation) may run before it stops with what it found "
                        "(0: no limit)")
    p.add_argument("--sort", choices=("left", "match", "right", "position"), help="KWIC order")
    p.add_argument("--source", action="append", help="source file name or id (repeatable)")
    p.add_argument("--tag", action="append", help="articles with this tag (repeatable)")
    p.add_argument("--entity", help="articles mentioning this entity")
    p.add_argument("--author", help="articles by this author")
    p.add_argument("--since", help="pages published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="pages published on or before this date (YYYY-MM-DD)")
    p.add_argument("--filter", help="sub-corpus SPEC: var:NAME=VALUE,source=S,since=…,until=… (comma-separated)")

    p = add("stats", cmd_stats, "corpus statistics")
    p.add_argument("--json", action="store_true")
    p.add_argument("--scope", choices=("span", "article"), default="span",
                   help="co-occurrence within one annotation span or one article")
    p.add_argument("--top", type=int, default=20, help="rows per table in text output")

    p = add("entity-index", cmd_entity_index, "people, places and organisations with counts")
    p.add_argument("--json", action="store_true")
    p.add_argument("--type", choices=("PER", "LOC", "ORG", "DATE", "NUM"))
    p.add_argument("--merge", nargs=2, metavar=("ALIAS", "CANONICAL"), help="store an alias first")
    p.add_argument("--unmerge", metavar="ALIAS", help="forget an alias first")
