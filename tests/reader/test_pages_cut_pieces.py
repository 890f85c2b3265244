"""Seed articles cut the way re-laid-out pages cut them (tests/synth/layout.py): a short piece of a
broken paragraph is no section heading, a tail printed after a later article and closed by its
credit goes back, an orphan run goes where it clearly belongs, a kicker over a title with no
byline opens an article.  Every text below is seed text (seeds/*.txt, as the parser reads it)."""

from __future__ import annotations

from synth.material import seed_articles

from reader.text.article import Article
from reader.text.layout.broken import broken_text, built_heading
from reader.text.layout.rejoin import opens_sentence
from reader.text.layout.text import squash
from reader.text.layout.units import Unit
from reader.text.pages import explain_page, parse_page


def _seed(title: str) -> Article:
    return next(a for a in seed_articles() if a.title == title)


def _paras(a: Article) -> list[str]:
    return [b.text for b in a.body if b.kind == "paragraph"]


def _why(head: str, nxt: str, prev: str = "上一段写完了。") -> str | None:
    return broken_text(Unit(1, head, kind="headish"), Unit(2, nxt), Unit(0, prev))


def test_a_piece_cut_off_a_paragraph_is_no_heading() -> None:
    # (张家界出台《意见》, 让冒领的民生资金, 娄底…荷塘街道, 开福区…, 我省新增5个…, 张家界…, 永州用好调研法宝)
    assert "end of a clause (重要任务)" in (_why("《意见》明确四项", "重要任务。聚焦“两个维护”，加强理论武装，强化政治监督") or "")
    assert "numeral" in (_why("《意见》明确四项", "重要任务：聚焦“两个维护”，加强理论武装，强化政治监督") or "")
    assert "end of a clause (巡察说起)" in (_why("事情还要从一次", "巡察说起。2023年10月至12月，郴州市委第五巡察组") or "")
    assert "adverb" in (_why("荷塘街道还", "将清廉建设融入乡村振兴全过程和各个环节") or "")
    assert "一是" in (_why("一是以宣传", "强化引导，在加强日常上门法制宣传的同时") or "")
    assert "opens like a sentence" in (_why("自2011年", "人社部部署实施高技能人才振兴计划起") or "")
    assert "says something" in (_why("《意见》强调，要不断强化", "监督保障措施，着力形成共创清廉张家界的良好态势。") or "")
    assert "place" in (_why("宁远县", "湾井镇下灌社区，是中国传统村落") or "")
    assert "end of a clause (徐徐展开)" in (_why("真抓实干中，一幅“平安娄星”建设的新图景", "徐徐展开。") or "")
    assert "end of a clause (活动)" in (_why("永州经开区常态化举办政企交流", "活动，对116家规模工业企业进行挂牌服务。") or "")


def test_real_headings_and_titles_are_not_taken_for_pieces() -> None:
    assert _why("花卉采收忙", "最近，江苏省连云港市赣榆区金山镇农民种植的各类花卉迎来采收上市的忙碌时节。") is None
    assert _why("邵阳县：简讯标题", "简讯正文。") is None
    assert _why("不平凡的一年", "2023年，全省上下团结奋斗。") is None
    assert _why("集结：紧急赴一线", "各地医疗队近6000人飞抵前线。") is None
    assert all(built_heading(t) for t in ("更新提质“强基”", "一线现场办公 化解群众急难愁盼", "创新——常态监督“不缺位”",
                                          "邻里互助,“楼宇会”里解民忧", "聚焦职责使命，持续巩固深化政治巡视"))
    assert not any(built_heading(t) for t in ("南县牢牢把握秋冬", "今年以来，双清", "国家超级计算"))


def test_opens_sentence() -> None:
    assert all(opens_sentence(t) for t in ("广西崇左市江州区江州镇江州社区，交通不便。", "该市以创建“全国文明城市”为契机",
                                           "由于辖区观化市场内存在问题", "7月26日，娄底市委第一督查组", "“麻烦出示一下您的场所码”",
                                           "最近，江苏省连云港市"))
    assert not any(opens_sentence(t) for t in ("修水利的黄金时期，稳步推进水利工程建设。", "工作室主要依托我省大型骨干企业",
                                               "品牌工程，以党建引领高效能治理"))


def test_a_plain_piece_before_text_that_runs_on_is_joined() -> None:
    nan = _seed("南县精准施策推进水利工程建设")
    first = next(p for p in _paras(nan) if p.startswith("南县牢牢把握秋冬"))
    cut = len("南县牢牢把握秋冬")
    page = f"{nan.title}\n\n" + "\n\n".join(_paras(nan)).replace(first, first[:cut] + "\n\n" + first[cut:]) + "\n"
    (art,) = parse_page(page, "p")
    assert first in _paras(art) and not any(b.kind == "heading" for b in art.body)
    assert any(r["step"] == "heading-text" for r in explain_page(page, "p"))
    # before a paired jump-out marker too (marked jump cut mid-sentence)
    rest = [p for p in _paras(nan) if p != first]
    other = _seed("平江积极打造“无毒公共场所”")
    page = (f"{nan.title}\n\n{_paras(nan)[0]}\n\n{first[:cut]}（转第二版）\n\n{other.title}\n\n"
            + "\n\n".join(_paras(other)) + f"\n\n{nan.title}\n\n（上接第1版）{first[cut:]}\n\n"
            + "\n\n".join(p for p in rest[1:]) + "\n")
    arts = parse_page(page, "p")
    assert first in _paras(arts[0]) and not any(b.kind == "heading" for b in arts[0].body)


