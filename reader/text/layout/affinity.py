"""Content affinity between pieces of one page: TF-IDF cosine over ideograph bigrams.

Shared names, places and topic words make the rare bigrams two pieces have in common; words
every article uses (发展, 工作) weigh little because the IDF is taken over the page's articles.
Cheap enough for the throughput target (no segmentation).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from typing import Any

from reader.text.layout.lexicon import word_freq, word_tag

_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def bigrams(text: str) -> Counter[str]:
    """Counts of adjacent ideograph pairs in ``text`` (other characters are skipped)."""
    s = _NON_CJK.sub("", text)
    return Counter(map(str.__add__, s, s[1:]))


class Affinity:
    """IDF fitted on the page's documents; :meth:`sim` compares two texts (0..1)."""

    def __init__(self, documents: list[str]) -> None:
        self._fit([bigrams(doc) for doc in documents])

    @classmethod
    def from_counts(cls, counts: list[Counter[str]]) -> "Affinity":
        """Fit on documents already counted with :func:`bigrams`."""
        obj = cls.__new__(cls)
        obj._fit(counts)
        return obj

    def _fit(self, counts: list[Counter[str]]) -> None:
        """Set the IDF table from per-document bigram counts."""
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = max(len(counts), 1)
        self.idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
        self.default_idf = math.log((n + 1) / 0.5)

    def vector(self, text: str) -> dict[str, float]:
        """TF-IDF weights of ``text``'s bigrams."""
        return self.weigh(bigrams(text))

    def weigh(self, counts: Counter[str]) -> dict[str, float]:
        """TF-IDF weights of bigram ``counts``."""
        idf = self.idf
        d = self.default_idf
        return {g: c * idf.get(g, d) for g, c in counts.items()}

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


COMMON_FREQ = 300
PLACE_SUFFIX_RE = re.compile(r"[省市县区州镇乡]")
_PLACE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_FUNCTION_CHARS = set("的了在是对和与及将把被为从向由等各该全本我每这那其个一二三四五六七八九十两多城市县区省地辖近上下中内外新老大小")


def page_places(text: str) -> set[str]:
    """Place names of the page: the two or three ideographs before 省/市/县/区/州/镇/乡
    (``永州``市, ``祁阳``市), kept when they hold no function or generic character, are not a
    frequent ordinary word, and recur on the page."""
    found = set()
    for m in PLACE_SUFFIX_RE.finditer(text):
        i = m.start()
        if i >= 3:
            found.add(text[i - 3:i])
            found.add(text[i - 2:i])
        elif i == 2:
            found.add(text[:2])
    found = {n for n in found if _PLACE_NAME_RE.match(n) and not (_FUNCTION_CHARS & set(n)) and not _common(n)}
    if not found:
        return set()
    counts = {p: text.count(p) for p in found}  # overlapping names (娄底/娄底经开) counted separately
    keep = {p for p in found if counts[p] >= 2}
    return {q for q in keep if not any(q != p and q in p and counts[q] == counts[p] for p in keep)}


def _common(name: str) -> bool:
    """True when ``name`` is, or contains, a frequent ordinary word (围绕, 智慧社), or is a
    verb, adjective or adverb in jieba's dictionary (巡察, 打造)."""
    if word_freq(name) > COMMON_FREQ:
        return True
    tag = word_tag(name)
    if tag is not None and (tag[0] in "vadzpcurmqt" or (tag == "n" and word_freq(name) > 100)):
        return True
    return any(word_freq(name[i:i + 2]) > COMMON_FREQ for i in range(len(name) - 1)) if len(name) > 2 else False


def place_pattern(places: set[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``places`` (longest first), or None when there are none."""
    if not places:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)))


def place_counts(text: str, pattern: re.Pattern[str] | None) -> Counter[str]:
    """How often each page place (as matched by :func:`place_pattern`) is mentioned in ``text``."""
    return Counter(pattern.findall(text)) if pattern is not None else Counter()


class SetAffinity:
    """Binary variant of :class:`Affinity` on bigram *sets* (fast: set intersections in C):
    cosine with IDF weights, where every bigram counts once per piece."""

    def __init__(self, docs: list[set[str]]) -> None:
        df: Counter[str] = Counter()
        for d in docs:
            df.update(d)
        n = max(len(docs), 1)
        table = [math.log((n + 1) / (c + 0.5)) ** 2 for c in range(n + 1)]
        self.w2 = dict(zip(df.keys(), map(table.__getitem__, df.values())))
        self.default_w2 = math.log((n + 1) / 0.5) ** 2

    def norm(self, a: set[str]) -> float:
        """Squared norm of ``a`` (bigrams the fit never saw weigh as the rarest)."""
        return sum(map(self.w2.get, a, repeat(self.default_w2, len(a))))

    def sim(self, a: set[str], b: set[str], na: float | None = None, nb: float | None = None) -> float:
        """IDF-weighted cosine of two bigram sets (norms may be passed in when known)."""
        if not a or not b:
            return 0.0
        common = a & b
        if not common:
            return 0.0
        na = self.norm(a) if na is None else na
        nb = self.norm(b) if nb is None else nb
        return self.norm(common) / math.sqrt(na * nb)


def bigram_set(text: str) -> set[str]:
    """The set of adjacent ideograph pairs in ``text``."""
    s = _NON_CJK.sub("", text)
    return set(map(str.__add__, s, s[1:]))


JOIN_CONTEXT = 4  # characters of the old text looked at when a join extends it


class Grams:
    """Bigram sets of page units, each computed once per text (units are matched by identity
    and re-read when a join changed their text); shared by the repair steps of one page."""

    def __init__(self) -> None:
        self._sets: dict[int, tuple[str, set[str]]] = {}
        self.fitted: tuple[int, SetAffinity] | None = None  # (pieces, fit) a step may share
        self.places: dict[int, Counter[str]] = {}  # page places named per unit (the tail steps)

    def of(self, unit: Any) -> set[str]:
        """Bigram set of ``unit.text`` (a text that grew by a join is extended, not recounted)."""
        hit = self._sets.get(id(unit))
        text = unit.text
        if hit is None or hit[0] is not text:
            if hit is not None and len(text) > len(hit[0]) and text.startswith(hit[0]):
                hit = (text, hit[1] | bigram_set(hit[0][-JOIN_CONTEXT:] + text[len(hit[0]):]))
            else:
                hit = (text, bigram_set(text))
            self._sets[id(unit)] = hit
        return hit[1]

    def union(self, units: Iterable[Any], kinds: tuple[str, ...] = ("paragraph", "heading", "dateline")) -> set[str]:
        """Union of the bigram sets of the ``units`` of the given kinds."""
        total: set[str] = set()
        for u in units:
            if u.kind in kinds:
                total |= self.of(u)
        return total
