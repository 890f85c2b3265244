"""Error kinds found on the third fresh news set (dev3) and on unlabelled regional items, each
tested on real sentences of its kind: names running into a verb or a particle, bodies running
into a verb phrase, estates and village facilities, parks, military districts, companies with a
bracketed region, villages, roads, regions and nicknames, school short names, bare bodies,
hospital departments; and the boundary repairs on their own."""

from __future__ import annotations

from reader.text.entities import Recognizer, _lexicon, default_recognizer
from reader.text.ner.boundaries import tidy
from reader.text.ner.candidate import Candidate
from reader.text.ner.document import _grown
from reader.text.ner.rules import rule_candidates
from reader.text.ner.streets import find_roads

RULES = Recognizer(model=False)


def found(text: str, rec: Recognizer | None = None) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in (rec or default_recognizer()).recognize(text)
            if e.type in ("PER", "LOC", "ORG")}


# --- PER: a name ends before a verb or a particle ---------------------------------------------


def test_a_name_ends_before_a_verb_word_it_cuts() -> None:
    got = found("岳阳更是从全市选拔多名优秀村党支部书记，解决事业单位编制，刘胜成为第一批受益者。")
    assert ("刘胜", "PER") in got and ("刘胜成", "PER") not in got


def test_a_name_ends_before_an_adverb_or_a_preposition() -> None:
    got = found("湖南兴华建设工程有限公司经营部经理谭娟直呼没想到。")
    assert ("谭娟", "PER") in got and ("谭娟直呼", "PER") not in got
    got = found("为了不影响运输，3月，曹华向经开区管委会反映情况。")
    assert ("曹华", "PER") in got and ("曹华向", "PER") not in got


def test_a_name_ends_before_a_verb_that_takes_a_complement() -> None:
    got = found("驰援湖北黄冈的湖南医疗队株洲救援队队长刘毅脱下穿了8个小时的防护服。")
    assert ("刘毅", "PER") in got and ("刘毅脱", "PER") not in got


def test_a_given_character_before_punctuation_or_a_preposition_stays() -> None:
    assert ("杨叶凡", "PER") in found("（贺冬松 杨叶凡）")
    assert ("刘首初", "PER") in found("至今，刘首初依然躺在床上，生活不能自理。")


def test_a_title_ending_in_zhishu_precedes_a_name() -> None:
    assert ("刘胜", "PER") in found("80后村支书刘胜，赶上了这么一个事。")


def test_a_name_does_not_grow_over_a_particle() -> None:
    text = "这是刘佩的心愿。\n记者见到刘佩的时候，她正在地里忙。"
    assert _grown(text, "刘佩", _lexicon()) == ""
    assert _grown("陈水兵说。\n陈水兵回家了。", "陈水", _lexicon()) == "陈水兵"


# --- ORG ----------------------------------------------------------------------------------------


def test_a_body_does_not_run_into_a_verb_phrase() -> None:
    for rec in (RULES, default_recognizer()):
        got = found("按照湖南省委统一安排，每位省领导此次走访一个贫困县10户以上贫困家庭。", rec)
        assert ("湖南省委", "ORG") in got
        assert ("湖南省委统一安排", "ORG") not in got


def test_village_facilities_and_the_two_committees_are_no_bodies() -> None:
    got = found("村卫生室的医生每天上门，村两委干部也来了。")
    assert not any(t == "ORG" for _, t in got)


def test_a_military_district_is_a_body() -> None:
    got = found("湖南省委、省人大常委会、省政府、省政协、省军区等20位省领导，不打招呼、不要陪同接待。")
    assert ("省军区", "ORG") in got


def test_a_company_with_its_region_in_brackets_and_its_short_name() -> None:
    text = ("决定加大对中国的投资时，索恩格汽车部件（中国）有限公司总裁孙国忠选择继续留在湖南长沙经开区。\n"
            "2016年底，索恩格与当地达成协议。")
    ents = default_recognizer().recognize(text)
    got = {(e.text, e.type) for e in ents}
    assert ("索恩格汽车部件（中国）有限公司", "ORG") in got
    short = [e for e in ents if e.text == "索恩格"]
    assert short and all(e.type == "ORG" for e in short)
    assert short[0].canonical == "索恩格汽车部件（中国）有限公司"


