"""Step 4b: re-attach continuations printed elsewhere on the page (jumps).

An *open end* is an article whose last body paragraph breaks off mid-sentence.  A *run start*
is a paragraph that may begin a continuation: the first paragraph of an orphan run (text with no
head after a closed article, or at the top of the page), the first paragraph of a headed
skeleton with no byline, or any later paragraph that follows a finished sentence.  An open end
takes the run start whose join is best supported: a dictionary word across the break
(文|明), a clause left open (、 ，), a sentence tail (``共同管。``), and more shared content
(IDF-weighted bigrams of the run and of the paragraph at the break) with the open article than
with the text the run now sits in; a start with no such sign needs a clear content margin.
Runs are cut at accepted starts and put after the end they continue; a head printed over a
continuation (a jump head) becomes the title of an article that lost its own, or is dropped.
Orphan runs that match no open end go to the article they share most content with, or stay a
titleless article.  Finally a trailing run that names the places of another article and none
of its host's (a jump after a finished sentence) is moved to that article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.text.layout import tails
from reader.text.layout.heads import TIGHT_WHY
from reader.text.layout.affinity import (
    Grams,
    SetAffinity,
)
from reader.text.layout.broken import built_heading
from reader.text.layout.lexicon import word_across
from reader.text.layout.skeleton import BODY_KINDS, Skeleton
from reader.text.layout.text import CLAUSE_PUNCT, ends_sentence, fw
from reader.text.layout.units import Unit

ORPHAN_MIN_SIM = 0.02
ORPHAN_RIVAL = 0.5  # an orphan run takes an open end only if it shares half as much with it as with any closed article
ORPHAN_CLEAR = 3  # an orphan run below twice ORPHAN_MIN_SIM goes where it shares this many times more
SPLIT_MIN_SIM = 0.04
HOST_RATIO = 1.25
WORD_HOST_RATIO = 0.9
HEADED_MIN_SIM = 0.02
HOST_WINDOW = 4
RUN_WINDOW = 4
MAX_JUMP = 12  # articles apart: a continuation is printed on the same page
BARE_MAX_LOCAL_HOST = 0.03
HEAD_TEXT_KINDS = ("title", "subtitle", "kicker")
LEAD_PARAGRAPHS = 2
APPENDIX_RE = re.compile(r"^(?:推荐读物|推荐书目|延伸阅读|相关链接|背景链接|链接|知识链接|小知识|名词解释|资料|背景)[：:]")


@dataclass
class _Start:
    sk: int
    item: int
    unit: Unit
    kind: str  # "orphan", "headed", "inner"


def _text(items: list[Unit]) -> str:

    """The body text of ``items`` (paragraphs and headings, concatenated)."""
    return "".join(u.text for u in items if u.kind in BODY_KINDS)


def _open_end(sk: Skeleton) -> Unit | None:

    """The last body paragraph of ``sk`` when it breaks off mid-sentence."""
    body = [u for u in sk.items if u.kind in ("paragraph", "dateline")]
    if body and not ends_sentence(body[-1].text) and body[-1].jump != "out" and not sk.jump_out:
        return body[-1]
    return None


def _prev_body(items: list[Unit], i: int) -> Unit | None:
    """The body paragraph before ``items[i]``, if any."""
    for u in reversed(items[:i]):
        if u.kind in BODY_KINDS:
            return u
    return None


def _fragment_start(text: str) -> bool:
    """True when ``text`` opens with the tail of a sentence: punctuation, or a first sentence of
    at most four characters (``共同管。建立健全…``, ``台落户。``)."""
    if not text or text[0] in "，、。；：,;:":
        return True
    return re.match(r"^[^，、。；！？,;!?“”]{1,4}[。！？!?]", text) is not None


def _starts(sks: list[Skeleton], tight: bool = False) -> list[_Start]:
    """Every paragraph that may begin a continuation (see module docstring); on a ``tight``
    page (paragraphs printed without blank lines between them) a later paragraph only after a
    blank line (a text printed elsewhere starts a block of its own)."""
    out: list[_Start] = []
    for s, sk in enumerate(sks):
        prev: Unit | None = None
        for i, u in enumerate(sk.items):
            if u.kind not in BODY_KINDS:
                continue
            if u.kind == "paragraph":
                if prev is None:
                    kind = "orphan" if sk.is_orphan else ("headed" if not sk.byline else "")
                    if kind:
                        out.append(_Start(s, i, u, kind))
                elif prev.kind != "heading" and (ends_sentence(prev.text) or u.held) and (not tight or u.gap >= 1):
                    out.append(_Start(s, i, u, "inner"))
            prev = u
    return out


def _own_names(sk: Skeleton) -> set[str]:
    """Names from the byline and dateline of ``sk``."""
    return {n for u in sk.byline for n in u.names} | {n for u in sk.items if u.kind == "dateline" for n in u.names}


def _last_foreign_credit(sk: Skeleton) -> int:
    """Index of the last credit in ``sk`` naming people other than the article's own reporters
    (the run it closes was printed into this article), or -1."""
    own = _own_names(sk)
    if not own:
        return -1
    for i in range(len(sk.items) - 1, -1, -1):
        u = sk.items[i]
        if u.kind == "credit" and u.names and not set(u.names) <= own:
            return i
    return -1


def _unowned(sk: Skeleton) -> bool:
    """True when ``sk`` has no reporter at all: no byline, dateline names or credit."""
    return not _own_names(sk) and not any(u.kind == "credit" for u in sk.items)


def _return_broken_kickers(sks: list[Skeleton], log: list[dict[str, Any]]) -> None:
    """A "kicker" that breaks off mid-sentence and makes a word with a paragraph that opens a
    run elsewhere was the end of the previous article: give it back as its last paragraph."""
    starts = [st.unit for st in _starts(sks) if st.kind in ("orphan", "headed")]
    for s in range(1, len(sks)):
        head = sks[s].head
        if head and head[0].gap >= 1 and any(TIGHT_WHY in w for x in head for w in x.why):
            continue  # a page without blank lines between paragraphs: a line after a blank one opens an item
        for n, u in enumerate(list(head)):
            plain_title = u.kind == "title" and n == 0 and not u.level and not u.bold and len(head) > 1 \
                and head[1].kind == "subtitle" and not _open_end(sks[s - 1]) \
                and not re.search(r"[，,；;：:、“”《》（）()！？!?]", u.text) and not built_heading(u.text) \
                and not any("dash" in w for w in head[1].why)  # (two phrases, or a dash subtitle under it: a title)
            if (u.kind in ("kicker", "column") or plain_title) and not ends_sentence(u.text) and \
                    any(word_across(u.text, st.text) for st in starts if st not in sks[s].items):
                head.remove(u)
                was = u.kind
                u.kind = "paragraph"
                u.why.append(f"a {was} that makes a word with a continuation elsewhere: broken text")
                if was == "title":
                    head[0].kind = "title"
                    head[0].why.append("the line above it was broken text: title")
                sks[s - 1].items.append(u)
                log.append({"step": "kicker", "unit": u.idx, "why": u.why[-1]})


def reattach(sks: list[Skeleton], log: list[dict[str, Any]], cache: Grams | None = None,
             tight: bool = False) -> list[Skeleton]:
    """Re-attach continuations (see module docstring).  Returns the new skeleton list.
    ``cache`` holds the page's bigram sets (shared with later steps); ``tight``: the page prints
    its paragraphs without blank lines between them, so a continuation starts after a blank line."""
    if len(sks) < 2:
        return sks
    cache = cache if cache is not None else Grams()
    grams = cache.union
    _return_broken_kickers(sks, log)
    ends = [(s, u) for s, sk in enumerate(sks) if (u := _open_end(sk)) is not None]
    if not ends:
        return _assemble(sks, ends, [], {}, log, cache, tight)
    sk_sets = [grams(sk.items) for sk in sks]
    fitted = cache.fitted
    aff = fitted[1] if fitted is not None and fitted[0] == len(sks) else SetAffinity(sk_sets)
    norms = [aff.norm(s) for s in sk_sets]
    starts = _starts(sks, tight)
    strong = {(st.sk, st.item) for st in starts
              if any(s != st.sk and abs(s - st.sk) <= MAX_JUMP and d.text[-1] not in CLAUSE_PUNCT
                     and word_across(d.text, st.unit.text) for s, d in ends)}
    run_sets: dict[int, tuple[set[str], float, float]] = {}
    leads: dict[int, tuple[set[str], list[int]]] = {}

    def lead(s: int, upto: int) -> set[str]:
        """Bigrams of skeleton ``s``'s head and first paragraphs before item ``upto`` (what the
        host is about, without the run itself)."""
        if s not in leads:
            firsts = []
            for i, u in enumerate(sks[s].items):
                if u.kind in BODY_KINDS:
                    firsts.append(i)
                    if len(firsts) == LEAD_PARAGRAPHS:
                        break
            leads[s] = (grams(sks[s].head, HEAD_TEXT_KINDS), firsts)
        head_set, firsts = leads[s]
        return head_set | grams([sks[s].items[i] for i in firsts if i < upto])

    def run_set(k: int) -> tuple[set[str], float, float]:
        """Bigrams of start ``k``'s run window, their norm, and affinity with the host window."""
        if k not in run_sets:
            st = starts[k]
            stops = [i for (s, i) in strong if s == st.sk and i > st.item]
            items = sks[st.sk].items
            stop = min(stops) if stops else len(items)
            rs = grams(items[st.item:min(stop, st.item + RUN_WINDOW)])
            prefix = grams(items[:st.item]) | grams(sks[st.sk].head, HEAD_TEXT_KINDS)  # the whole host up to here
            n_run = aff.norm(rs)
            run_sets[k] = (rs, n_run, aff.sim(rs, prefix, n_run) if prefix else 0.0)
        return run_sets[k]

    unit_norms: dict[int, float] = {}

    def unit_set(u: Unit) -> tuple[set[str], float]:
        """Bigram set of ``u`` and its norm (cached)."""
        if id(u) not in unit_norms:
            unit_norms[id(u)] = aff.norm(cache.of(u))
        return cache.of(u), unit_norms[id(u)]

    host_locals: dict[int, float] = {}

    def host_local(k: int) -> float:
        """Affinity of start ``k`` with the paragraph printed before it."""
        if k not in host_locals:
            st = starts[k]
            host_prev = _prev_body(sks[st.sk].items, st.item)
            if host_prev is None:
                host_locals[k] = 0.0
            else:
                first, n_first = unit_set(st.unit)
                prev_set, n_prev = unit_set(host_prev)
                host_locals[k] = aff.sim(prev_set, first, n_prev, n_first)
        return host_locals[k]

    end_sets, end_norms = zip(*(unit_set(d) for _s, d in ends))
    last_foreign = [_last_foreign_credit(sk) for sk in sks]
    foreign = [last_foreign[st.sk] >= st.item for st in starts]
    unowned = [_unowned(sks[s]) for s, _d in ends]
    rivals: dict[int, float] = {}
    why_not: dict[int, str] = {}
    open_sks = {s for s, _d in ends}

    def orphan_rival(k: int) -> float:
        """Best affinity of start ``k``'s run with an article that does not end open."""
        if k not in rivals:
            rs, n_run, _h = run_set(k)
            rivals[k] = max((aff.sim(rs, sk_sets[s], n_run, norms[s]) for s in range(len(sks))
                             if s != starts[k].sk and s not in open_sks and not sks[s].is_orphan), default=0.0)
        return rivals[k]

    candidates: list[tuple[float, int, int, str]] = []
    fragments = [st.kind == "inner" and fw(st.unit.text)[:1] in "，、。；：）”" for st in starts]
    for e, (s_end, d) in enumerate(ends):
        clause = d.text[-1] in CLAUSE_PUNCT
        for k, st in enumerate(starts):
            if st.sk == s_end or abs(st.sk - s_end) > MAX_JUMP:
                continue
            word = None if clause else word_across(d.text, st.unit.text)
            if st.kind == "headed" and not ((word or clause) and _fragment_start(st.unit.text)):
                continue
            punct = fragments[k]  # opens with punctuation: it can only continue something
            bare = st.kind == "inner" and not (word or clause or punct)
            credit = st.kind == "inner" and foreign[k] and unowned[e]
            local_host = host_local(k)
            if st.kind == "inner" and not word and not credit and not punct and local_host >= BARE_MAX_LOCAL_HOST:
                continue
            rs, n_run, sim_host = run_set(k)
            sim_to = aff.sim(rs, sk_sets[s_end], n_run, norms[s_end])
            first, n_first = unit_set(st.unit)
            local_to = aff.sim(end_sets[e], first, end_norms[e], n_first)
            s_to, s_host = sim_to + local_to, sim_host + local_host
            score = s_to - s_host + (0.3 if word else 0.0) + (0.1 if clause else 0.0) + (0.1 if st.kind == "orphan" else 0.0)
            if credit:
                score += 0.15
            if punct:
                score += 0.2
            if st.kind == "orphan" and not (word or clause or punct):
                # an orphan continues something: the best open end, unless it shares far more with an
                # article that ends closed (its jump came after a finished sentence; placed later)
                rival = orphan_rival(k)
                ok = s_to > 0 and s_to >= ORPHAN_RIVAL * rival
                if not ok and s_to > 0:
                    why_not[k] = f"shares more with a closed article ({rival:.3f}) than with any open end"
            elif st.kind == "orphan" or punct:
                ok = s_to > 0 or word is not None  # an orphan continues something: best open end
            elif st.kind == "headed":
                ok = s_to >= HEADED_MIN_SIM
            elif credit:
                ok = s_to >= SPLIT_MIN_SIM / 4 and s_to > s_host
            elif bare:  # twice the host's content and clearly shared, or four times it
                ok = s_to >= 2 * SPLIT_MIN_SIM and s_to > 2 * s_host or s_to >= SPLIT_MIN_SIM and s_to > 4 * s_host
            elif word:
                ok = s_to >= SPLIT_MIN_SIM / 4 and s_to >= WORD_HOST_RATIO * s_host
            else:
                ok = s_to >= SPLIT_MIN_SIM and s_to > HOST_RATIO * s_host
            if ok:
                why = f"{st.kind} start; affinity to open article {s_to:.3f} vs host {s_host:.3f}"
                why += f"; word across break: {word}" if word else ""
                why += "; open clause" if clause else ""
                why += "; the run opens with punctuation" if punct else ""
                why += "; no sign at the break: a clear content margin over the host" if bare else ""
                why += "; the run ends with a credit of other people, the open article has none" if credit else ""
                candidates.append((score, e, k, why))
    candidates.sort(key=lambda c: -c[0])
    used_e: set[int] = set()
    used_k: set[int] = set()
    matches: dict[int, tuple[int, str]] = {}
    for score, e, k, why in candidates:
        if e in used_e or k in used_k:
            continue
        used_e.add(e)
        used_k.add(k)
        matches[k] = (e, why)
    for k, why in why_not.items():
        if k not in matches:
            log.append({"step": "orphan", "run_start": starts[k].unit.idx, "why": f"no open end: it {why}"})
    return _assemble(sks, ends, starts, matches, log, cache, tight)


