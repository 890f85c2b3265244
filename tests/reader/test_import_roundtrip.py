"""Export, import into a corpus with the same pages and no annotations, get identical annotations;
importing twice adds nothing; codebooks bring their hierarchy and colours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.corpus import Corpus
from reader.exchange.exporting import ExportFilters, export
from reader.exchange.importing import import_file
from reader.store.models import Tag


def _annotate(corpus: Corpus) -> None:
    arts = {a.title: a.id for a in corpus.articles()}
    first = arts["利剑高悬显锋芒"]
    corpus.ensure_tag("监督", color="#e15759")
    corpus.ensure_tag("巡察", parent="监督", color="#4e79a7")
    corpus.annotate_quote(first, "李彦文", tags=["人物", "领导"], note="区委书记，带头指挥调度")
    corpus.annotate_quote(first, "巡察", nth=3, tags=["巡察"], note='含"引号"与<尖括号>&')
    corpus.annotate_quote(first, "常态化巡察", tags=["巡察", "监督"], note="")
    corpus.annotate_quote(arts["把巡视利剑磨得更光更亮"], "巡视", nth=2, tags=["巡察"], note="第二行\n换行")


def _signature(corpus: Corpus) -> list[tuple]:
    titles = {a.id: (a.source, a.position) for a in corpus.articles()}
    return sorted(
        (titles[a.article_id], a.start, a.end, a.quote, tuple(sorted(a.tags)), a.note, a.author, a.created)
        for a in corpus.annotations()
    )


@pytest.mark.parametrize(("fmt", "suffix"), [("w3c", ".jsonld"), ("jsonl", ".jsonl"), ("qdpx", ".qdpx")])
def test_round_trip_gives_identical_annotations(tmp_path: Path, seeded_template: Path, fmt: str, suffix: str) -> None:
    source_db, target_db = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    shutil.copyfile(seeded_template, source_db)
    shutil.copyfile(seeded_template, target_db)
    corpus = Corpus(source_db)
    _annotate(corpus)
    expected = _signature(corpus)
    out = tmp_path / f"export{suffix}"
    assert export(corpus, fmt, out, ExportFilters()) == len(expected) == 4
    corpus.close()

    target = Corpus(target_db)
    assert target.annotations() == []
    report = import_file(out)
    assert len(report.added) == 4 and not report.unmatched
    assert _signature(target) == expected
    again = import_file(out)
    assert again.added == [] and again.duplicates == 4
    assert _signature(target) == expected
    if fmt == "qdpx":  # only REFI-QDA carries the tag hierarchy
        tags = {t.name: t for t in target.tags()}
        assert tags["巡察"].parent_id == tags["监督"].id
    target.close()


def test_codebook_brings_hierarchy_colours_and_descriptions(tmp_path: Path, seeded_template: Path) -> None:
    source_db = tmp_path / "a.sqlite3"
    shutil.copyfile(seeded_template, source_db)
    corpus = Corpus(source_db)
    _annotate(corpus)
    Tag.update(description="巡视巡察相关").where(Tag.name == "巡察").execute()
    out = tmp_path / "codes.qdc"
    export(corpus, "qdc", out)
    corpus.close()
    target = Corpus(tmp_path / "empty.sqlite3")
    report = import_file(out)
    assert set(report.tags_created) == {"监督", "巡察", "人物", "领导"}
    tags = {t.name: t for t in target.tags()}
    assert tags["巡察"].parent_id == tags["监督"].id
    assert tags["巡察"].color.lower() == "#4e79a7" and tags["监督"].color.lower() == "#e15759"
    assert tags["巡察"].description == "巡视巡察相关"
    assert import_file(out).tags_created == []
    target.close()


def test_import_re_anchors_by_quote_when_our_text_changed(tmp_path: Path, seeded_template: Path) -> None:
    source_db = tmp_path / "a.sqlite3"
    shutil.copyfile(seeded_template, source_db)
    corpus = Corpus(source_db)
    _annotate(corpus)
    out = tmp_path / "w.jsonld"
    export(corpus, "w3c", out)
    corpus.close()
    # The target corpus has the first page with a sentence inserted before the passages.
    pages = tmp_path / "pages"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", pages)
    seed = pages / "000_2faa8fd91fc3cf26.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("今年以来，娄底市娄星区", "编者按：本文有删改。今年以来，娄底市娄星区", 1), encoding="utf-8")
    target = Corpus(tmp_path / "t.sqlite3")
    target.ingest([pages])
    report = import_file(out)
    assert len(report.added) == 4 and not report.unmatched
    for ann in target.annotations():
        text = target.article(ann.article_id).text
        assert text[ann.start:ann.end] == ann.quote
    li = next(a for a in target.annotations() if a.quote == "李彦文")
    assert "区委书记" in li.prefix
    target.close()


def test_unmatched_annotations_are_reported_not_stored(tmp_path: Path, seeded_template: Path) -> None:
    import json

    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"source": "elsewhere.txt", "text": "完全不同的一篇文章，讲的是别的事情。",
                                "label": [[0, 4, "话题"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
    target_db = tmp_path / "b.sqlite3"
    shutil.copyfile(seeded_template, target_db)
    target = Corpus(target_db)
    report = import_file(path)
    assert report.added == [] and len(report.unmatched) == 1
    assert target.annotations() == []
    target.close()


def test_bad_import_file_is_a_clear_error(tmp_path: Path, empty_corpus: Corpus) -> None:
    from reader.exchange.importers import ImportFormatError

    bad = tmp_path / "broken.jsonld"
    bad.write_bytes(b"\xff\xfe not json")
    with pytest.raises(ImportFormatError, match="broken.jsonld"):
        import_file(bad)


def test_an_empty_codebook_is_refused_not_written_invalid(tmp_path: Path, empty_corpus: Corpus) -> None:
    from reader.exchange.exporting import ExportError

    with pytest.raises(ExportError, match="codebook is empty"):
        export(empty_corpus, "qdc", tmp_path / "none.qdc")
    assert not (tmp_path / "none.qdc").exists()
