"""Entity recognition for Chinese news: PER, LOC, ORG, DATE and NUM.

Contract: :meth:`Recognizer.recognize` returns :class:`Entity` objects sorted by start,
non-overlapping, with code-point offsets (end exclusive) into the text it was given; an entity
never crosses a newline.  Each entity names what produced it in ``source``: ``"user"`` (the
corpus's corrections), ``"model"`` (the trained sequence model), ``"pattern:date"``,
``"pattern:num"``, ``"gazetteer"`` (divisions, world places, the known-name lists), ``"jieba"``
(a proper-noun word of the dictionary that passed the filters) or ``"rule:<name>"``:
``org-suffix``, ``org-company``, ``title-name``, ``surname``, ``byline``, ``credit``,
``anonymised``, ``familiar`` (老 + a surname: 老李), ``foreign-name``, ``landmark``,
``abbreviation``, and for the document pass
``consistency`` (a later bare mention of a name found in the article) and ``short-form`` (a
short form of an organisation found in full).  ``canonical`` is the full name a short form
stands for in this text (``区纪委监委`` → ``娄星区纪委监委``), ``""`` otherwise.

How it is built (each layer in ``reader/text/ner/``): the rule layers (``rules``: ``segment``,
``patterns``, ``places``, ``orgs``, ``persons``) propose candidates; their resolved answer and the
dictionary tokens become features (``features``) of a character CRF (``model``, trained by
``data/build_ner_model.py``); ``merge`` states how model spans and rule spans combine; user
entries then outrank everything and rejected ``(text, type)`` pairs (``type`` ``None`` = any
type) are dropped; last, ``document`` makes the article consistent with itself.  Without the
model file (or with ``model=False``) the rule layers answer alone, as before.

User corrections outrank everything: every occurrence of a user entry's text is tagged with its
type unless it lies inside a longer entity (:mod:`reader.text.ner.user`), and a rejected
``(text, type)`` pair is never tagged.

Everything heavy loads lazily on first use; importing this module is cheap and never imports
jieba or CRFsuite.  A :class:`Recognizer` pickles as its configuration, so it can be sent to a
worker process, which loads its own dictionaries and model; :func:`recognize_in_worker` is a
module-level function for process pools (``pool.map(recognize_in_worker, texts)``).
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.text.ner.candidate import Candidate
    from reader.text.ner.lexicon import Lexicon
    from reader.text.ner.model import Model
    from reader.text.ner.segment import Token

ENTITY_TYPES = ("PER", "LOC", "ORG", "DATE", "NUM")

_LOCK = threading.Lock()
_LEXICON: list[Lexicon] = []


@dataclass(frozen=True)
class Entity:
    """A recognised entity: code-point span (end exclusive), type, surface text, source, and the
    full name it is a short form of in its text (``""`` when it is not one)."""

    start: int
    end: int
    type: str
    text: str
    source: str
    canonical: str = ""


def _lexicon() -> Lexicon:
    """Return the process-wide lexicon, loading it on first use."""
    if not _LEXICON:
        with _LOCK:
            if not _LEXICON:
                from reader.text.ner.lexicon import load

                collect = gc.isenabled()
                gc.disable()  # the load allocates ~10^6 objects, none of them cyclic garbage
                try:
                    _LEXICON.append(load())
                finally:
                    if collect:
                        gc.enable()
    return _LEXICON[0]


class Recognizer:
    """Recognises entities in text; see the module docstring for the contract.

    ``user_entries`` are ``(text, type)`` pairs always tagged; ``rejected`` are
    ``(text, type or None)`` pairs never tagged.  ``model`` is ``True`` for the model in use
    (:func:`reader.text.ner.model.model_path`), a path for another model file, or ``False`` for
    the rule layers alone; ``consistency`` turns the document pass on or off.  Instances are
    cheap; the lexicon and the model are shared per process.
    """

    def __init__(
        self,
        user_entries: Iterable[tuple[str, str]] = (),
        rejected: Iterable[tuple[str, str | None]] = (),
        model: bool | str | Path = True,
        consistency: bool = True,
    ) -> None:
        self._user: dict[str, str] = {}
        for text, etype in user_entries:
            if etype not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {etype!r}")
            if text and "\n" not in text:
                self._user[text] = etype
        self._rejected_any: frozenset[str] = frozenset(t for t, ty in rejected if ty is None)
        self._rejected: frozenset[tuple[str, str]] = frozenset(
            (t, ty) for t, ty in rejected if ty is not None
        )
        self._model_spec: bool | str = model if isinstance(model, bool) else str(model)
        self._model: Model | None | bool = False if model is False else None  # None: not loaded
        self.consistency = consistency
        words = sorted(self._user, key=len, reverse=True)
        self._user_re = re.compile("|".join(map(re.escape, words))) if words else None

    # -- pickling: the configuration only; the worker loads its own lexicon and model ---------
    def __getstate__(self) -> dict[str, Any]:
        return {"user": sorted(self._user.items()),
                "rejected": sorted(self._rejected) + [(t, None) for t in sorted(self._rejected_any)],
                "model": self._model_spec, "consistency": self.consistency}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["user"], state["rejected"], state["model"],  # type: ignore[misc]
                      state["consistency"])

    @property
    def model(self) -> Model | None:
        """The sequence model this recogniser uses, loaded on first use (``None``: rules only)."""
        if self._model is None:
            from reader.text.ner import model as model_module

            spec = self._model_spec
            path = None if spec is True else Path(str(spec))
            self._model = model_module.load(path) or False
        return self._model or None

    def recognize(self, text: str) -> list[Entity]:
        """Return the entities of ``text``, sorted by start and non-overlapping."""
        resolve, keep_user_entries = _layers()[:2]  # an entry never cuts a longer entity
        lexicon = _lexicon()
        out: list[Entity] = []
        offset = 0
        tokens: dict[int, list[Token]] = {}
        collect = gc.isenabled()
        gc.disable()  # recognition makes no cyclic garbage: the collector's passes are pure cost
        try:
            for number, line in enumerate(text.split("\n")):
                if line.strip():
                    cands, tokens[number] = self._candidates(line, lexicon)
                    for cand in resolve(keep_user_entries(cands, resolve)):
                        out.append(Entity(offset + cand.start, offset + cand.end, cand.type,
                                          line[cand.start:cand.end], cand.source))
                offset += len(line) + 1
            if self.consistency and out:
                from reader.text.ner.document import make_consistent

                out = make_consistent(text, out, lexicon, self._allowed, frozenset(self._user), tokens)
        finally:
            if collect:
                gc.enable()
        return out

    def recognize_many(self, texts: Iterable[str]) -> Iterator[list[Entity]]:
        """Yield :meth:`recognize` of each text, in order."""
        for text in texts:
            yield self.recognize(text)

    def features(self, line: str) -> list[list[str]]:
        """The model's attributes of each character of one line (no newline in ``line``)."""
        from reader.text.ner.candidate import resolve
        from reader.text.ner.features import line_features
        from reader.text.ner.rules import rule_candidates

        lexicon = _lexicon()
        tokens, cands = rule_candidates(line, lexicon)
        return line_features(line, tokens, resolve(cands), lexicon)

    def _allowed(self, text: str, etype: str) -> bool:
        return text not in self._rejected_any and (text, etype) not in self._rejected

    def _candidates(self, line: str, lexicon: Lexicon) -> tuple[list[Candidate], list[Token]]:
        """Merged model and rule candidates of one line, plus user entries, minus rejections;
        and the line's tokens."""
        (resolve, _, tidy, USER, Candidate, enumerated, rule_candidates, line_features, merge,
         ordinary_stretch, plausible, STRUCTURAL, can_name) = _layers()

        tokens, cands = rule_candidates(line, lexicon)
        rejecting = bool(self._rejected_any or self._rejected)
        model = self.model
        if model is not None:
            ruled = resolve(cands)  # the model sees the rules' own answer, whatever the user says
            # only STRUCTURAL rule spans read the marginals
            needs = any(c.source in STRUCTURAL for c in ruled)
            spans = model.spans(line, line_features(line, tokens, ruled, lexicon), needs) if (
                can_name(line)) else []
            if rejecting:  # a rejected span gives way to what the layers found inside it
                spans = [x for x in spans if self._allowed(line[x[0]:x[1]], x[2])]
                ruled = resolve([c for c in cands if self._allowed(line[c.start:c.end], c.type)])
            cands = merge(ruled, spans, lambda s, e, t: plausible(line, tokens, s, e, t, lexicon),
                          lambda s, e: ordinary_stretch(line, tokens, s, e, lexicon), line, tokens)
            cands = tidy(line, tokens, cands, lexicon)
            cands += enumerated(line, tokens, cands, lexicon)
        else:
            cands = tidy(line, tokens, cands, lexicon)
            cands += enumerated(line, tokens, resolve(cands), lexicon)
        if self._user_re is not None:
            for match in self._user_re.finditer(line):
                etype = self._user[match.group(0)]
                cands.append(Candidate(match.start(), match.end(), etype, "user", USER))
        if not rejecting:
            return cands, tokens
        return [c for c in cands if self._allowed(line[c.start:c.end], c.type)], tokens


