"""``python -m reader`` / ``pizhu SUBCOMMAND``: the command-line contract.

Exit code 0 on success; 1 with a message naming the problem on stderr otherwise; 2 for usage
errors (argparse).  JSON goes to stdout as UTF-8.  Heavy modules are imported inside the command
that needs them so that ``ner`` and ``parse`` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from reader.cli import worker_count


class CliError(Exception):
    """A failure to report as ``pizhu: <message>`` with exit code 1."""


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def _corpus(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    return Corpus(args.db, coder=getattr(args, "coder", None))


def _parse_mode(args: argparse.Namespace) -> str:
    return "article" if getattr(args, "one_per_file", False) else "page" if getattr(args, "pages", False) else "auto"


def cmd_parse(args: argparse.Namespace) -> int:
    from reader.text.files import explain_file, parse_file
    from reader.text.sources import SourceError, expand_paths, read_page

    result: list[Any] = []
    failed = 0
    for path in expand_paths(args.files):  # a folder: its page files, as ingest reads them
        try:
            page = read_page(path)
        except SourceError as exc:  # named on stderr; the other files are still parsed
            print(f"pizhu: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.explain:
            result.append({"source": page.name, "encoding": page.encoding,
                           "evidence": explain_file(page.text, page.name, _parse_mode(args))})
        else:
            result.extend(a.to_json() for a in parse_file(page.text, page.name, _parse_mode(args)))
    if args.json or args.explain:
        _dump(result, sys.stdout)
    else:
        for art in result:
            print(f"{art['source']}#{art['position']}\t{art['title'] or '(' + art['display_title'] + ')'}"
                  f"\t{' '.join(art['authors'])}")
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from reader.corpus import on_progress_print

    corpus = _corpus(args)
    from reader.text.dates import parse_date

    try:
        published = parse_date(args.date) if args.date else None
    except ValueError as exc:
        raise CliError(f"--date: {exc}") from exc
    report = corpus.ingest(args.paths, progress=None if args.quiet else on_progress_print(sys.stderr),
                           force=args.force, published=published, jobs=args.jobs, mode=_parse_mode(args))
    if args.json:
        _dump(report.to_json(), sys.stdout)
    else:
        print(f"added {len(report.added)} file(s), updated {len(report.updated)}, "
              f"unchanged {len(report.unchanged)}, failed {len(report.failed)}; "
              f"{report.articles} article(s) written; {report.reanchored} annotation(s) re-anchored, "
              f"{report.orphaned} orphaned")
        for _, message in report.failed:
            print(f"  failed: {message}")
    return 1 if report.failed and not (report.added or report.updated or report.unchanged) else 0


def cmd_page_date(args: argparse.Namespace) -> int:
    from reader.text.dates import parse_date

    corpus = _corpus(args)
    if args.date is None:
        for name, published in sorted(corpus.page_dates().items()):
            print(f"{name}\t{published.isoformat() if published else '-'}")
        return 0
    try:
        published = None if args.date == "none" else parse_date(args.date)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    change = corpus.set_page_date(args.source, published)
    print(f"{args.source}: {published.isoformat() if published else 'undated'} ({len(change.article_ids)} article(s))")
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    rows = _corpus(args).articles()
    if args.json:
        _dump([r.to_json() for r in rows], sys.stdout)
    else:
        for r in rows:
            print(f"{r.id}\t{r.source}\t{r.display_title}\t{','.join(r.authors)}\t{r.chars}\t"
                  f"{r.entities}\t{r.annotations}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.coding.anchors import text_version

    corpus = _corpus(args)
    art = corpus.article(args.id)
    entities = corpus.entities(args.id)
    annotations = corpus.annotations(args.id)
    if args.json:
        _dump({
            "id": art.id, "source": art.source, "title": art.title,
            "display_title": art.display_title, "title_derived": art.title_derived,
            "subtitle": art.subtitle, "kicker": art.kicker, "column": art.column,
            "authors": list(art.authors), "photographers": list(art.photographers),
            "dateline": art.dateline, "captions": list(art.captions), "text": art.text,
            "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in art.segments],
            "entities": [{"start": e.start, "end": e.end, "type": e.type, "text": e.text,
                          "source": e.source} for e in entities],
            "annotations": [_annotation_json(a) for a in annotations],
            "state": art.state,
            "text_version": text_version(art.text),
        }, sys.stdout)
    else:
        print(art.display_title)
        print(art.text)
    return 0


def _annotation_json(a: Any) -> dict[str, Any]:
    return {
        "id": a.id, "article": a.article_id, "start": a.start, "end": a.end, "quote": a.quote,
        "tags": list(a.tags), "note": a.note, "status": a.status, "author": a.author, "coder": a.coder,
        "prefix": a.prefix, "suffix": a.suffix,
        "created": a.created.isoformat(), "updated": a.updated.isoformat(), "version": a.version,
    }


def _entity_json(e: Any) -> dict[str, Any]:
    out = {"start": e.start, "end": e.end, "type": e.type, "text": e.text, "source": e.source}
    if getattr(e, "canonical", ""):
        out["canonical"] = e.canonical
    return out


#: ``ner --jsonl`` without ``--jobs`` uses one worker per core from this many characters on
#: (about a second of recognition; below it a second worker's load costs more than it saves).
NER_PARALLEL_CHARS = 100_000


def _stdin_text(data: bytes) -> str:
    """``ner``'s input: UTF-8 (a BOM is dropped), or UTF-16/32 with a BOM; anything else is
    refused with the byte at fault, never a traceback or a silent guess."""
    import codecs

    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise CliError(f"stdin: not {codec.upper()} text after its byte-order mark ({exc.reason} "
                               f"at byte {exc.start})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"stdin: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                       "convert it first, e.g. `iconv -f GB18030 -t UTF-8`") from exc
    if "\0" in text:
        raise CliError("stdin: binary data (contains NUL bytes), not text")
    return text


#: Set by a command whose process holds nothing to finalise once it has written its answer
#: (``ner``: stdin in, stdout out, no database): ``python -m reader`` then flushes and ends
#: without the interpreter's teardown, which freed the lexicon and model object by object and
#: ran a last full collection over them (~0.2 s of CPU, about a twentieth of a bench run).
QUICK_EXIT = False


def cmd_ner(args: argparse.Namespace) -> int:
    global QUICK_EXIT
    from reader.text.entities import default_recognizer, recognize_parallel

    QUICK_EXIT = True

    stdin = _stdin_text(sys.stdin.buffer.read())
    rec = default_recognizer()
    if not args.jsonl:
        _dump([_entity_json(e) for e in rec.recognize(stdin)], sys.stdout)
        return 0
    items: list[dict[str, Any]] = []
    for number, line in enumerate(stdin.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item["text"], str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            raise CliError(f"stdin line {number}: expected {{\"id\", \"text\"}} JSON ({exc})") from exc
        items.append(item)
    out = sys.stdout
    texts = (item["text"] for item in items)
    jobs = args.jobs
    if jobs is None:  # both cores once the work outweighs a second worker's start (~0.5 s)
        jobs = 0 if sum(len(item["text"]) for item in items) >= NER_PARALLEL_CHARS else 1
    import gc

    gc.disable()  # recognition and the JSON make no cyclic garbage: the collector's passes between
    # texts were pure cost (~2 % of the instructions); forked workers inherit this
    for item, ents in zip(items, recognize_parallel(texts, rec, jobs)):
        out.write(json.dumps({"id": item.get("id"), "entities": [_entity_json(e) for e in ents]},
                             ensure_ascii=False))
        out.write("\n")
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    kwargs = {"tags": args.tag or [], "note": args.note or "", "author": args.author,
              "text_version": args.text_version}
    if args.quote is not None:
        ann = corpus.annotate_quote(args.id, args.quote, args.nth, **kwargs)
    else:
        if args.start is None or args.end is None:
            raise CliError("annotate needs --start and --end, or --quote")
        ann = corpus.annotate(args.id, args.start, args.end, **kwargs)
    print(ann.id)
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    rows = _corpus(args).annotations(args.article)
    if args.by:
        rows = [a for a in rows if a.coder in set(args.by)]
    if args.json:
        _dump([_annotation_json(a) for a in rows], sys.stdout)
    else:
        for a in rows:
            print(f"{a.id}\t{a.article_id}\t{a.start}-{a.end}\t{a.status}\t{','.join(a.tags)}\t{a.quote}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reader.exchange.exporting import ExportFilters, export

    corpus = _corpus(args)
    filters = ExportFilters(
        tags=tuple(args.tag or ()), articles=tuple(args.article or ()), author=args.author,
        since=args.since, until=args.until, include_entities=args.entities, bio_source=args.bio_labels,
        nvivo=args.nvivo,
    )
    if args.output is None or args.output == "-":
        count = export(corpus, args.format, sys.stdout, filters)
    else:
        count = export(corpus, args.format, args.output, filters)
        what = "entity span(s)" if args.format == "bio" and args.bio_labels == "entities" else "annotation(s)"
        print(f"exported {count} {what} to {args.output}", file=sys.stderr)  # BIO counts what it labels
    return 0


def _mode_flags(p: argparse.ArgumentParser) -> None:
    """``--one-per-file`` / ``--pages``: force how files are read (default: decided per file)."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--one-per-file", action="store_true",
                   help="every file is one article (crawler folders, YYYYMMDD-PP-NN.txt)")
    g.add_argument("--pages", action="store_true", help="every file is a whole page of several articles")


