"""``python -m ui --screenshot FILE.png [--size WxH] [--theme light|dark] [--view V] [--lang L]
[--demo] [--palette]``: the app renders one of its views offscreen and saves it, so the README's pictures
are made by the app itself.  The window is shown at the size asked for, the seeds are ingested
into an empty corpus first, and the picture is taken once background work has finished.
``--demo`` codes a few passages of the first article (only in a corpus with no annotations),
so the visible coding shows."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

DEMO_CODES = (  # (tag, parent, colour, passage to find in the first article, note in English, in Chinese)
    ("监督", None, "#4e79a7", "常态化巡察", "the district's own term", "区里自己的说法"),
    ("问责", "监督", "#e15759", "直面问题", "", ""),
    ("群众", None, "#59a14f", "群众", "every mention", "每次提到都编码"),
    ("疫情防控", None, "#f28e2b", "疫情防控", "", ""),
)
DEMO_CODER = {"en": "demo", "zh_CN": "演示"}
SEARCH_QUERY = "巡察"


class Screenshot(QObject):
    def __init__(self, controller, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.controller, self.args = controller, args
        width, _, height = args.size.lower().partition("x")
        self.size = (int(width), int(height))
        self._waits = 0

    @property
    def window(self):  # type: ignore[no-untyped-def]
        return self.controller.window

    def start(self) -> None:
        from ui.main_window import SEEDS_DIR

        if self.args.view == "empty":  # the first-run look: a new, empty corpus
            import tempfile

            empty = str(Path(tempfile.mkdtemp(prefix="pizhu-empty-")) / "new-corpus.sqlite3")
            self.controller._on_window_corpus_requested(empty)
        from ui import i18n

        w = self.window
        w.settings.author = DEMO_CODER.get(i18n.current(), "demo")
        team = getattr(w, "team", None)
        if team is not None:  # the status bar names who is coding
            team.set_coder(w.settings.author, "#4e79a7")
        w.setMinimumSize(0, 0)
        w.resize(*self.size)
        w.show()
        if self.controller.corpus.is_empty() and not self.args.no_seed and self.args.view != "empty":
            w.ingest([self.args.seeds or str(SEEDS_DIR)], modal=False)
        QTimer.singleShot(300, self._when_idle(self._prepare))

    def _when_idle(self, then: Callable[[], None]) -> Callable[[], None]:
        def check() -> None:
            if self.window.runner.running() and self._waits < 600:
                self._waits += 1
                QTimer.singleShot(100, check)
                return
            then()

        return check

    def _prepare(self) -> None:
        w = self.window
        w.resize(*self.size)
        if self.args.demo:
            self._code_demo_passages()
        view = self.args.view
        if view != "empty":
            w.open_first_article()
        after = 200
        if view in ("search", "kwic"):
            views = w.corpus_views
            if view == "search":
                views.show_view(views.search)
                views.search.set_query(SEARCH_QUERY)
                views.search.run_search()
            else:
                views.show_view(views.kwic)
                views.kwic.show_concordance(SEARCH_QUERY, "text")
        elif view in ("entities", "stats", "annotations", "codebook"):
            w.corpus_panel.show_view(view)
        elif view in ("timeline", "words", "collocations", "keyness", "phrases"):  # analysis views, on the search word
            shown = w.analysis_views.show_view(view)
            if view == "timeline":
                shown.show_timeline("query", SEARCH_QUERY, "month", split="headline")
            elif view == "collocations":
                shown.show_collocates(SEARCH_QUERY)
            elif view == "keyness":  # the first seed file against the others
                shown.compare(f"source={w.corpus.articles()[0].source}")
            elif view == "phrases":
                from reader.analysis import phrases

                if not phrases.lists():
                    phrases.create_list(SEARCH_QUERY)
                    phrases.import_lines(SEARCH_QUERY, [f"常态化{SEARCH_QUERY} / {SEARCH_QUERY}常态化", f"{SEARCH_QUERY}组"])
                shown.reload(phrases.lists()[0].name)
                shown.run()
            else:
                shown.run()
        elif view == "properties":
            QTimer.singleShot(0, w.edit_properties)
        elif view == "preferences":
            QTimer.singleShot(0, w.preferences_action.trigger)
        elif view == "tour":
            w.help.show_tour()
        elif view == "find":
            w.find_bar.open_bar("巡察")
        elif view == "span":
            QTimer.singleShot(100, self._edit_a_span)
        elif view == "page":
            QTimer.singleShot(0, w.page_fixes.show_page)
        elif view == "server":  # File → Open server corpus…, testing the open corpus's server if on one
            QTimer.singleShot(0, self._open_server_dialog)
            after = 600
        QTimer.singleShot(after, self._when_idle(self._shoot))

    def _open_server_dialog(self) -> None:
        from reader.store.server_login import ServerAddress

        server = self.window.server
        on_server = self.window.corpus.on_server
        dialog = server.open_dialog(None if on_server else ServerAddress("db.example.org", 5432, "news", "ann"))
        dialog.remember_check.setChecked(True)
        if on_server:
            dialog.test_button.click()

    def _edit_a_span(self) -> None:
        """The span editor on the first organisation of four or more characters, its end nudged
        one character left (a boundary fix: scope "this occurrence")."""
        editor = self.window.entity_tools.span_editor
        ent = next((e for e in self.window.view.entities if e.type == "ORG" and len(e.text) >= 4), None)
        if ent is not None:
            self.window.view.scroll_to(ent.start, ent.end)
            editor.begin(ent)
            editor.nudge("end", -1)

    def _code_demo_passages(self) -> None:
        w = self.window
        corpus = w.corpus
        if corpus.annotations():
            return
        ids = w.article_list.visible_ids()
        if not ids:
            return
        article = corpus.article(ids[0])
        from ui import i18n

        chinese = i18n.current() != i18n.SOURCE_LANGUAGE
        for tag, parent, colour, passage, english_note, chinese_note in DEMO_CODES:
            note = chinese_note if chinese else english_note
            corpus.ensure_tag(tag, parent=parent, color=colour)
            start = article.text.find(passage)
            count = 0
            while start >= 0 and count < 3:
                end = start + len(passage)
                if tag == "问责":  # a longer passage that overlaps others
                    end = min(len(article.text), start + 40)
                corpus.annotate(article.id, start, end, tags=[tag], note=note, author=w.settings.author)
                count += 1
                start = article.text.find(passage, end) if tag in ("群众", "疫情防控") else -1
        from reader.corpus import Change

        w.changed.emit(Change("annotations", (article.id,)))

    def _shoot(self) -> None:
        app = QApplication.instance()
        app.processEvents()  # type: ignore[union-attr]
        target: QWidget = self.window
        dialog = QApplication.activeModalWidget() or QApplication.activeWindow()
        if self.args.view in ("properties", "preferences", "tour"):
            dialog = getattr(self.window, f"{self.args.view}_dialog", None) or self.window.help.dialog
            if dialog is not None:
                target = dialog
            if self.args.view == "preferences" and dialog is not None:
                dialog.tabs.setCurrentIndex(1)  # the reading comfort settings
                app.processEvents()  # type: ignore[union-attr]
        if self.args.view == "server" and self.window.server.dialog is not None:
            target = self.window.server.dialog
        if self.args.view == "page" and self.window.page_fixes.dialog is not None:
            target = self.window.page_fixes.dialog
            target.resize(*self.size)
            app.processEvents()  # type: ignore[union-attr]
        image = target.grab().toImage()
        if self.args.palette:  # 256 colours: a quarter of the size, text stays crisp
            image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        image.save(self.args.screenshot)
        print(self.args.screenshot)
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                widget.close()
        self.window.close()
        app.quit()  # type: ignore[union-attr]
