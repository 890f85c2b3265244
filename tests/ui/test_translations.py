"""The interface is translated, all of it: every message lupdate can read is in the catalogues
with a finished Chinese translation that keeps its placeholders and mnemonic; no text reaches a
widget without tr(); and the window, its corpus views and its dialogs, rendered in Chinese, show
no English word that is not a name or an abbreviation (KWIC, CSV, Ctrl…).

When one of these fails after you added strings: ``make translations``, fill the new
``<translation type="unfinished">`` entries of ui/i18n/pizhu_zh_CN.ts (and the English plural
forms in pizhu_en.ts), run the tests again.  ui/i18n/GLOSSARY.md has the terms."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from ui import i18n
from ui.i18n.catalog import entries
from ui.i18n.lint import scan

ZH = i18n.ts_file("zh_CN")
EN = i18n.ts_file("en")
HOW = "run `make translations`, translate the new entries in ui/i18n/pizhu_zh_CN.ts (see GLOSSARY.md)"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sdn%]|%\d|\{\w*\}")
MNEMONIC = re.compile(r"&(?!&)\S")


@pytest.fixture(scope="module")
def scanned():  # type: ignore[no-untyped-def]
    return scan()


def test_every_tr_call_can_be_read_by_lupdate_and_no_text_skips_it(scanned) -> None:  # type: ignore[no-untyped-def]
    _messages, problems = scanned
    assert not problems, "\n".join(map(str, problems))


def test_the_catalogues_hold_exactly_the_messages_of_the_source(scanned) -> None:  # type: ignore[no-untyped-def]
    messages, _problems = scanned
    in_source = {(m.context, m.source, m.disambiguation): m for m in messages}
    in_catalogue = {(e.context, e.source, e.disambiguation) for e in entries(ZH) if e.kind != "vanished"}
    missing = [f"{m.file}:{m.line}: {m.source!r} (context {m.context})" for k, m in in_source.items()
               if k not in in_catalogue]
    assert not missing, f"not in {ZH.name}; {HOW}:\n" + "\n".join(missing)
    gone = sorted(f"{c}: {s!r}" for c, s, _d in in_catalogue - set(in_source))
    assert not gone, f"{ZH.name} holds messages no longer in ui/; run `make translations`:\n" + "\n".join(gone)
    plurals = {(m.context, m.source, m.disambiguation) for m in messages if m.numerus}
    english = {(e.context, e.source, e.disambiguation) for e in entries(EN) if e.finished}
    assert plurals <= english, f"English plural forms missing in {EN.name}: {sorted(plurals - english)}"


def test_every_message_has_a_finished_chinese_translation(scanned) -> None:  # type: ignore[no-untyped-def]
    messages, _problems = scanned
    where = {(m.context, m.source, m.disambiguation): f"{m.file}:{m.line}" for m in messages}
    todo = [f"{where.get((e.context, e.source, e.disambiguation), e.context)}: {e.source!r}"
            for e in entries(ZH) if e.kind != "vanished" and not e.finished]
    assert not todo, f"untranslated; {HOW}:\n" + "\n".join(todo)


def test_translations_keep_placeholders_mnemonics_and_plural_forms() -> None:
    wrong = []
    for entry in entries(ZH):
        for form in entry.forms if entry.finished else ():  # (the unfinished: the test above)
            if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(entry.source)):
                wrong.append(f"{entry.context}: {entry.source!r} -> {form!r}: placeholders differ")
            if len(MNEMONIC.findall(form)) != len(MNEMONIC.findall(entry.source)):
                wrong.append(f"{entry.context}: {entry.source!r} -> {form!r}: write the mnemonic as (&X)")
        if entry.numerus and len(entry.forms) != 1:
            wrong.append(f"{entry.context}: {entry.source!r}: Chinese has one plural form")
    for entry in entries(EN):
        if len(entry.forms) != 2 or not all("%n" in f for f in entry.forms):
            wrong.append(f"{EN.name}: {entry.source!r}: two forms (one, other), each with %n")
    assert not wrong, "\n".join(wrong)


def test_a_missing_or_stale_catalogue_is_compiled_into_the_cache(tmp_path: Path, monkeypatch, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(ZH, source / ZH.name)
    monkeypatch.setattr(i18n, "I18N_DIR", source)
    monkeypatch.setenv("PIZHU_CACHE_DIR", str(tmp_path / "cache"))
    qm = i18n.qm_file("zh_CN")  # as in a wheel install: no .qm next to the source
    assert qm is not None and qm.parent == tmp_path / "cache" / "i18n" and qm.stat().st_size > 1000
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    assert i18n.qm_file("zh_CN") == qm, "compiled once, then found by the source's hash"
    built = source / "pizhu_zh_CN.qm"
    shutil.copy(qm, built)
    assert i18n.qm_file("zh_CN") == built  # an up-to-date build next to the source is used
    import os
    import time

    later = time.time() + 5
    os.utime(source / ZH.name, (later, later))  # the source edited since the build
    assert i18n.qm_file("zh_CN") == qm
    assert i18n.qm_file("fr") is None


# -- the interface rendered in Chinese ----------------------------------------------------
ALLOWED_WORDS = {
    # abbreviations and names kept in Chinese interfaces
    "KWIC", "PER", "LOC", "ORG", "DATE", "NUM", "CSV", "XLSX", "JSON", "JSONL", "LD", "HTML", "PNG", "BIO",
    "CoNLL", "REFI", "QDA", "NVivo", "ATLAS", "ti", "MAXQDA", "brat", "standoff", "doccano", "Excel", "Markdown",
    "UTF", "BOM", "CRLF", "JioNLP", "Apache", "Pizhu", "jieba", "Krippendorff", "Cohen", "English", "YYYY", "MM",
    "DD", "AND", "OR", "NOT", "ID", "Python", "PySide", "Qt", "SQLite", "peewee", "Linux", "Windows", "Darwin",
    "macOS", "UTC", "Unicode", "wz", "pinyin", "MI", "PostgreSQL", "URI", "libpq", "pgpass", "PGPASSWORD",
    "consensus",  # the reserved coder name curated annotations are stored under (data, not a label)
    # keys
    "Ctrl", "Shift", "Alt", "Esc", "Enter", "Return", "Tab", "Del", "Delete", "Backspace", "Space", "Home", "End",
    "PgUp", "PgDown", "Up", "Down", "Left", "Right", "Ins", "Meta", "Backtab",
}
ALLOWED_PHRASES = re.compile(
    r"Noto Sans CJK SC|SIL Open Font License|JSON Lines|alpha_u|alpha_coded|alpha_text|f1_exact|f1_overlap|kappa"
    r"|Log Ratio|log-Dice|\bvar:\w+|\b[a-z_]+=[^\s，,、；;（）()]*"  # statistics' names; the sub-corpus syntax
    r"|\*\.\w+|\.(?:xlsx|qdpx|qdc|zip|txt|md|csv|png|json)\b|[A-Za-z0-9_./\\:-]*\d[A-Za-z0-9_./\\:-]*"
    r"|(?:/|[A-Z]:\\)[^\s，。：）)]+|<[^>]*>|&\w+;"
    r"|\bpizhu [a-z-]+|postgresql://[^\s，。）)]*")  # a command line; a server URI
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    text = ALLOWED_PHRASES.sub(" ", text).replace("&", "")
    return [w for w in WORD.findall(text) if w not in ALLOWED_WORDS]


def widget_texts(root) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) of every user-visible text under ``root``: titles, labels, buttons, tips,
    placeholders, items of fixed choices, tabs, headers, menus and their actions."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QMenu,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    found: list[tuple[str, str]] = []

    def add(widget, what: str, text) -> None:  # type: ignore[no-untyped-def]
        if isinstance(text, str) and text.strip():
            found.append((f"{type(widget).__name__}({widget.objectName() or '-'}).{what}", text))

    def actions(owner, seen: set[int]) -> None:  # type: ignore[no-untyped-def]
        for action in QWidget.actions(owner):  # (some widgets name an attribute "actions")
            if id(action) in seen:
                continue
            seen.add(id(action))
            for what in ("text", "toolTip", "statusTip", "whatsThis", "iconText"):
                add(owner, f"action.{what}", getattr(action, what)())
            if action.menu() is not None:
                add(action.menu(), "title", action.menu().title())
                actions(action.menu(), seen)

    seen: set[int] = set()
    for widget in [root, *root.findChildren(QWidget)]:
        for what in ("windowTitle", "toolTip", "statusTip", "whatsThis", "accessibleName", "accessibleDescription"):
            add(widget, what, getattr(widget, what)())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        if isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QComboBox) and not widget.isEditable():
            for i in range(widget.count()):
                add(widget, f"item{i}", widget.itemText(i))
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget, f"tab{i}", widget.tabText(i))
                add(widget, f"tabToolTip{i}", widget.tabToolTip(i))
        if isinstance(widget, QAbstractSpinBox):
            for what in ("suffix", "prefix", "specialValueText"):
                add(widget, what, getattr(widget, what)() if hasattr(widget, what) else "")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model (a completer's): no header
                columns = 0
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    add(widget, f"header{column}", model.headerData(column, Qt.Orientation.Horizontal, role))
        if isinstance(widget, QMainWindow):
            add(widget, "statusBar", widget.statusBar().currentMessage())
        if isinstance(widget, QMenu):
            add(widget, "title", widget.title())
        actions(widget, seen)
    return found


def untranslated(root) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted({f"{where}: {text!r}" for where, text in widget_texts(root) if english_words(text)})


@pytest.fixture
def chinese_window(qtbot, qapp, seeded_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus
    from ui.main_window import MainWindow
    from ui.settings import Settings

    path = tmp_path / "语料库.sqlite3"
    shutil.copy(seeded_path, path)
    i18n.install("zh_CN")
    settings = Settings()
    settings.coder_name = "张三"
    corpus = Corpus(path)
    window = MainWindow(corpus, settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    corpus.close()
    i18n.reset()


def test_the_window_and_every_corpus_view_in_chinese_show_no_english(qtbot, chinese_window) -> None:  # type: ignore[no-untyped-def]
    w = chinese_window
    assert w.menuBar().actions()[0].text() == "文件(&F)"
    w.open_first_article()
    w.workbench.create_tag("监督")
    text = w.view.article.text
    w.view.select_range(0, 4)
    assert w.workbench.tag_selection() and w.workbench.apply_tag("监督")
    w.find_bar.open_bar(text[5:7])
    views = w.corpus_views
    views.show_view(views.search)
    views.search.set_query(text[5:7])
    views.search.run_search()
    qtbot.waitUntil(lambda: views.search.model.rowCount() > 0, timeout=10000)
    views.show_view(views.kwic)
    views.kwic.show_concordance(text[5:7], "text")
    qtbot.waitUntil(lambda: views.kwic.model.rowCount() > 0, timeout=10000)
    for key in w.corpus_panel.views:  # every registered corpus view, a new one included
        w.corpus_panel.show_view(key)
        qtbot.wait(50)
    qtbot.waitUntil(lambda: not w.runner.running(), timeout=20000)
    problems = untranslated(w)
    stats = views.stats
    for key in [stats.table_combo.itemData(i) for i in range(stats.table_combo.count())]:
        stats.show_table(key)  # each table: its own columns
        qtbot.waitUntil(lambda: not w.runner.running(), timeout=20000)
        problems += untranslated(stats)
    assert not problems, "English in the Chinese interface (wrap it in self.tr(), then translate):\n" + "\n".join(problems)


def test_every_dialog_in_chinese_shows_no_english(qtbot, chinese_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QColorDialog, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox, QProgressDialog

    from ui.export_dialog import ExportDialog
    from ui.preferences import PreferencesDialog
    from ui.properties_dialog import PropertiesDialog
    from ui.variables_view import SetVariableDialog

    w = chinese_window
    w.open_first_article()
    article = w.view.article
    asked: list[str] = []
    w.entity_tools.confirm = lambda title, text: bool(asked.append(f"{title}\n{text}"))  # (declined)
    w.entity_tools.mark(article.text[:3], "ORG")  # what the correction would change, counted and asked
    w.safety_tools.backup_now()
    qtbot.waitUntil(lambda: bool(asked) and not w.runner.running(), timeout=20000)
    dialogs = [
        PreferencesDialog(w.settings, w),
        PropertiesDialog(article, w.corpus.page_facts(article.source), w),
        ExportDialog(w.corpus, w.runner, w, current_article=article.id, listed_articles=[article.id]),
        w.entity_tools.show_corrections(),
        w.help.show_shortcuts(),
        w.help.show_tour(),
        w.help.show_about(),
        w.team.coder_dialog(first_start=True),
        w.team.open_agreement(),
        w.team.open_side_by_side(article.id, "张三", "李四"),
        w.entity_tools.context_menu(w.view.entities[0].start if w.view.entities else 0),
        w.entity_tools.explain(w.view.entities[0]) if w.view.entities else None,
        w.safety_tools.show_backups(),
        w.analysis_views.open_autocode(),
        SetVariableDialog(["region"], 3, w),
        QMessageBox(QMessageBox.Icon.Question, "标题", "正文",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel, w),
        # Qt's own dialogs (the app's file dialogs are Qt's where the platform has none of its own)
        QFileDialog(w, "标题"), QColorDialog(w), QInputDialog(w), QProgressDialog(w),
    ]
    dialogs[-4].setOption(QFileDialog.Option.DontUseNativeDialog)
    dialogs[-3].setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    for dialog in dialogs[-4:]:
        dialog.show()
    qtbot.waitUntil(lambda: not w.runner.running(), timeout=20000)
    problems = [p for dialog in dialogs if dialog is not None for p in untranslated(dialog)]
    assert "实体" in asked[0], asked
    problems += [f"correction question: {text!r}" for text in asked if english_words(text)]
    assert w.safety_tools.dialog.table.rowCount() >= 1  # (a backup listed: its row is checked too)
    problems += [f"backup row: {w.safety_tools.dialog.table.item(0, c).text()!r}" for c in range(2)
                 if english_words(w.safety_tools.dialog.table.item(0, c).text())]
    assert not problems, "English in a Chinese dialog (wrap it in self.tr(), then translate):\n" + "\n".join(problems)
    ok = dialogs[0].findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text().replace("&", "") != "OK", "Qt's own buttons are translated (qtbase_zh_CN.qm)"
    for dialog in dialogs:
        if dialog is not None:
            dialog.close()


def test_the_analysis_views_in_chinese_report_their_results_in_chinese(qtbot, chinese_window) -> None:  # type: ignore[no-untyped-def]
    from reader.analysis import phrases

    w = chinese_window
    views = w.analysis_views
    wait = 30000

    def shown(key: str):  # type: ignore[no-untyped-def]
        view = views.show_view(key)
        qtbot.waitUntil(lambda: not w.runner.running(), timeout=wait)
        return view

    with qtbot.waitSignal(views.words.results_ready, timeout=wait):
        shown("words").run()
    with qtbot.waitSignal(views.keyness.results_ready, timeout=wait):
        shown("keyness").compare(f"source={w.corpus.articles()[0].source}")
    with qtbot.waitSignal(views.collocations.results_ready, timeout=wait):
        shown("collocations").show_collocates("巡察")
    with qtbot.waitSignal(views.timeline.results_ready, timeout=wait):
        shown("timeline").show_timeline("query", "巡察", "month", split="headline")
    with qtbot.waitSignal(views.reprints.results_ready, timeout=wait):
        shown("reprints").refresh()
    with qtbot.waitSignal(views.variables.results_ready, timeout=wait):
        shown("variables").refresh()
    phrases.create_list("提法")
    shown("phrases").reload("提法")
    with qtbot.waitSignal(views.phrases.results_ready, timeout=wait):
        views.phrases.add_phrase("提法", "常态化巡察 / 巡察常态化")
    problems = [p for key in ("words", "keyness", "collocations", "timeline", "reprints", "variables", "phrases")
                for p in untranslated(views.views[key][0])]
    problems += [f"timeline legend: {name!r}" for name, _values in views.timeline.chart.series() if english_words(name)]
    assert {name for name, _values in views.timeline.chart.series()} <= {"标题", "正文"}
    assert not problems, "English in the Chinese analysis views:\n" + "\n".join(problems)


def test_tabs_and_lists_show_labels_without_their_mnemonic(chinese_window) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import plain

    assert plain("&File") == "File" and plain("文件(&F)") == "文件" and plain("导出标注(&E)…") == "导出标注…"
    assert plain("A && B") == "A & B"
    tabs = chinese_window.corpus_panel.tabs
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    assert "检索语料库" in labels and not [t for t in labels if "(" in t or "&" in t], labels
