"""Page furniture recognised by its words: jump markers, box labels, signature lines, series tags
and head-line shapes (pure functions of one line).

- jump markers: ``（下转第N版）``, ``(下转第二版)``, ``下转第N版``, ``（转第N版）`` (the text
  continues elsewhere) and ``（上接第1版）``, ``(上接第一版)``, ``（紧接第1版）`` (the text
  continues an earlier one), as their own line or inline;
- box labels: 核心阅读, 编者按, 开栏的话… that open a box at the top of an article;
- signature lines: ``——习近平``, ``——编 者``, ``——某某在座谈会上说`` closing an epigraph, a
  quote or an editor's note (text of the article, not a subtitle);
- series tags on a title line: ``让公众感受历史的魅力（人民论坛）``;
- kicker and subtitle shapes: a line ending in ``——`` or ``强调``, a line starting with ``记``.
"""

from __future__ import annotations

import re

from reader.text.layout.lexicon import split_names

_NUM = r"[0-9０-９一二三四五六七八九十百A-Za-z]{1,4}"
JUMP_RE = re.compile(
    rf"[（(]?\s*(?P<dir>下转|转至|转|上接|紧接|接|续)\s*(?:第\s*{_NUM}\s*(?:版|页)|{_NUM}\s*(?:版|页)|本版[^）)]{{0,6}})"
    rf"\s*[）)]?"
)
JUMP_OUT = {"下转", "转至", "转"}
BOX_LABELS = ("核心阅读", "编者按", "编者的话", "开栏的话", "编后", "编后语", "导读", "阅读提示", "内容提要", "提要",
              "本报记者手记", "短评", "编者", "题记")
BOX_RE = re.compile(r"^【?(?:" + "|".join(BOX_LABELS) + r")】?\s*[：:]?\s*$")
BOX_LEAD_RE = re.compile(r"^【?(?:编者按|编者的话|内容提要|核心阅读|阅读提示)】?\s*[：:]")
SIGN_RE = re.compile(r"^\s*(?:——|--|－－|—)\s*(.{1,40}?)\s*$")
SIGN_SAYS_RE = re.compile(r"(?:说|表示|指出|强调|写道|语|如是说|谈到|感言|的话|寄语|留言)$")
EDITOR_SIGN_RE = re.compile(r"^(?:编\s*者|编\s*辑\s*部|本\s*报\s*编\s*辑\s*部|本版编辑)$")
TAG_RE = re.compile(r"^(?P<title>.{2,}?)\s*[（(](?P<tag>[^（）()]{2,60})[）)]$")
PART_TAG_RE = re.compile(r"^(?:[上中下]|[0-9一二三四五六七八九十]+|之[一二三四五六七八九十]+|续|完)$")
DATE_TAG_RE = re.compile(r"\d{4}年|[〇零一二三四五六七八九十]{4}年|\d{1,2}月\d{1,2}日")
KICKER_END_RE = re.compile(r"(?:——|—|：|:|强调|指出|表示|要求|时说|寄语|致信|提出|宣布|讲话|发言|重申|呼吁)$")
SUBTITLE_RE = re.compile(r"^(?:记|追记|访|写在|——|—|追忆|回访|专访|对话)|(?:综述|述评|纪实|侧记|小记|答记者问|纪事|之[一二三四五六七八九十]+|"
                         r"出席|主持|主持会议|主持召开)$")


def jump_marker(text: str) -> tuple[str, str, str] | None:
    """``(direction, marker, rest)`` when ``text`` holds a jump marker at its end (``out`` or
    ``in``) or at its start (``in`` or ``out``); ``rest`` is the text without it.  None when
    there is no marker (or it sits inside a sentence)."""
    if "版" not in text and "页" not in text:
        return None
    for m in JUMP_RE.finditer(text):
        at_end = not text[m.end():].strip()
        at_start = not text[: m.start()].strip()
        if not (at_end or at_start):
            continue
        bracketed = m.group(0).lstrip().startswith(("（", "(")) or at_start and at_end
        direction = "out" if m.group("dir") in JUMP_OUT else "in"
        if not bracketed and not (at_end and direction == "out" and m.group("dir") == "下转"
                                  or at_start and direction == "in" and m.group("dir") in ("上接", "紧接")):
            continue
        rest = (text[: m.start()] + text[m.end():]).strip()
        return direction, m.group(0).strip(), rest
    return None


def box_label(text: str) -> bool:
    """True for a box label line (核心阅读, 编者按...)."""
    return len(text) <= 12 and BOX_RE.match(text.strip()) is not None


def box_lead(text: str) -> bool:
    """True for a paragraph that opens a box in its first words (``编者按：…``)."""
    return BOX_LEAD_RE.match(text) is not None


