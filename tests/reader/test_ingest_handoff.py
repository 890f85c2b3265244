"""Ingest workers hand the writer their text packed, their words and reprint signatures: what
is stored is what the writer would have computed itself."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _signatures(corpus: Corpus) -> list[tuple]:
    return corpus.db.execute_sql(
        "SELECT article_id, chars, updated, signature, dateline FROM reprint_signature ORDER BY article_id").fetchall()


def test_handed_over_work_equals_work_done_again(tmp_path: Path) -> None:
    from reader.analysis import reprints, termstats, wordstats

    corpus = Corpus(tmp_path / "c.sqlite3")
    try:
        corpus.ingest([SEEDS], jobs=2)
        handed = _signatures(corpus)
        words = {w.word: w.count for w in wordstats.word_list()}
        assert handed and words
        corpus.db.execute_sql("DELETE FROM reprint_signature")
        assert reprints.update_signatures() == len(handed)
        assert _signatures(corpus) == handed
        termstats.invalidate()
        termstats.ensure_current()
        assert {w.word: w.count for w in wordstats.word_list()} == words
        stored = corpus.db.execute_sql('SELECT COUNT(*) FROM "article" WHERE typeof("text") = \'blob\'').fetchone()[0]
        assert stored > 0
    finally:
        corpus.close()
