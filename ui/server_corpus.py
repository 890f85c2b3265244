"""A team's corpus on a PostgreSQL server in the window (issue 17): File → Open server corpus…
(:class:`ui.server_dialog.ServerDialog`), server corpora in File → Recent corpora (their URIs
without passwords; a remembered password comes from the keyring), the window's title and a
status-bar badge naming the server (never the password), and live refresh: while a server corpus
is open, other coders' writes arrive as :class:`reader.changes.Change` values on the window's
``changed`` signal within a second (:func:`reader.store.live_follow.follow`, run on a thread of
its own through :mod:`ui.tasks`), so every open view refreshes as it does after one's own write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from reader.changes import Change
from reader.store import credentials
from reader.store.live_follow import follow
from reader.store.postgres import is_server_uri
from reader.store.server_login import ServerAddress
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.server_dialog import ServerDialog


def server_label(uri: str) -> str:
    """``news on db.example.org:5432`` for a server corpus's URI (no password, no user)."""
    try:
        address = ServerAddress.parse(uri)
    except ValueError:
        return uri
    return f"{address.dbname} @ {address.host}:{address.port}"


class LiveRefresh(QObject):
    """Listens to the server corpus of ``window`` and re-broadcasts other coders' changes."""

    def __init__(self, window: MainWindow, owner: ServerCorpus) -> None:
        super().__init__(window)
        self.window = window
        self.owner = owner
        self.pool = QThreadPool(self)  # a long-lived listener must not hold a thread of the runner's pools
        self.pool.setMaxThreadCount(1)
        self.state = "starting"
        self.received: list[Change] = []  # every change handed over (for the tests and the badge)
        db = window.corpus.db
        own = db.backend_pids
        self.task = Task(follow, db.uri, reports=False, streams=True, is_own=lambda pid: pid in own,
                         on_state=self._state_from_worker)
        self.task.signals.partial.connect(self._on_task_partial)
        self.task.signals.progress.connect(self._on_task_progress)
        self.task.kwargs["cancelled"] = self.task.is_cancelled
        self.pool.start(self.task)

    def _state_from_worker(self, state: str, reason: str) -> None:  # on the listener's thread
        self.task.signals.progress.emit(0, 0, f"{state}\t{reason}")

    @Slot(int, int, str)
    def _on_task_progress(self, _done: int, _total: int, label: str) -> None:
        state, _, reason = label.partition("\t")
        self.state = state
        self.owner.show_state(state, reason)

    @Slot(object)
    def _on_task_partial(self, batch: object) -> None:
        for change in batch:  # type: ignore[attr-defined]
            self.received.append(change)
            self.window.changed.emit(change)

    def stop(self, msecs: int = 2000) -> None:
        self.task.cancel()
        self.pool.waitForDone(msecs)


class ServerCorpus(QObject):
    """The window's server-corpus parts: the menu item, the recent entries, title, badge, live."""

    notice_for_next_window = ""  # where the password was kept: said by the window that opens

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ServerDialog | None = None
        self.live: LiveRefresh | None = None
        self.open_action = QAction(self.tr("Open &server corpus…"), window, shortcut=QKeySequence("Ctrl+Alt+O"))
        self.open_action.setStatusTip(self.tr("Open the team's corpus on a PostgreSQL server"))
        self.open_action.triggered.connect(self._on_open_action_triggered)
        file_menu = next((a.menu() for a in window.menuBar().actions()
                          if a.menu() is not None and window.files.open_action in a.menu().actions()), None)
        if file_menu is not None:
            file_menu.insertAction(window.files.recent_menu.menuAction(), self.open_action)
        self.badge = QLabel(window)
        self.badge.hide()
        window.statusBar().addPermanentWidget(self.badge)
        corpus = window.corpus
        if corpus.on_server:
            location = corpus.location
            window.setWindowTitle(self.tr("Pizhu 批注 — %s (server)") % server_label(location))
            window.statusBar().showMessage(self.tr("Server corpus: %s") % location, 8000)
            self.badge.show()
            self.show_state("starting", "")
            self.live = LiveRefresh(window, self)
            window.installEventFilter(self)
        if ServerCorpus.notice_for_next_window:
            window.statusBar().showMessage(ServerCorpus.notice_for_next_window, 12000)
            ServerCorpus.notice_for_next_window = ""

    def show_state(self, state: str, reason: str) -> None:
        where = server_label(self.window.corpus.location)
        if state == "live":
            self.badge.setText(self.tr("● Server %s · live") % where)
            self.badge.setToolTip(self.tr("Other coders' changes appear here as they are saved"))
        elif state == "lost":
            self.badge.setText(self.tr("○ Server %s · reconnecting…") % where)
            self.badge.setToolTip(self.tr("Lost the connection for live changes: %s") % reason)
        else:
            self.badge.setText(self.tr("○ Server %s") % where)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close and self.live is not None:
            self.live.stop()
        return super().eventFilter(watched, event)

    # -- opening ------------------------------------------------------------------------
    def open_dialog(self, address: ServerAddress | None = None, start: bool = False) -> ServerDialog:
        """Show the dialog (filled in with ``address``); ``start``: begin opening at once."""
        from ui.server_dialog import ServerDialog

        if address is None and self.window.corpus.on_server:  # the open corpus's, password (masked) too
            address = ServerAddress.parse(self.window.corpus.db.uri)
        dialog = ServerDialog(self.window.runner, self.window, address)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(dialog))
        self.dialog = dialog
        dialog.open()
        if start:
            dialog.start_open()
        return dialog

    def open_recent(self, uri: str) -> ServerDialog:
        """Open a server corpus of the recent list: its remembered password, if any, is used."""
        address = ServerAddress.parse(uri)
        password = credentials.recall(address)
        return self.open_dialog(address.with_password(password) if password else address, start=True)

    def _on_dialog_accepted(self, dialog: ServerDialog) -> None:
        if not dialog.uri:
            return
        if self.window.corpus.on_server and ServerAddress.parse(dialog.uri).uri(password=False) == self.window.corpus.location:
            self.window.statusBar().showMessage(self.tr("That corpus is already open"), 4000)
            return
        ServerCorpus.notice_for_next_window = dialog.kept_message()
        self.window.corpus_requested.emit(dialog.uri)

    @Slot()
    def _on_open_action_triggered(self) -> None:
        self.open_dialog()


def with_remembered_password(uri: str) -> str:
    """``uri`` with the password remembered for it, if it names none and one is remembered."""
    try:
        address = ServerAddress.parse(uri)
    except ValueError:
        return uri
    if address.password:
        return uri
    password = credentials.recall(address)
    return address.with_password(password).uri() if password else uri


def install(window: MainWindow) -> ServerCorpus:
    server = ServerCorpus(window)
    window.server = server  # type: ignore[attr-defined]
    return server


__all__ = ["LiveRefresh", "ServerCorpus", "install", "is_server_uri", "server_label"]
