"""The recogniser's spans over a fixed sample, saved or compared: the check that a speed change
leaves the output as it was.

Run: ``.venv/bin/python bench/ner_spans.py save FILE`` before a change and
``.venv/bin/python bench/ner_spans.py compare FILE`` after it (exit 1 and the first differences
when any span differs).  The sample: every paragraph of the seeds (``seeds/*.txt``), every text of
the gold sets ``tests/data/ner_*.jsonl``, and ``--articles`` real People's Daily articles
(``../shared/corpora/rmrb-2019-2020``, every k-th file of the sorted list, CRLF read as LF).
Each text is recognised by the recogniser as the ``ner`` command runs it (model, rules and the
document pass) and, with ``--rules``, by the rule layers alone too; a span is
``(start, end, type, source, canonical)``.

``--segmenter python|compiled`` fixes which segmenter runs (the process switches from the Python
route to rjieba after :data:`reader.text.ner.segment.COMPILED_AFTER` characters, so the output of
a long run would otherwise depend on the order of the texts); by default it is the Python route
throughout, as a short ``ner`` run has it.  Not a timing test: it prints the CPU seconds only as
a hint.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = ROOT.parent / "shared" / "corpora" / "rmrb-2019-2020" / "articles"


def sample(articles: int) -> list[tuple[str, str]]:
    """``(name, text)`` of every text of the sample, in a fixed order."""
    from reader.text.ner.corpora import read_gold

    out: list[tuple[str, str]] = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for k, para in enumerate(f.read_text(encoding="utf-8").split("\n\n")):
            if para.strip():
                out.append((f"seed/{f.stem}/{k}", para))
    for f in sorted((ROOT / "tests" / "data").glob("ner_*.jsonl")):
        for k, ex in enumerate(read_gold(f)):
            out.append((f"{f.stem}/{k}", ex.text))
    if articles and ARTICLES.is_dir():
        files = sorted(ARTICLES.glob("*/*.txt"))
        step = max(1, len(files) // articles)
        for f in files[::step][:articles]:
            text = f.read_bytes().decode("utf-8").replace("\r\n", "\n")
            out.append((f"rmrb/{f.name}", text))
    elif articles:
        print(f"(missing: {ARTICLES})", file=sys.stderr)
    return out


def spans(texts: list[tuple[str, str]], rules: bool, segmenter: str) -> dict[str, list[list[object]]]:
    from reader.text.entities import Recognizer
    from reader.text.ner import segment

    if segmenter == "python":
        segment.COMPILED_AFTER = 1 << 62
    else:
        segment.COMPILED_AFTER = 0
    out: dict[str, list[list[object]]] = {}
    systems = [("ours", Recognizer())] + ([("rules", Recognizer(model=False))] if rules else [])
    for sys_name, rec in systems:
        for name, text in texts:
            out[f"{sys_name}:{name}"] = [[e.start, e.end, e.type, e.source, e.canonical]
                                         for e in rec.recognize(text)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--articles", type=int, default=300, help="real articles in the sample")
    parser.add_argument("--rules", action="store_true", help="the rule layers alone too")
    parser.add_argument("--segmenter", choices=("python", "compiled"), default="python")
    args = parser.parse_args()
    texts = sample(args.articles)
    t0 = time.process_time()
    got = spans(texts, args.rules, args.segmenter)
    seconds = time.process_time() - t0
    nchars = sum(len(t) for _, t in texts)
    nspans = sum(map(len, got.values()))
    print(f"{len(texts)} texts, {nchars} chars, {nspans} spans, {seconds:.2f} s CPU")
    if args.action == "save":
        args.file.write_text(json.dumps(got, ensure_ascii=False, indent=0), encoding="utf-8")
        return
    try:
        want = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{args.file}: cannot read the saved spans ({exc})") from exc
    if set(got) - set(want):  # a file saved with --rules serves a comparison without it
        raise SystemExit(f"{args.file}: another sample ({len(set(got) - set(want))} texts not in it)")
    bad = [k for k in got if want[k] != got[k]]
    if not bad:
        print("identical")
        return
    for k in bad[:10]:
        w = {tuple(x) for x in want[k]}
        g = {tuple(x) for x in got[k]}
        print(f"{k}: lost {sorted(w - g)[:5]} gained {sorted(g - w)[:5]}")
    raise SystemExit(f"{len(bad)} of {len(got)} texts differ")


if __name__ == "__main__":
    main()
