"""The lexicon's cached codes (words joined, codes packed) load back to the very dict that was
built: same words, same codes, same order (the segmenter's cache locality rests on it)."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.ner.lexicon import PREFIX, _packed_codes, _unpacked_codes

ROOT = Path(__file__).resolve().parents[2]


def test_packed_codes_round_trip_in_order() -> None:
    codes = {"中": 1000 * 64 + 3, "中国": 500 * 64 + 5, "𠮷": PREFIX, "𠮷野家": 1790 * 64 + 63, "a b": 0,
             "湖": PREFIX}
    back = _unpacked_codes(_packed_codes(codes))
    assert back == codes and list(back) == list(codes)
    assert _unpacked_codes(_packed_codes({})) == {}
    many = {f"词{k}": k * 64 for k in range(5000)}  # several pieces
    assert list(_unpacked_codes(_packed_codes(many)).items()) == list(many.items())


def test_a_word_with_a_newline_is_refused_and_a_damaged_pair_detected() -> None:
    with pytest.raises(ValueError):
        _packed_codes({"a\nb": 1})
    words, raw = _packed_codes({"甲": 1, "乙": 2})
    with pytest.raises(ValueError):
        _unpacked_codes((words, raw[:4]))
    with pytest.raises(ValueError):
        _unpacked_codes((words, raw + raw))


def test_the_cached_lexicon_equals_the_built_one(tmp_path: Path) -> None:
    code = ("import marshal, sys; from reader.text.ner import lexicon\n"
            "lx = lexicon.load(); sys.stdout.buffer.write(marshal.dumps((list(lx.codes.items()), "
            "lx.unknown_cost, sorted(lx.divisions.items()), lx.names)))\n")
    env = dict(os.environ, PIZHU_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, env=env,
                           check=True).stdout for _ in range(2)]  # built, then read from the cache
    assert list(tmp_path.glob("ner-lexicon-*-packed.marshal"))
    built, cached = (marshal.loads(run) for run in runs)  # values, not bytes: sharing may differ
    assert built == cached and len(built[0]) > 100_000
