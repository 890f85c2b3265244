"""Repairs around jumps and broken lines on pages laid out afresh (issue 11, round 4): each test
is one page of the kind the generator makes (``tests/synth/layout.py``), written from the seed
articles, and the general signal that reads it right."""

from __future__ import annotations

from reader.text.pages import explain_page, parse_page

T_HEADING_JUMP = """# 真抓实干绘就平安娄星新图景

本报记者 曾玉玺 贺 娜

人民幸福美满，离不开安全稳定的社会环境。今年，娄星区启动“三基三创”基层治理能力提升行动。

制度先行，构建综合治理“大格局”

（转第4版）

# 南县精准施策推进水利工程建设

11月2日，南县水利建设工地现场一派忙碌景象，施工机械轰鸣，工人们正在加紧施工。

（上接第一版）平安，是民心所愿，亦是发展的基石。

娄星区打造“综治135+N”管理平台，健全“平安娄星”创建体制机制。
"""

T_PURPOSE_JUMP = """# 江永：“禁毒妈妈”暖心帮扶“瘾君子”重拾信心

“真心感谢你的真诚相助，让我远离了毒品。”江永县粗石江镇竹桂村的廖某军说。

事情从2020年5月1日起，时任竹桂村妇联主席的毛观飞开始帮扶廖某军。

为了让廖某军早日脱离

（转第2版）

# 邮储“代付” “智能”领航

“不用跑银行，在办公室就能支付烟农款，省时省力。”8月18日，郴州市公司财务人员感叹道。

（上接第1版）

“毒海”，回归家庭，毛观飞与粗石江镇禁毒办协商后，制订了一套戒毒计划。

（本报记者 周文、谭欢、陆小芳整理）
"""


def test_a_heading_before_a_jump_marker_stays_a_heading() -> None:
    first = parse_page(T_HEADING_JUMP, "p")[0]
    assert [b.kind for b in first.body] == ["paragraph", "heading", "paragraph", "paragraph"]
    assert first.body[1].text == "制度先行，构建综合治理“大格局”"
    assert first.body[2].text == "平安，是民心所愿，亦是发展的基石。"
    why = [w for r in explain_page(T_HEADING_JUMP, "p") if r["step"] == "unit" for w in r.get("why", [])]
    assert "a jump marker follows: its text goes on elsewhere, the heading stays" in why


def test_a_purpose_clause_before_a_jump_marker_is_text_that_runs_on() -> None:
    arts = parse_page(T_PURPOSE_JUMP, "p")
    assert [a.title for a in arts] == ["江永：“禁毒妈妈”暖心帮扶“瘾君子”重拾信心", "邮储“代付” “智能”领航"]
    assert arts[0].body[-1].text == "为了让廖某军早日脱离“毒海”，回归家庭，毛观飞与粗石江镇禁毒办协商后，制订了一套戒毒计划。"
    assert arts[0].authors == ["周文", "谭欢", "陆小芳"]
    # the same line finished by a word across the jump (旅游事|业) is text too
    page = T_PURPOSE_JUMP.replace("为了让廖某军早日脱离", "为推动洪江古商城旅游事").replace("“毒海”，回归家庭", "业的发展，增强老百姓的幸福感")
    assert parse_page(page, "p")[0].body[-1].text.startswith("为推动洪江古商城旅游事业的发展，增强老百姓的幸福感")


T_OPENER = """娄底经开区：科技“赋能”促工业“减排”

本报记者 李中声 李文仪

日前，娄底经开区被湖南省工业和信息化厅“选中”，作为“绿色园区”纳入湖南省绿色制造体系创建计划。

该区对第一工业园开展智能化改造，建设工业互联网平台，推动企业乘“云”而上。积极搭建产学研用交流平台，


鼓励国家级、省级企业技术中心、制造业创新中心、重点实验室等创新平台落户。


据悉，区内高新技术产业企业79家，与中科院、清华大学等20多所高校和科研机构开展产学研合作。
"""


def test_a_discourse_opener_does_not_finish_a_broken_sentence() -> None:
    # 据悉，opens a sentence: the line before it finishes the broken one, it is no picture caption
    (art,) = parse_page(T_OPENER, "p")
    assert art.captions == []
    assert [b.text[:6] for b in art.body] == ["日前，娄底经", "该区对第一工", "据悉，区内高"]
    assert art.body[1].text.endswith("积极搭建产学研用交流平台，鼓励国家级、省级企业技术中心、制造业创新中心、重点实验室等创新平台落户。")
    # a short sentence tail after the gap (落户，) still reads as the rest of the broken sentence
    tail = T_OPENER.replace("据悉，区内", "落户，区内")
    assert [b.kind for b in parse_page(tail, "p")[0].body].count("paragraph") == 2


