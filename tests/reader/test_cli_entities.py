"""``python -m reader entity …`` against a seeded corpus copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "entity", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def show(db: Path, article_id: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "show", str(article_id), "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True, timeout=120,
    ).stdout
    return json.loads(out)


def test_add_reject_list_remove(seeded_path: Path) -> None:
    result = run(seeded_path, "add", "利剑", "--type", "org")
    assert result.returncode == 0, result.stderr
    assert "利剑" in result.stdout and "article(s)" in result.stdout
    assert "[" in result.stderr  # progress lines
    first = show(seeded_path, 1)
    if "利剑" in first["text"]:
        assert any(e["text"] == "利剑" and e["type"] == "ORG" and e["source"] == "user"
                   for e in first["entities"])

    result = run(seeded_path, "reject", "锦旗", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

    listed = json.loads(run(seeded_path, "list", "--json").stdout)
    assert {(c["text"], c["type"], c["action"]) for c in listed} == {("利剑", "ORG", "add"), ("锦旗", None, "reject")}
    plain = run(seeded_path, "list").stdout.splitlines()
    assert any(line.startswith("reject\t*\t锦旗") for line in plain)

    result = run(seeded_path, "remove", "锦旗", "--action", "reject")
    assert result.returncode == 0, result.stderr
    result = run(seeded_path, "remove", "锦旗", "--action", "reject")
    assert result.returncode == 1 and "no reject correction" in result.stderr


def test_change_and_recompute(seeded_path: Path) -> None:
    result = run(seeded_path, "change", "锦旗", "--from", "LOC", "--to", "ORG", "-q")
    assert result.returncode == 0, result.stderr
    result = run(seeded_path, "recompute")
    assert result.returncode == 0, result.stderr
    assert "entities recomputed in" in result.stdout
    assert result.stderr.count("\n") >= 10


def test_bad_type_and_text(seeded_path: Path) -> None:
    result = run(seeded_path, "add", "长沙", "--type", "CITY")
    assert result.returncode == 2
    result = run(seeded_path, "add", "  ", "--type", "LOC")
    assert result.returncode == 1 and result.stderr.startswith("pizhu:")
