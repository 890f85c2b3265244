"""Retraining the sequence model from a corpus's corrections ("Retrain from my corrections").

:func:`correction_examples` turns what the user decided into training sentences: every line of
an article that holds a corrected text (an added, changed or rejected entity; see
:mod:`reader.coding.corrections`) or a fixed occurrence (:mod:`reader.coding.occurrences`),
labelled with the article's stored PER/LOC/ORG entities, which already carry every correction.
:func:`retrain` trains a character CRF (:func:`reader.text.ner.model.train`, averaged
perceptron) on those sentences, repeated ``weight`` times, together with a random part
(``fraction``, default 10 %) of the shipped model's training data (MSRA train, PD-1998 clauses
and CLUENER with their private attribute copies, ``$PIZHU_NER_DATA`` or ``../shared/data/ner``;
our in-domain dev gold in the shipped model's proportion, where the checkout has it): the part keeps the training time bounded (about a tenth of the shipped model's) at some cost in general accuracy, measured by
``bench/bench_retrain.py``.

A file corpus's model is written beside the corpus database (``<db>.ner-model.crfsuite``) and
named in the corpus's :class:`~reader.store.models.Meta` (``ner.model``, with how it was made and
who trained it).  A server corpus's model is stored in the server database itself (the table
``ner_model``, :mod:`reader.store.server_model`) with the same ``meta`` row, so every coder of
that corpus uses it: each process keeps a copy named by the model's hash in this machine's cache.
From then on :meth:`reader.corpus.Corpus.recognizer` and ingest use it (:func:`corpus_model`),
and every article is recognised again.  :func:`revert` goes back to the shipped model (for every
coder of a server corpus).  Both are
long jobs taking ``progress(done, total, label)`` and ``cancelled()``; a cancel during training
keeps the model in use as it was, a cancel while recognising again leaves the articles not
reached stale (brought up to date at the next start).
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.changes import Change, CorpusError
from reader.ingest import Cancelled, Progress
from reader.text.ner.corpora import Example

if TYPE_CHECKING:
    from reader.corpus import Corpus

MODEL_KEY = "ner.model"
DATA_ENV = "PIZHU_NER_DATA"
DEFAULT_FRACTION = 0.1
DEFAULT_WEIGHT = 3
DEFAULT_ITERATIONS = 12
MODEL_TYPES = ("PER", "LOC", "ORG")
_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RetrainReport:
    """What :func:`retrain` did."""

    path: Path
    user_sentences: int
    shipped_sentences: int
    fraction: float
    seconds_training: float
    change: Change
    cancelled: bool = False
    stored: str = "file"  # "server": kept in the server database for every coder (path: this machine's copy)

    def to_json(self) -> dict[str, object]:
        return {"model": str(self.path), "user_sentences": self.user_sentences,
                "shipped_sentences": self.shipped_sentences, "fraction": self.fraction,
                "seconds_training": self.seconds_training, "articles": len(self.change.article_ids),
                "cancelled": self.cancelled, "stored": self.stored}


def shipped_data() -> Path:
    """Where the shipped model's training data is read (``$PIZHU_NER_DATA`` or ../shared)."""
    value = os.environ.get(DATA_ENV, "").strip()
    return Path(value) if value else _ROOT.parent / "shared" / "data" / "ner"


def model_file(corpus: Corpus) -> Path:
    """The file a retrained model of the file corpus ``corpus`` is written to (beside its
    database); a server corpus keeps its model in the database (:func:`corpus_model` gives
    this machine's copy)."""
    if corpus.on_server:
        raise CorpusError("no-model-file", "a server corpus keeps its retrained model in the server database, "
                                           "not in a file of its own")
    if str(corpus.path) in ("", ":memory:"):
        raise CorpusError("no-model-file", "a corpus in memory has no folder to keep a retrained model in")
    return Path(str(corpus.db.database)).absolute().parent / f"{Path(str(corpus.path)).name}.ner-model.crfsuite"


def model_facts(corpus: Corpus) -> dict[str, object] | None:
    """How the corpus's retrained model was made, or ``None`` when it uses the shipped one."""
    value = corpus.meta(MODEL_KEY)
    return json.loads(value) if value else None


