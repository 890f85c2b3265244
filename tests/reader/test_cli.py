"""The CLI contract of the skeleton issue, run as a user would: ``python -m reader ...``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_2faa8fd91fc3cf26.txt"


def run(*args: str, db: Path | None = None, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "reader", *(["--db", str(db)] if db else []), *args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def one_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of SEED, ingested once by ``python -m reader ingest`` (tests copy it)."""
    db = tmp_path_factory.mktemp("one-seed") / "seed.sqlite3"
    run("ingest", str(SEED), db=db)
    return db


def test_parse_json_touches_no_database(tmp_path: Path) -> None:
    proc = run("parse", str(SEED), "--json", db=tmp_path / "never.sqlite3")
    articles = json.loads(proc.stdout)
    assert not (tmp_path / "never.sqlite3").exists()
    first = articles[0]
    assert first["source"] == SEED.name
    assert first["title"] == "利剑高悬显锋芒"
    assert first["subtitle"] == "娄底市娄星区常态化巡察护航群众幸福指数"
    assert first["authors"] == ["贺露明", "李奕", "周丽", "李梅花"]
    assert set(first) >= {"source", "title", "subtitle", "authors", "photographers", "body", "captions"}
    kinds = {b["kind"] for b in first["body"]}
    assert kinds <= {"paragraph", "heading"} and "heading" in kinds


def test_parse_explain_gives_evidence() -> None:
    proc = run("parse", str(SEED), "--explain")
    data = json.loads(proc.stdout)
    assert data[0]["source"] == SEED.name and data[0]["evidence"]


def test_ingest_articles_show_annotate_annotations_export(tmp_path: Path, corpus_at) -> None:  # type: ignore[no-untyped-def]
    db = corpus_at("c.sqlite3")
    first = run("ingest", str(ROOT / "seeds"), db=db)
    assert "added 5" in first.stdout
    again = run("ingest", str(ROOT / "seeds"), db=db)
    assert "unchanged 5" in again.stdout and "added 0" in again.stdout
    articles = json.loads(run("articles", "--json", db=db).stdout)
    assert len(articles) >= 30
    assert set(articles[0]) >= {"id", "source", "title", "authors", "chars", "entities", "annotations"}
    art = next(a for a in articles if a["title"] == "利剑高悬显锋芒")
    shown = json.loads(run("show", str(art["id"]), "--json", db=db).stdout)
    assert shown["id"] == art["id"] and shown["title"] == art["title"]
    text = shown["text"]
    assert len(text) == art["chars"]
    for ent in shown["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    start = text.index("李彦文")
    ann_id = int(run("annotate", str(art["id"]), "--start", str(start), "--end", str(start + 3),
                     "--tag", "人物", "--tag", "领导", "--note", "区委书记", db=db).stdout)
    quote_id = int(run("annotate", str(art["id"]), "--quote", "巡察", "--nth", "2", "--tag", "巡察", db=db).stdout)
    anns = {a["id"]: a for a in json.loads(run("annotations", "--json", db=db).stdout)}
    assert anns[ann_id]["quote"] == "李彦文" and anns[ann_id]["tags"] == ["人物", "领导"]
    assert anns[ann_id]["note"] == "区委书记" and anns[ann_id]["status"] == "anchored"
    assert anns[ann_id]["article"] == art["id"] and anns[ann_id]["start"] == start
    second = [i for i in range(len(text)) if text.startswith("巡察", i)][1]
    assert (anns[quote_id]["start"], anns[quote_id]["end"]) == (second, second + 2)
    out = tmp_path / "out.jsonl"
    run("export", "--format", "jsonl", "-o", str(out), db=db)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert any(a["start"] == start and a["end"] == start + 3 for line in lines for a in line.get("annotations", []))
    stdout_export = run("export", "--format", "jsonl", db=db).stdout
    assert "李彦文" in stdout_export


def test_ner_stdin_and_jsonl() -> None:
    text = "新华社北京1月5日电 国家主席习近平5日在北京会见了联合国秘书长古特雷斯。"
    ents = json.loads(run("ner", stdin=text).stdout)
    assert all(set(e) >= {"start", "end", "type", "text"} for e in ents)
    assert all(text[e["start"]:e["end"]] == e["text"] for e in ents)
    assert {"type": "PER", "text": "习近平"}.items() <= next(e for e in ents if e["text"] == "习近平").items()
    lines = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate([text, "娄底市娄星区"]))
    out = [json.loads(line) for line in run("ner", "--jsonl", stdin=lines).stdout.splitlines()]
    assert [o["id"] for o in out] == [0, 1]
    assert any(e["type"] == "LOC" for e in out[1]["entities"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("show", "9999", "--json"), "no article with id 9999"),
        (("annotate", "1", "--start", "5", "--end", "2", "--tag", "x"), "range 5-2"),
        (("annotate", "1", "--quote", "不存在的句子", "--tag", "x"), "no occurrence"),
        (("export", "--format", "nope"), "unknown export format"),
    ],
)
def test_errors_exit_nonzero_with_a_clear_message(tmp_path: Path, one_seed: Path, args: tuple[str, ...],
                                                 needle: str) -> None:
    db = tmp_path / "e.sqlite3"
    shutil.copyfile(one_seed, db)  # SEED ingested by the CLI
    proc = run(*args, db=db, ok=False)
    assert proc.returncode != 0
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_files_are_reported_and_nothing_stored_is_lost(tmp_path: Path, one_seed: Path) -> None:
    db = tmp_path / "b.sqlite3"
    shutil.copyfile(one_seed, db)  # SEED ingested by the CLI
    before = json.loads(run("articles", "--json", db=db).stdout)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "gbk.txt").write_bytes("新春迎福\n\n湖南日报记者 张三\n\n春节将至，长沙街头张灯结彩。".encode("gbk"))
    proc = run("ingest", str(bad), db=db)
    assert "empty.txt: empty" in proc.stdout and "binary.txt: binary" in proc.stdout
    after = json.loads(run("articles", "--json", db=db).stdout)
    assert [a["id"] for a in before] == [a["id"] for a in after][: len(before)]
    assert any(a["source"] == "gbk.txt" for a in after)
    assert run("parse", str(bad / "binary.txt"), ok=False).returncode == 1


def test_database_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    db.write_text("hello", encoding="utf-8")
    proc = run("articles", "--json", db=db, ok=False)
    assert proc.returncode == 1 and "not a SQLite database" in proc.stderr
