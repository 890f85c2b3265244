"""Latency of the corpus views' work: KWIC, statistics, entity index, and their Qt models.

    /work/venv/bin/python bench/bench_views.py [--articles 5000] [--repeat 3] [--no-qt] [--keep DIR]

The seed corpus is ingested as in production (entity recognition on).  The large corpus is
made of articles whose paragraphs are drawn at random from the seed articles; each paragraph's
entities are recognised once and shifted into place, and about two annotations per article
carry tags from a small codebook, so the entity index and co-occurrence statistics have real work.
Prints the median ms of each operation.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.analysis import concordance as C
from reader.analysis import entity_index as ei
from reader.analysis import stats as ST
from reader.store import search as S
from reader.records import EntityRecord
from reader.store.db import open_db
from reader.store.entities import article_entities, count_spans, replace_entities
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    SourceFile,
    Tag,
    database,
)

TAGS = ("巡察", "基层治理", "乡村振兴", "禁毒", "人物", "政策", "安全", "经济", "民生", "党建")


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def row(label: str, ms: float, size: object = "") -> None:
    print(f"  {label:44} {ms:9.1f} ms  {size}")


def run(label: str, repeat: int, qt: bool) -> None:
    n = Article.select().count()
    print(f"\n== {label}: {n} articles, {count_spans()} entity mentions, "
          f"{Annotation.select().count()} annotations")
    for query in ("巡察", "李彦文", "工作大局", "巡察 OR 振兴"):
        ms, lines = timed(lambda q=query: S.kwic(q, width=20), repeat)
        row(f"kwic {query!r}", ms, f"{len(lines)} lines")  # type: ignore[arg-type]
    _, lines = timed(lambda: S.kwic("巡察", width=20), 1)
    ms, _ = timed(lambda: S.sort_kwic(lines, "left"), repeat)  # type: ignore[arg-type]
    row("sort kwic '巡察' by left context", ms)
    for offset in (0, 5000):  # what the view asks for a sort while lines are unread: the first page scans once
        ms, page = timed(lambda o=offset: C.kwic_sorted_in(None, "巡察", "left", offset=o, limit=500), repeat)
        row(f"sorted page at {offset} of kwic '巡察' by left context (median: later pages reuse the order)", ms,
            f"{len(page)} lines")  # type: ignore[arg-type]
    ms, _ = timed(lambda: S.export_kwic_csv(lines, io.StringIO(), bom=True), repeat)  # type: ignore[arg-type]
    row("export kwic '巡察' CSV (in memory)", ms)
    ms, entries = timed(lambda: ei.entity_index(), repeat)
    row("entity index (PER/LOC/ORG)", ms, f"{len(entries)} names")  # type: ignore[arg-type]
    top = entries[0]  # type: ignore[index]
    ms, occ = timed(lambda: ei.occurrences(top.name, top.type), repeat)
    row(f"occurrences of {top.name}", ms, f"{len(occ)} lines")  # type: ignore[arg-type]
    for name, fn in (("tag counts", ST.tag_counts), ("entity frequencies", ST.entity_frequencies),
                     ("tag x entity, span", lambda: ST.tag_entity_cooccurrence("span")),
                     ("tag x entity, article", lambda: ST.tag_entity_cooccurrence("article")),
                     ("tag x tag, span", lambda: ST.tag_tag_cooccurrence("span")),
                     ("article lengths", ST.article_lengths), ("articles per source", ST.articles_per_source)):
        ms, result = timed(fn, repeat)
        row(f"stats: {name}", ms, f"{len(result)} rows")  # type: ignore[arg-type]
    ms, _ = timed(lambda: ST.corpus_stats("span"), repeat)
    row("stats: everything (what the view computes)", ms)
    for name, fn in (("source names", C.source_names), ("author names", C.author_names),
                     ("article titles", C.article_titles)):
        ms, _ = timed(fn, repeat)
        row(f"GUI thread: {name}", ms)
    ms, hits = timed(lambda: C.search("巡察", entity=top.name, limit=500), repeat)
    row(f"search '巡察' filtered by {top.name}", ms, f"{len(hits)} results")  # type: ignore[arg-type]
    if qt:
        run_qt(lines, entries, repeat)  # type: ignore[arg-type]


def run_qt(lines: list[S.KwicLine], entries: list[ei.IndexEntry], repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.entity_index_view import EntityIndexModel
    from ui.kwic_view import KwicModel
    from ui.search_view import HighlightDelegate  # noqa: F401  (import cost only)

    app = QApplication.instance() or QApplication([])
    model = KwicModel()
    ms, _ = timed(lambda: model.set_lines(lines), repeat)
    row(f"Qt: KwicModel.set_lines ({len(lines)})", ms)
    ms, _ = timed(lambda: model.sort(0), repeat)
    row("Qt: KwicModel.sort(left)", ms)
    from reader.analysis import entity_listing as el

    el.ensure_current()  # the entities were written through the entity view: rebuilt once
    ms, _ = timed(lambda: EntityIndexModel().load(), repeat)
    row(f"Qt: EntityIndexModel.load ({len(entries)} entries, first screen)", ms)
    index_model = EntityIndexModel()
    index_model.load()
    ms, _ = timed(index_model.update, repeat)
    row("Qt: EntityIndexModel.update, nothing written since", ms)
    del app


def seed_corpus(path: Path) -> None:
    from reader.corpus import Corpus

    corpus = Corpus(path)
    t0 = time.perf_counter()
    report = corpus.ingest([ROOT / "seeds"])
    print(f"ingested seeds: {report.articles} articles in {time.perf_counter() - t0:.1f}s")


def large_corpus(path: Path, articles: int, paragraphs: list[tuple[str, list[tuple[int, int, str, str]]]]) -> None:
    rng = random.Random(11)
    open_db(path)
    t0 = time.perf_counter()
    with database.atomic():
        src = SourceFile.create(name="generated", path="-", sha256="0" * 64, size=0, encoding="utf-8")
        tag_ids = [Tag.create(name=name).id for name in TAGS]
        for start in range(0, articles, 500):
            batch = []
            for i in range(start, min(articles, start + 500)):
                body = rng.sample(paragraphs, min(len(paragraphs), rng.randint(4, 24)))
                text = "\n".join(p for p, _ in body)
                batch.append({"source": src.id, "position": i, "display_title": body[0][0][:18], "text": text,
                              "chars": len(text), "authors": [rng.choice(["贺露明", "李奕", "周丽", "李梅花"])]})
            first = Article.insert_many(batch).execute()
            ids = list(range(first - len(batch) + 1, first + 1))
            entities, annotations = [], []
            for article_id, spec in zip(ids, batch):
                offset = 0
                for para in spec["text"].split("\n"):
                    for s, e, etype, etext in by_text[para]:
                        entities.append((article_id, EntityRecord(offset + s, offset + e, etype, etext)))
                    offset += len(para) + 1
                for _ in range(2):
                    s = rng.randrange(0, max(1, len(spec["text"]) - 60))
                    annotations.append((article_id, s, s + rng.randint(10, 60), spec["text"]))
            by_article: dict[int, list[EntityRecord]] = {}
            for article_id, ent in entities:
                by_article.setdefault(article_id, []).append(ent)
            for article_id, found in by_article.items():
                replace_entities(article_id, found)
            for article_id, s, e, text in annotations:
                ann = Annotation.create(article=article_id, start=s, end=e, quote=text[s:e])
                for tag_id in rng.sample(tag_ids, rng.randint(1, 2)):
                    AnnotationTag.create(annotation=ann, tag=tag_id)
    t1 = time.perf_counter()
    S.rebuild_index()
    t2 = time.perf_counter()
    print(f"generated {articles} articles: insert {t1 - t0:.1f}s, index {t2 - t1:.1f}s")


by_text: dict[str, list[tuple[int, int, str, str]]] = {}


def seed_paragraphs() -> list[tuple[str, list[tuple[int, int, str, str]]]]:
    """Seed paragraphs (10+ characters) with their entity mentions relative to the paragraph."""
    out = []
    for article_id, text in Article.select(Article.id, Article.text).tuples():
        ents = [(e.start, e.end, e.type, e.text) for e in article_entities(article_id)]
        offset = 0
        for para in text.split("\n"):
            end = offset + len(para)
            if len(para) >= 10 and para not in by_text:
                inside = [(s - offset, e - offset, t, x) for s, e, t, x in ents if offset <= s and e <= end]
                by_text[para] = inside
                out.append((para, inside))
            offset = end + 1
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-qt", action="store_true", help="skip the Qt model timings")
    parser.add_argument("--keep", type=Path, help="write the databases here instead of a temp dir")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        seed_corpus(where / "seed.sqlite3")
        run("seed corpus", args.repeat, not args.no_qt)
        paragraphs = seed_paragraphs()
        database.close()
        large_corpus(where / "large.sqlite3", args.articles, paragraphs)
        run("generated corpus", args.repeat, not args.no_qt)
        database.close()


if __name__ == "__main__":
    main()
