"""Which newspaper a page comes from, and which agency an article's copy comes from.

A page's newspaper is read, in this order, from a known masthead or its pinyin abbreviation in
the file name or the folders above it (``rmrb-2019-2020/…`` is 人民日报), from the page's
masthead lines (a short line near the top naming a paper), and from the page's own datelines
(``湖南日报1月26日讯``, ``湖南日报全媒体记者`` on most items).  Nothing is guessed from one
agency dateline (``新华社北京2月8日电`` is Xinhua copy printed in some paper, not the paper).
The user can always set the newspaper per page (see :mod:`reader.analysis.variables`, which
names the pages of each ingest with :func:`detect_paper`).
Pure text functions: no database.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

KNOWN_PAPERS: tuple[str, ...] = (
    "人民日报", "人民日报海外版", "光明日报", "经济日报", "解放军报", "中国青年报", "工人日报",
    "农民日报", "法治日报", "法制日报", "科技日报", "中国日报", "参考消息", "环球时报", "学习时报",
    "中国纪检监察报", "湖南日报", "娄底日报", "长沙晚报", "三湘都市报", "潇湘晨报", "新湘评论",
    "南方日报", "新华日报", "浙江日报", "北京日报", "解放日报", "文汇报", "大众日报", "四川日报",
    "湖北日报", "河南日报", "河北日报", "安徽日报", "江西日报", "广西日报", "贵州日报", "云南日报",
    "陕西日报", "甘肃日报", "福建日报", "海南日报", "重庆日报", "天津日报", "山西日报", "辽宁日报",
    "吉林日报", "黑龙江日报", "内蒙古日报", "宁夏日报", "青海日报", "西藏日报", "新疆日报",
    "新华社", "中国新闻社",
)
"""Mastheads recognised by name (and wire services, for files of wire copy)."""

ABBREVIATIONS: dict[str, str] = {
    "rmrb": "人民日报", "rmrbhwb": "人民日报海外版", "gmrb": "光明日报", "jjrb": "经济日报",
    "jfjb": "解放军报", "zgqnb": "中国青年报", "grrb": "工人日报", "nmrb": "农民日报",
    "kjrb": "科技日报", "hnrb": "湖南日报", "ldrb": "娄底日报", "cswb": "长沙晚报",
    "nfrb": "南方日报", "xhrb": "新华日报", "zjrb": "浙江日报", "bjrb": "北京日报",
    "jfrb": "解放日报", "whb": "文汇报", "xhs": "新华社", "xinhua": "新华社",
}
"""Pinyin abbreviations seen in crawler file and folder names."""

AGENCIES: tuple[tuple[str, str], ...] = (
    ("新华社", "新华社"), ("新华网", "新华社"), ("中新社", "中国新闻社"), ("中新网", "中国新闻社"),
    ("人民日报", "人民日报"), ("人民网", "人民日报"), ("央视", "中央广播电视总台"),
    ("中央广播电视总台", "中央广播电视总台"), ("本报", "本报"),
)
"""Dateline openings and the agency they name (``本报``: the paper's own reporters)."""

_GENERIC = re.compile(r"([\u4e00-\u9fff]{2,7}(?:日报|晚报|晨报|都市报|时报|商报))")
_OWN_COPY = re.compile(r"([\u4e00-\u9fff]{2,7}(?:日报|晚报|晨报|都市报|时报|商报))"
                       r"(?:\d{1,2}月\d{1,2}日讯|全媒体|记者|讯)")
_TOKEN = re.compile(r"[a-z]+")
# what may follow the paper's name on a masthead line: date, weekday, edition, issue number
_MASTHEAD_REST = re.compile(r"^[\s\d０-９年月日星期一二三四五六七八九十〇零天第版期号总刊\-—–·|/（）()A-Za-z.:：,，、]*$")
_MASTHEAD_LINES = 5
_MASTHEAD_MAX_CHARS = 40


def paper_from_name(name: str) -> str | None:
    """A known masthead, or its pinyin abbreviation as a separate word, in a file name."""
    for paper in sorted(KNOWN_PAPERS, key=len, reverse=True):
        if paper in name:
            return paper
    for token in _TOKEN.findall(name.lower()):
        if token in ABBREVIATIONS:
            return ABBREVIATIONS[token]
    return None


def paper_from_path(path: str) -> str | None:
    """:func:`paper_from_name` of the file name, then of up to three folders above it."""
    parts = PurePath(path).parts
    for part in reversed(parts[-4:]):
        found = paper_from_name(part)
        if found:
            return found
    return None


def paper_from_masthead(text: str) -> str | None:
    """A paper named on one of the page's first short lines."""
    lines = [line.strip(" #\t\u3000") for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    for line in lines[:_MASTHEAD_LINES]:
        if len(line) > _MASTHEAD_MAX_CHARS:
            continue
        for paper in sorted(KNOWN_PAPERS, key=len, reverse=True):
            if line.startswith(paper) and _MASTHEAD_REST.match(line[len(paper):]):
                return paper
        match = _GENERIC.match(line)
        if match and _MASTHEAD_REST.match(line[match.end():]):
            return match.group(1)
    return None


def paper_from_datelines(text: str) -> str | None:
    """The paper the page's own copy names (``湖南日报1月26日讯``), seen at least twice and on
    most such lines."""
    counts = Counter(m.group(1) for m in _OWN_COPY.finditer(text))
    if not counts:
        return None
    paper, n = counts.most_common(1)[0]
    return paper if n >= 2 and n * 2 > sum(counts.values()) else None


def detect_paper(path: str, text: str) -> str | None:
    """The page's newspaper, or None when nothing says (see the module docstring)."""
    return paper_from_path(path) or paper_from_masthead(text) or paper_from_datelines(text)


def agency(dateline: str | None, text: str = "") -> str | None:
    """The agency an article's copy comes from, read from its dateline (or the start of its
    text): 新华社, 中国新闻社, 人民日报, 本报 (the paper's own), … None when none is named."""
    for head in (dateline or "", text[:40]):
        head = head.strip()
        for opening, name in AGENCIES:
            if head.startswith(opening):
                return name
        match = _OWN_COPY.match(head)
        if match:
            return match.group(1)
    return None


__all__ = ["ABBREVIATIONS", "AGENCIES", "KNOWN_PAPERS", "agency", "detect_paper", "paper_from_datelines",
           "paper_from_masthead", "paper_from_name", "paper_from_path"]
