"""Signing in to a server corpus (issue 17): the address of a corpus on a PostgreSQL server, a
cancellable look at what the database holds before it is opened, and why a sign-in failed.

:class:`ServerAddress` is what the user types (host, port, database, user, password) or a
libpq URI, and turns into the URI :func:`reader.store.db.open_db` takes; :meth:`ServerAddress.shown`
never shows the password.  :func:`probe` connects without blocking (so the caller's
``cancelled()`` stops it at once, and a server that does not answer fails after ``timeout``
seconds), reads the schema version and says whether the database is a Pizhu corpus, an empty
database (make one there with :func:`reader.store.postgres.init_server`), another program's
database, or a corpus of a newer program.  A failure is a :class:`LoginError` whose ``reason``
tells the caller what to ask for: ``password`` (wrong or missing), ``unreachable`` (no server
there), ``no-database``, ``no-user``, ``refused`` (the server's access rules), ``timeout``,
``cancelled``, ``bad-address`` or ``other``.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from reader.store.db import DatabaseError
from reader.store.postgres import SCHEMES, is_server_uri, redacted

DEFAULT_PORT = 5432
REASONS = ("password", "unreachable", "no-database", "no-user", "refused", "timeout", "cancelled",
           "bad-address", "other")


class LoginError(DatabaseError):
    """Signing in to a server failed; ``reason`` is one of :data:`REASONS`, ``detail`` the
    server's or libpq's own words (first line)."""

    def __init__(self, shown: str, reason: str, detail: str) -> None:
        super().__init__(shown, f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.code = f"server-{reason}"


@dataclass(frozen=True)
class ServerAddress:
    """A corpus on a server.  ``host`` may be a socket folder (``/run/postgresql``);
    ``options`` keeps a URI's query (``sslmode=require``...)."""

    host: str = "localhost"
    port: int = DEFAULT_PORT
    dbname: str = ""
    user: str = ""
    password: str = ""
    options: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, uri: str) -> ServerAddress:
        """The address in a ``postgresql://`` URI; ``ValueError`` names what is wrong."""
        uri = uri.strip()
        if not is_server_uri(uri):
            raise ValueError(f"{uri!r} is not a postgresql:// URI")
        parts = urlsplit(uri)
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError as exc:
            raise ValueError(f"the port in {redacted(uri)!r} is not a number") from exc
        dbname = unquote(parts.path.lstrip("/"))
        if not dbname:
            raise ValueError(f"{redacted(uri)!r} names no database (…/DBNAME at the end)")
        query = tuple(parse_qsl(parts.query))
        host = unquote(parts.hostname or "") or dict(query).get("host", "") or "localhost"
        return cls(host=host, port=port, dbname=dbname, user=unquote(parts.username or ""),
                   password=unquote(parts.password or ""),
                   options=tuple((k, v) for k, v in query if k != "host"))

    def with_password(self, password: str) -> ServerAddress:
        return replace(self, password=password)

    def uri(self, password: bool = True) -> str:
        """The libpq URI (with the password unless ``password=False``)."""
        auth = quote(self.user, safe="")
        if password and self.password:
            auth += ":" + quote(self.password, safe="")
        host = quote(self.host, safe="") if self.host.startswith("/") else self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        netloc = f"{auth}@{host}:{self.port}" if auth else f"{host}:{self.port}"
        query = ("?" + urlencode(self.options)) if self.options else ""
        return f"{SCHEMES[0]}{netloc}/{quote(self.dbname, safe='')}{query}"

    def shown(self) -> str:
        """``user@host:port/dbname``: for titles, lists and messages (never the password)."""
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.port}/{self.dbname}"

    def key(self) -> str:
        """The name a remembered password is kept under."""
        return self.shown()


@dataclass(frozen=True)
class ServerState:
    """What the database at an address holds.  ``status``: ``ready`` (a Pizhu corpus this
    program opens as is), ``older`` (a corpus whose schema is updated when opened), ``empty``
    (no tables: a corpus can be made there), ``foreign`` (another program's tables), ``newer``
    (a corpus of a newer Pizhu)."""

    status: str
    version: int | None
    expected: int
    articles: int | None = None
    tables: int = 0
    server: str = ""  # the server's version, e.g. "15.8"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def classify(message: str) -> str:
    """The :data:`REASONS` entry of libpq's or the server's message about a failed sign-in."""
    text = message.lower()
    if "password authentication failed" in text or "no password supplied" in text \
            or "password is required" in text:
        return "password"
    if "database" in text and "does not exist" in text:
        return "no-database"
    if "role" in text and "does not exist" in text:
        return "no-user"
    if "pg_hba.conf" in text or "permission denied" in text:
        return "refused"
    if "timeout" in text:
        return "timeout"
    if any(s in text for s in ("connection refused", "could not translate host name", "no such file or directory",
                               "could not connect", "network is unreachable", "no route to host",
                               "name or service not known", "server closed the connection")):
        return "unreachable"
    return "other"


