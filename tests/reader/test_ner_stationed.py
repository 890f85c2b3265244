"""Merge policy 3: a stationed team is one ORG with its sender (reader/text/ner/merge.py)."""

from __future__ import annotations

from reader.text.entities import Recognizer
from reader.text.ner.candidate import Candidate
from reader.text.ner.merge import join_stationed


def _c(start: int, end: int, etype: str) -> Candidate:
    return Candidate(start, end, etype, "rule:org-suffix", 60)


def test_sender_and_team_become_one_org() -> None:
    line = "湖南省长沙市天心区驻湘西自治州龙山县洛塔乡工作队队长说"
    got = join_stationed(line, [_c(0, 9, "LOC"), _c(10, 24, "ORG")])
    assert [(c.start, c.end, c.type) for c in got] == [(0, 24, "ORG")]


def test_place_before_a_team_that_holds_zhu() -> None:
    line = "戈奎乡俄普村委会驻村工作队"
    got = join_stationed(line, [_c(0, 3, "LOC"), _c(3, 13, "ORG")])
    assert [(c.start, c.end, c.type) for c in got] == [(0, 13, "ORG")]


def test_nothing_joined_without_zhu_or_a_gap() -> None:
    line = "长沙市和驻村工作队"
    cands = [_c(0, 3, "LOC"), _c(5, 9, "ORG")]
    assert join_stationed(line, cands) == cands
    line = "长沙市三一重工"
    cands = [_c(0, 3, "LOC"), _c(3, 7, "ORG")]
    assert join_stationed(line, cands) == cands
    line = "张三驻村工作队"  # a person is no sender
    cands = [_c(0, 2, "PER"), _c(3, 7, "ORG")]
    assert join_stationed(line, cands) == cands


def test_the_recogniser_applies_it() -> None:
    text = "安徽省宣城市泾县汀溪乡大南坑村驻村扶贫工作队来到这里。"
    orgs = [e.text for e in Recognizer().recognize(text) if e.type == "ORG"]
    assert orgs == ["安徽省宣城市泾县汀溪乡大南坑村驻村扶贫工作队"]


def test_a_place_keeps_its_settlement_or_water_word() -> None:
    from reader.text.ner.merge import extend_places
    from reader.text.ner.segment import Token

    line = "窑湾社区遭遇洪灾"
    tokens = [Token(0, 2, "窑湾", "ns"), Token(2, 4, "社区", "n"), Token(4, 6, "遭遇", "v"),
              Token(6, 8, "洪灾", "n")]
    got = extend_places(line, tokens, [_c(0, 2, "LOC")])
    assert [(c.start, c.end) for c in got] == [(0, 4)]
    line = "长沙县镇村干部"  # a division with its suffix stays as it is
    tokens = [Token(0, 3, "长沙县", "ns"), Token(3, 4, "镇", "n"), Token(4, 5, "村", "n"),
              Token(5, 7, "干部", "n")]
    assert extend_places(line, tokens, [_c(0, 3, "LOC")]) == [_c(0, 3, "LOC")]
