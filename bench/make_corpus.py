"""Build realistic 1,000 / 10,000 / 100,000-article corpora from the real People's Daily articles.

    python bench/make_corpus.py --articles 10000 [--cache /work/cache/pizhu] [--jobs 2]

Source: ``../shared/corpora/rmrb-2019-2020`` (9,652 real article files, read in place).  Each
corpus is a crawler-style folder ``<paper>/<YYYY>/<YYYYMMDD>/<YYYYMMDD>-PP-NN.txt`` (one article
per file, UTF-8 with CRLF like the source) plus a database built from it:

- variant 0 of an article is the real file, dated as printed, in 人民日报;
- variant ``v`` >= 1 is the same article moved ``v`` years back and into another paper
  (湖南日报, 长沙晚报, 湘声报, ...), with its digits rotated by ``v`` (dates, figures and counts
  differ), its body paragraphs rotated and one paragraph of another article appended, so that
  100,000 distinct-enough articles exist; the same file names recur in every paper's folder,
  which exercises page identity by relative path;
- entity corrections (user entries and a rejection) are stored first, through
  :mod:`reader.coding.corrections`, so ingest applies them;
- the folder is ingested through the real path, ``Corpus.ingest(..., jobs=N)`` (parse and
  recognition in a process pool, one writer), and its time is printed; above 20,000 articles
  (``--memo``) the same ``reader.ingest.ingest`` runs with the real recogniser memoised per
  distinct line (:class:`LineMemo`), since recognising 185 M characters would take hours;
- ``--annotations`` passages (default: one per article) are annotated with ``Corpus.annotate``
  over a real two-level codebook: each tag has cue words and annotates a sentence that contains
  one, with a note on every fifth; 5 % of the articles are marked read, 1 % starred.

The corpus goes to ``CACHE/corpus-<N>/`` (``pages/`` and ``corpus.sqlite3``), outside the repo;
an existing database is reused unless ``--rebuild``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCE = ROOT / ".." / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
DEFAULT_CACHE = Path(os.environ.get("PIZHU_CACHE", "/work/cache/pizhu"))
PAPERS = ("人民日报", "湖南日报", "长沙晚报", "湘声报", "娄底日报", "怀化日报", "邵阳日报", "常德日报",
          "岳阳日报", "衡阳日报", "株洲日报", "益阳日报")

# A two-level codebook for regional government news; each leaf has cue words.
CODEBOOK: dict[str, dict[str, tuple[str, ...]]] = {
    "治理": {"反腐倡廉": ("纪委", "腐败", "巡视", "巡察", "廉"), "基层治理": ("基层", "社区", "村民", "网格"),
             "法治建设": ("法治", "法律", "依法", "司法")},
    "经济": {"增长与投资": ("增长", "投资", "GDP", "亿元"), "产业与企业": ("产业", "企业", "制造", "园区"),
             "对外开放": ("开放", "贸易", "进出口", "合作")},
    "民生": {"教育": ("教育", "学校", "学生", "教师"), "医疗卫生": ("医疗", "医院", "疫情", "卫生"),
             "就业与收入": ("就业", "收入", "工资", "岗位"), "扶贫": ("扶贫", "脱贫", "贫困")},
    "环境": {"生态保护": ("生态", "环境", "污染", "绿色"), "能源": ("能源", "电力", "煤", "新能源")},
    "文化": {"文化事业": ("文化", "文艺", "博物馆", "非遗"), "媒体与宣传": ("宣传", "媒体", "新闻")},
    "国际": {"外交": ("外交", "会谈", "访问", "大使"), "全球议题": ("全球", "国际", "世界")},
    "人物": {"领导人": ("习近平", "总书记", "主席", "总理"), "普通群众": ("群众", "老百姓", "居民")},
}
CORRECTIONS = (("add", "中央纪委国家监委", "ORG"), ("add", "粤港澳大湾区", "LOC"), ("add", "长株潭", "LOC"),
               ("reject", "人民日报", "PER"))


def real_articles() -> list[tuple[dt.date, int, int, str]]:
    """(date, page, number, text) of every real article file, in file order."""
    out = []
    for path in sorted(SOURCE.glob("*/*.txt")):
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{2})\.txt", path.name)
        if not m:
            continue
        y, mo, d, page, num = (int(g) for g in m.groups())
        out.append((dt.date(y, mo, d), page, num, path.read_bytes().decode("utf-8")))
    return out


def _rotate_digits(text: str, v: int) -> str:
    return text.translate({ord(c): ord(str((int(c) + v) % 10)) for c in "0123456789"})


def variant(text: str, v: int, donor: str) -> str:
    """Variant ``v`` of an article file's text (see the module docstring); 0 is the original."""
    if v == 0:
        return text
    lines = text.split("\r\n")
    try:
        blank = lines.index("", 1)
    except ValueError:
        blank = 1
    head, body = lines[:blank], [ln for ln in lines[blank:] if ln.strip()]
    if len(body) > 2:
        k = 1 + v % (len(body) - 1)
        body = body[:1] + body[k:] + body[1:k]
    extra = [ln for ln in donor.split("\r\n") if ln.startswith("\u3000\u3000") and len(ln) > 40]
    if extra:
        body.append(extra[v % len(extra)])
    return _rotate_digits("\r\n".join(head + [""] + body) + "\r\n", v)


