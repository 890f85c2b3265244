"""The trained sequence model: a character CRF (CRFsuite) over :mod:`reader.text.ner.features`.

Contract:

- :func:`load` returns the shipped model (``reader/text/ner/ner-model.crfsuite.gz``, package data,
  gzip-compressed; ``ner-model.json`` beside it records how it was built), or the file named by
  ``$PIZHU_NER_MODEL``, opened once per process and per path; ``None`` when the file is missing
  or ``$PIZHU_NER_MODEL`` is ``off``.  Nothing is ever fetched.  A compressed model is inflated
  once into the lexicon's cache folder (:func:`reader.text.ner.lexicon.cache_dir`, keyed by the
  file's path, size and modification time), without the attributes only training uses
  (:mod:`reader.text.ner.crfprune`: 22 MB instead of 38 for the shipped model, the same labels
  and marginals), and opened from there: inflating cost every process about 0.15 s of CPU;
  when the cache cannot be written it is read from memory.
- :meth:`Model.spans` labels one line (its features) and returns ``(start, end, type, marginal)``
  spans of PER/LOC/ORG, where ``marginal`` is the model's probability of the span's first label.
  A model is safe to share between threads (tagging is serialised by a lock).
- :func:`train` fits a model from examples and writes it to a file.  It is importable on purpose:
  a later job can retrain with a user's corrections added to the shipped data
  (``data/build_ner_model.py`` is the recipe of the shipped model).

Labels are BIOES over PER/LOC/ORG (``S-`` one character, ``E-`` the last one): with BIO the
MSRA test scored 0.867 and with BIOES 0.882, the same features and data.  A model file trained
on BIO labels (an older retrained one) still decodes.

A training example may carry a group name (``"pd"``, ``"clue"``): every character of it then
gets the attribute ``src=<group>``, which lets the model learn the label priors of a corpus
apart (the PD-1998 clauses have no entity-free sentences); text being recognised never has that
attribute.  With ``augment`` every attribute of a grouped example is also given a copy private
to its group (``pd:u0=北``, the "frustratingly easy" domain adaptation of Daumé III, 2007): the
private copies soak up what one corpus labels its own way, so the shared weights, the only ones
text being recognised uses, follow the ungrouped (MSRA) convention where the corpora disagree.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text.ner.corpora import Example, from_bio, to_bioes

if TYPE_CHECKING:
    import pycrfsuite

MODEL_PATH = Path(__file__).resolve().parent / "ner-model.crfsuite.gz"
FACTS_PATH = MODEL_PATH.with_name("ner-model.json")  # how the shipped model was built
ENV = "PIZHU_NER_MODEL"
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
LineFeatures = Callable[[str], list[list[str]]]

_LOCK = threading.Lock()
_MODELS: dict[str, Model | None] = {}


class Model:
    """A loaded CRF model; see the module docstring."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self.path = path
        self._tagger = pycrfsuite.Tagger()
        if path.suffix == ".gz":  # shipped compressed: opened inflated from the cache
            inflated = _inflated(path)
            if isinstance(inflated, Path):
                self._tagger.open(str(inflated))
            else:  # no cache folder to write to: CRFsuite reads the model from memory
                self._data = inflated
                self._tagger.open_inmemory(self._data)
        else:
            self._tagger.open(str(path))
        self._lock = threading.Lock()

    def labels(self, features: list[list[str]]) -> list[str]:
        """The most likely label of each character (BIOES; BIO for an older model file)."""
        with self._lock:
            return list(self._tagger.tag(features))

    def spans(self, line: str, features: list[list[str]],
              marginals: bool = True) -> list[tuple[int, int, str, float]]:
        """PER/LOC/ORG spans of the most likely labelling of ``line`` (given its features), with
        the first label's marginal (``1.0`` when ``marginals`` is false: the caller does not
        need them, which spares the forward-backward pass).  A span is cut where the line has a
        space or a punctuation mark (``·`` of foreign names excepted, and balanced brackets
        inside an ORG): no name holds one, and the cut keeps a labelling slip from gluing two
        names together."""
        if not features:
            return []
        with self._lock:
            tagger = self._tagger
            labels = tagger.tag(features)
            out = []
            for s, e, t in from_bio(list(labels)):
                marginal = tagger.marginal(labels[s], s) if marginals else 1.0
                out += [(a, b, t, marginal) for a, b in _pieces(line, s, e, t)]
            return out


