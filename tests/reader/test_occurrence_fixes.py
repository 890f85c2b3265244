"""Corrections of one entity occurrence: only that occurrence changes, the fix survives
recomputation and re-ingest, undo is exact, and a database from before the step migrates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.coding import corrections, occurrences
from reader.corpus import Corpus, CorpusError
from reader.store import migrations as migmod
from reader.store.db import open_db, schema_version
from reader.store.models import Article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def shared_entity(corpus: Corpus) -> tuple[int, object, list[int]]:
    """An entity (PER/LOC/ORG) whose text has entities in at least two articles: (article, entity,
    the other articles where the same text is an entity)."""
    where: dict[tuple[str, str], list[tuple[int, object]]] = {}
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        for e in corpus.entities(aid):
            if e.type in ("PER", "LOC", "ORG") and len(e.text) >= 3:
                where.setdefault((e.text, e.type), []).append((aid, e))
    for _key, found in sorted(where.items(), key=lambda kv: -len({a for a, _ in kv[1]})):
        articles = sorted({a for a, _ in found})
        if len(articles) >= 2:
            aid, ent = found[0]
            return aid, ent, [a for a in articles if a != aid]
    raise AssertionError("no entity found in two articles of the seeds")


def spans(corpus: Corpus, aid: int) -> list[tuple[int, int, str, str, str]]:
    return [(e.start, e.end, e.type, e.text, e.source) for e in corpus.entities(aid)]


def test_shrinking_one_occurrence_changes_that_occurrence_only(corpus: Corpus) -> None:
    aid, ent, others = shared_entity(corpus)
    others_before = {a: spans(corpus, a) for a in others}
    before = spans(corpus, aid)
    applied = occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)  # the end nudged left
    assert applied.change.article_ids == (aid,)
    after = spans(corpus, aid)
    assert (ent.start, ent.end - 1, ent.type, ent.text[:-1], "user:here") in after
    assert (ent.start, ent.end, ent.type, ent.text, ent.source) not in after
    # every other entity of the article is untouched, and so is every other article
    assert [s for s in after if s[0] != ent.start] == [s for s in before if s[0] != ent.start]
    assert {a: spans(corpus, a) for a in others} == others_before

    # recomputing everything (as after a recogniser change) keeps the fix
    corrections.refresh_entities(corpus, everything=True)
    assert spans(corpus, aid) == after
    # a corpus-wide correction of the same text elsewhere does not undo it either
    corrections.reject_entity(corpus, ent.text, ent.type)
    assert (ent.start, ent.end - 1, ent.type, ent.text[:-1], "user:here") in spans(corpus, aid)


def test_nudging_twice_leaves_one_fix_and_undo_is_exact(corpus: Corpus) -> None:
    aid, ent, _ = shared_entity(corpus)
    original = spans(corpus, aid)
    first = occurrences.set_span(corpus, aid, ent.start, ent.end + 1, ent.type)
    once = spans(corpus, aid)
    second = occurrences.set_span(corpus, aid, ent.start, ent.end + 2, ent.type)
    fixes = occurrences.list_fixes(corpus, aid)
    assert [(f.start, f.end, f.action) for f in fixes] == [(ent.start, ent.end + 2, "set")]
    # undo the second nudge, then the first: back where we started, both fixes gone
    occurrences.apply_occurrence_edit(corpus, second.inverse)
    assert spans(corpus, aid) == once
    undone = occurrences.apply_any(corpus, first.inverse)
    assert spans(corpus, aid) == original
    assert occurrences.list_fixes(corpus) == []
    redone = occurrences.apply_any(corpus, undone.inverse)
    assert redone.edit == first.edit and spans(corpus, aid) == once


def test_type_change_and_drop_here_only(corpus: Corpus) -> None:
    aid, ent, others = shared_entity(corpus)
    new_type = "ORG" if ent.type != "ORG" else "LOC"
    occurrences.set_span(corpus, aid, ent.start, ent.end, new_type)
    assert (ent.start, ent.end, new_type, ent.text, "user:here") in spans(corpus, aid)
    assert any(e.text == ent.text and e.type == ent.type for e in corpus.entities(others[0]))
    applied = occurrences.drop_span(corpus, aid, ent.start, ent.end)
    assert [f.action for f in applied.edit.delete] == ["set"]  # the drop replaces the set
    assert not [e for e in corpus.entities(aid) if (e.start, e.end) == (ent.start, ent.end)]
    assert any(e.text == ent.text for e in corpus.entities(others[0]))
    removed = occurrences.remove_fix(corpus, aid, ent.start, ent.end)
    assert (ent.start, ent.end, ent.type, ent.text, ent.source) in spans(corpus, aid)
    assert removed.edit.delete and occurrences.list_fixes(corpus) == []


def test_corpus_wide_boundary_fix(corpus: Corpus) -> None:
    aid, ent, others = shared_entity(corpus)
    shorter = ent.text[:-1]
    edit = occurrences.corpus_span_edit(ent.text, ent.type, shorter, ent.type)
    assert {(c.text, c.action) for c in edit.insert} == {(ent.text, "reject"), (shorter, "add")}
    corrections.apply_edit(corpus, edit)
    for a in [aid, *others]:
        assert not [e for e in corpus.entities(a) if e.text == ent.text and e.type == ent.type]
    assert any(e.text == shorter and e.source == "user" for e in corpus.entities(others[0]))


def test_bad_spans_are_refused_and_nothing_is_stored(corpus: Corpus) -> None:
    aid = corpus.articles()[0].id
    text = corpus.article(aid).text
    newline = text.index("\n")
    with pytest.raises(CorpusError, match="outside"):
        occurrences.set_span(corpus, aid, 5, len(text) + 3, "PER")
    with pytest.raises(CorpusError, match="lines"):
        occurrences.set_span(corpus, aid, newline - 1, newline + 2, "PER")
    with pytest.raises(CorpusError, match="type"):
        occurrences.set_span(corpus, aid, 0, 2, "XYZ")
    with pytest.raises(CorpusError, match="no article"):
        occurrences.set_span(corpus, 999_999, 0, 2, "PER")
    assert occurrences.list_fixes(corpus) == []


def test_place_follows_the_text() -> None:
    assert occurrences.place("甲乙丙丁", 1, 3, "乙丙") == (1, 3)
    assert occurrences.place("XX甲乙丙丁乙丙", 1, 3, "乙丙") == (3, 5)  # nearest to where it was
    assert occurrences.place("甲丁", 1, 3, "乙丙") is None


def test_code_points_with_astral_characters(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("𠮷野家开业\n\n𠮷野家董事长王大明和李小红出席了在长沙市举行的开业仪式。\n", encoding="utf-8")
    empty_corpus.ingest([page])
    aid = empty_corpus.articles()[0].id
    text = empty_corpus.article(aid).text
    start = text.index("王大明")
    occurrences.set_span(empty_corpus, aid, start, start + 3, "PER")
    ent = next(e for e in empty_corpus.entities(aid) if e.start == start)
    assert (ent.end, ent.text, ent.source) == (start + 3, "王大明", "user:here")
    g = text.index("𠮷", 2)
    occurrences.set_span(empty_corpus, aid, g, g + 3, "ORG")
    assert any(e.text == "𠮷野家" and e.start == g for e in empty_corpus.entities(aid))


def test_the_fix_survives_reingest_of_a_changed_page(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    page = folder / seed.name
    shutil.copyfile(seed, page)
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest([folder])
    raw = page.read_text(encoding="utf-8")

    def movable(aid: int, e) -> bool:  # type: ignore[no-untyped-def]
        before = corpus.article(aid).text[e.start - 8:e.start]
        return (e.type in ("PER", "LOC", "ORG") and len(e.text) >= 3 and e.start >= 8 and "\n" not in before
                and raw.count(before) == 1)

    aid, ent = next((a.id, e) for a in corpus.articles() for e in corpus.entities(a.id) if movable(a.id, e))
    occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
    # an edit earlier in the article moves the passage: the fix follows its text
    sentence = corpus.article(aid).text[ent.start - 8:ent.start]
    page.write_text(raw.replace(sentence, "据悉，" + sentence, 1), encoding="utf-8")
    corpus.ingest([folder], force=True)
    moved = [f for f in occurrences.list_fixes(corpus) if f.article_id == aid]
    assert [f.status for f in moved] == ["moved"]
    new_body = corpus.article(aid).text
    at = occurrences.place(new_body, ent.start, ent.end - 1, ent.text[:-1])
    assert at is not None and at[0] == ent.start + 3
    assert (at[0], at[1], ent.type, ent.text[:-1], "user:here") in spans(corpus, aid)
    corpus.close()


def test_a_database_from_before_the_step_migrates_with_its_data(tmp_path: Path) -> None:
    step = migmod.MIGRATIONS.index(migmod._entity_occurrence_fixes)
    path = tmp_path / "before.sqlite3"
    shutil.copyfile(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], tmp_path / "page.txt")
    database = open_db(path, migrate_to=step)
    assert schema_version(database) == step
    database.close()
    # ingest at the previous version through a Corpus pinned there would migrate it; instead
    # write a plain article row as that version's schema has it
    database = open_db(path, migrate_to=step)
    columns = {r[1]: r for r in database.execute_sql('PRAGMA table_info("article")').fetchall()}
    src = database.execute_sql(
        'INSERT INTO "source_file" ("name", "path", "sha256", "size", "encoding", "parser_version", "ingested") '
        "VALUES ('p.txt', 'p.txt', 'x', 1, 'utf-8', 1, '2024-01-01 00:00:00')").lastrowid
    text = "区委书记李彦文主持会议。"
    values = {"source_id": src, "position": 0, "display_title": "会议", "title_derived": 0, "authors": "[]",
              "photographers": "[]", "structure": "{}", "text": text, "segments": "[]", "chars": len(text),
              "state": "unread", "note": "", "retired": 0, "entities_version": 0,
              "created": "2024-01-01 00:00:00", "updated": "2024-01-01 00:00:00"}
    for name, (_cid, _n, kind, notnull, default, pk) in columns.items():
        if notnull and default is None and not pk and name not in values:
            values[name] = 0 if "INT" in kind.upper() else ""
    names = ", ".join(f'"{c}"' for c in values)
    aid = database.execute_sql(f'INSERT INTO "article" ({names}) VALUES ({", ".join("?" * len(values))})',
                               tuple(values.values())).lastrowid
    database.close()

    corpus = Corpus(path)
    assert schema_version(corpus.db) == len(migmod.MIGRATIONS)
    assert corpus.article(aid).text == text  # the data is still there
    occurrences.set_span(corpus, aid, 4, 7, "PER")
    assert [(e.text, e.source) for e in corpus.entities(aid) if e.start == 4] == [("李彦文", "user:here")]
    corpus.close()


def test_cli_fix_drop_fixes_unfix(seeded_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from types import SimpleNamespace

    from reader.cli.main import main

    def run(*args: str) -> SimpleNamespace:  # in this process: the recogniser loads once
        capsys.readouterr()
        code = main(["--db", str(seeded_path), *args])
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    shown = json.loads(run("show", "1", "--json").stdout)
    ent = next(e for e in shown["entities"] if e["type"] in ("LOC", "ORG") and len(e["text"]) >= 3)
    result = run("entity", "fix", "1", str(ent["start"]), str(ent["end"] - 1), "--type", ent["type"].lower(), "-q")
    assert result.returncode == 0, result.stderr
    assert "1 article(s)" in result.stdout
    after = json.loads(run("show", "1", "--json").stdout)["entities"]
    assert {"start": ent["start"], "end": ent["end"] - 1, "type": ent["type"], "text": ent["text"][:-1],
            "source": "user:here"} in after
    fixes = json.loads(run("entity", "fixes", "--json").stdout)
    assert [(f["article"], f["action"], f["status"]) for f in fixes] == [(1, "set", "anchored")]
    assert run("entity", "drop", "1", str(ent["start"]), str(ent["end"] - 1), "-q").returncode == 0
    assert not [e for e in json.loads(run("show", "1", "--json").stdout)["entities"] if e["start"] == ent["start"]]
    assert run("entity", "unfix", "1", str(ent["start"]), str(ent["end"] - 1), "-q").returncode == 0
    assert json.loads(run("entity", "fixes", "--json").stdout) == []
    bad = run("entity", "unfix", "1", "0", "1")
    assert bad.returncode == 1 and "no fix" in bad.stderr
    bad = run("entity", "fix", "1", "0", "999999", "--type", "per")
    assert bad.returncode != 0 and "outside" in bad.stderr
    # the existing subcommands still work
    assert run("entity", "list", "--json").returncode == 0
