"""A team's server corpus in the window (issue 17), on the session's throw-away PostgreSQL
cluster: the Open server corpus dialog (sign-in errors, init of an empty database, Stop,
remembered passwords), the title and recent list without the password, live refresh from
another coder, saves on the row version with a conflict choice, and undo that never undoes
another coder's work.  The other coder is a second corpus connection made by the test."""

from __future__ import annotations

import socket
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from reader.corpus import Corpus
from reader.store.server_login import ServerAddress
from ui.main_window import MainWindow


class OtherCoder:
    """Another coder's connection to the same corpus (the models are bound to it only while
    it writes, then to the window's again)."""

    def __init__(self, uri: str, window_db: Any) -> None:
        from reader.store.models import database

        self.mine = window_db
        self.corpus = Corpus(uri, coder="bo")
        database.initialize(window_db)

    def do(self, fn: Callable[[Corpus], Any]) -> Any:
        from reader.store.models import database

        database.initialize(self.corpus.db)
        try:
            return fn(self.corpus)
        finally:
            database.initialize(self.mine)

    def close(self) -> None:
        self.corpus.db.close()


@pytest.fixture
def server_uri(pg_cluster, seeded_server_template) -> str:  # type: ignore[no-untyped-def]
    return pg_cluster.new_database(template=seeded_server_template)


@pytest.fixture
def window(qtbot, server_uri: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    corpus = Corpus(server_uri)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.server.live is not None and win.server.live.state == "live", timeout=5000)
    yield win
    win.close()
    corpus.close()


@pytest.fixture
def other(window: MainWindow, server_uri: str) -> Iterator[OtherCoder]:
    coder = OtherCoder(server_uri, window.corpus.db)
    yield coder
    coder.close()


# -- the dialog ----------------------------------------------------------------------------
def _dialog(qtbot, address: ServerAddress | None = None):  # type: ignore[no-untyped-def]
    from ui.server_dialog import ServerDialog
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    dialog = ServerDialog(runner, None, address)
    qtbot.addWidget(dialog)
    dialog.runner_ref = runner  # type: ignore[attr-defined]
    dialog.show()
    return dialog


def _wait_idle(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)


def test_a_pasted_uri_fills_the_fields_and_the_password_goes_into_the_masked_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.uri_edit, "postgresql://ann:s%40cret@db.example.org:6543/news")
    assert (dialog.host_edit.text(), dialog.port_spin.value(), dialog.db_edit.text(), dialog.user_edit.text()) == \
        ("db.example.org", 6543, "news", "ann")
    assert dialog.password_edit.text() == "s@cret" and "cret" not in dialog.uri_edit.text()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    dialog.db_edit.setText("")
    dialog._on_open_button_clicked()
    assert "database" in dialog.status.text() and dialog.task is None


def test_sign_in_errors_are_said_plainly(qtbot, pg_cluster, pg_password_role) -> None:  # type: ignore[no-untyped-def]
    user, password = pg_password_role
    uri = pg_cluster.new_database()
    address = replace(ServerAddress.parse(uri), user=user, password="wrong")
    dialog = _dialog(qtbot, address)
    dialog.test_button.click()
    assert dialog.busy.isVisible() or dialog.task is None
    _wait_idle(qtbot, dialog)
    assert f"refused the password of {user}" in dialog.status.text()
    assert "password authentication failed" in dialog.status.text()  # the server's own words after
    dialog.password_edit.setText(password)
    dialog.db_edit.setText("no_such_db")
    dialog.test_button.click()
    _wait_idle(qtbot, dialog)
    assert "has no database named no_such_db" in dialog.status.text()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    dialog.port_spin.setValue(free)
    dialog.test_button.click()
    _wait_idle(qtbot, dialog)
    assert f"No server answers at 127.0.0.1:{free}" in dialog.status.text()


