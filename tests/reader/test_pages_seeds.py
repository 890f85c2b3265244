"""Every article of every seed page, as a careful reader finds it (written from reading the
pages, not from the parser's output).

Each expectation lists: title (None when lost), subtitle/kicker/column, authors, photographers,
captions, notes, the start of the first and the end of the last body paragraph, texts that only
exist when a broken paragraph or a jump was re-joined (``joins``: each must lie inside ONE body
block), and texts that must not be in the article (``absent``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.text.article import Article
from reader.text.pages import parse_page

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

E = dict[str, Any]

PAGES: dict[str, list[E]] = {
    "000_2faa8fd91fc3cf26.txt": [
        dict(title="利剑高悬显锋芒", subtitle="娄底市娄星区常态化巡察护航群众幸福指数",
             authors=["贺露明", "李奕", "周丽", "李梅花"],
             first="今年以来，娄底市娄星区充分发挥常态化巡察利剑作用",
             last="张学锋对下一步如何更好做好常态化巡察工作思路十分清晰。",
             joins=["围绕区委工作大局实行动态调整", "也保证了在业务问题上做到精准研判",
                    "连夜赶往农村村展开调查，持续工作到27日凌晨3时"],
             headings=["创新——常态监督“不缺位”", "精准——问责亮剑“不手软”", "高效——整改问题“不过夜”"],
             absent=["煤矿、非煤矿山", "作者系"]),
        dict(title=None, authors=["谢石中"],
             first="应急管理工作全年备战、全天守护、全时在线，必须要建立一支真正过得硬的队伍",
             last="关键时刻拉得出、冲得上、靠得住、打得赢。",
             joins=["以随时处置极端情况。", "抓好各项安全防范措施落实。",
                    "对危化品、煤矿、非煤矿山等重点行业领域强化重点管控"],
             headings=["淬炼过硬本领，锻造“六心”队伍。", "压紧压实责任，筑牢安全防线。",
                       "强化源头治理，防控重大安全风险。", "健全体制机制，提升综合应急救援能力。"],
             notes=["（作者系衡阳市应急管理局党委书记）"]),
        dict(title="邮储“代付” “智能”领航", subtitle="邮储银行全国首笔银企直联“智能代付”业务成功落地湖南",
             authors=["彭峰", "杨伊媛"], first="“不用跑银行，在办公室就能支付烟农款",
             last="提供更具个性化的定制型专属产品和全方位的优质金融服务。",
             joins=["“智能代付”业务是邮储银行在批量转账功能的基础上"], headings=[], absent=["彭 峰"]),
        dict(title="产粮大镇的振兴画卷", authors=["张健", "邱继行", "戴强"], first="宁乡市回龙铺镇近年来加强农业基础设施建设",
             last="具备了集团运作的优势。", joins=["休闲、养生、度假的打卡地。"], paragraphs=2),
        dict(title="创新驱动转型 数字赋能发展", subtitle="常德市城发集团经房物业创新服务的探索与实践小记",
             authors=["章莉", "肖林"], first="随着数字经济时代到来", last="创造服务新价值，开启物业新时代。",
             joins=["一键开门等服务功能，让居民的生活更加便捷。智能点亮幸福生活。"], paragraphs=3, once=["智能点亮幸福生活"]),
        dict(title=None, authors=["蒋莉莉", "朱如意"], first="近几年来，怀化市自然资源和规划局努力践行",
             last="全市权籍调查完成率和登记发证完成率均达到100%。",
             joins=["全市规划历史遗留矿山地质环境治理恢复面积达到225.46公顷"],
             headings=["绘制一张蓝图，以规划引领城市发展", "坚持开源节流，以制度守住耕地红线",
                       "重绘矿区底绿，以整治建设生态矿山", "坚持生命至上，以坚守筑牢地灾防线",
                       "提升工作效能，以服务造福群众企业"]),
        dict(title="乘上老旧小区改造的东风 洪江古商城旅居环境得到改善", authors=["贺冬松", "杨叶凡"],
             photographers=["田才茂"], captions=["改造后的洪江古商城夜景。"],
             first="“多亏了老旧小区改造啊", last="实现旅游收入1489.29万元。",
             joins=["排水沟渠改造、房屋火火墙做旧改造"], absent=["田才茂", "夜景"]),
    ],
    "001_f94e4609d75747fc.txt": [
        dict(title="高擎利剑护发展 激浊扬清弘正气", subtitle="沅陵县以高质量巡察推动高质量发展工作综述",
             authors=["朱跃军", "董慧", "雷鸿涛"], captions=["市县领导调研指导巡察工作。", "群众表达感谢送锦旗。"],
             notes=["(本文图片由沅陵县巡察办提供)"], first="“优化力量配备方式,提升对村巡察质效",
             last="以优异的巡察工作成绩为推进沅陵县高质量跨越式发展提供永续动力。",
             joins=["紧扣“三个聚焦”,围绕县委巡察五年规划和阶段性重点工作安排", "“探照灯”作用。2022年,沅陵坚持问题导向"],
             headings=["以“永远在路上”的政治自觉,写好巡察“责任篇”", "以“利剑高悬、震慑常在”的政治监督,写好巡察“履职篇”",
                       "以“不破楼兰终不还”的政治担当,写好巡察“整改篇”", "以“时时放心不下”的政治使命,写好巡察“运用篇”"],
             absent=["群众表达感谢送锦旗", "本文图片"]),
        dict(title="邵阳县：亮利剑 出重拳 打好缉毒歼灭战", authors=[], first="“近年来,邵阳县坚持‘四禁并举’",
             last="湖南省平安建设先进个人。", paragraphs=2),
        dict(title="会同县：一线监督助推耕地复垦", authors=[], first="“抛荒地里非常热闹",
             last="几位种粮大户把村民不愿意耕种的田和抛荒", paragraphs=4),
        dict(title="双清区：推出“清合力”党建品牌", authors=[], first="近日,邵阳市双清区“清合力”全域党建品牌启动",
             last="群团组织、经济组织和社会组织为补充的村级治理体系;依托", paragraphs=3),
        dict(title="蒸湘区：清廉村居建设助推乡村振兴", authors=[], first="近日,衡阳市蒸湘区雨母山镇",
             last="累计发现问题41个。", paragraphs=3),
        dict(title="永州经开区：开展“凤凰讲坛”理论微宣讲活动", authors=["刘佳宾", "蒋健"], first="6月28日晚,永州经开区",
             last="也有效推动了党的二十大精神走进千家万户。", joins=["《快板书·党的二十大》《戏曲串烧》《红红火火大中华》"],
             paragraphs=4),
        dict(title="零陵区：高标准农田建设绘出潇湘好“丰”景", authors=["唐高翔", "单建华"], first="在永州市零陵区富家桥镇",
             last="一幅粮丰民乐新图景正在潇湘大地徐徐展开。",
             joins=["这是零陵区推进高标准农田建设结出的硕果。", "配套高效节水、田间道路等设施"], paragraphs=1),
        dict(title="常德市：集中无害化处理一批毒品", authors=["黄建英"], first="6月25日,常德市举行",
             last="大力推进全国禁毒示范城市创建。", paragraphs=4, absent=["黄建英"]),
    ],
    "002_b9a174fbac633124.txt": [
        dict(title="把巡视利剑磨得更光更亮", kicker="湖南准确把握政治定位,推动巡视巡察工作向深拓展、向专发力、向下延伸",
             column="纵深推进正风肃纪反腐——回眸2023", subtitle=None, authors=["刘笑雪", "张栋"],
             first="巡视是党内监督的战略性制度安排", last="工作制度化、规范化水平不断提升。",
             joins=["推动巡视巡察工作向纵深发展。", "1400余户居民通水入户,修复了长韶娄塌方段供水管道", "对19人追责问责。"],
             headings=["聚焦职责使命,持续巩固深化政治巡视", "突出人民至上,加强巡视整改和成果运用",
                       "完善工作格局,建立上下联动监督网"]),
        dict(title="让冒领的民生资金“颗粒归仓”", column="全面从严治党在路上", authors=["刘笑雪", "蒋裕骏", "陈善武"],
             first="近两个月以来,郴州市库区移民事务中心", last="确保冒领的民生资金“颗粒归仓”。",
             joins=["资兴市东江镇某村一位村民向巡察组反映情况称", "市库区移民事务中心立即对照疑点信息进行摸排分析"]),
        dict(title="啃下巡察整改“硬骨头”", column="全面从严治党在路上", authors=["刘笑雪", "刘曼霖", "夏岚"],
             first="“已完成315本不动产权证办理", last="切实提升巡察震慑力和穿透力。",
             joins=["要求扛牢巡察整改政治责任,攻坚克难啃“硬骨头”。"], absent=["祁阳", "永州", "房票"]),
        dict(title="我省公布最新征地补偿标准", authors=["于森"], dateline="湖南日报1月26日讯(全媒体见习记者于森)",
             first="湖南日报1月26日讯(全媒体见习记者于森)近日,省政府印发", last="按照本标准执行。",
             joins=["(指因农业结构调整等原因,将耕地改为园地、林地"], paragraphs=6),
        dict(title="国家超级计算长沙中心传喜讯 天河新一代超级计算机主机系统通过验收", authors=["王铭俊", "乔乔"],
             dateline="湖南日报1月26日讯(全媒体记者王铭俊 通讯员 乔乔)",
             first="湖南日报1月26日讯(全媒体记者王铭俊 通讯员 乔乔)今天上午", last="加快实现高水平科技自立自强作出更大贡献。",
             joins=["国家超级计算长沙中心是我省“四个重大科学装置”之一"], paragraphs=4),
        dict(title="我省新增5个国家级技能大师工作室", authors=["贺威", "袁江"],
             dateline="湖南日报1月26日讯(全媒体记者贺威 通讯员 袁江)", first="湖南日报1月26日讯(全媒体记者贺威 通讯员 袁江)记者从省人社厅了解到",
             last="成果转化和技能培训等方面取得显著成效。", joins=["湘潭技师学院陈耀平技能大师工作室"], paragraphs=5),
        dict(title="永州用好调研法宝激活高质量发展新动能", kicker="解决一个问题,办好同类问题;以推动发展实效检验主题教育成效",
             column="学思想 强党性 重实践 建新功", authors=["严万达", "何胜瑞", "唐俊峰"],
             first="冷水滩区肖家园街道又一村社区九庵巷", last="新注册湘商项目123个,到位资金532亿元。",
             joins=["告别“小水泵”,拧开水龙头,清澈水流喷涌而出", "涉及里程120余公里"],
             headings=["一线现场办公 化解群众急难愁盼", "用改革破难题 推动高质量发展"],
             order=["全面激活高质量发展新动能。", "项目建设中,征拆安置是块难啃的“硬骨头”。", "永州科技局局长易先平介绍",
                    "“营商”变“赢商”"]),
        dict(title="新春迎福", authors=[], photographers=["曹正平"], paragraphs=0,
             captions=["1月26日,衡阳市雁峰区先锋社区,市民在猜灯谜。当天,该区文联组织文艺志愿者开展“写春联送福进社区”活动,"
                       "现场免费为市民书写春联和“福”字,举办有奖猜灯谜活动,营造浓浓的节日氛围。"]),
    ],
    "003_feb58d02c5fbd0cd.txt": [
        dict(title="真抓实干绘就平安娄星新图景", subtitle="娄底市娄星区全力开展基层平安创建", authors=["曾玉玺", "贺娜"],
             captions=["娄星公安进社区开展防范养老诈骗宣传。"], notes=["(娄星公安供图)"],
             first="青春之城，守护万家灯火温馨", last="还是党员干部的一份责任、一份担当。”",
             joins=["开展信访积案“大走访、大化解”活动和“上门暖心”行动3次，区级领导实地走访"],
             headings=["制度先行，构建综合治理“大格局”", "“五门治访”，打造区级信访“终点站”"]),
        dict(title="清廉若水 润物有声", subtitle="武陵区金丹实验学校“若水合唱团”唱响廉洁之歌", authors=["黄建平"],
             first="为进一步推进学校廉洁文化建设", last="成为武陵区艺术教育的一道美丽的风景线。", paragraphs=2),
        dict(title="娄底经开区纪工委督战保丰收", authors=["张伟", "邹娜妮"], first="晚稻已颗粒归仓",
             last="全力以赴打赢抗旱减灾这场硬仗。紧盯抗旱救灾工作", paragraphs=2),
        dict(title="开福区聚焦制度建设筑牢根治欠薪基础", authors=["刘莎莎", "向亚涛"], first="“保障农民工工资支付工作",
             last="着力营造懂法、守法的浓厚氛围。", paragraphs=2),
        dict(title="永州“快反135”机制运行暨公安监所规范化建设讲评会召开", kicker="提升机制品牌 升级警务效能",
             authors=["李忠仁", "李明宇"], first="11月1日至2日，永州“快反135”机制运行",
             last="推动永州公安工作高质量发展再上新台阶。", joins=["二等奖、三等奖的县市区局、直属中心派出所颁奖。"],
             paragraphs=4),
        dict(title="江永“一种双收”助农增收", authors=["周文", "谢文彬"], first="近日，省市县专家",
             last="每亩增收460元以上。", joins=["“今年我的120亩再生稻，每亩可收稻谷1200多公斤"], paragraphs=3),
        dict(title="南县精准施策推进水利工程建设", authors=["黄罗洲", "张雅琴"], first="11月2日，南县水利建设工地现场",
             last="助力生产、生活与水生生态环境治理。", joins=["可从长江水系的藕池河支流调水"], paragraphs=4),
        dict(title="北湖反电诈行动守护群众“钱袋子”", authors=["李秉钧", "钟剑昌"], first="日前，郴州市公安局北湖分局反诈民警",
             last="有效铲除电信诈骗滋生土壤。", joins=["依托“智慧云图”信息技术开展网上网下侦察"], paragraphs=3,
             absent=["李秉钧"]),
        dict(title="平江积极打造“无毒公共场所”", authors=["张璇", "欧阳武力", "何致圣"], first="今天，平江县天岳农贸超市禁毒爱心驿站",
             last="去年获评湖南省禁毒工作先进县和岳阳市禁毒工作先进县。", joins=["所辖范围内没有出现过一起吸、贩毒案件"],
             paragraphs=2),
        dict(title="岳塘区：打造“清廉”样板，助推乡村振兴", authors=["魏巍", "谢雨芬", "彭婷"],
             first="“这次召集大家来开会", last="以有力有效监督为乡村振兴保驾护航。”岳塘区纪委监委相关负责人表示。",
             joins=["融入家风家训、环境保护、移风易俗等文明理念"], paragraphs=7),
        dict(title="张家界开展机构编制执行情况和使用效益评估试点工作", authors=["李潇"], first="近年来，张家界市作为",
             last="通过问卷调查、个别访谈、走访调研、组织座谈等形式开展实地评估。", joins=["将流程步骤细化为16个步骤24个顺序流程"],
             paragraphs=4),
    ],
    "004_36ca30944805ef42.txt": [
        dict(title="党支部建在最前沿", subtitle="娄底市娄星区狠抓党建促基层治理水平提升", authors=["龚雅丽", "张莉", "张水锋", "肖京"],
             photographers=["聂艳彬"],
             captions=["长青街道甘子冲社区西区老年活动中心,西8栋、西12栋党员、楼栋长、居民代表在一起召开“楼宇会”。"],
             first="初夏时节,娄底市娄星区中心城区", last="推动项目建设又快又好发展。",
             joins=["形成以城市党建为引擎,社区服务、网格治理、志愿活动、物业管理为驱动的城市基层治理格局。通过楼宇会、议事会"],
             headings=["邻里互助,“楼宇会”里解民忧", "有事共议,屋场画出“同心圆”", "党员带头,支部建在疫情一线"],
             absent=["罗胜东", "共护西水河", "胡域", "焦炭"]),
        dict(title="湖南龙山县·湖北来凤县：携手开展新时代文明实践跨省协作", authors=["胡域", "向波", "莫成"],
             first="6月17日,湖南省湘西土家族苗族自治州龙山县", last="共同打造武陵山片区精神文明新高地提供强大精神力量。",
             joins=["进行省级文明城市相关知识宣传", "“全国民族团结进步模范集体”",
                    "“以全力打造酉水河两岸新时代文明实践示范带为契机,我们将继续深化"]),
        dict(title="娄底经开区：科技“赋能”促工业“减排”", authors=["李中声", "李文仪", "邹妮妮"],
             first="日前,娄底经开区被湖南省工业和信息化厅“选中”", last="科技“大盘”稳住了,绿色发展可期。",
             joins=["促进企业将设备、业务系统等关键环节向云端迁移", "重点实验室等创新平台落户。",
                    "去年投资12亿元实施焦炉环保升级改造工程,淘汰焦炭产能64万吨/年。"]),
        dict(title="江永：“禁毒妈妈”暖心帮扶“瘾君子”重拾信心", authors=["周文", "谭欢", "陆小芳"],
             first="“真心感谢你的真诚相助", last="才能带他们走出困境,走向希望。",
             joins=["一边倒水,一边亲切地与廖某军聊家常,了解到", "毛观飞与粗石江镇禁毒办协商后,制订了一套戒毒计划"],
             headings=[], paragraphs=5),
        dict(title="小区治理大文章", subtitle="资兴市强化城市科学治理纪实", authors=["李秉钧", "谢锋", "刘永跃"],
             first="2020年,国务院办公厅", last="今年已妥善解决小区管理重要事项、居民矛盾纠纷120多件。",
             joins=["做到小区的事大家议、共同管。建立健全“小区吹哨、部门报到”的联动机制",
                    "业主委员会、物业服务企业、网格员、楼栋长等积极协同、共建共治共享的居民小区治理体系"],
             headings=["更新提质“强基”", "完善管理“固本”", "党建引领“培元”"], absent=["清廉"]),
        dict(title="张家界出台《意见》 深入推进清廉张家界建设", authors=["肖君", "周倩丽"],
             first="近日,《中共张家界市委关于深入推进清廉张家界建设的实施意见》", last="明确了清廉机关、清廉商会、清廉村居等清廉单元创建标准。",
             joins=["以清廉机关、清廉商会、清廉村居等清廉单元建设为抓手促进社会清明。"], absent=["小区"]),
    ],
}

CASES = [(page, n) for page, arts in PAGES.items() for n in range(len(arts))]
_cache: dict[str, list[Article]] = {}


def parsed(page: str) -> list[Article]:
    if page not in _cache:
        _cache[page] = parse_page((SEEDS / page).read_text(encoding="utf-8"), page)
    return _cache[page]


def all_text(a: Article) -> str:
    return "\n".join(b.text for b in a.body)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_article_count(page: str) -> None:
    articles = parsed(page)
    assert [a.title for a in articles] == [e["title"] for e in PAGES[page]]
    assert [a.position for a in articles] == list(range(len(articles)))


@pytest.mark.parametrize(("page", "n"), CASES)
def test_pages_seed_article(page: str, n: int) -> None:
    exp = PAGES[page][n]
    articles = parsed(page)
    assert len(articles) == len(PAGES[page])
    a = articles[n]
    assert a.title == exp["title"]
    assert a.subtitle == exp.get("subtitle")
    assert a.kicker == exp.get("kicker")
    assert a.column == exp.get("column")
    assert a.authors == exp["authors"]
    assert a.photographers == exp.get("photographers", [])
    assert a.captions == exp.get("captions", [])
    if "notes" in exp:
        assert a.notes == exp["notes"]
    if "dateline" in exp:
        assert a.dateline == exp["dateline"]
    paragraphs = [b for b in a.body if b.kind == "paragraph"]
    if "paragraphs" in exp:
        assert len(paragraphs) == exp["paragraphs"]
    if exp.get("first") is not None:
        assert paragraphs[0].text.startswith(exp["first"])
    if exp.get("last") is not None:
        assert paragraphs[-1].text.endswith(exp["last"])
    for piece in exp.get("joins", []):
        assert any(piece in b.text for b in a.body), piece
    if "headings" in exp:
        assert [b.text for b in a.body if b.kind == "heading"] == exp["headings"]
    text = all_text(a)
    for piece in exp.get("absent", []):
        assert piece not in text, piece
    for piece in exp.get("once", []):
        assert text.count(piece) == 1, piece
    if "order" in exp:
        positions = [text.find(p) for p in exp["order"]]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    if exp["title"] is None:
        assert a.title_derived and a.display_title
        assert a.to_json()["title_derived"] is True
    else:
        assert not a.title_derived


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_no_byline_or_credit_left_in_body(page: str) -> None:
    for a in parsed(page):
        for b in a.body:
            assert not b.text.endswith(("）", ")")) or "作者" not in b.text
            for name in a.authors:
                assert b.text.strip() != name
            assert " 摄" not in b.text


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_json_contract(page: str) -> None:
    import json

    for a in parsed(page):
        data = a.to_json()
        json.dumps(data, ensure_ascii=False)
        assert {"source", "title", "subtitle", "authors", "photographers", "body", "captions"} <= set(data)
        assert data["source"] == page
        assert all(set(b) == {"kind", "text"} for b in data["body"])
