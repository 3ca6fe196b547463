"""Structural checks on a vault file before SQLite sees it; cheap, and free of sqlcipher3 so
the lock screen can run them before the database library is even imported."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from selfcare_app.data.errors import (
    DamagedVaultError,
    StorageWriteError,
    UnencryptedFileError,
    VaultMissingError,
)

PAGE_SIZE: Final = 4096
SQLITE_HEADER: Final = b"SQLite format 3\x00"


RESTORING_SUFFIX: Final = ".restoring"
# Vaults a restore is running on in this process (their staged copy must be left alone).
RESTORES_RUNNING: set[Path] = set()
READY_SUFFIX: Final = ".restore-ready"


def restore_ready_marker(vault_path: Path) -> Path:
    """Written once `vault.db.restoring` is a verified copy; removed when the restore ends."""
    return vault_path.with_name(vault_path.name + READY_SUFFIX)


def finish_interrupted_restore(path: Path) -> str | None:
    """Finish or roll back a restore that was cut short (a crash, a kill, a power cut).

    - verified copy and no vault (the old one was already moved into backups/): finish;
    - verified copy and the old vault still in place: roll back (the backup is unchanged);
    - unverified copy: remove it (it is a partial copy of a backup that still exists).
    Returns what was done, in words, or None. Skipped while another process holds the vault
    lock (that restore may still be running).
    """
    staging = path.with_name(path.name + RESTORING_SUFFIX)
    marker = restore_ready_marker(path)
    if not staging.exists() and not marker.exists():
        return None
    from selfcare_app.data.vault_lock import held_elsewhere

    if path in RESTORES_RUNNING or held_elsewhere(path):
        return None
    if marker.exists() and staging.exists() and not path.exists():
        os.replace(staging, path)
        marker.unlink()
        _sync(path.parent)
        return "An interrupted restore was finished: your vault now holds the restored backup."
    for leftover in (staging, *(Path(f"{staging}{s}") for s in ("-wal", "-shm", "-journal"))):
        if leftover.exists() and path.exists():
            leftover.unlink()
    if path.exists():
        marker.unlink(missing_ok=True)
        _sync(path.parent)
        return "An interrupted restore was undone: your vault is as it was before it."
    return None


def _sync(folder: Path) -> None:
    from selfcare_app.atomic import fsync_dir

    fsync_dir(folder)


def precheck(path: Path) -> None:
    """Refuse files that SQLite would misread, before a single byte is written."""
    finish_interrupted_restore(path)
    if not path.exists():
        raise VaultMissingError(path)
    if path.is_dir():
        raise DamagedVaultError(f"{path} is a folder, not a vault file")
    size = path.stat().st_size
    if size == 0:
        raise DamagedVaultError("the file is empty (0 bytes)")
    if size % PAGE_SIZE:
        raise DamagedVaultError(
            f"its size ({size:,} bytes) is not a whole number of {PAGE_SIZE}-byte pages, "
            "so it was probably cut short"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DamagedVaultError(f"it could not be read ({exc.strerror})") from None
    if head == SQLITE_HEADER:
        raise UnencryptedFileError(path)
    if not path.stat().st_mode & stat.S_IWUSR:
        raise StorageWriteError(f"the vault file {path} is read-only")