#: Version of the runtime copy made from a compressed model (bump when :mod:`crfprune` changes
#: what it writes): part of the cache file's name.
RUNTIME_COPY = 1


def _inflated(path: Path) -> Path | bytes:
    """The runtime copy of the gzip-compressed model ``path`` in the cache folder: inflated and
    without its training-only attributes (:func:`reader.text.ner.crfprune.prune`: the same
    labels and marginals from a file about half the size), made on first use and written to a
    temporary file and renamed, so a reader never sees half a file; or the inflated bytes when
    the cache cannot be written (then nothing is pruned: that would cost every process)."""
    import gzip
    import hashlib

    from reader.text.ner.lexicon import cache_dir

    st = path.stat()
    tag = hashlib.sha1(f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
    target = cache_dir() / f"ner-model-{tag}-r{RUNTIME_COPY}.crfsuite"
    if _complete(target):
        return target
    data = gzip.decompress(path.read_bytes())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:  # opened first: an unwritable cache costs no pruning
                from reader.text.ner.crfprune import prune

                fh.write(prune(data) or data)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError:
        return data
    try:
        target.with_name(f"ner-model-{tag}.crfsuite").unlink(missing_ok=True)  # an older, full copy
    except OSError:
        pass  # still in use elsewhere (Windows): it stays until the next copy is made
    return target


def _complete(path: Path) -> bool:
    """Whether ``path`` is a whole CRFsuite model file (its header records the file's size)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    return len(head) == 8 and head[:4] == b"lCRF" and int.from_bytes(head[4:], "little") == size


_INSIDE = frozenset("·•・-－&")  # characters a name may hold besides letters and digits
_BRACKETS = {"（": "）", "(": ")"}


_HAN = re.compile("[\u4e00-\u9fff]")


def can_name(line: str) -> bool:
    """Whether :meth:`Model.spans` can find anything in ``line``: every span it returns holds a
    character of the CJK unified block (see :func:`_pieces`), so a line without one needs no
    features and no tagging."""
    return _HAN.search(line) is not None


def _pieces(line: str, start: int, end: int, etype: str) -> list[tuple[int, int]]:
    """The parts of ``line[start:end]`` between spaces and punctuation (see :meth:`Model.spans`)."""
    out: list[tuple[int, int]] = []
    piece = start
    k = start
    while k < end:
        ch = line[k]
        if ch.isalnum() or ch in _INSIDE:
            k += 1
            continue
        close = _BRACKETS.get(ch)
        if etype == "ORG" and close is not None and close in line[k + 1:end] and k > piece:
            k = line.index(close, k + 1, end) + 1  # 中国（山东）自由贸易试验区
            continue
        if k > piece:
            out.append((piece, k))
        k += 1
        piece = k
    if end > piece:
        out.append((piece, end))
    return [(a, b) for a, b in out if any("\u4e00" <= c <= "\u9fff" for c in line[a:b])]


def model_path() -> Path | None:
    """The model file in use: ``$PIZHU_NER_MODEL`` when set (``off``: none), else the shipped one."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in ("off", "none", "0"):
        return None
    return Path(value) if value else MODEL_PATH


def load(path: Path | None = None) -> Model | None:
    """Return the model at ``path`` (default :func:`model_path`), loaded once; ``None`` if absent."""
    path = path if path is not None else model_path()
    if path is None:
        return None
    key = str(path)
    if key not in _MODELS:
        with _LOCK:
            if key not in _MODELS:
                _MODELS[key] = Model(path) if path.is_file() else None
    return _MODELS[key]


@dataclass(frozen=True)
class TrainReport:
    """What :func:`train` did: sizes, time and the file written."""

    path: Path
    sentences: int
    characters: int
    iterations: int
    seconds_features: float
    seconds_training: float
    bytes: int


def _lines(example: Example) -> Iterable[Example]:
    """The example cut at newlines (the recogniser works line by line)."""
    if "\n" not in example.text:
        yield example
        return
    offset = 0
    for line in example.text.split("\n"):
        end = offset + len(line)
        spans = [(s - offset, e - offset, t) for s, e, t in example.spans if offset <= s and e <= end]
        if line.strip():
            yield Example(line, spans)
        offset = end + 1


def train(
    examples: Iterable[tuple[Example, str]],
    path: Path,
    features: LineFeatures,
    *,
    algorithm: str = "lbfgs",
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    min_freq: int = 1,
    augment: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    verbose: bool = False,
) -> TrainReport:
    """Fit a CRF on ``(example, group)`` pairs and write it to ``path``; see module docstring.

    ``features(line)`` gives the attributes of a line (the recogniser's
    :meth:`~reader.text.entities.Recognizer.features`).  ``algorithm`` is CRFsuite's: ``lbfgs``
    (with elastic-net penalties ``c1``/``c2``; L1 keeps the model small) or ``ap`` (averaged
    perceptron: a few fast epochs, ``max_iterations`` of them).  ``augment``: see the module
    docstring.  ``progress(done, total, label)`` is called while
    features are built and once per training iteration; ``cancelled()`` is checked between
    sentences and iterations (a cancelled run raises :class:`InterruptedError` and writes
    nothing).
    """
    import pycrfsuite

    items = list(examples)
    trainer = _Trainer(algorithm=algorithm, verbose=verbose, max_iterations=max_iterations,
                       progress=progress, cancelled=cancelled)
    t0 = time.perf_counter()
    sentences = chars = 0
    for k, (example, group) in enumerate(items):
        if cancelled is not None and k % 256 == 0 and cancelled():
            raise InterruptedError("training cancelled")
        for line in _lines(example):
            xseq = features(line.text)
            if group:
                extra = "src=" + group
                mark = group + ":"
                for attrs in xseq:
                    if augment:
                        attrs += [mark + a for a in attrs]
                    attrs.append(extra)
            trainer.append(pycrfsuite.ItemSequence(xseq), to_bioes(line))
            sentences += 1
            chars += len(line.text)
        if progress is not None and k % 1000 == 0:
            progress(k, len(items), "features")
    t1 = time.perf_counter()
    params: dict[str, object] = {"max_iterations": max_iterations, "feature.minfreq": min_freq,
                                 "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update(c1=c1, c2=c2)
    trainer.set_params(params)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        trainer.train(str(tmp))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    with _LOCK:
        _MODELS.pop(str(path), None)
    return TrainReport(path, sentences, chars, trainer.iterations, round(t1 - t0, 1),
                       round(time.perf_counter() - t1, 1), path.stat().st_size)


def _trainer_class() -> type:
    import pycrfsuite

    class Trainer(pycrfsuite.Trainer):  # type: ignore[misc,name-defined]
        """A CRFsuite trainer that reports iterations and can be stopped."""

        def __init__(self, *, algorithm: str, max_iterations: int, progress: Progress | None,
                     cancelled: Cancelled | None, verbose: bool) -> None:
            super().__init__(algorithm=algorithm, verbose=True)  # the hooks need verbose
            self.quiet = not verbose
            self.max_iterations = max_iterations
            self.progress = progress
            self.cancelled = cancelled
            self.iterations = 0

        def message(self, log: str) -> None:
            """CRFsuite's log, line by line: counts iterations (``***** Iteration #N``)."""
            if not self.quiet:
                super().message(log)
            if "***** Iteration #" not in log and "***** Epoch #" not in log:
                return
            self.iterations += 1
            if self.progress is not None:
                self.progress(self.iterations, self.max_iterations, "training")
            if self.cancelled is not None and self.cancelled():
                raise InterruptedError("training cancelled")

    return Trainer


def _Trainer(**kwargs: object) -> pycrfsuite.Trainer:  # noqa: N802 - a class built on demand
    return _trainer_class()(**kwargs)
