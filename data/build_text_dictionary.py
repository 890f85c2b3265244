"""Build ``reader/store/text.zdict``: the preset dictionary for deflating article text.

    python data/build_text_dictionary.py

The dictionary is the last 32 KiB (deflate's window) of the five seed pages in ``seeds/``
(real Hunan newspaper pages, already part of the repository), in file-name order.  Common
words, phrases and furniture of Chinese news are then found in the dictionary even in a short
article, which deflate alone would have to spell out: about 0.46 of the UTF-8 size instead of
0.51 on People's Daily articles (a different paper and years: the dictionary is not tuned on
the text it is measured on).

The file is FROZEN once shipped: text stored with it can only be read with the same bytes
(:data:`reader.store.packed_text.DICTIONARY_SHA256` checks it).  A new dictionary needs a new
format byte in :mod:`reader.store.packed_text`, never a rebuilt file under the old one.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reader" / "store" / "text.zdict"
WINDOW = 32768


def build() -> bytes:
    pages = sorted((ROOT / "seeds").glob("*.txt"))
    return b"".join(p.read_bytes() for p in pages)[-WINDOW:]


if __name__ == "__main__":
    data = build()
    OUT.write_bytes(data)
    import hashlib

    print(f"{OUT}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
