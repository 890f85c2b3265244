"""``search`` and ``stats`` on the seeds, with expectations read off the raw page files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli.main import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run_json(capsys, *argv: str):  # type: ignore[no-untyped-def]
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def raw_count(word: str) -> int:
    """Occurrences in the raw pages with line breaks removed (the parser re-joins columns)."""
    return sum(len(re.findall(re.escape(word), p.read_text(encoding="utf-8").replace("\n", "")))
               for p in SEEDS.glob("*.txt"))


def show_text(capsys, db: Path, article: int) -> str:  # type: ignore[no-untyped-def]
    return run_json(capsys, "--db", str(db), "show", str(article), "--json")["text"]


def test_search_json_finds_the_three_articles_naming_li_yanwen(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    hits = run_json(capsys, "--db", str(seeded_path), "search", "李彦文", "--json")
    assert {h["title"] for h in hits} == {"利剑高悬显锋芒", "真抓实干绘就平安娄星新图景", "党支部建在最前沿"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for h in hits:
        assert set(h) == {"article", "title", "score", "snippet", "hits"}
        text = show_text(capsys, seeded_path, h["article"])
        assert all(text[s:e] == "李彦文" for s, e in h["hits"])
        assert "李彦文" in h["snippet"]
    assert sum(len(h["hits"]) for h in hits) == raw_count("李彦文") == 4


def test_kwic_json_has_one_object_per_occurrence(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    lines = run_json(capsys, "--db", str(seeded_path), "search", "李彦文", "--kwic", "--json", "--width", "8")
    assert len(lines) == 4
    for k in lines:
        assert {"article", "start", "end", "left", "right", "match"} <= set(k)
        text = show_text(capsys, seeded_path, k["article"])
        assert text[k["start"]:k["end"]] == k["match"] == "李彦文"
        assert text[k["end"]:k["end"] + 8].replace("\n", " ") == k["right"]
        assert len(k["left"]) <= 8


def test_two_character_query_counts_every_occurrence(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    lines = run_json(capsys, "--db", str(seeded_path), "search", "巡察", "--kwic", "--json")
    assert len(lines) == raw_count("巡察") == 180
    hits = run_json(capsys, "--db", str(seeded_path), "search", "巡察", "--json", "--limit", "100")
    assert sum(len(h["hits"]) for h in hits) == 180


def test_phrase_across_a_rejoined_column_break(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    raw = (SEEDS / "000_2faa8fd91fc3cf26.txt").read_text(encoding="utf-8")
    assert "工作大局" not in raw and "围绕区委工作大\n\n局实行动态调整" in raw
    hits = run_json(capsys, "--db", str(seeded_path), "search", "工作大局", "--json")
    assert [h["title"] for h in hits] == ["利剑高悬显锋芒"]
    lines = run_json(capsys, "--db", str(seeded_path), "search", '"区委工作大局实行"', "--kwic", "--json")
    assert len(lines) == 1


def test_boolean_and_regex_queries(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(seeded_path)
    both = {h["article"] for h in run_json(capsys, "--db", db, "search", "李彦文 刘志刚", "--json")}
    either = {h["article"] for h in run_json(capsys, "--db", db, "search", "李彦文 OR 刘志刚", "--json")}
    without = {h["article"] for h in run_json(capsys, "--db", db, "search", "李彦文 NOT 刘志刚", "--json")}
    assert both < either and without == {h["article"] for h in run_json(capsys, "--db", db, "search", "李彦文", "--json")} - both
    lines = run_json(capsys, "--db", db, "search", "李.文", "--regex", "--kwic", "--json")
    assert {k["match"] for k in lines} >= {"李彦文"}
    assert main(["--db", db, "search", "(", "--regex"]) == 1
    assert "regular expression" in capsys.readouterr().err


def test_stats_json(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = run_json(capsys, "--db", str(seeded_path), "stats", "--json")
    assert data["articles"] == sum(s["articles"] for s in data["sources"])
    assert len(data["sources"]) == len(list(SEEDS.glob("*.txt")))
    assert {"tags", "entities", "tag_entity", "tag_tag", "lengths", "scope"} <= set(data)
    assert main(["--db", str(seeded_path), "stats"]) == 0
    assert "# entities" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["entity-index", "--json", "--type", "PER"]])
def test_entity_index_cli(seeded_path, capsys, argv) -> None:  # type: ignore[no-untyped-def]
    rows = run_json(capsys, "--db", str(seeded_path), *argv)
    assert {r["type"] for r in rows} == {"PER"}
    merged = run_json(capsys, "--db", str(seeded_path), "entity-index", "--json", "--merge", "娄星区", "娄底市娄星区")
    assert not any(r["name"] == "娄星区" and r["type"] == "LOC" for r in merged)


def test_text_outputs_and_entity_kind(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(seeded_path)
    assert main(["--db", db, "search", "李彦文", "--kwic", "--width", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all("【李彦文】" in line for line in out)
    assert len({line.index("【") for line in out}) == 1  # the left column is padded so matches align
    lines = run_json(capsys, "--db", db, "search", "李彦文", "--kind", "entity", "--json")
    assert len(lines) == 4 and {k["match"] for k in lines} == {"李彦文"}
    assert main(["--db", db, "search", "巡察", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
