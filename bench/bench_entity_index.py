"""The entity index kept on write: what a correction costs until the index view shows it, and
what keeping the aggregate adds to every write of an article's entities.

    .venv/bin/python bench/bench_entity_index.py DB [--articles 2000] [--no-qt]

``DB`` is written to: pass a copy (e.g. of ``/work/cache/pizhu/corpus-100000/corpus.sqlite3``
in /tmp).  Prints CPU seconds (``time.process_time``, this process) and wall seconds, with the
load average, for:

- building the aggregate from scratch (what the migration does; only when it is not current);
- the index from scratch (:func:`reader.analysis.entity_index.entity_index`, what the view
  used to run after every change) against reading the aggregate (ids in order + one page);
- a corpus-wide correction (reject a name that is an entity in about 100 articles): the write
  (re-recognising the articles that contain it, in this process) and then the index model's
  update (the entries changed since its last look), and an alias merge the same way;
- the write overhead: storing the entities of ``--articles`` articles again with the aggregate
  kept and with its bookkeeping switched off (per article, and as a share of the store step).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measured(label: str, fn: Callable[[], Any]) -> Any:
    c0, w0 = time.process_time(), time.perf_counter()
    result = fn()
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"  {label:58} {cpu:8.3f} s CPU {wall:8.3f} s wall   load {os.getloadavg()[0]:.1f}")
    return result


def restore(articles: list[int], keep: bool) -> float:
    """CPU seconds to store these articles' entities again (as a recompute would)."""
    from reader.store import entity_index_store as store
    from reader.store.entities import article_entities, replace_entities
    from reader.store.models import database

    saved = (store.begin_article, store.end_article)
    if not keep:  # the writer as it was before the aggregate
        store.begin_article = lambda article_id, db=None: False  # type: ignore[assignment]
        store.end_article = lambda article_id, held, names, db=None: None  # type: ignore[assignment]
    try:
        found = {a: article_entities(a) for a in articles}
        c0 = time.process_time()
        for a in articles:
            with database.atomic():
                replace_entities(a, found[a], [e.source for e in found[a]])
        return time.process_time() - c0
    finally:
        store.begin_article, store.end_article = saved


def ingest_cpu(pages: Path, files: int, keep: bool) -> tuple[float, int]:
    """CPU seconds (this process and its workers) to ingest ``files`` page files of ``pages``
    into a new corpus in one process, with the aggregate kept or its bookkeeping off."""
    import tempfile

    from reader.corpus import Corpus
    from reader.store import entity_index_store as store

    chosen = sorted(pages.rglob("*.txt"))[:files]
    saved = (store.begin_article, store.end_article)
    if not keep:
        store.begin_article = lambda article_id, db=None: False  # type: ignore[assignment]
        store.end_article = lambda article_id, held, names, db=None: None  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Corpus(Path(tmp) / "i.sqlite3")
            corpus.recognizer().recognize("预热")  # dictionaries loaded outside the timing
            store.links_of([("湖南省娄底市", "LOC"), ("娄底", "LOC")])
            t0 = os.times()
            corpus.ingest([str(p) for p in chosen], jobs=1)
            t1 = os.times()
            n = corpus.db.execute_sql('SELECT COUNT(*) FROM "article"').fetchone()[0]
            corpus.close()
    finally:
        store.begin_article, store.end_article = saved
    return (t1.user - t0.user) + (t1.system - t0.system) + (t1.children_user - t0.children_user) \
        + (t1.children_system - t0.children_system), int(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-qt", action="store_true")
    parser.add_argument("--ingest", type=Path, help="a folder of pages: also time an ingest with and without")
    parser.add_argument("--ingest-files", type=int, default=300)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from reader.analysis import entity_index as ei
    from reader.analysis import entity_listing as el
    from reader.coding import corrections
    from reader.corpus import Corpus
    from reader.store import entity_index_store

    corpus = measured("open (and migrate)", lambda: Corpus(args.db))
    n = corpus.db.execute_sql('SELECT COUNT(*) FROM "article"').fetchone()[0]
    print(f"{args.db}: {n} articles, {el.totals()[0]} index entries")
    if not entity_index_store.is_current():
        measured("aggregate built from scratch (as the migration)", el.ensure_current)
    measured("lexicon loaded (once per process, if not yet)", lambda: entity_index_store.links_of(
        [("湖南省娄底市", "LOC"), ("娄底", "LOC")]))
    measured("index from scratch (what each change cost before)", ei.entity_index)
    measured("aggregate: every id in order", el.entry_ids)
    measured("aggregate: ids + the first 128 rows", lambda: el.entry_rows(el.entry_ids()[:128]))

    model: Any = None
    if not args.no_qt:
        from PySide6.QtWidgets import QApplication

        from ui.entity_index_view import EntityIndexModel

        app = QApplication.instance() or QApplication([])  # noqa: F841
        model = EntityIndexModel()
        measured("index model: first load (ids + a screenful)", lambda: (model.load(), model.record(0)))

    def update() -> object:
        if model is not None:
            return len(model.update()), model.record(0)
        seq = el.last_seq()
        changed, _ = el.changed_since(seq - 1)
        return el.entry_ids(), el.entry_rows(changed)

    orgs = el.entry_rows(el.entry_ids("articles", types=["ORG"]))
    target = min(orgs, key=lambda r: (abs(r.articles - 100), r.name))
    print(f"correction: reject {target.name} ({target.type}, {target.articles} articles, {target.mentions} mentions)")
    applied = measured("correction written (articles recognised again here)",
                       lambda: corrections.reject_entity(corpus, target.name, target.type))
    print(f"    {len(applied.change.article_ids)} articles recognised again")
    measured("index model updated (entries changed since)", update)
    measured("undo of the correction", lambda: corrections.apply_edit(corpus, applied.inverse))
    measured("index model updated", update)
    locs = el.entry_rows(el.entry_ids("articles", types=["LOC"], limit=40))
    a, b = locs[10], locs[30]
    measured(f"alias merge {b.name} -> {a.name} ({a.articles} + {b.articles} articles)",
             lambda: ei.add_alias(b.name, a.name, "LOC"))
    measured("index model updated", update)
    measured("alias removed", lambda: ei.remove_alias(b.name))
    measured("index model updated", update)

    ids = [int(r[0]) for r in corpus.db.execute_sql(
        'SELECT "id" FROM "article" ORDER BY "id" LIMIT ?', (args.articles,)).fetchall()]
    restore(ids[:50], True)  # warm
    off = restore(ids, False)
    on = restore(ids, True)
    print(f"  write overhead, {len(ids)} articles' entities stored again: {off:.3f} s CPU without the aggregate, "
          f"{on:.3f} s with: +{(on - off) / len(ids) * 1000:.2f} ms CPU per article "
          f"({(on - off) / off * 100:.0f} % of the store step)   load {os.getloadavg()[0]:.1f}")
    assert entity_index_store.is_current()
    corpus.close()
    if args.ingest is not None:
        for keep in (False, True, False, True):
            cpu, articles = ingest_cpu(args.ingest, args.ingest_files, keep)
            print(f"  ingest of {args.ingest_files} pages ({articles} articles), one worker, aggregate "
                  f"{'kept' if keep else 'off '}: {cpu:.2f} s CPU   load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
