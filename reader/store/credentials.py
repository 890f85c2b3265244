"""Remembered passwords of server corpora: never in Pizhu's settings.

:func:`remember` keeps a password in the desktop's keyring (the ``keyring`` package: Secret
Service on Linux desktops, the macOS Keychain, the Windows Credential Locker) under the service
:data:`SERVICE` and the address ``user@host:port/dbname``.  Where there is no keyring (a
server without a desktop session, the package missing, the keyring refusing), it writes the
entry into libpq's password file instead (``PGPASSFILE``, else ``~/.pgpass``), readable by the
user only (mode 0600), which libpq itself reads when a URI carries no password.  It returns
which of the two it used, so the caller can say so.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from reader.store.server_login import ServerAddress

SERVICE = "pizhu"
KEYRING = "keyring"
PGPASS = "pgpass"


def _keyring() -> ModuleType | None:
    """The ``keyring`` module when a real backend is there, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001  (a broken backend configuration: no keyring)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def keyring_name() -> str | None:
    """The name of the desktop keyring in use (e.g. ``SecretService Keyring``), or None."""
    module = _keyring()
    if module is None:
        return None
    backend = module.get_keyring()
    return str(getattr(backend, "name", type(backend).__name__))


def pgpass_path() -> Path:
    env = os.environ.get("PGPASSFILE")
    return Path(env) if env else Path.home() / ".pgpass"


def _field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _entry(address: ServerAddress) -> str:
    """The first four fields of ``address``'s line in a password file."""
    return ":".join(_field(v) for v in (address.host, str(address.port), address.dbname, address.user))


def _pgpass_lines(path: Path, address: ServerAddress) -> list[str]:
    """The lines of the password file other than ``address``'s own."""
    if not path.exists():
        return []
    prefix = _entry(address) + ":"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(prefix)]


def _write_private(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
    os.chmod(path, 0o600)  # libpq ignores a password file others can read


def write_pgpass(address: ServerAddress, password: str) -> Path:
    """Put ``address``'s password in the password file (replacing its old line); mode 0600."""
    path = pgpass_path()
    _write_private(path, [*_pgpass_lines(path, address), f"{_entry(address)}:{_field(password)}"])
    return path


def remember(address: ServerAddress, password: str) -> str:
    """Keep ``password`` for ``address``: :data:`KEYRING` or, without one, :data:`PGPASS`."""
    module = _keyring()
    if module is not None:
        try:
            module.set_password(SERVICE, address.key(), password)
            return KEYRING
        except Exception:  # noqa: BLE001  (a locked or absent keyring: the password file instead)
            pass
    write_pgpass(address, password)
    return PGPASS


def recall(address: ServerAddress) -> str | None:
    """The password kept in the keyring for ``address`` (one in a password file is read by
    libpq itself), or None."""
    module = _keyring()
    if module is None:
        return None
    try:
        return module.get_password(SERVICE, address.key())  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001
        return None


def in_pgpass(address: ServerAddress) -> bool:
    path = pgpass_path()
    return path.exists() and len(_pgpass_lines(path, address)) < len(path.read_text(encoding="utf-8").splitlines())


def forget(address: ServerAddress) -> None:
    """Remove a remembered password of ``address`` from the keyring and the password file."""
    module = _keyring()
    if module is not None:
        try:
            module.delete_password(SERVICE, address.key())
        except Exception:  # noqa: BLE001  (nothing kept there)
            pass
    if in_pgpass(address):
        path = pgpass_path()
        _write_private(path, _pgpass_lines(path, address))
