"""Repairs for pages laid out afresh (issue 11, harder re-laid-out pages): each test is one page
of the kind the generator makes (``tests/synth/layout.py``) and the repair that reads it right:
an editor line closes the article above it; a broken line taken for a column, kicker or title
goes back to the text it breaks off; head-shaped lines at the top of a page are an article head;
broken lines are not section headings (a date opener, a clause with 了, a line after a
continuation marker); marked continuations follow the order of their articles; a trailing run
that names another article's places moves to it."""

from __future__ import annotations

from reader.text.pages import explain_page, parse_page

T_EDITOR = """# 岳塘区打造清廉样板助推乡村振兴

记者 魏巍 谢雨芬

近日，岳塘区荷塘街道召集村民代表开会，讨论荷青路提质改造的事情，大家踊跃发言，提出意见建议二十余条。

荷塘街道还将清廉建

# 娄底经开区纪工委督战保丰收

张伟 邹娜妮

晚稻已颗粒归仓，油菜已播种六千亩，全区没有因失管而荒芜一亩耕地，抗旱保丰收工作取得明显成效。

今年七月以来，受降雨偏少和持续高温天气影响，娄底出现了历史罕见的干旱，抗旱形势十分严峻。

本版编辑：张 丽

设融入乡村振兴全过程和各个环节，加强清廉项目建设，确保项目实施全过程公开、透明。
"""

T_TOP = """邮储“代付” “智能”领航

邮储银行全国首笔银企直联“智能代付”业务成功落地湖南

“不用跑银行，在办公室就能支付烟农款，省时省力，好用又方便。”8月18日，湖南省烟草公司郴州市公司财务人员感叹道。

当天，湖南省烟草公司郴州市公司通过“智能薪支付”自助发放了三千余万元烟农款。

# 平江积极打造“无毒公共场所”

今天，平江县天岳农贸超市禁毒爱心驿站，工作人员带着孩子们正在深入了解毒品的危害。
"""

T_HEADS = """# 啃下巡察整改“硬骨头”

记者 刘笑雪

“已完成315本不动产权证办理，另外44间商铺和公寓将协助办理。”日前，益阳市委巡察办干部到南县经开区推进巡察整改工作。

2023年11月，益阳市委常委

会议听取了南县经开区等2家单位巡察整改情况汇报，督促提醒2家单位不折不扣落实整改。

与会专家听取了主机

系统研制、性能测试及试运行等情况汇报，专家组一致同意项目通过验收。

南县牢牢

把握秋冬修水利的黄金时期，稳步推进水利工程建设。

聚焦职责使命，持续巩固深化政治巡视

2023年，省委坚决扛起管党治党政治责任，推动巡视巡察工作向纵深发展。
"""

T_JUMP = """# 把巡视利剑磨得更光更亮

记者 刘笑雪

巡视是党内监督的战略性制度安排，是“国之利器、党之利器”。一年来，我省共开展2轮巡视，确保利剑高悬、震慑常在。

聚焦职责使命，持续巩固深化政治巡视

（下转第2版）

# 乘上老旧小区改造的东风

记者 贺冬松

“多亏了老旧小区改造啊，现在屋里屋外的排水通畅了。”洪江古商城内的居民谈起古商城内的变化，满脸洋溢着幸福。

为推动洪江古商城旅游事

（下转第二版）

# 国家超级计算长沙中心传喜讯

记者 王铭俊

国家超级计算长沙中心相关负责人表示，下一步，中心将充分发挥算力资源优势，全力服务国家战略、


区域经济社会发展和数字政府建设，加快实现高水平科技自立自强。

责任编辑：王建国

把巡视利剑磨得更光更亮

（上接第1版）

2023年，省委坚决扛起管党治党政治责任，把巡视利剑牢牢抓在手中，推动巡视巡察工作向纵深发展。

乘上老旧小区改造的东风

（上接第一版）

业的发展，增强老百姓的幸福感

和获得感，洪江区住房和城乡建设局对古商城内老旧房屋进行施工改造。
"""

