"""What a page file knows about itself, mixed into ``Corpus``: its date, newspaper and printed
page number (every article of the page shares them), readable and editable from the reader;
and the file's own facts.  A write returns the :class:`Change` naming the articles it touched.
No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.changes import Change, CorpusError
from reader.store.models import Article, SourceFile


@dataclass(frozen=True)
class PageFacts:
    """What is known about one ingested page file (every article of it shares these)."""

    source: str
    path: str
    published: dt.date | None
    paper: str | None
    page: int | None
    encoding: str
    size: int
    ingested: dt.datetime


class PageFactsOps:
    """Page-file facts (see the module docstring)."""

    def page_facts(self, source: str) -> PageFacts:
        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        return PageFacts(source=row.name, path=row.path, published=row.published, paper=row.paper,
                         page=row.page, encoding=row.encoding, size=row.size, ingested=row.ingested)

    def page_facts_known(self) -> dict[str, bool]:
        """Whether any page has a date, a newspaper, a printed page number (for the list's
        columns: one with nothing in it need not take room)."""
        def known(field) -> bool:  # type: ignore[no-untyped-def]
            return SourceFile.select().where(field.is_null(False)).exists()

        return {"date": known(SourceFile.published), "paper": known(SourceFile.paper),
                "page": known(SourceFile.page)}

    def set_page_facts(self, source: str, published: dt.date | None, paper: str | None,
                       page: int | None) -> Change:
        """Set the date, newspaper and printed page number of the page file ``source`` (None
        or "" clears a fact); returns the articles of that page as changed."""
        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        if page is not None and page <= 0:
            raise CorpusError("bad-page", f"a page number is a positive number, not {page}")
        row.published = published
        row.paper = (paper or "").strip() or None
        row.page = page
        row.save()
        ids = tuple(a.id for a in Article.select(Article.id).where(Article.source == row))
        return Change("articles", ids)
