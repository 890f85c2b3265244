"""Export time and peak memory per format at growing corpus sizes (issue 13, "Streaming export").

    .venv/bin/python bench/bench_export.py [--sizes 1000,10000,100000] [--formats all] [--keep DIR]

Corpus: a generated corpus at ``/work/cache/pizhu/corpus-<N>/corpus.sqlite3`` is used when one
exists with a schema this branch can read; otherwise one is generated here through the store's
own models (bulk inserts, no ingest): articles are the real People's Daily texts of
``../shared/corpora/rmrb-2019-2020`` (cycled, paragraphs rotated for the repeats), ten per page,
pages spread over 2019–2021 in four papers with page numbers; about 20 entity mentions per
article (types PER/LOC/ORG/DATE/NUM, text never stored apart from the article); as many
annotations as articles over a two-level 30-tag codebook, three coders, a note on every fifth;
5 % of the articles carry article tags, 5 % are read, 1 % starred.  The generation time is
printed.

Each export runs in a fresh process (``--one``) that prints its wall time, its CPU time (the
steadier figure on a shared machine) and its peak RSS, so the figures are per format and not
shared, with the load average at its end (CPU time too grows when other processes share the
cores).  Targets: < 10 s per format and < 500 MB for 100,000 annotations over 100,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
PAPERS = ("人民日报", "湖南日报", "长沙晚报", "湘声报")
CACHE = Path("/work/cache/pizhu")
ALL = ("xlsx", "csv", "jsonl", "w3c", "qdpx", "qdc", "brat", "bio", "md", "html")


def real_texts() -> list[str]:
    texts = []
    for path in sorted(SHARED.glob("*/*.txt")):
        text = path.read_text("utf-8", errors="replace").replace("\r\n", "\n").strip()
        if len(text) > 80:
            texts.append(text)
    if not texts:
        raise SystemExit(f"no articles under {SHARED}")
    return texts


def generate(path: Path, n: int, seed: int = 13) -> float:
    """Build an n-article corpus at ``path`` through the models; returns the seconds it took."""
    from reader.corpus import Corpus
    from reader.records import EntityRecord
    from reader.store.entities import replace_entities
    from reader.store.models import Annotation, AnnotationTag, Article, ArticleTag, SourceFile, Tag, database

    started = time.perf_counter()
    rng = random.Random(seed)
    texts = real_texts()
    corpus = Corpus(path)
    with database.atomic():
        parents = [Tag.create(name=f"主题{i}", color="#4e79a7", description=f"一级主题 {i}") for i in range(6)]
        tags = [Tag.create(name=f"主题{i}·子{j}", parent=parents[i], color="#f28e2b") for i in range(6) for j in range(4)]
        tags = parents + tags
        article_tag = Tag.create(name="待核", color="#59a14f")
    coders = ["coder_a", "coder_b", "研究员甲"]
    base_day = dt.date(2019, 1, 1)
    batch = 500
    for first in range(0, n, batch):
        with database.atomic():
            pages = {}
            for k in range(first, min(n, first + batch)):
                page_no = k // 10
                if page_no not in pages:
                    day = base_day + dt.timedelta(days=(page_no * 7) % 1000)
                    pages[page_no] = SourceFile.create(
                        name=f"{PAPERS[page_no % 4]}/{day:%Y%m%d}-{page_no % 16 + 1:02d}-{page_no}.txt",
                        path=f"/bench/{page_no}.txt", sha256=f"{page_no:064d}", size=0, encoding="utf-8",
                        published=day, paper=PAPERS[page_no % 4], page=page_no % 16 + 1).id
            rows = []
            for k in range(first, min(n, first + batch)):
                text = texts[k % len(texts)]
                if k >= len(texts):  # a repeat: rotate its paragraphs so it differs
                    paras = text.split("\n")
                    r = (k // len(texts)) % max(1, len(paras))
                    text = "\n".join(paras[r:] + paras[:r])
                title = text.split("\n", 1)[0][:40]
                rows.append({"source": pages[k // 10], "position": k % 10, "title": title, "display_title": title,
                             "text": text, "chars": len(text), "state": "read" if k % 20 == 3 else
                             "starred" if k % 100 == 7 else "unread", "note": "重要" if k % 50 == 1 else ""})
            Article.insert_many(rows).execute()
            ids = [i for (i,) in Article.select(Article.id).order_by(Article.id.desc()).limit(len(rows)).tuples()][::-1]
            ents, anns, links, art_tags = [], [], [], []
            for art_id, row in zip(ids, rows):
                text = row["text"]
                for _ in range(20):
                    s = rng.randrange(0, len(text) - 4)
                    ents.append((art_id, EntityRecord(s, s + rng.randint(2, 4),
                                                      rng.choice(("PER", "LOC", "ORG", "DATE", "NUM")), "")))
                for _ in range(rng.choice((0, 1, 1, 2))):
                    s = rng.randrange(0, len(text) - 31)
                    e = s + rng.randint(4, 30)
                    anns.append(({"article": art_id, "start": s, "end": e, "quote": text[s:e],
                                  "prefix": text[max(0, s - 32):s], "suffix": text[e:e + 32],
                                  "note": "批注" if len(anns) % 5 == 0 else "", "author": rng.choice(coders),
                                  "status": "anchored"}, rng.sample(tags, rng.randint(1, 2))))
                if art_id % 20 == 0:
                    art_tags.append({"article": art_id, "tag": article_tag.id})
            by_article: dict[int, list[EntityRecord]] = {}
            for art_id, ent in ents:
                by_article.setdefault(art_id, []).append(ent)
            for art_id, found in by_article.items():
                replace_entities(art_id, found)
            for ann, ann_tags in anns:
                ann_id = Annotation.insert(ann).execute()
                links += [{"annotation": ann_id, "tag": t.id} for t in ann_tags]
            if links:
                AnnotationTag.insert_many(links).execute()
            if art_tags:
                ArticleTag.insert_many(art_tags).execute()
    corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return time.perf_counter() - started


def corpus_for(n: int, keep: Path, cache: Path = CACHE) -> Path:
    from reader.store.migrations import MIGRATIONS

    cached = cache / f"corpus-{n}" / "corpus.sqlite3"
    if cached.exists():
        import sqlite3

        version = sqlite3.connect(f"file:{cached}?mode=ro", uri=True).execute("PRAGMA user_version").fetchone()[0]
        if version <= len(MIGRATIONS):
            print(f"using {cached}")
            return cached
        print(f"{cached} has schema {version}, newer than this branch's {len(MIGRATIONS)}: generating")
    path = keep / f"bench-{n}.sqlite3"
    if not path.exists():
        seconds = generate(path, n)
        print(f"generated {n} articles in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def one(fmt: str, db: str, out: str, entities: bool) -> None:
    from reader.corpus import Corpus
    from reader.exchange.exporting import ExportFilters, export

    corpus = Corpus(db)
    started, cpu = time.perf_counter(), time.process_time()
    count = export(corpus, fmt, out, ExportFilters(include_entities=entities))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(p.stat().st_size for p in Path(out).rglob("*")) if Path(out).is_dir() else Path(out).stat().st_size
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss, "annotations": count, "bytes": size,
                      "load": os.getloadavg()[0]}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--formats", default="all")
    parser.add_argument("--entities", action="store_true", help="also export entities")
    parser.add_argument("--keep", default="/tmp/pizhu-bench", help="where generated corpora are kept")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where corpus-N/corpus.sqlite3 are looked for (an older schema is migrated in place: "
                             "point this at copies)")
    parser.add_argument("--one", nargs=3, metavar=("FMT", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(*args.one, entities=args.entities)
        return 0
    keep = Path(args.keep)
    keep.mkdir(parents=True, exist_ok=True)
    formats = ALL if args.formats == "all" else tuple(args.formats.split(","))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'articles':>9} {'format':<6} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'annotations':>11} {'output MB':>9} "
          f"{'load':>5}")
    for n in (int(x) for x in args.sizes.split(",")):
        db = corpus_for(n, keep, args.cache)
        for fmt in formats:
            out = keep / f"out-{n}.{'zip' if fmt == 'brat' else fmt}"
            cmd = [sys.executable, __file__, "--one", fmt, str(db), str(out)] + (["--entities"] if args.entities else [])
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if done.returncode != 0:
                print(f"{n:>9} {fmt:<6} failed: {done.stderr.strip().splitlines()[-1]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{n:>9} {fmt:<6} {r['seconds']:>8.2f} {r['cpu']:>7.2f} {r['rss_mb']:>8.0f} {r['annotations']:>11} "
                  f"{r['bytes'] / 1e6:>9.1f} {r['load']:>5.1f}", flush=True)
            if out.is_dir():
                shutil.rmtree(out)
            else:
                out.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
