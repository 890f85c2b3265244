"""Exports stream: every format writes from the SQL-paged source, reports progress, can be
cancelled (leaving no file), and gives the same file as exporting the same records at once.
The reports render as they should: Markdown quotes stay separate blockquotes in CommonMark and
Python-Markdown; the HTML embeds a font subset that covers its characters."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt
from test_export_samples import sample_bundle

from reader.corpus import Corpus
from reader.exchange import exporting
from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporting import ExportCancelled, ExportFilters, export, formats
from reader.exchange.store_source import BATCH

TITLE = "利剑高悬显锋芒"


def _annotate(corpus: Corpus) -> None:
    for art in corpus.articles()[:6]:
        text = corpus.article(art.id).text
        corpus.annotate(art.id, 0, min(6, len(text)), tags=["人物"], note="一\n二")
        corpus.annotate(art.id, 2, min(9, len(text)), tags=["地方", "人物"])


@pytest.mark.parametrize("fmt", formats())
def test_every_format_streams_with_progress_and_cancel(fmt: str, corpus: Corpus, tmp_path: Path) -> None:
    _annotate(corpus)
    seen: list[tuple[int, int]] = []
    path = tmp_path / f"x.{fmt}"
    suffix_path = tmp_path / "x.zip" if fmt == "brat" else path
    export(corpus, fmt, suffix_path, ExportFilters(), progress=lambda d, t, _l: seen.append((d, t)))
    assert suffix_path.exists() and suffix_path.stat().st_size > 0
    total = seen[-1][1]
    assert total == len(corpus.articles()) and seen[-1][0] == total
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    target = tmp_path / f"cancelled.{fmt}.zip" if fmt == "brat" else tmp_path / f"cancelled.{fmt}"
    if fmt == "qdc":
        return  # the codebook reads no article
    with pytest.raises(ExportCancelled):
        export(corpus, fmt, target, ExportFilters(), cancelled=lambda: True)
    assert not target.exists() and not list(tmp_path.glob(".cancelled*"))


def test_store_export_equals_the_records_export(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paging (forced down to 2 articles per batch) changes nothing in the output."""
    _annotate(corpus)
    export(corpus, "jsonl", tmp_path / "big.jsonl")
    monkeypatch.setattr("reader.exchange.store_source.BATCH", 2)
    export(corpus, "jsonl", tmp_path / "small.jsonl")
    assert (tmp_path / "big.jsonl").read_bytes() == (tmp_path / "small.jsonl").read_bytes()
    assert BATCH >= 100


def test_filters_in_sql_match_the_old_behaviour(corpus: Corpus, tmp_path: Path) -> None:
    _annotate(corpus)
    corpus.ensure_tag("地方", parent="人物")
    assert export(corpus, "csv", tmp_path / "a.csv", ExportFilters(tags=("人物",))) == 12
    assert export(corpus, "csv", tmp_path / "b.csv", ExportFilters(tags=("地方",))) == 6
    assert export(corpus, "csv", tmp_path / "c.csv", ExportFilters(author="nobody")) == 0
    first = corpus.articles()[0].id
    assert export(corpus, "csv", tmp_path / "d.csv", ExportFilters(articles=(first,))) == 2
    with pytest.raises(exporting.ExportError, match="unknown tag"):
        export(corpus, "csv", tmp_path / "e.csv", ExportFilters(tags=("无此标签",)))


def _md() -> str:
    out = io.StringIO()
    get_exporter("md").write(sample_bundle(), out, ExportOptions())
    return out.getvalue()


def test_markdown_quotes_stay_separate_in_common_renderers() -> None:
    text = _md()
    quotes = sum(len(items) for items in [text.count("\n> ") and re.findall(r"(?m)^— ", text)])
    commonmark = MarkdownIt("commonmark").render(text)
    python_markdown = markdown.markdown(text)
    for rendered in (commonmark, python_markdown):
        assert rendered.count("<blockquote>") == quotes
        assert "— 《" not in "".join(re.findall(r"<blockquote>.*?</blockquote>", rendered, re.S))


def test_html_embeds_a_font_subset_that_covers_its_text() -> None:
    from fontTools.ttLib import TTFont

    bundle = sample_bundle()
    bundle.annotations[0] = bundle.annotations[0].__class__(**{**bundle.annotations[0].__dict__, "note": "人名 王𫖯"})
    out = io.StringIO()
    get_exporter("html").write(bundle, out, ExportOptions())
    page = out.getvalue()
    data = re.search(r'url\("data:font/otf;base64,([^"]+)"\)', page)
    assert data, "no embedded font"
    font = TTFont(io.BytesIO(base64.b64decode(data.group(1))))
    cmap = font.getBestCmap()
    body = re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1])
    needed = {c for c in body if ord(c) > 0x2E7F and not c.isspace()} - {"𫖯"}
    assert needed and all(ord(c) in cmap for c in needed)
    assert len(cmap) < 1500  # a subset, not the whole 7,600-glyph font
    assert '<span class="noglyph" title="U+2B5AF">𫖯</span>' in page  # marked, and listed at the end
    assert "U+2B5AF" in page.split("<footer>", 1)[1]
