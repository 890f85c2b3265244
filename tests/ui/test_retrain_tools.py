"""Entities ▸ Retrain from my corrections… and ▸ Use the shipped model again, in the window."""

from __future__ import annotations

import pytest

from reader.coding import corrections, retrain
from ui.main_window import MainWindow


@pytest.fixture
def window(seeded_window: MainWindow) -> MainWindow:
    return seeded_window


def test_retrain_then_revert_from_the_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tools = window.entity_tools.retrain_tools  # type: ignore[attr-defined]
    menu_names = [a.objectName() for a in window.findChild(type(window.menuBar().actions()[0].menu()),
                                                           "entities_menu").actions()]
    assert "entity_retrain" in menu_names and "entity_revert_model" in menu_names
    assert not tools.revert_action.isEnabled()
    asked: list[str] = []
    tools.confirm = lambda title, text: asked.append(text) is None and False  # the user says no
    assert tools.start_retrain(fraction=0.0) is None and asked
    corrections.add_entity(window.corpus, "利剑", "ORG")
    tools.confirm = lambda title, text: True
    with qtbot.waitSignal(tools.retrained, timeout=120000) as blocker:
        tools.start_retrain(fraction=0.0)
    report = blocker.args[0]
    assert report.user_sentences >= 1
    assert retrain.corpus_model(window.corpus) == report.path
    assert tools.revert_action.isEnabled()
    assert "Retrained" in window.statusBar().currentMessage()
    with qtbot.waitSignal(tools.reverted, timeout=120000):
        tools.revert_action.trigger()
    assert retrain.corpus_model(window.corpus) is True
    assert not tools.revert_action.isEnabled()


def test_retrain_without_corrections_says_why(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tools = window.entity_tools.retrain_tools  # type: ignore[attr-defined]
    tools.confirm = lambda title, text: True
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    with qtbot.waitSignal(tools.failed, timeout=60000) as blocker:
        tools.start_retrain(fraction=0.0)
    assert "no corrections" in blocker.args[0]


def test_another_coders_model_change_makes_the_recogniser_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """What a live ``Change("model")`` (another coder retrained or reverted a server corpus's
    model, reader.store.live_follow) does to the window: the next recognition uses the stored model."""
    import json

    from reader.changes import Change
    from reader.store.models import Meta

    tools = window.entity_tools.retrain_tools  # type: ignore[attr-defined]
    status = window.statusBar()
    before = window.corpus.recognizer()
    window.changed.emit(Change("entities"))  # other changes keep the recogniser
    assert window.corpus.recognizer() is before
    window.corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": "gone.crfsuite", "user_sentences": 2,
                                                          "trained": "2026-12-01 22:00:00"}))  # "another coder"
    window.changed.emit(Change("model"))
    assert window.corpus.recognizer() is not before
    assert "retrained the entity model" in status.currentMessage() and tools.revert_action.isEnabled()
    status.clearMessage()
    again = window.corpus.recognizer()
    window.changed.emit(Change("model"))  # e.g. a reconnect: nothing changed, nothing said
    assert window.corpus.recognizer() is not again and status.currentMessage() == ""
    Meta.delete().where(Meta.key == retrain.MODEL_KEY).execute()
    window.changed.emit(Change("model"))
    assert "shipped entity model" in status.currentMessage() and not tools.revert_action.isEnabled()
