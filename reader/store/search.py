"""Full-text search over the corpus: a ranked first page and the total count, fast at scale.

Index: the contentless FTS5 table ``article_index`` (rowid = ``article.id``) over
:func:`reader.store.query.index_tokens` of each text: every code point is one token (letters and
digits as themselves, anything else as ``u<hex>``), so a query term of any length is an FTS5
phrase of single-character tokens and matches exactly where the term is a substring of the
text (case-insensitively).  No segmenter is involved, so 1-character queries (``巡``), words
(``巡察``) and phrases behave alike and never miss a match because of a word boundary.  Why this
index (measured at 10,000 articles by ``bench/bench_scale.py``): the ``trigram`` tokenizer cannot
answer 1-2 character terms (的, 中国: a full scan), jieba tokens miss sub-word and cross-word
queries (``察组``), and a content copy of the tokens doubled the database.  The index is
maintained through a queue (see :mod:`reader.store.lean_schema` and
:meth:`reader.store.sqlite.SqliteStore.flush_index`); articles still queued are scanned, so a
search never misses them.

Query language (:func:`parse_query`): terms separated by spaces are ANDed; ``"exact phrase"``
(may contain spaces); ``AND``, ``OR``, ``NOT`` (upper case), ``-term`` for NOT; parentheses.
Precedence NOT > AND > OR.  Plans: a query FTS5 can narrow is answered from the index (ranked by
bm25, counted with ``COUNT(*)``); a purely negative one (``-中国``, ``NOT (a OR b)``) as "every
article minus the index's matches"; anything else, and every regular expression, by a scan of
the texts that is streamed, time-bounded and cancellable (:mod:`reader.store.scan`).  Every
offset returned is a code point into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from peewee import JOIN, SQL, Expression, SqliteDatabase

from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    SourceFile,
    Tag,
    database,
)
from reader.store.query import (  # noqa: F401  (re-exported: the query language lives there)
    And,
    Node,
    Not,
    Or,
    SearchError,
    Span,
    Term,
    _compile,
    _merge,
    _term_re,
    find_hits,
    index_tokens,
    matches,
    parse_query,
    positive_terms,
    term_spans,
    to_fts,
)
from reader.store.scan import DEFAULT_TIMEOUT, Budget, regex_test, scan
from reader.store.backend import current as store

# ---------------------------------------------------------------- index maintenance


def index_article(article_id: int) -> None:
    """Bring the index up to date (every queued article, ``article_id`` among them)."""
    store().flush_index()


def unindex_article(article_id: int) -> None:
    """Kept for callers of the old API: deleting the article row queues its removal."""
    store().flush_index()


def rebuild_index(
    db: SqliteDatabase | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Re-make every index entry from ``article.text`` in one transaction (a long job); returns
    the articles indexed.  A cancel rolls back, leaving the old index, and returns -1."""
    st = store(db)
    with st.db.atomic() as txn:
        done = st.rebuild_index(progress, cancelled)
        if done < 0:
            txn.rollback()
    return done


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchHit:
    """One matching article.  ``score``: higher is better, comparable within one result list
    (-bm25 for indexed queries, the number of hits for regex and purely negative queries).
    ``hits`` are spans into the article text.  ``snippet`` is ``text[snippet_start:
    snippet_start + len(snippet)]`` with line breaks shown as spaces (lengths unchanged);
    ``snippet_hits`` are the hits inside it, relative to the snippet.  Callers add ellipses."""

    article_id: int
    title: str
    score: float
    snippet: str
    hits: list[Span]
    snippet_start: int = 0
    snippet_hits: list[Span] = field(default_factory=list)


def make_snippet(text: str, hits: Sequence[Span], width: int = 96) -> tuple[str, int, list[Span]]:
    """A window of about ``width`` code points around the first hit, kept inside its line.
    Returns (snippet, start offset, hit spans relative to the snippet, clipped to it)."""
    if not hits:
        start, end = 0, min(len(text), width)
    else:
        first = hits[0][0]
        line_start = text.rfind("\n", 0, first) + 1
        start = max(line_start, first - width // 4)
        line_end = text.find("\n", first)
        end = min(len(text) if line_end < 0 else line_end, start + width)
        end = max(end, min(hits[0][1], start + width))
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in hits if s < end and e > start]
    return text[start:end].replace("\n", " "), start, inside


