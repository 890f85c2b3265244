"""The vectorised BIO writer gives, character for character, what the per-character loop gave."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import numpy as np
import pytest

from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporters.bio import CLOSERS, DOCSTART, SENTENCE_END, choose_spans, sentences
from reader.exchange.exporters.bio_batch import bio_batch, bio_batch_units

_SPACE = re.compile(r"\s+")


def reference_document(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The loop the BIO exporter used before (frozen here as the oracle)."""
    out: list[str] = []
    k = 0
    for s_start, s_end in sentences(text):
        pieces: list[str] = []
        pos = s_start
        while k < len(spans) and spans[k][1] <= s_start:
            k += 1
        j = k
        while pos < s_end:
            if j < len(spans) and spans[j][0] < s_end:
                a, b, label = spans[j]
                a, b = max(a, pos), min(b, s_end)
            else:
                a, b, label = s_end, s_end, ""
            gap = _SPACE.sub("", text[pos:a])
            if gap:
                pieces.append(" O\n".join(gap) + " O\n")
            if a < b:
                chars = _SPACE.sub("", text[a:b])
                if chars:
                    pieces.append(f"{chars[0]} B-{label}\n" + "".join(f"{c} I-{label}\n" for c in chars[1:]))
            pos = max(b, a)
            if j < len(spans) and spans[j][1] <= s_end:
                j += 1
            elif j < len(spans):
                break
        if pieces:
            out.append("".join(pieces) + "\n")
    return "".join(out)


ALPHABET = list("中国人民日报习近平湖南长沙") + list(SENTENCE_END) + list(CLOSERS) + [
    " ", "\n", "\t", "\u3000", "\xa0", "𠮷", "a", "1", "\r"]


