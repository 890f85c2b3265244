"""Unit tests of each page-parsing step (reader.text.layout.*) and robustness of parse_page."""

from __future__ import annotations

import json

from reader.text.layout import classify, finish, jumps, rejoin, skeleton, units
from reader.text.layout.affinity import SetAffinity, bigram_set, page_places
from reader.text.layout.lexicon import looks_like_name, split_names, word_across
from reader.text.layout.text import (
    balanced,
    ends_sentence,
    is_headish,
    normalize,
    strip_dash,
)
from reader.text.pages import explain_page, parse_page


def pipeline(text: str) -> list[units.Unit]:
    us, _ = units.drop_duplicates(units.split_units(text))
    return classify.roles(classify.shape(us))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in pipeline(text)]


# --- text ---------------------------------------------------------------------------------

def test_pages_normalize_line_ends_bom_and_spaces() -> None:
    assert normalize("\ufeffa\r\nb\rc") == "a\nb\nc"
    assert normalize("今天\u00a0天气") == "今天天气"
    assert normalize("记者\u3000张三") == "记者 张三"
    assert normalize("蓝图， 以规划") == "蓝图，以规划"
    assert normalize("行 \t") == "行"


def test_pages_ends_sentence() -> None:
    assert ends_sentence("好。")
    assert ends_sentence("“好的。”")
    assert ends_sentence("如下：")
    assert ends_sentence("成效。（作者系某局局长）")
    assert not ends_sentence("对危化品、")
    assert not ends_sentence("新时代文")
    assert not ends_sentence("“智慧云图”")
    assert not ends_sentence("《快板书·党的二十大》")
    assert not ends_sentence("实施办法(试行)")


def test_pages_headish_and_balance() -> None:
    assert balanced("“五门治访”，打造“终点站”")
    assert not balanced("“以全力打造酉水河两岸新时代文")
    assert is_headish("邻里互助,“楼宇会”里解民忧")
    assert not is_headish("“以全力打造酉水河两岸新时代文")
    assert not is_headish("功能，让居民的生活更加便捷。")
    assert not is_headish("x" * 10)
    assert strip_dash("——回眸2023") == "回眸2023"
    assert strip_dash("—— 娄底市") == "娄底市"


# --- lexicon ------------------------------------------------------------------------------

def test_pages_split_names() -> None:
    assert split_names("贺露明 李 奕 周 丽 李梅花") == ["贺露明", "李奕", "周丽", "李梅花"]
    assert split_names("湖南日报全媒体记者 刘笑雪\n通讯员 张栋") == ["刘笑雪", "张栋"]
    assert split_names("全媒体记者王铭俊 通讯员 乔乔") == ["王铭俊", "乔乔"]
    assert split_names("张璇 欧阳武力 何致圣") == ["张璇", "欧阳武力", "何致圣"]
    assert split_names("新春迎福") is None
    assert split_names("本文图片由沅陵县巡察办提供") is None
    assert split_names("全面从严治党在路上") is None
    assert looks_like_name("谢石中") and not looks_like_name("高效")


def test_pages_word_across_break() -> None:
    assert word_across("新时代文", "明实践") == "文明"
    assert word_across("清廉单元建", "设为抓手") == "建设"
    assert word_across("业务系统等关键", "环节向云端") in ("关键环节", "环节")
    assert word_across("抓好工作", "人民") is None  # a break between two words
    assert word_across("", "x") is None


# --- units --------------------------------------------------------------------------------

def test_pages_split_units_markdown_and_gaps() -> None:
    us = units.split_units("# 标题\n\n## ——副题\n\n### 小节\n\n**要点。**正文开始。\n\n\n\n图说。")
    assert [(u.text, u.level, u.gap) for u in us] == [
        ("标题", 1, 1), ("——副题", 2, 1), ("小节", 3, 1), ("要点。", 0, 1), ("正文开始。", 0, 0), ("图说。", 0, 3)]
    assert us[3].bold and not us[4].bold
    assert units.split_units("![图](a.png)\n\n说明。")[0].gap >= 2


def test_pages_drop_duplicates_rewrapped() -> None:
    us = units.split_units("甲乙丙丁戊己庚辛壬癸一二三\n\n子丑寅卯辰巳午未申酉。\n\n乙丙丁戊己庚辛壬癸一二三子丑寅卯\n\n刘笑雪 张栋\n\n刘笑雪 张栋")
    kept, dropped = units.drop_duplicates(us)
    assert [u.text for u in kept] == ["甲乙丙丁戊己庚辛壬癸一二三", "子丑寅卯辰巳午未申酉。", "刘笑雪 张栋", "刘笑雪 张栋"]
    assert dropped[0]["step"] == "duplicate"


