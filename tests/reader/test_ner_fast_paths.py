"""The recogniser's fast paths give what the plain ones give: a compressed model opened from its
inflated cache copy labels as the same model read from memory, and ``ner`` ending without the
interpreter's teardown still writes its whole answer."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.text.entities import Recognizer
from reader.text.ner.corpora import Example
from reader.text.ner.model import Model, train


def _features(line: str) -> list[list[str]]:
    return [["u0=" + ch, "u1=" + (line[i + 1] if i + 1 < len(line) else "$")] for i, ch in enumerate(line)]


@pytest.fixture()
def compressed(tmp_path: Path) -> tuple[Path, Path]:
    examples = [(Example("张三在北京市人民政府工作", [(0, 2, "PER"), (3, 6, "LOC"), (6, 10, "ORG")]), ""),
                (Example("李四来了", [(0, 2, "PER")]), "")] * 3
    plain = tmp_path / "m.crfsuite"
    train(examples, plain, _features, algorithm="ap", max_iterations=5)
    packed = tmp_path / "m.crfsuite.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    return plain, packed


def test_a_compressed_model_is_inflated_once_into_the_cache(
    compressed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, packed = compressed
    cache = tmp_path / "cache"
    monkeypatch.setenv("PIZHU_CACHE_DIR", str(cache))
    line = "王五在北京市人民政府工作"
    want = Model(plain).labels(_features(line))
    first = Model(packed)
    copies = list(cache.glob("ner-model-*.crfsuite"))
    assert len(copies) == 1 and copies[0].read_bytes() == plain.read_bytes()
    assert first.labels(_features(line)) == want
    stamp = copies[0].stat().st_mtime_ns
    assert Model(packed).labels(_features(line)) == want  # opened from the copy, not rewritten
    assert copies[0].stat().st_mtime_ns == stamp and not list(cache.glob("*.tmp"))


def test_a_compressed_model_is_read_from_memory_without_a_cache_folder(
    compressed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, packed = compressed
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PIZHU_CACHE_DIR", str(blocker / "cache"))
    line = "李四在北京"
    assert Model(packed).labels(_features(line)) == Model(plain).labels(_features(line))


def test_ner_process_ends_quickly_with_its_whole_answer_written(tmp_path: Path) -> None:
    """``python -m reader ner`` skips the interpreter's teardown (QUICK_EXIT) only after
    flushing: every line of a long answer arrives, in order, and the exit status is kept."""
    import json
    import os
    import subprocess
    import sys

    texts = [f"{k}月{k}日，张三在长沙市人民政府会见李四。" for k in range(1, 400)]
    data = "".join(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n" for k, t in enumerate(texts))
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, "-m", "reader", "ner", "--jsonl", "--jobs", "1"], input=data.encode(),
                          capture_output=True, cwd=tmp_path, env=env, check=True)
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(proc.stdout) > 65536 and [row["id"] for row in rows] == list(range(len(texts)))
    from reader.cli.main import _entity_json

    assert rows[-1]["entities"] == [_entity_json(e) for e in Recognizer().recognize(texts[-1])]
    bad = subprocess.run([sys.executable, "-m", "reader", "ner", "--jsonl"], input=b"not json\n",
                         capture_output=True, cwd=tmp_path, env=env)
    assert bad.returncode == 1 and b"stdin line 1" in bad.stderr


def test_ner_builds_only_the_core_parser_and_answers_as_before(tmp_path: Path) -> None:
    """``ner`` as the first argument skips the extension subcommands (their imports and parsers):
    the answer is the recogniser's, ``--jobs`` and ``--help`` still work, other commands keep
    every subcommand, and one process imports no multiprocessing."""
    import json
    import os
    import subprocess
    import sys

    from reader.cli.main import CLI_EXTENSIONS, build_parser

    full = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    core = set(build_parser(extensions=False)._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert "ner" in core and core < full and "search" in full - core
    script = ("import json, sys; from reader.cli import main as cli; code = cli.main(); "
              f"sys.stderr.write(json.dumps(sorted(m for m in {list(CLI_EXTENSIONS)!r} + ['multiprocessing'] "
              "if m in sys.modules)))")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    text = "张三在𠮷林市人民政府工作。"
    proc = subprocess.run([sys.executable, "-c", script, "ner", "--jsonl", "--jobs", "1"],
                          input=json.dumps({"id": 1, "text": text}, ensure_ascii=False).encode() + b"\n",
                          capture_output=True, cwd=tmp_path, env=env, check=True)
    assert json.loads(proc.stderr) == []
    from reader.cli.main import _entity_json

    row = json.loads(proc.stdout)
    assert row == {"id": 1, "entities": [_entity_json(e) for e in Recognizer().recognize(text)]}
    assert row["entities"]  # not a vacuous comparison
    helped = subprocess.run([sys.executable, "-m", "reader", "ner", "--help"], capture_output=True,
                            cwd=tmp_path, env=env, check=True)
    assert b"--jsonl" in helped.stdout
    other = subprocess.run([sys.executable, "-m", "reader", "search", "--help"], capture_output=True,
                           cwd=tmp_path, env=env)
    assert other.returncode == 0
