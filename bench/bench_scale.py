"""Issue 13's table at 1,000 / 10,000 / 100,000 articles, in one run, with medians.

    python bench/make_corpus.py --articles 1000 --articles 10000 --articles 100000   # once
    python bench/bench_scale.py [--sizes 1000,10000,100000] [--cache /work/cache/pizhu]

Figures (core paths; the painted window is measured by the UI's own benchmark):

- start -> list ready: a fresh process opens the corpus and has the article count, the id list
  in page order and the first 100 list rows (what a lazy list model needs to paint), and its RSS;
  for comparison, ``Corpus.articles()`` (every row, what the old list loaded);
- first open of an article: record + entities + annotations + mark read + its list row again;
  re-open: the same without marking; both over 40 random articles, and re-open of the longest;
- search: 22 typical queries (的, 中国, a pure negation, phrases, OR, AND NOT), first page of 50
  ranked results and the total count, 3 runs each: p50 / p95 over all runs;
- regex: time to the first streamed batch, and to the end, of a search view's scan; the
  catastrophic ``(a|aa)+$`` and the issue's ``(.*)*x`` are bounded by the time limit;
- database size: MB per million characters, by part; a corpus without its term statistics (the
  memoised build of ``make_corpus.py`` stores none) is also measured with them, built on a copy
  (``termstats.ensure_current``, the time it takes stated), since a user's corpus has them once
  any word analysis ran;
- export gather: every article with its annotations through ``iter_export_rows``, time and peak
  RSS of a fresh process;
- ingest: ``--ingest-files`` files of the 10,000 corpus into a fresh database, one process and
  all cores: characters per second (wall clock) and the speed-up.

Timings on a shared machine vary; the medians of repeated runs are printed, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CACHE = Path(os.environ.get("PIZHU_CACHE", "/work/cache/pizhu"))

QUERIES = [
    "的", "中国", "-中国", "经济", "习近平", "人民", "发展", '"脱贫攻坚"', "疫情防控", '"一带一路"', "湖南",
    "改革 开放", "中国 -美国", "教育 OR 医疗", '"全面建成小康社会"', "新冠肺炎", "乡村振兴", "创新",
    "党中央", "总书记 AND 强调", "NOT 经济", "生态 环境 保护",
]
REGEXES = [r"\d+亿元", r"习近平.{0,10}强调", r"(a|aa)+$", r"(.*)*x"]


def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# ---------------------------------------------------------------- probes (fresh processes)


def probe_start(db: str, spawned: float) -> dict[str, float]:
    from reader.corpus import Corpus

    corpus = Corpus(db)
    count = corpus.article_count()
    ids = corpus.article_ids()
    rows = corpus.article_rows(ids[:100])
    ready = time.time() - spawned
    rss = _rss_mb()
    t0 = time.perf_counter()
    everything = corpus.articles()
    full = time.perf_counter() - t0
    return {"ready_s": round(ready, 3), "rss_mb": round(rss, 1), "count": count, "rows": len(rows),
            "all_rows_s": round(full, 3), "all_rows": len(everything), "rss_after_all_mb": round(_rss_mb(), 1)}


def probe_export(db: str) -> dict[str, float]:
    from reader.corpus import Corpus
    from reader.store.export_rows import ExportSelection, iter_export_rows

    Corpus(db)
    t0, c0 = time.perf_counter(), time.process_time()
    articles = annotations = 0
    for batch in iter_export_rows(ExportSelection()):
        articles += len(batch.articles)
        annotations += len(batch.annotations)
    return {"seconds": round(time.perf_counter() - t0, 2), "cpu_seconds": round(time.process_time() - c0, 2),
            "articles": articles, "annotations": annotations, "peak_rss_mb": round(_rss_mb("VmHWM"), 1)}


def _probe(kind: str, db: str) -> dict[str, float]:
    spawned = time.time()
    proc = subprocess.run([sys.executable, __file__, "--probe", kind, db, str(spawned)], capture_output=True,
                          text=True, cwd=ROOT, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- in-process figures


def measure_open(corpus: object, samples: int = 40) -> dict[str, float]:
    ids = corpus.article_ids()  # type: ignore[attr-defined]
    rng = random.Random(5)
    chosen = rng.sample(ids, min(samples, len(ids)))
    states = {r.id: r.state for r in corpus.article_rows(chosen)}  # type: ignore[attr-defined]
    first, again = [], []
    for article_id in chosen:
        t0 = time.perf_counter()
        corpus.article(article_id)  # type: ignore[attr-defined]
        corpus.entities(article_id)  # type: ignore[attr-defined]
        corpus.annotations(article_id)  # type: ignore[attr-defined]
        corpus.set_article_state(article_id, "read")  # type: ignore[attr-defined]
        corpus.article_rows([article_id])  # type: ignore[attr-defined]
        first.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        corpus.article(article_id)  # type: ignore[attr-defined]
        corpus.entities(article_id)  # type: ignore[attr-defined]
        corpus.annotations(article_id)  # type: ignore[attr-defined]
        again.append(time.perf_counter() - t0)
    for article_id, state in states.items():
        corpus.set_article_state(article_id, state)  # type: ignore[attr-defined]
    longest = corpus.article_ids(sort="chars", descending=True, limit=1)[0]  # type: ignore[attr-defined]
    chars = corpus.article_rows([longest])[0].chars  # type: ignore[attr-defined]
    long_runs = []
    for _ in range(15):
        t0 = time.perf_counter()
        corpus.article(longest)  # type: ignore[attr-defined]
        corpus.entities(longest)  # type: ignore[attr-defined]
        corpus.annotations(longest)  # type: ignore[attr-defined]
        long_runs.append(time.perf_counter() - t0)
    return {"first_p50_ms": _ms(statistics.median(first)), "first_p95_ms": _ms(_pct(first, 0.95)),
            "reopen_p50_ms": _ms(statistics.median(again)), "reopen_p95_ms": _ms(_pct(again, 0.95)),
            "longest_chars": chars, "longest_reopen_p50_ms": _ms(statistics.median(long_runs)),
            "longest_reopen_p95_ms": _ms(_pct(long_runs, 0.95))}


def measure_search(runs: int = 3) -> dict[str, object]:
    from reader.store.search import search_page

    times: list[float] = []
    cpu: list[float] = []
    per_query: dict[str, tuple[float, int]] = {}
    for query in QUERIES:
        mine = []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            page = search_page(query, limit=50)
            mine.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        times.extend(mine)
        per_query[query] = (_ms(statistics.median(mine)), page.total)
    return {"p50_ms": _ms(statistics.median(times)), "p95_ms": _ms(_pct(times, 0.95)),
            "max_ms": _ms(max(times)), "cpu_p50_ms": _ms(statistics.median(cpu)),
            "cpu_p95_ms": _ms(_pct(cpu, 0.95)), "per_query": per_query}


def measure_regex(timeout: float = 10.0) -> dict[str, object]:
    from reader.store.search import stream_search

    out: dict[str, object] = {}
    for pattern in REGEXES:
        first: list[float] = []
        t0 = time.perf_counter()

        def emit(batch: list, t0: float = t0, first: list[float] = first) -> None:
            if not first:
                first.append(time.perf_counter() - t0)

        page = stream_search(pattern, regex=True, limit=50, timeout=timeout, emit=emit)
        out[pattern] = {"first_ms": _ms(first[0]) if first else None, "end_s": round(time.perf_counter() - t0, 2),
                        "found": page.total, "stopped": page.stopped or "-"}
    return out


def measure_size(db: object) -> dict[str, float]:
    """MB per million characters of article text, by part: ``articles`` (rows, packed text, list
    indexes), ``fts``, ``entities``, ``annotations`` (with tags), ``terms`` (the term statistics:
    vocabulary and chunks), ``reprints`` (signatures and clusters), ``pages`` (source files and
    their indexes), ``other``; ``term_statistics`` says whether the corpus has them (a corpus
    built through a memoised path may not: its total is then that much lower than a user's)."""
    from reader.store.sqlite import SqliteStore

    chars = db.execute_sql("SELECT SUM(chars) FROM article").fetchone()[0] or 1  # type: ignore[attr-defined]
    parts: dict[str, float] = {}
    for name, size in SqliteStore(db).size_by_table().items():  # type: ignore[arg-type]
        part = ("fts" if name.startswith("article_index") else
                "entities" if name.startswith(("entity", "sqlite_autoindex_entity")) else
                "articles" if name in ("article", "article_list", "article_stat", "article_facts")
                or name.startswith("article_source") else
                "annotations" if name.startswith(("annotation", "tag")) else
                "terms" if name.startswith("term") else
                "reprints" if name.startswith("reprint") else
                "pages" if name.startswith("source_file") else "other")
        parts[part] = parts.get(part, 0.0) + size
    total = sum(parts.values())
    out: dict[str, float] = {k: round(v / chars, 2) for k, v in sorted(parts.items())}
    out["total"] = round(total / chars, 2)
    out["mb"] = round(total / 1e6, 1)
    out["mchars"] = round(chars / 1e6, 2)
    out["term_statistics"] = bool(db.execute_sql("SELECT 1 FROM term_chunk LIMIT 1").fetchone())  # type: ignore[attr-defined]
    return out


def measure_size_with_terms(db_path: Path) -> dict[str, float]:
    """:func:`measure_size` of a copy of the (closed) corpus after building its term statistics,
    with ``term_build_s``, the wall-clock seconds the build took, and its CPU seconds."""
    import shutil

    from reader.analysis import termstats
    from reader.corpus import Corpus

    with tempfile.TemporaryDirectory(prefix="bench-terms-") as tmp:
        copy = Path(tmp) / db_path.name
        shutil.copyfile(db_path, copy)
        for suffix in ("-wal", "-shm"):
            if Path(str(db_path) + suffix).exists():
                shutil.copyfile(str(db_path) + suffix, str(copy) + suffix)
        corpus = Corpus(copy)
        cpu0, t0 = time.process_time(), time.perf_counter()
        termstats.ensure_current()
        out = measure_size(corpus.db)
        out["term_build_s"] = round(time.perf_counter() - t0, 1)
        out["term_build_cpu_s"] = round(time.process_time() - cpu0, 1)
        corpus.close()
    return out


def measure_ingest(pages: Path, files: int) -> dict[str, float]:
    """Characters per second of ``Corpus.ingest`` on one process and on every core: over the
    whole call (worker start-up included) and in the steady state (from the first stored file
    on, which leaves out starting the workers and loading their dictionaries)."""
    from reader.corpus import Corpus

    chosen = sorted(pages.rglob("*.txt"))[:files]
    sizes = [len(p.read_text(encoding="utf-8")) for p in chosen]
    chars = sum(sizes)
    out: dict[str, float] = {"files": len(chosen), "chars": chars}
    cores = os.cpu_count() or 1
    for jobs in (1, cores):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Corpus(Path(tmp) / "i.sqlite3")
            corpus.recognizer().recognize("预热")  # load the dictionaries outside the timing
            first: list[float] = []
            cpu0 = os.times()
            t0 = time.perf_counter()
            corpus.ingest([str(p) for p in chosen], jobs=jobs,
                          progress=lambda done, total, label: first.append(time.perf_counter()) if not first else None)
            end = time.perf_counter()
            cpu1 = os.times()
            corpus.close()
        out[f"jobs{jobs}_chars_per_s"] = round(chars / (end - t0))
        out[f"jobs{jobs}_steady_chars_per_s"] = round((chars - sizes[0]) / (end - first[0]))
        used = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system) + (cpu1.children_user - cpu0.children_user) \
            + (cpu1.children_system - cpu0.children_system)
        out[f"jobs{jobs}_cpu_s"] = round(used, 1)
    out["speedup"] = round(out[f"jobs{cores}_chars_per_s"] / out["jobs1_chars_per_s"], 2)
    out["steady_speedup"] = round(out[f"jobs{cores}_steady_chars_per_s"] / out["jobs1_steady_chars_per_s"], 2)
    out["load_average"] = round(os.getloadavg()[0], 1)
    return out


