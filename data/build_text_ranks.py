"""Build ``reader/store/text.ranks``: the characters of the ranked text format, commonest first.

    python data/build_text_ranks.py

Format :data:`reader.store.packed_text.RANKED` maps each of these characters (all in the Basic
Multilingual Plane) to its rank (0, 1, 2, ...) as a UTF-16 unit before deflate, so the commonest
256 have a zero high byte and the next ones small ones, which deflate codes in fewer bits.  The order is a blend of two sources that are
not the text it is measured on: character frequencies of jieba's general dictionary (every
word's frequency counted for each of its characters) and of the seed pages in ``seeds/``
(which add punctuation, digits and line breaks), each as a share of its own total.

The file is FROZEN once shipped: text stored with it can only be read with the same list
(:data:`reader.store.packed_text.RANKS_SHA256` checks it).  A new list needs a new format byte.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reader" / "store" / "text.ranks"
SIZE = 8192


def build() -> str:
    import jieba

    general: Counter[str] = Counter()
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            for ch in parts[0]:
                general[ch] += int(parts[1])
    seeds = Counter("".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))))
    g_total, s_total = sum(general.values()), sum(seeds.values())
    score = {ch: general[ch] / g_total + seeds[ch] / s_total for ch in set(general) | set(seeds)}
    ranked = sorted((ch for ch in score if ord(ch) < 0xD800 or 0xE000 <= ord(ch) < 0x10000),  # one UTF-16 unit
                    key=lambda ch: (-score[ch], ord(ch)))
    return "".join(ranked[:SIZE])


if __name__ == "__main__":
    import hashlib

    data = build().encode("utf-8")
    OUT.write_bytes(data)
    print(f"{OUT}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
