"""The model features' fast paths (session 8, helper nerspeed8b): ``line_features``
and ``head_ahead`` give exactly the attributes of the first implementation (kept below as the
reference: one ``token_classes`` call and a right-to-left pass over every token), on every line
of the seeds and of the gold sets, and on text beyond the Basic Multilingual Plane."""

from __future__ import annotations

from pathlib import Path

from reader.text.entities import _lexicon
from reader.text.ner.candidate import resolve
from reader.text.ner.corpora import read_gold
from reader.text.ner.features import head_ahead, line_features
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.orgs import token_classes
from reader.text.ner.rules import rule_candidates
from reader.text.ner.segment import Token

ROOT = Path(__file__).resolve().parents[2]

_EXTRA = [
    "𠮷野家（中国）有限公司在𠮷林市人民医院旁，成都交通投资集团有限公司董事长𠮷祥说。",
    "马边彝族自治县人民医院、湖南省𠮷首市第一中学和中车株洲电力机车研究所有限公司",
    "𠮷𠮷𠮷公司",
    "公司",
    "，。！",
    "abc 123 有限公司 ， 集团",
    "长沙市委宣传部副部长江小忠到𠮷首大学、湘西州人民政府调研",
]


def _reference(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """``head_ahead`` as ner8 first wrote it."""
    classes = token_classes(tokens, lexicon)
    per_token: list[tuple[str, ...]] = [()] * len(tokens)
    dist = -1
    last = ""
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        if classes[k] in frozenset("SBRT"):
            dist, last = 0, tok.text[-1]
        elif not tok.tag and len(tok.text) == 1 and not tok.text.isalnum():
            dist = -1
            continue
        elif dist >= 0:
            dist += 1
            if dist > 6:
                dist = -1
        if dist >= 0:
            bucket = "4" if dist >= 4 else str(dist)
            per_token[k] = ("h" + bucket, "hc" + bucket + "=" + last)
    return [part for tok, part in zip(tokens, per_token) for _ in range(tok.end - tok.start)]


def _lines() -> list[str]:
    out: list[str] = list(_EXTRA)
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        out += f.read_text(encoding="utf-8").split("\n")
    for f in sorted((ROOT / "tests" / "data").glob("ner_*.jsonl")):
        for ex in read_gold(f):
            out += ex.text.split("\n")
    return [line for line in out if line.strip()]


def test_head_attributes_are_those_of_the_first_implementation() -> None:
    lexicon = _lexicon()
    lines = _lines()
    assert len(lines) > 1000
    with_heads = beyond_bmp = 0
    for line in lines:
        tokens, cands = rule_candidates(line, lexicon)
        expected = _reference(tokens, lexicon)
        assert head_ahead(tokens, lexicon) == expected, line
        items = line_features(line, tokens, resolve(cands), lexicon)
        got = [tuple(a for a in attrs if a[0] == "h") for attrs in items]
        assert got == expected, line
        assert all(not attrs[-len(part):] or tuple(attrs[-len(part):]) == part
                   for attrs, part in zip(items, expected) if part), line  # still appended last
        with_heads += any(expected)
        beyond_bmp += any(ord(ch) > 0xFFFF for ch in line) and any(expected)
    assert with_heads > 200 and beyond_bmp >= 3  # the comparison saw heads, and past the BMP


def test_a_line_without_a_head_gets_no_head_attribute() -> None:
    lexicon = _lexicon()
    line = "他说，今天天气很好。"
    tokens, cands = rule_candidates(line, lexicon)
    assert head_ahead(tokens, lexicon) == [()] * len(line)
    assert not any(a[0] == "h" for attrs in line_features(line, tokens, resolve(cands), lexicon)
                   for a in attrs)


def test_window_attributes_are_built_as_before_beyond_the_bmp_too() -> None:
    """The shared u-2..u2 strings and the bigrams are those of the original comprehension."""
    lexicon = _lexicon()
    for line in _EXTRA + ["２０２５年，张三在𠮷林说：abc。"]:
        tokens, cands = rule_candidates(line, lexicon)
        items = line_features(line, tokens, resolve(cands), lexicon)
        pad = ["^2", "^1", *[("0" if ch.isdigit() and ch in "0123456789０１２３４５６７８９" else
                              "a" if ch.isascii() and ch.isalpha() else ch) for ch in line], "$1", "$2"]
        expected = [["u-2=" + a, "u-1=" + b, "u0=" + c, "u1=" + d, "u2=" + e, "d0=" + b + c,
                     "d1=" + c + d] for a, b, c, d, e in zip(pad, pad[1:], pad[2:], pad[3:], pad[4:])]
        assert [attrs[:7] for attrs in items] == expected, line
