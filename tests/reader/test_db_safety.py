"""Opening a corpus safely: SQLite's locks survive a second open in one process, concurrent first
opens migrate once, and every bad file gets a clear error without being changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.store import migrations as migmod
from reader.store.db import DatabaseError, open_db, schema_version
from reader.store.safety import StorageError

ROOT = Path(__file__).resolve().parents[2]

# A child process that tries to take SQLite's SHARED lock range exclusively: it succeeds only
# when no connection holds a shared lock on the file.
LOCK_PROBE = textwrap.dedent("""
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002, 0)
        print("free")
    except OSError:
        print("held")
""")


def _run(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=full)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- item 3: a second open in one process keeps the locks ------------------------------------
def test_opening_a_corpus_twice_in_one_process_keeps_sqlite_locks(seeded_path: Path) -> None:
    from reader.corpus import Corpus

    first = Corpus(seeded_path)
    first.articles()
    assert _run(LOCK_PROBE, str(seeded_path)).stdout.strip() == "held"
    second = Corpus(seeded_path)  # the file check must not close a handle on the open file
    second.articles()
    assert _run(LOCK_PROBE, str(seeded_path)).stdout.strip() == "held"
    second.close()
    first.close()


WRITER = textwrap.dedent("""
    import sys
    from reader.corpus import Corpus
    path, rounds = sys.argv[1], int(sys.argv[2])
    for i in range(rounds):
        c = Corpus(path)          # open, write, close: the closing connection checkpoints
        c.annotate(1, 0, 2, tags=["child"], note=f"child {i}")
        c.close()
""")


def test_writes_survive_another_process_writing_while_the_corpus_is_open_twice(seeded_path: Path) -> None:
    from reader.corpus import Corpus

    first = Corpus(seeded_path)
    Corpus(seeded_path)  # opened again (e.g. a second window): the bug dropped the locks here
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(seeded_path), "25"], cwd=ROOT,
                             stderr=subprocess.PIPE, text=True)
    acknowledged: list[int] = []
    while child.poll() is None or len(acknowledged) < 40:
        acknowledged.append(first.annotate(1, 3, 5, note=f"parent {len(acknowledged)}").id)
        if len(acknowledged) > 400:
            break
    assert child.wait(120) == 0, child.stderr.read() if child.stderr else ""
    con = sqlite3.connect(seeded_path)
    stored = {r[0] for r in con.execute("SELECT id FROM annotation")}
    children = con.execute("SELECT count(*) FROM annotation WHERE note LIKE 'child %'").fetchone()[0]
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert set(acknowledged) <= stored, f"{len(set(acknowledged) - stored)} acknowledged writes lost"
    assert children == 25


# -- item 8: concurrent first open ------------------------------------------------------------
OPENER = textwrap.dedent("""
    import sys, time
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    from reader.corpus import Corpus
    c = Corpus(sys.argv[1])
    print(c.db.execute_sql("PRAGMA user_version").fetchone()[0])
    c.close()
""")


@pytest.mark.parametrize("round_", range(2))
def test_concurrent_first_open_of_a_new_database_migrates_once(tmp_path: Path, round_: int) -> None:
    path = tmp_path / f"new{round_}.sqlite3"
    start = str(time.time() + 1.5)  # the children import first, then all open at once
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), start], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(5)]
    results = [(p.wait(120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, out, err in results:
        assert code == 0, err
        assert out.strip() == str(len(migmod.MIGRATIONS))
    database = open_db(path)
    assert schema_version(database) == len(migmod.MIGRATIONS)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    database.close()


def test_migration_rereads_the_version_inside_its_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that read an old version but got the lock after another process migrated does
    not run the steps again."""
    from reader.store import safety

    path = tmp_path / "raced.sqlite3"
    db = open_db(path, migrate_to=1)
    open_db(path).close()  # "another process" migrates it to the end
    db = open_db(path, migrate_to=len(migmod.MIGRATIONS))
    real = safety._version
    reads = {"n": 0}

    def stale_then_real(database):  # type: ignore[no-untyped-def]
        reads["n"] += 1
        return 1 if reads["n"] <= 2 else real(database)  # the reads before the lock are stale

    ran: list[str] = []
    monkeypatch.setattr(safety, "_version", stale_then_real)
    monkeypatch.setattr(migmod, "MIGRATIONS", [lambda d, f=f: ran.append(f.__name__) for f in migmod.MIGRATIONS])
    assert safety.migrate_locked(db) == len(migmod.MIGRATIONS)
    assert ran == []
    db.close()


