"""The vocabulary of the term statistics in blocks (step ``_term_blocks`` and the server's
``_s14_term_blocks``): ``term`` rows become ``term_block`` rows of 4,096 terms, every id kept,
the statistics unchanged and not rebuilt; terms added afterwards by two vocabularies (two
processes) get one id each, across a block boundary too."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from reader.analysis import termstats
from reader.analysis.terms import BLOCK, Vocabulary, blocks_from_rows, pack_block, unpack_block
from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

SEEDS = Path(__file__).parents[3] / "seeds"


def test_blocks_round_trip_with_gaps_odd_texts_and_kinds() -> None:
    rows = [(1, "中国", ""), (2, "湖南", "LOC"), (3, 'a"\\\\\\x1f\\n', "PER"), (5, "", "NUM"), (BLOCK + 2, "后", "")]
    blocks = blocks_from_rows(rows)
    assert [b for b, _blob in blocks] == [0, 1]
    first = unpack_block(blocks[0][1])
    assert len(first) == BLOCK and first[:6] == [("", None), ("中国", ""), ("湖南", "LOC"), ('a"\\\\\\x1f\\n', "PER"),
                                                   ("", None), ("", "NUM")]
    assert all(k is None for _t, k in first[6:])
    assert unpack_block(blocks[1][1]) == [("", None), ("", None), ("后", "")]
    assert blocks_from_rows([]) == []
    assert unpack_block(pack_block(["x"] * 3, ["", None, "ORG"])) == [("x", ""), ("x", None), ("x", "ORG")]


def test_a_database_from_before_gets_its_vocabulary_in_blocks_with_the_same_ids(tmp_path: Path) -> None:
    from reader.analysis import wordstats
    from reader.ingest import ingest
    from reader.store.models import database

    step = migmod.MIGRATIONS.index(migmod._term_blocks) + 1
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step - 1)
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]])
    assert termstats.ensure_current()
    terms = database.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall()
    assert len(terms) > 1000
    words = [(w.word, w.count, w.articles) for w in wordstats.word_list(top=50)]
    term_bytes = database.execute_sql("SELECT sum(pgsize) FROM dbstat WHERE name = 'term'").fetchone()[0]
    chunks = database.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall()
    db.close()
    termstats._STATES.clear()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    assert corpus.db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'term'").fetchone() is None
    block_bytes = corpus.db.execute_sql("SELECT sum(pgsize) FROM dbstat WHERE name = 'term_block'").fetchone()[0]
    assert block_bytes < term_bytes / 2
    vocab = Vocabulary()
    assert all(vocab.lookup(t, k) == i and vocab.texts[i] == t and vocab.kinds[i] == k for i, t, k in terms)
    assert termstats.ensure_current()
    assert corpus.db.execute_sql("SELECT id, fingerprint, version FROM term_chunk ORDER BY id").fetchall() == chunks
    assert [(w.word, w.count, w.articles) for w in wordstats.word_list(top=50)] == words
    # two processes' vocabularies add terms past the last block's end
    one, two = Vocabulary(), Vocabulary()
    top = len(one)
    one.add_all([(f"新词{i}", "") for i in range(BLOCK)] + [("湖南", "PER")])
    two.add_all([("新词7", ""), ("另一个", "ORG"), ("湖南", "PER")])
    fresh = Vocabulary()
    assert len(fresh.ids) == len(terms) + BLOCK + 2 and len(set(fresh.ids.values())) == len(fresh.ids)
    assert fresh.lookup("新词7") == one.lookup("新词7") == two.lookup("新词7") >= top
    assert fresh.lookup("另一个", "ORG") == two.lookup("另一个", "ORG") and fresh.lookup("湖南", "PER") == one.lookup("湖南", "PER")
    assert all(fresh.lookup(t, k) == i for i, t, k in terms)
    assert np.array_equal(fresh.words()[:len(terms) + 1], vocab.words()[:len(terms) + 1])
    corpus.close()


def test_a_server_corpus_from_step_13_gets_its_vocabulary_in_blocks(pg_cluster, seeded_server_template: str) -> None:  # type: ignore[no-untyped-def]
    from reader.store.pg_schema import SERVER_MIGRATIONS
    from reader.store.postgres import connect, migrate_server, server_version

    uri = pg_cluster.new_database(template=seeded_server_template)
    corpus = Corpus(uri)
    assert termstats.ensure_current()
    vocab = termstats.vocabulary()
    terms = [(i, vocab.texts[i], vocab.kinds[i]) for i in range(1, len(vocab))]
    assert len(terms) > 100
    corpus.close()
    termstats._STATES.clear()
    db = connect(uri)  # back to step 13: the one-row-a-term table
    with db.atomic():
        db.execute_sql('CREATE TABLE "term" ("id" SERIAL PRIMARY KEY, "text" TEXT NOT NULL, "kind" TEXT NOT NULL)')
        for i, t, k in terms:
            db.execute_sql('INSERT INTO "term" ("id", "text", "kind") VALUES (?, ?, ?)', (i, t, k))
        db.execute_sql('DROP TABLE "term_block"')
        db.execute_sql('DELETE FROM "pizhu_schema" WHERE "step" > 13')
    assert migrate_server(db) == len(SERVER_MIGRATIONS)
    assert db.execute_sql("SELECT count(*) FROM term_block").fetchone()[0] >= 1
    db.close()
    corpus = Corpus(uri)
    assert server_version(corpus.db) == len(SERVER_MIGRATIONS)
    fresh = Vocabulary()
    assert all(fresh.lookup(t, k) == i for i, t, k in terms)
    fresh.add_all([("服务器上的新词", "")])
    assert Vocabulary().lookup("服务器上的新词") == len(terms) + 1
    corpus.close()
    pg_cluster.drop(uri)
