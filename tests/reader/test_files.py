"""Crawler folders: one file per article (``YYYYMMDD-PP-NN.txt``) or whole pages, decided per
file or forced (``ingest --one-per-file`` / ``--pages``); heads read from the crawler's slots;
date, page and position from the file name; ``articles --json`` carries them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.files import decide, parse_file, position_from_name

ROOT = Path(__file__).resolve().parents[2]

# The crawler's shape: 引题, 主题, 副题 lines (empty when absent), then indented paragraphs, CRLF.
ONE = ("\r\n让公众感受历史的魅力（人民论坛）\r\n——从历史中汲取走向未来的智慧⑦\r\n"
       "\u3000\u3000在一件件国宝中触摸文化的宝藏，于一封封家书中感受精神的传承。\r\n"
       "\u3000\u3000历史源于一代代人的书写，既有故事，又有遗珍。\r\n")
TWO = ("天津基层党建述职评议会勇于揭短亮丑——\r\n就是要让水流到地头\r\n\r\n"
       "\u3000\u3000小年刚过，1月29日9时，一部暗访纪实片，拉开天津基层党建述职评议会的序幕——\r\n"
       "\u3000\u3000社区党群服务中心面积，规定每百户居民不低于30平方米。\r\n")
THREE = ("\r\n鹿心社当选广西壮族自治区人大常委会主任\r\n\r\n"
         "\u3000\u3000本报南宁1月31日电 （记者刘华新、刘佳华）广西壮族自治区第十三届人民代表大会第二次会议1月31日选举鹿心社为自治区人大常委会主任。\r\n")
SPEECH = ("\r\n在二〇一九年春节团拜会上的讲话\r\n（二〇一九年二月三日） \r\n同志们，朋友们：\r\n"
          "\u3000\u3000我们即将迎来农历己亥年。今天，我们在这里欢聚一堂，叙友情、话国是，感到格外高兴。\r\n")


def test_position_from_crawler_names() -> None:
    assert position_from_name("20190201-04-03.txt") == 3 and position_from_name("page4.txt") is None


def test_one_article_files_read_their_head_slots() -> None:
    a, = parse_file(ONE, "20190201-04-03.txt")
    assert (a.kicker, a.title, a.column, a.subtitle) == (None, "让公众感受历史的魅力", "人民论坛", "从历史中汲取走向未来的智慧⑦")
    assert a.position == 3 and len(a.body) == 2
    b, = parse_file(TWO, "20190201-04-02.txt")
    assert (b.kicker, b.title, b.subtitle) == ("天津基层党建述职评议会勇于揭短亮丑——", "就是要让水流到地头", None)
    c, = parse_file(THREE, "20190201-04-05.txt")
    assert c.title == "鹿心社当选广西壮族自治区人大常委会主任" and c.authors == ["刘华新", "刘佳华"]
    d, = parse_file(SPEECH, "20190204-01-03.txt")
    assert d.subtitle == "（二〇一九年二月三日）" and d.body[0].text == "同志们，朋友们："


def test_auto_tells_an_article_file_from_a_page() -> None:
    assert decide(ONE, "20190201-04-03.txt")[0] == "article"
    page = "".join([ONE, TWO, THREE])
    assert decide(page, "20190201-04.txt")[0] == "page"
    assert [a.title for a in parse_file(page, "20190201-04.txt")] == [
        "让公众感受历史的魅力", "就是要让水流到地头", "鹿心社当选广西壮族自治区人大常委会主任"]


def test_forced_modes() -> None:
    page = "".join([ONE, TWO])
    assert len(parse_file(page, "x.txt", "page")) == 2
    one, = parse_file(page, "x.txt", "article")
    assert one.title == "让公众感受历史的魅力"
    with pytest.raises(ValueError):
        parse_file(page, "x.txt", "pages")


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_ingest_a_crawler_folder(tmp_path: Path) -> None:
    """One article per file, date, page and position from the names; --pages forces pages and
    re-parses unchanged files; --one-per-file forces one article even for a joined page."""
    folder = tmp_path / "20190201"
    folder.mkdir()
    for n, text in enumerate([TWO, ONE, THREE], start=2):
        (folder / f"20190201-04-0{n}.txt").write_bytes(text.encode("utf-8"))
    db = tmp_path / "c.sqlite3"
    run("ingest", str(tmp_path), "-q", db=db)
    arts = json.loads(run("articles", "--json", db=db).stdout)
    assert [(a["source"], a["date"], a["page"], a["position"], a["title"]) for a in arts] == [
        ("20190201/20190201-04-02.txt", "2019-02-01", 4, 2, "就是要让水流到地头"),
        ("20190201/20190201-04-03.txt", "2019-02-01", 4, 3, "让公众感受历史的魅力"),
        ("20190201/20190201-04-04.txt", "2019-02-01", 4, 4, "鹿心社当选广西壮族自治区人大常委会主任")]
    (tmp_path / "20190201-05.txt").write_bytes("".join([ONE, TWO]).encode("utf-8"))
    report = json.loads(run("ingest", str(tmp_path), "--json", "-q", db=db).stdout)
    assert report["added"] == ["20190201-05.txt"] and report["articles"] == 2
    report = json.loads(run("ingest", str(tmp_path / "20190201-05.txt"), "--one-per-file", "--json", "-q", db=db).stdout)
    assert report["updated"] == ["20190201-05.txt"] and report["articles"] == 1
    parsed = json.loads(run("parse", str(folder / "20190201-04-03.txt"), "--json", "--pages", db=db).stdout)
    assert parsed[0]["title"] == "让公众感受历史的魅力" and parsed[0]["column"] == "人民论坛"
    explain = json.loads(run("parse", str(folder / "20190201-04-03.txt"), "--explain", db=db).stdout)
    assert explain[0]["evidence"][0] == {"step": "file", "mode": "article",
                                         "why": "crawler file shape: head slots at the top, indented paragraphs"}
