"""The desktop app on big corpora: process start -> main window painted with the article list,
memory (RSS) at that point, first open of an unread article (which marks it read) and re-open
of an article, all in fresh processes on an offscreen 1280x720 window.

    python bench/bench_ui.py [DB ...] [--runs 3] [--opens 20]

Without DB arguments it measures the corpora of ``bench/make_corpus.py`` that this checkout can
open (``/work/cache/pizhu/corpus-{1000,10000,100000}/corpus.sqlite3``, or copies ingested with
this branch's schema under ``/tmp/ui-bench``) and the five seed pages.  Prints medians (p95 for
the opens) per corpus.  Nothing is written to the corpora except reading states (an opened
article becomes read), so the bench works on a copy.

What is measured is the steady state a user sees on a second start: the copy is stamped as
recognised by this checkout's recogniser (a corpus made by an older one would otherwise be
re-recognised in a background thread through the whole run: a one-off after an upgrade, which
``--as-is`` keeps), and the children may write bytecode to a cache of their own (with
``PYTHONDONTWRITEBYTECODE`` every start compiles the app's modules again, about 0.3 s here).
Each child also reports its CPU time (``cpu_s``) beside the wall time.  The window opens the
corpus as the app does, with the day's automatic backup started in the background 3 s after
the start; ``--first-of-day`` makes that backup due in every run (by default the copy already
has today's, made when it was stamped).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = [
    *(Path(f"/work/cache/pizhu/corpus-{n}/corpus.sqlite3") for n in (1000, 10000, 100000)),
    *(Path(f"/tmp/ui-bench/corpus-{n}.sqlite3") for n in (1000, 10000, 100000)),
]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(db: str, opens: int, started: float) -> dict[str, object]:
    """Runs in a fresh process: start the app on ``db`` and time what the user waits for."""
    from PySide6.QtCore import QEvent, QObject, QSettings

    settings_dir = tempfile.mkdtemp(prefix="pizhu-bench-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    from ui.app import create_application

    app = create_application()
    from reader.corpus import Corpus
    from ui import theme
    from ui.main_window import MainWindow

    theme.apply_theme(app, "light")
    corpus = Corpus(db, backup=False)  # as ui.app opens it: the day's backup runs off the GUI thread
    window = MainWindow(corpus)
    window.safety_tools.schedule_daily_backup()
    window.resize(1280, 720)
    painted: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "list" not in painted and window.article_list.model.rowCount():
                painted["list"] = time.time()
            return False

    watch = PaintWatch()
    window.article_list.table.viewport().installEventFilter(watch)
    window.show()
    while "list" not in painted and time.time() - started < 600:
        app.processEvents()
    result: dict[str, object] = {
        "articles": window.article_list.model.rowCount(),
        "start_s": painted["list"] - started,
        "rss_mb": _rss_mb(),
        "rows_fetched": window.article_list.model.cached_rows(),
        "cpu_s": time.process_time(),
    }
    model = window.article_list.model
    step = max(1, model.rowCount() // max(1, opens))
    first, again, first_cpu = [], [], []
    for row in range(0, model.rowCount(), step)[:opens]:
        article_id = model.article_id(row)
        t0, c0 = time.perf_counter(), time.process_time()
        window.open_article(article_id)
        while corpus.article_rows([article_id])[0].state == "unread":  # until the mark-read is through
            app.processEvents()
        app.processEvents()
        first.append(time.perf_counter() - t0)
        first_cpu.append(time.process_time() - c0)
        window.open_article(model.article_id(max(0, row - 1)))
        t0 = time.perf_counter()
        window.open_article(article_id)
        app.processEvents()
        again.append(time.perf_counter() - t0)
    result["first_open_ms"] = [round(v * 1000, 1) for v in first]
    result["first_open_cpu_ms"] = [round(v * 1000, 1) for v in first_cpu]
    result["reopen_ms"] = [round(v * 1000, 1) for v in again]
    window.close()
    corpus.close()
    shutil.rmtree(settings_dir, ignore_errors=True)
    return result


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else float("nan")


def _openable(path: Path) -> bool:
    """Whether this checkout's schema is the one in ``path`` (same version and every table and
    column the models name): corpora made by another branch's migrations are not."""
    if not path.exists():
        return False
    sys.path.insert(0, str(ROOT))
    import sqlite3

    from reader.store import migrations
    from reader.store.models import MODELS

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        for model in MODELS:
            have = {row[1] for row in con.execute(f'PRAGMA table_info("{model._meta.table_name}")')}
            if not {f.column_name for f in model._meta.sorted_fields} <= have:
                return False
    except sqlite3.Error:
        return False
    return version == len(migrations.MIGRATIONS)


