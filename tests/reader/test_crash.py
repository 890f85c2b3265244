"""A bounded crash test: writers SIGKILLed at random moments lose no acknowledged write and leave
a clean database (the long run is ``bench/crash_test.py TRIALS``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("crash_test", ROOT / "bench" / "crash_test.py")
    assert spec is not None and spec.loader is not None
    import sys

    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_sigkill_during_annotate_ingest_and_import_loses_no_acknowledged_write(tmp_path: Path, seeded_template: Path) -> None:
    harness = _harness()
    lines: list[str] = []
    summary = harness.run_trials(2, seed=20261201, work=tmp_path / "crash", max_wait=1.0, report=lines.append,
                                 template=seeded_template, imports=3)
    assert summary.trials == 2 and summary.kills >= 2
    assert summary.acknowledged > 0
    assert summary.lost == 0, lines
    assert not summary.failures, summary.failures


def test_the_ledger_finds_an_acknowledged_page_version_and_misses_a_lost_one(tmp_path: Path, seeded_template: Path) -> None:
    """The check compares the stored page hash (32 bytes in a file corpus) with the writer's hex digest."""
    import hashlib
    import shutil

    from reader.corpus import Corpus

    harness = _harness()
    db = tmp_path / "corpus.sqlite3"
    shutil.copyfile(seeded_template, db)
    page = tmp_path / "page.txt"
    text = next(iter(sorted((ROOT / "seeds").glob("*.txt")))).read_text(encoding="utf-8") + "\n附：更新。\n"
    page.write_text(text, encoding="utf-8")
    corpus = Corpus(db)
    corpus.ingest([str(page)])
    corpus.close()
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    config = {"db": str(db), "page": str(page), "imports": [], "merges": []}
    ledger = harness.Ledger()
    ledger.page_versions = [("A", digest)]
    assert ledger.check(config) == (0, [])
    ledger.page_versions = [("A", "0" * 64)]
    lost, problems = ledger.check(config)
    assert lost == 1 and "re-ingested page lost its acknowledged version" in problems