def test_school_and_hospital_short_names() -> None:
    got = found("她考上了长郡，弟弟在雅礼读书，爸爸在湘雅当医生。")
    assert {("长郡", "ORG"), ("雅礼", "ORG"), ("湘雅", "ORG")} <= got
    assert ("湘雅路", "LOC") in found("沿着湘雅路走到周南中学。")


def test_a_body_named_by_its_function_alone() -> None:
    got = found("湘潭市委常委、纪委书记、监委主任胡卫兵说，派驻机构要敢于监督。")
    assert {("纪委", "ORG"), ("监委", "ORG"), ("胡卫兵", "PER")} <= got
    assert ("湖南省长沙县长龙街道社会事务办", "ORG") in found(
        "他拿着500元救助金，向湖南省长沙县长龙街道社会事务办工作人员表达谢意。")


def test_a_session_number_and_a_trade_word_stay_in_the_name() -> None:
    assert ("湖南省十三届人大常委会", "ORG") in found(
        "2019年3月，湖南省十三届人大常委会第十次会议一项重要议程就是修改绿心保护条例。")
    assert ("山河智能装备", "ORG") in found("前三季度，山河智能装备实现进出口额1.2亿元。")


def test_a_hospital_keeps_its_department_and_a_head_office_is_its_country() -> None:
    got = found("湖南医疗队队员、湖南省直中医院感染科副主任医师吴志红正在准备接诊下一批病人。")
    assert ("湖南省直中医院感染科", "ORG") in got
    got = found("谈判时，德国总部曾疑虑：当地能完成吗？")
    assert ("德国", "LOC") in got and not any(t == "ORG" for _, t in got)


def test_a_bare_temporary_branch_is_no_body() -> None:
    got = found("作为湖南株洲队护理组组长、临时党支部的宣传委员，她带头剪掉了长发。")
    assert ("临时党支部", "ORG") not in got


# --- LOC ----------------------------------------------------------------------------------------


def test_an_estate_is_no_place() -> None:
    got = found("长沙市芙蓉区的东方新城小区居民自发组织巡逻。")
    assert ("长沙市芙蓉区", "LOC") in got
    assert not any(text.endswith("小区") for text, _ in got)


def test_an_industrial_park_keeps_its_district_character() -> None:
    assert ("衡阳白沙洲工业园区", "LOC") in found("衡阳白沙洲工业园区已入驻企业120家。")


def test_a_village_after_its_county_and_alone_later() -> None:
    text = "湖南道县老村\n老村位于湖南省永州市道县，始建于明朝。"
    ents = default_recognizer().recognize(text)
    got = [(e.text, e.type) for e in ents]
    assert ("湖南道县老村", "LOC") in got
    assert got.count(("老村", "LOC")) == 1


def test_a_community_named_alone_before_its_party_body() -> None:
    text = "娄星区花山街道下灌社区环境更美。\n“以前是这样。”下灌社区党委书记李乾旺说。"
    got = found(text)
    assert ("下灌社区党委", "ORG") in got and ("下灌社区", "LOC") not in got


def test_roads_and_streets() -> None:
    got = found("今年初，公司附近修地铁，希望加速园区南面大元路建设进度，6月大元路便通车。")
    assert ("大元路", "LOC") in got
    got = found("车辆驶入韶山南路与劳动东路交会处，再沿五一大道前行。")
    assert {("韶山南路", "LOC"), ("劳动东路", "LOC"), ("五一大道", "LOC")} <= got
    assert not any(t == "ORG" for _, t in got)


def test_no_road_in_ordinary_words() -> None:
    lexicon = _lexicon()
    for line in ("修路花了三年，这条路很宽。", "村里修通了产业路、旅游路。", "共建一带一路，一路走来。",
                 "他上街买菜，走上了致富路。"):
        tokens, _ = rule_candidates(line, lexicon)
        assert find_roads(line, tokens) == [], line


