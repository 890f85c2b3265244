"""The words the analyses count, and their ids.

:func:`words_of` is the one segmentation function of the word analyses: it calls the
recogniser's own segmenter (``reader.text.ner.segment`` on the recogniser's lexicon), so word
lists, keyness and collocations always see the same words as entity recognition, whatever
segmenter the recogniser uses.  :func:`segmenter_version` fingerprints it (and the layout of
:mod:`reader.analysis.termstats`), so stored statistics are rebuilt when it changes.
:class:`Vocabulary` maps terms to the stable ids of the ``term`` table.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from reader.store.models import database

if TYPE_CHECKING:
    from reader.text.ner.lexicon import Lexicon

LAYOUT = 5  # of the stored statistics (reader.analysis.termstats); part of the version
_NUMBER = re.compile(r"^[0-9０-９.．%％]+$")


def _lexicon() -> Lexicon:
    from reader.text import entities

    return entities._lexicon()


def words_of(text: str) -> list[str]:
    """The words of ``text`` in order, from the recogniser's segmentation (see module doc)."""
    from reader.text.ner import segment

    # a token with a dictionary tag (Han words, letter/digit runs) is a word; any other token is
    # one character, a word when it is a letter or digit (punctuation and spaces are not)
    return [t.text for t in segment.segment(text, _lexicon()) if t.tag or t.text.isalnum()]


WORD_SEPARATOR = "\x1f"
_KNOWN: dict[int, tuple[int, str]] = {}  # article id -> (hash of its text, its words joined)
_KNOWN_MAX = 20000


def remember_words(article_id: int, text: str, words: str) -> None:
    """Words an ingest worker already found for a just-stored article (:func:`words_of` of
    ``text``, joined by :data:`WORD_SEPARATOR`), so the term statistics need not segment it
    again in the writing process.  Bounded: beyond :data:`_KNOWN_MAX` articles, they do."""
    if len(_KNOWN) < _KNOWN_MAX:
        _KNOWN[article_id] = (hash(text), words)


def known_words(article_id: int, text: str) -> list[str] | None:
    """:func:`words_of` ``text`` (of ``article_id``) as :func:`remember_words` was given it for
    this very text; None when it was not."""
    known = _KNOWN.pop(article_id, None)
    if known is not None and known[0] == hash(text):
        return known[1].split(WORD_SEPARATOR) if known[1] else []
    return None


def forget_words() -> None:
    _KNOWN.clear()


_VERSION: list[str] = []


def segmenter_version() -> str:
    """A fingerprint of the segmentation code and data (and of this layout)."""
    if not _VERSION:
        from pathlib import Path

        from reader.text.ner import lexicon, segment

        digest = hashlib.sha256(f"layout{LAYOUT}".encode())
        for module in (segment, lexicon):
            digest.update(Path(module.__file__ or "").read_bytes())
        digest.update(str(getattr(lexicon, "CACHE_VERSION", "")).encode())
        try:
            for path in lexicon._inputs():
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}".encode())
        except (AttributeError, OSError):
            pass
        _VERSION.append(digest.hexdigest()[:16])
    return _VERSION[0]


# ---------------------------------------------------------------- vocabulary


class Vocabulary:
    """Term ids <-> (text, kind); ids are rows of ``term``, added as new terms appear."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], int] = {}
        self.texts: list[str] = [""]
        self.kinds: list[str] = [""]
        self.load()

    def load(self) -> None:
        rows = database.execute_sql("SELECT id, text, kind FROM term ORDER BY id").fetchall()
        size = (rows[-1][0] + 1) if rows else 1
        self.texts = [""] * size
        self.kinds = [""] * size
        for term_id, text, kind in rows:
            self.ids[(text, kind)] = term_id
            self.texts[term_id] = text
            self.kinds[term_id] = kind

    def __len__(self) -> int:
        return len(self.texts)

    def numbers(self) -> np.ndarray:
        """A mask over term ids: True where the term is a pure number (digits, ., %)."""
        if len(getattr(self, "_numbers", ())) != len(self.texts):
            self._numbers = np.array([bool(_NUMBER.match(t)) for t in self.texts], dtype=bool)
        return self._numbers

    def words(self) -> np.ndarray:
        """A mask over term ids: True for words (not entities)."""
        if len(getattr(self, "_words", ())) != len(self.kinds):
            self._words = np.array([k == "" for k in self.kinds], dtype=bool)
        return self._words

    def lookup(self, text: str, kind: str = "") -> int | None:
        return self.ids.get((text, kind))

    def add_all(self, items: Iterable[tuple[str, str]]) -> None:
        """Give every new (text, kind) an id (safe when another process adds terms too: the
        transaction holds the write lock, and the terms added meanwhile are read first, so no
        term gets two rows; ``term`` keeps no index of its texts, the vocabulary is in memory)."""
        new = sorted({item for item in items if item not in self.ids})
        if new:
            with database.atomic():
                self.extend()
                new = [item for item in new if item not in self.ids]
                for i in range(0, len(new), 300):
                    part = new[i:i + 300]
                    database.execute_sql("INSERT INTO term (text, kind) VALUES "
                                         + ", ".join(["(?, ?)"] * len(part)), [v for r in part for v in r])
        self.extend()

    def extend(self) -> None:
        """Read the terms added since this vocabulary was loaded."""
        rows = database.execute_sql("SELECT id, text, kind FROM term WHERE id >= ? ORDER BY id",
                                    (len(self.texts),)).fetchall()
        for term_id, text, kind in rows:
            if term_id >= len(self.texts):
                grow = term_id + 1 - len(self.texts)
                self.texts.extend([""] * grow)
                self.kinds.extend([""] * grow)
            self.texts[term_id] = text
            self.kinds[term_id] = kind
            self.ids[(text, kind)] = term_id


__all__ = ["LAYOUT", "Vocabulary", "segmenter_version", "words_of"]
