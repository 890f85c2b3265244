"""Articles to lay out again: the seed pages' articles (as the parser reads them, checked
exactly by tests/reader/test_pages_seeds.py) and clean People's Daily items from ``../shared``
(head slots, dateline reporters and body lines read straight from the crawler files)."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from synth import rmrb
from synth.layout import usable

from reader.text.article import Article, Block
from reader.text.layout.lexicon import split_names
from reader.text.pages import parse_page

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TAG = re.compile(r"^(.+?)[（(]([^（）()]+)[）)]$")
DATELINE = re.compile(r"^(\S{0,30}?电)\s*[（(](?:记者)?([^）)]{2,30})[）)]")  # （记者甲、乙） or （甲、乙）
NAME_POOL = ["王小明", "李 奕", "周 丽", "贺露明", "张建华", "刘晓宇", "陈思远", "赵 鹏", "黄佳琪", "杨 帆"]
NOT_CLEAN = re.compile(r"^[（(].*[）)]$|摄|^.{0,8}$|制图|编辑|记者|来源|整理|^[■●▲◆]")


@lru_cache(maxsize=1)
def seed_articles() -> tuple[Article, ...]:
    """Usable articles of the five seed pages."""
    out: list[Article] = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.extend(a for a in parse_page(path.read_text(encoding="utf-8"), path.name) if usable(a))
    return tuple(out)


def _rmrb_article(path: Path, rng: random.Random) -> Article | None:
    """One clean crawler file as an article, or None when it holds credits, photos or notes."""
    it = rmrb.read_item(path)
    paras = it.paragraphs
    if len(paras) < 2 or len(paras) > 12 or any(NOT_CLEAN.search(p) for p in paras[1:]):
        return None
    title, column = it.title, None
    m = TAG.match(title)
    if m:
        title, column = m.group(1).strip(), m.group(2).strip()
    if not title or len(title) > 40 or (it.subtitle and len(it.subtitle) > 40) or len(it.kicker) > 40:
        return None
    art = Article(it.name, title, subtitle=it.subtitle.lstrip("—").strip() or None, kicker=it.kicker or None,
                  column=column, body=[Block("paragraph", p) for p in paras])
    d = DATELINE.match(paras[0])
    names = split_names(d.group(2)) if d else None
    if d and names:
        art.dateline = d.group(0)
        art.authors = names
    elif re.match(r"^\S{0,30}?电", paras[0]):
        art.dateline = paras[0][:12]
    elif NOT_CLEAN.search(paras[0]):
        return None
    elif rng.random() < 0.6:
        art.authors = [n.replace(" ", "") for n in rng.sample(NAME_POOL, rng.randint(1, 3))]
    return art if usable(art) else None


@lru_cache(maxsize=4)
def rmrb_articles(limit: int = 600, seed: int = 7) -> tuple[Article, ...]:
    """Up to ``limit`` clean People's Daily items (a fixed random sample of the corpus)."""
    if not rmrb.available():
        return ()
    rng = random.Random(seed)
    files = sorted(rmrb.CORPUS.glob("*/*.txt"))
    rng.shuffle(files)
    out: list[Article] = []
    for f in files:
        art = _rmrb_article(f, rng)
        if art is not None:
            out.append(art)
        if len(out) >= limit:
            break
    return tuple(out)
