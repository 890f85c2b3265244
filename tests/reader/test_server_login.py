"""Signing in to a server corpus (reader/store/server_login.py) and remembered passwords
(reader/store/credentials.py), on the session's throw-away cluster (tests/pg_cluster.py)."""

from __future__ import annotations

import os
import socket
import stat
import time
from pathlib import Path

import pytest

from reader.store import credentials
from reader.store.server_login import LoginError, ServerAddress, classify, prepare, probe


def _address(uri: str, **changes: object) -> ServerAddress:
    from dataclasses import replace

    return replace(ServerAddress.parse(uri), **changes)  # type: ignore[arg-type]


def test_an_address_goes_to_a_uri_and_back_with_odd_characters() -> None:
    address = ServerAddress("db.example.org", 6543, "新闻 news", "ann@uni", "p:a/ss@密", (("sslmode", "require"),))
    uri = address.uri()
    assert uri.startswith("postgresql://ann%40uni:p%3Aa%2Fss%40%E5%AF%86@db.example.org:6543/")
    assert ServerAddress.parse(uri) == address
    assert "p:a/ss" not in address.uri(password=False) and "%3A" not in address.uri(password=False)
    assert address.shown() == "ann@uni@db.example.org:6543/新闻 news"
    socket_dir = ServerAddress("/run/postgresql", 5432, "news", "ann")
    assert ServerAddress.parse(socket_dir.uri()) == socket_dir
    with pytest.raises(ValueError, match="names no database"):
        ServerAddress.parse("postgresql://ann@host:5432/")
    with pytest.raises(ValueError, match="port"):
        ServerAddress.parse("postgresql://ann@host:port/news")


def test_libpq_messages_are_told_apart() -> None:
    assert classify('FATAL:  password authentication failed for user "ann"') == "password"
    assert classify("fe_sendauth: no password supplied") == "password"
    assert classify('FATAL:  database "x" does not exist') == "no-database"
    assert classify('FATAL:  role "x" does not exist') == "no-user"
    assert classify('connection to server at "127.0.0.1", port 1 failed: Connection refused') == "unreachable"
    assert classify('could not translate host name "nowhere.invalid" to address') == "unreachable"
    assert classify('FATAL:  no pg_hba.conf entry for host "10.0.0.1"') == "refused"
    assert classify("something else entirely") == "other"


def test_probe_tells_an_empty_a_foreign_a_corpus_and_a_newer_database(pg_cluster, seeded_server_template) -> None:  # type: ignore[no-untyped-def]
    from reader.store.pg_schema import SERVER_MIGRATIONS

    empty = pg_cluster.new_database()
    assert probe(empty).status == "empty"
    foreign = pg_cluster.new_database()
    pg_cluster.admin(f"SELECT 1")  # the admin connection works
    import psycopg2

    con = psycopg2.connect(foreign)
    con.cursor().execute("CREATE TABLE invoices (id int)")
    con.commit()
    con.close()
    state = probe(foreign)
    assert (state.status, state.tables) == ("foreign", 1)
    corpus = pg_cluster.new_database(template=seeded_server_template)
    state = probe(corpus)
    assert state.status == "ready" and state.version == len(SERVER_MIGRATIONS) and state.articles and state.server
    con = psycopg2.connect(corpus)
    con.cursor().execute('INSERT INTO "pizhu_schema" ("step", "name") VALUES (%s, %s)', (len(SERVER_MIGRATIONS) + 1, "_s_future"))
    con.commit()
    con.close()
    assert probe(corpus).status == "newer"
    with pytest.raises(Exception, match="newer"):
        prepare(corpus)


def test_prepare_makes_a_corpus_in_an_empty_database_only_when_asked(pg_uri) -> None:  # type: ignore[no-untyped-def]
    assert prepare(pg_uri).status == "empty"
    state = prepare(pg_uri, create=True)
    assert state.status == "ready" and state.articles == 0


def test_prepare_brings_an_older_corpus_up_to_date(pg_uri) -> None:  # type: ignore[no-untyped-def]
    from reader.store.postgres import connect, migrate_server

    db = connect(pg_uri)
    migrate_server(db, 2)
    db.close()
    assert probe(pg_uri).status == "older"
    assert prepare(pg_uri).status == "ready"


