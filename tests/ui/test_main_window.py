"""The skeleton's user path: open the window on a corpus, select text, tag and note it, and find
it again after a restart; first-run ingest off the GUI thread; export from the menu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.corpus import Corpus
from ui.main_window import SEEDS_DIR, MainWindow


@pytest.fixture
def window(qtbot, seeded_path: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    corpus.close()


def test_article_list_shows_titles_dates_papers_pages_and_the_file_on_hover(window: MainWindow) -> None:
    model = window.article_list.model
    assert model.rowCount() >= 30
    rows = [model.summary(i) for i in range(model.rowCount())]
    first = next(r for r in rows if r.title == "利剑高悬显锋芒")
    row = rows.index(first)
    columns = {key: model.index(row, c).data() for c, key in enumerate(model.COLUMNS)}
    assert columns["title"] == "利剑高悬显锋芒"
    assert columns["date"] == "" and columns["paper"] == "" and columns["page"] == ""  # the seeds know none
    assert "李奕" in columns["authors"]
    assert columns["entities"] == str(first.entities) and first.entities > 0
    assert columns["annotations"] == ""  # no codes yet
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "000_2faa8fd91fc3cf26.txt" in tip and "undated" in tip
    assert "000_2faa8fd" not in "".join(str(v) for v in columns.values()), "the file name only on hover"
    derived = next(r for r in rows if r.title_derived)
    shown = model.index(rows.index(derived), 0).data()
    assert shown == f"〔{derived.display_title}〕"
    assert model.index(rows.index(derived), 0).data(Qt.ItemDataRole.FontRole).italic()
    header = window.article_list.table.horizontalHeader()

    def visible() -> list[str]:
        return [model.COLUMNS[header.logicalIndex(i)] for i in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(i))]

    # no seed page has a date or page number (page 002's datelines, 湖南日报1月26日讯, name its paper):
    # the title takes their room ...
    assert visible() == ["title", "paper", "annotations"]
    import datetime as dt

    # sorting from the keyboard (View → Sort articles by), in SQL
    window.article_list.sort_actions[model.COLUMNS.index("title")].trigger()
    window.article_list.descending_action.trigger()
    assert (model.sort_key, model.descending) == ("title", True)
    titles = [model.summary(r).display_title for r in range(model.rowCount())]
    assert titles == sorted(titles, reverse=True)
    window.corpus.set_page_facts(first.source, dt.date(2020, 7, 23), "娄底日报", 2)
    window.reload_articles()
    assert visible() == ["title", "date", "paper", "page", "annotations"]  # ... until one has them
    assert model.index(model.row_of(first.id), model.COLUMNS.index("date")).data() == "2020-07-23"


def test_opening_an_article_shows_text_and_entity_highlights(window: MainWindow) -> None:
    window.open_first_article()
    assert window.view.article is not None
    assert window.view.toPlainText() == window.view.article.text
    assert window.view.entities, "entities are highlighted"
    ent = window.view.entities[0]
    assert ent.type in window.view.describe(ent.start)
    window.legend.toggle(ent.type)
    assert ent.type in window.view.hidden_types
    assert window.view.describe(ent.start) == "" or ent.type not in window.view.describe(ent.start).split(" — ")[-1]


def test_select_tag_note_and_find_again_after_restart(qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    win.open_first_article()
    text = win.view.article.text
    start = text.index("李彦文")
    win.view.select_range(start, start + 3)
    assert win.view.selected_range() == (start, start + 3)
    assert "李彦文" in win.panel.selection_label.text()
    win.panel.tags_edit.setText("人物, 领导")
    win.panel.note_edit.setPlainText("区委书记")
    win.panel.add_button.click()
    anns = corpus.annotations(win.current_article_id)
    assert [(a.start, a.end, a.quote, a.tags, a.note) for a in anns] == [
        (start, start + 3, "李彦文", ("人物", "领导"), "区委书记")
    ]
    article_id = win.current_article_id
    win.close()
    corpus.close()

    corpus2 = Corpus(seeded_path)
    win2 = MainWindow(corpus2)
    qtbot.addWidget(win2)
    win2.open_article(article_id)
    assert win2.panel.list.count() == 1
    assert "人物" in win2.panel.list.item(0).text() and "区委书记" in win2.panel.list.item(0).text()
    win2.close()
    corpus2.close()


def test_non_bmp_selection_gives_code_point_offsets(window: MainWindow) -> None:
    from reader.records import ArticleRecord, Segment

    text = "𠮷野家在长沙开店，𠮷田说。"
    art = ArticleRecord(id=0, source="x", title=None, display_title="x", title_derived=True, subtitle=None,
                        authors=(), photographers=(), dateline=None, text=text,
                        segments=(Segment("paragraph", 0, len(text)),))
    window.view.show_article(art)
    start = text.index("𠮷田")
    window.view.select_range(start, start + 2)
    assert window.view.selected_range() == (start, start + 2)
    assert window.view.textCursor().selectedText() == "𠮷田"


def test_first_run_ingests_seeds_off_the_gui_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(tmp_path / "fresh.sqlite3")
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    assert corpus.is_empty()
    with qtbot.waitSignal(win.ingest_finished, timeout=120000) as blocker:
        win.ingest([str(SEEDS_DIR)])
        assert win.files.progress is not None and win.files.progress.isVisible()
    report = blocker.args[0]
    assert len(report.added) == 5 and not report.failed
    assert win.article_list.model.rowCount() == len(corpus.articles())
    assert win.view.article is not None
    win.close()
    corpus.close()


def test_ingest_can_be_cancelled(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(tmp_path / "cancel.sqlite3")
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    task = None
    with qtbot.waitSignal(win.ingest_finished, timeout=120000) as blocker:
        task = win.ingest([str(SEEDS_DIR)])
        task.cancel()
    assert blocker.args[0].cancelled
    assert len(blocker.args[0].added) < 5
    win.close()
    corpus.close()


def test_export_dialog_writes_the_chosen_format(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.export_dialog import ExportDialog

    art = window.corpus.articles()[0]
    window.corpus.annotate(art.id, 0, 4, tags=["标题"], note="看标题")
    dialog = ExportDialog(window.corpus, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jsonl"))
    out = tmp_path / "menu.jsonl"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.start_export()
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert any(a["note"] == "看标题" for line in lines for a in line.get("annotations", []))
    assert window.export_action.text()


def test_bundled_cjk_font_is_registered_and_covers_chinese(qapp: QApplication) -> None:
    from PySide6.QtGui import QFontMetrics

    from ui.fonts import BUNDLED_FONT, load_bundled_fonts, ui_font

    assert BUNDLED_FONT.exists()
    families = load_bundled_fonts()
    assert families and "Noto Sans CJK SC" in families[0]
    font = ui_font()
    assert font.families()[0] == families[0]
    metrics = QFontMetrics(font)
    for ch in "批注娄星区巡察𠮷":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_export_dialog_article_sets_and_bio_labels(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.export_dialog import ExportDialog

    arts = window.corpus.articles()
    first, second = arts[0].id, arts[1].id
    window.corpus.annotate(first, 0, 2, tags=["甲"])
    window.corpus.annotate(second, 0, 2, tags=["乙"])
    window.open_article(second)
    window.article_list.filter_edit.setText(arts[1].display_title[:4])
    dialog = ExportDialog(window.corpus, window.runner, window, current_article=window.current_article_id,
                          listed_articles=window.article_list.visible_ids())
    qtbot.addWidget(dialog)
    assert dialog.articles_combo.count() == 3
    dialog.articles_combo.setCurrentIndex(1)  # the open article
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("bio"))
    dialog.bio_combo.setCurrentIndex(dialog.bio_combo.findData("tags"))
    out = tmp_path / "open.conll"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.start_export()
    text = out.read_text(encoding="utf-8")
    assert "B-乙" in text and "B-甲" not in text
    assert text.count("-DOCSTART-") == 1