def test_regions_and_city_nicknames() -> None:
    got = found("融入大湾区，对接长三角、京津冀。")
    assert {("大湾区", "LOC"), ("长三角", "LOC"), ("京津冀", "LOC")} <= got
    got = found("在雁城衡阳，在星城长沙，在冰城哈尔滨。")
    assert {("雁城", "LOC"), ("星城", "LOC"), ("冰城", "LOC")} <= got


# --- the repairs on their own ------------------------------------------------------------------


def test_tidy_on_candidates() -> None:
    lexicon = _lexicon()
    line = "这是刘佩的心愿，王勇说。"
    tokens, _ = rule_candidates(line, lexicon)
    cands = [Candidate(2, 5, "PER", "model", 60), Candidate(8, 11, "PER", "model", 60)]
    assert [(c.start, c.end) for c in tidy(line, tokens, cands, lexicon)] == [(2, 4), (8, 10)]
    line = "𠮷岳阳军分区的领导"
    tokens, _ = rule_candidates(line, lexicon)
    out = tidy(line, tokens, [Candidate(1, 6, "LOC", "model", 60)], lexicon)
    assert [(c.start, c.end, c.type, c.source) for c in out] == [(1, 6, "ORG", "model")]


def test_two_bodies_joined_by_a_verb_are_two() -> None:
    got = found("安徽省市场监管局、林业局联合合肥海关查处一批案件。")
    assert {("林业局", "ORG"), ("合肥海关", "ORG")} <= got
    assert not any("联合" in text for text, _ in got)


def test_a_hospital_name_never_starts_with_punctuation() -> None:
    for rec in (RULES, default_recognizer()):
        got = found("虽然天气阴冷潮湿，但方舱医院里并不冷。", rec)
        assert not any(text[0] in "，、" for text, _ in got)
    got = found("先后参与火神山、雷神山医院建设的他，2月4日又来了。")
    assert ("雷神山医院", "ORG") in got
    assert not any(text[0] in "，、" for text, _ in got)


def test_kinds_of_institution_departments_and_motion_verbs_are_no_names() -> None:
    assert not any(t == "ORG" for _, t in found("虽然天气阴冷潮湿，但方舱医院里并不冷。"))
    got = found("湖北省妇幼医院麻醉科主任徐军美介绍。")
    assert ("麻醉科", "PER") not in got and ("徐军美", "PER") in got
    got = found("给从武汉来京人员打电话，了解核实情况。")
    assert ("来京", "LOC") not in got


def test_a_verb_between_bodies_splits_them_but_a_field_verb_does_not() -> None:
    got = found("国家卫健委调派北京医院、中日友好医院的专家驰援武汉。")
    assert {("国家卫健委", "ORG"), ("北京医院", "ORG")} <= got
    assert ("省委巡视工作领导小组", "ORG") in found("回望过去一年,省委巡视工作领导小组深入学习贯彻。")
    assert ("中化集团", "ORG") in found("中化集团旗下扬农集团连夜复工。")


def test_counted_places_make_no_institution_and_a_province_stays_a_place() -> None:
    got = found("湖南省株洲、衡阳两地三级医院派出医生。")
    assert ("衡阳", "LOC") in got and not any(t == "ORG" for _, t in got)


def test_more_trade_words_an_address_form_and_a_numbered_hospital() -> None:
    assert ("华联瓷业", "ORG") in found("醴陵市孙家湾镇的陶瓷企业华联瓷业正加紧生产。", RULES)
    got = found("常德市鼎城区灌溪镇岗市村村民王大爷说。")
    assert not any(t == "PER" for _, t in got)
    got = found("湖南省第二人民医院、湖南省肿瘤医院专家赴现场会诊。")
    assert {("湖南省第二人民医院", "ORG"), ("湖南省肿瘤医院", "ORG")} <= got


