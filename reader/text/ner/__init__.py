"""Layers of the entity recogniser behind :mod:`reader.text.entities`.

``lexicon`` (compiled dictionaries and gazetteer, cached), ``segment`` (dictionary word route),
``patterns`` (DATE, NUM), ``places`` (LOC), ``orgs`` (ORG), ``persons`` (PER) and ``candidate``
(overlap resolution).  Each module states its contract in its docstring; none imports Qt or jieba.
"""
