"""Page furniture of issue 11, each class on its own: credit styles, jump markers (own line or
inline, with jump heads), series tags, signature lines, box labels, editor lines.  Lines are
taken from real pages (People's Daily, Hunan papers); no shared data needed."""

from __future__ import annotations

import pytest

from reader.text.layout import credits, markers
from reader.text.pages import parse_page


@pytest.mark.parametrize("line,authors,photographers", [
    ("文/图 王小明", ["王小明"], ["王小明"]),
    ("图/文 王小明", ["王小明"], ["王小明"]),
    ("王小明/摄", [], ["王小明"]),
    ("摄影：张三", [], ["张三"]),
    ("新华社记者 黄孝邦摄", [], ["黄孝邦"]),
    ("曹 一图 于 石文", ["于石"], ["曹一"]),
    ("郭 鹏摄 本报记者 姚雪青文", ["姚雪青"], ["郭鹏"]),
    ("本报记者  罗艾桦文  陈北跑摄", ["罗艾桦"], ["陈北跑"]),
    ("薛  俊摄（影像中国）", [], ["薛俊"]),
    ("朱慧卿作（新华社发）", [], ["朱慧卿"]),
    ("制图：郭 祥", [], ["郭祥"]),
])
def test_credit_lines(line: str, authors: list[str], photographers: list[str]) -> None:
    got = credits.credit_line(line)
    assert got is not None and got.authors == authors and got.photographers == photographers


@pytest.mark.parametrize("line", ["李文", "图片报道", "文明", "习近平致信", "广告"])
def test_not_credit_lines(line: str) -> None:
    assert credits.credit_line(line) is None


@pytest.mark.parametrize("inner,kind,names", [
    ("新华社北京2月13日电 记者张三、李四", "credit", ["张三", "李四"]),
    ("本报华盛顿、莫斯科、金边2月4日电 记者郑琪、殷新宇", "credit", ["郑琪", "殷新宇"]),
    ("本报加德满都2月15日电", "credit", []),
    ("综合本报记者曲哲涵、李心萍报道", "credit", ["曲哲涵", "李心萍"]),
    ("本报记者 蒋升阳整理", "credit", ["蒋升阳"]),
    ("作者为北京小学校长，本报记者赵婀娜采访整理", "credit", ["赵婀娜"]),
    ("执笔：任晓刚 方 力", "credit", ["任晓刚", "方力"]),
    ("相关报道见第十二版", "note", []),
    ("作者系某局局长", "note", []),
    ("完", "end", []),
])
def test_bracketed_remarks(inner: str, kind: str, names: list[str]) -> None:
    assert credits.paren_kind(inner) == (kind, names)


def test_reporter_colon_and_editor_lines() -> None:
    arts = parse_page("标题一\n\n记者:谢奔、帅才\n\n正文写完了。\n\n本版编辑：张 丽\n\n责任编辑：王建国\n", "s")
    assert [(a.title, a.authors) for a in arts] == [("标题一", ["谢奔", "帅才"])]
    assert arts[0].body[-1].text == "正文写完了。" and "本版编辑：张丽" in "".join(arts[0].notes).replace(" ", "")
    assert credits.furniture("本版责编：李 强") and credits.furniture("栏目投稿邮箱：") and not credits.furniture("张三说：")


def test_text_and_photo_credit_gives_no_wenxu_author() -> None:
    """``文/图 X`` names X as writer and photographer (never an author called 文图)."""
    arts = parse_page("标题一\n\n文/图 王小明\n\n正文写完了。\n", "s")
    assert arts[0].authors == ["王小明"] and arts[0].photographers == ["王小明"]


def test_photo_credit_with_slash_is_no_title() -> None:
    arts = parse_page("标题一\n\n记者 王小明\n\n正文写完了。\n\n志愿者清理河道。\n\n李 华/摄\n\n标题二\n\n记者 张三\n\n第二篇正文。\n", "s")
    assert [a.title for a in arts] == ["标题一", "标题二"]
    assert arts[0].captions == ["志愿者清理河道。"] and arts[0].photographers == ["李华"]


@pytest.mark.parametrize("text,direction,rest", [
    ("（下转第2版）", "out", ""),
    ("正文写到这里。(下转第二版)", "out", "正文写到这里。"),
    ("会议强调要进一步下转第4版", "out", "会议强调要进一步"),
    ("（转第3版）", "out", ""),
    ("（上接第1版）总书记说", "in", "总书记说"),
    ("(上接第一版)", "in", ""),
    ("（紧接第1版）", "in", ""),
    ("标题一（上接第1版）", "in", "标题一"),
])
def test_jump_markers(text: str, direction: str, rest: str) -> None:
    found = markers.jump_marker(text)
    assert found is not None and found[0] == direction and found[2] == rest


