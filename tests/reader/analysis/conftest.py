"""A People's Daily corpus for the analysis tests: three days of the shared rmrb corpus
(``../shared/corpora/rmrb-2019-2020``), ingested once per test run, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

RMRB = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
DAYS = ("20190201", "20190202", "20200123")


@pytest.fixture(scope="session")
def rmrb_template(template_of) -> Path:  # type: ignore[no-untyped-def]
    if not all((RMRB / day).is_dir() for day in DAYS):
        pytest.skip(f"shared People's Daily corpus not found at {RMRB}")
    return template_of("rmrb.sqlite3", [RMRB / day for day in DAYS])  # once per run (tests/conftest.py)


@pytest.fixture
def rmrb(rmrb_template: Path, tmp_path: Path) -> Iterator[object]:
    from reader.corpus import Corpus

    target = tmp_path / "rmrb.sqlite3"
    shutil.copyfile(rmrb_template, target)
    c = Corpus(target)
    yield c
    c.close()


@pytest.fixture
def article_of():  # type: ignore[no-untyped-def]
    """``article_of(source)``: the id of the (first) article of a page file."""
    from reader.store.models import Article, SourceFile

    def find(source: str) -> int:
        return (Article.select(Article.id).join(SourceFile).where(SourceFile.name == source)
                .order_by(Article.position).get().id)

    return find
