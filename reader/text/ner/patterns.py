"""DATE and NUM: regular expressions over the raw text.

Contract: :func:`find_dates` and :func:`find_numbers` yield ``(start, end)`` code-point spans that
never contain a newline.  A DATE names a calendar point or period with at least one explicit
unit: ``2023年3月``, ``1月26日``, ``上世纪80年代``, ``今年6月``, ``27日凌晨3时``; bare ``今年`` or
``近年来`` are not dates, nor durations such as ``15年左右`` (a year needs four digits unless a
month follows: ``98年3月``), nor ``一日一会商``.  A NUM is a figure written with digits (or a Chinese numeral with
万/亿) followed by a unit of measure, money, percentage or a counting classifier: ``52866万元``,
``93.02%``, ``64万吨/年``, ``3000亩``, ``2864.56千克``, ``11个``.  A bare figure is not a NUM.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_D = r"[0-9０-９]"
_CN = r"[零〇一二两三四五六七八九十百千]"
_NUMBER = rf"{_D}+(?:[.．]{_D}+)?"
_YEAR = rf"(?:{_D}{{4}}|[零〇一二三四五六七八九]{{4}})年"
_MONTH = rf"(?:{_D}{{1,2}}|十[一二]?|[一二三四五六七八九])月(?:份)?"
_MONTH_HEAD = rf"(?:{_D}{{1,2}}|十[一二]?|[一二三四五六七八九])月"
_DIGIT_DAY = rf"{_D}{{1,2}}[日号]"
_SHORT_YEAR = rf"(?:{_D}{{2}}|[零〇一二三四五六七八九]{{2}})年(?={_MONTH_HEAD})"
_DAY = rf"(?:{_D}{{1,2}}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_PART = r"(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|深夜|晚|早)"
_CLOCK = rf"(?:{_PART}?(?:{_D}{{1,2}}|[一二三四五六七八九十]{{1,3}})(?:时|点)(?:半|{_D}{{1,2}}分|[一二三四五]?十?[一二三四五六七八九]?分)?)"
_REL_YEAR = r"(?:今年|去年|明年|前年|当年|同年|次年|上年|本年)"
_REL_MONTH = r"(?:本月|上月|下月|当月|同月)"
_DECADE = rf"(?:(?:上|本|(?:{_D}{{2}}|[一二][十〇零一二三四五六七八九]{{1,2}}))世纪)?{_D}{{2}}年代(?:初|中期|末)?"

_DATE = re.compile(
    rf"{_DECADE}"
    rf"|(?:(?:{_YEAR}|{_SHORT_YEAR})(?:{_MONTH}(?:{_DAY})?)?|{_REL_YEAR}{_MONTH}(?:{_DAY})?"
    rf"|(?:{_REL_YEAR}|{_REL_MONTH})?{_MONTH}{_DAY}"
    rf"|{_MONTH}|{_REL_MONTH}{_DAY}|{_DIGIT_DAY}(?={_PART}|{_D})){_PART}?(?:{_CLOCK})?"
    rf"|{_DIGIT_DAY}(?:{_PART}?{_CLOCK})"
)

_UNIT = (
    "万亿元|亿元|万元|千元|百元|美元|欧元|港元|日元|元|角|"
    "万亩|亩|公顷|平方公里|平方千米|平方米|立方米|万平方米|"
    "万吨|吨|公斤|千克|克|斤|公里|千米|米|厘米|毫米|千瓦时|万千瓦|千瓦|瓦|兆瓦|度|升|毫升|"
    "万人次|人次|万人|人|户|家|个|名|位|件|起|次|项|条|所|座|栋|间|辆|台|套|批|期|轮|类|篇|"
    "岁|年|个月|天|小时|分钟|秒|倍|层|处|场|支|只|头|株|棵|张|本|份|笔|宗|例|组|村|乡镇|"
    "%|％|‰|℃"
)
_NUM = re.compile(
    rf"(?<![0-9０-９.])(?:{_NUMBER}(?:[多余])?(?:[万亿千百])*|{_CN}+[万亿]+)"
    rf"(?:[多余])?(?:{_UNIT})(?:/(?:年|月|日|天|小时|时|人|亩|户|公斤|千克|吨))?"
)
# "20日" inside a number unit would be a date; "3年" as duration is fine for NUM.
_NOT_NUM_AFTER = re.compile(r"[年月日号时]")


# Every DATE match holds one of these characters, at most _LEAD characters after its start
# (二十一世纪80年代: seven); the scan starts a little before each one, skipping text that cannot
# hold a date.  The result is that of ``_DATE.finditer``.
_DATE_UNIT = re.compile(r"[年月日号]")
_LEAD = 16


def find_dates(text: str) -> Iterator[tuple[int, int]]:
    """Yield the DATE spans of ``text`` (see module docstring)."""
    pos = 0
    end = len(text)
    while pos < end:
        unit = _DATE_UNIT.search(text, pos)
        if unit is None:
            return
        match = _DATE.search(text, max(pos, unit.start() - _LEAD))
        if match is None:
            return
        if match.end() > match.start():
            yield match.start(), match.end()
            pos = match.end()
        else:  # cannot happen (every alternative is non-empty); finditer would step on
            pos = match.end() + 1


def find_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Yield the NUM spans of ``text`` (see module docstring)."""
    for match in _NUM.finditer(text):
        yield match.start(), match.end()
