"""Tests of reader.entities: contract, layers and regressions on Hunan government news."""

from __future__ import annotations

from reader.entities import ENTITY_TYPES, Entity, Recognizer, default_recognizer


def _spans(text: str, rec: Recognizer | None = None) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in (rec or default_recognizer()).recognize(text)}


def test_contract_sorted_non_overlapping_and_offsets() -> None:
    text = "娄底市娄星区纪委监委\n区委书记李彦文在2023年3月到花山街道调研。"
    ents = default_recognizer().recognize(text)
    assert all(isinstance(e, Entity) and e.type in ENTITY_TYPES for e in ents)
    assert ents == sorted(ents, key=lambda e: e.start)
    for a, b in zip(ents, ents[1:]):
        assert a.end <= b.start
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert "\n" not in e.text
