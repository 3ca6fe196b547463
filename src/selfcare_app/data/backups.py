"""Encrypted backups of the vault: made, rotated, listed, verified and restored.

A backup is written with `Vault.vacuum_into` from the open vault, so it is a consistent,
encrypted copy with the same key (never a file copy of an open vault, which would miss what is
still in the WAL). It lands in `backups/` beside the vault via a temporary name, fsync and
rename, and is read back through the vault's own connection before it counts.

Names are `vault-YYYYMMDD-HHMMSS-KIND[-N].db`:
- `auto`: at most one a day, made on unlock (`auto_backup`);
- `manual`: on demand (`backup_now`);
- `pre-restore`: the vault as it was just before a restore, written with `VACUUM INTO`;
- `replaced`: a vault that could not be opened with the restore's passphrase (damaged, or a
  different passphrase), moved aside byte for byte with any `-wal`/`-shm` beside it.
Only `auto` and `manual` backups are rotated (keep 7 daily + 4 weekly); the other two are kept
until the student deletes them, because they may hold the only copy of something.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.data.errors import (
    DamagedVaultError,
    UnencryptedFileError,
    VaultBusyError,
    VaultError,
    VaultTooNewError,
    WrongPassphraseError,
)
from selfcare_app.data.migrations import SCHEMA_VERSION, user_version
from selfcare_app.data.precheck import RESTORES_RUNNING, restore_ready_marker
from selfcare_app.data.security import harden_process
from selfcare_app.data.vault import (
    PAGE_SIZE,
    SQLITE_HEADER,
    Vault,
    _classify,
    _fsync_dir,
    _fsync_file,
    _key_statement,
    integrity_problems,
    normalize_passphrase,
    storage_error,
)
from selfcare_app.paths import AppPaths

KEEP_DAILY: Final = 7
KEEP_WEEKLY: Final = 4
ROTATED_KINDS: Final = frozenset({"auto", "manual"})
# Backups made by VACUUM INTO from a vault that opened: same passphrase, single clean file.
VERIFIED_KINDS: Final = frozenset({"auto", "manual", "pre-restore"})
KINDS: Final = ("auto", "manual", "pre-restore", "replaced")
SIDECARS: Final = ("-wal", "-shm", "-journal")
# Leftovers of an interrupted write: incomplete ciphertext, safe to remove.
_LEFTOVER_SUFFIXES: Final = (".partial", ".rekeying", ".rekeying-journal")
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


def _ensure_dir(paths: AppPaths) -> Path:
    folder = backup_dir(paths)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _fsync_dir(folder.parent)
    return folder


def _new_name(folder: Path, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    seq = 0
    while True:
        name = f"vault-{stamp}-{kind}{'' if seq == 0 else f'-{seq}'}.db"
        target = folder / name
        if not any(Path(f"{target}{s}").exists() for s in ("", *SIDECARS, *_LEFTOVER_SUFFIXES)):
            return target
        seq += 1


# -- making backups ---------------------------------------------------------------------------


def create_backup(vault: Vault, paths: AppPaths, kind: str = "manual",
                  now: datetime | None = None) -> Backup:
    """Write an encrypted copy of the open vault into `backups/` and read it back.

    Raises StorageWriteError (disk full, read-only) or BackupError; a failed backup leaves no
    file behind. Does not rotate: see `backup_now` and `auto_backup`.
    """
    if kind not in VERIFIED_KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    folder = _ensure_dir(paths)
    target = _new_name(folder, kind, now or datetime.now())
    vault.vacuum_into(target)
    try:
        os.chmod(target, 0o600)
        _check_fresh_backup(vault, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    made = parse_name(target)
    assert made is not None
    return made


def _check_fresh_backup(vault: Vault, target: Path) -> None:
    """Read the new file back through the vault's connection (ATTACH reuses the vault's key)."""
    with target.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise BackupError("the copy was not encrypted")
    con = vault.connection
    try:
        con.execute("ATTACH DATABASE ? AS selfcare_backup_check", (str(target),))
    except sqlcipher3.Error:
        raise BackupError("the copy could not be read back") from None
    try:
        rows = [str(r[0]) for r in con.execute("PRAGMA selfcare_backup_check.quick_check")]
        bad_pages = con.execute("PRAGMA selfcare_backup_check.cipher_integrity_check").fetchall()
        if rows != ["ok"] or bad_pages:
            raise BackupError("the copy did not pass its integrity check")
    except sqlcipher3.Error:
        raise BackupError("the copy could not be read back") from None
    finally:
        try:
            con.execute("DETACH DATABASE selfcare_backup_check")
        except sqlcipher3.Error:
            pass


def backup_now(vault: Vault, paths: AppPaths, now: datetime | None = None) -> tuple[Backup,
                                                                                      list[Path]]:
    """An on-demand backup, then rotation; returns the backup and the files rotated away."""
    made = create_backup(vault, paths, "manual", now)
    return made, rotate(paths, vault)


def auto_backup(vault: Vault, paths: AppPaths, today: date,
                now: datetime | None = None) -> Backup | None:
    """Call right after unlock: one `auto` backup a day, then rotation. None if already done.

    A failure raises (StorageWriteError or BackupError) and leaves the vault as it was; the
    caller should tell the student and carry on, since the vault itself is open and fine.
    """
    # Any backup of today counts (an automatic one must not rotate out today's manual one).
    if any(b.kind in ("auto", "manual") and b.day == today for b in list_backups(paths)):
        return None
    stamp = now or datetime.combine(today, datetime.now().time())
    made = create_backup(vault, paths, "auto", stamp)
    rotate(paths, vault)
    return made


# -- rotation -------------------------------------------------------------------------------


def plan_rotation(backups: Iterable[Backup], keep_daily: int = KEEP_DAILY,
                  keep_weekly: int = KEEP_WEEKLY) -> tuple[list[Backup], list[Backup]]:
    """(keep, prune) among the rotated kinds.

    Daily: the newest backup of each of the `keep_daily` most recent days that have one.
    Weekly: the newest backup of each of the `keep_weekly` most recent ISO weeks before the
    oldest day kept as daily. Days without backups don't count, so a holiday keeps history.
    """
    # At equal times a backup the student asked for outranks the automatic one.
    rotating = sorted((b for b in backups if b.kind in ROTATED_KINDS),
                      key=lambda b: (b.taken_at, b.kind != "auto", b.seq), reverse=True)
    keep: list[Backup] = []
    days: list[date] = []
    for b in rotating:
        if b.day in days:
            continue
        if len(days) == keep_daily:
            break
        days.append(b.day)
        keep.append(b)
    weeks: list[tuple[int, int]] = []
    for b in rotating:
        if days and b.day >= days[-1]:
            continue
        week = (b.day.isocalendar()[0], b.day.isocalendar()[1])
        if week in weeks:
            continue
        if len(weeks) == keep_weekly:
            break
        weeks.append(week)
        keep.append(b)
    return keep, [b for b in rotating if b not in keep]


def rotate(paths: AppPaths, vault: Vault | None = None) -> list[Path]:
    """Delete rotated-out backups and leftovers of interrupted writes; return what went.

    With the open `vault`, a backup whose generation is above the vault's (the vault was put
    back by a sync service, so the backup holds newer days) is never removed.
    """
    folder = backup_dir(paths)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        if p.is_file() and p.name.startswith("vault-") and p.name.endswith(_LEFTOVER_SUFFIXES):
            p.unlink(missing_ok=True)
            removed.append(p)
    _, prune = plan_rotation(list_backups(paths))
    if vault is not None and prune:
        from selfcare_app.data.sync import backup_generation

        current = vault.generation
        prune = [b for b in prune if (backup_generation(vault, b.path) or 0) <= current]
    for b in prune:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    if removed:
        _fsync_dir(folder)
    return removed


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
        con.execute(_key_statement(passphrase))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("PRAGMA temp_store = MEMORY")
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise _classify(exc) from None
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


# -- restore --------------------------------------------------------------------------------


def restore(paths: AppPaths, backup: Path, passphrase: str,
            now: datetime | None = None) -> RestoreResult:
    """Replace the vault with `backup`, keeping the current vault as a backup.

    The vault must not be open (the app locks first). Steps: verify the backup (key, full
    integrity check, schema version); write a fresh copy beside the vault with VACUUM INTO and
    verify that too; keep the current vault (a `pre-restore` backup if it opens with this
    passphrase, else moved aside byte for byte as `replaced`); rename the copy into place.
    A crash at any step leaves either the old vault or the restored one at `paths.vault`.
    """
    from selfcare_app.data.vault_lock import exclusive

    with exclusive(paths.vault, "restoring a backup"):
        RESTORES_RUNNING.add(paths.vault)
        try:
            return _restore(paths, backup, passphrase, now)
        finally:
            RESTORES_RUNNING.discard(paths.vault)


def _restore(paths: AppPaths, backup: Path, passphrase: str,
             now: datetime | None) -> RestoreResult:
    passphrase = normalize_passphrase(passphrase)
    now = now or datetime.now()
    backup = backup.resolve()
    verify_backup(backup, passphrase, full=True)
    vault_path = paths.vault
    vault_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = vault_path.with_name(vault_path.name + ".restoring")
    _remove_file_set(staging)
    try:
        con = open_read_only(backup, passphrase)
        try:
            con.execute("VACUUM INTO ?", (str(staging),))
        finally:
            con.close()
        os.chmod(staging, 0o600)
        _raise_generation(paths, staging, passphrase)
        _fsync_file(staging)
        check = verify_backup(staging, passphrase, full=False)
        # From here on the staged copy is verified: a crash is finished on the next start
        # (precheck.finish_interrupted_restore), never "No vault found".
        _write_ready_marker(staging)
        kept = _keep_current(paths, passphrase, now)
        for suffix in SIDECARS:
            orphan = Path(f"{vault_path}{suffix}")
            if orphan.exists():  # never pair an old WAL with the restored file
                _move_orphan(paths, orphan, now)
        os.replace(staging, vault_path)
        _fsync_dir(vault_path.parent)
        restore_ready_marker(vault_path).unlink(missing_ok=True)
    except sqlcipher3.Error as exc:
        _remove_file_set(staging)
        restore_ready_marker(vault_path).unlink(missing_ok=True)
        raise storage_error(exc) from None
    except BaseException:
        _remove_file_set(staging)
        restore_ready_marker(vault_path).unlink(missing_ok=True)
        raise
    return RestoreResult(backup, check.entries, kept)


def _write_ready_marker(staging: Path) -> None:
    marker = restore_ready_marker(staging.with_name(staging.name.removesuffix(".restoring")))
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(marker.parent)


def _raise_generation(paths: AppPaths, staging: Path, passphrase: str) -> None:
    """Give the restored copy a generation above the vault it replaces and every backup, so
    the next open doesn't mistake the (older) restored vault for one a sync service put back."""
    from selfcare_app.data.vault import read_generation

    con = sqlcipher3.connect(str(staging), isolation_level=None)
    try:
        con.execute(_key_statement(passphrase))
        con.execute("PRAGMA temp_store = MEMORY")
        highest = read_generation(con)
        others = [b.path for b in list_backups(paths) if b.kind in VERIFIED_KINDS]
        if paths.vault.exists():
            others.append(paths.vault)
        for other in others:
            try:
                con.execute("ATTACH DATABASE ? AS selfcare_gen", (str(other),))
            except sqlcipher3.Error:
                continue  # a different passphrase or a damaged file: it can't be compared
            try:
                highest = max(highest, read_generation(con, "selfcare_gen"))
            except sqlcipher3.Error:
                pass
            finally:
                con.execute("DETACH DATABASE selfcare_gen")
        if user_version(con) < SCHEMA_VERSION:
            from selfcare_app.data.migrations import migrate

            migrate(con)  # what the first open would do; then the counter exists
        if user_version(con) >= 2:
            con.execute("UPDATE vault_meta SET value = ? WHERE key = 'generation'",
                        (highest + 1,))
    finally:
        con.close()


