"""The facade's vocabulary for writes: the :class:`Change` a write returns and the
:class:`CorpusError` a refused request raises.  Imports nothing of the core, so every module of
it can use these without an import circle."""

from __future__ import annotations

from dataclasses import dataclass


class CorpusError(Exception):
    """A request the corpus cannot carry out; ``code`` names the problem for the UI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_range(start: int, end: int, length: int) -> None:
    """Refuse a passage ``start``-``end`` (code points) that is not a non-empty part of a
    ``length``-character article, saying which way it is wrong (``bad-range``)."""
    if start > end:
        raise CorpusError("bad-range", f"range {start}-{end} is reversed: the start must come before the end")
    if start == end:
        raise CorpusError("bad-range", f"range {start}-{end} is empty: the end must come after the start")
    if start < 0 or end > length:
        raise CorpusError("bad-range", f"range {start}-{end} is outside the article's {length} characters")


@dataclass(frozen=True)
class Change:
    """What a write changed: ``kind`` is e.g. ``annotations``, ``tags``, ``articles``,
    ``entities``; ``article_ids`` the articles touched (empty = possibly all); ``fields`` the
    fields of those rows that changed, when the write knows (empty = any, the text included):
    a reading state change is ``Change("articles", (id,), fields=("state",))``."""

    kind: str
    article_ids: tuple[int, ...] = ()
    ids: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()

    def only(self, *fields: str) -> bool:
        """Whether the write names its changed fields and they are all among ``fields``."""
        return bool(self.fields) and set(self.fields) <= set(fields)
