"""Article text stored compressed in a file corpus (migration step ``_packed_text``).

The UTF-8 text was the largest single part of a corpus database (2.9 of 8 MB per million
characters).  ``article.text`` of a file corpus now holds a BLOB: one format byte, then the
raw-deflate stream of the UTF-8 text.  Format :data:`DEFLATE_DICTIONARY` deflates with a preset
dictionary shipped with the program (``text.zdict``, built by ``data/build_text_dictionary.py``
from the seed pages; frozen, checked by :data:`DICTIONARY_SHA256`): 0.46 of the UTF-8 size on
People's Daily text, against 0.51 for plain deflate (:data:`DEFLATE`, still read).  Format
:data:`RANKED` (what :func:`pack` writes since step ``_ranked_text``) takes the text as UTF-16
units and maps each character to its rank in a shipped list of the 8,192 commonest
(``text.ranks``, built by ``data/build_text_ranks.py`` from jieba's dictionary and the seed
pages, frozen, checked by :data:`RANKS_SHA256`; every other unit moves to a free one, surrogates
stay: the map is a permutation), so the commonest characters' high bytes are zero and deflate
(with the dictionary mapped the same way) spends few bits on them: 0.39 of the UTF-8 size, 0.85
of format 2, read by a table lookup and the UTF-16 codec (a text with a lone surrogate is
written in format 2).  Annotations' quote, prefix and suffix (step ``_packed_quotes``) are
stored in format :data:`GB18030` (:func:`pack_short`: the text's GB18030 bytes, two a Chinese
character, read by a C codec) when that is shorter than their UTF-8.  Texts
shorter than :data:`_MIN` characters stay TEXT, and a TEXT value is always read as itself (a
row written before the step, or by another tool), so readers never fail.

Who sees what:

- the model field (:class:`PackedTextField`) packs on write and unpacks on read, so every
  peewee query (``Article.text``) is unchanged;
- raw SQL reading ``article.text`` passes each value through :func:`unpack`;
- SQL that works on the text itself (``instr``, ``length``) wraps the column in
  :func:`text_sql` / :func:`text_expr`, the SQL function ``pizhu_text`` that each file
  connection registers (:func:`register_on`);
- a PostgreSQL server keeps plain ``text`` (it compresses large values itself, TOAST), so on
  a server every helper here is the identity.
"""

from __future__ import annotations

import codecs
import hashlib
import zlib
from itertools import accumulate
from pathlib import Path
from typing import Any

from peewee import Node, TextField, fn

try:  # ISA-L's inflate reads the same raw-deflate streams, about 1.5x faster than zlib (a full read of the texts)
    from isal import isal_zlib as _fast_zlib

    _INFLATE_ERRORS: tuple[type[Exception], ...] = (zlib.error, _fast_zlib.error, UnicodeDecodeError)
except ImportError:  # pragma: no cover - isal is a dependency; zlib does the same, slower
    _fast_zlib = None
    _INFLATE_ERRORS = (zlib.error, UnicodeDecodeError)

DEFLATE = 1  # format byte: raw deflate (zlib level 6, no header) of the UTF-8 text
DEFLATE_DICTIONARY = 2  # the same with the preset dictionary text.zdict (what pack writes)
DEFLATE_SEGMENTS = 3  # raw deflate with SEGMENTS_DICTIONARY (``article.segments``' JSON)
SEGMENTS_DICTIONARY = (b'[["kicker", 0, 1], ["subtitle", 1, 2], ["byline", 2, 3], ["caption", 3, 4], '
                       b'["title", 0, 17], ["paragraph", 18, 176], ["paragraph", 177, 261], ["paragraph", 262, 357]')
DEFLATE_STRUCTURE = 4  # raw deflate with STRUCTURE_DICTIONARY (``article.structure``'s JSON, step ``_packed_structure``)
STRUCTURE_DICTIONARY = (  # frozen: stored values need these bytes to be read
    b'{"kind": "caption", "lines": [20, 20], "block": 9, "start": 1382, "end": 1400}, '
    b'{"kind": "byline", "lines": [2, 2], "start": 16, "end": 34}, '
    b'{"kind": "heading", "lines": [4, 4], "block": 1, "start": 214, "end": 238}, '
    b'], "spans": [[0, 25], [29, 1931]]}'
    b'{"parts": [{"kind": "kicker", "lines": [0, 0], "start": 0, "end": 13}, {"kind": "title", "lines": [1, 1], '
    b'"start": 15, "end": 25}, {"kind": "subtitle", "lines": [2, 2], "start": 27, "end": 34}, {"kind": "paragraph", '
    b'"lines": [3, 3], "block": 0, "start": 36, "end": 107}, {"kind": "paragraph", "lines": [4, 4], "block": 1, '
    b'"start": 109, "end": 257}, {"kind": "paragraph", "lines": [5, 5], "block": 2, "start": 259, "end": 391}, ')
