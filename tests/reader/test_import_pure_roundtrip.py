"""Export → import at the pure level (no database) gives back the same annotations and tags."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_export_offsets import bundles
from test_export_samples import NOTE_TRICKY, sample_bundle

from reader.exchange.exporters import ExportOptions, export_to_path, get_exporter
from reader.exchange.exporters.base import is_placed
from reader.exchange.importers import (
    ImportedTag,
    ImportResult,
    import_path,
    read_jsonl,
    read_qdc,
    read_qdpx,
    read_w3c,
)
from reader.records import ExportBundle

READERS = {"w3c": read_w3c, "jsonl": read_jsonl, "qdpx": read_qdpx, "qdc": read_qdc}
Key = tuple[str, str | None, int | None, int | None, str, tuple[str, ...], str]


def export_bytes(name: str, bundle: ExportBundle, **options: object) -> bytes:
    exporter = get_exporter(name)
    out: io.BytesIO | io.StringIO = io.BytesIO() if exporter.binary else io.StringIO(newline="")
    exporter.write(bundle, out, ExportOptions(**options))  # type: ignore[arg-type]
    value = out.getvalue()
    return value if isinstance(value, bytes) else value.encode("utf-8")


def round_trip(name: str, bundle: ExportBundle, **options: object) -> ImportResult:
    return READERS[name](io.BytesIO(export_bytes(name, bundle, **options)), f"x.{name}")


def expected(bundle: ExportBundle, keep_unplaced: bool) -> list[Key]:
    result = []
    for a in bundle.annotations:
        art = bundle.article(a.article_id)
        placed = is_placed(a, art.text)
        if placed or keep_unplaced:
            result.append(
                (
                    art.source,
                    str(art.position),
                    a.start if placed else None,
                    a.end if placed else None,
                    a.quote,
                    tuple(dict.fromkeys(a.tags)),
                    a.note,
                )
            )
    return sorted(result, key=repr)


def got(result: ImportResult) -> list[Key]:
    return sorted(
        (
            (a.source, a.article_key, a.start, a.end, a.quote, a.tags, a.note)
            for a in result.annotations
        ),
        key=repr,
    )


@pytest.mark.parametrize("name,keep_unplaced", [("w3c", True), ("jsonl", True), ("qdpx", False)])
def test_round_trip_sample(name: str, keep_unplaced: bool) -> None:
    bundle = sample_bundle()
    result = round_trip(name, bundle)
    assert got(result) == expected(bundle, keep_unplaced)
    assert result.warnings == []
    assert any(a.note == NOTE_TRICKY for a in result.annotations)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_round_trip_generated(bundle: ExportBundle) -> None:
    for name, keep in (("w3c", True), ("jsonl", True), ("qdpx", False)):
        assert got(round_trip(name, bundle)) == expected(bundle, keep), name


def test_carriage_returns_in_notes_survive_xml() -> None:
    bundle = sample_bundle()
    first = bundle.annotations[0]
    bundle.annotations[0] = type(first)(**{**first.__dict__, "note": "一\r\n二\r三"})
    notes = {a.note for a in round_trip("qdpx", bundle).annotations}
    assert "一\r\n二\r三" in notes


def test_round_trip_keeps_authors_dates_and_context() -> None:
    bundle = sample_bundle()
    for name in ("w3c", "jsonl", "qdpx"):
        result = round_trip(name, bundle)
        by_quote = {a.quote: a for a in result.annotations}
        crossing = by_quote["古特雷斯\n新华社"]
        assert crossing.author == "研究员乙"
        assert crossing.created == next(a.created for a in bundle.annotations if a.id == 104)
        original = next(a for a in bundle.annotations if a.id == 102)
        assert by_quote[original.quote].prefix == original.prefix
        assert by_quote[original.quote].suffix == original.suffix


def test_qdpx_and_jsonl_carry_article_text() -> None:
    bundle = sample_bundle()
    for name in ("jsonl", "qdpx"):
        for a in round_trip(name, bundle).annotations:
            assert a.article_text is not None
            if a.start is not None:
                assert a.article_text[a.start : a.end] == a.quote
    assert all(a.article_text is None for a in round_trip("w3c", bundle).annotations)


def test_entities_do_not_come_back_as_annotations() -> None:
    bundle = sample_bundle()
    result = round_trip("w3c", bundle, include_entities=True)
    assert got(result) == expected(bundle, True)
    assert [w.code for w in result.warnings] == ["skipped-entity"]
    assert got(round_trip("jsonl", bundle, include_entities=True)) == expected(bundle, True)


def tag_tree(tags: list[ImportedTag]) -> list[tuple[str, str | None, str | None, str]]:
    return [(t.name, t.parent_name, (t.color or "").lower(), t.description) for t in tags]


@pytest.mark.parametrize("name", ["qdc", "qdpx"])
def test_codebook_round_trip(name: str) -> None:
    bundle = sample_bundle()
    by_id = {t.id: t for t in bundle.tags}
    want = [
        (t.name, by_id[t.parent_id].name if t.parent_id else None, t.color, t.description)
        for t in bundle.tags
    ]
    assert tag_tree(round_trip(name, bundle).tags) == want


def test_w3c_and_jsonl_tags_are_the_used_names() -> None:
    bundle = sample_bundle()
    for name in ("w3c", "jsonl"):
        names = [t.name for t in round_trip(name, bundle).tags]
        assert sorted(names) == sorted({t for a in bundle.annotations for t in a.tags})


@pytest.mark.parametrize("name", ["w3c", "jsonl", "qdpx", "qdc"])
def test_import_is_deterministic(name: str) -> None:
    data = export_bytes(name, sample_bundle())
    assert READERS[name](io.BytesIO(data), "a") == READERS[name](io.BytesIO(data), "a")


@pytest.mark.parametrize("name", ["w3c", "jsonl", "qdpx", "qdc"])
def test_import_path_guesses_by_extension(name: str, tmp_path: Path) -> None:
    exporter = get_exporter(name)
    path = tmp_path / f"f{exporter.extension}"
    export_to_path(name, sample_bundle(), path)
    assert import_path(path) == READERS[name](io.BytesIO(path.read_bytes()), str(path))
