"""Named coders: the migration from free-text authors, the session coder, what records a coder,
and the CLI's --coder / PIZHU_CODER."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.changes import CorpusError
from reader.coding import coders as coders_mod
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _session_coder(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PIZHU_CODER", raising=False)
    monkeypatch.delenv("PIZHU_AUTHOR", raising=False)
    coders_mod.use_coder(None)
    yield
    coders_mod.use_coder(None)


def _step() -> int:
    return [m.__name__ for m in migmod.MIGRATIONS].index("_team_coders") + 1


def test_a_database_from_before_coders_keeps_its_authors_as_coders(tmp_path: Path) -> None:
    """Made at the previous version with annotations in it, then migrated."""
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=_step() - 1)
    db.execute_sql("INSERT INTO source_file (name, path, sha256, size, encoding, parser_version, ingested) "
                   "VALUES ('p.txt', 'p.txt', 'x', 1, 'utf-8', 1, '2024-01-01')")
    db.execute_sql("INSERT INTO article (source_id, position, display_title, title_derived, authors, photographers, "
                   "structure, text, segments, chars, state, note, retired, entities_version, created, updated) "
                   "VALUES (1, 0, '题', 0, '[]', '[]', '{}', '𠮷省新闻稿', '[]', 5, 'unread', '', 0, 0, '2024', '2024')")
    for author in ("王五", "赵六", "王五", ""):
        db.execute_sql("INSERT INTO annotation (article_id, start, end, quote, prefix, suffix, note, author, status, "
                       "created, updated) VALUES (1, 0, 2, '𠮷省', '', '', '', ?, 'anchored', '2024', '2024')", (author,))
    db.close()
    db = open_db(path)
    assert schema_version(db) == len(migmod.MIGRATIONS)
    coders = db.execute_sql('SELECT "name", "color" FROM "coder" ORDER BY "id"').fetchall()
    assert [c[0] for c in coders] == ["王五", "赵六", "unknown"]
    assert len({c[1] for c in coders}) == 3  # each in their own colour
    rows = db.execute_sql('SELECT a."author", c."name" FROM "annotation" a JOIN "coder" c ON c."id" = a."coder_id" '
                          'ORDER BY a."id"').fetchall()
    assert rows == [("王五", "王五"), ("赵六", "赵六"), ("王五", "王五"), ("unknown", "unknown")]
    db.close()


def test_the_session_coder_is_never_the_os_login(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "os-login")
    assert coders_mod.session_coder_name() == coders_mod.FALLBACK_CODER
    monkeypatch.setenv("PIZHU_CODER", "  李四 ")
    assert coders_mod.session_coder_name() == "李四"
    coders_mod.use_coder("张三")
    assert coders_mod.session_coder_name() == "张三"


def test_every_kind_of_write_records_its_coder(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.corrections import add_entity
    from reader.store.models import Annotation, Article, ArticleTag, EntityCorrection, Tag

    rec = corpus.set_coder("张三", "#123456")
    assert (rec.name, rec.color) == ("张三", "#123456")
    art = corpus.articles()[0].id
    ann = corpus.annotate(art, 0, 4, tags=["问责"], note="看")
    assert ann.coder == "张三" and ann.author == "张三"
    assert Annotation.get_by_id(ann.id).coder.name == "张三"
    corpus.set_article_note(art, "全文要读")
    corpus.set_article_tags(art, ["重点"])
    assert Article.get_by_id(art).note_coder.name == "张三"
    assert ArticleTag.get(ArticleTag.article == art).coder.name == "张三"
    assert Tag.get(Tag.name == "问责").coder.name == "张三"
    corpus.set_coder("李四")
    tag = corpus.tag_by_name("问责")
    corpus.rename_tag(tag.id, "问责制")
    assert Tag.get_by_id(tag.id).coder.name == "李四"  # the last change is 李四's
    corpus.set_article_tags(art, ["重点", "民生"])
    by = {l.tag.name: l.coder.name for l in ArticleTag.select().where(ArticleTag.article == art)}
    assert by == {"重点": "张三", "民生": "李四"}  # who tagged first stays recorded
    add_entity(corpus, "湘江新区", "LOC")
    assert EntityCorrection.get(EntityCorrection.text == "湘江新区").coder.name == "李四"
    from reader.coding.corrections import list_corrections

    assert list_corrections(corpus)[0].to_json()["coder"] == "李四"
    assert {c.name: c.annotations for c in corpus.coders()} == {"张三": 1, "李四": 0}


def test_undo_of_a_delete_brings_the_annotation_back_with_its_coder(corpus) -> None:  # type: ignore[no-untyped-def]
    corpus.set_coder("张三")
    ann = corpus.annotate(corpus.articles()[0].id, 2, 6, tags=["问责"])
    snap = corpus.snapshot_annotation(ann.id)
    corpus.set_coder("李四")
    corpus.delete_annotation(ann.id)
    corpus.restore_annotation(snap)
    assert corpus.annotation(ann.id).coder == "张三"


def test_renaming_a_coder_renames_their_annotations_and_refuses_clashes(corpus) -> None:  # type: ignore[no-untyped-def]
    corpus.set_coder("张三")
    ann = corpus.annotate(corpus.articles()[0].id, 0, 3)
    corpus.set_coder("李四")
    zhang = corpus.coder("张三")
    corpus.rename_coder(zhang.id, "张老师")
    assert corpus.annotation(ann.id).coder == "张老师"
    with pytest.raises(CorpusError, match="already exists"):
        corpus.rename_coder(zhang.id, "李四")
    with pytest.raises(CorpusError):
        corpus.set_coder("  ")
    with pytest.raises(CorpusError, match="#RRGGBB"):
        corpus.set_coder_color(zhang.id, "red")


def test_filtering_annotations_by_coder(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.annotations import AnnotationQuery

    art = corpus.articles()[0].id
    corpus.set_coder("张三")
    a = corpus.annotate(art, 0, 3)
    corpus.set_coder("李四")
    b = corpus.annotate(art, 0, 3)
    assert corpus.find_annotations(AnnotationQuery(coders=("张三",))) == [a.id]
    assert corpus.find_annotations(AnnotationQuery(coders=("张三", "李四"))) == [a.id, b.id]


def _cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("PIZHU_CODER", "PIZHU_AUTHOR")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args], cwd=ROOT,
                          capture_output=True, text=True, env=full, check=False)


def test_cli_coder_option_and_environment(seeded_path: Path) -> None:
    assert _cli(seeded_path, "--coder", "张三", "annotate", "1", "--start", "0", "--end", "3").returncode == 0
    assert _cli(seeded_path, "annotate", "1", "--start", "3", "--end", "6", "--coder", "王五").returncode == 0
    assert _cli(seeded_path, "annotate", "1", "--start", "6", "--end", "9", env={"PIZHU_CODER": "李四"}).returncode == 0
    rows = json.loads(_cli(seeded_path, "annotations", "--json").stdout)
    assert [r["coder"] for r in rows] == ["张三", "王五", "李四"]
    only = json.loads(_cli(seeded_path, "annotations", "--json", "--by", "李四").stdout)
    assert [r["start"] for r in only] == [6]
    listed = json.loads(_cli(seeded_path, "coders", "--json", env={"PIZHU_CODER": "李四"}).stdout)
    assert listed["current"] == "李四"
    assert {c["name"] for c in listed["coders"]} == {"张三", "王五", "李四"}
    bad = _cli(seeded_path, "--coder", "", "annotate", "1", "--start", "0", "--end", "3")
    assert bad.returncode == 1 and "coder name" in bad.stderr
