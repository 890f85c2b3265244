"""The shortcuts the exports take on their hot paths give what the plain ways give: GUID makers
are ``stable_guid``, a deflate spool is a ZIP member ``zipfile`` reads (CRC checked), records
built without their ``__init__`` equal the ordinary ones, spreadsheet rows made as lists are
the ``row_for`` dicts, and ``items(annotated=True)`` keeps exactly the annotated articles."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import fields

from test_export_samples import sample_bundle

from reader.exchange.exporters.base import ExportOptions, guid_maker, stable_guid, stable_uuid
from reader.exchange.exporters.tabular import columns_of, row_for, value_rows
from reader.exchange.exporters.zipping import DeflateSpool, ZipWriter
from reader.exchange.exporters.zones import local_zone
from reader.exchange.source import ArticleItem, BundleSource
from reader.exchange.store_source import _maker
from reader.records import AnnotationRecord, ArticleRecord
from reader.exchange.exporters.base import tag_paths


def test_guid_maker_is_stable_guid() -> None:
    for prefix, rest in ((("selection",), (12345,)), (("coding",), (7, "人物")),
                         (("source",), ("人民日报/2019/a.txt", 3, 99)), (("a", 1), ("",))):
        assert guid_maker(*prefix)(*rest) == stable_guid(*prefix, *rest) == str(stable_uuid(*prefix, *rest))


def test_deflate_spool_member_reads_back() -> None:
    rng = random.Random(5)
    blocks = ["".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(rng.randrange(0, 90_000))).encode("utf-8")
              for _ in range(12)] + [b"", b"<x/>" * 70_000]
    out = io.BytesIO()
    with ZipWriter(out) as archive:
        archive.add("a.txt", blocks[0], store=True)
        spool = DeflateSpool()
        for block in blocks:
            spool.write(block)
        archive.add_spool("big.xml", spool)
        archive.add_stream("copy.xml", io.BytesIO(b"".join(blocks)))
        archive.add("small.txt", "小".encode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        assert z.testzip() is None
        assert z.read("big.xml") == z.read("copy.xml") == b"".join(blocks)
        assert z.read("a.txt") == blocks[0] and z.read("small.txt") == "小".encode("utf-8")
        assert z.getinfo("big.xml").compress_type == zipfile.ZIP_DEFLATED
        assert z.getinfo("big.xml").compress_size < z.getinfo("big.xml").file_size


def test_records_made_without_init_equal_ordinary_ones() -> None:
    when = dt.datetime(2024, 1, 5, 10, 11)
    article = dict(id=3, source="p.txt", title=None, display_title="题", title_derived=True, subtitle=None,
                   authors=(), photographers=(), dateline=None, text="正文", position=2, state="read",
                   tags=("重点",), note="")
    annotation = dict(id=9, article_id=3, start=0, end=1, quote="正", prefix="", suffix="文", tags=("a", "b"),
                      note="n", author="甲", created=when, updated=when, status="anchored", coder="甲")
    for cls, values in ((ArticleRecord, article), (AnnotationRecord, annotation)):
        fast, plain = _maker(cls)(**values), cls(**values)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert all(getattr(fast, f.name) == getattr(plain, f.name) for f in fields(cls))  # defaults too
    record = ArticleRecord(**article)
    item, plain_item = _maker(ArticleItem)(article=record, annotations=[]), ArticleItem(record, [])
    assert item == plain_item and item.entities == [] and item.variables == {}
    assert item.entities is not _maker(ArticleItem)(article=record, annotations=[]).entities  # a fresh list each


def test_value_rows_are_the_row_dicts() -> None:
    bundle = sample_bundle()
    options = ExportOptions(time_zone=local_zone())
    source = BundleSource(bundle)
    columns = columns_of(source)
    paths = tag_paths(source.tags)
    expected = [[row_for(item, ann, options, options.time_zone, paths)[c] for c in columns]  # type: ignore[arg-type]
                for item in BundleSource(bundle).items() for ann in item.annotations]
    assert list(value_rows(BundleSource(bundle), options)) == expected
    naive = list(value_rows(BundleSource(bundle), options, naive=True))
    created = columns.index("created")
    assert [r[created] for r in naive] == [r[created].replace(tzinfo=None) for r in expected]
    assert len(expected) == 8


def test_items_annotated_keeps_the_annotated_articles() -> None:
    bundle = sample_bundle()
    every = [item.article.id for item in BundleSource(bundle).items()]
    annotated = [item.article.id for item in BundleSource(bundle).items(annotated=True)]
    with_notes = {a.article_id for a in bundle.annotations}
    assert annotated == [i for i in every if i in with_notes] and len(annotated) < len(every)
    seen: list[tuple[int, int]] = []
    list(BundleSource(bundle, progress=lambda done, total, _label: seen.append((done, total))).items(annotated=True))
    assert seen[-1] == (len(every), len(every))


def test_store_items_annotated(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.exchange.exporting import ExportFilters, open_source

    ids = [a.id for a in corpus.articles()]
    corpus.annotate(ids[1], 0, 2, tags=["人物"])
    corpus.annotate(ids[4], 1, 3, tags=["人物"])
    seen: list[tuple[int, int]] = []
    source = open_source(corpus, ExportFilters(), "csv", progress=lambda d, t, _l: seen.append((d, t)))
    every = [item.article.id for item in source.items()]
    seen.clear()
    kept = [item for item in source.items(annotated=True)]
    assert [item.article.id for item in kept] == [i for i in every if i in (ids[1], ids[4])]
    assert all(len(item.annotations) == 1 for item in kept)
    assert seen[-1] == (len(every), len(every)) and [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_unpack_many_utf8_gives_each_text_and_its_utf8() -> None:
    from reader.store.packed_text import pack, unpack_many, unpack_many_utf8

    texts = ["短", "人民日报评论员文章。" * 20, "孤\ud800代理" * 10, "plain ascii text " * 5,
             "𠮷野家的牛肉饭，" * 12]  # a lone surrogate (format 2), a pair beyond the BMP in a format-5 batch
    stored = [pack(t) for t in texts] + [texts[1], None]  # packed, plain TEXT, NULL
    pairs = unpack_many_utf8(stored)
    assert [t for t, _raw in pairs] == unpack_many(stored) == texts + [texts[1], None]
    assert [raw for _t, raw in pairs] == [texts[0].encode(), texts[1].encode(), None, texts[3].encode(),
                                          texts[4].encode(), texts[1].encode(), None]


def test_store_items_utf8_are_the_texts(corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.exchange.exporting import ExportFilters, open_source

    source = open_source(corpus, ExportFilters(), "qdpx")
    plain = list(source.items())
    coded = list(source.items(utf8=True))
    assert [i.article for i in plain] == [i.article for i in coded] and all(i.utf8 is None for i in plain)
    assert all(i.utf8 == i.article.text.encode("utf-8") for i in coded) and coded


def test_store_items_without_variables(corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.exchange.exporting import ExportFilters, open_source

    source = open_source(corpus, ExportFilters(), "jsonl")
    full, bare = list(source.items()), list(source.items(variables=False))
    assert [i.article for i in full] == [i.article for i in bare] and full
    assert all(i.variables for i in full) and not any(i.variables for i in bare)
    assert [(i.date, i.paper, i.page) for i in full] == [(i.date, i.paper, i.page) for i in bare]


def test_zip_of_more_than_65535_members_reads_back() -> None:
    out = io.BytesIO()
    with ZipWriter(out) as archive:
        for n in range(70_000):
            archive.add(f"sources/{n}.txt", f"第{n}篇".encode("utf-8"), store=n % 2 == 0)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        names = z.namelist()
        assert len(names) == 70_000 and names[-1] == "sources/69999.txt"
        assert z.read("sources/69999.txt") == "第69999篇".encode("utf-8") and z.read("sources/0.txt") == "第0篇".encode()