def article_filter(
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | Iterable[str] | None = None,
    author: str | None = None,
    include_retired: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Expression:
    """A peewee condition on :class:`Article` for the search filters (all must hold):
    ``sources`` source-file ids or names (any); ``tags`` tag names (any), on the article or on
    one of its annotations; ``entity`` the exact text of an entity in it (or any of several texts); ``author`` one of
    its authors exactly; ``since``/``until`` the page's publication date (inclusive; undated
    pages are left out when either is given).  Retired articles are left out unless asked for."""
    cond = Article.id.is_null(False)
    if not include_retired:
        cond &= Article.retired == False  # noqa: E712
    if sources is not None:
        items = list(sources)
        ids = [s for s in items if isinstance(s, int)]
        names = [s for s in items if isinstance(s, str)]
        cond &= Article.source.in_(ids) | Article.source.in_(
            SourceFile.select(SourceFile.id).where(SourceFile.name.in_(names))
        )
    if tags is not None:
        tag_ids = Tag.select(Tag.id).where(Tag.name.in_(list(tags)))
        on_notes = (
            Annotation.select(Annotation.article)
            .join(AnnotationTag, JOIN.INNER, on=(AnnotationTag.annotation == Annotation.id))
            .where(AnnotationTag.tag.in_(tag_ids))
        )
        cond &= Article.id.in_(on_notes)  # codes only: article tags live apart
    if entity is not None:
        names = [entity] if isinstance(entity, str) else sorted(set(entity))
        marks = ",".join("?" * len(names))
        cond &= Article.id.in_(SQL(
            '(SELECT m."article_id" FROM "entity_mention" AS m JOIN "entity_name" AS n ON n."id" = m."name_id" '
            f'WHERE n."text" IN ({marks}))', names))
    if author is not None:
        cond &= Article.id.in_(
            SQL("(SELECT a.id FROM article AS a, json_each(a.authors) AS j WHERE j.value = ?)", [author])
        )
    if since is not None or until is not None:
        dated = SourceFile.published.is_null(False)
        if since is not None:
            dated &= SourceFile.published >= since
        if until is not None:
            dated &= SourceFile.published <= until
        cond &= Article.source.in_(SourceFile.select(SourceFile.id).where(dated))
    return cond


def _test_for(node: Node) -> Callable[[str], list[Span] | None]:
    return lambda text: find_hits(text, node) if matches(node, text) else None


def _matcher(query: str, regex: bool, budget: Budget | None = None) -> tuple[Callable[[str], list[Span] | None], str | None]:
    """(test for scanning, FTS5 expression or None) for a query."""
    if regex:
        return regex_test(query, budget or Budget(timeout=None)), None
    node = parse_query(query)
    if node is None:
        return (lambda text: None), None
    return _test_for(node), to_fts(node)


def _negative_expr(node: Node) -> str | None:
    """The FTS5 expression of what a purely negative query excludes (``-a -b`` excludes
    ``a OR b``), or None when the query is not purely negative."""
    if isinstance(node, Not):
        return to_fts(node.child)
    if isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
        parts = [to_fts(c.child) for c in node.children]  # type: ignore[union-attr]
        if all(p is not None for p in parts):
            return "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    return None


def _texts(ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        rows = Article.select(Article.id, Article.display_title, Article.text).where(
            Article.id.in_(list(ids[start : start + 500]))
        )
        out.update({r.id: (r.display_title, r.text) for r in rows})
    return out


def _scan(cond: Expression, test: Callable[[str], list[Span] | None],
          budget: Budget | None = None, plain: bool = False) -> Iterable[tuple[int, str, str, list[Span]]]:
    """Yield (id, title, text, hits) for filtered articles where ``test(text)`` is not None."""
    return scan(cond, test, budget, plain=plain)


def _hit(article_id: int, score: float, title: str, text: str, hits: list[Span]) -> SearchHit:
    snippet, offset, inside = make_snippet(text, hits)
    return SearchHit(article_id, title, score, snippet, hits, offset, inside)


@dataclass(frozen=True)
class SearchPage:
    """One page of ranked results and the number of matching articles.  ``complete`` is False
    when a scan stopped early (``stopped`` is ``timeout`` or ``cancelled``); ``total`` then counts
    the matches found so far.  ``ranked_among``: for queries with more matches than
    :data:`RANK_WINDOW`, the page is the best of the newest that many (None: of all)."""

    hits: list[SearchHit]
    total: int
    complete: bool = True
    stopped: str = ""
    plan: str = "index"  # index, negation or scan
    ranked_among: int | None = None  # when set: the page is the best of the newest this many


@dataclass(frozen=True)
class SearchFilters:
    """The filters of :func:`article_filter`, bundled."""

    sources: Iterable[int | str] | None = None
    tags: Iterable[str] | None = None
    entity: str | Iterable[str] | None = None
    author: str | None = None
    include_retired: bool = False
    since: dt.date | None = None
    until: dt.date | None = None

    def condition(self) -> Expression:
        return article_filter(self.sources, self.tags, self.entity, self.author, self.include_retired,
                              self.since, self.until)

    def plain(self) -> bool:
        return (self.sources is None and self.tags is None and self.entity is None and self.author is None
                and self.since is None and self.until is None)


_QUEUED = 'SELECT "article_id" FROM "article_index_queue"'
# A query matching more articles than this ranks the newest this many (by id): bm25 costs about
# 10-40 us an article, so ranking all 100,000 matches of 的 would take seconds.  The total stays
# exact; ask for a page beyond the window and every match is ranked.
RANK_WINDOW = 1000


def _rowid_restriction(flt: SearchFilters) -> tuple[str, list[object]]:
    """Extra SQL on the index's rowid: the filters, minus queued articles (scanned instead)."""
    if flt.plain():
        retired = "" if flt.include_retired else ' UNION ALL SELECT "id" FROM "article" WHERE "retired" = 1'
        return f"AND rowid NOT IN ({_QUEUED}{retired})", []
    sql, params = Article.select(Article.id).where(flt.condition()).sql()
    return f"AND rowid IN ({sql}) AND rowid NOT IN ({_QUEUED})", list(params)


def _queued(cond: Expression) -> list[int]:
    ids = [r[0] for r in database.execute_sql(_QUEUED).fetchall()]
    if not ids:
        return []
    return [i for (i,) in Article.select(Article.id).where(cond & Article.id.in_(ids)).tuples()]


def search_page(
    query: str,
    *,
    regex: bool = False,
    filters: SearchFilters = SearchFilters(),
    offset: int = 0,
    limit: int = 50,
    timeout: float | None = DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
) -> SearchPage:
    """Results ``offset`` to ``offset + limit`` of ``query``, best first, and the total.

    Indexed queries never read more than the page's texts; negative ones read ids only; scans
    (regex, mixed negations) keep only the best ``offset + limit`` while they stream and obey
    ``timeout`` seconds and ``cancelled()``.  Raises :class:`SearchError` for a bad pattern."""
    node = None if regex else parse_query(query)
    if not query.strip() or (not regex and node is None):
        return SearchPage([], 0)
    cond = filters.condition()
    budget = Budget(timeout=timeout, cancelled=cancelled)
    test, expr = _matcher(query, regex, budget)
    negative = None if (regex or expr is not None) else _negative_expr(node)  # type: ignore[arg-type]
    st = store()
    if expr is None and negative is None:
        return _scan_page(cond, test, budget, offset, limit, filters.plain())
    queued = [(i, t, x, h) for i, t, x, h in scan(cond, test, ids=_queued(cond))]
    where, params = _rowid_restriction(filters)
    if expr is not None:
        total = st.count(expr, where, params) + len(queued)
        window = None
        if total > RANK_WINDOW and offset + limit <= RANK_WINDOW:
            window = st.window_start(expr, where, params, RANK_WINDOW)
        ranked = st.match(expr, where, params, limit=limit, offset=offset, min_rowid=window)
        texts = _texts([i for i, _ in ranked])
        found = []
        for article_id, score in ranked:
            title, text = texts.get(article_id, ("", ""))
            hits = test(text)
            if hits is not None:
                found.append(_hit(article_id, score, title, text, hits))
        extra = [_hit(i, 0.0, t, x, h) for i, t, x, h in queued]
        hits = (found + extra)[:limit] if len(ranked) < limit else found
        return SearchPage(hits, total, ranked_among=RANK_WINDOW if window is not None else None)
    return _negation_page(filters, cond, negative, queued, offset, limit)  # type: ignore[arg-type]


def _negation_page(filters: SearchFilters, cond: Expression, negative: str,
                   queued: list[tuple[int, str, str, list[Span]]], offset: int, limit: int) -> SearchPage:
    """Every filtered article minus the index's matches of ``negative``, in id order: the total
    from two counts, the page by walking ids in windows and dropping those the index matches
    (queued articles were scanned instead and come in ``queued``)."""
    st = store()
    where, params = _rowid_restriction(filters)
    settled = cond & Article.id.not_in(SQL(f"({_QUEUED})"))
    total = Article.select().where(settled).count() - st.count(negative, where, params) + len(queued)
    if filters.plain():  # walk ids by rowid alone; retired and queued ids are few
        skip = set(st.pending_ids())
        if not filters.include_retired:
            skip |= {i for (i,) in Article.select(Article.id).where(Article.retired == True).tuples()}  # noqa: E712

        def window(after: int) -> list[int]:
            rows = Article.select(Article.id).where(Article.id > after).order_by(Article.id).limit(500)
            return [i for (i,) in rows.tuples()]
    else:
        skip = set()
        every = [i for (i,) in Article.select(Article.id).where(settled).order_by(Article.id).tuples()]

        def window(after: int) -> list[int]:
            start = bisect.bisect_right(every, after)
            return every[start:start + 500]

    need, out, last = offset + limit, [], 0
    while len(out) < need:
        chunk = window(last)
        if not chunk:
            break
        last = chunk[-1]
        matched = st.matching_in_range(negative, chunk[0], chunk[-1])
        out.extend(i for i in chunk if i not in matched and i not in skip)
    ids = sorted(set(out[:need]) | {q[0] for q in queued})[offset:need]
    texts = _texts(ids)
    page = [_hit(i, 0.0, *texts[i], []) for i in ids if i in texts]
    return SearchPage(page, total, plan="negation")


def _scan_page(cond: Expression, test: Callable[[str], list[Span] | None], budget: Budget,
               offset: int, limit: int, plain: bool = False) -> SearchPage:
    keep = offset + limit
    best: list[tuple[int, int, int, str, str, list[Span]]] = []  # (count, -id, ...) min-heap
    total = 0
    for article_id, title, text, hits in scan(cond, test, budget, plain=plain):
        total += 1
        item = (len(hits), -article_id, article_id, title, text, hits)
        if len(best) < keep:
            heapq.heappush(best, item)
        elif item[:2] > best[0][:2]:
            heapq.heapreplace(best, item)
    ordered = sorted(best, key=lambda r: (-r[0], r[2]))[offset:]
    page = [_hit(a, float(n), t, x, h) for n, _, a, t, x, h in ordered]
    return SearchPage(page, total, complete=not budget.stopped, stopped=budget.stopped, plan="scan")


def iter_search(
    query: str,
    *,
    regex: bool = False,
    filters: SearchFilters = SearchFilters(),
    timeout: float | None = DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
    budget: Budget | None = None,
) -> Iterator[SearchHit]:
    """Every matching article as it is found (document order for scans, rank order for indexed
    queries), for views that show results while a long search runs.  Stops at the budget;
    pass your own ``budget`` to learn afterwards whether it stopped early."""
    node = None if regex else parse_query(query)
    if not query.strip() or (not regex and node is None):
        return
    budget = budget or Budget(timeout=timeout, cancelled=cancelled)
    test, expr = _matcher(query, regex, budget)
    if expr is not None or (node is not None and _negative_expr(node) is not None):
        offset = 0
        while not budget.should_stop():
            page = search_page(query, filters=filters, offset=offset, limit=200, timeout=None)
            yield from page.hits
            if len(page.hits) < 200:
                return
            offset += 200
        return
    for article_id, title, text, hits in scan(filters.condition(), test, budget, plain=filters.plain()):
        yield _hit(article_id, float(len(hits)), title, text, hits)


def stream_search(
    query: str,
    *,
    regex: bool = False,
    filters: SearchFilters = SearchFilters(),
    limit: int = 500,
    timeout: float | None = DEFAULT_TIMEOUT,
    emit: Callable[[list[SearchHit]], None] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    every: float = 0.1,
) -> SearchPage:
    """The long job behind a search view: like :func:`search_page` (first ``limit`` results),
    but a scan hands its hits to ``emit(batch)`` as it finds them (at most every ``every``
    seconds, the first batch at once) and reports ``progress(articles scanned, articles to scan,
    "")``, so the view shows results while it runs; it stops at ``timeout`` or ``cancelled()``."""
    node = None if regex else parse_query(query)
    if not query.strip() or (not regex and node is None):
        return SearchPage([], 0)
    if not regex and (to_fts(node) is not None or _negative_expr(node) is not None):  # type: ignore[arg-type]
        return search_page(query, filters=filters, limit=limit)
    budget = Budget(timeout=timeout, cancelled=cancelled)
    test, _ = _matcher(query, regex, budget)
    cond = filters.condition()
    to_scan = Article.select().where(cond).count() if progress is not None else 0
    best: list[tuple[int, int, SearchHit]] = []
    batch: list[SearchHit] = []
    total = scanned_to = 0
    last = 0.0
    for article_id, title, text, hits in scan(cond, test, budget, plain=filters.plain()):
        total += 1
        hit = _hit(article_id, float(len(hits)), title, text, hits)
        item = (len(hits), -article_id, hit)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item[:2] > best[0][:2]:
            heapq.heapreplace(best, item)
        batch.append(hit)
        now = time.monotonic()
        if emit is not None and (now - last >= every or total == 1):
            emit(batch)
            batch, last = [], now
            if progress is not None:
                scanned_to = Article.select().where(cond & (Article.id <= article_id)).count()
                progress(scanned_to, to_scan, "")
    if emit is not None and batch:
        emit(batch)
    ranked = [h for _, _, h in sorted(best, key=lambda r: (-r[0], -r[1]))]
    return SearchPage(ranked, total, complete=not budget.stopped, stopped=budget.stopped, plan="scan")


def search(
    query: str,
    *,
    regex: bool = False,
    sources: Iterable[int | str] | None = None,
    tags: Iterable[str] | None = None,
    entity: str | Iterable[str] | None = None,
    author: str | None = None,
    limit: int | None = 200,
    include_retired: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> list[SearchHit]:
    """Articles matching ``query`` (see the module docstring), best first, at most ``limit``
    (None: all).  ``regex`` scans the filtered articles' texts (raises :class:`SearchError` for
    a bad pattern; empty matches are ignored; stops after ``timeout`` seconds with what it
    found).  An empty query returns ``[]``.  Filters are described in :func:`article_filter`."""
    flt = SearchFilters(sources, tags, entity, author, include_retired, since, until)
    return search_page(query, regex=regex, filters=flt, limit=limit if limit is not None else 1 << 40,
                       timeout=timeout).hits


from reader.store.kwic import (  # noqa: E402,F401  (re-exported for older callers)
    KWIC_CSV_COLUMNS,
    KwicLine,
    _descendants,
    export_kwic_csv,
    kwic,
    kwic_line,
    sort_kwic,
)
