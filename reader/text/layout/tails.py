"""Step 5c: a trailing run that names the places of another article, and hardly any of its
host's, is that article's continuation printed after a finished sentence (an unmarked jump at a
paragraph boundary): it is moved to the end of that article."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reader.text.layout.affinity import Grams, SetAffinity, page_places, place_counts, place_pattern
from reader.text.layout.skeleton import BODY_KINDS, Skeleton
from reader.text.layout.text import ends_sentence
from reader.text.layout.units import Unit

TAIL_MIN_SHARED = 3
TAIL_RATIO = 3


def _text(items: list[Unit]) -> str:
    """The body text of ``items`` (paragraphs and headings, concatenated)."""
    return "".join(u.text for u in items if u.kind in BODY_KINDS)


def _open_end(sk: Skeleton) -> Unit | None:
    """The last body paragraph of ``sk`` when it breaks off mid-sentence."""
    body = [u for u in sk.items if u.kind in ("paragraph", "dateline")]
    if body and not ends_sentence(body[-1].text) and body[-1].jump != "out" and not sk.jump_out:
        return body[-1]
    return None


def _shared(a: dict[str, int], b: dict[str, int]) -> int:

    """Place mentions two count tables have in common."""
    return sum(min(n, b.get(p, 0)) for p, n in a.items())


def move(sks: list[Skeleton], log: list[dict[str, Any]], places: re.Pattern[str] | None = None,
         cache: Grams | None = None, tight: bool = False) -> list[Skeleton]:
    """Move a trailing run that names the places of another article, and hardly any of its
    host's, to the end of that article (a jump that starts after a finished sentence).
    ``places``: the page's place pattern (:func:`page_pattern`), when already made; ``tight``:
    the page prints its paragraphs without blank lines between them, so a run starts after one."""
    places = places if places is not None else page_pattern(sks)
    if places is None:
        return sks
    item_counts: dict[int, Counter[str]] = cache.places if cache is not None else {}

    def counted(items: list[Unit]) -> Counter[str]:
        """Place counts of the body units in ``items`` (cached per unit)."""
        total: Counter[str] = Counter()
        for u in items:
            if u.kind in BODY_KINDS:
                if id(u) not in item_counts:
                    item_counts[id(u)] = place_counts(u.text, places)
                total.update(item_counts[id(u)])
        return total

    counts = [counted(sk.items) for sk in sks]
    for h, sk in enumerate(sks):
        body = [i for i, u in enumerate(sk.items) if u.kind in BODY_KINDS]
        if len(body) < 2 or sum(counts[h].values()) < TAIL_MIN_SHARED:
            continue
        choice: tuple[float, int, int, int, int] | None = None  # margin, k, target, scores
        c_run: Counter[str] = Counter()
        in_run = 0
        run_names: set[str] = set()
        scanned = len(sk.items)
        for n in range(len(body) - 1, 0, -1):
            k = body[n]
            u = sk.items[k]
            for x in sk.items[k:scanned]:  # credits of the run, gathered as it grows backwards
                if x.kind == "credit":
                    run_names.update(x.names)
            scanned = k
            mine = counted([u])
            c_run.update(mine)
            in_run += sum(mine.values())
            if u.kind == "heading" or tight and u.gap < 1:
                continue
            prev = sk.items[body[n - 1]]
            if prev.kind == "heading" or in_run < TAIL_MIN_SHARED or not ends_sentence(prev.text):
                continue
            top = max(c_run, key=c_run.__getitem__)
            if c_run[top] < 2 or counts[h][top] > c_run[top]:
                continue
            c_host = counts[h] - c_run
            if not c_host:
                continue
            host_score = _shared(c_run, c_host)
            best, best_score = -1, 0
            for b, cb in enumerate(counts):
                own = {n for x in sks[b].byline for n in x.names}
                if run_names and own and not run_names & own:
                    continue  # the run closes with someone else's credit
                if b != h and not sks[b].is_orphan:
                    score = _shared(c_run, cb)
                    if score > best_score:
                        best, best_score = b, score
            margin = best_score - TAIL_RATIO * host_score
            if best >= 0 and best_score >= TAIL_MIN_SHARED and margin > 0 and (choice is None or margin > choice[0]):
                choice = (margin, k, best, best_score, host_score)
        if choice is None:
            continue
        _margin, k, best, best_score, host_score = choice
        run = sk.items[k:]
        sk.items = sk.items[:k]
        target = sks[best]
        end = _open_end(target)
        pos = target.items.index(end) + 1 if end is not None else len(target.items)
        target.items[pos:pos] = run
        log.append({"step": "jump", "run_start": run[0].idx, "to": target.start,
                    "why": f"run names places of that article ({best_score}) not of its host ({host_score})"})
        counts[h] = counted(sk.items)
        counts[best] = counted(target.items)
    return sks


AFFINITY_MIN = 0.04  # IDF-weighted bigram cosine of the run with the article it continues, at least
AFFINITY_RATIO = 2.5  # ... and this many times its affinity with the text above it
HEAD_KINDS = ("title", "subtitle", "kicker")


def move_by_content(sks: list[Skeleton], log: list[dict[str, Any]], cache: Grams | None = None,
                    places: re.Pattern[str] | None = None, tight: bool = False) -> list[Skeleton]:
    """A trailing run (after a finished sentence, at the end of an article with no credit after
    it) that names page places, names those of an earlier article more than its host's, and
    shares far more content with that article (its head and text) than with the text above it,
    is that article's continuation printed at the end of a later one.  ``places``: the page's
    place pattern (:func:`page_pattern`), when already made; ``tight``: as for :func:`move`."""
    if len(sks) < 3:
        return sks
    cache = cache if cache is not None else Grams()
    places = places if places is not None else page_pattern(sks)
    if places is None:
        return sks
    unit_places = cache.places

    def named(items: list[Unit]) -> Counter[str]:
        """Page places named in the body and head units ``items`` (cached per unit)."""
        total: Counter[str] = Counter()
        for u in items:
            if u.kind in BODY_KINDS or u.kind in HEAD_KINDS:
                if id(u) not in unit_places:
                    unit_places[id(u)] = place_counts(u.text, places)
                total.update(unit_places[id(u)])
        return total

    article_places = [named(sk.head + sk.items) for sk in sks]
    sets: list[set[str]] = []
    aff: SetAffinity | None = None
    norms: list[float] = []
    for h, sk in enumerate(sks):
        body = [i for i, u in enumerate(sk.items) if u.kind in BODY_KINDS]
        if len(body) < 3 or h == 0 or any(u.kind == "credit" for u in sk.items[body[-1]:]):
            continue
        best: tuple[float, int, int, float, float] | None = None
        run: set[str] = set()
        c_run: Counter[str] = Counter()
        scanned = len(sk.items)
        pending: list[Unit] = []  # run units whose bigrams are not in ``run`` yet
        for n in range(len(body) - 1, 1, -1):
            k = body[n]
            fresh = [x for x in sk.items[k:scanned] if x.kind in BODY_KINDS]
            c_run.update(named(fresh))
            pending.extend(fresh)
            scanned = k
            if not c_run:
                continue
            for x in pending:
                run |= cache.of(x)
            pending.clear()
            u, prev = sk.items[k], sk.items[body[n - 1]]
            if u.kind != "paragraph" or prev.kind == "heading" or not ends_sentence(prev.text) or not c_run \
                    or tight and u.gap < 1:
                continue  # a run with no place of its own: content alone does not tell a tail from an ending
            c_host = article_places[h] - c_run
            texts = {x.text[:40] for x in sk.items[k:] if x.kind in BODY_KINDS}
            targets = [b for b in range(h) if not sks[b].is_orphan and not sks[b].jump_out
                       and _shared(c_run, article_places[b]) > _shared(c_run, c_host)
                       and not any(x.text[:40] in texts for x in sks[b].items if x.kind in BODY_KINDS)]
            if not targets:
                continue  # (the same text printed in both, a pull quote or a summary, is no jump)
            if aff is None:
                sets = [cache.union(x.items) | cache.union(x.head, HEAD_KINDS) for x in sks]
                aff = SetAffinity(sets)
                norms = [aff.norm(x) for x in sets]
            host = cache.union(sk.items[:k]) | cache.union(sk.head, HEAD_KINDS)
            n_run = aff.norm(run)
            s_host = aff.sim(run, host, n_run)
            for b in targets:
                s_to = aff.sim(run, sets[b], n_run, norms[b])
                margin = s_to - AFFINITY_RATIO * s_host
                if s_to >= AFFINITY_MIN and margin > 0 and (best is None or margin > best[0]):
                    best = (margin, k, b, s_to, s_host)
        if best is None or aff is None:
            continue
        _m, k, b, s_to, s_host = best
        run_units = sk.items[k:]
        sk.items = sk.items[:k]
        target = sks[b]
        target.items.extend(run_units)
        sets[h] = cache.union(sk.items) | cache.union(sk.head, HEAD_KINDS)
        sets[b] = sets[b] | cache.union(run_units)
        norms[h], norms[b] = aff.norm(sets[h]), aff.norm(sets[b])
        article_places[h], article_places[b] = named(sk.head + sk.items), named(target.head + target.items)
        log.append({"step": "jump", "run_start": run_units[0].idx, "to": target.start,
                    "why": f"trailing run names that article's places and shares its content ({s_to:.3f}), "
                           f"not its host's ({s_host:.3f})"})
    return sks


def page_pattern(sks: list[Skeleton]) -> re.Pattern[str] | None:
    """The place pattern of the page the skeletons hold."""
    return place_pattern(page_places("".join(_text(sk.items) for sk in sks)))


CREDIT_MIN_SIM = 0.02  # affinity of a credited tail with the article it moves to, at least
CREDIT_RATIO = 1.0  # ... and more than this many times its affinity with the host text above it
CREDIT_ALONE_RATIO = 3  # below CREDIT_MIN_SIM: the only unreported article, this many times the host's


def credited(u: Unit) -> set[str]:
    """People a unit credits: a credit line's names, or the names in brackets closing a
    paragraph (``…了。（李 四）``, ``…（新华社北京2月13日电 记者甲、乙）``)."""
    from reader.text.layout.classify import PAREN_TAIL_RE
    from reader.text.layout.lexicon import split_names

    if u.kind == "credit":
        return set(u.names)
    if u.kind == "paragraph" and u.text[-1:] in "）)" and (m := PAREN_TAIL_RE.search(u.text)) and m.start() > 0 \
            and ends_sentence(u.text[:m.start()]):
        names = split_names(m.group(1))
        if names is None:
            from reader.text.layout.credits import paren_kind

            kind, found = paren_kind(m.group(1))
            names = found if kind == "credit" else []
        return set(names)
    return set()


def _reporters(sk: Skeleton) -> set[str]:
    """Names of the byline and dateline of ``sk`` (who the article says wrote it, at its top)."""
    return {n for u in sk.byline for n in u.names} | {n for u in sk.items if u.kind == "dateline" for n in u.names}


def move_credited(sks: list[Skeleton], log: list[dict[str, Any]], cache: Grams | None = None) -> list[Skeleton]:
    """A trailing run closed by a credit of people who are not the article's reporters (its
    byline, dateline or an earlier closing credit name others) is the end of an article with no
    reporter at all, printed after a later one (an unmarked jump after a finished sentence, its
    credit carried along): it moves to the end of the unreported article it shares most content
    with, starting at the finished sentence that gives it the clearest margin over the host."""
    if len(sks) < 2:
        return sks
    cache = cache if cache is not None else Grams()
    unowned = [not _reporters(sk) and not any(credited(u) for u in sk.items) and not sk.is_orphan
               and not sk.jump_out and any(u.kind == "paragraph" for u in sk.items) for sk in sks]
    if not any(unowned):
        return sks
    aff: SetAffinity | None = None
    sets: list[set[str]] = []
    for h, sk in enumerate(sks):
        own = set(_reporters(sk))
        credit_at, names = -1, set()
        for i, u in enumerate(sk.items):
            who = credited(u)
            if not who:
                continue
            if own and not who & own:
                credit_at, names = i, who
            elif not own and any(x.kind == "paragraph" for x in sk.items[i + 1:]):
                own = set(who)  # the host's own closing credit, with more text after it
        if credit_at < 0:
            continue
        targets = [b for b in range(len(sks)) if b != h and unowned[b]]
        if not targets:
            continue
        if aff is None:
            sets = [cache.union(x.items) | cache.union(x.head, HEAD_KINDS) for x in sks]
            aff = SetAffinity(sets)
        items = sk.items
        body = [i for i, u in enumerate(items[:credit_at + 1]) if u.kind in BODY_KINDS]
        best: tuple[float, int, int, float, float] | None = None
        for n in range(1, len(body)):
            k, prev = body[n], items[body[n - 1]]
            if items[k].kind != "paragraph" or prev.kind == "heading" or not ends_sentence(prev.text):
                continue
            run = cache.union(items[k:credit_at + 1])
            host = cache.union(items[:k]) | cache.union(sk.head, HEAD_KINDS)
            n_run = aff.norm(run)
            s_host = aff.sim(run, host, n_run)
            for b in targets:
                s_to = aff.sim(run, sets[b], n_run)
                margin = s_to - CREDIT_RATIO * s_host
                alone = len(targets) == 1 and s_to >= CREDIT_ALONE_RATIO * s_host  # (the only article it can be)
                if (s_to >= CREDIT_MIN_SIM or alone) and s_to > 0 and margin > 0 and (best is None or margin > best[0]):
                    best = (margin, k, b, s_to, s_host)
        if best is None:
            continue
        _m, k, b, s_to, s_host = best
        run_units = items[k:credit_at + 1]
        sk.items = items[:k] + items[credit_at + 1:]
        sks[b].items.extend(run_units)
        unowned[b] = False
        sets[h] = cache.union(sk.items) | cache.union(sk.head, HEAD_KINDS)
        sets[b] = sets[b] | cache.union(run_units)
        log.append({"step": "jump", "run_start": run_units[0].idx, "to": sks[b].start,
                    "why": f"trailing run closed by a credit of others ({'、'.join(sorted(names))}) than this "
                           f"article's reporters; it shares that unreported article's content ({s_to:.3f}) more "
                           f"than its host's ({s_host:.3f})"})
    return sks
