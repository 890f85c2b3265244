"""Property-based tests: parsed seed articles laid out as new pages (markdown or plain lines)
with random column breaks, inserted pictures, duplicated blocks and moved continuations
(reader.text.layout.synth), and the parser must give the articles back.

Deterministic (``derandomize``) so a failure is reproducible; the whole file runs in well under
30 s.  ``bench/recovery.py`` measures the rates over many more layouts.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.article import Article
from reader.text.layout.synth import lay_out, recovery, usable
from reader.text.layout.text import squash
from reader.text.pages import parse_page

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@lru_cache(maxsize=1)
def pool() -> tuple[Article, ...]:
    out: list[Article] = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.extend(a for a in parse_page(path.read_text(encoding="utf-8"), path.name) if usable(a))
    return tuple(out)


def pick(seed: int, count: int) -> tuple[random.Random, list[Article]]:
    rng = random.Random(seed)
    return rng, rng.sample(list(pool()), count)


STYLE = st.sampled_from(["markdown", "plain"])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), count=st.integers(2, 5), style=STYLE,
       breaks=st.integers(0, 3), captions=st.integers(0, 2), duplicates=st.integers(0, 2))
def test_pages_generated_breaks_captions_duplicates(seed: int, count: int, style: str, breaks: int,
                                                    captions: int, duplicates: int) -> None:
    """Without jumps every article comes back exactly: title, body blocks (breaks re-joined,
    duplicates dropped, captions taken out of the flow), authors, captions, photographers."""
    rng, chosen = pick(seed, count)
    layout = lay_out(chosen, rng, style=style, breaks=breaks, captions=captions, duplicates=duplicates)
    parsed = parse_page(layout.text, "generated")
    assert recovery(layout, parsed) == [True] * len(chosen), layout.text
    assert [a.title for a in parsed] == [a.title for a in layout.expected]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), count=st.integers(2, 5), style=STYLE)
def test_pages_generated_moved_continuations(seed: int, count: int, style: str) -> None:
    """A continuation moved elsewhere on the page: no text is lost or printed twice, and most
    titles are found.  (A tail may land in the wrong article, a broken line may be read as a
    kicker, a tail's section heading as a title: bench/recovery.py measures how often the
    articles come back exactly.)"""
    rng, chosen = pick(seed, count)
    layout = lay_out(chosen, rng, style=style, moves=1)
    parsed = parse_page(layout.text, "generated")
    found = {a.title for a in parsed} & {a.title for a in layout.expected}
    assert len(found) * 2 >= len(layout.expected)
    expected_text = [squash(b.text) for a in layout.expected for b in a.body]
    expected_paragraphs = sum(len(squash(b.text)) for a in layout.expected for b in a.body if b.kind == "paragraph")
    parsed_body = "".join(squash(b.text) for a in parsed for b in a.body)
    parsed_paragraphs = sum(len(squash(b.text)) for a in parsed for b in a.body if b.kind == "paragraph")
    everything = parsed_body + "".join(
        squash(x) for a in parsed for x in (a.title or "", a.kicker or "", a.column or "", a.subtitle or ""))
    assert parsed_paragraphs <= expected_paragraphs + sum(len(squash(a.title or "")) for a in layout.expected)
    for t in expected_text:
        assert t[:12] in everything or t[-12:] in everything


def test_pages_generated_moves_recovery_rate() -> None:
    """Over a fixed sample of layouts with one moved continuation, most articles are rebuilt."""
    good = total = 0
    for seed in range(40):
        rng, chosen = pick(seed, 3)
        layout = lay_out(chosen, rng, style="markdown" if seed % 2 else "plain", moves=1)
        result = recovery(layout, parse_page(layout.text, "generated"))
        good += sum(result)
        total += len(result)
    assert good / total >= 0.85