def corpus_model(corpus: Corpus) -> bool | Path:
    """The model the corpus's recogniser uses: its retrained file (for a server corpus this
    machine's copy of the model stored on the server, fetched when it has none), or ``True``
    (the shipped one, also when the retrained model has gone missing)."""
    facts = model_facts(corpus)
    if facts is None:
        return True
    if corpus.on_server:
        from reader.store import server_model

        local = server_model.local_copy(corpus.db)
        if local is None and server_model.adopt_legacy(corpus.db, corpus.coder_name) is not None:
            local = server_model.local_copy(corpus.db)  # kept on this machine before step 12: moved in
        return local if local is not None else True
    path = model_file(corpus).with_name(str(facts["file"]))
    return path if path.is_file() else True


def stored_model(corpus: Corpus) -> dict[str, object] | None:
    """Where the retrained model is kept: ``{"stored": "file", "path": ...}`` beside a file
    corpus, ``{"stored": "server", "sha256", "bytes", "coder", "trained"}`` for a server
    corpus; None when the corpus uses the shipped model."""
    if model_facts(corpus) is None:
        return None
    if corpus.on_server:
        from reader.store import server_model

        row = server_model.stored(corpus.db)
        return None if row is None else {"stored": "server", **row.to_json()}
    model = corpus_model(corpus)
    return None if model is True else {"stored": "file", "path": str(model)}


# -- the examples -----------------------------------------------------------------------------
def correction_examples(corpus: Corpus) -> list[Example]:
    """Training sentences from the corpus's corrections (see module docstring), in article order."""
    from reader.coding.corrections import articles_containing
    from reader.store.models import Article, EntityCorrection, EntityFix

    texts = sorted({c.text for c in EntityCorrection.select(EntityCorrection.text)})
    fixes: dict[int, list[tuple[int, int]]] = {}
    for f in EntityFix.select(EntityFix.article, EntityFix.start, EntityFix.end):
        fixes.setdefault(f.article_id, []).append((f.start, f.end))
    ids = sorted(set(articles_containing(texts)) | set(fixes))
    out: list[Example] = []
    for start in range(0, len(ids), 200):
        for row in Article.select(Article.id, Article.text).where(Article.id.in_(ids[start:start + 200])).order_by(Article.id):
            hot = list(fixes.get(row.id, []))
            for text in texts:
                at = row.text.find(text)
                while at >= 0:
                    hot.append((at, at + len(text)))
                    at = row.text.find(text, at + 1)
            spans = [(e.start, e.end, e.type) for e in corpus.entities(row.id) if e.type in MODEL_TYPES]
            offset = 0
            for line in row.text.split("\n"):
                end = offset + len(line)
                if line.strip() and any(offset <= s and e <= end for s, e in hot):
                    out.append(Example(line, [(s - offset, e - offset, t) for s, e, t in spans
                                              if offset <= s and e <= end]))
                offset = end + 1
    return out


