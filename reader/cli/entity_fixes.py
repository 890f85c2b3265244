"""``pizhu entity fix|drop|unfix|fixes``: corrections of one entity occurrence from the command
line (see :mod:`reader.coding.occurrences`).  Offsets are code points of the article's text.

``entity fix ARTICLE START END --type T`` makes that span an entity of T in that article only;
with ``--corpus`` it applies everywhere instead (the text becomes a user entry and, when it
changes the boundaries of an entity found there, that entity's text is rejected as its type).
``entity drop ARTICLE START END [--type T]``: no entity overlapping that span there.
``entity unfix ARTICLE START END [--action set|drop]`` forgets the fixes of that span.
``entity fixes [--article N] [--json]`` lists them, newest first, with their status.

``entity retrain [--fraction F] [--weight W] [--json]`` trains the corpus's own model from its
corrections (see :mod:`reader.coding.retrain`) and recognises every article again with it;
``entity model [--json]`` says which model the corpus uses (``{"model", "retrained", "stored"}``;
``stored`` says where a retrained model is kept: beside a file corpus, or in a server corpus's
database for every coder); ``entity revert-model`` goes back to the shipped one (on a server,
for every coder).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from reader.records import ENTITY_TYPES

Command = Callable[[argparse.Namespace], int]


def _corpus_and_progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.cli.entities import _corpus, _progress

    return _corpus(args), _progress(args)


def _report_fix(applied, what: str) -> int:  # type: ignore[no-untyped-def]
    if not applied.edit:
        print(f"{what}: nothing to change")
    else:
        print(f"{what}: entities recomputed in {len(applied.change.article_ids)} article(s)")
    return 0


def cmd_fix(args: argparse.Namespace) -> int:
    from reader.changes import check_range
    from reader.coding import occurrences
    from reader.coding.corrections import apply_edit

    corpus, progress = _corpus_and_progress(args)
    if not args.corpus:
        applied = occurrences.set_span(corpus, args.article, args.start, args.end, args.type, progress=progress)
        return _report_fix(applied, f"article {args.article} {args.start}-{args.end} is {args.type} here")
    text = corpus.article(args.article).text
    check_range(args.start, args.end, len(text))
    new_text = text[args.start:args.end]
    old = next((e for e in corpus.entities(args.article) if e.start < args.end and args.start < e.end), None)
    if old is None:
        edit = occurrences.corpus_span_edit(new_text, args.type, new_text, args.type)
    else:
        edit = occurrences.corpus_span_edit(old.text, old.type, new_text, args.type)
    applied = apply_edit(corpus, edit, progress=progress)
    return _report_fix(applied, f"{new_text} is {args.type} in every article")


def cmd_drop(args: argparse.Namespace) -> int:
    from reader.coding import occurrences

    corpus, progress = _corpus_and_progress(args)
    applied = occurrences.drop_span(corpus, args.article, args.start, args.end, args.type, progress=progress)
    return _report_fix(applied, f"article {args.article} {args.start}-{args.end} is not an entity here")


def cmd_unfix(args: argparse.Namespace) -> int:
    from reader.cli.main import CliError
    from reader.coding import occurrences

    corpus, progress = _corpus_and_progress(args)
    applied = occurrences.remove_fix(corpus, args.article, args.start, args.end, args.action, progress=progress)
    if not applied.edit:
        raise CliError(f"no fix of article {args.article} {args.start}-{args.end}")
    return _report_fix(applied, f"forgot the fixes of article {args.article} {args.start}-{args.end}")


def cmd_fixes(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump
    from reader.coding.occurrences import list_fixes

    corpus, _ = _corpus_and_progress(args)
    rows = list_fixes(corpus, args.article)
    if args.json:
        _dump([r.to_json() for r in rows], sys.stdout)
    else:
        for r in rows:
            print(f"{r.action}\t{r.type or '*'}\t{r.article_id}\t{r.start}-{r.end}\t{r.text}\t{r.status}")
    return 0


def cmd_retrain(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump
    from reader.coding.retrain import retrain

    corpus, progress = _corpus_and_progress(args)
    report = retrain(corpus, progress=progress, fraction=args.fraction, weight=args.weight)
    if args.json:
        _dump(report.to_json(), sys.stdout)
    else:
        print(f"retrained from {report.user_sentences} corrected sentence(s) and {report.shipped_sentences} "
              f"of the shipped training data ({report.fraction:.0%}) in {report.seconds_training:.0f} s; "
              f"entities recomputed in {len(report.change.article_ids)} article(s); model {report.path}"
              + (" (stored on the server: every coder of this corpus uses it)" if report.stored == "server" else ""))
    return 0


def cmd_model(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump
    from reader.coding.retrain import corpus_model, model_facts, stored_model

    corpus, _ = _corpus_and_progress(args)
    facts, model = model_facts(corpus), corpus_model(corpus)
    data = {"model": "shipped" if model is True else str(model), "retrained": facts, "stored": stored_model(corpus)}
    if args.json:
        _dump(data, sys.stdout)
    elif facts is None:
        print("the shipped model")
    else:
        where = data["stored"]
        kept = (f" (stored on the server for every coder, trained by {where['coder'] or 'unknown'})"
                if isinstance(where, dict) and where.get("stored") == "server" else "")
        print(f"retrained {facts['trained']} from {facts['user_sentences']} corrected sentence(s): {data['model']}"
              f"{kept}")
    return 0


def cmd_revert_model(args: argparse.Namespace) -> int:
    from reader.coding.retrain import revert

    corpus, progress = _corpus_and_progress(args)
    change = revert(corpus, progress=progress)
    everyone = " (for every coder of this server corpus)" if corpus.on_server else ""
    print(f"back to the shipped model{everyone}; entities recomputed in {len(change.article_ids)} article(s)")
    return 0


def register_fixes(sub: argparse._SubParsersAction, commands: dict[str, Command]) -> None:
    """Add the occurrence and retraining subcommands to ``pizhu entity``."""
    from reader.cli.entities import _type
    def span(q: argparse.ArgumentParser) -> None:
        q.add_argument("article", type=int)
        q.add_argument("start", type=int)
        q.add_argument("end", type=int)
        q.add_argument("--quiet", "-q", action="store_true")

    q = sub.add_parser("fix", help="make START-END of ARTICLE an entity of --type (here only, or --corpus)")
    span(q)
    q.add_argument("--type", "-t", type=_type, required=True, help="/".join(ENTITY_TYPES))
    q.add_argument("--corpus", action="store_true", help="apply to the whole corpus instead of this occurrence")
    q = sub.add_parser("drop", help="no entity overlaps START-END of ARTICLE (here only)")
    span(q)
    q.add_argument("--type", "-t", type=_type, default=None)
    q = sub.add_parser("unfix", help="forget the occurrence fixes of START-END of ARTICLE")
    span(q)
    q.add_argument("--action", choices=("set", "drop"), default=None)
    q = sub.add_parser("fixes", help="list the occurrence fixes, newest first")
    q.add_argument("--article", type=int, default=None)
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("retrain", help="train this corpus's model from its corrections and use it")
    q.add_argument("--fraction", type=float, default=0.1,
                   help="part of the shipped training data to train with (default 0.1: bounded time)")
    q.add_argument("--weight", type=int, default=3, help="times each corrected sentence counts")
    q.add_argument("--json", action="store_true")
    q.add_argument("--quiet", "-q", action="store_true")
    q = sub.add_parser("model", help="which model this corpus uses")
    q.add_argument("--json", action="store_true")
    q = sub.add_parser("revert-model", help="go back to the shipped model")
    q.add_argument("--quiet", "-q", action="store_true")
    commands.update(fix=cmd_fix, drop=cmd_drop, unfix=cmd_unfix, fixes=cmd_fixes, retrain=cmd_retrain,
                    model=cmd_model, **{"revert-model": cmd_revert_model})
