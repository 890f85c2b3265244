"""Undo commands of the team tools: a merge and a consensus each undo as one step.

Both are carried out before they are pushed (the merge off the GUI thread), so the stack's first
``redo`` only broadcasts; undo takes back exactly the rows they added, redo puts the same rows
back (same ids)."""

from __future__ import annotations

from collections.abc import Callable

from reader.coding.annotations import AnnotationSnapshot
from reader.coding.merge import MergeReport, redo_merge, undo_merge
from reader.corpus import Change, Corpus
from ui.undo import Apply, CorpusCommand


class _DoneCommand(CorpusCommand):
    def __init__(self, corpus: Corpus, apply: Apply, text: str, change: Change) -> None:
        super().__init__(corpus, apply, text)
        self._pending = change
        self._prepared = True


class MergeCommand(_DoneCommand):
    """A finished merge (:func:`reader.coding.merge.merge_file`).  With ``recognise`` (the team
    tools' background run, :meth:`ui.team.TeamTools.recognise_again`) the articles whose
    occurrence fixes an undo or redo took away or put back are recognised again off the GUI
    thread, with progress and Cancel; the undo itself only writes rows."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, report: MergeReport,
                 recognise: Callable[[tuple[int, ...]], object] | None = None) -> None:
        super().__init__(corpus, apply, text, Change("annotations", report.article_ids,
                                                     tuple(report.annotations_added)))
        self.report = report
        self.recognise = recognise
        # as the merge left them: undo refuses if another writer changed one since
        self.after = [corpus.snapshot_annotation(i) for i in report.annotations_added]

    def do_undo(self) -> Change:
        here = self.recognise is None
        change = self.corpus.run_checked(self.after, (), lambda: undo_merge(self.corpus, self.report, here))
        self._entities_changed()
        return change

    def do_again(self) -> Change:
        here = self.recognise is None
        change = self.corpus.run_checked((), [s.id for s in self.after],
                                         lambda: redo_merge(self.corpus, self.report, here))
        self._entities_changed()
        return change

    def _entities_changed(self) -> None:
        """The merge's occurrence fixes went or came back: those articles' entities changed
        (now, or once the background recognition returns)."""
        if not self.report.fix_articles:
            return
        if self.recognise is not None:
            self.recognise(self.report.fix_articles)
        else:
            self.apply(Change("entities", self.report.fix_articles))

    def affected(self) -> Change:
        return Change("annotations", self.report.article_ids)


class ConsensusCommand(_DoneCommand):
    """Consensus annotations just written for one article."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, change: Change, created: list[int]) -> None:
        super().__init__(corpus, apply, text, change)
        self.snapshots: list[AnnotationSnapshot] = [corpus.snapshot_annotation(i) for i in created]

    def _delete(self) -> Change:
        articles: set[int] = set()
        for snap in self.snapshots:
            articles.update(self.corpus.delete_annotation(snap.id).article_ids)
        return Change("annotations", tuple(sorted(articles)), tuple(s.id for s in self.snapshots))

    def _restore(self) -> Change:
        articles: set[int] = set()
        for snap in self.snapshots:
            articles.update(self.corpus.restore_annotation(snap).article_ids)
        return Change("annotations", tuple(sorted(articles)), tuple(s.id for s in self.snapshots))

    def do_undo(self) -> Change:  # refused if another writer changed one of them since
        return self.corpus.run_checked(self.snapshots, (), self._delete)

    def do_again(self) -> Change:
        return self.corpus.run_checked((), [s.id for s in self.snapshots], self._restore)

    def affected(self) -> Change:
        return Change("annotations", tuple(sorted({s.article_id for s in self.snapshots})))
