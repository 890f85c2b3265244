"""File → Open server corpus…: where the team's corpus is (host, port, database, user,
password, or a whole ``postgresql://`` URI), a connection test, and opening — both off the GUI
thread through :mod:`ui.tasks`, with a busy bar and Stop (:func:`reader.store.server_login.prepare`).

Every failure is said in a sentence that tells what to do (wrong password, no server there, no
such database, not a Pizhu database → "Make a Pizhu corpus here", a newer Pizhu's corpus ...).
"Remember password" keeps it in the desktop keyring, or where there is none in a ``.pgpass``
entry only the user can read (:mod:`reader.store.credentials`); it is never put in the settings.
On success :attr:`ServerDialog.uri` is the URI to open (with the password) and
:attr:`ServerDialog.kept` says where the password was kept ("keyring", "pgpass" or "")."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.store import credentials
from reader.store.server_login import LoginError, ServerAddress, ServerState, prepare
from ui.errors import describe
from ui.tasks import Task, TaskRunner


class ServerDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None,
                 address: ServerAddress | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open server corpus"))
        self.setMinimumWidth(520)
        self.runner = runner
        self.task: Task | None = None
        self.uri = ""
        self.kept = ""
        self.state: ServerState | None = None
        self.intro = QLabel(self.tr("A corpus the team shares on a PostgreSQL server. Ask the server's "
                                    "administrator for an empty database you own, or for the address "
                                    "of the team's corpus."), self)
        self.intro.setWordWrap(True)
        self.uri_edit = QLineEdit(self)
        self.uri_edit.setPlaceholderText(self.tr("postgresql://user@host:5432/database", "an example URI"))
        self.uri_edit.setToolTip(self.tr("Paste a whole libpq URI here, or fill in the fields below"))
        self.host_edit = QLineEdit(self)
        self.host_edit.setPlaceholderText(self.tr("db.example.org", "an example host name"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.db_edit = QLineEdit(self)
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("empty: from ~/.pgpass or PGPASSWORD"))
        self.remember_check = QCheckBox(self.tr("&Remember password (desktop keyring, else ~/.pgpass)"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setMinimumHeight(48)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.init_button = QPushButton(self.tr("&Make a Pizhu corpus here"), self)
        self.init_button.setToolTip(self.tr("Create Pizhu's tables in this empty database (pizhu init-server)"))
        self.init_button.hide()
        form = QFormLayout()
        form.addRow(self.tr("&URI"), self.uri_edit)
        form.addRow(self.tr("&Host"), self.host_edit)
        form.addRow(self.tr("&Port"), self.port_spin)
        form.addRow(self.tr("&Database"), self.db_edit)
        form.addRow(self.tr("U&ser"), self.user_edit)
        form.addRow(self.tr("Pass&word"), self.password_edit)
        form.addRow("", self.remember_check)
        self.buttons = QDialogButtonBox(self)
        self.test_button = self.buttons.addButton(self.tr("&Test connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.init_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.uri_edit.textEdited.connect(self._on_uri_edit_text_edited)
        for edit in (self.host_edit, self.db_edit, self.user_edit):
            edit.textEdited.connect(self._on_field_edited)
        self.port_spin.valueChanged.connect(self._on_field_edited)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.init_button.clicked.connect(self._on_init_button_clicked)
        self.set_address(address or ServerAddress(user=getpass.getuser()))

    # -- the address --------------------------------------------------------------------
    def set_address(self, address: ServerAddress) -> None:
        self._options = address.options
        self.host_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self.db_edit.setText(address.dbname)
        self.user_edit.setText(address.user)
        password = address.password or credentials.recall(address) or ""
        self.password_edit.setText(password)
        self.remember_check.setChecked(bool(password and not address.password) or credentials.in_pgpass(address))
        self._sync_uri()

    def address(self) -> ServerAddress:
        return ServerAddress(self.host_edit.text().strip() or "localhost", self.port_spin.value(),
                             self.db_edit.text().strip(), self.user_edit.text().strip(),
                             self.password_edit.text(), self._options)

    def _sync_uri(self) -> None:
        self.uri_edit.setText(self.address().uri(password=False) if self.db_edit.text().strip() else "")

    @Slot(str)
    def _on_uri_edit_text_edited(self, text: str) -> None:
        if not text.strip():
            return
        try:
            address = ServerAddress.parse(text)
        except ValueError:
            self.show_problem(self.tr("That is not a server URI yet: postgresql://USER@HOST:PORT/DATABASE"))
            return
        self.status.clear()
        self._options = address.options
        self.host_edit.setText(address.host)
        self.port_spin.blockSignals(True)
        self.port_spin.setValue(address.port)
        self.port_spin.blockSignals(False)
        self.db_edit.setText(address.dbname)
        self.user_edit.setText(address.user)
        if address.password:  # moved into the masked field: the URI field never shows it
            self.password_edit.setText(address.password)
            self.uri_edit.setText(address.uri(password=False))

    @Slot()
    def _on_field_edited(self) -> None:
        self._sync_uri()

    # -- running ------------------------------------------------------------------------
    def _start(self, create: bool, then_open: bool) -> None:
        address = self.address()
        if not address.dbname:
            self.show_problem(self.tr("Which database? Fill in the database's name."))
            self.db_edit.setFocus()
            return
        if self.task is not None:
            return
        self.state = None
        self.init_button.hide()
        self.status.setText(self.tr("Connecting to %s…") % address.shown())
        task = Task(prepare, address.uri(), create=create)
        task.signals.progress.connect(self._on_task_progress)
        task.signals.returned.connect(lambda state, a=address, o=then_open: self._on_task_returned(a, state, o))
        task.signals.errored.connect(lambda exc, a=address: self._on_task_errored(a, exc))
        task.signals.finished.connect(self._on_task_finished)
        self.task = task
        self._set_busy(True)
        self.runner.start(task, write=False)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.test_button, self.open_button, self.uri_edit, self.host_edit, self.port_spin,
                       self.db_edit, self.user_edit, self.password_edit):
            widget.setEnabled(not busy)
        self.cancel_button.setText(self.tr("&Stop") if busy else self.tr("Cancel"))

    @Slot(int, int, str)
    def _on_task_progress(self, _done: int, _total: int, label: str) -> None:
        texts = {"schema": self.tr("Signed in; reading the corpus's schema…"),
                 "create": self.tr("Making the corpus's tables…"),
                 "update": self.tr("Updating the corpus to this version of Pizhu…")}
        if label in texts:
            self.status.setText(texts[label])

    def _on_task_returned(self, address: ServerAddress, state: ServerState, then_open: bool) -> None:
        self.state = state
        if state.status == "empty":
            self.show_problem(self.tr("The database %s is empty: it holds no Pizhu corpus yet. Make one "
                                      "there, or check the database's name.") % address.dbname)
            self.init_button.show()
            return
        if state.status == "foreign":
            self.show_problem(self.tr("The database %s holds %n table(s) of another program, not a Pizhu "
                                      "corpus. Pizhu does not write there: ask for an empty database.",
                                      "", state.tables) % address.dbname)
            return
        articles = self.tr("%n article(s)", "", state.articles or 0)
        self.status.setText(self.tr("Connected: a Pizhu corpus with %s (PostgreSQL %s).") % (articles, state.server))
        if then_open:
            self._accept(address)

    def _on_task_errored(self, address: ServerAddress, exc: Exception) -> None:
        self.show_problem(self.explain(address, exc))
        if isinstance(exc, LoginError) and exc.reason == "password":
            self.password_edit.setFocus()
            self.password_edit.selectAll()

    @Slot()
    def _on_task_finished(self) -> None:
        self.task = None
        self._set_busy(False)

    def show_problem(self, text: str) -> None:
        self.status.setText(f"<b>{_escape(text)}</b>")

    def explain(self, address: ServerAddress, exc: Exception) -> str:
        """What to tell the user about a failed sign-in, with the server's own words after."""
        if not isinstance(exc, LoginError):
            text = describe(exc)
            if "newer" in text:
                return self.tr("This corpus was made by a newer version of Pizhu. Update Pizhu to open it.")
            return text
        where = f"{address.host}:{address.port}"
        sentences = {
            "password": (self.tr("The server refused the password of %s. Type it again.") % address.user
                         if address.password else
                         self.tr("The server needs a password for %s.") % address.user),
            "unreachable": self.tr("No server answers at %s. Check the host and the port, and that the "
                                   "server is running.") % where,
            "no-database": self.tr("The server at %s has no database named %s.") % (where, address.dbname),
            "no-user": self.tr("The server at %s has no user named %s.") % (where, address.user),
            "refused": self.tr("The server at %s does not let %s in from this computer (its access rules). "
                               "Ask its administrator.") % (where, address.user),
            "timeout": self.tr("The server at %s did not answer in time.") % where,
            "cancelled": self.tr("Stopped."),
        }
        sentence = sentences.get(exc.reason, self.tr("Cannot sign in to %s.") % where)
        if exc.detail and exc.reason != "cancelled":
            return sentence + "\n" + self.tr("The server said: %s") % exc.detail
        return sentence

    def _accept(self, address: ServerAddress) -> None:
        self.kept = ""
        if self.remember_check.isChecked() and address.password:
            self.kept = credentials.remember(address, address.password)
        elif not self.remember_check.isChecked():
            credentials.forget(address)
        self.uri = address.uri()
        self.accept()

    def kept_message(self) -> str:
        """Where the password was kept, to tell the user ("" when it was not)."""
        if self.kept == credentials.KEYRING:
            return self.tr("The password is kept in the desktop keyring (%s).") % (credentials.keyring_name() or "")
        if self.kept == credentials.PGPASS:
            return self.tr("There is no desktop keyring here: the password is kept in %s, readable by "
                           "you only.") % credentials.pgpass_path()
        return ""

    # -- buttons ------------------------------------------------------------------------
    def start_open(self) -> None:
        self._start(create=False, then_open=True)

    @Slot()
    def _on_test_button_clicked(self) -> None:
        self._start(create=False, then_open=False)

    @Slot()
    def _on_open_button_clicked(self) -> None:
        self.start_open()

    @Slot()
    def _on_init_button_clicked(self) -> None:
        self._start(create=True, then_open=True)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self.task is not None:  # Stop: the sign-in gives up at once
            self.task.cancel()
            return
        self.reject()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
