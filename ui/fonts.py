"""Fonts are files loaded here: the bundled CJK face makes Chinese render on machines that have
no CJK font installed (otherwise Qt draws boxes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
BUNDLED_FONT = FONT_DIR / "NotoSansSC-Pizhu.otf"

_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register the bundled font files once; returns their family names."""
    if _loaded:
        return list(_loaded)
    if BUNDLED_FONT.exists():
        font_id = QFontDatabase.addApplicationFont(str(BUNDLED_FONT))
        if font_id >= 0:
            _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_loaded)


def ui_font(point_size: int = 11) -> QFont:
    """The application font: the system UI face, falling back to the bundled CJK family for
    every character it lacks."""
    families = load_bundled_fonts()
    font = QFont()
    font.setPointSize(point_size)
    if families:
        font.setFamilies([families[0], *[f for f in QFont().families() if f != families[0]]])
    return font


def reading_font(point_size: int = 13, family: str = "") -> QFont:
    """The reading face: ``family`` when given (the bundled CJK face still fills the characters
    it lacks), else the UI face."""
    font = ui_font(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    if family:
        font.setFamilies([family, *[f for f in font.families() if f != family]])
    return font
