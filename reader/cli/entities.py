"""``pizhu entity …``: the corpus's entity corrections from the command line.

``entity add TEXT --type T``, ``entity reject TEXT [--type T]``, ``entity change TEXT --from T
--to T``, ``entity remove TEXT --action add|reject [--type T]``, ``entity list [--json]`` and
``entity recompute [--stale-only] [--jobs N]`` (recognition in worker processes,
:mod:`reader.recognise_work`); ``--dry-run`` on a write prints what it would change (places,
articles, examples) as JSON and writes nothing.  Writes print what changed to stdout and progress to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from reader.cli import worker_count
from reader.records import ENTITY_TYPES

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _corpus(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus

    return Corpus(args.db, coder=getattr(args, "coder", None))


def _progress(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    if getattr(args, "quiet", False):
        return None
    from reader.corpus import on_progress_print

    return on_progress_print(sys.stderr)


def _report(applied, what: str) -> int:  # type: ignore[no-untyped-def]
    if not applied.edit:
        print(f"{what}: nothing to change")
        return 0
    print(f"{what}: entities recomputed in {len(applied.change.article_ids)} article(s)")
    return 0


def _dry_run(args: argparse.Namespace, plan: Callable[[], object]) -> bool:
    """With ``--dry-run``: print what the correction would change (JSON) and apply nothing."""
    if not getattr(args, "dry_run", False):
        return False
    from reader.cli.main import _dump
    from reader.coding.impact import preview_edit

    _dump(preview_edit(args.corpus, plan(), progress=_progress(args)).to_json(), sys.stdout)  # type: ignore[arg-type]
    return True


def cmd_add(args: argparse.Namespace) -> int:
    from reader.coding.corrections import add_edit, add_entity

    args.corpus = _corpus(args)
    if _dry_run(args, lambda: add_edit(args.text, args.type)):
        return 0
    applied = add_entity(args.corpus, args.text, args.type, progress=_progress(args))
    return _report(applied, f"added {args.text} as {args.type.upper()}")


def cmd_reject(args: argparse.Namespace) -> int:
    from reader.coding.corrections import reject_edit, reject_entity

    args.corpus = _corpus(args)
    if _dry_run(args, lambda: reject_edit(args.text, args.type)):
        return 0
    applied = reject_entity(args.corpus, args.text, args.type, progress=_progress(args))
    return _report(applied, f"rejected {args.text} as {args.type.upper() if args.type else 'any type'}")


def cmd_change(args: argparse.Namespace) -> int:
    from reader.coding.corrections import add_edit, change_type

    args.corpus = _corpus(args)
    if _dry_run(args, lambda: add_edit(args.text, args.new)):
        return 0
    applied = change_type(args.corpus, args.text, args.old, args.new, progress=_progress(args))
    return _report(applied, f"changed {args.text} from {args.old.upper()} to {args.new.upper()}")


def cmd_remove(args: argparse.Namespace) -> int:
    from reader.coding.corrections import remove_correction, remove_edit

    args.corpus = _corpus(args)
    if _dry_run(args, lambda: remove_edit(args.text, args.type, args.action)):
        return 0
    applied = remove_correction(args.corpus, args.text, args.type, args.action, progress=_progress(args))
    if not applied.edit:
        from reader.cli.main import CliError

        raise CliError(f"no {args.action} correction for {args.text!r}"
                       + (f" of type {args.type.upper()}" if args.type else ""))
    return _report(applied, f"removed the {args.action} correction of {args.text}")


def cmd_list(args: argparse.Namespace) -> int:
    from reader.cli.main import _dump
    from reader.coding.corrections import list_corrections

    rows = list_corrections(_corpus(args))
    if args.json:
        _dump([r.to_json() for r in rows], sys.stdout)
    else:
        for r in rows:
            print(f"{r.action}\t{r.type or '*'}\t{r.text}\t{r.created.isoformat() if r.created else ''}")
    return 0


def cmd_recompute(args: argparse.Namespace) -> int:
    from reader.coding.corrections import refresh_entities

    corpus = _corpus(args)
    change = refresh_entities(corpus, progress=_progress(args), everything=not args.stale_only, jobs=args.jobs)
    print(f"entities recomputed in {len(change.article_ids)} article(s)")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add, "reject": cmd_reject, "change": cmd_change, "remove": cmd_remove,
    "list": cmd_list, "recompute": cmd_recompute,
}


def cmd_entity(args: argparse.Namespace) -> int:
    return COMMANDS[args.entity_command](args)


def _type(value: str) -> str:
    if value.upper() not in ENTITY_TYPES:
        raise argparse.ArgumentTypeError(f"unknown entity type {value!r} (one of {', '.join(ENTITY_TYPES)})")
    return value.upper()


def register(add: Add) -> None:
    p = add("entity", cmd_entity, "entity corrections: user dictionary, reject list, recompute")
    sub = p.add_subparsers(dest="entity_command", required=True)

    q = sub.add_parser("add", help="tag TEXT as an entity of --type in every article")
    q.add_argument("text")
    q.add_argument("--type", "-t", type=_type, required=True, help="/".join(ENTITY_TYPES))
    q.add_argument("--quiet", "-q", action="store_true")
    q.add_argument("--dry-run", action="store_true", help="print what it would change (JSON) and change nothing")

    q = sub.add_parser("reject", help="never tag TEXT (as --type, or as anything)")
    q.add_argument("text")
    q.add_argument("--type", "-t", type=_type, default=None)
    q.add_argument("--quiet", "-q", action="store_true")
    q.add_argument("--dry-run", action="store_true", help="print what it would change (JSON) and change nothing")

    q = sub.add_parser("change", help="tag TEXT as --to wherever it was --from")
    q.add_argument("text")
    q.add_argument("--from", dest="old", type=_type, required=True)
    q.add_argument("--to", dest="new", type=_type, required=True)
    q.add_argument("--quiet", "-q", action="store_true")
    q.add_argument("--dry-run", action="store_true", help="print what it would change (JSON) and change nothing")

    q = sub.add_parser("remove", help="forget one correction")
    q.add_argument("text")
    q.add_argument("--action", choices=("add", "reject"), required=True)
    q.add_argument("--type", "-t", type=_type, default=None)
    q.add_argument("--quiet", "-q", action="store_true")
    q.add_argument("--dry-run", action="store_true", help="print what it would change (JSON) and change nothing")

    q = sub.add_parser("list", help="list the corrections, newest first")
    q.add_argument("--json", action="store_true")

    q = sub.add_parser("recompute", help="recognise entities in every article again")
    q.add_argument("--stale-only", action="store_true",
                   help="only articles left behind by a cancelled run, or all if the recogniser changed")
    q.add_argument("--jobs", "-j", type=worker_count, default=None,
                   help="worker processes that recognise while this one stores (0: in this process; "
                        "default: one per core from 150 articles, or $PIZHU_RECOGNISE_JOBS)")
    q.add_argument("--quiet", "-q", action="store_true")

    from reader.cli.entity_fixes import register_fixes  # fix/drop/unfix/fixes: one occurrence

    register_fixes(sub, COMMANDS)
