"""Ids are never reused (AUTOINCREMENT, migration step ``_v_ids_never_reused``), and undo/redo
refuse to overwrite what another writer changed in between (issue 10 item 2)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.changes import CorpusError
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

ROOT = Path(__file__).resolve().parents[2]
STEP = next(i for i, f in enumerate(migmod.MIGRATIONS) if f.__name__ == "_v_ids_never_reused") + 1


def _schema(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    rows = dict(con.execute("SELECT type || ':' || name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    con.close()
    return rows


def _dump(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(path)
    rows = con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    con.close()
    return rows


def _fill_at_previous_version(path: Path) -> None:
    """Rows in the tables of the frozen first schema (later steps only add columns), so this
    works whatever steps other work puts before ours."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    now = "2025-01-01 00:00:00"
    queued = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_index_queue'").fetchone()
    con.execute("INSERT INTO source_file (id, name, path, sha256, size, encoding, parser_version, ingested) "
                "VALUES (1, 'p.txt', 'p.txt', 'x', 1, 'utf-8', 1, ?)", (now,))
    for aid, text in ((1, "娄底市娄星区常态化巡察"), (2, "诫勉谈话"), (3, "最后一篇")):
        con.execute("INSERT INTO article (id, source_id, position, display_title, title_derived, authors, "
                    "photographers, structure, text, segments, chars, state, note, retired, entities_version, "
                    "created, updated) VALUES (?, 1, ?, ?, 0, '[]', '[]', '{}', ?, '[]', ?, 'unread', '', 0, 0, ?, ?)",
                    (aid, aid, text[:4], text, len(text), now, now))
        if not queued:  # the lean store indexes through its queue (the insert trigger fills it)
            con.execute("INSERT INTO article_index (rowid, tokens) VALUES (?, ?)", (aid, " ".join(text)))
        con.execute("INSERT INTO entity (article_id, start, end, type, text, origin) VALUES (?, 0, 2, 'LOC', ?, 'rule')",
                    (aid, text[:2]))
    for tid, name in ((1, "问责"), (2, "巡察"), (3, "重点")):
        con.execute("INSERT INTO tag (id, name, parent_id, color, description, created) VALUES (?, ?, NULL, '#000', '', ?)",
                    (tid, name, now))
    for ann, art, note in ((1, 1, "第一"), (2, 2, ""), (3, 3, "最后")):
        con.execute("INSERT INTO annotation (id, article_id, start, end, quote, prefix, suffix, note, author, status, "
                    "created, updated) VALUES (?, ?, 0, 2, 'xx', '', '', ?, 'me', 'anchored', ?, ?)",
                    (ann, art, note, now, now))
    con.executemany("INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)", [(1, 1), (1, 2), (2, 1), (3, 3)])
    has_labels = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_label'").fetchone()
    if has_labels:  # article tags name labels once that step ran (team work)
        con.execute("INSERT INTO article_label (id, name, color, created) VALUES (3, '重点', '#000', ?)", (now,))
    con.execute("INSERT INTO article_tag (article_id, tag_id) VALUES (1, 3)")
    con.commit()
    con.close()


def test_migrating_a_database_with_data_keeps_everything_and_adds_autoincrement(tmp_path: Path) -> None:
    from reader.corpus import Corpus

    path = tmp_path / "old.sqlite3"
    open_db(path, migrate_to=STEP - 1).close()
    _fill_at_previous_version(path)
    before = {t: _dump(path, t) for t in ("annotation", "annotation_tag", "tag", "article", "article_tag", "entity")}
    schema_before = _schema(path)

    database = open_db(path, migrate_to=STEP)  # the step's own result (later steps may drop an index)
    assert schema_version(database) == STEP
    database.close()
    after_schema = _schema(path)
    for table in migmod.ID_TABLES:
        assert "AUTOINCREMENT" in after_schema[f"table:{table}"]
    kept = {k for k in schema_before if not k.startswith("table:")}
    assert kept <= set(after_schema), kept - set(after_schema)  # indexes and triggers are back
    for table, rows in before.items():
        assert [r[:len(rows[0])] for r in _dump(path, table)] == rows, table
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    corpus = Corpus(path)
    assert corpus.annotation(1).tags == ("问责", "巡察")
    corpus.delete_annotation(3)  # the highest id: it must not come back for a new annotation
    corpus.db.execute_sql("DELETE FROM article WHERE id = 3")  # cascades; the trigger queues its index row
    from reader.store.search import unindex_article

    unindex_article(3)  # the queue applied: the rebuilt table's triggers still feed the index
    assert corpus.db.execute_sql("SELECT count(*) FROM article_index_queue").fetchone()[0] == 0
    assert corpus.db.execute_sql("SELECT count(*) FROM article_index WHERE rowid = 3").fetchone()[0] == 0
    assert corpus.annotate(1, 0, 2).id > 3
    corpus.close()