def test_an_empty_database_is_offered_a_corpus_and_a_foreign_one_is_left_alone(qtbot, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    import psycopg2

    uri = pg_cluster.new_database()
    dialog = _dialog(qtbot, ServerAddress.parse(uri))
    dialog.open_button.click()
    _wait_idle(qtbot, dialog)
    assert "is empty" in dialog.status.text() and dialog.init_button.isVisible() and not dialog.result()
    dialog.init_button.click()
    _wait_idle(qtbot, dialog)
    assert dialog.result() and dialog.uri == uri.replace(f"/{uri.rsplit('/', 1)[1]}", "") + "/" + uri.rsplit("/", 1)[1]
    assert dialog.state is not None and dialog.state.status == "ready"
    foreign = pg_cluster.new_database()
    con = psycopg2.connect(foreign)
    con.cursor().execute("CREATE TABLE invoices (id int)")
    con.commit()
    con.close()
    dialog = _dialog(qtbot, ServerAddress.parse(foreign))
    dialog.open_button.click()
    _wait_idle(qtbot, dialog)
    assert "another program" in dialog.status.text() and not dialog.init_button.isVisible() and not dialog.result()


def test_stop_gives_up_a_sign_in_that_hangs(qtbot) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as quiet:  # accepts and never answers
        quiet.bind(("127.0.0.1", 0))
        quiet.listen(1)
        dialog = _dialog(qtbot, ServerAddress("127.0.0.1", quiet.getsockname()[1], "news", "ann"))
        dialog.open_button.click()
        assert dialog.busy.isVisible() and dialog.cancel_button.text().replace("&", "") == "Stop"
        qtbot.wait(200)
        dialog.cancel_button.click()
        _wait_idle(qtbot, dialog)
        assert dialog.status.text().replace("<b>", "").replace("</b>", "") == "Stopped." and dialog.isVisible()
        assert dialog.open_button.isEnabled()


def test_remembering_without_a_keyring_writes_a_private_pgpass_and_nothing_in_the_settings(
        qtbot, no_keyring, pg_cluster, pg_password_role, seeded_server_template, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.settings import Settings

    user, password = pg_password_role
    uri = pg_cluster.new_database(template=seeded_server_template)
    dialog = _dialog(qtbot, replace(ServerAddress.parse(uri), user=user, password=password))
    dialog.remember_check.setChecked(True)
    dialog.open_button.click()
    _wait_idle(qtbot, dialog)
    assert dialog.result() and dialog.kept == "pgpass" and str(no_keyring) in dialog.kept_message()
    assert stat.S_IMODE(no_keyring.stat().st_mode) == 0o600 and password.replace(":", "\\:") in no_keyring.read_text()
    corpus = Corpus(dialog.uri)
    try:
        settings = Settings()
        settings.add_recent_corpus(corpus.location)
        settings.sync()
        stored = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "settings").rglob("*") if p.is_file())
        assert corpus.location in settings.recent_corpora and "s3cret" not in stored
        assert "s3cret" not in corpus.location
    finally:
        corpus.close()
    # signing in again needs no password typed: libpq reads the entry
    again = _dialog(qtbot, replace(ServerAddress.parse(uri), user=user))
    assert again.remember_check.isChecked() and again.password_edit.text() == ""
    again.open_button.click()
    _wait_idle(qtbot, again)
    assert again.result()


# -- the window ----------------------------------------------------------------------------
def test_the_window_names_the_server_corpus_without_a_password_and_it_is_in_the_recent_list(
        qtbot, pg_cluster, pg_password_role, seeded_server_template) -> None:  # type: ignore[no-untyped-def]
    from ui.app import App
    from ui.settings import Settings

    user, password = pg_password_role
    uri = pg_cluster.new_database(template=seeded_server_template)
    full = replace(ServerAddress.parse(uri), user=user, password=password)
    from PySide6.QtWidgets import QApplication

    controller = App(QApplication.instance(), Settings())  # type: ignore[arg-type]
    win = controller.open(full.uri())
    assert win is not None
    qtbot.addWidget(win)
    try:
        name = full.dbname
        assert f"{name} @ 127.0.0.1:{full.port} (server)" in win.windowTitle() and password not in win.windowTitle()
        assert controller.settings.recent_corpora[0] == full.uri(password=False)
        assert all("s3cret" not in p for p in controller.settings.recent_corpora)
        win.files._fill_recent_menu()
        assert "(server)" not in " ".join(a.text() for a in win.files.recent_menu.actions())  # itself: not listed
        qtbot.waitUntil(lambda: "live" in win.server.badge.text(), timeout=5000)
        assert password not in win.server.badge.text()
        assert win.server.open_action in next(a.menu() for a in win.menuBar().actions() if a.menu()).actions()
    finally:
        win.close()
        controller.corpus.close()


