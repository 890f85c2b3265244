"""Light and dark themes: the application palette (Fusion style) and the few semantic colours
the views need, all derived from the palette so no view hard-codes a text colour.

``apply_theme(app, mode)`` with mode ``system`` follows the platform's colour scheme (and keeps
following it when it changes), ``light`` or ``dark`` forces one.  :func:`current` is the theme
in force; widgets that paint with its colours re-render on ``QEvent.PaletteChange``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

MODES = ("system", "light", "dark")

DEFAULT_ENTITY_COLORS: dict[str, str] = {
    "PER": "#ffc078",
    "LOC": "#8ce99a",
    "ORG": "#74c0fc",
    "DATE": "#b197fc",
    "NUM": "#f783ac",
}


def mix(under: QColor, over: QColor, amount: float) -> QColor:
    """``over`` laid on ``under`` with opacity ``amount`` (0..1)."""
    a = max(0.0, min(1.0, amount))
    return QColor(
        round(under.red() * (1 - a) + over.red() * a),
        round(under.green() * (1 - a) + over.green() * a),
        round(under.blue() * (1 - a) + over.blue() * a),
    )


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1..21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Theme:
    dark: bool
    palette: QPalette

    def color(self, role: QPalette.ColorRole) -> QColor:
        return self.palette.color(QPalette.ColorGroup.Active, role)

    @property
    def text(self) -> QColor:
        return self.color(QPalette.ColorRole.Text)

    @property
    def base(self) -> QColor:
        return self.color(QPalette.ColorRole.Base)

    @property
    def muted(self) -> QColor:
        return mix(self.base, self.text, 0.62)

    @property
    def accent(self) -> QColor:
        """Headings and links: a blue that reads on the base."""
        return QColor("#8fb8ff") if self.dark else QColor("#1c4f9c")

    @property
    def warning(self) -> QColor:
        return QColor("#ff8787") if self.dark else QColor("#c92a2a")

    @property
    def success(self) -> QColor:
        return QColor("#8ce99a") if self.dark else QColor("#2b8a3e")

    @property
    def hit_background(self) -> QColor:
        """Search hits in the article."""
        return QColor("#7a5d00") if self.dark else QColor("#ffe066")

    @property
    def find_background(self) -> QColor:
        return QColor("#5c3b82") if self.dark else QColor("#e5dbff")

    @property
    def find_current_background(self) -> QColor:
        return QColor("#b35900") if self.dark else QColor("#ff922b")

    def entity_background(self, color: str) -> QColor:
        """An entity type's highlight behind text: the chosen colour, toned for the base."""
        return mix(self.base, QColor(color), 0.32 if self.dark else 0.55)

    def code_background(self, colors: list[str]) -> QColor:
        """Behind a passage coded with tags of ``colors`` (several overlap: all blended in)."""
        out = QColor(self.base)
        share = 0.34 if self.dark else 0.30
        for color in colors:
            out = mix(out, QColor(color), share)
        return out

    def stripe(self, color: str) -> QColor:
        """A tag's colour for margin stripes and labels, readable on the base."""
        c = QColor(color)
        if self.dark and luminance(c) < 0.18:
            return mix(c, QColor("white"), 0.35)
        if not self.dark and luminance(c) > 0.6:
            return mix(c, QColor("black"), 0.35)
        return c


# palette role -> (light, dark)
PALETTE: dict[QPalette.ColorRole, tuple[str, str]] = {
    QPalette.ColorRole.Window: ("#f3f1ec", "#25272b"),
    QPalette.ColorRole.WindowText: ("#212529", "#e3e5e8"),
    QPalette.ColorRole.Base: ("#fcfbf8", "#1c1d20"),
    QPalette.ColorRole.AlternateBase: ("#f1efe9", "#232428"),
    QPalette.ColorRole.Text: ("#1f2328", "#e6e6e3"),
    QPalette.ColorRole.Button: ("#ebe8e1", "#2f3136"),
    QPalette.ColorRole.ButtonText: ("#212529", "#e3e5e8"),
    QPalette.ColorRole.Highlight: ("#3b6fb6", "#4f7fc4"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.ToolTipBase: ("#fffdf2", "#303238"),
    QPalette.ColorRole.ToolTipText: ("#212529", "#e6e6e3"),
    QPalette.ColorRole.PlaceholderText: ("#7a7f87", "#8b9099"),
    QPalette.ColorRole.Link: ("#1c4f9c", "#8fb8ff"),
    QPalette.ColorRole.BrightText: ("#c92a2a", "#ff8787"),
    QPalette.ColorRole.Light: ("#ffffff", "#3c3f45"),
    QPalette.ColorRole.Midlight: ("#e2dfd8", "#34363b"),
    QPalette.ColorRole.Mid: ("#c9c5bc", "#2a2c30"),
    QPalette.ColorRole.Dark: ("#a19d94", "#141518"),
    QPalette.ColorRole.Shadow: ("#5c5a55", "#000000"),
}
DISABLED_TEXT = ("#9a9ea5", "#6c7078")


def make_palette(dark: bool) -> QPalette:
    p = QPalette()
    for role, colours in PALETTE.items():
        p.setColor(role, QColor(colours[dark]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT[dark]))
    return p


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return _platform_lightness is not None and _platform_lightness < 110


_current = Theme(False, make_palette(False))
_mode = "system"
_following = False
_platform_lightness: int | None = None  # the platform palette's window, before ours replaces it


def current() -> Theme:
    return _current


def mode() -> str:
    return _mode


def apply_theme(app: QApplication, wanted: str = "system") -> Theme:
    """Install the light or dark palette (``system``: as the platform prefers)."""
    global _current, _mode, _following, _platform_lightness
    if _platform_lightness is None:
        _platform_lightness = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    if wanted not in MODES:
        wanted = "system"
    _mode = wanted
    dark = system_prefers_dark() if wanted == "system" else wanted == "dark"
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    palette = make_palette(dark)
    _current = Theme(dark, palette)
    app.setPalette(palette)
    if not _following:
        hints = QGuiApplication.styleHints()
        changed = getattr(hints, "colorSchemeChanged", None)
        if changed is not None:
            changed.connect(lambda _scheme: _mode == "system" and apply_theme(app, "system"))
            _following = True
    return _current
