"""Backups with SQLite's online backup API: automatic before migrations and re-ingests and daily,
rotated, listed with counts; ``backup``/``backups``/``restore`` in the CLI; restoring is itself
safe (the current state is backed up first) and refuses files that are not Pizhu backups."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import backup as bk
from reader.store import migrations as migmod
from reader.store.db import DatabaseError, open_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return n


@pytest.mark.file_only("the backups folder beside the file; the server CLI: test_server_backup.py")
def test_cli_backup_list_and_restore(seeded_path: Path, tmp_path: Path) -> None:
    made = _cli("--db", str(seeded_path), "annotate", "1", "--start", "0", "--end", "2", "--tag", "先")
    assert made.returncode == 0, made.stderr
    result = _cli("--db", str(seeded_path), "backup")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.parent == bk.backups_dir(seeded_path) and backup.name.endswith("-manual.sqlite3")
    explicit = _cli("--db", str(seeded_path), "backup", str(tmp_path / "mine.sqlite3"))
    assert explicit.returncode == 0 and (tmp_path / "mine.sqlite3").exists()
    later = _cli("--db", str(seeded_path), "annotate", "1", "--start", "3", "--end", "5", "--tag", "后")
    assert later.returncode == 0
    listing = json.loads(_cli("--db", str(seeded_path), "backups", "--json").stdout)
    manual = next(r for r in listing if r["reason"] == "manual")
    assert manual["annotations"] == 1 and manual["articles"] == _count(seeded_path, "article")
    restored = _cli("--db", str(seeded_path), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "1 annotation(s)" in restored.stdout
    assert _count(seeded_path, "annotation") == 1
    before = next(r for r in json.loads(_cli("--db", str(seeded_path), "backups", "--json").stdout)
                  if r["reason"] == "restore")
    assert before["annotations"] == 2  # the state before the restore was kept
    again = _cli("--db", str(seeded_path), "restore", before["path"])  # and can be brought back
    assert again.returncode == 0 and _count(seeded_path, "annotation") == 2


@pytest.mark.parametrize("kind", ["text", "foreign", "newer", "damaged", "missing"])
def test_restore_refuses_what_is_not_a_pizhu_backup(corpus, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("不是数据库" * 200, encoding="utf-8")
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    elif kind == "newer":
        corpus.backup("manual", bad)
        con = sqlite3.connect(bad)
        con.execute(f"PRAGMA user_version = {len(migmod.MIGRATIONS) + 3}")
        con.close()
    elif kind == "damaged":
        corpus.backup("manual", bad)
        data = bytearray(bad.read_bytes())
        for i in range(8192, min(len(data), 40000), 7):
            data[i] = 0x5A
        bad.write_bytes(bytes(data))
    annotations = len(corpus.annotations())
    corpus.annotate(1, 0, 2, tags=["留着"])
    with pytest.raises(DatabaseError, match="restore|backup"):
        corpus.restore(bad)
    assert len(corpus.annotations()) == annotations + 1


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_rotation_keeps_recent_daily_and_every_manual_backup(corpus) -> None:  # type: ignore[no-untyped-def]
    folder = bk.backups_dir(corpus.path)
    stem = Path(corpus.path).stem
    for i in range(15):
        for reason in ("import", "daily", "manual"):
            (folder / f"{stem}-2026010{i % 9 + 1}-1200{i:02d}-{reason}.sqlite3").write_bytes(b"")
    folder.mkdir(exist_ok=True)
    bk.rotate(folder)
    names = [p.name for p in folder.iterdir()]
    assert sum(n.endswith("-import.sqlite3") for n in names) == bk.KEEP_RECENT
    assert sum(n.endswith("-daily.sqlite3") for n in names) == bk.KEEP_DAILY
    assert sum(n.endswith("-manual.sqlite3") for n in names) == 15


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_a_daily_backup_is_made_once_a_day_when_the_corpus_changed(seeded_path: Path) -> None:
    from reader.corpus import Corpus

    Corpus(seeded_path).close()
    daily = [b for b in bk.list_backups(seeded_path) if b.reason == "daily"]
    assert len(daily) == 1 and daily[0].articles == _count(seeded_path, "article")
    c = Corpus(seeded_path)
    c.annotate(1, 0, 2)
    c.close()
    Corpus(seeded_path).close()
    assert len([b for b in bk.list_backups(seeded_path) if b.reason == "daily"]) == 1
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert bk.daily_due(seeded_path, today=tomorrow)


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_a_corpus_opened_without_backup_leaves_the_days_backup_to_make_daily_backup(seeded_path: Path, tmp_path: Path) -> None:
    import shutil

    from reader.corpus import Corpus

    path = tmp_path / "later.sqlite3"
    shutil.copyfile(seeded_path, path)
    corpus = Corpus(path, backup=False)
    assert bk.list_backups(path) == []
    made = corpus.make_daily_backup()
    assert made is not None and [b.reason for b in bk.list_backups(path)] == ["daily"]
    assert corpus.make_daily_backup() is None  # once a day
    corpus.close()


def test_an_empty_corpus_gets_no_daily_backup(empty_corpus) -> None:  # type: ignore[no-untyped-def]
    assert empty_corpus.backups() == []


def test_an_old_corpus_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_db(path, migrate_to=len(migmod.MIGRATIONS) - 1)
    db.execute_sql("INSERT INTO tag (name, color, description, created) VALUES ('旧', '#000', '', '2024-01-01')")
    db.close()
    open_db(path).close()
    made = [b for b in bk.list_backups(path) if b.reason == "migration"]
    assert len(made) == 1 and made[0].version == len(migmod.MIGRATIONS) - 1 and made[0].tags == 1


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_reingesting_a_page_is_preceded_by_a_backup(corpus) -> None:  # type: ignore[no-untyped-def]
    corpus.annotate(1, 0, 2, tags=["重要"])
    corpus.ingest([SEEDS], force=True)
    made = [b for b in corpus.backups() if b.reason == "reingest"]
    assert len(made) == 1 and made[0].annotations == 1


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_the_module_function_backs_up_the_open_corpus(corpus) -> None:  # type: ignore[no-untyped-def]
    path = bk.backup("import")
    assert path.name.endswith("-import.sqlite3") and bk.read_info(path).articles == len(corpus.articles(True))


@pytest.mark.file_only("SQLite's online backup API under a writer; a server dumps in one snapshot")
def test_a_backup_taken_while_another_process_writes_is_consistent(seeded_path: Path, tmp_path: Path) -> None:
    from reader.corpus import Corpus

    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom reader.corpus import Corpus\nc = Corpus(sys.argv[1])\n"
        "for i in range(150):\n    c.annotate(1, 0, 2, note=str(i))\n"), str(seeded_path)], cwd=ROOT)
    corpus = Corpus(seeded_path)
    copies = []
    while writer.poll() is None and len(copies) < 20:
        copies.append(corpus.backup("manual", tmp_path / f"copy{len(copies)}.sqlite3"))
    assert writer.wait(120) == 0
    for copy in copies:
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        con.close()
    corpus.close()
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.file_only("automatic backups are made for a file corpus only (see reader/store/server_backup.py)")
def test_an_import_is_preceded_by_a_backup(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.exchange.exporting import export
    from reader.exchange.importing import import_file

    made = corpus.annotate(1, 0, 4, tags=["导入"], note="来自别处")
    path = tmp_path / "out.jsonld"
    export(corpus, "w3c", str(path))
    corpus.delete_annotation(made.id)
    report = import_file(path, "w3c", "tester")
    assert report.added
    backups = [b for b in corpus.backups() if b.reason == "import"]
    assert len(backups) == 1 and backups[0].annotations == 0  # the state before the import
