"""Undoable steps of the analyses: setting a document variable (on one or many articles, or from
a CSV) and writing the accepted annotations of "code every occurrence".  Each is one entry on the
window's undo stack; undo puts back exactly what was there."""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis import autocode
from reader.analysis import variables as var
from reader.changes import Change
from reader.corpus import Corpus
from ui.undo import Apply, CorpusCommand


def _restore(name: str, before: dict[int, str | None]) -> Change:
    groups: dict[str | None, list[int]] = {}
    for article_id, value in before.items():
        groups.setdefault(value, []).append(article_id)
    touched: set[int] = set()
    for value, ids in groups.items():
        touched |= set(var.set_variable(ids, name, value or "").article_ids)
    return Change("articles", tuple(sorted(touched)), fields=("variables",))


class SetVariableCommand(CorpusCommand):
    """``name`` = ``value`` on ``article_ids`` (an empty value clears it)."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, article_ids: Sequence[int], name: str, value: str) -> None:
        super().__init__(corpus, apply, text)
        self.ids, self.name, self.value = list(article_ids), var.check_name(name), value
        if self.name in var.PAGE_VARIABLES:  # a page fact: every article of those pages changes
            from reader.store.models import Article

            sources = Article.select(Article.source).where(Article.id.in_(self.ids))
            self.ids = [i for (i,) in Article.select(Article.id).where(Article.source.in_(sources)).tuples()]
        self.before = var.variable_of(self.name, self.ids)

    def do_again(self) -> Change:
        return var.set_variable(self.ids, self.name, self.value)

    def do_undo(self) -> Change:
        return _restore(self.name, self.before)


class ImportVariablesCommand(CorpusCommand):
    """Every value of a variables CSV; undo restores the variables it named."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, path: str) -> None:
        super().__init__(corpus, apply, text)
        self.path = path
        self.before = var.article_variables()
        self.report: var.VariableImport | None = None

    def first_redo(self) -> Change:
        self.report = var.import_csv(self.path)
        self.after = var.article_variables(self.report.articles)
        return Change("articles", tuple(sorted(self.report.articles)), fields=("variables",))

    def do_again(self) -> Change:
        assert self.report is not None
        for name in self.report.values:
            _restore(name, {i: self.after[i].get(name) for i in self.after})
        return Change("articles", tuple(sorted(self.report.articles)), fields=("variables",))

    def do_undo(self) -> Change:
        assert self.report is not None
        for name in self.report.values:
            _restore(name, {i: self.before.get(i, {}).get(name) for i in self.report.articles})
        return Change("articles", tuple(sorted(self.report.articles)), fields=("variables",))


class AutocodeCommand(CorpusCommand):
    """The accepted proposals written as annotations with one tag, as one step."""

    def __init__(self, corpus: Corpus, apply: Apply, text: str, proposals: Sequence[autocode.Proposal], tag: str,
                 author: str | None = None) -> None:
        super().__init__(corpus, apply, text)
        self.proposals, self.tag, self.author = list(proposals), tag, author
        self.snapshots: list = []
        self.written: list = []
        self.new_tag = not any(t.name == tag.strip() for t in corpus.tags())
        self.tag_snapshot = None

    def _change(self) -> Change:
        return Change("annotations", tuple(sorted({s.article_id for s in self.snapshots})),
                      tuple(s.id for s in self.snapshots))

    def first_redo(self) -> Change:
        self.written, _change = autocode.write(self.corpus, self.proposals, self.tag, self.author)
        self.snapshots = [self.corpus.snapshot_annotation(a.id) for a in self.written]
        return self._change()

    def do_again(self) -> Change:
        from reader.store.models import database

        with database.atomic():
            if self.tag_snapshot is not None:
                self.corpus.restore_tag(self.tag_snapshot)
            for snap in self.snapshots:
                self.corpus.restore_annotation(snap)
        return self._change()

    def do_undo(self) -> Change:
        from reader.store.models import database

        with database.atomic():
            for snap in self.snapshots:
                self.corpus.delete_annotation(snap.id)
            tag = next((t for t in self.corpus.tags() if t.name == self.tag.strip()), None)
            if self.new_tag and tag is not None and self.corpus.tag_annotation_count(tag.id) == 0:
                self.tag_snapshot = self.corpus.snapshot_tag(tag.id)  # the tag came with this step
                self.corpus.delete_tag(tag.id)
        return self._change()