def test_a_factory_is_no_name_but_its_village_is() -> None:
    got = found("他引导创办晏家村生态红薯粉厂，与100个贫困户签订了收购合同。")
    assert ("晏家村", "LOC") in got and not any(t == "ORG" for _, t in got)
    assert not any(t == "ORG" for _, t in found("张水锋忧心镇污水处理厂的施工进度。"))


def test_a_conjunction_is_no_part_of_a_province_and_a_bare_commission_needs_a_title() -> None:
    got = found("全国青少年体育冬令营（山西站）暨山西省第三届青少年冰雪运动会开幕。")
    assert ("山西省", "LOC") in got and ("暨山西省", "LOC") not in got
    assert not any(t == "ORG" for _, t in found("持执纪监督利剑的纪委监委发力在关键处。"))


def test_a_lake_keeps_its_compass_head() -> None:
    assert ("下塞湖", "LOC") in found("私营业主夏顺安在下塞湖非法围垦湖洲、河道。")
    assert ("下塞湖", "LOC") in found("当地政府多次关于整治下塞湖矮围的部署置若罔闻。")


def test_conglomerates_central_abbreviations_and_hotels() -> None:
    got = found("天能集团董事长张天任代表说，在政府部门支持下，集团帮助上下游企业。")
    assert {("天能集团", "ORG"), ("张天任", "PER")} <= got
    got = found("前不久，中办、国办印发了《关于构建现代环境治理体系的指导意见》。")
    assert {("中办", "ORG"), ("国办", "ORG")} <= got
    assert ("上海静安昆仑大酒店", "ORG") in found("上海静安昆仑大酒店驻店经理朱如琛说。")
    assert not any(t == "ORG" for _, t in found("现在出门住宾馆，我都要自带牙具。"))


def test_a_street_office_takes_no_water_tail_and_a_city_centre_is_no_body() -> None:
    got = found("今年，重庆渝北区龙山街道溪岸上品小区居民感受到了一些变化。")
    assert ("重庆渝北区龙山街道", "LOC") in got
    got = found("丰泉古井社区是长沙城中心为数不多的特色老街区。")
    assert ("长沙", "LOC") in got and not any(t == "ORG" for _, t in got)


def test_a_group_named_by_any_word_but_a_kind_of_group() -> None:
    got = found("“从27个省份的情况看。”传化集团董事长徐冠巨代表介绍。", RULES)
    assert ("传化集团", "ORG") in got
    assert not any(t == "ORG" for _, t in found("该企业集团负责人说，订单增加了。", RULES))


def test_hospitals_numbered_named_and_with_departments() -> None:
    assert not any(t == "ORG" for _, t in found("后来，她干脆将女儿送回了湖南老家，自己则住进医院。"))
    assert ("火神山医院", "ORG") in found("火神山医院工地如果是一片沸腾的海，他就是一朵浪花。")
    got = found("武汉疫情严重，武汉第六医院重症医学科十四张病床全部住满危重病人。")
    assert ("武汉第六医院重症医学科", "ORG") in got
    assert ("武汉市第六医院呼吸与危重症医学科", "ORG") in found(
        "婆婆和丈夫被送到武汉市第六医院呼吸与危重症医学科病区救治。")


def test_a_museum_with_its_director_is_a_body_and_regional_names() -> None:
    assert ("中国美术馆", "ORG") in found("全国政协常委、中国美术馆馆长吴为山说，乡村文化人才缺乏。")
    assert ("赣南", "LOC") in found("今年4月全市所有贫困县脱贫摘帽，赣南革命老区实现区域性整体脱贫。")


def test_a_kind_of_opera_is_no_name() -> None:
    got = found("在湖北武汉市江夏区五里界街群益村，演员们唱起了黄梅戏、花鼓戏。")
    assert not any(t == "PER" for _, t in got)


def test_a_name_is_not_cut_before_a_mis_segmented_speech_verb() -> None:
    assert ("黄育文", "PER") in found("。”沅江市委书记黄育文说。")