def test_a_line_before_a_jump_that_the_continuation_finishes_is_text() -> None:
    for line, cont in (("中央广播电视总台负责人13日在京", "介绍，总台将发挥40多种语言译制能力的优势，对直播电影进行多语种译制。"),
                       ("王毅表示，我们愿继续", "同包括乌兹别克斯坦在内的世界各国加强抗疫合作，支持世卫组织发挥相应作用。")):
        page = T_HEADING_JUMP.replace("制度先行，构建综合治理“大格局”", line).replace("平安，是民心所愿，亦是发展的基石。", cont)
        first = parse_page(page, "p")[0]
        assert [b.kind for b in first.body] == ["paragraph", "paragraph", "paragraph"], line
        assert first.body[1].text == line + cont
        why = [w for r in explain_page(page, "p") if r["step"] == "unit" for w in r.get("why", [])]
        assert any(w.startswith("its continuation after the jump carries it on") for w in why)


T_REPEAT = """双清区：推出“清合力”党建品牌

近日，邵阳市双清区“清合力”全域党建品

牌启动，意味着该区正式搭起“1+4”党建品

（下转第4版）

创新驱动转型 数字赋能发展

——常德市城发集团经房物业创新服务的探索与实践小记

随着数字经济时代到来，数字化浪潮席卷全国，物业管理行业的数字化转型势在必行。

（本报记者 章莉、肖林整理）

（上接第1版）牌矩阵。

牌启动，意味着该区正式搭起“1+4”党建品牌矩阵。

今年以来，双清区推进“一领域一特色”，打造了一批党建示范点。
"""


def test_a_paragraph_printed_twice_around_a_jump_is_kept_once() -> None:
    first = parse_page(T_REPEAT, "p")[0]
    assert [b.text for b in first.body] == ["近日，邵阳市双清区“清合力”全域党建品牌启动，意味着该区正式搭起“1+4”党建品牌矩阵。",
                                            "今年以来，双清区推进“一领域一特色”，打造了一批党建示范点。"]
    assert any(r["step"] == "duplicate" and "broken pieces were joined" in r["why"] for r in explain_page(T_REPEAT, "p"))
    # a different paragraph that shares a beginning stays
    other = T_REPEAT.replace("牌启动，意味着该区正式搭起“1+4”党建品牌矩阵。", "牌启动后，该区还将搭起“1+4”党建品牌矩阵。")
    assert len(parse_page(other, "p")[0].body) == 3


def test_a_far_commoner_word_across_a_break_counts_over_two_words_of_their_own() -> None:
    from reader.text.layout.lexicon import word_across

    assert word_across("省委县域经济工作协调小组办", "公室日前发布") in ("办公", "办公室")  # not 组办 + 公室
    assert word_across("抓好工作", "人民") is None  # 作人 is rarer than 工作 and 人民: a break between words
    page = """# 永州用好调研法宝激活高质量发展新动能

永州坚持系统思维，解决一个问题，办好同类问题，推动形成典型案例114个。

省委县域经济工作协调小组办

公室日前发布全省县域经济高质量发展十大典型案例，永州有两个案例入选。
"""
    (art,) = parse_page(page, "p")
    assert [b.kind for b in art.body] == ["paragraph", "paragraph"]
    assert art.body[1].text.startswith("省委县域经济工作协调小组办公室日前发布")


T_BARE = """把巡视利剑磨得更光更亮

刘笑雪 张 栋

巡视是党内监督的战略性制度安排，是“国之利器、党之利器”。一年来，我省共开展2轮巡视，完成对14个市州、湘江新区巡视全覆盖和30个县市区的常规巡视。

2023年，省委坚决扛起管党治党政治责任，把巡视利剑牢牢抓在手中，多次召开省委常委会议研究巡视工作。

（刘笑雪 张 栋）

创新驱动转型 数字赋能发展

——常德市城发集团经房物业创新服务的探索与实践小记

记者：章莉、肖林

随着数字经济时代到来，数字化浪潮席卷全国，物业管理行业的数字化转型是数字经济时代的新要求，常德市城发集团经房物业公司拓宽服务边界，成为常德市数字化物业管理的先行者。

科技引领服务升级。公司充分利用互联网技术，采用大数据模式，完善生活场景，搭建启用400云坐席服务平台，建立“经生活”社区微信公众号，提供报事报修、访客放行、在线缴费、一键

江永：“禁毒妈妈”暖心帮扶“瘾君子”重拾信心

周 文 谭 欢 陆小芳

“真心感谢你的真诚相助，让我远离了毒品，以后我将好好生活，不再让家人担心。”江永县粗石江镇竹桂村村民廖某军诚恳地说。

为了让廖某军早日脱离“毒海”，回归家庭，毛观飞与粗石江镇禁毒办协商后，制订了一套戒毒计划，通过行为治疗助其彻底戒毒。

“禁毒妈妈”的走访日记里，有这样一段话：禁毒是一场持久战，只有真正走进吸毒人员的内心，才能带他们走出困境。

开门等物业服务功能，提高服务效率。公司通过运用远程监控、智能停车服务等应用场景，完善生活场景。
"""


