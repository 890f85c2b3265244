"""A CRFsuite model file without the attributes that text being recognised never has.

Contract: :func:`prune` takes the bytes of a CRFsuite first-order model (``lCRF``/``FOMC``, the
format :func:`reader.text.ner.model.train` writes) and returns the bytes of a model that tags
and computes marginals exactly as the original does on every item sequence whose attributes
are not *training-only*, or ``None`` when there is nothing to drop or the file is not in the
format this module knows.  Training-only attributes are the group marks ``src=<group>`` and
the private copies ``<group>:<attribute>`` that :func:`~reader.text.ner.model.train` adds for a
grouped example (``augment``); the groups are read from the model itself (every ``src=`` mark),
so any model the build script or a retrain produces is handled, whatever its groups.  In the
shipped model they are 178k of 433k attributes and 41 % of the state features.

Why: a tagger's cost is in CRFsuite's attribute look-ups (a hash probe, then the attribute's
feature references, then the features), scattered reads over a 38 MB file; the pruned file is
about half that size, so more of it stays in the processor's caches.

Exactness: the state score of a label at a position is the sum, in the item's attribute order,
of the weights of the features of its attributes; the kept attributes keep their features and
weights and the transitions are copied, so every score, hence every label and every marginal,
is bit for bit the same.  The layout written is CRFsuite's own (``crf1d_model.c``, ``cqdb.c``):
file header, features, label and attribute dictionaries (CQDB), then the label and attribute
feature references; a dictionary's hash values are taken from the original's buckets, so no
hash function is reimplemented.
"""

from __future__ import annotations

import struct

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1d_model.c header_t (48 bytes)
_CQDB = struct.Struct("<4sIIIII")  # cqdb.c header_t (24 bytes)
_BYTEORDER = 0x62445371
_TABLES = 256
_DATA = _CQDB.size + 8 * _TABLES  # first record of a CQDB chunk
_FEATURE = 20  # type, src, dst (uint32) and weight (double)
_FEATURES = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _cqdb_chunk(entries: list[tuple[int, int, bytes]]) -> bytes:
    """A CQDB chunk holding ``(id, hash, key)`` records, ids ``0..n-1`` in order (``cqdb.c``'s
    writer: records, then the 256 open-addressing tables at twice their size, then the
    backward array)."""
    records = bytearray()
    offsets = []
    tables: list[list[tuple[int, int]]] = [[] for _ in range(_TABLES)]
    for ident, hv, key in entries:
        rec = _DATA + len(records)
        offsets.append(rec)
        records += struct.pack("<II", ident, len(key) + 1) + key + b"\0"
        tables[hv % _TABLES].append((hv, rec))
    refs = bytearray()
    buckets = bytearray()
    cur = _DATA + len(records)
    for table in tables:
        n = 2 * len(table)
        refs += struct.pack("<II", cur + len(buckets) if table else 0, n)
        slots = [(0, 0)] * n
        for hv, rec in table:
            k = (hv >> 8) % n
            while slots[k][1]:
                k = (k + 1) % n
            slots[k] = (hv, rec)
        buckets += b"".join(struct.pack("<II", hv, rec) for hv, rec in slots)
    bwd_offset = cur + len(buckets)
    bwd = struct.pack(f"<{len(offsets)}I", *offsets)
    size = bwd_offset + len(bwd)
    head = _CQDB.pack(b"CQDB", size, 0, _BYTEORDER, len(offsets), bwd_offset if offsets else 0)
    return head + bytes(refs) + bytes(records) + bytes(buckets) + bwd


def _pad4(out: bytearray) -> None:
    out += b"\0" * (-len(out) % 4)


def training_only(names: list[bytes]) -> list[bool]:
    """Whether each attribute of ``names`` (UTF-8) is training-only (see the module docstring)."""
    marks = tuple(name[4:] + b":" for name in names if name.startswith(b"src=") and len(name) > 4)
    return [name.startswith(b"src=") or (bool(marks) and name.startswith(marks)) for name in names]


