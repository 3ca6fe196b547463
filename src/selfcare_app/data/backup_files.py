"""Backup files on disk: their names, listing, and opening one read-only to verify it.

Nothing here opens the live vault, so the vault's open sequence can ask about backups
(data/triage.py: is the passphrase right and the header damaged?) without importing the
module that makes and restores them (data/backups.py, which needs the vault).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.atomic import fsync_dir
from selfcare_app.data.connection import (
    classify,
    integrity_problems,
    key_statement,
    normalize_passphrase,
)
from selfcare_app.data.errors import (
    DamagedVaultError,
    UnencryptedFileError,
    VaultBusyError,
    VaultError,
    VaultTooNewError,
    WrongPassphraseError,
)
from selfcare_app.data.migrations import SCHEMA_VERSION, user_version
from selfcare_app.data.precheck import PAGE_SIZE, SQLITE_HEADER
from selfcare_app.data.security import harden_process
from selfcare_app.paths import AppPaths

KEEP_DAILY: Final = 7
KEEP_WEEKLY: Final = 4
ROTATED_KINDS: Final = frozenset({"auto", "manual"})
# Backups made by VACUUM INTO from a vault that opened: same passphrase, single clean file.
VERIFIED_KINDS: Final = frozenset({"auto", "manual", "pre-restore"})
KINDS: Final = ("auto", "manual", "pre-restore", "replaced")
SIDECARS: Final = ("-wal", "-shm", "-journal")
# Leftovers of an interrupted write: incomplete ciphertext, safe to remove.
LEFTOVER_SUFFIXES: Final = (".partial", ".rekeying", ".rekeying-journal")
_NAME: Final = re.compile(
    r"^vault-(?P<stamp>\d{8}-\d{6})-(?P<kind>auto|manual|pre-restore|replaced)"
    r"(?:-(?P<seq>\d+))?\.db$"
)


class BackupError(VaultError):
    """A backup could not be made; the vault itself was not changed."""

    exit_code = 1

    def __init__(self, detail: str) -> None:
        super().__init__(f"The backup could not be made: {detail}. Your vault was not changed.")


class BackupNotFoundError(VaultError):
    exit_code = 2

    def __init__(self, ref: str) -> None:
        super().__init__(
            f"No backup called {ref!s} was found. 'selfcare-app backups' lists them; "
            "you can also give the path to a backup file."
        )


class DamagedBackupError(DamagedVaultError):
    def __init__(self, detail: str) -> None:
        VaultError.__init__(
            self,
            f"This backup looks damaged: {detail}. It was left as it was and nothing was "
            "restored; try another backup.",
        )


class DamagedHeaderError(DamagedVaultError):
    """SQLITE_NOTADB, but the same passphrase opens the newest backup: the file is damaged."""

    def __init__(self, backup: Backup) -> None:
        self.backup = backup
        VaultError.__init__(
            self,
            "Your passphrase is right (it opens your backup from "
            f"{backup.taken_at:%Y-%m-%d %H:%M}), but the start of the vault file is damaged, "
            "so it can't be opened. The file was left exactly as it was. Restore that backup "
            f"(selfcare-app restore {backup.name}); the damaged file is kept beside it.",
        )


class VaultInUseError(VaultBusyError):
    def __init__(self) -> None:
        super().__init__("restoring needs it closed everywhere else")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    kind: str
    seq: int = 0
    size: int = field(default=0, compare=False)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def day(self) -> date:
        return self.taken_at.date()


@dataclass(frozen=True)
class BackupCheck:
    entries: int
    schema_version: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    entries: int
    kept: Backup | None  # the vault that was replaced, kept as a backup (None if there was none)


# -- naming and listing ---------------------------------------------------------------------


def backup_dir(paths: AppPaths) -> Path:
    return paths.backups


def parse_name(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return Backup(path, taken, match["kind"], int(match["seq"] or 0), size)


def list_backups(paths: AppPaths) -> list[Backup]:
    """Every backup in `backups/`, newest first (files with other names are ignored)."""
    folder = backup_dir(paths)
    if not folder.is_dir():
        return []
    found = [
        b for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and (b := parse_name(p)) is not None
    ]
    return sorted(found, key=lambda b: (b.taken_at, b.seq), reverse=True)


def newest_verified_backup(paths: AppPaths) -> Backup | None:
    return next((b for b in list_backups(paths) if b.kind in VERIFIED_KINDS), None)


def find_backup(paths: AppPaths, ref: str) -> Path:
    """A name from `list_backups` or a path to a backup file."""
    for b in list_backups(paths):
        if b.name == ref:
            return b.path
    candidate = Path(ref).expanduser()
    if candidate.exists():
        return candidate.resolve()
    raise BackupNotFoundError(ref)


def ensure_dir(paths: AppPaths) -> Path:
    folder = backup_dir(paths)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fsync_dir(folder.parent)
    return folder


def new_name(folder: Path, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    seq = 0
    while True:
        name = f"vault-{stamp}-{kind}{'' if seq == 0 else f'-{seq}'}.db"
        target = folder / name
        if not any(Path(f"{target}{s}").exists() for s in ("", *SIDECARS, *LEFTOVER_SUFFIXES)):
            return target
        seq += 1


# -- reading backups --------------------------------------------------------------------------


def _structure_problem(path: Path) -> str | None:
    if path.is_dir():
        return "it is a folder, not a file"
    size = path.stat().st_size
    if size == 0:
        return "the file is empty (0 bytes)"
    if size % PAGE_SIZE:
        return f"its size ({size:,} bytes) is not a whole number of pages"
    return None


def open_read_only(path: Path, passphrase: str) -> sqlcipher3.Connection:
    """Key a read-only connection to a backup file and prove the key; the file is never written.

    Only for backups (rollback-journal files): a read-only connection to a WAL-mode file
    leaves -wal/-shm files behind.
    """
    harden_process()
    passphrase = normalize_passphrase(passphrase)
    try:
        con = sqlcipher3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                                 isolation_level=None)
    except sqlcipher3.Error as exc:
        raise DamagedBackupError(f"it could not be opened ({_errname(exc)})") from None
    try:
        con.execute(key_statement(passphrase))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("PRAGMA temp_store = MEMORY")
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise classify(exc) from None
    return con


def _errname(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or type(exc).__name__)


def verify_backup(path: Path, passphrase: str, full: bool = True) -> BackupCheck:
    """Prove a backup opens with `passphrase` and passes both integrity checks.

    Raises BackupNotFoundError, DamagedBackupError, UnencryptedFileError, VaultTooNewError or
    WrongPassphraseError (with a backup-specific message).
    """
    if not path.exists():
        raise BackupNotFoundError(str(path))
    problem = _structure_problem(path)
    if problem:
        raise DamagedBackupError(problem)
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise UnencryptedFileError(path)
    try:
        con = open_read_only(path, passphrase)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            "That passphrase does not open this backup. If you changed your passphrase after "
            "it was made, try the previous one."
        ) from None
    except DamagedVaultError as exc:
        if isinstance(exc, DamagedBackupError):
            raise
        raise DamagedBackupError("some of its pages are unreadable") from None
    try:
        version = user_version(con)
        if version > SCHEMA_VERSION:
            raise VaultTooNewError(version, SCHEMA_VERSION)
        problems = integrity_problems(con, full=full)
        if problems:
            raise DamagedBackupError(f"{len(problems)} integrity problem(s) were found")
        entries = 0
        if version >= 1:
            entries = int(con.execute("SELECT count(*) FROM daily_entry").fetchone()[0])
    except sqlcipher3.DatabaseError as exc:
        raise DamagedBackupError(f"SQLite reported {_errname(exc)}") from None
    finally:
        con.close()
    return BackupCheck(entries, version)


def key_opens_backup(path: Path, passphrase: str) -> bool:
    """True if `passphrase` decrypts the backup's first page (no integrity check)."""
    try:
        open_read_only(path, passphrase).close()
    except (VaultError, ValueError, OSError):
        return False
    return True
