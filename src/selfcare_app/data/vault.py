"""Open, create and close the one SQLCipher file that holds everything a student writes.

The open sequence follows SECURITY.md §c: structural pre-checks so that a damaged or empty file
is never opened as a new database, the key as the first statement, a read to prove it, then the
connection settings, integrity checks and schema version. Nothing here writes to a file that
failed to open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.atomic import fsync_dir, fsync_file
from selfcare_app.data.connection import (
    CONNECTION_PRAGMAS,
    busy_timeout_ms,
    checkpoint_error,
    classify,
    configure,
    connect,
    integrity_problems,
    key_statement,
    normalize_passphrase,
    raise_generation,
    read_generation,
    storage_error,
    try_checkpoint,
)
from selfcare_app.data.errors import (
    DamagedVaultError,
    VaultClosedError,
    VaultExistsError,
    VaultTooNewError,
    WrongPassphraseError,
)
from selfcare_app.data.migrations import (
    SCHEMA_VERSION,
    migrate,
    needs_migration,
    user_version,
)
from selfcare_app.data.precheck import PAGE_SIZE as PAGE_SIZE
from selfcare_app.data.precheck import SQLITE_HEADER as SQLITE_HEADER
from selfcare_app.data.precheck import precheck as precheck
from selfcare_app.data.security import harden_process
from selfcare_app.data.triage import explain_wrong_passphrase

# Public names other modules and scripts have imported from here; they live in connection.py.
__all__ = [
    "CONNECTION_PRAGMAS", "LOW_SPACE_NOTE", "PAGE_SIZE", "SQLITE_HEADER", "Vault",
    "busy_timeout_ms", "checkpoint_error", "integrity_problems", "normalize_passphrase",
    "precheck", "read_generation", "storage_error", "try_checkpoint",
]


LOW_SPACE_NOTE: Final = (
    "The disk holding your vault is full, so recent changes could not be folded into the "
    "vault file yet. Everything saved is safe and readable; free some space on that disk so "
    "new changes can be saved."
)


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
        con = connect(tmp, passphrase)
        try:
            configure(con)
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
            con = connect(path, passphrase)
        except WrongPassphraseError:
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
            configure(con)
            if needs_migration(con):
                if found > 0:
                    _backup_before_migration(con, path, found)
                migrate(con)
            failed = checkpoint_error(con)
        except sqlcipher3.DatabaseError as exc:
            con.close()
            raise classify(exc) from None
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
            raise_generation(con)
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
            self.connection.execute(key_statement(new_passphrase, "rekey"))
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
