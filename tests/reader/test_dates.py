"""Page dates: found in file names and mastheads, set by the user, used by date filters."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reader.corpus import Corpus, CorpusError
from reader.store import search as core
from reader.text.dates import date_from_masthead, date_from_name, page_date, parse_date

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hnrb_2024-01-26_04.txt", dt.date(2024, 1, 26)),
        ("湖南日报20230827第5版.txt", dt.date(2023, 8, 27)),
        ("page_2021_08_10.txt", dt.date(2021, 8, 10)),
        ("000_2faa8fd91fc3cf26.txt", None),
        ("scan_20241399.txt", None),
    ],
)
def test_date_from_name(name: str, expected: dt.date | None) -> None:
    assert date_from_name(name) == expected


def test_date_from_masthead_only_on_short_first_lines() -> None:
    assert date_from_masthead("湖南日报\n2024年1月26日 星期五\n\n# 标题\n正文") == dt.date(2024, 1, 26)
    body = "# 标题\n\n作者\n\n" + "会议于2023年2月26日召开，" * 5
    assert date_from_masthead(body) is None
    assert page_date("000_x.txt", "\ufeff2022年3月1日\n正文") == dt.date(2022, 3, 1)


def test_parse_date_forms_and_errors() -> None:
    assert parse_date("2024-01-26") == parse_date("2024/01/26") == parse_date("2024年1月26日") == dt.date(2024, 1, 26)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("26.1.2024")


def test_ingest_dates_pages_and_search_filters_by_date(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copyfile(SEEDS / "000_2faa8fd91fc3cf26.txt", pages / "hnrb_2021-08-10.txt")
    shutil.copyfile(SEEDS / "004_36ca30944805ef42.txt", pages / "004.txt")
    corpus = Corpus(tmp_path / "d.sqlite3")
    corpus.ingest([pages])
    assert corpus.page_dates() == {"hnrb_2021-08-10.txt": dt.date(2021, 8, 10), "004.txt": None}
    every = {h.article_id for h in core.search("李彦文")}
    assert len(every) == 2
    dated = core.search("李彦文", since=dt.date(2021, 1, 1), until=dt.date(2021, 12, 31))
    assert [h.title for h in dated] == ["利剑高悬显锋芒"]
    assert core.search("李彦文", since=dt.date(2022, 1, 1)) == []
    corpus.set_page_date("004.txt", dt.date(2024, 1, 26))
    assert [h.title for h in core.search("李彦文", since=dt.date(2022, 1, 1))] == ["党支部建在最前沿"]
    lines = core.kwic("李彦文", until=dt.date(2022, 1, 1))
    assert lines and all(corpus.article(k.article_id).source == "hnrb_2021-08-10.txt" for k in lines)
    # a user-set date survives re-ingest; --date overrides
    corpus.ingest([pages], force=True)
    assert corpus.page_dates()["004.txt"] == dt.date(2024, 1, 26)
    corpus.ingest([pages / "004.txt"], published=dt.date(2024, 2, 2))
    assert corpus.page_dates()["004.txt"] == dt.date(2024, 2, 2)
    with pytest.raises(CorpusError):
        corpus.set_page_date("nope.txt", None)
    corpus.close()


def test_page_date_and_search_date_options_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from reader.cli.main import main

    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "ingest", "-q", "--date", "2021-08-10", str(SEEDS / "000_2faa8fd91fc3cf26.txt")]) == 0
    assert main(["--db", db, "ingest", "-q", str(SEEDS / "004_36ca30944805ef42.txt")]) == 0
    capsys.readouterr()
    assert main(["--db", db, "page-date"]) == 0
    assert capsys.readouterr().out.splitlines() == ["000_2faa8fd91fc3cf26.txt\t2021-08-10", "004_36ca30944805ef42.txt\t-"]
    assert main(["--db", db, "search", "李彦文", "--since", "2021-08-01", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["title"] for h in hits] == ["利剑高悬显锋芒"]
    assert main(["--db", db, "page-date", "004_36ca30944805ef42.txt", "2024年1月26日"]) == 0
    assert "2024-01-26" in capsys.readouterr().out
    assert main(["--db", db, "search", "李彦文", "--since", "26/1/2024"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20200105-04-02.txt", 4),
        ("20191001-12.txt", 12),
        ("湖南日报2024-01-26第3版.txt", 3),
        ("page_p07.txt", 7),
        ("000_2faa8fd91fc3cf26.txt", None),
        ("report-2024.txt", None),
    ],
)
def test_page_from_name(name: str, expected: int | None) -> None:
    from reader.text.dates import page_from_name

    assert page_from_name(name) == expected


def test_articles_carry_date_paper_and_page(tmp_path: Path) -> None:
    page = tmp_path / "20200105-04-02.txt"
    page.write_text("标题一则\n\n\u3000\u3000正文第一段，讲了一件事情。\n", encoding="utf-8")
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest([page])
    row = corpus.articles()[0]
    assert (row.date, row.page, row.paper) == (dt.date(2020, 1, 5), 4, None)
    assert row.to_json()["date"] == "2020-01-05" and row.to_json()["page"] == 4
    corpus.close()


def test_page_facts_step_reads_page_numbers_of_stored_pages(tmp_path: Path) -> None:
    from reader.store import migrations
    from reader.store.db import open_db

    path = tmp_path / "old.sqlite3"
    step = [m.__name__ for m in migrations.MIGRATIONS].index("_v4_page_facts")
    database = open_db(path, migrate_to=step)
    database.execute_sql(
        "INSERT INTO source_file (name, path, sha256, size, encoding, parser_version, ingested) "
        "VALUES ('20200105-04-02.txt', '/x', 'ab', 1, 'utf-8', 0, '2024-01-01'), "
        "('seed.txt', '/y', 'cd', 1, 'utf-8', 0, '2024-01-01')"
    )
    database.close()
    database = open_db(path)
    rows = database.execute_sql("SELECT name, page, paper FROM source_file ORDER BY name").fetchall()
    assert rows == [("20200105-04-02.txt", 4, None), ("seed.txt", None, None)]
    database.close()