def _stamp(path: Path) -> None:
    """Record the copy's entities as made by this checkout's recogniser (see the module doc)."""
    sys.path.insert(0, str(ROOT))
    from reader.coding import corrections
    from reader.corpus import Corpus

    corpus = Corpus(path)  # also migrates a copy made at an older schema
    corrections.stamp(corpus)
    corpus.close()


def measure(db: Path, runs: int, opens: int, as_is: bool = False, first_of_day: bool = False) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="pizhu-bench-db-"))
    try:
        copy = work / "corpus.sqlite3"
        shutil.copyfile(db, copy)
        for suffix in ("-wal", "-shm"):
            if Path(str(db) + suffix).exists():
                shutil.copyfile(str(db) + suffix, str(copy) + suffix)
        if not as_is:
            _stamp(copy)
        outs = []
        for _ in range(runs):
            if first_of_day:  # no backup today yet: the window makes one in the background
                shutil.rmtree(Path(str(copy) + ".backups"), ignore_errors=True)
            env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                       PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "pizhu-bench-pycache"))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            started = time.time()
            proc = subprocess.run([sys.executable, __file__, "--child", str(copy), "--opens", str(opens),
                                   "--started", repr(started)], env=env, capture_output=True, text=True,
                                  timeout=1800, cwd=ROOT)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr[-2000:])
            outs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        first = [v for o in outs for v in o["first_open_ms"]]  # type: ignore[union-attr]
        again = [v for o in outs for v in o["reopen_ms"]]  # type: ignore[union-attr]
        first_cpu = [v for o in outs for v in o["first_open_cpu_ms"]]  # type: ignore[union-attr]
        return {
            "corpus": str(db), "articles": outs[0]["articles"],
            "start_s": round(statistics.median(float(o["start_s"]) for o in outs), 2),
            "cpu_s": round(statistics.median(float(o["cpu_s"]) for o in outs), 2),
            "rss_mb": round(statistics.median(float(o["rss_mb"]) for o in outs)),
            "rows_fetched": outs[0]["rows_fetched"],
            "first_open_ms_p50": round(statistics.median(first), 1), "first_open_ms_p95": round(_p95(first), 1),
            "first_open_cpu_ms_p95": round(_p95(first_cpu), 1),
            "reopen_ms_p50": round(statistics.median(again), 1), "reopen_ms_p95": round(_p95(again), 1),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def seeds_corpus() -> Path:
    sys.path.insert(0, str(ROOT))
    from reader.corpus import Corpus

    path = Path(tempfile.mkdtemp(prefix="pizhu-bench-seeds-")) / "seeds.sqlite3"
    corpus = Corpus(path)
    corpus.ingest([ROOT / "seeds"])
    corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--as-is", action="store_true",
                        help="measure the copy as it is (an outdated recogniser stamp re-recognises in the background)")
    parser.add_argument("--first-of-day", action="store_true",
                        help="each start is the day's first: its automatic backup is due (made in the background)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.opens, args.started)))
        return 0
    dbs = args.db or [seeds_corpus(), *(p for p in CANDIDATES if _openable(p))]
    skipped = [p for p in CANDIDATES if p.exists() and not _openable(p)] if not args.db else []
    for path in skipped:
        print(f"skipped {path}: its schema is not this checkout's (made by another branch)", file=sys.stderr)
    header = ("articles", "start_s", "cpu_s", "rss_mb", "first_open_ms_p50", "first_open_ms_p95", "first_open_cpu_ms_p95", "reopen_ms_p50",
              "reopen_ms_p95", "rows_fetched")
    print("corpus".ljust(48) + "".join(h.rjust(22) for h in header))
    for db in dbs:
        try:
            row = measure(db, args.runs, args.opens, args.as_is, args.first_of_day)
        except RuntimeError as exc:
            print(f"{db}: failed: {str(exc).strip().splitlines()[-1]}", flush=True)
            continue
        print(str(row["corpus"])[-48:].ljust(48) + "".join(str(row[h]).rjust(22) for h in header), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
