"""Connecting to a SQLCipher file: the key, connection settings, error mapping and checks.

Shared by the vault (data/vault.py), backups (data/backups.py, data/backup_files.py) and the
passphrase change (data/rekey.py), so none of them reaches into another's private helpers.
Nothing here knows about records; the one table it writes is `vault_meta` (the generation
counter every commit raises, data/sync.py).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.core.passphrase import MAX_LENGTH
from selfcare_app.data.errors import (
    DamagedVaultError,
    PassphraseRejected,
    StorageWriteError,
    VaultBusyError,
    VaultError,
    WrongPassphraseError,
)

CONNECTION_PRAGMAS: Final = (
    "temp_store = MEMORY",
    "journal_mode = WAL",
    "synchronous = FULL",
    "secure_delete = ON",
    "foreign_keys = ON",
)


def busy_timeout_ms() -> int:
    """How long to wait for another window or command's write before saying "in use" (15 s;
    SELFCARE_BUSY_TIMEOUT_MS overrides it for scripts and tests)."""
    try:
        return max(0, int(os.environ.get("SELFCARE_BUSY_TIMEOUT_MS", "15000")))
    except ValueError:
        return 15000


def normalize_passphrase(passphrase: str) -> str:
    """NFC so that the same passphrase typed on different keyboards opens the vault."""
    if not passphrase:
        raise PassphraseRejected("Enter your passphrase; it can't be empty.")
    if "\x00" in passphrase:  # SQLite can't take it in a statement; no vault can have one
        raise PassphraseRejected("A passphrase can't contain a NUL character.")
    if len(passphrase) > MAX_LENGTH:  # the app's field takes no more: same limit everywhere
        raise PassphraseRejected(f"A passphrase can't be longer than {MAX_LENGTH:,} characters.")
    if any("\ud800" <= c <= "\udfff" for c in passphrase):
        raise PassphraseRejected("The passphrase is not valid UTF-8 text.")
    return unicodedata.normalize("NFC", passphrase)


def key_statement(passphrase: str, pragma: str = "key") -> str:
    # PRAGMA takes no bound parameters; doubling quotes makes any passphrase a safe literal.
    return f"PRAGMA {pragma} = '" + passphrase.replace("'", "''") + "'"


def is_busy(exc: sqlcipher3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        not name and "database is locked" in str(exc))


def classify(exc: sqlcipher3.DatabaseError) -> VaultError:
    name = getattr(exc, "sqlite_errorname", "")
    if is_busy(exc):
        return VaultBusyError(f"waited {busy_timeout_ms() / 1000:g} s")
    if name == "SQLITE_NOTADB":
        return WrongPassphraseError()
    if name.startswith("SQLITE_CORRUPT"):
        return DamagedVaultError("some of its pages are unreadable")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return StorageWriteError(_storage_detail(name))
    return DamagedVaultError(f"SQLite reported {name or 'an error'}")


def _storage_detail(name: str) -> str:
    if name.startswith("SQLITE_FULL"):
        return "the disk is full (free some space on it, then try again)"
    if name.startswith("SQLITE_READONLY"):
        return "the vault is on a read-only disk or folder"
    return "the disk reported an error while writing"


def storage_error(exc: sqlcipher3.Error) -> VaultError:
    """Map an error raised while writing to the error type the UI and CLI understand."""
    name = getattr(exc, "sqlite_errorname", "")
    if is_busy(exc):
        return VaultBusyError(f"waited {busy_timeout_ms() / 1000:g} s")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return StorageWriteError(_storage_detail(name))
    if isinstance(exc, sqlcipher3.DatabaseError):
        return classify(exc)
    return VaultError(f"The vault reported an unexpected error ({name or type(exc).__name__}).")


def connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
    try:
        con = sqlcipher3.connect(str(path), isolation_level=None)
    except sqlcipher3.Error as exc:
        raise storage_error(exc) from None
    try:
        con.execute(key_statement(passphrase))
        # Before the first read: another window's write must make us wait, not fail.
        con.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise classify(exc) from None
    return con


def configure(con: sqlcipher3.Connection) -> None:
    version = con.execute("PRAGMA cipher_version").fetchone()
    if not version or not str(version[0]).startswith("4."):
        raise DamagedVaultError("the installed SQLCipher is not version 4")
    for pragma in CONNECTION_PRAGMAS:
        con.execute(f"PRAGMA {pragma}")


def integrity_problems(con: sqlcipher3.Connection, full: bool = False) -> list[str]:
    """Problems found by SQLite's structure check and SQLCipher's per-page HMAC check."""
    check = "integrity_check" if full else "quick_check"
    rows = [str(r[0]) for r in con.execute(f"PRAGMA {check}").fetchall()]
    problems = [] if rows == ["ok"] else rows
    # cipher_integrity_check reads the main file only. After a rekey whose pages are still
    # only in the WAL (a crash before the checkpoint), every main-file page is on the old key
    # and fails; fold the committed WAL in first (what closing would do anyway). No-op without
    # a WAL. On a full disk the checkpoint fails: reading must still work, so skip it and the
    # main-file-only HMAC check (whose result would be meaningless with pages in the WAL).
    if not try_checkpoint(con):
        return problems
    problems += [
        "page HMAC check failed: " + " ".join(str(c) for c in r)
        for r in con.execute("PRAGMA cipher_integrity_check").fetchall()
    ]
    return problems


def checkpoint_error(con: sqlcipher3.Connection, mode: str = "PASSIVE") -> str | None:
    """Copy committed WAL pages into the main file; None if all of them got there, else why
    ("busy" or SQLite's error name). Never raises: on a full disk or a busy vault the data is
    still safe in the WAL and the next commit, open or close tries again."""
    try:
        row = con.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    except sqlcipher3.Error as exc:
        return str(getattr(exc, "sqlite_errorname", "") or "SQLITE_ERROR")
    # (busy, frames in the WAL, frames checkpointed); -1 when not in WAL mode.
    if row is None or (int(row[0]) == 0 and int(row[1]) == int(row[2])):
        return None
    return "busy"


def try_checkpoint(con: sqlcipher3.Connection, mode: str = "PASSIVE") -> bool:
    return checkpoint_error(con, mode) is None


def raise_generation(con: sqlcipher3.Connection) -> None:
    """Count one more committed write (rollback detection, data/sync.py)."""
    con.execute("UPDATE vault_meta SET value = value + 1 WHERE key = 'generation'")


def set_generation(con: sqlcipher3.Connection, value: int) -> None:
    con.execute("UPDATE vault_meta SET value = ? WHERE key = 'generation'", (value,))


def read_generation(con: sqlcipher3.Connection, schema: str = "main") -> int:
    """The write counter stored in a vault or backup (0 before schema v2)."""
    try:
        row = con.execute(
            f"SELECT value FROM {schema}.vault_meta WHERE key = 'generation'").fetchone()
    except sqlcipher3.OperationalError:
        return 0
    return 0 if row is None else int(row[0])
