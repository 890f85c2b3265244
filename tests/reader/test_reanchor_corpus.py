"""Re-ingesting an edited seed page re-anchors every annotation or makes it an orphan; none is
lost.  Also the explicit corpus-wide pass (``Corpus.reanchor_corpus``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import Corpus

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_2faa8fd91fc3cf26.txt"
TITLE = "利剑高悬显锋芒"


def _setup(tmp_path: Path, corpus_at) -> tuple[Corpus, Path, int]:  # type: ignore[no-untyped-def]
    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / SEED.name
    shutil.copyfile(SEED, page)
    corpus = Corpus(corpus_at("c.sqlite3"))
    corpus.ingest([pages])
    article_id = next(a.id for a in corpus.articles() if a.display_title == TITLE)
    return corpus, page, article_id


def _edit(page: Path, *pairs: tuple[str, str]) -> None:
    raw = page.read_text(encoding="utf-8")
    for old, new in pairs:
        assert raw.count(old) == 1, old
        raw = raw.replace(old, new)
    page.write_text(raw, encoding="utf-8")


def test_reingest_edited_page_reanchors_or_orphans(tmp_path: Path, corpus_at) -> None:  # type: ignore[no-untyped-def]
    corpus, page, aid = _setup(tmp_path, corpus_at)
    before = corpus.article(aid).text
    a_insert = corpus.annotate_quote(aid, "用常态化巡察护航人民群众的幸福指数", tags=["甲"], note="n1")
    a_inside = corpus.annotate_quote(aid, "直面问题、直面当事人，针对重点、难点工作", tags=["乙"])
    a_deleted = corpus.annotate_quote(
        aid, "精准对接、精准巡察、精准研判、精准问责，这是娄星区专项巡察工作的根本要求。", tags=["丙"], note="keep me")
    a_dup = corpus.annotate_quote(aid, "市场管理人员防疫意识明显增强", tags=["丁"])
    assert before.count("市场管理人员防疫意识明显增强") == 1
    _edit(
        page,
        ("今年以来，娄底市娄星区充分发挥", "据悉，今年以来，娄底市娄星区在全区范围内充分发挥"),
        ("直面问题、直面当事人，针对重点", "直面问题、直接面对当事人，针对重点"),
        ("精准对接、精准巡察、精准研判、精准问责，这是娄星区专项巡察工作的根本要求。", ""),
        ("“街道工作人员都接种新冠疫苗了吗？”", "据悉，市场管理人员防疫意识明显增强，群众纷纷点赞。“街道工作人员都接种新冠疫苗了吗？”"),
    )
    report = corpus.ingest([page.parent])
    assert report.updated == [SEED.name]
    text = corpus.article(aid).text
    assert text != before

    got = {a.id: a for a in corpus.annotations()}
    assert set(got) == {a_insert.id, a_inside.id, a_deleted.id, a_dup.id}  # none deleted

    moved = got[a_insert.id]
    assert moved.status == "anchored" and moved.start > a_insert.start
    assert text[moved.start:moved.end] == "用常态化巡察护航人民群众的幸福指数"
    assert moved.tags == ("甲",) and moved.note == "n1"

    inside = got[a_inside.id]
    assert inside.status == "anchored"
    assert text[inside.start:inside.end] == "直面问题、直接面对当事人，针对重点、难点工作"

    orphan = got[a_deleted.id]
    assert orphan.status == "orphan"
    assert orphan.quote == a_deleted.quote and orphan.note == "keep me" and orphan.tags == ("丙",)

    dup = got[a_dup.id]
    assert text.count("市场管理人员防疫意识明显增强") == 2
    assert dup.status == "anchored"
    assert text[dup.start:dup.end] == "市场管理人员防疫意识明显增强"
    assert text[:dup.start].endswith("但看到此后")  # its own copy, not the new one
    assert dup.start > text.find("市场管理人员防疫意识明显增强")

    # the explicit pass agrees and changes nothing further
    explicit = corpus.reanchor_corpus()
    status = {o.annotation_id: o.status for o in explicit.outcomes}
    assert status[a_deleted.id] == "orphan"
    assert all(status[i] == "exact" for i in (a_insert.id, a_inside.id, a_dup.id))
    corpus.close()


def test_reattach_orphan_then_reanchor_keeps_it(tmp_path: Path, corpus_at) -> None:  # type: ignore[no-untyped-def]
    corpus, page, aid = _setup(tmp_path, corpus_at)
    gone = "精准对接、精准巡察、精准研判、精准问责，这是娄星区专项巡察工作的根本要求。"
    ann = corpus.annotate_quote(aid, gone, tags=["丙"])
    _edit(page, (gone, ""))
    corpus.ingest([page.parent])
    assert corpus.annotation(ann.id).status == "orphan"
    text = corpus.article(aid).text
    start = text.find("刘思聪说。")
    change = corpus.reattach_annotation(ann.id, aid, start, start + 5)
    assert change.ids == (ann.id,)
    again = corpus.annotation(ann.id)
    assert again.status == "anchored" and again.quote == "刘思聪说。" and again.tags == ("丙",)
    assert corpus.reanchor_corpus().outcomes[0].status == "exact"
    corpus.close()


def test_explicit_reanchor_on_changed_text(corpus: Corpus) -> None:
    """Text changed under annotations without an ingest (e.g. an older database)."""
    from reader.store.models import Article

    aid = corpus.articles()[0].id
    text = corpus.article(aid).text
    keep = corpus.annotate(aid, 10, 20, tags=["x"])
    lost = corpus.annotate(aid, 30, 40, tags=["y"])
    new_text = "插入" * 5 + text[:30] + text[40:]
    Article.update(text=new_text).where(Article.id == aid).execute()
    report = corpus.reanchor_corpus()
    status = {o.annotation_id: o for o in report.outcomes}
    assert status[keep.id].status == "moved" and status[keep.id].new == (20, 30)
    assert status[lost.id].status == "orphan"
    assert corpus.annotation(lost.id).status == "orphan"
    assert report.to_json()["orphaned"] == 1
