"""Figures for the lazy analysis views (issue 13): word list, keyness, collocations as paged SQL
tables, and sorted KWIC pages, on a copy of a corpus.

    python bench/bench_stat_views.py --db CORPUS.sqlite3 [--query 发展] [--node 发展] [--repeat 3]

The corpus file is COPIED to a temporary directory first (the bench edits an article to time
an update) and the copy is deleted at the end.  The term statistics are brought up to date
first (timed separately: on a fresh corpus that is the segmentation of every article).

For each view it prints wall and CPU time of: computing the table (every row), the first page
(the model's count and first screen, the data of the rows a 720-pixel table shows), a further
page (a block of rows far down, and the rest of the id list), an update after one article's text
changed (term statistics of its chunk, the table's difference, the model's row updates), and a
change that cannot alter the result.  Also the process's RSS, and the load (``uptime``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """(median wall ms, median CPU ms, last result)."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def row(label: str, wall: float, cpu: float, note: object = "") -> None:
    print(f"  {label:52} {wall:9.1f} ms wall {cpu:9.1f} ms CPU  {note}", flush=True)


def load() -> str:
    return open("/proc/loadavg").read().split()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--query", default="巡察", help="the concordance to sort")
    parser.add_argument("--node", default="发展", help="the collocations' node")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="words,keyness,collocations,timeline,phrases,kwic",
                        help="comma-separated parts to run")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="pizhu-statbench-") as tmp:
        path = Path(tmp) / "corpus.sqlite3"
        shutil.copyfile(args.db, path)
        run(path, args)
    return 0


def run(path: Path, args: argparse.Namespace) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.analysis import kwic_pages, stat_results, termstats
    from reader.analysis.spec import parse_spec
    from reader.changes import Change
    from reader.corpus import Corpus
    from reader.store.models import Article
    from ui.stat_model import StatModel

    app = QApplication.instance() or QApplication([])
    corpus = Corpus(path)
    n = Article.select().where(Article.retired == False).count()  # noqa: E712
    print(f"== {args.db}: {n} live articles; load {load()} at start; RSS {rss_mb():.0f} MB", flush=True)
    wall, cpu, _ = timed(termstats.ensure_current)
    row("term statistics brought up to date", wall, cpu, f"RSS {rss_mb():.0f} MB")
    wall, cpu, _ = timed(lambda: termstats.words_of("测试"))
    row("load the segmenter (once a process, before a first update)", wall, cpu, f"RSS {rss_mb():.0f} MB")

    def model_for(columns: list[str], sort: str, item_key: str = "item") -> StatModel:
        return StatModel([(c, c) for c in columns], (sort, True), item_key, type_key="split" if "split" in columns else "type")

    def first_page(model: StatModel, table: Any) -> int:
        model.show_table(table)
        for r in range(min(30, model.rowCount())):  # what a 720-pixel table paints
            for c in range(len(model.COLUMNS)):
                model.index(r, c).data()
        return model.rowCount()

    def further_page(model: StatModel) -> None:
        model.complete()
        far = max(0, model.rowCount() - 200)
        for r in range(far, min(far + 30, model.rowCount())):
            model.index(r, 0).data()

    first_id = Article.select(Article.id).where(Article.retired == False).order_by(Article.id).first().id  # noqa: E712

    def edit_one() -> None:
        art = Article.get_by_id(first_id)
        text = art.text + f"{args.query}测试新词语更新。"
        Article.update(text=text, chars=len(text), updated=dt.datetime.now()).where(Article.id == first_id).execute()

    source = corpus.articles()[0].source
    cases = [
        ("words", "word list", lambda table=None, changed=None: stat_results.word_table(table=table, changed=changed),
         ["word", "count", "articles"], "count", "word"),
        ("keyness", "keyness (since 2020-01-01 vs rest)", lambda table=None, changed=None: stat_results.keyness_table(
            parse_spec("since=2020-01-01"), table=table, changed=changed), ["item", "type", "target", "reference", "ll", "log_ratio"],
         "ll", "item"),
        ("collocations", f"collocations of {args.node}", lambda table=None, changed=None: stat_results.collocation_table(
            args.node, 5, table=table, changed=changed), ["item", "count", "frequency", "mi", "log_dice", "ll"], "log_dice", "item"),
        ("timeline", f"timeline of the query {args.query} per day", lambda table=None, changed=None: stat_results.timeline_table(
            "query", args.query, "day", table=table, changed=changed), ["period", "split", "count", "articles"], "count", "period"),
        ("timeline", f"timeline of the query {args.node} per month, split by newspaper", lambda table=None, changed=None:
            stat_results.timeline_table("query", args.node, "month", "newspaper", table=table, changed=changed),
         ["period", "split", "count", "articles"], "count", "period"),
    ]
    only = set(args.only.split(","))
    del source
    for part, label, compute, columns, sort, key in cases:
        if part not in only:
            continue
        print(f"-- {label}", flush=True)
        before = rss_mb()
        wall, cpu, (table, touched) = timed(compute)
        row("compute the table (every row)", wall, cpu, f"{len(table)} rows; RSS +{rss_mb() - before:.0f} MB")
        model = model_for(columns, sort, key)
        wall, cpu, count = timed(lambda: first_page(model, table))
        row("first page (count + first screen; makes the sort index)", wall, cpu, f"{count} rows shown")
        wall, cpu, count = timed(lambda: first_page(model, table), args.repeat)
        row("first page again (index made)", wall, cpu)
        wall, cpu, _ = timed(lambda: further_page(model))
        row("further page (rest of the ids + a block far down)", wall, cpu)
        def cold_block() -> None:
            model._cache.clear()
            model.record(min(model.rowCount() - 1, 5000))

        wall, cpu, _ = timed(cold_block, args.repeat)
        row("a block not cached (row 5000)", wall, cpu)
        model.sort(columns.index(columns[0]), 0)  # type: ignore[arg-type]
        wall, cpu, _ = timed(lambda: model.sort(1, 1), 1)  # type: ignore[arg-type]
        row(f"sort by {columns[1]} in SQL (index made on first use)", wall, cpu)
        model.sort(columns.index(sort), 1)  # type: ignore[arg-type]
        edit_one()
        writes = table.writes

        def update() -> int:
            _t, touched_now = compute(table, [first_id])
            model.apply_update(touched_now)
            return len(touched_now)

        wall, cpu, _ = timed(termstats.ensure_current)
        row("  its term statistics (its chunk segmented, repacked)", wall, cpu)
        wall, cpu, changed = timed(update)
        row("update after one article's text changed (the statistic)", wall, cpu,
            f"{changed} rows touched, {table.writes - writes} written, builds {table.builds}")
        wall, cpu, (fresh, _touched) = timed(compute)
        row("  vs the same computed from scratch", wall, cpu, f"{len(fresh)} rows")
        fresh.drop()
        wall, cpu, (_t, same) = timed(lambda: compute(table, []))
        row("update after nothing changed", wall, cpu, f"{len(same)} rows touched")
        request = table.extra["request"]
        wall, cpu, _ = timed(lambda: stat_results.affected_by(Change("annotations", (first_id,), (1,)), request), args.repeat)
        row("a change that cannot alter it (annotations)", wall, cpu)
        print(f"  RSS {rss_mb():.0f} MB, load {load()}", flush=True)
        model.show_table(None)
    if "phrases" in only:
        phrase_part(args, edit_one, first_id)
    if "kwic" not in only:
        corpus.close()
        return
    print(f"-- KWIC of {args.query!r} sorted by a context", flush=True)
    for by in ("right", "left"):
        wall, cpu, page = timed(lambda b=by: kwic_pages.sorted_page(None, args.query, b, limit=500))
        row(f"first sorted page ({by}): one scan", wall, cpu, f"{len(page)} lines")
        key = kwic_pages._key(args.query, by, False, None, {})
        kept = len(kwic_pages._ORDERS.get(key, ()))
        for offset in (500, 5000, max(500, kept - 500)):
            wall, cpu, page = timed(lambda o=offset, b=by: kwic_pages.sorted_page(None, args.query, b, offset=o, limit=500),
                                    args.repeat)
            row(f"sorted page at {offset} of {kept} lines ({by})", wall, cpu, f"{len(page)} lines")
    print(f"  RSS {rss_mb():.0f} MB, load {load()}", flush=True)
    corpus.close()
    del app


