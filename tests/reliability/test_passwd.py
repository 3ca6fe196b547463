"""Changing the passphrase: data/rekey.py and the `passwd` CLI command."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import PASS, init_vault, run_cli
from tests.reliability.conftest import make_vault, run_child, sha256

NEW = "violet lantern 93 orbit"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A vault with 5 entries and two backups (different days)."""
    from selfcare_app.data.backups import create_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    folder = tmp_path / "data"
    make_vault(folder / "vault.db", days=5)
    with Vault.open(folder / "vault.db", PASS) as vault:
        create_backup(vault, AppPaths(folder), "auto", datetime(2024, 5, 1, 9))
        create_backup(vault, AppPaths(folder), "manual", datetime(2024, 5, 2, 9))
    return folder


def test_change_passphrase_rekeys_vault_and_backups(data: Path) -> None:
    from selfcare_app.data.backups import key_opens_backup, list_backups
    from selfcare_app.data.errors import WrongPassphraseError
    from selfcare_app.data.rekey import change_passphrase, passphrase_change_pending
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    result = change_passphrase(data / "vault.db", PASS, NEW)
    assert not result.already_changed
    assert result.backups_reencrypted == 2 and result.backups_skipped == ()
    with Vault.open(data / "vault.db", NEW) as vault:
        assert vault.entries.count() == 5
        assert vault.pragma("journal_mode") == "wal"
    with pytest.raises(WrongPassphraseError) as caught:
        Vault.open(data / "vault.db", PASS)
    assert type(caught.value) is WrongPassphraseError  # not "damaged", not "interrupted"
    backups = list_backups(AppPaths(data))
    assert len(backups) == 2
    assert all(key_opens_backup(b.path, NEW) and not key_opens_backup(b.path, PASS)
               for b in backups)
    assert not passphrase_change_pending(data / "vault.db")
    assert not list((data / "backups").glob("*.rekeying*"))


def test_change_passphrase_refuses_weak_same_or_wrong_and_changes_nothing(data: Path) -> None:
    from selfcare_app.data.errors import PassphraseRejected, WrongPassphraseError
    from selfcare_app.data.rekey import change_passphrase, passphrase_change_pending

    vault = data / "vault.db"
    before = {p.name: sha256(p) for p in [vault, *sorted((data / "backups").iterdir())]}
    with pytest.raises(PassphraseRejected):
        change_passphrase(vault, PASS, "short1")
    with pytest.raises(PassphraseRejected):
        change_passphrase(vault, PASS, PASS)
    with pytest.raises(WrongPassphraseError):
        change_passphrase(vault, "not the passphrase at all", NEW)
    after = {p.name: sha256(p) for p in [vault, *sorted((data / "backups").iterdir())]}
    assert after == before
    assert not passphrase_change_pending(vault)


def test_interrupted_after_rekey_is_reported_and_finished_by_a_rerun(data: Path) -> None:
    """Simulate a crash after the vault was rekeyed but before the backups were."""
    from selfcare_app.data.backups import key_opens_backup, list_backups
    from selfcare_app.data.rekey import (
        PassphraseChangeInterruptedError,
        change_passphrase,
        pending_marker,
        which_passphrase_opens,
    )
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    vault_path = data / "vault.db"
    pending_marker(vault_path).write_text("passphrase change started\n")
    with Vault.open(vault_path, PASS) as vault:
        vault.rekey(NEW)
    with pytest.raises(PassphraseChangeInterruptedError) as caught:
        Vault.open(vault_path, PASS)
    assert caught.value.exit_code == 3
    assert "try the other one" in str(caught.value)
    assert which_passphrase_opens(vault_path, PASS, NEW) == "new"

    result = change_passphrase(vault_path, PASS, NEW)
    assert result.already_changed and result.backups_reencrypted == 2
    assert not pending_marker(vault_path).exists()
    assert all(key_opens_backup(b.path, NEW) for b in list_backups(AppPaths(data)))


def test_interrupted_before_rekey_says_old_one_and_rerun_changes_it(data: Path) -> None:
    from selfcare_app.data.rekey import (
        PassphraseChangeInterruptedError,
        change_passphrase,
        pending_marker,
        which_passphrase_opens,
    )
    from selfcare_app.data.vault import Vault

    vault_path = data / "vault.db"
    pending_marker(vault_path).write_text("passphrase change started\n")
    with pytest.raises(PassphraseChangeInterruptedError):
        Vault.open(vault_path, NEW)
    assert which_passphrase_opens(vault_path, PASS, NEW) == "old"
    assert not change_passphrase(vault_path, PASS, NEW).already_changed
    assert which_passphrase_opens(vault_path, PASS, NEW) == "new"


def test_crash_after_rekey_commit_before_checkpoint_opens_with_new(tmp_path: Path) -> None:
    """Regression: cipher_integrity_check reads only the main file, which still holds old-key
    pages until the WAL is checkpointed; Vault.open must not call that vault damaged."""
    from selfcare_app.data.errors import WrongPassphraseError
    from selfcare_app.data.vault import Vault

    vault_path = make_vault(tmp_path / "data" / "vault.db", days=40, note_chars=2000)
    run = run_child("rekey_no_checkpoint", str(vault_path), PASS, NEW)
    assert "rekeyed" in run.lines
    assert Path(f"{vault_path}-wal").stat().st_size > 0  # the rekey lives in the WAL only
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASS)
    with Vault.open(vault_path, NEW) as vault:
        assert vault.entries.count() == 40
        assert vault.check(full=True) == []


def test_cli_passwd(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    assert run_cli(data, "log", "--day", "2024-03-01", "--stress", "4").code == 0

    weak = run_cli(data, "passwd", stdin=f"{PASS}\nabc\n")
    assert weak.code == 2 and "not accepted" in weak.err
    wrong = run_cli(data, "passwd", stdin=f"not it at all\n{NEW}\n")
    assert wrong.code == 3
    assert run_cli(data, "show").code == 0  # still the old passphrase

    ok = run_cli(data, "passwd", stdin=f"{PASS}\n{NEW}\n{NEW}\n")
    assert ok.code == 0, ok.err
    assert "Passphrase changed" in ok.out
    assert run_cli(data, "show").code == 3
    shown = run_cli(data, "show", "--format", "csv", stdin=NEW + "\n")
    assert shown.code == 0 and "2024-03-01,4" in shown.out

    again = run_cli(data, "passwd", stdin=f"{PASS}\n{NEW}\n")  # a re-run after a crash
    assert again.code == 0 and "already taken effect" in again.out
