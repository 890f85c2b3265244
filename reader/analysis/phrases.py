"""Phrase lists (提法): named lists of official formulations, each with its variant forms.

A list's phrases are matched together over the corpus with an Aho–Corasick automaton
(``pyahocorasick``) taking the leftmost-longest match and never overlapping: where a list has
both 共同富裕 and 共同富裕示范区, the text 共同富裕示范区 is one hit of the longer phrase.  A
phrase's hits are the hits of any of its forms (its text and its variants); letters match
case-insensitively, as in search.  Candidate articles come from the full-text index (the same
search the KWIC uses), so matching reads only articles that contain a form.  Offsets are code
points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from reader.changes import Change, CorpusError
from reader.store.models import Phrase, PhraseList, database
from reader.store.packed_text import unpack_many
from reader.store.search import KwicLine, kwic_line



def _fold(text: str) -> str:
    """``text`` lower-cased code point for code point (offsets unchanged), as search ignores
    case; a text whose lower case would change its length keeps its own letters."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


@dataclass(frozen=True)
class PhraseRecord:
    """A formulation: ``text`` is its label and first form; ``variants`` its other forms."""

    text: str
    variants: tuple[str, ...] = ()
    list_name: str = ""

    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for f in (self.text, *self.variants) if f))


@dataclass(frozen=True)
class PhraseListRecord:
    name: str
    description: str
    phrases: tuple[PhraseRecord, ...]

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "description": self.description,
                "phrases": [{"text": p.text, "variants": list(p.variants)} for p in self.phrases]}


@dataclass(frozen=True)
class PhraseHit:
    article_id: int
    start: int
    end: int
    phrase: str  # the phrase's label
    form: str  # the text as it stands in the article


def _clean(text: str) -> str:
    return " ".join(text.replace('"', "").split())


def lists() -> list[PhraseListRecord]:
    out = []
    for row in PhraseList.select().order_by(PhraseList.name):
        phrases = tuple(PhraseRecord(p.text, tuple(p.variants or ()), row.name)
                        for p in Phrase.select().where(Phrase.list == row).order_by(Phrase.id))
        out.append(PhraseListRecord(row.name, row.description, phrases))
    return out


def create_list(name: str, description: str = "") -> Change:
    name = name.strip()
    if not name:
        raise CorpusError("bad-phrase-list", "a phrase list needs a name")
    if PhraseList.get_or_none(PhraseList.name == name) is None:
        PhraseList.create(name=name, description=description)
    return Change("phrases")


def delete_list(name: str) -> Change:
    if PhraseList.delete().where(PhraseList.name == name).execute() == 0:
        raise CorpusError("no-phrase-list", f"no phrase list named {name!r}")
    return Change("phrases")


def add_phrase(list_name: str, text: str, variants: Sequence[str] = ()) -> Change:
    """Add a phrase (creating the list if needed), or replace the variants of an existing one."""
    text = _clean(text)
    forms = tuple(dict.fromkeys(v for v in (_clean(x) for x in variants) if v and v != text))
    if not text:
        raise CorpusError("bad-phrase", "a phrase cannot be empty")
    with database.atomic():
        create_list(list_name)
        row = PhraseList.get(PhraseList.name == list_name.strip())
        Phrase.insert(list=row, text=text, variants=list(forms)).on_conflict(
            conflict_target=[Phrase.list, Phrase.text], update={Phrase.variants: list(forms)}).execute()
    return Change("phrases")


def remove_phrase(list_name: str, text: str) -> Change:
    row = PhraseList.get_or_none(PhraseList.name == list_name)
    if row is None or Phrase.delete().where((Phrase.list == row) & (Phrase.text == text)).execute() == 0:
        raise CorpusError("no-phrase", f"no phrase {text!r} in list {list_name!r}")
    return Change("phrases")


def import_lines(list_name: str, lines: Iterable[str]) -> int:
    """Add one phrase per line: ``label / variant / variant`` (``/``, tab or ``|`` separate
    forms; ``#`` starts a comment).  Returns the phrases added or updated."""
    count = 0
    with database.atomic():
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            forms = [f.strip() for f in line.replace("\t", "/").replace("|", "/").split("/") if f.strip()]
            add_phrase(list_name, forms[0], forms[1:])
            count += 1
    return count


def resolve(name: str) -> list[PhraseRecord]:
    """The phrases ``name`` stands for: a list's phrases, else the phrase with that label in
    any list, else the literal formulation itself."""
    for plist in lists():
        if plist.name == name:
            return list(plist.phrases)
    for plist in lists():
        for phrase in plist.phrases:
            if phrase.text == name:
                return [phrase]
    if not _clean(name):
        raise CorpusError("bad-phrase", "a phrase cannot be empty")
    return [PhraseRecord(_clean(name))]


