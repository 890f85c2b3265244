"""How many places a correction to the recogniser will change, before it is applied.

:func:`preview_edit` recognises, with today's corrections and with the edit applied, the lines
that contain a corrected text (the recogniser works line by line, so other lines cannot change)
and compares the two: entities added, removed and given another type, the articles touched, the
occurrences of the texts, and the occurrences an ``add`` leaves alone because a longer entity
holds them (see :mod:`reader.text.ner.user`).  Nothing is written.  A long job: it takes
``progress(done, total, label)`` and ``cancelled()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.coding.corrections import Correction, Edit, articles_containing
from reader.ingest import Cancelled, Progress
from reader.store.models import Article, EntityCorrection

if TYPE_CHECKING:
    from reader.corpus import Corpus

Span = tuple[int, int]


@dataclass(frozen=True)
class ImpactExample:
    """One changed place: the line around it and the entities there before and after."""

    article_id: int
    context: str
    before: tuple[tuple[str, str], ...]  # (text, type)
    after: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Impact:
    texts: tuple[str, ...]
    occurrences: int = 0
    articles: int = 0  # articles that contain a corrected text
    changed_articles: int = 0  # articles whose entities change
    added: int = 0
    removed: int = 0
    retyped: int = 0
    inside_longer: int = 0  # occurrences an "add" leaves inside a longer entity
    examples: tuple[ImpactExample, ...] = field(default_factory=tuple)
    cancelled: bool = False

    @property
    def changes(self) -> int:
        return self.added + self.removed + self.retyped

    def to_json(self) -> dict[str, object]:
        return {
            "texts": list(self.texts), "occurrences": self.occurrences, "articles": self.articles,
            "changed_articles": self.changed_articles, "changes": self.changes, "added": self.added,
            "removed": self.removed, "retyped": self.retyped, "inside_longer": self.inside_longer,
            "cancelled": self.cancelled,
            "examples": [{"article": e.article_id, "context": e.context, "before": [list(x) for x in e.before],
                          "after": [list(x) for x in e.after]} for e in self.examples],
        }


def _rows_after(edit: Edit) -> set[Correction]:
    rows = {Correction(r.text, r.type or None, r.action) for r in EntityCorrection.select()}
    return (rows - set(edit.delete)) | set(edit.insert)


def _recognizer(rows: set[Correction]):  # type: ignore[no-untyped-def]
    from reader.text.entities import Recognizer

    return Recognizer(user_entries=[(c.text, c.type) for c in rows if c.action == "add" and c.type],
                      rejected=[(c.text, c.type) for c in rows if c.action == "reject"])


def _occurrences(line: str, text: str) -> list[int]:
    out, at = [], line.find(text)
    while at >= 0:
        out.append(at)
        at = line.find(text, at + len(text))
    return out


def preview_edit(
    corpus: Corpus, edit: Edit, progress: Progress | None = None, cancelled: Cancelled | None = None,
    examples: int = 6,
) -> Impact:
    """What applying ``edit`` would change (see the module docstring)."""
    texts = tuple(edit.texts())
    ids = articles_containing(texts)
    before_rec = corpus.recognizer()
    after_rec = _recognizer(_rows_after(edit))
    adds = [c.text for c in edit.insert if c.action == "add"]
    counts = {"occurrences": 0, "changed_articles": 0, "added": 0, "removed": 0, "retyped": 0, "inside_longer": 0}
    shown: list[ImpactExample] = []
    stopped = False
    for index, article_id in enumerate(ids):
        if cancelled is not None and cancelled():
            stopped = True
            break
        row = Article.get_by_id(article_id)
        if progress is not None:
            progress(index, len(ids), row.display_title)
        touched = False
        for line in row.text.split("\n"):
            if not any(t in line for t in texts):
                continue
            counts["occurrences"] += sum(len(_occurrences(line, t)) for t in texts)
            old = {(e.start, e.end): (e.text, e.type) for e in before_rec.recognize(line)}
            new = {(e.start, e.end): (e.text, e.type) for e in after_rec.recognize(line)}
            for text in adds:
                counts["inside_longer"] += sum(
                    1 for at in _occurrences(line, text)
                    if (at, at + len(text)) not in new
                    and any(s <= at and at + len(text) <= e and e - s > len(text) for s, e in new))
            gone = [s for s in old if s not in new]
            came = [s for s in new if s not in old]
            retyped = [s for s in old if s in new and old[s][1] != new[s][1]]
            if not (gone or came or retyped):
                continue
            touched = True
            counts["removed"] += len(gone)
            counts["added"] += len(came)
            counts["retyped"] += len(retyped)
            if len(shown) < examples:
                spans = gone + came + retyped
                lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
                shown.append(ImpactExample(
                    article_id, line[max(0, lo - 8):hi + 8],
                    tuple(v for s, v in sorted(old.items()) if s[1] > lo and s[0] < hi),
                    tuple(v for s, v in sorted(new.items()) if s[1] > lo and s[0] < hi)))
        counts["changed_articles"] += touched
    if progress is not None:
        progress(len(ids), len(ids), "")
    return Impact(texts, articles=len(ids), examples=tuple(shown), cancelled=stopped, **counts)