def random_document(rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
    spans = []
    for _ in range(rng.randint(0, 8)):
        if not text:
            break
        a = rng.randrange(len(text))
        b = rng.randint(a, min(len(text), a + 9))
        spans.append((a, b, rng.choice(["PER", "LOC", "社会_民生"])))
    return text, spans


def batch(docs: list[tuple[str, list[tuple[int, int, str]]]]) -> tuple[str, int]:
    labels: dict[str, int] = {}
    flat = [(d, a, b, labels.setdefault(lab, len(labels))) for d, (_t, spans) in enumerate(docs) for a, b, lab in spans]
    cols = np.array(flat, dtype=np.int64).reshape(-1, 4).T
    data, count = bio_batch([t for t, _s in docs], cols[0], cols[1], cols[2], cols[3], list(labels))
    return data.decode("utf-8", "surrogatepass"), count


@pytest.mark.parametrize("seed", range(40))
def test_batch_equals_the_per_character_loop(seed: int) -> None:
    rng = random.Random(seed)
    docs = [random_document(rng) for _ in range(rng.randint(1, 12))]
    text, count = batch(docs)
    chosen = [choose_spans(spans) for _t, spans in docs]
    expected = "".join(f"{DOCSTART}\n\n" + reference_document(t, c) for (t, _s), c in zip(docs, chosen))
    assert text == expected
    assert count == sum(len(c) for c in chosen)


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 64])
def test_rows_laid_out_piece_by_piece_equal_the_loop(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces smaller than a document, a header or a span: the boundaries change nothing."""
    monkeypatch.setattr("reader.exchange.exporters.bio_batch._PIECE", piece)
    for seed in range(8):
        rng = random.Random(100 + seed)
        docs = [random_document(rng) for _ in range(rng.randint(1, 12))] + [("王𠮷。他说：“好。”", [(0, 2, "PER")])]
        if seed % 2:  # every character in the BMP: the narrower rows
            docs = [(t.replace("𠮷", "吉"), spans) for t, spans in docs]
        text, count = batch(docs)
        chosen = [choose_spans(spans) for _t, spans in docs]
        assert text == "".join(f"{DOCSTART}\n\n" + reference_document(t, c) for (t, _s), c in zip(docs, chosen))
        assert count == sum(len(c) for c in chosen)


def test_edge_documents() -> None:
    docs = [("", []), ("  \n ", [(0, 3, "PER")]), ("他说：“好。”她问？\n第二段", [(3, 9, "ORG")]),
            ("王𠮷。", [(0, 2, "PER")]), ("\ud800孤", [(0, 2, "PER")])]
    text, count = batch(docs)
    assert text == "".join(f"{DOCSTART}\n\n" + reference_document(t, choose_spans(s)) for t, s in docs)
    assert "王 B-PER\n𠮷 I-PER\n。 O\n\n" in text
    assert "“ B-ORG\n好 I-ORG\n。 I-ORG\n” I-ORG\n\n她 B-ORG\n问 I-ORG\n？ O\n\n" in text


def _store_and_loop() -> tuple[str, int, str, int]:
    """The bound corpus's BIO from the store's array path and from the per-character loop:
    ``(array text, its span count, loop text, its span count)``."""
    import datetime as dt

    from reader.exchange.exporters.bio import article_spans
    from reader.exchange.store_source import StoreQuery, StoreSource

    source = StoreSource(StoreQuery(entities=True), [], "p", "a", dt.datetime.now())
    out = io.StringIO()
    count = get_exporter("bio").write(source, out, ExportOptions())
    expected, spans = [], 0
    for item in source.items():
        chosen = choose_spans(article_spans(item, "entities"))
        spans += len(chosen)
        expected.append(f"{DOCSTART}\n\n" + reference_document(item.article.text, chosen))
    return out.getvalue(), count, "".join(expected), spans


def test_store_export_equals_the_loop(tmp_path: Path) -> None:
    """The store's array path (``entity_batches``) writes what the loop writes for the same corpus."""
    from reader.corpus import Corpus

    seeds = Path(__file__).parents[2] / "seeds"
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest(sorted(str(p) for p in seeds.glob("*.txt"))[:2])
    out, count, expected, spans = _store_and_loop()
    corpus.close()
    assert spans > 20 and count == spans
    assert out == expected


def test_store_export_ties_and_unpackable_spans_equal_the_loop(tmp_path: Path) -> None:
    """Spans of one start and different types (the longest first) and spans whose type id does
    not fit the packed form come out as the loop writes them."""
    from reader.corpus import Corpus
    from reader.store.entities import add_entity

    seeds = Path(__file__).parents[2] / "seeds"
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest(sorted(str(p) for p in seeds.glob("*.txt"))[:1])
    aid = corpus.articles()[0].id
    text = corpus.article(aid).text
    for k in range(14):  # new types get ids 6..19: the last ones do not fit four bits
        add_entity(aid, 40 + 7 * k, 45 + 7 * k, f"X{k}", text[40 + 7 * k:45 + 7 * k])
        add_entity(aid, 40 + 7 * k, 44 + 7 * k, "PER", text[40 + 7 * k:44 + 7 * k])
    out, count, expected, spans = _store_and_loop()
    corpus.close()
    assert count == spans and out == expected
    assert "B-X13" in out and "B-X2" in out  # longest first, whatever the type id


def test_classes_cover_every_whitespace_ender_and_closer() -> None:
    """The batch looks classes up only at or below U+3011 and at or above U+FF01: every
    whitespace (``str.isspace``), ender and closer of the BMP must lie there."""
    from reader.exchange.exporters import bio_batch as module

    wanted = {c for c in range(0x10000) if chr(c).isspace()} | {ord(c) for c in "".join(SENTENCE_END) + "".join(CLOSERS)}
    assert all(c <= module._LOW or c >= module._HIGH for c in wanted)
    assert {c for c in range(0x10000) if module._CLASS[c] & module._WHITESPACE} == \
        {c for c in range(0x10000) if chr(c).isspace()}


def test_store_export_of_a_span_too_long_for_the_packed_form_equals_the_loop(tmp_path: Path) -> None:
    """A span of 65,536 characters or more (only a text that long can hold one) comes apart
    from the packed spans and is written as the loop writes it."""
    from reader.corpus import Corpus
    from reader.store.entities import add_entity, remove_entities
    from reader.store.models import Article

    seeds = Path(__file__).parents[2] / "seeds"
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest(sorted(str(p) for p in seeds.glob("*.txt"))[:1])
    row = Article.get_by_id(corpus.articles()[0].id)
    row.text = ("长文。" * 25000)[:70000]
    row.chars = len(row.text)
    row.save()
    remove_entities(row.id)
    add_entity(row.id, 5, 5 + 66000, "ORG", row.text[5:66005])
    add_entity(row.id, 66100, 66104, "PER", row.text[66100:66104])
    out, count, expected, spans = _store_and_loop()
    corpus.close()
    assert count == spans and out == expected
    assert out.count(" I-ORG\n") > 2 * 66000 // 3 - 10 and " B-PER\n" in out  # the long span, restarted per sentence


def test_batch_of_code_units_equals_the_batch_of_texts() -> None:
    """:func:`bio_batch_units` (the store's path: code units, no strings) writes what
    :func:`bio_batch` writes for the same BMP texts."""
    rng = random.Random(7)
    alphabet = [c for c in ALPHABET if c != "𠮷"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(30)]
    flat = [(d, a, min(len(t), a + rng.randint(0, 6)), rng.randrange(3)) for d, t in enumerate(texts) if t
            for a in sorted(rng.sample(range(len(t)), min(len(t), 5)))]
    cols = np.array(flat, dtype=np.int64).reshape(-1, 4).T
    labels = ["PER", "LOC", "社会_民生"]
    units = np.frombuffer("".join("\n\n" + t for t in texts).encode("utf-16-le"), dtype="<u2")
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    expected = bio_batch(texts, *cols, labels)
    assert bio_batch_units(units, lengths, *cols, labels) == expected and expected[1] > 20


def test_store_export_beyond_the_bmp_and_to_a_binary_file_equals_the_loop(tmp_path: Path) -> None:
    """A batch holding a character beyond the BMP goes the way of strings, the others the way
    of code units; the UTF-8 written to a binary file is the text's."""
    import datetime as dt

    from reader.corpus import Corpus
    from reader.exchange.store_source import StoreQuery, StoreSource
    from reader.store.entities import add_entity, remove_entities
    from reader.store.models import Article

    seeds = Path(__file__).parents[2] / "seeds"
    corpus = Corpus(tmp_path / "c.sqlite3")
    corpus.ingest(sorted(str(p) for p in seeds.glob("*.txt"))[:2])
    row = Article.get_by_id(corpus.articles()[0].id)
    row.text = "王𠮷说：“好。”" + row.text
    row.chars = len(row.text)
    row.save()
    remove_entities(row.id)
    add_entity(row.id, 0, 2, "PER", "王𠮷")
    add_entity(row.id, 6, 8, "ORG", row.text[6:8])
    out, count, expected, spans = _store_and_loop()
    assert count == spans and out == expected and "王 B-PER\n𠮷 I-PER\n" in out
    binary = io.BytesIO()
    source = StoreSource(StoreQuery(entities=True), [], "p", "a", dt.datetime.now())
    assert get_exporter("bio").write_utf8(source, binary, ExportOptions()) == count
    assert binary.getvalue() == out.encode("utf-8")
    row.text = row.text.replace("𠮷", "吉")
    row.save()
    out, count, expected, spans = _store_and_loop()
    corpus.close()
    assert count == spans and out == expected and "王 B-PER\n吉 I-PER\n" in out
