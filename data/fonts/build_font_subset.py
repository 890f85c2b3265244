"""Rebuild data/fonts/NotoSansSC-Pizhu.otf: Noto Sans CJK SC (SIL OFL 1.1) cut down to the
characters Chinese news needs (GB2312, the seed pages, ASCII and CJK punctuation) and every
character of the interface and its translations (ui/**/*.py, ui/i18n/*.ts).

Source: Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc, face 2 = Noto Sans CJK SC).
Usage: python data/fonts/build_font_subset.py [/path/to/NotoSansCJK-Regular.ttc]
Needs fontTools (pip install fonttools). The result is committed; the app never builds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def gb2312_chars() -> set[str]:
    chars: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> set[str]:
    chars = gb2312_chars()
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0x2000, 0x206F))  # general punctuation
    chars.update(chr(c) for c in range(0x3000, 0x303F))  # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("𠮷·—…‘’“”")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        chars.update(seed.read_text(encoding="utf-8"))
    for source in sorted((ROOT / "ui").rglob("*.py")):  # every symbol the interface itself shows
        chars.update(source.read_text(encoding="utf-8"))
    for catalogue in sorted((ROOT / "ui" / "i18n").glob("*.ts")):  # ... and its translations
        chars.update(catalogue.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() or c == " "}


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    font = TTCollection(src).fonts[2]
    assert "SC" in font["name"].getDebugName(1), font["name"].getDebugName(1)
    options = subset.Options()
    options.layout_features = ["kern", "locl", "vert", "vrt2", "ccmp"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    subsetter.populate(unicodes=[ord(c) for c in wanted() if ord(c) in cmap])
    subsetter.subset(font)
    out = HERE / "NotoSansSC-Pizhu.otf"
    font.save(out)
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
