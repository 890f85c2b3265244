"""``pizhu page …`` and ``pizhu fix …``: an article's page with every article's parts, and fixing
the page's split by hand (registered by ``reader.cli.main`` through ``CLI_EXTENSIONS``).

``page ARTICLE [--json]`` prints the page's articles and parts (code points of the page text);
``fix split ARTICLE (--at N | --before TEXT | --page-offset N)``, ``fix merge ARTICLE --with next|prev``,
``fix edit ARTICLE [--title T] [--subtitle S] [--authors A,B]`` and ``fix list ARTICLE``.
With ``--json`` a fix prints ``{"fix", "articles", "changed"}``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _corpus(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    return Corpus(args.db, coder=getattr(args, "coder", None))


def cmd_page(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump

    view = _corpus(args).page_view(args.article)
    if args.json:
        _dump(view.to_json(), sys.stdout)
        return 0
    print(f"{view.source} ({view.status}, {len(view.articles)} articles, {view.fixes} fixes)")
    for art in view.articles:
        print(f"[{art.id}] {art.title}")
        for p in view.parts_of(art.id):
            shown = (view.text or "")[p.start:p.end].replace("\n", " ")
            print(f"  {p.kind:<12} {p.start}-{p.end}  {shown[:40]}" + (f"  ({p.jump})" if p.jump else ""))
    return 0


def _fix(args: argparse.Namespace, op: str, **kwargs: Any) -> int:
    from reader.cli.main import _dump

    result = _corpus(args).fix_article(args.article, op, **kwargs)
    if args.json:
        _dump({"fix": result.fix, "articles": list(result.article_ids),
               "changed": list(result.change.article_ids)}, sys.stdout)
    else:
        print(f"{op}: the page now has articles {', '.join(map(str, result.article_ids))}")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from reader.cli.main import CliError

    at = args.at
    if args.page_offset is not None:
        if at is not None or args.before is not None:
            raise CliError("fix split takes one of --at, --before and --page-offset")
        return _fix(args, "split", page_at=args.page_offset)
    if args.before is not None:
        text = _corpus(args).article(args.article).text
        at = text.find(args.before)
        if at < 0:
            raise CliError(f"article {args.article} has no {args.before!r}")
    if at is None:
        raise CliError("fix split needs --at N, --before TEXT or --page-offset N")
    return _fix(args, "split", at=at)


def cmd_merge(args: argparse.Namespace) -> int:
    return _fix(args, "merge", other=args.other)


def cmd_edit(args: argparse.Namespace) -> int:
    from reader.cli.main import CliError

    values: dict[str, Any] = {}
    if args.title is not None:
        values["title"] = args.title
    if args.subtitle is not None:
        values["subtitle"] = args.subtitle
    if args.authors is not None:
        values["authors"] = [a.strip() for a in args.authors.replace("、", ",").split(",") if a.strip()]
    if not values:
        raise CliError("fix edit needs --title, --subtitle or --authors")
    return _fix(args, "edit", values=values)


def cmd_list(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump

    corpus = _corpus(args)
    rows = corpus.page_fixes(corpus.article(args.article).source)
    if args.json:
        _dump([r.to_json() for r in rows], sys.stdout)
    else:
        for r in rows:
            print(f"{r.seq}\t{r.op}\t{r.status}\t{r.reason}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "split": cmd_split, "merge": cmd_merge, "edit": cmd_edit, "list": cmd_list,
}


def cmd_fix(args: argparse.Namespace) -> int:
    return COMMANDS[args.fix_command](args)


def register(add: Add) -> None:
    p = add("page", cmd_page, "an article's page: the original text and every article's parts")
    p.add_argument("article", type=int)
    p.add_argument("--json", action="store_true")

    p = add("fix", cmd_fix, "fix a page's split by hand: split, merge, edit (kept across re-ingest)")
    sub = p.add_subparsers(dest="fix_command", required=True)
    q = sub.add_parser("split", help="cut ARTICLE at a point of its text; the second part starts there")
    q.add_argument("article", type=int)
    q.add_argument("--at", type=int, help="code point of the article's text")
    q.add_argument("--before", help="cut just before the first occurrence of this text")
    q.add_argument("--page-offset", type=int, help="code point of the page text (as `page --json` gives it): the "
                   "article printed there is cut at that point")
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("merge", help="merge ARTICLE with the next or previous article of its page")
    q.add_argument("article", type=int)
    q.add_argument("--with", dest="other", choices=("next", "prev"), required=True)
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("edit", help="set ARTICLE's title, subtitle or authors (\"\" removes)")
    q.add_argument("article", type=int)
    q.add_argument("--title")
    q.add_argument("--subtitle")
    q.add_argument("--authors", help="comma-separated names")
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("list", help="the fixes stored for ARTICLE's page")
    q.add_argument("article", type=int)
    q.add_argument("--json", action="store_true")
