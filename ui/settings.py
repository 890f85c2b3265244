"""QSettings wrapped in typed properties: the only place setting keys are spelled."""

from __future__ import annotations

import getpass

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
        try:
            fallback = getpass.getuser()
        except Exception:
            fallback = "pizhu"
        return str(self._get("annotation/author", fallback, str)) or fallback

    @author.setter
    def author(self, value: str) -> None:
        self._s.setValue("annotation/author", value)

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
