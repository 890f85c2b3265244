"""Row versions on every writer of an annotation (issue 17): a note, a tag, a new span, an edit,
a delete, an undo made on a version another coder has changed since is refused as a conflict
naming that coder, never a silent overwrite; runs on a file and on a server corpus, with the
other coder in another process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus import Corpus, CorpusError

ROOT = Path(__file__).resolve().parents[2]


def _other_coder(location: object, *args: str) -> None:
    env = {**os.environ, "PIZHU_CODER": "李四"}
    done = subprocess.run([sys.executable, "-m", "reader", "--db", str(location), *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr


def test_every_writer_refuses_a_stale_version_and_names_who_changed_it(corpus: Corpus, seeded_path: object) -> None:
    corpus.set_coder("张三")
    made = corpus.annotate(1, 0, 4, tags=["甲"])
    seen = corpus.annotation(made.id).version
    _other_coder(seeded_path, "edit-annotation", str(made.id), "--note", "李四的笔记")
    stale = [
        lambda: corpus.set_annotation_note(made.id, "张三的", expected_version=seen),
        lambda: corpus.add_annotation_tag(made.id, "乙", expected_version=seen),
        lambda: corpus.reattach_annotation(made.id, 1, 5, 9, expected_version=seen),
        lambda: corpus.update_annotation(made.id, tags=["丙"], expected_version=seen),
        lambda: corpus.delete_annotation(made.id, expected_version=seen),
    ]
    for write in stale:
        with pytest.raises(CorpusError) as info:
            write()
        assert info.value.code == "conflict" and "李四" in str(info.value)
    now = corpus.annotation(made.id)
    assert (now.note, now.tags, now.start, now.end) == ("李四的笔记", ("甲",), 0, 4)  # nothing overwritten
    corpus.set_annotation_note(made.id, "张三的", expected_version=now.version)  # on the fresh version
    after = corpus.annotation(made.id)
    assert after.note == "张三的" and after.version > now.version
    corpus.reattach_annotation(made.id, 1, 5, 9, expected_version=after.version)
    assert corpus.annotation(made.id).version > after.version


def test_an_undo_never_undoes_another_coders_later_change(corpus: Corpus, seeded_path: object) -> None:
    corpus.set_coder("张三")
    made = corpus.annotate(1, 0, 4, tags=["甲"], note="first")
    before = corpus.snapshot_annotation(made.id)
    corpus.set_annotation_note(made.id, "mine")
    mine = corpus.snapshot_annotation(made.id)  # the undo stack holds (before, mine)
    _other_coder(seeded_path, "edit-annotation", str(made.id), "--tag", "李四的码")
    with pytest.raises(CorpusError) as info:
        corpus.restore_annotation_checked(before, mine)  # undo of "mine"
    assert info.value.code == "conflict" and "李四" in str(info.value)
    assert corpus.annotation(made.id).tags == ("李四的码",)
    with pytest.raises(CorpusError, match="李四"):
        corpus.delete_annotation_checked(mine)  # undo of the annotate, as the stack would run it


def test_reanchoring_moves_the_version_so_an_edit_from_before_is_a_conflict(corpus: Corpus, seeded_path: object,
                                                                            other_writer) -> None:  # type: ignore[no-untyped-def]
    aid = corpus.articles()[0].id
    text = corpus.article(aid).text
    made = corpus.annotate(aid, 10, 14)
    seen = corpus.annotation(made.id).version
    other_writer(seeded_path, "UPDATE article SET text = ? WHERE id = ?", ("新增一句。" + text, aid))
    _other_coder(seeded_path, "reanchor", "-q")
    moved = corpus.annotation(made.id)
    assert (moved.start, moved.end) == (15, 19) and moved.version > seen
    with pytest.raises(CorpusError, match="李四"):
        corpus.set_annotation_note(made.id, "stale", expected_version=seen)


def test_an_older_corpus_gets_an_empty_editor_and_keeps_its_annotations(tmp_path: Path) -> None:
    from reader.store import migrations as migmod
    from reader.store.db import open_db, schema_version

    from test_article_tags_apart import _insert

    step = migmod.MIGRATIONS.index(migmod._annotation_editor)
    path = tmp_path / "before.sqlite3"
    database = open_db(path, migrate_to=step)
    src = _insert(database, "source_file", name="p.txt", path="p.txt", sha256="x", size=1, encoding="utf-8")
    text = "区委书记李彦文主持会议。"
    aid = _insert(database, "article", source_id=src, position=0, display_title="会议", text=text, chars=len(text),
                  authors="[]", photographers="[]", structure="{}", segments="[]", state="read", note="", retired=0)
    ann = _insert(database, "annotation", article_id=aid, start=7, end=9, quote="主持", author="王五",
                  status="anchored", note="kept")
    database.close()
    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    seen = corpus.annotation(ann)
    assert (seen.note, seen.quote, seen.author) == ("kept", "主持", "王五")
    corpus.set_annotation_note(ann, "新")
    with pytest.raises(CorpusError, match="tester|王五"):  # the session coder changed it last
        corpus.set_annotation_note(ann, "旧", expected_version=seen.version)
    corpus.close()
