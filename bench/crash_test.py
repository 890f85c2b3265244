"""Crash test: SIGKILL writers at random moments and check that no acknowledged write is lost.

Each trial starts two writer processes on one corpus (the seeds, ingested once): one annotates,
the other re-ingests a changed page, imports W3C annotation files and merges other coders'
corpora (the team work's ``merge``).  A writer prints ``B op n`` before an operation and ``A op n payload``
once it returned (the write is acknowledged).  After a random delay both are killed with
SIGKILL; the corpus is then opened the way the app opens it and checked: ``integrity_check`` and
``foreign_key_check`` clean, every acknowledged annotation present with its note, every
acknowledged import's annotations present, and each re-ingested page holding the last
acknowledged version (or a later attempted one).  Trials accumulate on the same corpus, so
every check covers all earlier trials too.

    python bench/crash_test.py [TRIALS] [--seed N] [--keep DIR] [--max-wait SECONDS]

prints one line per trial and a summary (trials, kills, acknowledged writes, lost, failures).
``tests/reader/test_crash.py`` runs a few trials of the same harness.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

CHILD = r'''
import json, random, sys
config = json.loads(sys.argv[1])
rng = random.Random(config["seed"])
from reader.corpus import Corpus
corpus = Corpus(config["db"])
articles = [a.id for a in corpus.articles()]
if "ingest" in config["ops"]:
    from reader.text.pages import parse_page
    for art in parse_page(config["page_text"], "warm-up.txt"):  # load parser and recogniser first
        corpus.recognize(art.title or "")
print("R", flush=True)
n = 0
while True:
    n += 1
    op = rng.choice(config["ops"])
    print("B", op, n, flush=True)
    if op == "annotate":
        aid = rng.choice(articles)
        length = len(corpus.article(aid).text)
        start = rng.randrange(0, max(1, length - 6))
        ann = corpus.annotate(aid, start, start + rng.randint(1, 5), tags=[rng.choice(["甲", "乙", "丙"])],
                              note=f"{config['name']}-{n}")
        print("A", op, n, ann.id, flush=True)
    elif op == "ingest":
        page = config["page"]
        text = config["page_text"] + f"\n附：第{config['name']}-{n}次更新。\n"
        with open(page, "w", encoding="utf-8") as fh:
            fh.write(text)
        import hashlib
        corpus.ingest([page])
        print("A", op, n, hashlib.sha256(text.encode()).hexdigest(), flush=True)
    elif op == "import" and config["imports"]:
        from reader.exchange.importing import import_file
        path = config["imports"][n % len(config["imports"])]
        report = import_file(path, "w3c", "crash")
        print("A", op, n, json.dumps(path), flush=True)
    elif op == "merge" and config["merges"]:
        from reader.coding.merge import before_merge, merge_file
        path = config["merges"][n % len(config["merges"])]
        before_merge(corpus)  # as the merge command does: a backup first
        merge_file(path, "crash")
        print("A", op, n, json.dumps(path), flush=True)
'''


@dataclass
class Summary:
    trials: int = 0
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    failures: list[str] = field(default_factory=list)
    ops: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        ops = ", ".join(f"{k} {v}" for k, v in sorted(self.ops.items()))
        return (f"trials {self.trials}, kills {self.kills}, acknowledged writes {self.acknowledged} ({ops}), "
                f"lost {self.lost}, failed trials {len(self.failures)}")


MERGE_OPS: list[str] = ["merge"]  # the team work's merge of another coder's corpus


def merge_available() -> bool:
    """The merge command of the team work, once it exists (then the writers merge too)."""
    from reader.cli.main import build_parser

    return "merge" in build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]


def prepare(work: Path, imports: int = 12, template: Path | None = None) -> dict[str, object]:
    """The corpus (seeds ingested, or a copy of ``template``) and the W3C files the writers import."""
    from reader.corpus import Corpus
    from reader.exchange.exporting import export

    db = work / "corpus.sqlite3"
    if template is not None:
        shutil.copyfile(template, db)
    else:
        corpus = Corpus(db)
        corpus.ingest([SEEDS])
        corpus.close()
    scratch_path = work / "scratch.sqlite3"
    shutil.copyfile(db, scratch_path)
    scratch = Corpus(scratch_path)
    ids = [a.id for a in scratch.articles()]
    files = []
    for k in range(imports):
        made = [scratch.annotate(ids[(k * 3 + j) % len(ids)], j * 7, j * 7 + 4, tags=["导入"], note=f"imp-{k}-{j}")
                for j in range(3)]
        path = work / f"import-{k}.jsonld"
        export(scratch, "w3c", str(path))
        for ann in made:
            scratch.delete_annotation(ann.id)
        files.append(str(path))
    scratch.close()
    merges = []
    for k in range(max(1, imports // 2)):  # other coders' copies to merge, each with its own notes
        path = work / f"coder-{k}.sqlite3"
        shutil.copyfile(db, path)
        other = Corpus(path, coder=f"coder{k}")
        for j in range(3):
            other.annotate(ids[(k * 5 + j) % len(ids)], 10 + j * 6, 14 + j * 6, tags=["合并"], note=f"mrg-{k}-{j}")
        other.close()
        merges.append(str(path))
    page = sorted(SEEDS.glob("*.txt"))[1]
    target = work / "pages" / page.name
    target.parent.mkdir()
    shutil.copyfile(page, target)
    return {"db": str(db), "imports": files, "merges": merges, "page": str(target),
            "page_text": page.read_text(encoding="utf-8")}


def _notes_of_import(path: str) -> set[str]:
    """The notes of the annotations in ``import-K.jsonld`` or ``coder-K.sqlite3`` (see :func:`prepare`)."""
    k = Path(path).stem.split("-")[1]
    prefix = "mrg" if Path(path).stem.startswith("coder-") else "imp"
    return {f"{prefix}-{k}-{j}" for j in range(3)}


class Ledger:
    """What the writers acknowledged (and attempted) over all trials."""

    def __init__(self) -> None:
        self.annotations: dict[int, str] = {}
        self.imports: set[str] = set()
        self.page_versions: list[tuple[str, str]] = []  # ("A", sha) acknowledged / ("B", "") attempted

    def read(self, name: str, lines: list[str], summary: Summary) -> None:
        for line in lines:
            parts = line.split(" ", 3)
            if len(parts) < 3 or parts[0] not in ("A", "B"):
                continue
            kind, op, n = parts[0], parts[1], parts[2]
            if kind == "B" and op == "ingest":
                self.page_versions.append(("B", ""))
            if kind != "A" or len(parts) < 4:  # a line the kill cut short acknowledges nothing
                continue
            summary.acknowledged += 1
            summary.ops[op] = summary.ops.get(op, 0) + 1
            if op == "annotate":
                self.annotations[int(parts[3])] = f"{name}-{n}"
            elif op in ("import", "merge"):
                self.imports.add(json.loads(parts[3]))
            elif op == "ingest":
                self.page_versions.append(("A", parts[3]))

    def check(self, config: dict[str, object]) -> tuple[int, list[str]]:
        """(acknowledged writes missing, problems) of the corpus as it is now."""
        from reader.corpus import Corpus

        problems: list[str] = []
        corpus = Corpus(str(config["db"]))  # opened as the app opens it (recovery, checks)
        corpus.close()
        con = sqlite3.connect(str(config["db"]))
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if con.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check failed")
        notes = dict(con.execute("SELECT id, note FROM annotation").fetchall())
        lost = sum(1 for i, note in self.annotations.items() if notes.get(i) != note)
        stored = set(notes.values())
        lost += sum(1 for path in self.imports if not _notes_of_import(path) <= stored)
        acked = [i for i, (kind, _) in enumerate(self.page_versions) if kind == "A"]
        if acked:
            page = Path(str(config["page"]))  # a page is known by its path (a seed has its name)
            sha = (con.execute("SELECT sha256 FROM source_file WHERE path IN (?, ?)",
                               (str(page), str(page.resolve()))).fetchone()
                   or con.execute("SELECT sha256 FROM source_file WHERE name = ?", (page.name,)).fetchone())
            if sha is not None and isinstance(sha[0], bytes):  # 32 bytes since step _binary_page_hashes
                sha = (sha[0].hex(),)
            last = acked[-1]
            later_attempts = any(kind == "B" for kind, _ in self.page_versions[last + 1:])
            if sha is None or (sha[0] != self.page_versions[last][1] and not later_attempts):
                lost += 1
                problems.append("re-ingested page lost its acknowledged version")
        con.close()
        if lost:
            problems.append(f"{lost} acknowledged write(s) missing")
        return lost, problems


def _writer(config: dict[str, object], name: str, ops: list[str], seed: int) -> subprocess.Popen[str]:
    child = {**config, "name": name, "ops": ops, "seed": seed}
    return subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(child)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_trials(trials: int, seed: int = 0, work: Path | None = None, max_wait: float = 2.5,
               report=print, template: Path | None = None, imports: int = 12) -> Summary:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="pizhu-crash-")) if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    try:
        config = prepare(work, imports, template)
        ledger = Ledger()
        other_ops = ["ingest", "import"] + (MERGE_OPS if merge_available() else [])
        for trial in range(trials):
            writers = {f"a{trial}": _writer(config, f"a{trial}", ["annotate"], rng.randrange(1 << 30)),
                       f"b{trial}": _writer(config, f"b{trial}", other_ops, rng.randrange(1 << 30))}
            ready = time.time()
            for proc in writers.values():
                assert proc.stdout is not None
                proc.stdout.readline()  # "R": imported and opened
            time.sleep(rng.uniform(0.0, max_wait))
            for proc in writers.values():
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    summary.kills += 1
            for name, proc in writers.items():
                out, err = proc.communicate(timeout=60)
                ledger.read(name, out.splitlines(), summary)
                if proc.returncode not in (-signal.SIGKILL,):
                    summary.failures.append(f"trial {trial}: writer {name} exited {proc.returncode}: {err[-400:]}")
            lost, problems = ledger.check(config)
            summary.trials += 1
            summary.lost += lost
            if problems:
                summary.failures.append(f"trial {trial}: " + "; ".join(problems))
            report(f"trial {trial + 1}/{trials}: {time.time() - ready:.1f} s, {summary.acknowledged} acknowledged "
                   f"so far, lost {summary.lost}" + (f"  PROBLEM: {problems}" if problems else ""))
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trials", type=int, nargs="?", default=50)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--max-wait", type=float, default=2.5, help="longest run before the kill, seconds")
    args = parser.parse_args(argv)
    os.environ.setdefault("PIZHU_AUTHOR", "crash")
    print(f"seed {args.seed}; merge: {'exercised' if MERGE_OPS and merge_available() else 'not available'}")
    summary = run_trials(args.trials, args.seed, args.keep, max_wait=args.max_wait)
    print(summary.line())
    for failure in summary.failures:
        print("  " + failure)
    return 0 if not summary.failures and not summary.lost else 1


if __name__ == "__main__":
    sys.exit(main())
