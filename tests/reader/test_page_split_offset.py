"""Splitting an article at a point of the original page text (``fix_article(..., page_at=N)``,
``fix split ARTICLE --page-offset N``): the article printed there is cut where the page point
falls in its text, across line breaks the parse removed; blank lines between two paragraphs cut
before the next one; heads and furniture are refused.  Offsets are code points (𠮷 stands before
every one that matters)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.changes import CorpusError
from reader.cli.main import main as cli
from reader.corpus import Corpus

PAGE = (Path(__file__).resolve().parents[1] / "data" / "page_split_offset.txt").read_text(encoding="utf-8")


@pytest.fixture
def page(tmp_path: Path) -> tuple[Corpus, Path]:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p1.txt").write_text(PAGE, encoding="utf-8")
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest([folder], jobs=1)
    yield corpus, folder
    corpus.close()


def test_a_page_point_cuts_the_article_printed_there_across_a_removed_line_break(page: tuple[Corpus, Path]) -> None:
    corpus, _ = page
    first, last = [a.id for a in corpus.articles()]
    view = corpus.page_view(last)  # any article of the page names the page
    assert view.text == PAGE
    text = corpus.article(first).text
    assert "货物吞吐量三千万吨" in text  # the parse joined the wrapped line
    ann = corpus.annotate(first, text.index("港口方面"), text.index("港口方面") + 4, tags=["t"], note="", author="t")
    result = corpus.fix_article(last, "split", page_at=PAGE.index("三千万吨"))
    assert len(result.article_ids) == 3 and result.article_ids[0] == first
    left, right = corpus.article(first).text, corpus.article(result.article_ids[1]).text
    assert left.endswith("一季度完成货物吞吐量") and right.startswith("三千万吨，同比增长")
    moved = corpus.annotation(ann.id)
    assert moved.article_id == result.article_ids[1] and right[moved.start:moved.end] == "港口方面"
    assert result.fix["op"] == "split" and corpus.page_fixes("p1.txt")[0].op == "split"
    corpus.restore_page(result.before)  # undo puts the page back exactly
    assert [a.id for a in corpus.articles()] == [first, last] and corpus.article(first).text == text


def test_the_same_cut_as_a_split_in_the_article_text(page: tuple[Corpus, Path], tmp_path: Path) -> None:
    corpus, folder = page
    first = corpus.articles()[0].id
    text = corpus.article(first).text
    by_page = corpus.fix_article(first, "split", page_at=PAGE.index("新区负责人") + 3)  # 负|责人: inside a word
    second = corpus.article(by_page.article_ids[1]).text
    corpus.restore_page(by_page.before)
    by_text = corpus.fix_article(first, "split", at=text.index("新区负责人") + 3)
    assert corpus.article(by_text.article_ids[1]).text == second and second.startswith("责人表示")


def test_blank_lines_cut_before_the_next_paragraph_and_heads_are_refused(page: tuple[Corpus, Path]) -> None:
    corpus, _ = page
    first = corpus.articles()[0].id
    blank = PAGE.index("\n\n岳阳港口") + 1  # on the empty line before the paragraph
    result = corpus.fix_article(first, "split", page_at=blank)
    assert corpus.article(result.article_ids[1]).text.startswith("岳阳港口吞吐量创新高")
    corpus.restore_page(result.before)
    for point in (PAGE.index("𠮷祥新区项目"), PAGE.index("记者 张三"), len(PAGE) + 5, -1):
        with pytest.raises(CorpusError) as err:
            corpus.fix_article(first, "split", page_at=point)
        assert err.value.code == "split-outside-body"
    with pytest.raises(CorpusError) as err:  # the first line of an article's text: nothing before it
        corpus.fix_article(first, "split", page_at=PAGE.index("本报长沙"))
    assert err.value.code == "split-at-edge"
    assert not corpus.page_fixes("p1.txt")  # nothing was written


def test_a_changed_page_file_is_refused(page: tuple[Corpus, Path]) -> None:
    corpus, folder = page
    first = corpus.articles()[0].id
    (folder / "p1.txt").write_text(PAGE.replace("岳阳", "益阳"), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        corpus.fix_article(first, "split", page_at=PAGE.index("三千万吨"))
    assert err.value.code == "page-changed"


def test_cli_page_offset(page: tuple[Corpus, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, _ = page
    db = str(corpus.path)
    first = corpus.articles()[0].id
    corpus.close()
    assert cli(["--db", db, "page", str(first), "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    at = view["text"].index("三千万吨")
    assert cli(["--db", db, "fix", "split", str(first), "--page-offset", str(at), "--at", "3"]) == 1
    assert "one of --at, --before and --page-offset" in capsys.readouterr().err
    assert cli(["--db", db, "fix", "split", str(first), "--page-offset", str(at), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["fix"]["op"] == "split" and len(out["articles"]) == 3
    again = Corpus(db)
    assert again.article(out["articles"][1]).text.startswith("三千万吨")
    again.close()
