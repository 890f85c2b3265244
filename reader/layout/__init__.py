"""Layout repair for newspaper page dumps: a pipeline of small pure steps.

``units`` (lines with their gaps) -> ``classify`` (shapes, then roles in context) ->
``skeleton`` (article skeletons in page order) -> ``repair`` (column breaks, jumps) ->
``finish`` (skeletons become :class:`reader.article.Article`).  ``reader.pages`` is the entry point.
"""
