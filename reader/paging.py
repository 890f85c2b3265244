"""Paged reads for lazy list models, mixed into ``Corpus``: counts, ids in order, rows by id.

Contract for a lazy model: ask :meth:`PagingOps.article_count` for the size, keep the
:meth:`PagingOps.article_ids` list (ints; about 1 MB at 100,000 articles), and fetch
:meth:`PagingOps.article_rows` for the rows being shown, a page (e.g. 200 ids) at a time.  Sorting
and filtering happen in SQL; no call reads an article's text.  After a write, the returned
``Change`` names the article ids to re-fetch with :meth:`PagingOps.article_rows`; only a change of
kind ``articles`` with no ids (or an ingest) needs the id list again.

The annotation list pages the same way: :meth:`PagingOps.annotation_ids` (filters and sort in
SQL) and :meth:`PagingOps.annotation_rows` (records with their articles' titles, a page at a time).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.records import ArticleSummary
from reader.store import listing
from reader.store.listing import ARTICLE_SORTS, ArticleFilter, ArticleSort

if TYPE_CHECKING:
    from reader.coding.annotation_listing import AnnotationRow
    from reader.coding.annotations import AnnotationQuery

__all__ = ["ARTICLE_SORTS", "ArticleFilter", "ArticleSort", "PagingOps"]


class PagingOps:
    """Article list paging (see the module docstring)."""

    def article_count(self, filter: ArticleFilter = ArticleFilter()) -> int:  # noqa: A002
        """How many articles ``filter`` lets through."""
        return listing.article_count(filter)

    def article_ids(
        self, sort: ArticleSort = "page", filter: ArticleFilter = ArticleFilter(),  # noqa: A002
        descending: bool = False, offset: int = 0, limit: int | None = None,
    ) -> list[int]:
        """Ids of the articles ``filter`` lets through in ``sort`` order (one of
        :data:`ARTICLE_SORTS`; ties in page order), optionally a window ``offset``/``limit``."""
        return listing.article_ids(filter, sort, descending, offset, limit)

    def article_rows(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """The list rows of ``ids``, in the given order; ids that do not exist are skipped."""
        return listing.article_rows(ids)

    def article_titles(self, ids: Sequence[int]) -> dict[int, str]:
        """The shown titles of the articles ``ids`` (for labels and tooltips; no text read)."""
        return listing.article_titles(ids)

    # -- annotations ----------------------------------------------------------------------
    def annotation_ids(self, query: AnnotationQuery | None = None, sort: str = "article",
                       descending: bool = False) -> list[int]:
        """Ids of the annotations ``query`` lets through (tag including its descendants) in
        ``sort`` order (see :data:`reader.coding.annotation_listing.ANNOTATION_SORTS`)."""
        from reader.coding import annotation_listing
        from reader.coding.annotations import AnnotationQuery

        query = query or AnnotationQuery()
        tags = self.tag_descendants(query.tag_id) if query.tag_id is not None else None  # type: ignore[attr-defined]
        return annotation_listing.annotation_ids(query, tags, sort, descending)

    def annotation_rows(self, ids: Sequence[int]) -> list[AnnotationRow]:
        """The annotation list rows of ``ids`` in the given order; unknown ids are skipped."""
        from reader.coding import annotation_listing

        return annotation_listing.annotation_rows(ids)
