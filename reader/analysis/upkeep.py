"""Keeping the analyses' precomputed data current after the corpus changes.

Called by :meth:`reader.corpus.Corpus.ingest` at the end of an ingest (so the work runs in the
same background job, with the same progress and cancel): new pages get their newspaper where
nothing names it yet, new and changed articles their reprint signatures and term statistics, and
a stored reprint clustering is brought up to date.
Every analysis also brings what it reads up to date itself, so a cancelled or skipped upkeep
only moves the work to the first query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def after_ingest(article_ids: Iterable[int] = (), progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> bool:
    """Name the newspapers of the new pages, update signatures, clusters (when the user has
    clustered before) and term statistics; False when cancelled."""
    from reader.analysis import reprints, termstats
    from reader.analysis.variables import detect_newspapers

    from reader.analysis.terms import forget_words

    try:
        detect_newspapers(article_ids)
        if reprints.update_signatures(progress, cancelled) < 0:
            return False
        if reprints.stored_threshold() is not None and not reprints.ensure_clusters(None, progress, cancelled):
            return False
        return termstats.ensure_current(progress, cancelled)
    finally:
        forget_words()  # words the ingest workers handed over (reader.analysis.terms.remember_words)


__all__ = ["after_ingest"]