DICTIONARY_SHA256 = "e08ea12a27bb6e2806954ab800b2a9e834148cf2f8438be7386566983cdf0de7"
RANKED = 5  # format byte, Adler-32 of the mapped units, then their raw deflate: UTF-16 units mapped to the characters' ranks (text.ranks)
RANKS_SHA256 = "905af1d141087936e9094be944df0f0f6b15db16711a0972ae1fc32101e49c39"
GB18030 = 6  # format byte, then the text in GB18030 (short texts: annotations' quote, prefix and suffix)
SQL_FUNCTION = "pizhu_text"
_MIN = 48  # shorter texts gain little from deflate and stay TEXT
_DICTIONARY: list[bytes] = []


def dictionary() -> bytes:
    """The preset dictionary of format 2 (read once, checked against its frozen hash)."""
    if not _DICTIONARY:
        data = (Path(__file__).with_name("text.zdict")).read_bytes()
        if hashlib.sha256(data).hexdigest() != DICTIONARY_SHA256:
            raise RuntimeError("reader/store/text.zdict is not the dictionary stored texts were packed with")
        _DICTIONARY.append(data)
    return _DICTIONARY[0]


_RANKED: list[Any] = []  # (encode table, decode table, mapped dictionary), made on first use


def _ranked() -> tuple[Any, Any, bytes]:
    """The permutation of UTF-16 units of format :data:`RANKED` and its inverse (uint16 tables:
    the listed characters to 0, 1, 2, ..., the other units in order to the units left;
    surrogates stay, so pairs stay pairs), and the preset dictionary mapped by it."""
    if not _RANKED:
        import numpy as np

        data = Path(__file__).with_name("text.ranks").read_bytes()
        if hashlib.sha256(data).hexdigest() != RANKS_SHA256:
            raise RuntimeError("reader/store/text.ranks is not the list stored texts were packed with")
        listed = np.array([ord(c) for c in data.decode("utf-8")], dtype=np.int64)
        every = np.arange(0x10000, dtype=np.int64)
        surrogates = every[0xD800:0xE000]
        encode = every.astype(np.uint16)
        encode[listed] = np.arange(len(listed), dtype=np.uint16)
        sources = np.setdiff1d(every, np.concatenate([listed, surrogates]), assume_unique=True)
        targets = np.setdiff1d(every[len(listed):], surrogates, assume_unique=True)
        encode[sources] = targets
        decode = np.empty_like(encode)
        decode[encode] = every.astype(np.uint16)
        text = dictionary().decode("utf-8", "ignore")
        mapped = encode[np.frombuffer(text.encode("utf-16-le"), dtype="<u2")].tobytes()[-32768:]
        _RANKED.append((encode, decode, mapped))
    return _RANKED[0]


def _unmap(raw: bytes, check: bytes) -> str:
    """The text of a mapped, inflated value of format :data:`RANKED` (``check``: its stored
    Adler-32; UTF-16 has no invalid sequences, so a damaged value is found by this sum)."""
    import numpy as np

    if len(raw) % 2 or zlib.adler32(raw).to_bytes(4, "little") != check:
        raise zlib.error("the packed text's checksum does not match")
    return _ranked()[1][np.frombuffer(raw, dtype="<u2")].tobytes().decode("utf-16-le", "surrogatepass")


def pack(text: str, segments: bool = False, structure: bool = False) -> str | bytes:
    """``text`` as a file corpus stores it (``segments``: a segment list's JSON; ``structure``:
    an article's structure JSON)."""
    if len(text) < _MIN:
        return text
    if not segments and not structure:
        try:
            units = text.encode("utf-16-le")
        except UnicodeEncodeError:  # a lone surrogate: two in a row would read back as one pair
            units = b""
        if units:
            import numpy as np

            encode, _decode, mapped = _ranked()
            data = encode[np.frombuffer(units, dtype="<u2")].tobytes()
            packer = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=mapped)
            return (bytes((RANKED,)) + zlib.adler32(data).to_bytes(4, "little") + packer.compress(data)
                    + packer.flush())
    kind, preset = ((DEFLATE_STRUCTURE, STRUCTURE_DICTIONARY) if structure else
                    (DEFLATE_SEGMENTS, SEGMENTS_DICTIONARY) if segments else (DEFLATE_DICTIONARY, dictionary()))
    packer = zlib.compressobj(9 if segments or structure else 6, zlib.DEFLATED, -15, zdict=preset)
    return bytes((kind,)) + packer.compress(text.encode("utf-8", "surrogatepass")) + packer.flush()


