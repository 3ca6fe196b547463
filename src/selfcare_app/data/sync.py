"""Synced folders (Dropbox, OneDrive, Syncthing, Nextcloud, iCloud): what they do to a vault.

- A sync client may put back an older `vault.db` (a rollback). Every write raises a generation
  counter stored in the vault, and backups carry it (VACUUM INTO copies it), so a vault whose
  generation is below its newest backup's is noticed on open (`rollback_notice`).
- Two devices editing at once leave conflicted copies beside the vault
  (`vault (conflicted copy …).db`, `vault.sync-conflict-….db` …). They are found by name
  (`conflicted_copies`), merged day by day (newer edit wins, every day only in the copy is
  added, nothing else removed) or set aside into `backups/set-aside/`, never deleted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

import sqlcipher3

from selfcare_app.atomic import fsync_dir as _fsync_dir
from selfcare_app.data.backup_files import Backup, list_backups
from selfcare_app.data.connection import read_generation
from selfcare_app.data.entries import COLUMNS as _COLUMNS
from selfcare_app.data.entries import copy_days
from selfcare_app.data.entries import row_to_entry as _row_to_entry
from selfcare_app.data.errors import VaultError
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths

SET_ASIDE: Final = "set-aside"
_ATTACH: Final = "selfcare_other"
# "vault (Ann's conflicted copy 2026-05-01).db", "vault (conflicted copy 2026-05-01 101010).db",
# "vault.sync-conflict-20260501-101010-ABCDEFG.db", "vault-conflict-….db", "vault (1).db",
# "vault-DESKTOP-1AB2C3D.db" (OneDrive's machine suffix), "vault.db.conflict", "vault 2.db".
_CONFLICT: Final = re.compile(
    r"^vault(?:\.db)?(?:"
    r"[ ._-].*conflict.*"          # Dropbox, Nextcloud, Syncthing, ownCloud, pCloud
    r"|\s?\(\d+\)\.db"              # Google Drive, Box
    r"|-[A-Za-z0-9]+-[A-Za-z0-9-]+\.db"  # OneDrive "vault-MACHINE.db"
    r"| \d+\.db"                     # iCloud "vault 2.db"
    r")$",
    re.IGNORECASE,
)


def is_conflicted_copy(name: str) -> bool:
    return name != "vault.db" and bool(_CONFLICT.match(name)) and not name.endswith(
        ("-wal", "-shm", "-journal", ".lock"))


def conflicted_copies(paths: AppPaths) -> list[Path]:
    """Conflicted copies beside the vault, oldest first by modification time."""
    folder = paths.data_dir
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir()
             if p.is_file() and not p.is_symlink() and is_conflicted_copy(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


# -- rollback -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollbackNotice:
    vault_generation: int
    backup: Backup
    backup_generation: int

    def message(self) -> str:
        return (
            f"Your vault looks older than your backup from {self.backup.taken_at:%Y-%m-%d %H:%M}"
            " (it may have been put back by a sync service). Nothing was changed. To get the "
            f"newer days back, restore that backup: selfcare-app restore {self.backup.name} "
            "(the current vault is kept as a backup)."
        )


def backup_generation(vault: Vault, path: Path) -> int | None:
    """A backup's generation, read through the vault's connection (ATTACH reuses its key);
    None if it doesn't open with this vault's passphrase."""
    con = vault.connection
    try:
        con.execute(f"ATTACH DATABASE ? AS {_ATTACH}", (str(path),))
    except sqlcipher3.Error:
        return None
    try:
        return read_generation(con, _ATTACH)
    except sqlcipher3.Error:
        return None
    finally:
        try:
            con.execute(f"DETACH DATABASE {_ATTACH}")
        except sqlcipher3.Error:
            pass


def rollback_notice(vault: Vault, paths: AppPaths) -> RollbackNotice | None:
    """Is the open vault older than one of its backups? Names the one with the most writes.

    Cheap: backups share the vault's salt, so ATTACH reuses the derived key (~3 ms each).
    """
    current = vault.generation
    best: RollbackNotice | None = None
    for b in list_backups(paths):
        if b.kind == "replaced":
            continue  # may be damaged or under another passphrase
        gen = backup_generation(vault, b.path)
        if gen is not None and gen > current and (best is None or gen > best.backup_generation):
            best = RollbackNotice(current, b, gen)
    return best


# -- conflicted copies ----------------------------------------------------------------------


@dataclass
class MergePlan:
    copy: Path
    add: list[date] = field(default_factory=list)  # only in the copy
    take: list[date] = field(default_factory=list)  # in both; the copy's edit is newer
    keep: list[date] = field(default_factory=list)  # in both, differ; the vault's is newer
    same: int = 0

    def summary(self) -> str:
        return (f"{self.copy.name}: {len(self.add)} day(s) only in the copy, "
                f"{len(self.take)} newer in the copy, {len(self.keep)} newer in your vault, "
                f"{self.same} the same")


class ConflictedCopyError(VaultError):
    exit_code = 4

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} doesn't open with this vault's passphrase or is damaged, so it can't "
            "be merged; it was left as it was (set it aside, or open it with its own "
            "passphrase)."
        )


def _attach_copy(vault: Vault, copy: Path) -> None:
    try:
        vault.connection.execute(f"ATTACH DATABASE ? AS {_ATTACH}",
                                 (str(copy),))
        vault.connection.execute(f"SELECT count(*) FROM {_ATTACH}.daily_entry").fetchone()
    except sqlcipher3.Error:
        _detach(vault)
        raise ConflictedCopyError(copy) from None


def _detach(vault: Vault) -> None:
    try:
        vault.connection.execute(f"DETACH DATABASE {_ATTACH}")
    except sqlcipher3.Error:
        pass


def plan_merge(vault: Vault, copy: Path) -> MergePlan:
    _attach_copy(vault, copy)
    try:
        return _plan(vault, copy)
    finally:
        _detach(vault)


def _plan(vault: Vault, copy: Path) -> MergePlan:
    con = vault.connection
    cols = _COLUMNS
    mine = {r[0]: _row_to_entry(r) for r in con.execute(f"SELECT {cols} FROM main.daily_entry")}
    plan = MergePlan(copy)
    for row in con.execute(f"SELECT {cols} FROM {_ATTACH}.daily_entry ORDER BY day"):
        theirs = _row_to_entry(row)
        ours = mine.get(row[0])
        if ours is None:
            plan.add.append(theirs.day)
        elif ours == theirs:
            plan.same += 1
        elif (theirs.updated_at or datetime.min) > (ours.updated_at or datetime.min):
            plan.take.append(theirs.day)
        else:
            plan.keep.append(theirs.day)
    return plan


def merge_copy(vault: Vault, paths: AppPaths, copy: Path) -> MergePlan:
    """Merge the copy's days in (newer edit wins), then set the copy aside (not deleted)."""
    _attach_copy(vault, copy)
    try:
        plan = _plan(vault, copy)
        days = [d.isoformat() for d in (*plan.add, *plan.take)]
        if days:
            with vault.transaction() as con:
                copy_days(con, _ATTACH, days)
    finally:
        _detach(vault)
    set_aside(paths, copy)
    return plan


def set_aside(paths: AppPaths, copy: Path) -> Path:
    """Move a conflicted copy (and any -wal/-shm beside it) to backups/set-aside/."""
    folder = paths.backups / SET_ASIDE
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{datetime.now():%Y%m%d-%H%M%S}-{copy.name}"
    os.replace(copy, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{copy}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    _fsync_dir(folder)
    _fsync_dir(copy.parent)
    return target


@dataclass
class UnlockNotices:
    """What the student should hear right after unlocking (empty: nothing)."""

    rollback: RollbackNotice | None = None
    plans: list[MergePlan] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)  # copies under another passphrase
    other: list[str] = field(default_factory=list)  # e.g. the disk is full

    def __bool__(self) -> bool:
        return bool(self.rollback or self.plans or self.unreadable or self.other)


def unlock_notices(vault: Vault, paths: AppPaths) -> UnlockNotices:
    notices = UnlockNotices(rollback=rollback_notice(vault, paths), other=list(vault.notices))
    for copy in conflicted_copies(paths):
        try:
            notices.plans.append(plan_merge(vault, copy))
        except ConflictedCopyError:
            notices.unreadable.append(copy)
    return notices
