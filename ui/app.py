"""The application: QApplication, names, fonts, theme, the corpus and its window; ``main()``.

:class:`App` owns the open corpus and its window and swaps both when the window asks for
another corpus (File → New / Open / Recent): the old window saves its state and closes, the old
database is closed, the new one opened (or, if it cannot be, the old one again with the error
shown).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.settings import APPLICATION, ORGANIZATION, Settings

VIEWS = ("reader", "find", "search", "kwic", "entities", "stats", "annotations", "codebook", "properties",
         "preferences", "empty", "tour", "span", "page", "timeline", "words", "collocations", "keyness", "phrases", "server")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pizhu", description="Pizhu 批注 desktop app")
    parser.add_argument("--db", default=None,
                        help="corpus database (default: the last one opened, else $PIZHU_DB or data/pizhu.sqlite3)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the main window offscreen, save, exit")
    parser.add_argument("--size", default="1280x720", help="window size for --screenshot, WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default=None,
                        help="force a theme (default: the preference, which follows the system)")
    parser.add_argument("--view", choices=VIEWS, default="reader", help="what --screenshot shows")
    parser.add_argument("--lang", default=None, help="interface language, e.g. en or zh_CN (default: the system's)")
    parser.add_argument("--palette", action="store_true",
                        help="with --screenshot: save a 256-colour PNG (small files for the README)")
    parser.add_argument("--demo", action="store_true",
                        help="with --screenshot: code a few passages of the first article (a corpus without annotations only)")
    parser.add_argument("--no-seed", action="store_true", help="do not ingest the bundled seeds into an empty corpus")
    parser.add_argument("--seeds", default=None, help="folder to ingest into an empty corpus (default: the bundled seeds)")
    return parser.parse_args(list(argv))


def create_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "pizhu", *argv])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from ui.fonts import ui_font

    app.setFont(ui_font())
    return app  # type: ignore[return-value]


def install_language(app: QApplication, lang: str | None) -> str:
    """Put the interface language in force (``None``/"system": the system's); see
    :mod:`ui.i18n`.  Returns the language code in use."""
    from ui import i18n

    return i18n.install(lang)


class App(QObject):
    def __init__(self, app: QApplication, settings: Settings) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.window = None  # type: ignore[var-annotated]
        self.corpus = None  # type: ignore[var-annotated]

    def open(self, path: str | None):  # type: ignore[no-untyped-def]
        """Open ``path`` (None: the default corpus) in a new window; None when it cannot be."""
        from reader.corpus import Corpus
        from reader.errors import KNOWN_ERRORS
        from ui.errors import describe
        from ui.main_window import MainWindow

        from reader.store.postgres import is_server_uri

        if path is None and is_server_uri(os.environ.get("PIZHU_DB")):
            path = os.environ["PIZHU_DB"]
        if is_server_uri(path):  # --db / PIZHU_DB naming a server: a password kept in the keyring
            from ui.server_corpus import with_remembered_password

            path = with_remembered_password(str(path))
        try:
            corpus = Corpus(path, backup=False)  # the day's backup runs off the GUI thread, below
        except KNOWN_ERRORS as exc:
            self.error = describe(exc)
            return None
        self.corpus = corpus
        self.opened_as = os.fspath(path) if path is not None else None  # a server's URI with its password
        window = MainWindow(corpus, self.settings)
        self._wire(window)
        self.window = window
        window.safety_tools.schedule_daily_backup()
        self.settings.add_recent_corpus(corpus.location)
        return window

    def _wire(self, window) -> None:  # type: ignore[no-untyped-def]
        window.corpus_requested.connect(self._on_window_corpus_requested)
        window.language_requested.connect(self.switch_language)

    @Slot(str)
    def switch_language(self, lang: str) -> None:
        """Show the interface in ``lang`` (a setting: "system", "zh_CN", "en"): the window is built
        again in it, keeping the open article, selection, unsaved edits and undo history."""
        from ui import i18n
        from ui.i18n.switch import rebuild
        from ui.main_window import MainWindow

        i18n.install(lang)
        if self.window is None:
            return
        self.window = rebuild(self.window, MainWindow)
        self._wire(self.window)

    def reopen_last_article(self) -> None:
        window = self.window
        if window is None:
            return
        last = window.state.last_article() or window.settings.last_article
        if last and window.article_list.select_article(last):
            window.state.restore_reading_position()
        else:
            window.open_first_article()

    @Slot(str)
    def _on_window_corpus_requested(self, path: str) -> None:
        old_window, old_corpus = self.window, self.corpus
        previous = getattr(self, "opened_as", None) or (str(old_corpus.path) if old_corpus is not None else None)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_corpus is not None:
            old_corpus.close()
        window = self.open(path)
        if window is None:
            message = self.error
            window = self.open(previous)
            if window is not None:
                window.show()
                QMessageBox.warning(window, self.tr("Cannot open the corpus"), message)
            return
        window.show()
        QTimer.singleShot(0, self.reopen_last_article)


def _isolated_settings() -> None:
    """Screenshots never read or write the user's settings."""
    import tempfile

    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="pizhu-shot-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application()
    if args.screenshot:
        _isolated_settings()
    settings = Settings()
    install_language(app, args.lang or settings.language)
    from ui import theme

    theme.apply_theme(app, args.theme or settings.theme)
    if args.theme:
        settings.theme = args.theme
    path = args.db
    reopened = False  # the corpus the user had open last time: never filled with the seeds
    if path is None and not os.environ.get("PIZHU_DB") and not args.screenshot:
        last = settings.last_corpus
        if last and Path(last).exists():
            path, reopened = last, True
    controller = App(app, settings)
    window = controller.open(path)
    if window is None:
        print(f"pizhu: {controller.error}", file=sys.stderr)
        return 1
    from ui.main_window import SEEDS_DIR

    if args.screenshot:
        from ui.screenshot import Screenshot

        Screenshot(controller, args).start()
        return app.exec()
    window.show()
    team = getattr(window, "team", None)
    if team is not None:
        team.ask_first_coder()  # first start: who is coding
    def tour() -> None:  # the first-run tour, once the window is free to use
        if controller.window is not None:
            controller.window.help.maybe_first_run()

    if controller.corpus.is_empty() and not args.no_seed and not reopened:
        window.ingest_finished.connect(lambda _report: QTimer.singleShot(200, tour))
        window.ingest([args.seeds or str(SEEDS_DIR)])
    else:
        QTimer.singleShot(0, controller.reopen_last_article)
        QTimer.singleShot(400, tour)
    return app.exec()
