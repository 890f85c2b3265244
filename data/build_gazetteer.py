"""Build the committed gazetteer files under ``data/gazetteer/`` from maintained packages.

Run once (and again when the source package is updated)::

    /work/venv/bin/pip install --no-deps jionlp==1.5.31
    /work/venv/bin/python data/build_gazetteer.py

Source: ``jionlp/dictionary/china_location.zip`` from JioNLP (Apache-2.0), a tab-indented tree
province > city > county > township > village with administrative codes and short aliases.

Also from JioNLP: ``jionlp/rule/rule_pattern.py`` (the Hundred Family Surnames, split by JioNLP into
unambiguous and ambiguous single-character surnames, plus compound surnames) becomes
``data/gazetteer/surnames.tsv`` (``surname<TAB>strong|weak``), and
``jionlp/dictionary/world_location.txt`` (countries, full names, capitals, big cities) becomes
``data/gazetteer/world.txt`` (one name a line).

Output ``data/gazetteer/divisions.tsv``: one division per line in depth-first order,
``depth<TAB>name<TAB>alias`` where depth is 0 province, 1 city, 2 county, 3 township,
4 village; the parent of a line is the nearest earlier line with depth one less.  Provinces,
cities, counties and townships are kept for all of China; villages only for Hunan (the
corpus is Hunan news), which keeps the file small.  The reader never imports jionlp.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "gazetteer"
OUT = HERE / "divisions.tsv"
SURNAMES = HERE / "surnames.tsv"
WORLD = HERE / "world.txt"
VILLAGE_PROVINCES = {"湖南省"}
# Placeholder rows in the source that are not names of places.
_SKIP = re.compile(r"(直辖|行政区划|虚拟|^其他|^市辖区$|生活区$|分场)")
# Placeholder rows whose children are real divisions directly under the row's parent: the
# county-level cities a province governs itself (省直辖行政区划: 仙桃市, 潜江市, 济源市, 石河子市),
# the towns of a city without districts (市直辖行政区划: 东莞市, 中山市), the villages a county or
# district governs itself.  The row is dropped and its subtree kept at its own depths (the
# children hang under the row's parent).
_TRANSPARENT = re.compile(r"(?:省|市|县|区)直辖行政区划$")
# A township name reduced to its stem, for validation of chains written without the suffix.
_TOWN_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|民族乡|苏木)$")


def _jionlp_dir() -> Path:
    """Return the directory of the installed jionlp package (never imported)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        sys.exit("jionlp is not installed: pip install --no-deps jionlp==1.5.31")
    return Path(spec.origin).parent


def _source_text() -> str:
    """Return the text of JioNLP's china_location.txt from the installed package."""
    path = _jionlp_dir() / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(path) as zf:
        return zf.read("china_location.txt").decode("utf-8")


def build(text: str) -> list[str]:
    """Convert the JioNLP tree into ``depth\\tname\\talias`` lines (see module docstring)."""
    out: list[str] = []
    province = ""
    skip_depth: int | None = None
    for raw in io.StringIO(text):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        name = fields[0].strip()
        alias = fields[2].strip() if len(fields) >= 3 else ""
        if skip_depth is not None and depth > skip_depth:
            continue
        skip_depth = None
        if depth == 0:
            province = name
        if depth == 4 and province not in VILLAGE_PROVINCES:
            continue
        if _TRANSPARENT.search(name):
            continue
        if _SKIP.search(name):
            skip_depth = depth
            continue
        if depth == 3 and not alias:
            stem = _TOWN_SUFFIX.sub("", name)
            alias = stem if len(stem) >= 2 and stem != name else ""
        out.append(f"{depth}\t{name}\t{alias if alias != name else ''}")
    return out


def _python_string(source: str, name: str) -> str:
    """Return the value of the string constant ``name`` (implicitly concatenated literals)."""
    match = re.search(rf"^{name} = \\\n((?:\s*'[^']*'(?: \\)?\n)+)", source, re.M)
    if match is None:
        sys.exit(f"{name} not found in jionlp rule_pattern.py")
    return "".join(re.findall(r"'([^']*)'", match.group(1)))


def surnames() -> list[str]:
    """Return ``surname\tstrong|weak`` lines from JioNLP's surname patterns."""
    source = (_jionlp_dir() / "rule" / "rule_pattern.py").read_text(encoding="utf-8")
    # The module assigns SINGLE_CHINESE_FAMILY_NAME twice: all surnames, then the unambiguous.
    blocks = re.findall(r"^SINGLE_CHINESE_FAMILY_NAME = \\\n((?:\s*'[^']*'(?: \\)?\n)+)",
                        source, re.M)
    every, strong = ("".join(re.findall(r"'([^']*)'", b)) for b in blocks[:2])
    double = _python_string(source, "TWO_CHAR_CHINESE_FAMILY_NAME").split("|")
    lines = [f"{c}\t{'strong' if c in strong else 'weak'}" for c in dict.fromkeys(every)]
    lines += [f"{d}\tstrong" for d in double if d]
    return lines


def world() -> list[str]:
    """Return foreign country, capital and city names from JioNLP's world_location.txt."""
    names: dict[str, None] = {}
    text = (_jionlp_dir() / "dictionary" / "world_location.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.endswith(":"):
            continue
        for field in line.split("\t"):
            for name in field.split("/"):
                if len(name.strip()) >= 2:
                    names[name.strip()] = None
    return list(names)


def main() -> None:
    """Write the files under ``data/gazetteer/``."""
    SURNAMES.write_text("\n".join(surnames()) + "\n", encoding="utf-8")
    WORLD.write_text("\n".join(world()) + "\n", encoding="utf-8")
    lines = build(_source_text())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} divisions to {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
