"""Article tags are not codes: the migration ``_article_tags_apart`` moves them out of the
codebook (with their data) and the facade keeps them apart afterwards."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version


def _insert(database, table: str, **values: object) -> int:  # type: ignore[no-untyped-def]
    """Insert a row giving every NOT NULL column without a default a neutral value, so the
    test does not depend on columns other steps add before this one."""
    for _cid, name, kind, notnull, default, pk in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall():
        if notnull and default is None and not pk and name not in values:
            values[name] = 0 if "INT" in kind.upper() else ("2024-01-01 00:00:00" if "DATE" in kind.upper() else "")
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    cursor = database.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values()))
    return int(cursor.lastrowid)


def test_a_database_from_before_is_migrated_with_its_article_tags(tmp_path: Path) -> None:
    step = migmod.MIGRATIONS.index(migmod._article_tags_apart)
    path = tmp_path / "before.sqlite3"
    database = open_db(path, migrate_to=step)  # the version just before this step
    assert schema_version(database) == step
    src = _insert(database, "source_file", name="p.txt", path="p.txt", sha256="x", size=1, encoding="utf-8")
    text = "区委书记李彦文主持会议，强调巡察整改。"
    aid = _insert(database, "article", source_id=src, position=0, display_title="会议", text=text,
                  chars=len(text), authors="[]", photographers="[]", structure="{}", segments="[]",
                  state="read", note="", retired=0)
    tag = {name: _insert(database, "tag", name=name, color="#123456", description=desc)
           for name, desc in (("重点", ""), ("问责", ""), ("监督", ""), ("待查", "a real code, described"))}
    child = _insert(database, "tag", name="巡察", color="#654321", description="", parent_id=tag["监督"])
    ann = _insert(database, "annotation", article_id=aid, start=7, end=9, quote="主持", author="a", status="anchored")
    _insert(database, "annotation_tag", annotation_id=ann, tag_id=tag["问责"])
    for name in ("重点", "问责", "监督", "待查"):
        _insert(database, "article_tag", article_id=aid, tag_id=tag[name])
    database.close()

    corpus = Corpus(path)  # migrates the rest of the way
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    codes = {t.name for t in corpus.tags()}
    # 重点 was only ever an article tag: it left the codebook; the others are codes in use,
    # a parent of a code, or described by the user, so they stay
    assert codes == {"问责", "监督", "待查", "巡察"}
    assert corpus.tag(child).parent_id == tag["监督"]
    assert corpus.article(aid).tags == ("重点", "问责", "监督", "待查")  # same links, same order
    assert corpus.annotation(ann).tags == ("问责",)
    assert corpus.article_tag_names() == sorted(["重点", "问责", "监督", "待查"])
    corpus.close()


def test_article_tags_stay_out_of_the_codebook_and_its_filters(corpus: Corpus) -> None:
    from reader.store.search import search

    aid = corpus.articles()[0].id
    corpus.set_article_tags(aid, ["待查", "头版"])
    assert corpus.tag_by_name("待查") is None and corpus.tags() == []
    assert corpus.article(aid).tags == ("待查", "头版")
    assert search("巡察", tags=["待查"]) == [], "a codebook filter does not see article tags"
    code = corpus.create_tag("待查").ids[0]  # a code may share an article tag's name
    other = corpus.articles()[1].id
    text = corpus.article(other).text
    corpus.annotate(other, 0, 2, tags=["待查"])
    assert [h.article_id for h in search(text[:2], tags=["待查"])] == [other]
    corpus.delete_tag(code)
    assert corpus.article(aid).tags == ("待查", "头版"), "deleting a code leaves article tags alone"
    assert next(s for s in corpus.articles() if s.id == aid).tags == ("待查", "头版")
    assert corpus.article_rows([aid])[0].tags == ("待查", "头版")
