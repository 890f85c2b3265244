"""Page dates: found in a file's name or in the page's masthead lines, or set by the user.

A newspaper page has one date; articles inherit it for date filters.  Nothing is guessed from a
dateline such as ``1月26日讯`` alone, which has no year.
"""

from __future__ import annotations

import datetime as dt
import re

_NAME_PATTERNS = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"),
)
_TEXT_PATTERN = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MASTHEAD_LINES = 3
_MASTHEAD_MAX_CHARS = 60


def _make(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_from_name(name: str) -> dt.date | None:
    """``2024-01-26``, ``2024_01_26``, ``20240126`` … anywhere in a file name."""
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(name):
            found = _make(*match.groups())
            if found:
                return found
    return None


def date_from_masthead(text: str) -> dt.date | None:
    """A full ``YYYY年M月D日`` date on one of the page's first short lines (the masthead)."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    for line in lines[:_MASTHEAD_LINES]:
        if len(line) <= _MASTHEAD_MAX_CHARS:
            match = _TEXT_PATTERN.search(line)
            if match:
                found = _make(*match.groups())
                if found:
                    return found
    return None


_CRAWLER_NAME = re.compile(r"(?<!\d)(?:19|20)\d{6}[-_](\d{1,3})(?:[-_](\d{1,3}))?(?!\d)")
_PAGE_IN_NAME = re.compile(r"(?:第\s*(\d{1,3})\s*版|(?<![A-Za-z0-9])(?:p|page|版)[-_ ]?(\d{1,3})(?!\d))", re.I)


def page_from_name(name: str) -> int | None:
    """The printed page number in a file name: ``20200105-04-02.txt`` (an e-paper crawler's
    date-page-order), ``…第4版…``, ``…_p04…``; None when the name does not say."""
    match = _CRAWLER_NAME.search(name)
    if match:
        return int(match.group(1))
    match = _PAGE_IN_NAME.search(name)
    if match:
        return int(match.group(1) or match.group(2))
    return None


def page_date(name: str, text: str) -> dt.date | None:
    return date_from_name(name) or date_from_masthead(text)


def parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` (also ``YYYY/MM/DD``, ``YYYYMMDD``, ``YYYY年M月D日``); raises ValueError."""
    value = value.strip()
    match = _TEXT_PATTERN.fullmatch(value)
    found = _make(*match.groups()) if match else date_from_name(value.replace("/", "-"))
    if found is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return found