# -- training ---------------------------------------------------------------------------------
def train_model(
    user: list[Example], path: Path, *, fraction: float = DEFAULT_FRACTION, weight: int = DEFAULT_WEIGHT,
    iterations: int = DEFAULT_ITERATIONS, data: Path | None = None, seed: int = 7,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> tuple[int, float]:
    """Train a model on ``user`` sentences (``weight`` times each) plus ``fraction`` of the
    shipped data and write it to ``path``.  The shipped data includes our in-domain dev gold
    (:data:`reader.text.ner.corpora.DEV_GOLD`, where the checkout has it), given in the shipped
    model's proportion (``GOLD_WEIGHT * fraction`` times, at least once): without it a retrained
    model would lose what the shipped one learnt of regional news.  Returns (shipped sentences
    used, training seconds).  Raises :class:`CorpusError` when the shipped data is missing,
    InterruptedError on cancel."""
    from reader.text.entities import Recognizer
    from reader.text.ner.corpora import GOLD_WEIGHT, SHIPPED_AUGMENT, dev_gold, gold_training, training_set
    from reader.text.ner.model import train

    data = data if data is not None else shipped_data()
    if fraction > 0 and not data.is_dir():
        raise CorpusError("no-training-data", f"{data}: the shipped model's training data is not there "
                                              f"(set {DATA_ENV} to the folder holding msra-train/, "
                                              "people-daily-1998-clauses/ and cluener/)")
    try:
        shipped = training_set(data, fraction, seed) if fraction > 0 else []
    except FileNotFoundError as exc:
        raise CorpusError("no-training-data", f"{exc.filename}: missing from the training data") from exc
    if fraction > 0:
        shipped += gold_training(dev_gold(), max(1, round(GOLD_WEIGHT * fraction)))
    items = shipped + [(ex, "") for ex in user] * max(1, weight)
    random.Random(seed).shuffle(items)
    started = time.perf_counter()
    train(items, path, Recognizer().features, algorithm="ap", max_iterations=iterations, min_freq=2,
          augment=SHIPPED_AUGMENT, progress=progress, cancelled=cancelled)
    return len(shipped), round(time.perf_counter() - started, 1)


def _phases(progress: Progress | None) -> tuple[Progress | None, Progress | None]:
    """Progress of training (features then iterations) and of recognising again, on one bar of
    100 steps: 0-45 features, 45-85 iterations, 85-100 articles."""
    if progress is None:
        return None, None

    def training(done: int, total: int, label: str) -> None:
        low, high = (0, 45) if label == "features" else (45, 85)
        progress(low + (high - low) * done // max(1, total), 100, label)

    def articles(done: int, total: int, label: str) -> None:
        progress(85 + 15 * done // max(1, total), 100, label)

    return training, articles


def retrain(
    corpus: Corpus, progress: Progress | None = None, cancelled: Cancelled | None = None, *,
    fraction: float = DEFAULT_FRACTION, weight: int = DEFAULT_WEIGHT, iterations: int = DEFAULT_ITERATIONS,
    data: Path | None = None,
) -> RetrainReport:
    """Train the corpus's own model from its corrections, use it from now on, recognise every
    article again.  A cancel during training leaves everything as it was (InterruptedError)."""
    from reader.coding.corrections import refresh_entities

    user = correction_examples(corpus)
    if not user:
        raise CorpusError("no-corrections", "there are no corrections to learn from yet: correct some "
                                            "entities first (mark, change, reject, or fix a span)")
    if corpus.on_server:  # trained in this machine's cache folder, then stored on the server
        from reader.store import server_model

        folder = server_model.cache_folder(corpus.db)
        target = folder / f"{Path(str(corpus.path)).name}.ner-model.crfsuite"
    else:
        target = model_file(corpus)
        folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.new" if corpus.on_server else target.name + ".new")
    on_training, on_articles = _phases(progress)
    try:
        shipped, seconds = train_model(user, part, fraction=fraction, weight=weight, iterations=iterations,
                                       data=data, progress=on_training, cancelled=cancelled)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    facts = {"file": target.name, "user_sentences": len(user), "weight": weight, "shipped_sentences": shipped,
             "fraction": fraction, "iterations": iterations, "seconds_training": seconds,
             "trained": time.strftime("%Y-%m-%d %H:%M:%S"), "coder": corpus.coder_name}
    if corpus.on_server:
        try:  # the model and its meta row in one transaction: every coder sees the old or the new
            server_model.put(corpus.db, part.read_bytes(), corpus.coder_name, facts)
        finally:
            part.unlink(missing_ok=True)
        local = server_model.local_copy(corpus.db)
        assert local is not None
        target = local
    else:
        os.replace(part, target)
        corpus.set_meta(MODEL_KEY, json.dumps(facts, ensure_ascii=False))
    from reader.text.ner import model as model_module

    model_module._MODELS.pop(str(target), None)  # a file of that name may have been loaded before
    corpus._recognizer = None
    change = refresh_entities(corpus, on_articles, cancelled, everything=True)
    was_cancelled = cancelled is not None and cancelled()
    return RetrainReport(target, len(user), shipped, fraction, seconds, change, was_cancelled,
                         "server" if corpus.on_server else "file")


def revert(corpus: Corpus, progress: Progress | None = None, cancelled: Cancelled | None = None) -> Change:
    """Go back to the shipped model and recognise every article again."""
    from reader.coding.corrections import refresh_entities
    from reader.store.models import Meta

    if model_facts(corpus) is None:
        raise CorpusError("no-retrained-model", "this corpus already uses the shipped model")
    if corpus.on_server:  # for every coder: the model row and the meta row go together
        from reader.store import server_model

        server_model.remove(corpus.db)
    else:
        target = model_file(corpus)
        Meta.delete().where(Meta.key == MODEL_KEY).execute()
        target.unlink(missing_ok=True)
    corpus._recognizer = None
    return refresh_entities(corpus, progress, cancelled, everything=True)


__all__ = [
    "DATA_ENV", "DEFAULT_FRACTION", "MODEL_KEY", "RetrainReport", "corpus_model", "correction_examples",
    "model_facts", "model_file", "retrain", "revert", "shipped_data", "stored_model", "train_model",
]
