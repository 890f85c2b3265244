"""Development material for the page parser, shared by tests and ``bench/``: whole printed pages
built from the shared People's Daily crawler files (:mod:`synth.rmrb`), the real-page gold
(:mod:`synth.gold`) and the harsh synthetic page generator (:mod:`synth.layout`).

Importable as ``synth`` from tests (pytest puts ``tests/`` on ``sys.path``) and from bench
scripts (they add ``tests/`` themselves).  Never imported by ``reader``.
"""
