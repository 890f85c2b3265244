"""The store: peewee models, opening and migrating the database, and the full-text index."""
