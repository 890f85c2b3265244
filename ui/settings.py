"""QSettings wrapped in typed properties: the only place setting keys are spelled.

Each setting is a :class:`Setting` descriptor (key, default, type); reading converts what the
platform store hands back (INI files give strings) and falls back to the default when the value
cannot be read.  Tests point ``QSettings`` at a temporary folder (see ``tests/ui/conftest.py``).
"""

from __future__ import annotations

import json
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Pizhu"
APPLICATION = "Pizhu"
MAX_RECENT = 8

T = TypeVar("T")


class Setting(Generic[T]):
    """A typed setting stored under ``key``; ``kind`` is bool, int, str, list, dict or
    QByteArray (lists and dicts are stored as JSON text)."""

    def __init__(self, key: str, default: T, kind: type) -> None:
        self.key, self.default, self.kind = key, default, kind

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...

    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...

    def __get__(self, obj: Settings | None, owner: type) -> Any:
        if obj is None:
            return self
        value = obj._s.value(self.key)
        if value is None:
            return self._copy(self.default)
        try:
            return self._convert(value)
        except (TypeError, ValueError):
            return self._copy(self.default)

    def __set__(self, obj: Settings, value: T) -> None:
        if self.kind in (list, dict):
            obj._s.setValue(self.key, json.dumps(value, ensure_ascii=False))
        elif self.kind is bool:
            obj._s.setValue(self.key, bool(value))
        else:
            obj._s.setValue(self.key, value)

    def _convert(self, value: Any) -> Any:
        if self.kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if self.kind is QByteArray:
            if isinstance(value, QByteArray):
                return value
            raise TypeError("not a byte array")
        if self.kind is list and isinstance(value, str) and not value.startswith("["):
            return [v for v in value.split(",") if v]  # stored comma-separated by older versions
        if self.kind in (list, dict):
            loaded = json.loads(value) if isinstance(value, str) else value
            if not isinstance(loaded, self.kind):
                raise TypeError("wrong shape")
            return loaded
        return self.kind(value)

    @staticmethod
    def _copy(value: Any) -> Any:
        return type(value)(value) if isinstance(value, (list, dict)) else value


class Settings:
    # who is coding (team coding: see ``reader.coding.coders``)
    _coder_name = Setting("coder/name", "", str)
    _legacy_author = Setting("annotation/author", "", str)  # before coders had names
    coder_color = Setting("coder/color", "", str)
    _visible_coders = Setting("coder/visible", "*", str)  # "*" (all) or names joined by \x1f
    color_by_coder = Setting("coder/color_by_coder", False, bool)
    # appearance and reading
    theme = Setting("view/theme", "system", str)  # system, light, dark
    language = Setting("view/language", "system", str)  # used by the translation round
    font_family = Setting("view/font_family", "", str)  # "" = the bundled/system face
    font_size = Setting("view/font_size", 13, int)  # reading size in points (zoom changes it)
    line_spacing = Setting("view/line_spacing", 170, int)  # percent of the line height
    entity_colors = Setting("view/entity_colors", {}, dict)  # type -> #rrggbb overrides
    hidden_entity_types = Setting("view/hidden_entity_types", [], list)
    show_code_backgrounds = Setting("view/show_code_backgrounds", True, bool)
    show_code_stripes = Setting("view/show_code_stripes", True, bool)
    # where the user was
    last_article = Setting("view/last_article", 0, int)
    last_articles = Setting("view/last_articles", {}, dict)  # corpus path -> article id
    last_scrolls = Setting("view/last_scrolls", {}, dict)  # corpus path -> reading position (0..1)
    last_corpus = Setting("corpus/last", "", str)
    recent_corpora = Setting("corpus/recent", [], list)
    window_state = Setting("window/state", None, QByteArray)
    window_geometry = Setting("window/geometry", None, QByteArray)
    article_list_header = Setting("window/article_list_header", None, QByteArray)
    article_list_columns_chosen = Setting("window/article_list_columns_chosen", False, bool)
    corpus_panel_view = Setting("window/corpus_panel_view", "", str)
    corpus_panel_expanded = Setting("window/corpus_panel_expanded", False, bool)
    tour_done = Setting("onboarding/tour_done", False, bool)

    def __init__(self, qsettings: QSettings | None = None) -> None:
        # The default constructor follows QCoreApplication's names and QSettings.defaultFormat(),
        # so tests can redirect it to a temporary folder.
        self._s = qsettings or QSettings()

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
        return (self._coder_name or self._legacy_author or "").strip()

    @coder_name.setter
    def coder_name(self, value: str) -> None:
        self._coder_name = value.strip()

    @property
    def visible_coders(self) -> list[str] | None:
        """Coders the reader shows (None: all of them)."""
        value = self._visible_coders
        if value in ("", "*"):
            return None
        return [v for v in value.split("\x1f") if v]

    @visible_coders.setter
    def visible_coders(self, names: list[str] | None) -> None:
        self._visible_coders = "*" if names is None else "\x1f".join(names)

    def add_recent_corpus(self, path: str) -> None:
        recent = [p for p in self.recent_corpora if p != path]
        self.recent_corpora = [path, *recent][:MAX_RECENT]
        self.last_corpus = path

    def forget_recent_corpus(self, path: str) -> None:
        self.recent_corpora = [p for p in self.recent_corpora if p != path]

    def last_article_in(self, corpus_path: str) -> int:
        value = self.last_articles.get(corpus_path)
        return int(value) if isinstance(value, int) else 0

    def remember_article(self, corpus_path: str, article_id: int) -> None:
        known = self.last_articles
        known.pop(corpus_path, None)
        known[corpus_path] = article_id
        if len(known) > 50:  # the oldest corpora first out
            known = dict(list(known.items())[-50:])
        self.last_articles = known
        self.last_article = article_id

    def entity_color(self, etype: str) -> str:
        from ui.theme import DEFAULT_ENTITY_COLORS

        return str(self.entity_colors.get(etype) or DEFAULT_ENTITY_COLORS.get(etype, "#dee2e6"))

    def sync(self) -> None:
        self._s.sync()