def _wait(conn: Any, cancelled: Callable[[], bool], deadline: float, shown: str) -> None:
    """Drive an asynchronous psycopg2 connection until its step is done."""
    import psycopg2.extensions as ext

    while True:
        state = conn.poll()
        if state == ext.POLL_OK:
            return
        if cancelled():
            raise LoginError(shown, "cancelled", "")
        if time.monotonic() > deadline:
            raise LoginError(shown, "timeout", "the server did not answer in time")
        fd = conn.fileno()
        if state == ext.POLL_READ:
            select.select([fd], [], [], 0.1)
        elif state == ext.POLL_WRITE:
            select.select([], [fd], [], 0.1)


def probe(uri: str, progress: Callable[[int, int, str], None] | None = None,
          cancelled: Callable[[], bool] | None = None, timeout: float = 15.0) -> ServerState:
    """Sign in to the database at ``uri`` and say what it holds (see :class:`ServerState`);
    :class:`LoginError` when signing in fails, is cancelled or takes over ``timeout`` s."""
    import psycopg2

    from reader.store.pg_schema import SERVER_MIGRATIONS

    shown = redacted(uri)
    stop = cancelled or (lambda: False)
    deadline = time.monotonic() + timeout
    report = progress or (lambda done, total, label="": None)
    report(0, 3, "connect")
    conn = None
    try:
        try:
            conn = psycopg2.connect(uri, async_=True)
            _wait(conn, stop, deadline, shown)
        except psycopg2.Error as exc:
            detail = _first_line(exc)
            raise LoginError(shown, classify(detail), detail) from exc
        report(1, 3, "schema")

        def one(sql: str) -> Any:
            cur = conn.cursor()
            cur.execute(sql)
            _wait(conn, stop, deadline, shown)
            row = cur.fetchone()
            return None if row is None else row[0]

        try:
            server = str(one("SHOW server_version")).split()[0]
            tables = int(one("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"))
            version = None
            if one("SELECT to_regclass('pizhu_schema') IS NOT NULL"):
                version = int(one('SELECT COALESCE(MAX("step"), 0) FROM "pizhu_schema"'))
            articles = None
            if version is not None and one("SELECT to_regclass('article') IS NOT NULL"):
                articles = int(one('SELECT COUNT(*) FROM "article"'))
        except psycopg2.Error as exc:
            detail = _first_line(exc)
            raise LoginError(shown, classify(detail), detail) from exc
        report(3, 3, "")
    finally:
        if conn is not None:
            conn.close()
    expected = len(SERVER_MIGRATIONS)
    if version is None:
        status = "empty" if tables == 0 else "foreign"
    elif version > expected:
        status = "newer"
    elif version < expected:
        status = "older"
    else:
        status = "ready"
    return ServerState(status, version, expected, articles, tables, server)


def prepare(uri: str, progress: Callable[[int, int, str], None] | None = None,
            cancelled: Callable[[], bool] | None = None, create: bool = False) -> ServerState:
    """Get the corpus at ``uri`` ready to open: sign in (:func:`probe`), make the schema in an
    empty database when ``create``, apply pending steps of an older one (so opening it after
    is quick).  Raises :class:`LoginError`, or :class:`reader.store.postgres.ServerError` for
    a database that cannot hold a corpus."""
    from reader.store.postgres import ServerError, connect, init_server, migrate_server

    state = probe(uri, progress, cancelled)
    if state.status == "empty" and create:
        if progress is not None:
            progress(0, 0, "create")
        init_server(uri)
        return probe(uri, None, cancelled)
    if state.status == "older":
        if progress is not None:
            progress(0, 0, "update")
        db = connect(uri)
        try:
            migrate_server(db)
        finally:
            db.close()
        return probe(uri, None, cancelled)
    if state.status == "newer":
        raise ServerError(uri, f"schema version {state.version} is newer than this program ({state.expected})")
    return state


def location(db: Any) -> str:
    """Where the corpus of ``db`` is, fit to show and to remember: a file's path, or a server
    corpus's URI without its password."""
    uri = getattr(db, "uri", None)
    if isinstance(uri, str) and is_server_uri(uri):
        try:
            return ServerAddress.parse(uri).uri(password=False)
        except ValueError:
            return redacted(uri)
    return str(db.database)
