"""Error classes found on fresh regional news (the dev2 gold), each tested on sentences written
for its kind: boundaries of bodies and places, familiar names, credits, given names used alone,
company short names, villages and landmarks; and the merge repairs on their own."""

from __future__ import annotations

from reader.text.entities import Recognizer, default_recognizer
from reader.text.ner.candidate import Candidate
from reader.text.ner.merge import keep_village_heads, repair
from reader.text.ner.segment import Token

RULES = Recognizer(model=False)


def found(text: str, rec: Recognizer | None = None) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in (rec or default_recognizer()).recognize(text)
            if e.type in ("PER", "LOC", "ORG")}


# --- ORG boundaries --------------------------------------------------------------------------


def test_a_former_mark_ends_the_body() -> None:
    for rec in (RULES, default_recognizer()):
        got = found("此前，资兴市林业局原党组书记、局长刘建军接受审查。", rec)
        assert ("资兴市林业局", "ORG") in got
        assert not any("原" in text for text, _ in got)


def test_a_committee_department_stays_with_the_committee() -> None:
    got = found("担任县委统战部副部长的王立新介绍。", RULES)
    assert ("县委统战部", "ORG") in got
    assert ("县委", "ORG") not in got


def test_plural_level_words_make_no_body() -> None:
    got = found("常德、益阳两地市县党委有关部门被问责。")
    assert ("益阳", "LOC") in got
    assert not any(text.endswith("党委") for text, _ in got)


def test_an_ordinary_word_ending_in_a_head_is_no_body() -> None:
    assert ("德国", "LOC") in found("工人正在组装德国动车组项目的车辆。", RULES)


def test_a_stationed_village_team_without_a_sender_is_no_body() -> None:
    assert not any(t == "ORG" for _, t in found("驻村扶贫工作队和村干部一起上门。"))


def test_company_short_names_from_a_brand_and_a_trade_word() -> None:
    assert ("湘江纸业", "ORG") in found("湘江纸业搬迁以后，厂区改成了公园。", RULES)
    assert ("华菱钢铁", "ORG") in found("华菱钢铁发布了年报。", RULES)
    assert ("湖南", "LOC") in found("湖南茶业发展很快。", RULES)  # a province's trade, no company
    assert not any(t == "ORG" for _, t in found("湖南茶业发展很快。", RULES))


def test_a_company_name_stops_at_a_verb_of_having() -> None:
    got = found("2018年，醴陵市有保险公司进村推销。", RULES)
    assert ("醴陵市", "LOC") in got
    assert not any(text.startswith("醴陵市有") for text, _ in got)


# --- LOC boundaries --------------------------------------------------------------------------


def test_a_village_keeps_a_size_character_cut_off_before_it() -> None:
    assert ("大南坑村", "LOC") in found("工作队来到大南坑村调研。")
    got = found("湖南省长沙市天心区大南坑村驻村扶贫工作队队长说。")
    assert ("湖南省长沙市天心区大南坑村驻村扶贫工作队", "ORG") in got


def test_a_landmark_after_a_township_written_without_its_suffix() -> None:
    assert ("梅溪湖国际新城", "LOC") in found("梅溪湖国际新城二期建设提速。")


def test_park_and_town_landmarks() -> None:
    assert ("浏阳循环经济产业园", "LOC") in found("在浏阳循环经济产业园，园区统一回收污染物。", RULES)


def test_urban_area_anonymous_unit_and_village_office() -> None:
    assert ("东港", "LOC") in found("东港市区的市政工程项目被他们垄断。")
    got = found("他说，望城街道某社区的网格员每天上门。")
    assert ("望城街道", "LOC") in got
    assert not any("某" in text for text, _ in got)


# --- PER -------------------------------------------------------------------------------------


def test_lao_and_a_surname_is_a_name() -> None:
    got = found("“老刘，住不得了，赶紧搬！”村支书在电话里喊。", RULES)
    assert ("老刘", "PER") in got
    assert not any(t == "PER" and text.startswith("老") for text, t in found("老师，你好。", RULES))
    assert not any(t == "PER" for _, t in found("老百姓的日子越过越好。", RULES))


