"""Per-article term statistics: the precomputation behind word lists, keyness and collocations.

Words come from one function, :func:`reader.analysis.terms.words_of`, which calls the
recogniser's segmenter, so word analyses always see the same words as entity recognition.
A token counts as a word when it holds a letter, a digit or a Han character (punctuation and
spaces are not words and do not take a place in collocation windows).

Layout.  Articles are grouped in chunks by id (``id // CHUNK``).  Each chunk is one row of
``term_chunk`` holding packed blobs over its live articles:
``bags`` — per article its id, length and a stamp of its ``updated`` time, the distinct word
ids with their counts, and the distinct entity ids (surface text and type) with their mention
counts, with the chunk's totals (:func:`_pack_coded`: sorted ids as differences of their
indexes in the chunk's distinct terms, byte-planed, deflated); ``totals`` — those totals alone
(the summary every analysis loads); ``seqs`` — per article, its words in text order, each as
the frequency rank of the word in the chunk, deflated (:func:`_pack_sequences`; for collocation
windows).  Since step ``_derived_word_bags`` the per-article word bags are not stored but counted
from the sequences when a chunk's details are read, and its totals are read from ``totals`` only
(:data:`_DERIVED`: the same arrays from a quarter less of the chunk's bytes).  Older formats (:func:`_pack`'s int32 byte planes, plain int32, two-byte sequences)
are still read; step ``_coded_term_chunks`` rewrote them.  Term ids are rows of ``term`` (``kind`` ``""`` for words, the
entity type for entities) and never change.

Freshness.  A chunk's ``fingerprint`` digests its articles' (id, chars, updated, retired);
``version`` the segmenter.  :func:`ensure_current` rebuilds exactly the chunks whose fingerprint
or version changed (new articles, re-ingested pages), and within a chunk segments only the
articles that changed, so the statistics stay current incrementally; every analysis calls it
first.  Entities recomputed without a text change (``Corpus.recompute_entities``, so corrections
too) :func:`invalidate` their articles (listed in ``term_stale``).  Loaded chunks are kept per process, so repeated queries cost only the arithmetic.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from reader.analysis.terms import Vocabulary, known_words, segmenter_version, words_of
from reader.store.models import database
from reader.store.packed_text import unpack

try:  # ISA-L inflates the same streams about twice as fast as zlib
    from isal import isal_zlib as _isal

    _inflate = _isal.decompress
    _BAD_BLOB: tuple[type[Exception], ...] = (zlib.error, _isal.error, ValueError, TypeError, IndexError)
except ImportError:  # pragma: no cover - isal is a dependency; zlib does the same, slower
    _inflate = zlib.decompress
    _BAD_BLOB = (zlib.error, ValueError, TypeError, IndexError)

CHUNK = 1024
CHUNK_ARRAYS = 15  # the fields of Chunk, in order
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_LOCK = threading.RLock()


# ---------------------------------------------------------------- chunks


@dataclass
class Chunk:
    """One chunk's arrays (see the module docstring); ``*_off`` have one more entry than
    ``articles``, so article ``i``'s slice is ``off[i]:off[i + 1]``."""

    articles: np.ndarray
    chars: np.ndarray
    stamps: np.ndarray
    bag_off: np.ndarray
    bag_terms: np.ndarray
    bag_counts: np.ndarray
    ent_off: np.ndarray
    ent_terms: np.ndarray
    ent_counts: np.ndarray
    word_total_terms: np.ndarray  # the chunk's distinct words, their counts and articles
    word_total_counts: np.ndarray
    word_total_docs: np.ndarray
    ent_total_terms: np.ndarray
    ent_total_counts: np.ndarray
    ent_total_docs: np.ndarray


@dataclass
class Summary:
    """What a chunk's totals say (always loaded; small): its articles and, over all of them,
    each word's and each entity's count and number of articles."""

    articles: np.ndarray
    word_terms: np.ndarray
    word_counts: np.ndarray
    word_docs: np.ndarray
    ent_terms: np.ndarray
    ent_counts: np.ndarray
    ent_docs: np.ndarray

    @classmethod
    def of(cls, chunk: Chunk) -> Summary:
        return cls(chunk.articles, chunk.word_total_terms, chunk.word_total_counts, chunk.word_total_docs,
                   chunk.ent_total_terms, chunk.ent_total_counts, chunk.ent_total_docs)

    def pack(self) -> bytes:
        return _pack_coded([self.articles, self.word_terms, self.word_counts, self.word_docs, self.ent_terms,
                             self.ent_counts, self.ent_docs], _SUMMARY_CODES)


_SHUFFLED = b"S"  # a packed blob's first byte in the byte-plane format (a zlib stream starts with 0x78)


