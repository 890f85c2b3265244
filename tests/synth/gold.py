"""Real-page gold: what a careful reader finds on whole People's Daily pages, and its score.

The gold lives in ``tests/data/rmrb_pages_gold.jsonl``, one page per line::

    {"page": "20190205-03", "split": "dev" | "test",
     "articles": [{"file": "20190205-03-01", "kicker": str|null, "title": str, "column": str|null,
                   "subtitle": str|null, "authors": [...], "first": str, "last": str, "chars": int}]}

Conventions (see tests/data/rmrb_pages_gold.md): ``title`` is the 主题 without a series tag
(the tag is ``column``), ``subtitle`` the 副题 without dashes, ``kicker`` the 引题; ``authors``
are the writers (reporters, authors, 整理) named anywhere in the item, photographers and
graphic artists excluded; ``first``/``last`` are the opening and closing words of the body text
(for a photo item with no body, of its caption); ``chars`` the body size (whitespace removed).

The page text itself is never stored: it is rebuilt from ``../shared`` by :mod:`synth.rmrb`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parents[1] / "data" / "rmrb_pages_gold.jsonl"
WORDS = 10


def load(split: str | None = None) -> list[dict[str, Any]]:
    """Gold pages, optionally only one split (``dev`` or ``test``)."""
    pages = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p for p in pages if split is None or p["split"] == split]


def squash(text: str | None) -> str:
    """``text`` without whitespace (titles printed with spaces or NBSPs compare equal)."""
    return "".join((text or "").split()).replace("\u3000", "")


@dataclass
class Score:
    """Articles exactly right, and the error classes of the others."""

    right: int = 0
    total: int = 0
    extra: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    wrong: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        """Accumulate another page's score."""
        self.right += other.right
        self.total += other.total
        self.extra += other.extra
        self.errors.update(other.errors)
        self.wrong.extend(other.wrong)

    @property
    def rate(self) -> float:
        """Share of gold articles exactly right."""
        return self.right / self.total if self.total else 0.0


def _text_of(art: dict[str, Any]) -> tuple[str, str, int]:
    """(first paragraph, last paragraph, body size) of a parsed article (``to_json`` form); a
    photo item without body is read from its captions."""
    paras = [b["text"] for b in art["body"] if b["kind"] == "paragraph" and b["text"].strip()]
    if not paras:
        paras = [b["text"] for b in art["body"] if b["text"].strip()] or list(art.get("captions") or [])
    size = sum(len(squash(b["text"])) for b in art["body"]) + sum(len(squash(c)) for c in art.get("captions") or [])
    if not paras:
        return "", "", size
    return squash(paras[0]), squash(paras[-1]), size


def check(gold: dict[str, Any], art: dict[str, Any] | None) -> list[str]:
    """Error classes of one parsed article against its gold (empty: exactly right)."""
    if art is None:
        return ["missing"]
    errs = []
    for key in ("title", "subtitle"):
        if squash(gold.get(key)) != squash(art.get(key)):
            errs.append(key)
    if squash(gold.get("kicker")) != squash(art.get("kicker")):
        errs.append("kicker")
    if [squash(a) for a in gold["authors"]] != [squash(a) for a in art["authors"]]:
        errs.append("authors")
    first, last, size = _text_of(art)
    if not first.startswith(squash(gold["first"])[:WORDS]):
        errs.append("first")
    if not last.endswith(squash(gold["last"])[-WORDS:]):
        errs.append("last")
    if gold.get("chars") and not (0.85 * gold["chars"] - 20 <= size <= 1.15 * gold["chars"] + 20):
        errs.append("size")
    return errs


def score_page(gold: dict[str, Any], parsed: list[dict[str, Any]], strict_kicker: bool = True) -> Score:
    """Match gold articles to parsed ones (by title, else by opening words) and score them;
    parsed articles matching no gold article count as ``extra``."""
    sc = Score()
    used: set[int] = set()
    for g in gold["articles"]:
        sc.total += 1
        match = None
        for n, a in enumerate(parsed):
            if n not in used and squash(a.get("title")) == squash(g["title"]):
                match = n
                break
        if match is None:
            gfirst = squash(g["first"])[:WORDS]
            for n, a in enumerate(parsed):
                if n not in used and gfirst and _text_of(a)[0].startswith(gfirst):
                    match = n
                    break
        if match is not None:
            used.add(match)
        errs = check(g, parsed[match] if match is not None else None)
        if not strict_kicker and errs == ["kicker"]:
            errs = []
        if errs:
            sc.errors.update(errs)
            sc.wrong.append((g["file"], g["title"], errs))
        else:
            sc.right += 1
    sc.extra = len(parsed) - len(used)
    if sc.extra:
        sc.errors["extra"] += sc.extra
    return sc
