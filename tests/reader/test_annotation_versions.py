"""The migration ``_annotation_versions`` (issue 17): annotations of an older file corpus get
version 1, and from then on every update of the row bumps it, whoever writes."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

from test_article_tags_apart import _insert


def test_an_older_corpus_gets_versions_and_they_move_on_every_write(tmp_path: Path) -> None:
    step = migmod.MIGRATIONS.index(migmod._annotation_versions)
    path = tmp_path / "before.sqlite3"
    database = open_db(path, migrate_to=step)
    assert schema_version(database) == step
    src = _insert(database, "source_file", name="p.txt", path="p.txt", sha256="x", size=1, encoding="utf-8")
    text = "区委书记李彦文主持会议，强调巡察整改。"
    aid = _insert(database, "article", source_id=src, position=0, display_title="会议", text=text, chars=len(text),
                  authors="[]", photographers="[]", structure="{}", segments="[]", state="read", note="", retired=0)
    ann = _insert(database, "annotation", article_id=aid, start=7, end=9, quote="主持", author="a", status="anchored",
                  note="kept")
    database.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    record = corpus.annotation(ann)
    assert (record.version, record.note, record.quote) == (1, "kept", "主持")
    corpus.update_annotation(ann, tags=["问责"])
    corpus.add_annotation_tag(ann, "监督")
    corpus.db.execute_sql('UPDATE "annotation" SET "version" = 1, "note" = ? WHERE "id" = ?', ("raw", ann))
    assert corpus.annotation(ann).version == 4  # a writer cannot set it back
    corpus.close()
