"""A server corpus's retrained model lives in the server database (reader/store/server_model.py),
on the throw-away cluster: two coders (this process and another one, each with its own cache
folder, as on two machines) recognise with the same retrained model; a revert by either is a
revert for both; other windows hear of it live; ``copy`` carries the model file -> server and
server -> file; a corpus at the step before keeps (and moves in) the model it had."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.changes import Change
from reader.coding import corrections, occurrences, retrain
from reader.corpus import Corpus
from reader.store import server_model
from reader.store.models import Article
from reader.text.ner.corpora import Example

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.server

# the second coder's process: its recogniser's model, and what it recognises in TEXT
OTHER_CODER = """
import hashlib, json, sys
from reader.coding import retrain
from reader.corpus import Corpus
c = Corpus(sys.argv[1], coder="bo")
model = retrain.corpus_model(c)
rec = c.recognizer()
print(json.dumps({"model": None if model is True else str(model),
                  "sha256": None if model is True else hashlib.sha256(model.read_bytes()).hexdigest(),
                  "loaded": None if rec.model is None else str(rec.model.path),
                  "entities": [[e.start, e.end, e.type] for e in c.recognize(sys.argv[2])]}))
c.close()
"""


@pytest.fixture
def machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    """This process's folders (coder ann's machine) and another machine's, for coder bo."""
    mine = {"XDG_CACHE_HOME": str(tmp_path / "ann-cache"), "XDG_DATA_HOME": str(tmp_path / "ann-data")}
    other = {"XDG_CACHE_HOME": str(tmp_path / "bo-cache"), "XDG_DATA_HOME": str(tmp_path / "bo-data")}
    for key, value in mine.items():
        monkeypatch.setenv(key, value)
    return {"ann": mine, "bo": other}


@pytest.fixture
def server(pg_cluster, seeded_server_template: str, machines):  # type: ignore[no-untyped-def]
    uri = pg_cluster.new_database(template=seeded_server_template)
    yield uri
    pg_cluster.drop(uri)


