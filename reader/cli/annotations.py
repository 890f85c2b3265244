"""Annotation subcommands: ``reanchor [--json]`` and ``tags [--json]`` (registered by
``reader.cli.main`` through ``CLI_EXTENSIONS``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_reanchor(args: argparse.Namespace) -> int:
    from reader.cli.main import _corpus, _dump
    from reader.corpus import on_progress_print

    corpus = _corpus(args)
    report = corpus.reanchor_corpus(progress=None if args.json or args.quiet else on_progress_print(sys.stderr))
    if args.json:
        _dump(report.to_json(), sys.stdout)
        return 0
    for o in report.outcomes:
        if o.status == "exact":
            continue
        where = f"{o.new[0]}-{o.new[1]}" if o.new else "-"
        print(f"{o.annotation_id}\t{o.article_id}\t{o.status}\t{o.old[0]}-{o.old[1]} -> {where}\t{o.quote}")
    data = report.to_json()
    print(f"{data['annotations']} annotation(s): {data['exact']} in place, {data['moved']} moved, "
          f"{data['fuzzy']} re-placed approximately, {data['orphaned']} orphaned")
    return 0


def _tag_tree(corpus: Any) -> list[dict[str, Any]]:
    tags = corpus.tags()
    counts = corpus.tag_counts()
    by_parent: dict[int | None, list[Any]] = {}
    ids = {t.id for t in tags}
    for t in tags:
        by_parent.setdefault(t.parent_id if t.parent_id in ids else None, []).append(t)

    def node(t: Any, path: list[str]) -> dict[str, Any]:
        kids = [node(k, path + [t.name]) for k in by_parent.get(t.id, [])]
        total = corpus.tag_annotation_count(t.id, include_children=True) if kids else counts.get(t.id, 0)
        return {"id": t.id, "name": t.name, "path": "/".join(path + [t.name]), "parent": t.parent_id,
                "color": t.color, "description": t.description, "annotations": counts.get(t.id, 0),
                "annotations_with_children": total, "articles": corpus.tag_article_count(t.id),
                "children": kids}

    return [node(t, []) for t in by_parent.get(None, [])]


def cmd_tags(args: argparse.Namespace) -> int:
    from reader.cli.main import _corpus, _dump

    tree = _tag_tree(_corpus(args))
    if args.json:
        _dump(tree, sys.stdout)
        return 0

    def show(nodes: list[dict[str, Any]], depth: int) -> None:
        for n in nodes:
            extra = f" (+children {n['annotations_with_children']})" if n["children"] else ""
            desc = f"  — {n['description']}" if n["description"] else ""
            print(f"{'  ' * depth}{n['name']}\t{n['annotations']}{extra}\t{n['color']}{desc}")
            show(n["children"], depth + 1)

    show(tree, 0)
    return 0


def cmd_edit_annotation(args: argparse.Namespace) -> int:
    """Change an annotation's tags/note, or delete it; ``--if-version V`` refuses (exit 1, a
    ``conflict`` message) when it is no longer at version V (someone else changed it)."""
    from reader.cli.main import _annotation_json, _corpus, _dump

    corpus = _corpus(args)
    if args.delete:
        corpus.delete_annotation(args.id, expected_version=args.if_version)
        print(f"deleted annotation {args.id}")
        return 0
    corpus.update_annotation(args.id, tags=args.tag, note=args.note, expected_version=args.if_version)
    _dump(_annotation_json(corpus.annotation(args.id)), sys.stdout)
    return 0


def register(add: Add) -> None:
    p = add("edit-annotation", cmd_edit_annotation, "change an annotation's tags or note, or delete it")
    p.add_argument("id", type=int)
    p.add_argument("--tag", action="append", help="the new tags (repeatable; replaces the old ones)")
    p.add_argument("--note")
    p.add_argument("--delete", action="store_true")
    p.add_argument("--if-version", type=int, default=None, metavar="V",
                   help="only if the annotation is still at version V (see annotations --json): "
                        "otherwise report the conflict and change nothing")
    p = add("reanchor", cmd_reanchor, "re-anchor every annotation against its article's current text")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", "-q", action="store_true")
    p = add("tags", cmd_tags, "list tags with hierarchy and annotation counts")
    p.add_argument("--json", action="store_true")
