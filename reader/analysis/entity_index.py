"""The entity index: every person, place and organisation in the corpus, with aliases merged.

Aliases live per corpus in :class:`reader.store.models.EntityAlias` (``alias`` → ``canonical``).  The
table is kept flat: a canonical name is never itself an alias, so one lookup resolves any name
(:func:`add_alias` repoints existing chains when a canonical name is made an alias).  An alias
with an empty ``type`` applies to mentions of every type; with a type, only to that type.

An index entry groups the recognised mentions (``Entity`` rows of non-retired articles) whose
text resolves to one canonical name, per entity type.  Occurrences are concordance lines whose
offsets are code points into ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.changes import Change
from reader.store import entity_index_store
from reader.store.models import EntityAlias, database
from reader.store.search import KwicLine

INDEX_TYPES: tuple[str, ...] = ("PER", "LOC", "ORG")


class AliasError(ValueError):
    """An alias that cannot be stored; ``code`` is ``empty`` or ``same``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AliasRecord:
    alias: str
    canonical: str
    type: str = ""


@dataclass(frozen=True)
class IndexEntry:
    """One canonical name of one type: ``mentions`` recognised occurrences in ``articles``
    (ids, ascending); ``variants`` every surface form seen, canonical first if seen."""

    name: str
    type: str
    mentions: int
    articles: tuple[int, ...]
    variants: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "type": self.type, "mentions": self.mentions,
                "articles": list(self.articles), "variants": list(self.variants)}


class AliasMap:
    """Resolves surface forms to canonical names (typed aliases win over untyped ones)."""

    def __init__(self, records: Iterable[AliasRecord]) -> None:
        self._typed: dict[tuple[str, str], str] = {}
        self._any: dict[str, str] = {}
        for r in records:
            if r.type:
                self._typed[(r.alias, r.type)] = r.canonical
            else:
                self._any[r.alias] = r.canonical

    def canonical(self, text: str, type: str = "") -> str:
        return self._typed.get((text, type)) or self._any.get(text) or text

    def names_for(self, canonical: str, type: str = "") -> set[str]:
        """Every surface form that resolves to ``canonical`` for ``type`` (itself included)."""
        names = {canonical}
        names.update(a for a, c in self._any.items() if c == canonical)
        names.update(a for (a, t), c in self._typed.items() if c == canonical and (not type or t == type))
        return names


def aliases() -> list[AliasRecord]:
    return [AliasRecord(r.alias, r.canonical, r.type)
            for r in EntityAlias.select().order_by(EntityAlias.canonical, EntityAlias.alias)]


def alias_map() -> AliasMap:
    return AliasMap(aliases())


def add_alias(alias: str, canonical: str, type: str = "") -> Change:
    """Make ``alias`` another name of ``canonical`` (resolved to its own canonical name first).
    Names that were aliases of ``alias`` move to the new canonical name; if ``canonical`` was
    an alias of ``alias``, the two swap roles (so merging never makes a cycle)."""
    alias, canonical = alias.strip(), canonical.strip()
    if not alias or not canonical:
        raise AliasError("empty", "an alias and its canonical name cannot be empty")
    if alias == canonical:
        raise AliasError("same", f"{alias} cannot be an alias of itself")
    root = alias_map().canonical(canonical, type)
    moved = [r.alias for r in EntityAlias.select(EntityAlias.alias).where(EntityAlias.canonical == alias)]
    with database.atomic(), entity_index_store.retallied([alias, canonical, root, *moved]):
        if root == alias:  # canonical was an alias of alias: swap which name is canonical
            EntityAlias.delete().where(EntityAlias.alias == canonical).execute()
            root = canonical
        EntityAlias.update(canonical=root).where(EntityAlias.canonical == alias).execute()
        EntityAlias.insert(alias=alias, canonical=root, type=type).on_conflict(
            conflict_target=[EntityAlias.alias],
            update={EntityAlias.canonical: root, EntityAlias.type: type},
        ).execute()
    return Change("entities")


def merge(names: Iterable[str], canonical: str, type: str = "") -> Change:
    """Make every name in ``names`` (other than ``canonical``) an alias of ``canonical``."""
    with database.atomic():
        for name in names:
            if name != canonical:
                add_alias(name, canonical, type)
    return Change("entities")


def remove_alias(alias: str) -> Change:
    """Forget that ``alias`` is another name (idempotent)."""
    with database.atomic(), entity_index_store.retallied([alias]):
        EntityAlias.delete().where(EntityAlias.alias == alias).execute()
    return Change("entities")


