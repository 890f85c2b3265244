"""The words the analyses count, and their ids.

:func:`words_of` is the one segmentation function of the word analyses: it calls the
recogniser's own segmenter (``reader.text.ner.segment`` on the recogniser's lexicon), so word
lists, keyness and collocations always see the same words as entity recognition, whatever
segmenter the recogniser uses.  :func:`segmenter_version` fingerprints it (and the layout of
:mod:`reader.analysis.termstats`), so stored statistics are rebuilt when it changes.
:class:`Vocabulary` maps terms to their stable ids (stored in blocks, ``term_block``).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Sequence
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


BLOCK = 4096  # terms a row of ``term_block`` holds


def pack_block(texts: Sequence[str], kinds: Sequence[str | None]) -> bytes:
    """One ``term_block`` row's terms (ids ``block * BLOCK`` on, in order; a kind of None: no
    term has that id): their distinct kinds, texts and kind numbers as JSON, deflated (a fifth
    of the bytes a row of the old ``term`` table took each)."""
    names = sorted({k for k in kinds if k is not None})
    body = {"kinds": names, "texts": list(texts), "kind": [-1 if k is None else names.index(k) for k in kinds]}
    return zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)


def unpack_block(blob: bytes) -> list[tuple[str, str | None]]:
    """(text, kind) per id of a :func:`pack_block` row (kind None: no term)."""
    body = json.loads(zlib.decompress(bytes(blob)).decode("utf-8"))
    names = body["kinds"]
    return [(t, None if k < 0 else names[k]) for t, k in zip(body["texts"], body["kind"])]


class Vocabulary:
    """Term ids <-> (text, kind); ids are stable and never reused, added as new terms appear.
    Stored in ``term_block`` (:data:`BLOCK` terms a row, :func:`pack_block`; step ``_term_blocks``),
    or in the one-row-a-term ``term`` table of a database before that step (while it migrates)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], int] = {}
        self.texts: list[str] = [""]
        self.kinds: list[str] = [""]
        self._gaps: set[int] = {0}  # ids without a term (id 0 is none)
        self.load()

    def load(self) -> None:
        self.ids = {}
        self.texts, self.kinds, self._gaps = [""], [""], {0}
        self._blocks = database.table_exists("term_block")
        self.extend()

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
        term gets two ids and none is lost; the vocabulary is in memory, ``term_block`` keeps
        no index of its texts).  The last block is rewritten with the new terms, then new
        blocks are added."""
        new = sorted({item for item in items if item not in self.ids})
        if new:
            with database.atomic():
                self.extend()
                new = [item for item in new if item not in self.ids]
                if new and not self._blocks:
                    for i in range(0, len(new), 300):
                        part = new[i:i + 300]
                        database.execute_sql("INSERT INTO term (text, kind) VALUES "
                                             + ", ".join(["(?, ?)"] * len(part)), [v for r in part for v in r])
                elif new:
                    first = len(self.texts)
                    for text, kind in new:
                        self._put(len(self.texts), text, kind)
                    for block in range(first // BLOCK, (len(self.texts) - 1) // BLOCK + 1):
                        lo, hi = block * BLOCK, min((block + 1) * BLOCK, len(self.texts))
                        kinds = [None if i in self._gaps else self.kinds[i] for i in range(lo, hi)]
                        database.execute_sql("INSERT OR REPLACE INTO term_block (id, terms) VALUES (?, ?)",
                                             (block, pack_block(self.texts[lo:hi], kinds)))
        self.extend()

    def _put(self, term_id: int, text: str, kind: str | None) -> None:
        if term_id >= len(self.texts):
            grow = term_id + 1 - len(self.texts)
            self._gaps.update(range(len(self.texts), term_id))
            self.texts.extend([""] * grow)
            self.kinds.extend([""] * grow)
        if kind is None:
            self._gaps.add(term_id)
            return
        self._gaps.discard(term_id)
        self.texts[term_id] = text
        self.kinds[term_id] = kind
        self.ids[(text, kind)] = term_id

    def extend(self) -> None:
        """Read the terms added since this vocabulary was loaded (the blocks from the one that
        holds the next id on)."""
        known = len(self.texts)
        if not self._blocks and database.table_exists("term_block"):  # migrated meanwhile
            self.load()
            return
        if not self._blocks:
            for term_id, text, kind in database.execute_sql("SELECT id, text, kind FROM term WHERE id >= ? ORDER BY id",
                                                            (known,)).fetchall():
                self._put(term_id, text, kind)
            return
        for block, blob in database.execute_sql("SELECT id, terms FROM term_block WHERE id >= ? ORDER BY id",
                                                (known // BLOCK,)).fetchall():
            for offset, (text, kind) in enumerate(unpack_block(blob)):
                if block * BLOCK + offset >= known:
                    self._put(block * BLOCK + offset, text, kind)


def blocks_from_rows(rows: Iterable[tuple[int, str, str]]) -> list[tuple[int, bytes]]:
    """``term`` rows (id, text, kind) as ``term_block`` rows (step ``_term_blocks``; an id
    without a row stays without a term)."""
    terms: dict[int, tuple[str, str | None]] = {int(i): (t, k) for i, t, k in rows}
    top = max(terms, default=0) + 1
    out = []
    for block in range(top // BLOCK + 1):
        entries = [terms.get(i, ("", None)) for i in range(block * BLOCK, min((block + 1) * BLOCK, top))]
        if any(k is not None for _t, k in entries):
            out.append((block, pack_block([t for t, _k in entries], [k for _t, k in entries])))
    return out


__all__ = ["BLOCK", "LAYOUT", "Vocabulary", "segmenter_version", "words_of"]
