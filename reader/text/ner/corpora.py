"""Readers of the public NER corpora the model is trained and measured on, as :class:`Example`.

Contract: every reader returns ``Example(text, spans)`` with code-point spans ``(start, end,
type)`` (end exclusive, ``type`` one of PER/LOC/ORG), sorted and non-overlapping, one example per
sentence (or clause) of the file.  The files are read in place (``../shared/data/ner``, see its
README for their research-only terms); nothing here copies them.

- :func:`read_chars`: one character a line with a tag after a space or tab, sentences separated
  by blank lines.  Tags may be BIO (``B-PER``), BMES (``M-LOC``, ``S-ORG``) or the PD-1998 clause
  form (``B_nr``, ``E_ns``, with nr/ns/nt for PER/LOC/ORG).  ``collapse_pairs`` undoes the PD
  clause script's quirk of writing a one-character entity as two lines (``陈 B_nr`` + ``陈
  E_nr``): such a pair becomes one character.
- :func:`read_cluener`: CLUENER2020 JSON lines; ``name`` is PER, ``address`` and ``scene`` are
  LOC, ``company``, ``government`` and ``organization`` are ORG, the other types are dropped.
- :func:`read_gold`: our JSONL gold (``{"id", "text", "entities": [[start, end, type]]}``).
"""

from __future__ import annotations

import json
from itertools import compress
from pathlib import Path
from typing import NamedTuple

TYPES = ("PER", "LOC", "ORG")
_PD_TYPES = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
CLUENER_TYPES = {"name": "PER", "address": "LOC", "scene": "LOC", "company": "ORG",
                 "government": "ORG", "organization": "ORG"}

Span = tuple[int, int, str]


class Example(NamedTuple):
    """One sentence: its text and its PER/LOC/ORG spans (code points, end exclusive)."""

    text: str
    spans: list[Span]


def _split_tag(tag: str) -> tuple[str, str]:
    """``("B", "PER")`` from ``B-PER``, ``B_nr`` or ``S-PER``; ``("O", "")`` for anything else."""
    if len(tag) < 3 or tag[1] not in "-_":
        return "O", ""
    kind = _PD_TYPES.get(tag[2:], tag[2:])
    if kind not in TYPES or tag[0] not in "BIMES":
        return "O", ""
    return tag[0], kind


def decode(chars: list[str], tags: list[str], collapse_pairs: bool = False) -> Example:
    """Turn per-character tags into an :class:`Example` (see module docstring)."""
    text: list[str] = []
    spans: list[Span] = []
    open_start = -1
    open_type = ""
    i = 0
    n = len(chars)
    while i < n:
        pos, kind = _split_tag(tags[i])
        if (collapse_pairs and pos == "B" and i + 1 < n and chars[i + 1] == chars[i]
                and _split_tag(tags[i + 1]) == ("E", kind)):
            if open_start >= 0:
                spans.append((open_start, len(text), open_type))
                open_start = -1
            spans.append((len(text), len(text) + 1, kind))
            text.append(chars[i])
            i += 2
            continue
        continues = pos in "IME" and open_start >= 0 and kind == open_type
        if not continues and open_start >= 0:
            spans.append((open_start, len(text), open_type))
            open_start = -1
        if pos in "BS" or (pos in "IME" and not continues):
            open_start, open_type = len(text), kind
        text.append(chars[i])
        if pos in "ES" and open_start >= 0:
            spans.append((open_start, len(text), open_type))
            open_start = -1
        i += 1
    if open_start >= 0:
        spans.append((open_start, len(text), open_type))
    return Example("".join(text), spans)


def read_chars(path: Path, collapse_pairs: bool = False) -> list[Example]:
    """Read a one-character-a-line tagged file (see module docstring)."""
    out: list[Example] = []
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                chars.append(parts[0])
                tags.append(parts[1])
            elif len(parts) == 1 and line[:1] in " \u3000":
                chars.append(" ")  # a space character with its tag
                tags.append(parts[0])
            elif chars:
                out.append(decode(chars, tags, collapse_pairs))
                chars, tags = [], []
    if chars:
        out.append(decode(chars, tags, collapse_pairs))
    return [ex for ex in out if ex.text]


def read_cluener(path: Path) -> list[Example]:
    """Read CLUENER2020 JSON lines, mapped to PER/LOC/ORG (see module docstring)."""
    out: list[Example] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            spans: list[Span] = []
            for label, mentions in row.get("label", {}).items():
                kind = CLUENER_TYPES.get(label)
                if kind is None:
                    continue
                for positions in mentions.values():
                    for start, end_inclusive in positions:
                        spans.append((start, end_inclusive + 1, kind))
            out.append(Example(text, _flat(spans)))
    return out


def read_gold(path: Path) -> list[Example]:
    """Read our JSONL gold files (``tests/data/ner_*.jsonl``)."""
    out: list[Example] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Example(row["text"], [(s, e, t) for s, e, t in row["entities"]]))
    return out


