"""The core's refusals are worded by the interface: every error code the core raises has a
sentence in ui/errors.py (so it is translated); in English the core's own message is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.changes import CorpusError
from reader.text.sources import SourceError
from ui import i18n
from ui.errors import ErrorWords, describe, describe_failure

ROOT = Path(__file__).resolve().parents[2]
RAISED = re.compile(r"""(?:CorpusError|_error)\(\s*["']([a-z][a-z-]*)["']""")
PROBLEM = re.compile(r"""SourceError\([^,]+,\s*["']([a-z][a-z-]*)["']""")


def _codes(pattern: re.Pattern[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "reader").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            found.setdefault(match.group(1), f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    i18n.install("zh_CN")
    yield
    i18n.reset()


def test_every_code_the_core_raises_has_a_sentence(qapp) -> None:  # type: ignore[no-untyped-def]
    words = ErrorWords()
    corpus_codes = _codes(RAISED)
    assert "no-article" in corpus_codes and "tag-cycle" in corpus_codes  # the scan sees them
    missing = [f"{where}: CorpusError code {code!r}" for code, where in corpus_codes.items() if code not in words.corpus()]
    problems = _codes(PROBLEM)
    assert "too-large" in problems
    missing += [f"{where}: SourceError problem {code!r}" for code, where in problems.items() if code not in words.source()]
    assert not missing, "add a sentence for these in ui/errors.py, then `make translations`:\n" + "\n".join(missing)


def test_in_english_the_core_message_is_shown_as_it_is(qapp) -> None:  # type: ignore[no-untyped-def]
    assert i18n.current() == "en"
    exc = CorpusError("bad-range", "range 5-9 is outside the article's 3 characters")
    assert describe(exc) == str(exc)
    assert describe_failure("a.txt", "a.txt: empty (the file has no text)") == "a.txt: empty (the file has no text)"


def test_in_chinese_the_code_is_worded_and_the_particulars_kept(chinese) -> None:  # type: ignore[no-untyped-def]
    assert describe(CorpusError("tag-cycle", "a tag cannot move under itself")) == "代码不能移到它自己或它的子代码之下。"
    worded = describe(CorpusError("coder-exists", "a coder named '张三' already exists"))
    assert worded.startswith("已有同名的编码员") and "张三" in worded
    assert describe(SourceError("版面.txt", "empty", "the file has no text")) == "版面.txt：文件中没有文字"
    big = describe(SourceError("big.txt", "too-large", "9000000 bytes; the limit for one page is 8388608"))
    assert big.startswith("big.txt：文件太大") and "8388608" in big
    assert describe_failure("b.txt", "b.txt: binary (contains NUL bytes; not a text file)") == "b.txt：这不是文本文件"
    assert describe_failure("c.txt", "c.txt: parse-error (ValueError: x)").startswith("c.txt：无法把这个版面拆分成文章")
    assert describe(CorpusError("some-new-code", "as the core says")) == "as the core says"
    assert describe(ValueError("other")) == "other"


def test_storage_errors_are_worded_in_chinese(chinese) -> None:  # type: ignore[no-untyped-def]
    from reader.store.safety import _ERRORS, storage_error

    words = ErrorWords()
    codes = {code for _needle, code, _problem in _ERRORS}
    assert codes == set(words.storage()), "add a sentence for these in ui/errors.py: " + str(codes ^ set(words.storage()))
    full = storage_error(Exception("database or disk is full"), "/tmp/语料.sqlite3")
    assert full is not None and full.code == "disk-full"
    worded = describe(full)
    assert worded.startswith("/tmp/语料.sqlite3：") and "disk" not in worded
    assert not re.search("[A-Za-z]{4,}", worded.split("：", 1)[1].replace("Pizhu", "").replace("SQLite", ""))


def test_other_corpus_file_refusals_lead_with_a_chinese_sentence(chinese, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.store.db import DatabaseError, open_db

    with pytest.raises(DatabaseError) as caught:
        open_db(tmp_path)  # a folder, not a corpus file
    worded = describe(caught.value)
    assert worded.startswith(f"语料库文件 {tmp_path} 无法使用") and "folder" in worded  # the reason kept
