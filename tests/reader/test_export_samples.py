"""Hand-built export bundles shared by the export/import tests (imported as a sibling module),
and checks that the samples themselves are consistent."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from reader.records import (
    AnnotationRecord,
    ArticleRecord,
    EntityRecord,
    ExportBundle,
    TagRecord,
)

T0 = datetime(2024, 1, 6, 8, 30, tzinfo=timezone.utc)

TEXT_1 = (
    "习近平会见联合国秘书长古特雷斯\n"
    "新华社北京1月5日电 国家主席习近平5日在北京会见了联合国秘书长古特雷斯。\n"
    "习近平指出，中方愿同联合国加强合作。古特雷斯表示，“联合国高度重视中国的作用”。"
)
TEXT_2 = (
    "吉林𠮷祥村的民生账本\n"
    "本报记者 王𠮷 张三\n"
    "今年以来，𠮷祥村把群众的“急难愁盼”列成清单，逐项销号。\n"
    "村支书说：“账本要晒在阳光下。”\n"
    "  　村民李四：<好>&“实在”。"
)
TEXT_3 = "图片新闻\n1月5日，游客在哈尔滨冰雪大世界游玩。"

NOTE_TRICKY = 'He said "<b>重要</b>" & it\'s ]]> fine\n第二行：“引号”\t制表符'

TAGS = [
    TagRecord(1, "政治", None, "#e15759", "政治类议题"),
    TagRecord(2, "外交", 1, "#4e79a7", "涉外活动 <含会见>"),
    TagRecord(3, "高层会见", 2, "#76b7b2", ""),
    TagRecord(4, "问责", None, "#f28e2b", "监督 & 问责"),
    TagRecord(5, "社会 民生", None, "#59a14f", ""),
    TagRecord(6, "基层治理", 5, "#edc948", "村级"),
]


def article(aid: int, source: str, position: int, text: str, title: str | None) -> ArticleRecord:
    return ArticleRecord(
        id=aid,
        source=source,
        title=title,
        display_title=title or text[:10],
        title_derived=title is None,
        subtitle=None,
        authors=(),
        photographers=(),
        dateline=None,
        text=text,
        position=position,
    )


def ann(
    aid: int,
    article_id: int,
    text: str,
    quote: str,
    tags: tuple[str, ...],
    note: str = "",
    occurrence: int = 0,
    author: str = "研究员甲",
    orphan: bool = False,
) -> AnnotationRecord:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
    if orphan:
        start, end = start + 2, end + 2  # offsets no longer cut the quote
    return AnnotationRecord(
        id=aid,
        article_id=article_id,
        start=start,
        end=end,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        tags=tags,
        note=note,
        author=author,
        created=T0 + timedelta(minutes=aid),
        updated=T0 + timedelta(minutes=aid, seconds=30),
        status="orphan" if orphan else "anchored",
    )


def entities_for(text: str, spans: list[tuple[str, str, int]]) -> list[EntityRecord]:
    result = []
    for surface, etype, occurrence in spans:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        result.append(EntityRecord(start, start + len(surface), etype, surface))
    return result


def sample_bundle() -> ExportBundle:
    """Three articles (one unannotated), nested tags, multi-tag annotations, tricky notes, a
    span across a newline, non-BMP characters before and inside spans, and one orphan."""
    arts = [
        article(11, "rmrb/2024-01-06_01.txt", 0, TEXT_1, "习近平会见联合国秘书长古特雷斯"),
        article(12, "rmrb/2024-01-06_05.txt", 3, TEXT_2, "吉林𠮷祥村的民生账本"),
        article(13, "rmrb/2024-01-06_08 图片.txt", 1, TEXT_3, None),
    ]
    anns = [
        ann(
            101,
            11,
            TEXT_1,
            "国家主席习近平5日在北京会见了联合国秘书长古特雷斯",
            ("外交", "高层会见"),
            NOTE_TRICKY,
        ),
        ann(102, 11, TEXT_1, "古特雷斯表示，“联合国高度重视中国的作用”", ("外交",), "对方表态"),
        ann(103, 11, TEXT_1, "中方愿同联合国加强合作", (), "未分类的批注"),
        ann(104, 11, TEXT_1, "古特雷斯\n新华社", ("政治",), "跨行片段", author="研究员乙"),
        ann(201, 12, TEXT_2, "王𠮷", ("社会 民生",), "记者署名含扩展B区字"),
        ann(
            202,
            12,
            TEXT_2,
            "𠮷祥村把群众的“急难愁盼”列成清单，逐项销号",
            ("基层治理", "问责"),
            "清单制 <治理> & 销号",
        ),
        ann(203, 12, TEXT_2, "账本要晒在阳光下。”\n  　村民李四：<好>&“实在”", ("问责",), ""),
        ann(204, 12, TEXT_2, "民生账本", ("社会 民生",), "已失效的位置", orphan=True),
    ]
    ents = {
        11: entities_for(
            TEXT_1,
            [
                ("习近平", "PER", 0),
                ("新华社", "ORG", 0),
                ("北京", "LOC", 0),
                ("1月5日", "DATE", 0),
                ("习近平", "PER", 1),
                ("北京", "LOC", 1),
                ("联合国", "ORG", 0),
                ("联合国秘书长", "ORG", 0),
                ("古特雷斯", "PER", 1),
                ("联合国", "ORG", 2),
            ],
        ),
        12: entities_for(TEXT_2, [("吉林", "LOC", 0), ("王𠮷", "PER", 0), ("李四", "PER", 0)]),
        13: entities_for(TEXT_3, [("1月5日", "DATE", 0), ("哈尔滨", "LOC", 0)]),
    }
    return ExportBundle(
        arts,
        anns,
        list(TAGS),
        ents,
        project_name="两会报道 <测试> & 批注",
        author="研究员甲",
        exported=datetime(2024, 1, 7, 12, 0, tzinfo=timezone.utc),
    )


def running_example_bundle() -> ExportBundle:
    """FORMATS.md's running example with its six entity spans."""
    text = "新华社北京1月5日电 国家主席习近平5日在北京会见了联合国秘书长古特雷斯。"
    art = article(1, "xinhua_20240105.txt", 0, text, None)
    ents = [
        EntityRecord(0, 3, "ORG", "新华社"),
        EntityRecord(3, 5, "LOC", "北京"),
        EntityRecord(5, 9, "DATE", "1月5日"),
        EntityRecord(15, 18, "PER", "习近平"),
        EntityRecord(26, 29, "ORG", "联合国"),
        EntityRecord(32, 36, "PER", "古特雷斯"),
    ]
    anns = [ann(1, 1, text, "习近平", ("人物",), "国家主席")]
    return ExportBundle([art], anns, [TagRecord(1, "人物")], {1: ents})


def test_sample_annotations_cut_their_quotes() -> None:
    bundle = sample_bundle()
    for a in bundle.annotations:
        text = bundle.article(a.article_id).text
        assert (text[a.start : a.end] == a.quote) == (a.status == "anchored")
    for aid, ents in bundle.entities.items():
        for e in ents:
            assert bundle.article(aid).text[e.start : e.end] == e.text


def test_running_example_offsets() -> None:
    bundle = running_example_bundle()
    text = bundle.articles[0].text
    assert len(text) == 37
    assert [text[e.start : e.end] for e in bundle.entities[1]] == [
        "新华社",
        "北京",
        "1月5日",
        "习近平",
        "联合国",
        "古特雷斯",
    ]


def test_non_bmp_character_is_one_code_point() -> None:
    assert len("𠮷") == 1
    assert TEXT_2.index("王𠮷") == TEXT_2.index("本报记者") + 5
