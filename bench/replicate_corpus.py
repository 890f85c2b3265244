"""Make a big corpus out of a smaller one quickly, for UI benchmarks: copy every page file's rows
(pages, articles with their text, entities, full-text index) ``--times`` times in SQL, each copy
a new page file (``name~2.txt`` …) dated one year later.  No parsing or recognition runs, so
this takes minutes where an ingest of 100,000 files takes hours; the copies are real rows of the
real schema, but the text repeats.  Prints what it made and how long it took.

    python bench/replicate_corpus.py SRC.sqlite3 DST.sqlite3 --times 8
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path


def columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f'PRAGMA table_info("{table}")')]


def replicate(src: Path, dst: Path, times: int) -> dict[str, float]:
    started = time.perf_counter()
    shutil.copyfile(src, dst)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from reader.store.db import open_db

    open_db(dst).close()  # at this branch's schema: spans in entity_pack
    con = sqlite3.connect(dst)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    source_cols = [c for c in columns(con, "source_file") if c not in ("id", "name", "published")]
    article_cols = [c for c in columns(con, "article") if c not in ("id", "source_id")]
    base_sources = con.execute("SELECT MAX(id) FROM source_file").fetchone()[0]
    base_articles = con.execute("SELECT MAX(id) FROM article").fetchone()[0]
    fts = con.execute("SELECT name FROM sqlite_master WHERE name = 'article_index'").fetchone() is not None
    for copy in range(1, times):
        s_off, a_off = copy * base_sources, copy * base_articles
        cols = ", ".join(f'"{c}"' for c in source_cols)
        con.execute(
            f'INSERT INTO source_file (id, name, published, {cols}) '
            f"SELECT id + ?, replace(name, '.', '~{copy + 1}.'), date(published, '+{copy} years'), {cols} "
            f'FROM source_file WHERE id <= ?', (s_off, base_sources))
        cols = ", ".join(f'"{c}"' for c in article_cols)
        con.execute(f'INSERT INTO article (id, source_id, {cols}) SELECT id + ?, source_id + ?, {cols} '
                    f'FROM article WHERE id <= ?', (a_off, s_off, base_articles))
        # the packed spans are relative to their article: copied as they are, with their mentions
        con.execute('INSERT INTO entity_pack SELECT article_id + ?, spans FROM entity_pack WHERE article_id <= ?',
                    (a_off, base_articles))
        con.execute('INSERT INTO entity_mention SELECT name_id, type_id, article_id + ?, n FROM entity_mention '
                    'WHERE article_id <= ?', (a_off, base_articles))
        con.execute('UPDATE article_stat SET entities = (SELECT s.entities FROM article_stat AS s '
                    'WHERE s.article_id = article_stat.article_id - ?) WHERE article_id > ? AND article_id <= ?',
                    (a_off, a_off, a_off + base_articles))
        if fts:
            con.execute("INSERT INTO article_index (rowid, tokens) SELECT rowid + ?, tokens FROM article_index "
                        "WHERE rowid <= ?", (a_off, base_articles))
        con.commit()
    made = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("source_file", "article")}
    made["entity"] = con.execute("SELECT SUM(entities) FROM article_stat").fetchone()[0]
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('entity_index.dirty', '1')")  # rebuilt on use
    con.commit()
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    return {**made, "seconds": round(time.perf_counter() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--times", type=int, default=8)
    args = parser.parse_args()
    if args.dst.exists():
        print(f"{args.dst}: exists; choose a new file", file=sys.stderr)
        return 1
    out = replicate(args.src, args.dst, args.times)
    print(f"{args.dst}: {out['article']:,} articles, {out['entity']:,} entities, {out['source_file']:,} pages "
          f"in {out['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
