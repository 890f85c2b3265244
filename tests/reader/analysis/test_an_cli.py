"""The issue-15 CLI contracts: JSON shapes on stdout, errors as ``pizhu: …`` with exit 1."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reader.cli.main import main


def run_json(capsys, *argv: str):  # type: ignore[no-untyped-def]
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_variables_set_import_and_list(seeded_path, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(seeded_path)]
    arts = run_json(capsys, *db, "articles", "--json")
    first = arts[0]["id"]
    assert main([*db, "variables", "set", str(first), "region", "娄底"]) == 0
    path = tmp_path / "v.csv"
    path.write_text(f"source,genre\n{arts[-1]['source']},消息\n", encoding="utf-8")
    assert main([*db, "variables", "import", str(path)]) == 0
    capsys.readouterr()
    rows = run_json(capsys, *db, "variables", "--json")
    assert len(rows) == len(arts)
    row = next(r for r in rows if r["article"] == first)
    assert row["variables"]["region"] == "娄底" and row["region"] == "娄底"
    assert {"newspaper", "date", "page", "position", "section"} <= set(row["variables"])
    last = next(r for r in rows if r["article"] == arts[-1]["id"])
    assert last["variables"]["genre"] == "消息"
    only = run_json(capsys, *db, "variables", "--json", "--filter", "var:region=娄底")
    assert [r["article"] for r in only] == [first]
    assert main([*db, "variables", "set", "--source", arts[0]["source"], "newspaper", "娄底日报"]) == 0
    capsys.readouterr()
    rows = run_json(capsys, *db, "variables", "--json", "--filter", "paper=娄底日报")
    assert {r["source"] for r in rows} == {arts[0]["source"]}
    assert main([*db, "variables", "set", "999999", "region", "x"]) == 1
    assert "no article" in capsys.readouterr().err


def test_timeline_json_shape_and_kwic_agreement(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(seeded_path)]
    lines = run_json(capsys, *db, "search", "巡察", "--kwic", "--json")
    rows = run_json(capsys, *db, "timeline", "--query", "巡察", "--json")
    assert all(set(r) == {"period", "split", "count", "articles"} for r in rows)
    assert sum(r["count"] for r in rows) == len(lines)
    assert rows[0]["period"] is None and rows[0]["split"] is None  # the seeds are undated
    rows = run_json(capsys, *db, "timeline", "--entity", "李彦文", "--split", "headline", "--json")
    assert sum(r["count"] for r in rows) == 4
    with pytest.raises(SystemExit) as usage:  # argparse usage error
        main([*db, "timeline", "--query", "巡察", "--by", "decade"])
    assert usage.value.code == 2


def test_reprints_words_keyness_collocations_shapes(seeded_path, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(seeded_path)]
    clusters = run_json(capsys, *db, "reprints", "--threshold", "0.8", "--json", "-q")
    assert isinstance(clusters, list)
    for c in clusters:
        assert set(c) == {"cluster", "articles", "first", "similarity"} and c["first"] in c["articles"]
    words = run_json(capsys, *db, "words", "--json", "--top", "10")
    assert len(words) == 10 and all(set(w) == {"word", "count", "articles"} for w in words)
    assert [w["count"] for w in words] == sorted((w["count"] for w in words), reverse=True)
    source = run_json(capsys, *db, "articles", "--json")[0]["source"]
    keys = run_json(capsys, *db, "keyness", "--target", f"source={source}", "--reference", "", "--min", "5",
                    "--json")
    assert keys and all(set(k) == {"item", "target", "reference", "ll", "log_ratio"} for k in keys)
    assert [k["ll"] for k in keys] == sorted((k["ll"] for k in keys), reverse=True)
    assert all(k["target"] >= 5 or k["reference"] >= 5 for k in keys)
    col = run_json(capsys, *db, "collocations", "巡察", "--window", "5", "--json")
    assert col and all(set(c) == {"item", "count", "mi", "log_dice", "ll"} for c in col)
    out = tmp_path / "words.csv"
    assert main([*db, "words", "--top", "5", "--csv", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["word", "count", "articles"] and len(table) == 6
    assert main([*db, "keyness", "--target", "since=never"]) == 1
    assert "since=never" in capsys.readouterr().err


def test_word_lists_keyness_and_collocations_come_a_page_at_a_time(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import wordstats

    db = ["--db", str(seeded_path)]
    every = run_json(capsys, *db, "words", "--json", "--limit", "0")
    assert len(every) == len(wordstats.word_list()) > 200
    assert [(w["word"], w["count"]) for w in every] == [(w.word, w.count) for w in wordstats.word_list()]
    assert run_json(capsys, *db, "words", "--json") == every  # JSON by default: every row, as before paging
    assert main([*db, "words"]) == 0  # text by default: one page of 200, the total on stderr
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 200 and f"{len(every)} row(s) in all; rows 1–200 shown" in out.err
    assert main([*db, "words", "--json", "--limit", "200"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == every[:200] and f"{len(every)} row(s) in all; rows 1–200 shown" in out.err
    page = run_json(capsys, *db, "words", "--json", "--offset", "37", "--limit", "25")
    assert page == every[37:62]  # the same rows, ties in the same order, as a slice of the whole list
    assert run_json(capsys, *db, "words", "--json", "--offset", str(len(every) + 5)) == []
    source = run_json(capsys, *db, "articles", "--json")[0]["source"]
    target = ["--target", f"source={source}", "--min", "1"]
    keys = run_json(capsys, *db, "keyness", *target, "--json", "--limit", "0")
    assert run_json(capsys, *db, "keyness", *target, "--json", "--offset", "10", "--limit", "7") == keys[10:17]
    ents = run_json(capsys, *db, "keyness", *target, "--entities", "--json", "--limit", "0")
    assert run_json(capsys, *db, "keyness", *target, "--entities", "--json", "--offset", "2", "--limit", "3") == ents[2:5]
    col = run_json(capsys, *db, "collocations", "巡察", "--json", "--limit", "0", "--sort", "log_dice")
    assert len(col) > 12
    assert run_json(capsys, *db, "collocations", "巡察", "--json", "--offset", "4", "--limit", "8",
                    "--sort", "log_dice") == col[4:12]
    assert main([*db, "words", "--offset", "-1"]) == 1
    assert "cannot be negative" in capsys.readouterr().err


def test_autocode_dry_run_then_write(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(seeded_path)]
    proposed = run_json(capsys, *db, "autocode", "--query", "李彦文", "--tag", "人物", "--dry-run", "--json")
    assert len(proposed) == 4 and all(p["id"] is None and p["quote"] == "李彦文" for p in proposed)
    assert run_json(capsys, *db, "annotations", "--json") == []
    written = run_json(capsys, *db, "autocode", "--query", "李彦文", "--tag", "人物", "--json")
    assert len(written) == 4 and all(a["tags"] == ["人物"] and a["id"] for a in written)
    assert [(a["article"], a["start"], a["end"]) for a in written] == [
        (p["article"], p["start"], p["end"]) for p in proposed]
    assert len(run_json(capsys, *db, "annotations", "--json")) == 4
    assert run_json(capsys, *db, "autocode", "--query", "李彦文", "--tag", "人物", "--json") == []


def test_phrases_cli(seeded_path, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(seeded_path)]
    assert main([*db, "phrases", "add", "提法", "常态化巡察", "巡察常态化"]) == 0
    listing = tmp_path / "list.txt"
    listing.write_text("幸福指数 / 群众幸福指数\n", encoding="utf-8")
    assert main([*db, "phrases", "import", "提法", str(listing)]) == 0
    capsys.readouterr()
    lists = run_json(capsys, *db, "phrases", "--json")
    assert lists[0]["name"] == "提法" and len(lists[0]["phrases"]) == 2
    hits = run_json(capsys, *db, "phrases", "hits", "提法", "--json")
    assert [h["phrase"] for h in hits] == ["常态化巡察", "幸福指数"] and all(h["hits"] > 0 for h in hits)
    lines = run_json(capsys, *db, "phrases", "kwic", "提法", "--json")
    assert len(lines) == sum(h["hits"] for h in hits)
    rows = run_json(capsys, *db, "timeline", "--phrase", "提法", "--split", "phrase", "--json")
    assert {r["split"] for r in rows} == {"常态化巡察", "幸福指数"}
    assert sum(r["count"] for r in rows) == len(lines)


def test_csv_cells_are_guarded_against_formulas() -> None:
    import io

    from reader.analysis.tables import write_csv

    out = io.StringIO()
    write_csv(["item", "ll"], [["=HYPERLINK(1)", -2.5], ["+1", 3], ["@x", 0], ["正常", None]], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1:] == [["'=HYPERLINK(1)", "-2.5"], ["'+1", "3"], ["'@x", "0"], ["正常", ""]]
