"""Benchmark of ``reader.text.entities`` against jieba.posseg: accuracy and whole-process throughput.

Run: ``/work/venv/bin/python bench/bench_ner.py [--pd PATH] [--quick]``.  It prints

(a) People's Daily 1998 test set (``/work/shared/data/ner/people-daily/example.test``, BIO, one
    character a line): exact-span micro P/R/F1 over PER/LOC/ORG and per type, for our recogniser
    and for ``jieba.posseg`` with the HMM on (nr→PER, ns→LOC, nt→ORG), side by side;
(b) P/R/F1 on the hand-labelled seed gold set ``tests/data/ner_seed_gold.jsonl``;
(c) throughput: chars/s of the whole ``python -m reader ner --jsonl`` process (import, dictionary
    load, recognition; or an equivalent ``python -c`` when the CLI has no ``ner`` command) versus
    a ``jieba.posseg`` process (HMM on) over the same JSONL input, and their ratio.

The shared data are read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PD_TEST = Path("/work/shared/data/ner/people-daily/example.test")
SEED_GOLD = ROOT / "tests" / "data" / "ner_seed_gold.jsonl"
TYPES = ("PER", "LOC", "ORG")
Span = tuple[int, int, int, str]  # (sentence id, start, end, type)


def read_bio(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return ``(text, [(start, end, type)])`` per sentence of a char-per-line BIO file."""
    out: list[tuple[str, list[tuple[int, int, str]]]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not chars:
            return
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tags):
            if tags[i].startswith("B-"):
                etype = tags[i][2:]
                j = i + 1
                while j < len(tags) and tags[j] == f"I-{etype}":
                    j += 1
                spans.append((i, j, etype))
                i = j
            else:
                i += 1
        out.append(("".join(chars), spans))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            flush()
            continue
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return out


def prf(gold: set[Span], pred: set[Span], etype: str | None = None) -> tuple[float, float, float]:
    """Exact-span precision, recall and F1, optionally for one type."""
    if etype is not None:
        gold = {g for g in gold if g[3] == etype}
        pred = {p for p in pred if p[3] == etype}
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ours(texts: Iterable[str]) -> list[list[tuple[int, int, str]]]:
    """Spans of our recogniser, PER/LOC/ORG only."""
    from reader.text.entities import default_recognizer

    rec = default_recognizer()
    return [[(e.start, e.end, e.type) for e in ents if e.type in TYPES]
            for ents in rec.recognize_many(texts)]


def jieba_spans(texts: Iterable[str]) -> list[list[tuple[int, int, str]]]:
    """Spans of jieba.posseg with the HMM on: nr→PER, ns→LOC, nt→ORG."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    mapping = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
    out = []
    for text in texts:
        spans = []
        pos = 0
        for pair in pseg.cut(text, HMM=True):
            end = pos + len(pair.word)
            if pair.flag in mapping:
                spans.append((pos, end, mapping[pair.flag]))
            pos = end
        out.append(spans)
    return out


def as_set(spans: list[list[tuple[int, int, str]]]) -> set[Span]:
    return {(i, s, e, t) for i, sent in enumerate(spans) for s, e, t in sent}


def table(rows: list[tuple[str, set[Span], set[Span]]]) -> None:
    """Print P/R/F1 rows: (name, gold, predicted)."""
    print(f"  {'system':<22}{'type':<6}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for name, gold, pred in rows:
        for etype in (None, *TYPES):
            p, r, f = prf(gold, pred, etype)
            ng = len([g for g in gold if etype is None or g[3] == etype])
            npred = len([x for x in pred if etype is None or x[3] == etype])
            print(f"  {name:<22}{etype or 'all':<6}{p:7.3f}{r:7.3f}{f:7.3f}{ng:7d}{npred:7d}")


def read_gold(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return ``(text, spans)`` of a gold JSONL file (entities as [start, end, type])."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append((row["text"], [tuple(e) for e in row["entities"]]))
    return out


OURS_SCRIPT = r"""
import json, sys
from reader.text.entities import default_recognizer
rec = default_recognizer()
out = []
for line in sys.stdin:
    if line.strip():
        row = json.loads(line)
        ents = [{"start": e.start, "end": e.end, "type": e.type, "text": e.text}
                for e in rec.recognize(row["text"])]
        out.append(json.dumps({"id": row["id"], "entities": ents}, ensure_ascii=False))
