"""Tell a wrong passphrase from a damaged vault header (SECURITY.md §c, "Triage").

SQLCipher reports both as SQLITE_NOTADB. Called by `Vault.open` when the key does not work:
- a passphrase change that did not finish → PassphraseChangeInterruptedError (try the other);
- the same passphrase opens the newest backup → DamagedHeaderError (offer that backup);
- otherwise → WrongPassphraseError.
Nothing here writes: backups are opened read-only.
"""

from __future__ import annotations

from pathlib import Path

from selfcare_app.data.backups import DamagedHeaderError, key_opens_backup, newest_verified_backup
from selfcare_app.data.errors import VaultError, WrongPassphraseError
from selfcare_app.data.rekey import PassphraseChangeInterruptedError, passphrase_change_pending
from selfcare_app.paths import AppPaths


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
