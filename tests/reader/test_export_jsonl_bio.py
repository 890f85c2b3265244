"""doccano-style JSONL and character BIO (CoNLL) exports."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from test_export_samples import running_example_bundle, sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporters.bio import choose_spans, sentences
from reader.records import ExportBundle


def jsonl(bundle: ExportBundle | None = None, **options: Any) -> tuple[list[dict[str, Any]], int]:
    out = io.StringIO()
    count = get_exporter("jsonl").write(bundle or sample_bundle(), out, ExportOptions(**options))
    assert out.getvalue().endswith("\n")
    return [json.loads(line) for line in out.getvalue().split("\n") if line], count


def bio(bundle: ExportBundle | None = None, **options: Any) -> tuple[str, int]:
    out = io.StringIO()
    count = get_exporter("bio").write(
        bundle or running_example_bundle(), out, ExportOptions(**options)
    )
    return out.getvalue(), count


def test_jsonl_one_object_per_article_with_keys() -> None:
    objs, count = jsonl()
    assert count == 8 and len(objs) == 3
    for obj in objs:
        assert {"id", "source", "title", "text", "label", "annotations"} <= set(obj)
        assert "entities" not in obj
    assert objs[2]["label"] == [] and objs[2]["annotations"] == []
    assert objs[0]["label"][1] == [27, 52, "外交"]  # doccano's [start, end, label] triples
    assert all(len(label) == 3 for obj in objs for label in obj["label"])
    assert objs[0]["label"][2][2] == "高层会见"
    assert objs[0]["spans"][1] == {"start": 27, "end": 52, "label": "外交",
                                   "text": "国家主席习近平5日在北京会见了联合国秘书长古特雷斯"}
    assert "codebook" in objs[0] and all("codebook" not in o for o in objs[1:])


def test_jsonl_annotations_fields_and_orphans() -> None:
    objs, _ = jsonl()
    anns = {a["text"]: a for a in objs[1]["annotations"]}
    orphan = anns["民生账本"]
    assert orphan["start"] is None and orphan["end"] is None
    assert orphan["tags"] == ["社会 民生"] and orphan["note"] == "已失效的位置"
    multi = anns["𠮷祥村把群众的“急难愁盼”列成清单，逐项销号"]
    assert multi["tags"] == ["基层治理", "问责"]
    assert set(multi) >= {"start", "end", "tags", "note", "text", "author", "created"}
    assert multi["created"] == "2024-01-06T11:52:00Z"  # T0 + 202 min
    assert all(sp["label"] != "社会 民生" or sp["text"] != "民生账本" for sp in objs[1]["spans"])


def test_jsonl_entities_when_asked() -> None:
    objs, _ = jsonl(running_example_bundle(), include_entities=True)
    assert objs[0]["entities"][0] == {"start": 0, "end": 3, "label": "ORG", "text": "新华社"}
    assert len(objs[0]["entities"]) == 6


def parse_bio(text: str) -> list[list[list[tuple[str, str]]]]:
    """documents → sentences → (char, label)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if line == "-DOCSTART- O":
            docs.append([])
            continue
        if not line:
            if sentence:
                docs[-1].append(sentence)
            sentence = []
            continue
        assert re.fullmatch(r"\S \S+", line), line
        char, label = line.split(" ")
        assert re.fullmatch(r"O|[BI]-\S+", label)
        sentence.append((char, label))
    assert not sentence
    return docs


def test_bio_running_example() -> None:
    text, count = bio()
    assert count == 6
    assert text.startswith("-DOCSTART- O\n\n新 B-ORG\n华 I-ORG\n社 I-ORG\n北 B-LOC\n京 I-LOC\n")
    assert "习 B-PER\n近 I-PER\n平 I-PER\n5 O\n" in text
    docs = parse_bio(text)
    assert len(docs) == 1 and len(docs[0]) == 1
    chars = "".join(c for c, _ in docs[0][0])
    assert (
        chars == "新华社北京1月5日电国家主席习近平5日在北京会见了联合国秘书长古特雷斯。"
    )  # space skipped


def test_bio_sentences_documents_and_no_whitespace_tokens() -> None:
    text, count = bio(sample_bundle())
    docs = parse_bio(text)
    assert len(docs) == 3
    assert text.count("-DOCSTART-") == 3
    assert all(c.strip() for doc in docs for s in doc for c, _ in s)
    second = docs[1]
    assert "".join(c for c, _ in second[1]) == "本报记者王𠮷张三"
    assert ("王", "B-PER") in second[1] and ("𠮷", "I-PER") in second[1]
    # a closing quote stays with its sentence
    assert "".join(c for c, _ in second[3]).endswith("下。”")


def test_bio_overlaps_first_then_longest_wins() -> None:
    assert choose_spans([(5, 8, "ORG"), (5, 11, "ORG"), (9, 12, "X"), (11, 13, "Y")]) == [
        (5, 11, "ORG"),
        (11, 13, "Y"),
    ]
    text, count = bio(sample_bundle())
    assert "联 B-ORG\n合 I-ORG\n国 I-ORG\n秘 I-ORG\n书 I-ORG\n长 I-ORG\n" in text


def test_bio_from_tags() -> None:
    text, count = bio(sample_bundle(), bio_source="tags")
    assert count == 6  # placed and tagged: 104 101 102 201 202 203
    assert "王 B-社会_民生\n𠮷 I-社会_民生\n" in text
    assert "国 B-外交\n家 I-外交\n" in text  # first tag of a multi-tag annotation
    assert "B-PER" not in text


def test_sentence_splitting() -> None:
    text = "他说：“好。”她问？\n第二段"
    assert [text[s:e] for s, e in sentences(text)] == ["他说：“好。”", "她问？", "", "第二段"]
