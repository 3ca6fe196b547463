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
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import sqlcipher3

from selfcare_app.atomic import fsync_dir, fsync_file
from selfcare_app.data.backup_files import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    KINDS,
    LEFTOVER_SUFFIXES,
    ROTATED_KINDS,
    SIDECARS,
    VERIFIED_KINDS,
    Backup,
    BackupCheck,
    BackupError,
    BackupNotFoundError,
    DamagedBackupError,
    DamagedHeaderError,
    RestoreResult,
    VaultInUseError,
    backup_dir,
    ensure_dir,
    find_backup,
    key_opens_backup,
    list_backups,
    new_name,
    newest_verified_backup,
    open_read_only,
    parse_name,
    verify_backup,
)
from selfcare_app.data.connection import (
    key_statement,
    normalize_passphrase,
    read_generation,
    set_generation,
    storage_error,
)
from selfcare_app.data.errors import VaultBusyError, VaultError
from selfcare_app.data.migrations import SCHEMA_VERSION, user_version
from selfcare_app.data.precheck import RESTORES_RUNNING, SQLITE_HEADER, restore_ready_marker
from selfcare_app.data.sync import backup_generation
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths

# Listing and reading backups live in backup_files.py (the vault's open sequence needs them);
# these names stay importable from here.
__all__ = [
    "KEEP_DAILY", "KEEP_WEEKLY", "KINDS", "ROTATED_KINDS", "SIDECARS", "VERIFIED_KINDS",
    "Backup", "BackupCheck", "BackupError", "BackupNotFoundError", "DamagedBackupError",
    "DamagedHeaderError", "RestoreResult", "VaultInUseError", "auto_backup", "backup_dir",
    "backup_now", "create_backup", "find_backup", "key_opens_backup", "list_backups",
    "newest_verified_backup", "open_read_only", "parse_name", "plan_rotation", "restore",
    "rotate", "verify_backup",
]


# -- making backups ---------------------------------------------------------------------------


def create_backup(vault: Vault, paths: AppPaths, kind: str = "manual",
                  now: datetime | None = None) -> Backup:
    """Write an encrypted copy of the open vault into `backups/` and read it back.

    Raises StorageWriteError (disk full, read-only) or BackupError; a failed backup leaves no
    file behind. Does not rotate: see `backup_now` and `auto_backup`.
    """
    if kind not in VERIFIED_KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    folder = ensure_dir(paths)
    target = new_name(folder, kind, now or datetime.now())
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
        if p.is_file() and p.name.startswith("vault-") and p.name.endswith(LEFTOVER_SUFFIXES):
            p.unlink(missing_ok=True)
            removed.append(p)
    _, prune = plan_rotation(list_backups(paths))
    if vault is not None and prune:
        current = vault.generation
        prune = [b for b in prune if (backup_generation(vault, b.path) or 0) <= current]
    for b in prune:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    if removed:
        fsync_dir(folder)
    return removed


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
    remove_file_set(staging)
    try:
        con = open_read_only(backup, passphrase)
        try:
            con.execute("VACUUM INTO ?", (str(staging),))
        finally:
            con.close()
        os.chmod(staging, 0o600)
        _raise_generation(paths, staging, passphrase)
        fsync_file(staging)
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
        fsync_dir(vault_path.parent)
        restore_ready_marker(vault_path).unlink(missing_ok=True)
    except sqlcipher3.Error as exc:
        remove_file_set(staging)
        restore_ready_marker(vault_path).unlink(missing_ok=True)
        raise storage_error(exc) from None
    except BaseException:
        remove_file_set(staging)
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
    fsync_dir(marker.parent)


def _raise_generation(paths: AppPaths, staging: Path, passphrase: str) -> None:
    """Give the restored copy a generation above the vault it replaces and every backup, so
    the next open doesn't mistake the (older) restored vault for one a sync service put back."""

    con = sqlcipher3.connect(str(staging), isolation_level=None)
    try:
        con.execute(key_statement(passphrase))
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
            set_generation(con, highest + 1)
    finally:
        con.close()


def remove_file_set(path: Path) -> None:
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
    folder = ensure_dir(paths)
    target = new_name(folder, "replaced", now)
    os.rename(paths.vault, target)
    for suffix in SIDECARS:
        side = Path(f"{paths.vault}{suffix}")
        if side.exists():
            os.rename(side, Path(f"{target}{suffix}"))
    fsync_dir(folder)
    fsync_dir(paths.vault.parent)
    made = parse_name(target)
    assert made is not None
    return made


def _move_orphan(paths: AppPaths, orphan: Path, now: datetime) -> None:
    """A -wal/-shm left without its vault (an interrupted move): pair it with the newest
    `replaced` backup that lacks one, or keep it under a new `replaced` name. Never delete."""
    suffix = orphan.name[len(paths.vault.name):]
    folder = ensure_dir(paths)
    for b in list_backups(paths):
        if b.kind == "replaced" and not Path(f"{b.path}{suffix}").exists():
            os.rename(orphan, Path(f"{b.path}{suffix}"))
            break
    else:
        os.rename(orphan, Path(f"{new_name(folder, 'replaced', now)}{suffix}"))
    fsync_dir(folder)