def _pack(arrays: Sequence[np.ndarray]) -> bytes:
    """The arrays as one blob: their sizes (int64), then the arrays as int32 with the bytes
    regrouped by plane (every first byte, then every second, ...: the high planes of small
    numbers are nearly all zero), deflated at level 1; a third smaller than the plain int32
    bytes deflated, and no slower."""
    head = np.array([len(a) for a in arrays], dtype=np.int64).tobytes()
    body = np.concatenate([np.ascontiguousarray(a, dtype=np.int32) for a in arrays]) if arrays else np.zeros(0, np.int32)
    planes = body.view(np.uint8).reshape(-1, 4).T.tobytes()
    return _SHUFFLED + zlib.compress(head + planes, 1)


def _unpack(blob: bytes, count: int) -> list[np.ndarray]:
    """The arrays of :func:`_pack_chunk`/:func:`_pack_summary` (``count`` 15 or 7), of
    :func:`_pack`, or of the format before it (int32 bytes as they are)."""
    if bytes(blob[:1]) == _DERIVED:
        raise ValueError("a chunk without its word bags and totals: read it with _read_chunk")
    if bytes(blob[:1]) == _CODED:
        return _unpack_coded(bytes(blob), _CHUNK_CODES if count == CHUNK_ARRAYS else _SUMMARY_CODES)
    shuffled = bytes(blob[:1]) == _SHUFFLED
    raw = zlib.decompress(blob[1:] if shuffled else blob)
    sizes = np.frombuffer(raw[:8 * count], dtype=np.int64)
    if shuffled:
        planes = np.frombuffer(raw, dtype=np.uint8, offset=8 * count).reshape(4, -1)
        body = np.ascontiguousarray(planes.T).view(np.int32).reshape(-1)
        body.flags.writeable = False
    else:
        body = np.frombuffer(raw, dtype=np.int32, offset=8 * count)
    out, pos = [], 0
    for size in sizes:
        out.append(body[pos:pos + int(size)])
        pos += int(size)
    return out


# ---------------------------------------------------------------- the coded format


_CODED = b"V"  # a chunk blob's first byte in the coded format (:func:`_pack_coded`)
_DERIVED = b"W"  # the same without the word bags and totals (counted from seqs, read from totals: :func:`_with_word_bags`)
_SEQ_MAGIC = b"\xffQ1\x00"  # a sequence blob in the ranked format (the old one starts with an int64 <= 1025)
# How each array of a chunk (15) and of a summary (7) is coded before its bytes are planed:
# ("z",) as it is (zigzag, so a negative stays small), ("d",) the differences of a
# non-decreasing array, ("s", off, terms) sorted within the articles' slices of array ``off``,
# each value as its index in the sorted array ``terms``, that index as the difference to the one
# before in the slice (the first of a slice as itself).
_CHUNK_CODES: tuple[tuple, ...] = (
    ("d",), ("z",), ("z",), ("d",), ("s", 3, 9), ("z",), ("d",), ("s", 6, 12), ("z",),
    ("d",), ("z",), ("z",), ("d",), ("z",), ("z",))
_SUMMARY_CODES: tuple[tuple, ...] = (("d",), ("d",), ("z",), ("z",), ("d",), ("z",), ("z",))


def _zigzag(a: np.ndarray) -> np.ndarray:
    a = a.astype(np.int64)
    return (a << 1) ^ (a >> 63)


def _unzigzag(z: np.ndarray) -> np.ndarray:
    return (z >> 1) ^ -(z & 1)


def _planes(values: np.ndarray, width: int) -> bytes:
    """Unsigned values of ``width`` bytes with their bytes regrouped by plane (see :func:`_pack`)."""
    typed = np.ascontiguousarray(values, dtype=np.uint16 if width == 2 else np.uint32)
    return typed.view(np.uint8).reshape(-1, width).T.tobytes()


def _unplanes(raw: bytes | memoryview, count: int, width: int, at: int = 0) -> np.ndarray:
    planes = np.frombuffer(raw, dtype=np.uint8, count=count * width, offset=at).reshape(width, count)
    return np.ascontiguousarray(planes.T).view(np.uint16 if width == 2 else np.uint32).reshape(-1)


def _slice_openers(off: np.ndarray, size: int) -> np.ndarray:
    """A mask of the positions that open an article's slice (the first of each non-empty one)."""
    first = np.zeros(size, dtype=bool)
    starts = np.asarray(off[:-1], dtype=np.int64)
    first[starts[starts < size]] = True
    return first


