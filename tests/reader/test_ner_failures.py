"""The failure classes of issue 12, each built for its kind, on the rule layers and the whole
recogniser; plus document consistency, the merge policy, pickling and the shipped model."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reader.text.entities import (
    Recognizer,
    default_recognizer,
    recognize_in_worker,
    recognize_parallel,
)
from reader.text.ner import merge as merge_module
from reader.text.ner.candidate import Candidate
from reader.text.ner.document import alias_pairs
from reader.text.ner.model import MODEL_PATH, _pieces

RULES = Recognizer(model=False)


def found(text: str, rec: Recognizer | None = None) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in (rec or default_recognizer()).recognize(text)
            if e.type in ("PER", "LOC", "ORG")}


# --- PER -------------------------------------------------------------------------------------


def test_names_in_a_list_next_to_a_known_name() -> None:
    text = "参加座谈的有张建国、李红梅、王卫东等村民代表。"
    assert {("张建国", "PER"), ("李红梅", "PER"), ("王卫东", "PER")} <= found(text, RULES)
    assert ("李红梅", "rule:list") in {(e.text, e.source) for e in RULES.recognize(text)}


def test_list_items_that_are_words_are_not_names() -> None:
    assert ("王府井", "PER") not in found("出席的有刘建军、王府井、李明等。", RULES)


@pytest.mark.parametrize("text", ["记者:谢奔、帅才", "记者：谢奔、帅才 通讯员 李明", "（记者 谢奔、帅才）"])
def test_credit_forms_with_list_marks(text: str) -> None:
    assert {("谢奔", "PER"), ("帅才", "PER")} <= found(text, RULES)


def test_byline_with_no_break_space() -> None:
    assert ("徐\xa0靖", "PER") in found("本报记者\xa0徐\xa0靖整理", RULES) or \
        ("徐\xa0靖", "PER") in found("徐\xa0靖\xa0李\xa0明", RULES)


def test_later_bare_mentions_of_a_titled_name() -> None:
    text = "治河渡镇党委书记张水锋带队巡河。\n张水锋说，巡河要下到水边。张水锋捡起一颗石子。"
    ents = RULES.recognize(text)
    pers = [(e.start, e.text, e.source) for e in ents if e.type == "PER"]
    assert [p[1] for p in pers] == ["张水锋"] * 3
    assert {p[2] for p in pers[1:]} <= {"rule:consistency", "rule:surname", "jieba", "model"}


def test_consistency_never_tags_a_name_inside_a_word() -> None:
    text = "村党支部书记方文说，当地方文化丰富。方文介绍"
    pers = [(e.start, e.text) for e in RULES.recognize(text) if e.type == "PER"]
    assert pers == [(6, "方文"), (18, "方文")]


def test_a_name_found_elsewhere_beats_a_place_read_across_a_title() -> None:
    assert ("江小忠", "PER") in found("省委组织部部长江小忠出席会议。", RULES)
    assert ("长江", "LOC") not in found("省委组织部部长江小忠出席会议。", RULES)


# --- ORG -------------------------------------------------------------------------------------


def test_sub_units_stay_with_their_body() -> None:
    assert ("省体育局竞技体育处", "ORG") in found("省体育局竞技体育处处长刘明说。", RULES)
    assert ("市委宣传部", "ORG") in found("市委宣传部、市文明办联合开展活动。")


@pytest.mark.parametrize("name", ["华声在线", "新湖南", "红网", "湖南日报", "潇湘晨报"])
def test_media_outlets(name: str) -> None:
    assert (name, "ORG") in found(f"{name}记者从现场获悉，活动吸引了众多市民。", RULES)


@pytest.mark.parametrize(("text", "name"), [
    ("长郡中学和湘雅医院的志愿者来到社区。", "长郡中学"),
    ("湘雅二医院专家义诊。", "湘雅二医院"),
    ("雅礼中学学生参观。", "雅礼中学"),
    ("湖南师大附中举行开学典礼。", "湖南师大附中"),
])
def test_bare_school_and_hospital_names(text: str, name: str) -> None:
    assert (name, "ORG") in found(text, RULES)


@pytest.mark.parametrize("text", ["农村小学和县级医院", "他到那所学校", "这所中学"])
def test_generic_schools_are_not_names(text: str) -> None:
    assert not {t for t, ty in found(text, RULES) if ty == "ORG"}


def test_companies_without_a_legal_suffix() -> None:
    assert ("中交", "ORG") in found("中交承建的大桥合龙。", RULES)
    assert ("中车株洲所", "ORG") in found("中车株洲所研制的新型列车下线。")


# --- LOC -------------------------------------------------------------------------------------


def test_townships_without_their_suffix() -> None:
    got = found("游客来到小沙江观赏杜鹃花，麻塘山的云海吸引了很多人。", RULES)
    assert {("小沙江", "LOC"), ("麻塘山", "LOC")} <= got
    assert ("杜鹃花", "PER") not in got


def test_short_forms_of_prefectures_and_ranges() -> None:
    assert {("湘西州", "LOC"), ("武陵山脉", "LOC")} <= found("湘西州位于武陵山脉腹地。", RULES)


def test_a_place_inside_a_dictionary_word() -> None:
    assert ("长沙", "LOC") in found("湖南投资集团在长沙召开会议。", RULES)
    got = found("记者从湖南投资获悉。", RULES)
    assert ("湖南", "LOC") in got


# --- document consistency: short forms linked to the full name ------------------------------


def test_short_form_of_an_organisation_is_linked() -> None:
    text = "娄星区纪委监委近日通报。区纪委监委要求全区干部引以为戒。"
    ents = default_recognizer().recognize(text)
    short = [e for e in ents if e.text == "区纪委监委"]
    assert short and short[0].canonical == "娄星区纪委监委"
    assert ("区纪委监委", "娄星区纪委监委", "ORG") in alias_pairs(ents)


def test_company_short_form_is_tagged_and_linked() -> None:
    text = "他的湖南邵阳元泰实业公司出口发制品。元泰是个缩影。"
    ents = RULES.recognize(text)
    assert ("元泰", "湖南邵阳元泰实业公司", "ORG") in alias_pairs(ents)


def test_prefecture_short_form_is_linked() -> None:
    ents = RULES.recognize("湖南湘西土家族苗族自治州先后建成8家慈爱园。湘西州目前有法定孤儿1387人。")
    assert ("湘西州", "湘西土家族苗族自治州", "LOC") in alias_pairs(ents) or \
        ("湘西州", "湖南湘西土家族苗族自治州", "LOC") in alias_pairs(ents)


def test_user_rejection_also_stops_the_document_pass() -> None:
    rec = Recognizer(rejected=[("张水锋", "PER")], model=False)
    text = "镇党委书记张水锋带队。张水锋说。"
    assert not [e for e in rec.recognize(text) if e.text == "张水锋"]


# --- merge policy and model spans -------------------------------------------------------------


def test_merge_rule_chain_beats_a_split_model() -> None:
    rules = [Candidate(0, 6, "LOC", "gazetteer", 50)]
    model = [(0, 3, "LOC", 0.99), (3, 6, "LOC", 0.99)]
    assert [(c.start, c.end, c.source) for c in merge_module.merge(rules, model)] == [(0, 6, "gazetteer")]


def test_merge_longer_model_span_beats_inner_rule_spans_and_keeps_dates() -> None:
    rules = [Candidate(0, 2, "ORG", "gazetteer", 60), Candidate(2, 4, "LOC", "gazetteer", 50),
             Candidate(8, 12, "DATE", "pattern:date", 85)]
    model = [(0, 5, "ORG", 0.8)]
    got = [(c.start, c.end, c.type, c.source) for c in merge_module.merge(rules, model)]
    assert got == [(0, 5, "ORG", "model"), (8, 12, "DATE", "pattern:date")]


def test_merge_structural_rule_beats_an_unsure_model_only() -> None:
    rules = [Candidate(3, 6, "PER", "rule:credit", 90)]
    assert merge_module.merge(rules, [(2, 6, "PER", 0.5)])[0].source == "rule:credit"
    assert merge_module.merge(rules, [(2, 6, "PER", 0.99)])[0].source == "model"


def test_model_spans_are_cut_at_spaces_and_punctuation() -> None:
    line = "曾玉玺 贺娜）中国（山东）自由贸易试验区"
    assert [line[a:b] for a, b in _pieces(line, 0, 6, "PER")] == ["曾玉玺", "贺娜"]
    assert [line[a:b] for a, b in _pieces(line, 7, len(line), "ORG")] == ["中国（山东）自由贸易试验区"]


# --- worker processes and the shipped model --------------------------------------------------


def test_recognizer_pickles_as_its_configuration() -> None:
    rec = Recognizer(user_entries=[("花瑶", "ORG")], rejected=[("湖南", None)], model=False)
    copy = pickle.loads(pickle.dumps(rec))
    text = "花瑶群众在湖南隆回。"
    assert copy.recognize(text) == rec.recognize(text)


def test_recognition_in_a_worker_process() -> None:
    text = "娄底市娄星区纪委监委第五巡察组组长李彦文说。"
    with ProcessPoolExecutor(max_workers=1) as pool:
        (remote,) = list(pool.map(recognize_in_worker, [text]))
    assert remote == default_recognizer().recognize(text)


def test_parallel_recognition_keeps_order_and_results() -> None:
    texts = ["娄底市娄星区纪委监委第五巡察组组长李彦文说。", "", "邮储银行湖南省分行", "记者 谢奔 帅才"] * 5
    rec = Recognizer(rejected=[("邮储银行湖南省分行", "ORG")])
    assert list(recognize_parallel(texts, rec, jobs=2, batch=7)) == [rec.recognize(t) for t in texts]


def test_the_model_ships_as_package_data() -> None:
    assert MODEL_PATH.is_file(), "the trained model must ship with the package"
    assert MODEL_PATH.stat().st_size <= 15_000_000
    root = Path(__file__).resolve().parents[2]
    assert '"*.crfsuite.gz"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert default_recognizer().model is not None
    sources = {e.source for e in default_recognizer().recognize("中车株洲所研制的新型列车下线。")}
    assert "model" in sources or sources & {"gazetteer", "rule:org-suffix"}


def test_ner_jsonl_in_parallel_matches_one_process() -> None:
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    texts = ["娄星区纪委监委近日通报。区纪委监委要求。", "记者:谢奔、帅才", "长郡中学", "𠮷湘西州"] * 60
    data = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))

    def run(*extra: str) -> list[dict]:
        proc = subprocess.run([sys.executable, "-m", "reader", "ner", "--jsonl", *extra], input=data,
                              capture_output=True, text=True, cwd=root, check=True)
        return [json.loads(line) for line in proc.stdout.splitlines()]

    one, two = run(), run("--jobs", "2")
    assert one == two and [o["id"] for o in one] == list(range(len(texts)))
    assert one[0]["entities"][1]["canonical"] == "娄星区纪委监委"
