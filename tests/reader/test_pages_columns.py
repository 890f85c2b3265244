"""A column (栏目) is a short label — 人民论坛, 今日谈, 2020春运一线 — never a sentence, a kicker,
a credit or a subtitle: section detection is conservative.  Real People's Daily heads from
``../shared`` (skipped when absent): whole pages with and without their indentation, and the
gold pages' columns."""

from __future__ import annotations

import re

import pytest
from synth import gold, rmrb

from reader.text.layout.markers import column_shaped
from reader.text.layout.text import squash
from reader.text.pages import parse_page

real = pytest.mark.skipif(not rmrb.available(), reason=f"no shared corpus at {rmrb.CORPUS}")


@pytest.mark.parametrize("label", ["人民论坛", "今日谈", "钟声", "2020春运一线", "患难见真情 共同抗疫情", "礼赞70年",
                                   "新春走基层·春节文化扫描·年货", "金台随感·“生态笔谈”②"])
def test_column_labels(label: str) -> None:
    assert column_shaped(label)


@pytest.mark.parametrize("line", ["李克强在青海考察时强调", "李克强签署国务院令", "中央军委主席习近平签署通令",
                                  "本报记者郑少忠任江华", "新华社记者  凡  军摄", "团队支持经费可达5000万元",
                                  "重用干事创业的好干部，是推动改革攻坚克难、发展爬坡过坎的客观需要", "冰天雪地也是金山银山",
                                  "时间：上午9点", "何鼎鼎本报评论员", "内蒙古阿尔山推进棚改发展旅游业", "水利部——"])
def test_not_column_labels(line: str) -> None:
    assert not column_shaped(line)


def _flat(page_id: str) -> str:
    """The page without indentation and with LF line ends (no crawler slots to lean on)."""
    text, _items = rmrb.build_page(page_id)
    return re.sub(r"(?m)^[\u3000 \xa0]+", "", text).replace("\r\n", "\n")


def _find(page_id: str, title: str, flat: bool):  # type: ignore[no-untyped-def]
    text = _flat(page_id) if flat else rmrb.build_page(page_id)[0]
    hits = [a for a in parse_page(text, page_id) if squash(a.title or "") == squash(title)]
    assert hits, title
    return hits[0]


@real
@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("page_id,title,kicker", [
    ("20200123-01", "扎实做好保障和改善民生工作 努力让各族群众生活更好", "李克强在青海考察时强调"),
    ("20191024-02", "公布《优化营商环境条例》", "李克强签署国务院令"),
    ("20191030-01", "嘉奖参加第七届世界军人运动会运动员教练员", "中央军委主席习近平签署通令"),
])
def test_a_kicker_sentence_is_no_column(page_id: str, title: str, kicker: str, flat: bool) -> None:
    a = _find(page_id, title, flat)
    assert a.kicker == kicker and a.column is None


@real
def test_a_title_with_its_dash_subtitle_is_no_series_label() -> None:
    """``标题——访…`` printed as one block (the files joined by a blank line, no indentation) is a
    title and its subtitle, not a column."""
    files = sorted((rmrb.CORPUS / "20191011").glob("20191011-03-*.txt"))
    text = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    text = re.sub(r"(?m)^[\u3000 \xa0]+", "", text).replace("\r\n", "\n")
    hits = [a for a in parse_page(text, "p") if "尼中两国友谊" in (a.title or "") + (a.column or "")]
    assert hits and hits[0].title == "“尼中两国友谊像雪水一般纯净”" and hits[0].column is None
    assert hits[0].subtitle == "访尼泊尔总理奥利"


@real
def test_gold_columns_and_nothing_else() -> None:
    """On the gold pages every column is the labelled one (a series tag or a label line) and no
    article gets a column the gold does not have."""
    wrong = []
    for p in gold.load(None):
        text, _items = rmrb.build_page(p["page"])
        got = {squash(a.title or ""): a for a in parse_page(text, p["page"])}
        for g in p["articles"]:
            a = got.get(squash(g["title"]))
            if a is not None and squash(a.column or "") != squash(g.get("column") or ""):
                wrong.append((p["page"], g["title"], g.get("column"), a.column))
    assert not wrong, wrong


@real
def test_columns_on_flat_pages_are_labels() -> None:
    """Pages without indentation: every column the parser reads is shaped as a label."""
    bad = []
    for p in gold.load("dev"):
        text = _flat(p["page"])
        for a in parse_page(text, p["page"]):
            if a.column and f"（{a.column}）" not in text and f"({a.column})" not in text and not column_shaped(
                    a.column, 20):
                bad.append((p["page"], a.column, a.title))
    assert not bad, bad
