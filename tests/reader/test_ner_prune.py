"""The runtime copy of a model without its training-only attributes (``reader.text.ner.crfprune``)
labels and scores every line exactly as the full model does, for any model ``train`` writes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pycrfsuite
import pytest

from reader.text.ner.corpora import Example
from reader.text.ner.crfprune import prune, training_only
from reader.text.ner.model import MODEL_PATH, Model, train

LINES = ["王五在北京市人民政府工作", "𠮷野家在𠮷林开了店，张𠮷说", "ａｂｃ 12:30 李四来了·", "北"]


def _features(line: str) -> list[list[str]]:
    """Attributes of the kinds the recogniser makes, ``:`` inside some (``q`` sources)."""
    out = []
    for i, ch in enumerate(line):
        nxt = line[i + 1] if i + 1 < len(line) else "$"
        attrs = ["u0=" + ch, "u1=" + nxt, "d1=" + ch + nxt]
        if ch in "张李王":
            attrs.append("qBPERrule:surname")
        out.append(attrs)
    return out


EXAMPLES = [Example("张三在北京市人民政府工作", [(0, 2, "PER"), (3, 6, "LOC"), (6, 10, "ORG")]),
            Example("李四来了", [(0, 2, "PER")]), Example("𠮷林的张𠮷", [(0, 2, "LOC"), (3, 5, "PER")]),
            Example("王五 12:30 到长沙", [(0, 2, "PER"), (10, 12, "LOC")])]


def _train(path: Path, groups: tuple[str, ...], augment: bool = True) -> Path:
    items = [(ex, group) for group in groups for ex in EXAMPLES] * 2
    train(items, path, _features, algorithm="ap", max_iterations=6, augment=augment)
    return path


_BUFFERS: list[bytes] = []  # CRFsuite reads an in-memory model from the caller's buffer


def _tagger(data: bytes) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    _BUFFERS.append(data)
    tagger.open_inmemory(data)
    return tagger


def _same_scores(full: pycrfsuite.Tagger, pruned: pycrfsuite.Tagger, xseqs: list[list[list[str]]]) -> None:
    """Same labels, and the same marginal (bit for bit) of every label at every position."""
    labels = full.labels()
    assert pruned.labels() == labels
    for xseq in xseqs:
        assert pruned.tag(xseq) == full.tag(xseq)
        for pos in range(len(xseq)):
            assert [pruned.marginal(y, pos) for y in labels] == [full.marginal(y, pos) for y in labels]


def _attributes(data: bytes) -> set[str]:
    return set(_tagger(data).info().attributes)


@pytest.mark.parametrize("groups", [("", "pd", "clue"), ("user", "pd"), ("", "src")])
def test_a_pruned_model_scores_every_line_as_the_full_one(tmp_path: Path, groups: tuple[str, ...]) -> None:
    full = _train(tmp_path / "m.crfsuite", groups).read_bytes()
    pruned = prune(full)
    assert pruned is not None and len(pruned) < len(full)
    marks = tuple(g + ":" for g in groups if g)
    kept = _attributes(pruned)
    assert kept == {a for a in _attributes(full) if not a.startswith(("src=", *marks))}
    assert any(":" in a for a in kept)  # qBPERrule:surname is no private copy
    _same_scores(_tagger(full), _tagger(pruned), [_features(line) for line in LINES])


def test_group_marks_without_private_copies_are_pruned_too(tmp_path: Path) -> None:
    full = _train(tmp_path / "m.crfsuite", ("", "pd"), augment=False).read_bytes()
    pruned = prune(full)
    assert pruned is not None
    assert _attributes(pruned) == _attributes(full) - {"src=pd"}
    _same_scores(_tagger(full), _tagger(pruned), [_features(line) for line in LINES])


def test_nothing_to_prune_or_no_model_gives_none(tmp_path: Path) -> None:
    full = _train(tmp_path / "m.crfsuite", ("",)).read_bytes()
    assert prune(full) is None  # no groups: every attribute can occur at run time
    grouped = _train(tmp_path / "g.crfsuite", ("", "pd")).read_bytes()
    assert prune(grouped[: len(grouped) // 2]) is None  # a cut file is refused, not misread
    assert prune(b"not a model at all, just some bytes" * 4) is None


def test_training_only_names() -> None:
    names = [b"src=pd", b"pd:u0=\xe5\x8c\x97", b"u0=\xe5\x8c\x97", b"qBORGrule:org-suffix", b"src=",
             b"clue:w=ab", b"w=pd:x"]
    assert training_only(names) == [True, True, False, False, True, False, False]
    assert training_only([b"u0=a", b"pdx"]) == [False, False]


def test_the_cache_copy_of_a_compressed_model_is_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _train(tmp_path / "m.crfsuite", ("", "pd", "clue"))
    packed = tmp_path / "m.crfsuite.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("PIZHU_CACHE_DIR", str(cache))
    model = Model(packed)
    copies = list(cache.glob("ner-model-*.crfsuite"))
    assert len(copies) == 1 and copies[0].stat().st_size < plain.stat().st_size
    old = copies[0].with_name(copies[0].name.rsplit("-r", 1)[0] + ".crfsuite")  # an older full copy
    old.write_bytes(plain.read_bytes())
    copies[0].unlink()
    Model(packed)
    assert not old.exists() and len(list(cache.glob("ner-model-*.crfsuite"))) == 1
    for line in LINES:
        assert model.labels(_features(line)) == Model(plain).labels(_features(line))
        assert model.spans(line, _features(line)) == Model(plain).spans(line, _features(line))


@pytest.mark.skipif(not MODEL_PATH.is_file(), reason="no shipped model")
def test_the_shipped_model_pruned_scores_the_recognisers_features_as_the_full_one() -> None:
    """End to end: the recogniser's model (opened from the pruned cache copy) against the whole
    shipped file read from memory, on the recogniser's own features, beyond the BMP too; and
    the features never hold a training-only attribute."""
    from reader.text.entities import Recognizer

    rec = Recognizer()
    assert rec.model is not None
    full_bytes = gzip.decompress(MODEL_PATH.read_bytes())
    texts = ["新华社长沙3月5日电（记者张三）湖南省人民政府副省长李四在𠮷首市考察。",
             "𠮷林省𠮷安县的王𠮷和中车株洲所的人来到小沙江，娄星区纪委监委通报。", "ＡＢＣ公司 2024年"]
    xseqs = [rec.features(text) for text in texts]
    names = {a for xseq in xseqs for attrs in xseq for a in attrs}
    assert not any(n.startswith("src=") or n.split(":", 1)[0] in ("pd", "clue") for n in names)
    _same_scores(_tagger(full_bytes), rec.model._tagger, xseqs)