def unpack(value: Any) -> Any:
    """A stored ``article.text`` value as text (TEXT and NULL are returned as they are)."""
    if isinstance(value, (bytes, memoryview)):
        data = bytes(value)
        kind = data[:1]
        try:
            if kind == b"\x06":
                return data[1:].decode("gb18030")
            if kind == b"\x05":
                unpacker = zlib.decompressobj(-15, zdict=_ranked()[2])
                return _unmap(unpacker.decompress(data[5:]) + unpacker.flush(), data[1:5])
            if kind in (b"\x02", b"\x03", b"\x04"):
                preset = dictionary() if kind == b"\x02" else SEGMENTS_DICTIONARY if kind == b"\x03" else STRUCTURE_DICTIONARY
                unpacker = zlib.decompressobj(-15, zdict=preset)
                raw = unpacker.decompress(data[1:]) + unpacker.flush()
            elif kind == b"\x01":
                raw = zlib.decompress(data[1:], -15)
            else:
                raw = data
            return raw.decode("utf-8", "surrogatepass")
        except (zlib.error, UnicodeDecodeError) as exc:
            raise _damaged(exc) from exc
    return value


def unpack_short(value: Any) -> Any:
    """:func:`unpack` of a short text (format :data:`GB18030` the common case, read first)."""
    if type(value) is bytes and value[:1] == b"\x06":
        try:
            return value[1:].decode("gb18030")
        except UnicodeDecodeError as exc:
            raise _damaged(exc) from exc
    return unpack(value)


def unpack_many(values: list[Any]) -> list[Any]:
    """:func:`unpack` of each of ``values``, a batch read in one go (a full read of the texts:
    ISA-L's inflate when installed, else zlib's with the preset dictionary set once and copied;
    the format-5 values of the batch are unmapped together: one table lookup, one decode)."""
    zdict = dictionary()
    primed = zlib.decompressobj(-15, zdict=zdict)
    mapped = _ranked()[2] if any(type(v) is bytes and v[:1] == b"\x05" for v in values) else b""
    ranked = zlib.decompressobj(-15, zdict=mapped) if mapped else None
    out: list[Any] = []
    at: list[int] = []  # where the format-5 values are in out, their mapped units in raws
    raws: list[bytes] = []
    for value in values:
        if type(value) is bytes and value[:1] == b"\x05":
            raws.append(_inflate_ranked(value, mapped, ranked))
            at.append(len(out))
            out.append(None)
        elif type(value) is bytes and value[:1] == b"\x02":
            unpacker = _fast_zlib.decompressobj(-15, zdict=zdict) if _fast_zlib is not None else primed.copy()
            try:
                out.append((unpacker.decompress(memoryview(value)[1:]) + unpacker.flush()).decode("utf-8", "surrogatepass"))
            except _INFLATE_ERRORS as exc:
                raise _damaged(exc) from exc
        else:
            out.append(unpack(value))
    if raws:
        for k, text in zip(at, _unmap_many(raws)):
            out[k] = text
    return out


def _inflate_ranked(value: bytes, mapped: bytes, primed: Any) -> bytes:
    """The mapped UTF-16 units of a format-5 ``value``, inflated and checked (its Adler-32)."""
    unpacker = _fast_zlib.decompressobj(-15, zdict=mapped) if _fast_zlib is not None else primed.copy()
    try:
        raw = unpacker.decompress(memoryview(value)[5:]) + unpacker.flush()
        if len(raw) % 2 or zlib.adler32(raw).to_bytes(4, "little") != value[1:5]:
            raise zlib.error("the packed text's checksum does not match")
    except _INFLATE_ERRORS as exc:
        raise _damaged(exc) from exc
    return raw


