"""Help for new and returning users: the Help menu (keyboard shortcuts, the tour, About with
versions) and the first-run tour of the three main actions: add pages, read and code, search
and compare."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import plain

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def versions() -> list[tuple[str, str]]:
    """Names and versions of Pizhu and what it runs on."""
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "—"

    return [
        ("Pizhu", version("pizhu")), ("Python", platform.python_version()), ("Qt", qVersion()),
        ("PySide6", pyside_version), ("SQLite", sqlite3.sqlite_version), ("peewee", version("peewee")),
        ("jieba", version("jieba")), (platform.system(), platform.release()),
    ]


def shortcut_sections(bar) -> list[tuple[str, list[QAction]]]:  # type: ignore[no-untyped-def]
    """Every action of a menu bar by menu (submenus' actions with their menu's)."""
    out = []
    for action in bar.actions():
        if action.menu() is not None:
            actions = [a for a in action.menu().actions() if not a.isSeparator()]
            for sub in [a.menu() for a in actions if a.menu() is not None]:
                actions.extend(a for a in sub.actions() if not a.isSeparator())
            out.append((plain(action.text()), actions))
    return out


class AboutDialog(QDialog):
    def __init__(self, corpus_path: str, schema: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Pizhu"))
        title = QLabel("<h2>Pizhu 批注</h2>", self)
        blurb = QLabel(self.tr("A reader and annotator for Chinese news corpora: clean articles from "
                               "newspaper pages, entities highlighted, passages coded, corpus search "
                               "and statistics, exports to QDA tools."), self)
        blurb.setWordWrap(True)
        rows = "".join(f"<tr><td>{name}</td><td>&nbsp;&nbsp;{value}</td></tr>" for name, value in versions())
        self.versions_label = QLabel(f"<table>{rows}</table>", self)
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        corpus = QLabel(self.tr("Corpus: %s (schema %d)") % (corpus_path, schema), self)
        corpus.setWordWrap(True)
        corpus.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        credits = QLabel(self.tr("Bundled: Noto Sans CJK SC subset (SIL Open Font License); place "
                                 "gazetteer from JioNLP (Apache-2.0)."), self)
        credits.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, blurb, self.versions_label, corpus, credits, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())


class TourDialog(QDialog):
    """Three pages, one per main action, each with a button that does it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Welcome to Pizhu"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.pages = QStackedWidget(self)
        steps = (
            (self.tr("1 · Add newspaper pages"),
             self.tr("File → Add pages… (Ctrl+I) or drop page files and folders on the window. Pizhu "
                     "splits each page into articles and marks people, places, organisations, dates "
                     "and figures. The articles appear in the list on the left."),
             self.tr("Add pages…"), window.files.add_files_action),
            (self.tr("2 · Read and code"),
             self.tr("Open an article, select a passage and press T to give it a code (type to find "
                     "or create one), N to add a note. Coded passages are tinted in their code's "
                     "colour with stripes in the margin; the inspector on the right lists them."),
             self.tr("Go to the reader"), None),
            (self.tr("3 · Search and compare"),
             self.tr("Ctrl+Shift+F searches the whole corpus; the corpus views below (concordance, "
                     "entity index, statistics, all annotations, codebook) open when you need them "
                     "and Esc puts them away. Ctrl+E exports your codes for NVivo, ATLAS.ti, MAXQDA "
                     "or a spreadsheet. F1 lists every shortcut."),
             self.tr("Search the corpus"), None),
        )
        self.do_buttons: list[QPushButton] = []
        for index, (title, text, button_text, action) in enumerate(steps):
            page = QWidget(self.pages)
            heading = QLabel(f"<h3>{title}</h3>", page)
            body = QLabel(text, page)
            body.setWordWrap(True)
            do = QPushButton(button_text, page)
            do.clicked.connect(lambda _=False, i=index, a=action: self._do(i, a))
            self.do_buttons.append(do)
            column = QVBoxLayout(page)
            column.addWidget(heading)
            column.addWidget(body, 1)
            column.addWidget(do, 0, Qt.AlignmentFlag.AlignLeft)
            self.pages.addWidget(page)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.done_button = QPushButton(self.tr("Done"), self)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row)
        self.back_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.done_button.clicked.connect(self.accept)
        self.go(0)
        self.resize(480, 260)

    def go(self, step: int) -> None:
        index = max(0, min(self.pages.count() - 1, self.pages.currentIndex() + step))
        self.pages.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < self.pages.count() - 1)
        self.done_button.setDefault(index == self.pages.count() - 1)
        self.next_button.setDefault(index < self.pages.count() - 1)

    def _do(self, index: int, action: QAction | None) -> None:
        w = self.window_
        if action is not None:
            action.trigger()
        elif index == 1:
            w.focus_pane("reader")
        else:
            views = getattr(w, "corpus_views", None)
            if views is not None:
                views.show_view(views.search)


class Onboarding(QObject):
    """The Help menu of a window."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.help_action = QAction(self.tr("&Keyboard shortcuts"), window, shortcut=QKeySequence("F1"))
        self.tour_action = QAction(self.tr("Quick &tour"), window)
        self.about_action = QAction(self.tr("&About Pizhu"), window)
        for action in (self.help_action, self.tour_action, None, self.about_action):
            menu.addAction(action) if action is not None else menu.addSeparator()
        self.help_action.triggered.connect(self.show_shortcuts)
        self.tour_action.triggered.connect(self.show_tour)
        self.about_action.triggered.connect(self.show_about)
        window.help_action = self.help_action  # type: ignore[attr-defined]
        self.dialog: QDialog | None = None

    def show_shortcuts(self) -> QDialog:
        from ui.help import HelpDialog

        self.dialog = HelpDialog(self.window.shortcut_sections(), self.window)
        self.window.help_dialog = self.dialog  # type: ignore[attr-defined]
        self.dialog.show()
        return self.dialog

    def show_tour(self) -> TourDialog:
        tour = TourDialog(self.window)
        tour.finished.connect(lambda _result: setattr(self.window.settings, "tour_done", True))
        tour.show()
        self.dialog = tour
        return tour

    def show_about(self) -> AboutDialog:
        from reader.store.db import schema_version

        dialog = AboutDialog(str(self.window.corpus.path), schema_version(self.window.corpus.db), self.window)
        dialog.show()
        self.dialog = dialog
        return dialog

    def maybe_first_run(self) -> TourDialog | None:
        """The tour, once, the first time the app is used."""
        if self.window.settings.tour_done:
            return None
        return self.show_tour()