def run_size(n: int, cache: Path, ingest_files: int) -> dict[str, object]:
    from reader.corpus import Corpus

    db = cache / f"corpus-{n}" / "corpus.sqlite3"
    result: dict[str, object] = {"articles_requested": n}
    result["start"] = _probe("start", str(db))
    corpus = Corpus(db)
    result["open"] = measure_open(corpus)
    result["search"] = measure_search()
    result["regex"] = measure_regex()
    result["size"] = measure_size(corpus.db)
    corpus.close()
    if not result["size"]["term_statistics"]:  # measure what a user's corpus holds as well
        result["size_with_terms"] = measure_size_with_terms(db)
    result["export"] = _probe("export", str(db))
    if ingest_files and n == 10000:  # the 10,000 corpus's pages: real recognition, a fixed sample
        result["ingest"] = measure_ingest(cache / f"corpus-{n}" / "pages", ingest_files)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--ingest-files", type=int, default=600, help="0: skip the ingest figure")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        kind, db, *rest = args.probe
        data = probe_start(db, float(rest[0])) if kind == "start" else probe_export(db)
        print(json.dumps(data))
        return 0
    results = {}
    for n in (int(s) for s in args.sizes.split(",")):
        if not (args.cache / f"corpus-{n}" / "corpus.sqlite3").exists():
            print(f"{n}: no corpus (run bench/make_corpus.py --articles {n})")
            continue
        print(f"== {n} articles (load average {os.getloadavg()[0]:.1f})", flush=True)
        results[n] = run_size(n, args.cache, args.ingest_files)
        print(json.dumps(results[n], ensure_ascii=False, indent=1), flush=True)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _sized(r: dict) -> dict:  # type: ignore[type-arg]
    """The size figures with term statistics: as stored, or measured on a copy with them built."""
    return r.get("size_with_terms") or r["size"]


