"""Team coding in the main window: who is coding (title bar, status bar, switch dialog, first
start), which coders the reader shows and in whose colours, merging another coder's work (off the
GUI thread, undoable as one step), agreement, and side-by-side curation into a consensus coder.
:func:`install` is called by the main window; the controller talks to the corpus facade and to
the window's public parts only, and re-broadcasts what changed through ``window.changed``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QToolButton

from reader.coding.coders import CONSENSUS_CODER
from reader.coding.curation import Comparison, write_consensus
from reader.coding.merge import MergeReport, before_merge, merge_file
from reader.corpus import Change, CorpusError
from reader.records import AnnotationRecord
from ui.errors import describe
from ui.i18n import listing
from ui.task_progress import TaskProgress
from ui.tasks import Task
from ui.team_undo import ConsensusCommand, MergeCommand


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TeamTools(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window: Any = window
        self.corpus = window.corpus  # type: ignore[attr-defined]
        self.settings = window.settings  # type: ignore[attr-defined]
        self.base_title = window.windowTitle()
        self.visible: set[str] | None = None if self.settings.visible_coders is None else set(self.settings.visible_coders)
        self.dialogs: list[Any] = []
        self.last_merge: MergeReport | None = None
        self.progress: TaskProgress | None = None  # re-recognition after a merge's undo or redo
        self.last_recognition: Task | None = None
        self.coder_button = QToolButton(window)
        self.coder_button.setAutoRaise(True)
        self.coder_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.coder_button.setToolTip(self.tr("Who is coding (click to switch)"))
        window.statusBar().addPermanentWidget(self.coder_button)
        self._build_menu()
        self._colors: dict[str, str] = {}
        self.apply_settings_coder()
        self._colors = self.corpus.coder_colors()
        view = window.view
        view.annotation_filter = self._shown
        view.color_override = self._coder_color
        window.changed.connect(self._on_window_changed)
        self.coder_button.clicked.connect(self.switch_coder)

    # -- menu --------------------------------------------------------------------------
    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        help_action = bar.actions()[-1] if bar.actions() else None
        self.menu = QMenu(self.tr("&Team"), self.window)
        if help_action is not None:
            bar.insertMenu(help_action, self.menu)
        else:
            bar.addMenu(self.menu)
        self.switch_action = QAction(self.tr("&Switch coder…"), self.window, shortcut=QKeySequence("Ctrl+Shift+U"))
        self.coders_menu = QMenu(self.tr("Show &coders"), self.window)
        self.by_coder_action = QAction(self.tr("Colour annotations by &coder"), self.window, checkable=True)
        self.by_coder_action.setChecked(self.settings.color_by_coder)
        self.compare_action = QAction(self.tr("Compare &side by side…"), self.window, shortcut=QKeySequence("Ctrl+Shift+D"))
        self.agreement_action = QAction(self.tr("&Agreement…"), self.window)
        self.merge_action = QAction(self.tr("&Merge another coder's work…"), self.window)
        self.merge_action.setStatusTip(self.tr("Add the annotations of another Pizhu corpus or a REFI-QDA project "
                                               "coded on the same pages"))
        self.menu.addAction(self.switch_action)
        self.menu.addMenu(self.coders_menu)
        self.menu.addAction(self.by_coder_action)
        self.menu.addSeparator()
        for action in (self.compare_action, self.agreement_action, self.merge_action):
            self.menu.addAction(action)
        self.switch_action.triggered.connect(self.switch_coder)
        self.by_coder_action.toggled.connect(self._on_by_coder_action_toggled)
        self.compare_action.triggered.connect(lambda: self.open_side_by_side())
        self.agreement_action.triggered.connect(lambda: self.open_agreement())
        self.merge_action.triggered.connect(self._on_merge_action_triggered)

    def refresh_coders_menu(self) -> None:
        self.coders_menu.clear()
        all_action = self.coders_menu.addAction(self.tr("All coders"))
        all_action.setCheckable(True)
        all_action.setChecked(self.visible is None)
        all_action.triggered.connect(lambda: self.show_coders(None))
        self.coders_menu.addSeparator()
        group = QActionGroup(self.coders_menu)
        group.setExclusive(False)
        for coder in self.corpus.coders():
            action = QAction(_swatch(coder.color), f"{coder.name} ({coder.annotations})", self.coders_menu)
            action.setCheckable(True)
            action.setChecked(self.visible is None or coder.name in self.visible)
            action.toggled.connect(lambda on, n=coder.name: self._toggle_coder(n, on))
            group.addAction(action)
            self.coders_menu.addAction(action)

    # -- who is coding ------------------------------------------------------------------
    def apply_settings_coder(self) -> None:
        """Make the coder chosen in the settings the corpus's session coder; show it."""
        name = self.settings.coder_name
        if name:
            try:
                self.corpus.set_coder(name, self.settings.coder_color or None)
            except CorpusError as exc:
                self.window.statusBar().showMessage(describe(exc), 8000)
        self.update_title()
        self.refresh_coders_menu()

    def update_title(self) -> None:
        name = self.corpus.coder_name
        colors = self.corpus.coder_colors()
        self.window.setWindowTitle(self.tr("%s — coding as %s") % (self.base_title, name))
        self.coder_button.setText(self.tr("Coder: %s") % name)
        self.coder_button.setIcon(_swatch(colors.get(name, self.settings.coder_color or "#868e96")))

    def set_coder(self, name: str, color: str) -> None:
        """Switch who is coding (and remember it in the settings)."""
        self.corpus.set_coder(name, color)
        self.settings.coder_name = name
        self.settings.coder_color = color
        self.window.changed.emit(Change("coders"))

    def coder_dialog(self, first_start: bool = False) -> Any:
        from ui.coder_dialog import CoderDialog

        current = self.settings.coder_name or self.corpus.coder_name  # e.g. from PIZHU_CODER
        return CoderDialog(self.corpus.coders(), current, self.settings.coder_color, first_start, self.window)

    @Slot()
    def switch_coder(self) -> None:
        dialog = self.coder_dialog()
        if dialog.exec():
            self.set_coder(dialog.name(), dialog.color())

    def ask_first_coder(self) -> None:
        """At first start (no coder in the settings): ask who is coding."""
        if self.settings.coder_name:
            return
        dialog = self.coder_dialog(first_start=True)
        if dialog.exec() and dialog.name():
            self.set_coder(dialog.name(), dialog.color())

    # -- what the reader shows ------------------------------------------------------------
    def _shown(self, ann: AnnotationRecord) -> bool:
        return self.visible is None or ann.coder in self.visible

    def _coder_color(self, ann: AnnotationRecord) -> str | None:
        if not self.by_coder_action.isChecked():
            shown = {a.coder for a in self.window.view.annotations if self._shown(a)}
            if len(shown) < 2:
                return None  # one coder on the page: tag colours say more
        return self._colors.get(ann.coder)

    def show_coders(self, names: set[str] | None) -> None:
        """Show only these coders' annotations in the reader (None: everyone's)."""
        self.visible = None if names is None else set(names)
        self.settings.visible_coders = None if names is None else sorted(names)
        self.refresh_coders_menu()
        self._redraw()

    def _toggle_coder(self, name: str, on: bool) -> None:
        everyone = {c.name for c in self.corpus.coders()}
        current = set(everyone if self.visible is None else self.visible)
        current = current | {name} if on else current - {name}
        self.show_coders(None if current >= everyone else current)

    def _redraw(self) -> None:
        self._colors = self.corpus.coder_colors()
        view = self.window.view
        view.set_annotations(view.annotations, view.tag_colors)

    @Slot(bool)
    def _on_by_coder_action_toggled(self, on: bool) -> None:
        self.settings.color_by_coder = on
        self._redraw()

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if change.kind == "coders":  # a switch (here or in the preferences), a rename, a merge
            self.apply_settings_coder()
            self._redraw()
        if change.kind in ("coders", "annotations"):
            self.refresh_coders_menu()
            self._colors = self.corpus.coder_colors()
        for dialog in self.dialogs:
            if hasattr(dialog, "refresh") and dialog.isVisible():
                dialog.refresh()

    # -- merge ------------------------------------------------------------------------------
    def merge(self, path: str) -> Task:
        """Merge ``path`` off the GUI thread; the finished merge goes on the undo stack."""
        backup = before_merge(self.corpus)
        if backup:
            self.window.statusBar().showMessage(self.tr("Backed up to %s before merging") % backup, 8000)
        task = Task(merge_file, path, self.corpus.coder_name, corpus=self.corpus)
        self.merge_action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("Merging %s…") % path)
        task.signals.progress.connect(self._on_merge_progress)
        task.signals.finished.connect(lambda: self.merge_action.setEnabled(True))
        task.signals.returned.connect(self._on_merge_returned)
        task.signals.errored.connect(self._on_merge_errored)
        return self.window.runner.start(task)

    @Slot()
    def _on_merge_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Merge another coder's work"), "",
                                              self.tr("Pizhu corpora and REFI-QDA projects (*.sqlite3 *.sqlite *.db "
                                                      "*.qdpx);;All files (*)"))
        if path:
            self.merge(path)

    @Slot(int, int, str)
    def _on_merge_progress(self, done: int, total: int, label: str) -> None:
        if label:
            self.window.statusBar().showMessage(self.tr("Merging: article %d of %d, %s") % (done + 1, total, label))

    @Slot(object)
    def _on_merge_returned(self, report: MergeReport) -> None:
        self.last_merge = report
        if report.cancelled:
            return
        data = report.to_json()
        message = self.tr("Merged: %s") % listing(
            self.tr("%n article(s) matched", "", data["articles_matched"]),
            self.tr("%n annotation(s) added", "", data["annotations_added"]),
            self.tr("%n already present", "", data["annotations_matched"]),
            self.tr("%n not placed", "", len(data["unplaced"])),
            *([self.tr("%n occurrence fix(es) added", "", data["fixes_added"])] if data["fixes_added"] else []))
        if report.annotations_added or report.tags_created or report.article_tags_added or report.notes_added \
                or report.fixes_added:
            command = MergeCommand(self.corpus, self.window.apply, self.tr("Merge"), report, self.recognise_again)
            command.on_refused = self.window.workbench.on_command_refused  # undo fails safe, and says so
            self.window.undo_stack.push(command)
            self.window.changed.emit(Change("tags"))
            self.window.changed.emit(Change("coders"))
            if report.fix_articles:
                self.window.changed.emit(Change("entities", report.fix_articles))
        self.window.statusBar().showMessage(message, 15000)
        if data["unplaced"]:
            lines = [f"{u['document']} «{u['quote']}» ({u['coder']})" for u in data["unplaced"][:30]]
            QMessageBox.information(self.window, self.tr("Some annotations could not be placed"),
                                    message + "\n\n" + "\n".join(lines))

    @Slot(object)
    def _on_merge_errored(self, exc: Exception) -> None:
        QMessageBox.critical(self.window, self.tr("Merge failed"), describe(exc))

    def recognise_again(self, article_ids: tuple[int, ...]) -> Task:
        """Recognise again, off the GUI thread with progress and Cancel, the articles whose
        occurrence fixes an undo or redo of a merge took away or put back (they are marked
        stale first: a cancelled run leaves the rest to the next start)."""
        from reader.coding.corrections import recompute

        if self.progress is None:
            self.progress = TaskProgress(self.window)
            self.window.statusBar().addPermanentWidget(self.progress)
        task = Task(recompute, self.corpus, tuple(article_ids))
        self.progress.follow(task, self.tr("Recognising entities again"))
        task.signals.returned.connect(self._on_recognised)
        task.signals.errored.connect(self._on_recognition_errored)
        self.last_recognition = task
        return self.window.runner.start(task)

    @Slot(object)
    def _on_recognised(self, result: tuple[Change, bool]) -> None:
        change, cancelled = result
        self.window.changed.emit(change)
        if cancelled:
            self.window.statusBar().showMessage(
                self.tr("Recognition cancelled: the other articles are brought up to date at the next start"), 8000)
        else:
            self.window.statusBar().showMessage(QCoreApplication.translate(  # the entity tools' words
                "EntityTools", "Entities recognised again in %n article(s)", "", len(change.article_ids)), 5000)

    @Slot(object)
    def _on_recognition_errored(self, exc: Exception) -> None:
        QMessageBox.warning(self.window, self.tr("Recognising entities again failed"), describe(exc))

    # -- agreement and curation ------------------------------------------------------------
    def open_agreement(self) -> Any:
        from ui.agreement_dialog import AgreementDialog

        dialog = AgreementDialog(self.corpus, self.window.runner, self.window.current_article_id, self.window)
        dialog.article_activated.connect(self.window.open_article)
        dialog.compare_requested.connect(self.open_side_by_side)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def open_side_by_side(self, article_id: int | None = None, coder_a: str = "", coder_b: str = "") -> Any:
        from ui.side_by_side import SideBySideDialog

        article_id = article_id or self.window.current_article_id
        if article_id is None:
            self.window.statusBar().showMessage(self.tr("Open an article first"), 5000)
            return None
        dialog = SideBySideDialog(self.corpus, article_id, coder_a, coder_b, self.window)
        dialog.consensus_requested.connect(self.write_consensus)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    @Slot(object, object)
    def write_consensus(self, comparison: Comparison, decisions: dict) -> None:
        try:
            change, created = write_consensus(self.corpus, comparison, decisions, CONSENSUS_CODER)
        except CorpusError as exc:
            QMessageBox.warning(self.window, self.tr("Consensus"), describe(exc))
            return
        if created:
            command = ConsensusCommand(self.corpus, self.window.apply, self.tr("Write consensus"), change, created)
            command.on_refused = self.window.workbench.on_command_refused
            self.window.undo_stack.push(command)
        self.window.changed.emit(Change("coders"))
        self.window.statusBar().showMessage(self.tr("Consensus: %n annotation(s) written", "", len(created)), 8000)


def install(window: QMainWindow) -> TeamTools:
    tools = TeamTools(window)
    window.team = tools  # type: ignore[attr-defined]
    return tools