def _assemble(sks: list[Skeleton], ends: list[tuple[int, Unit]], starts: list[_Start],
              matches: dict[int, tuple[int, str]], log: list[dict[str, Any]], cache: Grams,
              tight: bool = False) -> list[Skeleton]:
    """Cut runs at accepted starts and move them after the open ends they continue."""
    cuts: dict[int, list[int]] = {}
    for k in matches:
        cuts.setdefault(starts[k].sk, []).append(starts[k].item)
    runs: dict[int, list[Unit]] = {}
    heads: dict[int, list[Unit]] = {}
    for k, (e, why) in matches.items():
        st = starts[k]
        later = [c for c in cuts[st.sk] if c > st.item]
        stop = min(later) if later else len(sks[st.sk].items)
        runs[k] = sks[st.sk].items[st.item:stop]
        if st.item == 0 or not any(u.kind in BODY_KINDS for u in sks[st.sk].items[:st.item]):
            heads[k] = sks[st.sk].head
        log.append({"step": "jump", "run_start": st.unit.idx, "to_end": ends[e][1].idx, "why": why})
    for s, cut_items in cuts.items():
        first = min(cut_items)
        sks[s].items = sks[s].items[:first]
        if not any(u.kind in BODY_KINDS for u in sks[s].items):
            sks[s].head_moved = True  # type: ignore[attr-defined]
    # append runs in order of the chain (a run may itself end open and continue further)
    for k, (e, _why) in sorted(matches.items(), key=lambda kv: kv[1][0]):
        s_end, d = ends[e]
        target = sks[s_end]
        pos = target.items.index(d) + 1 if d in target.items else len(target.items)
        target.items[pos:pos] = runs[k]
        if k in heads and heads[k]:
            if not target.has_title:
                target.head = [u for u in target.head] + heads[k]
                log.append({"step": "jump-head", "to_end": d.idx, "why": "jump head gives the article its lost title"})
            sks[starts[k].sk].head = []
    out: list[Skeleton] = []
    for sk in sks:
        if sk.items or sk.head or sk.byline:
            if getattr(sk, "head_moved", False) and not sk.head and not sk.byline and not sk.items:
                continue
            out.append(sk)
    out = _place_orphans(out, log, cache)
    places = tails.page_pattern(out)
    out = tails.move_credited(out, log, cache)
    return tails.move_by_content(tails.move(out, log, places, cache, tight), log, cache, places, tight)


