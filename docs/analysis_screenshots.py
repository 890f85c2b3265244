"""Render the analysis views (issue 15) offscreen and save them as the README's screenshots.

    QT_QPA_PLATFORM=offscreen python docs/analysis_screenshots.py --db CORPUS.sqlite3 [--out docs]

Use a real corpus, e.g. the shared People's Daily articles ingested with
``python -m reader --db /tmp/rmrb.sqlite3 ingest ../shared/corpora/rmrb-2019-2020/articles``.
The script works on a copy of the database, so the corpus is not changed.  Each view is set up
the way a researcher would use it, run to completion, and the whole window is saved.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp()) / "corpus.sqlite3"
    shutil.copyfile(args.db, work)
    out = Path(args.out)

    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work.parent / "settings"))
    from ui.app import create_application

    app = create_application()
    from reader.analysis import phrases, reprints, variables
    from reader.corpus import Corpus
    from ui.main_window import MainWindow

    corpus = Corpus(work)
    from reader.analysis import termstats

    termstats.ensure_current()  # before the window: the views should show results, not progress
    reprints.cluster(0.8)
    phrases.import_lines("提法", ["脱贫攻坚 / 脱贫攻坚战", "全面建成小康社会 / 全面小康", "高质量发展", "人类命运共同体",
                                 "一带一路"])
    ids = [a.id for a in corpus.articles()]
    variables.set_variable(ids[: len(ids) // 3], "genre", "消息")
    variables.set_variable(ids[len(ids) // 3: len(ids) // 2], "genre", "评论")
    window = MainWindow(corpus)
    window.resize(1280, 1000)
    window.show()
    views = window.analysis_views

    def settle(view=None, signal=None) -> None:  # type: ignore[no-untyped-def]
        for _ in range(2400):
            app.processEvents()
            if window.runner.running() == 0 and (view is None or not view.jobs.busy()):
                break
            window.runner.wait(50)
        for _ in range(20):
            app.processEvents()

    def shot(name: str, whole: bool = False) -> None:
        """The corpus views panel, made tall, or ``whole`` the window."""
        settle()
        path = out / name
        panel = getattr(window, "corpus_panel", None)
        if whole:
            target = window
        elif panel is not None:
            panel.set_expanded(True)
            target = panel
        else:
            dock = window.corpus_views.dock
            dock.setFloating(True)
            dock.resize(1280, 640)
            target = dock
        settle()
        target.grab().save(str(path))
        print(path)

    first = corpus.articles()
    copy = next((c for c in reprints.stored_clusters() if len(c.articles) > 1), None)
    window.open_article(copy.articles[1] if copy else first[0].id)
    settle()
    shot("analysis-reprint-line.png", whole=True)

    view = views.show_view("timeline")
    view.show_timeline("entity", "习近平", "month", split="front")
    settle(view)
    shot("analysis-timeline.png")

    view = views.show_view("reprints")
    view.run()
    settle(view)
    view.select_cluster(0)
    shot("analysis-reprints.png")

    view = views.show_view("phrases")
    view.reload("提法")
    view.run()
    settle(view)
    shot("analysis-phrases.png")

    view = views.show_view("keyness")
    view.compare("since=2020-01-01", "until=2019-12-31")
    settle(view)
    shot("analysis-keyness.png")

    view = views.show_view("collocations")
    view.show_collocates("发展")
    settle(view)
    shot("analysis-collocations.png")

    view = views.show_view("words")
    view.run()
    settle(view)
    shot("analysis-words.png")

    view = views.show_view("variables")
    view.spec_edit.setText("since=2020-01-23,until=2020-01-23")
    view.run()
    settle(view)
    shot("analysis-variables.png")

    dialog = views.open_autocode()
    dialog.resize(1000, 560)
    dialog.set_request("phrase", "提法", "提法")
    dialog.propose()
    for _ in range(400):
        app.processEvents()
        if not dialog.jobs.busy():
            break
        window.runner.wait(50)
    app.processEvents()
    dialog.grab().save(str(out / "analysis-autocode.png"))
    print(out / "analysis-autocode.png")
    window.close()
    corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
