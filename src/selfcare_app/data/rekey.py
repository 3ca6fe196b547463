"""Change the vault's passphrase; after a crash at any point exactly one of old or new opens it.

`PRAGMA rekey` rewrites every page with the new key in one write transaction. In WAL mode the
new pages go to the WAL and count only once the commit frame is there; in rollback mode the
journal restores the old pages. So a crash leaves either the old or the new key in force, never
a mix (SQLCipher's `rekey-delete-and-query-wal` tests; SECURITY.md finding 3; our own kill test
in tests/reliability/test_crash.py).

The order of steps:
1. open with the current passphrase (proves it);
2. write a marker file `vault.db.passwd-pending` (no secret in it) and fsync it;
3. `PRAGMA rekey`, close (checkpoint), reopen with the new passphrase and check integrity;
4. re-encrypt each backup with the new passphrase (copy, rekey, verify, atomic rename), so the
   old passphrase stops opening them and "newest backup" triage stays correct;
5. remove the marker.
While the marker exists, a failed unlock says a change was interrupted and that the other
passphrase is the one to try; running the change again with both passphrases finishes it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import sqlcipher3

from selfcare_app.atomic import fsync_dir, fsync_file
from selfcare_app.core.passphrase import check_strength
from selfcare_app.data.backups import (
    VERIFIED_KINDS,
    key_opens_backup,
    list_backups,
    remove_file_set,
    verify_backup,
)
from selfcare_app.data.connection import connect, key_statement, normalize_passphrase
from selfcare_app.data.errors import (
    PassphraseRejected,
    VaultError,
    WrongPassphraseError,
)
from selfcare_app.data.precheck import precheck
from selfcare_app.data.security import harden_process
from selfcare_app.data.triage import (
    PENDING_SUFFIX,
    PassphraseChangeInterruptedError,
    passphrase_change_pending,
    pending_marker,
)
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths

# The interrupted-change marker is read when a vault will not open (data/triage.py).
__all__ = [
    "PENDING_SUFFIX", "PassphraseChangeFailedError", "PassphraseChangeInterruptedError",
    "PassphraseChangeResult", "change_passphrase", "key_opens_vault", "passphrase_change_pending",
    "pending_marker", "which_passphrase_opens",
]

class PassphraseChangeFailedError(VaultError):
    exit_code = 1

    def __init__(self, detail: str) -> None:
        super().__init__(f"The passphrase was not changed: {detail}")


@dataclass(frozen=True)
class PassphraseChangeResult:
    already_changed: bool  # an earlier, interrupted change had already taken effect
    backups_reencrypted: int
    backups_skipped: tuple[Path, ...]  # backups that open with neither passphrase, left as is


def key_opens_vault(vault_path: Path, passphrase: str) -> bool:
    """Does `passphrase` decrypt the vault? Read-write connection, so a WAL left by a crash is
    recovered the same way the app would; nothing is written for a wrong passphrase."""
    passphrase = normalize_passphrase(passphrase)
    harden_process()
    precheck(vault_path)
    try:
        connect(vault_path, passphrase).close()
    except WrongPassphraseError:
        return False
    return True


def which_passphrase_opens(vault_path: Path, old: str,
                           new: str) -> Literal["old", "new"] | None:
    """After an interrupted change: which of the two passphrases opens the vault now."""
    if key_opens_vault(vault_path, new):
        return "new"
    if key_opens_vault(vault_path, old):
        return "old"
    return None


def change_passphrase(vault_path: Path, current: str, new: str) -> PassphraseChangeResult:
    """Re-encrypt the vault (and its backups) under `new`. The vault must not be open, and
    no other Selfcare window or command may hold it (VaultBusyError).

    Also finishes an earlier change that was interrupted after the vault itself was rekeyed
    (then `current` no longer opens it but `new` does: `already_changed` is True).
    """
    from selfcare_app.data.vault_lock import exclusive

    with exclusive(vault_path, "changing the passphrase"):
        return _change_passphrase(vault_path, current, new)


def _change_passphrase(vault_path: Path, current: str, new: str) -> PassphraseChangeResult:
    current = normalize_passphrase(current)
    new = normalize_passphrase(new)
    strength = check_strength(new)
    if not strength.acceptable:
        raise PassphraseRejected(f"Passphrase not accepted: {strength.message}")
    if new == current:
        raise PassphraseRejected(
            "The new passphrase is the same as the current one; nothing was changed."
        )
    try:
        vault = Vault.open(vault_path, current)
    except WrongPassphraseError:
        if not key_opens_vault(vault_path, new):
            raise WrongPassphraseError(
                "The current passphrase you typed did not unlock the vault; nothing was changed."
            ) from None
        Vault.open(vault_path, new).close()  # full open: integrity checked with the new key
        done, skipped = _reencrypt_backups(vault_path, current, new)
        _clear_marker(vault_path)
        return PassphraseChangeResult(True, done, skipped)

    marker = pending_marker(vault_path)
    try:
        _write_marker(marker)
        vault.rekey(new)
    except BaseException:
        vault.close()
        try:
            if key_opens_vault(vault_path, current):
                _clear_marker(vault_path)  # the rekey rolled back: nothing changed
        except (VaultError, OSError):
            pass  # keep the marker: the next unlock will say which passphrase to try
        raise
    vault.close()
    try:
        Vault.open(vault_path, new).close()
    except WrongPassphraseError:
        if key_opens_vault(vault_path, current):
            _clear_marker(vault_path)
            raise PassphraseChangeFailedError(
                "the vault did not accept the new key (is it on a read-only disk?). "
                "Your passphrase is unchanged."
            ) from None
        raise
    done, skipped = _reencrypt_backups(vault_path, current, new)
    _clear_marker(vault_path)
    return PassphraseChangeResult(False, done, skipped)


def _write_marker(marker: Path) -> None:
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, f"passphrase change started {datetime.now():%Y-%m-%d %H:%M:%S}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(marker.parent)


def _clear_marker(vault_path: Path) -> None:
    marker = pending_marker(vault_path)
    if marker.exists():
        marker.unlink()
        fsync_dir(marker.parent)


def _reencrypt_backups(vault_path: Path, current: str,
                       new: str) -> tuple[int, tuple[Path, ...]]:
    done = 0
    skipped: list[Path] = []
    for backup in list_backups(AppPaths(vault_path.parent)):
        if backup.kind not in VERIFIED_KINDS:
            continue  # 'replaced' files may be damaged or WAL-mode: kept exactly as they were
        outcome = _rekey_backup(backup.path, current, new)
        if outcome == "done":
            done += 1
        elif outcome == "skipped":
            skipped.append(backup.path)
    return done, tuple(skipped)


def _rekey_backup(path: Path, current: str, new: str) -> Literal["done", "already", "skipped"]:
    """Rekey a copy of a (closed, rollback-journal) backup and rename it over the original."""
    work = Path(f"{path}.rekeying")
    remove_file_set(work)
    try:
        shutil.copyfile(path, work)
        os.chmod(work, 0o600)
        con = sqlcipher3.connect(str(work), isolation_level=None)
        try:
            con.execute(key_statement(current))
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            con.close()
            remove_file_set(work)
            return "already" if key_opens_backup(path, new) else "skipped"
        try:
            con.execute("PRAGMA temp_store = MEMORY")
            con.execute(key_statement(new, "rekey"))
        finally:
            con.close()
        verify_backup(work, new, full=False)
        fsync_file(work)
        os.replace(work, path)
        fsync_dir(path.parent)
    except (VaultError, sqlcipher3.Error, OSError):
        remove_file_set(work)
        return "skipped"
    return "done"
