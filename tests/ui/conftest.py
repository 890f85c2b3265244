"""UI test setup: offscreen platform on a virtual 1920x1080 screen (the plugin's default screen
is 800x800, too small for the window sizes the layout tests use), QSettings in a temp dir, the
bundled font loaded."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    _screen_dir = tempfile.mkdtemp(prefix="pizhu-screen-")
    atexit.register(shutil.rmtree, _screen_dir, True)
    _config = os.path.join(_screen_dir, "screen.json")
    with open(_config, "w", encoding="utf-8") as handle:
        json.dump({"screens": [{"name": "virtual", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, handle)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("PizhuTest")
    qapp.setApplicationName("PizhuTest")
    from ui import theme
    from ui.fonts import ui_font

    qapp.setFont(ui_font())
    theme.apply_theme(qapp, "light")  # as the app does at start (forced: the tests do not follow the host)
    yield
    from ui import i18n

    i18n.reset()  # a test that switched the language leaves the untranslated source behind
    _release_modifiers()


def _release_modifiers() -> None:
    """Let go of the keyboard modifiers a test's last key click left Qt believing are held
    (after QTest's Ctrl+Shift+K, Qt still believes Shift is held), so the next test's
    clicks and selections are not read as Ctrl-clicks."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    target = QWidget()
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
        QTest.keyRelease(target, key)
    target.deleteLater()


@pytest.fixture
def seeded_window(qtbot, seeded_path):  # type: ignore[no-untyped-def]
    """A main window at 1280×720 on a copy of the seeded corpus, shown, its start-up work done."""
    from reader.corpus import Corpus
    from ui.main_window import MainWindow

    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: win.runner.running() == 0, timeout=30000)
    yield win
    win.runner.wait(30000)
    win.close()
    corpus.close()
