"""Structural checks on a vault file before SQLite sees it; cheap, and free of sqlcipher3 so
the lock screen can run them before the database library is even imported."""

from __future__ import annotations

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


def precheck(path: Path) -> None:
    """Refuse files that SQLite would misread, before a single byte is written."""
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