def write_pages(target: Path, n: int) -> tuple[int, int]:
    """Write ``n`` article files under ``target``; returns (files, characters)."""
    arts = real_articles()
    rng = random.Random(13)
    order = list(range(len(arts)))
    rng.shuffle(order)
    files = chars = 0
    v = 0
    while files < n:
        for i in order:
            if files >= n:
                break
            day, page, num, text = arts[i]
            if v and day.month == 2 and day.day == 29:
                continue
            when = day.replace(year=day.year - v)
            paper = PAPERS[v % len(PAPERS)]
            body = variant(text, v, arts[order[(i * 7 + v) % len(order)]][3])
            stamp = when.strftime("%Y%m%d")
            path = target / paper / f"{when.year}" / stamp / f"{stamp}-{page:02d}-{num:02d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body.encode("utf-8"))
            files += 1
            chars += len(body.replace("\r\n", "\n"))
        v += 1
    return files, chars


def annotate(corpus: "object", count: int, seed: int = 7) -> float:
    """``count`` annotations through ``Corpus.annotate`` (see the module docstring); seconds."""
    from reader.store.models import Article, database

    started = time.perf_counter()
    rng = random.Random(seed)
    for parent, leaves in CODEBOOK.items():
        for leaf in leaves:
            corpus.ensure_tag(leaf, parent=parent)  # type: ignore[attr-defined]
    cues = [(leaf, cue) for leaves in CODEBOOK.values() for leaf, words in leaves.items() for cue in words]
    ids = [i for (i,) in Article.select(Article.id).order_by(Article.id).tuples()]
    made = 0
    batch: list[int] = []
    for round_ in range(1 + count // max(1, len(ids))):
        for article_id in ids:
            if made >= count:
                break
            batch.append(article_id)
            if len(batch) == 500 or made + len(batch) >= count:
                with database.atomic():
                    texts = dict(Article.select(Article.id, Article.text).where(Article.id.in_(batch)).tuples())
                    for aid in batch:
                        made += _annotate_one(corpus, aid, texts[aid], cues, rng, made)
                batch = []
        if made >= count:
            break
    with database.atomic():
        for k, article_id in enumerate(ids):
            if k % 20 == 3:
                corpus.set_article_state(article_id, "starred" if k % 100 == 3 else "read")  # type: ignore[attr-defined]
    return time.perf_counter() - started


def _annotate_one(corpus: "object", article_id: int, text: str, cues: list[tuple[str, str]],
                  rng: random.Random, made: int) -> int:
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^。！？\n]{6,120}[。！？]?", text)]
    if not sentences:
        return 0
    rng.shuffle(cues)
    for leaf, cue in cues:
        for start, end in sentences:
            if cue in text[start:end]:
                corpus.annotate(article_id, start, end, tags=[leaf],  # type: ignore[attr-defined]
                                note="示例批注" if made % 5 == 0 else "", author="bench")
                return 1
    start, end = sentences[rng.randrange(len(sentences))]
    corpus.annotate(article_id, start, end, tags=["普通群众"], author="bench")  # type: ignore[attr-defined]
    return 1


_DIGITS = re.compile(r"\d")


