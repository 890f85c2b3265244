"""Whole printed pages built from the People's Daily crawler files in ``../shared``.

A crawler file is one item of a printed page: three head slots (引题 kicker, 主题 title, 副题
subtitle; each line may be empty), then the body paragraphs indented with full-width spaces,
CRLF line ends.  A *page* is the files of one printed page joined in order, as a user who copied
the page out of a PDF would have it: blank lines between the items, nothing marking where one
file ends.  The file split is a free truth for article boundaries and head slots.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpora" / "rmrb-2019-2020" / "articles"
_NAME = re.compile(r"^(\d{8})-(\d{2})-(\d{2})\.txt$")


def available() -> bool:
    """True when the shared corpus is present (tests skip otherwise)."""
    return CORPUS.is_dir()


@dataclass
class Item:
    """One crawler file: its head slots and body lines (indent kept)."""

    name: str
    kicker: str
    title: str
    subtitle: str
    body: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """Body lines without indentation and odd spaces, blank lines dropped."""
        return [clean(x) for x in self.body if clean(x)]


def clean(line: str) -> str:
    """A line without full-width/odd spaces at its ends and NBSPs inside."""
    return line.replace("\xa0", " ").strip(" \u3000\t")


def read_item(path: Path) -> Item:
    """Parse one crawler file into its slots."""
    text = path.read_bytes().decode("utf-8")
    lines = text.replace("\r\n", "\n").split("\n")
    lines += [""] * (3 - len(lines)) if len(lines) < 3 else []
    return Item(path.stem, clean(lines[0]), clean(lines[1]), clean(lines[2]), lines[3:], text)


def page_ids() -> list[str]:
    """Every page id ``YYYYMMDD-PP`` in the corpus, sorted."""
    ids = {p.name[:11] for p in CORPUS.glob("*/*.txt") if _NAME.match(p.name)}
    return sorted(ids)


def page_files(page_id: str) -> list[Path]:
    """The files of one page in printed order."""
    day = page_id[:8]
    return sorted((CORPUS / day).glob(f"{page_id}-*.txt"))


def join(texts: list[str], rng: random.Random | None = None, blank: int = 1) -> str:
    """Join item texts into one page: each item's surrounding blank lines trimmed, ``blank``
    blank lines between items (a random 1-3 with ``rng``), CRLF kept as the files have it."""
    out: list[str] = []
    for t in texts:
        lines = t.replace("\r\n", "\n").split("\n")
        while lines and not lines[0].strip(" \u3000\xa0"):
            lines.pop(0)
        while lines and not lines[-1].strip(" \u3000\xa0"):
            lines.pop()
        if not lines:
            continue
        if out:
            out.extend([""] * (rng.randint(1, 3) if rng else blank))
        out.extend(lines)
    return "\r\n".join(out) + "\r\n"


def build_page(page_id: str, rng: random.Random | None = None, blank: int = 1) -> tuple[str, list[Item]]:
    """The page text and its items (the truth for boundaries and head slots)."""
    items = [read_item(p) for p in page_files(page_id)]
    return join([it.text for it in items], rng, blank), items