# -- clear errors ------------------------------------------------------------------------------
def test_a_directory_as_db_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_db(tmp_path)
    result = _cli("--db", str(tmp_path), "articles")
    assert result.returncode == 1
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


def test_a_truncated_corpus_is_refused_clearly(seeded_path: Path) -> None:
    data = seeded_path.read_bytes()
    seeded_path.write_bytes(data[: len(data) // 3])
    result = _cli("--db", str(seeded_path), "articles")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "damaged" in result.stderr or "not a SQLite" in result.stderr


def test_a_file_that_is_not_sqlite_is_refused_by_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    before = _digest(path)
    result = _cli("--db", str(path), "articles")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not a SQLite database" in result.stderr
    assert _digest(path) == before


def _foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('张三', '123')")
    con.commit()
    con.close()


def test_a_foreign_sqlite_file_is_neither_read_nor_migrated(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    _foreign(path)
    before = _digest(path)
    for command in (["articles"], ["annotations", "--json"], ["ingest", str(ROOT / "seeds")]):
        result = _cli("--db", str(path), *command)
        assert result.returncode == 1, command
        assert "another program" in result.stderr and "Traceback" not in result.stderr
    assert _digest(path) == before
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["contacts"]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_an_empty_sqlite_file_becomes_a_corpus(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    database = open_db(path)
    assert schema_version(database) == len(migmod.MIGRATIONS)
    database.close()


def test_full_disk_names_the_problem_not_a_rollback(corpus) -> None:  # type: ignore[no-untyped-def]
    pages = corpus.db.execute_sql("PRAGMA page_count").fetchone()[0]
    corpus.db.execute_sql(f"PRAGMA max_page_count = {pages + 1}")  # the file cannot grow
    before = len(corpus.annotations())
    with pytest.raises(StorageError) as info:
        for _ in range(200):
            corpus.annotate(1, 0, 4, tags=["满"], note="x" * 20000)
    assert info.value.code == "disk-full"
    assert "disk is full" in str(info.value) and "rollback" not in str(info.value)
    corpus.db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert len(corpus.annotations()) >= before  # what was stored stays, the failed one is not half there
    assert corpus.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


HOLD_LOCK = textwrap.dedent("""
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.execute("ROLLBACK")
""")


def test_a_corpus_locked_for_long_is_reported_clearly(seeded_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(seeded_path), "8"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = _cli("--db", str(seeded_path), "annotate", "1", "--start", "0", "--end", "2",
                      env={"PIZHU_BUSY_TIMEOUT_MS": "500"})
        assert result.returncode == 1
        assert "locked by another program" in result.stderr and "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def _mount(target: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    target.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True).returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_a_read_only_corpus_is_refused_clearly(seeded_path: Path, tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    if _mount(mount, "size=16m"):
        try:
            target = mount / "corpus.sqlite3"
            target.write_bytes(seeded_path.read_bytes())
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
            result = _cli("--db", str(target), "articles")
        finally:
            _umount(mount)
    elif os.geteuid() != 0:
        target = seeded_path
        target.chmod(0o444)
        result = _cli("--db", str(target), "articles")
    else:
        pytest.skip("root without mount: a read-only file cannot be made")
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_folder_is_refused_clearly(tmp_path: Path) -> None:
    mount = tmp_path / "rofolder"
    if _mount(mount, "size=1m,ro"):
        try:
            result = _cli("--db", str(mount / "new.sqlite3"), "articles")
        finally:
            _umount(mount)
    elif os.geteuid() != 0:
        mount.mkdir()
        mount.chmod(0o555)
        result = _cli("--db", str(mount / "new.sqlite3"), "articles")
    else:
        pytest.skip("root without mount: a read-only folder cannot be made")
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr


def test_a_full_disk_during_ingest_is_reported_clearly(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    if not _mount(mount, "size=300k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        result = _cli("--db", str(mount / "corpus.sqlite3"), "ingest", "--quiet", str(ROOT / "seeds"))
        assert result.returncode == 1, result.stdout
        assert "disk is full" in result.stderr and "Traceback" not in result.stderr
        assert "rollback" not in result.stderr
    finally:
        _umount(mount)


def test_storage_errors_are_known_errors() -> None:
    from reader.errors import KNOWN_ERRORS

    assert issubclass(StorageError, KNOWN_ERRORS)
