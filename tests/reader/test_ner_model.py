"""The sequence model's label scheme (BIOES, older BIO files still decode) and the private
attribute copies of grouped training examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.ner.corpora import Example, from_bio, to_bio, to_bioes
from reader.text.ner.model import Model, train

EXAMPLES = [
    Example("张三在北京市人民政府工作王", [(0, 2, "PER"), (3, 6, "LOC"), (6, 10, "ORG"), (12, 13, "PER")]),
    Example("李四王五", [(0, 2, "PER"), (2, 4, "PER")]),  # two names side by side
    Example("湘王到了", [(0, 1, "LOC"), (1, 2, "PER")]),  # one-character entities side by side
    Example("没有名字的句子", []),
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_bioes_and_bio_decode_to_the_same_spans(example: Example) -> None:
    assert from_bio(to_bioes(example)) == example.spans
    assert from_bio(to_bio(example)) == example.spans


def test_bioes_labels() -> None:
    assert to_bioes(EXAMPLES[0])[:4] == ["B-PER", "E-PER", "O", "B-LOC"]
    assert to_bioes(EXAMPLES[2]) == ["S-LOC", "S-PER", "O", "O"]


def test_an_end_or_single_label_closes_its_span() -> None:
    # E- then I- of the same type: the I- starts a new span (a labelling slip, not a longer name)
    assert from_bio(["B-ORG", "E-ORG", "I-ORG", "O", "S-PER", "I-PER"]) == [
        (0, 2, "ORG"), (2, 3, "ORG"), (4, 5, "PER"), (5, 6, "PER")]


def _features(line: str) -> list[list[str]]:
    return [["u0=" + ch, "u1=" + (line[i + 1] if i + 1 < len(line) else "$")] for i, ch in enumerate(line)]


def _state_attributes(path: Path) -> set[str]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return {attr for attr, _ in tagger.info().state_features}


@pytest.mark.parametrize("augment", [False, True])
def test_grouped_examples_get_private_copies_only_with_augment(tmp_path: Path, augment: bool) -> None:
    items = [(ex, "") for ex in EXAMPLES] * 3 + [(Example("赵六来了", [(0, 2, "PER")]), "pd")] * 3
    path = tmp_path / "m.crfsuite"
    report = train(items, path, _features, algorithm="ap", max_iterations=5, augment=augment)
    assert report.iterations == 5 and path.is_file()
    attrs = _state_attributes(path)
    assert "src=pd" in attrs and "u0=赵" in attrs
    assert ("pd:u0=赵" in attrs) is augment
    assert not any(a.startswith(":") for a in attrs)  # ungrouped examples are never copied
    model = Model(path)
    labels = model.labels(_features("张三在北京市人民政府工作王"))
    assert set(labels) <= {"O"} | {f"{h}-{t}" for h in "BIES" for t in ("PER", "LOC", "ORG")}
