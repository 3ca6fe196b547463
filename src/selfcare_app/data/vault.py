"""Open, create and close the one SQLCipher file that holds everything a student writes.

The open sequence follows SECURITY.md §c: structural pre-checks so that a damaged or empty file
is never opened as a new database, the key as the first statement, a read to prove it, then the
connection settings, integrity checks and schema version. Nothing here writes to a file that
failed to open.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.atomic import fsync_dir, fsync_file
from selfcare_app.core.passphrase import MAX_LENGTH
from selfcare_app.data.errors import (
    DamagedVaultError,
    PassphraseRejected,
    StorageWriteError,
    VaultBusyError,
    VaultClosedError,
    VaultError,
    VaultExistsError,
    VaultTooNewError,
    WrongPassphraseError,
)
from selfcare_app.data.migrations import SCHEMA_VERSION, migrate, user_version
from selfcare_app.data.precheck import PAGE_SIZE as PAGE_SIZE
from selfcare_app.data.precheck import SQLITE_HEADER as SQLITE_HEADER
from selfcare_app.data.precheck import precheck as precheck
from selfcare_app.data.security import harden_process

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


def _key_statement(passphrase: str, pragma: str = "key") -> str:
    # PRAGMA takes no bound parameters; doubling quotes makes any passphrase a safe literal.
    return f"PRAGMA {pragma} = '" + passphrase.replace("'", "''") + "'"


def _is_busy(exc: sqlcipher3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        not name and "database is locked" in str(exc))


def _classify(exc: sqlcipher3.DatabaseError) -> VaultError:
    name = getattr(exc, "sqlite_errorname", "")
    if _is_busy(exc):
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
    if _is_busy(exc):
        return VaultBusyError(f"waited {busy_timeout_ms() / 1000:g} s")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return StorageWriteError(_storage_detail(name))
    if isinstance(exc, sqlcipher3.DatabaseError):
        return _classify(exc)
    return VaultError(f"The vault reported an unexpected error ({name or type(exc).__name__}).")


def _connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
    try:
        con = sqlcipher3.connect(str(path), isolation_level=None)
    except sqlcipher3.Error as exc:
        raise storage_error(exc) from None
    try:
        con.execute(_key_statement(passphrase))
        # Before the first read: another window's write must make us wait, not fail.
        con.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise _classify(exc) from None
    return con


def _configure(con: sqlcipher3.Connection) -> None:
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


LOW_SPACE_NOTE: Final = (
    "The disk holding your vault is full, so recent changes could not be folded into the "
    "vault file yet. Everything saved is safe and readable; free some space on that disk so "
    "new changes can be saved."
)


def read_generation(con: sqlcipher3.Connection, schema: str = "main") -> int:
    """The write counter stored in a vault or backup (0 before schema v2)."""
    try:
        row = con.execute(
            f"SELECT value FROM {schema}.vault_meta WHERE key = 'generation'").fetchone()
    except sqlcipher3.OperationalError:
        return 0
    return 0 if row is None else int(row[0])


class Vault:
    """An open vault: one long-lived connection, used only from the thread that opened it."""

    def __init__(self, con: sqlcipher3.Connection, path: Path) -> None:
        from selfcare_app.data.assessments import AssessmentRepository, SafetyEventRepository
        from selfcare_app.data.entries import EntryRepository
        from selfcare_app.data.findings import FindingRepository, QuietPeriodRepository
        from selfcare_app.data.people import PeopleRepository
        from selfcare_app.data.practices import PracticeRepository
        from selfcare_app.data.resources import ResourceRepository
        from selfcare_app.data.settings import SettingsRepository

        self._con: sqlcipher3.Connection | None = con
        self.path = path
        self.checkpointed = True  # did the last commit reach vault.db itself?
        self.notices: list[str] = []  # for the student, after opening (e.g. a full disk)
        self.entries = EntryRepository(self)
        self.settings = SettingsRepository(self)
        self.resources = ResourceRepository(self)
        self.assessments = AssessmentRepository(self)
        self.safety_events = SafetyEventRepository(self)
        self.findings = FindingRepository(self)
        self.quiet_periods = QuietPeriodRepository(self)
        self.practices = PracticeRepository(self)
        self.people = PeopleRepository(self)

    # -- lifecycle -----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str) -> Vault:
        """Create a new, empty vault; refuse if anything at all exists at `path`."""
        passphrase = normalize_passphrase(passphrase)
        harden_process()
        from selfcare_app.data.precheck import finish_interrupted_restore

        finish_interrupted_restore(path)  # a verified restore waiting is the vault, not "none"
        if path.exists() or path.is_symlink():
            raise VaultExistsError(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Build it beside the final name and rename, so a crash never leaves a half-made vault.
        tmp = path.with_name(path.name + ".creating")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            if leftover.exists():
                leftover.unlink()
        con = _connect(tmp, passphrase)
        try:
            _configure(con)
            migrate(con)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode = DELETE")
        except sqlcipher3.Error as exc:
            con.close()
            tmp.unlink(missing_ok=True)
            raise storage_error(exc) from None
        con.close()
        os.chmod(tmp, 0o600)
        os.rename(tmp, path)
        _fsync_dir(path.parent)
        return cls.open(path, passphrase)

    @classmethod
    def open(cls, path: Path, passphrase: str, verify: bool = True) -> Vault:
        passphrase = normalize_passphrase(passphrase)
        harden_process()
        precheck(path)
        try:
            con = _connect(path, passphrase)
        except WrongPassphraseError:
            from selfcare_app.data.triage import explain_wrong_passphrase

            # SQLITE_NOTADB: wrong passphrase, damaged header or an interrupted rekey?
            raise explain_wrong_passphrase(path, passphrase) from None
        try:
            found = user_version(con)
            if found > SCHEMA_VERSION:
                raise VaultTooNewError(found, SCHEMA_VERSION)
            if verify:
                problems = integrity_problems(con)
                if problems:
                    raise DamagedVaultError(f"{len(problems)} integrity problem(s) were found")
            _configure(con)
            if found < SCHEMA_VERSION:
                if found > 0:
                    _backup_before_migration(con, path, found)
                migrate(con)
            failed = checkpoint_error(con)
        except sqlcipher3.DatabaseError as exc:
            con.close()
            raise _classify(exc) from None
        except BaseException:
            con.close()
            raise
        vault = cls(con, path)
        if failed is not None and failed.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
            vault.notices.append(LOW_SPACE_NOTE)  # reads work; the student should know
        return vault

    def close(self) -> None:
        """Checkpoint so the data at rest is one file, then close (SQLCipher wipes its memory)."""
        con, self._con = self._con, None
        if con is None:
            return
        try:
            # Don't wait for another window's long write: what it leaves in the WAL is folded
            # in by the next commit, open or close.
            con.execute("PRAGMA busy_timeout = 0")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlcipher3.Error:
            pass  # the WAL stays beside the vault and is replayed on next open; never delete it
        finally:
            con.close()

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- access for repositories -----------------------------------------------------------

    @property
    def connection(self) -> sqlcipher3.Connection:
        if self._con is None:
            raise VaultClosedError()
        return self._con

    @contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; returns only after the commit is durable (WAL + FULL).

        Every transaction raises the generation counter (rollback detection), and after the
        commit the WAL is checkpointed so that `vault.db` alone holds everything saved: a sync
        client uploading only that file loses nothing (docs/reliability.md, "Synced folders").
        """
        con = self.connection
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlcipher3.Error as exc:
            raise storage_error(exc) from None
        try:
            yield con
            con.execute("UPDATE vault_meta SET value = value + 1 WHERE key = 'generation'")
            con.execute("COMMIT")
        except sqlcipher3.Error as exc:
            _rollback(con)
            raise storage_error(exc) from None
        except BaseException:
            _rollback(con)
            raise
        self.checkpointed = try_checkpoint(con)

    @property
    def generation(self) -> int:
        return read_generation(self.connection)

    def check(self, full: bool = True) -> list[str]:
        return integrity_problems(self.connection, full=full)

    def pragma(self, name: str) -> object:
        row = self.connection.execute(f"PRAGMA {name}").fetchone()
        return None if row is None else row[0]

    def vacuum_into(self, target: Path) -> None:
        """Write an encrypted copy (same key) to `target`, atomically; never a file copy."""
        tmp = target.with_name(target.name + ".partial")
        tmp.unlink(missing_ok=True)
        try:
            self.connection.execute("VACUUM INTO ?", (str(tmp),))
            _fsync_file(tmp)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except sqlcipher3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise storage_error(exc) from None
        except OSError:
            tmp.unlink(missing_ok=True)
            raise

    def rekey(self, new_passphrase: str) -> None:
        new_passphrase = normalize_passphrase(new_passphrase)
        try:
            self.connection.execute(_key_statement(new_passphrase, "rekey"))
        except sqlcipher3.Error as exc:
            raise storage_error(exc) from None


def _rollback(con: sqlcipher3.Connection) -> None:
    try:
        con.execute("ROLLBACK")
    except sqlcipher3.Error:
        pass


def _backup_before_migration(con: sqlcipher3.Connection, path: Path, version: int) -> None:
    target = path.with_name(f"{path.name}.before-v{version + 1}.bak")
    if not target.exists():
        con.execute("VACUUM INTO ?", (str(target),))


_fsync_file = fsync_file
_fsync_dir = fsync_dir