def _pack_coded(arrays: Sequence[np.ndarray], codes: Sequence[tuple], omit: Sequence[int] = ()) -> bytes:
    """The arrays of a chunk or summary as one blob: their sizes (int64), then each array coded
    as ``codes`` says (differences of sorted ids: small numbers), as uint32 byte planes,
    deflated at level 6; three quarters of :func:`_pack`'s bytes, read as fast.  The arrays
    ``omit`` are left out (stored empty; they can still be the sorted terms others are coded by)."""
    arrays = [np.asarray(a, dtype=np.int64) for a in arrays]
    coded = []
    for a, code in zip(arrays, codes):
        if code[0] == "z":
            coded.append(_zigzag(a))
        elif code[0] == "d":
            coded.append(_zigzag(np.diff(a, prepend=0)))
        else:
            off, terms = arrays[code[1]], arrays[code[2]]
            local = np.searchsorted(terms, a)
            if len(a) and (int(local.max()) >= len(terms) or not np.array_equal(terms[local], a)):
                raise ValueError("a term missing from the chunk's totals")
            delta = np.diff(local, prepend=0)
            first = _slice_openers(off, len(a))
            delta[first] = local[first]
            if len(delta) and int(delta.min()) < 0:
                raise ValueError("terms not sorted within an article")
            coded.append(delta)
    for i in omit:
        coded[i] = np.zeros(0, np.int64)
    body = np.concatenate(coded) if coded else np.zeros(0, np.int64)
    if len(body) and int(body.max()) >= 2 ** 32:
        raise ValueError("a value beyond 32 bits")
    head = np.array([len(c) for c in coded], dtype=np.int64).tobytes()
    return _CODED + zlib.compress(head + _planes(body, 4), 6)


def _unpack_coded(blob: bytes, codes: Sequence[tuple], given: dict[int, np.ndarray] | None = None) -> list[np.ndarray]:
    """The arrays of :func:`_pack_coded`; ``given``: the arrays it omitted, by position."""
    raw = _inflate(blob[1:])
    sizes = np.frombuffer(raw[:8 * len(codes)], dtype=np.int64).tolist()
    body = _unplanes(raw, int(sum(sizes)), 4, 8 * len(codes)).astype(np.int64)
    bounds = np.cumsum([0, *sizes])
    coded = [body[bounds[i]:bounds[i + 1]] for i in range(len(codes))]
    out: list[np.ndarray] = [np.zeros(0, np.int64)] * len(codes)
    for i, code in enumerate(codes):
        if code[0] == "z":
            out[i] = _unzigzag(coded[i])
        elif code[0] == "d":
            out[i] = np.cumsum(_unzigzag(coded[i]))
    for i, a in (given or {}).items():
        out[i] = np.asarray(a, dtype=np.int64)
    for i, code in enumerate(codes):
        if code[0] == "s" and len(coded[i]):
            delta = coded[i]
            run = np.cumsum(delta)
            first = _slice_openers(out[code[1]], len(delta))
            opener = np.maximum.accumulate(np.where(first, np.arange(len(delta)), 0))
            out[i] = out[code[2]][run - (run - delta)[opener]]  # each slice's running sum restarts
    result = []
    for a in out:
        arr = np.ascontiguousarray(a, dtype=np.int32)
        arr.flags.writeable = False
        result.append(arr)
    return result

def repack_chunks(db: object) -> int:
    """Rewrite the stored chunks' ``bags`` and ``totals`` of the format before :func:`_pack`
    in its format (the arrays unchanged: no article is segmented again); returns chunks rewritten."""
    done = 0
    for cid, bags, totals in db.execute_sql("SELECT id, bags, totals FROM term_chunk").fetchall():  # type: ignore[attr-defined]
        if bytes(bags[:1]) in (_SHUFFLED, _CODED, _DERIVED):
            continue
        try:
            new_bags = _pack(_unpack(bytes(bags), CHUNK_ARRAYS))
            new_totals = _pack(_unpack(bytes(totals), 7)) if totals is not None else None
        except (zlib.error, ValueError):
            continue  # an unreadable chunk is rebuilt by ensure_current as before
        db.execute_sql("UPDATE term_chunk SET bags = ?, totals = ? WHERE id = ?", (new_bags, new_totals, cid))  # type: ignore[attr-defined]
        done += 1
    return done


def recode_chunks(db: object) -> int:
    """Rewrite the stored chunks of the formats before the varint one (:func:`_pack_coded`,
    ranked sequences) in it (the arrays unchanged: no article is segmented again); returns
    chunks rewritten.  An unreadable chunk is left to :func:`ensure_current` to rebuild."""
    done = 0
    ids = [r[0] for r in db.execute_sql("SELECT id FROM term_chunk ORDER BY id").fetchall()]  # type: ignore[attr-defined]
    for cid in ids:
        bags, seqs, totals = db.execute_sql(  # type: ignore[attr-defined]
            "SELECT bags, seqs, totals FROM term_chunk WHERE id = ?", (cid,)).fetchone()
        if bytes(bags[:1]) in (_CODED, _DERIVED) and bytes(seqs[:len(_SEQ_MAGIC)]) == _SEQ_MAGIC:
            continue
        try:
            chunk = Chunk(*_unpack(bytes(bags), CHUNK_ARRAYS))
            summary = Summary(*_unpack(bytes(totals), 7)) if totals is not None else Summary.of(chunk)
            off, words = _sequences(summary, bytes(seqs))
            local = np.searchsorted(summary.word_terms, words)
            new = (_pack_coded([getattr(chunk, f) for f in Chunk.__dataclass_fields__], _CHUNK_CODES),
                   _pack_sequences(np.asarray(off, dtype=np.int32), local, summary), summary.pack())
        except _BAD_BLOB:
            continue
        db.execute_sql("UPDATE term_chunk SET bags = ?, seqs = ?, totals = ? WHERE id = ?", (*new, cid))  # type: ignore[attr-defined]
        done += 1
    return done

