"""Ingest hardening (issue 10): file names that are not UTF-8 are reported and skipped, and
Big5, Shift-JIS and EUC-KR pages are recognised and decoded, never stored garbled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.sources import SourceError, decode_bytes, read_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

TRADITIONAL = (
    "臺北市政府今天舉行記者會，市長表示將全面檢討交通政策，並加強捷運與公車的轉乘服務。市府官員指出，"
    "過去一年來，市區道路壅塞問題日益嚴重，民眾抱怨連連，因此必須儘快提出具體的改善方案。\n"
    "此外，行政院也宣布將撥出專款，協助地方政府興建社會住宅，讓更多年輕人能夠安居樂業。經濟部長在立法院"
    "備詢時說明，今年的經濟成長率預估可達百分之三，出口訂單持續增加，產業景氣逐漸回溫。\n"
)
JAPANESE = ("日本の新聞です。東京都知事は記者会見で、新しい政策を発表しました。これは重要なニュースです。"
            "大阪府では、地震に備えた防災訓練が行われ、多くの住民が参加しました。\n")
KOREAN = ("한국 신문입니다. 서울시장은 기자회견에서 새로운 정책을 발표했습니다. 이것은 중요한 뉴스입니다. "
          "부산에서는 태풍에 대비한 훈련이 실시되어 많은 주민이 참가했습니다.\n")


@pytest.mark.parametrize(("text", "codec", "family"), [
    (TRADITIONAL, "big5", {"big5", "cp950", "big5hkscs"}),
    (TRADITIONAL[:40], "big5", {"big5", "cp950", "big5hkscs"}),
    (JAPANESE, "shift_jis", {"shift_jis", "cp932"}),
    (KOREAN, "euc_kr", {"euc_kr", "cp949"}),
])
def test_legacy_east_asian_encodings_decode_exactly(text: str, codec: str, family: set[str]) -> None:
    decoded, encoding = decode_bytes(text.encode(codec), "page.txt")
    assert decoded == text  # not the GB18030 mojibake a Big5 page used to become
    assert encoding in family


@pytest.mark.parametrize("size", [12, 60, 400, None])
def test_gbk_pages_stay_gb18030(size: int | None) -> None:
    text = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")
    text = text if size is None else text[:size]
    decoded, encoding = decode_bytes(text.encode("gbk", errors="ignore"), "page.txt")
    assert encoding == "gb18030"
    assert decoded == text.encode("gbk", errors="ignore").decode("gbk")


def test_bytes_that_fit_no_encoding_are_refused() -> None:
    data = bytes([0x81, 0x20, 0xFF, 0x30, 0xFE, 0x7F, 0xA0, 0x0A]) * 50
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "noise.txt")
    assert info.value.problem in ("encoding", "binary")
    assert "noise.txt" in str(info.value)


def _bad_name_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    bad = os.fsencode(folder) + b"/\xb0\xa1\xcc\xec.txt"  # a GBK file name on a UTF-8 system
    with open(bad, "wb") as fh:
        fh.write(seeds[0].read_bytes())
    (folder / "good.txt").write_bytes(seeds[1].read_bytes())
    return folder


def test_a_file_name_that_is_not_utf8_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = _bad_name_folder(tmp_path)
    bad = next(p for p in folder.iterdir() if p.name != "good.txt")
    with pytest.raises(SourceError) as info:
        read_page(bad)
    assert info.value.problem == "file-name" and "\\xb0\\xa1" in str(info.value)
    result = subprocess.run([sys.executable, "-m", "reader", "--db", str(tmp_path / "c.sqlite3"), "ingest",
                             "--json", "--quiet", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == ["good.txt"]
    assert [f["path"].endswith("\\xb0\\xa1\\xcc\\xec.txt") for f in report["failed"]] == [True]
    # the same again with something stored (the re-ingest check must not trip on the name either)
    from reader.corpus import Corpus

    corpus = Corpus(tmp_path / "c.sqlite3")
    again = corpus.ingest([folder])
    corpus.close()
    assert again.unchanged == ["good.txt"] and [p for p, _ in again.failed] == [report["failed"][0]["path"]]


def test_a_big5_page_is_ingested_as_traditional_chinese(tmp_path: Path) -> None:
    from reader.corpus import Corpus

    page = tmp_path / "taipei.txt"
    page.write_bytes(("臺北報導\n\n" + TRADITIONAL).encode("big5"))
    corpus = Corpus(tmp_path / "c.sqlite3")
    report = corpus.ingest([page])
    assert report.added == ["taipei.txt"]
    texts = "".join(corpus.article(a.id).text for a in corpus.articles())
    assert "臺北市政府今天舉行記者會" in texts
    corpus.close()