def test_sign_in_failures_say_why(pg_cluster, pg_password_role) -> None:  # type: ignore[no-untyped-def]
    user, password = pg_password_role
    uri = pg_cluster.new_database()
    good = _address(uri, user=user, password=password)
    assert probe(good.uri()).status == "empty"
    with pytest.raises(LoginError) as wrong:
        probe(good.with_password("wrong").uri())
    assert wrong.value.reason == "password" and "wrong" not in str(wrong.value)
    empty_pass = Path(pg_cluster.root) / "no-such-pgpass"
    os.environ["PGPASSFILE"] = str(empty_pass)
    try:
        with pytest.raises(LoginError) as missing:
            probe(good.with_password("").uri())
        assert missing.value.reason == "password"
    finally:
        del os.environ["PGPASSFILE"]
    with pytest.raises(LoginError) as nodb:
        probe(_address(uri, dbname="no_such_db").uri())
    assert nodb.value.reason == "no-database"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    with pytest.raises(LoginError) as nobody:
        probe(_address(uri, host="127.0.0.1", port=free).uri())
    assert nobody.value.reason == "unreachable"


def test_a_sign_in_is_cancelled_at_once_and_a_silent_server_times_out() -> None:
    with socket.socket() as quiet:  # accepts connections and never answers
        quiet.bind(("127.0.0.1", 0))
        quiet.listen(1)
        uri = f"postgresql://ann@127.0.0.1:{quiet.getsockname()[1]}/news"
        start = time.monotonic()
        with pytest.raises(LoginError) as cancelled:
            probe(uri, cancelled=lambda: time.monotonic() - start > 0.3)
        assert cancelled.value.reason == "cancelled" and time.monotonic() - start < 3
        with pytest.raises(LoginError) as timed_out:
            probe(uri, timeout=0.5)
        assert timed_out.value.reason == "timeout"


# -- remembered passwords ------------------------------------------------------------------
def test_without_a_keyring_the_password_goes_to_a_private_pgpass_that_libpq_reads(
        no_keyring, pg_cluster, pg_password_role) -> None:  # type: ignore[no-untyped-def]
    user, password = pg_password_role
    address = _address(pg_cluster.new_database(), user=user)
    other = ServerAddress("elsewhere", 5432, "x", "y")
    assert credentials.remember(other, "first") == credentials.PGPASS
    assert credentials.remember(address, "old") == credentials.PGPASS
    assert credentials.remember(address, password) == credentials.PGPASS  # replaces its own line
    text = no_keyring.read_text(encoding="utf-8")
    assert text.count(f":{address.port}:{address.dbname}:{user}:") == 1 and "elsewhere:5432:x:y:first" in text
    assert "s3cret\\:密码" in text and stat.S_IMODE(no_keyring.stat().st_mode) == 0o600
    assert credentials.recall(address) is None  # libpq reads the file itself:
    assert probe(address.uri()).status == "empty"
    credentials.forget(address)
    assert "s3cret" not in no_keyring.read_text(encoding="utf-8") and "first" in no_keyring.read_text(encoding="utf-8")
    with pytest.raises(LoginError):
        probe(address.uri())


def test_with_a_keyring_the_password_is_kept_there_and_nowhere_else(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    address = ServerAddress("db.example.org", 5432, "news", "ann")
    assert credentials.remember(address, "sekret") == credentials.KEYRING
    assert credentials.recall(address) == "sekret"
    assert memory_keyring == {("pizhu", "ann@db.example.org:5432/news"): "sekret"}
    assert not credentials.pgpass_path().exists()
    assert credentials.keyring_name()
    credentials.forget(address)
    assert credentials.recall(address) is None


def test_a_corpus_tells_where_it_is_without_the_password(pg_cluster, pg_password_role, seeded_server_template, corpus) -> None:  # type: ignore[no-untyped-def]
    from reader.corpus import Corpus
    from reader.store.models import database

    user, password = pg_password_role
    address = _address(pg_cluster.new_database(template=seeded_server_template), user=user, password=password)
    server = Corpus(address.uri())
    try:
        assert server.on_server and server.location == address.uri(password=False)
        assert password not in server.location and "s3cret" not in server.location
    finally:
        server.close()
    database.initialize(corpus.db)
    assert not corpus.on_server and corpus.location == str(corpus.path)