sys.stdout.write("\n".join(out) + "\n")
"""

JIEBA_SCRIPT = r"""
import json, logging, sys
import jieba, jieba.posseg as pseg
jieba.setLogLevel(logging.WARNING)
out = []
for line in sys.stdin:
    if line.strip():
        row = json.loads(line)
        ents, pos = [], 0
        for pair in pseg.cut(row["text"], HMM=True):
            end = pos + len(pair.word)
            if pair.flag in ("nr", "ns", "nt"):
                ents.append({"start": pos, "end": end, "type": pair.flag, "text": pair.word})
            pos = end
        out.append(json.dumps({"id": row["id"], "entities": ents}, ensure_ascii=False))
sys.stdout.write("\n".join(out) + "\n")
"""


def _cli_has_ner() -> bool:
    main = ROOT / "reader" / "__main__.py"
    if not main.exists():
        return False
    probe = subprocess.run(
        [sys.executable, "-m", "reader", "ner", "--help"], cwd=ROOT, capture_output=True,
        text=True, timeout=60,
    )
    return probe.returncode == 0 and "--jsonl" in probe.stdout


def _timed(cmd: list[str], data: bytes, repeat: int) -> float:
    best = float("inf")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, input=data, cwd=ROOT, capture_output=True, env=env)
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"{cmd[:3]} failed: {proc.stderr.decode()[-2000:]}")
        best = min(best, elapsed)
    return best


def throughput(texts: list[str], repeat: int) -> None:
    """Time whole processes over the same JSONL input and print chars/s and the ratio."""
    data = "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
    ).encode("utf-8")
    nchars = sum(len(t) for t in texts)
    if _cli_has_ner():
        ours_cmd = [sys.executable, "-m", "reader", "ner", "--jsonl"]
        label = "python -m reader ner --jsonl"
    else:
        ours_cmd = [sys.executable, "-c", OURS_SCRIPT]
        label = "python -c (reader.text.entities, JSONL)"
    _timed(ours_cmd, b"".join(data.splitlines(keepends=True)[:20]), 1)  # build the lexicon cache
    t_ours = _timed(ours_cmd, data, repeat)
    t_jieba = _timed([sys.executable, "-c", JIEBA_SCRIPT], data, repeat)
    print(f"  input: {len(texts)} texts, {nchars} chars (best of {repeat} runs each)")
    print(f"  {label:<40}{t_ours:8.2f} s {nchars / t_ours:12,.0f} chars/s")
    print(f"  {'jieba.posseg process (HMM on)':<40}{t_jieba:8.2f} s {nchars / t_jieba:12,.0f} chars/s")
    print(f"  ratio (ours / jieba): {t_jieba / t_ours:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pd", type=Path, default=PD_TEST, help="BIO test file")
    parser.add_argument("--gold", type=Path, default=SEED_GOLD, help="seed gold JSONL")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument("--skip-jieba", action="store_true", help="accuracy of ours only")
    args = parser.parse_args()

    sents = read_bio(args.pd)
    texts = [t for t, _ in sents]
    gold = as_set([s for _, s in sents])
    print(f"(a) People's Daily 1998 test: {args.pd} ({len(sents)} sentences, "
          f"{sum(map(len, texts))} chars), exact spans")
    rows = [("ours (reader.text.entities)", gold, as_set(ours(texts)))]
    if not args.skip_jieba:
        rows.append(("jieba.posseg HMM on", gold, as_set(jieba_spans(texts))))
    table(rows)

    if args.gold.exists():
        seed = read_gold(args.gold)
        sg = as_set([s for _, s in seed])
        print(f"\n(b) Seed gold {args.gold.relative_to(ROOT)} ({len(seed)} paragraphs, "
              f"{len(sg)} entities)")
        seed_rows = [("ours (reader.text.entities)", sg, as_set(ours([t for t, _ in seed])))]
        if not args.skip_jieba:
            seed_rows.append(("jieba.posseg HMM on", sg, as_set(jieba_spans([t for t, _ in seed]))))
        table(seed_rows)
    else:
        print(f"\n(b) seed gold set missing: {args.gold}")

    if not args.skip_jieba:
        seeds_text = [p for f in sorted((ROOT / "seeds").glob("*.txt"))
                      for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        print("\n(c) Throughput, whole process, PD test sentences + seed paragraphs as JSONL")
        throughput(texts + seeds_text, args.repeat)


if __name__ == "__main__":
    main()
