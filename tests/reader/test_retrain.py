"""Retrain from my corrections: the examples, the model used from then on, cancel, revert, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.coding import corrections, occurrences, retrain
from reader.corpus import Corpus, CorpusError
from reader.store.models import Article

ROOT = Path(__file__).resolve().parents[2]
SHARED_NER = ROOT / ".." / "shared" / "data" / "ner"


class Ran:
    """What one in-process CLI run printed and returned."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    from reader.cli.main import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def a_correction(corpus: Corpus) -> tuple[int, str]:
    """Fix one occurrence (shorten an ORG/LOC) and mark 利剑 everywhere; returns the fixed article
    and the fixed text."""
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        ent = next((e for e in corpus.entities(aid) if e.type in ("ORG", "LOC") and len(e.text) >= 4), None)
        if ent is not None:
            occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
            corrections.add_entity(corpus, "利剑", "ORG")
            return aid, ent.text[:-1]
    raise AssertionError("no entity to fix")


def test_examples_come_from_corrected_lines_with_the_corrected_labels(corpus: Corpus) -> None:
    assert retrain.correction_examples(corpus) == []
    aid, fixed = a_correction(corpus)
    examples = retrain.correction_examples(corpus)
    assert examples
    assert any(fixed in ex.text and any(ex.text[s:e] == fixed for s, e, _ in ex.spans) for ex in examples)
    assert any("利剑" in ex.text and any(ex.text[s:e] == "利剑" and t == "ORG" for s, e, t in ex.spans)
               for ex in examples)
    for ex in examples:
        assert "\n" not in ex.text
        assert all(t in ("PER", "LOC", "ORG") and 0 <= s < e <= len(ex.text) for s, e, t in ex.spans)


def test_retrain_is_used_from_then_on_and_revert(corpus: Corpus) -> None:
    with pytest.raises(CorpusError, match="no corrections"):
        retrain.retrain(corpus, fraction=0)
    a_correction(corpus)
    seen: list[tuple[int, int]] = []
    report = retrain.retrain(corpus, progress=lambda d, t, _l: seen.append((d, t)), fraction=0, iterations=3)
    assert report.path == retrain.model_file(corpus) and report.path.is_file()
    assert report.user_sentences >= 2 and report.shipped_sentences == 0 and not report.cancelled
    assert seen[-1] == (100, 100) and all(t == 100 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(report.change.article_ids) == len(corpus.articles())
    assert retrain.corpus_model(corpus) == report.path
    assert corpus.recognizer().model.path == report.path  # the facade's recogniser uses it
    assert corpus._model_spec() == str(report.path)  # and so do the ingest workers
    assert retrain.model_facts(corpus)["user_sentences"] == report.user_sentences
    # a fixed occurrence stays fixed whatever the new model says
    assert any(e.source == "user:here" for a in corpus.articles() for e in corpus.entities(a.id))

    reopened = Corpus(corpus.path)  # the choice is stored with the corpus
    assert retrain.corpus_model(reopened) == report.path
    reopened.close()

    change = retrain.revert(corpus)
    assert len(change.article_ids) == len(corpus.articles())
    assert retrain.corpus_model(corpus) is True and retrain.model_facts(corpus) is None
    assert not report.path.exists()
    assert corpus.recognizer().model is None or corpus.recognizer().model.path != report.path
    with pytest.raises(CorpusError, match="shipped"):
        retrain.revert(corpus)


def test_cancel_during_training_changes_nothing(corpus: Corpus) -> None:
    a_correction(corpus)
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] > 1

    with pytest.raises(InterruptedError):
        retrain.retrain(corpus, cancelled=cancelled, fraction=0, iterations=50)
    assert retrain.model_facts(corpus) is None
    assert not retrain.model_file(corpus).exists()
    assert not list(Path(corpus.path).parent.glob("*.new"))


def test_missing_training_data_is_a_clear_error(corpus: Corpus, tmp_path: Path) -> None:
    a_correction(corpus)
    with pytest.raises(CorpusError, match="training data"):
        retrain.retrain(corpus, fraction=0.1, data=tmp_path / "nowhere")
    assert retrain.model_facts(corpus) is None


@pytest.mark.skipif(not SHARED_NER.is_dir(), reason="../shared/data/ner is not here")
def test_retrain_with_a_part_of_the_shipped_data(corpus: Corpus) -> None:
    a_correction(corpus)
    report = retrain.retrain(corpus, fraction=0.003, iterations=2, data=SHARED_NER)
    assert report.shipped_sentences > 100
    assert retrain.model_facts(corpus)["fraction"] == 0.003


def test_cli_retrain_model_revert(seeded_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def run(*args: str) -> Ran:  # in this process: the recogniser loads once
        return cli(capsys, "--db", str(seeded_path), "entity", *args)

    assert json.loads(run("model", "--json").stdout) == {"model": "shipped", "retrained": None, "stored": None}
    bad = run("retrain", "--fraction", "0")
    assert bad.returncode == 1 and "no corrections" in bad.stderr
    assert run("add", "利剑", "--type", "org", "-q").returncode == 0
    result = run("retrain", "--fraction", "0", "--json", "-q")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["user_sentences"] >= 1 and Path(report["model"]).is_file()
    assert report["stored"] == "file"
    shown = json.loads(run("model", "--json").stdout)
    assert shown["model"] == report["model"] and shown["stored"] == {"stored": "file", "path": report["model"]}
    assert run("revert-model", "-q").returncode == 0
    assert json.loads(run("model", "--json").stdout)["model"] == "shipped"


@pytest.mark.skipif(not SHARED_NER.is_dir(), reason="../shared/data/ner is not here")
def test_retraining_keeps_the_in_domain_dev_gold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A retrained model learns from our dev gold as the shipped one did (in its proportion),
    never from a held-out set; with no shipped data at all (fraction 0) only the user's sentences."""
    from reader.text.ner import corpora, model

    seen: list[list[str]] = []
    monkeypatch.setattr(model, "train", lambda items, path, *a, **k: seen.append([ex.text for ex, _ in items]))
    user = [corpora.Example("张三在长沙市工作。", [(0, 2, "PER"), (3, 6, "LOC")])]
    dev = {ex.text for examples in corpora.dev_gold() for ex in examples if ex.text.strip()}
    held_out = {ex.text for ex in corpora.read_gold(corpora.GOLD_FOLDER / "ner_news_test5.jsonl")} - dev
    assert len(dev) > 500 and held_out

    retrain.train_model(user, tmp_path / "m.crfsuite", fraction=0.002, weight=2, data=SHARED_NER)
    texts = seen[-1]
    assert dev <= set(texts) and not held_out & set(texts)
    assert texts.count(user[0].text) == 2
    retrain.train_model(user, tmp_path / "m.crfsuite", fraction=0, weight=1)
    assert seen[-1] == [user[0].text]