def print_table(results: dict[int, dict]) -> None:  # type: ignore[type-arg]
    sizes = sorted(results)
    rows = [
        ("articles (chars, M)", lambda r: f"{r['start']['count']} ({r['size']['mchars']})"),
        ("start -> list ready, s", lambda r: r["start"]["ready_s"]),
        ("RSS at list ready, MB", lambda r: r["start"]["rss_mb"]),
        ("all list rows (old list), s", lambda r: r["start"]["all_rows_s"]),
        ("first open p50 / p95, ms", lambda r: f"{r['open']['first_p50_ms']} / {r['open']['first_p95_ms']}"),
        ("re-open p50 / p95, ms", lambda r: f"{r['open']['reopen_p50_ms']} / {r['open']['reopen_p95_ms']}"),
        ("re-open longest p50 / p95, ms", lambda r: f"{r['open']['longest_reopen_p50_ms']} / "
                                                  f"{r['open']['longest_reopen_p95_ms']} ({r['open']['longest_chars']} ch)"),
        ("search p50 / p95, ms", lambda r: f"{r['search']['p50_ms']} / {r['search']['p95_ms']}"),
        ("  CPU time p50 / p95, ms", lambda r: f"{r['search'].get('cpu_p50_ms')} / {r['search'].get('cpu_p95_ms')}"),
        ("search 的 / 中国 / -中国, ms", lambda r: " / ".join(str(r["search"]["per_query"][q][0])
                                                       for q in ("的", "中国", "-中国"))),
        ("regex first hits, ms", lambda r: r["regex"][REGEXES[0]]["first_ms"]),
        ("regex (a|aa)+$ ends, s", lambda r: f"{r['regex'][REGEXES[2]]['end_s']} ({r['regex'][REGEXES[2]]['stopped']})"),
        ("DB MB per M chars (with term statistics)", lambda r: _sized(r)["total"] if "size_with_terms" not in r else
            f"{_sized(r)['total']} ({r['size']['total']} as stored, without; built in {_sized(r)['term_build_s']} s)"),
        ("  articles / fts / entities", lambda r: f"{_sized(r).get('articles')} / {_sized(r).get('fts')} / "
                                                  f"{_sized(r).get('entities')}"),
        ("  terms / reprints / annotations / pages / other", lambda r: " / ".join(
            str(_sized(r).get(k)) for k in ("terms", "reprints", "annotations", "pages", "other"))),
        ("export gather, s (CPU s; peak RSS MB)", lambda r: f"{r['export']['seconds']} "
                                                         f"({r['export'].get('cpu_seconds')}; {r['export']['peak_rss_mb']})"),
        ("ingest chars/s 1 / all cores (x)", lambda r: (f"{r['ingest']['jobs1_chars_per_s']} / "
                                                        f"{r['ingest'][f'jobs{os.cpu_count() or 1}_chars_per_s']} "
                                                        f"({r['ingest']['speedup']}x)") if "ingest" in r else "-"),
        ("  steady state (x)", lambda r: (f"{r['ingest']['jobs1_steady_chars_per_s']} / "
                                          f"{r['ingest'][f'jobs{os.cpu_count() or 1}_steady_chars_per_s']} "
                                          f"({r['ingest']['steady_speedup']}x)") if "ingest" in r else "-"),
    ]
    print("\n| figure | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for label, get in rows:
        print(f"| {label} | " + " | ".join(str(get(results[n])) for n in sizes) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