class _Found:
    __slots__ = ("start", "end", "type", "text", "source")

    def __init__(self, start: int, end: int, type: str, text: str, source: str) -> None:  # noqa: A002
        self.start, self.end, self.type, self.text, self.source = start, end, type, text, source


class LineMemo:
    """The real recogniser run once per distinct line (digits folded to 0), its spans re-cut
    from each line: variants of the same article share lines, so 100,000 articles cost about
    as much recognition as the 9,652 real ones.  Entities never cross a line, so the spans are
    the recogniser's; only context across lines is lost."""

    def __init__(self, adds: list[tuple[str, str]], rejects: list[tuple[str, str | None]]) -> None:
        from reader.ingest_work import make_recognizer

        self.inner = make_recognizer(adds, rejects)
        self.cache: dict[str, list[tuple[int, int, str, str]]] = {}

    def __call__(self, text: str) -> list[_Found]:
        out: list[_Found] = []
        pos = 0
        for line in text.split("\n"):
            key = _DIGITS.sub("0", line)
            spans = self.cache.get(key)
            if spans is None:
                spans = [(e.start, e.end, e.type, e.source) for e in self.inner(line)]
                self.cache[key] = spans
            out.extend(_Found(pos + s, pos + e, t, line[s:e], src) for s, e, t, src in spans)
            pos += len(line) + 1
        return out


def memo_factory(adds: list[tuple[str, str]], rejects: list[tuple[str, str | None]]) -> LineMemo:
    return LineMemo(adds, rejects)


def build(n: int, cache: Path, jobs: int | None, annotations: int | None, rebuild: bool,
          memo: bool = False) -> Path:
    from reader.coding import corrections
    from reader.corpus import Corpus
    from reader.store.models import SourceFile

    home = cache / f"corpus-{n}"
    pages, db_path = home / "pages", home / "corpus.sqlite3"
    if db_path.exists() and not rebuild:
        print(f"{n}: reusing {db_path}")
        return db_path
    if rebuild and home.exists():
        import shutil

        shutil.rmtree(home)
    t0 = time.perf_counter()
    files, chars = write_pages(pages, n)
    print(f"{n}: wrote {files} files, {chars:,} characters in {time.perf_counter() - t0:.1f} s -> {pages}")
    corpus = Corpus(db_path)
    for action, text, etype in CORRECTIONS:
        (corrections.add_entity(corpus, text, etype) if action == "add"
         else corrections.reject_entity(corpus, text, etype))
    t0 = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int, _label: str) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  ingest {done}/{total} files, {time.perf_counter() - t0:.0f} s", flush=True)

    if memo:
        from functools import partial

        from reader.ingest import ingest

        adds, rejects = corpus._corrections()
        report = ingest([pages], LineMemo(adds, rejects), progress=progress, jobs=jobs or (os.cpu_count() or 1),
                        recognizer_factory=partial(memo_factory, adds, rejects))
        from reader.store.backend import current

        current(corpus.db).compact()  # as Corpus.ingest does after an ingest into an empty corpus
    else:
        report = corpus.ingest([pages], progress=progress, jobs=jobs)
    took = time.perf_counter() - t0
    how = "line-memoised recogniser" if memo else "recogniser"
    print(f"{n}: ingested {len(report.added)} files, {report.articles} articles, {len(report.failed)} failed "
          f"in {took:.1f} s ({chars / took:,.0f} chars/s, jobs={jobs}, {how})")
    for paper in PAPERS:
        SourceFile.update(paper=paper).where(SourceFile.name.startswith(paper + "/")).execute()
    took = annotate(corpus, annotations if annotations is not None else n)
    print(f"{n}: {annotations if annotations is not None else n} annotations through Corpus.annotate in {took:.1f} s")
    corpus.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable); default 1000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--jobs", type=int, default=None, help="ingest processes (default: every core)")
    parser.add_argument("--annotations", type=int, default=None, help="default: one per article")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--memo", choices=("auto", "yes", "no"), default="auto",
                        help="recognise each distinct line once (auto: above 20,000 articles)")
    args = parser.parse_args(argv)
    if not SOURCE.is_dir():
        print(f"no source corpus at {SOURCE}", file=sys.stderr)
        return 1
    for n in args.articles or [1000]:
        memo = args.memo == "yes" or (args.memo == "auto" and n > 20000)
        print(build(n, args.cache, args.jobs, args.annotations, args.rebuild, memo))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
