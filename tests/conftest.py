"""Shared fixtures: a template corpus with the seeds ingested once per session (through the same
``open_db`` and ingest as production), copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs property tests on a fixed seed so that a run is reproducible; locally they explore.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PIZHU_AUTHOR", "tester")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reader.corpus import Corpus

    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    corpus = Corpus(path)
    report = corpus.ingest([SEEDS])
    assert not report.failed, report.failed
    corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return path


@pytest.fixture
def seeded_path(seeded_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corpus.sqlite3"
    shutil.copyfile(seeded_template, target)
    return target


@pytest.fixture
def corpus(seeded_path: Path) -> Iterator["object"]:
    from reader.corpus import Corpus

    c = Corpus(seeded_path)
    yield c
    c.close()


@pytest.fixture
def empty_corpus(tmp_path: Path) -> Iterator["object"]:
    from reader.corpus import Corpus

    c = Corpus(tmp_path / "empty.sqlite3")
    yield c
    c.close()
