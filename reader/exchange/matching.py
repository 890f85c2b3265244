"""Finding the article an imported annotation or article fact belongs to.

Only ids, positions and source names are held for the whole corpus; texts are read in pages
when a lookup needs them (by text, by similarity, by quote) and the texts of matched articles
are cached, so memory does not grow with the corpus.  Every lookup that could repeat per
annotation is cached.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reader.store.models import Article, SourceFile


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def occurrences(text: str, quote: str) -> list[int]:
    found, i = [], text.find(quote)
    while i >= 0:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


@dataclass(frozen=True)
class Match:
    id: int
    text: str


class ArticleMatcher:
    """By source and key (as our exports write them), else by the document text (exact,
    then the most similar by character bigrams, at least 0.5 Jaccard), else by a quote that
    occurs in one article of the named source (or of the corpus), best context winning."""

    PAGE = 500
    KEEP = 2000

    def __init__(self) -> None:
        live = Article.retired == False  # noqa: E712
        self.ids: list[int] = []
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_source: dict[str, list[int]] = {}
        for art_id, position, name in (Article.select(Article.id, Article.position, SourceFile.name)
                                       .join(SourceFile).where(live).order_by(Article.id).tuples()):
            self.ids.append(art_id)
            self.by_key.setdefault((name, str(position)), art_id)
            self.by_source.setdefault(name, []).append(art_id)
        self._texts: dict[int, str] = {}
        self._by_hash: dict[int, list[int]] | None = None
        self._similar: dict[str, Match | None] = {}
        self._quoted: dict[tuple[str, str, str, str], Match | None] = {}

    def _pages(self, ids: list[int]) -> Iterator[tuple[int, str]]:
        for i in range(0, len(ids), self.PAGE):
            chunk = ids[i:i + self.PAGE]
            yield from Article.select(Article.id, Article.text).where(Article.id.in_(chunk)).tuples()

    def text(self, art_id: int) -> str:
        if art_id not in self._texts:
            if len(self._texts) >= self.KEEP:
                self._texts.clear()
            self._texts[art_id] = Article.select(Article.text).where(Article.id == art_id).scalar()
        return self._texts[art_id]

    def _found(self, art_id: int | None) -> Match | None:
        return None if art_id is None else Match(art_id, self.text(art_id))

    def match(self, source: str, key: str | None, text: str | None, quote: str = "",
              prefix: str = "", suffix: str = "") -> Match | None:
        if key is not None and (source, key) in self.by_key:
            return self._found(self.by_key[(source, key)])
        if text:
            if self._by_hash is None:
                self._by_hash = {}
                for art_id, body in self._pages(self.ids):
                    self._by_hash.setdefault(hash(body), []).append(art_id)
            for art_id in self._by_hash.get(hash(text), []):
                if self.text(art_id) == text:
                    return self._found(art_id)
            if text not in self._similar:
                self._similar[text] = self._most_similar(text)
            return self._similar[text]
        if not quote:
            return None
        cache_key = (source, quote, prefix, suffix)
        if cache_key not in self._quoted:
            self._quoted[cache_key] = self._by_quote(source, quote, prefix, suffix)
        return self._quoted[cache_key]

    def _by_quote(self, source: str, quote: str, prefix: str, suffix: str) -> Match | None:
        holding = [(i, t) for i, t in self._pages(self.by_source.get(source) or self.ids) if quote in t]
        if len(holding) == 1:
            return Match(*holding[0])
        if len(holding) > 1 and (prefix or suffix):
            def score(item: tuple[int, str]) -> int:
                body = item[1]
                return max((len(set(prefix) & set(body[max(0, i - 32):i]))
                            + len(set(suffix) & set(body[i + len(quote):i + len(quote) + 32]))
                            for i in occurrences(body, quote)), default=0)
            return Match(*max(holding, key=score))
        return None

    def _most_similar(self, text: str) -> Match | None:
        grams = bigrams(text)
        best: tuple[float, int | None] = (0.0, None)
        for art_id, body in self._pages(self.ids):
            other = bigrams(body)
            if grams and other:
                score = len(grams & other) / len(grams | other)
                if score > best[0]:
                    best = (score, art_id)
        return self._found(best[1]) if best[0] >= 0.5 else None