def test_a_tail_closed_by_its_credit_after_a_later_article_goes_back() -> None:
    beihu = _seed("北湖反电诈行动守护群众“钱袋子”")
    pingjiang = _seed("平江积极打造“无毒公共场所”")
    head, tail = _paras(beihu)[:2], _paras(beihu)[2:]
    page = (f"{beihu.title}\n\n" + "\n\n".join(head) + f"\n\n{pingjiang.title}\n\n记者 张 璇\n\n"
            + "\n\n".join(_paras(pingjiang)) + "\n\n" + "\n\n".join(tail) + "（李秉钧 钟剑昌）\n")
    arts = parse_page(page, "p")
    assert [a.title for a in arts] == [beihu.title, pingjiang.title]
    assert [squash(p) for p in _paras(arts[0])] == [squash(p) for p in _paras(beihu)]
    assert arts[0].authors == ["李秉钧", "钟剑昌"] and arts[1].authors == ["张璇"]
    assert any("closed by a credit of others" in r.get("why", "") for r in explain_page(page, "p") if r["step"] == "jump")


def test_an_orphan_run_goes_where_it_shares_far_more() -> None:
    farm = _seed("产粮大镇的振兴画卷")
    supercomputer = _seed("国家超级计算长沙中心传喜讯 天河新一代超级计算机主机系统通过验收")
    paras = _paras(farm)
    page = (f"{farm.title}\n\n{paras[0]}\n\n# {supercomputer.title}\n\n" + "\n\n".join(_paras(supercomputer))
            + "\n\n版式设计：蔡华伟\n\n" + "\n\n".join(paras[1:]) + "\n")
    arts = parse_page(page, "p")
    assert len(arts) == 2 and [squash(p) for p in _paras(arts[0])] == [squash(p) for p in paras]


def test_a_kicker_over_a_title_with_no_byline_is_no_section_heading() -> None:
    zjj = _seed("张家界出台《意见》 深入推进清廉张家界建设")
    yz = _seed("永州“快反135”机制运行暨公安监所规范化建设讲评会召开")
    page = (f"{zjj.title}\n\n记者：肖君、周倩丽\n\n" + "\n\n".join(_paras(zjj)) + f"\n\n{yz.kicker}\n\n{yz.title}\n\n"
            + "\n\n".join(_paras(yz)) + "\n\n（李忠仁 李明宇）\n")
    arts = parse_page(page, "p")
    assert [a.title for a in arts] == [zjj.title, yz.title]
    assert arts[1].kicker == yz.kicker and arts[1].authors == ["李忠仁", "李明宇"]
    assert [squash(p) for p in _paras(arts[1])] == [squash(p) for p in _paras(yz)]


def test_combined_text_and_photo_bylines_the_generator_prints() -> None:
    for line, author, photo in (("曹 一图 于 石文", "于石", "曹一"), ("郭 鹏摄 本报记者 姚雪青文", "姚雪青", "郭鹏"),
                                ("本报记者 周 丽文 王 伟摄", "周丽", "王伟")):
        (art,) = parse_page(f"标题在这里\n\n{line}\n\n正文第一段写完了。\n\n正文第二段也写完了。\n", "p")
        assert (art.authors, art.photographers) == ([author], [photo]), line


def test_a_short_piece_repeating_a_phrase_of_its_paragraph_is_no_duplicate() -> None:
    from reader.text.layout import units

    text = ("同时，建立小区党支部书记数据库，推选有威望、有热情、有能力的居民党员担任小区党支部书记。目前已有4名党性强、群众威望高的居"
            "\n\n民党员担任小区党支部书记。\n\n该市建立健全党建四联模式。")  # (小区治理大文章, broken at 居|民)
    kept, dropped = units.drop_duplicates(units.split_units(text))
    assert not dropped and len(kept) == 3
    # a copy re-wrapped across a line end is still one
    kept, dropped = units.drop_duplicates(units.split_units("甲乙丙丁戊己庚辛壬癸一二三\n\n子丑寅卯辰巳午未申酉。\n\n乙丙丁戊己庚辛壬癸一二三子丑寅卯"))
    assert len(dropped) == 1


