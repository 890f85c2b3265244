"""Round 8 (session 8): the held-out news gold ``ner_news_test5`` (its format, and that it shares
no article with any other gold set), lower bounds of the recogniser's accuracy on every held-out
news set as ingest runs it (a whole article at a time), the organisation-head feature of the
model, and the build script's in-domain training data (the dev sets only, never a held-out
set)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from reader.text.entities import _lexicon, default_recognizer
from reader.text.ner.corpora import Example, gold_training, read_gold
from reader.text.ner.features import head_ahead
from reader.text.ner.segment import Token

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TYPES = ("PER", "LOC", "ORG")
#: Floors of the held-out news F1 per article (session 8 measured per set 0.820-0.902, pooled
#: 0.860, pooled PER 0.911, LOC 0.890, ORG 0.761; at its start: pooled 0.856, ORG 0.754).
FLOOR_SET = 0.80
FLOOR_POOLED = 0.84
FLOOR_TYPE = {"PER": 0.88, "LOC": 0.86, "ORG": 0.72}
HELD_OUT = ("ner_news_test.jsonl", "ner_news_test2.jsonl", "ner_news_test3.jsonl",
            "ner_news_test4.jsonl", "ner_news_test5.jsonl")


def _rows(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


# --- the new gold set --------------------------------------------------------------------------


def test_test5_is_well_formed_and_rich_in_organisations() -> None:
    rows = _rows("ner_news_test5.jsonl")
    counts = dict.fromkeys(TYPES, 0)
    for row in rows:
        assert row["id"].startswith("rmrb:") and row["id"].count(":") == 2
        last = 0
        for start, end, etype in row["entities"]:
            assert etype in TYPES and last <= start < end <= len(row["text"]), row["id"]
            assert row["text"][start:end].strip() == row["text"][start:end], row["id"]
            counts[etype] += 1
            last = end
    assert sum(counts.values()) >= 250 and counts["ORG"] >= 100
    assert len({r["id"].rsplit(":", 1)[0] for r in rows}) >= 5


def test_no_article_is_in_two_gold_sets() -> None:
    owner: dict[str, str] = {}
    for path in sorted(DATA.glob("ner_news_*.jsonl")):
        for article in {r["id"].rsplit(":", 1)[0] for r in _rows(path.name)}:
            assert article not in owner, f"{article} in {owner.get(article)} and {path.name}"
            owner[article] = path.name


# --- accuracy on the held-out news, article by article -----------------------------------------


def _by_article(name: str) -> tuple[set[tuple[int, int, int, str]], set[tuple[int, int, int, str]]]:
    """Gold and recognised spans of a set, each article's paragraphs recognised as one text."""
    rows = _rows(name)
    groups: list[list[int]] = []
    for i, row in enumerate(rows):
        key = row["id"].rsplit(":", 1)[0]
        if groups and rows[groups[-1][-1]]["id"].rsplit(":", 1)[0] == key:
            groups[-1].append(i)
        else:
            groups.append([i])
    gold = {(i, s, e, t) for i, row in enumerate(rows) for s, e, t in row["entities"]}
    pred: set[tuple[int, int, int, str]] = set()
    texts = ["\n".join(rows[i]["text"] for i in group) for group in groups]
    for group, ents in zip(groups, default_recognizer().recognize_many(texts)):
        base = 0
        for i in group:
            size = len(rows[i]["text"])
            pred |= {(i, e.start - base, e.end - base, e.type) for e in ents
                     if e.type in TYPES and base <= e.start and e.end <= base + size}
            base += size + 1
    return gold, pred


def _f1(gold: set, pred: set, etype: str | None = None) -> float:  # type: ignore[type-arg]
    if etype:
        gold = {g for g in gold if g[-1] == etype}
        pred = {p for p in pred if p[-1] == etype}
    tp = len(gold & pred)
    return 2 * tp / (len(gold) + len(pred)) if gold or pred else 1.0


@pytest.fixture(scope="module")
def held_out() -> dict[str, tuple[set, set]]:  # type: ignore[type-arg]
    return {name: _by_article(name) for name in HELD_OUT}


