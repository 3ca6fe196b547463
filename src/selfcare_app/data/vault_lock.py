"""One writer at a time: an OS file lock beside the vault (`vault.db.lock`).

The desktop app holds it for as long as it runs; `passwd`, `restore` and `delete-everything`
take it for their whole run and refuse if it is held elsewhere. Short CLI commands (`log`,
`show` …) do not take it: SQLite's own locking plus BEGIN IMMEDIATE keeps them safe beside an
open window. Within one process the lock is re-entrant (the app's own restore and passphrase
change run while the app holds it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from filelock import FileLock, Timeout

from selfcare_app.data.errors import VaultBusyError

LOCK_SUFFIX: Final = ".lock"
# Long enough for a `log` or a backup in another process to finish, short enough to answer.
DEFAULT_WAIT_S: Final = 3.0


def lock_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + LOCK_SUFFIX)


# Strong references: filelock keeps its singletons weakly, and a collected lock object
# closes its file, which releases the OS lock.
_LOCKS: dict[str, FileLock] = {}


def vault_lock(vault_path: Path) -> FileLock:
    """The process-wide lock object for this vault (the same object on every call)."""
    key = str(lock_path(vault_path))
    lock = _LOCKS.get(key)
    if lock is None:
        lock = _LOCKS[key] = FileLock(key, thread_local=False, is_singleton=True, mode=0o600)
    return lock


def try_acquire(vault_path: Path, wait_s: float = 0.0) -> bool:
    """Take the lock (re-entrant); False if another process holds it after `wait_s`."""
    vault_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        vault_lock(vault_path).acquire(timeout=wait_s)
    except Timeout:
        return False
    return True


def release(vault_path: Path) -> None:
    lock = vault_lock(vault_path)
    if lock.is_locked:
        lock.release()


def held_elsewhere(vault_path: Path) -> bool:
    """True if another process holds the lock now (checked by taking it briefly)."""
    if vault_lock(vault_path).is_locked:
        return False  # we hold it ourselves
    if not lock_path(vault_path).exists():
        return False  # nobody has taken it since the folder was made (don't create files)
    if not try_acquire(vault_path):
        return True
    release(vault_path)
    return False


@contextmanager
def exclusive(vault_path: Path, what: str, wait_s: float = DEFAULT_WAIT_S) -> Iterator[None]:
    """Hold the lock for a whole command; VaultBusyError if the vault is open elsewhere."""
    if not try_acquire(vault_path, wait_s):
        raise VaultBusyError(f"{what} needs it closed everywhere else")
    try:
        yield
    finally:
        release(vault_path)


RAISE_SUFFIX: Final = ".raise"


def raise_request_path(vault_path: Path) -> Path:
    """A second app window writes this file; the first one watches for it and comes forward."""
    return vault_path.with_name(vault_path.name + RAISE_SUFFIX)


def request_raise(vault_path: Path, wait_s: float = 3.0, poll_s: float = 0.05) -> bool:
    """Ask the window holding the vault to come to the front; True if it answered (removed
    the request) within `wait_s`. A command holding the lock never answers: False."""
    import time

    request = raise_request_path(vault_path)
    try:
        request.touch(mode=0o600)
    except OSError:
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(poll_s)
    request.unlink(missing_ok=True)
    return False
