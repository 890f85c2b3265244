"""Keeping the user's work safe in the window: File → Back up now and Restore from backup…, and
a reader that never shows stale text — after a re-ingest here, or when another window or the
command line changed the corpus (noticed by polling the corpus's data version), the open article
is reloaded if its text changed and its annotations are refreshed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from reader.corpus import Change, CorpusError
from reader.store.backup import backups_dir
from reader.store.safety import StorageError
from ui.backup_dialog import BackupDialog
from ui.tasks import Task

POLL_MS = 2000
DAILY_BACKUP_DELAY_MS = 3000  # after the start: a 100,000-article file takes about 2 s to copy and check


class SafetyTools(QObject):
    """``restored(str)`` reports a finished restore with the path of the backup of the state
    before it; ``reloaded(int)`` an article shown again because its text changed."""

    restored = Signal(str)
    reloaded = Signal(int)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: BackupDialog | None = None
        self.confirm = self._ask
        self.last_error = ""
        self.backup_action = QAction(self.tr("&Back up now"), window)
        self.backup_action.setObjectName("backup_now")
        self.backup_action.setStatusTip(self.tr("Copy the whole corpus into its backups folder"))
        self.restore_action = QAction(self.tr("&Restore from backup…"), window)
        self.restore_action.setObjectName("restore_backup")
        self.backup_action.triggered.connect(self._on_backup_action_triggered)
        self.restore_action.triggered.connect(self._on_restore_action_triggered)
        file_menu = window.menuBar().actions()[0].menu()
        quit_action = getattr(window, "quit_action", None)
        for action in (self.backup_action, self.restore_action):
            if quit_action is not None:
                file_menu.insertAction(quit_action, action)
            else:
                file_menu.addAction(action)
        if quit_action is not None:
            file_menu.insertSeparator(quit_action)
        window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        self._version = self._data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    @property
    def corpus(self):  # type: ignore[no-untyped-def]
        return self.window.corpus  # type: ignore[attr-defined]

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _data_version(self) -> int:
        try:
            return self.corpus.data_version()
        except Exception:  # noqa: BLE001 - a vanished or locked file must not stop the timer
            return -1

    # -- never a stale reader ---------------------------------------------------------------
    @Slot()
    def poll(self) -> bool:
        """Refresh the open article when another connection committed since the last poll."""
        if not self.window.isVisible():  # a closed window (its corpus may be closed or another's now)
            return False
        version = self._data_version()
        if version == self._version or version < 0:
            return False
        self._version = version
        current = self.window.current_article_id  # type: ignore[attr-defined]
        if current is not None and not self.check_current_article():
            self.window.changed.emit(Change("annotations", (current,)))  # type: ignore[attr-defined]
        return True

    def check_current_article(self) -> bool:
        """Reload the open article if its stored text differs from the shown one; True if so."""
        view = self.window.view  # type: ignore[attr-defined]
        current = self.window.current_article_id  # type: ignore[attr-defined]
        if current is None or view.article is None:
            return False
        try:
            stored = self.corpus.article(current)
        except CorpusError:
            self.window.statusBar().showMessage(self.tr("The open article no longer exists in the corpus."), 10000)
            return False
        except StorageError as exc:  # a damaged or locked file: say so, keep the shown text, keep polling
            self.window.statusBar().showMessage(str(exc), 10000)
            return False
        if stored.text == view.article.text:
            return False
        self.window.reload_article()  # type: ignore[attr-defined]
        self.window.statusBar().showMessage(
            self.tr("The article's text changed (it was re-ingested); it has been reloaded."), 10000)
        self.reloaded.emit(current)
        return True

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        current = self.window.current_article_id  # type: ignore[attr-defined]
        if change.kind == "articles" and current is not None and not change.only("state") and (
                not change.article_ids or current in change.article_ids):
            self.check_current_article()
        self._version = self._data_version()

    # -- backups ------------------------------------------------------------------------------
    def backup_now(self) -> Task:
        task = Task(self.corpus.backup, "manual", reports=False)
        task.signals.returned.connect(self._on_backup_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    def schedule_daily_backup(self, delay_ms: int = DAILY_BACKUP_DELAY_MS) -> None:
        """Start :meth:`daily_backup` once the window has started (so the copy does not compete
        with painting the list); the timer goes with the window."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.daily_backup() if self.window.isVisible() else None)
        timer.start(delay_ms)
        self._daily_timer = timer

    def daily_backup(self) -> Task:
        """Today's automatic backup, when due, on the read pool: the window is usable at once
        (a 100,000-article file takes seconds to copy and check) and writes are not held up."""
        task = Task(self.corpus.make_daily_backup, reports=False)
        task.signals.returned.connect(self._on_daily_backup_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        return self.window.runner.start(task, write=False)  # type: ignore[attr-defined]

    @Slot(object)
    def _on_daily_backup_task_returned(self, path: object) -> None:
        if path is not None:
            self.window.statusBar().showMessage(self.tr("Today's backup is made: %s") % path, 5000)
        if self.dialog is not None:
            self.dialog.set_backups(self.corpus.backups())

    def show_backups(self) -> BackupDialog:
        if self.dialog is None:
            self.dialog = BackupDialog(str(backups_dir(self.corpus.path)), self.window)
            self.dialog.restore_requested.connect(self._on_dialog_restore_requested)
            self.dialog.backup_requested.connect(self._on_backup_action_triggered)
        self.dialog.set_backups(self.corpus.backups())
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def restore(self, path: str) -> Task | None:
        """Restore ``path`` after the user confirmed it; the window re-reads everything."""
        rows = {str(r.path): r for r in self.corpus.backups()}
        what = self.dialog.describe(rows[path]) if self.dialog is not None and path in rows else path
        if not self.confirm(self.tr("Restore from backup"),
                            self.tr("Replace the whole corpus with %s?\n\nEverything done since is replaced; "
                                    "the current state is backed up first, so you can come back to it.") % what):
            return None
        task = Task(self.corpus.restore, path, reports=False)
        task.signals.returned.connect(self._on_restore_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        self.window.statusBar().showMessage(self.tr("Restoring…"))
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    @Slot()
    def _on_backup_action_triggered(self) -> None:
        self.backup_now()

    @Slot()
    def _on_restore_action_triggered(self) -> None:
        self.show_backups()

    @Slot(str)
    def _on_dialog_restore_requested(self, path: str) -> None:
        self.restore(path)

    @Slot(object)
    def _on_backup_task_returned(self, path: object) -> None:
        self.window.statusBar().showMessage(self.tr("Backed up to %s") % path, 10000)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_backups(self.corpus.backups())

    @Slot(object)
    def _on_restore_task_returned(self, before: object) -> None:
        w = self.window
        w.undo_stack.clear()  # type: ignore[attr-defined]  # its snapshots belong to the old state
        w.refresh_articles()  # type: ignore[attr-defined]
        w.changed.emit(Change("articles"))  # type: ignore[attr-defined]
        w.changed.emit(Change("entities"))  # type: ignore[attr-defined]
        current = w.current_article_id  # type: ignore[attr-defined]
        try:
            if current is None:
                raise CorpusError("no-article", "")
            self.corpus.article(current)
            w.reload_article()  # type: ignore[attr-defined]
        except CorpusError:
            w.current_article_id = None  # type: ignore[attr-defined]
            w.open_first_article()  # type: ignore[attr-defined]
        w.statusBar().showMessage(self.tr("Backup restored. The state before it was saved in %s") % before, 15000)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_backups(self.corpus.backups())
        self.restored.emit(str(before))

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        self.last_error = str(exc)
        self.window.statusBar().showMessage(str(exc), 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Backup"), str(exc), QMessageBox.StandardButton.Ok,
                          self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def install(window: QMainWindow) -> SafetyTools:
    tools = SafetyTools(window)
    window.safety_tools = tools  # type: ignore[attr-defined]
    return tools