_LAYERS: list[tuple[Any, ...]] = []


def _layers() -> tuple[Any, ...]:
    """The layer functions the per-line path calls, imported on first use (importing this module
    stays cheap; a ``from … import`` in the loop cost about a microsecond each, every line)."""
    if not _LAYERS:
        from reader.text.ner.boundaries import tidy
        from reader.text.ner.candidate import USER, Candidate, resolve
        from reader.text.ner.features import line_features
        from reader.text.ner.merge import STRUCTURAL, merge
        from reader.text.ner.model import can_name
        from reader.text.ner.persons import enumerated
        from reader.text.ner.plausible import ordinary_stretch, plausible
        from reader.text.ner.rules import rule_candidates
        from reader.text.ner.user import keep_user_entries

        _LAYERS.append((resolve, keep_user_entries, tidy, USER, Candidate, enumerated, rule_candidates,
                        line_features, merge, ordinary_stretch, plausible, STRUCTURAL, can_name))
    return _LAYERS[0]


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    """Return the shared recogniser with no user entries and no rejections."""
    return Recognizer()


_WORKER: list[Recognizer] = []


def set_worker_recognizer(recognizer: Recognizer) -> None:
    """Use ``recognizer`` for :func:`recognize_in_worker` in this process (a pool initializer)."""
    _WORKER[:] = [recognizer]


