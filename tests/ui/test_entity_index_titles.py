"""The entity index no longer reads every article title when it refreshes: a tooltip asks the
corpus for the (at most 30) titles it shows, once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.corpus import Corpus
from ui.entity_index_view import EntityIndexModel, EntityIndexView


def test_tooltip_titles_are_read_when_shown_and_cached(qtbot, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    asked: list[list[int]] = []
    real = corpus.article_titles
    corpus.article_titles = lambda ids: asked.append(list(ids)) or real(ids)  # type: ignore[method-assign]
    view = EntityIndexView(corpus)  # no runner: the index is built at once
    qtbot.addWidget(view)
    view.refresh()
    assert asked == [] and view.model.rowCount() > 0
    column = EntityIndexModel.COLUMNS.index("articles")
    entry = view.model.entry(0)
    tip = view.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    articles = view.model.articles_of(entry.id)[:30]
    expected = [corpus.article(a).display_title for a in articles]
    assert tip.split("\n")[: len(expected)] == expected
    assert asked == [articles]
    view.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert len(asked) == 1  # cached
