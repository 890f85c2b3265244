"""Roundups on pages without paragraph indentation (issue 11, extracted text as users have it):
a head, a short lead-in and several sections under heads of one shape are ONE article; the
same shapes with their own bylines, datelines or closing credits stay separate articles.  Texts
are shaped like People's Daily roundups (dash kickers, 地名：标题 heads, short headings over a
byline), written for these tests; no shared data needed."""

from __future__ import annotations

from reader.text.article import Article
from reader.text.pages import explain_page, parse_page

LEAD = "春节临近，各地博物馆推出丰富多彩的展览和互动活动，吸引众多观众前来参观。"

DASH_ROUNDUP = f"""各地博物馆 喜迎新春

{LEAD}

湖南省博物馆——
年俗展览受欢迎
走进展厅，一件件年画、剪纸讲述着传统年俗的故事。不少家长带着孩子前来，边看边讲。
讲解员介绍，春节期间展览每天接待观众上万人次。

陕西历史博物馆——
互动体验乐趣多
拓印、写春联、做灯笼……在互动区，观众亲手体验传统技艺，现场气氛热烈。

广东省博物馆——
线上展览人气旺
今年，博物馆推出线上展厅，观众在家就能欣赏馆藏精品。“足不出户也能逛展，很方便。”市民张女士说。
（本报记者 王小明、李华）

我省新建农村公路一千二百公里
本报长沙1月20日电  （记者赵刚）记者从省交通运输厅获悉：去年全省新建改建农村公路一千二百公里，农村群众出行更加便捷。
"""


def _arts(text: str) -> list[Article]:
    return parse_page(text, "roundup.txt")


def _paras(a: Article) -> list[str]:
    return [b.text for b in a.body if b.kind == "paragraph"]


def test_dash_kicker_sections_after_a_short_lead_in_are_one_article() -> None:
    arts = _arts(DASH_ROUNDUP)
    assert [a.title for a in arts] == ["各地博物馆 喜迎新春", "我省新建农村公路一千二百公里"]
    first = arts[0]
    assert first.kicker is None and first.subtitle is None
    assert first.authors == ["王小明", "李华"]
    assert _paras(first)[0] == LEAD and _paras(first)[-1].endswith("市民张女士说。")
    headings = [b.text for b in first.body if b.kind == "heading"]
    assert "湖南省博物馆——" in headings and "线上展览人气旺" in headings
    assert arts[1].authors == ["赵刚"]


def test_explain_names_the_roundup_evidence() -> None:
    whys = [w for r in explain_page(DASH_ROUNDUP, "roundup.txt") if r["step"] == "unit" for w in r.get("why", [])]
    assert any(w.startswith("section of a roundup: 3 heads of the same shape (dash-kicker") for w in whys)


BRIEF_ROUNDUP = """多部门出台措施保障春运

本报北京1月23日电  春运期间，多个部门密集出台措施，保障旅客平安有序出行。

交通运输部：加强客运组织
交通运输部要求各地加强运力调配，及时增开客运班线。

国家铁路局：做好站车服务
国家铁路局部署各铁路企业优化站车服务，方便旅客购票乘车。

民航局：保障航班正常运行
民航局要求各航空公司做好航班保障，遇有恶劣天气及时发布信息。
（本报记者 陈明、刘洋）

冬日乡村采摘忙
近日，县里的蔬菜基地迎来采摘季，村民们忙着采收、装箱，供应节日市场。
"""


def test_brief_news_heads_after_a_dateline_lead_are_sections() -> None:
    arts = _arts(BRIEF_ROUNDUP)
    assert [a.title for a in arts] == ["多部门出台措施保障春运", "冬日乡村采摘忙"]
    assert arts[0].authors == ["陈明", "刘洋"]
    assert _paras(arts[0])[-1].startswith("民航局要求")


SHORT_ROUNDUP = """社区里的幸福晚年

餐餐好滋味
本报记者 贺 明
中午十一点，社区老年食堂里飘出饭菜香。老人们陆续赶来，排队打饭，有说有笑。
食堂负责人说，菜单每周更新，荤素搭配，价格实惠。

健身花样多
本报记者 王 刚
清晨的公园里，老人们打太极、跳广场舞、抖空竹，各有各的乐趣。

学习不停步
本报记者 刘新民
社区老年大学开设书法、摄影、智能手机等课程，报名的老人越来越多。
版式设计：张 敏

古桥修缮完工
本报杭州3月2日电  （记者周洁）经过半年修缮，城东的百年古桥日前重新开放。
"""


def test_short_headings_with_their_bylines_are_sections_of_the_head_above() -> None:
    arts = _arts(SHORT_ROUNDUP)
    assert [a.title for a in arts] == ["社区里的幸福晚年", "古桥修缮完工"]
    first = arts[0]
    assert first.subtitle is None
    assert first.authors == ["贺明", "王刚", "刘新民"]
    assert _paras(first)[0].startswith("中午十一点") and _paras(first)[-1].startswith("社区老年大学")
    assert [b.text for b in first.body if b.kind == "heading"] == ["餐餐好滋味", "健身花样多", "学习不停步"]


SEPARATE_BRIEFS = """让惠民资金用在实处

李 明 王 芳

近日，市纪委监委对惠民资金发放情况开展专项检查，督促整改问题十二个。

岳麓区：打造清廉村居样板

张 强 刘 丽

今年以来，岳麓区以清廉村居建设为抓手，推动村务公开，群众满意度不断提升。

雨花区：聚焦民生办实事

赵 敏 孙 杰

雨花区梳理群众急难愁盼问题清单，逐项推动解决，已办结民生实事三十余件。
"""


def test_brief_news_items_with_their_own_bylines_stay_articles() -> None:
    arts = _arts(SEPARATE_BRIEFS)
    assert [a.title for a in arts] == ["让惠民资金用在实处", "岳麓区：打造清廉村居样板", "雨花区：聚焦民生办实事"]
    assert [a.authors for a in arts] == [["李明", "王芳"], ["张强", "刘丽"], ["赵敏", "孙杰"]]


CLOSED_LEAD = """春耕备耕正当时

各地抓紧农时，做好春耕备耕各项工作。（王小明）

湖南衡阳——
早稻育秧忙
在衡阳县的育秧工厂里，一盘盘秧苗整齐排列，长势喜人。

湖北荆州——
农资供应保障有力
荆州市组织农资企业送货下乡，确保化肥、种子供应充足。
"""


def test_a_lead_closed_by_its_credit_is_a_whole_article() -> None:
    arts = _arts(CLOSED_LEAD)
    assert [a.title for a in arts] == ["春耕备耕正当时", "早稻育秧忙", "农资供应保障有力"]
    assert [a.kicker for a in arts[1:]] == ["湖南衡阳——", "湖北荆州——"]


TAGGED_HEAD = """乡风文明建设取得新进展，群众精神面貌焕然一新。

各地扎实推进第二批主题教育——
开门听意见 精准抓整改（守初心 担使命 找差距 抓落实·深入开展主题教育）
本报记者 周 明
第二批主题教育开展以来，各地注重开门抓教育，着力解决群众反映强烈的突出问题。
"""


def test_dash_kicker_over_a_title_with_a_long_series_tag() -> None:
    head = _arts(TAGGED_HEAD)[-1]
    assert head.kicker == "各地扎实推进第二批主题教育——"
    assert head.title == "开门听意见 精准抓整改"
    assert head.authors == ["周明"]
    assert head.body[0].text.startswith("第二批主题教育开展以来")
