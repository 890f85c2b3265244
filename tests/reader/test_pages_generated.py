"""Property-based tests: known articles (the seed pages' articles, checked exactly by
test_pages_seeds.py) laid out again as new pages by the harsh generator (tests/synth/layout.py)
and the parser must give them back.

Deterministic (``derandomize``) so a failure is reproducible; the whole file runs in well under
30 s.  ``bench/recovery.py`` measures the rates over many more layouts, per perturbation.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from synth.layout import PERTURBATIONS, lay_out, recovery
from synth.material import seed_articles

from reader.text.layout.text import squash
from reader.text.pages import parse_page

SAFE = ("captions", "credits", "halfwidth", "crlf", "duplicates")


def pick(seed: int, count: int) -> tuple[random.Random, list]:
    rng = random.Random(seed)
    return rng, rng.sample(list(seed_articles()), count)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), count=st.integers(2, 5), on=st.sets(st.sampled_from(SAFE)))
def test_pages_generated_furniture_comes_back_exactly(seed: int, count: int, on: set[str]) -> None:
    """Captions with every photo credit style, every byline and credit style, editor lines,
    half-width punctuation, CRLF and duplicated paragraphs: every article comes back exactly."""
    rng, chosen = pick(seed, count)
    layout = lay_out(chosen, rng, frozenset(on))
    parsed = parse_page(layout.text, "generated")
    assert recovery(layout, parsed) == [[]] * len(chosen), layout.text


@settings(max_examples=30, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), count=st.integers(2, 5))
def test_pages_generated_everything_mixed_loses_no_text(seed: int, count: int) -> None:
    """All perturbations on one page (breaks anywhere, captions, credits, heads, jumps, blank
    lines...): no paragraph text is lost or printed twice, and most titles are found."""
    rng, chosen = pick(seed, count)
    layout = lay_out(chosen, rng, frozenset(PERTURBATIONS))
    parsed = parse_page(layout.text, "generated")
    found = {squash(a.title or "") for a in parsed} & {squash(a.title or "") for a in layout.expected}
    assert len(found) * 2 >= len(layout.expected)
    everything = "".join(squash(b.text) for a in parsed for b in a.body) + "".join(
        squash(x) for a in parsed for x in (a.title or "", a.kicker or "", a.subtitle or "", *a.captions))
    for exp in layout.expected:
        for b in exp.body:
            t = squash(b.text)
            assert t[:12] in everything or t[-12:] in everything, t


def test_pages_generated_recovery_rates() -> None:
    """Over a fixed sample of pages: breaks, jumps and mixed pages give most articles back
    exactly (bench/recovery.py prints the full table)."""
    for on, floor in ((frozenset(["breaks"]), 0.8), (frozenset(["jumps"]), 0.7), (frozenset(PERTURBATIONS), 0.5)):
        good = total = 0
        for seed in range(25):
            rng, chosen = pick(seed, 3)
            layout = lay_out(chosen, rng, on)
            result = recovery(layout, parse_page(layout.text, "generated"))
            good += sum(1 for r in result if not r)
            total += len(result)
        assert good / total >= floor, (sorted(on), good, total)
