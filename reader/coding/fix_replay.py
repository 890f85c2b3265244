"""Fixes made once and applied again: the anchor of a fix, :func:`make_fix` (a user's request
on a page's articles), :func:`apply_fix` / :func:`apply_fixes` (carry fixes out on a fresh parse).
See :mod:`reader.coding.fix_ops` for what a fix is.  No database, no Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reader.coding import anchors
from reader.coding.fix_ops import (
    APPLIED,
    BODY,
    SATISFIED,
    UNFIT,
    Draft,
    FixError,
    Moves,
    Outcome,
    Piece,
    draft,
    edit,
    merge,
    split,
    undraft,
)
from reader.text.article import Article, compose

ANCHOR_LEN = 16

def anchor_at(d: Draft, index: int, start: int) -> dict[str, Any]:
    text = d.text()
    if not text:
        raise FixError("no-text", "the article has no text to hold on to")
    start = min(max(0, start), len(text) - 1)
    end = next((o + len(p.shown()) for p, o in zip(d.pieces, d.offsets()) if o <= start < o + len(p.shown())),
               len(text))
    a = anchors.make_anchor(text, start, min(end, start + ANCHOR_LEN))
    return {"start": a.start, "end": a.end, "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix,
            "article": index}


def article_anchor(d: Draft, index: int) -> dict[str, Any]:
    """The anchor of a whole article: the start of its first body block (else of its text)."""
    body = d.body()
    return anchor_at(d, index, d.offsets()[body[0]] if body else 0)


def locate(anchor: dict[str, Any], drafts: list[Draft]) -> tuple[int, int] | None:
    """``(article index, offset)`` of an anchor in ``drafts``, or None when its text is gone."""
    a = anchors.Anchor(int(anchor["start"]), int(anchor["end"]), anchor["quote"], anchor["prefix"], anchor["suffix"])
    texts = [d.text() for d in drafts]
    hint = int(anchor.get("article", 0))
    if 0 <= hint < len(texts) and anchors.reanchor(a, texts[hint]).status == anchors.EXACT:
        return hint, a.start
    best: tuple[float, int, int, int] | None = None
    for n, text in enumerate(texts):
        got = anchors.reanchor(a, text)
        if got.placed and got.start is not None:
            key = (got.score, -abs(n - hint), n, got.start)
            if best is None or key > best:
                best = key
    return (best[2], best[3]) if best is not None else None


def make_fix(drafts: list[Draft], op: str, i: int, page_text: str | None = None, **args: Any) -> dict[str, Any]:
    """The fix for a request on article ``i`` (``at`` for a split, ``other`` = ``next`` /
    ``prev`` for a merge, ``values`` for an edit); raises :class:`FixError` when it cannot be
    made.  :func:`apply_fix` then carries it out."""
    d = drafts[i]
    if op == "split":
        at = int(args["at"])
        split(drafts, i, at, page_text)  # refuses a split that cannot be made
        offsets = d.offsets()
        k = next(n for n in range(len(d.pieces)) if offsets[n] <= at <= offsets[n] + len(d.pieces[n].shown()))
        if at == offsets[k] + len(d.pieces[k].shown()):
            at = offsets[k + 1]
        return {"op": "split", "at": anchor_at(d, i, at)}
    if op == "merge":
        j = i + 1 if args.get("other") == "next" else i - 1
        if not 0 <= j < len(drafts):
            raise FixError("no-neighbour", f"article {i + 1} of the page has no {args.get('other')} article")
        first, second = sorted((i, j))
        return {"op": "merge", "first": article_anchor(drafts[first], first),
                "second": article_anchor(drafts[second], second)}
    if op == "edit":
        values = dict(args["values"])
        edit(drafts, i, values)
        return {"op": "edit", "at": article_anchor(d, i), "set": values}
    raise FixError("bad-fix", f"unknown fix {op!r}")


def _satisfied_split(d: Draft, at: int) -> bool:
    body = d.body()
    return at == 0 or (bool(body) and at == d.offsets()[body[0]]) or \
        any(p.kind == "title" and o == at for p, o in zip(d.pieces, d.offsets()))


def apply_fix(drafts: list[Draft], fix: dict[str, Any], page_text: str | None = None) -> tuple[list[Draft], Outcome]:
    """Carry out ``fix`` on the page's drafts (see the module docstring)."""
    same = list(range(len(drafts)))
    try:
        op = fix.get("op")
        if op == "split":
            found = locate(fix["at"], drafts)
            if found is None:
                return drafts, Outcome(UNFIT, "the text where the article was split is no longer on the page")
            i, at = found
            if _satisfied_split(drafts[i], at):
                return drafts, Outcome(SATISFIED, kept=list(same))
            new = split(drafts, i, at, page_text)
            kept: list[int | None] = [*same[:i + 1], None, *same[i + 1:]]
            return new, _outcome(new, kept, {})
        if op == "merge":
            a, b = locate(fix["first"], drafts), locate(fix["second"], drafts)
            if a is None or b is None:
                return drafts, Outcome(UNFIT, "the text of an article to merge is no longer on the page")
            if a[0] == b[0]:
                return drafts, Outcome(SATISFIED, kept=list(same))
            first, second = sorted((a[0], b[0]))
            new = merge(drafts, first, second)
            kept = [n for n in same if n != second]
            return new, _outcome(new, kept, {second: first})
        if op == "edit":
            found = locate(fix["at"], drafts)
            if found is None:
                return drafts, Outcome(UNFIT, "the text of the edited article is no longer on the page")
            i = found[0]
            new = edit(drafts, i, fix.get("set") or {})
            if undraft(new[i]) == undraft(drafts[i]):
                return drafts, Outcome(SATISFIED, kept=list(same))
            return new, _outcome(new, list(same), {})
        return drafts, Outcome(UNFIT, f"unknown fix {op!r}")
    except FixError as exc:
        return drafts, Outcome(UNFIT, str(exc))
    except (KeyError, TypeError, ValueError) as exc:
        return drafts, Outcome(UNFIT, f"a damaged fix ({type(exc).__name__}: {exc})")


def _outcome(new: list[Draft], kept: list[int | None], absorbed: dict[int, int]) -> Outcome:
    moves = Moves()
    moves.add(new)
    return Outcome(APPLIED, moves=moves, kept=kept, absorbed=absorbed)


def renumber(drafts: list[Draft], base: int) -> list[Draft]:
    """Positions ``base``, ``base + 1`` … in page order, and pieces' origins reset to the new
    articles (so that a next fix's moves start from this state)."""
    out = []
    for n, d in enumerate(drafts):
        pieces = [Piece(p.kind, p.text, (n, o), p.parts) for p, o in zip(d.pieces, d.offsets())]
        out.append(Draft(replace(d.base, position=base + n), pieces, d.loose))
    return out


def apply_fixes(articles: list[Article], fixes: list[dict[str, Any]],
                page_text: str | None = None) -> tuple[list[Article], list[Outcome]]:
    """Apply the fixes of a page in order to its fresh parse; every fix gets an outcome (none is
    dropped: an unfit one says why)."""
    if not fixes:
        return articles, []
    base = min((a.position for a in articles), default=0)
    drafts = [draft(a, n) for n, a in enumerate(articles)]
    outcomes = []
    for fix in fixes:
        drafts, outcome = apply_fix(drafts, fix, page_text)
        drafts = renumber(drafts, base)
        outcomes.append(outcome)
    return [undraft(d) for d in drafts], outcomes


def check_composed(article: Article, text: str) -> bool:
    """True when ``article`` composes to ``text`` (a stored article can be taken apart)."""
    return compose(article)[0] == text
