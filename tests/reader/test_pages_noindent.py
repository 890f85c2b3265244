"""Real People's Daily pages with their indentation stripped (as many users' papers are
extracted): the paragraphs run without blank lines between them, so a blank line starts an item
or stands for an empty head slot (a *tight* page).  One test per rule that reads such pages,
each on the real page (from ``../shared``) that showed the failure.  Skipped when the shared
corpus is absent."""

from __future__ import annotations

import re

import pytest
from synth import gold, rmrb

from reader.text.article import Article
from reader.text.layout import classify, credits, heads, units
from reader.text.layout.text import normalize, squash
from reader.text.pages import explain_page, parse_page

pytestmark = pytest.mark.skipif(not rmrb.available(), reason=f"no shared corpus at {rmrb.CORPUS}")


def flat(page_id: str, blank: int = 1) -> str:
    text, _items = rmrb.build_page(page_id, blank=blank)
    return re.sub(r"(?m)^[\u3000 \xa0]+", "", text)


def page(page_id: str, blank: int = 1) -> list[Article]:
    return parse_page(flat(page_id, blank), page_id)


def find(arts: list[Article], title: str) -> Article:
    hits = [a for a in arts if squash(a.title or "") == squash(title)]
    assert hits, (title, [a.title for a in arts])
    return hits[0]


def paragraphs(a: Article) -> list[str]:
    return [b.text for b in a.body if b.kind == "paragraph"]


def whys(text: str, source: str = "p") -> list[str]:
    return [w for r in explain_page(text, source) for w in ([r["why"]] if isinstance(r.get("why"), str) else r.get("why", []))]


def test_noindent_gold_figures() -> None:
    """Most gold articles come back exactly without indentation, whatever the blank lines
    between items, and no article is invented on the dev pages beyond a handful."""
    for blank in (1, 2):
        total = gold.Score()
        for p in gold.load("dev"):
            total.add(gold.score_page(p, [a.to_json() for a in page(p["page"], blank)]))
        assert total.rate >= 0.93, (blank, total.rate, total.errors, total.wrong[:8])
        assert total.extra <= 0.04 * total.total, total.errors


def test_the_page_says_it_is_tight() -> None:
    assert any("paragraphs printed without blank lines between them" in w for w in whys(flat("20191014-10")))


def test_kicker_over_a_tagged_title_or_over_an_empty_subtitle_slot() -> None:
    """A short line over a title that carries its series tag is the 引题 (the tag is the
    column); so is a short line over a title followed by a blank line (the empty 副题 slot)."""
    a = find(page("20190225-11"), "这些村，为啥变了样")
    assert a.kicker == "由乱到治 由差到强" and a.column == "聚焦乡村治理"
    assert find(page("20200511-09"), "用文化滋养助推制度建设").kicker == "立足本土  深耕沃土"
    b = find(page("20191014-10"), "金融助力脱贫攻坚")
    assert b.kicker == "浙商银行" and b.column is None
    assert any("empty 副题" in w for w in whys(flat("20191014-10")))


def test_a_kicker_after_a_blank_line_is_no_broken_text() -> None:
    """A kicker that happens to make a word with some paragraph elsewhere (意见|习近平, 融合|一砖)
    stays the kicker when a blank line stands before it: it opens an item."""
    arts = page("20200211-06")
    assert find(arts, "依法严惩妨害疫情防控违法犯罪").kicker == "“两高两部”联合制定意见"
    assert paragraphs(find(arts, "在法治轨道上保障疫情防控顺利开展"))[-1].endswith("。")
    assert find(page("20191030-04"), "2019媒体融合发展论坛在深圳举行").kicker == "坚持守正创新 推进深度融合"


def test_a_head_repeating_words_of_the_text_is_no_duplicate() -> None:
    """新型冠状病毒感染的肺炎 (a kicker) is printed inside an earlier dateline: it is kept, on the
    indented page too; a re-wrapped copy of a line is still dropped."""
    assert find(page("20200124-04"), "二十二日新增确诊病例一百三十一例").kicker == "新型冠状病毒感染的肺炎"
    text, _items = rmrb.build_page("20200124-04")
    assert find(parse_page(text, "x"), "二十二日新增确诊病例一百三十一例").kicker == "新型冠状病毒感染的肺炎"
    us = units.split_units("头一行写着甲乙丙丁戊己。\n\n庚辛壬癸子丑寅卯辰巳。\n\n戊己。庚辛壬癸子丑寅")
    kept, dropped = units.drop_duplicates(us)
    assert [u.text for u in kept] == ["头一行写着甲乙丙丁戊己。", "庚辛壬癸子丑寅卯辰巳。"] and dropped


