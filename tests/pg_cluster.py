"""A throw-away PostgreSQL cluster for the server-corpus tests: ``initdb`` into a temporary
folder, ``pg_ctl start`` on a free local port (and a socket in that folder), trust
authentication for one user, durability off (a test cluster); stopped and removed at the end.
Each test's databases are dropped after it (:meth:`Cluster.drop_made`, called by an autouse
fixture of tests/conftest.py), all but the session's templates (``new_database(keep=True)``):
left in place they were gigabytes to write and then to remove at the end of a run.  Under
pytest-xdist each worker starts a cluster of its own (own folder, own port).

As root (CI), the cluster runs as the unprivileged ``postgres`` user (``initdb`` refuses root).
:func:`find_bindir` is None when no PostgreSQL server binaries are installed: the tests that need
one skip with that reason.  ``PIZHU_TEST_PG`` set to a URI of an existing server (a database
the tests may create databases from) is used instead of starting a cluster.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "pizhu"


def find_bindir() -> Path | None:
    candidates = [os.environ.get("PG_BINDIR", "")]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(os.path.realpath(initdb)).parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A running cluster; :meth:`new_database` makes an empty database and returns its URI."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="pizhu-pg-"))
        self.port = _free_port()
        self.run_as: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
                self.run_as = "postgres"
            except KeyError:
                self.run_as = "nobody"
            shutil.chown(self.root, self.run_as)
        self._count = 0
        self.made: list[str] = []  # databases to drop after the test that made them
        self.data = self.root / "data"
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        for attempt in range(3):  # a free port may be taken between the look and the start
            options = (f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
                break
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
                self.port = _free_port()
        self.base = f"postgresql://{USER}@127.0.0.1:{self.port}"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([str(self.bindir / tool), *args], check=True, capture_output=True, cwd=self.root,
                       user=self.run_as)

    def admin(self, sql: str) -> None:
        import psycopg2

        con = psycopg2.connect(f"{self.base}/postgres")
        try:
            con.autocommit = True
            con.cursor().execute(sql)
        finally:
            con.close()

    def new_database(self, template: str | None = None, keep: bool = False) -> str:
        """A new database (a copy of ``template``); dropped after the test unless ``keep``."""
        self._count += 1
        name = f"t{self._count}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        if not keep:
            self.made.append(name)
        return f"{self.base}/{name}"

    def drop(self, uri: str) -> None:
        """Drop the database of ``uri`` (connections left open to it are ended)."""
        name = uri.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.made:
            self.made.remove(name)

    def drop_made(self) -> None:
        """Drop the databases made since the last call, but those kept."""
        while self.made:
            self.drop(f"{self.base}/{self.made[-1]}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class External:
    """An existing server named by ``PIZHU_TEST_PG`` (databases made there are dropped at the end)."""

    def __init__(self, uri: str) -> None:
        self.base = uri.rsplit("/", 1)[0]
        self._admin_uri = uri
        self._made: list[str] = []
        self.made: list[str] = []  # to drop after the test that made them
        self._count = 0

    def admin(self, sql: str) -> None:
        import psycopg2

        con = psycopg2.connect(self._admin_uri)
        try:
            con.autocommit = True
            con.cursor().execute(sql)
        finally:
            con.close()

    def new_database(self, template: str | None = None, keep: bool = False) -> str:
        self._count += 1
        name = f"pizhu_test_{os.getpid()}_{self._count}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._made.append(name)
        if not keep:
            self.made.append(name)
        return f"{self.base}/{name}"

    def drop(self, uri: str) -> None:
        name = uri.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._made:
            self._made.remove(name)
        if name in self.made:
            self.made.remove(name)

    def drop_made(self) -> None:
        while self.made:
            self.drop(f"{self.base}/{self.made[-1]}")

    def stop(self) -> None:
        for name in self._made:
            self.admin(f'DROP DATABASE IF EXISTS "{name}"')
