"""Inter-coder agreement measures on coded text, pure functions over plain spans (no database).

Vocabulary.  A *continuum* is one article's text, ``length`` code points long.  A coder's
*units* for a tag are the stretches of text they coded with it; overlapping or touching
annotations of one coder with one tag are first joined (their union is what that coder said),
because the measures below assume a coder's units of one category do not overlap.  Positions are
code points, end exclusive.  Every figure is ``None`` when it is undefined (e.g. nobody coded
anything, or the data show no variation at all).

Measures (for two or more coders):

``alpha_u``
    Krippendorff's unitized alpha (Krippendorff 1995, *Sociological Methodology* 25; 2004,
    *Content Analysis* 2nd ed., pp. 251-256) at character resolution.  Per tag it is the binary
    uα of that tag's units against the gaps between them: observed disagreement sums, over every
    pair of coders and every pair of their overlapping segments, the squared differences of the
    begin and end points of two overlapping units, or the squared length of a unit lying wholly
    inside the other coder's gap; expected disagreement is that of all possible placements of the
    same units and gaps.  Text that nobody coded adds only agreeing gaps, which is why the figure is
    not dominated by uncoded text.  Several articles are several continua: units and gaps never
    cross an article boundary and ``L`` is the total length.  The overall figure pools the tags as
    Krippendorff's worked example does (mean observed over mean expected disagreement of the tags
    anyone used).  Checked against that worked example (α = 0.7286 for c, 1 for k, 0.8591 overall).
``alpha_coded`` / ``alpha_text``
    Krippendorff's nominal alpha with every *character* as a unit and, as each coder's value for
    it, the set of chosen tags they applied there (the empty set when they coded nothing there).
    ``alpha_coded`` counts only characters that at least one coder coded; ``alpha_text`` counts the
    whole text, the conventional figure (inflated by text nobody coded), given for comparison.
    Per tag the value is "has the tag or not" over the same characters.
``f1_exact`` / ``f1_overlap``
    Span F1 between two coders, one taken as reference (F1 is symmetric): a unit *matches
    exactly* a unit of the other coder with the same tag, article, start and end; it *matches by
    overlap* when it shares at least one character with one of the other's units of that tag.
    Exact: ``2·matches / (units_a + units_b)``; overlap: harmonic mean of the share of each
    coder's units that overlap one of the other's.  Units here are the joined units above.
``kappa``
    Cohen's kappa on *segments*: each article is cut at every start and end of both coders'
    units (of the tag, for a per-tag figure; of all chosen tags, overall); every piece between two
    consecutive cuts is one segment, counted once whatever its length, so a long stretch nobody
    coded is a single segment.  A coder's label for a segment is the set of tags they applied
    there (per tag: whether they applied that tag).

With more than two coders, ``f1_*`` and ``kappa`` are the mean over every pair of coders
(Light's kappa); both alphas take all coders at once.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Interval = tuple[int, int]


@dataclass(frozen=True)
class Span:
    """One coded stretch: ``tag`` applied to ``[start, end)`` of ``article``."""

    article: int
    start: int
    end: int
    tag: str


Coding = Mapping[str, Sequence[Span]]  # coder name -> their spans


def join(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted union of intervals; touching ones are joined too."""
    out: list[list[int]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def units_of(spans: Iterable[Span], tag: str | None = None) -> dict[int, list[Interval]]:
    """Joined units per article (of one tag, or of any tag when ``tag`` is None)."""
    grouped: dict[int, list[Interval]] = {}
    for s in spans:
        if tag is None or s.tag == tag:
            grouped.setdefault(s.article, []).append((s.start, s.end))
    return {a: join(v) for a, v in grouped.items()}


# -- Krippendorff's unitized alpha ----------------------------------------------------------------
def _segments(units: list[Interval], length: int) -> list[tuple[int, int, bool]]:
    """The continuum ``[0, length)`` as alternating gaps and units: ``(begin, end, is_unit)``."""
    out, pos = [], 0
    for start, end in units:
        start, end = max(start, 0), min(end, length)
        if end <= start:
            continue
        if start > pos:
            out.append((pos, start, False))
        out.append((start, end, True))
        pos = end
    if pos < length:
        out.append((pos, length, False))
    return out


def _delta(g: tuple[int, int, bool], h: tuple[int, int, bool]) -> int:
    """Krippendorff's squared distance between two intersecting segments of two coders."""
    (bg, eg, ug), (bh, eh, uh) = g, h
    if not (bg < eh and bh < eg):
        return 0
    if ug and uh:
        return (bg - bh) ** 2 + (eg - eh) ** 2
    if ug and bh <= bg and eg <= eh:  # a unit wholly inside the other's gap
        return (eg - bg) ** 2
    if uh and bg <= bh and eh <= eg:
        return (eh - bh) ** 2
    return 0


def _observed_sum(a: list[tuple[int, int, bool]], b: list[tuple[int, int, bool]]) -> int:
    """Σ δ² over every intersecting pair of segments of two coders on one continuum."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        total += _delta(a[i], b[j])
        end_a, end_b = a[i][1], b[j][1]
        if end_a <= end_b:
            i += 1
        if end_b <= end_a:
            j += 1
    return total


@dataclass(frozen=True)
class Disagreement:
    observed: float
    expected: float

    @property
    def alpha(self) -> float | None:
        if self.expected == 0:
            return None
        return 1.0 - self.observed / self.expected


def unitized_disagreement(units: Mapping[str, Mapping[int, list[Interval]]],
                          lengths: Mapping[int, int]) -> Disagreement:
    """Observed and expected disagreement of uα for one category.

    ``units[coder][article]`` are that coder's joined units; ``lengths`` the continua (articles).
    """
    coders = list(units)
    m = len(coders)
    total_length = sum(lengths.values())
    if m < 2 or total_length == 0:
        return Disagreement(0.0, 0.0)
    segs = {c: {a: _segments(units[c].get(a, []), n) for a, n in lengths.items()} for c in coders}
    observed = 0
    for ci, cj in itertools.permutations(coders, 2):
        for a in lengths:
            observed += _observed_sum(segs[ci][a], segs[cj][a])
    unit_lengths = [e - b for c in coders for a in lengths for b, e, u in segs[c][a] if u]
    gap_lengths = sorted(e - b for c in coders for a in lengths for b, e, u in segs[c][a] if not u)
    d_o = observed / (m * (m - 1) * total_length ** 2)
    if not unit_lengths:
        return Disagreement(d_o, 0.0)
    # Σ over gaps at least as long as l of (gap - l + 1), by bisection on sorted gaps + suffix sums
    suffix = [0] * (len(gap_lengths) + 1)
    for k in range(len(gap_lengths) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gap_lengths[k]
    n_c = len(unit_lengths)
    numerator = 0.0
    for l in unit_lengths:
        k = bisect.bisect_left(gap_lengths, l)
        fits = suffix[k] - (l - 1) * (len(gap_lengths) - k)
        numerator += (n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3 + l * l * fits
    denominator = m * total_length * (m * total_length - 1) - sum(l * (l - 1) for l in unit_lengths)
    d_e = 2.0 / total_length * numerator / denominator if denominator > 0 else 0.0
    return Disagreement(d_o, d_e)


def pooled_alpha(parts: Sequence[Disagreement]) -> float | None:
    """Several categories together: mean observed over mean expected disagreement."""
    used = [p for p in parts if p.expected > 0 or p.observed > 0]
    if not used:
        return None
    return Disagreement(sum(p.observed for p in used) / len(used),
                        sum(p.expected for p in used) / len(used)).alpha


# -- character-level nominal alpha ---------------------------------------------------------------
def _pieces(coding: Coding, lengths: Mapping[int, int], tags: Sequence[str]):  # type: ignore[no-untyped-def]
    """``(article, width, values)`` for every stretch where no coder's tag set changes;
    ``values[i]`` is the frozenset of ``tags`` coder i applied there."""
    wanted = set(tags)
    by_article: dict[int, list[list[Span]]] = {a: [[] for _ in coding] for a in lengths}
    for index, coder in enumerate(coding):
        for s in coding[coder]:
            if s.tag in wanted and s.article in by_article:
                by_article[s.article][index].append(s)
    for article, length in lengths.items():
        per_coder = by_article[article]
        cuts = sorted({0, length} | {p for spans in per_coder for s in spans for p in (s.start, s.end)
                                     if 0 <= p <= length})
        for left, right in zip(cuts, cuts[1:]):
            values = tuple(frozenset(s.tag for s in spans if s.start <= left and right <= s.end)
                           for spans in per_coder)
            yield article, right - left, values


def nominal_alpha(units: Iterable[tuple[int, Sequence[object]]]) -> float | None:
    """Krippendorff's alpha (nominal) for weighted units ``(weight, values)``; a value ``None``
    is missing (that coder did not value the unit) and units with fewer than two values are not
    pairable.  ``None`` when the data hold a single value (no variation)."""
    coincidence: dict[tuple[object, object], float] = {}
    for weight, given in units:
        values = [v for v in given if v is not None]
        m = len(values)
        if m < 2 or weight <= 0:
            continue
        for i, j in itertools.permutations(range(m), 2):
            key = (values[i], values[j])
            coincidence[key] = coincidence.get(key, 0.0) + weight / (m - 1)
    totals: dict[object, float] = {}
    for (c, _k), n in coincidence.items():
        totals[c] = totals.get(c, 0.0) + n
    n_all = sum(totals.values())
    disagree = sum(n for (c, k), n in coincidence.items() if c != k)
    expected = n_all * n_all - sum(v * v for v in totals.values())
    if n_all <= 1 or expected <= 0:
        return None
    return 1.0 - (n_all - 1) * disagree / expected


def character_alphas(coding: Coding, lengths: Mapping[int, int], tags: Sequence[str],
                     tag: str | None = None) -> tuple[float | None, float | None]:
    """``(alpha_coded, alpha_text)``: over characters any coder coded, and over all text.
    With ``tag`` the value is whether that tag was applied, else the set of tags applied."""
    coded, whole = [], []
    for _article, width, values in _pieces(coding, lengths, tags):
        vals = tuple(tag in v for v in values) if tag is not None else values
        whole.append((width, vals))
        if any(values):
            coded.append((width, vals))
    return nominal_alpha(coded), nominal_alpha(whole)


# -- span F1 and kappa on segments ----------------------------------------------------------------
def _labelled_units(spans: Sequence[Span], tags: Sequence[str]) -> set[tuple[int, int, int, str]]:
    out = set()
    for tag in tags:
        for article, units in units_of(spans, tag).items():
            out.update((article, b, e, tag) for b, e in units)
    return out


def span_f1(a: Sequence[Span], b: Sequence[Span], tags: Sequence[str]) -> tuple[float | None, float | None]:
    """``(f1_exact, f1_overlap)`` between two coders over ``tags``."""
    ua, ub = _labelled_units(a, tags), _labelled_units(b, tags)
    if not ua and not ub:
        return None, None
    exact = 2 * len(ua & ub) / (len(ua) + len(ub))
    if not ua or not ub:
        return exact, 0.0

    def share(xs: set[tuple[int, int, int, str]], ys: set[tuple[int, int, int, str]]) -> float:
        index: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for art, s, e, t in ys:
            index.setdefault((art, t), []).append((s, e))
        hit = sum(1 for art, s, e, t in xs if any(s < ye and ys_ < e for ys_, ye in index.get((art, t), ())))
        return hit / len(xs)

    precision, recall = share(ub, ua), share(ua, ub)
    overlap = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return exact, overlap


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float | None:
    """Cohen's kappa of two coders' labels, one ``(label_a, label_b)`` per item."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    count_a: dict[object, int] = {}
    count_b: dict[object, int] = {}
    for x, y in pairs:
        count_a[x] = count_a.get(x, 0) + 1
        count_b[y] = count_b.get(y, 0) + 1
    expected = sum(count_a[k] * count_b.get(k, 0) for k in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def segment_labels(a: Sequence[Span], b: Sequence[Span], lengths: Mapping[int, int],
                   tags: Sequence[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Both coders' labels on every segment (see the module docstring)."""
    pairs = []
    for _article, _width, values in _pieces({"a": a, "b": b}, lengths, tags):
        pairs.append((values[0], values[1]))
    return pairs


def confusion(a: Sequence[Span], b: Sequence[Span], lengths: Mapping[int, int],
              tags: Sequence[str]) -> dict[str, dict[str, int]]:
    """Characters coder ``a`` coded with row tag where ``b`` coded column tag (``""`` = nothing);
    text neither coded is left out.  A character both coders gave two tags counts in four cells."""
    table: dict[str, dict[str, int]] = {}
    for _article, width, (va, vb) in _pieces({"a": a, "b": b}, lengths, tags):
        if not va and not vb:
            continue
        for x in sorted(va) or [""]:
            for y in sorted(vb) or [""]:
                row = table.setdefault(x, {})
                row[y] = row.get(y, 0) + width
    return table