def test_a_photo_item_ends_at_the_next_blank_line() -> None:
    """Title, text, 图为… caption, photo credit, blank line, next item: the whole photo item is
    its text (nothing of it left as the previous article's, nothing lost)."""
    a = find(page("20191014-10"), "收获喜悦")
    assert not paragraphs(a) and a.captions[0].startswith("近年来，安徽砀山县")
    assert a.captions[-1] == "图为砀山县果农在梨树王景区采摘。" and a.photographers == ["苗地"]
    b = find(page("20200225-01"), "开行免费专列 保障安全返岗")
    assert not paragraphs(b) and b.captions[-1].endswith("引导外出务工人员有序登车。")


def test_continuations_start_after_a_blank_line_only() -> None:
    """A paragraph printed right under another one is not a jump from elsewhere: the 一号文件
    interview keeps its text although it names the document's places and shares its words."""
    arts = page("20200206-10")
    a = find(arts, "奋力做好“三农”工作 决胜全面小康")
    assert paragraphs(a)[-1].endswith("确保按时完成、交账销号。")
    doc = find(arts, "中共中央国务院关于抓好“三农”领域重点工作确保如期实现全面小康的意见")
    assert paragraphs(doc)[0].startswith("党的十九大以来") and paragraphs(doc)[-1].endswith("作出应有的贡献！")


def test_a_heading_inside_an_item_is_no_new_article() -> None:
    """（一）招聘方式 under a line that breaks off (一、招聘方式、岗位（22人）) in the same block is a
    section heading of the notice, not a new article."""
    arts = page("20200113-12")
    notice = find(arts, "洋浦经济开发区人才招聘公告")
    assert not [a for a in arts if (a.title or "").startswith("（一）")]
    assert paragraphs(notice)[-1] == "2020年1月13日"


def test_long_head_lines() -> None:
    """A 主题 or 副题 longer than a heading may be, with no sentence punctuation, in the head
    block of an item (after a blank line, next to head lines, before a dateline): head lines."""
    arts = page("20200225-01")
    a = find(arts, "人大常委会第十六次会议在京闭幕")
    assert a.subtitle and a.subtitle.startswith("表决通过关于全面禁止非法野生动物交易") and a.kicker is None
    assert paragraphs(a)[0].startswith("本报北京2月24日电")
    assert paragraphs(find(arts, "推动武汉市进一步加强防疫和救治工作部署落实分区分级差异化疫情防控策略"))[-1].endswith("参加视频连线。")
    b = find(page("20200228-01"), "进一步部署降低病亡率和保障生活必需品供应要求细化重点人群疫情防控措施 加强防控国际合作")
    assert b.kicker == "李克强主持召开中央应对新冠肺炎疫情工作领导小组会议" and b.subtitle == "王沪宁出席"
    assert any("in the head block of an item" in w for w in whys(flat("20200228-01")))


def test_question_and_exclamation_titles() -> None:
    """赶坡会喽！ and “无纸化”，打个补丁好不好？（说道） alone between two blank lines: titles."""
    a = find(page("20190225-11"), "赶坡会喽！")
    assert (paragraphs(a) + list(a.captions))[0].startswith("近日，广西融水苗族自治县")
    b = find(page("20200514-14"), "“无纸化”，打个补丁好不好？")
    assert b.column == "说道" and paragraphs(b)[0].startswith("为了节约资源、保护环境")
    assert paragraphs(find(page("20200514-14"), "节水有妙招 城市更美好"))[-1].endswith("98.82亿立方米以内。")


def test_a_long_kicker_ending_in_a_dash() -> None:
    a = find(page("20190214-12"), "文化广场，让生活更有滋味")
    assert a.kicker == "过去除了串门聊天打牌，就是在家看电视；如今锻炼有去处、娱乐有场所。山东农村——"
    assert paragraphs(find(page("20190214-12"), "“伟大时代是我的底气”"))[-1].endswith("“伟大的时代是我的底气”。")


def test_a_subtitle_with_a_clause_before_a_box() -> None:
    a = find(page("20191014-10"), "家庭农场 农业高质量发展生力军")
    assert a.subtitle == "全国纳入名录家庭农场近60万家，经营土地1.6亿亩"
    assert a.body[0].kind == "heading" and a.body[0].text == "核心阅读"