def test_credit_lines_after_a_role_and_before_photo_without_a_space() -> None:
    assert ("刘\u00a0\u00a0强", "PER") in found("统筹：刘\u00a0\u00a0强", RULES)
    assert ("周\u00a0敏", "PER") in found("周\u00a0敏摄（新华社发）", RULES)


def test_a_given_name_used_alone_as_an_address() -> None:
    text = "村支书罗建初倒下了。\n“建初，你气色不太好。”村主任劝他。"
    got = {(e.text, e.type, e.source) for e in default_recognizer().recognize(text)}
    assert ("建初", "PER", "rule:consistency") in got
    # a given name that is a common word is never spread
    text = "老党员王建国说。\n建国以来，村里变化很大。"
    assert ("建国", "PER") not in found(text)


def test_a_family_is_not_a_name() -> None:
    assert not any(text.endswith("氏") for text, _ in found("宋氏兄弟涉黑组织长期盘踞当地。"))


# --- the merge repairs on their own -----------------------------------------------------------


def test_repairs_of_merged_candidates() -> None:
    line = "中国政府和益阳市公安局原党委委员"
    cands = [Candidate(0, 4, "ORG", "model", 60), Candidate(5, 14, "ORG", "model", 60)]
    assert [(line[c.start:c.end], c.type) for c in repair(line, cands)] == [
        ("中国", "LOC"), ("益阳市公安局", "ORG")]
    line = "进乌石镇乌石峰村村部"
    cands = [Candidate(1, 4, "LOC", "model", 60), Candidate(4, 10, "LOC", "model", 60)]
    assert [(line[c.start:c.end], c.type) for c in repair(line, cands)] == [("乌石镇乌石峰村", "LOC")]
    # the gazetteer's own split of an invalid chain stays split
    cands = [Candidate(1, 4, "LOC", "gazetteer", 50), Candidate(4, 8, "LOC", "gazetteer", 50)]
    assert len(repair(line, cands)) == 2


def test_village_heads_only_after_a_boundary() -> None:
    line = "扩大南坑村规模"
    tokens = [Token(0, 2, "扩大", "v"), Token(2, 5, "南坑村", "ns"), Token(5, 7, "规模", "n")]
    cands = [Candidate(2, 5, "LOC", "gazetteer", 50)]
    assert keep_village_heads(line, tokens, cands) == cands  # no lone 大 token: unchanged
    line = "来到大南坑村"
    tokens = [Token(0, 2, "来到", "v"), Token(2, 3, "大", "a"), Token(3, 6, "南坑村", "ns")]
    cands = [Candidate(3, 6, "LOC", "gazetteer", 50)]
    assert [(c.start, c.end) for c in keep_village_heads(line, tokens, cands)] == [(2, 6)]


def test_expressways_named_by_abbreviations_are_one_place() -> None:
    got = found("当天，沪昆高速邵阳段发生一起交通事故。", RULES)
    assert ("沪昆高速", "LOC") in got
    assert ("沪", "LOC") not in got


def test_anonymised_names_with_a_doubled_mark_and_verbs_ending_in_ban() -> None:
    assert ("王某某", "PER") in found("衡阳市原副市长王某某接受审查调查。", RULES)
    assert ("湖南省体育局", "ORG") in found("湖南省体育局主办的比赛开幕。", RULES)


def test_a_person_name_is_written_in_han_characters() -> None:
    # The model reads an operation's code name with a Roman numeral and a dot as a transliterated
    # name; a person's name is Han characters (joined by dots in a transliteration) only.
    text = "优化“百日行动”、“永警利剑Ⅲ·春雷”专项行动以及全市绩效考核工作。"
    assert not {t for t, kind in found(text) if kind == "PER"}
    assert ("库琴科·塔拉斯", "PER") in found("乌克兰选手库琴科·塔拉斯获得冠军。")