def _unmap_many(raws: list[bytes]) -> list[str]:
    """:func:`_unmap` of each of ``raws`` (checked already): one lookup and one decode for all,
    then slices; when a surrogate pair is in the batch (rare: a code point beyond the BMP) the
    units no longer count code points, and each text is decoded apart."""
    import numpy as np

    units = _ranked()[1][np.frombuffer(b"".join(raws), dtype="<u2")].tobytes()
    joined = units.decode("utf-16-le", "surrogatepass")
    ends = list(accumulate(len(raw) >> 1 for raw in raws))
    if len(joined) == ends[-1]:  # a code point per unit: unit offsets are text offsets
        return [joined[a:b] for a, b in zip([0] + ends[:-1], ends)]
    view = memoryview(units)
    return [codecs.utf_16_le_decode(view[2 * a:2 * b], "surrogatepass")[0] for a, b in zip([0] + ends[:-1], ends)]


def unpack_many_units(values: list[Any], separator: str = "") -> tuple[Any, Any] | None:
    """The texts of :func:`unpack_many` as UTF-16 code units without making them strings: one
    uint16 array of ``separator`` + text for each value in turn, and each text's length; for
    exporters that work on code points (the BIO lines).  ``None`` when a text holds a unit that
    is not a code point of its own (a surrogate: then unit counts are not positions) or is not
    text (NULL): use :func:`unpack_many` then."""
    import numpy as np

    encode, decode, mapped = _ranked()
    ranked = zlib.decompressobj(-15, zdict=mapped)
    try:
        sep = encode[np.frombuffer(separator.encode("utf-16-le"), dtype="<u2")].tobytes()
    except UnicodeEncodeError:
        return None
    parts: list[bytes] = []
    for value in values:
        parts.append(sep)
        if type(value) is bytes and value[:1] == b"\x05":
            parts.append(_inflate_ranked(value, mapped, ranked))
        else:
            text = unpack(value)
            if not isinstance(text, str):
                return None
            try:
                parts.append(encode[np.frombuffer(text.encode("utf-16-le"), dtype="<u2")].tobytes())
            except UnicodeEncodeError:
                return None
    units = decode[np.frombuffer(b"".join(parts), dtype="<u2")]
    if ((units & 0xF800) == 0xD800).any():
        return None
    lengths = np.fromiter(map(len, parts[1::2]), dtype=np.int64, count=len(values)) >> 1
    return units, lengths


def _damaged(exc: Exception) -> Exception:
    """The storage error of a stored text that cannot be unpacked (the file's bytes changed)."""
    from reader.store.models import database
    from reader.store.safety import StorageError

    path = str(getattr(database.obj, "database", "") or "the corpus")
    return StorageError(path, f"is damaged (a stored article text cannot be read: {exc}). Restore a backup: "
                              "`pizhu restore BACKUP` (automatic backups are in the .backups folder beside it)",
                        "damaged")


def pack_short(text: str) -> str | bytes:
    """A short text (an annotation's quote, prefix or suffix) as a file corpus stores it since
    step ``_packed_quotes``: format :data:`GB18030` (two bytes a Chinese character instead of
    UTF-8's three; read by Python's C codec in about a microsecond, where a deflated value costs
    ten) when that is fewer bytes than its UTF-8, else the text itself, so a value is never
    larger than before (every reader goes through :func:`unpack`, which returns TEXT as it is).
    GB18030 maps every Unicode scalar value both ways; a text holding a lone surrogate stays
    text."""
    if not text or text.isascii():
        return text
    try:
        size = len(text.encode("utf-8"))
        data = text.encode("gb18030")
    except UnicodeEncodeError:
        return text
    return bytes((GB18030,)) + data if len(data) + 1 < size else text


def _sql_pack(value: Any, kind: int = 0) -> Any:
    """``pizhu_pack(x)`` text, ``pizhu_pack(x, 1)`` a segment list, ``pizhu_pack(x, 2)`` a structure,
    ``pizhu_pack(x, 3)`` a short text (:func:`pack_short`)."""
    if not isinstance(value, str):
        return value
    return pack_short(value) if kind == 3 else pack(value, kind == 1, kind == 2)


def register_on(db: Any) -> None:
    """``pizhu_text(x)`` (:func:`unpack`) and ``pizhu_pack(x)`` on every connection of ``db``."""
    db.register_function(unpack, SQL_FUNCTION, 1, deterministic=True)
    db.register_function(_sql_pack, "pizhu_pack", -1, deterministic=True)
    from reader.store import entity_pack

    entity_pack.register_on(db)  # pizhu_entity_keys(): the names of a packed value of entity spans
    db.pizhu_functions = True


