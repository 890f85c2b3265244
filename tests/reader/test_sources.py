"""Reading page files: encodings, BOMs and bad input give clear errors naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.text.sources import SourceError, decode_bytes, expand_paths, read_page

TEXT = "湖南日报1月26日讯（全媒体记者王铭俊）娄底市娄星区常态化巡察。\n第二段𠮷。\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.replace("𠮷", "").encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decodes_every_supported_encoding(encoded: bytes, encoding: str) -> None:
    text, found = decode_bytes(encoded, "page.txt")
    assert found == encoding
    expected = TEXT if "𠮷" in text else TEXT.replace("𠮷", "")
    assert text == expected


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.txt"
    page.write_bytes(b"  \r\n")
    with pytest.raises(SourceError) as info:
        read_page(page)
    assert info.value.problem == "empty"
    assert "empty.txt" in str(info.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "photo.txt"
    page.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(SourceError) as info:
        read_page(page)
    assert info.value.problem == "binary"
    assert "photo.txt" in str(info.value)


def test_png_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "scan.txt"
    page.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(300))
    with pytest.raises(SourceError) as info:
        read_page(page)
    assert info.value.problem == "binary"


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    page = tmp_path / "huge.txt"
    page.write_bytes("巡察".encode() * 1000)
    with pytest.raises(SourceError) as info:
        read_page(page, max_bytes=1000)
    assert info.value.problem == "too-large"


def test_invalid_bom_content_is_an_encoding_error() -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa abc", "bad.txt")
    assert info.value.problem == "encoding"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_page(tmp_path / "nope.txt")
    assert info.value.problem == "missing"


def test_expand_paths_finds_pages_in_folders(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("丙", encoding="utf-8")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "b.txt"]


def test_default_limit_refuses_a_file_far_larger_than_a_page(tmp_path: Path) -> None:
    from reader.text.sources import MAX_PAGE_BYTES

    page = tmp_path / "year.txt"
    with page.open("wb") as fh:
        fh.truncate(MAX_PAGE_BYTES + 1)  # sparse: cheap to make
    with pytest.raises(SourceError) as info:
        read_page(page)
    assert info.value.problem == "too-large" and "year.txt" in str(info.value)
