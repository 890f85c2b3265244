"""How much do a user's corrections of the seed pages add on text they were not made on?

Run: ``.venv/bin/python bench/bench_retrain.py [--fraction 0.1] [--test]``.

1. The seeds are ingested into a fresh corpus and corrected by hand the way a user would with
   the span editor: every PER/LOC/ORG of the seed gold (``tests/data/ner_seed_gold.jsonl``) the
   recogniser misses or bounds wrongly becomes a "this occurrence" fix, every one it finds that
   the gold does not have a "not an entity here" fix (:mod:`reader.coding.occurrences`).
2. "Retrain from my corrections" (:func:`reader.coding.retrain.retrain`) trains the corpus's
   model from those corrected sentences plus ``--fraction`` of the shipped training data.
3. The whole recogniser (rules + model) is scored, exact-span micro F1 and per type, on the
   fresh news gold (``news-dev``; ``--test`` adds ``news-test``, look rarely) with: the shipped
   model; ``base``, a model trained on the same part of the shipped data without the
   corrections (the fair comparison: what the corrections alone add); ``retrain``.

Nothing evaluated here is trained on: the corrections are of the seed pages only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ner import TYPES, as_set, prf  # noqa: E402

from reader.text.ner.corpora import Example, read_gold  # noqa: E402

TESTS = ROOT / "tests" / "data"


def correct_the_seeds(corpus, gold: list[Example]) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """Fix the seed articles to agree with the gold; returns (paragraphs, set fixes, drop fixes)."""
    from reader.coding.occurrences import OccurrenceEdit, OccurrenceFix, apply_occurrence_edit

    texts = {a.id: corpus.article(a.id).text for a in corpus.articles()}
    drops: list[OccurrenceFix] = []
    sets: list[OccurrenceFix] = []
    found = 0
    for ex in gold:
        aid = next((i for i, t in texts.items() if ex.text in t), None)
        if aid is None:
            continue
        found += 1
        off = texts[aid].index(ex.text)
        want = {(off + s, off + e, t) for s, e, t in ex.spans if t in TYPES}
        have = {(e.start, e.end, e.type) for e in corpus.entities(aid)
                if e.type in TYPES and off <= e.start and e.end <= off + len(ex.text)}
        drops += [OccurrenceFix(aid, s, e, texts[aid][s:e], t, "drop") for s, e, t in sorted(have - want)]
        sets += [OccurrenceFix(aid, s, e, texts[aid][s:e], t, "set") for s, e, t in sorted(want - have)]
    apply_occurrence_edit(corpus, OccurrenceEdit(insert=tuple(drops)))  # drops first: a later set wins
    apply_occurrence_edit(corpus, OccurrenceEdit(insert=tuple(sets)))
    return found, len(sets), len(drops)


def score(model: bool | Path, examples: list[Example]) -> tuple[float, float, float, list[float]]:
    from reader.text.entities import Recognizer

    rec = Recognizer(model=model)
    pred = as_set([[(e.start, e.end, e.type) for e in ents if e.type in TYPES]
                   for ents in rec.recognize_many([ex.text for ex in examples])])
    gold = as_set([[s for s in ex.spans if s[2] in TYPES] for ex in examples])
    p, r, f = prf(gold, pred)
    return p, r, f, [prf(gold, pred, t)[2] for t in TYPES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.1, help="part of the shipped training data")
    parser.add_argument("--weight", type=int, default=3, help="times each corrected sentence is repeated")
    parser.add_argument("--test", action="store_true", help="also score the held-out news test set")
    args = parser.parse_args()

    from reader.coding import retrain
    from reader.corpus import Corpus

    if not retrain.shipped_data().is_dir():
        raise SystemExit(f"{retrain.shipped_data()}: the shared NER data is missing")
    work = Path(tempfile.mkdtemp(prefix="pizhu-retrain-"))
    corpus = Corpus(work / "seeds.sqlite3")
    corpus.ingest([ROOT / "seeds"])
    seed_gold = read_gold(TESTS / "ner_seed_gold.jsonl")
    t0 = time.perf_counter()
    paragraphs, n_set, n_drop = correct_the_seeds(corpus, seed_gold)
    print(f"seed corrections: {paragraphs}/{len(seed_gold)} gold paragraphs found in the corpus; "
          f"{n_set} 'this occurrence' fixes, {n_drop} 'not an entity here' ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    report = retrain.retrain(corpus, fraction=args.fraction, weight=args.weight)
    print(f"retrain: {report.user_sentences} corrected sentences (x{args.weight}) + "
          f"{report.shipped_sentences} shipped sentences ({args.fraction:.0%}); trained in "
          f"{report.seconds_training:.0f} s, {time.perf_counter() - t0:.0f} s with recognising the corpus again; "
          f"model {report.path.stat().st_size / 1e6:.1f} MB")
    base = work / "base.crfsuite"
    shipped, seconds = retrain.train_model([], base, fraction=args.fraction)
    print(f"base: the same {shipped} shipped sentences, no corrections, trained in {seconds:.0f} s")

    sets = {"news-dev": read_gold(TESTS / "ner_news_dev.jsonl")}
    if args.test:
        sets["news-test"] = read_gold(TESTS / "ner_news_test.jsonl")
    print(f"  {'set':<10}{'model':<9}{'P':>7}{'R':>7}{'F1':>7}{'PER':>7}{'LOC':>7}{'ORG':>7}")
    for name, examples in sets.items():
        rows = {"shipped": score(True, examples), "base": score(base, examples),
                "retrain": score(report.path, examples)}
        for label, (p, r, f, per_type) in rows.items():
            print(f"  {name:<10}{label:<9}{p:7.3f}{r:7.3f}{f:7.3f}" + "".join(f"{x:7.3f}" for x in per_type))
        gain = rows["retrain"][2] - rows["base"][2]
        print(f"  {name}: the seed corrections add {gain:+.3f} F1 over the same data without them "
              f"({rows['retrain'][2] - rows['shipped'][2]:+.3f} against the shipped model)", flush=True)
    corpus.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
