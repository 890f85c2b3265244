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
SEEDS = ROOT / "seeds"
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


def test_migrating_a_database_with_data_keeps_everything_and_adds_autoincrement(tmp_path: Path) -> None:
    from reader.corpus import Corpus

    path = tmp_path / "old.sqlite3"
    open_db(path, migrate_to=STEP - 1).close()
    # fill it through the current code paths that exist at that version
    import reader.store.migrations as m

    saved = list(m.MIGRATIONS)
    m.MIGRATIONS[:] = saved[: STEP - 1]
    try:
        corpus = Corpus(path)
        corpus.ingest(sorted(SEEDS.glob("00[01]_*.txt")))
        a = corpus.annotate(1, 0, 4, tags=["问责", "巡察"], note="第一")
        corpus.annotate(2, 1, 3, tags=["问责"])
        corpus.set_article_tags(1, ["重点"])
        corpus.close()
    finally:
        m.MIGRATIONS[:] = saved
    before = {t: _dump(path, t) for t in ("annotation", "annotation_tag", "tag", "article", "article_tag", "entity")}
    schema_before = _schema(path)
    assert schema_version(open_db(path, migrate_to=STEP - 1)) == STEP - 1

    database = open_db(path)
    assert schema_version(database) == len(migmod.MIGRATIONS)
    database.close()
    after_schema = _schema(path)
    for table in migmod.ID_TABLES:
        assert "AUTOINCREMENT" in after_schema[f"table:{table}"]
    kept = {k for k in schema_before if not k.startswith("table:")}
    assert kept <= set(after_schema), kept - set(after_schema)  # indexes and triggers are back
    for table, rows in before.items():
        assert _dump(path, table) == rows, table
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    corpus = Corpus(path)
    assert corpus.annotation(a.id).tags == ("问责", "巡察")
    hits = corpus.db.execute_sql("SELECT count(*) FROM article_index").fetchone()[0]
    assert hits == len(before["article"])  # the full-text index is untouched
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


def test_undo_refuses_when_another_writer_edited_the_annotation(corpus, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = corpus.annotate(1, 0, 4, tags=["甲"])
    snap = corpus.snapshot_annotation(made.id)
    other = sqlite3.connect(seeded_path)  # another writer adds a note
    other.execute("UPDATE annotation SET note = '别人的笔记', updated = '2030-01-01 00:00:00' WHERE id = ?", (made.id,))
    other.commit()
    other.close()
    with pytest.raises(CorpusError) as info:
        corpus.delete_annotation_checked(snap)  # undo of the annotate
    assert info.value.code == "conflict"
    assert corpus.annotation(made.id).note == "别人的笔记"


def test_redo_refuses_to_restore_over_an_annotation_that_came_back(corpus) -> None:  # type: ignore[no-untyped-def]
    made = corpus.annotate(1, 0, 4, tags=["甲"])
    snap = corpus.snapshot_annotation(made.id)
    with pytest.raises(CorpusError, match="another writer"):
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
