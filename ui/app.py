"""The application: QApplication, names, fonts, the corpus, the main window; ``main()``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from ui.settings import APPLICATION, ORGANIZATION


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pizhu", description="Pizhu 批注 desktop app")
    parser.add_argument("--db", default=None, help="corpus database (default: $PIZHU_DB or data/pizhu.sqlite3)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the main window offscreen with the first article open, save, exit")
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


def _reopen(window) -> None:  # type: ignore[no-untyped-def]
    """Open the article the user last read, else the first one."""
    last = window.settings.last_article
    if not (last and window.article_list.select_article(last)):
        window.open_first_article()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application()
    from reader.corpus import Corpus
    from reader.errors import KNOWN_ERRORS
    from ui.main_window import SEEDS_DIR, MainWindow

    try:
        corpus = Corpus(args.db)
    except KNOWN_ERRORS as exc:
        print(f"pizhu: {exc}", file=sys.stderr)
        return 1
    window = MainWindow(corpus)
    window.show()
    team = getattr(window, "team", None)
    if team is not None and not args.screenshot:
        team.ask_first_coder()  # first start: who is coding
    seeds = args.seeds or str(SEEDS_DIR)
    if corpus.is_empty() and not args.no_seed:
        window.ingest([seeds])
    else:
        QTimer.singleShot(0, lambda: _reopen(window))
    if args.screenshot:
        def shoot() -> None:
            if window.runner.running():
                QTimer.singleShot(200, shoot)
                return
            window.open_first_article()
            app.processEvents()
            window.grab().save(args.screenshot)
            print(args.screenshot)
            window.close()
            app.quit()

        QTimer.singleShot(300, shoot)
    return app.exec()