def test_sections_after_an_editors_note_and_label_lines() -> None:
    """An editor's note signed ——编者 announcing five sections, each with a dash kicker, a
    quoted title, a byline and 时间：/地点： lines: one article (时间：… is no brief-news title)."""
    arts = page("20200211-11")
    a = find(arts, "冲到一线，把每项工作做到位")
    assert not [x for x in arts if (x.title or "").startswith(("时间：", "“"))]
    assert a.authors[:2] == ["姜晓丹", "窦瀚洋"] and a.authors[-1] == "肖家鑫"
    assert paragraphs(a)[-1].endswith("尚杰说。")


def test_glued_names_after_a_role() -> None:
    """（执笔：任晓刚  方力） with the space between the names lost in normalising."""
    assert credits.paren_kind("执笔：任晓刚方力") == ("credit", ["任晓刚", "方力"])
    assert credits.paren_kind("执笔：课题组") == ("", [])
    assert find(page("20200511-09"), "壮大公共卫生领域战略科技力量").authors == ["任晓刚", "方力"]


def test_an_item_goes_on_under_its_byline_and_title_only_items() -> None:
    """A byline printed right under the text (本报记者刘晓宇文) stays in its item, with the reader
    mail after it; 新书架 between two blank lines is an item of its own, not the kicker of the
    next title; 推荐读物： and its list belong to the article above."""
    a = find(page("20200120-04"), "文化传承 乡土生动")
    assert a.authors == ["刘晓宇"]
    arts = page("20200204-20")
    assert find(arts, "新书架").body == [] and find(arts, "用历史智慧之光观照现实").kicker is None
    assert "推荐读物：" in paragraphs(find(arts, "5G，当代移动通信技术制高点"))
    assert any("appendix label" in w for w in whys(flat("20200204-20")))


def test_sections_with_a_dash_kicker_or_a_byline_right_under_them() -> None:
    """俄罗斯—— / 多次提出无条件延长条约 / text, and 巴基斯坦卡西姆港电站—— / title / byline: an
    article's 引题 + 主题 leave a blank line (the empty 副题 slot) before the text, a section's do
    not — the sections stay in their item, their bylines are its authors."""
    arts = page("20200217-15")
    assert not [a for a in arts if a.title in ("多次提出无条件延长条约", "对续约设置“不切实际”要求")]
    assert paragraphs(find(arts, "俄美核军控谈判前景堪忧"))[-1].endswith("。")
    b = find(page("20200519-18"), "患难见真情 共同抗疫情")
    assert b.authors == ["丁雪真", "朱东君", "孙广勇", "徐伟", "尤铭"]
    assert [x.text for x in b.body if x.kind == "heading"][:2] == ["巴基斯坦卡西姆港电站——", "积极向当地社会提供帮助"]
    assert any("a section heading inside the item" in w for w in whys(flat("20200519-18")))


def test_sections_of_any_like_shape_after_an_editors_note() -> None:
    """引江济淮东津渡大桥 / 项目建设 / 有条不紊 / 本报记者 徐靖, four times, after ——编者: one article."""
    a = find(page("20200225-07"), "推动重大项目开工建设")
    assert a.authors == ["徐靖", "杨文明", "李茂颖", "杜健伟", "颜珂", "贺勇"]


def test_salutations_documents_and_title_only_items() -> None:
    """各位委员，同志们： under a speech's title opens its text; a document announced by 全文如下
    stays in its item; 广告 alone at the end of the page is an item; a question under a kicker is
    the title."""
    a = find(page("20200528-01"), "在全国政协十三届三次会议闭幕会上的讲话")
    assert a.subtitle == "（2020年5月27日）" and a.kicker is None and paragraphs(a)[0] == "各位委员，同志们："
    arts = page("20200106-08")
    assert not [x for x in arts if (x.title or "").startswith("中国共产党国有企业基层组织工作条例")]
    assert "《条例》全文如下。" in paragraphs(find(arts, "中共中央印发《中国共产党国有企业基层组织工作条例（试行）》"))
    arts = page("20200114-11")
    assert find(arts, "广告").body == []
    assert find(arts, "政务微信公号过滥，关！").kicker == "长沙为基层干部“网络减负”"


