"""Code every occurrence, then review: propose one annotation with a tag for every hit of a
search query, an entity (with its aliases), a phrase list or a chosen set of concordance lines,
then write the accepted ones in one transaction.

A proposal whose exact passage already carries the tag is marked ``exists`` and is not written
again, so running the same coding twice adds nothing.  The UI writes accepted proposals as one
undoable step (its undo deletes exactly the annotations written here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.analysis.spec import FilterSpec
from reader.changes import Change, CorpusError
from reader.store.models import database
from reader.store.search import KwicLine

SOURCES = ("query", "entity", "phrase")


@dataclass(frozen=True)
class Proposal:
    """One hit to code: the passage ``start``–``end`` (code points) of an article."""

    article_id: int
    start: int
    end: int
    quote: str
    left: str = ""
    right: str = ""
    title: str = ""
    exists: bool = False

    def to_json(self, tag: str) -> dict[str, object]:
        return {"id": None, "article": self.article_id, "start": self.start, "end": self.end,
                "quote": self.quote, "tags": [tag], "exists": self.exists}


def _existing(tag: str, article_ids: Iterable[int]) -> set[tuple[int, int, int]]:
    ids = sorted(set(article_ids))
    out: set[tuple[int, int, int]] = set()
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        out.update(database.execute_sql(
            'SELECT n.article_id, n.start, n."end" FROM annotation AS n JOIN annotation_tag AS l '
            "ON l.annotation_id = n.id JOIN tag AS t ON t.id = l.tag_id WHERE t.name = ? "
            f"AND n.article_id IN ({', '.join('?' * len(part))})", [tag, *part]).fetchall())
    return out


def from_lines(lines: Sequence[KwicLine], tag: str) -> list[Proposal]:
    """Proposals for concordance lines (a KWIC selection), one per line, duplicates dropped."""
    have = _existing(tag, [k.article_id for k in lines])
    seen: set[tuple[int, int, int]] = set()
    out = []
    for k in lines:
        key = (k.article_id, k.start, k.end)
        if key in seen or k.end <= k.start:
            continue
        seen.add(key)
        out.append(Proposal(k.article_id, k.start, k.end, k.match, k.left, k.right, k.title, key in have))
    return out


def propose(source: str, value: str, tag: str, spec: FilterSpec | None = None, width: int = 20) -> list[Proposal]:
    """Proposals for every hit of ``value`` as a ``query``, an ``entity`` or a ``phrase`` (list)."""
    tag = tag.strip()
    if not tag:
        raise CorpusError("bad-tag", "a tag name cannot be empty")
    if not value.strip():
        raise CorpusError("bad-query", "nothing to search for")
    if source == "query":
        from reader.store.search import kwic

        lines = kwic(value, width=width, limit=None)
    elif source == "entity":
        from reader.analysis.entity_index import occurrences

        lines = occurrences(value, None, width)
    elif source == "phrase":
        from reader.analysis import phrases

        lines = phrases.phrase_kwic(phrases.resolve(value), width)
    else:
        raise CorpusError("bad-kind", f"unknown source {source!r} (use {', '.join(SOURCES)})")
    if spec is not None and not spec.is_empty():
        from reader.analysis.spec import select_ids

        keep = set(select_ids(spec))
        lines = [k for k in lines if k.article_id in keep]
    return from_lines(lines, tag)


def write(corpus: object, proposals: Sequence[Proposal], tag: str, author: str | None = None,
          note: str = "") -> tuple[list, Change]:
    """Write the proposals not marked ``exists`` as annotations with ``tag``, in one
    transaction; returns (the annotation records written, the change)."""
    todo = [p for p in proposals if not p.exists]
    written = []
    with database.atomic():
        for p in todo:
            written.append(corpus.annotate(p.article_id, p.start, p.end, tags=[tag], note=note,  # type: ignore[attr-defined]
                                           author=author))
    ids = tuple(a.id for a in written)
    return written, Change("annotations", tuple(sorted({a.article_id for a in written})), ids)


__all__ = ["SOURCES", "Proposal", "from_lines", "propose", "write"]