def test_the_id_of_a_deleted_annotation_is_never_given_again(corpus) -> None:  # type: ignore[no-untyped-def]
    last = corpus.annotate(1, 0, 2, tags=["甲"])
    corpus.delete_annotation(last.id)
    again = corpus.annotate(1, 0, 2, tags=["乙"])
    assert again.id > last.id
    tag = corpus.tag_by_name("乙")
    corpus.delete_tag(tag.id)
    corpus.create_tag("丙")
    assert corpus.tag_by_name("丙").id > tag.id


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def test_undoing_a_delete_never_overwrites_what_the_cli_wrote_meanwhile(corpus, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = corpus.annotate(1, 0, 4, tags=["我的"], note="window")
    snap = corpus.snapshot_annotation(mine.id)
    corpus.delete_annotation(mine.id)  # the window deletes it (its undo holds the snapshot)
    result = _cli("--db", str(seeded_path), "annotate", "1", "--start", "5", "--end", "9", "--tag", "别人",
                  "--note", "cli")
    assert result.returncode == 0, result.stderr
    theirs = int(result.stdout.strip())
    assert theirs != mine.id
    corpus.restore_annotation_checked(snap, None)  # the window's undo
    assert corpus.annotation(mine.id).note == "window"
    assert corpus.annotation(theirs).note == "cli" and corpus.annotation(theirs).tags == ("别人",)


def test_undo_refuses_when_another_writer_edited_the_annotation(corpus, seeded_path: Path, other_writer) -> None:  # type: ignore[no-untyped-def]
    made = corpus.annotate(1, 0, 4, tags=["甲"])
    snap = corpus.snapshot_annotation(made.id)
    other_writer(seeded_path, "UPDATE annotation SET note = '别人的笔记', updated = '2030-01-01 00:00:00' "
                 "WHERE id = ?", (made.id,))  # another writer adds a note
    with pytest.raises(CorpusError) as info:
        corpus.delete_annotation_checked(snap)  # undo of the annotate
    assert info.value.code == "conflict"
    assert corpus.annotation(made.id).note == "别人的笔记"


def test_redo_refuses_to_restore_over_an_annotation_that_came_back(corpus) -> None:  # type: ignore[no-untyped-def]
    made = corpus.annotate(1, 0, 4, tags=["甲"])
    snap = corpus.snapshot_annotation(made.id)
    with pytest.raises(CorpusError, match="was changed by"):
        corpus.restore_annotation_checked(snap, None)  # it is there: restoring would overwrite


def test_undo_refuses_to_pin_an_annotation_on_changed_text(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.store.models import Article

    made = corpus.annotate(1, 0, 4, tags=["甲"])
    snap = corpus.snapshot_annotation(made.id)
    corpus.delete_annotation(made.id)
    row = Article.get_by_id(1)
    row.text = "完全不同的文字" + row.text[4:]
    row.save()
    with pytest.raises(CorpusError) as info:
        corpus.restore_annotation_checked(snap, None)
    assert info.value.code == "article-changed"


def test_tag_undo_refuses_when_the_name_was_taken_or_the_tag_edited(corpus) -> None:  # type: ignore[no-untyped-def]
    corpus.create_tag("旧")
    tag = corpus.tag_by_name("旧")
    snap = corpus.snapshot_tag(tag.id)
    corpus.delete_tag(tag.id)
    corpus.create_tag("旧")  # someone else made a tag of that name
    with pytest.raises(CorpusError, match="another tag named"):
        corpus.restore_tag_checked(snap)
    fresh = corpus.tag_by_name("旧")
    before = corpus.tag(fresh.id)
    corpus.rename_tag(fresh.id, "新")
    after = corpus.tag(fresh.id)
    corpus.update_tag(fresh.id, color="#000000")  # another writer recolours it
    with pytest.raises(CorpusError, match="another writer"):
        corpus.set_tag_fields_checked(after, before)  # undo of the rename
    assert corpus.tag(fresh.id).color == "#000000" and corpus.tag(fresh.id).name == "新"


def test_article_undo_only_checks_and_writes_the_fields_it_changed(corpus) -> None:  # type: ignore[no-untyped-def]
    before = corpus.article_fields(1)
    corpus.set_article_note(1, "我的笔记")
    after = corpus.article_fields(1)
    corpus.set_article_state(1, "starred")  # another writer stars it: not a field the undo owns
    corpus.set_article_fields_checked(1, after, before)
    fields = corpus.article_fields(1)
    assert fields.note == before.note and fields.state == "starred"