def test_no_jump_marker_inside_a_sentence() -> None:
    assert markers.jump_marker("文章说第2版很重要") is None and markers.jump_marker("本版共有4版内容") is None


PAGE_A = "第一篇标题\n\n记者 王小明\n\n正文开始写到这里，会议强调要进一步{out}\n\n"
PAGE_B = "第二篇标题\n\n记者 李四\n\n第二篇正文写完了。\n\n"


@pytest.mark.parametrize("out,into", [
    ("（下转第2版）", "（上接第1版）\n\n加强工作，推动发展。"),
    ("\n\n(下转第二版)", "(上接第一版)加强工作，推动发展。"),
    ("下转第4版", "第一篇标题（上接第1版）\n\n加强工作，推动发展。"),
    ("（转第3版）", "第一篇标题\n\n（紧接第1版）\n\n加强工作，推动发展。"),
])
def test_marked_jump_after_a_later_article(out: str, into: str) -> None:
    """A text marked 下转 continues where a later one is marked 上接 / 紧接 (under a jump head
    repeating the title or not): the tail goes back and the broken sentence is joined."""
    arts = parse_page(PAGE_A.format(out=out) + PAGE_B + into + "\n", "s")
    assert [a.title for a in arts] == ["第一篇标题", "第二篇标题"]
    assert [b.text for b in arts[0].body] == ["正文开始写到这里，会议强调要进一步加强工作，推动发展。"]
    assert [b.text for b in arts[1].body] == ["第二篇正文写完了。"]


def test_jump_to_another_page_stays_open() -> None:
    """A text continued on another page is not completed with a later article's text."""
    arts = parse_page(PAGE_A.format(out="（下转第2版）") + "要进一步提高\n\n第三段也写完了。\n", "s")
    assert arts[0].body[0].text == "正文开始写到这里，会议强调要进一步"


def test_series_tags_signatures_and_boxes() -> None:
    assert markers.series_tag("让公众感受历史的魅力（人民论坛）") == ("让公众感受历史的魅力", "人民论坛")
    assert markers.series_tag("迈向没有贫困、共同发展的未来（钟声）") == ("迈向没有贫困、共同发展的未来", "钟声")
    assert markers.series_tag("体育产业怎么看（中）") is None and markers.series_tag("（2019年1月3日）") is None
    assert markers.signature("——习近平") and markers.signature("——编 者")
    assert markers.signature("——福建省委常委、省纪委书记刘学新日前在座谈会上说")
    assert not markers.signature("——娄底市娄星区全力开展基层平安创建")
    assert markers.box_label("核心阅读") and markers.box_label("编者按") and not markers.box_label("核心阅读的内容很多")


def test_bold_titles_kickers_and_dashless_subtitles() -> None:
    """A **bold** title; a kicker ending in ——; a short title over a longer place-led line
    (a subtitle without its dash); an epigraph signed ——name stays in the text."""
    page = ("**产粮大镇的振兴画卷**\n\n张 健 邱继行\n\n宁乡市回龙铺镇近年来加强农业基础设施建设。\n\n"
            "天津基层党建述职评议会勇于揭短亮丑——\n\n就是要让水流到地头\n\n记者 王小明\n\n小年刚过，会议开始。\n\n"
            "利剑高悬显锋芒\n\n娄底市娄星区常态化巡察护航群众幸福指数\n\n贺露明 李 奕\n\n“乡亲们一天不脱贫，我就一天放不下心来。”\n\n"
            "——习近平\n\n今年以来，娄底市娄星区充分发挥常态化巡察利剑作用。\n")
    arts = parse_page(page, "s")
    assert [(a.kicker, a.title, a.subtitle) for a in arts] == [
        (None, "产粮大镇的振兴画卷", None), ("天津基层党建述职评议会勇于揭短亮丑——", "就是要让水流到地头", None),
        (None, "利剑高悬显锋芒", "娄底市娄星区常态化巡察护航群众幸福指数")]
    assert [b.text for b in arts[2].body][:2] == ["“乡亲们一天不脱贫，我就一天放不下心来。”", "——习近平"]


def test_explain_shows_the_new_decisions() -> None:
    """parse --explain evidence names head blocks, jump markers and their pairing, credits."""
    from reader.text.pages import explain_page

    page = PAGE_A.format(out="（下转第2版）") + PAGE_B + "第一篇标题（上接第1版）\n\n加强工作，推动发展。\n\n本报记者 罗艾桦文 陈北跑摄\n"
    ev = explain_page(page, "s")
    why = [w for e in ev if e["step"] == "unit" for w in e.get("why", [])]
    assert any("jump marker （下转第2版）" in w for w in why)
    assert any("credit line" in w and "罗艾桦" in w for w in why)
    assert any(w.startswith("title: ") for w in why)
    assert any(e["step"] == "jump" and e.get("marked") for e in ev)
    assert any(e["step"] == "skeleton" and e.get("jump_in") is None for e in ev)