def _other_coder(uri: str, text: str, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    done = subprocess.run([sys.executable, "-c", OTHER_CODER, uri, text], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _cli(uri: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "--db", uri, *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, timeout=300)


def _correct(corpus: Corpus) -> None:
    """Fix one occurrence (an ORG/LOC shortened) and mark 利剑 as an ORG everywhere."""
    for (aid,) in Article.select(Article.id).order_by(Article.id).tuples():
        ent = next((e for e in corpus.entities(aid) if e.type in ("ORG", "LOC") and len(e.text) >= 4), None)
        if ent is not None:
            occurrences.set_span(corpus, aid, ent.start, ent.end - 1, ent.type)
            corrections.add_entity(corpus, "利剑", "ORG")
            return
    raise AssertionError("no entity to fix")


def _sample(corpus: Corpus) -> str:
    return "\n".join(corpus.article(a.id).text for a in corpus.articles()[:6])


class Follower:
    """Another window's live listener (reader.store.live_follow.follow) on a thread."""

    def __init__(self, uri: str, own: set[int]) -> None:
        from reader.store.live_follow import follow

        self.got: list[Change] = []
        self.states: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=follow, args=(uri, self.got.extend, self.stop.is_set),
                                       kwargs={"is_own": lambda pid: pid in own,
                                               "on_state": lambda s, _r: self.states.append(s)}, daemon=True)
        self.thread.start()
        self.wait(lambda: self.states[-1:] == ["live"])

    @staticmethod
    def wait(condition, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < end, "timed out"
            time.sleep(0.05)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)


def test_two_coders_of_one_server_corpus_recognise_with_the_retrained_model_and_a_revert_is_for_both(
        server: str, machines: dict[str, dict[str, str]]) -> None:
    from reader.text.entities import Recognizer

    ann = Corpus(server, coder="ann")
    text = _sample(ann)
    shipped = _other_coder(server, text, machines["bo"])
    assert shipped["model"] is None and shipped["sha256"] is None
    _correct(ann)
    report = retrain.retrain(ann, fraction=0, iterations=3)
    stored = server_model.stored(ann.db)
    assert stored is not None and stored.coder == "ann" and report.stored == "server"
    # the model is in the database; this machine has a copy named by its hash, in its cache
    assert report.path == Path(machines["ann"]["XDG_CACHE_HOME"]) / "pizhu" / "server-models" / \
        server_model.cache_folder(ann.db).name / f"{stored.sha256}.crfsuite"
    assert hashlib.sha256(report.path.read_bytes()).hexdigest() == stored.sha256
    assert not (Path(machines["ann"]["XDG_DATA_HOME"]) / "pizhu" / "server-models").exists()
    assert retrain.model_facts(ann)["sha256"] == stored.sha256 and retrain.model_facts(ann)["coder"] == "ann"
    assert ann.recognizer().model.path == report.path
    mine = [[e.start, e.end, e.type] for e in ann.recognize(text)]
    adds, rejects = ann._corrections()
    with_shipped = [[e.start, e.end, e.type] for e in
                    Recognizer(user_entries=adds, rejected=rejects, model=True).recognize(text)]
    assert mine != with_shipped  # the retrained model is not the shipped one on this text

    # coder bo, another process on another machine: fetches the model once, recognises the same
    theirs = _other_coder(server, text, machines["bo"])
    assert theirs["sha256"] == stored.sha256 and theirs["loaded"] == theirs["model"]
    assert Path(theirs["model"]).is_relative_to(machines["bo"]["XDG_CACHE_HOME"])
    assert theirs["entities"] == mine
    shown = json.loads(_cli(server, machines["bo"], "entity", "model", "--json").stdout)
    assert shown["stored"] == {"stored": "server", **stored.to_json()} and shown["model"] == theirs["model"]

    # bo reverts: the model goes for everyone; ann's window hears of it and uses the shipped model
    follower = Follower(server, ann.db.backend_pids)
    try:
        reverted = _cli(server, machines["bo"], "entity", "revert-model", "-q")
        assert reverted.returncode == 0, reverted.stderr
        assert "for every coder" in reverted.stdout
        follower.wait(lambda: any(c.kind == "model" for c in follower.got))
    finally:
        follower.close()
    assert server_model.stored(ann.db) is None and retrain.model_facts(ann) is None
    assert retrain.corpus_model(ann) is True
    ann.forget_recognizer()  # what the window does on Change("model")
    assert ann.recognizer().model is None or ann.recognizer().model.path != report.path
    assert [[e.start, e.end, e.type] for e in ann.recognize(text)] == with_shipped
    assert _other_coder(server, text, machines["bo"])["entities"] == with_shipped  # bo too, corrections kept
    ann.close()


def test_a_retrain_by_another_coder_reaches_an_open_window_live(server: str, machines: dict[str, dict[str, str]]) -> None:
    ann = Corpus(server, coder="ann")
    _correct(ann)
    follower = Follower(server, ann.db.backend_pids)
    try:
        done = _cli(server, machines["bo"], "--coder", "bo", "entity", "retrain", "--fraction", "0", "--json", "-q")
        assert done.returncode == 0, done.stderr
        follower.wait(lambda: any(c.kind == "model" for c in follower.got))
    finally:
        follower.close()
    report = json.loads(done.stdout)
    assert report["stored"] == "server" and Path(report["model"]).is_relative_to(machines["bo"]["XDG_CACHE_HOME"])
    ann.forget_recognizer()
    local = retrain.corpus_model(ann)
    assert isinstance(local, Path) and local.is_relative_to(machines["ann"]["XDG_CACHE_HOME"])
    assert local.read_bytes() == Path(report["model"]).read_bytes()
    assert ann.recognizer().model.path == local and server_model.stored(ann.db).coder == "bo"
    own = Follower(server, ann.db.backend_pids)  # this process's own revert is not handed over
    try:
        retrain.revert(ann)
        time.sleep(0.5)
        assert not any(c.kind == "model" for c in own.got)
    finally:
        own.close()
    ann.close()


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real (tiny) CRF model file's bytes."""
    path = tmp_path_factory.mktemp("model") / "m.crfsuite"
    examples = [Example("娄底市委书记张三在长沙调研。", [(0, 3, "ORG"), (6, 8, "PER"), (9, 11, "LOC")]),
                Example("李四来到湖南省人民医院。", [(0, 2, "PER"), (4, 11, "ORG")])]
    retrain.train_model(examples, path, fraction=0, iterations=2)
    return path.read_bytes()


def test_copy_carries_the_retrained_model_from_a_file_to_a_server_and_back(
        seeded_path: Path, pg_uri: str, tmp_path: Path, small_model: bytes, machines) -> None:  # type: ignore[no-untyped-def]
    from reader.store.copying import copy_corpus

    corpus = Corpus(seeded_path)
    model = retrain.model_file(corpus)
    model.write_bytes(small_model)
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": model.name, "user_sentences": 2, "coder": "ann"}))
    corpus.close()
    sha = hashlib.sha256(small_model).hexdigest()
    to_server = copy_corpus(seeded_path, pg_uri)
    assert to_server.model == {"sha256": sha, "bytes": len(small_model)}
    assert to_server.to_json()["model"] == to_server.model and to_server.to_json()["articles"] == 40
    on_server = Corpus(pg_uri)
    stored = server_model.stored(on_server.db)
    assert stored is not None and stored.sha256 == sha and stored.coder == "ann"
    assert retrain.model_facts(on_server)["user_sentences"] == 2
    local = retrain.corpus_model(on_server)
    assert isinstance(local, Path) and local.read_bytes() == small_model
    assert on_server.recognizer().model.path == local
    on_server.close()

    back = tmp_path / "back.sqlite3"
    done = subprocess.run([sys.executable, "-m", "reader", "copy", pg_uri, str(back), "--json", "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["model"] == {"sha256": sha, "bytes": len(small_model)} and shown["articles"] == 40
    again = Corpus(back)
    own = retrain.model_file(again)
    assert own.name == "back.sqlite3.ner-model.crfsuite" and own.read_bytes() == small_model
    assert retrain.corpus_model(again) == own and retrain.model_facts(again)["file"] == own.name
    again.close()
    text = subprocess.run([sys.executable, "-m", "reader", "copy", str(back), str(tmp_path / "third.sqlite3")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert text.returncode == 0 and "retrained entity model" in text.stdout


def test_a_copy_of_a_corpus_with_the_shipped_model_carries_none(server: str, tmp_path: Path, pg_uri: str) -> None:
    from reader.store.copying import copy_corpus

    to_file = copy_corpus(server, tmp_path / "plain.sqlite3")
    assert to_file.model is None and to_file.to_json()["model"] is None
    assert not (tmp_path / "plain.sqlite3.ner-model.crfsuite").exists()
    assert copy_corpus(tmp_path / "plain.sqlite3", pg_uri).model is None
    c = Corpus(pg_uri)
    assert server_model.stored(c.db) is None and retrain.corpus_model(c) is True
    c.close()


def _back_to_step_11(uri: str) -> None:
    from reader.store.postgres import connect

    db = connect(uri)
    with db.atomic():
        db.execute_sql('DELETE FROM "pizhu_schema" WHERE "step" > 11')
        db.execute_sql('DROP TABLE "ner_model"')
        db.execute_sql('DROP FUNCTION "pizhu_notify_model"()')
    db.close()


def test_a_server_corpus_from_step_11_keeps_its_model_and_moves_it_into_the_database(
        server: str, machines: dict[str, dict[str, str]], small_model: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.store.pg_schema import SERVER_MIGRATIONS
    from reader.store.postgres import server_version

    corpus = Corpus(server)
    legacy = server_model.legacy_folder(corpus.db)
    name = f"{Path(str(corpus.path)).name}.ner-model.crfsuite"  # where step 11's retrain kept it
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": name, "user_sentences": 3}))
    corpus.close()
    _back_to_step_11(server)
    # bo's machine opens first: it migrates, but the model is not on bo's machine
    for key, value in machines["bo"].items():
        monkeypatch.setenv(key, value)
    first = Corpus(server)
    assert server_version(first.db) == len(SERVER_MIGRATIONS)
    assert server_model.stored(first.db) is None and retrain.corpus_model(first) is True
    first.close()
    # ann's machine, which trained it, opens the corpus: the model moves into the database
    for key, value in machines["ann"].items():
        monkeypatch.setenv(key, value)
    legacy.mkdir(parents=True)
    (legacy / name).write_bytes(small_model)
    ann = Corpus(server)
    local = retrain.corpus_model(ann)
    assert isinstance(local, Path) and local.read_bytes() == small_model
    assert server_model.stored(ann.db).sha256 == hashlib.sha256(small_model).hexdigest()
    assert retrain.model_facts(ann)["user_sentences"] == 3  # how it was made is kept
    ann.close()
    # and now bo's machine uses it too
    theirs = _other_coder(server, "张三在长沙。", machines["bo"])
    assert theirs["sha256"] == hashlib.sha256(small_model).hexdigest()

    # the migration step itself moves in a model that is on the machine that migrates
    corpus = Corpus(server)
    server_model.remove(corpus.db)
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": name, "user_sentences": 4}))
    corpus.close()
    _back_to_step_11(server)
    from reader.store.postgres import connect, migrate_server

    db = connect(server)
    assert migrate_server(db) == len(SERVER_MIGRATIONS)
    assert server_model.stored(db).size == len(small_model)
    db.close()
