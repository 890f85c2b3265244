"""Pizhu core: parsing, entities, storage, search, anchoring and export. Never imports Qt."""

__version__ = "0.1.0"