def test_a_copy_cut_by_a_jump_keeps_its_marker() -> None:
    longshan = _seed("湖南龙山县·湖北来凤县：携手开展新时代文明实践跨省协作")
    first, rest = _paras(longshan)[0], _paras(longshan)[1:]
    cut = first.index("——")
    other = _seed("平江积极打造“无毒公共场所”")
    page = (f"{longshan.title}\n\n{first}\n\n{first[:cut]}（下转第4版）\n\n{other.title}\n\n"
            + "\n\n".join(_paras(other)) + f"\n\n（紧接第1版）{first[cut:]}\n\n" + "\n\n".join(rest) + "\n")
    arts = parse_page(page, "p")
    assert [a.title for a in arts] == [longshan.title, other.title]
    assert [squash(p) for p in _paras(arts[0])] == [squash(p) for p in _paras(longshan)]
    assert any("its jump marker" in r.get("why", "") for r in explain_page(page, "p") if r["step"] == "duplicate")


def test_an_orphan_tail_goes_to_the_closed_article_it_shares_most_with_not_an_open_end() -> None:
    huitong = _seed("会同县：一线监督助推耕地复垦")
    zjj = _seed("张家界出台《意见》 深入推进清廉张家界建设")
    pingjiang = _seed("平江积极打造“无毒公共场所”")
    hp, zp = _paras(huitong), _paras(zjj)
    open_end = hp[-1][: len(hp[-1]) // 2]  # its end is on another page: it breaks off
    page = (f"{huitong.title}\n\n" + "\n\n".join(hp[:-1] + [open_end]) + f"\n\n{zjj.title}\n\n" + "\n\n".join(zp[:2])
            + f"\n\n{pingjiang.title}\n\n记者 张 璇\n\n" + "\n\n".join(_paras(pingjiang)) + "\n\n（张 璇）\n\n"
            + "\n\n".join(zp[2:]) + "\n\n（肖 君 周倩丽）\n")
    arts = parse_page(page, "p")
    assert [a.title for a in arts] == [huitong.title, zjj.title, pingjiang.title]
    assert [squash(p) for p in _paras(arts[1])] == [squash(p) for p in zp] and arts[1].authors == ["肖君", "周倩丽"]
    assert squash(_paras(arts[0])[-1]) == squash(open_end)


def test_a_title_of_two_phrases_over_a_dash_subtitle_is_no_broken_kicker() -> None:
    cd = _seed("创新驱动转型 数字赋能发展")
    other, pingjiang = _seed("我省新增5个国家级技能大师工作室"), _seed("平江积极打造“无毒公共场所”")
    paras = _paras(cd)
    k = next(i for i, p in enumerate(paras) if "服务平台" in p)
    cut = paras[k].index("服务平台") + 3  # (…搭建启用400云坐席服务平|台，通过…: 发展|台 makes 展台)
    page = (f"{other.title}\n\n" + "\n\n".join(_paras(other)) + "\n\n（贺 威）\n\n"
            f"{cd.title}\n\n——{cd.subtitle}\n\n" + "\n\n".join(paras[:k] + [paras[k][:cut]])
            + f"\n\n{pingjiang.title}\n\n记者 张 璇\n\n" + "\n\n".join(_paras(pingjiang)) + "\n\n（张 璇）\n\n"
            + "\n\n".join([paras[k][cut:]] + paras[k + 1:]) + "\n")
    arts = parse_page(page, "p")
    assert cd.title in [a.title for a in arts]
    got = next(a for a in arts if a.title == cd.title)
    assert got.subtitle == cd.subtitle and paras[k] in _paras(got)


def test_a_subtitle_without_dash_opening_with_a_place_is_no_title_under_a_kicker() -> None:
    ls = _seed("真抓实干绘就平安娄星新图景")
    assert ls.subtitle and ls.subtitle.startswith("娄底市")
    page = f"{ls.title}\n\n{ls.subtitle}\n\n曾玉玺 贺 娜\n\n" + "\n\n".join(_paras(ls)) + "\n"
    (art,) = parse_page(page, "p")
    assert (art.kicker, art.title, art.subtitle) == (None, ls.title, ls.subtitle)
    # a kicker over a title as long stays one (People's Daily, 2020-05-27 p5)
    (art,) = parse_page("数字经济为发展注入活力\n\n广州加快提升经济新动能\n\n本报记者 李刚\n\n" + "\n\n".join(_paras(ls)) + "\n", "p")
    assert (art.kicker, art.title) == ("数字经济为发展注入活力", "广州加快提升经济新动能")


def test_a_dateline_credit_broken_across_lines_is_read_once_joined() -> None:
    xq = _seed("小区治理大文章")
    paras = _paras(xq)
    page = (f"{xq.title}\n\n" + "\n\n".join(paras[:-1]) + f"\n\n{paras[-1]}（新华社北京2月13日电 记者李秉"
            "\n\n钧、谢锋、刘永跃）\n")
    (art,) = parse_page(page, "p")
    assert art.authors == ["李秉钧", "谢锋", "刘永跃"]
    assert squash(_paras(art)[-1]) == squash(paras[-1])