# --- classify -----------------------------------------------------------------------------

def test_pages_shape_bylines_credits_notes_photos() -> None:
    got = kinds("标题\n\n记者 王小明\n\n正文一句话写完了。（彭 峰 杨伊媛）\n\n（作者系某局局长）\n\n"
                "图片说明文字。 田才茂 摄\n\n正文又一句话。(本文图片由某办提供)\n\n(黄建英)")
    assert ("byline", "记者 王小明") in got
    assert ("credit", "（彭 峰 杨伊媛）") in got
    assert ("note", "（作者系某局局长）") in got
    assert ("caption", "图片说明文字。") in got
    assert ("note", "(本文图片由某办提供)") in got
    assert ("credit", "(黄建英)") in got
    photo = [u for u in pipeline("说明。 田才茂 摄") if u.kind == "photo"][0]
    assert photo.names == ["田才茂"]


def test_pages_dateline_paragraph() -> None:
    u = [u for u in pipeline("标题\n\n湖南日报1月26日讯(全媒体记者王铭俊 通讯员 乔乔)今天上午,会议召开。") if u.kind == "dateline"][0]
    assert u.extra == "湖南日报1月26日讯(全媒体记者王铭俊 通讯员 乔乔)"
    assert u.names == ["王铭俊", "乔乔"]


def test_pages_roles_titles_versus_section_headings() -> None:
    text = ("第一篇的标题\n\n记者 王小明\n\n正文第一段写完了。\n\n小节标题在这里\n\n正文第二段也写完了。\n\n"
            "（李 四）\n\n第二篇的标题\n\n第二篇正文写完了。\n\n邵阳县：简讯标题\n\n简讯正文。")
    got = kinds(text)
    assert ("title", "第一篇的标题") in got
    assert ("heading", "小节标题在这里") in got
    assert ("title", "第二篇的标题") in got  # previous article closed by its credit
    assert ("title", "邵阳县：简讯标题") in got  # brief-news pattern


def test_pages_roles_kicker_column_subtitle() -> None:
    got = dict((t, k) for k, t in kinds(
        "学思想 强党性 重实践 建新功\n\n解决一个问题,办好同类问题\n\n永州用好调研法宝\n\n记者 王小明\n\n正文。"))
    assert got["学思想 强党性 重实践 建新功"] == "column"
    assert got["解决一个问题,办好同类问题"] == "kicker"
    assert got["永州用好调研法宝"] == "title"
    got = dict((t, k) for k, t in kinds("把巡视利剑磨得更光更亮\n\n纵深推进正风肃纪反腐\n——回眸2023\n\n记者 王小明\n\n正文。"))
    assert got["纵深推进正风肃纪反腐——回眸2023"] == "column"
    got = dict((t, k) for k, t in kinds("真抓实干绘就新图景\n\n——娄底市全力开展基层平安创建\n\n曾玉玺 贺娜\n\n正文。"))
    assert got["娄底市全力开展基层平安创建"] == "subtitle"


def test_pages_roles_broken_text_is_not_a_heading() -> None:
    got = kinds("标题\n\n正文写完了。\n\n“智能代付”业务是邮储银行在批\n\n量转账功能的基础上,提升体验。")
    assert ("paragraph", "“智能代付”业务是邮储银行在批") in got
    got = kinds("标题\n\n正文写完了。\n\n为了让他早日脱离“毒海”,回归家庭,她与镇禁毒办协商\n\n后,制订了计划。")
    assert got[2][0] == "paragraph"


def test_pages_captions_after_picture_gap() -> None:
    got = kinds("标题\n\n正文写到这里没有写\n\n\n\n市县领导调研指导工作。\n\n完的句子继续。")
    assert ("caption", "市县领导调研指导工作。") in got


# --- skeleton -----------------------------------------------------------------------------

def test_pages_skeleton_titleless_and_orphan_runs() -> None:
    sks = skeleton.build(pipeline("标题\n\n正文写完了。\n\n(张三)\n\n孤立的一段正文。\n\n李四 王五\n\n无题文章正文。"))
    assert [sk.head_text("title") for sk in sks] == ["标题", None, None]
    assert sks[1].is_orphan and not sks[2].is_orphan
    assert [u.names for u in sks[2].byline] == [["李四", "王五"]]


# --- rejoin -------------------------------------------------------------------------------

