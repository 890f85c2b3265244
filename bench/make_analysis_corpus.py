"""Grow a real ingested corpus to N articles for the analysis benchmarks (bench_analysis.py).

    python bench/make_analysis_corpus.py BASE.sqlite3 OUT.sqlite3 [--articles 100000] [--chars 185e6]

BASE is a corpus built the ordinary way, e.g. ``python -m reader --db BASE ingest
../shared/corpora/rmrb-2019-2020/articles`` (9,652 real People's Daily articles, parsed and
recognised by Pizhu).  OUT is a copy of it with more articles added through SQL on the same
tables: variant ``v`` of article ``i`` is printed in another paper (湖南日报, 长沙晚报, …), ``v``
years earlier, on a page file of its own; 15 % of the variants are exact reprints of their
original, the others are followed by the texts of other articles (as many as bring the corpus to
about ``--chars`` characters), so they are distinct articles; recognised entities are copied
with their offsets moved accordingly, so entity text is still ``text[start:end]``.  The
full-text index is rebuilt at the end.  Unlike ``replicate_corpus.py`` (exact copies, for the UI
benchmarks), the texts differ and several papers print them, which keyness, reprints and
timelines need to be measured honestly.  Nothing here is committed: OUT goes wherever you say.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAPERS = ("湖南日报", "长沙晚报", "娄底日报", "怀化日报", "邵阳日报", "常德日报", "岳阳日报", "衡阳日报",
          "株洲日报", "益阳日报", "湘潭日报")
REPRINTS = 0.15
ARTICLE_COLUMNS = ("position", "title", "display_title", "title_derived", "subtitle", "kicker", "column", "authors",
                   "photographers", "dateline", "structure", "text", "segments", "chars", "state", "note", "retired",
                   "entities_version", "created", "updated")


def copy_spans(con: sqlite3.Connection, new_id: int, parts: list[tuple[int, int]]) -> None:
    """The entity spans of the articles ``parts`` names (``(shift, article id)``), moved by their
    shift, as the spans of ``new_id`` (its pack, mentions and count)."""
    from collections import Counter

    from reader.store import entity_pack

    spans = []
    for shift, source in parts:
        row = con.execute("SELECT spans FROM entity_pack WHERE article_id = ?", (source,)).fetchone()
        if row:
            spans += [(s + shift, n, t, name, o) for s, n, t, name, o in entity_pack.decode(row[0])]
    if not spans:
        return
    blob = entity_pack.encode(spans)
    kept = entity_pack.decode(blob)
    con.execute("INSERT INTO entity_pack (article_id, spans) VALUES (?, ?)", (new_id, blob))
    counts = Counter((name, t) for _s, _n, t, name, _o in kept)
    con.executemany("INSERT INTO entity_mention VALUES (?, ?, ?, ?)", [(n, t, new_id, c) for (n, t), c in counts.items()])
    con.execute("UPDATE article_stat SET entities = ? WHERE article_id = ?", (len(kept), new_id))


def grow(base: Path, out: Path, articles: int, chars: float, seed: int = 15) -> None:
    shutil.copyfile(base, out)
    from reader.store.db import open_db

    open_db(out).close()  # at this branch's schema: spans in entity_pack
    con = sqlite3.connect(out)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA synchronous = off")
    cols = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS)
    rows = con.execute(f'SELECT a.id, s.name, s.published, s.page, {cols}, s.id FROM article AS a JOIN source_file AS s '
                       'ON s.id = a.source_id WHERE a.retired = 0 ORDER BY a.id').fetchall()
    have = len(rows)
    total_chars = sum(r[4 + ARTICLE_COLUMNS.index("chars")] for r in rows)
    need = max(0, articles - have)
    mean = total_chars / max(have, 1)
    # 15 % of the variants are exact reprints of their original; the others carry donor texts
    extra = max(0.0, (chars - total_chars - need * mean) / max(need * mean * (1 - REPRINTS), 1.0))
    rng = random.Random(seed)
    text_at = 4 + ARTICLE_COLUMNS.index("text")
    chars_at = 4 + ARTICLE_COLUMNS.index("chars")
    print(f"base: {have} articles, {total_chars:,} chars; adding {need} ({REPRINTS:.0%} exact reprints, "
          f"{extra:.2f} donor texts on average on the others)")
    sources: dict[tuple[int, int], int] = {}
    started = time.time()
    made = 0
    variant = 1
    con.execute("BEGIN")
    while made < need:
        paper = PAPERS[(variant - 1) % len(PAPERS)]
        for row in rows:
            if made >= need:
                break
            article_id, name, published, page = row[:4]
            source_id = row[-1]
            date = None
            if published:
                year = int(str(published)[:4]) - variant
                date = f"{year}{str(published)[4:]}"
                if date.endswith("-02-29"):
                    date = date[:-2] + "28"
            key = (variant, source_id)
            if key not in sources:
                sources[key] = con.execute(
                    "INSERT INTO source_file (name, path, sha256, size, encoding, parser_version, ingested, "
                    "published, paper, page) VALUES (?, ?, ?, 0, 'utf-8', 0, '2026-01-01', ?, ?, ?)",
                    (f"{paper}/{variant}/{name}", f"/synthetic/{paper}/{variant}/{name}", f"v{variant}-{source_id}",
                     date, paper, page)).lastrowid
            values = list(row[4:-1])
            donors = []
            if rng.random() >= REPRINTS:
                k = int(extra) + (1 if rng.random() < extra - int(extra) else 0)
                donors = [rows[(article_id * 7919 + variant * 104729 + j * 15485863) % have] for j in range(k)]
            text = row[text_at]
            shifts = []
            for donor in donors:
                shifts.append((len(text) + 1, donor[0]))
                text = text + "\n" + donor[text_at]
            values[text_at - 4] = text
            values[chars_at - 4] = len(text)
            marks = ", ".join("?" * (len(ARTICLE_COLUMNS) + 1))
            new_id = con.execute(f'INSERT INTO article (source_id, {cols}) VALUES ({marks})',
                                 [sources[key], *values]).lastrowid
            copy_spans(con, new_id, [(0, article_id), *shifts])
            made += 1
            if made % 10000 == 0:
                con.execute("COMMIT")
                print(f"  {made + have} articles ({time.time() - started:.0f} s)")
                con.execute("BEGIN")
        variant += 1
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('entity_index.dirty', '1')")  # rebuilt on use
    con.execute("COMMIT")
    con.close()
    from reader.store.db import open_db
    from reader.store.search import rebuild_index

    db = open_db(out)
    print("rebuilding the full-text index…")
    rebuild_index(db)
    n, c = db.execute_sql("SELECT count(*), total(chars) FROM article WHERE retired = 0").fetchone()
    db.close()
    print(f"done: {n} articles, {int(c):,} chars in {time.time() - started:.0f} s -> {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chars", type=float, default=185e6)
    args = parser.parse_args()
    grow(Path(args.base), Path(args.out), args.articles, args.chars)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