def _remove_file_set(path: Path) -> None:
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _keep_current(paths: AppPaths, passphrase: str, now: datetime) -> Backup | None:
    vault_path = paths.vault
    if not vault_path.exists():
        return None
    try:
        vault = Vault.open(vault_path, passphrase)
    except VaultBusyError:
        raise  # in use is not damaged: never move a busy vault aside
    except VaultError:
        return _move_aside(paths, now)
    try:
        kept = create_backup(vault, paths, "pre-restore", now)
    finally:
        vault.close()
    if Path(f"{vault_path}-wal").exists():
        # Closing the last connection removes the WAL; it is still there, so another
        # connection has the vault open and must not have the file replaced under it.
        raise VaultInUseError()
    return kept


def _move_aside(paths: AppPaths, now: datetime) -> Backup:
    """Rename the vault and its sidecars into backups/ under one new name, bytes untouched."""
    folder = _ensure_dir(paths)
    target = _new_name(folder, "replaced", now)
    os.rename(paths.vault, target)
    for suffix in SIDECARS:
        side = Path(f"{paths.vault}{suffix}")
        if side.exists():
            os.rename(side, Path(f"{target}{suffix}"))
    _fsync_dir(folder)
    _fsync_dir(paths.vault.parent)
    made = parse_name(target)
    assert made is not None
    return made


def _move_orphan(paths: AppPaths, orphan: Path, now: datetime) -> None:
    """A -wal/-shm left without its vault (an interrupted move): pair it with the newest
    `replaced` backup that lacks one, or keep it under a new `replaced` name. Never delete."""
    suffix = orphan.name[len(paths.vault.name):]
    folder = _ensure_dir(paths)
    for b in list_backups(paths):
        if b.kind == "replaced" and not Path(f"{b.path}{suffix}").exists():
            os.rename(orphan, Path(f"{b.path}{suffix}"))
            break
    else:
        os.rename(orphan, Path(f"{_new_name(folder, 'replaced', now)}{suffix}"))
    _fsync_dir(folder)