def test_pages_rejoin_across_caption_not_across_heading() -> None:
    sks = skeleton.build(pipeline("标题\n\n记者 王小明\n\n围绕县委巡察五\n\n\n\n领导调研指导工作。\n\n"
                                  "年规划开展工作。\n\n小节\n\n新段落写完。"))
    log: list[dict[str, object]] = []
    rejoin.rejoin(sks[0], log)
    body = [(u.kind, u.text) for u in sks[0].items if u.kind in ("paragraph", "heading")]
    assert body == [("paragraph", "围绕县委巡察五年规划开展工作。"), ("heading", "小节"), ("paragraph", "新段落写完。")]
    assert log and log[0]["step"] == "rejoin"


# --- jumps --------------------------------------------------------------------------------

def test_pages_jump_continuation_with_word_across_break() -> None:
    text = ("龙山县：携手开展文明实践\n\n龙山县与来凤县在酉水河畔开展志愿服务活动,志愿者清理河道。\n\n"
            "“以全力打造酉水河两岸新时代文\n\n"
            "娄底：工业减排\n\n娄底经开区推进工业减排,企业降碳增绿。\n\n"
            "明实践示范带为契机,龙山来凤两县共护酉水河。”龙山县志愿者说。\n\n(胡域)")
    arts = parse_page(text, "t")
    assert [a.title for a in arts] == ["龙山县：携手开展文明实践", "娄底：工业减排"]
    assert any("新时代文明实践示范带" in b.text for b in arts[0].body)
    assert arts[0].authors == ["胡域"] and arts[1].authors == []


def test_pages_page_starting_with_a_tail() -> None:
    text = ("淘汰焦炭产能64万吨。焦炉环保改造完成,工业废气回收利用。\n\n(李中声)\n\n"
            "娄底：焦炉改造\n\n娄底经开区推进焦炉环保升级,去年投资实施焦炉改造工程,")
    arts = parse_page(text, "t")
    assert len(arts) == 1
    assert arts[0].body[-1].text.endswith("改造工程,淘汰焦炭产能64万吨。焦炉环保改造完成,工业废气回收利用。")
    assert arts[0].authors == ["李中声"]


def test_pages_affinity_and_places() -> None:
    aff = SetAffinity([bigram_set("永州推进改革"), bigram_set("益阳巡察整改")])
    assert aff.sim(bigram_set("永州改革"), bigram_set("永州推进改革")) > aff.sim(bigram_set("永州改革"), bigram_set("益阳巡察整改"))
    assert "永州" in page_places("永州市委书记说,永州正在发展。")
    starts = jumps._starts(skeleton.build(pipeline("标题\n\n一段写完了。\n\n二段写完了。")))
    assert [s.kind for s in starts] == ["headed", "inner"]


# --- finish -------------------------------------------------------------------------------

def test_pages_derive_title_and_columns() -> None:
    from reader.text.article import Article, Block

    assert finish.derive_title([Block("paragraph", "近几年来，怀化市自然资源和规划局努力践行理念。")]) == "怀化市自然资源和规划局努力践行理念"
    a = Article("s", "甲", column="栏目", authors=["刘笑雪"], position=0)
    b = Article("s", "乙", authors=["刘笑雪", "张栋"], position=1)
    c = Article("s", "丙", authors=["王五"], position=2)
    assert finish.inherit_columns([a, b, c]) and b.column == "栏目" and c.column is None


# --- robustness ---------------------------------------------------------------------------

PAGE = "标题一行\n\n记者 王小明\n\n今天天气很好，大家都出门了。\n\n下午下起了小\n\n雨，大家都回家了。"


def _no_offsets(data: dict) -> dict:
    """An article's JSON without its page offsets (they count each text's own line ends)."""
    return {k: v for k, v in data.items() if k not in ("parts", "spans")}


def test_pages_crlf_bom_nbsp_give_the_same_result() -> None:
    plain = [_no_offsets(a.to_json()) for a in parse_page(PAGE, "s")]
    for variant in ("\ufeff" + PAGE.replace("\n", "\r\n"), PAGE.replace("\n", "\r"),
                    PAGE.replace("今天天气", "今天\u00a0天气")):
        arts = parse_page(variant, "s")
        assert [_no_offsets(a.to_json()) for a in arts] == plain
        for a in arts:  # every part points at its own text in this variant
            for p in a.parts:
                assert variant[p["start"]:p["end"]].strip()
    assert plain[0]["body"][1]["text"] == "下午下起了小雨，大家都回家了。"