def document_links(include_retired: bool = False) -> list[tuple[int, str, str, str, int]]:
    """``(article id, short form, type, full name, mentions)`` for every short form of an
    organisation or place that its article also names in full (``区纪委监委`` in an article
    that has ``娄星区纪委监委``): the recogniser's document links, found again from the stored
    entities (:func:`reader.store.entity_index_store.links_of`)."""

    # entity_mention holds the mentions per (name, type, article) already counted (the lean store)
    sql = ('SELECT m."article_id", n."text", t."name", m."n" FROM "entity_mention" AS m '
           'JOIN "entity_name" AS n ON n."id" = m."name_id" JOIN "entity_type" AS t ON t."id" = m."type_id" '
           'JOIN "article" AS a ON a."id" = m."article_id" WHERE t."name" IN (\'ORG\', \'LOC\')')
    if not include_retired:
        sql += ' AND a."retired" = 0'
    sql += ' ORDER BY m."article_id"'
    per_article: dict[int, dict[tuple[str, str], int]] = {}
    for article, text, etype, count in database.execute_sql(sql).fetchall():
        per_article.setdefault(int(article), {})[(text, etype)] = int(count)
    if not per_article:
        return []
    out = []
    for article, names in per_article.items():
        for (short, etype), full in entity_index_store.links_of(names).items():
            out.append((article, short, etype, full, names[(short, etype)]))
    return out


def _mentions_by_article(types: Iterable[str] | None, include_retired: bool) -> list[tuple[int, str, str, int]]:
    """``(article id, surface text, type, mentions)`` per article and name, before aliases."""
    sql = ('SELECT m."article_id", n."text", t."name", m."n" FROM "entity_mention" AS m '
           'JOIN "entity_name" AS n ON n."id" = m."name_id" JOIN "entity_type" AS t ON t."id" = m."type_id" '
           'JOIN "article" AS a ON a."id" = m."article_id" WHERE 1 = 1')
    params: list[object] = []
    if not include_retired:
        sql += ' AND a."retired" = 0'
    if types is not None:
        wanted = list(types)
        if not wanted:
            return []
        sql += f' AND t."name" IN ({", ".join("?" * len(wanted))})'
        params.extend(wanted)
    return [(int(a), x, t, int(n)) for a, x, t, n in database.execute_sql(sql, params).fetchall()]


def entity_index(
    types: Iterable[str] | None = INDEX_TYPES, include_retired: bool = False,
    link_short_forms: bool = True,
) -> list[IndexEntry]:
    """Index entries of ``types`` (``None``: all types), most mentioned first, then by name,
    worked out from the stored entities (the store keeps the same counts up to date on write:
    :mod:`reader.analysis.entity_listing` reads those).

    With ``link_short_forms`` a short form counts under the full name its own article gives
    (:func:`document_links`); elsewhere it stays an entry of its own.  An entry's variants are
    the surface forms counted under it; its articles those with at least one of them."""
    amap = alias_map()
    links: dict[tuple[int, str, str], str] = {}
    if link_short_forms:
        links = {(a, short, etype): full for a, short, etype, full, _ in document_links(include_retired)}
    mentions: dict[tuple[str, str], int] = {}
    articles: dict[tuple[str, str], set[int]] = {}
    variants: dict[tuple[str, str], set[str]] = {}
    for article, text, etype, count in _mentions_by_article(types, include_retired):
        key = (amap.canonical(links.get((article, text, etype), text), etype), etype)
        mentions[key] = mentions.get(key, 0) + count
        articles.setdefault(key, set()).add(article)
        variants.setdefault(key, set()).add(text)
    out = []
    for key, count in mentions.items():
        name, etype = key
        forms = sorted(variants[key], key=lambda v: (v != name, -len(v), v))
        out.append(IndexEntry(name, etype, count, tuple(sorted(articles[key])), tuple(forms)))
    out.sort(key=lambda e: (-e.mentions, e.name, e.type))
    return out


_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})  # as in reader.store.search.kwic_line


def occurrences(
    name: str, type: str | None = None, width: int = 20, include_retired: bool = False
) -> list[KwicLine]:
    """Concordance lines for every mention of ``name`` or any of its aliases (of ``type``
    when given), in document order.  Contexts are cut in SQL (``substr`` counts code points)."""
    amap = alias_map()
    root = amap.canonical(name, type or "")
    forms = sorted(amap.names_for(root, type or ""))
    from reader.store.entities import articles_mentioning, spans_for_articles
    from reader.store.search import _texts

    types = [type] if type else None
    ids = articles_mentioning(forms, types, live=not include_retired)
    out: list[KwicLine] = []
    for at in range(0, len(ids), 500):
        batch = ids[at:at + 500]
        texts = _texts(batch)
        for a, s, e, etype, name, _origin in spans_for_articles(batch, types=types, texts=forms):
            title, text = texts[a]
            if 0 <= s < e <= len(text) and amap.canonical(name, etype) == root:
                out.append(KwicLine(a, s, e, text[max(s - width, 0):s].translate(_BLANKS), text[s:e],
                                    text[e:e + width].translate(_BLANKS), title))
    return out


__all__ = [
    "INDEX_TYPES",
    "AliasError",
    "AliasMap",
    "AliasRecord",
    "IndexEntry",
    "add_alias",
    "alias_map",
    "aliases",
    "entity_index",
    "merge",
    "occurrences",
    "remove_alias",
]