# The arrays a _DERIVED blob leaves out: the word bags (counted from the sequences) and the
# chunk's totals (the ``totals`` column holds them, as its summary).
_OMITTED = (3, 4, 5, 9, 10, 11, 12, 13, 14)
_TOTALS_AT = (9, 10, 11, 12, 13, 14)  # where a chunk holds its summary's arrays after ``articles``


def _pack_chunk(chunk: Chunk | Sequence[np.ndarray]) -> bytes:
    """A chunk's ``bags`` blob without its per-article word bags and its totals
    (:data:`_DERIVED`): those arrays are stored empty, every other array coded as in
    :func:`_pack_coded` (the entity terms by their index in the totals, as before)."""
    arrays = [getattr(chunk, f) for f in Chunk.__dataclass_fields__] if isinstance(chunk, Chunk) else list(chunk)
    return _DERIVED + _pack_coded(arrays, _CHUNK_CODES, omit=_OMITTED)[1:]


def _word_bags(off: np.ndarray, local: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bag_off, indexes, counts) of each article's distinct words, sorted by index within an
    article, from the articles' word sequences as indexes (``0 <= local < size``) into the
    chunk's distinct words: what :func:`_build_chunk` stores as the bags (``np.unique`` per
    article), counted at once over the chunk (one sort of the packed (article, index) keys)."""
    n = len(off) - 1
    bits = max(1, int(size - 1).bit_length())
    kind = np.uint32 if bits + max(1, n.bit_length()) <= 32 else np.uint64
    keys = np.repeat(np.arange(n, dtype=kind), np.diff(np.asarray(off, dtype=np.int64)))
    keys <<= kind(bits)
    keys |= np.asarray(local).astype(kind, copy=False)
    keys.sort()
    if not len(keys):
        return np.zeros(n + 1, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    counts = np.diff(starts, append=len(keys))
    first = keys[starts]
    bag_off = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(first >> kind(bits), minlength=n), out=bag_off[1:])
    first &= kind((1 << bits) - 1)
    return bag_off, first, counts


def _with_word_bags(bags: bytes, seqs: bytes, totals: bytes | None) -> tuple[Chunk, tuple[np.ndarray, np.ndarray]]:
    """The full chunk of a :data:`_DERIVED` blob: its totals from the ``totals`` blob, its word
    bags counted from its sequences; and the sequences (offsets, each token's index into the
    chunk's distinct words)."""
    if totals is None:
        raise ValueError("a chunk without its word bags needs its totals")
    summary = Summary(*_unpack(bytes(totals), 7))
    arrays = _unpack_coded(bytes(bags), _CHUNK_CODES, dict(zip(
        _TOTALS_AT, (getattr(summary, f) for f in list(Summary.__dataclass_fields__)[1:]))))
    if not np.array_equal(arrays[0], summary.articles):
        raise ValueError("the totals do not match the chunk's articles")
    chunk = Chunk(*arrays)
    off, local = _sequence_indexes(summary, seqs)
    if len(off) != len(chunk.articles) + 1:
        raise ValueError("the sequences do not match the chunk's articles")
    bag_off, indexes, counts = _word_bags(off, local, len(summary.word_terms))
    chunk.bag_off, chunk.bag_terms, chunk.bag_counts = (
        _frozen(bag_off), _frozen(np.asarray(summary.word_terms)[indexes]), _frozen(counts))
    return chunk, (off, local)


def _frozen(a: np.ndarray) -> np.ndarray:
    arr = np.ascontiguousarray(a, dtype=np.int32)
    arr.flags.writeable = False
    return arr


def _read_chunk(bags: bytes, seqs: bytes, totals: bytes | None,
                words: bool = True) -> tuple[Chunk, tuple[np.ndarray, np.ndarray]]:
    """A stored chunk (any format; ``totals``: its ``totals`` blob) and its sequences (offsets,
    word ids; without ``words`` the chunk alone and an empty pair, the sequences being read
    only for a ``_DERIVED`` blob)."""
    if bytes(bags[:1]) == _DERIVED:
        chunk, (off, local) = _with_word_bags(bags, seqs, totals)
        return chunk, ((off, np.asarray(chunk.word_total_terms)[local]) if words else _NO_SEQUENCES)
    chunk = Chunk(*_unpack(bytes(bags), CHUNK_ARRAYS))
    return chunk, (_sequences(Summary.of(chunk), seqs) if words else _NO_SEQUENCES)


_NO_SEQUENCES = (np.zeros(1, np.int32), np.zeros(0, np.int32))


def derive_word_bags(db: object) -> int:
    """Rewrite the stored chunks of the formats before :data:`_DERIVED` in it, each only when
    the word bags counted from its sequences are the stored ones (else it stays as it is);
    returns chunks rewritten."""
    done = 0
    ids = [r[0] for r in db.execute_sql("SELECT id FROM term_chunk ORDER BY id").fetchall()]  # type: ignore[attr-defined]
    for cid in ids:
        bags, seqs, totals = db.execute_sql(  # type: ignore[attr-defined]
            "SELECT bags, seqs, totals FROM term_chunk WHERE id = ?", (cid,)).fetchone()
        if bytes(bags[:1]) == _DERIVED or totals is None:
            continue
        try:
            chunk, _seqs = _read_chunk(bytes(bags), bytes(seqs), totals)
            summary = Summary(*_unpack(bytes(totals), 7))
            if not all(np.array_equal(getattr(summary, f), getattr(Summary.of(chunk), f)) for f in Summary.__dataclass_fields__):
                continue  # totals that are not the chunk's (never written so): keep the chunk whole
            new = _pack_chunk(chunk)
            derived, _again = _read_chunk(new, bytes(seqs), totals)
        except _BAD_BLOB:
            continue
        if not all(np.array_equal(getattr(chunk, f), getattr(derived, f)) for f in Chunk.__dataclass_fields__):
            continue  # sequences that do not give the bags (never written so): keep the bags
        db.execute_sql("UPDATE term_chunk SET bags = ? WHERE id = ?", (new, cid))  # type: ignore[attr-defined]
        done += 1
    return done


def _fingerprints() -> dict[int, str]:
    """Current fingerprint of every chunk that has articles (read from a covering index)."""
    rows = database.execute_sql(
        f"SELECT id / {CHUNK}, count(*), total(chars), max(updated), total(retired), total(id * chars) "
        f"FROM article GROUP BY 1").fetchall()
    return {cid: hashlib.sha1(repr(rest).encode()).hexdigest()[:16] for cid, *rest in rows}


def invalidate(article_ids: Iterable[int] | None = None) -> None:
    """Mark the chunks of these articles (all, without ids) for rebuilding: their entities
    changed without their text changing (a recomputation or a correction)."""
    if article_ids is None:
        database.execute_sql("UPDATE term_chunk SET fingerprint = ''")
        database.execute_sql("INSERT OR IGNORE INTO term_stale (article_id) SELECT id FROM article")
        return
    ids = sorted({int(a) for a in article_ids})
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        database.execute_sql("INSERT OR IGNORE INTO term_stale (article_id) VALUES "
                             + ", ".join(["(?)"] * len(part)), part)
    cids = sorted({a // CHUNK for a in ids})
    for start in range(0, len(cids), 900):
        part = cids[start:start + 900]
        database.execute_sql(f"UPDATE term_chunk SET fingerprint = '' WHERE id IN ({', '.join('?' * len(part))})", part)


def _entity_spans(article_ids: Sequence[int]) -> dict[int, list[tuple[int, int, str]]]:
    """(start, end, type) of each article's recognised entities (their text is
    ``article.text[start:end]``)."""
    from reader.store.entities import spans_for_articles

    out: dict[int, list[tuple[int, int, str]]] = {}
    for article_id, start, end, etype, _text, _origin in spans_for_articles(article_ids, names=False):
        out.setdefault(article_id, []).append((start, end, etype))
    return out


def _stamp(updated: object) -> int:
    return zlib.crc32(str(updated).encode()) & 0x7FFFFFFF


def _stale_ids(cid: int) -> set[int]:
    return {i for (i,) in database.execute_sql("SELECT article_id FROM term_stale WHERE article_id >= ? AND article_id < ?",
                                               (cid * CHUNK, (cid + 1) * CHUNK)).fetchall()}


def _build_chunk(cid: int, vocab: Vocabulary, old: Chunk | None = None,
                 old_seqs: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[bytes, bytes, bytes]:
    """Pack the chunk's live articles.  An article whose (chars, updated) equal those in
    ``old`` and whose entities were not invalidated keeps its old arrays; only the others are
    segmented, so re-ingesting a page or appending articles costs what changed."""
    rows = database.execute_sql(
        "SELECT id, chars, updated FROM article WHERE id >= ? AND id < ? AND retired = 0 ORDER BY id",
        (cid * CHUNK, (cid + 1) * CHUNK)).fetchall()
    reuse: dict[int, int] = {}
    if old is not None and old_seqs is not None:
        stale = _stale_ids(cid)
        at = {int(a): i for i, a in enumerate(old.articles.tolist())}
        for article_id, chars, updated in rows:
            i = at.get(article_id)
            if (i is not None and article_id not in stale and int(old.chars[i]) == chars
                    and int(old.stamps[i]) == _stamp(updated)):
                reuse[article_id] = i
    todo = [r[0] for r in rows if r[0] not in reuse]
    texts: dict[int, str] = {}
    for start in range(0, len(todo), 500):
        part = todo[start:start + 500]
        texts.update((i, unpack(t)) for i, t in database.execute_sql(
            f"SELECT id, text FROM article WHERE id IN ({', '.join('?' * len(part))})", part).fetchall())
    spans = _entity_spans(todo)
    fresh: dict[int, tuple[list[str], list[tuple[str, str]]]] = {}
    for article_id in todo:
        text = texts[article_id]
        ents = [(text[s:e], t) for s, e, t in spans.get(article_id, ()) if 0 <= s < e <= len(text)]
        known = known_words(article_id, text)  # from the ingest workers, when they just did it
        fresh[article_id] = (known if known is not None else words_of(text), ents)
    vocab.add_all([(w, "") for words, _ in fresh.values() for w in words] + [e for _, ents in fresh.values() for e in ents])
    ids = vocab.ids
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("bag_terms", "bag_counts", "ent_terms", "ent_counts", "seq")}
    bag_off, ent_off, seq_off = [0], [0], [0]
    for article_id, _chars, _updated in rows:
        if article_id in reuse:
            assert old is not None and old_seqs is not None
            i = reuse[article_id]
            b, e, q = slice(old.bag_off[i], old.bag_off[i + 1]), slice(old.ent_off[i], old.ent_off[i + 1]), \
                slice(old_seqs[0][i], old_seqs[0][i + 1])
            got = (old.bag_terms[b], old.bag_counts[b], old.ent_terms[e], old.ent_counts[e], old_seqs[1][q])
        else:
            words, ents = fresh[article_id]
            word_ids = np.array([ids[(w, "")] for w in words], dtype=np.int32)
            terms, counts = np.unique(word_ids, return_counts=True)
            eterms, ecounts = np.unique(np.array([ids[x] for x in ents], dtype=np.int32), return_counts=True)
            got = (terms, counts, eterms, ecounts, word_ids)
        for key, value in zip(("bag_terms", "bag_counts", "ent_terms", "ent_counts", "seq"), got):
            parts[key].append(value)
        bag_off.append(bag_off[-1] + len(got[0]))
        ent_off.append(ent_off[-1] + len(got[2]))
        seq_off.append(seq_off[-1] + len(got[4]))

    def cat(key: str) -> np.ndarray:
        return np.concatenate(parts[key]).astype(np.int32) if parts[key] else np.zeros(0, np.int32)

    def totals(terms: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
        distinct, inverse = np.unique(terms, return_inverse=True)
        return [distinct, np.bincount(inverse, weights=counts, minlength=len(distinct)).astype(np.int64),
                np.bincount(inverse, minlength=len(distinct))]

    head = [np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), np.array([_stamp(r[2]) for r in rows])]
    words = [cat("bag_terms"), cat("bag_counts")]
    ents = [cat("ent_terms"), cat("ent_counts")]
    bags = [*head, np.array(bag_off), *words, np.array(ent_off), *ents, *totals(*words), *totals(*ents)]
    summary = Summary(*(np.asarray(a, dtype=np.int32) for a in (bags[0], *bags[9:])))
    sequence = cat("seq")
    return _pack_chunk(bags), _pack_sequences(
        np.array(seq_off, dtype=np.int32), np.searchsorted(summary.word_terms, sequence), summary), summary.pack()


def _stored_chunk(cid: int, version: str) -> tuple[Chunk, tuple[np.ndarray, np.ndarray]] | None:
    """The chunk as stored (made by this segmenter), to reuse its unchanged articles."""
    row = database.execute_sql("SELECT version, bags, seqs, totals FROM term_chunk WHERE id = ?", (cid,)).fetchone()
    if row is None or row[0] != version:
        return None
    try:
        return _read_chunk(row[1], row[2], row[3])
    except _BAD_BLOB:
        return None


class _State:
    """What one process has loaded of one database: every chunk's summary, and the details
    (per-article arrays) of the chunks an analysis needed."""

    def __init__(self) -> None:
        self.vocab = Vocabulary()
        self.chunks: dict[int, tuple[str, Summary]] = {}
        self.details: dict[int, Chunk] = {}


_STATES: dict[str, _State] = {}


def _state() -> _State:
    key = str(database.obj.database) if database.obj is not None else ""
    state = _STATES.get(key)
    if state is None:
        state = _STATES[key] = _State()
    return state


def ensure_current(progress: Progress | None = None, cancelled: Cancelled | None = None) -> bool:
    """Bring every chunk up to date (see the module docstring) and load them; False when
    cancelled (chunks finished so far are kept)."""
    with _LOCK:
        state = _state()
        version = segmenter_version()
        current = _fingerprints()
        stored = {cid: (fp, ver) for cid, fp, ver in database.execute_sql(
            "SELECT id, fingerprint, version FROM term_chunk").fetchall()}
        stale = sorted(cid for cid, fp in current.items() if stored.get(cid) != (fp, version))
        gone = [cid for cid in stored if cid not in current]
        if gone:
            database.execute_sql(f"DELETE FROM term_chunk WHERE id IN ({', '.join('?' * len(gone))})", gone)
        for done, cid in enumerate(stale):
            if cancelled is not None and cancelled():
                return False
            if progress is not None:
                progress(done, len(stale), f"words {cid * CHUNK}–{(cid + 1) * CHUNK - 1}")
            old = _stored_chunk(cid, version)
            bags, seqs, totals = _build_chunk(cid, state.vocab, *(old or (None, None)))
            state.chunks.pop(cid, None)
            state.details.pop(cid, None)
            with database.atomic():
                database.execute_sql("INSERT OR REPLACE INTO term_chunk (id, fingerprint, version, bags, seqs, totals) "
                                     "VALUES (?, ?, ?, ?, ?, ?)", (cid, current[cid], version, bags, seqs, totals))
                database.execute_sql("DELETE FROM term_stale WHERE article_id >= ? AND article_id < ?",
                                     (cid * CHUNK, (cid + 1) * CHUNK))
        if progress is not None and stale:
            progress(len(stale), len(stale), "")
        for cid in [c for c in state.chunks if c not in current]:
            del state.chunks[cid]
            state.details.pop(cid, None)
        wanted = [cid for cid, fp in current.items() if state.chunks.get(cid, ("",))[0] != fp]
        for start in range(0, len(wanted), 200):
            part = wanted[start:start + 200]
            rows = database.execute_sql(f"SELECT id, fingerprint, totals FROM term_chunk WHERE id IN "
                                        f"({', '.join('?' * len(part))})", part).fetchall()
            for cid, fp, blob in rows:
                state.details.pop(cid, None)
                if blob is None:  # stored before summaries were: make it once from the details
                    summary = Summary.of(_detail(cid))
                    database.execute_sql("UPDATE term_chunk SET totals = ? WHERE id = ?", (summary.pack(), cid))
                else:
                    summary = Summary(*_unpack(blob, 7))
                state.chunks[cid] = (fp, summary)
        state.vocab.extend()
        return True


def _detail(cid: int) -> Chunk:
    """A chunk's per-article arrays, loaded on first use and kept."""
    state = _state()
    chunk = state.details.get(cid)
    if chunk is None:
        row = database.execute_sql("SELECT bags, seqs, totals FROM term_chunk WHERE id = ?", (cid,)).fetchone()
        chunk = _read_chunk(row[0], row[1], row[2], words=False)[0]
        state.details[cid] = chunk
    return chunk


def detail(cid: int) -> Chunk:
    """The per-article arrays of a loaded chunk (read from the database on first use)."""
    with _LOCK:
        return _detail(cid)


def vocabulary() -> Vocabulary:
    return _state().vocab


def chunks() -> list[tuple[int, Summary]]:
    """The chunks' summaries in id order (call :func:`ensure_current` first)."""
    return sorted(((cid, chunk) for cid, (_fp, chunk) in _state().chunks.items()), key=lambda kv: kv[0])


def _pack_sequences(offsets: np.ndarray, local: np.ndarray, summary: Summary | None = None) -> bytes:
    """Word sequences as offsets and, per token, its index into the chunk's distinct words
    (its summary's ``word_terms``).  With the summary (what the program writes): the articles'
    lengths, and each token as the frequency rank of its word in the chunk, two bytes (four
    beyond 65,536 distinct words), deflated: the commonest words' high byte is zero, so 0.68 of
    the format before (two bytes a token, uncompressed; still read, and written without the
    summary); inflating costs about 4 ms per 1,000 articles."""
    if summary is not None:
        rank_of = np.empty(len(summary.word_terms), dtype=np.int64)
        rank_of[_ranks(summary)] = np.arange(len(summary.word_terms))
        ranks = rank_of[np.asarray(local, dtype=np.int64)]
        width = 2 if (len(ranks) == 0 or int(ranks.max()) < 65536) else 4
        head = np.array([len(offsets), len(local), width], dtype=np.int64).tobytes()
        typed = ranks.astype("<u2" if width == 2 else "<u4")
        body = _planes(np.diff(np.asarray(offsets, dtype=np.int64)), 4) + typed.tobytes()
        return _SEQ_MAGIC + head + zlib.compress(body, 6)
    width = 2 if (len(local) == 0 or int(local.max()) < 65536) else 4
    packed = local.astype(np.uint16 if width == 2 else np.uint32)
    return np.array([len(offsets), len(local), width], dtype=np.int64).tobytes() + offsets.tobytes() + packed.tobytes()


def _ranks(summary: Summary) -> np.ndarray:
    """The chunk's distinct words (indexes into its summary's ``word_terms``), most frequent first."""
    return np.argsort(-np.asarray(summary.word_counts, dtype=np.int64), kind="stable")


def _sequences(summary: Summary, blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, word ids) decoded with the chunk's summary (either format)."""
    off, local = _sequence_indexes(summary, blob)
    return off, np.asarray(summary.word_terms)[local]


def _sequence_indexes(summary: Summary, blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, each token's index into the summary's ``word_terms``), either format."""
    blob = bytes(blob)
    if blob[:len(_SEQ_MAGIC)] == _SEQ_MAGIC:
        at = len(_SEQ_MAGIC)
        n_off, n_tok, width = (int(x) for x in np.frombuffer(blob, dtype=np.int64, count=3, offset=at))
        raw = _inflate(blob[at + 24:])
        off = np.zeros(n_off, dtype=np.int32)
        off[1:] = np.cumsum(_unplanes(raw, n_off - 1, 4), dtype=np.int64)
        ranks = np.frombuffer(raw, dtype="<u2" if width == 2 else "<u4", count=n_tok, offset=4 * (n_off - 1))
        return off, _ranks(summary).astype(np.int32)[ranks]
    n_off, n_tok, width = (int(x) for x in np.frombuffer(blob[:24], dtype=np.int64))
    off = np.frombuffer(blob, dtype=np.int32, count=n_off, offset=24)
    local = np.frombuffer(blob, dtype=np.uint16 if width == 2 else np.uint32, count=n_tok, offset=24 + 4 * n_off)
    return off, local.astype(np.int64)


def load_sequences(cid: int) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, word ids) of one chunk's articles, in the chunk's article order."""
    row = database.execute_sql("SELECT seqs FROM term_chunk WHERE id = ?", (cid,)).fetchone()
    loaded = _state().chunks.get(cid)
    if row is None or loaded is None:
        return np.zeros(1, np.int32), np.zeros(0, np.int32)
    return _sequences(loaded[1], row[0])


def _mask(articles: np.ndarray, selected: np.ndarray | None) -> np.ndarray:
    if selected is None:
        return np.ones(len(articles), dtype=bool)
    pos = np.searchsorted(selected, articles)
    pos[pos >= len(selected)] = 0
    return selected[pos] == articles if len(selected) else np.zeros(len(articles), dtype=bool)


@dataclass
class Counts:
    """Frequencies over a set of articles: ``counts[term_id]`` occurrences, ``docs[term_id]``
    articles containing the term, ``tokens`` the number of words, ``articles`` of articles."""

    counts: np.ndarray
    docs: np.ndarray
    tokens: int
    articles: int


def counts(article_ids: Iterable[int] | None = None, entities: bool = False) -> Counts:
    """Word (or entity) frequencies over the given live articles (every live article when
    ``None``); call :func:`ensure_current` first."""
    selected = None if article_ids is None else np.unique(np.fromiter(article_ids, dtype=np.int32))
    size = len(_state().vocab)
    total = np.zeros(size, dtype=np.int64)
    docs = np.zeros(size, dtype=np.int64)
    tokens = n_articles = 0
    for cid, summary in chunks():
        mask = _mask(summary.articles, selected)
        chosen = int(mask.sum())
        if not chosen:
            continue
        n_articles += chosen
        if chosen == len(mask):  # the whole chunk: its summary
            terms = summary.ent_terms if entities else summary.word_terms
            if len(terms) and int(terms.max()) >= size:
                size = int(terms.max()) + 1
                total.resize(size, refcheck=False)
                docs.resize(size, refcheck=False)
            freq = summary.ent_counts if entities else summary.word_counts
            total[terms] += freq
            docs[terms] += summary.ent_docs if entities else summary.word_docs
            if not entities:
                tokens += int(freq.sum())
            continue
        chunk = detail(cid)
        off = chunk.ent_off if entities else chunk.bag_off
        terms = chunk.ent_terms if entities else chunk.bag_terms
        freq = chunk.ent_counts if entities else chunk.bag_counts
        pair = np.repeat(mask, np.diff(off))
        t, f = terms[pair], freq[pair]
        if len(t) and int(t.max()) >= size:
            size = int(t.max()) + 1
            total.resize(size, refcheck=False)
            docs.resize(size, refcheck=False)
        total += np.bincount(t, weights=f, minlength=size).astype(np.int64)[:size]
        docs += np.bincount(t, minlength=size)[:size]
        if not entities:
            tokens += int(f.sum())
    if entities:
        tokens = int(total.sum())
    return Counts(total, docs, tokens, n_articles)


__all__ = ["CHUNK", "Chunk", "Counts", "Summary", "detail", "Vocabulary", "chunks", "counts", "ensure_current", "load_sequences",
           "segmenter_version", "vocabulary", "words_of"]