def test_pages_parts_locate_every_article_in_the_page() -> None:
    """Each article records where its parts stood on the page (code points of the text as
    given), so a page view can colour them: title, byline, paragraphs, captions, jump markers."""
    page = ("\ufeff标题一\r\n记者 王小明\r\n\r\n正文第一段写到这里，会议强调要进一步（下转第2版）\r\n"
            "标题二\r\n\r\n市民在公园赏花。\r\n张三 摄\r\n\r\n标题一（上接第1版）\r\n加强工作，推动发展。\r\n")
    arts = parse_page(page, "s")
    assert [a.title for a in arts] == ["标题一", "标题二"]
    first = {(p["kind"], page[p["start"]:p["end"]]) for p in arts[0].parts}
    assert ("title", "标题一") in first and ("byline", "记者 王小明") in first
    assert ("paragraph", "加强工作，推动发展。") in first
    assert any(k == "paragraph" and t.startswith("正文第一段") for k, t in first)
    assert any(p.get("jump", "").startswith("out") for p in arts[0].parts)
    assert ("jump-head", "标题一（上接第1版）") in first
    second = {(p["kind"], page[p["start"]:p["end"]]) for p in arts[1].parts}
    assert ("caption", "市民在公园赏花。") in second and ("photo-credit", "张三 摄") in second
    assert arts[0].to_json()["spans"][0][0] == 1  # after the BOM


def test_pages_empty_and_blank_pages() -> None:
    assert parse_page("", "s") == []
    assert parse_page(" \n\n\u3000\n", "s") == []
    assert explain_page("", "s") == []


def test_pages_page_with_only_a_caption() -> None:
    arts = parse_page("\n\n\n\n市民在公园赏花。\n\n张三 摄", "s")
    assert len(arts) == 1
    a = arts[0]
    assert a.captions == ["市民在公园赏花。"] and a.photographers == ["张三"] and a.body == []
    assert a.title is None and a.title_derived and a.display_title


def test_pages_unknown_layouts_do_not_crash() -> None:
    for text in ["<p>随便什么</p>\n\nHello world. English only.\n\n12345",
                 "第一篇标题\n本报讯（记者 张三）今天开会,讨论了很多问题。\n会议认为,应当继续努力。\n第二篇标题\n本报讯（记者 李四）昨天下雪了。\n（完）",
                 "｜表格｜内容｜\n\n— — —\n\n* 列表项一\n* 列表项二", "。。。\n\n，，，", "a" * 5000]:
        arts = parse_page(text, "s")
        assert [a.position for a in arts] == list(range(len(arts)))
        json.dumps(explain_page(text, "s"), ensure_ascii=False)
    arts = parse_page("第一篇标题\n本报讯（记者 张三）今天开会,讨论了很多问题。\n会议认为,应当继续努力。\n"
                      "第二篇标题\n本报讯（记者 李四）昨天下雪了。\n（完）", "s")
    assert [(a.title, a.authors) for a in arts] == [("第一篇标题", ["张三"]), ("第二篇标题", ["李四"])]
    assert arts[1].body[-1].text == "本报讯（记者 李四）昨天下雪了。"


def test_pages_explain_page_is_json_and_has_every_step() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "seeds" / "004_36ca30944805ef42.txt"
    trail = explain_page(seed.read_text(encoding="utf-8"), "004")
    json.dumps(trail, ensure_ascii=False)
    steps = {r["step"] for r in trail}
    assert {"unit", "rejoin", "jump", "skeleton", "article"} <= steps
    assert all("why" in r for r in trail if r["step"] == "jump")


def test_pages_hard_wrapped_page_reads_like_the_original() -> None:
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[2] / "seeds" / "003_feb58d02c5fbd0cd.txt").read_text(encoding="utf-8")
    wrapped = "\n\n".join("\n".join(b[i:i + 28] for i in range(0, len(b), 28)) if len(b) > 40 else b
                          for b in seed.split("\n\n"))
    assert units.wrap_width(units.split_units(seed)) is None
    assert wrapped != seed
    got = [(a.title, a.authors, [(b.kind, b.text) for b in a.body], a.captions) for a in parse_page(wrapped, "w")]
    want = [(a.title, a.authors, [(b.kind, b.text) for b in a.body], a.captions) for a in parse_page(seed, "s")]
    assert got == want


def test_pages_never_crash_on_odd_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["\n", "\n\n", "\n\n\n\n", "# ", "## ——", "### ", "**", "（", "）", "(", ")", "。", "，",
                              "、", "“", "”", "张三", " 摄", "记者 ", "湖南日报1月26日讯", "邵阳县：", "\r\n", "\u00a0",
                              "\ufeff", "——", "文", "明实践", "会议召开", "x", "1"])

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=60))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        arts = parse_page(text, "fuzz")
        assert [a.position for a in arts] == list(range(len(arts)))
        for a in arts:
            json.dumps(a.to_json(), ensure_ascii=False)
            assert all(b.text for b in a.body)
        json.dumps(explain_page(text, "fuzz"), ensure_ascii=False)

    check()