def test_a_run_with_no_sign_at_the_break_goes_back_on_a_clear_content_margin() -> None:
    _, first, second = parse_page(T_BARE, "p")
    assert first.body[-1].text.endswith("在线缴费、一键" + T_BARE.rstrip().rsplit("\n", 1)[1])
    assert second.body[-1].text.startswith("“禁毒妈妈”的走访日记里")
    why = [r["why"] for r in explain_page(T_BARE, "p") if r["step"] == "jump"]
    assert any("a clear content margin over the host" in w for w in why)


T_LEAD = """每一颗爱心都不应被辜负

当我们讨论“老人捐款该不该收”、倡导“力所能及的慈善”时，也意味着整个社会对慈善的理解更加理性

最近，面对新冠肺炎疫情，老人捐款该不该收的话题引发一些讨论。其实，大家关心的是如何让爱心用到实处。
"""


def test_a_line_without_final_punctuation_before_a_sentence_opener_is_a_paragraph_of_its_own() -> None:
    (art,) = parse_page(T_LEAD, "p")
    assert [b.text[:4] for b in art.body] == ["当我们讨", "最近，面"]
    assert any("it opens a sentence" in w for r in explain_page(T_LEAD, "p") if r["step"] == "unit"
               for w in r.get("why", []))
    # the opener broken across the lines (近|年来，), bound to the line (…的|同时，), or a date after 时间: one paragraph
    for left, right in (("对慈善的理解更加理性近", "年来，"), ("对慈善的理解更加理性的", "同时，"), ("当地时间", "10月18日，")):
        page = T_LEAD.replace("对慈善的理解更加理性\n\n最近，", left + "\n\n" + right)
        assert len(parse_page(page, "p")[0].body) == 1, left


T_GAPS = """宁夏文化旅游推介会在马来西亚举行

新华社吉隆坡10月29日电（记者郁玮、王大玮）“美丽中国·神奇宁夏”文化旅游推介会29日在马来西亚首都吉隆坡举行。

此次推介会由宁夏回族自治区文化和旅游厅主办，主题是“神奇宁夏全域旅游”。

宁夏回族自治区文化和旅游厅副厅长万学道表示，近年来宁夏针对马来西亚市场推出了多条旅游线路。

推介会上，工作人员通过视频和图片等方式向来宾介绍了沙坡头、沙湖、西夏陵等景区。


第一书记帮卖菜

广西崇左市江州区江州镇江州社区，以及板备、板麦、卜驮3个村，交通不便，蔬菜滞销。

了解情况后，4个村（社区）的“第一书记”决定帮村民把菜卖出去。

“两天的时间，就卖了1000多公斤，估计一个多星期全部蔬菜就可以销售完。”黄坚壮说。
"""


def test_more_blank_lines_than_the_page_puts_between_paragraphs_start_an_article() -> None:
    arts = parse_page(T_GAPS, "p")
    assert [a.title for a in arts] == ["宁夏文化旅游推介会在马来西亚举行", "第一书记帮卖菜"]
    assert len(arts[1].body) == 3
    assert any("than the page puts between its paragraphs (1)" in w for r in explain_page(T_GAPS, "p")
               if r["step"] == "unit" for w in r.get("why", []))
    # with the page's usual gap it is a section heading of the same article
    (one,) = parse_page(T_GAPS.replace("\n\n\n第一书记", "\n\n第一书记"), "p")
    assert [b.kind for b in one.body].count("heading") == 1


def test_a_place_or_an_organisation_over_the_title_is_a_kicker_not_a_column() -> None:
    body = "\n\n凌晨5点30分，湖南邵东市天茂小区的防疫人员正在给小区电梯和走廊打消毒液。\n\n春节前，邵东市就成立了疫情防控指挥部。\n"
    for line in ("湖南邵东", "青岛城阳区", "农业农村部"):
        (art,) = parse_page(line + "\n\n全面摸底排查 掌握人员信息" + body, "p")
        assert (art.kicker, art.column, art.title) == (line, None, "全面摸底排查 掌握人员信息"), line
    for label in ("人民论坛", "浙江观察"):  # labels, even one that opens with a province
        (art,) = parse_page(label + "\n\n全面摸底排查 掌握人员信息" + body, "p")
        assert (art.kicker, art.column) == (None, label), label


T_XINHUA = """冰刀升级新技术

周 丽

还有两年时间，北京冬奥会就要开了。提起这事儿，王宏志既兴奋又自豪。

万金刚：

忠诚卫士 献身使命

据新华社电  （记者刘新、王国银）天山脚下的武警新疆总队乌鲁木齐支队某中队，至今保留着万金刚的床铺。

万金刚，1978年8月出生，新疆博乐人，1995年12月入伍。
"""


def test_a_xinhua_dateline_without_a_date_and_a_name_kicker_with_a_colon() -> None:
    first, second = parse_page(T_XINHUA, "p")
    assert first.authors == ["周丽"]  # the name with a colon is no closing credit
    assert (second.kicker, second.title) == ("万金刚：", "忠诚卫士 献身使命")
    assert second.authors == ["刘新", "王国银"]  # 据新华社电（记者…） is a dateline
    assert second.dateline is not None and second.dateline.startswith("据新华社电")
