"""Agreement figures against values worked out by hand, and against Krippendorff's published
worked example of unitized alpha (Content Analysis, 2nd ed., 2004, p. 254; the same example and
figures are the test values of DKPro Statistics' KrippendorffAlphaUnitizingAgreement)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.agreement import (
    Span,
    character_alphas,
    cohen_kappa,
    confusion,
    join,
    nominal_alpha,
    pooled_alpha,
    segment_labels,
    span_f1,
    unitized_disagreement,
)
from reader.analysis.agreement_report import figures

ROOT = Path(__file__).resolve().parents[2]


def test_krippendorffs_worked_example_of_unitized_alpha() -> None:
    # continuum 150..450 (L = 300), observers i and j, categories c and k; shifted to start at 0
    def shift(units: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(b - 150, e - 150) for b, e in units]

    lengths = {1: 300}
    c = unitized_disagreement({"i": {1: shift([(225, 295), (370, 400)])},
                               "j": {1: shift([(220, 300), (355, 375), (400, 420)])}}, lengths)
    k = unitized_disagreement({"i": {1: shift([(180, 240), (300, 350)])},
                               "j": {1: shift([(180, 240), (300, 350)])}}, lengths)
    assert c.observed == pytest.approx(0.0144, abs=1e-4)
    assert c.expected == pytest.approx(0.0532, abs=1e-4)
    assert c.alpha == pytest.approx(0.7286, abs=1e-4)
    assert k.observed == 0 and k.expected == pytest.approx(0.0490, abs=1e-4)
    assert k.alpha == pytest.approx(1.0)
    assert pooled_alpha([c, k]) == pytest.approx(0.8591, abs=5e-4)


# A and B on one article of 10 characters, tag T: A codes [0, 4), B codes [2, 6).
A = [Span(1, 0, 4, "T")]
B = [Span(1, 2, 6, "T")]
LENGTHS = {1: 10}


def test_unitized_alpha_by_hand() -> None:
    # δ²(A's unit, B's unit) = (0-2)² + (4-6)² = 8, both ways: D_o = 16 / (2·1·10²) = 0.08.
    # D_e = 2/10 · 2·[(1/3)(2·4³ - 3·4² + 4) + 4²·((6-4+1) + (4-4+1))] / (20·19 - 2·4·3)
    #     = 0.2 · 184 / 356
    d = unitized_disagreement({"A": {1: [(0, 4)]}, "B": {1: [(2, 6)]}}, LENGTHS)
    assert d.observed == pytest.approx(0.08)
    assert d.expected == pytest.approx(0.2 * 184 / 356)
    assert d.alpha == pytest.approx(1 - 0.08 * 356 / 36.8)  # 0.2261


def test_character_alphas_by_hand() -> None:
    # whole text: o(T,∅)=o(∅,T)=4, o(T,T)=4, o(∅,∅)=8; n_T=8, n_∅=12, n=20 → 1 - 19·8/(2·8·12)
    # coded text only (chars 0-5): o(T,T)=4, o(T,∅)=o(∅,T)=4; n_T=8, n_∅=4, n=12 → 1 - 11·8/(2·8·4)
    coded, whole = character_alphas({"A": A, "B": B}, LENGTHS, ["T"])
    assert whole == pytest.approx(1 - 19 * 8 / 192)
    assert coded == pytest.approx(1 - 11 * 8 / 64)
    assert nominal_alpha([(3, ("x", "x")), (1, ("y", "y"))]) == pytest.approx(1.0)
    assert nominal_alpha([(5, ("x", "x"))]) is None  # no variation: undefined


def test_nominal_alpha_on_krippendorffs_reliability_data_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units,
    # missing values; nominal alpha = 0.743
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [(1, tuple(r[u] for r in rows)) for u in range(12)]
    assert nominal_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_span_f1_and_kappa_on_segments_by_hand() -> None:
    exact, overlap = span_f1(A, B, ["T"])
    assert exact == 0.0 and overlap == 1.0
    # segments [0,2) T/∅, [2,4) T/T, [4,6) ∅/T, [6,10) ∅/∅: p_o = 2/4, p_e = ½·½ + ½·½ → κ = 0
    labels = segment_labels(A, B, LENGTHS, ["T"])
    assert [(sorted(a), sorted(b)) for a, b in labels] == [(["T"], []), (["T"], ["T"]), ([], ["T"]), ([], [])]
    assert cohen_kappa(labels) == pytest.approx(0.0)
    # κ of a textbook 2×2 table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → p_o .7, p_e .5 → .4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_confusion_counts_characters_by_hand() -> None:
    table = confusion(A + [Span(1, 8, 10, "U")], B + [Span(1, 8, 10, "T")], LENGTHS, ["T", "U"])
    assert table == {"T": {"": 2, "T": 2}, "": {"T": 2}, "U": {"T": 2}}


def test_identical_coding_agrees_perfectly_and_disjoint_coding_does_not() -> None:
    same = figures({"A": A, "B": list(A)}, LENGTHS, ["T"])
    assert (same["alpha_u"], same["f1_exact"], same["f1_overlap"], same["kappa"]) == (1.0, 1.0, 1.0, 1.0)
    assert same["alpha_text"] == pytest.approx(1.0) and same["alpha_coded"] is None  # all T: no variation
    apart = figures({"A": [Span(1, 0, 3, "T")], "B": [Span(1, 6, 9, "T")]}, LENGTHS, ["T"])
    assert apart["alpha_u"] < 0 and apart["f1_exact"] == 0 and apart["f1_overlap"] == 0
    assert apart["kappa"] < 0


def test_overlapping_annotations_of_one_coder_count_as_their_union() -> None:
    assert join([(5, 8), (0, 3), (2, 4), (4, 5)]) == [(0, 8)]
    split = [Span(1, 0, 2, "T"), Span(1, 1, 4, "T")]
    assert figures({"A": split, "B": A}, LENGTHS, ["T"])["f1_exact"] == 1.0


def test_three_coders_average_pairs_for_f1_and_kappa() -> None:
    coding = {"A": A, "B": list(A), "C": B}
    out = figures(coding, LENGTHS, ["T"])
    pairs = [span_f1(A, A, ["T"])[0], span_f1(A, B, ["T"])[0], span_f1(A, B, ["T"])[0]]
    assert out["f1_exact"] == pytest.approx(sum(pairs) / 3)
    assert out["units"] == {"A": 1, "B": 1, "C": 1}


def test_tags_are_separate_categories() -> None:
    a = [Span(1, 0, 4, "T"), Span(1, 5, 9, "U")]
    b = [Span(1, 0, 4, "T"), Span(1, 5, 9, "T")]
    per_u = figures({"A": a, "B": b}, LENGTHS, ["T", "U"], "U")
    per_t = figures({"A": a, "B": b}, LENGTHS, ["T", "U"], "T")
    assert per_u["f1_exact"] == 0.0 and per_t["f1_exact"] == pytest.approx(2 / 3)
    overall = figures({"A": a, "B": b}, LENGTHS, ["T", "U"])
    assert overall["f1_exact"] == pytest.approx(2 * 1 / 4)


def _coded_corpus(corpus, plan):  # type: ignore[no-untyped-def]
    arts = [a.id for a in corpus.articles()]
    for coder, index, start, end, tags in plan:
        corpus.set_coder(coder)
        corpus.annotate(arts[index], start, end, tags=tags)
    return arts


def test_agreement_report_on_the_seeds(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis.agreement_report import agreement
    from reader.changes import CorpusError

    arts = _coded_corpus(corpus, [
        ("张三", 0, 10, 20, ["问责"]), ("李四", 0, 10, 20, ["问责"]),
        ("张三", 1, 5, 15, ["民生"]), ("李四", 1, 8, 15, ["民生", "问责"]),
        ("王五", 2, 0, 5, ["问责"]),
    ])
    report = agreement(corpus, ["张三", "李四"]).to_json()
    assert report["tags_considered"] == ["民生", "问责"]
    assert report["articles_considered"] == arts[:2]  # 王五's article is not theirs
    assert set(report["overall"]) >= {"alpha_u", "f1_exact", "f1_overlap", "kappa"}
    first = report["articles"][str(arts[0])]
    assert first["alpha_u"] == 1.0 and first["f1_exact"] == 1.0
    assert report["tags"]["问责"]["f1_exact"] == pytest.approx(2 / 3)
    assert report["tags"]["民生"]["f1_overlap"] == 1.0 and report["tags"]["民生"]["f1_exact"] == 0.0
    only = agreement(corpus, ["张三", "李四"], tags=["民生"], articles=[arts[1]]).to_json()
    assert only["tags_considered"] == ["民生"] and list(only["articles"]) == [str(arts[1])]
    assert only["confusion"]["table"] == {"民生": {"": 3, "民生": 7}}
    with pytest.raises(CorpusError, match="no coder"):
        agreement(corpus, ["张三", "无名"])
    with pytest.raises(CorpusError, match="two"):
        agreement(corpus, ["张三", "张三"])
    with pytest.raises(CorpusError, match="unknown tag"):
        agreement(corpus, ["张三", "李四"], tags=["没有"])


def test_cli_agreement_json(seeded_path: Path) -> None:
    from reader.corpus import Corpus

    corpus = Corpus(seeded_path)
    _coded_corpus(corpus, [("张三", 0, 10, 20, ["问责"]), ("李四", 0, 12, 20, ["问责"])])
    corpus.close()
    out = subprocess.run([sys.executable, "-m", "reader", "--db", str(seeded_path), "agreement",
                          "--coder", "张三", "--coder", "李四", "--json"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for scope in (data["overall"], data["tags"]["问责"], *data["articles"].values()):
        assert {"alpha_u", "f1_exact", "f1_overlap", "kappa"} <= set(scope)
    assert 0 < data["overall"]["alpha_u"] < 1 and data["overall"]["f1_overlap"] == 1.0
    bad = subprocess.run([sys.executable, "-m", "reader", "--db", str(seeded_path), "agreement",
                          "--coder", "张三", "--coder", "nobody"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "nobody" in bad.stderr