def _automaton(phrases: Sequence[PhraseRecord]) -> ahocorasick.Automaton | None:
    auto = ahocorasick.Automaton()
    for phrase in phrases:
        for form in phrase.forms():
            key = _fold(form)
            if key not in auto:  # a form shared by two phrases belongs to the first
                auto.add_word(key, (len(key), phrase.text))
    if len(auto) == 0:
        return None
    auto.make_automaton()
    _CASED[id(auto)] = any(c.lower() != c or c.upper() != c for key in auto.keys() for c in key)
    return auto


_CASED: dict[int, bool] = {}  # per automaton: whether a form has a letter with case


def match(text: str, auto: ahocorasick.Automaton) -> list[tuple[int, int, str]]:
    """(start, end, phrase label) of each leftmost-longest, non-overlapping hit in ``text``.
    The text is folded to lower case only when a form has a cased letter (forms of Han
    characters alone match the same in the text as it is)."""
    folded = _fold(text) if _CASED.get(id(auto), True) else text
    return [(end + 1 - size, end + 1, label) for end, (size, label) in auto.iter_long(folded)]


def candidate_articles(phrases: Sequence[PhraseRecord], article_ids: Iterable[int] | None = None) -> list[int]:
    """Live articles that may contain a form (from the full-text index, as KWIC does), among
    ``article_ids`` when given."""
    from reader.analysis.hits import live_candidates

    return live_candidates(sorted({f for p in phrases for f in p.forms()}), None if article_ids is None else list(article_ids))


def hits(phrases: Sequence[PhraseRecord], article_ids: Iterable[int] | None = None) -> list[PhraseHit]:
    """Every hit of the phrases, in document order, in the given articles (default: all)."""
    auto = _automaton(phrases)
    if auto is None:
        return []
    ids = candidate_articles(phrases, article_ids)
    out: list[PhraseHit] = []
    for article_id, text, _title in _texts(ids):
        out.extend(PhraseHit(article_id, s, e, label, text[s:e]) for s, e, label in match(text, auto))
    return out


def _texts(ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """(id, text, display title) of the articles ``ids``, in id order (the texts of a batch
    inflated together: :func:`reader.store.packed_text.unpack_many`)."""
    out: list[tuple[int, str, str]] = []
    for start in range(0, len(ids), 500):
        part = list(ids[start:start + 500])
        rows = database.execute_sql(
            f"SELECT id, text, display_title FROM article WHERE id IN ({', '.join('?' * len(part))}) ORDER BY id",
            part).fetchall()
        out += [(i, t, d) for (i, _raw, d), t in zip(rows, unpack_many([r[1] for r in rows]))]
    return out


def phrase_kwic(phrases: Sequence[PhraseRecord], width: int = 20, article_ids: Iterable[int] | None = None,
                phrase: str | None = None, found: Sequence[PhraseHit] | None = None) -> list[KwicLine]:
    """Concordance lines of the hits (of one phrase's label when ``phrase`` is given);
    ``found``: the hits, when the caller has them already."""
    found = [h for h in (hits(phrases, article_ids) if found is None else found) if phrase is None or h.phrase == phrase]
    texts = {i: (text, title) for i, text, title in _texts(sorted({h.article_id for h in found}))}
    return [kwic_line(h.article_id, texts[h.article_id][0], h.start, h.end, width, texts[h.article_id][1])
            for h in found]


@dataclass(frozen=True)
class PhraseSummary:
    """One phrase's use: hits, articles, and its first and last dated appearance."""

    phrase: str
    variants: tuple[str, ...]
    hits: int
    articles: int
    first_date: str | None
    first_article: int | None
    last_date: str | None
    last_article: int | None

    def to_json(self) -> dict[str, object]:
        return {"phrase": self.phrase, "variants": list(self.variants), "hits": self.hits,
                "articles": self.articles, "first": self.first_date, "first_article": self.first_article,
                "last": self.last_date, "last_article": self.last_article}


def summary(phrases: Sequence[PhraseRecord], article_ids: Iterable[int] | None = None,
            found: Sequence[PhraseHit] | None = None) -> list[PhraseSummary]:
    """Per phrase, in list order: hits, articles, first and last appearance."""
    from reader.analysis.variables import variable_of

    found = hits(phrases, article_ids) if found is None else found
    dates = variable_of("date", sorted({h.article_id for h in found}))
    out = []
    for phrase in phrases:
        mine = [h for h in found if h.phrase == phrase.text]
        dated = sorted((dates.get(h.article_id) or "", h.article_id) for h in mine if dates.get(h.article_id))
        first = dated[0] if dated else (None, None)
        last = dated[-1] if dated else (None, None)
        out.append(PhraseSummary(phrase.text, phrase.variants, len(mine), len({h.article_id for h in mine}),
                                 first[0], first[1], last[0], last[1]))
    return out


__all__ = ["PhraseHit", "PhraseListRecord", "PhraseRecord", "PhraseSummary", "add_phrase", "candidate_articles",
           "create_list", "delete_list", "hits", "import_lines", "lists", "match", "phrase_kwic", "remove_phrase",
           "resolve", "summary"]