def _place_orphans(sks: list[Skeleton], log: list[dict[str, Any]], cache: Grams) -> list[Skeleton]:
    """Orphan runs nobody's open end claimed: to the most similar article, else kept."""
    keep = [sk for sk in sks if not sk.is_orphan or not any(u.kind in BODY_KINDS for u in sk.items)]
    orphans = [sk for sk in sks if sk not in keep]
    if not orphans:
        return sks
    sets = {id(sk): cache.union(sk.items) for sk in sks}
    aff = SetAffinity(list(sets.values()))
    norms = {k: aff.norm(s) for k, s in sets.items()}
    for orphan in orphans:
        first = next((u for u in orphan.items if u.kind in BODY_KINDS), None)
        above = [sk for sk in keep if sk.start < orphan.start and not sk.is_orphan]
        if first is not None and APPENDIX_RE.match(first.text) and above:
            above[-1].items.extend(orphan.items)
            log.append({"step": "jump", "run_start": orphan.start, "to": above[-1].start,
                        "why": f"a run opened by an appendix label ({first.text}) belongs to the article above it"})
            continue
        mine, n_mine = sets[id(orphan)], norms[id(orphan)]
        best, best_sim, second = None, 0.0, 0.0
        for sk in keep:
            if sk.is_orphan:
                continue
            sim = aff.sim(mine, sets[id(sk)], n_mine, norms[id(sk)])
            if sim > best_sim:
                best, best_sim, second = sk, sim, best_sim
            elif sim > second:
                second = sim
        credit = best is not None and any(tails.credited(u) for u in orphan.items) and _unowned(best) \
            and not any(tails.credited(u) for u in best.items)
        clear = best_sim >= ORPHAN_MIN_SIM and best_sim >= ORPHAN_CLEAR * second  # far more than any other
        if credit and best_sim >= ORPHAN_MIN_SIM / 2 and best_sim >= 2 * second:
            why = f"orphan run closed by a credit, most similar to this article with no reporter ({best_sim:.2f})"
        else:
            why = f"orphan run most similar to this article ({best_sim:.2f}" + (f", next {second:.2f})" if clear else ")")
        if best is not None and (best_sim >= ORPHAN_MIN_SIM * 2 or clear or why.startswith("orphan run closed")):
            best.items.extend(orphan.items)
            sets[id(best)] = sets[id(best)] | mine
            norms[id(best)] = aff.norm(sets[id(best)])
            log.append({"step": "jump", "run_start": orphan.start, "to": best.start,
                        "why": why})
        else:
            keep.append(orphan)
            log.append({"step": "orphan", "run_start": orphan.start, "why": "no article to attach to"})
    keep.sort(key=lambda sk: sk.start)
    return keep
