"""The merge policy: how the model's spans and the rule layers' candidates become one answer.

The model (:mod:`reader.text.ner.model`) already sees the rule layers' resolved output as
features, so where the two disagree the model has weighed the rules against the characters and
was trained on far more text than the rules were tuned on.  The policy, per line:

1. **User entries** are not merged here: :class:`~reader.text.entities.Recognizer` adds them
   afterwards with a priority that beats everything, and drops rejected pairs.
2. **Model spans are the answer for PER/LOC/ORG**, with two exceptions where the rule layer is
   more reliable than a character model on this kind of text:

   - a rule span from a *structural* source (:data:`STRUCTURAL`: bylines, credits, anonymised
     names, titles before a name, and the known-name lists) replaces the model spans it overlaps
     when the model's confidence in them (the marginal of their first label) is below
     :data:`OVERRULE` — the rules there read layout and titles the model cannot see;
   - a rule span that holds every model span it overlaps wins: the model split what the rules
     read as one name (the training corpora write ``湖南省`` + ``长沙市`` where our guidelines
     want one chain ``湖南省长沙市``; ``永州`` + ``经开区``), or saw a name inside a name
     (``交易中心`` inside ``市公共资源交易中心``);
   - a rule span that overlaps no model span is kept (the model missed it), except a
     two-character gazetteer place: the model saw it as a feature and still read the characters
     as no name, which on the dev sets was always right (``会同`` "jointly with", ``和`` + ``县``,
     ``凤凰讲坛``), and a name guessed from a surname character alone (``rule:surname``: ``林田湖``
     of 山水林田湖草, ``储物间``) that is not followed by a clause mark or a verb of saying (on
     fresh unlabelled news 20 of 24 such guesses were wrong; the 4 right ones and 2 wrong ones
     stand before ``，``/``说``; on dev7/dev8 with a model not trained on them 2 of 2 wrong;
     session 8);
   - a model span that holds rule spans and is longer only by ordinary words (verbs, adverbs,
     common nouns that are no organisation head: ``执行县委常委会``, ``资兴市物业``) gives way to
     the rule spans (:func:`reader.text.ner.plausible.ordinary_stretch`), and one that only
     joins rule spans of its own type keeps them apart (``区委`` + ``区政府``); but a model ORG
     that widens one rule ORG to the left only by nouns and names is kept (its parent or brand:
     ``国网`` + ``潍坊供电公司``; :func:`reader.text.ner.plausible.nominal_stretch`; session 8; to the
     right such words are a trade or a field, ``涟钢`` + ``智能机械``, and the rule is kept);
   - a model span that no rule candidate touches must look like a name
     (:func:`reader.text.ner.plausible.plausible`): the training corpora label bare heads
     (``派出所``, ``服务中心``) and ordinary words (``太阳``, ``平安``) our guidelines do not.

3. **A stationed team is one ORG with its sender** (our guidelines): a place or body, ``驻``,
   and the organisation it sends (``湖南省长沙市天心区`` + ``驻`` + ``湘西自治州龙山县洛塔乡工作队``;
   ``…大南坑村`` + ``驻`` + ``村扶贫工作队``), and a place chain right before an organisation that
   holds ``驻`` itself (``…戈奎乡`` + ``俄普村委会驻村工作队``), become one ORG
   (:func:`join_stationed`; the sent body's source is kept).
4. **A place keeps the settlement or water word written right after it** (``窑湾`` + ``社区``,
   ``华容`` + ``河``): a LOC directly followed by a token that is exactly one of
   :data:`PLACE_TAILS` is extended over it (:func:`extend_places`), unless it already ends
   in a division suffix (``长沙县`` + ``镇村干部`` stays).  A village or community also keeps a
   size or compass character the segmentation cut off before it (``大`` + ``南坑村``: a lone
   ``大`` before a village name is the name's own first character), and so does a lake or
   river a compass or ``上``/``下`` (``下`` + ``塞湖``).
5. **Boundary repairs** (:func:`repair`), general facts of how Chinese news writes names that
   a character model trained on other conventions gets wrong: a "former" mark ends a body
   (``沅江市交通运输局`` | ``原党组书记``; a division chain before it stays a place:
   ``…小庄村`` | ``原党支部``); ``驻村``/``驻镇`` with no sender names no body (``驻村扶贫工作队``);
   a city written with ``区`` as its urban area is the city (``东港市区`` → ``东港``, as
   ``衡阳市区`` → ``衡阳``); a surname with ``氏`` is a family, not a name (``宋氏兄弟``); a bare
   ``政协``/``人大`` before ``委员``/``代表`` is a title, not a body; a place ends before ``某``
   (``望岳街道`` | ``某社区``) and before a village office (``乌石峰村`` | ``村部``); a country and
   ``政府`` is the country (``中国`` + ``政府``); a division chain the model wrote as two places
   is one (``乌石镇`` + ``乌石峰村``: the first ends in a division character, the second too, and
   the model found at least one of them: the gazetteer keeps the chains it split as invalid).
6. **Boundary repairs of kinds seen on fresh news** (:func:`reader.text.ner.boundaries.tidy`,
   run by the recogniser on the merged answer, and on the rules' own when no model runs): names
   end before verbs and particles, bodies before verb phrases, estates, village facilities and
   factories are no names, parks, hospitals and numbered bodies keep their parts (see that
   module).
7. **DATE and NUM** come from the patterns only; they are kept where no PER/LOC/ORG span
   overlaps them.

Every candidate keeps its ``source``: ``"model"`` for a model span (the rule's own source when
the rule layer proposed exactly the same span and type), the rule's source otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.text.ner.candidate import Candidate
from reader.text.ner.segment import Token

#: Words that, written right after a place, are part of its name (policy 4).
PLACE_TAILS = frozenset({"社区", "村", "街道", "镇", "乡", "河", "湖", "江", "溪"})
#: Rule sources that read the layout or a title and may overrule an unsure model.
STRUCTURAL = frozenset({"rule:byline", "rule:credit", "rule:anonymised", "rule:title-name",
                        "rule:familiar"})
#: Below this first-label marginal a structural rule span beats the model span it overlaps.
OVERRULE = 0.9
MODEL = "model"
SURNAME = "rule:surname"  # a name guessed from a surname and the characters after it
_TYPED = frozenset({"PER", "LOC", "ORG"})
ModelSpan = tuple[int, int, str, float]


def merge(
    rules: list[Candidate], model: list[ModelSpan],
    plausible: Callable[[int, int, str], bool] | None = None,
    ordinary: Callable[[int, int], bool] | None = None,
    line: str | None = None,
    tokens: list[Token] | None = None,
    nominal: Callable[[int, int], bool] | None = None,
) -> list[Candidate]:
    """Combine the resolved rule candidates of a line with the model's spans (module docstring).

    ``rules`` must be non-overlapping (the rule layer's resolved answer); the result is too.
    ``plausible(start, end, type)`` vets the model spans no rule candidate touches;
    ``ordinary(start, end)`` says whether a stretch of the line holds only ordinary words;
    ``nominal(start, end)`` whether it holds only nouns and names (a model ORG that widens one
    rule ORG to the left by such words is kept whole: policy 2);
    with ``line`` (the text) stationed teams are joined to their sender (policy 3), and with
    its ``tokens`` too places keep their settlement or water word (policy 4).
    """
    exact = {(c.start, c.end, c.type): c.source for c in rules}
    models = [(Candidate(s, e, t, exact.get((s, e, t), MODEL), 60), m) for s, e, t, m in model
              if e - s > 1 or t != "PER"]  # a surname alone is never a name
    typed = [c for c in rules if c.type in _TYPED]
    keep_model = [True] * len(models)
    keep_rule: list[bool] = []
    j0 = 0
    for cand in typed:  # both lists are sorted and non-overlapping: one sweep
        while j0 < len(models) and models[j0][0].end <= cand.start:
            j0 += 1
        j = j0
        hit: list[int] = []
        while j < len(models) and models[j][0].start < cand.end:
            hit.append(j)
            j += 1
        if not hit:  # the model missed it; but a two-character gazetteer name the model, which
            # saw it as a feature, leaves untagged is a homograph (会同 "jointly", 和县 = 和 + 县, 凤凰讲坛)
            # nor is a name guessed from a surname character alone that the model, which saw
            # the guess, reads as no name, unless it stands as a name stands (山水林田湖草, 储物间)
            keep_rule.append(not (cand.type == "LOC" and cand.source == "gazetteer" and cand.end - cand.start == 2)
                             and not (cand.type == "PER" and cand.source == SURNAME
                                      and not _stands_as_name(line, cand.end)))
            continue
        spans = [models[k][0] for k in hit]
        if len(hit) == 1 and (spans[0].start, spans[0].end, spans[0].type) == (cand.start, cand.end, cand.type):
            keep_rule.append(False)  # the same answer; the model's copy carries the rule's source
            continue
        inside = all(cand.start <= m.start and m.end <= cand.end and (m.type == cand.type or (
            m.end - m.start < cand.end - cand.start)) for m in spans)
        unsure = cand.source in STRUCTURAL and all(models[k][1] < OVERRULE for k in hit)
        if inside or unsure:
            keep_rule.append(True)
            for k in hit:
                keep_model[k] = False
        else:
            keep_rule.append(False)
    if ordinary is not None:  # 执行|县委常委会, 资兴市|物业: the model ran a rule's name on
        for k, (cand, _) in enumerate(models):
            if not keep_model[k] or cand.type == "PER":
                continue
            inner = [c for c in typed if cand.start <= c.start and c.end <= cand.end
                     and (c.end - c.start) < (cand.end - cand.start)]
            if not inner:
                continue
            cuts = [cand.start] + [x for c in inner for x in (c.start, c.end)] + [cand.end]
            extra = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
            if not extra:  # the model joined rule spans: 区委|区政府 stay two, 长沙+海关 is one
                split = len(inner) > 1 and all(c.type == cand.type for c in inner)
            elif (nominal is not None and cand.type == "ORG" and len(inner) == 1 and inner[0].type == "ORG"
                  and inner[0].end == cand.end and nominal(cand.start, inner[0].start)):
                split = False  # 国网 + 潍坊供电公司: the model put the body's parent or brand before it
            else:
                split = all(ordinary(a, b) for a, b in extra)
            if split:
                keep_model[k] = False
                for i, c in enumerate(typed):
                    if c in inner:
                        keep_rule[i] = True
    if plausible is not None:
        touched = _cover(typed)
        for k, (cand, _) in enumerate(models):
            if keep_model[k] and not any(touched[cand.start:cand.end]):
                keep_model[k] = plausible(cand.start, cand.end, cand.type)
    out = [c for c, keep in zip(typed, keep_rule) if keep]
    out += [c for (c, _), keep in zip(models, keep_model) if keep]
    if line is not None:
        if tokens is not None:
            out = keep_village_heads(line, tokens, sorted(out))
        out = join_stationed(line, sorted(out))
        if tokens is not None:
            out = extend_places(line, tokens, out)
        out = repair(line, out)
    taken = _cover(out)
    out += [c for c in rules if c.type not in _TYPED and not any(taken[c.start:c.end])]
    out.sort()
    return out


#: What follows a name standing on its own: a clause mark or a verb of saying.
_AFTER_NAME = frozenset("，。；：、")
_SAYING = ("说", "表示", "介绍", "认为", "告诉", "坦言")


def _stands_as_name(line: str | None, end: int) -> bool:
    """Whether a name guessed at ``…end`` is followed as a person's name is in news: by a clause
    mark or a verb of saying (``史立新说``, ``章志标，``; not ``林田湖草``, ``关起门来``)."""
    return line is not None and (line[end:end + 1] in _AFTER_NAME or line.startswith(_SAYING, end))


def _cover(cands: list[Candidate]) -> bytearray:
    """One byte per character up to the last end: 1 where a candidate covers it."""
    cover = bytearray(max((c.end for c in cands), default=0) + 1)
    for c in cands:
        cover[c.start:c.end] = b"\x01" * (c.end - c.start)
    return cover


def join_stationed(line: str, cands: list[Candidate]) -> list[Candidate]:
    """Join a sender, ``驻`` and the team it sends into one ORG (merge policy 3).

    ``cands`` are sorted, non-overlapping PER/LOC/ORG candidates of ``line``; the result is too.
    """
    if "驻" not in line or len(cands) < 2:
        return cands
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and cand.type == "ORG" and prev.type in ("LOC", "ORG"):
            sent = cand.start == prev.end + 1 and line[prev.end] == "驻"
            holds = cand.start == prev.end and prev.type == "LOC" and "驻" in line[cand.start + 1:cand.end]
            if sent or holds:
                out.pop()
                start = prev.start
                if sent and out and out[-1].type == "LOC" and out[-1].end == start:
                    start = out.pop().start  # 湘潭市 + 纪委 (天心区 + 大南坑村) + 驻 …: the whole sender
                cand = Candidate(start, cand.end, "ORG", cand.source, cand.priority)
        out.append(cand)
    return out


def keep_village_heads(line: str, tokens: list[Token], cands: list[Candidate]) -> list[Candidate]:
    """Give a village (or a body named after one) back the size or compass character the
    segmentation cut off before it: ``大`` + ``南坑村`` (merge policy 4).

    ``cands`` are sorted and non-overlapping; the result is too.
    """
    heads = {tok.end: tok.start for tok in tokens if len(tok.text) == 1 and tok.text in _VILLAGE_HEADS}
    if not heads or not cands:
        return cands
    out = list(cands)
    for k, cand in enumerate(out):
        start = heads.get(cand.start)
        if start is None:
            continue
        text = line[cand.start:cand.end]
        village = (cand.type == "LOC" and text.endswith(("村", "社区")) and len(text) >= 3) or (
            cand.type == "ORG" and 2 <= text.find("村") <= 4) or (  # 南坑村 + 工作队
            cand.type == "LOC" and text[-1] in "湖河" and line[start] in _COMPASS)  # 下 + 塞湖
        prev = out[k - 1] if k else None
        chained = prev is not None and prev.end == start and prev.type == "LOC"  # 天心区 + 大 + …
        water = cand.type == "LOC" and len(text) == 2 and text[-1] in "湖河"  # 整治 + 下塞湖
        if village and (prev is None or prev.end <= start) and (
                chained or water or start == 0 or not "\u4e00" <= line[start - 1] <= "\u9fff"
                or line[start - 1] in _BEFORE_VILLAGE):
            out[k] = Candidate(start, cand.end, cand.type, cand.source, cand.priority)
    return out


_DIVISION_ENDS = frozenset("省市县区州盟旗镇乡村")
#: Single characters that begin many village names and that the segmentation reads as words.
_VILLAGE_HEADS = frozenset("大小上下新老东西南北中前后")
#: Heads that begin a lake's or river's name (东洞庭湖, 下塞湖).
_COMPASS = frozenset("东西南北上下")
#: What may stand before such a village name: verbs of motion, prepositions, the usual joints.
_BEFORE_VILLAGE = frozenset("在到进和与及的了、，。；：“”（）驻赴往去来回从对给向把被是入住")


def extend_places(line: str, tokens: list[Token], cands: list[Candidate]) -> list[Candidate]:
    """Extend each LOC over a :data:`PLACE_TAILS` token right after it (merge policy 4).

    ``cands`` are sorted and non-overlapping; the result is too (a LOC is extended only over a
    token no other candidate touches).
    """
    if not cands:
        return cands
    out = list(cands)
    tails = {tok.start: tok.end for tok in tokens if tok.text in PLACE_TAILS}
    if not tails:
        return out
    for k, cand in enumerate(out):
        end = tails.get(cand.end)
        if cand.type != "LOC" or end is None or cand.end - cand.start < 2:
            continue
        if k + 1 < len(out) and out[k + 1].start < end:
            continue
        if line[cand.end - 1] in _DIVISION_ENDS or line[cand.start:cand.end].endswith("街道"):
            continue  # 长沙县 + 镇村干部, 乌石镇 + 村, 龙山街道 + 溪岸…: already a division
        out[k] = Candidate(cand.start, end, "LOC", cand.source, cand.priority)
    return out



#: Bodies a "former" mark (原, 前) introduces inside what the model read as one ORG.
_FORMER_UNITS = ("党组", "党委", "党支部", "党总支", "支部", "党工委", "领导", "主要负责人")
_TITLE_BODIES = frozenset({"政协", "人大"})


def repair(line: str, cands: list[Candidate]) -> list[Candidate]:
    """Boundary repairs of merge policy 5 on sorted, non-overlapping candidates of ``line``."""
    out: list[Candidate] = []
    for cand in cands:
        text = line[cand.start:cand.end]
        if cand.type == "ORG" and text.endswith("政府") and text[:-2] in _COUNTRIES:
            cand = Candidate(cand.start, cand.end - 2, "LOC", cand.source, cand.priority)
            text = text[:-2]
        if cand.type == "ORG":
            cut = max(text.rfind("原"), text.rfind("前"))
            if cut >= 2 and text[cut + 1:].startswith(_FORMER_UNITS):
                head = text[:cut]
                etype = "LOC" if head[-1] in _DIVISION_ENDS else "ORG"
                cand = Candidate(cand.start, cand.start + cut, etype, cand.source, cand.priority)
            elif cand.start > 0 and line[cand.start - 1] == "驻" and text[0] in "村镇乡" and (
                    not out or out[-1].end != cand.start - 1):
                continue  # 驻村扶贫工作队: a kind of team, no body of its own
            elif text in _TITLE_BODIES and line[cand.end:cand.end + 2] in ("委员", "代表"):
                continue  # 政协委员: a title
        elif cand.type == "LOC":
            cut = text.find("某")
            if cut < 0 and text.endswith("村部"):
                cut = len(text) - (2 if text.endswith("村村部") else 1)
            if cut >= 2 and text[cut - 1] in _CHAIN_ENDS:
                cand = Candidate(cand.start, cand.start + cut, "LOC", cand.source, cand.priority)
                text = text[:cut]
            if (text.endswith("市") and len(text) >= 3 and line[cand.end:cand.end + 1] == "区"
                    and line[cand.end + 1:cand.end + 2] not in _CITY_DISTRICT_NEXT):
                cand = Candidate(cand.start, cand.end - 1, "LOC", cand.source, cand.priority)
        elif cand.type == "PER" and len(text) == 2 and text[1] == "氏":
            continue  # 宋氏兄弟
        prev = out[-1] if out else None
        if (cand.type == "LOC" and prev is not None and prev.type == "LOC" and prev.end == cand.start
                and MODEL in (prev.source, cand.source)  # the gazetteer split invalid chains itself
                and _chain_end(line[prev.start:prev.end]) and _chain_end(text)):
            out[-1] = Candidate(prev.start, cand.end, "LOC", prev.source, prev.priority)
            continue
        out.append(cand)
    return out


#: Last characters of a division or settlement name that a chain continues after.
_CHAIN_ENDS = frozenset("省市县区州盟旗镇乡村道")
#: Words that end in a division character without being a division (超市, 景区).
_NOT_CHAIN = ("超市", "城市", "门市", "都市", "夜市", "集市", "景区", "园区", "城区", "市区", "片区", "校区",
              "厂区", "矿区", "库区", "湖区", "山区", "灾区", "辖区", "老区", "街区", "专区", "营区")


def _chain_end(text: str) -> bool:
    """Whether a place name ends like a division or settlement a chain runs through."""
    if len(text) < 2 or text.endswith(_NOT_CHAIN):
        return False
    return text[-1] in _CHAIN_ENDS and (text[-1] != "道" or text.endswith("街道"))


#: Countries whose ``政府`` the model reads as an organisation name (``中国政府``).
_COUNTRIES = frozenset("中国 美国 日本 俄罗斯 英国 法国 德国 韩国 朝鲜 印度 巴基斯坦 意大利 加拿大 澳大利亚 "
                       "越南 泰国 菲律宾 蒙古 新加坡 马来西亚 印度尼西亚 乌克兰 以色列 伊朗 土耳其".split())


#: After ``X市区`` these begin a district body or a title (市区委, 市区政府), not the urban area.
_CITY_DISTRICT_NEXT = frozenset("委政府人纪法检公党长级县")