def enable(db: Any) -> None:
    """Pack the text written from now on (``db`` is at or past the ``_packed_text`` step; a
    database at an earlier version, e.g. while it migrates, keeps plain text)."""
    register_on(db)
    db.pizhu_packed = True


def enable_structure(db: Any) -> None:
    """Pack ``article.structure`` written from now on too (``db`` is at or past the
    ``_packed_structure`` step)."""
    db.pizhu_structure_packed = True


def enable_quotes(db: Any) -> None:
    """Pack annotations' quote, prefix and suffix written from now on (``db`` is at or past the
    ``_packed_quotes`` step)."""
    db.pizhu_quotes_packed = True


def quote_packing(db: Any) -> bool:
    """Whether annotations' quote, prefix and suffix written to ``db`` are packed."""
    return bool(getattr(_target(db), "pizhu_quotes_packed", False))


def structure_packing(db: Any) -> bool:
    """Whether ``article.structure`` values written to ``db`` are packed."""
    return bool(getattr(_target(db), "pizhu_structure_packed", False))


def _target(db: Any) -> Any:
    return getattr(db, "obj", db)  # the models' DatabaseProxy


def packing(db: Any) -> bool:
    """Whether values written to ``db`` are packed (see :func:`enable`)."""
    return bool(getattr(_target(db), "pizhu_packed", False))


def _on_file(db: Any) -> bool:
    return bool(getattr(_target(db), "pizhu_functions", False))


def text_sql(column: str, db: Any = None) -> str:
    """SQL for the text of ``column`` (e.g. ``'a."text"'``) on the bound backend."""
    if db is None:
        from reader.store.models import database as db
    return f"{SQL_FUNCTION}({column})" if _on_file(db) else column


def text_expr(field: Node) -> Node:
    """A peewee expression for the text of ``Article.text`` on the bound backend."""
    from reader.store.models import database

    return getattr(fn, SQL_FUNCTION)(field) if _on_file(database) else field


class PackedTextField(TextField):
    """A text column stored packed in a file corpus and plain on a server."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, (bytes, memoryview)):
            return bytes(value)  # packed already (an ingest worker packs)
        value = super().db_value(value)
        return pack(value) if isinstance(value, str) and packing(self.model._meta.database) else value  # type: ignore[attr-defined]

    def python_value(self, value: Any) -> Any:
        return unpack(value)



class PackedShortTextField(TextField):
    """A short text column (an annotation's quote, prefix, suffix) stored packed in a file corpus
    when that saves bytes (:func:`pack_short`), plain on a server and before the step."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, (bytes, memoryview)):
            return bytes(value)
        value = super().db_value(value)
        return pack_short(value) if isinstance(value, str) and quote_packing(self.model._meta.database) else value  # type: ignore[attr-defined]

    def python_value(self, value: Any) -> Any:
        return unpack_short(value)


def unpack_many_utf8(values: list[Any]) -> list[tuple[Any, bytes | None]]:
    """:func:`unpack_many` with each text's UTF-8 beside it, the bytes inflated (``None`` for a
    text that strict UTF-8 cannot write: one holding a lone surrogate; and for NULL).  For
    exporters that write the text as it is: nothing is encoded again."""
    zdict = dictionary()
    out: list[tuple[Any, bytes | None]] = []
    rest_at: list[int] = []
    rest: list[Any] = []
    for value in values:
        if type(value) is bytes and value[:1] == b"\x02" and _fast_zlib is not None:
            unpacker = _fast_zlib.decompressobj(-15, zdict=zdict)
            try:
                raw = unpacker.decompress(memoryview(value)[1:]) + unpacker.flush()
                try:
                    out.append((raw.decode("utf-8"), raw))
                except UnicodeDecodeError:
                    out.append((raw.decode("utf-8", "surrogatepass"), None))
            except _INFLATE_ERRORS as exc:
                raise _damaged(exc) from exc
        else:  # format 5 and the rest: read as a batch below (format 5 unmapped together)
            rest_at.append(len(out))
            rest.append(value)
            out.append((None, None))
    if rest:
        for k, text in zip(rest_at, unpack_many(rest)):
            try:
                out[k] = (text, text.encode("utf-8") if isinstance(text, str) else None)
            except UnicodeEncodeError:
                out[k] = (text, None)
    return out
