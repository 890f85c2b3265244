"""Anchoring contract: exact, moved, fuzzy and orphan placements, in code points."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.coding.anchors import (
    CONTEXT,
    Anchor,
    Placement,
    find_quote,
    make_anchor,
    reanchor,
    reanchor_all,
)

TEXT = (
    "今年以来，娄底市娄星区充分发挥常态化巡察利剑作用，用严的标准、实的举措、快的节奏紧盯工作中的"
    "重点难点。今年6月，根据娄星区委主要领导要求，娄星区纪委监委创造性开展监督工作，牵头组织成立了"
    "11个巡察组，围绕区委区政府事关人民福祉的中心工作开展巡察。这11个巡察组分别巡察11个乡镇街道，"
    "实行一对一、面对面、点对点巡察。娄星区纪委监委有关负责人介绍了相关情况。"
)
QUOTE = "娄星区纪委监委创造性开展监督工作"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def anchor_on(text: str, quote: str, nth: int = 1) -> Anchor:
    return make_anchor(text, *find_quote(text, quote, nth))


def test_make_anchor_fields_and_context_length() -> None:
    a = anchor_on(TEXT, QUOTE)
    assert TEXT[a.start : a.end] == a.quote == QUOTE
    assert len(a.prefix) == len(a.suffix) == CONTEXT
    assert TEXT.endswith(a.quote + a.suffix + TEXT[a.end + CONTEXT :])
    assert TEXT[: a.start].endswith(a.prefix)


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 2), (0, len(TEXT) + 1)])
def test_make_anchor_rejects_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_anchor(TEXT, start, end)


def test_make_anchor_empty_text_is_a_bad_range() -> None:
    with pytest.raises(ValueError):
        make_anchor("", 0, 0)


def test_context_is_truncated_at_text_edges() -> None:
    a = make_anchor(TEXT, 0, 4)
    assert a.prefix == "" and a.quote == "今年以来" and len(a.suffix) == CONTEXT
    b = make_anchor(TEXT, len(TEXT) - 3, len(TEXT))
    assert b.suffix == "" and len(b.prefix) == CONTEXT
    c = make_anchor("短文", 0, 1, context=32)
    assert (c.prefix, c.quote, c.suffix) == ("", "短", "文")


def test_unchanged_text_is_exact() -> None:
    a = anchor_on(TEXT, QUOTE)
    assert reanchor(a, TEXT) == Placement("exact", a.start, a.end, 1.0)


def test_whole_text_anchor() -> None:
    a = make_anchor(TEXT, 0, len(TEXT))
    assert (a.prefix, a.suffix) == ("", "")
    assert reanchor(a, TEXT).status == "exact"
    edited = TEXT.replace("创造性", "创新性")
    p = reanchor(a, edited)
    assert p.status == "fuzzy" and (p.start, p.end) == (0, len(edited))


def test_reanchor_on_empty_text_is_orphan() -> None:
    p = reanchor(anchor_on(TEXT, QUOTE), "")
    assert p.status == "orphan" and p.start is None and p.end is None


def test_insertion_before_passage_moves_it() -> None:
    a = anchor_on(TEXT, QUOTE)
    new = "【编者按】本报记者跟踪报道。\n" + TEXT
    p = reanchor(a, new)
    shift = len("【编者按】本报记者跟踪报道。\n")
    assert (p.status, p.start, p.end) == ("moved", a.start + shift, a.end + shift)
    assert new[p.start : p.end] == QUOTE


def test_edit_inside_passage_is_fuzzy_and_covers_the_edited_passage() -> None:
    a = anchor_on(TEXT, QUOTE)
    new = TEXT.replace("创造性开展", "创造性地、有针对性地开展")
    p = reanchor(a, new)
    assert p.status == "fuzzy"
    assert new[p.start : p.end] == "娄星区纪委监委创造性地、有针对性地开展监督工作"
    assert 0.55 <= p.score < 1.0


def test_substitution_inside_passage_is_fuzzy() -> None:
    a = anchor_on(TEXT, QUOTE)
    new = TEXT.replace(QUOTE, "娄星区纪委监委创新性开展监督工作")
    p = reanchor(a, new)
    assert p.status == "fuzzy"
    assert new[p.start : p.end] == "娄星区纪委监委创新性开展监督工作"


def test_deleted_passage_becomes_orphan() -> None:
    sentence = "根据娄星区委主要领导要求，娄星区纪委监委创造性开展监督工作，牵头组织成立了11个巡察组，"
    assert sentence in TEXT
    a = anchor_on(TEXT, "娄星区纪委监委创造性开展监督工作，牵头组织成立了11个巡察组")
    p = reanchor(a, TEXT.replace(sentence, ""))
    assert p.status == "orphan" and p.start is None and p.score < 0.55


def test_duplicate_quote_is_chosen_by_context() -> None:
    # "巡察组" occurs several times; the second occurrence's context must win after an edit that
    # shifts everything and adds another copy near the old position.
    a = anchor_on(TEXT, "巡察组", nth=2)
    new = "巡察组巡察组：" + TEXT
    p = reanchor(a, new)
    assert p.status == "moved"
    assert (p.start, p.end) == (a.start + 7, a.end + 7)
    assert new[p.start - len(a.prefix) : p.start] == a.prefix


def test_stale_copy_at_old_position_does_not_win() -> None:
    a = anchor_on(TEXT, "巡察组", nth=1)
    insert = "X" * 10
    new = TEXT[: a.start - 10] + insert + TEXT[a.start - 10 :]
    # put a decoy copy of the quote exactly at the old position, with foreign context
    new = new[: a.start] + "巡察组" + new[a.start + 3 :]
    p = reanchor(a, new)
    assert new[p.start : p.end] == "巡察组"
    assert p.start == a.start + 10 and p.status == "moved"


def test_non_bmp_characters_count_as_one_code_point() -> None:
    text = "𠮷野家的𠮷字，吉野家的吉字。𠮷野家在北京开店。"
    a = anchor_on(text, "𠮷野家在北京", 1)
    assert (a.start, a.end) == (14, 20)
    new = "𠮷𠮷" + text
    p = reanchor(a, new)
    assert (p.status, p.start, p.end) == ("moved", 16, 22)
    assert new[p.start : p.end] == "𠮷野家在北京"
    edited = new.replace("𠮷野家在北京", "𠮷野家今天在北京")
    q = reanchor(a, edited)
    assert q.status == "fuzzy" and edited[q.start : q.end] == "𠮷野家今天在北京"


def test_find_quote() -> None:
    assert find_quote("哈哈哈哈", "哈哈", 2) == (2, 4)
    assert find_quote("a𠮷b𠮷", "𠮷", 2) == (3, 4)
    with pytest.raises(LookupError):
        find_quote("哈哈哈", "哈哈", 2)
    with pytest.raises(LookupError):
        find_quote(TEXT, "不存在的句子")
    with pytest.raises(ValueError):
        find_quote(TEXT, "")
    with pytest.raises(ValueError):
        find_quote(TEXT, "巡察", 0)


def test_reanchor_all_keeps_order_and_agrees_with_reanchor() -> None:
    anchors = [anchor_on(TEXT, q) for q in ("巡察组", QUOTE, "点对点", "今年以来")]
    new = "导语。" + TEXT.replace("点对点", "点到点")
    placements = reanchor_all(anchors, new)
    assert placements == [reanchor(a, new) for a in anchors]
    assert [p.status for p in placements] == ["moved", "moved", "fuzzy", "moved"]
    assert reanchor_all(anchors, TEXT) == [Placement("exact", a.start, a.end, 1.0) for a in anchors]


def test_speed_on_a_long_article() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))[:10_000]
    anchors = [make_anchor(text, i, i + 5 + i % 40) for i in range(50, 9_800, 97)]
    assert len(anchors) >= 100
    new = text[:3000] + "新增的一段话，插在文章中间。" + text[3000:6000].replace("的", "之") + text[6000:]
    t0 = time.perf_counter()
    placements = reanchor_all(anchors, new)
    elapsed = time.perf_counter() - t0
    assert elapsed < 2.0, elapsed
    assert sum(p.placed for p in placements) >= 0.9 * len(anchors)


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E00 + 400)
ALPHABET = st.one_of(CJK, st.sampled_from("，。、𠮷"))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(ALPHABET, min_size=2, max_size=300),
    data=st.data(),
)
def test_edits_outside_the_span_reanchor_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 40)))
    anchor = make_anchor(text, start, end)
    new, shift = text, 0
    for _ in range(data.draw(st.integers(1, 4))):
        s0, e0 = start + shift, end + shift
        before = data.draw(st.booleans())
        lo, hi = (0, s0) if before else (e0, len(new))
        at = data.draw(st.integers(lo, hi))
        if data.draw(st.booleans()):
            ins = data.draw(st.text(ALPHABET, min_size=1, max_size=50))
            new = new[:at] + ins + new[at:]
            shift += len(ins) if before else 0
        else:
            stop = data.draw(st.integers(at, hi))
            new = new[:at] + new[stop:]
            shift -= (stop - at) if before else 0
    assert new[start + shift : end + shift] == anchor.quote
    assume(new.find(anchor.quote, new.find(anchor.quote) + 1) < 0)  # unique, overlaps counted
    p = reanchor(anchor, new)
    assert (p.start, p.end) == (start + shift, end + shift)
    assert p.status == ("exact" if shift == 0 else "moved")


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(CJK, min_size=80, max_size=300),
    quote=st.text(ALPHABET, min_size=1, max_size=6),
    data=st.data(),
)
def test_duplicates_with_intact_context_pick_their_own_copy(
    text: str, quote: str, data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(text) // 2 - 1))
    j = data.draw(st.integers(len(text) // 2, len(text)))
    planted = text[:i] + quote + text[i:j] + quote + text[j:]
    which = data.draw(st.sampled_from([i, j + len(quote)]))
    anchor = make_anchor(planted, which, which + len(quote))
    twin = j + len(quote) if which == i else i
    twin_context = (
        planted[max(0, twin - len(anchor.prefix)) : twin],
        planted[twin + len(quote) : twin + len(quote) + len(anchor.suffix)],
    )
    assume(twin_context != (anchor.prefix, anchor.suffix))  # else the copies are indistinguishable
    # a large insertion at the very start, far from both contexts' windows
    ins = data.draw(st.text(CJK, min_size=1, max_size=400))
    assume(min(i, which) >= CONTEXT)
    new = ins + planted
    # the passage with its whole context must be unique, else no anchoring could tell
    whole = anchor.prefix + quote + anchor.suffix
    assume(sum(new.startswith(whole, k) for k in range(len(new))) == 1)  # overlapping count
    p = reanchor(anchor, new)
    assert (p.start, p.end) == (which + len(ins), which + len(ins) + len(quote))


def test_long_passage_edited_in_the_middle_is_found_quickly() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))[:12_000]
    a = make_anchor(text, 3000, 5000)
    new = "前言。" + text[:4000] + "（此处有删改）" + text[4100:]
    t0 = time.perf_counter()
    p = reanchor(a, new)
    assert time.perf_counter() - t0 < 0.5
    assert (p.status, p.start, p.end) == ("fuzzy", 3003, 5003 - 100 + len("（此处有删改）"))
    whole = make_anchor(text, 0, len(text))
    t0 = time.perf_counter()
    q = reanchor(whole, new)
    assert time.perf_counter() - t0 < 0.5
    assert q.status == "fuzzy" and (q.start, q.end) == (len("前言。"), len(new))
