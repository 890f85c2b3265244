"""Re-anchoring report on an edited seed page.

Copies a seed page into a temporary folder, ingests it, annotates passages through the Corpus
facade, edits the page file (text inserted before a passage, an edit inside one, a deleted
passage, a quote duplicated elsewhere), ingests it again, runs the explicit corpus-wide
re-anchoring too, and prints where every annotation went.

    /work/venv/bin/python bench/reanchor_report.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_2faa8fd91fc3cf26.txt"
TITLE = "利剑高悬显锋芒"

# (label, quote to annotate, nth occurrence, edit to the page: (old, new) or None)
CASES: list[tuple[str, str, int, tuple[str, str] | None]] = [
    ("insert before", "用常态化巡察护航人民群众的幸福指数", 1,
     ("今年以来，娄底市娄星区充分发挥", "据悉，今年以来，娄底市娄星区在全区范围内充分发挥")),
    ("edit inside", "直面问题、直面当事人，针对重点、难点工作", 1,
     ("直面问题、直面当事人，针对重点", "直面问题、直接面对当事人，针对重点")),
    ("deleted", "精准对接、精准巡察、精准研判、精准问责，这是娄星区专项巡察工作的根本要求。", 1,
     ("精准对接、精准巡察、精准研判、精准问责，这是娄星区专项巡察工作的根本要求。", "")),
    ("duplicated elsewhere", "市场管理人员防疫意识明显增强", 1,
     ("“街道工作人员都接种新冠疫苗了吗？”", "据悉，市场管理人员防疫意识明显增强，群众纷纷点赞。“街道工作人员都接种新冠疫苗了吗？”")),
    ("untouched", "刘思聪说。", 1, None),
]


def run(workdir: Path) -> list[dict[str, object]]:
    from reader.corpus import Corpus

    pages = workdir / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    page = pages / SEED.name
    shutil.copyfile(SEED, page)
    corpus = Corpus(workdir / "corpus.sqlite3")
    corpus.ingest([pages])
    article = next(a for a in corpus.articles() if a.display_title == TITLE)
    made = []
    for label, quote, nth, _ in CASES:
        ann = corpus.annotate_quote(article.id, quote, nth, tags=[label], note=f"case: {label}")
        made.append((label, ann))
    raw = page.read_text(encoding="utf-8")
    for _, _, _, edit in CASES:
        if edit is not None:
            assert raw.count(edit[0]) == 1, edit[0]
            raw = raw.replace(edit[0], edit[1])
    page.write_text(raw, encoding="utf-8")
    ingest_report = corpus.ingest([pages])
    explicit = corpus.reanchor_corpus()
    by_id = {o.annotation_id: o for o in explicit.outcomes}
    rows: list[dict[str, object]] = []
    for label, before in made:
        after = corpus.annotation(before.id)
        text = corpus.article(after.article_id).text
        rows.append({
            "case": label, "id": before.id, "quote": before.quote,
            "before": (before.article_id, before.start, before.end),
            "after": (after.article_id, after.start, after.end), "status": after.status,
            "now_covers": text[after.start:after.end] if after.status == "anchored" else "",
            "copies": [i for i in range(len(text)) if text.startswith(before.quote, i)],
            "explicit_pass": by_id[before.id].status if before.id in by_id else "-",
            "tags": list(after.tags), "note": after.note,
        })
    rows.append({"ingest": ingest_report.to_json(), "explicit": {
        k: v for k, v in explicit.to_json().items() if k != "outcomes"}})
    corpus.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="reanchor-"))
    rows = run(workdir)
    summary = rows.pop()
    for r in rows:
        print(f"[{r['case']}] #{r['id']} «{r['quote']}»")
        print(f"    before: article {r['before'][0]} {r['before'][1]}-{r['before'][2]}")
        if r["status"] == "anchored":
            print(f"    after:  article {r['after'][0]} {r['after'][1]}-{r['after'][2]} anchored, "
                  f"now covers «{r['now_covers']}»")
        else:
            print(f"    after:  ORPHAN (kept with tags {r['tags']} and note {r['note']!r}; "
                  f"re-attach it from the panel)")
        if len(r["copies"]) > 1:
            print(f"    the edited text has the quote at {r['copies']}; it kept its own copy by context")
        print(f"    explicit `reanchor` pass afterwards: {r['explicit_pass']}")
    ing = summary["ingest"]
    print(f"ingest: updated {ing['updated']}, re-anchored {ing['reanchored']}, orphaned {ing['orphaned']}")
    print(f"explicit pass: {summary['explicit']}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
