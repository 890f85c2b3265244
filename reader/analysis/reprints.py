"""Reprints: the same copy printed again — in other papers, on other pages, on other days.

Each live article with at least :data:`MIN_CHARS` characters (spaces removed) gets a MinHash
signature (``datasketch``, :data:`PERMUTATIONS` permutations) of its character
:data:`SHINGLE`-grams, stored in ``reprint_signature`` and recomputed only for new or changed
articles (so the work is incremental on ingest).  Only the low :data:`BITS` (12) bits of each
minimum are stored, two to three bytes (b-bit MinHash, :func:`stored_form`; step
``_twelve_bit_signatures``): two different minima agree there by chance with probability
2**-12, which raises an estimated similarity by (1 - J) / 4,096 on average (at most 0.0002, far
below the estimate's step of 1/128; a chance agreement moves one pair's estimate one step, for
about one pair in a hundred at J = 0.75, one in 4,096 at 1 - J = 1/128), so similarities and
clusters are those of the full 32-bit values but for rare pairs at a threshold (on the
10,000-article bench corpus: the same 462 / 506 / 590 clusters at 0.8 / 0.75 / 0.6 and the same
similarity for every pair as with 16 bits, with 192 bytes a signature instead of 256;
8 bits, 128 bytes, changed 2 clusters at 0.8 and 0.75 and 46 of 709 similarities even with the
estimator corrected for chance agreement).  Signatures of 16 bits (the format before) and of the
full values (as servers may still hold) are read by their low 12 bits.  Clustering bands the signatures
(:data:`BANDS` bands of :data:`ROWS` rows; in memory, a few seconds for 100,000 articles),
checks every candidate pair's estimated Jaccard similarity against the threshold, and joins
pairs into clusters.  An agency dateline (``新华社北京2月8日电``) shared by both articles is a
cue: such a pair needs :data:`DATELINE_BONUS` less similarity (a regional paper trims Xinhua
copy).  A cluster's first printing is its earliest (date, page, position, id; undated last).
The result is stored in ``reprint_cluster``; :func:`copies` answers "also printed in …".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reader.store.models import database
from reader.store.packed_text import unpack

PERMUTATIONS = 128
BITS = 12  # of each minimum stored (see the module docstring)
_MASK = (1 << BITS) - 1
STORED_BYTES = PERMUTATIONS * BITS // 8  # 192: two values in three bytes
_LENGTHS = (STORED_BYTES, PERMUTATIONS * 2, PERMUTATIONS * 4)  # 12-bit, 16-bit (before), full
BANDS, ROWS = 32, 4
SHINGLE = 4
MIN_CHARS = 60
DATELINE_BONUS = 0.15
DEFAULT_THRESHOLD = 0.8
_STATE_KEY = "reprints_state"
_SIGNER_KEY = "reprints_signer"
_SPACES = re.compile(r"\s+")
_AGENCY_DATELINE = re.compile(r"^((?:新华社|中新社)[\u4e00-\u9fff]{0,10}?\d{1,2}月\d{1,2}日电)")
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's character shingles (spaces removed)."""
    flat = _SPACES.sub("", text)
    if len(flat) < SHINGLE:
        return np.zeros(0, dtype=np.uint32)
    cps = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(len(cps) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * np.uint64(1_000_003) + cps[k:len(cps) - SHINGLE + 1 + k]
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return np.unique((h & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text, or None when it is too short to compare."""
    if len(_SPACES.sub("", text)) < MIN_CHARS:
        return None
    from datasketch import MinHash  # imported when first needed: it pulls in scipy (~1.4 s at start)

    m = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=int)
    m.update_batch(shingle_hashes(text).tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def _pack12(values: np.ndarray) -> bytes:
    """128 values below 4,096 in 192 bytes: each pair (a, b) as a's low byte, a's high four
    bits with b's low four, b's high byte."""
    v = values.astype(np.uint16)
    a, b = v[0::2], v[1::2]
    out = np.empty((len(a), 3), dtype=np.uint8)
    out[:, 0] = a & 0xFF
    out[:, 1] = (a >> 8) | ((b & 0xF) << 4)
    out[:, 2] = b >> 4
    return out.tobytes()


def _unpack12(blob: bytes) -> np.ndarray:
    raw = np.frombuffer(blob, dtype=np.uint8).reshape(-1, 3).astype(np.uint16)
    out = np.empty(raw.shape[0] * 2, dtype=np.uint16)
    out[0::2] = raw[:, 0] | ((raw[:, 1] & 0xF) << 8)
    out[1::2] = (raw[:, 1] >> 4) | (raw[:, 2] << 4)
    return out


def stored_form(blob: bytes) -> bytes:
    """A signature as stored: the low :data:`BITS` bits of each value of ``signature(...).tobytes()``
    (or of a stored 16-bit signature), packed (:func:`_pack12`); a stored one and ``b""`` as they are."""
    if len(blob) not in (PERMUTATIONS * 2, PERMUTATIONS * 4):
        return blob
    return _pack12(_low_bits(blob))


def _low_bits(blob: bytes) -> np.ndarray:
    """The stored (or 16-bit, or full) signature as :data:`BITS`-bit values."""
    if len(blob) == PERMUTATIONS * 4:
        return (np.frombuffer(blob, dtype="<u4") & _MASK).astype(np.uint16)
    if len(blob) == PERMUTATIONS * 2:
        return np.frombuffer(blob, dtype="<u2") & np.uint16(_MASK)
    return _unpack12(blob)


def dateline_cue(dateline: str | None, text: str) -> str:
    """``新华社北京2月8日电`` when the article opens with an agency dateline, else ``""``."""
    for head in (dateline or "", text[:40]):
        match = _AGENCY_DATELINE.match(_SPACES.sub("", head))
        if match:
            return match.group(1)
    return ""


def signer() -> str:
    """What made the stored signatures; signatures of another signer are recomputed."""
    from importlib.metadata import version

    return f"datasketch {version('datasketch')}; {PERMUTATIONS} permutations; {SHINGLE}-shingles"


def _check_signer() -> None:
    row = database.execute_sql("SELECT value FROM meta WHERE key = ?", (_SIGNER_KEY,)).fetchone()
    if row is None or row[0] != signer():
        with database.atomic():
            database.execute_sql("DELETE FROM reprint_signature")
            database.execute_sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_SIGNER_KEY, signer()))


def store_signature(article_id: int, blob: bytes, text: str, dateline: str | None) -> None:
    """Store a signature computed elsewhere (an ingest worker: ``signature(text).tobytes()``,
    ``b""`` when too short) for the article as it is stored now, as :func:`update_signatures`
    would.  Call inside the transaction that wrote the article."""
    _check_signer()  # (one read) a signer change would wipe the table after this insert
    database.execute_sql(
        "INSERT OR REPLACE INTO reprint_signature (article_id, chars, updated, signature, dateline) "
        "SELECT id, chars, updated, ?, ? FROM article WHERE id = ?",
        (stored_form(blob), dateline_cue(dateline, text), article_id))


def update_signatures(progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
    """Compute the signatures of new and changed live articles; returns how many were made
    (-1 when cancelled; those made so far are kept)."""
    _check_signer()
    todo = [r[0] for r in database.execute_sql(
        "SELECT a.id FROM article AS a LEFT JOIN reprint_signature AS s ON s.article_id = a.id "
        "WHERE a.retired = 0 AND (s.article_id IS NULL OR s.chars != a.chars OR s.updated != a.updated) "
        "ORDER BY a.id").fetchall()]
    for start in range(0, len(todo), 200):
        if cancelled is not None and cancelled():
            return -1
        if progress is not None:
            progress(start, len(todo), "signatures")
        part = todo[start:start + 200]
        rows = database.execute_sql(
            f"SELECT id, chars, updated, text, dateline FROM article WHERE id IN ({', '.join('?' * len(part))})",
            part).fetchall()
        with database.atomic():
            for article_id, chars, updated, packed, dateline in rows:
                text = unpack(packed)
                sig = signature(text)
                blob = b"" if sig is None else stored_form(sig.tobytes())
                database.execute_sql(
                    "INSERT OR REPLACE INTO reprint_signature (article_id, chars, updated, signature, dateline) "
                    "VALUES (?, ?, ?, ?, ?)", (article_id, chars, updated, blob, dateline_cue(dateline, text)))
    if progress is not None:
        progress(len(todo), len(todo), "")
    return len(todo)


@dataclass(frozen=True)
class Cluster:
    """Articles printing the same copy: ``first`` the earliest printing, ``similarity`` the
    lowest estimated similarity of a copy to the first printing."""

    cluster: int
    articles: tuple[int, ...]
    first: int
    similarity: float

    def to_json(self) -> dict[str, object]:
        return {"cluster": self.cluster, "articles": list(self.articles), "first": self.first,
                "similarity": round(self.similarity, 4)}


def _load() -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows = database.execute_sql(
        "SELECT s.article_id, s.signature, s.dateline FROM reprint_signature AS s "
        "JOIN article AS a ON a.id = s.article_id WHERE a.retired = 0 AND length(s.signature) IN (?, ?, ?) "
        "ORDER BY s.article_id", _LENGTHS).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    blobs = [bytes(r[1]) for r in rows]
    if blobs and all(len(b) == STORED_BYTES for b in blobs):  # the common case: unpacked in one go
        sigs = _unpack12(b"".join(blobs)).reshape(len(blobs), PERMUTATIONS)
    else:
        sigs = np.stack([_low_bits(b) for b in blobs]) if blobs else np.zeros((0, PERMUTATIONS), np.uint16)
    return ids, sigs, [r[2] for r in rows]


def _candidates(sigs: np.ndarray) -> set[tuple[int, int]]:
    """Row pairs (i < j) that share at least one band."""
    pairs: set[tuple[int, int]] = set()
    n = len(sigs)
    if n < 2:
        return pairs
    for band in range(BANDS):
        part = sigs[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        key = np.zeros(n, dtype=np.uint64)
        for col in range(ROWS):
            key = key * np.uint64(0x9E3779B97F4A7C15) + part[:, col]
        order = np.argsort(key, kind="stable")
        sorted_keys = key[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], n]
        for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = sorted(order[s:e].tolist())
            if len(members) <= 40:
                pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
            else:  # a huge bucket (boilerplate): chain it and tie it to its first member
                pairs.update(zip(members, members[1:]))
                pairs.update((members[0], b) for b in members[2:])
    return pairs


def _order_keys(ids: list[int]) -> dict[int, tuple]:
    out: dict[int, tuple] = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for article_id, published, page, position in database.execute_sql(
                "SELECT a.id, s.published, s.page, a.position FROM article AS a JOIN source_file AS s "
                f"ON s.id = a.source_id WHERE a.id IN ({', '.join('?' * len(part))})", part).fetchall():
            out[article_id] = (published is None, str(published or ""), page if page is not None else 10**6,
                               position, article_id)
    return out


def cluster(threshold: float = DEFAULT_THRESHOLD, progress: Progress | None = None,
            cancelled: Cancelled | None = None, store: bool = True) -> list[Cluster] | None:
    """Bring the signatures up to date, cluster at ``threshold`` (0–1) and, with ``store``,
    keep the result for the reader and for collapsing copies; None when cancelled."""
    if not 0.0 < threshold <= 1.0:
        from reader.changes import CorpusError

        raise CorpusError("bad-threshold", f"threshold {threshold} must be in (0, 1]")
    if update_signatures(progress, cancelled) < 0:
        return None
    ids, sigs, datelines = _load()
    if progress is not None:
        progress(0, 1, "clusters")
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[tuple[int, int], float] = {}
    pairs = sorted(_candidates(sigs))
    if pairs:
        left = np.array([p[0] for p in pairs])
        right = np.array([p[1] for p in pairs])
        sims = np.empty(len(pairs))
        for start in range(0, len(pairs), 20000):
            sl = slice(start, start + 20000)
            sims[sl] = (sigs[left[sl]] == sigs[right[sl]]).mean(axis=1)
        for (a, b), sim in zip(pairs, sims.tolist()):
            need = threshold - (DATELINE_BONUS if datelines[a] and datelines[a] == datelines[b] else 0.0)
            if sim >= need:
                best[(a, b)] = sim
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for row in {r for pair in best for r in pair}:
        groups.setdefault(find(row), []).append(row)
    keys = _order_keys([int(ids[r]) for rows in groups.values() for r in rows])
    out: list[Cluster] = []
    for rows in groups.values():
        rows.sort(key=lambda r: keys[int(ids[r])])
        first = rows[0]
        sims_to_first = [float((sigs[r] == sigs[first]).mean()) for r in rows[1:]]
        out.append(Cluster(0, tuple(int(ids[r]) for r in rows), int(ids[first]), min(sims_to_first)))
    out.sort(key=lambda c: keys[c.first])
    out = [Cluster(n, c.articles, c.first, c.similarity) for n, c in enumerate(out, 1)]
    if store:
        _store(out, sigs, ids, threshold)
    if progress is not None:
        progress(1, 1, "")
    return out


def _store(clusters: list[Cluster], sigs: np.ndarray, ids: np.ndarray, threshold: float) -> None:
    row_of = {int(a): r for r, a in enumerate(ids.tolist())}
    with database.atomic():
        database.execute_sql("DELETE FROM reprint_cluster")
        for c in clusters:
            f = sigs[row_of[c.first]]
            for article_id in c.articles:
                sim = float((sigs[row_of[article_id]] == f).mean())
                database.execute_sql("INSERT INTO reprint_cluster (article_id, cluster, first, similarity) "
                                     "VALUES (?, ?, ?, ?)", (article_id, c.cluster, c.first, sim))
        database.execute_sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             (_STATE_KEY, f"{threshold}|{_signature_state()}"))


def shorten_signatures(db: object) -> int:
    """Rewrite stored full (32-bit) signatures as their low 16 bits (what step
    ``_short_signatures`` did, frozen: the later step makes them 12-bit); returns the
    signatures rewritten."""
    def sixteen(blob: bytes) -> bytes:
        return (np.frombuffer(blob, dtype="<u4") & 0xFFFF).astype("<u2").tobytes()

    return _rewrite(db, (PERMUTATIONS * 4,), sixteen)


def twelve_bit_signatures(db: object) -> int:
    """Rewrite stored 16-bit and full signatures in their stored form (:func:`stored_form`);
    returns the signatures rewritten."""
    return _rewrite(db, (PERMUTATIONS * 2, PERMUTATIONS * 4), stored_form)


def _rewrite(db: object, lengths: tuple[int, ...], form: Callable[[bytes], bytes]) -> int:
    done = 0
    marks = ", ".join("?" * len(lengths))
    while True:
        rows = db.execute_sql(f"SELECT article_id, signature FROM reprint_signature WHERE length(signature) IN ({marks}) "  # type: ignore[attr-defined]
                              "LIMIT 2000", lengths).fetchall()
        if not rows:
            return done
        for article_id, blob in rows:
            db.execute_sql("UPDATE reprint_signature SET signature = ? WHERE article_id = ?",  # type: ignore[attr-defined]
                           (form(bytes(blob)), article_id))
        done += len(rows)


def _signature_state() -> str:
    row = database.execute_sql("SELECT count(*), max(updated), total(chars), total(article_id) FROM reprint_signature").fetchone()
    return hashlib.sha1(repr(row).encode()).hexdigest()[:16]


def stored_threshold() -> float | None:
    row = database.execute_sql("SELECT value FROM meta WHERE key = ?", (_STATE_KEY,)).fetchone()
    return float(row[0].split("|")[0]) if row else None


def ensure_clusters(threshold: float | None = None, progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> bool:
    """Re-cluster when articles changed since the stored clustering (or the threshold differs);
    False when cancelled."""
    wanted = threshold if threshold is not None else (stored_threshold() or DEFAULT_THRESHOLD)
    if update_signatures(progress, cancelled) < 0:
        return False
    row = database.execute_sql("SELECT value FROM meta WHERE key = ?", (_STATE_KEY,)).fetchone()
    if row is not None and row[0] == f"{wanted}|{_signature_state()}":
        return True
    return cluster(wanted, progress, cancelled) is not None


def stored_clusters() -> list[Cluster]:
    """The clusters of the last clustering, first printing first."""
    groups: dict[int, list[tuple[int, int, float]]] = {}
    for article_id, number, first, sim in database.execute_sql(
            "SELECT article_id, cluster, first, similarity FROM reprint_cluster ORDER BY cluster").fetchall():
        groups.setdefault(number, []).append((article_id, first, sim))
    out = []
    for number, rows in sorted(groups.items()):
        first = rows[0][1]
        ordered = [first] + sorted(a for a, _f, _s in rows if a != first)
        out.append(Cluster(number, tuple(ordered), first, min(s for a, _f, s in rows if a != first)))
    return out


@dataclass(frozen=True)
class Copy:
    """Another printing of an article's copy."""

    article_id: int
    title: str
    paper: str | None
    date: str | None
    page: int | None
    similarity: float
    first: bool


def copies(article_id: int) -> list[Copy]:
    """The other printings of this article's copy (from the stored clustering), earliest first."""
    row = database.execute_sql("SELECT cluster FROM reprint_cluster WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    rows = database.execute_sql(
        "SELECT c.article_id, a.display_title, s.paper, s.published, s.page, c.similarity, c.first = c.article_id, "
        "a.position FROM reprint_cluster AS c JOIN article AS a ON a.id = c.article_id "
        "JOIN source_file AS s ON s.id = a.source_id WHERE c.cluster = ? AND c.article_id != ?",
        (row[0], article_id)).fetchall()
    out = [Copy(a, t, p, str(d) if d else None, pg, float(sim), bool(f)) for a, t, p, d, pg, sim, f, _pos in rows]
    out.sort(key=lambda c: (c.date is None, c.date or "", c.page or 10**6, c.article_id))
    return out


def first_printing_of() -> dict[int, int]:
    """article id -> its cluster's first printing, for every clustered article."""
    return dict(database.execute_sql("SELECT article_id, first FROM reprint_cluster").fetchall())


CSV_COLUMNS = ("cluster", "article", "first", "similarity", "date", "newspaper", "page", "title")


def cluster_rows(clusters: list[Cluster]) -> list[tuple]:
    """One row per clustered article (:data:`CSV_COLUMNS`), for export."""
    ids = [a for c in clusters for a in c.articles]
    facts: dict[int, tuple] = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for a, title, paper, published, page in database.execute_sql(
                "SELECT a.id, a.display_title, s.paper, s.published, s.page FROM article AS a JOIN source_file AS s "
                f"ON s.id = a.source_id WHERE a.id IN ({', '.join('?' * len(part))})", part).fetchall():
            facts[a] = (str(published or ""), paper or "", page if page is not None else "", title)
    sims = dict(database.execute_sql("SELECT article_id, similarity FROM reprint_cluster").fetchall())
    return [(c.cluster, a, "yes" if a == c.first else "", round(float(sims.get(a, 1.0)), 4), *facts.get(a, ("", "", "", "")))
            for c in clusters for a in c.articles]


__all__ = ["CSV_COLUMNS", "Cluster", "Copy", "DEFAULT_THRESHOLD", "cluster", "cluster_rows", "copies",
           "dateline_cue", "ensure_clusters", "first_printing_of", "shingle_hashes", "signature",
           "stored_clusters", "stored_threshold", "update_signatures"]