def _flat(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping spans: the longer of two overlapping spans is kept."""
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= t[0] or t[1] <= span[0] for t in taken):
            taken.append(span)
    return sorted(taken)


def to_bio(example: Example) -> list[str]:
    """Per-character BIO labels of ``example`` (``B-PER``, ``I-PER``, ``O`` …)."""
    labels = ["O"] * len(example.text)
    for start, end, kind in example.spans:
        labels[start] = "B-" + kind
        for k in range(start + 1, end):
            labels[k] = "I-" + kind
    return labels


def to_bioes(example: Example) -> list[str]:
    """Per-character BIOES labels of ``example``: ``S-`` a one-character entity, ``E-`` the last
    character of a longer one (the shipped model's scheme: it tells the tagger where a name
    stops, which BIO leaves to the next label)."""
    labels = to_bio(example)
    for start, end, kind in example.spans:
        if end - start == 1:
            labels[start] = "S-" + kind
        else:
            labels[end - 1] = "E-" + kind
    return labels


def from_bio(labels: list[str]) -> list[Span]:
    """Spans of a BIO or BIOES label sequence (an ``I-``/``E-`` without its ``B-`` starts a
    span; ``E-`` and ``S-`` end one)."""
    spans: list[Span] = []
    start = -1
    kind = ""
    last = -2
    for i in compress(range(len(labels)), map("O".__ne__, labels)):  # most labels are O
        label = labels[i]
        head = label[0]
        if head in "IE" and start >= 0 and last == i - 1 and label[2:] == kind:
            last = i
        else:
            if start >= 0:
                spans.append((start, last + 1, kind))
            start, kind, last = i, label[2:], i
        if head in "ES":
            spans.append((start, i + 1, kind))
            start = -1
    if start >= 0:
        spans.append((start, last + 1, kind))
    return spans


#: The shipped model's training corpora, and whether their examples get private attribute copies
#: (:func:`reader.text.ner.model.train`'s ``augment``).
SHIPPED_CORPORA: tuple[str, ...] = ("msra", "pd", "clue")
SHIPPED_AUGMENT = True


def training_set(data: Path, fraction: float = 1.0, seed: int = 7,
                 corpora: tuple[str, ...] = SHIPPED_CORPORA) -> list[tuple[Example, str]]:
    """The shipped model's training examples with their groups, shuffled: the MSRA train split
    (group ``""``), the PD-1998 clauses train (``"pd"``, one-character pairs collapsed) and
    CLUENER train (``"clue"``) under ``data`` (``../shared/data/ner``); ``fraction`` samples
    each corpus (a bounded retrain uses a part).  Raises FileNotFoundError naming what is missing."""
    import random

    readers = {
        "msra": lambda: (read_chars(data / "msra-train" / "msra_train_bmes.txt"), ""),
        "pd": lambda: (read_chars(data / "people-daily-1998-clauses" / "train", collapse_pairs=True), "pd"),
        "clue": lambda: (read_cluener(data / "cluener" / "train.json"), "clue"),
    }
    parts = [readers[name]() for name in corpora]
    rng = random.Random(seed)
    out: list[tuple[Example, str]] = []
    for examples, group in parts:
        if fraction < 1.0:
            examples = rng.sample(examples, int(len(examples) * fraction))
        out += [(ex, group) for ex in examples]
    rng.shuffle(out)
    return out


#: Our in-domain news gold the shipped model trains on (``tests/data`` of a checkout): the dev sets
#: only.  Never the seed gold and never a test set (``ner_news_test*.jsonl``): those stay held out.
DEV_GOLD: tuple[str, ...] = (
    "ner_news_dev.jsonl", "ner_news_dev2.jsonl", "ner_news_dev3.jsonl", "ner_news_dev4.jsonl",
    "ner_news_dev5.jsonl", "ner_news_dev6.jsonl", "ner_news_dev7.jsonl", "ner_news_dev8.jsonl")
#: Times each dev-gold paragraph is given to the shipped model's training (see data/build_ner_model.py).
GOLD_WEIGHT = 5
#: Where a checkout keeps the gold sets (an installed copy without them trains without them).
GOLD_FOLDER = Path(__file__).resolve().parents[3] / "tests" / "data"


def dev_gold(folder: Path = GOLD_FOLDER) -> list[list[Example]]:
    """The dev gold sets found in ``folder`` (those missing are left out), as :func:`read_gold`."""
    return [read_gold(folder / name) for name in DEV_GOLD if (folder / name).is_file()]


def gold_training(sets: list[list[Example]], weight: int = 1) -> list[tuple[Example, str]]:
    """Training items from our own gold sets (:func:`read_gold`), ungrouped (group ``""``: the
    shared weights, the ones recognition uses, learn our labelling conventions from them), each
    paragraph given ``weight`` times: a few hundred in-domain paragraphs against ninety thousand
    public sentences.  Paragraphs without an entity are kept (they teach where nothing is)."""
    out = [(ex, "") for examples in sets for ex in examples if ex.text.strip()]
    return out * max(1, weight)
