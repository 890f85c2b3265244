"""``find_townships`` looks for a town from the line's characters and builds its token maps only
when one is there: it finds what the token-by-token scan it replaced found (kept here as the
reference), town names at token starts or inside longer tokens, with landmarks, beyond the BMP."""

from __future__ import annotations

from itertools import compress

from reader.text.entities import _lexicon
from reader.text.ner.candidate import Candidate
from reader.text.ner.places import landmark_after
from reader.text.ner.rules import rule_candidates
from reader.text.ner.townships import _home_townships, _town_firsts, find_townships


def _reference(line, tokens, lexicon):  # type: ignore[no-untyped-def]  # the scan before session 8
    towns = _home_townships(lexicon)
    out: list[Candidate] = []
    if not towns:
        return out
    firsts = _town_firsts(lexicon)
    ends = None
    for tok in compress(tokens, map(firsts.__contains__, (t.text[0] for t in tokens))):
        if len(tok.text) > 2:
            continue
        if ends is None:
            ends = {t.end: i + 1 for i, t in enumerate(tokens)}
        k = tok.start
        for size in (4, 3):
            after = ends.get(k + size)
            if line[k:k + size] in towns and after is not None:
                landmark = landmark_after(tokens, after)
                if landmark > after:
                    out.append(Candidate(k, tokens[landmark - 1].end, "LOC", "rule:landmark", 45))
                else:
                    out.append(Candidate(k, k + size, "LOC", "gazetteer", 45))
                break
    return out


def test_townships_found_as_by_the_token_scan() -> None:
    lexicon = _lexicon()
    towns = sorted(_home_townships(lexicon))
    assert towns
    picks = towns[:: max(1, len(towns) // 60)]
    lines = []
    for k, town in enumerate(picks):
        lines += [f"游客来到{town}，看到了{town}国际新城。", f"𠮷{town}镇的王{town}说", f"{town}{town}",
                  f"在{town[1:]}{town}山{town[:2]}", town]
    lines += ["游客来到小沙江", "麻塘山乡的𠮷田村", "没有任何地名的一句话。", ""]
    found = 0
    for line in lines:
        tokens = rule_candidates(line, lexicon)[0]
        want = _reference(line, tokens, lexicon)
        assert find_townships(line, tokens, lexicon) == want, line
        found += len(want)
    assert found > len(picks)  # the lines do hold towns the rule finds