def test_a_dropped_copy_keeps_the_blank_line_before_it() -> None:
    """郑建邦会见意大利客人 / blank (empty 副题) / the title again / dateline: the copy goes, the
    blank line stays, so the item's head still stands apart from its text."""
    a = find(page("20191018-03"), "郑建邦会见意大利客人")
    assert paragraphs(a)[0].startswith("新华社北京10月17日电") and paragraphs(a)[-1].endswith("伊沃比一行。")
    us, dropped = units.drop_duplicates(units.split_units("一个标题写在这里共十二个字\n\n一个标题写在这里共十二个字\n正文。"))
    assert [u.gap for u in us] == [1, 1] and dropped


def test_credits_of_real_pages_without_indentation() -> None:
    """胥鹏（人民视觉）: a photographer with a picture agency; （本报记者甲、乙  参与采写：丙）;
    程 焕 曾 坤: two names whose spaces stay."""
    assert credits.credit_line("胥鹏（人民视觉）").photographers == ["胥鹏"]  # type: ignore[union-attr]
    assert credits.paren_kind("本报记者李龙伊、付文  参与采写：彭振纲") == ("credit", ["李龙伊", "付文", "彭振纲"])
    assert find(page("20200130-02"), "图片报道").photographers == ["胥鹏"]
    assert normalize("程\u00a0焕\u00a0曾\u00a0坤") == "程 焕 曾 坤" and normalize("今天\u00a0天气") == "今天天气"
    assert find(page("20200211-11"), "冲到一线，把每项工作做到位").authors[2:4] == ["程焕", "曾坤"]


def test_a_dash_led_sentence_under_the_text_is_text() -> None:
    arts = page("20200507-13")
    a = find(arts, "粮仓更稳固 菜篮更丰富")
    assert "面积为“王”，在干部的心头，是大局。" in [x.text.lstrip("—") for x in a.body]
    assert all(x.title for x in arts)


def test_a_page_without_any_blank_line_is_not_read_by_blank_lines() -> None:
    """The rules above lean on blank lines; a page with none has nothing to say by them (its
    titles are read as before)."""
    text = "甲地举行春季运动会\n本报讯 昨天，甲地举行春季运动会，三千人参加。\n比赛持续一天，气氛热烈。\n" \
           "观众纷纷叫好，场面十分壮观。\n赛后举行了颁奖仪式。\n乙地开展植树活动\n本报讯 昨天，乙地开展植树活动。\n" \
           "共栽下树苗一万株。\n"
    us = classify.roles(classify.shape(units.split_units(text)))
    assert not heads.tight_page(us)
    assert heads.tight_page(classify.roles(classify.shape(units.split_units(flat("20191014-10")))))


def test_photo_credits_and_editor_lines_of_real_pages() -> None:
    """杰克·陈摄（新华社发） credits a photographer, it is no title; 版式设计张芳曼 (its colon
    lost with the spaces), 题图设计：蔡华伟 and 传真：… are page furniture, no articles."""
    assert credits.credit_line("杰克·陈摄（新华社发）").photographers == ["杰克·陈"]  # type: ignore[union-attr]
    assert credits.furniture("版式设计张芳曼") and credits.furniture("题图设计：蔡华伟") and not credits.furniture("版式设计很重要")
    arts = page("20200225-15")
    assert find(arts, "巴黎圣日耳曼队为抗击疫情加油").photographers == ["杰克·陈"]
    assert find(arts, "应清/杜佳妮获第十名").kicker == "雪车世锦赛女子双人车"
    assert not [a for a in page("20200216-08") if (a.title or "").startswith("题图设计")]


def test_a_head_block_line_is_no_broken_text() -> None:
    """人民网大型视频直播节目 / 实时全景呈现国庆盛典 / blank / text: the second line of a head
    block is the title, although it opens like a sentence; each item of the page is its own."""
    arts = page("20191002-16")
    assert find(arts, "实时全景呈现国庆盛典").kicker == "人民网大型视频直播节目"
    assert find(arts, "讲述中国故事 破解中国密码").kicker == "人民网“70年70问”系列报道"


def test_numbered_section_headings_stay_headings_on_a_tight_page():
    """20191014-02 (an interview in four numbered sections): 一、增进中印战略互信，开拓共处共赢之道
    over 王毅说，… is a section heading, not the start of a broken paragraph (its 一、 is no
    list and no short sentence opening)."""
    a = find(page("20191014-02"), "道阻且长，行则将至")
    headings = [b.text for b in a.body if b.kind == "heading"]
    assert "一、增进中印战略互信，开拓共处共赢之道" in headings
    assert not any(p.startswith("一、") for p in paragraphs(a))
    assert any(p.startswith("王毅说，高层战略引领") for p in paragraphs(a))
