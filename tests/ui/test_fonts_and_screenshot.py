"""Chinese renders on a machine with no CJK font: run the app with a fontconfig that sees no
fonts at all, and check that the bundled face draws real glyphs, not boxes; and the
``--screenshot`` option writes a picture of the main window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QImage, QPainter, QColor
from PySide6.QtWidgets import QApplication
app = QApplication([])
cjk = [f for f in QFontDatabase.families() if any(k in f for k in ("CJK", "Hei", "Song", "Ming", "WenQuanYi"))]
assert not cjk, f"system CJK fonts visible: {cjk}"
from ui.fonts import ui_font
font = ui_font(24)

def render(text):
    image = QImage(120, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image

tofu_a, tofu_b = render("\ue000\ue001"), render("\ue002\ue003")
han_a, han_b = render("巡察"), render("娄星")
assert han_a != han_b, "two different Chinese words render identically: boxes"
assert han_a != tofu_a
print("ok")
"""


def _no_font_env(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    (tmp_path / "nofonts").mkdir()
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{tmp_path / 'nofonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    return env


def test_chinese_renders_with_no_system_fonts(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=_no_font_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr


def test_screenshot_option_writes_the_main_window(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "main.png"
    env = _no_font_env(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "ui", "--db", str(tmp_path / "s.sqlite3"), "--screenshot", str(shot)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    assert (tmp_path / "s.sqlite3").exists(), "the first run ingested the seeds"


def test_bundled_font_covers_every_symbol_the_interface_shows(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.fonts import load_bundled_fonts

    metrics = QFontMetrics(QFont(load_bundled_fonts()[0]))
    shown = set()
    for source in (ROOT / "ui").glob("*.py"):
        shown.update(ch for ch in source.read_text(encoding="utf-8") if ord(ch) > 127)
    missing = sorted(ch for ch in shown if not metrics.inFontUcs4(ord(ch)))
    assert not missing, f"add to the font subset or avoid in the UI: {missing}"


def test_the_launcher_tells_gui_options_from_subcommands() -> None:
    from ui.launch import _wants_cli

    assert not _wants_cli(["--screenshot", "x.png", "--view", "stats", "--theme", "dark"])  # a view, not `stats`
    assert not _wants_cli(["--view", "search", "--size", "1600x1000"])
    assert _wants_cli(["--db", "corpus.sqlite3", "articles", "--json"])
    assert _wants_cli(["stats"]) and not _wants_cli([])
