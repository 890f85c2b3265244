"""A corpus on a PostgreSQL server (issue 17): the SQL it is given, the schema's steps, and the
facade's features on a real server compared with the same work on a file corpus.  Tests that
need a server use the session's throw-away cluster (``pg_cluster`` in tests/conftest.py) and
skip when PostgreSQL is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store.postgres import (
    MAX_PER_LEXEME,
    MAX_POSITION,
    redacted,
    to_server_sql,
    to_tsquery,
    tsvector_literal,
)
from reader.store.query import index_tokens, parse_query, to_fts

ROOT = Path(__file__).resolve().parents[2]
SEED = sorted((ROOT / "seeds").iterdir())[0]


# -- pure: the dialect and the index expressions ------------------------------------------
def test_sqlite_dialect_becomes_postgres() -> None:
    sql, params = to_server_sql(
        "SELECT a FROM t INDEXED BY \"t_list\" WHERE b = ? AND c LIKE '%?%' AND d IN (SELECT value FROM "
        "json_each(?)) AND e IN (SELECT id FROM u WHERE f = %s)", [1, "[2, 3]", 4])
    assert sql == ("SELECT a FROM t WHERE b = %s AND c LIKE '%%?%%' AND d = ANY(%s) "
                   "AND e IN (SELECT id FROM u WHERE f = %s)")
    assert params == [1, [2, 3], 4]
    sql, params = to_server_sql('INSERT OR IGNORE INTO "x" ("a") VALUES (?), (?)', ["p", "q"])
    assert sql == 'INSERT INTO "x" ("a") VALUES (%s), (%s) ON CONFLICT DO NOTHING'
    sql, _ = to_server_sql("SELECT j.value FROM article AS a, json_each(a.authors) AS j WHERE j.value = ?", ["x"])
    assert "json_array_elements_text((a.authors)::json) AS j(value)" in sql and sql.endswith("= %s")
    sql, _ = to_server_sql('SELECT * FROM "article" AS "t1" NOT INDEXED WHERE "t1"."id" > %s', [0])
    assert sql == 'SELECT * FROM "article" AS "t1" WHERE "t1"."id" > %s'


def test_index_expressions_become_tsqueries() -> None:
    expr = to_fts(parse_query('"娄星 区" OR (中国 -湖南) Ab'))
    assert expr is not None
    # OR binds loosest: "娄星 区" OR ((中国 NOT 湖南) AND ab); a space is a token (u20, the
    # space itself here); case folds on the server (lower() of the tsquery)
    assert to_tsquery(expr) == ("( ('娄' <-> '星' <-> ' ' <-> '区') | ( ( ( ('中' <-> '国') ) & ! "
                                "('湖' <-> '南') ) & ('A' <-> 'b') ) )")
    with pytest.raises(ValueError):
        to_tsquery("娄 & 底")


def test_tsvector_keeps_positions_and_refuses_past_its_limits() -> None:
    assert tsvector_literal(index_tokens("中国，中A")) == "'中':1,4 '国':2 '，':3 'a':5"
    assert tsvector_literal(index_tokens("中" * MAX_PER_LEXEME)) is not None
    assert tsvector_literal(index_tokens("中" * (MAX_PER_LEXEME + 1))) is None
    assert tsvector_literal(index_tokens("".join(chr(0x4E00 + i % 20000) for i in range(MAX_POSITION + 1)))) is None


def test_the_server_makes_the_same_vectors(pg_uri: str) -> None:
    from reader.store.postgres import connect, init_server

    init_server(pg_uri)
    db = connect(pg_uri)
    try:
        for text in ["中国，中A a\n'\\ 𠮷。", "", "的" * MAX_PER_LEXEME, "的" * (MAX_PER_LEXEME + 1)]:
            made = db.execute_sql("SELECT pizhu_tsvector(?)::TEXT", (text,)).fetchone()[0]
            literal = tsvector_literal(index_tokens(text))
            expected = None if literal is None else db.execute_sql("SELECT ?::tsvector::TEXT", (literal,)).fetchone()[0]
            assert made == expected, text
        assert db.execute_sql("SELECT pizhu_tsvector(?) @@ lower(?)::tsquery",
                              ("湖南 Ab。", to_tsquery('"南 u20 a B u3002"'))).fetchone()[0]
    finally:
        db.close()


def test_passwords_never_shown() -> None:
    assert redacted("postgresql://ann:s3cret@db.example:5433/news") == "postgresql://ann:***@db.example:5433/news"
    assert redacted("postgresql://ann@db/news") == "postgresql://ann@db/news"


# -- the schema on a server ------------------------------------------------------------------
def test_init_server_makes_the_schema_once_and_only_in_an_empty_database(pg_uri: str) -> None:
    from reader.store.pg_schema import SERVER_MIGRATIONS
    from reader.store.postgres import ServerError, connect, init_server, server_version

    assert init_server(pg_uri) == len(SERVER_MIGRATIONS)
    with pytest.raises(ServerError, match="already holds a Pizhu corpus"):
        init_server(pg_uri)
    db = connect(pg_uri)
    steps = db.execute_sql('SELECT "step", "name" FROM "pizhu_schema" ORDER BY "step"').fetchall()
    assert [s for s, _ in steps] == list(range(1, len(SERVER_MIGRATIONS) + 1))
    assert [n for _, n in steps] == [f.__name__ for f in SERVER_MIGRATIONS]
    assert server_version(db) == len(SERVER_MIGRATIONS)
    db.close()


def test_a_database_that_is_not_a_corpus_is_refused(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus
    from reader.store.postgres import ServerError, connect, init_server

    uri = pg_cluster.new_database()
    with pytest.raises(ServerError, match="init-server"):
        Corpus(uri)
    db = connect(uri)
    db.execute_sql("CREATE TABLE other (x INTEGER)")
    db.close()
    with pytest.raises(ServerError, match="not empty"):
        init_server(uri)
    with pytest.raises(ServerError, match="cannot connect"):
        Corpus(pg_cluster.base + "/no_such_database")


def test_every_earlier_server_version_migrates_and_a_newer_one_is_refused(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from reader.store.pg_schema import SERVER_MIGRATIONS
    from reader.store.postgres import ServerError, connect, migrate_server, open_server, server_version

    for version in range(len(SERVER_MIGRATIONS)):
        uri = pg_cluster.new_database()
        db = connect(uri)
        assert migrate_server(db, version) == version
        db.close()
        db = open_server(uri)
        assert server_version(db) == len(SERVER_MIGRATIONS)
        db.close()
    db = connect(uri)
    db.execute_sql('INSERT INTO "pizhu_schema" ("step", "name") VALUES (?, ?)', (len(SERVER_MIGRATIONS) + 1, "future"))
    db.close()
    with pytest.raises(ServerError, match="newer than this program"):
        open_server(uri)


# -- features on a server, compared with a file corpus ---------------------------------------
def _corpus_facts(corpus) -> list[tuple]:  # type: ignore[no-untyped-def]
    out = []
    for row in corpus.articles():
        art = corpus.article(row.id)
        ents = [(e.start, e.end, e.type, e.text) for e in corpus.entities(row.id)]
        out.append((row.source, row.position, row.display_title, row.authors, row.entities, art.text, ents))
    return out


def test_ingest_on_a_server_stores_what_a_file_corpus_stores(pg_uri: str, tmp_path: Path) -> None:
    from reader.corpus import Corpus
    from reader.store.postgres import init_server

    init_server(pg_uri)
    lite = Corpus(tmp_path / "lite.sqlite3")
    lite.ingest([SEED], jobs=1)
    on_file = _corpus_facts(lite)
    lite.close()
    server = Corpus(pg_uri)
    report = server.ingest([SEED], jobs=1)
    assert not report.failed and report.articles == len(on_file)
    assert _corpus_facts(server) == on_file
    again = server.ingest([SEED], jobs=1)  # unchanged page: nothing written twice
    assert len(again.unchanged) == 1 and _corpus_facts(server) == on_file
    server.close()


QUERIES = ("娄底", "的", "中国 OR 湖南", '"娄星区 巡察"', "巡察 NOT 娄底", "经济 发展 -湖南", "a", "2019", "，",
           "(湖南 OR 娄底) 党", "娄星区常态化巡察", "-的", "AND")


def _answers(corpus) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from reader.store import search as S
    from reader.store.models import database

    database.initialize(corpus.db)
    out: dict[str, object] = {}
    for q in QUERIES:
        out[q] = sorted((h.article_id, tuple(h.hits)) for h in S.search(q, limit=None))
    out["author"] = sorted(h.article_id for h in S.search("的", author="贺露明", limit=None))
    out["entity"] = sorted(h.article_id for h in S.search("的", entity="娄底", limit=None))
    out["regex"] = sorted(h.article_id for h in S.search("娄.市", regex=True, limit=None))
    page = S.search_page("娄底", limit=2)
    out["page"] = (page.total, len(page.hits))
    return out


def test_search_on_a_server_answers_as_the_file_corpus(corpus, server_corpus) -> None:  # type: ignore[no-untyped-def]
    on_file = _answers(corpus)
    assert on_file["娄底"] and on_file["的"] and on_file["page"][0] > 2  # the queries are not vacuous
    assert _answers(server_corpus) == on_file


def test_edited_and_overlong_texts_are_found_on_a_server(server_corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.store import search as S
    from reader.store.backend import current
    from reader.store.models import Article, database

    first, second = [a.id for a in server_corpus.articles()[:2]]
    with database.atomic():
        Article.update(text="甲乙丙丁戊，新词在此。").where(Article.id == first).execute()
        Article.update(text="的" * (MAX_PER_LEXEME + 5) + "长文新词").where(Article.id == second).execute()
        current().flush_index()
    assert {h.article_id for h in S.search("新词", limit=None)} == {first, second}
    assert [h.article_id for h in S.search('"丙丁"', limit=None)] == [first]
    assert second in current().pending_ids()  # past the tsvector's limits: scanned, still found
    assert S.search_page("新词", limit=10).total == 2
    with database.atomic():
        Article.update(text="短文新词").where(Article.id == second).execute()
        current().flush_index()
    assert second not in current().pending_ids()
    assert {h.article_id for h in S.search("短文", limit=None)} == {second}


def test_annotations_codebook_and_undo_on_a_server(server_corpus) -> None:  # type: ignore[no-untyped-def]
    c = server_corpus
    art = c.articles()[0].id
    ann = c.annotate(art, 0, 4, tags=["政策", "人物"], note="first")
    assert c.annotation(ann.id).tags == ("政策", "人物")
    assert c.articles()[0].annotations == 1
    c.update_annotation(ann.id, tags=["政策"], note="second")
    assert (c.annotation(ann.id).tags, c.annotation(ann.id).note) == (("政策",), "second")
    snap = c.snapshot_annotation(ann.id)
    c.delete_annotation(ann.id)
    assert c.annotations(art) == [] and c.articles()[0].annotations == 0
    c.restore_annotation(snap)  # undo of the delete: same id, same tags
    back = c.annotation(ann.id)
    assert (back.id, back.tags, back.note, back.quote) == (ann.id, ("政策",), "second", ann.quote)
    parent = c.create_tag("主题")
    child = c.tag_by_name("政策")
    assert child is not None
    c.move_tag(child.id, parent.id if hasattr(parent, "id") else c.tag_by_name("主题").id)
    c.rename_tag(child.id, "政策法规")
    assert c.annotation(ann.id).tags == ("政策法规",)
    assert c.tag_annotation_count(c.tag_by_name("主题").id, include_children=True) == 1
    later = c.annotate(art, 5, 9)
    assert later.id > ann.id  # ids come from a sequence: never reused


def _corrected(c) -> list[list[tuple]]:  # type: ignore[no-untyped-def]
    """Entities of the first article before, after adding a word as ORG, after rejecting it."""
    from reader.coding import corrections

    art = c.articles()[0].id
    text = c.article(art).text
    taken = [(e.start, e.end) for e in c.entities(art)]
    start = next(i for i in range(len(text) - 3) if all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + 3])
                 and all(e <= i or s >= i + 3 for s, e in taken))
    word = text[start:start + 3]
    states = [[(e.start, e.end, e.type, e.text) for e in c.entities(art)]]
    corrections.add_entity(c, word, "ORG")
    states.append([(e.start, e.end, e.type, e.text) for e in c.entities(art)])
    assert (start, start + 3, "ORG", word) in states[-1]
    corrections.reject_entity(c, word, "ORG")
    states.append([(e.start, e.end, e.type, e.text) for e in c.entities(art)])
    assert c.articles()[0].entities == len(states[-1])
    from reader.coding import occurrences  # one occurrence only: set, then drop

    occurrences.set_span(c, art, start, start + 2, "PER")
    states.append([(e.start, e.end, e.type, e.text) for e in c.entities(art)])
    assert (start, start + 2, "PER", word[:2]) in states[-1]
    occurrences.drop_span(c, art, start, start + 2, "PER")
    states.append([(e.start, e.end, e.type, e.text) for e in c.entities(art)])
    return states


def test_entity_corrections_on_a_server_as_on_a_file(corpus, server_corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.store.models import database

    database.initialize(corpus.db)  # each fixture's Corpus bound the models in turn
    on_file = _corrected(corpus)
    database.initialize(server_corpus.db)
    assert _corrected(server_corpus) == on_file


def test_the_cli_takes_a_server_uri_by_db_and_by_pizhu_db(pg_cluster, seeded_server_template) -> None:  # type: ignore[no-untyped-def]
    import os

    uri = pg_cluster.new_database(template=seeded_server_template)
    env = {**os.environ, "PIZHU_CODER": "ann"}
    run = [sys.executable, "-m", "reader"]
    listed = subprocess.run([*run, "--db", uri, "articles", "--json"], capture_output=True, text=True, env=env,
                            check=True)
    assert len(json.loads(listed.stdout)) == 40
    made = subprocess.run([*run, "annotate", "1", "--quote", "娄底", "--tag", "地方"], capture_output=True,
                          text=True, env={**env, "PIZHU_DB": uri}, check=True)
    shown = subprocess.run([*run, "--db", uri, "annotations", "--json"], capture_output=True, text=True, env=env,
                           check=True)
    got = json.loads(shown.stdout)
    assert [a["id"] for a in got] == [int(made.stdout)] and got[0]["coder"] == "ann" and got[0]["tags"] == ["地方"]
    bad = subprocess.run([*run, "init-server", uri.replace("pizhu@", "pizhu:hunter2@")], capture_output=True,
                         text=True, env=env)
    assert bad.returncode == 1 and "already holds a Pizhu corpus" in bad.stderr and "hunter2" not in bad.stderr


WRITER = """
import sys
from reader.corpus import Corpus
c = Corpus(sys.argv[1], coder=sys.argv[2])
ids = [c.annotate(1 + i % 5, i % 7, i % 7 + 3, tags=["共" , sys.argv[2]]).id for i in range(int(sys.argv[3]))]
print(" ".join(map(str, ids)))
"""


def test_two_processes_annotating_at_once_lose_and_duplicate_nothing(server_corpus) -> None:  # type: ignore[no-untyped-def]
    uri = server_corpus.db.uri
    n = 25
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, uri, who, str(n)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT) for who in ("ann", "bo")]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    made = [int(i) for out in outs for i in out.split()]
    assert len(made) == len(set(made)) == 2 * n
    stored = server_corpus.annotations()
    assert sorted(a.id for a in stored) == sorted(made)
    assert sorted((a.coder, len(a.tags)) for a in stored) == sorted([("ann", 2)] * n + [("bo", 2)] * n)
    counts = server_corpus.tag_counts()
    shared = server_corpus.tag_by_name("共")
    assert shared is not None and counts[shared.id] == 2 * n


def _conflicting_edits(c) -> None:  # type: ignore[no-untyped-def]
    from reader.changes import CorpusError
    from reader.coding.versions import claim

    art = c.articles()[0].id
    ann = c.annotate(art, 0, 4, tags=["甲"], note="first")
    seen = c.annotation(ann.id).version
    c.update_annotation(ann.id, note="by ann", expected_version=seen)  # on the version seen: fine
    now = c.annotation(ann.id)
    assert now.version > seen and now.note == "by ann"
    with pytest.raises(CorpusError, match="changed meanwhile") as err:  # bo edits his stale copy
        c.update_annotation(ann.id, note="by bo", tags=["乙"], expected_version=seen)
    assert err.value.code == "conflict"
    assert (c.annotation(ann.id).note, c.annotation(ann.id).tags) == ("by ann", ("甲",))  # nothing lost
    c.add_annotation_tag(ann.id, "丙")  # a tag change is a change too
    with pytest.raises(CorpusError, match="changed meanwhile"):
        c.delete_annotation(ann.id, expected_version=now.version)
    c.delete_annotation(ann.id, expected_version=c.annotation(ann.id).version)
    with pytest.raises(CorpusError, match="deleted meanwhile"):
        claim(ann.id, now.version)


def test_a_conflicting_edit_is_refused_on_a_file_corpus(corpus) -> None:  # type: ignore[no-untyped-def]
    _conflicting_edits(corpus)


def test_a_conflicting_edit_is_refused_on_a_server(server_corpus) -> None:  # type: ignore[no-untyped-def]
    _conflicting_edits(server_corpus)


def test_two_processes_racing_on_one_version_one_wins_one_is_told(server_corpus) -> None:  # type: ignore[no-untyped-def]
    c = server_corpus
    ann = c.annotate(c.articles()[0].id, 0, 4, note="start")
    version = c.annotation(ann.id).version
    run = [sys.executable, "-m", "reader", "--db", c.db.uri, "edit-annotation", str(ann.id), "--if-version", str(version)]
    procs = [subprocess.Popen([*run, "--note", who], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT) for who in ("ann", "bo")]
    results = [(p.wait(timeout=120), p.communicate()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1]
    loser = next(err for code, (_, err) in results if code == 1)
    assert "changed meanwhile" in loser
    winner = next(json.loads(out)["note"] for code, (out, _) in results if code == 0)
    assert c.annotation(ann.id).note == winner


def test_dates_read_by_hand_made_sql_are_text_as_on_a_file(server_corpus) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    c = server_corpus
    source = c.articles()[0].source
    c.set_page_date(source, dt.date(2020, 3, 9))
    row = c.db.execute_sql('SELECT "published", "ingested" FROM "source_file" WHERE "name" = ?', (source,)).fetchone()
    assert row[0] == "2020-03-09" and isinstance(row[1], str) and len(row[1]) >= 19
    rows = c.article_rows([c.articles()[0].id])
    assert rows[0].date == dt.date(2020, 3, 9)
    assert isinstance(c.annotate(rows[0].id, 0, 2).created, dt.datetime)  # models still give datetimes


def test_an_undo_never_undoes_another_coders_work_on_a_server(server_corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.changes import CorpusError

    c = server_corpus
    ann = c.annotate(c.articles()[0].id, 0, 4, tags=["甲"], note="mine")
    mine = c.snapshot_annotation(ann.id)  # what my undo stack expects to find
    subprocess.run([sys.executable, "-m", "reader", "--db", c.db.uri, "--coder", "bo", "edit-annotation",
                    str(ann.id), "--note", "bo's note"], check=True, capture_output=True, cwd=ROOT)
    with pytest.raises(CorpusError, match="annotation") as err:  # undoing my annotate would delete bo's note
        c.delete_annotation_checked(mine)
    assert err.value.code == "conflict"
    assert c.annotation(ann.id).note == "bo's note"
    c.delete_annotation_checked(c.snapshot_annotation(ann.id))  # on what is stored now: fine
    assert c.annotations() == []


def _cli(argv: list[str]) -> str:
    import contextlib
    import io

    from reader.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0, argv
    return out.getvalue()


COMMANDS = (["stats", "--json"], ["entity-index", "--json"], ["tags", "--json"], ["coders", "--json"],
            ["search", "娄底", "--kwic", "--json"], ["search", "政策 OR 娄底", "--json"],
            ["search", "娄.市", "--regex", "--json"], ["annotations", "--json"],
            ["export", "-f", "jsonl", "--entities"], ["export", "-f", "csv"], ["export", "-f", "bio"])


def test_the_cli_answers_on_a_server_as_on_a_file(seeded_path: Path, pg_uri: str) -> None:
    """Statistics, the entity index, KWIC, search and exports of the same corpus, byte for byte."""
    from reader.corpus import Corpus
    from reader.store.copying import copy_corpus

    c = Corpus(seeded_path, coder="ann")
    ids = [a.id for a in c.articles()]
    c.annotate(ids[0], 0, 4, tags=["政策", "人物"], note="一")
    c.annotate(ids[1], 1, 5, tags=["地方"])
    c.annotate(ids[2], 3, 9, tags=["政策"], author="bo")
    c.close()
    copy_corpus(seeded_path, pg_uri)
    for command in COMMANDS:
        on_file, on_server = (_cli(["--db", db, *command]) for db in (str(seeded_path), pg_uri))
        assert len(on_file) > 40, command
        if command[:1] == ["search"] and "--kwic" not in command and "--regex" not in command:
            # ranked: bm25 on a file, ts_rank on a server; the same hits, in another order
            on_file, on_server = (sorted(({k: v for k, v in hit.items() if k != "score"} for hit in json.loads(out)),
                                         key=lambda hit: hit["article"]) for out in (on_file, on_server))
        assert on_server == on_file, command


def test_other_coders_changes_arrive_as_notices(server_corpus) -> None:  # type: ignore[no-untyped-def]
    import threading

    from reader.store.live import changes, watch

    c = server_corpus
    got: list = []
    listening, done = threading.Event(), threading.Event()
    thread = threading.Thread(target=watch, args=(c.db.uri, got.extend, done.is_set),
                              kwargs={"ready": listening.set}, daemon=True)
    thread.start()
    assert listening.wait(30)
    art = c.articles()[0].id
    made = subprocess.run([sys.executable, "-m", "reader", "--db", c.db.uri, "--coder", "bo", "annotate", str(art),
                           "--start", "0", "--end", "3", "--tag", "远程"], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    ann = int(made.stdout)
    for _ in range(300):  # the notices come at bo's commit; wait for them (bounded)
        if any(n.table == "annotation_tag" for n in got):
            break
        threading.Event().wait(0.1)
    done.set()
    thread.join(10)
    kinds = {ch.kind: ch for ch in changes(got)}
    assert kinds["annotations"].ids == (ann,) and art in kinds["annotations"].article_ids
    assert "tags" in kinds and art in kinds["articles"].article_ids  # the new code; the article's counts
    watched = subprocess.run([sys.executable, "-m", "reader", "--db", c.db.uri, "watch", "--seconds", "0.5"],
                             capture_output=True, text=True, cwd=ROOT)
    assert watched.returncode == 0 and watched.stdout == ""  # nothing written meanwhile


def test_a_server_corpus_from_before_steps_7_to_9_keeps_its_data_and_is_indexed_in_sql(pg_cluster,  # type: ignore[no-untyped-def]
                                                                                     seeded_server_template: str) -> None:
    from reader.corpus import Corpus
    from reader.store import search as S
    from reader.store import entity_index_sql
    from reader.store.pg_schema import SERVER_MIGRATIONS, TABLES, _s7_index_in_sql
    from reader.store.postgres import connect, server_version

    uri = pg_cluster.new_database(template=seeded_server_template)
    corpus = Corpus(uri)
    made = corpus.annotate(1, 0, 4, tags=["旧"], note="kept")
    expected = sorted(h.article_id for h in S.search("巡察"))
    corpus.close()
    before = SERVER_MIGRATIONS.index(_s7_index_in_sql)  # the corpus as the step before 7 left it
    db = connect(uri)
    with db.atomic():
        db.execute_sql('DELETE FROM "pizhu_schema" WHERE "step" > ?', (before,))
        db.execute_sql('ALTER TABLE "annotation" DROP COLUMN "editor"')
        db.execute_sql("DROP FUNCTION max(ANYCOMPATIBLE, ANYCOMPATIBLE)")
        db.execute_sql("DROP FUNCTION min(ANYCOMPATIBLE, ANYCOMPATIBLE)")
        db.execute_sql('DELETE FROM "article_index"')  # vectors of the old scheme: made again
        db.execute_sql("DROP FUNCTION pizhu_tsvector(TEXT)")
        db.execute_sql('DROP FUNCTION "pizhu_notify_spans"() CASCADE')  # step 10, with its triggers
        db.execute_sql('DROP TRIGGER "entity_fix_notice" ON "entity_fix"')
        for table in ("entity_correction", "entity_alias", "phrase_list", "phrase"):
            db.execute_sql(f'DROP TRIGGER "{table}_notice" ON "{table}"')
        db.execute_sql('DROP TABLE "entity_link", "entity_index_stat"')  # step 11, with its triggers
        for name in entity_index_sql.SERVER_TRIGGERS:  # (the view's went with the view in step 15)
            db.execute_sql(f'DROP FUNCTION IF EXISTS "pizhu_{name}"() CASCADE')
        # the spans' table of step 1 (step 10 sends its notices; step 15 packs its rows again,
        # none here: the spans stay packed)
        db.execute_sql(next(s for s in TABLES if s.startswith('CREATE TABLE "entity_span"')))
        db.execute_sql('DROP TABLE "ner_model"')  # step 12, with its trigger
        db.execute_sql('DROP FUNCTION "pizhu_notify_model"()')
    db.close()
    corpus = Corpus(uri)
    assert server_version(corpus.db) == len(SERVER_MIGRATIONS)
    kept = corpus.annotation(made.id)
    assert (kept.note, kept.tags) == ("kept", ("旧",))
    assert sorted(h.article_id for h in S.search("巡察")) == expected and expected
    corpus.close()
    pg_cluster.drop(uri)
