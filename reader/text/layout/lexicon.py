"""Language knowledge: jieba's word list (loaded lazily, once) and Chinese personal names.

Only dictionary look-ups are used, never segmentation of whole pages (throughput).
"""

from __future__ import annotations

import logging
import re

_FREQ: dict[str, int] | None = None
_TAGS: dict[str, str] | None = None

SINGLE_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟"
    "邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储"
    "原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阎帅聂揭粱练晋强勾暨扎乌达"
)
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里"}

ROLE_RE = re.compile(
    r"(?:综合|参与)?(?:[\u4e00-\u9fff]{0,6}?(?:日报|晚报|报社|电视台|新闻网|融媒体中心)|新华社|中新社|本报|本刊|人民网)?"
    r"(?:驻[\u4e00-\u9fff]{1,6}?)?(?:全媒体|融媒体)?(?:见习|特约|首席|实习|特派)?"
    r"(?:记者|通讯员|实习生|编辑|摄影|撰稿|整理|统筹|执笔)"
)
_ROLE_COLON_RE = re.compile(r"(?:^|(?<=\s))(?:记者|通讯员|作者|执笔|整理|撰文|撰稿|摄影|文|图)\s*[：:]")
_NAME_SUFFIX_RE = re.compile(r"(?:采访整理|参与采写|采写|采访|整理|报道|编译|供稿)$")
NAME_CHARS_RE = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_NOT_NAME_CHARS = set("的了是在和与及等年月日市县区镇乡村省局委会部厅公司办组队站所院校")


def freq() -> dict[str, int]:
    """jieba's word -> frequency table (prefixes of longer words map to 0); loaded once."""
    global _FREQ
    if _FREQ is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.check_initialized()
        _FREQ = jieba.dt.FREQ
    return _FREQ


def word_tag(text: str) -> str | None:
    """jieba's part-of-speech tag of ``text`` (``ns`` place, ``nr`` person, ``v`` verb...), or
    None when it is not in the dictionary; the tag table is loaded once."""
    global _TAGS
    if _TAGS is None:
        freq()
        import jieba.posseg

        _TAGS = jieba.posseg.dt.word_tag_tab
    return _TAGS.get(text)


def is_word(text: str) -> bool:
    """True when ``text`` is a word in jieba's dictionary."""
    return freq().get(text, 0) > 0


def word_freq(text: str) -> int:
    """jieba's frequency of ``text`` (0 when not a word)."""
    return freq().get(text, 0)


def has_surname(name: str) -> bool:
    """True when ``name`` starts with a known single or compound surname."""
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SINGLE_SURNAMES


def looks_like_name(name: str) -> bool:
    """A plausible Chinese personal name: 2-4 ideographs (5 with a compound surname), a known
    surname, no character that names institutions or dates, not a common word."""
    if not NAME_CHARS_RE.match(name):
        return False
    compound = name[:2] in COMPOUND_SURNAMES
    limit = 5 if compound else 4
    if len(name) > limit or not has_surname(name):
        return False
    if len(name) == 4 and not compound and word_freq(name[2:]) > 100:
        return False
    if any(ch in _NOT_NAME_CHARS for ch in name[1:]):
        return False
    if word_freq(name) > 300:
        return False
    return True


def split_names(text: str) -> list[str] | None:
    """Names in a byline or credit (``贺露明 李 奕 周 丽`` -> 贺露明, 李奕, 周丽); role words such
    as 记者/通讯员 are dropped.  None when anything in ``text`` is not a name."""
    if len(text) > 80 or not text.strip() or any(ch in text for ch in "。！？；“”《"):
        return None  # a sentence, not a byline (and ROLE_RE is costly on long text)
    cleaned = ROLE_RE.sub(" ", _ROLE_COLON_RE.sub(" ", text))
    if re.search(r"[\u4e00-\u9fff][：:][\u4e00-\u9fff]", cleaned):
        return None
    cleaned = re.sub(r"[，,、；;：:/|]", " ", cleaned)
    tokens = cleaned.split()
    if not tokens:
        return None
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) <= 2:
            merged = tok + tokens[i + 1]
            if looks_like_name(merged):
                names.append(merged)
                i += 2
                continue
        if len(tok) == 1:
            return None
        if not looks_like_name(tok) and i == len(tokens) - 1 and (m := _NAME_SUFFIX_RE.search(tok)) \
                and looks_like_name(tok[:m.start()]):
            tok = tok[:m.start()]
        if not looks_like_name(tok):
            return None
        names.append(tok)
        i += 1
    return names


def glued_names(text: str) -> list[str] | None:
    """Names after an explicit role (``执笔：任晓刚方力``) whose separating spaces were lost:
    each item is a name, or two names run together (the first cut where both halves read as
    names, the longer first name tried first); None when an item is neither."""
    names: list[str] = []
    for tok in re.split(r"[\s、，,；;]+", text.strip()):
        if not tok:
            continue
        if looks_like_name(tok):
            names.append(tok)
            continue
        for cut in (3, 2):
            if 2 <= len(tok) - cut <= 3 and looks_like_name(tok[:cut]) and looks_like_name(tok[cut:]):
                names.extend([tok[:cut], tok[cut:]])
                break
        else:
            return None
    return names or None


_ACROSS = ((1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (1, 3))
BETWEEN_RATIO = 10  # a word across counts over two words of their own when this many times commoner


def word_across(left: str, right: str) -> str | None:
    """A dictionary word of 2-4 characters made of the end of ``left`` and the start of
    ``right`` (evidence that a break falls inside a word; four-character idioms split 3+1 or
    1+3 too: 颗粒归|仓), or None.  A break between two
    words (工作|人民) does not count, unless the four characters form one word (关键|环节) or the
    word across is ``BETWEEN_RATIO`` times commoner than both (小组办|公室)."""
    if not left or not right:
        return None
    table = freq()
    tail, head = left[-3:], right[:3]
    between = None  # are left[-2:] and right[:2] words of their own? (computed once, if needed)
    beside = 0
    for a, b in _ACROSS:
        if len(tail) < a or len(head) < b:
            continue
        w = tail[-a:] + head[:b]
        f = table.get(w, 0)
        if f > 0:
            if len(w) == 4:
                return w
            if between is None:
                sides = (table.get(left[-2:], 0), table.get(right[:2], 0))
                between = min(sides) > 0
                beside = max(sides)
            if not between or f >= BETWEEN_RATIO * beside:
                return w  # (a far commoner word across: 小组办|公室 makes 办公室, not 组办 + 公室)
    return None
