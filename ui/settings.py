"""QSettings wrapped in typed properties: the only place setting keys are spelled."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Pizhu"
APPLICATION = "Pizhu"


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        # The default constructor follows QCoreApplication's names and QSettings.defaultFormat(),
        # so tests can redirect it to a temporary folder.
        self._s = qsettings or QSettings()

    def _get(self, key: str, default: object, kind: type) -> object:
        value = self._s.value(key, default)
        if kind is bool and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def author(self) -> str:
        """The name new annotations are recorded under: the chosen coder, else the core's
        session coder (``PIZHU_CODER`` or its fallback)."""
        from reader.coding.coders import session_coder_name

        return self.coder_name or session_coder_name()

    @author.setter
    def author(self, value: str) -> None:
        self.coder_name = value

    @property
    def coder_name(self) -> str:
        """Who is coding, chosen at first start (never the operating-system login)."""
        return str(self._get("coder/name", "", str) or self._get("annotation/author", "", str) or "").strip()

    @coder_name.setter
    def coder_name(self, value: str) -> None:
        self._s.setValue("coder/name", value.strip())

    @property
    def coder_color(self) -> str:
        return str(self._get("coder/color", "", str) or "")

    @coder_color.setter
    def coder_color(self, value: str) -> None:
        self._s.setValue("coder/color", value)

    @property
    def visible_coders(self) -> list[str] | None:
        """Coders the reader shows (None: all of them)."""
        value = self._s.value("coder/visible", None)
        if value in (None, "", "*"):
            return None
        return [v for v in str(value).split("\x1f") if v]

    @visible_coders.setter
    def visible_coders(self, names: list[str] | None) -> None:
        self._s.setValue("coder/visible", "*" if names is None else "\x1f".join(names))

    @property
    def color_by_coder(self) -> bool:
        return bool(self._get("coder/color_by_coder", False, bool))

    @color_by_coder.setter
    def color_by_coder(self, on: bool) -> None:
        self._s.setValue("coder/color_by_coder", on)

    @property
    def hidden_entity_types(self) -> list[str]:
        value = self._s.value("view/hidden_entity_types", "")
        return [v for v in str(value or "").split(",") if v]

    @hidden_entity_types.setter
    def hidden_entity_types(self, types: list[str]) -> None:
        self._s.setValue("view/hidden_entity_types", ",".join(types))

    @property
    def last_article(self) -> int:
        return int(self._get("view/last_article", 0, int))  # type: ignore[arg-type]

    @last_article.setter
    def last_article(self, article_id: int) -> None:
        self._s.setValue("view/last_article", article_id)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def font_size(self) -> int:
        return int(self._get("view/font_size", 12, int))  # type: ignore[arg-type]

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._s.setValue("view/font_size", size)

    def sync(self) -> None:
        self._s.sync()