def build_parser(extensions: bool = True) -> argparse.ArgumentParser:
    """The command-line parser; ``extensions=False`` leaves out the subcommands of
    :data:`CLI_EXTENSIONS` (importing them and building their parsers cost a ``ner`` process
    about 0.035 s of CPU, a hundredth of a bench run)."""
    parser = argparse.ArgumentParser(prog="pizhu", description="Pizhu 批注: Chinese news corpus reader and annotator")
    parser.add_argument("--db", default=None, help="corpus: a file, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME "
                        "(default: $PIZHU_DB or data/pizhu.sqlite3)")
    parser.add_argument("--coder", default=None, metavar="NAME",
                        help="who is coding: recorded on every write (default: $PIZHU_CODER)")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(func=func)
        return p

    p = add("parse", cmd_parse, "parse page files into articles (no database)")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--explain", action="store_true", help="print the parser's evidence for each decision")
    _mode_flags(p)

    p = add("ingest", cmd_ingest, "ingest page files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--force", action="store_true", help="re-parse even if unchanged")
    p.add_argument("--date", help="the pages' publication date (YYYY-MM-DD); default: from the file name or masthead")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", "-q", action="store_true")
    p.add_argument("--jobs", "-j", type=worker_count, default=None,
                   help="processes that parse and recognise (default: one per core for large batches)")
    _mode_flags(p)

    p = add("page-date", cmd_page_date, "show or set the publication date of ingested pages")
    p.add_argument("source", nargs="?", help="page file name (omit to list every page's date)")
    p.add_argument("date", nargs="?", help="YYYY-MM-DD, or 'none' to clear")

    p = add("articles", cmd_articles, "list articles")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "show one article")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = add("ner", cmd_ner, "recognise entities in UTF-8 text on stdin")
    p.add_argument("--jsonl", action="store_true", help='input lines {"id","text"} -> output lines {"id","entities"}')
    p.add_argument("--jobs", type=worker_count, default=None,
                   help="worker processes for --jsonl (0: one per core; default: one per core "
                        f"from {NER_PARALLEL_CHARS:,} characters of input on, else 1)")

    p = add("annotate", cmd_annotate, "annotate a passage of an article")
    p.add_argument("id", type=int)
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--quote")
    p.add_argument("--nth", type=int, default=1)
    p.add_argument("--tag", action="append")
    p.add_argument("--note")
    p.add_argument("--author")
    p.add_argument("--text-version", help="refuse unless the article's text still has this version "
                                           "(the text_version of `show --json`)")

    p = add("annotations", cmd_annotations, "list annotations")
    p.add_argument("--json", action="store_true")
    p.add_argument("--article", type=int)
    p.add_argument("--by", action="append", metavar="CODER", help="only this coder's annotations (repeatable)")

    p = add("export", cmd_export, "export annotations")
    p.add_argument("--format", "-f", default="jsonl")
    p.add_argument("--output", "-o")
    p.add_argument("--tag", action="append", help="only these tags (and their children)")
    p.add_argument("--article", action="append", type=int)
    p.add_argument("--author")
    p.add_argument("--since", help="created on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="created on or before (YYYY-MM-DD)")
    p.add_argument("--entities", action="store_true", help="include entities")
    p.add_argument("--bio-labels", choices=["entities", "tags"], default="entities",
                   help="what the bio (CoNLL) format labels")
    p.add_argument("--nvivo", action="store_true",
                   help="qdpx: positions as NVivo counts them (UTF-16 units, CRLF line ends)")
    for module_name in CLI_EXTENSIONS if extensions else ():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(add)
    for sub_parser in sub.choices.values():  # `pizhu annotate 3 ... --coder A` works too
        if "--coder" not in sub_parser._option_string_actions:
            sub_parser.add_argument("--coder", default=argparse.SUPPRESS, metavar="NAME",
                                    help="who is coding (same as the global --coder)")
    return parser


# Modules that add subcommands: each defines ``register(add)`` where ``add(name, func, help)``
# returns the new subparser.  Keeps feature areas out of each other's way.
CLI_EXTENSIONS: tuple[str, ...] = (
    "reader.cli.annotations",  # reanchor, tags ...
    "reader.cli.search",  # search, stats
    "reader.cli.io",  # import
    "reader.cli.entities",  # entity corrections
    "reader.cli.team",  # coders, merge, agreement
    "reader.cli.server",  # init-server, copy
    "reader.cli.safety",  # backup, backups, restore
    "reader.cli.analysis",  # variables, reprints, timeline, phrases
    "reader.cli.wordstats",  # words, keyness, collocations, autocode
    "reader.cli.pages",  # page view, fixes by hand
)


def _warn(message: Warning | str, category: type[Warning], *_args: Any, **_kwargs: Any) -> None:
    print(f"pizhu: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    warnings.showwarning = _warn  # e.g. a daily backup that could not be made: one plain line
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(extensions=argv[:1] != ["ner"])  # ner needs none of them, and starts fast
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"pizhu: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `pizhu articles | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # known error types of the core carry their own message
        from reader.errors import KNOWN_ERRORS

        if isinstance(exc, KNOWN_ERRORS):
            print(f"pizhu: {exc}", file=sys.stderr)
            return 1
        raise