T_TAIL = """# 平江积极打造“无毒公共场所”

本报记者 张璇

今天，平江县天岳农贸超市禁毒爱心驿站，工作人员带着孩子们正在深入了解毒品的危害，平江县禁毒志愿者给市场商户、顾客发送宣传单。

平江县禁毒办负责人介绍，平江县已在全县农贸市场、车站等公共场所设立禁毒宣传点三十余个。

# 国家超级计算长沙中心传喜讯

本报记者 王铭俊

今天上午，湖南大学组织开展国家超级计算长沙中心天河新一代超级计算机主机系统验收会，专家组一致同意通过验收。

国家超级计算长沙中心是我省“四个重大科学装置”之一，该中心启动运行新主机系统，支撑省内外用户开展试算工作。

下一步，中心将充分发挥算力资源、算法团队和计算中心运营经验优势，全力服务国家战略。

2020年12月，平江县成立了全县首个城区“无毒公共场所”联盟，平江县禁毒志愿者在农贸市场、车站等公共场所常态化开展禁毒宣传。

# 江永“一种双收”助农增收

本报记者 周文

近日，省市县专家对江永县潇浦镇团结村的千亩“一季超级杂交稻+再生稻”示范基地进行测产验收。

江永县农业部门依托农业推广体系改革与建设补助项目，推广再生稻种植技术，每亩增收四百六十元以上。
"""



def _texts(text: str) -> list[tuple[str | None, list[str]]]:
    return [(a.title, [b.text for b in a.body]) for a in parse_page(text, "p")]


def test_an_editor_line_closes_the_article_and_a_broken_label_goes_back_to_its_text() -> None:
    for page in (T_EDITOR, T_EDITOR.replace("# ", "")):  # markdown titles, and plain ones
        arts = _texts(page)
        assert [t for t, _ in arts] == ["岳塘区打造清廉样板助推乡村振兴", "娄底经开区纪工委督战保丰收"]
        assert arts[0][1][-1] == "荷塘街道还将清廉建设融入乡村振兴全过程和各个环节，加强清廉项目建设，确保项目实施全过程公开、透明。"
        assert len(arts[1][1]) == 2
        second = parse_page(page, "p")[1]
        assert second.column is None


def test_head_lines_at_the_top_of_a_markdown_page_are_an_article_head() -> None:
    first = parse_page(T_TOP, "p")[0]
    assert first.title == "邮储“代付” “智能”领航"
    assert first.subtitle == "邮储银行全国首笔银企直联“智能代付”业务成功落地湖南"
    assert first.body[0].text.startswith("“不用跑银行")
    assert any("top of the page" in w for r in explain_page(T_TOP, "p") if r["step"] == "unit" for w in r.get("why", []))


def test_broken_lines_are_not_section_headings() -> None:
    (title, paras), = _texts(T_HEADS)
    assert "2023年11月，益阳市委常委会议听取了南县经开区等2家单位巡察整改情况汇报，督促提醒2家单位不折不扣落实整改。" in paras
    assert "与会专家听取了主机系统研制、性能测试及试运行等情况汇报，专家组一致同意项目通过验收。" in paras
    assert "南县牢牢把握秋冬修水利的黄金时期，稳步推进水利工程建设。" in paras
    heads = [b.text for b in parse_page(T_HEADS, "p")[0].body if b.kind == "heading"]
    assert heads == ["聚焦职责使命，持续巩固深化政治巡视"]  # a real section heading stays one


def test_marked_continuations_in_the_order_of_their_articles() -> None:
    arts = _texts(T_JUMP)
    assert [t for t, _ in arts] == ["把巡视利剑磨得更光更亮", "乘上老旧小区改造的东风", "国家超级计算长沙中心传喜讯"]
    assert "2023年，省委坚决扛起管党治党政治责任" in "".join(arts[0][1])
    assert arts[1][1][-1] == "为推动洪江古商城旅游事业的发展，增强老百姓的幸福感和获得感，洪江区住房和城乡建设局对古商城内老旧房屋进行施工改造。"
    # the line after the continuation marker is text (it finishes 旅游事|业), not a heading
    assert not any(b.kind == "heading" for b in parse_page(T_JUMP, "p")[1].body)
    assert arts[2][1] == ["国家超级计算长沙中心相关负责人表示，下一步，中心将充分发挥算力资源优势，全力服务国家战略、"
                          "区域经济社会发展和数字政府建设，加快实现高水平科技自立自强。"]


def test_a_trailing_run_naming_another_articles_places_moves_there() -> None:
    arts = _texts(T_TAIL)
    assert arts[0][1][-1].startswith("2020年12月，平江县成立了全县首个城区")
    assert len(arts[1][1]) == 3 and len(arts[2][1]) == 2
    why = [r["why"] for r in explain_page(T_TAIL, "p") if r["step"] == "jump"]
    assert any("trailing run names that article" in w for w in why)
    # without the places of that article in it, the same paragraph stays where it is printed
    plain = T_TAIL.replace("2020年12月，平江县成立了全县首个城区", "2020年12月，当地成立了首个城区").replace("平江县禁毒志愿者在农贸市场", "志愿者在集市")
    assert len(_texts(plain)[1][1]) == 4
