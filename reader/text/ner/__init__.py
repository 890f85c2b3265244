"""Layers of the entity recogniser behind :mod:`reader.text.entities`.

Rule layers: ``lexicon`` (compiled dictionaries and gazetteer, cached), ``segment`` (dictionary
word route; compiled rjieba for long runs), ``patterns`` (DATE, NUM), ``places`` (LOC), ``orgs``
(ORG), ``persons`` (PER), run together by ``rules``; ``candidate`` (overlap resolution).
Model: ``features`` (per-character attributes from the text and the rules' answer), ``model``
(the CRFsuite model: loading, tagging, ``train``), ``corpora`` (readers of the public corpora it
is trained and measured on).  Combination: ``merge`` (the merge policy), ``plausible`` (what a
model-only span must look like), ``document`` (document consistency and short-form links).
Each module states its contract in its docstring; none imports Qt or jieba.
"""