def test_another_coders_changes_reach_the_open_views_within_a_second(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    article_id = window.current_article_id
    assert article_id is not None
    window.corpus_panel.show_view("annotations")
    table = window.annotations_view.model
    qtbot.waitUntil(lambda: not window.annotations_view.stale, timeout=2000)
    rows, before = table.rowCount(), window.panel.list.count()
    made = other.do(lambda c: c.annotate(article_id, 0, 4, tags=["他人的码"], note="from bo", author="bo"))
    qtbot.waitUntil(lambda: window.panel.list.count() == before + 1, timeout=1500)  # the inspector
    assert any(a.id == made.id for a in window.view.annotations)  # the reader's highlights
    qtbot.waitUntil(lambda: table.rowCount() == rows + 1, timeout=1500)  # all annotations
    made_tag = other.do(lambda c: c.tag_by_name("他人的码"))
    assert window.tag_tree.model.index_of(made_tag.id).isValid()  # the codebook
    created = other.do(lambda c: c.create_tag("新码本条目"))
    qtbot.waitUntil(lambda: window.tag_tree.model.index_of(created.ids[0]).isValid(), timeout=1500)
    assert "新码本条目" in window.panel._tag_model.stringList()
    other.do(lambda c: c.set_article_state(article_id, "starred"))
    qtbot.waitUntil(lambda: window.panel.state_combo.currentData() == "starred", timeout=1500)
    model = window.article_list.model
    qtbot.waitUntil(lambda: model.summary(model.row_of(article_id)).state == "starred", timeout=1500)  # the list
    kinds = {c.kind for c in window.server.live.received}
    assert {"annotations", "tags", "articles"} <= kinds


def test_this_windows_own_writes_are_not_echoed_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    window.view.select_range(0, 3)
    window.panel.tags_edit.setText("自己的码")
    window.panel.add_button.click()
    qtbot.wait(800)
    assert window.server.live.received == []


def _edit_conflict(qtbot, window: MainWindow, other: OtherCoder, choice: str):  # type: ignore[no-untyped-def]
    window.open_first_article()
    article_id = window.current_article_id
    made = other.do(lambda c: c.annotate(article_id, 0, 4, tags=["甲"], note="first", author="bo"))
    qtbot.waitUntil(lambda: window.panel.list.count() >= 1 and any(a.id == made.id for a in window.view.annotations),
                    timeout=1500)
    window.panel.select_annotation(made.id)
    window.panel.note_edit.setPlainText("mine")
    other.do(lambda c: c.update_annotation(made.id, note="theirs"))
    qtbot.waitUntil(lambda: any(a.note == "theirs" for a in window.panel._annotations), timeout=1500)
    assert window.panel.note_edit.toPlainText() == "mine"  # the live refresh kept what was typed
    asked: list[tuple[str, tuple[str, ...]]] = []
    window.workbench.conflicts.choose = lambda title, text, details, choices: (asked.append((text, choices)) or choice)
    window.panel.save_button.click()
    assert asked, "a stale save must be reported"
    return made, asked


def test_a_stale_save_is_a_conflict_and_reload_theirs_keeps_theirs(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    made, asked = _edit_conflict(qtbot, window, other, "theirs")
    text, choices = asked[0]
    assert "was changed by bo at" in text and choices == ("theirs", "mine", "copy", "keep")
    assert window.corpus.annotation(made.id).note == "theirs"
    assert window.panel.note_edit.toPlainText() == "theirs"


def test_overwrite_on_purpose_writes_mine_and_undo_puts_theirs_back(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    made, _asked = _edit_conflict(qtbot, window, other, "mine")
    assert window.corpus.annotation(made.id).note == "mine"
    window.undo_stack.undo()
    assert window.corpus.annotation(made.id).note == "theirs"


def test_copy_mine_keeps_both(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    made, _asked = _edit_conflict(qtbot, window, other, "copy")
    notes = sorted(a.note for a in window.corpus.annotations(made.article_id) if (a.start, a.end) == (0, 4))
    assert notes == ["mine", "theirs"]


def test_undo_never_undoes_another_coders_work_on_the_server(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    window.view.select_range(0, 3)
    window.panel.tags_edit.setText("我的")
    window.panel.note_edit.setPlainText("mine")
    window.panel.add_button.click()
    ann_id = window.panel.current_annotation_id()
    assert ann_id is not None
    other.do(lambda c: c.update_annotation(ann_id, note="bo was here"))
    qtbot.waitUntil(lambda: any(a.note == "bo was here" for a in window.panel._annotations), timeout=1500)
    window.undo_stack.undo()  # would delete the annotation another coder has just edited
    assert window.corpus.annotation(ann_id).note == "bo was here"
    assert "another writer" in window.workbench.last_error


def test_the_dialog_in_chinese_shows_no_english_and_says_a_sign_in_failure_in_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    from test_translations import english_words, widget_texts

    from reader.store.server_login import LoginError
    from ui import i18n

    i18n.install("zh_CN")
    dialog = _dialog(qtbot, ServerAddress("db.example.org", 5432, "news", "ann"))
    problems = [f"{where}: {text!r}" for where, text in widget_texts(dialog)
                if english_words(text) and text not in (dialog.host_edit.text(), dialog.uri_edit.text())]
    assert not problems, problems
    assert dialog.windowTitle() == "打开服务器语料库"
    said = dialog.explain(dialog.address(), LoginError("x", "unreachable", "Connection refused"))
    assert said.startswith("db.example.org:5432 没有服务器应答") and "Connection refused" in said


def test_deleting_an_annotation_another_coder_changed_since_it_was_shown_deletes_nothing(
        qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    article_id = window.current_article_id
    made = other.do(lambda c: c.annotate(article_id, 0, 4, tags=["甲"], note="first", author="bo"))
    qtbot.waitUntil(lambda: any(a.id == made.id for a in window.view.annotations), timeout=1500)
    other.do(lambda c: c.update_annotation(made.id, note="changed before the notice came"))
    assert not window.workbench.delete_annotation(made.id)  # before the live refresh shows it
    assert window.corpus.annotation(made.id).note == "changed before the notice came"
    assert "nothing was deleted" in window.workbench.last_error
    assert window.workbench.delete_annotation(made.id)  # now shown as it is: deleted on purpose
    assert made.id not in [a.id for a in window.corpus.annotations(article_id)]


def test_a_password_kept_in_the_keyring_opens_a_server_corpus_named_without_it(
        qtbot, tmp_path, memory_keyring, pg_cluster, pg_password_role, seeded_server_template) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from reader.store import credentials
    from ui.app import App
    from ui.settings import Settings

    user, password = pg_password_role
    address = replace(ServerAddress.parse(pg_cluster.new_database(template=seeded_server_template)), user=user)
    controller = App(QApplication.instance(), Settings())  # type: ignore[arg-type]
    assert controller.open(address.uri()) is None and "password" in controller.error  # nothing kept yet
    assert credentials.remember(address, password) == credentials.KEYRING
    win = controller.open(address.uri())  # as `pizhu --db URI` does
    assert win is not None
    qtbot.addWidget(win)
    assert not (tmp_path / "pgpass").exists() and list(memory_keyring.values()) == [password]
    win.close()
    controller.corpus.close()


def test_a_corpus_of_a_newer_pizhu_is_refused_with_what_to_do(qtbot, server_uri: str) -> None:  # type: ignore[no-untyped-def]
    import psycopg2

    from reader.store.pg_schema import SERVER_MIGRATIONS

    con = psycopg2.connect(server_uri)
    con.cursor().execute('INSERT INTO "pizhu_schema" ("step", "name") VALUES (%s, %s)',
                         (len(SERVER_MIGRATIONS) + 1, "_s_from_the_future"))
    con.commit()
    con.close()
    dialog = _dialog(qtbot, ServerAddress.parse(server_uri))
    dialog.open_button.click()
    _wait_idle(qtbot, dialog)
    assert "newer version of Pizhu" in dialog.status.text() and not dialog.result()


def test_a_server_corpus_in_the_recent_list_reopens_with_its_kept_password(
        qtbot, seeded_path, memory_keyring, pg_cluster, pg_password_role, seeded_server_template) -> None:  # type: ignore[no-untyped-def]
    from reader.store import credentials

    user, password = pg_password_role
    address = replace(ServerAddress.parse(pg_cluster.new_database(template=seeded_server_template)),
                      user=user, password=password)
    credentials.remember(address, password)
    corpus = Corpus(seeded_path)
    win = MainWindow(corpus)
    qtbot.addWidget(win)
    try:
        win.settings.recent_corpora = [address.uri(password=False), str(seeded_path)]
        win.files._fill_recent_menu()
        entry = next(a for a in win.files.recent_menu.actions() if "(server)" in a.text())
        assert entry.isEnabled() and address.dbname in entry.text() and password not in entry.toolTip()
        with qtbot.waitSignal(win.corpus_requested, timeout=10000) as opened:
            entry.trigger()
        assert opened.args == [address.uri()]  # the app opens it with the kept password
        assert win.server.dialog is not None and win.server.dialog.password_edit.text() == password
    finally:
        win.close()
        corpus.close()


def test_a_note_written_with_n_on_a_stale_version_is_a_conflict_too(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    window.open_first_article()
    article_id = window.current_article_id
    made = other.do(lambda c: c.annotate(article_id, 0, 4, tags=["甲"], note="first", author="bo"))
    qtbot.waitUntil(lambda: any(a.id == made.id for a in window.view.annotations), timeout=1500)
    shown = window.corpus.annotation(made.id)  # what the note dialog opened on
    other.do(lambda c: c.update_annotation(made.id, note="theirs"))
    asked: list[str] = []
    window.workbench.conflicts.choose = lambda title, text, details, choices: (asked.append(text) or "theirs")
    assert not window.workbench.set_note(made.id, "mine", version=shown.version)
    assert asked and window.corpus.annotation(made.id).note == "theirs"


def test_another_coders_entity_fix_reaches_the_open_readers_highlights(qtbot, window: MainWindow, other: OtherCoder) -> None:  # type: ignore[no-untyped-def]
    from reader.coding import occurrences

    window.open_first_article()
    article_id = window.current_article_id
    assert article_id is not None and window.view.entities
    gone = window.view.entities[0]
    other.do(lambda c: occurrences.drop_span(c, article_id, gone.start, gone.end, gone.type))  # "not an entity here"
    qtbot.waitUntil(lambda: all((e.start, e.end) != (gone.start, gone.end) for e in window.view.entities), timeout=1500)
    assert "entities" in {c.kind for c in window.server.live.received}


def test_another_coders_retrain_and_revert_reach_the_open_window(qtbot, window: MainWindow, other: OtherCoder,  # type: ignore[no-untyped-def]
                                                                 tmp_path, monkeypatch) -> None:
    from reader.coding import retrain
    from reader.store import server_model

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tools = window.entity_tools.retrain_tools  # type: ignore[attr-defined]
    before = window.corpus.recognizer()
    assert not tools.revert_action.isEnabled()
    other.do(lambda c: server_model.put(c.db, b"bo's model", "bo", {"file": "x", "user_sentences": 1,
                                                                    "trained": "2026-12-01 22:00:00"}))
    qtbot.waitUntil(lambda: "retrained the entity model" in window.statusBar().currentMessage(), timeout=3000)
    assert "model" in {c.kind for c in window.server.live.received} and tools.revert_action.isEnabled()
    assert window.corpus._recognizer is None  # made again, with the stored model, at the next use
    assert retrain.corpus_model(window.corpus).read_bytes() == b"bo's model"
    other.do(lambda c: server_model.remove(c.db))
    qtbot.waitUntil(lambda: "shipped entity model" in window.statusBar().currentMessage(), timeout=3000)
    assert retrain.corpus_model(window.corpus) is True and not tools.revert_action.isEnabled()
    assert window.corpus.recognizer() is not before
