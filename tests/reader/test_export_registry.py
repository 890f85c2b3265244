"""The exporter registry, export_to_path, and the layer's import rules."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from test_export_samples import T0, sample_bundle

from reader.exchange.exporters import (
    EXPORTERS,
    ExportOptions,
    UnknownFormatError,
    export_to_path,
    get_exporter,
)
from reader.exchange.exporters.base import all_tags, safe_type_name
from reader.exchange.exporters.brat import ascii_type_names
from reader.records import AnnotationRecord, ExportBundle, TagRecord

EXPECTED = {
    "w3c": (".jsonld", False),
    "qdpx": (".qdpx", True),
    "qdc": (".qdc", False),
    "brat": (".zip", True),
    "jsonl": (".jsonl", False),
    "bio": (".conll", False),
    "csv": (".csv", False),
    "xlsx": (".xlsx", True),
    "md": (".md", False),
    "html": (".html", False),
}
COUNTS = {
    "w3c": 8,
    "qdpx": 7,
    "qdc": 0,
    "brat": 7,
    "jsonl": 8,
    "bio": 14,
    "csv": 8,
    "xlsx": 8,
    "md": 8,
    "html": 8,
}


def test_registry_names_extensions_and_modes() -> None:
    assert {n: (c.extension, c.binary) for n, c in EXPORTERS.items()} == EXPECTED
    for name in EXPORTERS:
        assert get_exporter(name).name == name


def test_unknown_format() -> None:
    with pytest.raises(UnknownFormatError):
        get_exporter("docx")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_write_to_memory_and_to_path_agree(name: str, tmp_path: Path) -> None:
    exporter = get_exporter(name)
    out: io.BytesIO | io.StringIO = io.BytesIO() if exporter.binary else io.StringIO(newline="")
    count = exporter.write(sample_bundle(), out, ExportOptions())
    assert count == COUNTS[name]
    path = tmp_path / f"export{exporter.extension}"
    assert export_to_path(name, sample_bundle(), path) == count
    data = path.read_bytes()
    if not exporter.binary:
        assert data == str(out.getvalue()).encode("utf-8")  # no newline translation
    elif name != "xlsx":  # xlsx embeds a timestamp
        assert data == out.getvalue()


def test_empty_bundle_exports_everywhere(tmp_path: Path) -> None:
    for name, cls in EXPORTERS.items():
        assert export_to_path(name, ExportBundle([], [], []), tmp_path / f"e{cls.extension}") == 0


def test_annotations_of_missing_articles_are_left_out() -> None:
    bundle = sample_bundle()
    bundle.annotations.append(AnnotationRecord(5, 777, 0, 1, "x", "", "", (), "", "u", T0, T0))
    for name in ("w3c", "jsonl", "csv"):
        exporter = get_exporter(name)
        assert exporter.write(bundle, io.StringIO(newline=""), ExportOptions()) == 8


def test_tags_hierarchy_order_and_synthesised_tags() -> None:
    bundle = ExportBundle(
        [],
        [AnnotationRecord(1, 1, 0, 1, "x", "", "", ("新标签", "子"), "", "u", T0, T0)],
        [TagRecord(2, "子", 1), TagRecord(1, "根"), TagRecord(3, "环", 4), TagRecord(4, "环2", 3)],
    )
    tags = all_tags(bundle)
    assert [t.name for t in tags] == ["根", "子", "环", "环2", "新标签"]
    assert tags[-1].id < 0


def test_safe_type_names() -> None:
    assert safe_type_name("社会 民生") == "社会_民生"
    assert safe_type_name("a&b|c") == "a_b_c"
    assert safe_type_name("  ") == "_"
    assert ascii_type_names(["a b", "a_b", "a b"]) == {"a b": "a_b", "a_b": "a_b_2"}


def test_no_qt_or_database_imports_in_the_layer() -> None:
    root = Path(__file__).resolve().parents[2] / "reader" / "exchange"
    files = list((root / "exporters").glob("*.py")) + list((root / "importers").glob("*.py"))
    assert files
    for path in files:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            for name in names:
                assert not name.startswith(
                    ("PySide6", "ui", "peewee", "reader.store.models", "reader.store.db")
                ), (path, name)
