"""Text in, structure out: reading page files, parsing pages into articles, dates, entities.

Nothing here touches the database.
"""
