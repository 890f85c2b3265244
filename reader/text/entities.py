"""Entity recognition for Hunan government news: PER, LOC, ORG, DATE and NUM.

Contract: :meth:`Recognizer.recognize` returns :class:`Entity` objects sorted by start,
non-overlapping, with code-point offsets (end exclusive) into the text it was given; an entity
never crosses a newline.  Each entity names the layer that produced it in ``source``:
``"user"``, ``"gazetteer"`` (divisions, world places, the known-name lists), ``"jieba"`` (a word
of jieba's dictionary tagged nr/ns/nt that passed the filters), ``"pattern:date"``,
``"pattern:num"`` or ``"rule:<name>"``: ``org-suffix``, ``org-company``, ``title-name``,
``surname``, ``byline``, ``credit``, ``anonymised``, ``foreign-name``, ``landmark``,
``abbreviation``.

Layers (each in ``reader/text/ner/``): ``segment`` (jieba's dictionary route without the HMM, on the
lexicon compiled by ``lexicon``), ``patterns`` (DATE/NUM), ``places`` (gazetteer LOC with
validated chains), ``orgs`` (organisation grammar), ``persons`` (PER rules), and ``candidate``
(overlap resolution: user entries first, then the outermost span, then priority).

User corrections outrank everything: every occurrence of a user entry's text is tagged with its
type unless it lies inside a longer entity (:mod:`reader.text.ner.user`), and a rejected ``(text, type)`` pair (``type`` ``None`` = any type) is never tagged.  The
dictionaries load lazily on first use; importing this module is cheap and never imports jieba
(so there is no jieba logging to silence: only jieba's dictionary file is read, once, to build
the cache).
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

    from reader.text.ner.candidate import Candidate
    from reader.text.ner.lexicon import Lexicon

ENTITY_TYPES = ("PER", "LOC", "ORG", "DATE", "NUM")

_LOCK = threading.Lock()
_LEXICON: list[Lexicon] = []


@dataclass(frozen=True)
class Entity:
    """A recognised entity: code-point span (end exclusive), type, surface text, source."""

    start: int
    end: int
    type: str
    text: str
    source: str


_MODULES: dict[str, ModuleType] = {}


def _layers() -> dict[str, ModuleType]:
    """Return the layer modules by name, importing them on first use."""
    if not _MODULES:
        from reader.text.ner import candidate, orgs, patterns, persons, places, segment

        _MODULES.update(candidate=candidate, orgs=orgs, patterns=patterns, persons=persons,
                        places=places, segment=segment)
    return _MODULES


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
    ``(text, type or None)`` pairs never tagged.  Instances are cheap; the lexicon is shared.
    """

    def __init__(
        self,
        user_entries: Iterable[tuple[str, str]] = (),
        rejected: Iterable[tuple[str, str | None]] = (),
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
        words = sorted(self._user, key=len, reverse=True)
        self._user_re = re.compile("|".join(map(re.escape, words))) if words else None

    def recognize(self, text: str) -> list[Entity]:
        """Return the entities of ``text``, sorted by start and non-overlapping."""
        resolve = _layers()["candidate"].resolve
        from reader.text.ner.user import keep_user_entries  # an entry never cuts a longer entity

        lexicon = _lexicon()
        out: list[Entity] = []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                candidates = keep_user_entries(self._candidates(line, lexicon), resolve)
                for cand in resolve(candidates):
                    out.append(
                        Entity(
                            offset + cand.start, offset + cand.end, cand.type,
                            line[cand.start:cand.end], cand.source,
                        )
                    )
            offset += len(line) + 1
        return out

    def recognize_many(self, texts: Iterable[str]) -> Iterator[list[Entity]]:
        """Yield :meth:`recognize` of each text, in order."""
        for text in texts:
            yield self.recognize(text)

    def _allowed(self, text: str, etype: str) -> bool:
        return text not in self._rejected_any and (text, etype) not in self._rejected

    def _candidates(self, line: str, lexicon: Lexicon) -> list[Candidate]:
        """All layers' candidates for one line (offsets relative to the line)."""
        layers = _layers()
        orgs, patterns, persons = layers["orgs"], layers["patterns"], layers["persons"]
        places, segment, candidate = layers["places"], layers["segment"], layers["candidate"]
        make = candidate.Candidate

        tokens = segment.segment(line, lexicon)
        cands: list[Candidate] = []
        cands += [make(s, e, "DATE", "pattern:date", 85) for s, e in patterns.find_dates(line)]
        cands += [make(s, e, "NUM", "pattern:num", 84) for s, e in patterns.find_numbers(line)]
        locs = places.find_places(tokens, lexicon)
        cands += locs
        cands += places.find_abbreviations(line, tokens)
        cands += orgs.find_orgs(tokens, lexicon, locs)
        cands += persons.byline(line, 0, lexicon)
        cands += persons.credits(line, lexicon)
        cands += persons.foreign_names(line, tokens)
        cands += persons.find_persons(tokens, lexicon)
        if self._user_re is not None:
            for match in self._user_re.finditer(line):
                etype = self._user[match.group(0)]
                cands.append(make(match.start(), match.end(), etype, "user", candidate.USER))
        if not self._rejected_any and not self._rejected:
            return cands  # nothing is rejected
        return [c for c in cands if self._allowed(line[c.start:c.end], c.type)]


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    """Return the shared recogniser with no user entries and no rejections."""
    return Recognizer()
