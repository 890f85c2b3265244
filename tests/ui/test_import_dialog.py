"""File → Import: an export of one corpus imported into another through the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import Corpus
from reader.exchange.exporting import export
from ui.main_window import MainWindow


def test_import_from_the_file_menu(qtbot, tmp_path: Path, seeded_template: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    shutil.copyfile(seeded_template, a)
    shutil.copyfile(seeded_template, b)
    source = Corpus(a)
    art = next(x for x in source.articles() if x.title == "利剑高悬显锋芒")
    source.annotate_quote(art.id, "李彦文", tags=["人物"], note="书记")
    out = tmp_path / "x.qdpx"
    export(source, "qdpx", out)
    source.close()

    corpus = Corpus(b)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.open_article(art.id)
    controller = win.import_controller
    assert controller.action in win.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(controller.imported, timeout=30000) as blocker:
        controller.start(str(out))
    assert len(blocker.args[0].added) == 1
    assert win.panel.list.count() == 1 and "人物" in win.panel.list.item(0).text()
    assert "Imported 1" in win.statusBar().currentMessage()
    win.close()
    corpus.close()


def test_a_hostile_file_is_reported_in_the_window_without_blocking(qtbot, tmp_path: Path, seeded_template: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "c.sqlite3"
    shutil.copyfile(seeded_template, db)
    corpus = Corpus(db)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    bad = tmp_path / "bomb.qdc"
    bad.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook/>')
    with qtbot.waitSignal(win.import_controller.failed, timeout=30000) as blocker:
        win.import_controller.start(str(bad))
    assert str(bad) in blocker.args[0] and "DTD" in blocker.args[0]
    assert win.import_controller.report_box is not None and win.import_controller.report_box.isVisible()
    win.close()
    corpus.close()
