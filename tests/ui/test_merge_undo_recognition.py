"""Undoing (and redoing) a merge that added occurrence fixes recognises those articles again off
the GUI thread, through ``ui/tasks.py`` with progress and Cancel; a cancelled run leaves them
stale for the next start, never wrong without saying so."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from reader.coding import occurrences
from reader.coding.corrections import entities_status
from reader.corpus import Corpus
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.tasks import Task


def _their_fix(seeded_path: Path, tmp_path: Path) -> tuple[Path, int, tuple[int, int, str]]:
    """Another coder's corpus with one boundary fix; returns it, the article and the fixed span."""
    theirs = tmp_path / "theirs.sqlite3"
    shutil.copyfile(seeded_path, theirs)
    other = Corpus(theirs, coder="李四")
    aid, ent = next((a.id, e) for a in other.articles() for e in other.entities(a.id)
                    if e.type in ("PER", "LOC", "ORG") and len(e.text) >= 3)
    occurrences.set_span(other, aid, ent.start, ent.end - 1, ent.type)
    other.close()
    return theirs, aid, (ent.start, ent.end - 1, ent.type)


def _fixed(corpus: Corpus, aid: int, span: tuple[int, int, str]) -> bool:
    return (*span, occurrences.SOURCE) in [(e.start, e.end, e.type, e.source) for e in corpus.entities(aid)]


def _merged_window(qtbot, seeded_path: Path, theirs: Path) -> tuple[MainWindow, Corpus]:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path, coder="张三")
    window = MainWindow(corpus, Settings())
    qtbot.addWidget(window)
    window.show()
    window.team.merge(str(theirs))
    qtbot.waitUntil(lambda: window.team.last_merge is not None, timeout=30000)
    window.runner.wait(30000)
    assert window.team.last_merge.to_json()["fixes_added"] == 1
    return window, corpus


def _finished(qtbot, window: MainWindow, message: str) -> None:  # type: ignore[no-untyped-def]
    """The background work done and its result delivered to the window (the status bar says so)."""
    window.runner.wait(30000)
    qtbot.waitUntil(lambda: message in window.statusBar().currentMessage(), timeout=10000)


def test_undo_and_redo_of_a_merge_recognise_again_off_the_gui_thread(qtbot, seeded_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                      monkeypatch) -> None:
    theirs, aid, span = _their_fix(seeded_path, tmp_path)
    window, corpus = _merged_window(qtbot, seeded_path, theirs)
    assert _fixed(corpus, aid, span)
    threads: list[bool] = []
    real = Corpus.recompute_entities

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Corpus, "recompute_entities", recording)
    window.undo_stack.undo()
    task = window.team.last_recognition
    assert isinstance(task, Task)  # handed to a background task, not run in the undo
    _finished(qtbot, window, "recognised again")
    assert threads and not any(threads)  # recognised on a worker thread only
    assert not _fixed(corpus, aid, span) and entities_status(corpus).stale == ()
    assert window.team.progress is not None and window.team.progress.task is None  # followed, then hidden
    window.statusBar().clearMessage()
    window.undo_stack.redo()  # and back: the fix is an entity again, again off the GUI thread
    assert window.team.last_recognition is not task
    _finished(qtbot, window, "recognised again")
    assert _fixed(corpus, aid, span) and not any(threads) and len(threads) == 2
    window.close()
    corpus.close()


def test_a_cancelled_recognition_after_undo_leaves_the_articles_stale(qtbot, seeded_path: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    theirs, aid, span = _their_fix(seeded_path, tmp_path)
    window, corpus = _merged_window(qtbot, seeded_path, theirs)
    gate = threading.Event()
    window.runner.start(Task(gate.wait, 30, reports=False))  # the serial write pool is busy
    window.undo_stack.undo()
    assert [f.coder for f in occurrences.list_fixes(corpus, aid)] == []  # the undo's rows went at once
    assert aid in entities_status(corpus).stale  # marked before the recognition runs
    window.team.last_recognition.cancel()  # the user presses Cancel
    gate.set()
    _finished(qtbot, window, "cancelled")
    assert aid in entities_status(corpus).stale  # brought up to date at the next start
    window.close()
    corpus.close()
