"""Tell a wrong passphrase from a damaged vault header (SECURITY.md §c, "Triage").

SQLCipher reports both as SQLITE_NOTADB. Called by `Vault.open` when the key does not work:
- a passphrase change that did not finish → PassphraseChangeInterruptedError (try the other);
- the same passphrase opens the newest backup → DamagedHeaderError (offer that backup);
- otherwise → WrongPassphraseError.
Nothing here writes: backups are opened read-only. Imports only what does not import the
vault (data/backup_files.py, data/connection.py), so opening a vault has no import cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from selfcare_app.data.backup_files import (
    DamagedHeaderError,
    key_opens_backup,
    newest_verified_backup,
)
from selfcare_app.data.errors import VaultError, WrongPassphraseError
from selfcare_app.paths import AppPaths

# Written by data/rekey.py for the length of a passphrase change; kept here because the open
# sequence reads it, and rekey (which needs the vault) must not be imported by the vault.
PENDING_SUFFIX: Final = ".passwd-pending"


class PassphraseChangeInterruptedError(WrongPassphraseError):
    """The passphrase did not open the vault, and a passphrase change did not finish."""

    def __init__(self) -> None:
        super().__init__(
            "That passphrase did not unlock the vault. A passphrase change was interrupted, "
            "so the vault opens with exactly one of your previous and your new passphrase: "
            "try the other one. Then change the passphrase again (selfcare-app passwd) "
            "to finish."
        )


def pending_marker(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + PENDING_SUFFIX)


def passphrase_change_pending(vault_path: Path) -> bool:
    """True while a passphrase change has started and not finished (e.g. after a crash)."""
    return pending_marker(vault_path).exists()


def explain_wrong_passphrase(vault_path: Path, passphrase: str) -> VaultError:
    try:
        if passphrase_change_pending(vault_path):
            return PassphraseChangeInterruptedError()
        newest = newest_verified_backup(AppPaths(vault_path.parent))
        if newest is not None and key_opens_backup(newest.path, passphrase):
            return DamagedHeaderError(newest)
    except OSError:
        pass
    return WrongPassphraseError()
