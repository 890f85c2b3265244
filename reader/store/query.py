"""The search query language: parsing, FTS5 translation and reference matching.

Terms separated by spaces are ANDed; ``"exact phrase"`` (may contain spaces); ``AND``, ``OR``,
``NOT`` (upper case), ``-term`` for NOT; parentheses.  Precedence NOT > AND > OR.
:func:`matches` is the reference semantics that the FTS5 expression of :func:`to_fts` narrows;
:func:`find_hits` gives hit spans (code points, end exclusive).  Pure: no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]


def index_tokens(text: str) -> str:
    """The FTS5 document for ``text``: one space-separated token per code point."""
    return " ".join(ch if ch.isalnum() else f"u{ord(ch):x}" for ch in text)


class SearchError(ValueError):
    """A query that cannot run; ``code`` is ``bad-regex``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- query language


@dataclass(frozen=True)
class Term:
    text: str


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Term | Not | And | Or

_LEX = re.compile(r'\s*(?:(-)(?=\S)|"([^"]*)"?|(\()|(\))|([^\s()"]+))')


def parse_query(query: str) -> Node | None:
    """Parse the query language into a tree; ``None`` for an empty query.  Never raises:
    an unclosed quote or parenthesis closes at the end, a stray ``)`` is ignored."""
    tokens: list[tuple[str, str]] = []
    for m in _LEX.finditer(query):
        minus, phrase, lpar, rpar, word = m.groups()
        if minus:
            tokens.append(("NOT", ""))
        elif phrase is not None:
            tokens.append(("term", phrase) if phrase.strip() else ("skip", ""))
        elif lpar:
            tokens.append(("(", ""))
        elif rpar:
            tokens.append((")", ""))
        elif word in ("AND", "OR", "NOT"):
            tokens.append((word, ""))
        elif word:
            tokens.append(("term", word))
    tokens = [t for t in tokens if t[0] != "skip"]
    pos = 0

    def peek() -> str | None:
        return tokens[pos][0] if pos < len(tokens) else None

    def parse_or() -> Node | None:
        nonlocal pos
        items = [parse_and()]
        while peek() == "OR":
            pos += 1
            items.append(parse_and())
        kept = [i for i in items if i is not None]
        return None if not kept else kept[0] if len(kept) == 1 else Or(tuple(kept))

    def parse_and() -> Node | None:
        nonlocal pos
        items: list[Node] = []
        while peek() not in (None, "OR", ")"):
            if peek() == "AND":
                pos += 1
                continue
            item = parse_unary()
            if item is not None:
                items.append(item)
        return None if not items else items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary() -> Node | None:
        nonlocal pos
        kind, text = tokens[pos]
        pos += 1
        if kind == "NOT":
            if peek() in (None, "OR", ")", "AND"):
                return None
            child = parse_unary()
            return Not(child) if child is not None else None
        if kind == "(":
            inner = parse_or()
            if peek() == ")":
                pos += 1
            return inner
        if kind == "term":
            return Term(text)
        return None  # a stray ")" at this level

    result: Node | None = None
    parts: list[Node] = []
    while pos < len(tokens):
        node = parse_or()
        if node is not None:
            parts.append(node)
        if peek() == ")":
            pos += 1
    if parts:
        result = parts[0] if len(parts) == 1 else And(tuple(parts))
    return result


def positive_terms(node: Node | None) -> list[str]:
    """Terms whose occurrences count as hits (every term not under a NOT), in query order."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Term):
        return [node.text]
    return [t for c in node.children for t in positive_terms(c)]


def to_fts(node: Node) -> str | None:
    """The FTS5 MATCH expression for ``node``, or ``None`` when FTS5 cannot narrow it
    (a purely negative query); those are answered by scanning."""
    if isinstance(node, Term):
        return '"' + index_tokens(node.text) + '"'
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        parts = [to_fts(c) for c in node.children]
        return None if any(p is None for p in parts) else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    positive = [to_fts(c) for c in node.children if not isinstance(c, Not)]
    if not positive or any(p is None for p in positive):
        return None
    expr = "(" + " AND ".join(positive) + ")"  # type: ignore[arg-type]
    for c in node.children:
        if isinstance(c, Not):
            neg = to_fts(c.child)
            if neg is None:
                return None
            expr = f"({expr} NOT {neg})"
    return expr


@lru_cache(maxsize=256)
def _term_re(term: str) -> re.Pattern[str]:
    return re.compile(re.escape(term), re.IGNORECASE)


def term_spans(text: str, term: str) -> list[Span]:
    """Non-overlapping, case-insensitive occurrences of ``term`` in ``text``."""
    return [m.span() for m in _term_re(term).finditer(text)]


def matches(node: Node | None, text: str) -> bool:
    """Whether ``text`` satisfies the query tree (the reference semantics FTS5 narrows)."""
    if node is None:
        return False
    if isinstance(node, Term):
        return _term_re(node.text).search(text) is not None
    if isinstance(node, Not):
        return not matches(node.child, text)
    if isinstance(node, And):
        return all(matches(c, text) for c in node.children)
    return any(matches(c, text) for c in node.children)


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def find_hits(text: str, query: str | Node | None, *, regex: bool = False) -> list[Span]:
    """All hit spans of ``query`` in ``text``: occurrences of its positive terms, merged where
    they overlap (or non-empty matches of the pattern when ``regex``), in text order."""
    if regex:
        return [m.span() for m in _compile(str(query)).finditer(text) if m.end() > m.start()]
    node = parse_query(query) if isinstance(query, str) else query
    return _merge(s for t in positive_terms(node) for s in term_spans(text, t))


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SearchError("bad-regex", f"bad regular expression: {exc}") from exc
