"""Occurrence fixes and a retrained model travel with the corpus: ``copy SRC DST`` between files
carries every fix and the model (under the copy's own name); exports that carry entities carry
the fixed spans (a fix is applied to the stored entities, so every entity export shows it)."""

from __future__ import annotations

import json
from pathlib import Path

from reader.coding import occurrences, retrain
from reader.corpus import Corpus
from reader.exchange.exporting import ExportFilters, export
from reader.store.copying import copy_corpus
from reader.store.models import Article


def _fix_one(corpus: Corpus) -> tuple[int, object]:
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        ent = next((e for e in corpus.entities(aid) if e.type in ("ORG", "LOC") and len(e.text) >= 4), None)
        if ent is not None:
            occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
            return aid, ent
    raise AssertionError("no entity to fix")


def _fixes(corpus: Corpus) -> list[tuple]:
    return sorted((f.id, f.article_id, f.start, f.end, f.text, f.type, f.action, f.coder, f.created)
                  for f in occurrences.list_fixes(corpus))


def test_copy_between_files_carries_the_fixes_and_the_retrained_model(seeded_path: Path, tmp_path: Path) -> None:
    corpus = Corpus(seeded_path, coder="张三")
    aid, ent = _fix_one(corpus)
    model = retrain.model_file(corpus)
    model.write_bytes(b"retrained model")
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": model.name, "user_sentences": 1}))
    fixes, entities = _fixes(corpus), corpus.entities(aid)
    corpus.close()

    dest = tmp_path / "elsewhere" / "copy.sqlite3"
    dest.parent.mkdir()
    copy_corpus(seeded_path, dest)
    copy = Corpus(dest)
    assert _fixes(copy) == fixes
    assert copy.entities(aid) == entities
    own = retrain.model_file(copy)
    assert own.name == "copy.sqlite3.ner-model.crfsuite" and own.read_bytes() == b"retrained model"
    assert retrain.corpus_model(copy) == own
    copy.close()


def test_a_copy_of_a_corpus_with_the_shipped_model_gets_no_model_file(seeded_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.sqlite3"
    copy_corpus(seeded_path, dest)
    assert not (tmp_path / "copy.sqlite3.ner-model.crfsuite").exists()


def test_entity_exports_carry_the_fixed_span(corpus: Corpus, tmp_path: Path) -> None:
    aid, ent = _fix_one(corpus)
    path = tmp_path / "out.jsonl"
    export(corpus, "jsonl", path, ExportFilters(include_entities=True))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if r.get("id") == aid or r.get("article_id") == aid)
    spans = {(e["start"], e["end"], e["label"]) for e in row["entities"]}
    assert (ent.start, ent.end - 1, ent.type) in spans and (ent.start, ent.end, ent.type) not in spans


def test_the_xlsx_entities_sheet_names_a_fixed_span_as_the_users(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl

    aid, ent = _fix_one(corpus)
    path = tmp_path / "out.xlsx"
    export(corpus, "xlsx", path, ExportFilters(include_entities=True))
    rows = list(openpyxl.load_workbook(path)["Entities"].iter_rows(min_row=2, values_only=True))
    assert (aid, ent.start, ent.end - 1, ent.type, occurrences.SOURCE) in [(r[0], r[2], r[3], r[4], r[6]) for r in rows]
