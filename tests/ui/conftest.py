"""UI test setup: offscreen platform, QSettings in a temp dir, the bundled font loaded."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("PizhuTest")
    qapp.setApplicationName("PizhuTest")
    from ui.fonts import ui_font

    qapp.setFont(ui_font())
    yield
