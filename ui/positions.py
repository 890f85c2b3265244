"""Code points (the core's unit) and UTF-16 units (Qt's) — converted here, at the widget edge."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class PositionMap:
    """Converts between code-point offsets of ``text`` and the UTF-16 offsets Qt uses.
    A UTF-16 offset inside a surrogate pair maps to the code point before the pair."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral = astral
        # the UTF-16 unit of each astral char's low surrogate
        self._low_units = [i + k + 1 for k, i in enumerate(astral)]
        self._length = len(text)

    @property
    def length(self) -> int:
        """The text's length in code points."""
        return self._length

    def to_qt(self, cp: int) -> int:
        return cp + bisect_left(self._astral, cp)

    def from_qt(self, unit: int) -> int:
        return max(0, min(unit - bisect_right(self._low_units, unit), self._length))
