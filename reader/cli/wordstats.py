"""CLI subcommands ``words``, ``keyness``, ``collocations`` and ``autocode`` (issue 15).

``words [--json]``: ``[{"word", "count", "articles"}]``;
``keyness --target SPEC --reference SPEC [--min 5] [--json]``: ``[{"item", "target",
"reference", "ll", "log_ratio"}]`` sorted by ``ll`` (an empty reference is the rest of the corpus);
``collocations WORD [--window 5] [--json]``: ``[{"item", "count", "mi", "log_dice", "ll"}]``;
the three list one page of rows, ``--offset N`` (default 0) and ``--limit N`` (0: every row;
``--top N`` is the same as ``--limit N``; by default every row with ``--json`` or ``--csv``, as
before paging came, and 200 rows of text output), as ``search`` does: only that page is
made and sorted, and when rows are left out the total goes to stderr (``N row(s) in all;
rows A–B shown``); ``--csv`` writes the same page;
``autocode (--query Q | --entity E | --phrase P) --tag T [--dry-run] [--json]``: the proposed
(dry run) or written annotations, one per hit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from reader.cli.analysis import _emit, _spec
from reader.cli.main import CliError, _annotation_json, _corpus, _dump

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _stopwords(args: argparse.Namespace) -> frozenset[str]:
    from reader.analysis.wordstats import default_stopwords, read_stopwords

    words: set[str] = set(default_stopwords()) if args.stop else set()
    for path in args.stopwords or ():
        words |= read_stopwords(path)
    return frozenset(words)


def _page(args: argparse.Namespace) -> tuple[int, int | None]:
    """(offset, limit) of ``--offset``/``--limit`` (a limit of 0: every row; none given: every
    row for ``--json`` and ``--csv``, whose consumers had every row before paging came, and
    :data:`TEXT_ROWS` rows of text)."""
    limit = args.limit
    if limit is None:
        limit = 0 if (args.json or args.csv) else TEXT_ROWS
    if args.offset < 0 or limit < 0:
        raise CliError("--offset and --limit cannot be negative")
    return args.offset, (limit or None)


TEXT_ROWS = 200  # rows of text output when no --limit is given


def _shown(total: int, offset: int, rows: int) -> None:
    """Say on stderr what part of the rows a page shows, when it leaves some out."""
    if rows < total:
        first = f"rows {offset + 1}–{offset + rows}" if rows else f"no row from {offset + 1}"
        print(f"{total} row(s) in all; {first} shown (--offset/--limit for others, --limit 0 for all)",
              file=sys.stderr)


def cmd_words(args: argparse.Namespace) -> int:
    from reader.analysis.wordstats import word_page

    _corpus(args)
    offset, limit = _page(args)
    total, rows = word_page(_spec(args.filter), offset, limit, _stopwords(args), numbers=not args.no_numbers)
    _emit(args, [w.to_json() for w in rows], lambda w: f"{w['word']}\t{w['count']}\t{w['articles']}",
          ["word", "count", "articles"])
    _shown(total, offset, len(rows))
    return 0


def cmd_keyness(args: argparse.Namespace) -> int:
    from reader.analysis.wordstats import keyness_page

    _corpus(args)
    offset, limit = _page(args)
    total, rows = keyness_page(_spec(args.target), _spec(args.reference), args.min, entities=args.entities,
                               stopwords=_stopwords(args), offset=offset, limit=limit)
    _emit(args, [k.to_json() for k in rows],
          lambda k: f"{k['item']}\t{k['target']}\t{k['reference']}\t{k['ll']:.2f}\t{k['log_ratio']:+.2f}")
    _shown(total, offset, len(rows))
    return 0


def cmd_collocations(args: argparse.Namespace) -> int:
    from reader.analysis.wordstats import collocations_page

    _corpus(args)
    node: str | list[str] = args.word
    if args.entity:
        from reader.analysis.entity_index import alias_map

        amap = alias_map()
        node = sorted(amap.names_for(amap.canonical(args.word)))
    offset, limit = _page(args)
    total, rows = collocations_page(node, args.window, _spec(args.filter), args.min, args.sort, _stopwords(args),
                                    offset, limit)
    _emit(args, [c.to_json() for c in rows],
          lambda c: f"{c['item']}\t{c['count']}\t{c['mi']:.2f}\t{c['log_dice']:.2f}\t{c['ll']:.2f}",
          ["item", "count", "mi", "log_dice", "ll"])
    _shown(total, offset, len(rows))
    return 0


def cmd_autocode(args: argparse.Namespace) -> int:
    from reader.analysis import autocode

    corpus = _corpus(args)
    source, value = next((k, getattr(args, k)) for k in ("query", "entity", "phrase") if getattr(args, k))
    proposals = autocode.propose(source, value, args.tag, _spec(args.filter))
    if args.dry_run:
        records = [p.to_json(args.tag) for p in proposals]
        if args.json:
            _dump(records, sys.stdout)
        else:
            for p in proposals:
                print(f"{p.article_id}\t{p.start}-{p.end}\t{p.quote}" + ("\t(already coded)" if p.exists else ""))
            print(f"{len(proposals)} hit(s); dry run, nothing written", file=sys.stderr)
        return 0
    written, _change = autocode.write(corpus, proposals, args.tag, author=args.author)
    if args.json:
        _dump([_annotation_json(a) for a in written], sys.stdout)
    else:
        for a in written:
            print(f"{a.id}\t{a.article_id}\t{a.start}-{a.end}\t{a.quote}")
        skipped = len(proposals) - len(written)
        print(f"{len(written)} annotation(s) written with {args.tag}"
              + (f"; {skipped} hit(s) already coded" if skipped else ""), file=sys.stderr)
    return 0


def register(add: Add) -> None:
    filter_help = "sub-corpus: since=YYYY-MM-DD,until=…,source=S,var:NAME=VALUE (comma-separated)"

    def page_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--limit", "--top", dest="limit", type=int, default=None,
                       help="rows listed (0: every row; default: every row with --json or --csv, 200 of text)")
        p.add_argument("--offset", type=int, default=0, help="skip this many rows first (paging)")

    def stop_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--stop", action="store_true", help="leave out the built-in Chinese stop words")
        p.add_argument("--stopwords", action="append", metavar="FILE", help="leave out the words in FILE")
        p.add_argument("--csv", help="also write the table to this CSV file")
        p.add_argument("--json", action="store_true")

    p = add("words", cmd_words, "word frequency list (the recogniser's segmentation)")
    page_options(p)
    p.add_argument("--filter", help=filter_help)
    p.add_argument("--no-numbers", action="store_true", help="leave out pure numbers")
    stop_options(p)

    p = add("keyness", cmd_keyness, "key words (or entities) of a target sub-corpus against a reference")
    p.add_argument("--target", required=True, help=filter_help)
    p.add_argument("--reference", default="", help="as --target; empty: the rest of the corpus")
    p.add_argument("--min", type=int, default=5, help="minimum frequency in target or reference")
    p.add_argument("--entities", action="store_true", help="key entities instead of words")
    page_options(p)
    stop_options(p)

    p = add("collocations", cmd_collocations, "collocates of a word or entity in a window")
    p.add_argument("word")
    p.add_argument("--window", type=int, default=5, help="words either side")
    p.add_argument("--entity", action="store_true", help="WORD is an entity: use all its aliases as the node")
    p.add_argument("--min", type=int, default=1, help="minimum co-occurrences")
    p.add_argument("--sort", choices=("count", "mi", "log_dice", "ll"), default="ll")
    p.add_argument("--filter", help=filter_help)
    page_options(p)
    stop_options(p)

    p = add("autocode", cmd_autocode, "code every occurrence of a query, entity or phrase list with a tag")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--query")
    what.add_argument("--entity")
    what.add_argument("--phrase")
    p.add_argument("--tag", required=True)
    p.add_argument("--dry-run", action="store_true", help="list the proposed annotations, write nothing")
    p.add_argument("--author")
    p.add_argument("--filter", help=filter_help)
    p.add_argument("--json", action="store_true")
