"""Document variables: built-ins from where the fact lives, user variables set one by one or
from CSV (checked before anything is written), filter SPECs, newspaper detection, migration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.analysis import variables as var
from reader.analysis.spec import parse_spec, select_ids
from reader.changes import CorpusError
from reader.text import papers


def test_builtins_come_from_page_and_article(corpus) -> None:
    arts = corpus.articles()
    values = var.article_variables([a.id for a in arts])
    first = values[arts[0].id]
    assert set(var.BUILTIN) <= set(first)
    assert first["position"] == str(arts[0].position)
    # the seeds' datelines name 湖南日报 on most items of page 002 (湖南日报1月26日讯…)
    seed2 = [a for a in arts if a.source.startswith("002_")]
    assert {values[a.id]["newspaper"] for a in seed2} == {"湖南日报"}


def test_set_user_and_page_variables(corpus) -> None:
    arts = corpus.articles()
    a, b = arts[0].id, arts[1].id
    change = var.set_variable([a, b], "region", "娄底")
    assert set(change.article_ids) == {a, b}
    assert var.variable_of("region", [a, b]) == {a: "娄底", b: "娄底"}
    var.set_variable([a], "region", "")
    assert var.variable_of("region", [a])[a] is None
    change = var.set_variable([a], "newspaper", "娄底日报")  # a page fact: every article of the page
    page_mates = [x.id for x in arts if x.source == arts[0].source]
    assert set(change.article_ids) == set(page_mates)
    assert {var.variable_of("newspaper", page_mates)[i] for i in page_mates} == {"娄底日报"}
    var.set_variable([a], "date", "2024-01-26")
    assert var.date_of([a])[a] == dt.date(2024, 1, 26)
    with pytest.raises(CorpusError, match="not a date"):
        var.set_variable([a], "date", "soon")
    with pytest.raises(CorpusError, match="derived"):
        var.set_variable([a], "agency", "新华社")
    with pytest.raises(CorpusError, match="no article"):
        var.set_variable([10**6], "region", "x")
    assert "region" in var.variable_names()


def test_csv_import_by_article_and_by_source(corpus, tmp_path: Path) -> None:
    arts = corpus.articles()
    path = tmp_path / "vars.csv"
    path.write_text(f"article,region,genre\n{arts[0].id},娄底,评论\n{arts[1].id},,消息\n", encoding="utf-8-sig")
    report = var.import_csv(path)
    assert report.values == {"region": 1, "genre": 2}
    got = var.article_variables([arts[0].id, arts[1].id])
    assert got[arts[0].id]["genre"] == "评论" and got[arts[1].id]["region"] is None
    source = arts[-1].source
    path.write_text(f"source,region\n{source},沅陵\n", encoding="utf-8")
    var.import_csv(path)
    mates = [a.id for a in arts if a.source == source]
    assert set(var.variable_of("region", mates).values()) == {"沅陵"}


def test_bad_csv_names_file_and_line_and_writes_nothing(corpus, tmp_path: Path) -> None:
    arts = corpus.articles()
    path = tmp_path / "bad.csv"
    path.write_text(f"article,region\n{arts[0].id},娄底\n999999,长沙\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.csv: line 3: no article with id 999999"):
        var.import_csv(path)
    assert var.variable_of("region", [arts[0].id])[arts[0].id] is None  # nothing written
    path.write_text("name,region\n1,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="first column"):
        var.import_csv(path)
    path.write_text(f"article,date\n{arts[0].id},tomorrow\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        var.import_csv(path)


def test_spec_filters(corpus) -> None:
    arts = corpus.articles()
    var.set_variable([arts[0].id, arts[2].id], "region", "娄底")
    var.set_variable([arts[1].id], "region", "长沙")
    assert select_ids(parse_spec("var:region=娄底")) == sorted([arts[0].id, arts[2].id])
    assert select_ids(parse_spec("var:region=娄底,var:region=长沙")) == sorted(a.id for a in arts[:3])
    source = arts[0].source
    assert set(select_ids(parse_spec(f"source={source}"))) == {a.id for a in arts if a.source == source}
    assert set(select_ids(parse_spec("source=00[12]_*"))) == {a.id for a in arts if a.source[:3] in ("001", "002")}
    assert select_ids(parse_spec("since=2024-01-01")) == []  # the seeds are undated
    var.set_variable([arts[0].id], "date", "2024-01-26")
    assert set(select_ids(parse_spec("since=2024-01-26,until=2024-01-26"))) == {
        a.id for a in arts if a.source == source}
    assert select_ids(parse_spec("")) == sorted(a.id for a in arts)
    assert parse_spec('var:genre="评论,消息"').variables == (("genre", ("评论,消息",)),)
    for bad in ("since=yesterday", "colour=red", "novalue", "reprints=maybe"):
        with pytest.raises(CorpusError):
            parse_spec(bad)


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("/data/rmrb-2019-2020/articles/20200101/20200101-01-01.txt", "", "人民日报"),
    ("/x/湖南日报_2024-01-26_p04.txt", "", "湖南日报"),
    ("/x/page.txt", "湖南日报\n2024年1月26日 星期五\n\n标题\n", "湖南日报"),
    ("/x/page.txt", "娄底日报\n\n标题", "娄底日报"),
    ("/x/page.txt", "标题\n\n湖南日报1月26日讯(记者)正文。\n\n湖南日报1月26日讯(记者)另一篇。", "湖南日报"),
    ("/x/page.txt", "标题\n\n新华社北京2月8日电 正文。", None),
    ("/x/report-2024.txt", "标题\n\n正文", None),
])
def test_newspaper_detection(path: str, text: str, expected: str | None) -> None:
    assert papers.detect_paper(path, text) == expected


def test_agency_from_dateline() -> None:
    assert papers.agency("新华社北京2月8日电 （记者吴晶）") == "新华社"
    assert papers.agency("本报北京12月31日电") == "本报"
    assert papers.agency("湖南日报1月26日讯") == "湖南日报"
    assert papers.agency(None) is None


def test_migrating_a_previous_database_keeps_rows_and_adds_tables(tmp_path: Path) -> None:
    from reader.store import migrations
    from reader.store.db import open_db, schema_version

    step = [m.__name__ for m in migrations.MIGRATIONS].index("_analysis_tables")
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=step)
    db.execute_sql(
        "INSERT INTO source_file (name, path, sha256, size, encoding, parser_version, ingested, published, page) "
        "VALUES ('hnrb_20240126_p04.txt', '/x', 'ab', 1, 'utf-8', 0, '2024-01-01', '2024-01-26', 4)")
    db.execute_sql(
        "INSERT INTO article (source_id, position, display_title, title_derived, authors, photographers, structure, "
        "text, segments, chars, state, note, retired, entities_version, created, updated) VALUES (1, 0, 'T', 0, "
        "'[]', '[]', '{}', '正文', '[]', 2, 'unread', '', 0, 0, '2024-01-01', '2024-01-01')")
    db.close()
    db = open_db(path)
    assert schema_version(db) == len(migrations.MIGRATIONS)
    assert db.execute_sql("SELECT paper FROM source_file").fetchone()[0] == "湖南日报"
    assert var.article_variables([1])[1]["page"] == "4"
    var.set_variable([1], "region", "长沙")
    assert var.variable_of("region", [1]) == {1: "长沙"}
    db.close()


def test_ingest_names_the_newspaper_from_the_masthead_and_keeps_a_users_choice(empty_corpus, tmp_path: Path) -> None:
    page = tmp_path / "page-a.txt"
    page.write_text("湖南日报\n2024年1月26日 星期五\n\n# 我省召开会议部署工作\n\n\u3000\u3000今天上午，省里召开会议，"
                    "部署今年的重点工作。会议强调要抓好落实。\n", encoding="utf-8")
    empty_corpus.ingest([page])
    (art,) = [a for a in empty_corpus.articles() if "会议" in empty_corpus.article(a.id).text]
    assert art.paper == "湖南日报"
    var.set_variable([art.id], "newspaper", "湖南日报农村版")
    page.write_text(page.read_text(encoding="utf-8") + "\u3000\u3000又补充了一段话。\n", encoding="utf-8")
    empty_corpus.ingest([page])
    assert {a.paper for a in empty_corpus.articles()} == {"湖南日报农村版"}


def test_spec_filters_on_built_in_variables_agree_with_their_values(rmrb) -> None:
    for name in var.BUILTIN:
        values = var.variable_of(name)
        common = sorted({v for v in values.values() if v}, key=lambda v: -sum(1 for x in values.values() if x == v))
        for value in common[:2] + [""]:
            expected = sorted(i for i, v in values.items() if (v or "") == value)
            assert select_ids(parse_spec(f'var:{name}="{value}"')) == expected, (name, value)
    assert select_ids(parse_spec("var:page=01")) == select_ids(parse_spec("var:page=1"))
    assert select_ids(parse_spec("var:date=2019/02/01")) == select_ids(parse_spec("since=2019-02-01,until=2019-02-01"))