def signature(text: str) -> bool:
    """True for a dash line that signs the text above it (``——习近平``, ``——编 者``, ``——某某
    在座谈会上说``) rather than giving a subtitle."""
    m = SIGN_RE.match(text)
    if not m:
        return False
    who = m.group(1).strip()
    if EDITOR_SIGN_RE.match(who):
        return True
    if len(who) <= 12 and split_names(who) or re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", who):
        return True  # ——习近平 (a name of at most four characters: too short for a subtitle)
    return len(who) >= 6 and SIGN_SAYS_RE.search(who) is not None


def series_tag(text: str) -> tuple[str, str] | None:
    """``(title, tag)`` for a title line that ends with a series tag in brackets
    (``让公众感受历史的魅力（人民论坛）``); part numbers (上, 中, 之一), dates and credits stay."""
    m = TAG_RE.match(text.strip())
    if not m:
        return None
    tag = m.group("tag").strip()
    if PART_TAG_RE.match(tag) or DATE_TAG_RE.search(tag):
        return None
    title = m.group("title").strip()
    if len(title) < 2 or title.count("（") != title.count("）"):
        return None
    return title, tag


def kicker_shaped(text: str) -> bool:
    """A line that leads into the title under it: ends with a dash, a colon or a speech verb
    (``…会议上强调``)."""
    return len(text) <= 60 and KICKER_END_RE.search(text.strip()) is not None


COLUMN_MAX = 10  # characters of a column label (栏目) standing alone over or under a title
SERIES_COLUMN_MAX = 20  # a series label with parts (新春走基层·春节文化扫描)
_COLUMN_NOT_RE = re.compile(r"[，。；！？、：,;!?:]|记者|通讯员|评论员|摄|报道|编辑|整理|是|了|签署|强调|表示|指出|"
                            r"\d+(?:\.\d+)?(?:万|亿|元|%|％|个|人|吨|家|项|件|公里|米)")


PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
             "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
PROVINCE_PLACE_RE = re.compile(r"^(?:" + "|".join(PROVINCES) + r")([\u4e00-\u9fff]{2,5})$")
PLACE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗|盟|乡|镇|村|部|委|局|厅|署)$")


def place_line(text: str) -> bool:
    """A line that is only a place or an organisation (``湖南邵东``, ``青岛城阳区``, ``农业农村部``):
    over a title it says where the news is from (a kicker), it is no column label (``浙江观察``
    is one: 观察 is a common word, not a place)."""
    from reader.text.layout.lexicon import word_tag

    core = re.sub(r"\s+", "", text)
    if PLACE_NAME_RE.match(core):
        return True
    m = PROVINCE_PLACE_RE.match(core)
    return m is not None and (word_tag(m.group(1)) or "ns")[:2] in ("ns", "nr")


def column_shaped(text: str, most: int = COLUMN_MAX) -> bool:
    """A line that can be a column label (栏目: 人民论坛, 今日谈, 2020春运一线): short, no
    clause punctuation, no credit, figure or sentence verb (a kicker such as ``李克强在青海考察时强调``
    or a subtitle is not one; ``most``: characters at most).  Series tags in brackets on the title line
    are read elsewhere."""
    core = re.sub(r"\s+", "", text)
    if not core or kicker_shaped(core) or _COLUMN_NOT_RE.search(core) or place_line(core):
        return False
    return len(core) <= (max(most, SERIES_COLUMN_MAX) if "·" in core or "——" in core else most)


def series_label(label: str, dashed: str) -> bool:
    """``label`` over a short dash line ``dashed`` reads as one series label
    (``在习近平新时代中国特色社会主义思想指引下——新时代新作为新篇章``), not as a title with its subtitle
    (``…（人民观点）——国庆盛典启示录①``, ``…——访尼泊尔总理奥利``, ``…——谈历史剧创作``)."""
    core = re.sub(r"\s+", "", label)
    rest = dashed.strip().lstrip("—").strip()
    return not (series_tag(label) or re.search(r"[，。；！？、：,;!?:“”（）()]", core) or subtitle_shaped(rest)
                or re.match(r"^(?:谈|评|读|看|论|话|写|忆|访)", rest))


def subtitle_shaped(text: str) -> bool:
    """A line that reads as a subtitle: ``记…``, ``写在…之际``, ``…综述``, ``…出席``."""
    return SUBTITLE_RE.search(text.strip()) is not None


def bracket_line(text: str) -> bool:
    """A whole line in brackets holding a date (a document's date under its title)."""
    t = text.strip()
    return t[:1] in "（(" and t[-1:] in "）)" and DATE_TAG_RE.search(t) is not None and len(t) <= 80
