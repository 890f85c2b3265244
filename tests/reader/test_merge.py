"""Merging two coders' corpora of the same seed pages (and a .qdpx), only by adding."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]


def _code(path: Path, coder: str, plan: list[tuple[int, str, list[str], str]]) -> list[tuple]:
    """Annotate ``path`` as ``coder``: (article index, quote, tags, note); returns signatures."""
    corpus = Corpus(path, coder=coder)
    arts = [a.id for a in corpus.articles()]
    for index, quote, tags, note in plan:
        corpus.annotate_quote(arts[index], quote, tags=tags, note=note)
    corpus.set_article_note(arts[0], f"{coder}的笔记")
    corpus.set_article_tags(arts[1], [f"{coder}读过"])
    sigs = _signatures(corpus)
    corpus.close()
    return sigs


def _signatures(corpus: Corpus) -> list[tuple]:
    texts = {a.id: corpus.article(a.id).text for a in corpus.articles()}
    return sorted((texts[a.article_id], a.start, a.end, a.quote, a.coder, tuple(sorted(a.tags)), a.note)
                  for a in corpus.annotations())


def _quotes(path: Path, count: int, offset: int) -> list[tuple[int, str]]:
    corpus = Corpus(path)
    out = []
    for index, summary in enumerate(corpus.articles()[:count]):
        text = corpus.article(summary.id).text
        out.append((index, text[offset:offset + 6]))
    corpus.close()
    return out


@pytest.fixture
def two_coders(seeded_path: Path, duplicate) -> tuple[Path, Path, list[tuple], list[tuple]]:  # type: ignore[no-untyped-def]
    ours = seeded_path  # on a server: a coder's file corpus merged into the team's server corpus
    theirs = duplicate(seeded_path, "theirs.sqlite3", as_file=True)
    quotes = _quotes(ours, 6, 40)
    shared = quotes[:3]
    mine = _code(ours, "张三", [(i, q, ["问责"], "") for i, q in shared] + [(5, quotes[5][1], ["民生"], "我的")])
    other = _code(theirs, "李四", [(i, q, ["问责"], "") for i, q in shared]
                  + [(3, quotes[3][1], ["问责", "新/子码"], "他的"), (4, quotes[4][1], ["新/子码"], "")])
    return ours, theirs, mine, other


def test_merging_twice_duplicates_nothing_and_loses_nothing(two_coders) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file

    ours, theirs, mine, other = two_coders
    corpus = Corpus(ours, coder="张三")
    n_articles = len(corpus.articles())
    first = merge_file(theirs, corpus.coder_name).to_json()
    assert first["articles_matched"] == n_articles
    assert first["annotations_added"] == len(other) and first["annotations_matched"] == 0
    assert first["unplaced"] == []
    merged = _signatures(corpus)
    assert merged == sorted(mine + other)  # both coders' work, the same spans kept per coder
    second = merge_file(theirs, corpus.coder_name).to_json()
    assert second["annotations_added"] == 0 and second["annotations_matched"] == len(other)
    assert second["tags_created"] == [] and second["coders_created"] == []
    assert _signatures(corpus) == merged
    tags = {t.name: t for t in corpus.tags()}
    assert tags["新/子码"].parent_id is None and "李四读过" not in tags  # an article tag, not a code
    first_article, second_article = (a.id for a in corpus.articles()[:2])
    assert corpus.article(first_article).note == "张三的笔记"  # ours is never overwritten
    assert set(corpus.article(second_article).tags) == {"张三读过", "李四读过"}
    assert {c.name for c in corpus.coders()} >= {"张三", "李四"}
    assert len({c.color for c in corpus.coders()}) == len(corpus.coders())
    corpus.close()


def test_a_server_corpus_is_merged_into_a_file_and_left_as_it_was(two_coders) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file

    ours, theirs, mine, other = two_coders  # on the server backend ours is a server corpus
    corpus = Corpus(theirs, coder="李四")
    report = merge_file(ours, "李四").to_json()
    assert report["annotations_added"] == len(mine)  # each coder keeps their own span
    assert _signatures(corpus) == sorted(mine + other)
    corpus.close()
    corpus = Corpus(ours)
    assert _signatures(corpus) == sorted(mine)
    corpus.close()


@pytest.mark.file_only("compares the bytes of the other file before and after")
def test_the_other_file_is_left_untouched_and_merge_goes_both_ways(two_coders) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file

    ours, theirs, mine, other = two_coders
    before = theirs.read_bytes()
    corpus = Corpus(theirs, coder="李四")
    merge_file(ours, "李四")
    assert _signatures(corpus) == sorted(mine + other)
    corpus.close()
    corpus = Corpus(ours)
    assert merge_file(theirs, "张三").to_json()["annotations_added"] == len(other)
    corpus.close()
    assert before != theirs.read_bytes()  # theirs was the receiving side once ...
    snapshot = ours.read_bytes()
    corpus = Corpus(theirs)
    merge_file(ours, "x")
    corpus.close()
    assert ours.read_bytes() == snapshot  # ... and the other side is only read


def test_a_changed_article_is_matched_by_content_and_a_lost_quote_is_reported(two_coders) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file
    from reader.store.models import Article

    ours, theirs, _mine, other = two_coders
    corpus = Corpus(theirs, coder="李四")
    arts = corpus.articles()
    victim = corpus.article(arts[3].id)
    # their parse of this article differs a little from ours (a prefix, one phrase) ...
    Article.update(text="补记：" + victim.text.replace(victim.text[60:66], "完全不同的字")).where(
        Article.id == victim.id).execute()
    corpus.reanchor_corpus()
    corpus.annotate_quote(victim.id, "完全不同的字", tags=["问责"])  # ... and they coded text we lack
    corpus.close()
    corpus = Corpus(ours)
    report = merge_file(theirs, "张三").to_json()
    assert report["articles_matched"] == len(arts)  # matched by similar content, not by id
    assert [u["reason"] for u in report["unplaced"]] == ["quote-not-found"]
    assert report["unplaced"][0]["coder"] == "李四" and report["unplaced"][0]["quote"] == "完全不同的字"
    assert report["annotations_added"] == len(other)  # the rest found their place
    assert _signatures(corpus) == sorted(_mine + other)
    corpus.close()


def test_merge_undo_and_redo_restore_exactly(two_coders) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file, redo_merge, undo_merge

    ours, theirs, mine, other = two_coders
    corpus = Corpus(ours, coder="张三")
    tags_before = corpus.tags()
    coders_before = corpus.coders()
    report = merge_file(theirs, "张三")
    after = _signatures(corpus)
    ids = sorted(a.id for a in corpus.annotations())
    change = undo_merge(corpus, report)
    assert change.article_ids
    assert _signatures(corpus) == mine
    assert corpus.tags() == tags_before and corpus.coders() == coders_before
    assert corpus.article(corpus.articles()[1].id).tags == ("张三读过",)
    redo_merge(corpus, report)
    assert _signatures(corpus) == after
    assert sorted(a.id for a in corpus.annotations()) == ids
    corpus.close()


def test_merging_a_qdpx_coded_on_the_same_pages(two_coders, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file
    from reader.exchange.exporting import export

    ours, theirs, mine, other = two_coders
    corpus = Corpus(theirs)
    project = tmp_path / "theirs.qdpx"
    export(corpus, "qdpx", project)
    corpus.close()
    corpus = Corpus(ours)
    report = merge_file(project, "张三").to_json()
    assert report["annotations_added"] == len(other) and not report["unplaced"]
    assert _signatures(corpus) == sorted(mine + other)
    assert merge_file(project, "张三").to_json()["annotations_added"] == 0
    corpus.close()


def test_cli_merge_json_and_bad_files(two_coders, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours, theirs, _mine, other = two_coders

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--db", str(ours), *args], cwd=ROOT,
                              capture_output=True, text=True, check=False)

    out = run("merge", str(theirs), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"articles_matched", "annotations_added", "annotations_matched", "unplaced"} <= set(data)
    assert data["annotations_added"] == len(other)
    again = json.loads(run("merge", str(theirs), "--json").stdout)
    assert again["annotations_added"] == 0 and again["annotations_matched"] == len(other)
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("不是数据库", encoding="utf-8")
    bad = run("merge", str(junk))
    assert bad.returncode == 1 and "junk.sqlite3" in bad.stderr
    missing = run("merge", str(tmp_path / "nowhere.qdpx"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    import sqlite3
    import zipfile

    other_db = tmp_path / "other.sqlite3"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.close()
    wrong = run("merge", str(other_db))
    assert wrong.returncode == 1 and "not a Pizhu corpus" in wrong.stderr
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert run("merge", str(broken)).returncode == 1
    archive = tmp_path / "notes.qdpx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    no_project = run("merge", str(archive))
    assert no_project.returncode == 1 and "project.qde" in no_project.stderr
    assert json.loads(run("annotations", "--json").stdout)  # ours untouched by the failures


def test_exports_carry_the_coder(two_coders) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io
    import zipfile
    from xml.etree import ElementTree as ET

    from reader.coding.merge import merge_file
    from reader.exchange.exporting import export

    ours, theirs, _mine, _other = two_coders
    corpus = Corpus(ours, coder="张三")
    merge_file(theirs, "张三")
    anns = {a.id: a.coder for a in corpus.annotations()}
    buf = io.BytesIO()
    export(corpus, "qdpx", buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", ns)}
    assert {"张三", "李四"} <= set(users.values())
    by_selection = [users[s.get("creatingUser")] for s in root.iterfind(".//q:PlainTextSelection", ns)]
    assert sorted(by_selection) == sorted(anns.values())
    w3c = io.StringIO()
    export(corpus, "w3c", w3c)
    text = w3c.getvalue()
    assert '"name": "李四"' in text and '"name": "张三"' in text
    table = io.StringIO()
    export(corpus, "csv", table)
    rows = list(csv.DictReader(io.StringIO(table.getvalue().lstrip("\ufeff"))))
    assert sorted(r["coder"] for r in rows) == sorted(anns.values())
    corpus.close()


def _foreign_project(path: Path, text: str, selections: list[tuple[int, int, str]]) -> None:
    """A .qdpx as another tool writes it: one TextSource holding a whole page, CRLF line ends,
    one user, codes by GUID."""
    import zipfile

    crlf = text.replace("\n", "\r\n")
    sels = []
    for n, (start, end, code) in enumerate(selections):
        # the other tool counts the CR of CRLF: shift offsets by the line breaks before them
        s = start + text.count("\n", 0, start)
        e = end + text.count("\n", 0, end)
        sels.append(f'<PlainTextSelection guid="00000000-0000-0000-0000-{n:012d}" startPosition="{s}" '
                    f'endPosition="{e}" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">'
                    f'<Coding guid="00000000-0000-0000-0001-{n:012d}" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">'
                    f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="NVivo page">'
           '<Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="王老师"/></Users>'
           '<CodeBook><Codes><Code guid="cccccccc-0000-0000-0000-000000000001" name="问责" isCodable="true">'
           '<Code guid="cccccccc-0000-0000-0000-000000000002" name="巡察工作" isCodable="true"/></Code>'
           '</Codes></CodeBook><Sources><TextSource guid="bbbbbbbb-0000-0000-0000-000000000001" name="整版" '
           'plainTextPath="internal://bbbbbbbb-0000-0000-0000-000000000001.txt">' + "".join(sels) +
           '</TextSource></Sources></Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/bbbbbbbb-0000-0000-0000-000000000001.txt", crlf.encode("utf-8"))


def test_a_page_coded_in_another_tool_is_spread_over_our_articles(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file

    arts = [corpus.article(a.id) for a in corpus.articles()[:3]]
    page = "报头\n" + "\n\n".join(a.text for a in arts)
    offset_2 = page.index(arts[2].text)
    q0, q2 = arts[0].text[30:38], arts[2].text[20:27]
    selections = [(page.index(q0), page.index(q0) + len(q0), "cccccccc-0000-0000-0000-000000000001"),
                  (offset_2 + 20, offset_2 + 27, "cccccccc-0000-0000-0000-000000000002"),
                  (0, 2, "cccccccc-0000-0000-0000-000000000001")]  # the masthead: in no article of ours
    project = tmp_path / "page.qdpx"
    _foreign_project(project, page, selections)
    report = merge_file(project, "张三").to_json()
    assert report["annotations_added"] == 2
    assert [u["quote"] for u in report["unplaced"]] == ["报头"]
    got = sorted((a.article_id, a.quote, a.tags, a.coder) for a in corpus.annotations())
    assert got == sorted([(arts[0].id, q0, ("问责",), "王老师"), (arts[2].id, q2, ("巡察工作",), "王老师")])
    assert corpus.tag_by_name("巡察工作").parent_id == corpus.tag_by_name("问责").id
    assert merge_file(project, "张三").to_json()["annotations_matched"] == 2


@pytest.mark.parametrize("fmt", ["w3c", "jsonl", "qdpx"])
def test_export_and_import_keep_each_coders_same_span(two_coders, tmp_path: Path, seeded_template: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from reader.coding.merge import merge_file
    from reader.exchange.exporting import export
    from reader.exchange.importing import import_file

    ours, theirs, mine, other = two_coders
    corpus = Corpus(ours)
    merge_file(theirs, "张三")
    out = tmp_path / f"both.{ {'w3c': 'jsonld'}.get(fmt, fmt) }"
    export(corpus, fmt, out)
    corpus.close()
    fresh = tmp_path / "fresh.sqlite3"
    shutil.copyfile(seeded_template, fresh)
    corpus = Corpus(fresh)
    first = import_file(out, default_author="导入者")
    again = import_file(out, default_author="导入者")
    assert len(first.added) == len(mine) + len(other) and not again.added
    assert [s[:6] for s in _signatures(corpus)] == [s[:6] for s in sorted(mine + other)]
    corpus.close()
