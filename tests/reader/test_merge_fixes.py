"""Occurrence fixes travel in a team merge: added with their coder, shown in the entities at once,
matched when merged twice, ours kept where the sides differ, and undone and redone exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.coding import occurrences
from reader.coding.merge import merge_file, redo_merge, undo_merge
from reader.corpus import Corpus
from reader.store.models import Article


def _entities(corpus: Corpus) -> list[tuple[int, str, str, str]]:
    out = []
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        for e in corpus.entities(aid):
            if e.type in ("PER", "LOC", "ORG") and len(e.text) >= 3:
                out.append((aid, e))
    return out


def _fixes(corpus: Corpus) -> list[tuple[int, int, int, str, str | None, str, str]]:
    return sorted((f.article_id, f.start, f.end, f.text, f.type, f.action, f.coder)
                  for f in occurrences.list_fixes(corpus))


def _spans(corpus: Corpus, aid: int) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.type, e.source) for e in corpus.entities(aid)]


def test_occurrence_fixes_travel_in_a_merge_and_undo_exactly(seeded_path: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.sqlite3"
    shutil.copyfile(seeded_path, theirs)
    other = Corpus(theirs, coder="李四")
    found = _entities(other)
    articles = sorted({aid for aid, _ in found})
    (a1, e1), (a2, e2), (a3, e3) = (next(x for x in found if x[0] == a) for a in articles[:3])
    occurrences.set_span(other, a1, e1.start, e1.end - 1, e1.type)  # a boundary fix
    occurrences.drop_span(other, a2, e2.start, e2.end)  # not an entity here
    occurrences.set_span(other, a3, e3.start, e3.end, "ORG" if e3.type != "ORG" else "LOC")  # their decision
    theirs_fixes = _fixes(other)
    other.close()

    corpus = Corpus(seeded_path, coder="张三")
    occurrences.drop_span(corpus, a2, e2.start, e2.end)  # the same fix: matched
    occurrences.drop_span(corpus, a3, e3.start, e3.end)  # another decision on that span: ours is kept
    before = {a: _spans(corpus, a) for a in (a1, a2, a3)}
    fixes_before = _fixes(corpus)

    report = merge_file(theirs, "张三", corpus=corpus)
    data = report.to_json()
    assert data["fixes_added"] == 1 and data["fixes_matched"] == 1 and data["fixes_unplaced"] == []
    assert any(f"article {a3}: kept our fix" in w for w in data["warnings"])
    assert a1 in report.article_ids
    assert (a1, e1.start, e1.end - 1, e1.text[:-1], e1.type, "set", "李四") in _fixes(corpus)
    # recognised again at once: the fixed span is an entity made by hand, the old one is gone
    assert (e1.start, e1.end - 1, e1.type, occurrences.SOURCE) in _spans(corpus, a1)
    assert all((s, e) != (e1.start, e1.end) for s, e, _, _ in _spans(corpus, a1))
    assert _spans(corpus, a3) == before[a3]
    after, fixes_after = {a: _spans(corpus, a) for a in (a1, a2, a3)}, _fixes(corpus)

    again = merge_file(theirs, "张三", corpus=corpus).to_json()
    assert again["fixes_added"] == 0 and again["fixes_matched"] == 2

    undo_merge(corpus, report)
    assert _fixes(corpus) == fixes_before
    assert {a: _spans(corpus, a) for a in (a1, a2, a3)} == before
    redo_merge(corpus, report)
    assert _fixes(corpus) == fixes_after
    assert {a: _spans(corpus, a) for a in (a1, a2, a3)} == after
    assert sorted(f.id for f in occurrences.list_fixes(corpus))[-1] == report.fixes_added[0]  # the same id
    assert len(theirs_fixes) == 3
    corpus.close()


def test_a_fix_whose_text_is_not_in_our_article_is_reported(seeded_path: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.sqlite3"
    shutil.copyfile(seeded_path, theirs)
    other = Corpus(theirs, coder="李四")
    aid, ent = _entities(other)[0]
    occurrences.drop_span(other, aid, ent.start, ent.end)
    other.close()
    corpus = Corpus(seeded_path, coder="张三")
    text = corpus.article(aid).text
    # our copy of the article lost that name (edited on our side): the fix has nowhere to go
    Article.update(text=text.replace(ent.text, "某" * len(ent.text))).where(Article.id == aid).execute()
    data = merge_file(theirs, "张三", corpus=corpus).to_json()
    assert data["fixes_added"] == 0
    assert [u["reason"] for u in data["fixes_unplaced"]] in (["text-not-found"], ["no-article"])
    corpus.close()
