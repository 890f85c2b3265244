"""Whole People's Daily pages (the files of one printed page joined in order, as a user who
copied them out of a PDF has them), read from ``../shared``: the hand-checked gold of
tests/data/rmrb_pages_gold.jsonl, and one test per failure class of issue 11 written from real
pages.  Skipped when the shared corpus is absent."""

from __future__ import annotations

import random

import pytest
from synth import gold, rmrb

from reader.text.article import Article
from reader.text.layout.text import squash
from reader.text.pages import parse_page

pytestmark = pytest.mark.skipif(not rmrb.available(), reason=f"no shared corpus at {rmrb.CORPUS}")


def page(page_id: str, **kw: object) -> list[Article]:
    text, _items = rmrb.build_page(page_id, **kw)  # type: ignore[arg-type]
    return parse_page(text, page_id)


def find(arts: list[Article], title: str) -> Article:
    hits = [a for a in arts if squash(a.title or "") == squash(title)]
    assert hits, (title, [a.title for a in arts])
    return hits[0]


@pytest.mark.parametrize("split,floor", [("dev", 0.93), ("test", 0.88)])
def test_real_pages_gold(split: str, floor: float) -> None:
    """Articles exactly right (title, subtitle, kicker, authors, first and last words, size)
    and no invented ones, on the dev pages and on the held-out test pages."""
    total = gold.Score()
    for p in gold.load(split):
        text, _items = rmrb.build_page(p["page"])
        total.add(gold.score_page(p, [a.to_json() for a in parse_page(text, p["page"])]))
    assert total.rate >= floor, (total.rate, total.errors, total.wrong[:10])
    assert total.extra <= 0.02 * total.total, total.errors


def test_real_pages_without_indentation() -> None:
    """The same pages with every line's indentation stripped (no crawler layout to lean on):
    most articles still come back exactly (blank lines between items and the text itself)."""
    import re

    total = gold.Score()
    for p in gold.load("dev"):
        text, _items = rmrb.build_page(p["page"])
        flat = re.sub(r"(?m)^[\u3000 \xa0]+", "", text)
        total.add(gold.score_page(p, [a.to_json() for a in parse_page(flat, p["page"])]))
    assert total.rate >= 0.65, (total.rate, total.errors)


def test_real_pages_joined_any_way() -> None:
    """The same pages joined with 1-3 random blank lines between items, or the files
    concatenated untouched, read the same."""
    rng = random.Random(4)
    for p in gold.load("dev")[:12]:
        plain = [(a.kicker, a.title, a.subtitle, a.authors) for a in page(p["page"])]
        text, items = rmrb.build_page(p["page"], rng=rng)
        assert [(a.kicker, a.title, a.subtitle, a.authors) for a in parse_page(text, "x")] == plain
        raw = "".join(it.text for it in items)
        assert [(a.kicker, a.title, a.subtitle, a.authors) for a in parse_page(raw, "x")] == plain


def test_real_heads_title_and_subtitle_without_dashes() -> None:
    """主题 + 副题 with no dash: the first line is the title (the text follows the subtitle
    slot directly), not the last."""
    arts = page("20190201-01")
    a = find(arts, "习近平同卡塔尔埃米尔塔米姆举行会谈")
    assert a.subtitle and a.subtitle.startswith("习近平：中方支持卡方") and a.kicker is None
    assert find(arts, "王沪宁看望文化界知名人士和科技专家").subtitle.startswith("代表习近平总书记和党中央")


def test_real_heads_kicker_above_the_title() -> None:
    """引题 kickers: a lead-in sentence, a line ending in ——, a speaker who 强调."""
    arts = page("20190201-01")
    assert find(arts, "推动我国生态文明建设迈上新台阶").kicker == "《求是》杂志发表习近平总书记重要文章"
    a = find(arts, "坚持问题导向 聚焦重点工作推动共建“一带一路”向高质量发展转变")
    assert a.kicker == "韩正在推进“一带一路”建设工作领导小组会议上强调"
    assert find(page("20200204-14"), "全面保障农村供水安全").kicker == "水利部——"