def recognize_in_worker(text: str) -> list[Entity]:
    """:meth:`Recognizer.recognize` with this process's recogniser (the default one unless
    :func:`set_worker_recognizer` chose another); picklable, for process pools."""
    if not _WORKER:
        _WORKER.append(default_recognizer())
    return _WORKER[0].recognize(text)


def recognize_parallel(
    texts: Iterable[str], recognizer: Recognizer | None = None, jobs: int = 0, batch: int = 512,
) -> Iterator[list[Entity]]:
    """Yield the entities of each text, in order, recognised by ``jobs`` worker processes.

    ``jobs`` 0 means one per core; 1 (or a platform without ``fork``) recognises in this
    process.  Workers are forked before anything heavy is loaded and load the lexicon and the
    model themselves, side by side (forking after the load would make every worker copy the
    parent's pages as it touches them: measured slower than one process); texts go out in
    batches of ``batch``.
    """
    import os

    rec = recognizer or default_recognizer()
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1:  # one process needs no multiprocessing import (~8 ms of a ner run's start)
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1
    if jobs <= 1:
        yield from rec.recognize_many(texts)
        return
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=set_worker_recognizer,
                             initargs=(rec,)) as pool:
        chunk: list[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) == batch:
                yield from pool.map(recognize_in_worker, chunk, chunksize=max(1, batch // (4 * jobs)))
                chunk = []
        if chunk:
            yield from pool.map(recognize_in_worker, chunk, chunksize=max(1, len(chunk) // (4 * jobs)))
