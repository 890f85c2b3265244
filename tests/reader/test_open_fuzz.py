"""Fuzz: a damaged corpus file (bytes flipped, cut short, pages overwritten, header changed) is
either opened and read or refused with a DatabaseError naming the file — never another error,
never a traceback; and arbitrary page bytes are decoded exactly or refused with a SourceError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store.db import DatabaseError
from reader.text.sources import SourceError, decode_bytes

PAGE = 4096


_COUNTER = [0]


damage = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0.0, 0.99)),
    st.tuples(st.just("flip"), st.lists(st.tuples(st.floats(0.0, 0.999), st.integers(1, 255)), min_size=1, max_size=40)),
    st.tuples(st.just("page"), st.floats(0.0, 0.999)),
    st.tuples(st.just("header"), st.integers(0, 99), st.integers(0, 255)),
)


def _damaged(data: bytes, how: tuple) -> bytes:  # type: ignore[type-arg]
    out = bytearray(data)
    if how[0] == "truncate":
        return bytes(out[: int(len(out) * how[1])])
    if how[0] == "flip":
        for where, mask in how[1]:
            out[int(where * len(out))] ^= mask
    elif how[0] == "page":
        start = int(how[1] * (len(out) // PAGE)) * PAGE
        out[start:start + PAGE] = bytes([0xA5]) * PAGE
    else:
        out[how[1]] = how[2]
    return bytes(out)


@pytest.mark.filterwarnings("ignore::reader.store.backup.BackupWarning")  # no backup of a damaged corpus
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=damage)
def test_a_damaged_corpus_is_read_or_refused_clearly(seeded_template: Path, tmp_path: Path, how: tuple) -> None:  # type: ignore[type-arg]
    from reader.corpus import Corpus

    _COUNTER[0] += 1
    folder = tmp_path / f"f{_COUNTER[0]}"
    folder.mkdir()
    path = folder / "corpus.sqlite3"
    path.write_bytes(_damaged(seeded_template.read_bytes(), how))
    try:
        corpus = Corpus(path)
        try:
            for summary in corpus.articles(include_retired=True)[:50]:
                corpus.article(summary.id)
                corpus.entities(summary.id)
            corpus.annotations()
            corpus.tags()
        finally:
            corpus.close()
    except DatabaseError as exc:
        assert str(path) in str(exc)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(
    st.binary(min_size=1, max_size=400),
    st.text(min_size=1, max_size=120).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=80),
              st.sampled_from(["gb18030", "big5", "shift_jis", "euc_kr"])).map(
        lambda p: p[0].encode(p[1], errors="ignore") or b"x"),
))
def test_page_bytes_are_decoded_exactly_or_refused(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "fuzz.txt")
    except SourceError as exc:
        assert "fuzz.txt" in str(exc)
        return
    import codecs

    body = data
    for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            body = data[len(bom):]
            break
    # a strict reading of the bytes in the encoding reported, never one patched with replacements
    # (a few legacy codecs map two byte pairs to one character, so bytes need not round-trip)
    assert body.decode(encoding) == text
