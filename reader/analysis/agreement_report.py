"""Agreement between named coders over chosen articles and tags, per tag, per article and overall
(the measures are defined in :mod:`reader.analysis.agreement`).

Which annotations count: those of the chosen coders that are anchored (orphans have no place in
the text) and carry at least one chosen tag; an annotation with several tags is one unit per
tag; annotations without tags are left out (agreement is about codes).  Default tags: every tag
those annotations use.  Default articles: every article where at least one chosen coder coded
a chosen tag (an article nobody coded would only add agreeing blank text).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.agreement import (
    Coding,
    Span,
    character_alphas,
    cohen_kappa,
    confusion,
    pooled_alpha,
    segment_labels,
    span_f1,
    units_of,
    unitized_disagreement,
)
from reader.changes import CorpusError

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
FIGURES = ("alpha_u", "alpha_coded", "alpha_text", "f1_exact", "f1_overlap", "kappa")


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def figures(coding: Coding, lengths: Mapping[int, int], tags: Sequence[str],
            tag: str | None = None) -> dict[str, Any]:
    """Every figure for ``coding`` over the continua ``lengths``: of one ``tag`` (its units
    against everything else) or, with ``tag`` None, of all ``tags`` together."""
    scope = [tag] if tag is not None else list(tags)
    parts = [unitized_disagreement({c: units_of(coding[c], t) for c in coding}, lengths) for t in scope]
    alpha_coded, alpha_text = character_alphas(coding, lengths, tags, tag)
    f1e, f1o, kap = [], [], []
    for a, b in itertools.combinations(coding, 2):
        exact, overlap = span_f1(coding[a], coding[b], scope)
        f1e.append(exact)
        f1o.append(overlap)
        kap.append(cohen_kappa(segment_labels(coding[a], coding[b], lengths, scope)))
    units = {c: sum(len(v) for t in scope for v in units_of(coding[c], t).values()) for c in coding}
    return {
        "alpha_u": pooled_alpha(parts), "alpha_coded": alpha_coded, "alpha_text": alpha_text,
        "f1_exact": _mean(f1e), "f1_overlap": _mean(f1o), "kappa": _mean(kap), "units": units,
    }


@dataclass
class AgreementReport:
    coders: list[str]
    tags: list[str]
    articles: list[int]
    overall: dict[str, Any] = field(default_factory=dict)
    per_tag: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_article: dict[int, dict[str, Any]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "coders": self.coders, "tags_considered": self.tags, "articles_considered": self.articles,
            "overall": self.overall, "tags": self.per_tag,
            "articles": {str(k): v for k, v in self.per_article.items()},
            "confusion": {"coders": self.coders[:2], "table": self.confusion},
            "cancelled": self.cancelled,
        }


def gather(corpus: Any, coders: Sequence[str], tags: Sequence[str] = (),
           articles: Sequence[int] = ()) -> tuple[dict[str, list[Span]], list[str], dict[int, int]]:
    """The chosen coders' spans, the tags and the article lengths the report runs over."""
    names = list(dict.fromkeys(" ".join(c.split()) for c in coders))
    if len(names) < 2:
        raise CorpusError("few-coders", "agreement needs at least two different coders")
    corpus.require_coders(names)
    known_tags = {t.name for t in corpus.tags()}
    missing = [t for t in tags if t not in known_tags]
    if missing:
        raise CorpusError("no-tag", f"unknown tag(s): {', '.join(missing)}")
    wanted_articles = set(articles)
    anns = [a for a in corpus.annotations() if a.coder in names and a.status == "anchored"
            and (not wanted_articles or a.article_id in wanted_articles)]
    chosen = list(dict.fromkeys(tags)) if tags else sorted({t for a in anns for t in a.tags})
    coding: dict[str, list[Span]] = {n: [] for n in names}
    for a in anns:
        for t in dict.fromkeys(a.tags):
            if t in chosen:
                coding[a.coder].append(Span(a.article_id, a.start, a.end, t))
    ids = sorted(wanted_articles) if wanted_articles else sorted({s.article for v in coding.values() for s in v})
    lengths = {i: len(corpus.article(i).text) for i in ids}
    return coding, chosen, lengths


def agreement(corpus: Any, coders: Sequence[str], tags: Sequence[str] = (),
              articles: Sequence[int] = (), progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> AgreementReport:
    """Agreement of ``coders`` (two or more names) over ``tags`` and ``articles`` (empty: the
    defaults in the module docstring).  Unknown coders, tags or articles are a ``CorpusError``."""
    coding, chosen, lengths = gather(corpus, coders, tags, articles)
    report = AgreementReport(list(coding), chosen, list(lengths))
    steps = len(chosen) + len(lengths) + 1
    report.overall = figures(coding, lengths, chosen)
    done = 1
    for t in chosen:
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress is not None:
            progress(done, steps, t)
        report.per_tag[t] = figures(coding, lengths, chosen, t)
        done += 1
    by_article: dict[int, dict[str, list[Span]]] = {a: {c: [] for c in coding} for a in lengths}
    for c, spans in coding.items():
        for s in spans:
            by_article[s.article][c].append(s)
    for article, length in lengths.items():
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress is not None:
            progress(done, steps, str(article))
        one = by_article[article]
        report.per_article[article] = figures(one, {article: length}, chosen)
        done += 1
    a, b = report.coders[:2]
    report.confusion = confusion(coding[a], coding[b], lengths, chosen)
    if progress is not None:
        progress(steps, steps, "")
    return report
