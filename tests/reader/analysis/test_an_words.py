"""Word list, keyness and collocations against brute-force counts of the same segmentation,
and the term statistics kept current as articles change."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from reader.analysis import termstats, wordstats
from reader.analysis.spec import parse_spec, select_ids
from reader.store.models import Article


def _texts(ids=None) -> dict[int, str]:  # type: ignore[no-untyped-def]
    rows = Article.select(Article.id, Article.text).where(Article.retired == False)  # noqa: E712
    return {i: t for i, t in rows.tuples() if ids is None or i in ids}


def test_word_list_is_the_segmentation_counted(corpus) -> None:
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for text in _texts().values():
        words = termstats.words_of(text)
        counts.update(words)
        docs.update(set(words))
    rows = wordstats.word_list()
    assert [(w.word, w.count, w.articles) for w in rows[:30]] == [
        (w, counts[w], docs[w]) for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]]
    assert sum(w.count for w in rows) == sum(counts.values())
    found = {w.word: w for w in rows}
    assert found["巡察"].count == counts["巡察"] > 50
    stop = wordstats.word_list(stopwords=wordstats.default_stopwords(), top=20)
    assert "的" not in {w.word for w in stop} and len(stop) == 20
    assert all(not w.word.isdigit() for w in wordstats.word_list(numbers=False))
    assert "，" not in found and "\n" not in found  # punctuation is not a word


def test_word_list_of_a_sub_corpus(corpus) -> None:
    source = corpus.articles()[0].source
    ids = set(select_ids(parse_spec(f"source={source}")))
    counts = Counter(w for text in _texts(ids).values() for w in termstats.words_of(text))
    rows = wordstats.word_list(parse_spec(f"source={source}"))
    assert {w.word: w.count for w in rows} == dict(counts)


def test_term_statistics_follow_changed_articles(corpus) -> None:
    termstats.ensure_current()
    row = Article.select().where(Article.retired == False).first()  # noqa: E712
    before = {w.word: w.count for w in wordstats.word_list()}
    Article.update(text=row.text + "\n葡萄柚葡萄柚", chars=row.chars + 7).where(Article.id == row.id).execute()
    after = {w.word: w.count for w in wordstats.word_list()}
    added = Counter(termstats.words_of(row.text + "\n葡萄柚葡萄柚")) - Counter(termstats.words_of(row.text))
    for word, n in added.items():
        assert after[word] == before.get(word, 0) + n
    Article.update(retired=True).where(Article.id == row.id).execute()
    gone = {w.word: w.count for w in wordstats.word_list()}
    assert sum(gone.values()) == sum(after.values()) - len(termstats.words_of(row.text + "\n葡萄柚葡萄柚"))


def test_keyness_log_likelihood_and_log_ratio(corpus) -> None:
    arts = corpus.articles()
    source = arts[0].source
    target = parse_spec(f"source={source}")
    rows = wordstats.keyness(target, None, min_freq=3)
    assert rows and rows == sorted(rows, key=lambda k: (-k.ll, -k.log_ratio, k.item))
    t_ids = set(select_ids(target))
    t = Counter(w for text in _texts(t_ids).values() for w in termstats.words_of(text))
    r = Counter(w for i, text in _texts().items() if i not in t_ids for w in termstats.words_of(text))
    n1, n2 = sum(t.values()), sum(r.values())
    top = rows[0]
    a, b = t[top.item], r[top.item]
    assert (top.target, top.reference) == (a, b)
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    expected = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
    assert top.ll == pytest.approx(expected)
    assert top.log_ratio == pytest.approx(math.log2(((a or 0.5) / n1) / ((b or 0.5) / n2)))
    assert all(k.target >= 3 or k.reference >= 3 for k in rows)
    explicit = wordstats.keyness(target, parse_spec("source=00[1-4]_*"), min_freq=3)
    assert {k.item for k in explicit} and explicit[0].ll > 0


def test_keyness_on_entities_merges_aliases(corpus) -> None:
    from reader.analysis.entity_index import add_alias

    arts = corpus.articles()
    target = parse_spec(f"source={arts[0].source}")
    before = {k.item: k for k in wordstats.keyness(target, None, min_freq=1, entities=True)}
    assert "娄星区" in before and before["娄星区"].type == "LOC"
    add_alias("娄星区", "娄底市娄星区", "LOC")
    after = {k.item: k for k in wordstats.keyness(target, None, min_freq=1, entities=True)}
    assert "娄星区" not in after
    merged = after["娄底市娄星区"]
    old = before.get("娄底市娄星区")
    assert merged.target == before["娄星区"].target + (old.target if old else 0)


def test_collocations_count_window_neighbours(corpus) -> None:
    node, window = "巡察", 3
    observed: Counter[str] = Counter()
    f_node = total = 0
    for text in _texts().values():
        words = termstats.words_of(text)
        total += len(words)
        for i, w in enumerate(words):
            if w == node:
                f_node += 1
                observed.update(words[max(0, i - window):i] + words[i + 1:i + 1 + window])
    observed.pop(node, None)
    rows = wordstats.collocations(node, window=window, sort="count")
    assert {c.item: c.count for c in rows} == dict(observed)
    freq = Counter(w for text in _texts().values() for w in termstats.words_of(text))
    top = rows[0]
    assert top.count == max(observed.values())
    assert top.mi == pytest.approx(math.log2(top.count * total / (f_node * freq[top.item] * 2 * window)))
    assert top.log_dice == pytest.approx(14 + math.log2(2 * top.count / (f_node + freq[top.item])))
    assert top.ll > 0
    assert wordstats.collocations("不存在的词语") == []


def test_collocations_of_a_phrase_node(corpus) -> None:
    words = termstats.words_of("常态化巡察")
    assert len(words) > 1
    rows = wordstats.collocations("常态化巡察", window=2, sort="count")
    assert rows and all(c.count >= 1 for c in rows)


def test_recomputed_entities_reach_the_entity_counts(corpus) -> None:
    from reader.store.entities import article_entities, remove_entities
    from reader.store.models import database

    termstats.ensure_current()
    before = termstats.counts(entities=True)
    row = Article.select().where(Article.retired == False).first()  # noqa: E712
    mentions = len(article_entities(row.id))
    assert mentions > 0
    corpus.recompute_entities(article_ids=[row.id])  # same entities again: the chunk is rebuilt
    stale = database.execute_sql("SELECT fingerprint FROM term_chunk WHERE id = ?",
                                 (row.id // termstats.CHUNK,)).fetchone()[0]
    assert stale == ""
    assert int(termstats.counts(entities=True).counts.sum()) == int(before.counts.sum())  # not yet rebuilt
    termstats.ensure_current()
    assert int(termstats.counts(entities=True).counts.sum()) == int(before.counts.sum())
    remove_entities(row.id)
    termstats.invalidate([row.id])
    termstats.ensure_current()
    assert int(termstats.counts(entities=True).counts.sum()) == int(before.counts.sum()) - mentions


def test_a_changed_article_is_the_only_one_segmented_again(corpus, monkeypatch) -> None:
    termstats.ensure_current()
    before = {w.word: w.count for w in wordstats.word_list()}
    row = Article.select().where(Article.retired == False).order_by(Article.id.desc()).first()  # noqa: E712
    seen: list[str] = []
    real = termstats.words_of

    def counting(text: str) -> list[str]:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(termstats, "words_of", counting)
    Article.update(text=row.text + "\n猕猴桃", chars=row.chars + 4).where(Article.id == row.id).execute()
    after = {w.word: w.count for w in wordstats.word_list()}
    assert seen == [row.text + "\n猕猴桃"]
    assert sum(after.values()) == sum(before.values()) + len(real("\n猕猴桃"))
