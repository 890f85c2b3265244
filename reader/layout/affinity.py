"""Content affinity between pieces of one page: TF-IDF cosine over ideograph bigrams.

Shared names, places and topic words make the rare bigrams two pieces have in common; words
every article uses (发展, 工作) weigh little because the IDF is taken over the page's articles.
Cheap enough for the throughput target (no segmentation).
"""

from __future__ import annotations

import math
from collections import Counter


def bigrams(text: str) -> Counter[str]:
    """Counts of adjacent ideograph pairs in ``text``."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return Counter(a + b for a, b in zip(chars, chars[1:]))


class Affinity:
    """IDF fitted on the page's documents; :meth:`sim` compares two texts (0..1)."""

    def __init__(self, documents: list[str]) -> None:
        df: Counter[str] = Counter()
        for doc in documents:
            df.update(set(bigrams(doc)))
        n = max(len(documents), 1)
        self.idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
        self.default_idf = math.log((n + 1) / 0.5)

    def vector(self, text: str) -> dict[str, float]:
        """TF-IDF weights of ``text``'s bigrams (sub-linear TF)."""
        idf = self.idf
        d = self.default_idf
        return {g: (1.0 + math.log(c)) * idf.get(g, d) for g, c in bigrams(text).items()}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        """Cosine of two weight vectors."""
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        dot = sum(w * b.get(g, 0.0) for g, w in a.items())
        if not dot:
            return 0.0
        na = math.sqrt(sum(w * w for w in a.values()))
        nb = math.sqrt(sum(w * w for w in b.values()))
        return dot / (na * nb)

    def sim(self, a: str, b: str) -> float:
        """Cosine similarity of two texts."""
        return self.cosine(self.vector(a), self.vector(b))