def phrase_part(args: argparse.Namespace, edit_one: Callable[[], None], first_id: int) -> None:
    from reader.analysis import phrases
    from reader.analysis.hit_tables import HitTable
    from ui.hit_lines_model import HitLinesModel

    lines = [f"{args.query} / {args.node}", "巡察"] if args.query != "巡察" else [f"{args.node} / 推进", "巡察"]
    print(f"-- phrase list ({', '.join(lines)}: with a frequent word)", flush=True)
    phrases.create_list("bench")
    phrases.import_lines("bench", lines)
    before = rss_mb()
    table = HitTable("bench", None)
    first: list[tuple[float, float, int]] = []
    start_wall, start_cpu = time.perf_counter(), time.process_time()

    def shown(t: Any) -> None:
        first.append(((time.perf_counter() - start_wall) * 1000, (time.process_time() - start_cpu) * 1000, t.count()))

    wall, cpu, _ = timed(lambda: table.build(first=shown))
    if first:
        row("first hits written (the view shows them)", first[0][0], first[0][1], f"{first[0][2]} hits")
    row("find every hit (the table)", wall, cpu, f"{table.count()} hits; RSS +{rss_mb() - before:.0f} MB")
    wall, cpu, _ = timed(lambda: (table.summary(), table.per_month()), args.repeat)
    row("summary and months (SQL aggregates)", wall, cpu)
    model = HitLinesModel()

    def first() -> int:
        model.show_table(table)
        for r in range(min(30, model.rowCount())):
            for c in range(4):
                model.index(r, c).data()
        return model.rowCount()

    wall, cpu, count = timed(first)
    row("first page (ids + first screen)", wall, cpu, f"{count} rows")
    wall, cpu, _ = timed(lambda: model.sort(2, 0))  # type: ignore[arg-type]
    row("sort by the right context in SQL (makes the index)", wall, cpu)
    wall, cpu, _ = timed(lambda: [model.index(r, 0).data() for r in range(model.rowCount() // 2, model.rowCount() // 2 + 30)])
    row("a page half way down", wall, cpu)
    edit_one()
    wall, cpu, touched = timed(lambda: table.update([first_id]))
    model.refresh(touched)  # type: ignore[arg-type]
    row("update after one article's text changed (that article)", wall, cpu, f"{len(touched)} hits re-written")  # type: ignore[arg-type]
    print(f"  RSS {rss_mb():.0f} MB, load {load()}", flush=True)
    model.show_table(None)


if __name__ == "__main__":
    raise SystemExit(main())
