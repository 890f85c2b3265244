"""Credits, bylines and page furniture read from one line (pure; jieba's dictionary only).

A newspaper names its people in many shapes; each function here reads one and says who wrote
and who photographed, or returns None:

- :func:`credit_line` a line that is only a credit: ``文/图 X``, ``X/摄``, ``摄影：X``,
  ``新华社记者 X摄``, ``曹 一图 于 石文``, ``郭 鹏摄 本报记者 姚雪青文``, ``制图：X``,
  ``X作（新华社发）`` (with an optional trailing source in brackets);
- :func:`paren_kind` a bracketed remark: a credit ``（本报记者…）`` / ``（新华社北京2月13日电
  记者甲、乙）`` / ``（综合本报记者…报道）``, a closing dateline ``（本报巴黎5月2日电）``, a photo
  credit, a note (author notes, image sources, cross references), an end mark ``（完）``;
- :func:`furniture` editor and layout lines (本版编辑, 责任编辑, 版式设计, 投稿邮箱…) that belong
  to no article's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.text.layout.lexicon import glued_names, split_names

SOURCE_TAIL_RE = re.compile(r"\s*[（(]((?:影像中国|人民视觉|新华社发|资料图片|视觉中国|[^（）()]{0,12}供图|"
                            r"本报资料图片|[^（）()]{0,8}摄影报道|来源[^（）()]{0,20}))[）)]\s*$")
BOTH_PREFIX_RE = re.compile(r"^(?:文\s*[/／·、]\s*图|图\s*[/／·、]\s*文|文图|图文)\s*[：:/／|]?\s*(.+)$")
PHOTO_PREFIX_RE = re.compile(r"^(?:摄影|摄|图片|图|制图|绘图|漫画|插图|照片)\s*[：:/／|]\s*(.+)$")
TEXT_PREFIX_RE = re.compile(r"^(?:文|撰文|撰稿|执笔|整理|记者)\s*[：:/／|]\s*(.+)$")
SUFFIX_RE = re.compile(r"^(.+?)\s*[/／|]\s*(摄影|摄|图|文|文图|图文)$")
SEGMENT_RE = re.compile(r"(.+?)(摄影报道|摄影|摄|文|图|作|绘)(?=\s|$)")
ROLE_CHARS_RE = re.compile(r"[摄文图作绘撰执整记漫插照]")
PHOTO_ROLES = {"摄影报道", "摄影", "摄", "图", "作", "绘"}
FURNITURE_RE = re.compile(r"^[（(]?(?:(?:本版|本期|本刊)?(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式设计|版式|题图设计|统筹|制版|"
                          r"栏目主持|主持人|投稿邮箱|栏目投稿邮箱|邮箱|电子信箱|联系电话|传真|欢迎投稿)|(?:本版|本期)(?:制图|设计|图片))"
                          r"\s*[：:]")
FURNITURE_BARE_RE = re.compile(r"^(?:本版|本期)?(?:责任编辑|责编|美编|版式设计|题图设计)\s*([\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*)$")
FOREIGN_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6}){1,3}$")
END_MARK_RE = re.compile(r"^\s*(?:完|全文完|待续|未完待续|续完|终)\s*$")
PHOTO_INNER_RE = re.compile(r"^(.{2,30}?)\s*(?:摄影|摄)$")
AUTHOR_NOTE_RE = re.compile(r"^(作者系|作者为|作者分别为|作者单位|作者是|本文作者)")
IMAGE_NOTE_RE = re.compile(r"图片|供图|图/|摄影|照片|图片库")
XREF_RE = re.compile(r"^(?:相关报道|相关新闻|详细报道|更多报道|相关评论|详见|参见|见本报|全文另发|贺信全文|讲话全文|"
                     r".{0,6}全文另发|.{0,10}另发)")
CLOSING_DATELINE_RE = re.compile(r"^(?:据)?(?:本报|新华社|人民日报|中新社)?[\u4e00-\u9fff、·]{0,40}?"
                                 r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯|专电)$")
DATELINE_CREDIT_RE = re.compile(r"^(?:据)?(?:本报|新华社|人民日报|中新社)?[\u4e00-\u9fff、·]{0,40}?"
                                r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯|专电)\s*(.+)$")
ROLE_TAIL_RE = re.compile(r"(?:参与采写|采写|采访整理|整理|报道|编译|供稿)$")
EMBEDDED_REPORTER_RE = re.compile(r"(?:本报|新华社)?记者\s*([\u4e00-\u9fff、· ]{2,40}?)(?:采访)?整理")


@dataclass
class Credit:
    """Who a credit names: writers and photographers (graphic artists count as photographers),
    and the bracketed source it carried (``影像中国``)."""

    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    source: str | None = None


def _names(text: str) -> list[str] | None:
    """Names of a credit segment (role words dropped), or None."""
    text = text.strip(" ：:/／|")
    if re.fullmatch(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]", text):
        return [text[0] + text[-1]]  # a two-character name printed spaced (于 洋)
    if FOREIGN_NAME_RE.match(text):
        return [text]  # a transliterated name (杰克·陈摄)
    return split_names(text) if text else None


def credit_line(text: str) -> Credit | None:
    """The people a line that is only a credit names (see module docstring), or None."""
    t = text.strip()
    if t and len(t) <= 40 and (m := SOURCE_TAIL_RE.search(t)) and m.start() > 0 and not ROLE_CHARS_RE.search(t[:m.start()]) \
            and (names := split_names(t[: m.start()])):
        return Credit([], names, m.group(1))  # 胥鹏（人民视觉）: a photographer and the picture agency
    if not t or len(t) > 60 or not ROLE_CHARS_RE.search(t):
        return None
    source = None
    m = SOURCE_TAIL_RE.search(t)
    if m and m.start() > 0:
        source, t = m.group(1), t[: m.start()].strip()
    for rx, role in ((BOTH_PREFIX_RE, "both"), (PHOTO_PREFIX_RE, "photo"), (TEXT_PREFIX_RE, "text")):
        m = rx.match(t)
        if m and (names := _names(m.group(1))):
            return Credit(names if role != "photo" else [], names if role != "text" else [], source)
    m = SUFFIX_RE.match(t)
    if m and (names := _names(m.group(1))):
        role = m.group(2)
        both = role in ("文图", "图文")
        return Credit(names if role == "文" or both else [], names if role != "文" else [], source)
    pieces = list(SEGMENT_RE.finditer(t))
    if not pieces or "".join(p.group(0) for p in pieces).replace(" ", "") != t.replace(" ", ""):
        return None
    roles = [p.group(2) for p in pieces]
    if roles == ["文"] and not re.search(r"记者|通讯员|^文\b", t):
        return None  # 李文 is a name, not "text by 李"
    if roles == ["图"] and source is None and len(pieces[0].group(1).replace(" ", "")) > 3:
        return None
    credit = Credit(source=source)
    for p in pieces:
        names = _names(p.group(1))
        if not names:
            return None
        (credit.photographers if p.group(2) in PHOTO_ROLES else credit.authors).extend(names)
    return credit


REPORTERS_RE = re.compile(r"^(?:据)?(?:综合|参与)?(?:本报|新华社|人民日报|中新社)?(?:驻[\u4e00-\u9fff]{1,6}?)?(?:特约|见习|实习)?"
                          r"记者[：:\s]*(.+?)(?:采访整理|整理|报道|参与采写)?$")


def reporter_list(text: str, least: int = 2) -> list[str] | None:
    """Names after a reporter role in a credit (``本报记者甲、乙、丙…报道``): every 2-4
    ideograph item counts, as a list of correspondents holds rare surnames and names that are
    also words (李强)."""
    m = REPORTERS_RE.match(text.strip())
    if not m:
        return None
    items = [x.replace(" ", "") for x in re.split(r"[、，,；;]", m.group(1)) if x.strip()]
    if len(items) < least or not all(re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", x) for x in items):
        return None
    return items


def paren_kind(inner: str) -> tuple[str, list[str]]:
    """Kind of a bracketed remark (without its brackets): ``credit`` (with the names; none for
    a closing dateline), ``photo``, ``note``, ``end`` (an end mark such as 完), or ``''``."""
    inner = inner.strip()
    if END_MARK_RE.match(inner):
        return "end", []
    if (m := ROLE_TAIL_RE.search(inner)) and (names := split_names(inner[: m.start()])):
        return "credit", names
    names = split_names(inner) or reporter_list(inner)
    if names:
        return "credit", names
    if "参与采写" in inner:  # （本报记者甲、乙  参与采写：丙）: the reporters, then the helpers
        parts = [p for p in re.split(r"\s*参与采写[：:]?\s*", inner) if p.strip()]
        found = [split_names(p) or reporter_list(p, 1) for p in parts]
        if parts and all(found):
            return "credit", [n for f in found for n in f or []]
    if (m := TEXT_PREFIX_RE.match(inner)) and (names := glued_names(m.group(1))):
        return "credit", names  # （执笔：任晓刚方力）: the names' separating space was lost
    if CLOSING_DATELINE_RE.match(inner):
        return "credit", []
    m = DATELINE_CREDIT_RE.match(inner)
    if m and (names := split_names(m.group(1)) or reporter_list(m.group(1))):
        return "credit", names
    shot = PHOTO_INNER_RE.match(inner)
    if shot and (names := split_names(shot.group(1)) or []):
        return "photo", names
    if AUTHOR_NOTE_RE.match(inner):
        m = EMBEDDED_REPORTER_RE.search(inner)
        if m and (names := split_names(m.group(1))):
            return "credit", names
        return "note", []
    if IMAGE_NOTE_RE.search(inner) or XREF_RE.match(inner) or inner.startswith(("摘编自", "摘自", "原载", "转载自")):
        return "note", []
    return "", []


SOURCE_LINE_RE = re.compile(r"^[（(]?(?:影像中国|人民视觉|新华社发|视觉中国|资料图片|本报资料图片|新华社记者摄|"
                            r"数据来源[：:].{0,40}|资料来源[：:].{0,40}|来源[：:].{0,60})[）)]?$")


def furniture(text: str) -> bool:
    """True for an editor, layout or reader-mail line (本版编辑：X, 责任编辑：X, 版式设计：X...)
    or a lone picture / data source line (影像中国, 数据来源：…)."""
    t = text.strip()
    if len(t) <= 24 and (m := FURNITURE_BARE_RE.match(t)) and (split_names(m.group(1)) or glued_names(m.group(1))):
        return True  # 版式设计张芳曼: the colon lost with the spaces
    return len(t) <= 80 and (FURNITURE_RE.match(t) is not None or SOURCE_LINE_RE.match(t) is not None)