def _u32_at(b: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Little-endian uint32 values at the (possibly unaligned) byte offsets ``p`` of ``b``."""
    p = p.astype(np.int64)
    return (b[p].astype(np.uint32) | (b[p + 1].astype(np.uint32) << 8)
            | (b[p + 2].astype(np.uint32) << 16) | (b[p + 3].astype(np.uint32) << 24))


def _attributes(buf: bytes, b: np.ndarray, base: int, count: int) -> tuple[list[bytes], np.ndarray]:
    """Keys (without their NUL) and hash values of attributes ``0..count-1`` of the CQDB chunk at
    ``base``; the hash values come from the chunk's buckets."""
    chunk, _size, _flag, order, _bwd_size, bwd_offset = _CQDB.unpack_from(buf, base)
    if chunk != b"CQDB" or order != _BYTEORDER or not bwd_offset:
        raise ValueError("not a CQDB chunk with a backward array")
    rec = np.frombuffer(buf, "<u4", count, base + bwd_offset).astype(np.int64)  # id -> record
    if count and (not rec.all() or not (_u32_at(b, base + rec) == np.arange(count)).all()):
        raise ValueError("records do not match their ids")
    ksize = _u32_at(b, base + rec + 4).astype(np.int64)
    starts = (base + rec + 8).tolist()
    keys = [buf[s:s + k - 1] for s, k in zip(starts, ksize.tolist())]
    refs = np.frombuffer(buf, "<u4", 2 * _TABLES, base + _CQDB.size).reshape(_TABLES, 2)
    tables = [np.frombuffer(buf, "<u4", 2 * int(n), base + int(off)).reshape(-1, 2)
              for off, n in refs.tolist() if off]
    buckets = np.concatenate(tables) if tables else np.zeros((0, 2), np.uint32)
    buckets = buckets[buckets[:, 1] != 0]
    order_ = np.argsort(buckets[:, 1], kind="stable")
    offsets = buckets[order_, 1].astype(np.int64)
    at = np.searchsorted(offsets, rec)
    if count and ((at >= len(offsets)).any() or (offsets[np.minimum(at, len(offsets) - 1)] != rec).any()):
        raise ValueError("a record has no bucket")
    return keys, buckets[order_, 0][at] if count else np.zeros(0, np.uint32)


def _refs(words: np.ndarray, offsets: np.ndarray, new_fid: np.ndarray, start: int,
          chunk: bytes) -> bytes:
    """The feature-reference chunk (``LFRF``/``AFRF``) of the entries whose references sit at the
    (4-aligned) file ``offsets``, feature ids renumbered by ``new_fid``, written at file offset
    ``start``: header, one absolute offset per entry, then each entry's count and ids."""
    at = offsets // 4
    counts = words[at].astype(np.int64)
    total = int(counts.sum())
    first = np.cumsum(counts) - counts
    inner = np.arange(total) - np.repeat(first, counts)
    fids = new_fid[words[np.repeat(at + 1, counts) + inner]]
    if (fids < 0).any():
        raise ValueError("a kept reference names a dropped feature")
    pos = first + np.arange(len(counts))  # each entry's count, in words from the body's start
    body = np.empty(total + len(counts), "<u4")
    body[pos] = counts
    body[np.repeat(pos + 1, counts) + inner] = fids
    head = 12 + 4 * len(counts)
    table = (start + head + 4 * pos).astype("<u4")
    return struct.pack("<4sII", chunk, head + 4 * len(body), len(counts)) + table.tobytes() + body.tobytes()


def prune(buf: bytes) -> bytes | None:
    """The model ``buf`` without its training-only attributes (see the module docstring)."""
    try:
        (magic, _size, kind, version, _nfeat, nlabels, nattrs, off_features, off_labels, off_attrs,
         off_labelrefs, off_attrrefs) = _HEADER.unpack_from(buf, 0)
        if magic != b"lCRF" or kind != b"FOMC" or version != 100 or off_labelrefs % 4 or off_attrrefs % 4:
            return None
        chunk, _fsize, nfeatures = struct.unpack_from("<4sII", buf, off_features)
        if chunk != b"FEAT":
            return None
        b = np.frombuffer(buf, np.uint8)
        keys, hashes = _attributes(buf, b, off_attrs, nattrs)
        drop = np.array(training_only(keys), bool)
        if not drop.any():
            return None
        keep = np.flatnonzero(~drop)
        new_attr = np.full(nattrs, -1, np.int64)
        new_attr[keep] = np.arange(len(keep))
        feats = np.frombuffer(buf, _FEATURES, nfeatures, off_features + 12).copy()
        state = feats["type"] == 0
        kept = ~state | ~drop[np.where(state, feats["src"], 0)]
        feats = feats[kept]
        state = feats["type"] == 0
        feats["src"][state] = new_attr[feats["src"][state]]
        new_fid = np.full(nfeatures, -1, np.int64)
        new_fid[np.flatnonzero(kept)] = np.arange(int(kept.sum()))
        words = np.frombuffer(buf, "<u4", len(buf) // 4)
        label_offsets = words[off_labelrefs // 4 + 3:off_labelrefs // 4 + 3 + nlabels].astype(np.int64)
        attr_offsets = words[off_attrrefs // 4 + 3:off_attrrefs // 4 + 3 + nattrs].astype(np.int64)[keep]
        (label_size,) = struct.unpack_from("<I", buf, off_labels + 4)
        labels = buf[off_labels:off_labels + label_size]
        attrs = _cqdb_chunk([(new, int(hashes[old]), keys[old]) for new, old in enumerate(keep.tolist())])
        out = bytearray(_HEADER.size)
        o_features = len(out)
        out += struct.pack("<4sII", b"FEAT", 12 + _FEATURE * len(feats), len(feats)) + feats.tobytes()
        o_labels = len(out)
        out += labels
        _pad4(out)
        o_attrs = len(out)
        out += attrs
        _pad4(out)
        o_labelrefs = len(out)
        out += _refs(words, label_offsets, new_fid, o_labelrefs, b"LFRF")
        o_attrrefs = len(out)
        out += _refs(words, attr_offsets, new_fid, o_attrrefs, b"AFRF")
    except (struct.error, ValueError, IndexError):
        return None
    out[:_HEADER.size] = _HEADER.pack(b"lCRF", len(out), b"FOMC", 100, len(feats), nlabels,
                                      len(keep), o_features, o_labels, o_attrs, o_labelrefs,
                                      o_attrrefs)
    return bytes(out)