def test_real_heads_series_tags_on_the_title_line() -> None:
    """（今日谈）, （总书记的深情牵挂——来自…的故事）: a column, not part of the title (and
    the dash inside the tag makes no subtitle)."""
    arts = page("20190208-01")
    assert find(arts, "这一声“祝福”暖人心").column == "今日谈"
    a = find(arts, "生态移民脱贫路 新村新屋新面貌")
    assert a.column == "总书记的深情牵挂——来自贫困乡村的精准脱贫故事" and a.kicker == "青海格尔木市长江源村——"
    assert a.subtitle is None


def test_real_heads_boxes_epigraphs_and_quoted_titles() -> None:
    """核心阅读 and 编者按 boxes open the article (a heading, then their text); an epigraph
    signed ——习近平 stays text; a quoted title is a title."""
    a = find(page("20200204-14"), "珍爱生命 拒吃野味")
    assert a.body[0].kind == "heading" and a.body[0].text == "核心阅读"
    b = find(page("20190207-04"), "守望传承看家风")
    assert b.body[0].text.startswith("春节，维系着情感血脉") and b.column == "春节返乡看新风①"
    c = find(page("20190208-01"), "生态移民脱贫路 新村新屋新面貌")
    assert [x.text for x in c.body[:2]][1] == "——习近平"
    assert find(page("20190208-01"), "“社区就是家，一定要干净”").kicker.startswith("重庆环卫夫妇")


def test_real_credits() -> None:
    """Credits of real pages: a trailing （本报…电 记者甲、乙…）, a list of correspondents,
    曹 一图 于 石文, 本报记者 X文 Y摄, 采访整理, reporters in a dateline."""
    a = find(page("20190205-03"), "同奋进 共繁荣")
    assert a.authors[:3] == ["郑琪", "殷新宇", "丁子"] and len(a.authors) == 12
    assert find(page("20190205-03"), "向中国人民致以新春祝福").authors[-1] == "苑基荣"
    pic = find(page("20190222-05"), "图片报道")
    assert pic.authors == ["石羚"] and pic.photographers == ["勾犇"]
    photo = find(page("20190201-04"), "图片报道")
    assert photo.authors == ["罗艾桦"] and photo.photographers == ["陈北跑"]
    assert find(page("20190207-04"), "守望传承看家风").authors == ["王锦涛", "柯仲甲"]
    assert find(page("20200121-03"), "杨洁篪出席利比亚问题柏林峰会并会见德国总理默克尔等欧方领导人").authors == ["李强", "花放"]


def test_real_blank_lines_never_drop_paragraphs() -> None:
    """Two or three blank lines before a paragraph (between items, or anywhere) keep it in the
    body: no caption without a picture credit."""
    for blank in (2, 3):
        for a in page("20190201-04", blank=blank):
            if a.title == "就是要让水流到地头":
                assert not a.captions and a.body[-1].text.endswith("甜水自会流到地头。”")


def test_real_blank_line_noise_inside_articles() -> None:
    """Two or three blank lines inserted before random paragraphs inside the articles: no
    paragraph leaves its body, no caption appears.  (The heads may read differently: a blank
    line after a head is evidence of an empty subtitle slot only on a page without noise.)"""
    rng = random.Random(9)
    for p in gold.load("dev")[:10]:
        text, _items = rmrb.build_page(p["page"])
        plain = [(len(a.body), a.captions) for a in parse_page(text, "x")]
        lines = text.split("\r\n")
        noisy = []
        for line in lines:
            if line.startswith("\u3000\u3000") and rng.random() < 0.3:
                noisy.extend([""] * rng.randint(2, 3))
            noisy.append(line)
        assert [(len(a.body), a.captions) for a in parse_page("\r\n".join(noisy), "x")] == plain
