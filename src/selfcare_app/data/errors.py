"""One exception type per way a vault can fail, each with a message a student can act on.

None of these messages ever contains the passphrase or anything the student wrote.
"""

from __future__ import annotations

from selfcare_app.i18n import _


class VaultError(Exception):
    """Base class; `str(error)` is a complete, plain-language sentence."""

    exit_code = 4


class VaultMissingError(VaultError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("No vault found at {path}. Create one with 'selfcare-app init' or open the app.")
            .format(path=path)
        )


class VaultExistsError(VaultError):
    exit_code = 2

    def __init__(self, path: object) -> None:
        super().__init__(
            _("A file already exists at {path}; it was left untouched. "
              "Choose another data folder or open the existing vault.").format(path=path)
        )


class WrongPassphraseError(VaultError):
    """SQLITE_NOTADB: a wrong passphrase and a damaged first page look the same to SQLCipher."""

    exit_code = 3

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            detail
            or _("That passphrase did not unlock the vault. That's usually a typing slip: "
                 "passphrases are case-sensitive, so check Caps Lock and the keyboard layout, "
                 "then try again.")
        )


class DamagedVaultError(VaultError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            _("The vault file looks damaged: {detail}. It was left exactly as it was; "
              "restore a backup or contact support before changing it.").format(detail=detail)
        )


class UnencryptedFileError(DamagedVaultError):
    def __init__(self, path: object) -> None:
        super().__init__(_("{path} is an unencrypted SQLite file, not a Selfcare vault").format(
            path=path))


class VaultTooNewError(VaultError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            _("This vault was written by a newer version of Selfcare (data format {found}; "
              "this version reads up to {supported}). Update the app; the vault was not "
              "changed.").format(found=found, supported=supported)
        )


class StorageWriteError(VaultError):
    """Disk full, read-only file or another I/O failure while writing."""

    exit_code = 1

    def __init__(self, detail: str) -> None:
        super().__init__(
            _("Could not save: {detail}. Nothing was changed; what you entered is still here.")
            .format(detail=detail)
        )


class VaultClosedError(VaultError):
    exit_code = 1

    def __init__(self) -> None:
        super().__init__(_("The vault is locked. Unlock it to continue."))


class PassphraseRejected(ValueError):
    """An empty or weak new passphrase, refused before any key is derived."""


class VaultBusyError(VaultError):
    """Another Selfcare window or command holds the vault (a lock, or SQLite's write lock)
    for longer than we wait. Not damage: trying again later works."""

    exit_code = 6

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            _("The vault is in use by another Selfcare window or command ({detail}). Close it "
              "or wait until it has finished, then try again; nothing was changed.").format(
                  detail=detail) if detail else
            _("The vault is in use by another Selfcare window or command. Close it or wait "
              "until it has finished, then try again; nothing was changed.")
        )