def test_held_out_news_lower_bounds(held_out: dict[str, tuple[set, set]]) -> None:  # type: ignore[type-arg]
    """Each held-out set, and all of them pooled, stay above a floor (set a little below what
    session 8 measured: a regression of the model or the rules shows here)."""
    gold_all: set = set()  # type: ignore[type-arg]
    pred_all: set = set()  # type: ignore[type-arg]
    for k, (name, (gold, pred)) in enumerate(held_out.items()):
        assert _f1(gold, pred) >= FLOOR_SET, f"{name}: micro F1 {_f1(gold, pred):.3f}"
        gold_all |= {(k, *g) for g in gold}
        pred_all |= {(k, *p) for p in pred}
    assert _f1(gold_all, pred_all) >= FLOOR_POOLED, f"pooled micro F1 {_f1(gold_all, pred_all):.3f}"
    for etype, floor in FLOOR_TYPE.items():
        assert _f1(gold_all, pred_all, etype) >= floor, f"pooled {etype} F1 {_f1(gold_all, pred_all, etype):.3f}"


# --- error classes seen on fresh unlabelled news (never a test set) ------------------------------


def found(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in default_recognizer().recognize(text) if e.type in TYPES}


def test_an_autonomous_region_is_a_level_prefix_of_bodies() -> None:
    got = found("自治区党委、自治区政府高度重视，自治区卫健委派出专家。")
    assert {("自治区党委", "ORG"), ("自治区政府", "ORG"), ("自治区卫健委", "ORG")} <= got
    assert ("州政府", "ORG") in found("州委、州政府和县委、县政府联合发文。")
    assert not any(t == "ORG" for _, t in found("他是民族自治区的干部，自治区内各族群众很团结。"))


def test_a_railway_station_is_a_place() -> None:
    got = found("省杭州市江干区的杭州东站，是亚洲最大的交通枢纽之一。")
    assert ("杭州东站", "LOC") in got and ("杭州东站", "ORG") not in got
    assert ("郑州东站", "LOC") in found("2月10日中午的郑州东站，侯东耀带领班组检修。")


def test_a_body_keeps_its_parent_before_it_and_its_head_the_segmentation_cuts() -> None:
    assert ("国网潍坊供电公司", "ORG") in found("去年交易额69.2亿元。国网潍坊供电公司落实直接交易。")
    assert ("国家卫生健康委员会", "ORG") in found("财政部与国家卫生健康委员会联合下发疫情防控通知。")
    got = found("涟钢智能机械、云制造中心等单位组成联盟。")  # a trade after the name is no part of it
    assert ("涟钢智能机械", "ORG") not in got


# --- the organisation-head feature -------------------------------------------------------------


def test_head_ahead_counts_tokens_to_the_next_head_within_the_clause() -> None:
    lexicon = _lexicon()
    words = [("成都", "ns"), ("交通", "n"), ("投资", "vn"), ("集团", "n"), ("，", ""), ("他", "r"), ("说", "v")]
    tokens, pos = [], 0
    for text, tag in words:
        tokens.append(Token(pos, pos + len(text), text, tag))
        pos += len(text)
    attrs = head_ahead(tokens, lexicon)
    assert len(attrs) == pos
    assert attrs[0] == ("h3", "hc3=团") and attrs[4] == ("h1", "hc1=团") and attrs[6] == ("h0", "hc0=团")
    assert all(a == () for a in attrs[8:])  # punctuation ends the clause: no head after it


# --- in-domain training data -------------------------------------------------------------------


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_ner_model", ROOT / "data" / "build_ner_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_model_trains_on_the_dev_sets_only() -> None:
    module = _build_script()
    assert module.DEV_GOLD and all("dev" in name for name in module.DEV_GOLD)
    assert all((DATA / name).is_file() for name in module.DEV_GOLD)
    for held in ("ner_news_test5.jsonl", "ner_seed_gold.jsonl"):
        with pytest.raises(SystemExit):
            module._gold_paths(held)
    examples = read_gold(DATA / module.DEV_GOLD[0])
    items = gold_training([examples, [Example(" ", [])]], 3)
    assert len(items) == 3 * len(examples) and {group for _, group in items} == {""}
