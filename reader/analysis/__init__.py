"""Analyses over the store: statistics, concordance (KWIC) and the entity index."""
