"""Newspaper page text -> the articles a careful reader finds on it.

The pipeline is a chain of small pure steps in :mod:`reader.text.layout`; :func:`explain_page`
returns the evidence each step recorded, for ``parse --explain``.
"""

from __future__ import annotations

from typing import Any

from reader.text.article import Article
from reader.text.layout import classify, finish, heads, jumps, marked, rejoin, skeleton, topics, units
from reader.text.layout.affinity import Grams

PARSER_VERSION = 2


def _run(text: str, source: str) -> tuple[list[Article], dict[str, Any]]:
    """The whole pipeline; returns the articles and the evidence trail."""
    log: list[dict[str, Any]] = []
    us = units.split_units(text)
    us, dropped = units.drop_duplicates(us)
    log.extend(dropped)
    crawler = units.indented_page(us)
    if crawler:
        log.append({"step": "page", "why": "indented page: paragraphs indented, heads not (every article starts with its head)"})
    us = classify.roles(classify.shape(us))
    tight = not crawler and heads.tight_page(us)
    if tight:
        log.append({"step": "page", "why": "paragraphs printed without blank lines between them: a blank line "
                                            "starts an item or stands for an empty head slot"})
    sks = skeleton.build(us, heads_only=crawler, tight=tight)
    sks = marked.pair(sks, log)
    cache = Grams()
    if not crawler:
        sks = topics.split(sks, log, cache, tight)
    rivals = rejoin.open_ends(sks)
    for sk in sks:
        rejoin.rejoin(sk, log, rivals)
    if not crawler:
        sks = jumps.reattach(sks, log, cache, tight)
        sks = skeleton.split_foreign_credits(sks, log, cache)
    for sk in sks:
        rejoin.rejoin(sk, log)
        rejoin.drop_repeats(sk, log)
    articles = [finish.finish(sk, source, n) for n, sk in enumerate(sks)]
    finish.locate(articles, text)
    log.extend({"step": "column", "why": w} for w in finish.inherit_columns(articles))
    return articles, {"units": us, "skeletons": sks, "log": log}


def parse_page(text: str, source: str) -> list[Article]:
    """Articles on the page in reading order (``position`` 0, 1, ...).  ``text`` is decoded
    page text; BOM, CR/CRLF line ends, NBSP and ideographic spaces are normalised here."""
    return _run(text, source)[0]


def explain_page(text: str, source: str) -> list[dict[str, Any]]:
    """The evidence for every decision, JSON-serialisable: one record per classified unit
    (step ``unit``), per repair (``rejoin``, ``duplicate``, ``jump``...), per skeleton and per
    resulting article."""
    articles, trail = _run(text, source)
    out: list[dict[str, Any]] = []
    for u in trail["units"]:
        rec = u.to_json()
        rec["step"] = "unit"
        out.append(rec)
    out.extend(trail["log"])
    for n, sk in enumerate(trail["skeletons"]):
        rec = sk.to_json()
        rec["step"] = "skeleton"
        rec["position"] = n
        out.append(rec)
    for a in articles:
        out.append({"step": "article", "position": a.position, "title": a.shown_title(),
                    "paragraphs": len(a.body), "authors": list(a.authors)})
    return out
